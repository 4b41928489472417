"""Interval enclosures: every value the formula takes on a box lies inside its enclosure."""

from __future__ import annotations

import mpmath
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from mpmath.libmp import from_float, to_float

from derivations.enclosure import compile_enclosure, excludes_zero

z = sp.Symbol("z", real=True)
PREC = 80


def enclose(expr: sp.Expr, lo: float, hi: float) -> tuple[float, float]:
    (low, high), _ = compile_enclosure(expr, [z])([(from_float(lo), from_float(hi))], PREC)
    return to_float(low), to_float(high)


def sign_on(expr: sp.Expr, lo: float, hi: float) -> int:
    interval, _ = compile_enclosure(expr, [z])([(from_float(lo), from_float(hi))], PREC)
    return excludes_zero(interval)


FORMULAS = [
    sp.sign(z - sp.Rational(1, 3)),
    sp.sign(z) * z + sp.tanh(z),
    sp.Abs(z - 1) + sp.sign(2 * z + 1),
    sp.erf(z) - z / 4,
    sp.Max(z, sp.exp(z) - 2),
]


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from(FORMULAS),
    st.floats(-5, 5, allow_nan=False),
    st.floats(0, 4, allow_nan=False),
    st.lists(st.floats(0, 1), min_size=5, max_size=5),
)
def test_every_value_on_a_box_lies_in_its_enclosure(expr, lo, width, fractions):
    hi = lo + width
    low, high = enclose(expr, lo, hi)
    for fraction in fractions + [0.0, 1.0]:
        x = lo + fraction * width
        value = float(sp.N(expr.subs(z, sp.Float(x, 30)), 30))
        assert low - 1e-12 <= value <= high + 1e-12, (expr, x, value, low, high)


@pytest.mark.parametrize(
    "lo, hi, sign", [(0.5, 2.0, 1), (-3.0, -0.25, -1), (-1.0, 1.0, 0), (0.0, 1.0, 0)]
)
def test_sign_is_enclosed_by_its_values_at_the_ends_of_the_box(lo, hi, sign):
    low, high = enclose(sp.sign(z), lo, hi)
    assert -1 <= low <= high <= 1  # rounding outward never leaves sign's range
    assert sign_on(sp.sign(z), lo, hi) == sign
    if sign:
        assert low == pytest.approx(sign) and high == pytest.approx(sign)


def test_a_delta_is_zero_on_a_box_where_its_argument_is_not():
    assert enclose(sp.DiracDelta(z - 1), 1.5, 3.0) == (0.0, 0.0)
    assert enclose(sp.DiracDelta(z - 1), -3.0, 0.5) == (0.0, 0.0)


def test_a_delta_is_unbounded_on_a_box_where_its_argument_may_vanish():
    assert enclose(sp.DiracDelta(z - 1), 0.5, 1.5) == (-mpmath.inf, mpmath.inf)
    # so a sign is never read across the jump it stands for
    assert sign_on(1 + sp.DiracDelta(z), -0.5, 0.5) == 0
    assert sign_on(1 + sp.DiracDelta(z), 0.25, 0.5) == 1


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
