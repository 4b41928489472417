"""Every document we write compiles with pdflatex: no error, no overfull box, no missing glyph.

The standalone document of each catalog activation is compiled on its own (in
parallel); the option variants of all activations share one document; the
full lecture notes are compiled twice, as ``derive notes -o notes.pdf`` does.
"""

from __future__ import annotations

import os
import re
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from pathlib import Path

import pytest

from derivations.render.tex import notes
from derivations.render.tex.latex import Options, align_block, preamble, standalone

from .derived import CATALOG_NAMES, VECTOR_NAMES, derived
from .tools import require_program

PROBLEM = re.compile(r"^(!.*|Overfull \\[hv]box.*|Missing character.*)$", re.M)


def compile_log(tex: str, runs: int = 1) -> str:
    """pdflatex's log for ``tex`` (halting on the first error), written here independently."""
    program = require_program("pdflatex")
    with tempfile.TemporaryDirectory() as folder:
        Path(folder, "doc.tex").write_text(tex, encoding="utf-8")
        for _ in range(runs):
            subprocess.run(
                [program, "-interaction=nonstopmode", "-halt-on-error", "doc.tex"],
                cwd=folder,
                capture_output=True,
                stdin=subprocess.DEVNULL,
                timeout=300,
            )
        return Path(folder, "doc.log").read_text(encoding="latin-1")


def problems(log: str) -> list[str]:
    found = PROBLEM.findall(log)
    if "Output written on doc.pdf" not in log:
        found.append("no PDF was written")
    return found


@cache
def _standalone_logs() -> dict[str, str]:
    require_program("pdflatex")
    documents = {name: standalone(derived(name)) for name in CATALOG_NAMES + VECTOR_NAMES}
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        logs = pool.map(compile_log, documents.values())
        return dict(zip(documents, logs, strict=True))


@pytest.mark.parametrize("name", CATALOG_NAMES + VECTOR_NAMES)
def test_standalone_document_compiles_cleanly(name):
    assert problems(_standalone_logs()[name]) == []


@pytest.mark.parametrize(
    "options",
    [Options(highlight=True), Options(own_symbol=True, exp_function=True)],
    ids=["highlight", "own symbol and exp"],
)
def test_every_activation_with_options_compiles_cleanly(options):
    blocks = "".join(
        f"\\section*{{{name.replace('_', ' ')}}}\n{align_block(derived(name), options)}"
        for name in CATALOG_NAMES + VECTOR_NAMES
    )
    document = f"{preamble(options.highlight)}\\begin{{document}}\n{blocks}\\end{{document}}\n"
    assert problems(compile_log(document)) == []


def test_typed_formulas_and_long_derivations_compile_cleanly():
    formulas = ["z*sigmoid(z)", "log(1+e^z)", "abs(z)*heaviside(z)", "max(-1, min(1, z))"]
    body = "".join(align_block(derived(f)) for f in formulas)
    body += align_block(derived("tanh", from_definition=True), Options(highlight=True))
    document = f"{preamble(True)}\\begin{{document}}\n{body}\\end{{document}}\n"
    assert problems(compile_log(document)) == []


def test_the_full_notes_compile_cleanly():
    document = notes.document([derived(name) for name in CATALOG_NAMES + VECTOR_NAMES])
    assert problems(compile_log(document, runs=2)) == []


def test_the_check_catches_overfull_boxes_and_errors():
    wide = "\\[" + " + ".join(["x"] * 200) + "\\]"
    head = "\\documentclass{article}\\begin{document}"
    assert any("Overfull" in p for p in problems(compile_log(f"{head}{wide}\\end{{document}}")))
    assert any(p.startswith("!") for p in problems(compile_log(f"{head}$\\frac{{$")))


def test_an_unfinished_derivation_compiles_cleanly(monkeypatch):
    from derivations import derive, rules

    monkeypatch.setattr(rules, "RULES", [r for r in rules.RULES if r.name != "chain rule"])
    assert problems(compile_log(standalone(derive("sigmoid")))) == []
