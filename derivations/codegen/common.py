"""Names every part of code generation shares: the symbol z, and its error."""

from __future__ import annotations

import sympy as sp

from ..errors import DerivationsError

Z = sp.Symbol("z", real=True)  # the input, in every generated module


class NoCode(DerivationsError):
    """No code can be generated for this derivation (the message says why)."""


def with_floats(expr: sp.Basic, limit: int = 10**12) -> sp.Basic:
    """``expr`` with long fractions (SELU's constants) as 17-digit floats.

    Python can divide such integers, but NumPy cannot multiply an array by one.
    """
    long = {r: sp.Float(r, 17) for r in expr.atoms(sp.Rational) if max(abs(r.p), r.q) > limit}
    return expr.xreplace(long) if long else expr


def not_element_wise(name: str) -> NoCode:
    """The refusal for softmax and the other vector activations."""
    return NoCode(
        f"{name} is not element-wise (each output depends on the whole vector z), "
        "so it has no forward(z)/backward(grad_out, z) per element; no code is generated"
    )
