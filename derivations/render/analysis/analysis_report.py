"""``derive analyze``: the gradient-health report, one panel per activation (rich or plain).

``rows`` turns an Analysis into (property, value, how it was found) lines of
text; ``render`` lays them out.  Nothing here computes mathematics.
"""

from __future__ import annotations

from collections.abc import Sequence

from ...analysis.numbers import Number
from ...analysis.report import (
    BREAKPOINT,
    CONSTANT,
    CRITICAL,
    DEPTH_EXAMPLE,
    LIMIT,
    UNBOUNDED,
    UNCHANGED,
    VANISHING,
    Analysis,
    Candidate,
    Extremum,
)
from ..notation import write
from . import verdict_words
from .wording import approaches, decimal, exact_text, places, say, value_range, z_set, z_sets

Row = tuple[str, str, str]  # property, value, how it was found


def rows(a: Analysis) -> list[Row]:
    """The report as lines of text, in reading order."""
    return [
        ("g(z)", write(a.function), _parameters(a)),
        ("g′(z)", write(a.derivative), "as derived and proved step by step (derive NAME)"),
        (
            "range of g",
            value_range(a.range.as_interval()),
            _range_how(a.range.lower, a.range.upper, "g"),
        ),
        (
            "range of g′",
            value_range(a.derivative_range.as_interval()),
            _range_how(a.derivative_range.lower, a.derivative_range.upper, "g′"),
        ),
        ("max slope", max_slope(a), _how(a.max_slope, "g′")),
        ("through depth", depth(a), "a chain of n layers multiplies n values of g′"),
        ("saturation", saturation(a), _exact_ends(a.saturation)),
        ("dead zones", dead_zones(a), _recovery(a)),
        ("zero-centred", zero_centred(a), f"g(0) = {say(a.g_at_zero)}"),
        ("monotonic", monotonic(a), "where g′ < 0, found span by span"),
        ("bounded", bounded(a), "from the range of g"),
        ("smoothness", smoothness(a), kinks(a)),
        ("from output", from_output(a), a.form_in_g_reason),
    ]


def _parameters(a: Analysis) -> str:
    if not a.parameters:
        return ""
    return "with " + ", ".join(f"{name} = {say(Number.of(value))}" for name, value in a.parameters)


def max_slope(a: Analysis) -> str:
    if a.max_slope.attained:
        return f"{say(a.max_slope.value)} at {places(a.max_slope.where)}"
    return f"{say(a.max_slope.value)}, approached {approaches(a.max_slope.where)}, not reached"


def depth(a: Analysis) -> str:
    d = a.depth
    if d.kind == UNBOUNDED:
        return "unbounded slope: gradients can explode"
    if d.kind == UNCHANGED:
        return "at most 1ⁿ = 1: depth alone does not shrink gradients where g′ = 1"
    power, example = f"({say(d.slope)})ⁿ", decimal(d.after, 3)
    if d.kind == VANISHING:
        return (
            f"n layers scale gradients by at most {power}: ≤ {example} after "
            f"{DEPTH_EXAMPLE} layers (vanishing)"
        )
    return f"up to {power}: {example}× after {DEPTH_EXAMPLE} layers (can explode)"


def saturation(a: Analysis) -> str:
    threshold = say(a.saturation_threshold)
    if not a.saturation:
        return f"none: |g′| ≥ {threshold} for every z"
    return f"|g′| < {threshold} for {z_sets(a.saturation)}"


def dead_zones(a: Analysis) -> str:
    if not a.dead_zones:
        return "none: g′ ≠ 0 on every interval"
    return "; ".join(
        f"g′ = 0 for {z_set(zone.interval)}: {'can' if zone.recoverable else 'cannot'} recover"
        for zone in a.dead_zones
    )


def _recovery(a: Analysis) -> str:
    return "; ".join(zone.why for zone in a.dead_zones)


def zero_centred(a: Analysis) -> str:
    extra = ", not symmetric" if a.zero_centring == "partly" else ""
    return f"{a.zero_centring}: {verdict_words.centring_why(a)}{extra}"


def monotonic(a: Analysis) -> str:
    if a.monotonic:
        return f"yes, {a.direction}"
    parts = [f"no: g′ < 0 for {z_sets(a.decreasing_on)}"] if a.decreasing_on else ["no"]
    if a.jumps_down:
        parts.append("g jumps down at " + ", ".join(f"z = {say(x)}" for x in a.jumps_down))
    lower = a.range.lower
    if lower.attained and lower.value.finite:
        parts.append(f"minimum {say(lower.value)} at {places(lower.where)}")
    return "; ".join(parts)


