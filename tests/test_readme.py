"""The README shows real output and real commands."""

import re
from pathlib import Path

from derivations.cli import main

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")


def _block_after(heading: str, language: str) -> str:
    start = README.index(heading)
    match = re.compile(rf"```{language}\n(.*?)```", re.S).search(README, start)
    assert match, f"no ```{language} block after {heading!r}"
    return match.group(1)


def test_the_sample_output_is_what_derive_sigmoid_plain_prints(capsys):
    assert main(["sigmoid", "--plain"]) == 0
    printed = capsys.readouterr().out
    assert _block_after("## What it prints", "text") == printed


def test_the_two_setup_commands_are_the_ones_ci_runs():
    main_command = _block_after("<!-- main-command -->", "sh").strip()
    test_command = _block_after("<!-- test-command -->", "sh").strip()
    assert main_command.endswith("derive sigmoid")
    assert "pytest" in test_command and "[test" in test_command
    ci = (Path(__file__).parent.parent / ".ci" / "run").read_text(encoding="utf-8")
    assert "<!-- test-command -->" in ci  # CI reads the command from the README itself
