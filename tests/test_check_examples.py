"""Every example in examples/check gets the verdict its sidecar expected.json states."""

import json
from pathlib import Path

import pytest

from derivations.check import check_text
from derivations.errors import ParseError

EXAMPLES = Path(__file__).parents[1] / "examples" / "check"
EXPECTED = json.loads((EXAMPLES / "expected.json").read_text(encoding="utf-8"))["files"]
ACTIVATIONS = ("sigmoid", "tanh", "relu", "leaky_relu")


def test_every_example_has_an_expected_verdict_and_every_activation_is_covered():
    files = {p.name for p in EXAMPLES.iterdir() if p.suffix in (".txt", ".tex")}
    assert files == set(EXPECTED)

    def activation_of(name):
        return max((a for a in ACTIVATIONS if name.startswith(a + "_")), key=len)

    for activation in ACTIVATIONS:
        for suffix in (".txt", ".tex"):
            verdicts = {
                v["verdict"]
                for name, v in EXPECTED.items()
                if activation_of(name) == activation and name.endswith(suffix)
            }
            assert {"right", "wrong"} <= verdicts, (activation, suffix)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_example_verdict(name):
    expected = EXPECTED[name]
    text = (EXAMPLES / name).read_text(encoding="utf-8")
    if expected["verdict"] == "unreadable":
        with pytest.raises(ParseError) as caught:
            check_text(text, name)
        assert (caught.value.line, caught.value.position + 1) == (
            expected["error_line"],
            expected["error_column"],
        )
        return
    report = check_text(text, name)
    assert report.verdict == expected["verdict"]
    first = report.first_wrong
    assert (None if first is None else first.claim.line) == expected["first_wrong_line"]
    diagnosis = None if first is None or first.diagnosis is None else first.diagnosis.kind
    assert diagnosis == expected["diagnosis"]
