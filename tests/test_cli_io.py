"""Input and output of the command line: unwritable output, options that take numbers,
the variable's name, and one --timeout default for every command."""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from derivations.cli import SUBCOMMANDS, derive_parser, main, subcommand_parser
from derivations.commands.common import DEFAULT_TIMEOUT

ROOT = Path(__file__).resolve().parent.parent
# One run of every command that writes to standard output.
COMMANDS = [
    ["sigmoid", "--plain"],
    ["sigmoid"],
    ["sigmoid", "--json"],
    ["sigmoid", "--latex"],
    ["list"],
    ["list", "--json"],
    ["notes", "sigmoid"],
    ["code", "sigmoid"],
    ["check", "sigmoid", "g*(1-g)"],
    ["analyze", "sigmoid", "--plain"],
    ["compare", "sigmoid", "tanh", "--json"],
    ["plot", "sigmoid", "-o", "PLOT"],  # writes a file, then "wrote ..." on stdout
    ["--help"],
]


def _argv(command: list[str], tmp_path: Path) -> list[str]:
    return [str(tmp_path / "g.png") if word == "PLOT" else word for word in command]


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_a_full_disk_is_one_line_and_exit_2(command, tmp_path, monkeypatch, capsys):
    if command[0] == "plot":
        pytest.importorskip("matplotlib")
    full = open("/dev/full", "w", encoding="utf-8")  # noqa: SIM115 (closed below)
    monkeypatch.setattr(sys, "stdout", full)
    try:
        code = main(_argv(command, tmp_path))
    finally:
        monkeypatch.undo()
        with contextlib.suppress(OSError):
            full.close()
    err = capsys.readouterr().err
    assert code == 2, err
    assert err.count("\n") == 1 and "No space left on device" in err
    assert "internal error" not in err


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_a_closed_stdout_is_one_line_and_exit_2(command, tmp_path, monkeypatch, capsys):
    if command[0] == "plot":
        pytest.importorskip("matplotlib")
    monkeypatch.setattr(sys, "stdout", None)  # how Python shows a closed file descriptor 1
    code = main(_argv(command, tmp_path))
    err = capsys.readouterr().err
    assert code == 2, err
    assert err.count("\n") == 1 and "standard output is closed" in err


def _script(arguments: str) -> subprocess.CompletedProcess:
    command = f"{sys.executable} -m derivations {arguments}"
    return subprocess.run(
        ["bash", "-c", command],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        env={**os.environ, "DERIVATIONS_CACHE": "off"},
    )


def test_the_real_dev_full_and_closed_stdout():
    for redirect in ("> /dev/full", ">&-"):
        done = _script(f"sigmoid --plain {redirect}")
        assert done.returncode == 2, done.stderr
        assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr


def test_a_broken_pipe_stays_exit_0():
    done = _script("list --plain | head -c 10 > /dev/null; exit ${PIPESTATUS[0]}")
    assert done.returncode == 0 and done.stderr == ""


def test_stderr_that_cannot_be_written_is_not_a_crash(monkeypatch):
    monkeypatch.setattr(sys, "stderr", None)
    assert main(["log(0)*z"]) == 2


# --- options that take numbers ---------------------------------------------------------


@pytest.mark.parametrize(
    "low, high, expected",
    [("-1e3", "1e3", (-1000.0, 1000.0)), ("-.5", "2.5E1", (-0.5, 25.0)), ("-2e-1", "3", (-0.2, 3))],
)
def test_negative_numbers_in_any_notation_are_values(low, high, expected):
    import argparse

    import derivations.commands.plot as plot

    parser = subcommand_parser("plot", plot, argparse.HelpFormatter)
    args = parser.parse_args(["sigmoid", "--range", low, high, "-o", "x.png"])
    assert tuple(args.z_range) == pytest.approx(expected)


def test_plot_range_in_scientific_notation_reaches_the_plot(capsys):
    code = main(["plot", "sigmoid", "--range", "-1e3", "1e3", "-o", "x.png"])
    err = capsys.readouterr().err
    assert code == 2 and "expected 2 arguments" not in err and "z range" in err


def test_a_negative_timeout_is_judged_by_its_value(capsys):
    assert main(["sigmoid", "--timeout", "-1e3"]) == 2
    err = capsys.readouterr().err
    assert "give between 0" in err and "expected one argument" not in err


def test_a_formula_in_scientific_notation_is_still_a_formula(capsys):
    assert main(["-1e3*z", "--plain"]) == 0
    assert "g′(z) = −1000" in capsys.readouterr().out


# --- the variable -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["", "x y", "lambda", "Derivative", "E", "I", "S", "pi", "e", "g", "sigmoid", "exp",
             "beta", "gamma", "zeta", "_x", "2x", "x-1", "len", "σ"],
)  # fmt: skip
@pytest.mark.parametrize("command", [["z*sigmoid(z)"], ["code", "z*sigmoid(z)"]])
def test_the_variable_must_be_a_plain_name_no_reader_takes_for_another(name, command, capsys):
    code = main([*command, "--variable", name])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "as the variable" in err


@pytest.mark.parametrize("name", ["x", "t", "theta", "x1", "u_0", "ξ"])
def test_plain_variables_are_taken(name, capsys):
    assert main([f"{name}*sigmoid({name})", "--variable", name, "--plain"]) == 0
    assert "proved" in capsys.readouterr().out


# --- one --timeout default ---------------------------------------------------------------


def _parsers():
    import argparse
    import importlib

    yield "derive", derive_parser(argparse.HelpFormatter)
    for name, module in SUBCOMMANDS.items():
        loaded = importlib.import_module(f"derivations.commands.{module}")
        yield name, subcommand_parser(name, loaded, argparse.HelpFormatter)


@pytest.mark.parametrize("name, parser", list(_parsers()), ids=lambda p: getattr(p, "prog", p))
def test_every_command_has_the_one_timeout_default_and_says_it(name, parser):
    (action,) = [a for a in parser._actions if "--timeout" in a.option_strings]
    assert action.default == DEFAULT_TIMEOUT
    assert f"default {DEFAULT_TIMEOUT:g}" in action.help
    help_text = io.StringIO()
    parser.print_help(help_text)
    assert "--timeout" in help_text.getvalue()


def test_the_readme_states_the_default_timeout():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"`--timeout SECONDS` (default {DEFAULT_TIMEOUT:g}" in readme


def test_a_formula_too_long_for_a_file_name_is_checked_as_a_formula(capsys):
    formula = "+".join(f"{k}*z^{k}" for k in range(1, 60))  # longer than NAME_MAX
    assert main(["check", formula, "0"]) == 1
    assert "internal error" not in capsys.readouterr().err
