"""Catalog activations as SymPy functions, so they can appear inside expressions.

``z*sigmoid(z)`` keeps ``sigmoid`` as a function with a known derivative (one
step, σ' = σ(1 - σ)) instead of expanding it; ``expand_activations`` swaps each
one for its definition when a check needs the plain formula.
"""

from __future__ import annotations

from typing import ClassVar

import sympy as sp

from .catalog import CATALOG, Activation
from .memory import memoized

# Activations whose name is already a SymPy function are used as that function.
_BUILTIN = {"tanh"}


class ActivationFunction(sp.Function):
    """A catalog activation applied to an argument (and optional parameter values)."""

    activation: ClassVar[Activation]

    @classmethod
    def eval(cls, *args):
        return None  # stay as written: σ(z) is not expanded on construction

    def definition(self) -> sp.Expr:
        """The activation's formula at this argument and these parameters."""
        entry = self.activation
        values = {entry.variable: self.args[0]}
        for index, parameter in enumerate(entry.parameters, start=1):
            given = self.args[index] if index < len(self.args) else parameter.default
            values[parameter.symbol] = given
        return entry.expression.xreplace(values)

    def fdiff(self, argindex: int = 1) -> sp.Expr:
        # Used only by SymPy's own diff, which the checks use as an oracle.
        dummy = sp.Dummy("u", real=True)
        args = list(self.args)
        args[argindex - 1] = dummy
        expanded = type(self)(*args).definition()
        return sp.diff(expanded, dummy).xreplace({dummy: self.args[argindex - 1]})

    def _eval_evalf(self, prec):
        return self.definition().evalf(prec)

    def _eval_is_real(self):
        return self.args[0].is_real

    def _eval_rewrite_as_exp(self, *args, **kwargs):
        return self.definition()


def _make(entry: Activation) -> type[ActivationFunction]:
    count = 1 + len(entry.parameters)
    nargs = count if count == 1 else tuple(range(1, count + 1))
    return type(entry.name, (ActivationFunction,), {"activation": entry, "nargs": nargs})


ACTIVATION_FUNCTIONS: dict[str, type[ActivationFunction]] = {
    entry.name: _make(entry) for entry in CATALOG if entry.name not in _BUILTIN
}


def expand_activations(expr: sp.Basic) -> sp.Basic:
    """``expr`` with every catalog function replaced by its formula, innermost first."""
    if not expr.has(ActivationFunction):
        return expr
    return _expanded(expr)


@memoized(4096)
def _expanded(node: sp.Basic) -> sp.Basic:
    # One pass, bottom-up, each distinct subtree once: nested σ(σ(...)) stays linear.
    if not node.args or not node.has(ActivationFunction):
        return node
    args = tuple(_expanded(a) for a in node.args)
    if args != node.args:
        node = node.func(*args)
    return node.definition() if isinstance(node, ActivationFunction) else node
