"""The checker's requirements one by one: refusals, JSON, CSV, marking, time limits."""

import json
import time

import pytest
import sympy as sp

from derivations.check import check_claims, check_text
from derivations.check import diagnose as diagnose_module
from derivations.check.grammar import RefusedAt
from derivations.check.reading import read
from derivations.check.verdicts import CHAIN, RIGHT, WRONG
from derivations.cli import main
from derivations.commands.check import formulas_after_options
from derivations.commands.common import TimeLimit
from derivations.errors import InputRefused, ParseError
from derivations.render import check_report

z = sp.Symbol("z", real=True)


def run(argv, capsys):
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


# --- a claimed result alone may start with a minus ------------------------------------


def test_a_claim_starting_with_a_minus_is_a_formula_not_an_option(capsys):
    code, out, err = run(["check", "tanh", "-tanh^2(z)", "--json"], capsys)
    assert code == 1 and err == ""
    assert json.loads(out)["verdict"] == "wrong"
    code, out, err = run(["check", "--json", "sigmoid", "-g*(1-g)"], capsys)
    assert code == 1 and json.loads(out)["first_wrong_line"] == 2
    assert run(["check", "-z", "-1"], capsys)[0] == 0  # g(z) = -z, g'(z) = -1


def test_options_keep_their_values_when_formulas_are_moved_after_them():
    argv = ["--batch", "dir", "--csv", "-", "-x.txt"]
    assert formulas_after_options(argv) == ["--batch", "--csv", "-", "--", "dir", "-x.txt"]
    argv = ["sigmoid", "--timeout", "5", "-g"]
    assert formulas_after_options(argv) == ["--timeout", "5", "--", "sigmoid", "-g"]
    assert formulas_after_options(["sigmoid", "g", "--json"]) == ["sigmoid", "g", "--json"]
    assert formulas_after_options(["-", "--json"]) == ["-", "--json"]  # standard input


# --- LaTeX: spaces before a command's argument, as TeX allows ---------------------------


@pytest.mark.parametrize(
    "latex",
    [
        r"\frac{e^{-z}} {(1+e^{-z})^2}",
        r"\frac {e^{-z}}{\left(1+e^{-z}\right)^2}",
        r"\frac 12 \cdot 2\sigma(z)\left(1-\sigma(z)\right)",
        r"\sqrt {\sigma(z)^2} \cdot (1 - \sigma(z))",
        r"\sqrt [2]{\sigma(z)^2} \cdot (1 - \sigma(z))",
    ],
)
def test_spaces_before_a_latex_argument_are_skipped(latex):
    (line,) = check_claims("sigmoid", [latex]).lines
    assert line.verdict == RIGHT


def test_a_latex_command_whose_argument_is_only_space_is_still_an_error():
    with pytest.raises(ParseError, match="missing its argument"):
        read("$$ \\sigma'(z) = \\frac{1} $$")


# --- refusals and empty right-hand sides name the file's line and column ----------------


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("sigmoid\ng'(z) = z^(10^10)\n", 2, 10),  # the ^ of the refused power
        ("sigmoid\n\ng'(z) = 1 + 1e99999\n", 3, 13),
        ("sigmoid\ng'(z) = " + "(" * 400 + "z" + ")" * 400 + "\n", 2, None),
        ("sigmoid\ng'(z) = " + "exp(" * 130 + "z" + ")" * 130 + "\n", 2, None),
        ("$$ \\sigma'(z) = \\frac{1}{z^{10000}} $$", 1, 27),
    ],
)
def test_refused_formulas_say_where_they_are(text, line, column):
    with pytest.raises(RefusedAt) as caught:
        read(text)
    assert caught.value.line == line
    if column is not None:
        assert caught.value.column == column
    assert f"line {line}, column {caught.value.column}" in str(caught.value)
    assert isinstance(caught.value, InputRefused)


def test_a_refused_argument_names_the_argument(capsys):
    code, _, err = run(["check", "sigmoid", "z^(10^10)"], capsys)
    assert code == 2 and "argument 2, column 2" in err and err.count("\n") == 1


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("sigmoid\ng'(z) =\n", 2, 8),
        ("sigmoid\ng'(z) = g(1-g) =\n", 2, 17),
        ("\\begin{align}\n g(z) &= z \\\\\n g'(z) &= \\\\\n\\end{align}\n", 3, 10),
    ],
)
def test_an_empty_right_hand_side_is_reported_where_it_is(text, line, column):
    with pytest.raises(ParseError, match="no formula") as caught:
        read(text)
    assert (caught.value.line, caught.value.position + 1) == (line, column)


