"""Every report agrees with g and g' evaluated independently at many points.

Parametrized over the catalog as it is, so entries added later are checked the
same way, and over PyTorch's activations typed as formulas.  The values come
from SymPy's own diff and 30-digit evalf here, not from the analysis code.
"""

from __future__ import annotations

import json
from functools import cache

import pytest
import sympy as sp

from derivations import derive
from derivations.analysis import analyze
from derivations.catalog import CATALOG
from derivations.functions import expand_activations
from derivations.render.analysis import analysis_json, verdict_words

# Typed formulas, so the typed path is covered whatever the catalog holds.
TYPED = [
    "max(0,z) + min(0, exp(z)-1)",  # ELU
    "z*min(max(0, z+3), 6)/6",  # Hardswish
    "z - min(max(z, -0.5), 0.5)",  # Softshrink
    "z*Heaviside(z - 1) + 0.5*Heaviside(1 - z)",  # Threshold(1, 0.5): a jump
    "z*sigmoid(z)",  # SiLU, with a catalog function inside
]
NAMES = [entry.name for entry in CATALOG] + TYPED
# Points across [-12, 12] that avoid breakpoints at integers and simple fractions.
POINTS = [sp.Rational(k, 13) + sp.Rational(1, 101) for k in range(-156, 157, 4)]
TOLERANCE = 1e-12


def value(expr: sp.Expr, z: sp.Symbol, point) -> sp.Float | None:
    """expr at z = point with 30 digits (subs and evalf, no lambdify), None where undefined."""
    number = sp.N(expr.subs(z, point), 30)
    if not number.is_number or number.has(sp.nan, sp.zoo, sp.oo, -sp.oo) or not number.is_real:
        return None
    return number


@cache
def report(name: str):
    return analyze(name)


@cache
def truth(name: str):
    """(g, g') as plain SymPy, g' from SymPy's diff; breakpoints avoided by the points."""
    derivation = derive(name)
    fixed = {
        sp.Symbol(n, **s.assumptions0): v
        for n, v in report(name).parameters
        for s in derivation.function.free_symbols
        if s.name == n
    }
    g = expand_activations(derivation.function).xreplace(fixed)
    dg = sp.diff(g, derivation.variable).replace(sp.DiracDelta, lambda *args: sp.S.Zero)
    return derivation.variable, g, dg


@cache
def samples(name: str, which: int) -> list[tuple[float, float]]:
    """(z, g(z)) for ``which`` = 0, (z, g'(z)) for 1, at the points where they are defined."""
    z, *functions = truth(name)
    found = []
    for x in POINTS:
        v = value(functions[which], z, x)
        if v is not None:
            found.append((float(x), float(v)))
    assert len(found) > 40
    return found


def inside(x: float, interval) -> bool:
    lo, hi = float(interval.lo), float(interval.hi)
    return lo - 1e-9 < x < hi + 1e-9


def near_edge(x: float, intervals) -> bool:
    return any(abs(x - float(e)) < 1e-6 for i in intervals for e in (i.lo, i.hi) if e.finite)


@pytest.mark.parametrize("name", NAMES)
def test_range_of_g_contains_every_value(name):
    a = report(name)
    lo, hi = float(a.range.lower.value), float(a.range.upper.value)
    for _, v in samples(name, 0):
        assert lo - TOLERANCE <= v <= hi + TOLERANCE


@pytest.mark.parametrize("name", NAMES)
def test_max_slope_bounds_every_slope_and_is_reached_where_it_says(name):
    a = report(name)
    top = float(a.max_slope.value)
    for _, v in samples(name, 1):
        assert abs(v) <= top * (1 + TOLERANCE) + TOLERANCE
    z, _, dg = truth(name)
    for place in a.max_slope.where:
        if a.max_slope.attained and place.is_point and place.lo.finite:
            at = value(dg, z, place.lo.value)
            if at is not None:  # not at a kink
                assert abs(abs(float(at)) - top) < 1e-9 * max(1, top)


@pytest.mark.parametrize("name", NAMES)
def test_saturation_is_exactly_where_the_slope_is_small(name):
    a = report(name)
    threshold = float(a.saturation_threshold)
    for x, v in samples(name, 1):
        if near_edge(x, a.saturation):
            continue
        saturated = any(inside(x, i) for i in a.saturation)
        assert saturated == (abs(v) < threshold), f"z = {x}, g′ = {v}"


@pytest.mark.parametrize("name", NAMES)
def test_dead_zones_have_zero_slope(name):
    a = report(name)
    zones = [zone.interval for zone in a.dead_zones]
    for x, v in samples(name, 1):
        if any(inside(x, i) for i in zones) and not near_edge(x, zones):
            assert v == 0
    for zone in a.dead_zones:
        assert zone.recoverable == zone.interval.bounded or a.dead_everywhere


@pytest.mark.parametrize("name", NAMES)
def test_decreasing_exactly_where_the_slope_is_negative(name):
    a = report(name)
    for x, v in samples(name, 1):
        if near_edge(x, a.decreasing_on) or abs(v) < 1e-20:
            continue
        assert any(inside(x, i) for i in a.decreasing_on) == (v < 0), f"z = {x}"
    if not a.jumps_down:
        assert a.monotonic == (not a.decreasing_on or not a.increasing_on)


@pytest.mark.parametrize("name", NAMES)
def test_symmetry_and_centring(name):
    a = report(name)
    z, g, _ = truth(name)
    odd = all(abs(float(value(g, z, x)) + float(value(g, z, -x))) < 1e-20 for x in POINTS if x > 0)
    assert a.symmetric == odd
    assert (a.zero_centring == "yes") == odd
    assert float(a.g_at_zero) == pytest.approx(float(sp.N(g.subs(z, 0))), abs=1e-15)


@pytest.mark.parametrize("name", NAMES)
def test_smoothness_agrees_with_the_kinks(name):
    a = report(name)
    if a.kinks:
        assert a.smoothness.order is not None and a.smoothness.order <= 0
    if not a.breakpoints:
        assert a.smoothness.label == "C-infinity"
    assert a.backward_from_output == derive(name).in_terms_of_g.exists


@pytest.mark.parametrize("name", NAMES)
def test_json_numbers_match_their_exact_strings(name):
    data = json.loads(analysis_json.render([report(name)]))
    for key in (
        "max_slope",
        "argmax_slope",
        "range",
        "derivative_range",
        "saturation",
        "dead_zones",
        "zero_centred",
        "monotonic",
        "smoothness",
        "kinks",
        "backward_from_output",
    ):
        assert key in data

    def check(number, exact):
        if exact is None:
            return
        parsed = sp.sympify(exact)
        if number is None:
            assert parsed in (sp.oo, -sp.oo)
        else:
            assert float(parsed) == pytest.approx(number, rel=1e-12, abs=1e-15)

    check(data["max_slope"], data["max_slope_exact"])
    for interval in [
        data["range"],
        data["derivative_range"],
        *data["saturation"],
        *data["dead_zones"],
        *data["argmax_slope"],
    ]:
        check(interval["lo"], interval["lo_exact"])
        check(interval["hi"], interval["hi_exact"])


@pytest.mark.parametrize("name", NAMES)
def test_every_entry_gets_a_verdict(name):
    a = report(name)
    assert a.verdict is not None and verdict_words.family(a)
    assert all(sentence.endswith(".") for sentence in verdict_words.sentences(a))
