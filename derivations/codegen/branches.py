"""Piecewise formulas made ready for ``where`` chains, with the kink convention built in.

A derivative comes out of the engine on open intervals (0 for z < 0, 1 for
z > 0): the breakpoints themselves belong to no piece.  Code must return a
number everywhere, and at a kink exactly the value autograd uses
(``Kink.value_used``).  ``decide_points`` closes an interval at each
breakpoint where one side's formula gives the right value (``z <= 0``), adds
an ``Eq`` branch where none does, and makes the last branch the default, so
that a chain of ``where`` calls computes exactly the formula plus the
convention.
"""

from __future__ import annotations

from collections.abc import Mapping

import sympy as sp
from sympy.core.relational import Relational

from ..errors import DerivationsError
from ..numeric_root import numeric_roots
from ..piecewise import as_piecewise, solved_for
from .stable import Expm1


class Ambiguous(Exception):
    """The convention at a point cannot be written in this variable (see ``decide_points``)."""


def as_piecewise_nodes(
    expr: sp.Basic, var: sp.Symbol, values: Mapping[sp.Symbol, sp.Expr] | None = None
) -> sp.Basic:
    """Heaviside as a Piecewise (value at 0 included) and conditions solved for ``var``.

    With ``values``, a bound like (a - 1) z > 0 is solved using the sign of a - 1 there.
    """

    def heaviside(argument, at_zero=sp.S.Half):
        return sp.Piecewise((1, argument > 0), (0, argument < 0), (at_zero, True))

    if expr.has(sp.Heaviside):
        expr = expr.replace(sp.Heaviside, heaviside)
    if expr.has(sp.DiracDelta):  # zero everywhere but at a breakpoint, decided separately
        expr = expr.replace(sp.DiracDelta, lambda *args: sp.S.Zero)
    return expr.replace(
        lambda e: isinstance(e, sp.Piecewise),
        lambda e: sp.Piecewise(
            *((x, _solved(c, var, values or {})) for x, c in e.args), evaluate=False
        ),
    )


def _solved(condition: sp.Basic, var: sp.Symbol, values) -> sp.Basic:
    """A linear condition as a bound on ``var``; a symbolic slope's sign taken at ``values``."""
    if isinstance(condition, (sp.And, sp.Or)):
        return condition.func(*(_solved(c, var, values) for c in condition.args), evaluate=False)
    condition = solved_for(condition, var)
    if not isinstance(condition, Relational) or isinstance(condition, (sp.Eq, sp.Ne)):
        return condition
    if condition.lhs == var and not condition.rhs.has(var):
        return condition
    difference = sp.expand(condition.lhs - condition.rhs)
    if not difference.is_polynomial(var) or sp.degree(difference, var) != 1:
        return condition
    slope, offset = difference.coeff(var), difference.subs(var, 0)
    sign = sp.sign(sp.N(slope.xreplace(dict(values)), 20))
    if sign == 0 or not sign.is_number:
        return condition
    flipped = {"<": ">", ">": "<", "<=": ">=", ">=": "<="}
    op = condition.rel_op if sign > 0 else flipped[condition.rel_op]
    return sp.Rel(var, sp.simplify(-offset / slope), op)


def decide_points(
    expr: sp.Expr,
    var: sp.Symbol,
    fixed: Mapping[sp.Expr, sp.Expr],
    values: Mapping[sp.Symbol, sp.Expr],
    *,
    strict: bool = False,
) -> sp.Expr:
    """``expr`` with a value at every breakpoint: ``fixed[c]`` at c, either side elsewhere.

    Inner Piecewise nodes get whichever side is finite at their breakpoints (the
    fixed points are then decided by the outermost branch).  ``values`` are the
    parameter values at which the pieces were told apart.  With ``strict``, a
    point that an existing branch already covers with another value raises
    Ambiguous instead of getting its own ``Eq`` branch: for a formula in g, other
    inputs share that value of g.
    """
    expr = as_piecewise_nodes(expr, var, values)

    def inner(node):  # replace works bottom-up: the node's own pieces are already decided
        return _decided(node.args, var, {}, values, strict=False)

    def decide_points_inside(node):
        return node.replace(lambda e: isinstance(e, sp.Piecewise), inner)

    if isinstance(expr, sp.Piecewise):
        branches = [(decide_points_inside(x), c) for x, c in expr.args]
    else:
        branches = [(decide_points_inside(expr), sp.true)]
    return _decided(branches, var, fixed, values, strict=strict)


