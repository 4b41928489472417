"""What the checker found, as plain data for the renderers (no text for the screen here)."""

from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

from ..derivation import Proof
from .reading import Claim, Definition, Document

RIGHT = "right"  # equals what it is compared with
WRONG = "wrong"  # differs: a counterexample shows where
FOLLOWS = "follows"  # equals the line before, which rests on an earlier wrong line
UNPROVED = "unproved"  # agrees at every point tried, but no symbolic proof was found

# What a line is compared with.
AGAINST_DEFINITION = "definition"  # a formula for g itself
AGAINST_DERIVATIVE = "derivative"  # the true g'
AGAINST_LINE = "line"  # an earlier line

# The "proof" of a value stated at a kink, where g' does not exist.
AT_KINK = "a one-sided derivative or autograd's value at a kink"

# Common mistakes the diagnosis recognises.
CHAIN = "missing chain-rule factor"
SIGN = "sign error"
DROPPED = "dropped term"
POWER = "power applied to the wrong thing"
DROPPED_POWER = "dropped power"
QUOTIENT = "quotient rule numerator swapped"
PRODUCT = "product rule misapplied"
KINK = "wrong value at a kink"
FACTOR = "wrong constant factor"
UNKNOWN_SYMBOL = "unknown symbol"


@dataclass(frozen=True)
class Counterexample:
    """A point where a line and what it is compared with differ (None: undefined there)."""

    at: sp.Expr
    claimed: sp.Expr | None
    expected: sp.Expr | None


@dataclass(frozen=True)
class Diagnosis:
    """A common mistake that explains a wrong line, with the expressions involved."""

    kind: str
    parts: tuple[tuple[str, sp.Expr], ...] = ()

    def part(self, name: str) -> sp.Expr | None:
        return dict(self.parts).get(name)


@dataclass(frozen=True)
class LineVerdict:
    claim: Claim
    verdict: str
    against: str  # AGAINST_DEFINITION, AGAINST_DERIVATIVE or AGAINST_LINE
    against_line: int | None  # the line compared with, when AGAINST_LINE
    proof: Proof | None = None
    counterexample: Counterexample | None = None
    diagnosis: Diagnosis | None = None
    carried_from: int | None = None  # FOLLOWS: the wrong line this one rests on
    recovered_from: int | None = None  # RIGHT again after the wrong line it leaves behind


@dataclass(frozen=True)
class JudgedDerivation:
    definition: Definition
    lines: tuple[LineVerdict, ...]


@dataclass(frozen=True)
class Report:
    """Every judged line of one input, and the verdict on the whole."""

    document: Document
    derivations: tuple[JudgedDerivation, ...]

    @property
    def lines(self) -> tuple[LineVerdict, ...]:
        return tuple(line for d in self.derivations for line in d.lines)

    @property
    def first_wrong(self) -> LineVerdict | None:
        return next((line for line in self.lines if line.verdict == WRONG), None)

    @property
    def verdict(self) -> str:
        """RIGHT when every line is right, WRONG when one is wrong, else UNPROVED."""
        found = {line.verdict for line in self.lines}
        if WRONG in found:
            return WRONG
        if UNPROVED in found:
            return UNPROVED
        return RIGHT
