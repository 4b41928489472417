"""What an activation is, as data: its formula, parameters and kink conventions."""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import sympy as sp

from .errors import UsageError

Z = sp.Symbol("z", real=True)

# Which one-sided derivative a framework's autograd returns at a kink:
# "left"/"right" for that side, "mean" for their average, "zero" for 0.
KINK_SIDES = ("left", "right", "mean", "zero")


@dataclass(frozen=True)
class Parameter:
    """A hyper-parameter of an activation, with the default frameworks use."""

    name: str
    default: sp.Rational
    meaning: str
    positive: bool = True
    learnable: bool = False  # trained with the network (PReLU's a): an nn.Parameter
    fixed: bool = False  # a constant PyTorch does not expose (SELU's scale): kept as a symbol
    nonzero: bool = False  # the formula divides by it (CELU's alpha, softplus's beta)
    at_most: sp.Rational | None = None  # beyond, the formula is no longer the activation

    def check(self, value: sp.Expr, activation: str) -> None:
        """Refuse a value the formula cannot take, in one line."""
        if self.nonzero and value == 0:
            raise UsageError(f"{activation}'s {self.name} cannot be 0: the formula divides by it")
        if self.at_most is not None and value.is_number and value > self.at_most:
            raise UsageError(
                f"{activation}'s {self.name} must be at most {self.at_most}, not {value}: "
                f"beyond it the formula is no longer {activation}"
            )

    @property
    def symbol(self) -> sp.Symbol:
        if self.positive:
            return sp.Symbol(self.name, positive=True)
        return sp.Symbol(self.name, real=True)


@dataclass(frozen=True)
class KinkConvention:
    """The value a framework's autograd uses at a point where g is not differentiable."""

    at: sp.Expr
    side: str
    why: str

    def __post_init__(self) -> None:
        if self.side not in KINK_SIDES:
            raise ValueError(f"kink side must be one of {KINK_SIDES}, not {self.side!r}")


@dataclass(frozen=True)
class CutOver:
    """A framework's numerical safeguard: where ``condition`` holds it computes ``value``
    (and ``derivative`` for g′) instead of the formula.

    It is not the function: the derivation, the analysis and the checker never see it;
    only the generated code uses it, as the framework does, with ``parameter`` as an
    argument of its own (PyTorch's softplus is computed as z where beta·z > threshold).
    """

    parameter: Parameter
    condition: Callable[[], sp.Boolean] = field(repr=False)  # in z and the parameter symbols
    value: Callable[[], sp.Expr] = field(repr=False)
    derivative: Callable[[], sp.Expr] = field(repr=False)
    why: str  # what it protects against and how far it is from the formula


@dataclass(frozen=True)
class Activation:
    """One activation function: what it is, how it is written, how it behaves."""

    name: str
    formula: Callable[[], sp.Expr] = field(repr=False)  # built on first use: fast imports
    symbol: str
    note: str
    aliases: tuple[str, ...] = ()
    parameters: tuple[Parameter, ...] = ()
    kinks: tuple[KinkConvention, ...] = ()
    framework: str = ""
    source: str = ""
    cut_over: CutOver | None = None  # the framework's numerical safeguard (generated code only)
    variable: sp.Symbol = field(default=Z)

    @functools.cached_property
    def expression(self) -> sp.Expr:
        """The formula in z and the parameter symbols."""
        return self.formula()

    def parameter_values(
        self, overrides: Mapping[str, sp.Expr] | None = None, symbolic: bool = False
    ) -> dict[sp.Symbol, sp.Expr]:
        """Parameter symbol -> value: the defaults, the overrides, or the symbols themselves.

        Fixed constants (SELU's) stay symbols unless overridden, so the steps stay readable.
        """
        overrides = dict(overrides or {})
        unknown = set(overrides) - {p.name for p in self.parameters}
        if self.cut_over is not None and self.cut_over.parameter.name in unknown:
            cut = self.cut_over.parameter
            raise UsageError(
                f"{self.name}'s {cut.name} is a numerical safeguard of the generated code, not "
                f"part of the function ({self.cut_over.why}); the code `derive code` writes "
                f"takes it as an argument, default {cut.default}"
            )
        if unknown:
            names = ", ".join(p.name for p in self.parameters) or "none"
            raise UsageError(
                f"{self.name} has no parameter {sorted(unknown)[0]!r} (its parameters: {names})"
            )
        values: dict[sp.Symbol, sp.Expr] = {}
        for p in self.parameters:
            if p.name in overrides:
                p.check(sp.S(overrides[p.name]), self.name)
                values[p.symbol] = overrides[p.name]
            elif symbolic or p.fixed:
                values[p.symbol] = p.symbol
            else:
                values[p.symbol] = p.default
        return values

    def instantiate(
        self, overrides: Mapping[str, sp.Expr] | None = None, symbolic: bool = False
    ) -> sp.Expr:
        """The expression with parameter values filled in (symbols kept when ``symbolic``)."""
        values = self.parameter_values(overrides, symbolic)
        return self.expression.xreplace({s: v for s, v in values.items() if s != v})
