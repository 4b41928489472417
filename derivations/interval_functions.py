"""Each function of a formula on intervals: sound bounds for e^x, log, powers, tanh,
erf, … on intervals of raw mpmath numbers, rounded outward and cut to the function's
domain (a cut is recorded in ``Run.partial``), and tamed far out where mpmath would take
minutes.  ``enclosure`` composes them into the enclosure of a whole expression.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import mpmath
import sympy as sp
from mpmath.libmp import (
    finf,
    fninf,
    fone,
    from_int,
    from_man_exp,
    fzero,
    mpf_abs,
    mpf_add,
    mpf_ceil,
    mpf_floor,
    mpf_ln2,
    mpf_lt,
    mpf_neg,
    mpf_shift,
    mpf_sign,
    mpf_sub,
    round_ceiling,
    round_floor,
    to_int,
)
from mpmath.libmp import libmpi as mpi

Raw = tuple  # a raw mpmath number (sign, mantissa, exponent, bits)
Interval = tuple[Raw, Raw]


class Nowhere(Exception):
    """The expression is defined at no point of the box."""


class CannotBound(Exception):
    """The expression holds a function we have no enclosure for."""


class Run:
    """One evaluation: the working precision, the box, and whether part of it is undefined."""

    __slots__ = ("prec", "box", "partial")

    def __init__(self, prec: int, box: Sequence[Interval]):
        self.prec, self.box, self.partial = prec, box, False


def point(x: Raw) -> Interval:
    """The interval holding x alone."""
    return (x, x)


# --- building blocks -------------------------------------------------------------------


def _widen(value: mpmath.mpf, prec: int) -> Interval:
    """An interval around a value computed with guard bits (a few ulps either side)."""
    raw = value._mpf_
    if raw in (finf, fninf):
        return raw, raw
    slack = mpf_add(mpf_shift(mpf_abs(raw), -prec + 4), mpf_shift(fone, -4 * prec), prec)
    return mpf_sub(raw, slack, prec, round_floor), mpf_add(raw, slack, prec, round_ceiling)


# Beyond |x| = 2^30 the functions here are bounded by their values at ±2^30 or by their
# range, while mpmath, asked at such a point, works with as many bits as the point is
# large: tanh(2^(2^36)) takes a minute, e^(−e^(10^19)) longer.
REACH = from_int(2**30)
NEAR = (mpf_neg(REACH), REACH)


def _tamed(apply: Callable, increasing: bool, lowest=fninf, highest=finf) -> Callable:
    """``apply`` (an enclosure of a monotone f) asked only within reach: an end beyond it is
    bounded by f at the reach where that stays sound, else by f's range (lowest, highest)."""

    def tamed(x: Interval, run: Run) -> Interval:
        below, above = mpf_lt(x[0], NEAR[0]), mpf_lt(NEAR[1], x[1])
        low, high = apply(_within_reach(x), run)
        if increasing:
            return (lowest if below else low), (highest if above else high)
        return (lowest if above else low), (highest if below else high)

    return tamed


def _within_reach(x: Interval) -> Interval:
    lo, hi = (NEAR[0] if mpf_lt(e, NEAR[0]) else NEAR[1] if mpf_lt(NEAR[1], e) else e for e in x)
    return lo, hi


def _monotone(
    function: Callable, increasing: bool, domain: tuple | None = None, values: tuple = ()
):
    """An enclosure of a monotone function: its values at the two ends, rounded outward.
    ``domain`` is (lo, hi, open) where the function is real (open: ends excluded);
    ``values`` (lo, hi) the range it never leaves, which rounding outward must not leave
    either: log(erf(u)) ≤ 0 exactly."""

    def apply(x: Interval, run: Run) -> Interval:
        if domain is not None:
            x = _clip(x, domain, run)
        with mpmath.mp.workprec(run.prec + 30):
            lo = function(mpmath.mp.make_mpf(x[0]))
            hi = lo if x[1] == x[0] else function(mpmath.mp.make_mpf(x[1]))
            lo_box, hi_box = _widen(mpmath.mpf(lo), run.prec), _widen(mpmath.mpf(hi), run.prec)
        if not increasing:
            lo_box, hi_box = hi_box, lo_box
        low, high = lo_box[0], hi_box[1]
        if values:
            low = values[0] if mpf_lt(low, values[0]) else low
            high = values[1] if mpf_lt(values[1], high) else high
        return low, high

    return _tamed(apply, increasing, *(values or (fninf, finf)))


