"""Compiling LaTeX to PDF with pdflatex, and reading its log for problems.

Used by ``derive notes -o notes.pdf`` and by the tests that compile every
document we write.  A missing pdflatex is an ordinary, clearly reported
situation, not a crash.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ...errors import DerivationsError

TIMEOUT = 180.0  # seconds for one pdflatex run
INSTALL_HINT = "Debian/Ubuntu: apt-get install texlive-latex-base texlive-latex-recommended"


class LatexMissing(DerivationsError):
    """pdflatex is not installed."""


class LatexFailed(Exception):
    """pdflatex stopped with an error: a bug in what we wrote."""


@dataclass(frozen=True)
class Compiled:
    pdf: bytes
    log: str


def pdflatex() -> str:
    """The path of pdflatex; LatexMissing when it is not installed."""
    path = shutil.which("pdflatex")
    if path is None:
        raise LatexMissing(f"pdflatex was not found ({INSTALL_HINT})")
    return path


def compile_pdf(tex: str, runs: int = 1, timeout: float = TIMEOUT) -> Compiled:
    """Compile ``tex`` in a scratch directory; ``runs`` > 1 settles a table of contents."""
    program = pdflatex()
    with tempfile.TemporaryDirectory(prefix="derivations-latex-") as scratch:
        folder = Path(scratch)
        (folder / "document.tex").write_text(tex, encoding="utf-8")
        command = [program, "-interaction=nonstopmode", "-halt-on-error", "-no-shell-escape",
                   "document.tex"]  # fmt: skip
        for _ in range(runs):
            done = subprocess.run(
                command, cwd=folder, capture_output=True, timeout=timeout, stdin=subprocess.DEVNULL
            )
            log_file = folder / "document.log"
            log = log_file.read_text(encoding="latin-1") if log_file.exists() else ""
            if done.returncode != 0:
                raise LatexFailed(first_error(log) or f"pdflatex exited with {done.returncode}")
        return Compiled((folder / "document.pdf").read_bytes(), log)


def first_error(log: str) -> str | None:
    """The first error message in a pdflatex log (its line starting with "!")."""
    for line in log.splitlines():
        if line.startswith("!"):
            return line[1:].strip()
    return None


def problems(log: str) -> list[str]:
    """Errors, overfull boxes and missing characters reported in a pdflatex log."""
    markers = ("!", "Overfull \\hbox", "Overfull \\vbox", "Missing character")
    return [line for line in log.splitlines() if line.startswith(markers)]
