"""Issue 3's catalog: every PyTorch activation derives, matches high-precision finite
differences, and states at each kink the value PyTorch's autograd returns."""

import mpmath
import pytest
import sympy as sp

from derivations import CATALOG, derive
from derivations.catalog import lookup
from derivations.derivation import g
from derivations.render.notation import write

from .conftest import numeric_parameters

z = sp.Symbol("z", real=True)
POINTS = [mpmath.mpf(-10) + mpmath.mpf(20) * (k + mpmath.mpf("0.37")) / 211 for k in range(211)]


def _compiled(expr, params):
    return sp.lambdify(z, expr.subs(params), modules="mpmath")


@pytest.mark.parametrize("entry", CATALOG, ids=lambda a: a.name)
def test_derivative_matches_a_central_difference_at_200_points(entry):
    derivation = derive(entry.name)
    params = numeric_parameters(derivation)
    function = _compiled(derivation.function, params)
    derivative = _compiled(derivation.plain_result, params)
    kinks = [sp.N(k.at.subs(params), 30) for k in derivation.kinks]
    compared = 0
    with mpmath.workdps(40):
        h = mpmath.mpf("1e-12")
        for x in POINTS:
            if any(abs(x - float(k)) < 1e-6 for k in kinks):
                continue
            central = (function(x + h) - function(x - h)) / (2 * h)
            assert abs(derivative(x) - central) < mpmath.mpf("1e-15") * max(1, abs(central)), x
            compared += 1
    assert compared >= 200


@pytest.mark.parametrize("entry", CATALOG, ids=lambda a: a.name)
def test_entry_documents_what_frameworks_need(entry):
    assert entry.framework.startswith("torch.nn.")
    assert entry.source and entry.note
    for parameter in entry.parameters:
        assert parameter.default is not None and parameter.meaning


def _kinks(name, **kw):
    return [(k.at, k.left, k.right, k.value_used, k.kind) for k in derive(name, **kw).kinks]


R = sp.Rational
# Values torch 2.13's autograd returns at each kink (measured: torch.nn.functional.<f>,
# float64, gradient of the sum at exactly the kink).
PYTORCH_AT_KINKS = {
    "relu": [(0, 0)],
    "leaky_relu": [(0, R(1, 100))],
    "hardtanh": [(-1, 0), (1, 0)],
    "relu6": [(0, 0), (6, 0)],
    "hardsigmoid": [(-3, 0), (3, 0)],
    "hardswish": [(-3, 0), (3, 1)],
    "softshrink": [(R(-1, 2), 0), (R(1, 2), 0)],
    "hardshrink": [(R(-1, 2), 0), (R(1, 2), 0)],
    "threshold": [(R(1, 10), 0)],
    "prelu": [(0, R(1, 4))],
    "rrelu": [(0, R(11, 48))],
}


@pytest.mark.parametrize("name", sorted(PYTORCH_AT_KINKS))
def test_kink_values_are_pytorchs(name):
    found = [(k.at, k.value_used) for k in derive(name).kinks]
    assert found == PYTORCH_AT_KINKS[name]


def test_elu_with_alpha_2_has_a_corner_and_uses_alpha():
    assert _kinks("elu", params={"alpha": 2}) == [(0, 2, 1, 2, "corner")]
    assert derive("elu").kinks == ()  # alpha = 1: the slopes meet, no kink


def test_selu_kink_is_scale_times_alpha():
    ((at, left, right, used, kind),) = _kinks("selu")
    alpha, scale = sp.symbols("alpha scale", positive=True)
    assert (at, left, right, used) == (0, alpha * scale, scale, alpha * scale)


def test_softplus_has_no_kink_and_its_derivative_is_sigmoid_of_beta_z():
    # PyTorch's switch to z above beta·z = 20 is a safeguard of the code, not the function.
    for derivation in (derive("softplus"), derive("softplus", symbolic=True)):
        beta = next(p.value for p in derivation.parameters if p.name == "beta")
        assert derivation.verified and derivation.kinks == ()
        assert not derivation.result.has(sp.Piecewise)
        assert sp.simplify(derivation.result - 1 / (1 + sp.exp(-beta * z))) == 0


