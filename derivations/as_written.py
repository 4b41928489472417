"""A typed formula exactly as written, nothing evaluated, so that it still says where it is defined.

parse.py builds with SymPy, which simplifies as it builds; this module reads the same
text with the same grammar but keeps the tree as typed.
"""

from __future__ import annotations

import sympy as sp

from .nesting import recursion_room
from .parse import Parser, Token


def parse_as_written(text: str, variable: sp.Symbol) -> sp.Expr | None:
    """The formula exactly as typed, nothing evaluated, or None if that cannot be built.

    SymPy simplifies as it builds: e^(3 log z) becomes z³, z/z becomes 1, √z² becomes z,
    and each loses where the formula was defined.  This tree keeps it.  Call it after
    ``parse`` accepted the text (it does not repeat parse's checks)."""
    try:
        with recursion_room():
            with sp.evaluate(False):
                written = _WrittenParser(text, variable, False).parse()
            return _constants_evaluated(written, variable)
    except Exception:  # the evaluated formula stands; only its guards are lost
        return None


def _constants_evaluated(expr: sp.Basic, variable: sp.Symbol) -> sp.Basic:
    """``expr`` with every part free of the variable evaluated (softplus(σ(3)) a number
    SymPy can reason about), the parts with the variable kept as typed."""
    if not expr.args:
        return expr
    if not expr.has(variable):
        return expr.func(*(_constants_evaluated(a, variable) for a in expr.args))
    args = tuple(_constants_evaluated(a, variable) for a in expr.args)
    if args == expr.args:
        return expr
    with sp.evaluate(False):
        return expr.func(*args)


class _WrittenParser(Parser):
    def real(self, value: sp.Expr, start: Token, hint: str = "") -> sp.Expr:
        # parse() checked every constant; SymPy's assumptions on unevaluated ones can
        # recurse without end (through evalf of softplus(σ(3)) and __eq__).
        return value
