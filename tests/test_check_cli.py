"""`derive check`: exit codes, JSON for autograders, the rich table, batches that survive."""

import csv
import io
import json
import sys
from pathlib import Path

import pytest
from rich.console import Console

from derivations.check import check_text
from derivations.cli import main
from derivations.commands import check as check_command
from derivations.render import check_report

EXAMPLES = Path(__file__).parents[1] / "examples" / "check"
RIGHT = "sigmoid\ng'(z) = e^-z/(1+e^-z)^2\n = g(z)(1-g(z))\n"
WRONG = "sigmoid\ng'(z) = -e^-z/(1+e^-z)^2\n = e^-z/(1+e^-z)^2\n"


def run(argv, capsys):
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def files(tmp_path):
    (tmp_path / "right.txt").write_text(RIGHT, encoding="utf-8")
    (tmp_path / "wrong.txt").write_text(WRONG, encoding="utf-8")
    (tmp_path / "typo.txt").write_text("sigmoid\ng'(z) = e^-z/(1+e^-z\n", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02")
    (tmp_path / "latin1.txt").write_bytes("g(z) = z\ng'(z) = \xe9".encode("latin-1"))
    (tmp_path / "empty.tex").write_text("", encoding="utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")  # not a submission: skipped
    return tmp_path


def test_exit_codes_right_wrong_unreadable(files, capsys):
    assert run(["check", str(files / "right.txt")], capsys)[0] == 0
    code, out, _ = run(["check", str(files / "wrong.txt")], capsys)
    assert code == 1 and "missing chain-rule factor" in out
    code, out, err = run(["check", str(files / "typo.txt")], capsys)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "line 2, column 21" in err and "Traceback" not in err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["check"], "give a file"),
        (["check", "nothing-here.txt"], "no such file"),
        (["check", "sigmoid"], "give it after the name"),
        (["check", "--csv", "x.csv", "a.txt"], "--batch"),
        (["check", "sigmoid", "g*(1-"], "argument 2"),
        (["check", "--batch"], "needs files"),
        (["check", "--batch", ".", "--json", "--csv", "-"], "both print"),
    ],
)
def test_unusable_input_is_one_line_and_exit_2(argv, message, capsys):
    code, out, err = run(argv, capsys)
    assert code == 2 and message in err and err.count("\n") == 1


def test_unreadable_files_are_refused_in_one_line(files, capsys):
    for name, message in [
        ("binary.txt", "not a text file"),
        ("latin1.txt", "not UTF-8"),
        ("empty.tex", "no line claiming"),
    ]:
        code, _, err = run(["check", str(files / name)], capsys)
        assert code == 2 and message in err and err.count("\n") == 1


def test_a_claimed_result_alone(capsys):
    assert run(["check", "sigmoid", "g*(1-g)"], capsys)[0] == 0
    code, out, _ = run(["check", "tanh", "1 + tanh^2(z)", "--json"], capsys)
    data = json.loads(out)
    assert code == 1 and data["verdict"] == "wrong" and data["diagnosis"] == "sign error"


def test_standard_input(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(RIGHT.encode())))
    assert run(["check", "-"], capsys)[0] == 0


def test_json_for_autograders(files, capsys):
    code, out, _ = run(["check", str(files / "wrong.txt"), "--json"], capsys)
    data = json.loads(out)
    assert code == 1
    assert (data["verdict"], data["first_wrong_line"], data["diagnosis"]) == (
        "wrong",
        2,
        "missing chain-rule factor",
    )
    (derivation,) = data["derivations"]
    assert derivation["activation"] == "sigmoid"
    first, second = derivation["lines"]
    assert first["counterexample"]["at"] == "1"
    assert first["counterexample"]["this_line"] == pytest.approx(-0.19661193324148185)
    assert first["counterexample"]["expected"] == pytest.approx(0.19661193324148185)
    assert first["diagnosis"]["explanation"].startswith("missing chain-rule factor: ")
    assert second["verdict"] == "right" and second["recovered_from"] == 2
    assert set(first) >= {"line", "column", "written", "verdict", "reason", "compared_with"}


def test_json_for_unreadable_input_still_parses(files, capsys):
    code, out, err = run(["check", str(files / "typo.txt"), "--json"], capsys)
    data = json.loads(out)
    assert code == 2 and data["verdict"] == "unreadable" and "column 21" in data["error"]


