"""Generated PyTorch code: gradcheck in float64, and torch.nn's own modules, kinks included."""

import ast
import re

import pytest

from derivations.codegen import load, torch_source

from .codegen_cases import (
    CATALOG_NAMES,
    FORMULAS,
    KINKED_FORMULAS,
    KINKED_NAMES,
    WITH_PARAMETERS,
    breaks,
    derivation,
    kink_points,
    oracle,
    points,
)
from .tools import require_module


@pytest.fixture(scope="module")
def torch():
    require_module("torch")
    import torch

    return torch


def generated(d, learnable=()):
    """The generated module, its Function and its nn.Module class."""
    module = load(torch_source(d, learnable), "generated_torch")
    name = next(n for n in vars(module) if n.endswith("Function") and n != "Function")
    return module, getattr(module, name), getattr(module, name.removesuffix("Function"))


def learned_in_catalog(d) -> tuple[str, ...]:
    """Parameters the catalog marks learnable (PReLU's slope), if it marks any."""
    if d.activation is None:
        return ()
    return tuple(p.name for p in d.activation.parameters if getattr(p, "learnable", False))


def arguments(torch, d, values=None, learnable=(), requires_grad=False):
    """The parameter arguments of Function.apply: numbers, or tensors for learned ones."""
    values = values or {}
    learnable = (*learnable, *learned_in_catalog(d))
    found = []
    for p in d.parameters:
        if p.value != p.symbol and d.activation is None:
            continue  # a typed formula's given values are built in
        if p.name in values:
            value = values[p.name]
        else:
            value = float(p.value if p.value != p.symbol else p.default)
        if p.name in learnable:
            value = torch.tensor(value, dtype=torch.float64, requires_grad=requires_grad)
        found.append(value)
    return found


def gradcheck(torch, d, values=None, learnable=()):
    _, function, _ = generated(d, learnable)
    z = torch.tensor(points(d, values), dtype=torch.float64, requires_grad=True)
    inputs = (z, *arguments(torch, d, values, learnable, requires_grad=True))
    assert torch.autograd.gradcheck(function.apply, inputs, eps=1e-6, atol=1e-7)


@pytest.mark.parametrize("name", CATALOG_NAMES)
def test_catalog_code_passes_gradcheck(torch, name):
    gradcheck(torch, derivation(name))


@pytest.mark.parametrize("formula", FORMULAS)
def test_typed_formula_code_passes_gradcheck(torch, formula):
    gradcheck(torch, derivation(formula))


@pytest.mark.parametrize("formula, values", WITH_PARAMETERS)
def test_learnable_parameters_get_their_gradient(torch, formula, values):
    d = derivation(formula)
    gradcheck(torch, d, values, learnable=tuple(values))
    _, _, layer_class = generated(d, tuple(values))
    layer = layer_class(**values)
    assert [name for name, _ in layer.named_parameters()] == list(values)


def _framework_module(torch, name):
    """torch.nn's module for a catalog entry, from its framework: "torch.nn.GELU(approximate=
    'tanh')" passes the keyword; words after a space ("(evaluation mode)") are a note."""
    entry = derivation(name).activation
    found = re.fullmatch(r"torch\.nn\.(\w+)(\((.*)\))?( .*)?", entry.framework)
    if found is None or not hasattr(torch.nn, found.group(1)):
        pytest.skip(f"{name} has no torch.nn module to compare with ({entry.framework!r})")
    module_class = getattr(torch.nn, found.group(1))
    if found.group(3):
        call = ast.parse(f"f({found.group(3)})", mode="eval").body
        keywords = {k.arg: ast.literal_eval(k.value) for k in call.keywords}
        return module_class(**keywords)
    # The catalog's defaults are PyTorch's, so both modules are built with their defaults;
    # a module without defaults (Threshold) takes the catalog's, in the catalog's order.
    try:
        return module_class()
    except TypeError:
        return module_class(*(float(p.default) for p in entry.parameters))


@pytest.mark.parametrize("name", CATALOG_NAMES)
def test_catalog_code_matches_torch_nn(torch, name):
    d = derivation(name)
    theirs = _framework_module(torch, name).double().eval()  # eval: RReLU's fixed slope
    _, _, layer_class = generated(d)
    mine = layer_class().double().eval()
    compare_parameters = bool(list(theirs.parameters()))  # SiLU has no β to learn; swish does
    if compare_parameters:
        assert len(list(mine.parameters())) == len(list(theirs.parameters()))
    kinks = [x for x, _ in kink_points(d)]
    z_values = points(d) + kinks
    results = []
    for module in (mine, theirs):
        z = torch.tensor(z_values, dtype=torch.float64, requires_grad=True)
        y = module(z)
        # a different weight for each element, so a wrong element cannot hide in a sum
        y.backward(torch.linspace(0.5, 1.5, len(z_values), dtype=torch.float64))
        grads = [p.grad.reshape(-1) for p in module.parameters()]
        results.append((y.detach(), z.grad, grads))
    (y1, dz1, dp1), (y2, dz2, dp2) = results
    # 1e-7: some of PyTorch's float64 kernels use float32 constants (hardsigmoid's 1/6).
    for x, a, b in zip(z_values, y1, y2, strict=True):
        assert abs(a - b) <= 1e-7 * max(1, abs(b)), f"g({x}): {a} vs torch {b}"
    for x, a, b in zip(z_values, dz1, dz2, strict=True):
        assert abs(a - b) <= 1e-7 * max(1, abs(b)), f"gradient at z = {x}: {a} vs torch {b}"
    for a, b in zip(dp1, dp2, strict=True) if compare_parameters else ():
        assert torch.allclose(a, b, rtol=1e-7), f"parameter gradient: {a} vs torch {b}"


@pytest.mark.parametrize("target", KINKED_NAMES + KINKED_FORMULAS)
def test_every_joint_gets_the_value_autograd_uses(torch, target):
    """At a kink: the stated framework value; where the pieces join smoothly: the slope."""
    d = derivation(target)
    _, function, _ = generated(d)
    stated = dict(kink_points(d))
    _, slope = oracle(d)
    joints = breaks(d)
    assert joints, "a piecewise activation with no breakpoint found"
    for x in joints:
        z = torch.tensor([x], dtype=torch.float64, requires_grad=True)
        function.apply(z, *arguments(torch, d)).sum().backward()
        want = stated.get(x)
        if want is None:  # smooth there: both one-sided slopes agree
            want = float(slope(x))
        assert z.grad.item() == pytest.approx(want, abs=1e-9), f"at z = {x}"
    assert set(stated) <= set(joints), "a kink stated where the pieces do not join"


def test_output_is_saved_where_the_form_in_g_allows(torch):
    assert "ctx.save_for_backward(g)" in torch_source(derivation("sigmoid"))
    assert "ctx.save_for_backward(z)" in torch_source(derivation("z*sigmoid(z)"))


def test_float32_stays_float32_and_finite_far_out(torch):
    for target in ("sigmoid", "z*tanh(log(1+exp(z)))", "relu", "log(1+e^z)"):
        _, function, _ = generated(derivation(target))
        z = torch.tensor([-500.0, -50.0, 0.5, 50.0, 500.0], requires_grad=True)
        y = function.apply(z, *arguments(torch, derivation(target)))
        y.sum().backward()
        assert y.dtype == z.grad.dtype == torch.float32
        assert torch.isfinite(y).all() and torch.isfinite(z.grad).all(), target
