"""The gradient-health report of one activation: plain data, read by the renderers.

Nothing here is text for the screen except short words naming how something
was found; renderers (render/analysis/) decide how numbers, intervals, formulas
and the verdict read.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

from ..derivation import Kink
from .numbers import Interval, Number
from .solve import Span

# How a candidate for an extremum arose.
CRITICAL, LIMIT, BREAKPOINT, CONSTANT = "critical point", "limit", "breakpoint", "constant piece"

# What n layers do to gradients (Depth.kind), and the n made concrete.
UNBOUNDED, VANISHING, UNCHANGED, AMPLIFYING = "unbounded", "vanishing", "unchanged", "amplifying"
DEPTH_EXAMPLE = 10

# What g' does at an end of the z axis (Tail.kind).
DEAD, FADING, LINEAR, GROWING = "dead", "fading", "linear", "growing"

# The verdict's facts: the family, how close to its seed, what differs, the main risk.
NO_GRADIENT, EXPLODING, SQUASHING, RECTIFIER, LINEAR_BOTH, UNLIKE = (
    "no gradient",
    "exploding",
    "squashing",
    "rectifier",
    "linear both",
    "unlike",
)
IS_SEED, SAME_AS_SEED, LIKE_SEED = "is the seed", "same as the seed", "like the seed"
HARD_DEAD, FADING_ENDS, STEEPER, CENTRING, NOT_MONOTONIC, SMOOTH, DIPS, CAPPED, OUTPUTS_DOWN = (
    "hard dead zones",
    "fading ends",
    "other max slope",
    "other centring",
    "not monotonic",
    "smooth",
    "dips",
    "capped",
    "outputs down",
)
STUCK, SATURATES, DEAD_ZONE, FROM_OUTPUT, NO_RISK = (
    "stuck",
    "saturates",
    "dead zone",
    "from output",
    "",
)


@dataclass(frozen=True)
class Piece:
    """g, g' and g'' as one smooth formula each on an open span between breakpoints."""

    span: Span
    g: sp.Expr
    dg: sp.Expr
    d2g: sp.Expr


@dataclass(frozen=True)
class Candidate:
    """A value the function takes or approaches, where, and why it was looked at."""

    value: Number
    at: Interval  # a point, a whole piece (constant), or ±oo (a limit)
    kind: str  # CRITICAL, LIMIT, BREAKPOINT or CONSTANT
    attained: bool


@dataclass(frozen=True)
class Extremum:
    """The infimum or supremum of g or g' over all real z."""

    value: Number
    where: tuple[Interval, ...]  # where it is reached (or approached, when not attained)
    attained: bool
    evidence: tuple[Candidate, ...]  # every candidate compared, the chosen ones among them

    @property
    def found_by(self) -> tuple[Candidate, ...]:
        return tuple(c for c in self.evidence if c.value.same_as(self.value))


@dataclass(frozen=True)
class Bounds:
    """The range of g or of g': from ``lower`` to ``upper``."""

    lower: Extremum
    upper: Extremum

    def as_interval(self) -> Interval:
        return Interval(
            self.lower.value, self.upper.value, self.lower.attained, self.upper.attained
        )

    @property
    def bounded_above(self) -> bool:
        return self.upper.value.finite

    @property
    def bounded_below(self) -> bool:
        return self.lower.value.finite


@dataclass(frozen=True)
class DeadZone:
    """An interval where g'(z) = 0 exactly, and whether a neuron stuck there can get out."""

    interval: Interval
    recoverable: bool
    why: str


@dataclass(frozen=True)
class Smoothness:
    """How many derivatives of g are continuous, and where the next one breaks."""

    order: int | None  # k for C^k (-1: g itself jumps); None: C-infinity
    at_least: bool  # True when only orders up to ``order`` were checked
    breaks_at: tuple[Number, ...]  # where derivative order+1 (or g) jumps

    @property
    def label(self) -> str:
        if self.order is None:
            return "C-infinity"
        if self.order < 0:
            return "discontinuous"
        return f"C{self.order}"


@dataclass(frozen=True)
class Ends:
    """g and g' as z -> -oo and z -> +oo."""

    g_left: Number
    g_right: Number
    slope_left: Number
    slope_right: Number


@dataclass(frozen=True)
class Depth:
    """What a chain of n layers does to gradients at most: scales them by (max slope)ⁿ."""

    slope: Number  # the supremum of |g'(z)|

    @property
    def kind(self) -> str:
        """UNBOUNDED, VANISHING (max slope < 1), UNCHANGED (= 1) or AMPLIFYING (> 1)."""
        if self.slope.infinite:
            return UNBOUNDED
        if self.slope.mp() < 1:
            return VANISHING
        return UNCHANGED if self.slope.value == 1 else AMPLIFYING

    @property
    def after(self) -> float:
        """(max slope)ⁿ at n = DEPTH_EXAMPLE layers."""
        return float(self.slope) ** DEPTH_EXAMPLE


