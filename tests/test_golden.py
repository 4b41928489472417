"""Every output of the seed's four and softmax, pinned byte for byte: a refactor of the
engine or the renderers must leave them as they are (``tests/golden/``).

After a change that is meant to alter an output, write the files anew with
``DERIVATIONS_WRITE_GOLDEN=1 python -m pytest tests/test_golden.py`` and read the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from derivations.cli import main

GOLDEN = Path(__file__).parent / "golden"
NAMES = ["sigmoid", "tanh", "relu", "leaky_relu", "softmax"]
OUTPUTS = {
    "plain": ["--plain"],
    "latex": ["--latex"],
    "markdown": ["--markdown"],
    "json": ["--json"],
    "latex-standalone": ["--latex", "--standalone", "--highlight", "--symbol"],
}
COMMANDS = {  # subcommands, for the activations they take
    "code-numpy": ["code", "--target", "numpy"],
    "code-torch": ["code", "--target", "torch"],
    "analyze": ["analyze", "--plain"],
    "analyze-json": ["analyze", "--json"],
}
CASES = [(name, kind, [name, *flags]) for name in NAMES for kind, flags in OUTPUTS.items()]
CASES += [
    (name, kind, [*command[:1], name, *command[1:]])
    for name in NAMES[:4]
    for kind, command in COMMANDS.items()
]


@pytest.mark.parametrize(("name", "kind", "argv"), CASES, ids=[f"{n}-{k}" for n, k, _ in CASES])
def test_an_output_of_the_seed_and_softmax_is_unchanged(name, kind, argv, capsys):
    assert main(argv) == 0
    shown = capsys.readouterr().out
    golden = GOLDEN / f"{name}.{kind}"
    if os.environ.get("DERIVATIONS_WRITE_GOLDEN"):
        golden.write_text(shown, encoding="utf-8")
    assert shown == golden.read_text(encoding="utf-8")
