"""Where g is defined and where g′ fails to exist, in words: one sentence each.

Every renderer says the same thing, in its own notation: it passes ``Math``, which writes
an expression, a variable approaching a point from one side, and an infinity.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import sympy as sp

from ..derivation import BOUNDARY, INFINITE_SLOPE, JUMP, POLE, UNDEFINED, Singularity


@dataclass(frozen=True)
class Approach:
    """z → a from one side (−1: from the left, +1: from the right)."""

    variable: sp.Symbol
    point: sp.Expr
    side: int


@dataclass(frozen=True)
class Maths:
    """A formula inside a sentence (a relation such as z ≥ 0, or a value)."""

    expr: sp.Basic


# A sentence is a list of parts: words, formulas and approaches, each renderer writing
# them in its own notation (see ``as_text``).
Part = str | Maths | Approach


def as_text(
    parts: list[Part],
    write: Callable[[sp.Basic], str],
    approach: Callable[[str, str, int], str] | None = None,
    inline: Callable[[str], str] = str,
    capital: bool = False,
) -> str:
    """A sentence as text (its first letter a capital if asked): formulas by ``write``, each wrapped
    by ``inline`` ($…$ for LaTeX), z → 0⁺ by ``approach`` (given z and the point written)."""
    approach = approach or plain_approach
    out = []
    for part in parts:
        if isinstance(part, Maths):
            out.append(inline(write(part.expr)))
        elif isinstance(part, Approach):
            text = approach(write(part.variable), write(part.point), part.side)
            out.append(inline(text))
        else:
            out.append(part)
    text = "".join(out)
    return text[:1].upper() + text[1:] if capital else text


def plain_approach(z: str, point: str, side: int) -> str:
    return f"{z} → {point}{'⁺' if side > 0 else '⁻'}"


def latex_approach(z: str, point: str, side: int) -> str:
    return rf"{z} \to {point}^{{{'+' if side > 0 else '-'}}}"


def everywhere(derivation) -> bool:
    """Whether g′ exists at every real z: no kink, no singularity, g defined on all of ℝ."""
    return not derivation.kinks and not derivation.singularities and _all_reals(derivation)


def _all_reals(derivation) -> bool:
    return derivation.domain == sp.S.Reals


def domain_sentence(derivation) -> list[Part]:
    """'defined for all real z', 'defined for z ≥ 0', 'defined for z ≠ 1', ..."""
    z = derivation.variable
    if derivation.domain == sp.S.Reals:
        return ["defined for all real ", Maths(z)]
    return ["defined for ", *_set_words(derivation.domain, z)]


def _set_words(domain: sp.Set, z: sp.Symbol) -> list[Part]:
    if isinstance(domain, sp.Interval):
        return [Maths(_interval_relation(domain, z))]
    complement = sp.S.Reals - domain
    if isinstance(complement, sp.FiniteSet) and len(complement) <= 3:
        return [Maths(sp.And(*(sp.Ne(z, p) for p in complement), evaluate=False))]
    if isinstance(domain, sp.Union):
        parts: list[Part] = []
        for index, piece in enumerate(domain.args):
            parts += ([" and "] if index else []) + _set_words(piece, z)
        return parts
    return [Maths(sp.Contains(z, domain, evaluate=False))]


def _interval_relation(interval: sp.Interval, z: sp.Symbol) -> sp.Basic:
    lo, hi = interval.start, interval.end
    low = (z > lo) if interval.left_open else (z >= lo)
    high = (z < hi) if interval.right_open else (z <= hi)
    if lo == -sp.oo:
        return high
    if hi == sp.oo:
        return low
    return sp.And(low, high, evaluate=False)


_WHAT = {
    POLE: "pole at ",
    UNDEFINED: "undefined at ",
    INFINITE_SLOPE: "infinite slope at ",
    BOUNDARY: "end of the domain at ",
    JUMP: "jump at ",
}


def singularity_sentence(
    s: Singularity, z: sp.Symbol, derivative: str, arrow: str = " → "
) -> list[Part]:
    """'pole at z = 0: g′ → −∞ from both sides', 'infinite slope at z = 0: g′ → ∞ as z → 0⁺'."""
    head: list[Part] = [_WHAT[s.kind], Maths(sp.Eq(z, s.at, evaluate=False))]
    sides = [(side, v) for side, v in ((-1, s.left), (1, s.right)) if v is not None]
    if not sides:
        return head
    arrow = f": {derivative}{arrow}"
    if len(sides) == 2 and _same(s.left, s.right):
        return [*head, arrow, *_limit(s.left), " from both sides"]
    if len(sides) == 2:
        return [
            *head,
            arrow,
            *_limit(s.left),
            " from the left, ",
            *_limit(s.right),
            " from the right",
        ]
    side, value = sides[0]
    return [*head, arrow, *_limit(value), " as ", Approach(z, s.at, side)]


def _same(a: sp.Expr, b: sp.Expr) -> bool:
    return a is not sp.nan and b is not sp.nan and a == b


def _limit(value: sp.Expr) -> list[Part]:
    return ["no limit"] if value is sp.nan else [Maths(value)]


def sentences(derivation, derivative: str, arrow: str = " → ") -> list[list[Part]]:
    """The domain sentence (unless g is defined everywhere with nothing else to say) and
    one sentence per singularity other than jumps (those are stated with the kinks)."""
    found = [
        singularity_sentence(s, derivation.variable, derivative, arrow)
        for s in derivation.singularities
        if s.kind != JUMP
    ]
    if _all_reals(derivation) and not found:
        return []
    return [domain_sentence(derivation), *found]


def steps_phrase(count: int) -> str:
    """'all 12 steps', and 'the single step' where there is one."""
    return "the single step" if count == 1 else f"all {count} steps"


@dataclass(frozen=True)
class ProofFacts:
    """What the proof of a derivation established, for every renderer's proof sentence."""

    steps: int
    failed: tuple[str, ...]  # the numbers of the steps not proved
    result_ok: bool  # the result equals SymPy's diff
    points: int  # the most points any step was compared at

    @property
    def proved(self) -> bool:
        return not self.failed and self.result_ok

    @property
    def how(self) -> str:
        return f"(symbolically, and numerically at {self.points} points, both sides of every kink)"


RESULT_EQUALS_DIFF = "the result equals SymPy's diff"


def proof_facts(derivation) -> ProofFacts:
    proofs = derivation.proofs
    return ProofFacts(
        len(proofs),
        tuple(str(i + 1) for i, p in enumerate(proofs) if not p.ok),
        derivation.result_proof is not None and derivation.result_proof.ok,
        max((p.points for p in proofs), default=0),
    )
