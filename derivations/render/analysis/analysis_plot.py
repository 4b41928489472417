"""Figures of g, g' (and g'') with matplotlib: kinks marked, saturation and dead zones shaded.

matplotlib is an optional extra (``pip install 'derivations[plot]'``) and is
imported only here, only when a figure is drawn.  No pyplot: figures are
built as ``matplotlib.figure.Figure`` objects, so nothing global (backends,
open windows) changes in the caller's process, e.g. in a notebook.

``plot_to_file`` is the entry point other commands use (lecture notes); it
only reads Analysis objects, which the commands make.
Each curve carries a gid ``curve-<activation index>-<order>`` (order 0 is g),
which SVG output keeps as an element id.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path

import sympy as sp

from ...analysis.numbers import Interval
from ...analysis.report import Analysis
from ...errors import DerivationsError, UsageError
from ..notation import write
from .wording import say, z_set

FORMATS = (".png", ".svg", ".pdf")
INSTALL_HINT = (
    "plotting needs matplotlib, which is not installed: pip install 'derivations[plot]' "
    "(or pip install matplotlib)"
)
POINTS = 1200
MAX_SPAN = 1000.0  # widest z axis drawn
ORDER_NAMES = ("g", "g′", "g″")
LEGEND_WIDTH = 70  # characters of a formula shown in a legend
GRID_LEGEND_WIDTH = 48  # narrower under a column of the grid


class PlotUnavailable(DerivationsError):
    """matplotlib is missing: the message says how to install it."""


def plot_to_file(
    analyses: Sequence[Analysis],
    path: str | Path,
    *,
    order: int = 1,
    grid: bool = False,
    z_range: tuple[float, float] | None = None,
) -> Path:
    """Draw g, g' (and g'' when ``order`` is 2) of each Analysis into ``path`` (.png, .svg, .pdf).

    Several go in one figure (overlaid, or side by side with ``grid``); g''
    is labelled with its formula when the analysis carries it
    (``analyze(..., second_derivative=True)``).  Returns the path written.
    Raises PlotUnavailable without matplotlib and DerivationsError
    subclasses for unusable input.
    """
    path = check_output(path, order)
    fig = figure(analyses, order=order, grid=grid, z_range=z_range)
    try:
        fig.savefig(path, dpi=120)
    except OSError as error:
        raise UsageError(f"cannot write {path}: {error.strerror or error}") from None
    return path


def check_output(path: str | Path, order: int = 1) -> Path:
    """The figure path, once the file type, folder, order and matplotlib are all usable."""
    path = Path(path)
    if path.suffix.lower() not in FORMATS:
        raise UsageError(f"the figure file must end in {', '.join(FORMATS)}, not {path.name!r}")
    if not path.parent.is_dir():
        raise UsageError(f"cannot write {path}: the folder {path.parent} does not exist")
    if path.is_dir():
        raise UsageError(f"cannot write {path}: it is a folder")
    if order not in (1, 2):
        raise UsageError(f"the order must be 1 or 2, not {order}")
    require_matplotlib()
    return path


def require_matplotlib() -> None:
    """Raise PlotUnavailable, saying how to install matplotlib, when it is missing."""
    _matplotlib()


def _matplotlib():
    try:
        import matplotlib
        from matplotlib.figure import Figure
    except ImportError as error:
        raise PlotUnavailable(INSTALL_HINT) from error
    return matplotlib, Figure


def figure(
    analyses: Sequence[Analysis],
    *,
    order: int = 1,
    grid: bool = False,
    z_range: tuple[float, float] | None = None,
):
    """A matplotlib Figure: a row per derivative order; with ``grid``, a column per activation."""
    matplotlib, Figure = _matplotlib()
    lo, hi = z_range or default_range(analyses)
    if not (math.isfinite(lo) and math.isfinite(hi) and lo < hi and hi - lo <= MAX_SPAN):
        raise UsageError(
            f"the z range must go from low to high, at most {MAX_SPAN:g} wide, not {lo:g} to {hi:g}"
        )
    rows, columns = order + 1, (len(analyses) if grid else 1)
    width = 4.2 * columns if grid else 10.5  # overlaid: room for the legends on the right
    fig = Figure(figsize=(width, 2.8 * rows + 0.6), layout="constrained")
    axes = fig.subplots(rows, columns, sharex="col", squeeze=False)
    colours = matplotlib.rcParams["axes.prop_cycle"].by_key()["color"]
    xs = [lo + (hi - lo) * k / (POINTS - 1) for k in range(POINTS)]
    for index, analysis in enumerate(analyses):
        colour = colours[index % len(colours)]
        column = axes[:, index if grid else 0]
        for level, ax in enumerate(column):
            _curve(ax, analysis, level, xs, colour, index)
            if grid or level == 1:
                _shade(ax, analysis, lo, hi, colour, legend=level == 1)
        _mark_kinks(column, analysis, colour, index)
        _annotate_max_slope(column[1], analysis, lo, hi, colour, index)
        _annotate_minimum(column[0], analysis, lo, hi, colour)
    for number, column in enumerate(axes.T):
        for level, ax in enumerate(column):
            ax.set_ylabel(f"{ORDER_NAMES[level]}(z)")
            ax.axhline(0, color="0.6", linewidth=0.6)
            ax.margins(y=0.18)  # headroom for the annotations
            ax.grid(True, alpha=0.25)
            if not grid:
                ax.legend(fontsize="small", loc="upper left", bbox_to_anchor=(1.01, 1))
        if grid:  # one legend under each column, so no formula covers a curve
            handles, labels = [], []
            for ax in column:
                more_handles, more_labels = ax.get_legend_handles_labels()
                handles += more_handles
                labels += [_short(label, GRID_LEGEND_WIDTH) for label in more_labels]
            column[-1].legend(
                handles, labels, fontsize="x-small", loc="upper center", bbox_to_anchor=(0.5, -0.22)
            )
        column[-1].set_xlabel("z")
        column[0].set_xlim(lo, hi)
        if grid:
            column[0].set_title(analyses[number].title)
    return fig


def default_range(analyses: Sequence[Analysis]) -> tuple[float, float]:
    """[-5, 5], widened to show every kink, extremum and saturation edge (at most ±20)."""
    points = []
    for a in analyses:
        sets = [*a.saturation, *(z.interval for z in a.dead_zones), *a.decreasing_on]
        sets += [*a.max_slope.where, *a.range.lower.where, *a.range.upper.where]
        points += [float(n) for s in sets for n in (s.lo, s.hi) if n.finite]
        points += [float(k.at) for k in a.kinks if k.at.is_number]
    reach = max([5.0, *(abs(p) + 1.5 for p in points)])
    reach = min(20.0, math.ceil(reach))  # symmetric about 0, so shapes compare at a glance
    return -reach, reach


# --- curves ------------------------------------------------------------------------------


def _piece_expression(piece, level: int) -> sp.Expr:
    return (piece.g, piece.dg, piece.d2g)[level]


def _evaluator(expr: sp.Expr, z: sp.Symbol):
    function = sp.lambdify(z, expr, modules=["math", "mpmath"])

    def at(x: float) -> float:
        try:
            value = complex(function(x))
        except (ArithmeticError, ValueError, TypeError):
            return math.nan
        return value.real if abs(value.imag) < 1e-12 else math.nan

    return at


def samples(analysis: Analysis, level: int, xs: list[float]) -> tuple[list[float], list[float]]:
    """(z, value) along ``xs``, piece by piece, with a gap (nan) where the curve jumps."""
    z = analysis.variable
    out_x: list[float] = []
    out_y: list[float] = []
    for number, piece in enumerate(analysis.pieces):
        lo, hi = (float(sp.N(end)) for end in (piece.span.lo, piece.span.hi))
        inside = [x for x in xs if lo < x < hi]
        if not inside:
            continue
        at = _evaluator(_piece_expression(piece, level), z)
        ends = [x for x in (lo, hi) if xs[0] <= x <= xs[-1]]
        points = sorted({*inside, *ends})
        if number and out_x:
            out_x.append(lo)
            out_y.append(math.nan)  # separate the pieces; continuous ones meet at lo anyway
        out_x += points
        out_y += [at(x) for x in points]
    return out_x, out_y


def _curve(ax, analysis: Analysis, level: int, xs: list[float], colour: str, index: int) -> None:
    px, py = samples(analysis, level, xs)
    formula = (analysis.function, analysis.derivative, analysis.second_derivative)[level]
    if formula is not None:
        label = f"{analysis.title}: {ORDER_NAMES[level]} = {_short(write(formula))}"
    else:
        label = f"{analysis.title}: g″"
    (line,) = ax.plot(px, py, color=colour, linewidth=1.8, label=label)
    line.set_gid(f"curve-{index}-{level}")


def _short(text: str, width: int = LEGEND_WIDTH) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


# --- marks -------------------------------------------------------------------------------


def _visible(interval: Interval, lo: float, hi: float) -> tuple[float, float] | None:
    a, b = max(float(interval.lo), lo), min(float(interval.hi), hi)
    return (a, b) if a < b else None


def _shade(ax, analysis: Analysis, lo: float, hi: float, colour: str, legend: bool) -> None:
    threshold = say(analysis.saturation_threshold)
    label = f"{analysis.title}: |g′| < {threshold}" if legend else None
    for interval in analysis.saturation:
        span = _visible(interval, lo, hi)
        if span:
            ax.axvspan(*span, color=colour, alpha=0.10, linewidth=0, label=label)
            label = None
    label = f"{analysis.title}: dead zone (g′ = 0)" if legend else None
    for zone in analysis.dead_zones:
        span = _visible(zone.interval, lo, hi)
        if span:
            ax.axvspan(
                *span,
                facecolor="none",
                edgecolor=colour,
                hatch="//",
                alpha=0.5,
                linewidth=0,
                label=label,
            )
            label = None


def _mark_kinks(column, analysis: Analysis, colour: str, index: int) -> None:
    z = analysis.variable
    for kink in analysis.kinks:
        if not kink.at.is_number:
            continue
        x = float(kink.at)
        g_value = _kink_value(analysis, x, z)
        column[0].plot([x], [g_value], marker="o", color=colour, markersize=5)
        left, right, used = (float(sp.N(v)) for v in (kink.left, kink.right, kink.value_used))
        column[1].plot(
            [x, x],
            [left, right],
            linestyle="none",
            marker="o",
            markersize=5,
            markerfacecolor="white",
            markeredgecolor=colour,
        )
        column[1].plot([x], [used], marker="o", color=colour, markersize=5)
        column[1].annotate(
            f"kink z = {say_expr(kink.at)}",
            (x, used),
            textcoords="offset points",
            xytext=(6, 4 + 10 * index),
            fontsize="x-small",
            color=colour,
        )


def say_expr(expr: sp.Expr) -> str:
    return write(expr)


def _kink_value(analysis: Analysis, x: float, z: sp.Symbol) -> float:
    for piece in analysis.pieces:
        lo, hi = (float(sp.N(end)) for end in (piece.span.lo, piece.span.hi))
        if lo < x <= hi or lo <= x < hi:
            return _evaluator(piece.g, z)(x)
    return math.nan


def _annotate_max_slope(
    ax, analysis: Analysis, lo: float, hi: float, colour: str, index: int
) -> None:
    best = analysis.max_slope
    if best.value.infinite or not best.where:
        return
    value = float(best.value)
    place = best.where[0]
    sign = 1.0
    if analysis.derivative_range.lower.value.same_as(-best.value):
        sign = -1.0  # the largest |g'| is a negative slope
    if place.is_point and place.lo.infinite:
        x = hi if place.lo.value == sp.oo else lo
        text = f"|g′| → {say(best.value)} as z → {say(place.lo)}"
    else:
        span = _visible(place, lo, hi) if not place.is_point else (float(place.lo),) * 2
        if span is None:
            return
        x = (span[0] + span[1]) / 2
        where = f" at z = {say(place.lo)}" if place.is_point else f" for {z_set(place)}"
        text = f"max |g′| = {say(best.value)}{where}"
    ax.annotate(
        text,
        (x, sign * value),
        textcoords="offset points",
        xytext=(0, 10 + 11 * index),
        ha="center",
        fontsize="small",
        color=colour,
        arrowprops={"arrowstyle": "-", "color": colour, "linewidth": 0.8},
    )


def _annotate_minimum(ax, analysis: Analysis, lo: float, hi: float, colour: str) -> None:
    """Where a non-monotonic activation dips lowest (Swish: −0.2785 at z = −1.278)."""
    lower = analysis.range.lower
    if analysis.monotonic or not lower.attained or not lower.where:
        return
    place = lower.where[0]
    if not place.is_point or not lo < float(place.lo) < hi:
        return
    x, y = float(place.lo), float(lower.value)
    ax.plot([x], [y], marker="v", color=colour, markersize=6)
    ax.annotate(
        f"min {say(lower.value)} at z = {say(place.lo)}",
        (x, y),
        textcoords="offset points",
        xytext=(8, -4),
        ha="left",
        va="top",
        fontsize="small",
        color=colour,
    )