def _decided(branches, var, fixed, values, *, strict: bool) -> sp.Expr:
    branches = list(branches)
    points = {p for _, c in branches for p in _bounds(c, var)} | set(fixed)
    for point in sorted(points, key=lambda p: _number(p, values)):
        branches = _decide(branches, var, point, fixed.get(point), values, strict)
    if len(branches) == 1:
        return branches[0][0]
    *first, (last, _) = branches
    return sp.Piecewise(*first, (last, sp.true), evaluate=False)


def _decide(branches, var, point, wanted, values, strict):
    for formula, condition in branches:
        if _holds(condition, var, point, values):
            if wanted is None or _same(formula.xreplace({var: point}), wanted):
                return branches
            if strict:
                raise Ambiguous(f"{var} = {point} is shared by other inputs")
            return [(wanted, sp.Eq(var, point)), *branches]
    for index, (formula, condition) in enumerate(branches):
        closed = _closed_at(condition, var, point)
        if closed is None or not _holds(closed, var, point, values):
            continue
        at_point = formula.xreplace({var: point})
        usable = _finite(at_point, values) if wanted is None else _same(at_point, wanted)
        if usable:
            return [*branches[:index], (formula, closed), *branches[index + 1 :]]
    if wanted is None:
        return branches  # a bound we cannot close: leave the default branch to it
    return [(wanted, sp.Eq(var, point)), *branches]


def _bounds(condition: sp.Basic, var: sp.Symbol) -> set[sp.Expr]:
    if condition in (sp.true, sp.false):
        return set()
    found = set()
    for relation in condition.atoms(Relational):
        if relation.lhs == var and not relation.rhs.has(var):
            found.add(relation.rhs)
    return found


def _closed_at(condition: sp.Basic, var: sp.Symbol, point: sp.Expr) -> sp.Basic | None:
    """``condition`` with its strict bound at ``point`` made non-strict, if it has one."""
    closing = {sp.StrictLessThan: sp.LessThan, sp.StrictGreaterThan: sp.GreaterThan}

    def close(relation):
        if type(relation) in closing and relation.lhs == var and _same(relation.rhs, point):
            return closing[type(relation)](var, relation.rhs)
        return relation

    if isinstance(condition, Relational):
        closed = close(condition)
    elif isinstance(condition, sp.And) and all(isinstance(a, Relational) for a in condition.args):
        closed = sp.And(*(close(a) for a in condition.args), evaluate=False)
    else:
        return None
    return None if closed == condition else closed


def _holds(condition: sp.Basic, var: sp.Symbol, point: sp.Expr, values) -> bool:
    try:
        truth = condition.xreplace({var: point}).xreplace(dict(values))
        if numeric_roots(truth):  # a point located numerically: its digits decide
            truth = truth.replace(lambda e: isinstance(e, Relational), _by_digits)
        if isinstance(truth, sp.Basic) and not isinstance(truth, sp.logic.boolalg.BooleanAtom):
            truth = truth.simplify()
        return truth is sp.true or truth is True
    except TypeError:
        return False


def _same(a: sp.Expr, b: sp.Expr) -> bool:
    """Equal for every parameter value, not only at the ones used to tell pieces apart."""
    difference = sp.S(a) - sp.S(b)
    if difference != 0 and numeric_roots(difference) and difference.is_number:
        return _tiny(difference)  # at a point located numerically: to 30 digits
    return difference == 0 or sp.simplify(difference) == 0


def _tiny(difference: sp.Expr) -> bool:
    number = sp.N(difference, 40)
    return bool(number.is_Number and abs(number) < sp.Float("1e-30"))


def _by_digits(relation: Relational) -> sp.Basic:
    """A comparison of two numbers, one of them at a numerically located point: equal
    when they agree to 30 digits (SymPy would try to order them exactly)."""
    difference = relation.lhs - relation.rhs
    if not difference.is_number:
        return relation
    if _tiny(difference):
        return sp.S.true if relation.rel_op in ("<=", ">=", "==") else sp.S.false
    positive = sp.N(difference, 40) > 0
    truth = {"<": not positive, "<=": not positive, ">": positive, ">=": positive}
    return sp.S.true if truth.get(relation.rel_op, relation.rel_op == "!=") else sp.S.false


