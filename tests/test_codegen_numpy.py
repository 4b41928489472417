"""Generated NumPy code, executed: it matches 50-digit finite differences, kinks included."""

import warnings

import pytest

from .codegen_cases import (
    CATALOG_NAMES,
    FORMULAS,
    WITH_PARAMETERS,
    close,
    derivation,
    kink_points,
    oracle,
    points,
)
from .tools import require_module


@pytest.fixture(scope="module")
def np():
    require_module("numpy")
    import numpy

    return numpy


def strictly(np, call, *args, **kwargs):
    """Run ``call`` with every floating-point problem an error; the result must be finite."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(over="raise", invalid="raise", divide="raise", under="ignore"):
            result = call(*args, **kwargs)
    assert np.all(np.isfinite(result)), f"not finite: {result}"
    return result


def check(np, d, values=None):
    values = values or {}
    code = d.to_numpy()
    value, slope = oracle(d, values)
    z = np.array(points(d, values))
    forward = strictly(np, code.forward, z, **values)
    backward = strictly(np, code.backward, np.ones_like(z), z, **values)
    assert forward.shape == backward.shape == z.shape
    for x, g, dg in zip(z, forward, backward, strict=True):
        assert close(g, value(x)), f"g({x}) = {g}, want {value(x)}"
        assert close(dg, slope(x)), f"g'({x}) = {dg}, want {slope(x)}"
    kinks = kink_points(d, values)
    at = np.array([x for x, _ in kinks] + list(z))
    for x, used in kinks:
        got = strictly(np, code.backward, 1.0, np.array([x]), **values)[0]
        assert got == pytest.approx(used, abs=1e-15), f"at the kink z = {x}"
    if code.backward_from_output is not None:
        outputs = strictly(np, code.forward, at, **values)
        from_g = strictly(np, code.backward_from_output, np.ones_like(at), outputs, **values)
        from_z = strictly(np, code.backward, np.ones_like(at), at, **values)
        for x, a, b in zip(at, from_g, from_z, strict=True):
            assert close(a, b), f"from the output at z = {x}: {a} vs {b}"


@pytest.mark.parametrize("name", CATALOG_NAMES)
def test_catalog_code_matches_finite_differences(np, name):
    check(np, derivation(name))


@pytest.mark.parametrize("formula", FORMULAS)
def test_typed_formula_code_matches_finite_differences(np, formula):
    check(np, derivation(formula))


@pytest.mark.parametrize("formula, values", WITH_PARAMETERS)
def test_parameters_are_arguments(np, formula, values):
    d = derivation(formula)
    assert d.to_numpy().parameters == tuple(values)
    check(np, d, values)


def test_a_parameter_default_follows_the_derivation(np):
    from derivations import derive

    code = derive("leaky_relu", params={"a": "0.2"}).to_numpy()
    assert code.backward(1.0, [-1.0, 0.0, 1.0]).tolist() == [0.2, 0.2, 1.0]
    assert code.backward(1.0, [-1.0, 0.0, 1.0], a=0.3).tolist() == [0.3, 0.3, 1.0]
    assert code.forward([-2.0, 3.0]).tolist() == [-0.4, 3.0]


@pytest.mark.parametrize(
    "target",
    ["sigmoid", "log(1+e^z)", "z*tanh(log(1+exp(z)))", "z*sigmoid(z)", "log(1/(1+exp(-z)))"],
)
def test_stable_forms_stay_accurate_far_out(np, target):
    """Relative accuracy where naive formulas overflow (e^710 does) or round to 0."""
    d = derivation(target)
    code = d.to_numpy()
    value, slope = oracle(d)
    z = np.array([-1000.0, -500.0, -50.0, 50.0, 500.0, 1000.0])
    forward = strictly(np, code.forward, z)
    backward = strictly(np, code.backward, np.ones_like(z), z)
    for x, g, dg in zip(z, forward, backward, strict=True):
        assert g == pytest.approx(float(value(x)), rel=1e-12, abs=1e-300)
        assert dg == pytest.approx(float(slope(x)), rel=1e-9, abs=1e-300)


def test_grad_out_scales_and_broadcasts(np):
    code = derivation("sigmoid").to_numpy()
    z = np.linspace(-3, 3, 12).reshape(3, 4)
    grad = np.full((3, 4), 2.5)
    assert np.allclose(code.backward(grad, z), 2.5 * code.backward(1.0, z))
    assert code.backward(grad, z).shape == (3, 4)
    assert np.allclose(code.backward_from_output(grad, code.forward(z)), code.backward(grad, z))
