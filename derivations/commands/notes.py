"""``derive notes``: lecture notes for several activations in one LaTeX (or PDF) document."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import DerivationsError, UsageError
from .common import add_timeout
from .typesetting import add_style_arguments, options

DESCRIPTION = (
    "Write lecture notes: one LaTeX document with a section per activation (definition, "
    "parameters, the derivation, the result, the form in g, the kinks, the gradient note). "
    "-o notes.pdf compiles it with pdflatex."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "names", nargs="*", metavar="NAME", help="catalog names (or formulas in z), in order"
    )
    parser.add_argument(
        "--all", action="store_true", help="the whole catalog, softmax and friends included"
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="notes.tex, or notes.pdf to compile with pdflatex (default: LaTeX on stdout)",
    )
    parser.add_argument(
        "--plots",
        action="store_true",
        help="a figure of g and g′ per activation (needs matplotlib), written beside -o FILE",
    )
    add_style_arguments(parser)
    add_timeout(parser, " on them all")


def _targets(args: argparse.Namespace) -> list[str]:
    from ..catalog import CATALOG
    from ..catalog.vectors import VECTOR_CATALOG

    catalog = [entry.name for entry in (*CATALOG, *VECTOR_CATALOG)]
    names = catalog if args.all else []
    names += [n for n in args.names if n not in names]
    if not names:
        raise UsageError("name at least one activation, or use --all")
    return names


def _output(args: argparse.Namespace) -> Path | None:
    if args.output is None:
        return None
    path = Path(args.output)
    if path.suffix not in (".tex", ".pdf"):
        raise UsageError(f"-o {args.output}: the notes are written as .tex or .pdf")
    if not path.parent.is_dir():
        raise UsageError(f"-o {args.output}: the folder {str(path.parent)!r} does not exist")
    return path


def _write(path: Path, data: str | bytes) -> None:
    try:
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")
    except OSError as error:
        raise UsageError(f"cannot write {str(path)!r}: {error.strerror}") from error


def figure_analyses(derivations: list) -> list:
    """The Analysis each derivation's figure is drawn from, or the error saying why it has none."""
    from ..analysis import analyze

    found = []
    for derivation in derivations:
        try:
            found.append(analyze(derivation, verdict=False))  # a figure shows no verdict
        except DerivationsError as error:
            found.append(error)
    return found


def run(args: argparse.Namespace) -> int:
    from ..api import derive
    from ..render.tex import notes

    path = _output(args)
    if args.plots and path is None:
        raise UsageError("--plots needs -o notes.tex or notes.pdf: the figures go beside it")
    derivations = [derive(name) for name in _targets(args)]
    tex = notes.document(derivations, options(args))
    if args.plots:
        from ..render.analysis.analysis_notes import add_plots
        from ..render.analysis.analysis_plot import require_matplotlib

        require_matplotlib()  # before the slow part
        figures = figure_analyses(derivations)
        tex = add_plots(tex, figures, path, absolute=path.suffix == ".pdf")
    if path is None:
        sys.stdout.write(tex)
        return 0
    if path.suffix == ".tex":
        _write(path, tex)
        print(f"wrote {path}", file=sys.stderr)
        return 0
    from ..render.tex.pdflatex import LatexFailed, LatexMissing, compile_pdf

    try:
        compiled = compile_pdf(tex, runs=2)  # the second run fills in the contents
    except LatexMissing as missing:
        source = path.with_suffix(".tex")
        _write(source, tex)
        print(f"derive: cannot make {path}: {missing}; wrote {source} instead", file=sys.stderr)
        return 2
    except LatexFailed as failure:
        print(f"derive: internal error: pdflatex failed on the notes: {failure}", file=sys.stderr)
        return 3
    _write(path, compiled.pdf)
    print(f"wrote {path}", file=sys.stderr)
    return 0
