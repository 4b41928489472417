"""The catalog of activation functions: one entry each, as SymPy expressions in z.

Adding an activation is adding one ``Activation`` to ``CATALOG``; the parser,
the rules (for its use inside other expressions), the CLI and the renderers
pick it up from here.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass, field

import sympy as sp

from .errors import UnknownActivation, UsageError

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
class Activation:
    """One activation function: what it is, how it is written, how it behaves."""

    name: str
    expression: sp.Expr
    symbol: str
    note: str
    aliases: tuple[str, ...] = ()
    parameters: tuple[Parameter, ...] = ()
    kinks: tuple[KinkConvention, ...] = ()
    framework: str = ""
    source: str = ""
    variable: sp.Symbol = field(default=Z)

    def parameter_values(
        self, overrides: Mapping[str, sp.Expr] | None = None, symbolic: bool = False
    ) -> dict[sp.Symbol, sp.Expr]:
        """Parameter symbol -> value: the defaults, the overrides, or the symbols themselves."""
        overrides = dict(overrides or {})
        unknown = set(overrides) - {p.name for p in self.parameters}
        if unknown:
            names = ", ".join(p.name for p in self.parameters) or "none"
            raise UsageError(
                f"{self.name} has no parameter {sorted(unknown)[0]!r} (its parameters: {names})"
            )
        values: dict[sp.Symbol, sp.Expr] = {}
        for p in self.parameters:
            if p.name in overrides:
                values[p.symbol] = overrides[p.name]
            elif symbolic:
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


_a = sp.Symbol("a", positive=True)

CATALOG: tuple[Activation, ...] = (
    Activation(
        name="sigmoid",
        aliases=("σ", "sigma", "logistic", "logistic_sigmoid"),
        symbol="σ",
        expression=1 / (1 + sp.exp(-Z)),
        note=(
            "g′(z) = g(z)(1 − g(z)) is at most 1/4, at z = 0, and tends to 0 as |z| grows: "
            "every sigmoid layer shrinks the gradient at least 4-fold (vanishing gradients)."
        ),
        framework="torch.nn.Sigmoid",
        source="logistic function (Verhulst, 1838)",
    ),
    Activation(
        name="tanh",
        aliases=("hyperbolic_tangent", "th"),
        symbol="tanh",
        expression=sp.tanh(Z),
        note=(
            "g′(z) = 1 − g(z)² peaks at 1 at z = 0 (4 times the sigmoid's) and g is "
            "zero-centred, but it still saturates: the gradient vanishes for large |z|."
        ),
        framework="torch.nn.Tanh",
        source="hyperbolic tangent",
    ),
    Activation(
        name="relu",
        aliases=("ReLU", "rectifier", "rectified_linear"),
        symbol="ReLU",
        expression=sp.Max(0, Z),
        note=(
            "g′(z) is 1 for z > 0 and 0 for z < 0: no saturation for positive inputs, "
            "but a neuron whose input stays negative gets no gradient (a dead neuron)."
        ),
        kinks=(
            KinkConvention(
                at=sp.S.Zero,
                side="left",
                why="PyTorch's relu passes the gradient only where z > 0, so ReLU′(0) = 0",
            ),
        ),
        framework="torch.nn.ReLU",
        source="Nair & Hinton (2010); Glorot, Bordes & Bengio (2011)",
    ),
    Activation(
        name="leaky_relu",
        aliases=("lrelu", "leaky", "leakyrelu", "LeakyReLU"),
        symbol="LeakyReLU",
        expression=sp.Max(_a * Z, Z),
        parameters=(Parameter("a", sp.Rational(1, 100), "slope for z < 0 (0 < a < 1)"),),
        note=(
            "g′(z) is 1 for z > 0 and a (0.01 by default) for z < 0: like ReLU, but a "
            "negative input still gets a small gradient, so neurons cannot die."
        ),
        kinks=(
            KinkConvention(
                at=sp.S.Zero,
                side="left",
                why="PyTorch's leaky_relu uses the slope a wherever z > 0 fails: LeakyReLU′(0) = a",
            ),
        ),
        framework="torch.nn.LeakyReLU",
        source="Maas, Hannun & Ng (2013)",
    ),
)


def _key(name: str) -> str:
    return name.strip().lower().replace("-", "_").replace(" ", "_")


_BY_NAME: dict[str, Activation] = {}
for _entry in CATALOG:
    for _name in (_entry.name, *_entry.aliases):
        _BY_NAME.setdefault(_key(_name), _entry)
        _BY_NAME.setdefault(_name, _entry)


def find(name: str) -> Activation | None:
    """The catalog entry called ``name`` (or one of its aliases), or None."""
    return _BY_NAME.get(name) or _BY_NAME.get(_key(name))


def lookup(name: str) -> Activation:
    """The catalog entry called ``name``; an UnknownActivation error suggests close names."""
    entry = find(name)
    if entry is None:
        raise UnknownActivation(unknown_name_message(name))
    return entry


def unknown_name_message(name: str) -> str:
    close = difflib.get_close_matches(_key(name), {_key(n) for n in _BY_NAME}, n=3, cutoff=0.6)
    names = sorted({_BY_NAME[c].name for c in close})
    hint = f"; did you mean {' or '.join(names)}?" if names else "; `derive list` shows the catalog"
    return f"unknown activation {name!r}{hint}"
