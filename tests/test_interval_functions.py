"""Each function on intervals: every value at a point of the interval inside its bound,
a box cut to the function's domain (and marked partial), far out bounded at once."""

from __future__ import annotations

import mpmath
import pytest
import sympy as sp
from mpmath.libmp import from_float, to_float

from derivations.enclosure import compile_enclosure, excludes_zero
from derivations.interval_functions import FUNCTIONS, Nowhere, Run, power, reciprocal

z = sp.Symbol("z", real=True)
PREC = 80


def enclose(expr: sp.Expr, lo: float, hi: float) -> tuple[float, float]:
    (low, high), _ = compile_enclosure(expr, [z])([(from_float(lo), from_float(hi))], PREC)
    return to_float(low), to_float(high)


def on(function, lo: float, hi: float) -> tuple[tuple[float, float], bool]:
    """The function's bound on [lo, hi] as floats, and whether part of it was cut off."""
    run = Run(PREC, ())
    low, high = FUNCTIONS[function]((from_float(lo), from_float(hi)), run)
    return (to_float(low), to_float(high)), run.partial


@pytest.mark.parametrize(
    "lo, hi, sign", [(0.5, 2.0, 1), (-3.0, -0.25, -1), (-1.0, 1.0, 0), (0.0, 1.0, 0)]
)
def test_sign_is_enclosed_by_its_values_at_the_ends_of_the_box(lo, hi, sign):
    (low, high), _ = on(sp.sign, lo, hi)
    assert -1 <= low <= high <= 1  # rounding outward never leaves sign's range
    assert excludes_zero((from_float(low), from_float(high))) == sign
    if sign:
        assert low == pytest.approx(sign) and high == pytest.approx(sign)


def test_a_box_partly_outside_the_domain_is_cut_and_marked_partial():
    (low, high), partial = on(sp.log, -1.0, 4.0)
    assert partial and low == -mpmath.inf and high == pytest.approx(float(mpmath.log(4)))
    assert on(sp.log, 1.0, 4.0)[1] is False
    (low, high), partial = on(sp.atanh, 0.5, 2.0)
    assert partial and high == mpmath.inf
    with pytest.raises(Nowhere):
        on(sp.log, -2.0, -1.0)


def test_a_power_is_real_only_where_its_base_allows():
    run = Run(PREC, ())
    low, high = power((from_float(-1.0), from_float(8.0)), sp.Rational(1, 3), run)
    assert run.partial and to_float(low) == 0.0 and to_float(high) == pytest.approx(2.0)
    run = Run(PREC, ())
    reciprocal((from_float(-1.0), from_float(2.0)), run)
    assert run.partial  # undefined where the divisor is 0
    with pytest.raises(Nowhere):
        reciprocal((from_float(0.0), from_float(0.0)), Run(PREC, ()))


HUGE_POINT = 710.0  # e^z is far beyond the reach (2^30) at which functions are asked


@pytest.mark.parametrize(
    "expr",
    [
        sp.tanh(sp.exp(z)),
        sp.exp(-sp.exp(z)),
        sp.cos(sp.exp(z)) + 2,
        sp.cosh(sp.exp(z)),
        sp.atan(sp.exp(z)),
        sp.exp(sp.exp(z) / 2) + sp.tanh(z),
    ],
)
def test_far_beyond_reach_the_enclosure_is_its_range_not_a_long_computation(expr):
    # e^z on [700, 710] is far beyond the reach at which the functions are asked, where
    # mpmath alone would take minutes: the enclosure is still sound, and still decides a sign
    box = [(from_float(700.0), from_float(HUGE_POINT))]
    (low, high), _ = compile_enclosure(expr, [z])(box, PREC)
    for x in (700, 705, 710):
        with mpmath.workprec(PREC):
            value = mpmath.mpf(sp.N(expr.subs(z, x), 40))
        assert mpmath.mpf(low) <= value <= mpmath.mpf(high), (x, value)
    assert excludes_zero((low, high)) == 1


def test_far_beyond_reach_erfc_is_bounded_by_its_value_at_the_reach():
    # mpmath cannot evaluate erfc(±e^700) at all; the enclosure need not
    assert enclose(sp.erfc(-sp.exp(z)), 700.0, 710.0) == (pytest.approx(2.0), 2.0)
    low, high = enclose(sp.erfc(sp.exp(z)), 700.0, 710.0)
    assert 0.0 == low <= high < 1e-90  # erfc(2^30), widened by a few ulps of 2^-320
