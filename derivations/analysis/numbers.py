"""Numbers and sets of z that an analysis reports: exact when proved, else 30-digit floats.

A ``Number`` is an exact SymPy value when it was found symbolically (1/4,
-log(49 + 20*sqrt(6)), oo) and a 30-digit Float when it was only located
numerically (Swish's minimum at z = -1.2784...).  An ``Interval`` is a set of
z or of values; a single point is the interval [p, p].
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import mpmath
import sympy as sp

DIGITS = 30
SAME = mpmath.mpf("1e-20")  # relative tolerance for "equal" between numeric values


@dataclass(frozen=True)
class Number:
    """A real number or ±oo; ``exact`` is False when only found numerically."""

    value: sp.Expr
    exact: bool

    @classmethod
    def of(cls, value: sp.Expr | int | float | str) -> Number:
        """A number from SymPy (exact unless it holds a Float) or from an mpmath/float value."""
        if isinstance(value, mpmath.mpf):
            return cls(sp.Float(mpmath.nstr(value, DIGITS), DIGITS), False)
        expr = sp.sympify(value) if isinstance(value, (int, float)) else value
        return cls(expr, not expr.has(sp.Float))

    @property
    def infinite(self) -> bool:
        return self.value in (sp.oo, -sp.oo)

    @property
    def finite(self) -> bool:
        return not self.infinite

    def __float__(self) -> float:
        if self.value == sp.oo:
            return math.inf
        if self.value == -sp.oo:
            return -math.inf
        return float(sp.N(self.value, DIGITS))

    def mp(self) -> mpmath.mpf:
        """The value as an mpmath number (±inf for ±oo)."""
        if self.infinite:
            return mpmath.inf if self.value == sp.oo else -mpmath.inf
        with mpmath.workdps(DIGITS + 10):
            return mpmath.mpf(str(sp.N(self.value, DIGITS + 5)))

    def same_as(self, other: Number) -> bool:
        return same(self.mp(), other.mp())

    def __neg__(self) -> Number:
        return Number(-self.value, self.exact)

    def __abs__(self) -> Number:
        return -self if self.mp() < 0 else self


def same(a: mpmath.mpf, b: mpmath.mpf) -> bool:
    """Equal up to numeric noise (infinities equal only to themselves)."""
    if mpmath.isinf(a) or mpmath.isinf(b):
        return a == b
    with mpmath.workdps(DIGITS + 10):  # mpf values keep their digits; subtract with them
        return abs(a - b) <= SAME * max(1, abs(a), abs(b))


@dataclass(frozen=True)
class Interval:
    """A set of reals between ``lo`` and ``hi``; the closed flags say whether the ends belong."""

    lo: Number
    hi: Number
    lo_closed: bool = False
    hi_closed: bool = False

    @classmethod
    def point(cls, at: Number) -> Interval:
        return cls(at, at, at.finite, at.finite)

    @property
    def is_point(self) -> bool:
        return self.lo.same_as(self.hi)

    @property
    def bounded(self) -> bool:
        return self.lo.finite and self.hi.finite


def joined(intervals: list[Interval]) -> tuple[Interval, ...]:
    """Intervals (sorted) with touching neighbours merged when the shared end belongs to one."""
    merged: list[Interval] = []
    for interval in sorted(intervals, key=lambda i: (i.lo.mp(), i.hi.mp())):
        if merged and _same_interval(merged[-1], interval):
            continue
        if merged and merged[-1].hi.same_as(interval.lo):
            last = merged[-1]
            if last.hi_closed or interval.lo_closed:
                merged[-1] = Interval(last.lo, interval.hi, last.lo_closed, interval.hi_closed)
                continue
        merged.append(interval)
    return tuple(merged)


def _same_interval(a: Interval, b: Interval) -> bool:
    ends = a.lo.same_as(b.lo) and a.hi.same_as(b.hi)
    return ends and (a.lo_closed, a.hi_closed) == (b.lo_closed, b.hi_closed)