@pytest.mark.parametrize(
    "name, expected",
    [
        ("elu", sp.Piecewise((g(z) + 1, (g(z) > -1) & (g(z) < 0)), (1, g(z) > 0))),
        ("logsigmoid", 1 - sp.exp(g(z))),
        ("celu", sp.Piecewise((g(z) + 1, (g(z) > -1) & (g(z) < 0)), (1, g(z) > 0))),
        ("prelu", sp.Piecewise((R(1, 4), g(z) < 0), (1, g(z) > 0))),
    ],
)
def test_forms_in_g(name, expected):
    found = derive(name).result_in_terms_of_g
    for value in (-0.5, -0.1, 0.3, 4):
        assert sp.N(found.subs(g(z), value)) == sp.N(expected.subs(g(z), value))


def test_softplus_form_in_g_is_one_minus_e_to_the_minus_g():
    form = derive("softplus").in_terms_of_g
    assert form.exists and form.from_output_alone(z)
    assert sp.expand(form.expression - (1 - sp.exp(-g(z)))) == 0


@pytest.mark.parametrize("name", ["gelu", "gelu_tanh", "silu", "swish", "mish", "tanhshrink"])
def test_no_form_in_g_is_said_plainly(name):
    assert not derive(name).in_terms_of_g.exists


def test_gelu_uses_the_error_function_rule():
    explanations = [s.explanation for s in derive("gelu").steps]
    assert any("error-function rule" in e for e in explanations)


def test_mish_goes_through_softplus_with_the_chain_rule():
    derivation = derive("mish")
    inners = [value for s in derivation.steps for _, value in s.bindings]
    assert sp.log(1 + sp.exp(z)) in inners


def test_swish_beta_1_is_silu():
    assert sp.simplify(derive("swish").plain_result - derive("silu").plain_result) == 0


@pytest.mark.parametrize(
    "name, wrt",
    [
        ("prelu", "a"),
        ("swish", "beta"),
        ("elu", "alpha"),
        ("softplus", "beta"),
        ("leaky_relu", "a"),
    ],
)
def test_derivative_with_respect_to_a_parameter(name, wrt):
    derivation = derive(name, wrt=wrt)
    assert derivation.verified and derivation.wrt.name == wrt
    entry = lookup(name)
    symbol = next(p.symbol for p in entry.parameters if p.name == wrt)
    params = {p.symbol: p.default for p in entry.parameters}
    truth = sp.diff(entry.expression, symbol).subs(params)
    mine = derivation.plain_result.subs(params)
    for x in (-3.7, -0.4, 0.6, 2.9):
        assert abs(sp.N(mine.subs(z, x)) - sp.N(truth.subs(z, x))) < 1e-12


def test_prelu_gradient_for_its_learnable_slope_is_min_0_z():
    assert derive("prelu", wrt="a").result == sp.Min(0, z)


def test_wrt_must_name_a_parameter():
    from derivations.errors import UsageError

    with pytest.raises(UsageError, match="no parameter 'b'"):
        derive("prelu", wrt="b")


def test_second_derivative_of_sigmoid_is_g_1_minus_g_1_minus_2g():
    derivation = derive("sigmoid", order=2)
    assert derivation.order == 2 and derivation.lower.order == 1
    assert derivation.verified
    expected = g(z) * (1 - g(z)) * (1 - 2 * g(z))
    assert sp.expand(derivation.result_in_terms_of_g - expected) == 0
    assert write(derivation.result_in_terms_of_g) == "g(z)(1 − g(z))(1 − 2g(z))"
    assert derivation.steps[0].rule == "product rule"
    assert "derivative of g" in [s.rule for s in derivation.steps]


@pytest.mark.parametrize(
    "name, order, expected",
    [
        ("tanh", 2, -2 * g(z) * (1 - g(z) ** 2)),
        ("sigmoid", 3, g(z) * (1 - g(z)) * (1 - 6 * g(z) + 6 * g(z) ** 2)),
        ("relu", 2, sp.S.Zero),
    ],
)
def test_higher_orders(name, order, expected):
    derivation = derive(name, order=order)
    assert derivation.verified
    assert sp.expand(derivation.result_in_terms_of_g - expected) == 0


def test_higher_order_without_a_form_in_g_works_in_z():
    derivation = derive("z*sigmoid(z)", order=2)
    assert derivation.verified and not derivation.in_terms_of_g.exists