def _finite(x: sp.Expr, values) -> bool:
    number = sp.N(sp.S(x).xreplace(dict(values)), 30)
    return bool(number.is_number and number.is_finite and number.is_real)


def _number(x: sp.Expr, values) -> float:
    return float(sp.N(sp.S(x).xreplace(dict(values)), 30))


# --- keeping exp from overflowing in the branches a where chain throws away ---------------

_GROWING = (sp.exp, sp.sinh, sp.cosh, Expm1)


def growing_extremes_as_pieces(expr: sp.Basic, var: sp.Symbol, values) -> sp.Basic:
    """max/min of exponentials (CELU's min(0, a(e^(z/a) - 1))) as Piecewise, for ``guarded``."""

    def unfold(node):
        if not isinstance(node, (sp.Max, sp.Min)) or not node.has(var) or not node.has(*_GROWING):
            return node
        try:
            pieces = as_piecewise(node, var, values)
        except (DerivationsError, NotImplementedError, TypeError, ValueError):
            return node  # switch points not found: left as max/min
        return _decided(pieces.args, var, {}, values, strict=False)

    return expr.replace(lambda e: isinstance(e, (sp.Max, sp.Min)), unfold)


def guarded(expr: sp.Basic, var: sp.Symbol, values) -> sp.Basic:
    """Each exponential branch of each Piecewise evaluated only inside its own interval.

    ``where`` computes every branch for every input: ELU's a(e^z - 1) overflows at
    z = 1000 although that branch is not used there.  Clamping z to the branch's
    interval (min(z, 0)) changes nothing where the branch is used.
    """

    def guard(node):
        if not isinstance(node, sp.Piecewise):
            return None
        branches = []
        excluded: list[Relational] = []  # earlier conditions: the branch applies where they fail
        for formula, condition in node.args:
            span = _span(condition, excluded, var)
            if span is not None and formula.has(*_GROWING):
                formula = _clamped(formula, var, *span, values)
            branches.append((formula, condition))
            excluded.append(condition)
        return sp.Piecewise(*branches, evaluate=False)

    return expr.replace(lambda e: isinstance(e, sp.Piecewise), lambda e: guard(e) or e)


def _span(condition, excluded, var) -> tuple[sp.Expr | None, sp.Expr | None] | None:
    """(lowest, highest) z a branch sees (None: unbounded), if simple bounds decide it."""
    lo = hi = None
    negated = {sp.StrictGreaterThan: "hi", sp.GreaterThan: "hi"}
    negated |= {sp.StrictLessThan: "lo", sp.LessThan: "lo"}
    for earlier in excluded:
        if isinstance(earlier, sp.Eq):
            continue  # one point taken out does not change the interval
        if type(earlier) not in negated or earlier.lhs != var or earlier.rhs.has(var):
            return None
        if negated[type(earlier)] == "hi":
            hi = earlier.rhs if hi is None else sp.Min(hi, earlier.rhs)
        else:
            lo = earlier.rhs if lo is None else sp.Max(lo, earlier.rhs)
    if condition is not sp.true:
        for part in condition.args if isinstance(condition, sp.And) else (condition,):
            if not isinstance(part, Relational) or part.lhs != var or part.rhs.has(var):
                return None
            if isinstance(part, (sp.StrictLessThan, sp.LessThan)):
                hi = part.rhs if hi is None else sp.Min(hi, part.rhs)
            elif isinstance(part, (sp.StrictGreaterThan, sp.GreaterThan)):
                lo = part.rhs if lo is None else sp.Max(lo, part.rhs)
            else:
                return None
    return lo, hi


def _clamped(formula, var, lo, hi, values) -> sp.Expr:
    inside = var
    if hi is not None:
        inside = sp.Min(inside, hi)
    if lo is not None:
        inside = sp.Max(inside, lo)
    if inside == var:
        return formula
    for end in (lo, hi):  # the formula must be finite at the ends it is clamped to
        if end is not None and not _finite(formula.xreplace({var: end}), values):
            return formula
    return formula.xreplace({var: inside})
