"""The backward pass from the output: g'(z) as a function of g, where g alone decides it.

The form in g comes from the engine piece by piece, each piece valid on the
values g takes there (its image).  Code must also cope with g rounded onto
the end of an image (SELU's g -> -λα far left), so pieces are told apart
by where their images separate rather than by the images' ends; at a kink,
the value autograd uses must be the only slope that inputs with that output
can have, else there is no backward from the output.
"""

from __future__ import annotations

from collections.abc import Mapping

import sympy as sp
from sympy.core.relational import Relational

from ..derivation import G, Kink
from ..piecewise import PIECEWISE_TYPES
from .branches import Ambiguous, as_piecewise_nodes, decide_points
from .common import Z


def from_output(
    function: sp.Expr, in_g: sp.Expr | None, kinks: tuple[Kink, ...], values: Mapping
) -> tuple[sp.Expr | None, str]:
    """(g'(z) written with g, the convention included, or None; why None)."""
    if in_g is None:
        return None, ""
    if in_g.has(Z):
        return None, "the form in g still needs z"
    in_g = separated(as_piecewise_nodes(in_g, G, values), values)
    bounds = _bounds(in_g)
    fixed: dict[sp.Expr, sp.Expr] = {}
    for kink in kinks:
        output = _output_at(function, kink.at, values, bounds)
        for known, value in fixed.items():
            if _numeric(known, values) == _numeric(output, values) and value != kink.value_used:
                return None, "two kinks give the same output but use different slopes"
        fixed[output] = kink.value_used
    try:
        return decide_points(in_g, G, fixed, values, strict=True), ""
    except Ambiguous:
        return None, (
            "at a kink, the output g is also the output of inputs where the slope differs, "
            "so the convention there needs z"
        )


def separated(form: sp.Expr, values: Mapping) -> sp.Expr:
    """A Piecewise in g whose pieces are told apart at the points where their images meet.

    Pieces are ordered by their images; each but the last is chosen below the
    start of the next (up to and including it when the piece is that one value,
    as relu's g = 0), the last above its start.  Left as it is when a condition
    is not an interval of g.
    """
    if not isinstance(form, sp.Piecewise) or len(form.args) < 2:
        return form
    pieces = []
    for formula, condition in form.args:
        span = _interval(condition)
        if span is None:
            return form
        pieces.append((formula, *span))
    pieces.sort(key=lambda piece: _numeric(piece[1], values))
    for (_, _, hi), (_, lo, _) in zip(pieces, pieces[1:], strict=False):
        if _numeric(hi, values) > _numeric(lo, values):
            return form  # images overlap: not pieces of a function of g
    branches = []
    for (formula, lo, hi), (_, start, _) in zip(pieces, pieces[1:], strict=False):
        one_value = lo == hi == start
        branches.append((formula, start >= G if one_value else start > G))
    formula, lo, hi = pieces[-1]
    branches.append((formula, lo <= G if lo == hi else lo < G))
    return sp.Piecewise(*branches, evaluate=False)


def _interval(condition: sp.Basic) -> tuple[sp.Expr, sp.Expr] | None:
    """(lowest, highest) values of g that ``condition`` allows, or None if not an interval."""
    if condition is sp.true:
        return (-sp.oo, sp.oo)
    parts = condition.args if isinstance(condition, sp.And) else (condition,)
    lo, hi = -sp.oo, sp.oo
    for part in parts:
        if not isinstance(part, Relational) or part.lhs != G or part.rhs.has(G):
            return None
        if isinstance(part, sp.Eq):
            lo = hi = part.rhs
        elif isinstance(part, (sp.StrictGreaterThan, sp.GreaterThan)):
            lo = part.rhs
        elif isinstance(part, (sp.StrictLessThan, sp.LessThan)):
            hi = part.rhs
        else:
            return None
    return lo, hi


def _bounds(form: sp.Expr) -> list[sp.Expr]:
    found = []
    for node in sp.preorder_traversal(form):
        if isinstance(node, Relational) and node.lhs == G:
            found.append(node.rhs)
    return found


def _output_at(function, point, values, candidates) -> sp.Expr:
    """g(point), as simply as possible: matched to a bound of the form in g when one fits."""
    exact = sp.simplify(function.xreplace({Z: point}))
    if not exact.has(*PIECEWISE_TYPES):
        return exact
    number = _numeric(exact, values)
    for candidate in candidates:
        if _numeric(candidate, values) == number:
            return candidate
    return exact


def _numeric(x: sp.Expr, values: Mapping[sp.Symbol, sp.Expr]) -> sp.Expr:
    if x in (sp.oo, -sp.oo):
        return x
    return sp.N(sp.S(x).xreplace(dict(values)), 25)
