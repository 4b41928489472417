"""Computing each property of the report from g, g' and g'', piece by piece.

A piecewise activation is cut at its breakpoints into open spans on which g,
g' and g'' are single smooth formulas.  Extremes come from comparing every
candidate: values where the next derivative is 0, limits at the ends of each
span (±oo included) and the values at breakpoints.  Sets of z (saturation,
dead zones, where g' < 0) are found span by span from the points where g'
crosses a level, then joined across breakpoints where g' exists.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import mpmath
import sympy as sp

from ..domain import real_line
from ..errors import InputRefused
from ..memory import memoized
from ..piecewise import breakpoints, regions, restrict
from ..verify import is_zero
from .limits import limit_at
from .numbers import Interval, Number, joined, same
from .report import (
    BREAKPOINT,
    CONSTANT,
    CRITICAL,
    LIMIT,
    Bounds,
    Candidate,
    DeadZone,
    Extremum,
    Piece,
    Smoothness,
)
from .solve import Curve, Span, crossings

SMOOTHNESS_ORDERS = 4  # derivatives compared across each breakpoint


@dataclass(frozen=True)
class Joint:
    """A breakpoint p with g and g' on each side of it."""

    at: Number
    g_left: Number
    g_right: Number
    g_value: Number | None  # g(p) itself, when defined
    dg_left: Number
    dg_right: Number

    @property
    def continuous(self) -> bool:
        sides_meet = self.g_left.same_as(self.g_right)
        return sides_meet and (self.g_value is None or self.g_value.same_as(self.g_left))

    @property
    def dg(self) -> Number | None:
        """g'(p) when it exists (g continuous and both one-sided slopes equal and finite)."""
        if self.continuous and self.dg_left.finite and self.dg_left.same_as(self.dg_right):
            return self.dg_left
        return None


@memoized(1024)
def _cached_limit(expr: sp.Expr, z: sp.Symbol, point: sp.Expr, direction: str) -> Number:
    return limit_at(expr, z, point, direction)


def limit_of(expr: sp.Expr, z: sp.Symbol, point: sp.Expr, direction: str = "+") -> Number:
    """The limit (cached); the side matters only at a finite point."""
    return _cached_limit(expr, z, point, "+" if point in (sp.oo, -sp.oo) else direction)


@memoized(256)
def curve(expr: sp.Expr, z: sp.Symbol, span: Span) -> Curve:
    return Curve(expr, z, span)


# --- pieces and breakpoints --------------------------------------------------------------


def split(function: sp.Expr, derivative: sp.Expr, z: sp.Symbol) -> tuple[tuple, tuple]:
    """(breakpoints, pieces) of a prepared g and g'."""
    line = real_line(function, z, {})
    if not line.everywhere:
        raise InputRefused(
            f"g(z) = {sp.sstr(function)} is defined only on {sp.sstr(line.domain())}: "
            "the analysis needs an activation defined for every real z"
        )
    points = set(breakpoints(function, z, {})) | set(breakpoints(derivative, z, {}))
    ordered: list[sp.Expr] = []
    for point in sorted(points, key=lambda p: Number.of(p).mp()):
        if not ordered or not Number.of(point).same_as(Number.of(ordered[-1])):
            ordered.append(point)
    pieces = []
    for region in regions(tuple(ordered)):
        g = restrict(function, z, region, {})
        dg = restrict(derivative, z, region, {})
        span = Span(region.lo, region.hi)
        if dg != 0 and _vanishes(dg, z, span):
            dg = sp.S.Zero
        pieces.append(Piece(span, g, dg, sp.diff(dg, z)))
    for piece in pieces:
        _check_defined(piece, z)
    return tuple(ordered), tuple(pieces)


def _vanishes(dg: sp.Expr, z: sp.Symbol, span: Span) -> bool:
    """g' = 0 on the whole span (a dead zone): ruled out by one non-zero value, else proved."""
    if not dg.has(z):
        return bool(dg.is_zero)
    values = curve(dg, z, span).samples
    if any(abs(value) > mpmath.mpf("1e-30") for _, value in values):
        return False
    return is_zero(dg, z) is not None


def _check_defined(piece: Piece, z: sp.Symbol) -> None:
    undefined = curve(piece.g, z, piece.span).undefined_at
    for x in sorted(undefined, key=abs)[:1]:  # the one nearest 0 says most
        raise InputRefused(
            f"g(z) = {sp.sstr(piece.g)} is not a finite real number at z = "
            f"{float(x):g}: an activation must be defined for every "
            "real z"
        )


def joints(function: sp.Expr, pieces: tuple[Piece, ...], z: sp.Symbol) -> tuple[Joint, ...]:
    found = []
    for left, right in zip(pieces, pieces[1:], strict=False):
        p = left.span.hi
        value = _value_or_none(function, z, p)
        found.append(
            Joint(
                Number.of(p),
                limit_of(left.g, z, p, "-"),
                limit_of(right.g, z, p, "+"),
                value,
                limit_of(left.dg, z, p, "-"),
                limit_of(right.dg, z, p, "+"),
            )
        )
    return tuple(found)


