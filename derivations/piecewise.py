"""Functions defined piece by piece: max, min, |u|, Heaviside, sign, Piecewise.

Everything here works with *regions*: the open intervals between the points
where some piece switches (the breakpoints).  On each region every piecewise
function is one smooth formula, found by looking at one sample point; the
breakpoints themselves are handled apart, as kinks, so SymPy's
Heaviside(0) = 1/2 never decides anything.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass

import sympy as sp

from .errors import InputRefused
from .functions import ActivationFunction, expand_activations

PIECEWISE_TYPES = (sp.Max, sp.Min, sp.Abs, sp.Heaviside, sp.sign, sp.Piecewise)

MAX_BREAKPOINTS = 24


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


@functools.lru_cache(maxsize=1024)
def _sample(lo: sp.Expr, hi: sp.Expr, values: tuple) -> sp.Rational:
    # Cached: every restriction to a region asks for its point (nsimplify is not cheap).
    lo, hi = (_number(b, dict(values)) for b in (lo, hi))
    if lo == -sp.oo and hi == sp.oo:
        return sp.Rational(1, 7)
    if lo == -sp.oo:
        return sp.nsimplify(hi) - 1
    if hi == sp.oo:
        return sp.nsimplify(lo) + 1
    return (sp.nsimplify(lo) + sp.nsimplify(hi)) / 2


def _number(expr: sp.Expr, values: Mapping[sp.Symbol, sp.Expr]) -> sp.Expr:
    if expr in (sp.oo, -sp.oo):
        return expr
    return sp.N(sp.S(expr).xreplace(dict(values)), 30)


def is_piecewise(expr: sp.Basic) -> bool:
    return isinstance(expr, PIECEWISE_TYPES)


def switch_equations(atom: sp.Basic) -> list[sp.Expr]:
    """Expressions whose zeros are where ``atom`` changes from one piece to another."""
    if isinstance(atom, (sp.Max, sp.Min)):
        args = atom.args
        return [args[i] - args[j] for i in range(len(args)) for j in range(i + 1, len(args))]
    if isinstance(atom, (sp.Abs, sp.Heaviside, sp.sign)):
        return [atom.args[0]]
    if isinstance(atom, sp.Piecewise):
        found = []
        for _, cond in atom.args:
            for rel in cond.atoms(sp.core.relational.Relational):
                found.append(rel.lhs - rel.rhs)
        return found
    return []


def piecewise_atoms(expr: sp.Basic) -> list[sp.Basic]:
    expr = expand_activations(expr) if expr.has(ActivationFunction) else expr
    return [node for node in sp.preorder_traversal(expr) if is_piecewise(node)]


def breakpoints(
    expr: sp.Basic, z: sp.Symbol, values: Mapping[sp.Symbol, sp.Expr]
) -> tuple[sp.Expr, ...]:
    """The real points where some piece of ``expr`` switches, in increasing order.

    Raises InputRefused when they cannot be located exactly (infinitely many,
    or an equation with no closed-form solution).
    """
    return _breakpoints(expr, z, _frozen(values))


@functools.lru_cache(maxsize=1024)
def _breakpoints(expr: sp.Basic, z: sp.Symbol, values: tuple) -> tuple[sp.Expr, ...]:
    # Cached: a derivation asks for the same breakpoints in its proofs, form in g and kinks.
    values = dict(values)
    points: set[sp.Expr] = set()
    for atom in piecewise_atoms(expr):
        for equation in switch_equations(atom):
            if equation.has(z):
                points.update(_zeros(equation, z, values, atom))
            if len(points) > MAX_BREAKPOINTS:
                raise InputRefused(f"more than {MAX_BREAKPOINTS} breakpoints")
    return _ordered(points, values)


def _ordered(points, values) -> tuple[sp.Expr, ...]:
    return tuple(sorted(points, key=lambda p: float(_number(p, values))))


def _zeros(equation: sp.Expr, z: sp.Symbol, values, atom: sp.Basic) -> set[sp.Expr]:
    """Where ``equation`` is 0 (the ends of any interval where it is 0 throughout)."""
    if not equation.has(z):
        return set()
    if equation.has(*PIECEWISE_TYPES):
        # Solve piece by piece between the equation's own breakpoints.
        inner = breakpoints(equation, z, values)
        found = set(inner)
        for region in regions(inner):
            for point in _zeros(restrict(equation, z, region, values), z, values, atom):
                if _inside(point, region, values):
                    found.add(point)
        return found
    solutions = _real_solutions(equation, z)
    if isinstance(solutions, (sp.Interval, sp.Union)):
        # Zero on a whole interval (max(0, z) = 0 for z <= 0): its ends switch.
        solutions = solutions.boundary - sp.FiniteSet(sp.oo, -sp.oo)
    if solutions == sp.S.Reals or solutions == sp.S.EmptySet:
        return set()
    if not isinstance(solutions, sp.FiniteSet):
        raise InputRefused(
            f"cannot locate where {sp.sstr(atom)} switches pieces "
            f"({sp.sstr(equation)} = 0 has no finite list of solutions)"
        )
    return set(solutions)


@functools.lru_cache(maxsize=1024)
def _real_solutions(equation: sp.Expr, z: sp.Symbol):
    try:
        found = sp.solveset(equation, z, sp.S.Reals)
    except NotImplementedError:
        found = None
    if found is None or isinstance(found, sp.ConditionSet):
        found = _with_lambert_w(equation, z) or found
    return found


def _with_lambert_w(equation: sp.Expr, z: sp.Symbol) -> sp.FiniteSet | None:
    """Real roots of z = e^(−z) and kin, which solveset leaves unsolved and solve writes
    with Lambert's W (max(z, e^(−z)) switches at W(1) ≈ 0.567)."""
    try:
        roots = sp.solve(equation, z)
    except (NotImplementedError, ValueError, TypeError):
        return None
    real = [r for r in roots if abs(sp.im(sp.N(r, 30))) < 1e-25]
    return sp.FiniteSet(*real) if real else None


