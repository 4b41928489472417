"""The real line as one formula sees it: where it is defined, and where its pieces switch.

``real_line`` sweeps a (prepared) formula from the inside out.  Each function that is
not defined everywhere adds a *guard* on its argument (log u needs u > 0, √u needs
u ≥ 0, 1/u needs u ≠ 0), and each max, min, |u| or step adds the points where it
switches pieces.  Both are solved on the regions found so far, where every inner piece
is one smooth formula, so an outer equation is never evaluated where an inner function
is undefined (log|log z| never looks at log z for z < 0).  The result, a ``RealLine``,
is computed once per formula and read by the proof, the kinks and singularities, the
form in g and the analysis.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import sympy as sp

from .conditions import holds
from .elementary import RealCbrt
from .errors import InputRefused
from .functions import ActivationFunction, expand_activations
from .memory import memoized
from .numeric_root import numeric_roots
from .piecewise import (
    Region,
    is_piecewise,
    ordered_points,
    regions,
    restrict,
    switch_equations,
    value_at,
)
from .pointwise import numeric_value
from .zeros import zeros_within

POSITIVE, NONNEGATIVE, NONZERO = "> 0", "≥ 0", "≠ 0"
DIGITS = 30
MAX_BREAKPOINTS = 24


@dataclass(frozen=True)
class Guard:
    """A condition ``expr (relation)`` that must hold for ``node`` to be defined."""

    node: sp.Basic
    expr: sp.Expr
    relation: str  # POSITIVE, NONNEGATIVE or NONZERO


def guards(node: sp.Basic) -> tuple[Guard, ...]:
    """The conditions under which ``node`` itself is defined (its arguments aside)."""
    if isinstance(node, sp.log):
        return (Guard(node, node.args[0], POSITIVE),)
    if isinstance(node, (sp.asin, sp.acos)):
        u = node.args[0]
        return (Guard(node, 1 + u, NONNEGATIVE), Guard(node, 1 - u, NONNEGATIVE))
    if isinstance(node, sp.atanh):
        u = node.args[0]
        return (Guard(node, 1 + u, POSITIVE), Guard(node, 1 - u, POSITIVE))
    if isinstance(node, sp.acosh):
        return (Guard(node, node.args[0] - 1, NONNEGATIVE),)
    if isinstance(node, (sp.coth, sp.csch, sp.cot, sp.csc)):
        return (Guard(node, node.args[0], NONZERO),)
    if isinstance(node, (sp.tan, sp.sec)):
        return (Guard(node, sp.cos(node.args[0]), NONZERO),)
    if node.is_Pow:
        return _power_guards(node)
    return ()


def _power_guards(node: sp.Pow) -> tuple[Guard, ...]:
    base, exponent = node.args
    while isinstance(base, RealCbrt):
        base = base.args[0]  # ∛u has the zeros and signs of u
    if exponent.is_Integer:
        return (Guard(node, base, NONZERO),) if exponent.is_negative else ()
    if exponent.is_number and exponent.is_real:
        # A fractional power of a negative number is not real (SymPy's z^(1/3) is the
        # principal root; the real cube root is cbrt).
        return (Guard(node, base, NONNEGATIVE if exponent.is_positive else POSITIVE),)
    if base.is_positive or base == sp.E:
        return ()
    return (Guard(node, base, POSITIVE),)


def _holds(value: sp.Expr, relation: str) -> bool | None:
    """Whether a number satisfies the relation (None: not a real number)."""
    if not (value.is_Number and value.is_finite and value.is_real):
        return None
    tiny = abs(value) < sp.Float("1e-25")
    if relation == NONNEGATIVE:
        return tiny or value > 0
    if relation == POSITIVE:
        return not tiny and value > 0
    return not tiny


def _always(guard: Guard) -> bool:
    """The guard holds for every real z, by SymPy's assumptions (cheap, and most are)."""
    u = guard.expr
    if guard.relation == POSITIVE:
        return bool(u.is_positive)
    if guard.relation == NONNEGATIVE:
        return bool(u.is_nonnegative)
    return bool(u.is_positive or u.is_negative or u.is_nonzero)


