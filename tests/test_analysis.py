"""Gradient health against what the mathematics says, for the seed's four and typed formulas."""

from __future__ import annotations

from functools import cache

import mpmath
import pytest
import sympy as sp

from derivations.analysis import analyze
from derivations.analysis.numbers import Number
from derivations.errors import DerivationsError, InputRefused, UsageError
from derivations.render.analysis import verdict_words

z = sp.Symbol("z", real=True)


@cache
def analysis(target: str, saturation: str = "0.01"):
    return analyze(target, saturation=saturation)


def close(number: Number, expected, digits: int = 12) -> bool:
    return abs(float(number) - float(sp.N(expected, 30))) < 10**-digits * max(1, abs(float(number)))


def ends(interval):
    return float(interval.lo), float(interval.hi)


# --- sigmoid: max slope exactly 1/4 at 0 -------------------------------------------------------


def test_sigmoid_max_slope_is_exactly_a_quarter_at_zero():
    a = analysis("sigmoid")
    assert a.max_slope.value == Number(sp.Rational(1, 4), True)
    assert a.max_slope.attained
    (where,) = a.max_slope.where
    assert where.is_point and where.lo.value == 0


def test_sigmoid_ranges_are_open_zero_one_and_up_to_a_quarter():
    a = analysis("sigmoid")
    assert (a.range.lower.value.value, a.range.upper.value.value) == (0, 1)
    assert not a.range.lower.attained and not a.range.upper.attained
    assert a.derivative_range.lower.value.value == 0 and not a.derivative_range.lower.attained
    assert a.derivative_range.upper.attained


def test_sigmoid_saturates_beyond_the_exact_roots_of_a_quadratic():
    # sigma' = s(1 - s) = 1/100  <=>  s = (1 ± sqrt(0.96))/2, z = log(s/(1 - s))
    s = (1 + sp.sqrt(sp.Rational(96, 100))) / 2
    edge = sp.log(s / (1 - s))
    left, right = analysis("sigmoid").saturation
    assert left.lo.value == -sp.oo and right.hi.value == sp.oo
    assert left.hi.exact and right.lo.exact
    assert sp.simplify(right.lo.value - edge) == 0
    assert sp.simplify(left.hi.value + edge) == 0


def test_saturation_threshold_is_configurable():
    # sigma' = 1/10 <=> s = (1 ± sqrt(0.6))/2
    s = (1 + sp.sqrt(sp.Rational(6, 10))) / 2
    left, right = analysis("sigmoid", "0.1").saturation
    assert close(right.lo, sp.log(s / (1 - s)))
    assert analysis("sigmoid", "0.1").saturation_threshold.value == sp.Rational(1, 10)


def test_sigmoid_shape():
    a = analysis("sigmoid")
    assert a.g_at_zero.value == sp.Rational(1, 2)
    assert a.zero_centring == "no" and a.output_sign == "positive"
    assert a.monotonic and a.direction == "increasing"
    assert a.smoothness.label == "C-infinity" and not a.kinks
    assert a.backward_from_output
    assert sp.expand(a.form_in_g - sp.Function("g")(z) * (1 - sp.Function("g")(z))) == 0
    assert not a.dead_zones


# --- tanh: max slope 1, zero-centred ------------------------------------------------------------


def test_tanh():
    a = analysis("tanh")
    assert a.max_slope.value == Number(sp.S.One, True)
    assert a.max_slope.where[0].lo.value == 0
    assert (a.range.lower.value.value, a.range.upper.value.value) == (-1, 1)
    assert a.zero_centring == "yes" and a.zero_centred and a.symmetric
    edge = sp.atanh(sp.sqrt(sp.Rational(99, 100)))  # 1 - tanh^2 = 1/100
    left, right = a.saturation
    assert close(right.lo, edge) and close(left.hi, -edge)
    assert right.lo.exact


# --- relu: the dead zone (-oo, 0) ---------------------------------------------------------------


def test_relu_dead_zone_is_minus_infinity_to_zero_and_final():
    a = analysis("relu")
    (zone,) = a.dead_zones
    assert zone.interval.lo.value == -sp.oo and zone.interval.hi.value == 0
    assert not zone.interval.lo_closed and not zone.interval.hi_closed
    assert not zone.recoverable
    assert a.direction == "non-decreasing"


def test_relu_slopes_range_and_kink():
    a = analysis("relu")
    assert a.max_slope.value.value == 1
    (where,) = a.max_slope.where
    assert (where.lo.value, where.hi.value) == (0, sp.oo)
    assert a.range.lower.value.value == 0 and a.range.lower.attained
    assert a.range.upper.value.value == sp.oo
    assert a.smoothness.order == 0 and [x.value for x in a.smoothness.breaks_at] == [0]
    assert [k.at for k in a.kinks] == [0]
    assert a.zero_centring == "no"


def test_leaky_relu_has_no_dead_zone_and_a_small_slope():
    a = analysis("leaky_relu")
    assert not a.dead_zones
    assert a.derivative_range.lower.value.value == sp.Rational(1, 100)
    assert a.saturation == ()  # |g'| = 0.01 is not below 0.01
    assert a.zero_centring == "partly"
    assert "no dead zone" in verdict_words.family(a) or "One of the seed" in verdict_words.family(a)


