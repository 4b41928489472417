"""The rich walkthrough for a terminal: numbered steps, the acted-on part highlighted.

Styles live in one table here; the content comes from ``walkthrough``.
"""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.text import Text

from ..derivation import Derivation
from .marks import split_marks
from .notation import Writer
from .points import point_names
from .walkthrough import NEW, TARGET, Line, header, step_lines, summary

STYLES = {
    "title": "bold",
    "formula": "",
    "rule": "bold cyan",
    "explain": "dim",
    "bind": "magenta",
    "phase": "bold blue",
    "label": "bold",
    "result": "bold green",
    "good": "green",
    "bad": "bold red",
    "kink": "yellow",
    "dim": "dim",
    "": "",
}
MARK_STYLES = {TARGET: "bold yellow underline", NEW: "green"}


def to_text(line: Line) -> Text:
    text = Text()
    for piece, style in line:
        for chunk, kinds in split_marks(piece):
            marks = " ".join(MARK_STYLES[k] for k in sorted(kinds))
            text.append(chunk, style=f"{STYLES.get(style, '')} {marks}".strip() or None)
    return text


def renderable(derivation: Derivation) -> Group:
    writer = Writer(points=point_names(derivation))
    top = Panel(Group(*(to_text(x) for x in header(derivation, writer))), expand=False)
    steps = [to_text(x) for x in step_lines(derivation, writer)]
    bottom = Panel(Group(*(to_text(x) for x in summary(derivation, writer))), title="g′")
    return Group(top, *steps, bottom)


def render(derivation: Derivation, console: Console | None = None) -> None:
    (console or Console()).print(renderable(derivation))
