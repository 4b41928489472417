"""Whether a Piecewise condition holds at a point, decided on numbers.

SymPy compares a located number (``NumericRoot``) by evaluating it again at every
comparison; a region's sample point is tested against many conditions, so here each
comparison is read once, on 40-digit values, and SymPy decides only a tie within them.
"""

from __future__ import annotations

from collections.abc import Mapping

import sympy as sp

from .memory import memoized


def holds(condition: sp.Basic, z: sp.Symbol, point: sp.Expr, values: Mapping) -> bool:
    """Whether ``condition`` holds at ``point`` (parameters at ``values``); TypeError where
    a side is not a real number, as SymPy's own comparison raises."""
    return _holds(condition, z, sp.S(point), tuple(sorted(dict(values).items(), key=str)))


_RELATIONS = {
    "<": lambda d: d < 0,
    "<=": lambda d: d <= 0,
    ">": lambda d: d > 0,
    ">=": lambda d: d >= 0,
    "==": lambda d: d == 0,
    "!=": lambda d: d != 0,
}


@memoized(4096)
def _holds(condition: sp.Basic, z: sp.Symbol, point: sp.Expr, values: tuple) -> bool:
    if condition in (sp.true, sp.false):
        return bool(condition)
    parts = [_holds(c, z, point, values) for c in condition.args] if condition.is_Boolean else []
    if isinstance(condition, sp.And):
        return all(parts)
    if isinstance(condition, sp.Or):
        return any(parts)
    if isinstance(condition, sp.Not):
        return not parts[0]
    exact = condition.xreplace({**dict(values), z: point})
    if isinstance(condition, sp.core.relational.Relational) and condition.rel_op in _RELATIONS:
        difference = sp.S(exact.lhs - exact.rhs) if exact.is_Relational else None
        if difference is not None and (difference.is_Number or difference.is_number):
            value = sp.N(difference, 40)
            if not value.is_extended_real or not value.is_finite:
                raise TypeError(f"{sp.sstr(condition)} at {point}: not a real comparison")
            scale = max(1, abs(sp.N(exact.lhs, 15)), abs(sp.N(exact.rhs, 15)))
            if value == 0 or abs(value) > sp.Float("1e-30") * scale:
                return bool(_RELATIONS[condition.rel_op](value))
    return bool(exact)  # a tie within the digits: SymPy decides exactly
