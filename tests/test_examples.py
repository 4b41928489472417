"""The examples run as documented."""

import subprocess
import sys
from pathlib import Path

EXAMPLES = Path(__file__).parents[1] / "examples"


def test_walkthrough_example_runs():
    done = subprocess.run(
        [sys.executable, str(EXAMPLES / "walkthrough.py")],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "g(z)(1 − g(z))" in done.stdout
    assert "every step proved: False" not in done.stdout
    assert done.stdout.count("every step proved: True") == 4
