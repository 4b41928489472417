"""What the generated-code tests run on: the catalog, typed formulas, and an oracle.

The oracle is the activation's own formula evaluated with 50-digit mpmath and
differentiated by mpmath's finite differences: it does not look at the
derivation's result at all.
"""

from __future__ import annotations

import functools

import mpmath
import sympy as sp

from derivations import derive
from derivations.catalog import CATALOG
from derivations.functions import expand_activations
from derivations.piecewise import breakpoints

CATALOG_NAMES = [entry.name for entry in CATALOG]

# Typed formulas: smooth ones, ones with kinks, and ones built from catalog functions.
FORMULAS = [
    "z*tanh(log(1+exp(z)))",
    "max(0.1*z, z)",
    "z*sigmoid(z)",
    "log(1+e^z)",
    "log(1/(1+exp(-z)))",
    "abs(z)",
    "max(0,z)+min(0, 0.5*z)",
    "z/(1+abs(z))",
    "z*min(max(0, z+3), 6)/6",
    "exp(-z^2)",
    "sigmoid(z)^2",
    "relu(z)^2",
]

# Those with a kink: where the code must reproduce autograd's value at the kink.
_PIECEWISE = (sp.Max, sp.Min, sp.Abs, sp.Heaviside, sp.Piecewise)
KINKED_NAMES = [
    entry.name for entry in CATALOG if expand_activations(entry.expression).has(*_PIECEWISE)
]
KINKED_FORMULAS = [f for f in FORMULAS if any(w in f for w in ("max", "min", "abs", "relu"))]

# Formulas with a free parameter, and the value it is given.
WITH_PARAMETERS = [("max(a*z, z)", {"a": 0.3}), ("z*sigmoid(b*z)", {"b": 1.702})]

GRID = [k / 4 + 0.0137 for k in range(-40, 41)]  # across [-10, 10], off round numbers
FAR = [-50.0, -20.0, 20.0, 50.0]


@functools.cache
def derivation(target: str):
    return derive(target)


def parameter_values(d, values: dict[str, float] | None = None) -> dict[sp.Symbol, sp.Expr]:
    """Symbol -> value for the parameters still symbols in g: given, else the default."""
    values = values or {}
    found = {}
    for p in d.parameters:
        if p.name in values:
            found[p.symbol] = sp.nsimplify(values[p.name])
        elif p.value == p.symbol and p.default is not None:
            found[p.symbol] = p.default
    return found


def plain_function(d, values: dict[str, float] | None = None) -> sp.Expr:
    """g(z) with catalog functions written out and parameters set."""
    return expand_activations(d.function).xreplace(parameter_values(d, values))


def _digits(x: float) -> int:
    # 1 - e^-|z| must not round to 1: |z| more digits than the 50 we want.
    return 50 + int(abs(x))


def _cut_over_values(d, cut, values) -> dict:
    given = {p.symbol: p.value for p in d.parameters}
    return {**given, **parameter_values(d, values), cut.parameter.symbol: cut.parameter.default}


def with_cut_over(d, values=None) -> sp.Expr:
    """g(z) as the code computes it: with the catalog's numerical cut-over, if it has one
    (softplus is z where beta·z > threshold, as in PyTorch: less than e^-20 from g)."""
    function = plain_function(d, values)
    cut = d.activation.cut_over if d.activation else None
    if cut is None:
        return function
    at = _cut_over_values(d, cut, values)
    return sp.Piecewise((cut.value().xreplace(at), cut.condition().xreplace(at)), (function, True))


def oracle(d, values=None):
    """(g, g') of the code, as high-precision mpmath functions of a float."""
    function = sp.lambdify(d.variable, with_cut_over(d, values), modules="mpmath")

    def value(x):
        with mpmath.workdps(_digits(x)):
            return function(mpmath.mpf(x))

    def slope(x):
        with mpmath.workdps(_digits(x)):
            return mpmath.diff(function, mpmath.mpf(x))

    return value, slope


def breaks(d, values=None) -> list[float]:
    f = plain_function(d, values)
    return [float(sp.N(b)) for b in breakpoints(f, d.variable, {})]


def cut_overs(d, values=None) -> list[float]:
    """Where the code, not g, switches formulas: softplus's threshold (a jump of e^-20)."""
    cut = d.activation.cut_over if d.activation else None
    if cut is None:
        return []
    at = _cut_over_values(d, cut, values)
    condition = cut.condition().xreplace(at)
    return [float(x) for x in sp.solve(condition.lhs - condition.rhs, d.variable)]


def points(d, values=None) -> list[float]:
    """Where to compare: a grid, |z| up to 50, and near (not at) every breakpoint and the
    code's cut-overs."""
    found = breaks(d, values) + cut_overs(d, values)
    near = [b + step for b in found for step in (-1e-3, 1e-3)]
    return [x for x in GRID + FAR + near if all(abs(x - b) > 1e-4 for b in found)]


def kink_points(d, values=None) -> list[tuple[float, float]]:
    """(z, the derivative the code must give there) for each kink."""
    by_symbol = parameter_values(d, values)
    return [
        (float(sp.N(k.at.xreplace(by_symbol))), float(sp.N(k.value_used.xreplace(by_symbol))))
        for k in d.kinks
    ]


def close(got: float, want, scale: float = 1e-9) -> bool:
    """Agreement to ``scale``, relative for large values and absolute near 0."""
    want = float(want)
    return abs(got - want) <= scale * max(1.0, abs(want))
