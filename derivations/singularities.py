"""Points where g′ fails to exist for a reason other than a corner.

A pole (1/z at 0), a point where g is undefined between two defined sides, an end of the
domain (log z at 0), an infinite slope where g is defined (√z, ∛z at 0), and a jump of g.
Each comes with the one-sided limits of g′ (None on a side outside the domain).  The
limits are found numerically first, at 50 digits a hair from the point, which settles
±∞ at once; SymPy's ``limit`` is asked only for the exact value of a finite one, and only
on small expressions (it can take minutes on large ones).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import mpmath
import sympy as sp

from .derivation import BOUNDARY, INFINITE_SLOPE, JUMP, POLE, UNDEFINED, Singularity
from .domain import RealLine, real_line
from .piecewise import Region, restrict
from .pointwise import numeric_value
from .verify import evaluator

LIMIT_LIMIT = 60  # operations: larger expressions get the limit's digits, not a closed form
_STEPS = ("1e-10", "1e-20", "1e-30", "1e-40")


@dataclass(frozen=True)
class _Place:
    """Where a number sits on a line: in the domain just left of it, at it, just right."""

    left: bool
    at: bool
    right: bool
    left_region: Region
    right_region: Region


def _place(line: RealLine, x: sp.Expr, values) -> _Place:
    number = numeric_value(x, values)
    areas = line.regions
    for index, p in enumerate(line.points):
        if abs(numeric_value(p, values) - number) < sp.Float("1e-28"):
            left, right = areas[index], areas[index + 1]
            return _Place(
                line.inside[index], line.defined[index], line.inside[index + 1], left, right
            )
    for area, inside in zip(areas, line.inside, strict=True):
        if numeric_value(area.lo, values) < number < numeric_value(area.hi, values):
            return _Place(inside, inside, inside, area, area)
    raise AssertionError("a number outside every region and point")  # regions cover the line


def side_limit(expr: sp.Expr, z: sp.Symbol, point: sp.Expr, side: int, values) -> sp.Expr:
    """lim expr as z → point from the left (side −1) or right (+1): ±oo, a number, or nan
    where it has none (oscillates, or is undefined just beside the point)."""
    value = expr.xreplace({**dict(values), z: point})
    if value.is_number and value.is_finite and value.is_real:
        return value
    with mpmath.workdps(80):
        at = evaluator(expr, z, values)
        c = mpmath.mpf(str(sp.N(sp.S(point).xreplace(dict(values)), 80)))
        near = [at(c + side * mpmath.mpf(h)) for h in _STEPS]
    if any(v is None for v in near):
        return sp.nan
    if abs(near[-1] - near[-2]) <= mpmath.mpf("1e-8") * max(1, abs(near[-1])):
        return _exact_limit(expr, z, point, side, values, near[-1])
    # Growing without bound: like a power of 1/h, or like log h (steps of equal size).
    growing = all(abs(b) > abs(a) for a, b in zip(near, near[1:], strict=False))
    if growing and len({mpmath.sign(v) for v in near}) == 1:
        return sp.oo if near[-1] > 0 else -sp.oo
    return sp.nan


def _exact_limit(expr, z, point, side, values, digits) -> sp.Expr:
    approximate = sp.Float(str(digits), 15)
    if sp.count_ops(expr) > LIMIT_LIMIT:
        return approximate
    try:
        exact = sp.limit(expr.xreplace(dict(values)), z, point, "-" if side < 0 else "+")
    except (NotImplementedError, ValueError, TypeError):
        return approximate
    close = exact.is_number and abs(sp.N(exact, 30) - sp.Float(str(digits), 30)) < 1e-6
    return exact if close else approximate


def find_singularities(
    function: sp.Expr,
    derivative: sp.Expr,
    z: sp.Symbol,
    values: Mapping[sp.Symbol, sp.Expr],
    jumps: tuple = (),
) -> tuple[Singularity, ...]:
    """The singularities of ``function`` (prepared), given its ``derivative`` (prepared)
    and the points where it jumps (found with the kinks)."""
    g_line = real_line(function, z, values)
    d_line = real_line(derivative, z, values)
    candidates = sorted(
        {*g_line.points, *d_line.points},
        key=lambda p: (numeric_value(p, values), sp.default_sort_key(p)),
    )
    found: list[Singularity] = []
    seen: list[sp.Expr] = []
    for p in candidates:
        if any(
            abs(numeric_value(p, values) - numeric_value(q, values)) < sp.Float("1e-28")
            for q in seen
        ):
            continue
        seen.append(p)
        found += _classify(function, derivative, z, p, values, g_line, d_line)
    found += [Singularity(k.at, JUMP, k.left, k.right) for k in jumps]
    return tuple(sorted(found, key=lambda s: numeric_value(s.at, values)))


def _classify(function, derivative, z, p, values, g_line, d_line) -> list[Singularity]:
    g_at = _place(g_line, p, values)
    d_at = _place(d_line, p, values)
    if not (g_at.left or g_at.right):
        return []  # an isolated point of the domain, or none at all: nothing to approach
    slopes = []
    for side, inside, region in (
        (-1, g_at.left and d_at.left, d_at.left_region),
        (1, g_at.right and d_at.right, d_at.right_region),
    ):
        if not inside:
            slopes.append(None)
            continue
        piece = restrict(derivative, z, region, values)
        slopes.append(side_limit(piece, z, p, side, values))
    left, right = slopes
    if not g_at.at:
        if g_at.left and g_at.right:
            heights = [
                side_limit(restrict(function, z, r, values), z, p, s, values)
                for s, r in ((-1, g_at.left_region), (1, g_at.right_region))
            ]
            kind = POLE if any(h in (sp.oo, -sp.oo) for h in heights) else UNDEFINED
            return [Singularity(p, kind, left, right)]
        return [Singularity(p, BOUNDARY, left, right)]
    if any(s in (sp.oo, -sp.oo) for s in slopes):
        return [Singularity(p, INFINITE_SLOPE, left, right)]
    if not (g_at.left and g_at.right):
        return [Singularity(p, BOUNDARY, left, right)]
    return []  # a corner or jump is a kink; equal finite sides: g′ exists there
