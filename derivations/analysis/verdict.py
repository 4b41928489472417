"""The verdict as facts: the activation next to the seed's sigmoid, tanh, relu, leaky_relu.

The comparison is made from properties, never from names: each end of the
z axis is classed by what g' does there (dead: exactly 0; fading: tends to 0;
linear: tends to a non-zero constant; growing: unbounded), the pair of ends
picks the seed family, and the differences from that seed's own analysis
(computed the same way) are listed.  render/analysis/verdict_words.py says them.
"""

from __future__ import annotations

from ..memory import Table, register
from .numbers import Interval, Number
from .report import (
    CAPPED,
    CENTRING,
    DEAD,
    DEAD_ZONE,
    DIPS,
    EXPLODING,
    FADING,
    FADING_ENDS,
    FROM_OUTPUT,
    GROWING,
    HARD_DEAD,
    IS_SEED,
    LIKE_SEED,
    LINEAR,
    LINEAR_BOTH,
    NO_GRADIENT,
    NO_RISK,
    NOT_MONOTONIC,
    OUTPUTS_DOWN,
    RECTIFIER,
    SAME_AS_SEED,
    SATURATES,
    SMOOTH,
    SQUASHING,
    STEEPER,
    STUCK,
    UNLIKE,
    Analysis,
    Tail,
    Verdict,
)

SEEDS = ("sigmoid", "tanh", "relu", "leaky_relu")

_SEED_ANALYSES = register(Table(64))  # Analysis by seed name


def seed(name: str) -> Analysis:
    """The seed activation's own analysis (default parameters), computed like any other."""
    if name not in _SEED_ANALYSES:
        from . import analyze

        _SEED_ANALYSES[name] = analyze(name, verdict=False)
    return _SEED_ANALYSES[name]


def remember_seed(analysis: Analysis, name: str) -> None:
    """Keep a seed's analysis just computed, so its verdict does not compute it again."""
    _SEED_ANALYSES.setdefault(name, analysis)


def tail(analysis: Analysis, side: str) -> Tail:
    """What g' does as z -> -oo (side "left") or +oo ("right")."""
    piece = analysis.pieces[0 if side == "left" else -1]
    slope = analysis.ends.slope_left if side == "left" else analysis.ends.slope_right
    if piece.dg == 0:
        return Tail(DEAD, slope)
    if slope.infinite:
        return Tail(GROWING, slope)
    if slope.value == 0 or abs(float(slope)) < 1e-12:
        return Tail(FADING, slope)
    return Tail(LINEAR, slope)


def verdict_for(analysis: Analysis) -> Verdict:
    """Its family among the seed's four, how it differs from that seed, its main risk."""
    if analysis.dead_everywhere:
        return Verdict(NO_GRADIENT)
    risk, risk_on, risk_why = _risk(analysis)
    facts = {"risk": risk, "risk_on": risk_on, "risk_why": risk_why}
    left, right = tail(analysis, "left"), tail(analysis, "right")
    ends = {"left": left, "right": right}
    if GROWING in (left.kind, right.kind):
        return Verdict(EXPLODING, **ends, **facts)
    if left.kind in (DEAD, FADING) and right.kind in (DEAD, FADING):
        return Verdict(SQUASHING, **ends, **_squashing(analysis), **facts)
    if right.kind == LINEAR and left.kind in (DEAD, FADING, LINEAR):
        if left.kind == LINEAR and abs(float(left.slope)) >= abs(float(right.slope)):
            inner = tuple(z.interval for z in analysis.dead_zones if z.interval.bounded)
            return Verdict(LINEAR_BOTH, **ends, dead_on=inner, **facts)
        return Verdict(RECTIFIER, **ends, **_rectifier(analysis, left), **facts)
    return Verdict(UNLIKE, **ends, **facts)


# --- the family ---------------------------------------------------------------------------


def _squashing(a: Analysis) -> dict:
    name = "tanh" if a.zero_centring == "yes" else "sigmoid"
    base = seed(name)
    if _same_shape(a, base):
        return {"seed": name, "likeness": IS_SEED if a.title == name else SAME_AS_SEED}
    hard = tuple(z.interval for z in a.dead_zones if not z.interval.bounded)
    differences = [HARD_DEAD if hard else FADING_ENDS]
    steeper = not a.max_slope.value.same_as(base.max_slope.value)
    if steeper:
        differences.append(STEEPER)
    if a.zero_centring != base.zero_centring:
        differences.append(CENTRING)
    if not a.monotonic:
        differences.append(NOT_MONOTONIC)
    return {
        "seed": name,
        "likeness": LIKE_SEED,
        "differences": tuple(differences),
        "seed_max_slope": base.max_slope.value if steeper else None,
        "dead_on": hard,
    }


def _rectifier(a: Analysis, left: Tail) -> dict:
    name = "leaky_relu" if left.kind == LINEAR else "relu"
    base = seed(name)
    first = a.pieces[0]
    facts = {
        "seed": name,
        "left_region": Interval(Number.of(first.span.lo), Number.of(first.span.hi)),
        "left_constant": not first.dg.has(a.variable),
    }
    if a.title == name:
        return {**facts, "likeness": IS_SEED}
    if _same_shape(a, base):
        return {**facts, "likeness": SAME_AS_SEED}
    if left.kind == LINEAR and not left.slope.same_as(base.ends.slope_left):
        facts["seed_slope_left"] = base.ends.slope_left
    differences = []
    if a.smoothness.order is None and base.smoothness.order is not None:
        differences.append(SMOOTH)
    if not a.monotonic and a.range.lower.attained:
        differences.append(DIPS)
    if a.range.bounded_above:
        differences.append(CAPPED)
    if a.monotonic and a.zero_centring != base.zero_centring and a.range.bounded_below:
        differences.append(OUTPUTS_DOWN)
    return {**facts, "likeness": LIKE_SEED, "differences": tuple(differences)}


def _same_shape(a: Analysis, base: Analysis) -> bool:
    """Same ends, same range, same dead zones, same centring as the seed."""
    return (
        all(
            x.same_as(y)
            for x, y in (
                (a.ends.slope_left, base.ends.slope_left),
                (a.ends.slope_right, base.ends.slope_right),
                (a.range.lower.value, base.range.lower.value),
                (a.range.upper.value, base.range.upper.value),
            )
        )
        and a.max_slope.value.same_as(base.max_slope.value)
        and a.monotonic == base.monotonic
        and len(a.dead_zones) == len(base.dead_zones)
        and a.zero_centring == base.zero_centring
        and a.smoothness.label == base.smoothness.label
    )


# --- the main risk ------------------------------------------------------------------------


def _risk(a: Analysis) -> tuple[str, tuple[Interval, ...], str]:
    """(which risk, where, why): a dead zone with no way back, saturation, a dead zone, or none."""
    stuck = [zone for zone in a.dead_zones if not zone.recoverable]
    if stuck:
        return STUCK, tuple(zone.interval for zone in stuck), stuck[0].why
    dead = [zone.interval for zone in a.dead_zones]
    slow = tuple(i for i in a.saturation if not i.bounded and i not in dead)
    if slow:
        return SATURATES, slow, ""
    if dead:
        return DEAD_ZONE, tuple(dead), a.dead_zones[0].why
    if a.form_in_g is not None and a.ends.slope_left.value != 0:
        return FROM_OUTPUT, (), ""
    return NO_RISK, (), ""
