"""A plain-language verdict: the activation next to the seed's sigmoid, tanh, relu, leaky_relu.

The comparison is made from properties, never from names: each end of the
z axis is classed by what g' does there (dead: exactly 0; fading: tends to 0;
linear: tends to a non-zero constant; growing: unbounded), the pair of ends
picks the seed family, and the differences from that seed's own analysis
(computed the same way) are spelled out.
"""

from __future__ import annotations

from ..memory import Table, register
from ..render.notation import write
from .numbers import Interval, Number
from .report import Analysis, Verdict
from .wording import approaches, decimal, places, say, value_range, z_set, z_sets

SEEDS = ("sigmoid", "tanh", "relu", "leaky_relu")
DEPTH_EXAMPLE = 10  # layers used to make (max slope)^n concrete

DEAD, FADING, LINEAR, GROWING = "dead", "fading", "linear", "growing"


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


def tail(analysis: Analysis, side: str) -> tuple[str, Number]:
    """What g' does as z -> -oo (side "left") or +oo ("right")."""
    piece = analysis.pieces[0 if side == "left" else -1]
    slope = analysis.ends.slope_left if side == "left" else analysis.ends.slope_right
    if piece.dg == 0:
        return DEAD, slope
    if slope.infinite:
        return GROWING, slope
    if slope.value == 0 or abs(float(slope)) < 1e-12:
        return FADING, slope
    return LINEAR, slope


def verdict_for(analysis: Analysis) -> Verdict:
    """Its family among the seed's four, what depth does to its gradients, its main risk."""
    if analysis.dead_everywhere:
        return Verdict(
            "No gradient at all: g′ = 0 wherever it exists, so nothing before this layer "
            "can learn through it (each of the seed's four passes some gradient).",
            "",
            "",
        )
    return Verdict(_family(analysis), _depth(analysis), _stuck(analysis))


# --- the family sentence ------------------------------------------------------------------


def _family(a: Analysis) -> str:
    (left, left_slope), (right, right_slope) = tail(a, "left"), tail(a, "right")
    if GROWING in (left, right):
        ends = " and ".join(
            f"z → {end}" for end, kind in (("−∞", left), ("∞", right)) if kind == GROWING
        )
        return (
            f"Unlike the seed's four (all with |g′| ≤ 1), g′ grows without bound as {ends}: "
            "large inputs can make gradients explode."
        )
    if left in (DEAD, FADING) and right in (DEAD, FADING):
        return _squashing(a, left, right)
    if right == LINEAR and left in (DEAD, FADING, LINEAR):
        if left == LINEAR and abs(float(left_slope)) >= abs(float(right_slope)):
            return _linear_both(a, left_slope, right_slope)
        return _rectifier(a, left, left_slope, right_slope)
    return (
        f"Unlike the seed's four: g′ → {say(left_slope)} as z → −∞ and → {say(right_slope)} "
        "as z → ∞ (the rectifiers pass gradient for large positive z, not negative)."
    )


def _squashing(a: Analysis, left: str, right: str) -> str:
    name = "tanh" if a.zero_centring == "yes" else "sigmoid"
    base = seed(name)
    same_as_seed = _same_shape(a, base)
    if same_as_seed and a.title == name:
        return (
            f"One of the seed's four: bounded in {value_range(a.range.as_interval())}, "
            "with g′ fading to 0 at both ends."
        )
    opening = f"Like {name}: bounded in {value_range(a.range.as_interval())}"
    if same_as_seed:
        return f"The same gradient behaviour as {name}: {opening[len('Like ' + name + ': ') :]}."
    differences = []
    hard = [z.interval for z in a.dead_zones if not z.interval.bounded]
    if hard:
        differences.append(
            f"but hard: g′ = 0 exactly for {z_sets(hard)} instead of fading (dead zones)"
        )
    else:
        differences.append("g′ fading to 0 at both ends")
    if not a.max_slope.value.same_as(base.max_slope.value):
        differences.append(
            f"steepest slope {say(a.max_slope.value)} where {name}'s is {say(base.max_slope.value)}"
        )
    if a.zero_centring != base.zero_centring:
        differences.append(_centring(a))
    if not a.monotonic:
        differences.append(f"not monotonic: g′ < 0 for {z_sets(a.decreasing_on)}")
    return f"{opening}, " + "; ".join(differences) + "."


