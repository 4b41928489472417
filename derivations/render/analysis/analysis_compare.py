"""``derive compare``: the gradient-health properties side by side, one column per activation."""

from __future__ import annotations

from collections.abc import Sequence

from ...analysis.report import DEPTH_EXAMPLE, UNBOUNDED, UNCHANGED, VANISHING, Analysis
from ..notation import write
from . import analysis_report as report
from . import verdict_words
from .wording import decimal, say, value_range, z_sets


def _dead(a: Analysis) -> str:
    if not a.dead_zones:
        return "none"
    recover = "recovers" if all(z.recoverable for z in a.dead_zones) else "no recovery"
    return f"{z_sets([z.interval for z in a.dead_zones])} ({recover})"


def _smooth(a: Analysis) -> str:
    label = {None: "C∞"}.get(a.smoothness.order, a.smoothness.label)
    if a.smoothness.order is not None and a.smoothness.order >= 0:
        label = f"C{a.smoothness.order}" + ("+" if a.smoothness.at_least else "")
    if a.kinks:
        label += "; kinks at " + ", ".join(write(k.at) for k in a.kinks)
    return label


def _layers(a: Analysis) -> str:
    d = a.depth
    if d.kind == UNBOUNDED:
        return "unbounded: can explode"
    trend = {VANISHING: "shrinks", UNCHANGED: "kept"}.get(d.kind, "can grow")
    return f"≤ ({say(d.slope)})ⁿ: {decimal(d.after, 3)} at n = {DEPTH_EXAMPLE} ({trend})"


def _verdict(a: Analysis) -> str:
    """The family and the main risk; the depth has its own row."""
    if a.verdict is None:
        return ""
    return " ".join(s for s in (verdict_words.family(a), verdict_words.risk(a)) if s)


# Property name -> how it reads in one cell.
CELLS = (
    ("g(z)", lambda a: write(a.function)),
    ("range of g", lambda a: value_range(a.range.as_interval())),
    ("range of g′", lambda a: value_range(a.derivative_range.as_interval())),
    ("max slope", lambda a: report.max_slope(a)),
    ("n layers", lambda a: _layers(a)),
    ("saturated", lambda a: z_sets(a.saturation)),
    ("dead zones", _dead),
    ("zero-centred", lambda a: a.zero_centring),
    ("monotonic", lambda a: "yes" if a.monotonic else f"no: g′ < 0 for {z_sets(a.decreasing_on)}"),
    ("bounded", report.bounded),
    ("smoothness", _smooth),
    ("g′ from output", lambda a: write(a.form_in_g) if a.form_in_g is not None else "no"),
    ("verdict", _verdict),
)


def cells(analyses: Sequence[Analysis]) -> list[tuple[str, list[str]]]:
    """(property, one cell per activation), in table order."""
    return [(name, [cell(a) for a in analyses]) for name, cell in CELLS]


def render(analyses: Sequence[Analysis], console=None, plain: bool = False) -> None:
    from rich.console import Console
    from rich.table import Table

    if console is None:
        console = Console(color_system=None, highlight=False) if plain else Console()
    threshold = say(analyses[0].saturation_threshold)
    table = Table(
        title="gradient health, side by side",
        caption=f"saturated: where |g′| < {threshold}; n layers: the most a chain of n can pass",
        show_lines=True,
    )
    table.add_column("property", style="bold", no_wrap=True)
    for a in analyses:
        table.add_column(a.title, overflow="fold", ratio=1)
    for name, row in cells(analyses):
        table.add_row(name, *row)
    console.print(table)