def _value_or_none(function: sp.Expr, z: sp.Symbol, point: sp.Expr) -> Number | None:
    try:
        value = _exact(function.xreplace({z: point}))
    except (TypeError, ValueError):  # a Piecewise with no branch for the point itself
        return None
    return Number.of(value) if value.is_real and value.is_finite else None


def _exact(expr: sp.Expr) -> sp.Expr:
    expr = sp.S(expr).doit() if isinstance(expr, sp.Basic) else sp.S(expr)
    if expr.is_number and not expr.is_Atom and sp.count_ops(expr) <= 60:
        simpler = sp.simplify(expr)
        if sp.count_ops(simpler) <= sp.count_ops(expr):
            return simpler
    return expr


def value_at(expr: sp.Expr, z: sp.Symbol, at: Number) -> Number:
    """expr at z = at: exact when ``at`` is, else to 30 digits."""
    if at.exact:
        return Number.of(_exact(expr.xreplace({z: at.value})))
    with mpmath.workdps(60):
        value = curve(expr, z, Span(-sp.oo, sp.oo)).at(at.mp())
    if value is None:
        raise InputRefused(f"{sp.sstr(expr)} is not finite at z = {mpmath.nstr(at.mp(), 8)}")
    return Number.of(value)


# --- extremes ----------------------------------------------------------------------------


def bounds(
    pieces: tuple[Piece, ...],
    z: sp.Symbol,
    which: str,
    at_joints: list[tuple[Number, Number]],
) -> Bounds:
    """Infimum and supremum of g (``which`` = "g") or g' ("dg") over all z."""
    slope = {"g": "dg", "dg": "d2g"}[which]
    candidates: list[Candidate] = []
    for piece in pieces:
        h, dh, span = getattr(piece, which), getattr(piece, slope), piece.span
        whole = Interval(Number.of(span.lo), Number.of(span.hi))
        if not h.has(z):
            candidates.append(Candidate(Number.of(h), whole, CONSTANT, True))
            continue
        for point in crossings(curve(dh, z, span)).points:
            candidates.append(
                Candidate(value_at(h, z, point), Interval.point(point), CRITICAL, True)
            )
        for end, direction in ((span.lo, "+"), (span.hi, "-")):
            at = Interval.point(Number.of(end))
            candidates.append(Candidate(limit_of(h, z, end, direction), at, LIMIT, False))
    for point, value in at_joints:
        candidates.append(Candidate(value, Interval.point(point), BREAKPOINT, True))
    return Bounds(_extremum(candidates, min), _extremum(candidates, max))


def _extremum(candidates: list[Candidate], pick: Callable) -> Extremum:
    best = pick(candidates, key=lambda c: c.value.mp())
    chosen = [c for c in candidates if c.value.same_as(best.value)]
    attained = any(c.attained for c in chosen)
    places = [c.at for c in chosen if c.attained or not attained]
    value = next((c.value for c in chosen if c.value.exact), best.value)
    return Extremum(value, joined(places), attained, tuple(candidates))


def largest_magnitude(slopes: Bounds) -> Extremum:
    """sup |g'| from the range of g'."""
    lower, upper = slopes.lower, slopes.upper
    low, high = abs(lower.value.mp()), abs(upper.value.mp())
    if same(low, high) and lower is not upper:
        where = joined([*lower.where, *upper.where])
        attained = lower.attained or upper.attained
        return Extremum(abs(upper.value), where, attained, upper.evidence)
    best = lower if low > high else upper
    return Extremum(abs(best.value), best.where, best.attained, best.evidence)


# --- sets of z -----------------------------------------------------------------------------


def where(
    pieces: tuple[Piece, ...],
    joint_list: tuple[Joint, ...],
    z: sp.Symbol,
    test: Callable[[mpmath.mpf], bool],
    levels: tuple[sp.Expr, ...],
) -> tuple[Interval, ...]:
    """The open set of z where ``test(g'(z))`` holds, as intervals.

    ``levels`` are the values of g' where the test can change (0 for a sign
    test, ±threshold for saturation).
    """
    found: list[Interval] = []
    for piece in pieces:
        h = curve(piece.dg, z, piece.span)
        cuts = sorted(
            {p.mp(): p for level in levels for p in crossings(h, level).points}.items(),
            key=lambda item: item[0],
        )
        ends = [Number.of(piece.span.lo), *(p for _, p in cuts), Number.of(piece.span.hi)]
        for lo, hi in zip(ends, ends[1:], strict=False):
            if _holds(h, lo, hi, test):
                found.append(Interval(lo, hi))
    for joint in joint_list:
        slope = joint.dg
        if slope is not None and test(slope.mp()):
            found.append(Interval.point(joint.at))
    return joined(found)


