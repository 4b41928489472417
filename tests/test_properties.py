"""Laws that hold for every expression: random formulas built from the supported functions.

For each: the derivation finishes, every step is proved equal to the one before (by the
engine), every step equals the one before when checked here from scratch, and the
result equals SymPy's own diff.
"""

import sympy as sp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from derivations import derive
from derivations.functions import ACTIVATION_FUNCTIONS

from .conftest import assert_numerically_equal, assert_steps_chain, plain

z = sp.Symbol("z", real=True)
sigmoid = ACTIVATION_FUNCTIONS["sigmoid"]
relu = ACTIVATION_FUNCTIONS["relu"]

# A few points are enough per example; many examples cover the rest.
FEW_POINTS = [sp.Rational(k, 3) + sp.Rational(1, 97) for k in range(-9, 10, 2)]

constants = st.sampled_from(
    [
        sp.Integer(1),
        sp.Integer(2),
        sp.Integer(3),
        sp.Rational(1, 2),
        sp.Rational(3, 10),
        sp.Integer(-1),
    ]
)
leaves = st.one_of(st.just(z), constants)

SMOOTH_UNARY = [
    lambda u: sp.exp(u / 4),
    lambda u: sp.log(1 + u**2),
    sp.tanh,
    lambda u: sp.sinh(u / 4),
    sigmoid,
    lambda u: -u,
    lambda u: u**2,
    lambda u: u**3 / 10,
    lambda u: sp.sqrt(1 + u**2),
    lambda u: 1 / (1 + u**2),
    sp.atan,
]
SMOOTH_BINARY = [
    lambda u, v: u + v,
    lambda u, v: u * v,
    lambda u, v: u / (1 + v**2),
    lambda u, v: u - v,
]


def smooth(depth: int):
    if depth == 0:
        return leaves
    inner = smooth(depth - 1)
    unary = st.tuples(st.sampled_from(SMOOTH_UNARY), inner).map(lambda p: p[0](p[1]))
    binary = st.tuples(st.sampled_from(SMOOTH_BINARY), inner, inner).map(lambda p: p[0](p[1], p[2]))
    return st.one_of(inner, unary, binary)


def linear():
    """a·z + b: arguments of piecewise functions whose breakpoints can be located exactly."""
    return st.tuples(
        st.sampled_from([1, -1, 2, sp.Rational(1, 2)]),
        st.sampled_from([0, 1, -1, sp.Rational(1, 3)]),
    ).map(lambda p: p[0] * z + p[1])


PIECEWISE = [
    lambda u: sp.Max(0, u),
    lambda u: sp.Abs(u),
    lambda u: sp.Min(u, 1),
    relu,
    lambda u: sp.Max(u / 10, u),
]


def with_kinks():
    piece = st.tuples(st.sampled_from(PIECEWISE), linear()).map(lambda p: p[0](p[1]))
    combine = st.sampled_from(
        [
            lambda f, h: f * h,
            lambda f, h: f + h,
            lambda f, h: f * sp.exp(h / 4),
            lambda f, h: sp.tanh(f) + h,
        ]
    )
    return st.tuples(combine, piece, smooth(1)).map(lambda p: p[0](p[1], p[2]))


def check(expr):
    derivation = derive(expr)
    assert derivation.complete
    assert derivation.verified, [
        (s.rule, p) for s, p in zip(derivation.steps, derivation.proofs, strict=True) if not p.ok
    ]
    assert_steps_chain(derivation, points=FEW_POINTS)
    truth = sp.diff(plain(expr), z)
    assert_numerically_equal(plain(derivation.result), truth, z, FEW_POINTS)


SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


@SETTINGS
@given(smooth(3).filter(lambda e: e.has(z)))
def test_random_smooth_expressions_derive_and_every_step_chains(expr):
    check(expr)


@SETTINGS
@given(with_kinks())
def test_random_piecewise_expressions_derive_and_every_step_chains(expr):
    check(expr)
