"""Checking a hand-written derivation line by line: the first wrong step, and why.

    from derivations.check import check_text, check_claims
    report = check_text(open("homework.txt").read(), name="homework.txt")
    report.verdict                # "right", "wrong" or "unproved"
    report.first_wrong            # the first wrong line, with a counterexample and diagnosis

reading.py (and latex.py, latex_tokens.py, grammar.py) read the text, judge.py
decides each line (setting.py compares it with verify.prove_equal), diagnose.py
names common mistakes; verdicts.py is the plain data the renderers read.
"""

from __future__ import annotations

from collections.abc import Sequence

from .judge import judge as judge_document
from .reading import read, read_arguments
from .verdicts import Report


def check_text(text: str, name: str = "<input>") -> Report:
    """Judge every line of a derivation written as plain text or LaTeX."""
    return judge_document(read(text, name))


def check_claims(definition: str, claims: Sequence[str]) -> Report:
    """Judge claimed forms of g' alone: ``check_claims("sigmoid", ["g*(1-g)"])``."""
    return judge_document(read_arguments(definition, claims))


__all__ = ["Report", "check_claims", "check_text", "judge_document"]