def _clip(x: Interval, domain: tuple, run: Run) -> Interval:
    """``x`` intersected with ``domain``; partial when something was cut off."""
    lo, hi = x
    low, high, is_open = domain
    if mpf_lt(lo, low) or (is_open and lo == low):
        run.partial = True
        lo = low
    if mpf_lt(high, hi) or (is_open and hi == high):
        run.partial = True
        hi = high
    if mpf_lt(hi, lo) or (is_open and hi == lo):
        raise Nowhere
    return lo, hi


def _nonnegative(x: Interval, run: Run, strict: bool) -> Interval:
    lo, hi = x
    if mpf_sign(hi) < 0 or (strict and mpf_sign(hi) == 0):
        raise Nowhere
    if mpf_sign(lo) < 0 or (strict and mpf_sign(lo) == 0):
        if mpf_sign(lo) < 0:
            run.partial = True
        if strict:
            run.partial = True
        lo = fzero
    return lo, hi


def _log(x: Interval, run: Run) -> Interval:
    return mpi.mpi_log(_nonnegative(x, run, strict=True), run.prec)


def _sqrt(x: Interval, run: Run) -> Interval:
    return mpi.mpi_sqrt(_nonnegative(x, run, strict=False), run.prec)


def _exp(x: Interval, run: Run) -> Interval:
    if not (mpf_lt(x[0], NEAR[0]) or mpf_lt(NEAR[1], x[1])):
        return mpi.mpi_exp(x, run.prec)  # the common case: both ends within reach
    return _exp_end(x[0], run.prec, round_floor), _exp_end(x[1], run.prec, round_ceiling)


POWER_OF_TWO_BITS = 4096  # |x| < 2^4096: e^x is bounded by powers of two at once


def _exp_end(end: Raw, prec: int, rounding) -> Raw:
    """e^end rounded down (round_floor) or up.  Beyond reach it is a power of two,
    e^x = 2^(x/ln 2) with the exponent rounded outward; further still, the bound at the
    reach or the limit (0, ∞)."""
    down = rounding == round_floor
    if not (mpf_lt(end, NEAR[0]) or mpf_lt(NEAR[1], end)):
        return mpi.mpi_exp((end, end), prec)[0 if down else 1]
    if end in (finf, fninf) or end[2] + end[3] > POWER_OF_TWO_BITS:
        if mpf_sign(end) > 0:
            return _exp_end(NEAR[1], prec, rounding) if down else finf
        return fzero if down else _exp_end(NEAR[0], prec, rounding)
    bits = end[2] + end[3] + 64
    ln2 = (mpf_ln2(bits, round_floor), mpf_ln2(bits, round_ceiling))
    low, high = mpi.mpi_div((end, end), ln2, bits)
    exponent = to_int(mpf_floor(low)) - 1 if down else to_int(mpf_ceil(high)) + 1
    return from_man_exp(1, exponent)


def mul(a: Interval, b: Interval, prec: int) -> Interval:
    """The product of two intervals."""
    if a == (fzero, fzero) or b == (fzero, fzero):
        return fzero, fzero  # 0 times anything finite: the factor is finite where defined
    return mpi.mpi_mul(a, b, prec)


def reciprocal(x: Interval, run: Run) -> Interval:
    """1/x, partial where x may be 0."""
    if x == (fzero, fzero):
        raise Nowhere
    if mpf_sign(x[0]) <= 0 <= mpf_sign(x[1]):
        run.partial = True  # undefined where the divisor is 0
    return mpi.mpi_div((fone, fone), x, run.prec)


def power(base: Interval, exponent: sp.Expr, run: Run) -> Interval:
    """base^exponent for a number exponent, cut to where it is real."""
    if exponent.is_Integer:
        n = int(exponent)
        if n >= 0:
            return mpi.mpi_pow_int(base, n, run.prec)
        return reciprocal(mpi.mpi_pow_int(base, -n, run.prec), run)
    if exponent == sp.S.Half:
        return _sqrt(base, run)
    # x^r for real r: defined (as a real number) for x > 0, and at 0 when r > 0.
    r = number_interval(exponent, run.prec)
    positive_r = mpf_sign(r[0]) > 0
    clipped = _nonnegative(base, run, strict=not positive_r)
    if clipped[1] == fzero:
        return fzero, fzero
    return _exp(mul(r, mpi.mpi_log(clipped, run.prec), run.prec), run)


