"""The verdict in sentences: its family among the seed's four, what depth does, its main risk.

Reads the facts ``analysis.verdict.verdict_for`` found (``Analysis.verdict``)
and the analysis's own numbers and sets; decides nothing but the words.
"""

from __future__ import annotations

from ...analysis.report import (
    CAPPED,
    CENTRING,
    DEAD,
    DEAD_ZONE,
    DEPTH_EXAMPLE,
    DIPS,
    EXPLODING,
    FADING_ENDS,
    FROM_OUTPUT,
    GROWING,
    HARD_DEAD,
    IS_SEED,
    LINEAR,
    LINEAR_BOTH,
    NO_GRADIENT,
    NOT_MONOTONIC,
    OUTPUTS_DOWN,
    RECTIFIER,
    SAME_AS_SEED,
    SATURATES,
    SMOOTH,
    SQUASHING,
    STEEPER,
    STUCK,
    UNBOUNDED,
    UNCHANGED,
    VANISHING,
    Analysis,
    Verdict,
)
from ..notation import write
from .wording import approaches, decimal, places, say, value_range, z_set, z_sets


def sentences(a: Analysis) -> tuple[str, ...]:
    """The verdict's sentences, in reading order (none when no verdict was asked for)."""
    if a.verdict is None:
        return ()
    return tuple(s for s in (family(a), depth(a), risk(a)) if s)


def centring_why(a: Analysis) -> str:
    """What the zero-centring rests on: g(−z) = −g(z), or the signs of the outputs."""
    return {
        "yes": "g(−z) = −g(z)",
        "partly": "g(0) = 0 and outputs of both signs",
        "no": f"outputs are {a.output_sign}",
    }[a.zero_centring]


# --- the family sentence ------------------------------------------------------------------


def family(a: Analysis) -> str:
    v = a.verdict
    if v.family == NO_GRADIENT:
        return (
            "No gradient at all: g′ = 0 wherever it exists, so nothing before this layer "
            "can learn through it (each of the seed's four passes some gradient)."
        )
    left, right = v.left.slope, v.right.slope
    if v.family == EXPLODING:
        ends = " and ".join(
            f"z → {end}" for end, tail in (("−∞", v.left), ("∞", v.right)) if tail.kind == GROWING
        )
        return (
            f"Unlike the seed's four (all with |g′| ≤ 1), g′ grows without bound as {ends}: "
            "large inputs can make gradients explode."
        )
    if v.family == SQUASHING:
        return _squashing(a, v)
    if v.family == LINEAR_BOTH:
        return _linear_both(v)
    if v.family == RECTIFIER:
        return _rectifier(a, v)
    return (
        f"Unlike the seed's four: g′ → {say(left)} as z → −∞ and → {say(right)} "
        "as z → ∞ (the rectifiers pass gradient for large positive z, not negative)."
    )


def _squashing(a: Analysis, v: Verdict) -> str:
    bounded = f"bounded in {value_range(a.range.as_interval())}"
    if v.likeness == IS_SEED:
        return f"One of the seed's four: {bounded}, with g′ fading to 0 at both ends."
    if v.likeness == SAME_AS_SEED:
        return f"The same gradient behaviour as {v.seed}: {bounded}."
    said = {
        HARD_DEAD: lambda: (
            f"but hard: g′ = 0 exactly for {z_sets(v.dead_on)} instead of fading (dead zones)"
        ),
        STEEPER: lambda: (
            f"steepest slope {say(a.max_slope.value)} where {v.seed}'s is {say(v.seed_max_slope)}"
        ),
        FADING_ENDS: lambda: "g′ fading to 0 at both ends",
        CENTRING: lambda: _centring(a),
        NOT_MONOTONIC: lambda: f"not monotonic: g′ < 0 for {z_sets(a.decreasing_on)}",
    }
    return f"Like {v.seed}: {bounded}, " + "; ".join(said[d]() for d in v.differences) + "."