@dataclass(frozen=True)
class RealLine:
    """The points that matter for one formula, and what holds between them.

    ``points`` are every breakpoint (a piece switches) and every end of the domain, in
    increasing order; ``regions`` the open intervals between them; ``inside[i]`` whether
    region i lies in the domain, ``defined[k]`` whether point k does.
    """

    points: tuple[sp.Expr, ...]
    inside: tuple[bool, ...]
    defined: tuple[bool, ...]
    switches: frozenset  # the points where a piece switches (the rest are domain ends)

    @property
    def regions(self) -> tuple[Region, ...]:
        return regions(self.points)

    @property
    def domain_regions(self) -> tuple[Region, ...]:
        """The regions inside the domain: where every piece is one defined smooth formula."""
        return tuple(r for r, inside in zip(self.regions, self.inside, strict=True) if inside)

    @property
    def everywhere(self) -> bool:
        return all(self.inside) and all(self.defined)

    def domain(self) -> sp.Set:
        """The domain as a SymPy set (whose text ``sympify`` reads back)."""
        if self.everywhere:
            return sp.S.Reals
        parts: list[sp.Set] = []
        for region, inside in zip(self.regions, self.inside, strict=True):
            if inside:
                parts.append(sp.Interval.open(region.lo, region.hi))
        parts += [sp.FiniteSet(p) for p, ok in zip(self.points, self.defined, strict=True) if ok]
        return sp.Union(*parts) if parts else sp.S.EmptySet

    def sides(self, index: int) -> tuple[bool, bool]:
        """Whether the regions just left and just right of point ``index`` are in the domain."""
        return self.inside[index], self.inside[index + 1]


def real_line(expr: sp.Basic, z: sp.Symbol, values: Mapping[sp.Symbol, sp.Expr]) -> RealLine:
    """The real line of ``expr`` in z (parameters at ``values``).

    Raises InputRefused when a breakpoint or an end of the domain cannot be located (a
    bounded numeric search could not decide), with the reason.
    """
    return _real_line(sp.S(expr), z, tuple(sorted(dict(values).items(), key=str)))


def breakpoints(expr: sp.Basic, z: sp.Symbol, values) -> tuple[sp.Expr, ...]:
    """Every point of the real line of ``expr``: breakpoints and ends of the domain."""
    return real_line(expr, z, values).points


def domain_regions(expr: sp.Basic, z: sp.Symbol, values) -> tuple[Region, ...]:
    return real_line(expr, z, values).domain_regions


@memoized(16384)
def _real_line(expr: sp.Basic, z: sp.Symbol, values: tuple) -> RealLine:
    # Cached, and for every part too: a derivation's steps, their differences, the form
    # in g and the kinks share most parts, so each part's line is drawn once.
    sweep = _Sweep(z, dict(values), values)
    _visit(expr, sweep, (), whole=True)
    return sweep.line()


def _visit(node: sp.Basic, sweep: _Sweep, where: tuple, whole: bool = False) -> None:
    """Inner nodes first; ``where`` holds the (Piecewise, branch) pairs under which ``node``
    sits: its guards count only where those branches are the ones in use."""
    z, values = sweep.z, sweep.values
    if not node.has(z):
        return
    if not where and not whole:
        # A part not under a branch has a line of its own, the same wherever it sits (one
        # that cannot be drawn alone is refused: drawn again among its siblings, the same
        # bounded search would fail again, at the same cost).
        sweep.absorb(_real_line(node, z, sweep.key))
        return
    if isinstance(node, ActivationFunction):
        # Its argument as written first: written out, softplus(log z) = log(1 + z) loses
        # the log, since SymPy simplifies e^(log z) to z.
        for arg in node.args:
            _visit(arg, sweep, where)
        _visit(expand_activations(node), sweep, where)
        return
    if isinstance(node, sp.Piecewise):
        # The conditions first: a branch's guards count only where that branch is used.
        for _, condition in node.args:
            for relation in condition.atoms(sp.core.relational.Relational):
                _visit(relation.lhs - relation.rhs, sweep, where)
        for lhs, rhs in switch_equations(node):
            if (lhs - rhs).has(z):
                sweep.switch(node, lhs, rhs)
        for index, (formula, _) in enumerate(node.args):
            _visit(formula, sweep, (*where, (node, index)))
        sweep.cover(node, where)
        return
    for arg in node.args:
        _visit(arg, sweep, where)
    for guard in guards(node):
        concrete = Guard(guard.node, guard.expr.xreplace(values), guard.relation)
        if concrete.expr.free_symbols == {z} and not _always(concrete):
            sweep.guard(concrete, where)
    if is_piecewise(node):
        for lhs, rhs in switch_equations(node):
            if (lhs - rhs).has(z):
                sweep.switch(node, lhs, rhs)


def _branch_in_use(piecewise: sp.Piecewise, z: sp.Symbol, x: sp.Expr, values) -> int | None:
    x = sp.S(x).xreplace(values)  # a point may be written with parameters (min_val)
    for index, (_, condition) in enumerate(piecewise.args):
        try:
            if holds(condition, z, x, values):
                return index
        except (TypeError, ValueError):  # a condition on an undefined value (zoo < 1)
            return None
    return None


def _applies(where: tuple, z: sp.Symbol, x: sp.Expr, values) -> bool:
    return all(_branch_in_use(p, z, x, values) == k for p, k in where)


