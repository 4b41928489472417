"""Issue 11 §7: softplus is log(1 + e^(βz))/β, the mathematical function, everywhere but
in generated code, which keeps PyTorch's switch to z above βz = threshold for stability."""

import json

import pytest
import sympy as sp

from derivations import derive
from derivations.analysis import analyze
from derivations.catalog import lookup
from derivations.check import check_claims
from derivations.check.verdicts import RIGHT
from derivations.cli import main
from derivations.codegen import load, numpy_source, torch_source
from derivations.errors import UsageError
from derivations.functions import expand_activations

from .conftest import assert_numerically_equal
from .tools import require_module

z = sp.Symbol("z", real=True)
SIGMOID = 1 / (1 + sp.exp(-z))
AROUND_THE_THRESHOLD = [-30, 0, 19.9, 20.1, 50]
# Where PyTorch's cut-over used to enter the mathematics.
NEAR_20 = [sp.Rational(20), sp.Rational("20.000000001"), sp.Rational("19.999999999"), 25, 40]


def test_catalog_softplus_is_the_function_itself():
    entry = lookup("softplus")
    beta = entry.parameters[0].symbol
    assert [p.name for p in entry.parameters] == ["beta"]
    assert entry.expression == sp.log(1 + sp.exp(beta * z)) / beta
    assert not entry.expression.has(sp.Piecewise)


def test_threshold_is_refused_as_a_parameter_of_the_function():
    with pytest.raises(UsageError, match="numerical safeguard of the generated code"):
        derive("softplus", params={"threshold": 10})


def test_derive_softplus_proves_g_prime_is_sigmoid_even_above_20():
    derivation = derive("softplus")
    assert derivation.verified and derivation.kinks == ()
    assert_numerically_equal(derivation.result, SIGMOID, z, points=NEAR_20)


def test_analyze_softplus_says_monotonic_and_smooth():
    a = analyze("softplus")
    assert a.monotonic and a.direction == "increasing"
    assert a.jumps_down == () and a.kinks == ()
    assert a.smoothness.label == "C-infinity"


def test_analyze_softplus_in_the_terminal_has_no_jump(capsys):
    assert main(["analyze", "softplus", "--plain"]) == 0
    out = capsys.readouterr().out
    assert "yes, increasing" in out and "C∞" in out
    assert "jump" not in out and "discontinuous" not in out


def test_check_softplus_sigmoid_is_right(capsys):
    assert main(["check", "softplus", "sigmoid(z)", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["verdict"] == "right"


def test_checker_judges_a_correct_mish_derivative_right_beyond_20():
    mish = "tanh(softplus(z)) + z*(1 - tanh(softplus(z))^2)*sigmoid(z)"
    (claim,) = check_claims("mish", [mish]).lines
    assert claim.verdict == RIGHT
    tanh_softplus = sp.tanh(sp.log(1 + sp.exp(z)))
    truth = sp.diff(z * tanh_softplus, z)
    expected = tanh_softplus + z * (1 - tanh_softplus**2) * SIGMOID
    assert_numerically_equal(truth, expected, z, points=NEAR_20)
    assert_numerically_equal(expand_activations(derive("mish").result), truth, z, points=NEAR_20)


def test_max_of_softplus_and_sigmoid_has_no_kink_and_g_prime_is_sigmoid():
    derivation = derive("max(softplus(z), sigmoid(z))")
    assert derivation.verified and derivation.kinks == ()
    result = expand_activations(derivation.result)
    assert_numerically_equal(result, SIGMOID, z, points=NEAR_20 + [-20, -3, 0, 0.66, 3])


# --- generated code keeps the threshold ------------------------------------------------------


def test_generated_numpy_code_keeps_the_threshold_and_says_so():
    text = numpy_source(derive("softplus"))
    assert "threshold=20.0" in text and "threshold < beta*z" in text
    assert "a safeguard that is not part of g(z)" in text
    assert "g(z)  = log(exp(beta*z) + 1)/beta" in text and "Kinks: none" in text


def test_generated_torch_code_keeps_the_threshold_and_says_so():
    text = torch_source(derive("softplus"))
    assert "def __init__(self, beta=1.0, threshold=20.0)" in text
    assert "threshold < beta*z" in text and "a safeguard that is not part of g(z)" in text


def test_generated_numpy_code_agrees_with_torch_softplus():
    require_module("numpy")
    require_module("torch")
    import torch

    code = derive("softplus").to_numpy()
    assert code.parameters == ("beta", "threshold")
    x = torch.tensor(AROUND_THE_THRESHOLD, dtype=torch.float64, requires_grad=True)
    expected = torch.nn.functional.softplus(x)
    expected.sum().backward()
    values = x.detach().numpy()
    assert code.forward(values).tolist() == pytest.approx(expected.tolist(), rel=1e-15, abs=0)
    ones = values * 0 + 1
    assert code.backward(ones, values).tolist() == pytest.approx(x.grad.tolist(), rel=1e-15)
    # above the threshold the code returns z itself, exactly, as PyTorch does
    assert code.forward(values)[3:].tolist() == [20.1, 50.0]


@pytest.mark.parametrize("beta, threshold", [(1.0, 20.0), (2.0, 20.0), (1.0, 5.0)])
def test_generated_torch_code_agrees_with_torch_softplus(beta, threshold):
    require_module("torch")
    import torch

    module = load(torch_source(derive("softplus")), "generated_softplus")
    x = torch.tensor(AROUND_THE_THRESHOLD, dtype=torch.float64, requires_grad=True)
    mine = module.Softplus(beta=beta, threshold=threshold)(x)
    mine.sum().backward()
    grad, x.grad = x.grad, None
    theirs = torch.nn.Softplus(beta=beta, threshold=threshold)(x)
    theirs.sum().backward()
    assert torch.allclose(mine, theirs, rtol=1e-15, atol=0)
    assert torch.allclose(grad, x.grad, rtol=1e-15, atol=0)