def _rectifier(a: Analysis, left: str, left_slope: Number, right_slope: Number) -> str:
    name = "leaky_relu" if left == LINEAR else "relu"
    base = seed(name)
    if a.title == name:
        return "One of the seed's four: " + _rectifier_core(a, left, left_slope) + "."
    if _same_shape(a, base):
        return (
            f"The same gradient behaviour as {name}: " + _rectifier_core(a, left, left_slope) + "."
        )
    if left == DEAD:
        opening = f"Like ReLU: slope → {say(right_slope)} for large z, " + _rectifier_core(
            a, left, left_slope
        )
    elif left == LINEAR:
        opening = "Like ReLU but no dead zone: " + _rectifier_core(a, left, left_slope)
        if not left_slope.same_as(base.ends.slope_left):
            opening += f" (leaky_relu's is {say(base.ends.slope_left)})"
    else:
        opening = (
            f"Like ReLU for large z (g′ → {say(right_slope)}) but with no dead zone: g′ only "
            "tends to 0 as z → −∞, so negative inputs still get some gradient"
        )
    differences = []
    if a.smoothness.order is None and base.smoothness.order is not None:
        differences.append("smooth (C∞) where ReLU has a kink at 0")
    if not a.monotonic and a.range.lower.attained:
        at = places(a.range.lower.where)
        differences.append(
            f"not monotonic: it dips to {say(a.range.lower.value)} at {at} "
            f"(g′ < 0 for {z_sets(a.decreasing_on)})"
        )
    if a.range.bounded_above:
        differences.append(f"capped at {say(a.range.upper.value)}")
    if a.monotonic and a.zero_centring != base.zero_centring and a.range.bounded_below:
        differences.append(f"outputs down to {say(a.range.lower.value)} ({_centring(a)})")
    return "; ".join([opening, *differences]) + "."


def _rectifier_core(a: Analysis, left: str, left_slope: Number) -> str:
    first = a.pieces[0]
    region = Interval(Number.of(first.span.lo), Number.of(first.span.hi))
    if left == DEAD:
        return f"g′ = 0 for {z_set(region)} (a dead zone)"
    if left == LINEAR and not first.dg.has(a.variable):
        return f"slope {say(left_slope)} for {z_set(region)}"
    return f"g′ → {say(left_slope)} as z → −∞"


def _linear_both(a: Analysis, left_slope: Number, right_slope: Number) -> str:
    text = (
        f"Linear at both ends (g′ → {say(left_slope)} as z → −∞ and {say(right_slope)} "
        "as z → ∞): no saturation for large |z|, unlike sigmoid and tanh"
    )
    inner = [z.interval for z in a.dead_zones if z.interval.bounded]
    if inner:
        text += f"; g′ = 0 for {z_sets(inner)}, so small inputs pass no gradient"
    return text + "."


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


def _centring(a: Analysis) -> str:
    return {
        "yes": "zero-centred: g(−z) = −g(z)",
        "partly": "partly zero-centred: g(0) = 0 and outputs of both signs",
        "no": f"not zero-centred: outputs are {a.output_sign}",
    }[a.zero_centring]


# --- risks -------------------------------------------------------------------------------


def _depth(a: Analysis) -> str:
    slope = a.max_slope.value
    if slope.infinite:
        return "Its slope is unbounded: gradients can explode."
    s, power = say(slope), f"({say(slope)})ⁿ"
    if a.max_slope.attained:
        reach = "at " + places(a.max_slope.where)
    else:
        reach = "approached " + approaches(a.max_slope.where) + ", not reached"
    if slope.mp() < 1:
        after = decimal(float(slope) ** DEPTH_EXAMPLE, 3)
        return (
            f"Max slope {s} ({reach}): a chain of n such layers scales gradients by at "
            f"most {power}, ≤ {after} after {DEPTH_EXAMPLE} layers (vanishing gradients)."
        )
    if slope.value == 1:
        return (
            f"Max slope 1 ({reach}): gradients pass through unchanged there, so depth "
            "alone does not shrink them."
        )
    return (
        f"Max slope {s} ({reach}): a layer can amplify gradients up to {s}×, "
        f"{power} through n layers if inputs stay there."
    )


def _stuck(a: Analysis) -> str:
    stuck = [zone for zone in a.dead_zones if not zone.recoverable]
    if stuck:
        where = z_sets([zone.interval for zone in stuck])
        return f"Dead for {where}, with no way back: {stuck[0].why}."
    dead = [zone.interval for zone in a.dead_zones]
    slow = [i for i in a.saturation if not i.bounded and i not in dead]
    if slow:
        return (
            f"Saturates (|g′| < {say(a.saturation_threshold)}) for {z_sets(slow)}: large "
            "inputs learn slowly."
        )
    if dead:
        return f"Dead zone {z_sets(dead)}: {a.dead_zones[0].why}."
    if a.form_in_g is not None and a.ends.slope_left.value != 0:
        return f"Backprop needs only the output: g′ = {write(a.form_in_g)}."
    return ""