def test_a_smaller_leaky_slope_saturates_but_is_not_dead():
    a = analyze("leaky_relu", params={"a": "0.005"})
    (interval,) = a.saturation
    assert ends(interval) == (float("-inf"), 0.0)
    assert not a.dead_zones


# --- typed formulas ------------------------------------------------------------------------------


def test_swish_minimum_is_minus_lambert_w():
    # d/dz z*sigma(z) = 0  <=>  z = -1 - W(1/e); there g = -W(1/e)
    w = sp.LambertW(sp.exp(-1))
    a = analysis("z*sigmoid(z)")
    (where,) = a.range.lower.where
    assert close(where.lo, -1 - w) and close(a.range.lower.value, -w)
    assert float(where.lo) == pytest.approx(-1.278, abs=1e-3)
    assert not a.monotonic and a.direction == "not monotonic"
    (down,) = a.decreasing_on
    assert down.lo.value == -sp.oo and close(down.hi, -1 - w)
    assert not a.backward_from_output


def test_swish_max_slope_matches_an_independent_root_of_g_second():
    f = z / (1 + sp.exp(-z))
    second = sp.lambdify(z, sp.diff(f, z, 2), "mpmath")
    with mpmath.workdps(30):
        root = mpmath.findroot(second, 2.4)
        slope = sp.lambdify(z, sp.diff(f, z), "mpmath")(root)
    a = analysis("z*sigmoid(z)")
    assert close(a.max_slope.where[0].lo, sp.Float(str(root), 30))
    assert close(a.max_slope.value, sp.Float(str(slope), 30))
    assert a.ends.slope_right.value == 1  # SymPy's own limit says 0 here: checked, not trusted


def test_mish_is_not_monotonic():
    a = analysis("z*tanh(log(1+e^z))")
    assert not a.monotonic
    assert float(a.range.lower.value) == pytest.approx(-0.30884, abs=1e-5)
    assert float(a.range.lower.where[0].lo) == pytest.approx(-1.19243, abs=1e-5)


def test_gelu_steepest_point_is_found_numerically_and_proved_to_be_root_2():
    a = analysis("z*(1+erf(z/sqrt(2)))/2")
    (where,) = a.max_slope.where
    assert where.lo.exact and where.lo.value == sp.sqrt(2)
    assert float(a.range.lower.where[0].lo) == pytest.approx(-0.75179, abs=1e-5)


def test_typed_leaky_variant_is_like_relu_without_dead_zone():
    a = analysis("max(0.05*z, z)")
    assert not a.dead_zones
    assert a.derivative_range.lower.value.value == sp.Rational(1, 20)
    assert "no dead zone" in verdict_words.family(a) and "0.05" in verdict_words.family(a)


def test_hard_tanh_has_two_dead_zones_and_is_symmetric():
    a = analysis("max(-1, min(1, z))")
    assert [ends(zone.interval) for zone in a.dead_zones] == [
        (float("-inf"), -1.0),
        (1.0, float("inf")),
    ]
    assert a.zero_centring == "yes"
    assert a.range.as_interval().lo_closed and a.range.as_interval().hi_closed


def test_a_dead_zone_of_finite_width_can_recover():
    (zone,) = analysis("z - min(max(z, -0.5), 0.5)").dead_zones
    assert ends(zone.interval) == (-0.5, 0.5) and zone.recoverable


def test_heaviside_passes_no_gradient_at_all():
    a = analysis("Heaviside(z)")
    assert a.dead_everywhere
    assert a.smoothness.label == "discontinuous"
    assert "No gradient at all" in verdict_words.family(a)


@pytest.mark.parametrize(
    ("formula", "order"),
    [("z/(1+abs(z))", 1), ("max(0,z) + min(0, exp(z)-1)", 1), ("abs(z)", 0), ("tanh(z)", None)],
)
def test_smoothness_order(formula, order):
    assert analysis(formula).smoothness.order == order


def test_unbounded_slope():
    a = analysis("exp(z)")
    assert a.max_slope.value.value == sp.oo and not a.max_slope.attained
    assert "explode" in verdict_words.family(a)


def test_a_jump_down_breaks_monotonicity():
    a = analysis("z - 2*Heaviside(z)")
    assert not a.monotonic
    assert [x.value for x in a.jumps_down] == [0]


@pytest.mark.parametrize(
    ("formula", "error"),
    [
        ("log(z)", InputRefused),  # not defined for z <= 0
        ("1/z", InputRefused),
        ("sin(z)", InputRefused),  # no limit at infinity
        ("max(a*z, z)", UsageError),  # a parameter with no value
    ],
)
def test_unusable_inputs_are_refused_in_one_line(formula, error):
    with pytest.raises(error) as caught:
        analyze(formula)
    assert "\n" not in str(caught.value)


def test_saturation_threshold_must_be_a_positive_number():
    with pytest.raises(DerivationsError):
        analyze("sigmoid", saturation="-1")
    with pytest.raises(DerivationsError):
        analyze("sigmoid", saturation="abc")
