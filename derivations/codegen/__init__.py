"""From a proved derivation to code: forward and backward passes for NumPy and PyTorch.

    from derivations import derive
    from derivations.codegen import numpy_source, torch_source

    print(numpy_source(derive("sigmoid")))       # forward, backward, backward_from_output
    print(torch_source(derive("leaky_relu")))     # autograd.Function + nn.Module
    f = derive("z*sigmoid(z)").to_numpy()         # callables: f.forward(z), f.backward(dy, z)

The code is text built from the derivation's parsed expressions (``plan``),
made numerically careful (``stable``), with the kink convention decided at
every breakpoint (``branches``), and printed per library (``printer``).
NumPy and PyTorch are imported only by the generated code.
"""

from __future__ import annotations

import types
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..derivation import Derivation
from ..memory import memoized
from .plan import CodePlan, NoCode, plan_for

TARGETS = ("numpy", "torch")

__all__ = ["TARGETS", "CodePlan", "NoCode", "NumpyCode", "numpy_source", "source", "to_numpy"]


@memoized(64)
def _plan(derivation: Derivation, learnable: tuple[str, ...] = ()) -> CodePlan:
    # Both targets, and to_numpy, often ask for the same derivation's plan.
    return plan_for(derivation, learnable)


def numpy_source(derivation: Derivation) -> str:
    """A NumPy module with forward, backward (and backward_from_output where g allows)."""
    from . import numpy_target

    return numpy_target.render(_plan(derivation))


def torch_source(derivation: Derivation, learnable: Iterable[str] = ()) -> str:
    """A PyTorch module: an autograd Function and an nn.Module (``learnable``: nn.Parameters)."""
    from . import torch_target

    return torch_target.render(_plan(derivation, tuple(learnable)))


def source(derivation: Derivation, target: str, learnable: Iterable[str] = ()) -> str:
    """The module's text for ``target`` ("numpy" or "torch")."""
    if target == "numpy":
        if tuple(learnable):
            raise NoCode("learnable parameters need --target torch")
        return numpy_source(derivation)
    if target == "torch":
        return torch_source(derivation, learnable)
    raise NoCode(f"unknown target {target!r}; choose one of {', '.join(TARGETS)}")


@dataclass(frozen=True)
class NumpyCode:
    """The generated NumPy functions, ready to call, and the text they came from."""

    forward: Callable
    backward: Callable
    backward_from_output: Callable | None  # None when g' is not a function of g alone
    parameters: tuple[str, ...]  # keyword arguments every function takes, in order
    source: str


def load(text: str, name: str) -> types.ModuleType:
    """Run generated module text (built only from parsed expressions) as a module."""
    module = types.ModuleType(name)
    exec(compile(text, f"<derivations.codegen {name}>", "exec"), module.__dict__)
    return module


def to_numpy(derivation: Derivation) -> NumpyCode:
    """The NumPy code of ``derivation`` as callables (NumPy must be installed)."""
    try:
        import numpy  # noqa: F401  (the generated code imports it)
    except ImportError as error:
        raise NoCode("to_numpy needs NumPy: pip install numpy") from error
    plan = _plan(derivation)
    from . import numpy_target

    text = numpy_target.render(plan)
    module = load(text, "generated_numpy")
    return NumpyCode(
        module.forward,
        module.backward,
        getattr(module, "backward_from_output", None),
        tuple(p.name for p in plan.parameters),
        text,
    )
