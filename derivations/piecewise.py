"""Functions defined piece by piece: max, min, |u|, Heaviside, sign, Piecewise.

Everything here works with *regions*: the open intervals between the points
where some piece switches (the breakpoints).  On each region every piecewise
function is one smooth formula, found by looking at one sample point; the
breakpoints themselves are handled apart, as kinks, so SymPy's
Heaviside(0) = 1/2 never decides anything.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import sympy as sp

from .conditions import holds
from .errors import InputRefused
from .functions import ActivationFunction, expand_activations
from .memory import memoized
from .numeric_root import numeric_roots
from .pointwise import numeric_value

PIECEWISE_TYPES = (sp.Max, sp.Min, sp.Abs, sp.Heaviside, sp.sign, sp.Piecewise)


@dataclass(frozen=True)
class Region:
    """The open interval (lo, hi) between two consecutive breakpoints."""

    lo: sp.Expr
    hi: sp.Expr

    def sample(self, values: Mapping[sp.Symbol, sp.Expr]) -> sp.Rational:
        """A rational point inside the region (parameters at ``values``)."""
        return _sample(self.lo, self.hi, _frozen(values))

    def condition(self, z: sp.Symbol, closed_lo: bool = False, closed_hi: bool = False):
        """The region as a condition on z, optionally including its end points."""
        lower = (z >= self.lo) if closed_lo else (z > self.lo)
        upper = (z <= self.hi) if closed_hi else (z < self.hi)
        if self.lo == -sp.oo and self.hi == sp.oo:
            return sp.true
        if self.lo == -sp.oo:
            return upper
        if self.hi == sp.oo:
            return lower
        return sp.And(lower, upper, evaluate=False)


def _frozen(values: Mapping[sp.Symbol, sp.Expr]) -> tuple:
    return tuple(sorted(dict(values).items(), key=str))


@memoized(1024)
def _sample(lo: sp.Expr, hi: sp.Expr, values: tuple) -> sp.Rational:
    # Cached: every restriction to a region asks for its point (nsimplify is not cheap).
    lo, hi = (numeric_value(b, dict(values)) for b in (lo, hi))
    if lo == -sp.oo and hi == sp.oo:
        return sp.Rational(1, 7)
    if lo == -sp.oo:
        return sp.nsimplify(hi) - 1
    if hi == sp.oo:
        return sp.nsimplify(lo) + 1
    return (sp.nsimplify(lo) + sp.nsimplify(hi)) / 2


def is_piecewise(expr: sp.Basic) -> bool:
    return isinstance(expr, PIECEWISE_TYPES)


def switch_equations(atom: sp.Basic) -> list[tuple[sp.Expr, sp.Expr]]:
    """Equations lhs = rhs (as pairs) that hold where ``atom`` changes from one piece to
    another."""
    if isinstance(atom, (sp.Max, sp.Min)):
        args = atom.args
        return [(args[i], args[j]) for i in range(len(args)) for j in range(i + 1, len(args))]
    if isinstance(atom, (sp.Abs, sp.Heaviside, sp.sign)):
        return [(atom.args[0], sp.S.Zero)]
    if isinstance(atom, sp.Piecewise):
        found = []
        for _, cond in atom.args:
            for rel in cond.atoms(sp.core.relational.Relational):
                found.append((rel.lhs, rel.rhs))
        return found
    return []


def breakpoints(
    expr: sp.Basic, z: sp.Symbol, values: Mapping[sp.Symbol, sp.Expr]
) -> tuple[sp.Expr, ...]:
    """The real points where some piece of ``expr`` switches or its domain ends, in
    increasing order (see ``domain.real_line``, which finds them).

    Raises InputRefused when they cannot be located (infinitely many, or a bounded
    numeric search cannot decide).
    """
    from .domain import breakpoints as on_the_line  # the line is built from these pieces

    return on_the_line(expr, z, values)


def ordered_points(points, values) -> tuple[sp.Expr, ...]:
    """Sorted; a numerically located point equal to another one (to 40 digits) is dropped
    in favour of the other, so no region between two copies of one point is empty."""
    ranked = sorted(points, key=lambda p: (numeric_value(p, values), bool(numeric_roots(p))))
    kept: list[sp.Expr] = []
    for p in ranked:
        if (
            kept
            and (numeric_roots(p) or numeric_roots(kept[-1]))
            and _same_point(kept[-1], p, values)
        ):
            continue
        kept.append(p)
    return tuple(kept)


def _same_point(a: sp.Expr, b: sp.Expr, values) -> bool:
    x, y = (sp.N(sp.S(p).xreplace(dict(values)), 50) for p in (a, b))
    return bool(abs(x - y) <= sp.Float("1e-40", 50) * max(1, abs(x)))


def lies_inside(point: sp.Expr, region: Region, values) -> bool:
    x = numeric_value(point, values)
    return bool(numeric_value(region.lo, values) < x < numeric_value(region.hi, values))


def regions(points: tuple[sp.Expr, ...]) -> tuple[Region, ...]:
    bounds = (-sp.oo, *points, sp.oo)
    return tuple(Region(lo, hi) for lo, hi in zip(bounds, bounds[1:], strict=False))


def _difference_sign(a: sp.Expr, b: sp.Expr, z: sp.Symbol, point: sp.Expr, values) -> int:
    va, vb = _value(a, z, point, values), _value(b, z, point, values)
    if va != vb:
        return 1 if va > vb else -1
    difference = _value(a - b, z, point, values)
    if not difference.is_extended_real or difference == 0:
        return 0
    return 1 if difference > 0 else -1


def _value(expr: sp.Expr, z: sp.Symbol, point: sp.Expr, values) -> sp.Expr:
    return sp.N(expr.xreplace({**dict(values), z: point}), 30)


def piece_on(atom: sp.Basic, z: sp.Symbol, point: sp.Expr, values) -> sp.Expr:
    """The formula that ``atom`` uses at ``point`` (a point where it does not switch)."""
    if isinstance(atom, (sp.Max, sp.Min)):
        scored = [(_value(arg, z, point, values), arg) for arg in atom.args]
        scored = [(score, arg) for score, arg in scored if score.is_extended_real]
        if not scored:  # e.g. a parameter value that makes every piece undefined
            raise InputRefused(f"{sp.sstr(atom)} has no defined piece at z = {sp.sstr(point)}")
        sign = 1 if isinstance(atom, sp.Max) else -1
        best = scored[0][1]
        for _, arg in scored[1:]:
            # Pieces equal to 30 digits (σ(3z) and erf(z/4) near z = 46, both 1 − 10⁻⁵⁸):
            # their difference, whose digits evalf finds however small it is, decides.
            if sign * _difference_sign(arg, best, z, point, values) > 0:
                best = arg
        return best
    if isinstance(atom, sp.Abs):
        inner = atom.args[0]
        return inner if _value(inner, z, point, values) > 0 else -inner
    if isinstance(atom, sp.Heaviside):
        return sp.S.One if _value(atom.args[0], z, point, values) > 0 else sp.S.Zero
    if isinstance(atom, sp.sign):
        return sp.S.One if _value(atom.args[0], z, point, values) > 0 else sp.S.NegativeOne
    if isinstance(atom, sp.Piecewise):
        for formula, cond in atom.args:
            if holds(cond, z, point, values):
                return formula
        return sp.nan  # no piece covers the point: undefined there
    return atom


def restrict(expr: sp.Basic, z: sp.Symbol, region: Region, values) -> sp.Basic:
    """``expr`` on ``region``: every piecewise function replaced by its piece there.

    ``region`` must lie between breakpoints of ``expr``.
    """
    return _restricted(expr, z, region, _frozen(values))


@memoized(2048)
def _restricted(expr: sp.Basic, z: sp.Symbol, region: Region, values: tuple) -> sp.Basic:
    # Cached: proofs, the form in g and the kinks restrict the same expressions.
    values = dict(values)
    point = region.sample(values)
    if expr.has(ActivationFunction):
        expr = expand_activations(expr)

    def choose(node: sp.Basic) -> sp.Basic:
        if not node.args or isinstance(node, sp.Derivative) and not node.has(*PIECEWISE_TYPES):
            return node
        if isinstance(node, sp.Piecewise):
            return choose(piece_on(node, z, point, values))
        args = tuple(choose(a) for a in node.args)
        if args == node.args:
            return choose(piece_on(node, z, point, values)) if is_piecewise(node) else node
        if isinstance(node, (sp.Max, sp.Min)):
            # Only one argument is kept: SymPy's own pruning of a rebuilt max (pairwise
            # sign tests with factor_terms) was most of the time restricting took.
            return choose(piece_on(node.func(*args, evaluate=False), z, point, values))
        rebuilt = node.func(*args)
        if is_piecewise(rebuilt):
            return choose(piece_on(rebuilt, z, point, values))
        if type(rebuilt) is not type(node) and rebuilt.has(*PIECEWISE_TYPES):
            return choose(rebuilt)  # sign(−u), rebuilt, is −sign(u): a new piecewise atom
        return rebuilt

    return choose(expr)


def as_pieces(atom: sp.Basic, z: sp.Symbol, values) -> list[tuple[Region, sp.Expr]]:
    """(region, formula) for ``atom`` on its domain, adjacent regions with the same formula
    merged where the point between them is defined."""
    from .domain import real_line  # the line is built from these pieces

    line = real_line(atom, z, values)
    pieces: list[tuple[Region, sp.Expr]] = []
    defined = dict(zip(line.points, line.defined, strict=True))
    for region in line.domain_regions:
        formula = piece_on(atom, z, region.sample(values), values)
        joined = pieces and pieces[-1][0].hi == region.lo and defined.get(region.lo, False)
        if joined and pieces[-1][1] == formula:
            pieces[-1] = (Region(pieces[-1][0].lo, region.hi), formula)
        else:
            pieces.append((region, formula))
    return pieces


def as_piecewise(atom: sp.Basic, z: sp.Symbol, values) -> sp.Piecewise:
    """``atom`` written as a Piecewise over intervals, with its true value at each breakpoint."""
    from .domain import real_line

    pieces = as_pieces(atom, z, values)
    line = real_line(atom, z, values)
    defined = dict(zip(line.points, line.defined, strict=True))
    closed_lo = [False] * len(pieces)
    closed_hi = [False] * len(pieces)
    points: dict[int, sp.Expr] = {}
    for index in range(len(pieces) - 1):
        (region, left), (after, right) = pieces[index], pieces[index + 1]
        point = region.hi
        if after.lo != point or not defined.get(point, True):
            continue  # a gap in the domain between the two pieces, or g undefined there
        value = value_at(atom, z, point)
        if value.has(sp.nan, sp.zoo) or not value.is_extended_real:
            continue  # undefined at the point itself
        if _equal(left.xreplace({z: point}), value):
            closed_hi[index] = True
        elif _equal(right.xreplace({z: point}), value):
            closed_lo[index + 1] = True
        else:  # a jump whose value at the point belongs to neither side
            points[index] = value
    branches: list[tuple[sp.Expr, sp.Basic]] = []
    for index, (region, formula) in enumerate(pieces):
        branches.append((formula, region.condition(z, closed_lo[index], closed_hi[index])))
        if index in points:
            branches.append((points[index], sp.Eq(z, region.hi, evaluate=False)))
    return sp.Piecewise(*branches, evaluate=False)


def value_at(expr: sp.Basic, z: sp.Symbol, point: sp.Expr) -> sp.Expr:
    """``expr`` at a breakpoint.  At an irrational one (W(1), a numerically located
    point), every max, min, |u| and step is decided by its digits (to 35): SymPy would try
    to order two equal numbers, and can take minutes doing so."""
    if sp.S(point).is_Rational or not sp.S(point).is_number:
        try:
            return expr.xreplace({z: point})
        except (ValueError, TypeError):  # max(σ(0) − 1/2, 0): SymPy cannot order σ(0)
            if not sp.S(point).is_number:
                raise

    def tiny(x):
        number = numeric_value(x, digits=40)
        return number.is_Number and abs(number) < sp.Float("1e-35")

    def at(node):
        if node == z:
            return point
        if not node.has(z):
            return node
        if isinstance(node, sp.Piecewise):
            for formula, cond in node.args:
                if holds(cond, z, point, {}):
                    return at(formula)
            return sp.nan
        args = [at(a) for a in node.args]
        if isinstance(node, (sp.Max, sp.Min)):
            numbers = [numeric_value(a, digits=40) for a in args]
            pick = max if isinstance(node, sp.Max) else min
            return args[numbers.index(pick(numbers))]
        if isinstance(node, (sp.Abs, sp.Heaviside, sp.sign)) and tiny(args[0]):
            return sp.S.Zero if isinstance(node, sp.Abs) else node.func(0, *args[1:])
        return node.func(*args)

    return at(sp.S(expr))


def _equal(a: sp.Expr, b: sp.Expr) -> bool:
    """Two pieces' values at a breakpoint: digits first (different values differ there),
    simplify only to confirm a small equality; at a numerically located point, or for
    large values (W of e^(−3)…), equal to 35 digits is equal (simplify can take minutes)."""
    difference = numeric_value(a - b, digits=40)  # at a fixed precision: an exact 0 has no digits
    if difference.is_Number and abs(difference) >= sp.Float("1e-35"):
        return False
    if numeric_roots(a) or numeric_roots(b) or sp.count_ops(a - b) > 40:
        return bool(difference.is_Number)
    return sp.simplify(a - b) == 0


def solved_for(condition: sp.Basic, z: sp.Symbol) -> sp.Basic:
    """-z < 0 -> z > 0: a linear condition written as a bound on z, when it is one."""
    if isinstance(condition, (sp.And, sp.Or)):
        return condition.func(*(solved_for(c, z) for c in condition.args), evaluate=False)
    if not isinstance(condition, sp.core.relational.Relational) or isinstance(
        condition, (sp.Eq, sp.Ne)
    ):
        return condition
    difference = sp.expand(condition.lhs - condition.rhs)
    if not difference.is_polynomial(z) or sp.degree(difference, z) != 1:
        return condition
    slope, offset = difference.coeff(z), difference.subs(z, 0)
    if not slope.is_number or slope == 0:
        return condition
    bound = -offset / slope
    flipped = {"<": ">", ">": "<", "<=": ">=", ">=": "<="}
    op = condition.rel_op if slope > 0 else flipped[condition.rel_op]
    return sp.Rel(z, bound, op)


def open_pieces(
    pieces: list[tuple[Region, sp.Expr]], z: sp.Symbol
) -> tuple[tuple[sp.Expr, sp.Basic], ...]:
    """Branches (formula, open-interval condition), for a derivative taken piece by piece."""
    return tuple((formula, region.condition(z)) for region, formula in pieces)
