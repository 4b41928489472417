"""Analysis wording, refusals, plot files, JSON numbers and notes figures, line by line.

Each test here failed before the fix it names.
"""

from __future__ import annotations

import json
import sys
from functools import cache

import pytest

from derivations.analysis import analyze
from derivations.cli import main
from derivations.errors import InputRefused
from derivations.render.analysis import analysis_json, analysis_report, verdict_words

from .tools import require_module, require_program


@cache
def analysis(target: str):
    return analyze(target)


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def matplotlib():
    require_module("matplotlib")


# --- the report's words ---------------------------------------------------------------------


def test_no_saturation_is_said_plainly_not_for_nowhere():
    rows = {label: value for label, value, _ in analysis_report.rows(analysis("leaky_relu"))}
    assert rows["saturation"] == "none: |g′| ≥ 0.01 for every z"
    assert "for nowhere" not in rows["saturation"]


def test_depth_is_said_as_the_issue_puts_it_at_most_a_quarter_to_the_n():
    a = analysis("sigmoid")
    rows = {label: value for label, value, _ in analysis_report.rows(a)}
    assert "scale gradients by at most (1/4)ⁿ" in rows["through depth"]
    assert "scales gradients by at most (1/4)ⁿ" in verdict_words.depth(a)
    assert "9.54·10⁻⁷" in rows["through depth"] and "9.54·10⁻⁷" in verdict_words.depth(a)


# --- oscillating formulas are refused, not given a made-up limit --------------------------------


@pytest.mark.parametrize("formula", ["z*sin(z)", "z*cos(z)", "z*(2 + sin(z))"])
def test_a_formula_whose_values_swing_has_no_limit(formula):
    # z·sin(z) was reported bounded below by −2.6·10⁴ with g → ∞ as z → −∞
    with pytest.raises(InputRefused) as caught:
        analyze(formula, verdict=False)
    assert "no limit" in str(caught.value) and "\n" not in str(caught.value)


def test_an_oscillating_formula_is_exit_2_on_the_command_line(capsys):
    code, out, err = run(capsys, "analyze", "z*sin(z)")
    assert code == 2 and out == ""
    assert "no limit" in err and len(err.strip().splitlines()) == 1


def test_growth_that_wobbles_without_changing_sign_still_has_its_limit():
    a = analyze("z + sin(z)/2 + z**3", verdict=False)
    assert a.ends.g_left.value.is_infinite and a.ends.g_right.value.is_infinite
    assert float(a.range.lower.value) == float("-inf")


# --- JSON: numbers as numbers, exact values as text sympify reads -------------------------------