def _rectifier(a: Analysis, v: Verdict) -> str:
    core = _rectifier_core(v)
    if v.likeness == IS_SEED:
        return f"One of the seed's four: {core}."
    if v.likeness == SAME_AS_SEED:
        return f"The same gradient behaviour as {v.seed}: {core}."
    if v.left.kind == DEAD:
        opening = f"Like ReLU: slope → {say(v.right.slope)} for large z, {core}"
    elif v.left.kind == LINEAR:
        opening = f"Like ReLU but no dead zone: {core}"
        if v.seed_slope_left is not None:
            opening += f" (leaky_relu's is {say(v.seed_slope_left)})"
    else:
        opening = (
            f"Like ReLU for large z (g′ → {say(v.right.slope)}) but with no dead zone: g′ only "
            "tends to 0 as z → −∞, so negative inputs still get some gradient"
        )
    lower = a.range.lower
    said = {
        SMOOTH: lambda: "smooth (C∞) where ReLU has a kink at 0",
        DIPS: lambda: (
            f"not monotonic: it dips to {say(lower.value)} at {places(lower.where)} "
            f"(g′ < 0 for {z_sets(a.decreasing_on)})"
        ),
        CAPPED: lambda: f"capped at {say(a.range.upper.value)}",
        OUTPUTS_DOWN: lambda: f"outputs down to {say(lower.value)} ({_centring(a)})",
    }
    return "; ".join([opening, *(said[d]() for d in v.differences)]) + "."


def _rectifier_core(v: Verdict) -> str:
    if v.left.kind == DEAD:
        return f"g′ = 0 for {z_set(v.left_region)} (a dead zone)"
    if v.left.kind == LINEAR and v.left_constant:
        return f"slope {say(v.left.slope)} for {z_set(v.left_region)}"
    return f"g′ → {say(v.left.slope)} as z → −∞"


def _linear_both(v: Verdict) -> str:
    text = (
        f"Linear at both ends (g′ → {say(v.left.slope)} as z → −∞ and {say(v.right.slope)} "
        "as z → ∞): no saturation for large |z|, unlike sigmoid and tanh"
    )
    if v.dead_on:
        text += f"; g′ = 0 for {z_sets(v.dead_on)}, so small inputs pass no gradient"
    return text + "."


def _centring(a: Analysis) -> str:
    said = {"yes": "zero-centred", "partly": "partly zero-centred", "no": "not zero-centred"}
    return f"{said[a.zero_centring]}: {centring_why(a)}"


# --- depth and the main risk --------------------------------------------------------------


def depth(a: Analysis) -> str:
    if a.verdict.family == NO_GRADIENT:
        return ""
    d = a.depth
    if d.kind == UNBOUNDED:
        return "Its slope is unbounded: gradients can explode."
    s, power = say(d.slope), f"({say(d.slope)})ⁿ"
    if a.max_slope.attained:
        reach = "at " + places(a.max_slope.where)
    else:
        reach = "approached " + approaches(a.max_slope.where) + ", not reached"
    if d.kind == VANISHING:
        return (
            f"Max slope {s} ({reach}): a chain of n such layers scales gradients by at "
            f"most {power}, ≤ {decimal(d.after, 3)} after {DEPTH_EXAMPLE} layers "
            "(vanishing gradients)."
        )
    if d.kind == UNCHANGED:
        return (
            f"Max slope 1 ({reach}): gradients pass through unchanged there, so depth "
            "alone does not shrink them."
        )
    return (
        f"Max slope {s} ({reach}): a layer can amplify gradients up to {s}×, "
        f"{power} through n layers if inputs stay there."
    )


def risk(a: Analysis) -> str:
    v = a.verdict
    if v.risk == STUCK:
        return f"Dead for {z_sets(v.risk_on)}, with no way back: {v.risk_why}."
    if v.risk == SATURATES:
        return (
            f"Saturates (|g′| < {say(a.saturation_threshold)}) for {z_sets(v.risk_on)}: large "
            "inputs learn slowly."
        )
    if v.risk == DEAD_ZONE:
        return f"Dead zone {z_sets(v.risk_on)}: {v.risk_why}."
    if v.risk == FROM_OUTPUT:
        return f"Backprop needs only the output: g′ = {write(a.form_in_g)}."
    return ""
