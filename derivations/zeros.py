"""Where an equation holds inside a region: the switches of max, min, |u| and the ends of
a domain.  Exactly when SymPy can solve it cheaply (a rational function, W of Lambert),
through an inner argument (H(u(z)) = 0 solved in w = u first), else located numerically
and proved (``root_search``); piecewise sides are solved piece by piece.
"""

from __future__ import annotations

import sympy as sp

from .brackets import Undecided
from .errors import InputRefused
from .inner_argument import W, inner_argument
from .lambert import lambert_solutions
from .memory import Table, memoized, register
from .numeric_root import numeric_roots
from .piecewise import PIECEWISE_TYPES, Region, breakpoints, lies_inside, regions, restrict
from .pointwise import numeric_value
from .root_search import enclosed_range, keeps_sign, located, real_roots

SOLVE_LIMIT = 40  # operations: larger transcendental equations skip solveset (time)


def zeros_within(
    lhs, rhs, z: sp.Symbol, values, within: Region, atom: sp.Basic | None = None
) -> set[sp.Expr]:
    """Where lhs = rhs inside ``within`` (and the ends of any interval where it holds
    throughout): exactly when SymPy can solve it, else located numerically (proved)."""
    equation = lhs - rhs
    if not equation.has(z):
        return set()
    if equation.has(*PIECEWISE_TYPES):
        # Solve piece by piece between the equation's own breakpoints.
        inner = breakpoints(equation, z, values)
        found = set(inner)
        for region in regions(inner):
            part = _overlap(region, within, values)
            if part is None:
                continue
            pieces = tuple(restrict(side, z, region, values) for side in (lhs, rhs))
            if pieces == (lhs, rhs):
                # The pieces are made by evaluating: sqrt((z − c)²), as typed, is |z − c|.
                pieces = tuple(restrict(sp.S(side).doit(), z, region, values) for side in pieces)
                if sp.S(pieces[0] - pieces[1]).has(*PIECEWISE_TYPES):
                    raise InputRefused(f"cannot tell where {sp.sstr(equation)} switches pieces")
            found |= zeros_within(*pieces, z, values, part, atom)
        return found
    return _SMOOTH_ZEROS.within(lhs, rhs, z, values, within, atom)


def _smooth_zeros(lhs, rhs, z: sp.Symbol, values, within: Region, atom) -> set[sp.Expr]:
    """``zeros_within`` for an equation with no piecewise part."""
    equation = sp.S(lhs - rhs)
    factors = [f for f in sp.Mul.make_args(equation) if f.has(z)]
    if len(factors) > 1 or factors[0].is_Pow and factors[0].exp.is_positive:
        # u²·v = 0 where u = 0 or v = 0: a square only touches 0, its base crosses it.
        bases = (f.base if f.is_Pow and f.exp.is_positive else f for f in factors)
        return set().union(*(zeros_within(b, sp.S.Zero, z, values, within, atom) for b in bases))
    if not equation.is_rational_function(z):  # solveset settles those at once
        if equation.free_symbols == {z} and keeps_sign(equation, z, within.lo, within.hi):
            return set()  # proved at once, where solveset may take minutes ((u − v)² + 1)
        through = _zeros_through_inner_argument(lhs, rhs, equation, z, values, within, atom)
        if through is not None:
            return through
    solutions = _exact_zeros(equation, z)
    if solutions is not None:
        return {p for p in solutions if lies_inside(p, within, values)}
    try:
        return set(real_roots(lhs, rhs, z, within.lo, within.hi))
    except Undecided as why:
        if atom is None:
            raise InputRefused(str(why)) from None
        raise InputRefused(f"cannot locate where {sp.sstr(atom)} switches pieces: {why}") from None


class _ZerosByEquation:
    """The zeros of a smooth equation found on a region, kept for any region inside it:
    a proof draws the lines of many formulas that share their cases, each cut into
    regions of its own, and the same equation is met again on a part of a region already
    searched (one search, and one name for each located point)."""

    def __init__(self, size: int):
        self.found = Table(size)  # [(region, zeros)] by equation

    def within(self, lhs, rhs, z, values, within: Region, atom) -> set[sp.Expr]:
        key = (sp.S(lhs), sp.S(rhs), z, tuple(sorted(dict(values).items(), key=str)))
        for region, zeros in self.found.get(key, ()):
            if _contains(region, within, values):
                return {p for p in zeros if lies_inside(p, within, values)}
        zeros = _smooth_zeros(lhs, rhs, z, values, within, atom)
        self.found.make_room()
        self.found.setdefault(key, []).append((within, frozenset(zeros)))
        return zeros

    def cache_clear(self) -> None:
        self.found.clear()