def number_interval(expr: sp.Expr, prec: int) -> Interval:
    """A number (no variable) as a tight interval."""
    if expr.is_Integer:
        return point(from_int(int(expr)))
    if expr.is_Rational:
        return mpi.mpi_div(point(from_int(int(expr.p))), point(from_int(int(expr.q))), prec)
    if expr.is_Float:
        return point(expr._mpf_)
    if expr is sp.S.Infinity:
        return point(finf)
    if expr is sp.S.NegativeInfinity:
        return point(fninf)
    value = sp.N(expr, mpmath.libmp.prec_to_dps(prec) + 15)
    if not value.is_real or not value.is_Number:
        raise CannotBound(f"no real value for {sp.sstr(expr)}")
    return _widen(mpmath.mpf(value._mpf_), prec)


class Erfcx(sp.Function):
    """The scaled complementary error function e^(x²)·erfc(x), decreasing from ∞ to 0: erf
    written with it (erf(u) = 1 − e^(−u²)·erfcx(u)) has no cancellation as u → ∞."""

    is_real = True
    is_positive = True

    def fdiff(self, argindex=1):
        x = self.args[0]
        return 2 * x * Erfcx(x) - 2 / sp.sqrt(sp.pi)

    def _eval_evalf(self, prec):
        with mpmath.workprec(prec + 20):
            return sp.Float(_erfcx(mpmath.mpf(sp.Float(self.args[0], 30))), prec)


def _erfcx(x: mpmath.mpf) -> mpmath.mpf:
    if x == mpmath.inf:
        return mpmath.mpf(0)
    if x == -mpmath.inf:
        return mpmath.inf
    return mpmath.exp(x * x) * mpmath.erfc(x)


_MONOTONE: dict = {
    Erfcx: _monotone(_erfcx, False, values=(fzero, finf)),
    sp.tanh: _monotone(mpmath.tanh, True, values=(mpf_neg(fone), fone)),
    sp.sinh: _monotone(mpmath.sinh, True),
    sp.erf: _monotone(mpmath.erf, True, values=(mpf_neg(fone), fone)),
    sp.erfc: _monotone(mpmath.erfc, False, values=(fzero, from_int(2))),
    sp.asinh: _monotone(mpmath.asinh, True),
    # a step, so non-decreasing: its values at the ends enclose it (−1, 0, 1 exactly)
    sp.sign: _monotone(mpmath.sign, True, values=(mpf_neg(fone), fone)),
    sp.atanh: _monotone(mpmath.atanh, True, (mpf_neg(fone), fone, True)),
    sp.acosh: _monotone(mpmath.acosh, True, (fone, finf, False), values=(fzero, finf)),
    # W is real from -1/e on (the bound rounded down: a cut may only remove undefined points)
    sp.LambertW: _monotone(
        lambda x: mpmath.re(mpmath.lambertw(x)),
        True,
        (mpf_sub(fzero, mpmath.mpf(mpmath.exp(-1) + mpmath.mpf("1e-30"))._mpf_, 60), finf, False),
    ),
}


def _cosh(x: Interval, run: Run) -> Interval:
    # drawing the ends towards 0 can only lower cosh: the lower bound stays sound
    low, high = mpi.mpi_cosh_sinh(_within_reach(x), run.prec)[0]
    far = mpf_lt(x[0], NEAR[0]) or mpf_lt(NEAR[1], x[1])
    return low, (finf if far else high)


def _periodic(apply: Callable) -> Callable:
    def bounded(x: Interval, run: Run) -> Interval:
        if mpf_lt(x[0], NEAR[0]) or mpf_lt(NEAR[1], x[1]):
            return mpf_neg(fone), fone
        return apply(x, run.prec)

    return bounded


_SIMPLE: dict = {
    sp.exp: _exp,
    sp.log: _log,
    sp.cosh: _cosh,
    sp.atan: _tamed(lambda x, run: mpi.mpi_atan(x, run.prec), True, from_int(-2), from_int(2)),
    sp.sin: _periodic(mpi.mpi_sin),
    sp.cos: _periodic(mpi.mpi_cos),
    sp.Abs: lambda x, run: mpi.mpi_abs(x, run.prec),
}


# Each function's enclosure: (interval of its argument, run) -> interval of its values.
FUNCTIONS: dict = {**_SIMPLE, **_MONOTONE}
