"""``derive analyze`` and ``derive compare``: output, JSON, and one-line errors with exit 2."""

from __future__ import annotations

import io
import json

import pytest
import sympy as sp
from rich.console import Console

from derivations.analysis import analyze
from derivations.cli import main
from derivations.render.analysis import analysis_compare, analysis_report


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_analyze_json_has_the_fields_the_issue_names(capsys):
    code, out, _ = run(capsys, "analyze", "sigmoid", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["max_slope"] == 0.25 and data["max_slope_exact"] == "1/4"
    assert data["argmax_slope"][0]["lo"] == 0 and data["argmax_slope"][0]["lo_exact"] == "0"
    assert data["range"]["lo"] == 0 and data["range"]["hi"] == 1
    assert data["derivative_range"]["hi_exact"] == "1/4"
    assert [i["hi"] for i in data["saturation"]][0] == pytest.approx(-4.5848633, abs=1e-6)
    assert sp.N(sp.sympify(data["saturation"][1]["lo_exact"])) == pytest.approx(4.5848633)
    assert data["dead_zones"] == []
    assert data["zero_centred"] is False and data["monotonic"] is True
    assert data["smoothness"] == "C-infinity" and data["kinks"] == []
    assert data["backward_from_output"] is True
    assert sp.sympify(data["gradient_factor_through_n_layers"]) == sp.Rational(1, 4) ** sp.Symbol(
        "n"
    )


def test_analyze_json_of_several_is_a_list_with_infinities_as_null(capsys):
    code, out, _ = run(capsys, "analyze", "relu", "leaky_relu", "--json")
    assert code == 0
    relu, leaky = json.loads(out)
    zone = relu["dead_zones"][0]
    assert zone["lo"] is None and zone["lo_exact"] == "-oo" and zone["hi"] == 0
    assert zone["recoverable"] is False
    assert leaky["dead_zones"] == [] and leaky["derivative_range"]["lo_exact"] == "1/100"


def test_analyze_prints_the_reasoning_and_verdict(capsys):
    code, out, _ = run(capsys, "analyze", "sigmoid", "--plain")
    assert code == 0
    assert "1/4 at z = 0" in out
    assert "g″ = 0 at z = 0 (solved exactly)" in out
    assert "(1/4)ⁿ" in out
    assert "log(49 + 20 · √6)" in out  # the saturation edge, exactly


def test_param_goes_to_the_activations_that_have_it(capsys):
    code, out, _ = run(capsys, "compare", "relu", "leaky_relu", "--param", "a=0.2", "--json")
    assert code == 0
    relu, leaky = json.loads(out)
    assert leaky["derivative_range"]["lo_exact"] == "1/5"
    assert leaky["parameters"] == {"a": 0.2} and leaky["parameters_exact"] == {"a": "1/5"}


def test_compare_tells_the_seed_story_on_one_screen():
    reports = [analyze(n) for n in ("sigmoid", "tanh", "relu", "leaky_relu")]
    buffer = io.StringIO()
    analysis_compare.render(reports, console=Console(file=buffer, width=160, color_system=None))
    text = buffer.getvalue()
    assert len(text.splitlines()) < 60
    for expected in ("sigmoid", "tanh", "relu", "leaky_relu", "(1/4)ⁿ", "z < 0 (no recovery)"):
        assert expected in text
    rows = dict(analysis_compare.cells(reports))
    assert rows["zero-centred"] == ["no", "yes", "no", "partly"]
    assert rows["range of g′"] == ["(0, 1/4]", "(0, 1]", "[0, 1]", "[0.01, 1]"]


def test_compare_works_on_typed_formulas(capsys):
    targets = ("relu", "max(0.05*z, z)", "z*sigmoid(z)")
    code, out, _ = run(capsys, "compare", *targets, "--plain")
    assert code == 0
    assert all(target in out for target in targets)
    rows = dict(analysis_compare.cells([analyze(t) for t in targets]))
    assert rows["dead zones"] == ["z < 0 (no recovery)", "none", "none"]
    assert rows["monotonic"][2] == "no: g′ < 0 for z < −1.278"
    assert "no dead zone" in rows["verdict"][1] and "0.05" in rows["verdict"][1]


def test_report_rows_cover_every_property():
    labels = [label for label, _, _ in analysis_report.rows(analyze("relu"))]
    for expected in (
        "range of g",
        "range of g′",
        "max slope",
        "through depth",
        "saturation",
        "dead zones",
        "zero-centred",
        "monotonic",
        "bounded",
        "smoothness",
        "from output",
    ):
        assert expected in labels


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["analyze", "nonsense"], "unknown activation"),
        (["analyze", "z+"], "cannot read formula"),
        (["analyze", "log(z)"], "defined for every real z"),
        (["compare", "relu", "max(b*z, z)"], "parameter b has no value"),
        (["analyze", "relu", "--param", "b=2"], "no activation given has a parameter 'b'"),
        (["analyze", "sigmoid", "--saturation", "-1"], "must be positive"),
        (["analyze", "sigmoid", "--saturation", "x1"], "not a number"),
        (["analyze"], "required"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(capsys, argv, message):
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert message in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