def _inside(point: sp.Expr, region: Region, values) -> bool:
    x = _number(point, values)
    return bool(_number(region.lo, values) < x < _number(region.hi, values))


def regions(points: tuple[sp.Expr, ...]) -> tuple[Region, ...]:
    bounds = (-sp.oo, *points, sp.oo)
    return tuple(Region(lo, hi) for lo, hi in zip(bounds, bounds[1:], strict=False))


def _value(expr: sp.Expr, z: sp.Symbol, point: sp.Expr, values) -> sp.Expr:
    return sp.N(expr.xreplace({**dict(values), z: point}), 30)


def piece_on(atom: sp.Basic, z: sp.Symbol, point: sp.Expr, values) -> sp.Expr:
    """The formula that ``atom`` uses at ``point`` (a point where it does not switch)."""
    if isinstance(atom, (sp.Max, sp.Min)):
        scored = [(_value(arg, z, point, values), arg) for arg in atom.args]
        scored = [(score, arg) for score, arg in scored if score.is_extended_real]
        if not scored:  # e.g. a parameter value that makes every piece undefined
            raise InputRefused(f"{sp.sstr(atom)} has no defined piece at z = {sp.sstr(point)}")
        pick = max if isinstance(atom, sp.Max) else min
        return pick(scored, key=lambda pair: pair[0])[1]
    if isinstance(atom, sp.Abs):
        inner = atom.args[0]
        return inner if _value(inner, z, point, values) > 0 else -inner
    if isinstance(atom, sp.Heaviside):
        return sp.S.One if _value(atom.args[0], z, point, values) > 0 else sp.S.Zero
    if isinstance(atom, sp.sign):
        return sp.S.One if _value(atom.args[0], z, point, values) > 0 else sp.S.NegativeOne
    if isinstance(atom, sp.Piecewise):
        for formula, cond in atom.args:
            if bool(cond.xreplace({**dict(values), z: point})):
                return formula
        return sp.nan  # no piece covers the point: undefined there
    return atom


def restrict(expr: sp.Basic, z: sp.Symbol, region: Region, values) -> sp.Basic:
    """``expr`` on ``region``: every piecewise function replaced by its piece there.

    ``region`` must lie between breakpoints of ``expr``.
    """
    return _restricted(expr, z, region, _frozen(values))


@functools.lru_cache(maxsize=2048)
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
        node = node.func(*args) if args != node.args else node
        return choose(piece_on(node, z, point, values)) if is_piecewise(node) else node

    return choose(expr)


def as_pieces(
    atom: sp.Basic, z: sp.Symbol, values, points: tuple[sp.Expr, ...] | None = None
) -> list[tuple[Region, sp.Expr]]:
    """(region, formula) for ``atom``, adjacent regions with the same formula merged."""
    if points is None:
        points = breakpoints(atom, z, values)
    pieces: list[tuple[Region, sp.Expr]] = []
    for region in regions(points):
        formula = piece_on(atom, z, region.sample(values), values)
        if pieces and pieces[-1][1] == formula:
            pieces[-1] = (Region(pieces[-1][0].lo, region.hi), formula)
        else:
            pieces.append((region, formula))
    return pieces


def as_piecewise(atom: sp.Basic, z: sp.Symbol, values) -> sp.Piecewise:
    """``atom`` written as a Piecewise over intervals, with its true value at each breakpoint."""
    pieces = as_pieces(atom, z, values)
    closed_lo = [False] * len(pieces)
    closed_hi = [False] * len(pieces)
    points: dict[int, sp.Expr] = {}
    for index in range(len(pieces) - 1):
        (region, left), (_, right) = pieces[index], pieces[index + 1]
        point = region.hi
        value = atom.xreplace({z: point})
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


def _equal(a: sp.Expr, b: sp.Expr) -> bool:
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