def test_json_parameters_and_breakpoints_are_numbers_with_exact_text(capsys):
    code, out, _ = run(capsys, "analyze", "leaky_relu", "--param", "a=0.2", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["parameters"] == {"a": 0.2} and data["parameters_exact"] == {"a": "1/5"}
    assert data["smoothness_breaks_at"] == [0.0] and data["smoothness_breaks_at_exact"] == ["0"]


def test_json_of_a_formula_found_only_numerically_has_null_exact_text():
    data = analysis_json.to_dict(analysis("z*sigmoid(z)"))
    assert data["range"]["lo"] == pytest.approx(-0.278464542761074, abs=1e-12)
    assert data["range"]["lo_exact"] is None  # −W(1/e), located numerically
    assert data["argmax_slope"][0]["lo"] == pytest.approx(2.399357280515467, abs=1e-9)


# --- plots --------------------------------------------------------------------------------------


@pytest.mark.parametrize("target", ["folder.png", "missing/deeper.png"])
def test_a_figure_path_that_cannot_be_written_is_one_line_exit_2(
    matplotlib, capsys, tmp_path, target
):
    (tmp_path / "folder.png").mkdir()
    (tmp_path / "missing").write_text("a file, not a folder")
    code, _, err = run(capsys, "plot", "sigmoid", "-o", str(tmp_path / target))
    assert code == 2, err  # was exit 3, "internal error: IsADirectoryError"
    assert "cannot write" in err and len(err.strip().splitlines()) == 1


def test_second_derivative_legend_has_its_formula_and_slope_plateaus_say_where(matplotlib):
    from derivations.render.analysis.analysis_plot import figure

    both = [analyze(name, second_derivative=True) for name in ("sigmoid", "relu")]
    fig = figure(both, order=2)
    legends = [t.get_text() for ax in fig.axes for t in ax.get_legend().get_texts()]
    assert "sigmoid: g″ = g(z)(1 − g(z))(1 − 2g(z))" in legends  # as the engine proved it
    assert "relu: g″ = {0 if z < 0; 0 if z > 0}" in legends
    texts = [t.get_text() for ax in fig.axes for t in ax.texts]
    assert "max |g′| = 1 for z > 0" in texts and "max |g′| = 1/4 at z = 0" in texts


# --- lecture notes with figures (derive notes --plots) ------------------------------------------


@cache
def notes_parts():
    from derivations import derive
    from derivations.commands.notes import figure_analyses
    from derivations.render.tex import notes

    derivations = [derive(name) for name in ("sigmoid", "softmax", "max(0.05*z, z)")]
    return figure_analyses(derivations), notes.document(derivations)


def test_notes_get_one_figure_per_scalar_activation(matplotlib, tmp_path):
    from derivations.render.analysis.analysis_notes import add_plots, figure_folder

    analyses, tex = notes_parts()
    out = add_plots(tex, analyses, tmp_path / "notes.tex")
    folder = figure_folder(tmp_path / "notes.tex")
    assert folder == tmp_path / "notes-figures"
    assert sorted(p.name for p in folder.iterdir()) == ["01-sigmoid.pdf", "03-max-0-05-z-z.pdf"]
    assert all(p.read_bytes().startswith(b"%PDF") for p in folder.iterdir())
    assert out.count("\\includegraphics") == 2 and "{notes-figures/01-sigmoid.pdf}" in out
    assert "\\usepackage{graphicx}\n\\begin{document}" in out
    assert "No figure: softmax is a vector activation" in out
    # each figure sits in its own section, the document still ends once
    sections = out.split("\\section{")
    assert "01-sigmoid" in sections[1] and "03-max" in sections[3]
    assert out.count("\\end{document}") == 1 and out.rstrip().endswith("\\end{document}")


def test_notes_with_figures_compile(matplotlib, tmp_path):
    require_program("pdflatex")
    from derivations import derive
    from derivations.render.analysis.analysis_notes import add_plots
    from derivations.render.tex import notes
    from derivations.render.tex.pdflatex import compile_pdf

    sigmoid = notes_parts()[0][:1]
    tex = notes.document([derive("sigmoid")])
    out = add_plots(tex, sigmoid, tmp_path / "notes.pdf", absolute=True)
    assert str(tmp_path / "notes-figures" / "01-sigmoid.pdf") in out
    compiled = compile_pdf(out)  # elsewhere: the figure is found by its absolute path
    assert compiled.pdf.startswith(b"%PDF") and len(compiled.pdf) > 20000
    assert "01-sigmoid.pdf" in compiled.log


def test_notes_figures_say_how_to_install_matplotlib_before_writing(monkeypatch, tmp_path):
    from derivations.render.analysis.analysis_notes import add_plots
    from derivations.render.analysis.analysis_plot import PlotUnavailable

    analyses, tex = notes_parts()
    for name in list(sys.modules):
        if name == "matplotlib" or name.startswith("matplotlib."):
            monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    with pytest.raises(PlotUnavailable, match=r"pip install 'derivations\[plot\]'"):
        add_plots(tex, analyses, tmp_path / "notes.tex")
    assert not any((tmp_path / "notes-figures").glob("*.pdf"))
