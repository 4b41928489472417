"""Generated code at its edges: the cases the other codegen tests leave open.

Vector activations are refused in one line; a constant g' still gives one value per
element; a parameter's gradient is the one `derive --wrt` proves (and the docstring says
so); every catalog entry and typed formula stays finite and keeps its dtype far out, in
float32 and float64.
"""

import math
import warnings

import pytest
import sympy as sp

from derivations import derive
from derivations.catalog.vectors import vector_catalog
from derivations.cli import main
from derivations.codegen import NoCode, load, numpy_source, torch_source
from derivations.codegen.plan import Z, plan_for
from derivations.codegen.stable import unmarked

from .codegen_cases import CATALOG_NAMES, FORMULAS, derivation
from .tools import require_module

VECTOR_NAMES = [entry.name for entry in vector_catalog()]
FARTHER = [-1e4, -1000.0, -100.0, -89.0, -50.0, 50.0, 89.0, 100.0, 1000.0, 1e4]


@pytest.fixture(scope="module")
def np():
    require_module("numpy")
    import numpy

    return numpy


@pytest.fixture(scope="module")
def torch():
    require_module("torch")
    import torch

    return torch


def one_line_exit_2(capsys, args, words):
    assert main(args) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert words in captured.err and len(captured.err.strip().splitlines()) == 1, captured.err


# --- softmax and friends: not element-wise, refused in one line -----------------------------


@pytest.mark.parametrize("name", VECTOR_NAMES)
@pytest.mark.parametrize("library", ["numpy", "torch"])
def test_vector_activations_are_refused_in_one_line(name, library, capsys):
    one_line_exit_2(capsys, ["code", name, "--target", library], "not element-wise")


def test_vector_activations_are_refused_by_the_api():
    with pytest.raises(NoCode, match="not element-wise"):
        derive("softmax").to_numpy()


# --- a constant g' is still an array shaped like z ------------------------------------------


@pytest.mark.parametrize("formula, slope", [("2*z + 1", 2.0), ("sign(z)", 0.0), ("z", 1.0)])
def test_a_constant_derivative_has_the_shape_of_z(np, formula, slope):
    code = derive(formula).to_numpy()
    z = np.linspace(-2.0, 2.0, 6).reshape(2, 3)
    assert code.backward(1.0, z).shape == (2, 3)
    assert np.all(code.backward(1.0, z) == slope)
    if code.backward_from_output is not None:
        assert code.backward_from_output(1.0, code.forward(z)).shape == (2, 3)


# --- learnable parameters: the gradient of `derive --wrt`, and a docstring that says so -----


@pytest.mark.parametrize("name, parameter", [("prelu", "a"), ("swish", "beta")])
def test_a_learned_parameter_gets_the_gradient_derive_wrt_proves(name, parameter):
    plan = plan_for(derivation(name), (parameter,))
    ((p, gradient),) = plan.parameter_gradients
    by_wrt = derive(name, wrt=parameter)
    proved = by_wrt.plain_result.xreplace({by_wrt.variable: Z})
    proved = proved.xreplace({q.symbol: p.symbol for q in by_wrt.parameters if q.name == p.name})
    for x in (-2.5, -0.3, 0.7, 3.1):
        at = {Z: sp.Float(x), p.symbol: p.default}
        assert math.isclose(
            float(unmarked(gradient).xreplace(at)), float(proved.xreplace(at)), rel_tol=1e-12
        )
    text = torch_source(derivation(name), (parameter,))
    assert f"derive --wrt {parameter}" in text and "sympy.diff" not in text


def test_a_typed_formulas_built_in_value_cannot_be_learned(capsys):
    one_line_exit_2(
        capsys,
        ["code", "max(a*z, z)", "--param", "a=0.3", "--target", "torch", "--learnable", "a"],
        "built into the formula",
    )


def test_a_parameter_value_the_formula_cannot_take_is_refused_in_one_line(capsys):
    # celu with alpha = 0 once crashed the symbolic rederivation: exit 3, "internal error".
    assert main(["code", "celu", "--param", "alpha=0"]) == 2
    err = capsys.readouterr().err
    assert "alpha cannot be 0" in err and err.count("\n") == 1


# --- the docstring: a typed formula is named by its formula; dtype is stated ----------------


def test_the_docstring_names_a_typed_formula_and_states_the_dtype():
    text = torch_source(derivation("z*tanh(log(1+exp(z)))"))
    assert text.startswith('"""g(z) = z*tanh(log(exp(z) + 1)) for PyTorch')
    assert "keep their dtype" in text
    assert "converted to float64" in numpy_source(derivation("relu"))
    assert all(len(line) <= 100 for line in text.splitlines()[:3])


# --- far out, in float32 and float64: finite, and the dtype kept ----------------------------


def _function_class(module):
    name = next(n for n in vars(module) if n.endswith("Function") and n != "Function")
    return getattr(module, name)


@pytest.mark.parametrize("target", CATALOG_NAMES + FORMULAS)
def test_torch_code_is_finite_far_out_in_float32_and_float64(torch, target):
    d = derivation(target)
    module = load(torch_source(d), "generated_torch")
    layer_class = getattr(module, _function_class(module).__name__.removesuffix("Function"))
    results = {}
    for dtype in (torch.float32, torch.float64):
        layer = layer_class().to(dtype)
        z = torch.tensor(FARTHER + [-1.3, 0.4, 2.2], dtype=dtype, requires_grad=True)
        y = layer(z)
        y.backward(torch.ones_like(y))
        assert y.dtype == z.grad.dtype == dtype
        assert torch.isfinite(y).all() and torch.isfinite(z.grad).all(), (dtype, y, z.grad)
        results[dtype] = (y.detach().double(), z.grad.double())
    (y32, dz32), (y64, dz64) = results[torch.float32], results[torch.float64]
    assert torch.allclose(y32, y64, rtol=1e-5, atol=1e-6), (y32, y64)
    assert torch.allclose(dz32, dz64, rtol=1e-4, atol=1e-5), (dz32, dz64)


@pytest.mark.parametrize("target", CATALOG_NAMES + FORMULAS)
def test_numpy_code_is_finite_far_out_for_float32_input(np, target):
    code = derivation(target).to_numpy()
    z = np.array(FARTHER, dtype=np.float32)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(over="raise", invalid="raise", divide="raise", under="ignore"):
            y = code.forward(z)
            dy = code.backward(np.ones_like(z), z)
            dg = code.backward_from_output(1.0, y) if code.backward_from_output else dy
    assert np.all(np.isfinite(y)) and np.all(np.isfinite(dy)) and np.all(np.isfinite(dg))
    assert y.shape == dy.shape == dg.shape == z.shape