class _Sweep:
    """The line being built: points found so far, and what the guards excluded."""

    def __init__(self, z: sp.Symbol, values: dict, key: tuple = ()):
        self.z, self.values, self.key = z, values, key
        self.points: tuple[sp.Expr, ...] = ()
        self.switches: set[sp.Expr] = set()
        self.excluded_regions: list[tuple[sp.Expr, sp.Expr]] = []  # numbers (lo, hi)
        self.excluded_points: set[sp.Expr] = set()

    def _value(self, x: sp.Expr) -> sp.Expr:
        return numeric_value(x, self.values, DIGITS)

    def _out(self, x: sp.Expr) -> bool:
        """Whether the number x was excluded from the domain."""
        if any(abs(x - self._value(p)) < sp.Float("1e-28") for p in self.excluded_points):
            return True
        return any(lo < x < hi for lo, hi in self.excluded_regions)

    def _open_regions(self) -> list[Region]:
        return [r for r in regions(self.points) if not self._out(r.sample(self.values))]

    def _add(self, found: set[sp.Expr]) -> None:
        self.points = ordered_points(set(self.points) | found, self.values)
        if len(self.points) > MAX_BREAKPOINTS:
            raise InputRefused(f"more than {MAX_BREAKPOINTS} breakpoints")

    def absorb(self, line: RealLine) -> None:
        """A part's own line: its points, and where it is undefined."""
        if not line.points:
            if not line.inside[0]:
                self.excluded_regions.append((-sp.oo, sp.oo))
            return
        for region, inside in zip(line.regions, line.inside, strict=True):
            if not inside:
                self.excluded_regions.append((self._value(region.lo), self._value(region.hi)))
        undefined = zip(line.points, line.defined, strict=True)
        self.excluded_points |= {p for p, ok in undefined if not ok}
        self.switches |= line.switches
        self._add(set(line.points))

    def guard(self, guard: Guard, where: tuple = ()) -> None:
        z, values = self.z, self.values
        for region in self._open_regions():
            if not _applies(where, z, region.sample(values), values):
                continue
            u = restrict(guard.expr, z, region, values)
            try:
                zeros = zeros_within(u, sp.S.Zero, z, values, region)
            except InputRefused as error:
                why = str(error)
                if guard.expr.has(sp.sin, sp.cos):
                    why = "it may have infinitely many poles, which no finite list can state"
                raise InputRefused(
                    f"cannot locate where {sp.sstr(guard.node)} is defined: {why}"
                ) from None
            inner = ordered_points(zeros, values)
            for part in regions(inner):
                part = Region(
                    region.lo if part.lo == -sp.oo else part.lo,
                    region.hi if part.hi == sp.oo else part.hi,
                )
                value = self._value(u.xreplace({z: part.sample(values)}))
                if not _holds(value, guard.relation):
                    self.excluded_regions.append((self._value(part.lo), self._value(part.hi)))
            if guard.relation != NONNEGATIVE:
                self.excluded_points |= set(inner)
            self._add(set(inner))
        for p in self.points:
            if not self._out(self._value(p)) and _applies(where, z, p, values):
                value = self._value(value_at(guard.expr, z, sp.S(p).xreplace(values)))
                if not _holds(value, guard.relation):
                    self.excluded_points.add(p)

    def switch(self, atom: sp.Basic, lhs: sp.Expr, rhs: sp.Expr) -> None:
        z, values = self.z, self.values
        found: set[sp.Expr] = set()
        for region in self._open_regions():
            left, right = (restrict(side, z, region, values) for side in (lhs, rhs))
            found |= zeros_within(left, right, z, values, region, atom)
        self.switches |= found
        self._add(found)

    def cover(self, piecewise: sp.Piecewise, where: tuple) -> None:
        """Exclude where no branch of ``piecewise`` holds (a Piecewise with gaps)."""
        z, values = self.z, self.values
        for region in self._open_regions():
            x = region.sample(values)
            if _applies(where, z, x, values) and _branch_in_use(piecewise, z, x, values) is None:
                self.excluded_regions.append((self._value(region.lo), self._value(region.hi)))
        for p in self.points:
            if _applies(where, z, p, values) and _branch_in_use(piecewise, z, p, values) is None:
                self.excluded_points.add(p)

    def line(self) -> RealLine:
        kept = []
        for index, p in enumerate(self.points):
            around = regions(self.points)
            left, right = around[index], around[index + 1]
            out_left = self._out(left.sample(self.values))
            out_right = self._out(right.sample(self.values))
            if not (out_left and out_right and self._out(self._value(p))):
                kept.append(p)
        points = tuple(kept)
        inside = tuple(not self._out(r.sample(self.values)) for r in regions(points))
        defined = tuple(not self._out(self._value(p)) for p in points)
        switches = frozenset(p for p in points if p in self.switches)
        return RealLine(points, inside, defined, switches)


def numeric_points(line: RealLine) -> bool:
    """Whether some point of the line was located numerically (no closed form)."""
    return any(numeric_roots(p) for p in line.points)