def test_the_rich_table_shows_line_verdict_and_reason():
    report = check_text(WRONG, "wrong.txt")
    console = Console(file=io.StringIO(), width=120, color_system=None)
    check_report.render(report, console)
    shown = console.file.getvalue()
    assert "wrong.txt: wrong" in shown
    for word in (
        "line",
        "verdict",
        "reason",
        "-e^-z/(1+e^-z)^2",
        "wrong",
        "right",
        "at z = 1 this line gives -0.196612",
        "the first wrong step is line 2",
    ):
        assert word in shown, word


def test_a_batch_survives_bad_files_and_writes_csv(files, capsys):
    summary = files / "summary.csv"
    code, out, _ = run(["check", "--batch", str(files), "--csv", str(summary)], capsys)
    assert code == 2  # the worst file decides
    rows = list(csv.DictReader(summary.open(encoding="utf-8")))
    by_name = {Path(r["file"]).name: r for r in rows}
    assert set(by_name) == {
        "right.txt",
        "wrong.txt",
        "typo.txt",
        "binary.txt",
        "latin1.txt",
        "empty.tex",
    }
    assert by_name["right.txt"]["verdict"] == "right"
    assert (by_name["wrong.txt"]["verdict"], by_name["wrong.txt"]["first_wrong_line"]) == (
        "wrong",
        "2",
    )
    assert by_name["wrong.txt"]["diagnosis"].startswith("missing chain-rule factor")
    assert by_name["typo.txt"]["verdict"] == "unreadable"
    assert "line 2, column 21" in by_name["typo.txt"]["diagnosis"]
    assert list(rows[0]) == ["file", "verdict", "first_wrong_line", "diagnosis"]
    assert "derive check: summary" in out and "unreadable" in out
    assert f"summary written to {summary}" in " ".join(out.split())


def test_a_batch_of_right_and_wrong_files_as_csv_on_stdout_and_json(files, capsys):
    paths = [str(files / "right.txt"), str(files / "wrong.txt")]
    code, out, _ = run(["check", "--batch", *paths, "--csv", "-"], capsys)
    assert code == 1
    assert [r["verdict"] for r in csv.DictReader(io.StringIO(out))] == ["right", "wrong"]
    code, out, _ = run(
        ["check", "--batch", *paths, "--json", "--csv", str(files / "s.csv")], capsys
    )
    assert [d["verdict"] for d in json.loads(out)] == ["right", "wrong"]


def test_one_file_that_takes_too_long_or_breaks_does_not_end_the_batch(files, monkeypatch, capsys):
    from derivations.commands.common import TimeLimit

    real = check_command._check_text

    def slow_or_broken(text, name):
        if name.endswith("right.txt"):
            raise TimeLimit
        if name.endswith("wrong.txt"):
            raise ZeroDivisionError("boom")
        return real(text, name)

    monkeypatch.setattr(check_command, "_check_text", slow_or_broken)
    rows = [check_command._check_file(files / n, 5)[0] for n in ("right.txt", "wrong.txt")]
    assert [r["verdict"] for r in rows] == ["unreadable", "unreadable"]
    assert "gave up after 5 seconds" in rows[0]["diagnosis"]
    assert "internal error: ZeroDivisionError" in rows[1]["diagnosis"]


def test_the_examples_directory_as_a_batch(tmp_path, capsys):
    expected = json.loads((EXAMPLES / "expected.json").read_text(encoding="utf-8"))["files"]
    code, out, _ = run(["check", "--batch", str(EXAMPLES), "--csv", "-"], capsys)
    rows = {Path(r["file"]).name: r for r in csv.DictReader(io.StringIO(out))}
    assert set(rows) == set(expected) and code == 2
    for name, row in rows.items():
        assert row["verdict"] == expected[name]["verdict"], name
        wanted = expected[name].get("first_wrong_line")
        assert row["first_wrong_line"] == ("" if wanted is None else str(wanted)), name


def test_values_in_a_reason_have_enough_digits_to_differ():
    from derivations.check import check_claims

    (line,) = check_claims("sigmoid", ["e^-z/(1+e^-z)^2 + 10^-12"]).lines
    text = check_report.reason(line)
    shown = text.split("this line gives ")[1].split(", the true g′(z) gives ")
    assert shown[0] != shown[1].split(";")[0]