def bounded(a: Analysis) -> str:
    below = f"below by {say(a.range.lower.value)}" if a.range.bounded_below else "not below"
    above = f"above by {say(a.range.upper.value)}" if a.range.bounded_above else "not above"
    return f"{below}, {above}"


def smoothness(a: Analysis) -> str:
    s = a.smoothness
    at = ", ".join(f"z = {say(x)}" for x in s.breaks_at)
    if s.order is None:
        return "C∞: every derivative is continuous"
    if s.order < 0:
        return f"discontinuous: g jumps at {at}"
    if s.order == 0:
        return f"continuous (C⁰), not differentiable at {at}"
    more = " or smoother" if s.at_least else ""
    return f"C{_superscript(s.order)}{more}: derivative {s.order + 1} jumps at {at}"


def _superscript(k: int) -> str:
    return str(k).translate(str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹"))


def kinks(a: Analysis) -> str:
    if not a.kinks:
        return "no kinks"
    return "; ".join(
        f"{k.kind} at z = {_short(k.at)}: g′ is {_short(k.left)} on the left, "
        f"{_short(k.right)} on the right, autograd uses {_short(k.value_used)}"
        for k in a.kinks
    )


def _short(expr) -> str:
    """A kink's number as a short value when it is one (1.758, not 60 digits)."""
    return say(Number.of(expr)) if expr.is_number else write(expr)


def from_output(a: Analysis) -> str:
    if a.form_in_g is None:
        return "no: backprop must keep z"
    return f"yes: g′ = {write(a.form_in_g)}, so backprop can keep only g"


# --- how a value was found ---------------------------------------------------------------


def _describe(candidate: Candidate, of: str) -> str:
    at = candidate.at
    if candidate.kind == LIMIT:
        where = f"z → {say(at.lo)}" if at.lo.infinite else f"z → {say(at.lo)} from one side"
        return f"{of} → {say(candidate.value)} as {where}"
    if candidate.kind == CRITICAL:
        slope = {"g": "g′", "g′": "g″"}[of]
        method = "solved exactly" if at.lo.exact else "found numerically to 30 digits"
        exact = exact_text(at.lo)
        extra = f", z = {exact}" if exact else ""
        return f"{slope} = 0 at z = {say(at.lo)} ({method}{extra})"
    if candidate.kind == CONSTANT:
        return f"{of} = {say(candidate.value)} on {z_set(at)}"
    if candidate.kind == BREAKPOINT:
        return f"{of}({say(at.lo)}) = {say(candidate.value)} at the breakpoint"
    return ""


def _how(extremum: Extremum, of: str) -> str:
    chosen = [c for c in extremum.found_by if c.attained or not extremum.attained]
    found = _unique([_describe(c, of) for c in chosen])
    return "; ".join(found)


def _range_how(lower: Extremum, upper: Extremum, of: str) -> str:
    return "; ".join(_unique([_how(lower, of), _how(upper, of)]))


def _unique(texts: list[str]) -> list[str]:
    seen: list[str] = []
    for text in texts:
        if text and text not in seen:
            seen.append(text)
    return seen


def _exact_ends(intervals) -> str:
    ends: list[Number] = [n for i in intervals for n in (i.lo, i.hi) if n.finite]
    if not ends:
        return ""
    if all(n.exact for n in ends):
        shown = [exact_text(n) for n in ends if not n.value.is_Rational]
        if not shown:
            return "ends solved exactly"
        if all(shown):
            return "ends solved exactly: " + ", ".join(shown)
        return "ends solved exactly (the closed forms are in --json)"
    return "ends found numerically to 30 digits"


# --- layout --------------------------------------------------------------------------------


def render(analyses: Sequence[Analysis], console=None, plain: bool = False) -> None:
    """Print one panel per activation."""
    from rich.console import Console, Group
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    if console is None:
        console = Console(color_system=None, highlight=False) if plain else Console()
    for a in analyses:
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column(overflow="fold")
        for label, value, how in rows(a):
            cell = Text(value)
            if how:
                cell.append("\n" + how, style="dim")
            table.add_row(label, cell)
        verdict = Text("\n".join(verdict_words.sentences(a)), style="green")
        console.print(Panel(Group(table, Text(""), verdict), title=a.title, title_align="left"))