def test_json_for_unreadable_input_has_the_line_and_column(tmp_path, capsys):
    path = tmp_path / "seed.txt"
    path.write_text("g(z) = 1/(1+e^(-z))\ng'(z) = e^(-z) / (1 + e^(-z)(2)\n", encoding="utf-8")
    code, out, _ = run(["check", str(path), "--json"], capsys)
    data = json.loads(out)
    assert code == 2 and (data["error_line"], data["error_column"]) == (2, 32)
    code, out, _ = run(["check", "--batch", str(path), "--json", "--csv", "-"], capsys)
    # (--json with --csv - is refused; a file destination is fine)
    assert code == 2
    code, out, _ = run(
        ["check", "--batch", str(path), "--json", "--csv", str(tmp_path / "s.csv")], capsys
    )
    (data,) = json.loads(out)
    assert (data["error_line"], data["error_column"]) == (2, 32)


# --- a wrong line is never marked right: values stated at one point ----------------------


@pytest.mark.parametrize(
    "claim",
    [
        "{g(1-g) if z < 3; 5 if z = 3; g(1-g) if z > 3}",
        "5 for z >= 3 and z <= 3",
    ],
)
def test_a_wrong_value_at_a_single_smooth_point_is_caught(claim):
    (line,) = check_claims("sigmoid", [claim]).lines
    assert line.verdict == WRONG
    example = line.counterexample
    assert example.at == 3 and float(example.claimed) == 5
    assert abs(float(example.expected) - 0.045176659730912) < 1e-12


def test_after_a_wrong_point_value_the_true_derivative_is_right_again():
    claim = "{g(1-g) if z < 3; 5 if z = 3; g(1-g) if z > 3}"
    report = check_claims("sigmoid", [claim, claim, "g(1-g)"])
    assert [x.verdict for x in report.lines] == [WRONG, "follows", RIGHT]
    assert report.lines[2].recovered_from == 2


def test_right_values_at_switch_points_stay_right():
    report = check_claims(
        "sigmoid", ["{g(1-g) if z <= 3; e^-z/(1+e^-z)^2 if z > 3}", "g(1-g) for z >= 3"]
    )
    assert [x.verdict for x in report.lines] == [RIGHT, RIGHT]


# --- never hangs --------------------------------------------------------------------------


def test_a_large_wrong_claim_is_refuted_by_numbers_without_a_long_symbolic_attempt():
    start = time.monotonic()
    (line,) = check_claims("sigmoid", ["(1+z)^1000"]).lines
    (nested,) = check_claims("tanh(tanh(tanh(tanh(tanh(tanh(z))))))", ["1"]).lines
    assert line.verdict == WRONG and nested.verdict == WRONG
    assert time.monotonic() - start < 20  # minutes before numbers came first


def test_the_time_limit_is_not_swallowed_while_diagnosing(monkeypatch):
    def out_of_time(*args, **kwargs):
        raise TimeLimit

    monkeypatch.setattr(diagnose_module, "values_at", out_of_time)
    with pytest.raises(TimeLimit):
        check_claims("sigmoid", ["-g(1-g)"])


@pytest.mark.parametrize("value", ["inf", "nan", "-1", "1e300", "soon"])
def test_an_unusable_timeout_is_one_line_and_exit_2(value, capsys):
    code, _, err = run(["check", "--timeout", value, "sigmoid", "g*(1-g)"], capsys)
    assert code == 2 and "--timeout" in err and err.count("\n") == 1


def test_a_summary_that_cannot_be_written_is_one_line_and_exit_2(tmp_path, capsys):
    (tmp_path / "a.txt").write_text("sigmoid\ng'(z) = g(1-g)\n", encoding="utf-8")
    for destination, message in [
        (tmp_path, "is a directory"),
        (tmp_path / "missing" / "s.csv", "does not exist"),
    ]:
        code, out, err = run(
            ["check", "--batch", str(tmp_path / "a.txt"), "--csv", str(destination)], capsys
        )
        assert code == 2 and message in err and err.count("\n") == 1 and "Error" not in err


# --- wording --------------------------------------------------------------------------------


def test_a_missing_factor_of_minus_one_also_says_the_sign_is_wrong():
    (line,) = check_claims("sigmoid", ["-g(1-g)"]).lines
    assert line.diagnosis.kind == CHAIN
    assert check_report.explain(line.diagnosis).endswith("so the line has the wrong sign")
    (line,) = check_claims("tanh(2z)", ["1 - tanh^2(2z)"]).lines
    assert "wrong sign" not in check_report.explain(line.diagnosis)


def test_the_seeds_broken_line_on_standard_input_names_line_and_column(monkeypatch, capsys):
    import io
    import sys

    text = "g(z) = 1/(1+e^(-z))\ng'(z) = e(-z) / (1 + e(-z)(2)\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode())))
    code, out, err = run(["check", "-"], capsys)
    assert code == 2 and out == "" and err.count("\n") == 1
    assert "line 2, column 9" in err and "write e^(-z)" in err  # e(-z) is no call
    fixed = text.replace("e(-z)", "e^(-z)")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(fixed.encode())))
    code, out, err = run(["check", "-"], capsys)
    assert code == 2 and out == "" and err.count("\n") == 1
    assert "line 2, column 32" in err and "'(' at column 18" in err
    assert check_text("sigmoid\ng'(z) = g(1-g)\n").verdict == RIGHT
