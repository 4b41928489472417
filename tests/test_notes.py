"""Lecture notes: ``derive notes``, and examples/notes.tex kept current."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from derivations.cli import main
from derivations.render.tex import notes
from derivations.render.tex.latex import Options

from .derived import CATALOG_NAMES, VECTOR_NAMES, derived
from .tools import require_module, require_program

EXAMPLE = Path(__file__).parent.parent / "examples" / "notes.tex"
REGENERATE = "derive notes --all -o examples/notes.tex"


def test_examples_notes_tex_is_current():
    current = notes.document([derived(name) for name in CATALOG_NAMES + VECTOR_NAMES])
    assert EXAMPLE.read_text(encoding="utf-8") == current, (
        f"examples/notes.tex is out of date: regenerate it with `{REGENERATE}`"
    )


def test_a_section_per_activation_with_every_part():
    document = notes.document([derived("sigmoid"), derived("relu")])
    assert document.count("\\section{") == 2
    relu = document[document.index("\\section{relu}") :]
    for part in ("Definition.", "Derivation.", "Result.", "In terms of $g$.", "Kinks.",
                 "Gradient.", "Proof."):  # fmt: skip
        assert f"\\paragraph{{{part}}}" in relu
    assert "Autograd uses $0$ there" in relu
    leaky = notes.section(derived("leaky_relu"))
    assert "\\paragraph{Parameters.}" in leaky and "(default $0.01$)" in leaky


def test_the_kinks_are_not_said_three_times_and_the_own_symbol_names_the_form():
    relu = notes.section(derived("relu"))
    kinks = relu[relu.index("\\paragraph{Kinks.}") : relu.index("\\paragraph{Gradient.}")]
    assert kinks.count("autograd uses") + kinks.count("Autograd uses") == 1
    assert "a corner at" not in kinks
    own = notes.section(derived("threshold"), Options(own_symbol=True))
    assert "\\paragraph{In terms of $\\operatorname{Threshold}$.}" in own
    assert "a jump of $\\operatorname{Threshold}$" in own


def test_notes_print_latex_without_an_output_file(capsys):
    assert main(["notes", "sigmoid", "tanh"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("\\documentclass{article}") and out.count("\\section{") == 2


def test_notes_write_tex(tmp_path, capsys):
    target = tmp_path / "notes.tex"
    assert main(["notes", "relu", "-o", str(target)]) == 0
    assert target.read_text().count("\\section{") == 1
    assert f"wrote {target}" in capsys.readouterr().err


def test_notes_compile_to_pdf(tmp_path):
    require_program("pdflatex")
    target = tmp_path / "notes.pdf"
    assert main(["notes", "sigmoid", "relu", "--highlight", "-o", str(target)]) == 0
    assert target.read_bytes().startswith(b"%PDF")


def test_notes_with_plots_compile_with_a_figure_per_scalar_activation(tmp_path):
    require_program("pdflatex")
    require_module("matplotlib")
    target = tmp_path / "notes.pdf"
    assert main(["notes", "sigmoid", "relu", "softmax", "--plots", "-o", str(target)]) == 0
    assert target.read_bytes().startswith(b"%PDF")
    figures = sorted(p.name for p in (tmp_path / "notes-figures").iterdir())
    assert figures == ["01-sigmoid.pdf", "02-relu.pdf"]  # softmax: a sentence, not a figure


def test_notes_plots_need_an_output_file(capsys):
    assert main(["notes", "sigmoid", "--plots"]) == 2
    assert "--plots needs -o" in capsys.readouterr().err


def test_notes_pdf_without_pdflatex_says_so_and_writes_the_tex(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    target = tmp_path / "notes.pdf"
    assert main(["notes", "relu", "-o", str(target)]) == 2
    err = capsys.readouterr().err
    assert "pdflatex was not found" in err and err.count("\n") == 1
    assert not target.exists() and (tmp_path / "notes.tex").exists()


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["notes"], "name at least one activation, or use --all"),
        (["notes", "relu", "-o", "notes.docx"], "written as .tex or .pdf"),
        (["notes", "relu", "-o", "/no/such/folder/notes.tex"], "does not exist"),
        (["notes", "sigmiod"], "unknown activation 'sigmiod'"),
    ],
)
def test_bad_requests_are_one_line_and_exit_2(argv, message, capsys):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1
