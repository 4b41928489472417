"""The vector-valued entries of the catalog: softmax, log-softmax and cross-entropy after
softmax, each a function of a whole vector z differentiated by one component z_j."""

from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

from ..forms import add, mul, negate
from ..indices import TOTAL, S, Y, Z, i, n
from ..memory import memoized


@dataclass(frozen=True)
class VectorActivation:
    """A function of a whole vector z, differentiated by one component z_j."""

    name: str
    lhs: sp.Expr  # what is differentiated, as written on the left: s_i, log s_i, L
    expression: sp.Expr
    symbol: str
    note: str
    aliases: tuple[str, ...] = ()
    framework: str = ""
    source: str = ""
    targets_sum_to_one: bool = False  # cross-entropy: Σ y_i = 1


@memoized(1)
def vector_catalog() -> tuple[VectorActivation, ...]:
    """Softmax, log-softmax and cross-entropy (built on first use: imports stay fast)."""
    return (
        VectorActivation(
            name="softmax",
            lhs=S[i],
            expression=sp.exp(Z[i]) / TOTAL,
            symbol="softmax",
            note=(
                "∂sᵢ/∂zⱼ = sᵢ(δᵢⱼ − sⱼ): each output's gradient involves every input; the "
                "diagonal sᵢ(1 − sᵢ) is at most 1/4, like the sigmoid's."
            ),
            aliases=("Softmax",),
            framework="torch.nn.Softmax",
            source="Bridle (1990)",
        ),
        VectorActivation(
            name="log_softmax",
            lhs=sp.log(S[i]),
            expression=add(Z[i], negate(sp.log(TOTAL))),
            symbol="log_softmax",
            note="∂log sᵢ/∂zⱼ = δᵢⱼ − sⱼ: no vanishing factor sᵢ, which is why it is preferred.",
            aliases=("LogSoftmax", "logsoftmax"),
            framework="torch.nn.LogSoftmax",
            source="log of the softmax, computed as zᵢ − log Σₖ e^(zₖ)",
        ),
        VectorActivation(
            name="softmax_cross_entropy",
            lhs=sp.Symbol("L"),
            expression=negate(sp.Sum(mul(Y[i], add(Z[i], negate(sp.log(TOTAL)))), (i, 1, n))),
            symbol="L",
            note=(
                "∂L/∂zⱼ = sⱼ − yⱼ: the error itself, bounded by 1 in size, so the gradient "
                "neither vanishes nor explodes while the prediction is wrong."
            ),
            aliases=("cross_entropy", "CrossEntropyLoss", "softmax_ce"),
            framework="torch.nn.CrossEntropyLoss",
            source="cross-entropy of targets y (summing to 1) and softmax outputs s",
            targets_sum_to_one=True,
        ),
    )


def __getattr__(name: str):
    if name == "VECTOR_CATALOG":  # the catalog, built when first asked for
        return vector_catalog()
    raise AttributeError(name)


def find_vector(name: str) -> VectorActivation | None:
    key = name.strip().lower().replace("-", "_")
    for entry in vector_catalog():
        if key in {entry.name, *(a.lower() for a in entry.aliases)}:
            return entry
    return None