@dataclass(frozen=True)
class Tail:
    """What g' does at one end of the z axis (DEAD, FADING, LINEAR or GROWING), and its limit."""

    kind: str
    slope: Number


@dataclass(frozen=True)
class Verdict:
    """The verdict as facts: family among the seed's four, differences from it, the main risk.

    render/analysis/verdict_words.py says it in sentences.
    """

    family: str  # NO_GRADIENT, EXPLODING, SQUASHING, RECTIFIER, LINEAR_BOTH or UNLIKE
    left: Tail | None = None  # as z -> -oo
    right: Tail | None = None  # as z -> +oo
    seed: str = ""  # the nearest of the seed's four
    likeness: str = ""  # IS_SEED, SAME_AS_SEED or LIKE_SEED
    differences: tuple[str, ...] = ()  # from the seed, in the order they are said
    seed_max_slope: Number | None = None  # the seed's, when STEEPER differs
    seed_slope_left: Number | None = None  # leaky_relu's, when its slope for z < 0 differs
    dead_on: tuple[Interval, ...] = ()  # the dead zones the family names (HARD_DEAD, inner)
    left_region: Interval | None = None  # a rectifier's first piece
    left_constant: bool = False  # g' is one constant on that piece
    risk: str = NO_RISK  # STUCK, SATURATES, DEAD_ZONE, FROM_OUTPUT or NO_RISK
    risk_on: tuple[Interval, ...] = ()  # where the risk applies
    risk_why: str = ""  # why a dead zone is (or is not) a trap


@dataclass(frozen=True)
class Analysis:
    """Gradient health of one activation: range, slopes, saturation, dead zones, shape."""

    title: str
    variable: sp.Symbol
    function: sp.Expr  # g(z) as written (catalog functions unexpanded)
    derivative: sp.Expr  # g'(z) as derived
    pieces: tuple[Piece, ...]
    breakpoints: tuple[sp.Expr, ...]
    kinks: tuple[Kink, ...]
    range: Bounds
    derivative_range: Bounds
    max_slope: Extremum  # the supremum of |g'(z)|
    ends: Ends
    saturation_threshold: Number
    saturation: tuple[Interval, ...]  # where |g'(z)| < threshold
    dead_zones: tuple[DeadZone, ...]
    g_at_zero: Number
    symmetric: bool  # g(-z) = -g(z)
    decreasing_on: tuple[Interval, ...]  # where g'(z) < 0
    increasing_on: tuple[Interval, ...]  # where g'(z) > 0
    jumps_down: tuple[Number, ...]  # points where g jumps to a lower value
    smoothness: Smoothness
    form_in_g: sp.Expr | None  # g'(z) written with g(z) alone, if it can be
    form_in_g_reason: str
    parameters: tuple[tuple[str, sp.Expr], ...] = ()
    verdict: Verdict | None = None  # None when not asked for
    second_derivative: sp.Expr | None = None  # g''(z) as derived and proved, when asked for

    @property
    def depth(self) -> Depth:
        return Depth(self.max_slope.value)

    @property
    def monotonic(self) -> bool:
        return not (self.decreasing_on or self.jumps_down) or not self.increasing_on

    @property
    def direction(self) -> str:
        """increasing, non-decreasing, decreasing, non-increasing, constant or not monotonic."""
        down = bool(self.decreasing_on or self.jumps_down)
        up = bool(self.increasing_on)
        if up and down:
            return "not monotonic"
        if not up and not down:
            return "constant"
        flat = bool(self.dead_zones)
        if up:
            return "non-decreasing" if flat else "increasing"
        return "non-increasing" if flat else "decreasing"

    @property
    def output_sign(self) -> str:
        """positive, non-negative, negative, non-positive or both."""
        lower, upper = self.range.lower, self.range.upper
        if lower.value.mp() >= 0:
            return "non-negative" if lower.attained and lower.value.mp() == 0 else "positive"
        if upper.value.mp() <= 0:
            return "non-positive" if upper.attained and upper.value.mp() == 0 else "negative"
        return "both"

    @property
    def zero_centring(self) -> str:
        """yes (odd: g(-z) = -g(z)), partly (g(0) = 0, outputs of both signs) or no."""
        if self.symmetric:
            return "yes"
        if self.g_at_zero.value == 0 and self.output_sign == "both":
            return "partly"
        return "no"

    @property
    def zero_centred(self) -> bool:
        return self.zero_centring == "yes"

    @property
    def backward_from_output(self) -> bool:
        return self.form_in_g is not None

    @property
    def dead_everywhere(self) -> bool:
        """g'(z) = 0 wherever it exists: no gradient flows at all."""
        return all(p.dg == 0 for p in self.pieces)  # identically-zero pieces are stored as 0
