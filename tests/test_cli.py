"""The console script: `derive` as users run it (a real subprocess), and main() in-process."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from derivations.cli import main

SCRIPT = Path(sys.executable).with_name("derive")


def run(*args, stdin=None):
    assert SCRIPT.exists(), "the console script `derive` is not installed next to python"
    return subprocess.run(
        [str(SCRIPT), *args],
        capture_output=True,
        text=True,
        input=stdin,
        timeout=120,
        encoding="utf-8",
    )


def test_derive_sigmoid_runs_as_a_console_script():
    done = run("sigmoid", "--plain")
    assert done.returncode == 0, done.stderr
    assert "g′(z) = g(z)(1 − g(z))" in done.stdout
    assert done.stderr == ""


def test_a_reader_that_stops_early_is_not_an_error():
    # derive ... | head: the pipe closes before we write; no "internal error", no traceback.
    process = subprocess.Popen(
        [sys.executable, "-m", "derivations", "sigmoid", "--plain"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    process.stdout.close()
    _, err = process.communicate(timeout=120)
    assert err == b"" and process.returncode == 0


def test_python_dash_m_works_the_same():
    done = subprocess.run(
        [sys.executable, "-m", "derivations", "tanh", "--plain"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    assert done.returncode == 0 and "1 − g(z)²" in done.stdout


def test_json_output_is_one_object():
    done = run("leaky_relu", "--json", "--param", "a=0.2")
    assert done.returncode == 0
    data = json.loads(done.stdout)
    assert data["name"] == "leaky_relu" and data["kinks"][0]["value_used"] == "1/5"


@pytest.mark.parametrize(
    "args, words",
    [
        (["sigmod"], "did you mean sigmoid"),
        (["z +"], "column 4"),
        (["__import__('os').system('touch PWNED')"], "cannot read formula"),
        (["z^(10^100)"], "too large"),
        (["sigmoid", "--param", "a=1"], "no parameter 'a'"),
        (["leaky_relu", "--param", "a"], "NAME=VALUE"),
        (["leaky_relu", "--param", "a=abc"], "not a number"),
        ([], "required"),
        (["sigmoid", "--bogus"], "unrecognized arguments"),
        (["(" * 5000], "too long"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(args, words, tmp_path):
    done = subprocess.run(
        [str(SCRIPT), *args],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        encoding="utf-8",
        timeout=120,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert words in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert "Traceback" not in done.stderr
    assert not list(tmp_path.iterdir())  # nothing was executed


def test_list_shows_the_catalog():
    done = run("list", "--plain")
    assert done.returncode == 0
    names = [line.split("\t")[0] for line in done.stdout.splitlines()]
    assert names[:4] == ["sigmoid", "tanh", "relu", "leaky_relu"]


def test_main_in_process(capsys):
    assert main(["relu", "--plain"]) == 0
    out = capsys.readouterr().out
    assert "autograd uses 0" in out
    assert main(["tanh", "--from-definition", "--plain"]) == 0
    assert "quotient rule" in capsys.readouterr().out
    assert main(["leaky_relu", "--symbolic", "--plain"]) == 0
    assert "autograd uses a" in capsys.readouterr().out


def test_rich_output_by_default(capsys):
    assert main(["sigmoid"]) == 0
    assert "╭" in capsys.readouterr().out


def test_no_rule_is_exit_2_with_a_clear_line(monkeypatch, capsys):
    from derivations import rules

    monkeypatch.setattr(rules, "RULES", [r for r in rules.RULES if r.name != "chain rule"])
    assert main(["sigmoid", "--plain"]) == 2
    assert "no rule for" in capsys.readouterr().err


def test_timeout_is_a_clear_line(capsys):
    assert main(["z*sigmoid(z)*tanh(z)*exp(z)*log(1+z^2)", "--timeout", "0.001"]) == 2
    assert "gave up" in capsys.readouterr().err


@pytest.mark.parametrize("command", [[], ["code"], ["analyze"], ["check"], ["notes"]])
@pytest.mark.parametrize("value", ["inf", "nan", "-1", "1e300", "soon"])
def test_a_timeout_the_timer_cannot_take_is_a_usage_error(command, value, capsys):
    assert main([*command, "sigmoid", "--timeout", value]) == 2
    err = capsys.readouterr().err
    assert "--timeout" in err and err.count("\n") == 1
