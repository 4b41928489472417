"""Interval enclosures: every value the formula takes on a box lies inside its enclosure."""

from __future__ import annotations

import mpmath
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


def test_a_delta_is_zero_on_a_box_where_its_argument_is_not():
    assert enclose(sp.DiracDelta(z - 1), 1.5, 3.0) == (0.0, 0.0)
    assert enclose(sp.DiracDelta(z - 1), -3.0, 0.5) == (0.0, 0.0)


def test_a_delta_is_unbounded_on_a_box_where_its_argument_may_vanish():
    assert enclose(sp.DiracDelta(z - 1), 0.5, 1.5) == (-mpmath.inf, mpmath.inf)
    # so a sign is never read across the jump it stands for
    assert sign_on(1 + sp.DiracDelta(z), -0.5, 0.5) == 0
    assert sign_on(1 + sp.DiracDelta(z), 0.25, 0.5) == 1
