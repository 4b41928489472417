"""Deriving catalog entries: with their parameters filled in, up to an order, and the
derivative F′(u) a rule needs for a catalog function F inside a formula."""

from __future__ import annotations

from collections.abc import Mapping

import sympy as sp

from . import pipeline
from .catalog import Activation
from .derivation import Derivation, ParameterValue, g
from .errors import UsageError
from .forms import substitute, transform
from .functions import ActivationFunction
from .memory import memoized
from .piecewise import solved_for

MAX_ORDER = 6


def derive_activation(
    activation: Activation,
    overrides: Mapping[str, sp.Expr] | None = None,
    *,
    symbolic: bool = False,
    from_definition: bool = False,
    wrt: str | None = None,
) -> Derivation:
    """The derivation of a catalog entry with its parameters filled in (or kept symbolic);
    with ``wrt``, the derivative with respect to that parameter."""
    overrides = dict(overrides or {})
    by = None
    if wrt is not None:
        names = [p.name for p in activation.parameters]
        if wrt not in names:
            raise UsageError(
                f"{activation.name} has no parameter {wrt!r} to differentiate by "
                f"(its parameters: {', '.join(names) or 'none'})"
            )
        by = next(p.symbol for p in activation.parameters if p.name == wrt)
    values = activation.parameter_values(overrides, symbolic)
    numeric = {
        p.symbol: p.default if values[p.symbol] == p.symbol else values[p.symbol]
        for p in activation.parameters
    }
    if by is not None:
        values[by] = by  # differentiated by: it stays a symbol; checked at its value
        overrides[wrt] = by
    parameters = tuple(
        ParameterValue(p.name, p.symbol, values[p.symbol], p.default, p.meaning)
        for p in activation.parameters
    )
    return pipeline.record(
        activation.instantiate(overrides, symbolic),
        activation.variable,
        title=activation.name,
        activation=activation,
        parameters=parameters,
        numeric_values=numeric,
        from_definition=from_definition,
        wrt=by,
    )


def up_to_order(derivation: Derivation, order: int) -> Derivation:
    """The derivation of the given order, each order derived from the one before."""
    if order < 1 or order > MAX_ORDER:
        raise UsageError(f"--order must be between 1 and {MAX_ORDER}, not {order}")
    if order > 1 and derivation.wrt is not None:
        raise UsageError("--order applies to derivatives in z, not with --wrt")
    while derivation.order < order and derivation.complete:
        derivation = pipeline.next_order(derivation)
    return derivation


@memoized(256)
def _entry_derivation(name: str, arguments: tuple[sp.Expr, ...]) -> Derivation:
    from .catalog import lookup

    entry = lookup(name)
    overrides = {p.name: v for p, v in zip(entry.parameters, arguments, strict=False)}
    return derive_activation(entry, overrides)


def derive_activation_function(f: ActivationFunction) -> Derivation:
    """The derivation of the catalog entry behind σ(u), relu(u), ... (cached)."""
    return _entry_derivation(f.func.activation.name, tuple(f.args[1:]))


def known_derivative(f: ActivationFunction, variable: sp.Symbol) -> sp.Expr:
    """F'(u) for a catalog function F(u): its own form in g when smooth, else its result."""
    derivation = derive_activation_function(f)
    z = derivation.variable
    form = derivation.result_in_terms_of_g
    if form is not None and not form.has(sp.Piecewise):
        return substitute(form, {g(z): f})
    outer = substitute(derivation.result, {z: f.args[0]})
    return transform(outer, _solving_conditions(variable))


def _solving_conditions(z: sp.Symbol):
    def change(node):
        if isinstance(node, sp.Piecewise):
            return sp.Piecewise(*((e, solved_for(c, z)) for e, c in node.args), evaluate=False)
        return None

    return change
