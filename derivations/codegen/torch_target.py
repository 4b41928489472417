"""A PyTorch module from a code plan: a ``torch.autograd.Function`` whose backward is the
derived g'(z), and an ``nn.Module`` that takes the parameters as arguments."""

from __future__ import annotations

from .docs import module_docstring, number
from .numpy_target import times_grad
from .plan import CodePlan, G, Z
from .printer import TorchPrinter

HELPERS = {
    "_cbrt": '''def _cbrt(x):
    """The real cube root, sgn(x)·|x|^(1/3) (torch has no cbrt)."""
    return torch.sign(x) * torch.abs(x).pow(1 / 3)
''',
    "_softplus": '''def _softplus(x):
    """log(1 + e^x) for every x (torch's softplus switches to x above a threshold)."""
    return torch.logaddexp(x, torch.zeros_like(x))
''',
}


def render(plan: CodePlan) -> str:
    """The module's text."""
    learnable = plan.learnable
    saved = "g" if plan.saves_output else "z"
    forward_printer = TorchPrinter([Z, *(p.symbol for p in learnable)], like="z")
    backward_printer = TorchPrinter([Z, G, *(p.symbol for p in learnable)], like=saved)
    forward = forward_printer.doprint(plan.forward)
    if not plan.forward.has(Z):
        forward = f"{forward} + torch.zeros_like(z)"
    derivative = plan.backward_in_g if plan.saves_output else plan.backward
    grad_z = times_grad(backward_printer.doprint(derivative), derivative)
    gradients = [
        (p, times_grad(backward_printer.doprint(e), e)) for p, e in plan.parameter_gradients
    ]
    printers = (forward_printer, backward_printer)
    helpers = sorted(set().union(*(p.helpers for p in printers)))
    imports = ["import math"] if any(p.imports_math for p in printers) else []
    parts = [
        f'"""{module_docstring(plan, "PyTorch", _entry_points(plan))}"""\n\n'
        + "\n".join([*imports, "import torch", "from torch import nn"]),
        *(HELPERS[name] for name in helpers),
        _function_class(plan, saved, forward, grad_z, gradients, derivative),
        _module_class(plan),
    ]
    return "\n\n\n".join(part.rstrip("\n") for part in parts) + "\n"


def _entry_points(plan: CodePlan) -> str:
    name = plan.class_name
    return f"{name}Function (a torch.autograd.Function) and {name} (an nn.Module)"


def _function_class(plan: CodePlan, saved: str, forward, grad_z, gradients, derivative) -> str:
    names = [p.name for p in plan.parameters]
    learnable = [p.name for p in plan.learnable]
    plain = [n for n in names if n not in learnable]
    tensors = [saved, *learnable]
    used = {s.name for s in derivative.free_symbols}
    for _, expr in plan.parameter_gradients:
        used |= {s.name for s in expr.free_symbols}
    stored = "".join(f"        ctx.{n} = {n}\n" for n in plain)
    if saved == "g":
        body = (
            f"        g = {forward}\n{stored}        ctx.save_for_backward(g)\n        return g\n"
        )
        why = "the output g (g' is a function of g)"
    else:
        saving = f"        ctx.save_for_backward({', '.join(tensors)})\n"
        body = f"{stored}{saving}        return {forward}\n"
        why = "the input z" + (" and the learned parameters" if learnable else "")
    unpacked = f"({tensors[0]},)" if len(tensors) == 1 else ", ".join(tensors)
    restored = "".join(f"        {n} = ctx.{n}\n" for n in plain if n in used)
    grads = ""
    returned = ["grad_z"]
    for name in names:
        if name not in learnable:
            returned.append("None")
            continue
        index = 1 + names.index(name)
        code = dict((p.name, c) for p, c in gradients)[name]
        grads += (
            f"        grad_{name} = None\n"
            f"        if ctx.needs_input_grad[{index}]:\n"
            f"            # one {name} serves every element, so its gradient sums over them\n"
            f"            grad_{name} = ({code}).sum().reshape({name}.shape)\n"
        )
        returned.append(f"grad_{name}")
    optional = [f"{p.name}={number(p.default)}" for p in plan.parameters if p.safeguard]
    required = [p.name for p in plan.parameters if not p.safeguard]
    arguments = ", ".join(["ctx", "z", *required, *optional])
    return (
        f"class {plan.class_name}Function(torch.autograd.Function):\n"
        f'    """Backward multiplies grad_out by g\'(z); saves {why}."""\n'
        "\n"
        "    @staticmethod\n"
        f"    def forward({arguments}):\n"
        f"{body}"
        "\n"
        "    @staticmethod\n"
        "    def backward(ctx, grad_out):\n"
        f"        {unpacked} = ctx.saved_tensors\n"
        f"{restored}"
        f"        grad_z = {grad_z}\n"
        f"{grads}"
        f"        return {', '.join(returned)}\n"
    )


def _module_class(plan: CodePlan) -> str:
    required = [p for p in plan.parameters if p.default is None]
    optional = [p for p in plan.parameters if p.default is not None]
    arguments = ", ".join(
        ["self", *(p.name for p in required), *(f"{p.name}={number(p.default)}" for p in optional)]
    )
    init = ""
    if plan.parameters:
        assignments = "".join(
            f"        self.{p.name} = nn.Parameter(torch.tensor(float({p.name})))\n"
            if p.learnable
            else f"        self.{p.name} = {p.name}\n"
            for p in plan.parameters
        )
        shown = ", ".join(
            f"{p.name}={{self.{p.name}.item()}}" if p.learnable else f"{p.name}={{self.{p.name}}}"
            for p in plan.parameters
        )
        init = (
            f"    def __init__({arguments}):\n"
            "        super().__init__()\n"
            f"{assignments}"
            "\n"
            "    def extra_repr(self):\n"
            f'        return f"{shown}"\n'
            "\n"
        )
    applied = ", ".join(["z", *(f"self.{p.name}" for p in plan.parameters)])
    learn = ", ".join(p.name for p in plan.learnable)
    note = f" ({learn}: learned, as nn.Parameter)" if learn else ""
    return (
        f"class {plan.class_name}(nn.Module):\n"
        f'    """The activation as a layer{note}."""\n'
        "\n"
        f"{init}"
        "    def forward(self, z):\n"
        f"        return {plan.class_name}Function.apply({applied})\n"
    )