_SMOOTH_ZEROS = register(_ZerosByEquation(2048))


def _contains(outer: Region, inner: Region, values) -> bool:
    return not _before(inner.lo, outer.lo, values) and not _before(outer.hi, inner.hi, values)


def _zeros_through_inner_argument(lhs, rhs, equation, z, values, within, atom):
    """Where H(u(z)) = 0: H(w) = 0 solved for w in the range of u, then u(z) = wₖ (see
    ``inner_argument``); None when the equation is no such composition."""
    if equation.free_symbols != {z}:
        return None
    found = inner_argument(equation, z)
    if found is None:
        return None
    inner, outer = found
    lo, hi = enclosed_range(inner, z, within.lo, within.hi)
    try:
        # Each side in w where it can be (w = σ(w), as the same equation in z reads).
        sides = tuple(sp.S(side).subs(inner, W) for side in (lhs, rhs))
        if any(side.has(z) for side in sides):
            sides = (outer, sp.S.Zero)
        levels = zeros_within(*sides, W, values, Region(lo, hi), atom)
        points = set()
        for level in levels:
            points |= zeros_within(inner, level, z, values, within, atom)
    except InputRefused:
        return None  # undecided in w (a pole of u's range, a root at its end): search in z
    # A point written in located numbers (w₁/5) becomes the root of this equation it is.
    return {
        located(lhs, rhs, z, p, points) if numeric_roots(p) and p not in numeric_roots(p) else p
        for p in points
    }


def _overlap(a: Region, b: Region, values) -> Region | None:
    lo = a.lo if _before(b.lo, a.lo, values) else b.lo
    hi = a.hi if _before(a.hi, b.hi, values) else b.hi
    return Region(lo, hi) if _before(lo, hi, values) else None


def _before(a: sp.Expr, b: sp.Expr, values) -> bool:
    if a == -sp.oo or b == sp.oo:
        return a != b
    if a == sp.oo or b == -sp.oo:
        return False
    return bool(numeric_value(a, values) < numeric_value(b, values))


@memoized(1024)
def _exact_zeros(equation: sp.Expr, z: sp.Symbol) -> frozenset | None:
    """The real solutions of equation = 0 in closed form, or None when there is none to
    find cheaply (large transcendental equations are left to the numeric search)."""
    found = None
    if _solveset_is_cheap(equation, z):
        try:
            found = sp.solveset(equation, z, sp.S.Reals)
        except (NotImplementedError, ValueError, TypeError):
            found = None
    if isinstance(found, sp.Union) and not all(
        isinstance(part, (sp.Interval, sp.FiniteSet)) for part in found.args
    ):
        found = None  # part of it unsolved (a ConditionSet): the numeric search takes it all
    if isinstance(found, (sp.Interval, sp.Union)):
        # Zero on a whole interval (max(0, z) = 0 for z <= 0): its ends switch.
        found = found.boundary - sp.FiniteSet(sp.oo, -sp.oo)
    if found == sp.S.Reals or found == sp.S.EmptySet:
        return frozenset()
    if isinstance(found, sp.FiniteSet):
        return frozenset(found)
    conditions = [equation]
    if isinstance(found, sp.ConditionSet) and isinstance(found.condition, sp.Eq):
        conditions.append(found.condition.lhs - found.condition.rhs)
    for condition in conditions:
        roots = lambert_solutions(condition, z)
        if roots is not None:
            return frozenset(roots)
    return None


def _solveset_is_cheap(equation: sp.Expr, z: sp.Symbol) -> bool:
    """Whether solveset is worth asking: a rational function of z, or a small equation
    with at most two non-algebraic parts in z and plain fractions (solveset can take
    minutes on 1.5·log(1 + eᶻ) − log(1 + e²ᶻ) + 0.25, which the numeric search settles
    at once)."""
    if equation.is_rational_function(z):
        return True
    if sp.count_ops(equation) > SOLVE_LIMIT or equation.has(sp.Float):
        return False
    exponents = [e.args[0] for e in equation.atoms(sp.exp)]
    exponents += [e.exp for e in equation.atoms(sp.Pow)]
    if any(r.q > 12 for x in exponents for r in sp.S(x).atoms(sp.Rational)):
        return False  # e^(851z/500): solveset would work with polynomials of degree 851
    parts = {
        node
        for node in sp.preorder_traversal(equation)
        if node.has(z)
        and (isinstance(node, sp.Function) or (node.is_Pow and not node.exp.is_Integer))
    }
    return len(parts) <= 2
