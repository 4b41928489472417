"""Naming common mistakes: each model re-makes the mistake, and only that mistake matches."""

import pytest
import sympy as sp

from derivations.check import check_claims, check_text
from derivations.check.diagnose import _without_chain_factor, diagnose, models
from derivations.check.reading import read_arguments
from derivations.check.setting import Setting
from derivations.check.verdicts import (
    CHAIN,
    DROPPED,
    DROPPED_POWER,
    FACTOR,
    POWER,
    PRODUCT,
    QUOTIENT,
    RIGHT,
    SIGN,
    WRONG,
)

z = sp.Symbol("z", real=True)


def first_wrong(text):
    report = check_text(text)
    line = report.first_wrong
    assert line is not None, [x.verdict for x in report.lines]
    return line


@pytest.mark.parametrize(
    ("text", "kind", "part", "expected"),
    [
        # d/dz e^-z taken as e^-z: the inner derivative -1 is missing
        ("sigmoid\ng'(z) = -e^-z/(1+e^-z)^2\n", CHAIN, "inner_derivative", -1),
        ("g(z) = tanh(2z)\ng'(z) = 1 - tanh^2(2z)\n", CHAIN, "inner", 2 * z),
        ("g(z) = e^(z^2)\ng'(z) = e^(z^2)\n", CHAIN, "inner_derivative", 2 * z),
        ("g(z) = σ(3z)\ng'(z) = σ(3z)(1 - σ(3z))\n", CHAIN, "inner_derivative", 3),
        (
            "g(z) = 1/(1+e^-z)\ng'(z) = -(1+e^-z)^-2 * d/dz(1+e^-z)\n = -(1+e^-z)^-2 * e^-z\n",
            CHAIN,
            "outer",
            sp.exp(-z),
        ),
        # (1+e^-z)^2 written 1+e^-2z, tanh(z)^2 written tanh(z^2)
        ("sigmoid\ng'(z) = e^-z/(1+e^-2z)\n", POWER, "written", (1 + sp.exp(-z)) ** -2),
        ("tanh\ng'(z) = 1 - tanh(z^2)\n", POWER, "wrong", sp.tanh(z**2)),
        (
            "g(z) = (e^z - e^-z)/(e^z + e^-z)\n"
            "g'(z) = ((e^z - e^-z)^2 - (e^z + e^-z)^2)/(e^z + e^-z)^2\n",
            QUOTIENT,
            "denominator",
            sp.exp(z) + sp.exp(-z),
        ),
        ("g(z) = z σ(z)\ng'(z) = d/dz(z σ(z))\n = σ(z)(1 - σ(z))\n", PRODUCT, "first", z),
        ("g(z) = z σ(z)\ng'(z) = d/dz(z σ(z))\n = z σ(z)(1 - σ(z))\n", DROPPED, "term", None),
        ("tanh\ng'(z) = 1 - tanh^2(z)\n = -tanh^2(z)\n", DROPPED, "term", 1),
        ("tanh\ng'(z) = 1 + tanh^2(z)\n", SIGN, "term", -(sp.tanh(z) ** 2)),
        ("sigmoid\ng'(z) = e^-z/(1+e^-z)^2\n = -e^-z/(1+e^-z)^2\n", SIGN, "whole", None),
        ("g(z) = e^(2z)\ng'(z) = 2e^(2z)\n = 2e^(-2z)\n", SIGN, "exponent", 2 * z),
        (
            "tanh\ng'(z) = 1 - tanh^2(z)\n = 1 - tanh(z)\n",
            DROPPED_POWER,
            "written",
            sp.tanh(z) ** 2,
        ),
        ("sigmoid\ng'(z) = e^-z/(1+e^-z)^2\n = 3e^-z/(1+e^-z)^2\n", FACTOR, "factor", 3),
    ],
)
def test_common_mistakes_are_named(text, kind, part, expected):
    line = first_wrong(text)
    assert line.verdict == WRONG
    assert line.diagnosis is not None and line.diagnosis.kind == kind
    if expected is not None:
        assert sp.simplify(line.diagnosis.part(part) - expected) == 0


def test_an_unfamiliar_mistake_gets_no_diagnosis_but_still_a_counterexample():
    (line,) = check_claims("sigmoid", ["e^-z/(1+e^-z)^3"]).lines
    assert line.verdict == WRONG and line.diagnosis is None
    assert line.counterexample is not None


def test_right_lines_get_no_diagnosis():
    report = check_claims("sigmoid", ["g(1-g)", "e^z/(1+e^z)^2"])
    assert all(x.verdict == RIGHT and x.diagnosis is None for x in report.lines)


def test_the_chain_rule_model_drops_exactly_one_factor():
    sigmoid = 1 / (1 + sp.exp(-z))
    dropped = _without_chain_factor(sigmoid, sp.exp(-z), -z, z)
    # The true derivative divided by the missing factor d/dz(-z) = -1.
    assert sp.simplify(dropped - sp.diff(sigmoid, z) / -1) == 0
    inner = 1 + sp.exp(-z)
    dropped = _without_chain_factor(sigmoid, inner**-1, inner, z)
    assert sp.simplify(dropped + inner**-2) == 0


def test_a_model_that_changes_nothing_is_never_the_diagnosis():
    # e^-z/(1+e^-z)^2 is even in z: flipping the exponent's sign leaves it unchanged,
    # so that model must not explain anything, not even a line equal to the reference.
    (written,) = read_arguments("sigmoid", ["g"]).derivations
    setting = Setting(written.definition)
    reference = sp.exp(-z) / (1 + sp.exp(-z)) ** 2
    assert diagnose(reference, reference, setting.truth_written, setting) is None
    kinds = [d.kind for d, _ in models([reference], sp.Derivative(1 / (1 + sp.exp(-z)), z), z)]
    assert {CHAIN, SIGN, DROPPED, POWER, DROPPED_POWER} <= set(kinds)
