"""Figures for the lecture notes (``derive notes --plots``): one per scalar activation.

``add_plots`` takes the notes as ``render.notes.document`` wrote them and the
analysis of each activation (``commands.notes.figure_analyses`` makes them),
draws each one's g and g′ (the same figure ``derive plot`` makes) into a PDF
in a folder beside the notes file, and returns the LaTeX with
``\\usepackage{graphicx}`` and the figure at the end of each activation's
section.  An activation the analysis cannot take (softmax, a formula not
defined for every z) has the error instead, and gets one sentence saying why.

matplotlib is needed (the ``[plot]`` extra); without it ``PlotUnavailable``
says how to install it, before anything is written.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from ...analysis.report import Analysis
from ...errors import DerivationsError, UsageError
from ..tex.latex_text import latex_text

SECTION = "\n\\section{"
BEGIN = "\\begin{document}"
END = "\\end{document}"
SAFE_PATH = re.compile(r"[A-Za-z0-9/._:+-]+")  # what \includegraphics takes as it is
CAPTION = (
    "g(z) above and g'(z) below; shaded where |g'(z)| < 0.01 (saturation), hatched where "
    "g'(z) = 0 (dead zone), dots at the kinks, the largest slope marked."
)


def figure_folder(notes: str | Path) -> Path:
    """Where the figures of ``notes.tex`` (or ``notes.pdf``) go: ``notes-figures/`` beside it."""
    notes = Path(notes)
    return notes.with_name(f"{notes.stem}-figures")


def add_plots(
    tex: str,
    analyses: Sequence[Analysis | DerivationsError],
    notes: str | Path,
    *,
    absolute: bool = False,
    order: int = 1,
) -> str:
    """The notes ``tex`` with a figure per activation, drawn into ``figure_folder(notes)``.

    ``analyses`` are those of the derivations the document was made from, in
    order (one section each), or the error that says why one has none.  Figures
    are referred to relative to the notes file, or by absolute path with
    ``absolute`` (needed when the notes are compiled elsewhere, as
    ``derive notes -o notes.pdf`` does).
    """
    from .analysis_plot import check_output

    parts = tex.split(SECTION)
    if len(parts) != len(analyses) + 1 or END not in parts[-1] or BEGIN not in parts[0]:
        raise ValueError("add_plots needs the notes document with one section per derivation")
    notes = Path(notes)
    folder = figure_folder(notes)
    if absolute:
        folder = folder.resolve()
        if not SAFE_PATH.fullmatch(folder.as_posix()):
            raise UsageError(
                f"cannot put figures in {folder}: LaTeX cannot take a file name with spaces "
                "or special characters; write the notes elsewhere"
            )
    try:
        folder.mkdir(exist_ok=True)
    except OSError as error:
        raise UsageError(f"cannot make the folder {folder}: {error.strerror or error}") from None
    check_output(folder / "figure.pdf", order)  # matplotlib present, before any drawing
    shown = folder if absolute else Path(folder.name)
    sections = []
    for index, (analysis, text) in enumerate(zip(analyses, parts[1:], strict=True)):
        figure = _drawn(analysis, f"{index + 1:02d}", folder, shown, order)
        if index == len(analyses) - 1:
            body, end = text.rsplit(END, 1)
            sections.append(f"{body.rstrip()}\n\n{figure}\n{END}{end}")
        else:
            sections.append(f"{text.rstrip()}\n\n{figure}\n")
    head = parts[0].replace(BEGIN, f"\\usepackage{{graphicx}}\n{BEGIN}", 1)
    return SECTION.join([head, *sections])


def _drawn(
    analysis: Analysis | DerivationsError, number: str, folder: Path, shown: Path, order: int
) -> str:
    """The figure paragraph of one activation, its PDF drawn; or why there is none."""
    from .analysis_plot import plot_to_file

    if isinstance(analysis, DerivationsError):
        return _no_figure(analysis)
    name = f"{number}-{_slug(analysis.title)}.pdf"
    try:
        plot_to_file([analysis], folder / name, order=order, grid=True)
    except DerivationsError as error:
        return _no_figure(error)
    return _figure((shown / name).as_posix())


def _no_figure(error: DerivationsError) -> str:
    return f"\\paragraph{{Figure.}}\n{latex_text(f'No figure: {error}.')}\n"


def _figure(path: str) -> str:
    return (
        "\\paragraph{Figure.}\n"
        f"{latex_text(CAPTION)}\n"
        "\\begin{center}\n"
        f"\\includegraphics[width=0.55\\linewidth]{{{path}}}\n"
        "\\end{center}\n"
    )


def _slug(title: str) -> str:
    """A file name from a title: letters, digits and dashes (max(0.05*z, z): max-0-05-z-z)."""
    return re.sub(r"[^a-z0-9]+", "-", str(title).lower()).strip("-")[:40] or "activation"
