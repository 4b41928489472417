"""A NumPy module from a code plan: ``forward(z)``, ``backward(grad_out, z)``, and
``backward_from_output(grad_out, g)`` when g' is a function of the output."""

from __future__ import annotations

import sympy as sp

from .docs import module_docstring, number
from .plan import CodePlan, G, Z
from .printer import NumpyPrinter

HELPERS = {
    "_sigmoid": '''def _sigmoid(x):
    """1/(1 + e^-x), from e^-|x| <= 1 so that nothing overflows."""
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + e), e / (1 + e))
''',
    "_erf": """# NumPy has no erf; math.erf, element by element, is exact.
_erf = np.vectorize(math.erf, otypes=[float])
""",
    "_erfc": """# NumPy has no erfc; math.erfc, element by element, is exact.
_erfc = np.vectorize(math.erfc, otypes=[float])
""",
}


def times_grad(code: str, expr: sp.Expr) -> str:
    """grad_out * (g'), parenthesised only when it has to be."""
    if expr.is_Add or expr.is_Mul:
        code = f"({code})"
    return f"grad_out * {code}"


def signature(plan: CodePlan, first: str) -> str:
    """``first`` then the parameters, those without a default first."""
    required = [p.name for p in plan.parameters if p.default is None]
    optional = [f"{p.name}={number(p.default)}" for p in plan.parameters if p.default is not None]
    return ", ".join([first, *required, *optional])


def render(plan: CodePlan) -> str:
    """The module's text."""
    printer = NumpyPrinter([Z, G, *(p.symbol for p in plan.parameters)])
    forward = printer.doprint(plan.forward)
    if not plan.forward.has(Z):
        forward = f"{forward} + np.zeros_like(z)"
    backward = times_grad(printer.doprint(plan.backward), plan.backward)
    if not plan.backward.has(Z):  # g' constant: still one value per element of z
        backward = f"{backward} * np.ones_like(z)"
    functions = [
        _function(f"forward({signature(plan, 'z')})", "g(z), element by element.", ["z"], forward),
        _function(
            f"backward({signature(plan, 'grad_out, z')})",
            "dL/dz = grad_out * g'(z), with autograd's value at each kink; z is forward's input.",
            ["grad_out", "z"],
            backward,
        ),
    ]
    if plan.backward_in_g is not None:
        from_output = times_grad(printer.doprint(plan.backward_in_g), plan.backward_in_g)
        if not plan.backward_in_g.has(G):
            from_output = f"{from_output} * np.ones_like(g)"
        functions.append(
            _function(
                f"backward_from_output({signature(plan, 'grad_out, g')})",
                "dL/dz = grad_out * g'(z), from the output g = forward(z) alone.",
                ["grad_out", "g"],
                from_output,
            )
        )
    entry_points = "forward(z), backward(grad_out, z)" + (
        ", backward_from_output(grad_out, g)" if plan.backward_in_g is not None else ""
    )
    imports = ["import math"] if printer.imports_math or {"_erf", "_erfc"} & printer.helpers else []
    helpers = [HELPERS[name] for name in sorted(printer.helpers)]
    parts = [
        f'"""{module_docstring(plan, "NumPy", entry_points)}"""\n\n'
        + "\n".join([*imports, "import numpy as np"]),
        *helpers,
        *functions,
    ]
    return "\n\n\n".join(part.rstrip("\n") for part in parts) + "\n"


def _function(header: str, doc: str, arrays: list[str], returned: str) -> str:
    converted = "".join(f"    {a} = np.asarray({a}, dtype=float)\n" for a in arrays)
    return f'def {header}:\n    """{doc}"""\n{converted}    return {returned}\n'
