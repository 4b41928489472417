"""How a breakpoint with no closed form is stated: a name, a number and what it solves.

``max(z, σ(z))`` switches at a number no formula writes; the renderers call it z₀ (z₁, …
in increasing order) and say once what it is: "z₀ ≈ 0.65904, where z = σ(z)".  The
equation is written with the catalog functions of the formula as typed (σ rather than
1/(1 + e⁻ᶻ)), where they can be recognised.
"""

from __future__ import annotations

import sympy as sp

from ..functions import ActivationFunction, expand_activations
from ..numeric_root import NumericRoot, numeric_roots

DIGITS = 5  # significant digits of "z₀ ≈ 0.65904"


def numeric_points(derivation) -> tuple[NumericRoot, ...]:
    """Every numerically located point the derivation mentions, in increasing order."""
    found: set[NumericRoot] = set()
    exprs = [derivation.result, derivation.in_terms_of_g.expression]
    exprs += [step.expression for step in derivation.steps]
    for kink in derivation.kinks:
        exprs += [kink.at, kink.left, kink.right, kink.value_used]
    for expr in exprs:
        found |= numeric_roots(expr)
    return tuple(sorted(found, key=lambda root: sp.N(root, 30)))


def point_names(derivation, subscript: str = "unicode") -> dict[NumericRoot, str]:
    """z₀, z₁, … (or z_{0}, … for LaTeX) for the derivation's numerically located points."""
    variable = str(derivation.variable)
    names = {}
    for index, root in enumerate(numeric_points(derivation)):
        if subscript == "latex":
            names[root] = f"{variable}_{{{index}}}"
        else:
            names[root] = variable + str(index).translate(_SUBSCRIPT_DIGITS)
    return names


_SUBSCRIPT_DIGITS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def approximately(value: sp.Expr, digits: int = DIGITS) -> str:
    """A number to ``digits`` significant digits, with a real minus: 0.65904, −2.9847."""
    number = sp.N(value, digits + 10)
    if not number.is_Number:
        return sp.sstr(value)
    text = sp.sstr(sp.Float(number, digits))
    return text.replace("-", "−")


def bracket(root: NumericRoot) -> tuple[str, str]:
    """Short decimals lo < root < hi inside the root's isolating bracket (so the root is
    still the only solution between them): the bracket (0, 0.99996…) is written 0 … 0.99."""
    value = sp.N(root, 30)
    return _short(root.lo, value, -1), _short(root.hi, value, +1)


def _short(end: sp.Rational, value: sp.Float, side: int) -> str:
    for digits in range(0, 40):
        scale = sp.Integer(10) ** digits
        rounded = (sp.floor(end * scale) if side > 0 else sp.ceiling(end * scale)) / scale
        if (rounded > value) if side > 0 else (rounded < value):
            return approximately_exact(rounded)
    return approximately(end)


def approximately_exact(number: sp.Rational) -> str:
    """A decimal fraction written out exactly: 99/100 as 0.99, −3 as −3."""
    if number.is_Integer:
        return str(number).replace("-", "−")
    return sp.sstr(sp.Float(number, 45)).rstrip("0").rstrip(".").replace("-", "−")


def solved(root: NumericRoot, derivation) -> sp.Eq:
    """The equation ``root`` solves, in the derivation's variable, catalog functions folded."""
    equation = root.equation(derivation.variable)
    folding = _folding(derivation.function)
    if not folding:
        return equation
    return sp.Eq(equation.lhs.xreplace(folding), equation.rhs.xreplace(folding), evaluate=False)


def _folding(function: sp.Expr) -> dict:
    """Expanded catalog functions (and each of their pieces) -> the function by name."""
    folding = {}
    for call in function.atoms(ActivationFunction):
        arguments = {call.args, tuple(sp.nsimplify(a, rational=True) for a in call.args)}
        for args in arguments:
            named = call.func(*args)
            expanded = expand_activations(named)
            folding[expanded] = named
            if isinstance(expanded, sp.Piecewise):
                for piece, _ in expanded.args:
                    if piece.free_symbols and not piece.is_Symbol and not piece.is_Mul:
                        folding.setdefault(piece, named)
    return folding