def _holds(h: Curve, lo: Number, hi: Number, test: Callable) -> bool:
    if not h.expr.has(h.z):
        return test(Number.of(h.expr).mp())
    return test(_probe(h, lo.mp(), hi.mp()))


def _probe(h: Curve, lo: mpmath.mpf, hi: mpmath.mpf) -> mpmath.mpf:
    """A value of h inside (lo, hi), where h crosses no level that matters.

    The sample largest in size is used: far out, a value can round to 0.
    """
    inside = [value for x, value in h.samples if lo < x < hi]
    if not inside:
        if mpmath.isinf(lo) and mpmath.isinf(hi):
            x = mpmath.mpf("0.37")
        else:
            x = hi - 1 if mpmath.isinf(lo) else lo + 1 if mpmath.isinf(hi) else (lo + hi) / 2
        value = h.at(x)
        inside = [value if value is not None else mpmath.mpf(0)]
    return max(inside, key=abs)


def dead_zones(pieces: tuple[Piece, ...], joint_list: tuple[Joint, ...]) -> tuple[DeadZone, ...]:
    """Where g'(z) = 0 on a whole interval, with whether a neuron stuck there can recover."""
    found = [Interval(Number.of(p.span.lo), Number.of(p.span.hi)) for p in pieces if p.dg == 0]
    for joint in joint_list:
        if joint.dg is not None and joint.dg.value == 0:
            found.append(Interval.point(joint.at))
    zones = [zone for zone in joined(found) if not zone.is_point]
    return tuple(_recovery(zone, len(zones) == 1 and _covers_all(zone)) for zone in zones)


def _covers_all(zone: Interval) -> bool:
    return zone.lo.value == -sp.oo and zone.hi.value == sp.oo


def _recovery(zone: Interval, everywhere: bool) -> DeadZone:
    if everywhere:
        why = "g′ = 0 for every z, so no gradient ever reaches the weights before it"
        return DeadZone(zone, False, why)
    if zone.bounded:
        why = (
            "the zone has finite width and inputs on either side still pass a gradient, "
            "so a neuron is stuck only while every one of its inputs falls inside"
        )
        return DeadZone(zone, True, why)
    why = (
        "once every input of a neuron lands in this unbounded zone, g′ = 0 sends no gradient "
        "to its weights or bias and gradient descent never moves it out; only changes in "
        "earlier layers can"
    )
    return DeadZone(zone, False, why)


# --- shape -------------------------------------------------------------------------------


def smoothness(pieces: tuple[Piece, ...], joint_list: tuple[Joint, ...], z) -> Smoothness:
    """C^k: the largest k with g, g', ..., g^(k) continuous at every breakpoint."""
    if not joint_list:
        return Smoothness(None, False, ())
    orders: list[tuple[int | None, bool, Number]] = []
    for joint, left, right in zip(joint_list, pieces, pieces[1:], strict=False):
        orders.append((*_order_at(joint, left, right, z), joint.at))
    finite = [(order, at_least, at) for order, at_least, at in orders if order is not None]
    if not finite:
        return Smoothness(None, False, ())
    lowest = min(order for order, _, _ in finite)
    worst = [(at_least, at) for order, at_least, at in finite if order == lowest]
    return Smoothness(lowest, all(a for a, _ in worst), tuple(at for _, at in worst))


def _order_at(joint: Joint, left: Piece, right: Piece, z) -> tuple[int | None, bool]:
    if not joint.continuous:
        return -1, False
    p = left.span.hi
    lower, upper = left.dg, right.dg
    for k in range(1, SMOOTHNESS_ORDERS + 1):
        if not limit_of(lower, z, p, "-").same_as(limit_of(upper, z, p, "+")):
            return k - 1, False
        lower, upper = sp.diff(lower, z), sp.diff(upper, z)
    if is_zero(left.g - right.g, z) is not None:
        return None, False  # the same formula on both sides: not a real breakpoint
    return SMOOTHNESS_ORDERS, True


def symmetric(pieces: tuple[Piece, ...], z: sp.Symbol) -> bool:
    """g(-z) = -g(z), checked at 60 digits on the scan grid (breakpoints excluded)."""

    def g_at(x):
        for piece in pieces:
            if piece.span.inside(x):
                return curve(piece.g, z, piece.span).at(x)
        return None

    compared = 0
    for x in (x for x in curve(pieces[0].g, z, Span(-sp.oo, sp.oo)).span.grid() if x > 0):
        left, right = g_at(-x), g_at(x)
        if left is None or right is None:
            continue
        if abs(left + right) > mpmath.mpf("1e-25") * max(1, abs(right)):
            return False
        compared += 1
    return compared > 0
