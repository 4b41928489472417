"""Judging lines: equal or not (symbolically and numerically), chains, regions, kinks."""

import mpmath
import pytest
import sympy as sp

from derivations.check import check_claims, check_text
from derivations.check import setting as setting_module
from derivations.check.reading import read_arguments
from derivations.check.verdicts import (
    AGAINST_DEFINITION,
    AGAINST_DERIVATIVE,
    AGAINST_LINE,
    FOLLOWS,
    KINK,
    RIGHT,
    UNKNOWN_SYMBOL,
    UNPROVED,
    WRONG,
)
from derivations.derivation import Proof, g
from derivations.functions import expand_activations

z = sp.Symbol("z", real=True)
SIGMOID_PRIME = sp.exp(-z) / (1 + sp.exp(-z)) ** 2


def value(expr, point):
    """expr at z = point with 30 digits by evalf: independent of the checker's lambdify."""
    return mpmath.mpf(str(sp.N(expr.subs(z, point), 30)))


def verdicts(report):
    return [line.verdict for line in report.lines]


@pytest.mark.parametrize(
    "written",
    [
        "e^-z/(1+e^-z)^2",
        "e^z/(1+e^z)^2",
        "g(1-g)",
        "g - g^2",
        "σ(z)σ(-z)",
        "1/(e^(z/2) + e^(-z/2))^2",
        "1/(4cosh(z/2)^2)",
        "(1 - tanh(z/2)^2)/4",
        "exp(-z)*(1+exp(-z))^-2",
        "d/dz(1/(1+e^-z))",
    ],
)
def test_every_correct_way_of_writing_the_sigmoids_derivative_is_right(written):
    report = check_claims("sigmoid", [written])
    (line,) = report.lines
    assert line.verdict == RIGHT and line.against == AGAINST_DERIVATIVE
    assert line.proof.symbolic and line.proof.points >= 20 and line.proof.mismatch is None


@pytest.mark.parametrize(
    "written",
    [
        "e^-z/(1+e^-z)",
        "-e^-z/(1+e^-z)^2",
        "g(1+g)",
        "e^-z/(1+e^-z)^2 + 10^-15",  # a hair off is still off
        "1/(4cosh(z)^2)",
        "{e^-z/(1+e^-z)^2 if z < 5; 0 otherwise}",  # wrong on part of the line only
    ],
)
def test_wrong_claims_are_wrong_with_a_point_where_both_values_are_right(written):
    (line,) = check_claims("sigmoid", [written]).lines
    assert line.verdict == WRONG
    example = line.counterexample
    claimed = read_arguments("sigmoid", [written]).derivations[0].claims[0].expression
    claimed = expand_activations(claimed.subs(g(z), 1 / (1 + sp.exp(-z)))).doit()
    mine, truth = value(claimed, example.at), value(SIGMOID_PRIME, example.at)
    assert abs(mine - truth) > mpmath.mpf("1e-16")
    assert abs(mine - mpmath.mpf(str(example.claimed))) < mpmath.mpf("1e-15") * max(1, abs(mine))
    assert abs(truth - mpmath.mpf(str(example.expected))) < mpmath.mpf("1e-15")


def test_later_lines_are_judged_against_the_line_before():
    report = check_text(
        "g(z) = 1/(1+e^-z)\n"
        "g'(z) = -(1+e^-z)^-2 * d/dz(1+e^-z)\n"
        " = -(1+e^-z)^-2 * (-e^-z)\n"
        " = e^-z/(1+e^-z)^2\n"
    )
    lines = report.lines
    assert verdicts(report) == [RIGHT] * 3 and report.verdict == RIGHT
    assert [(x.against, x.against_line) for x in lines] == [
        (AGAINST_DERIVATIVE, None),
        (AGAINST_LINE, 2),
        (AGAINST_LINE, 3),
    ]


def test_one_slip_does_not_fail_every_line_after_it():
    report = check_text(
        "sigmoid\n"
        "g'(z) = e^-z/(1+e^-z)   # the square is lost\n"
        " = g(z)(1 - g(z))(1 + e^-z)\n"  # follows from the slip
        " = e^-z/(1+e^-z)^2\n"  # the right g' again
        " = g(z) (1 - g(z))\n"
        " = 2 g(z)\n"
    )
    assert verdicts(report) == [WRONG, FOLLOWS, RIGHT, RIGHT, WRONG]
    assert report.lines[1].carried_from == 2
    assert report.lines[2].recovered_from == 2 and report.lines[2].against == AGAINST_DERIVATIVE
    assert report.first_wrong.claim.line == 2 and report.verdict == WRONG


def test_a_claim_on_a_region_is_compared_there_only():
    report = check_text(
        "relu\n"
        "z > 0: g'(z) = d/dz z\n"
        "     = 1\n"  # goes on with z > 0
        "z < 0: g'(z) = 0\n"
        "z < 0: g'(z) = 1\n"
        "g'(z) = 1 for z > -1\n"  # wrong on (-1, 0)
    )
    assert verdicts(report) == [RIGHT, RIGHT, RIGHT, WRONG, WRONG]
    assert report.lines[1].against_line == 2  # the continuation of the region's line
    wrong_region = report.lines[4].counterexample
    assert -1 < wrong_region.at < 0
    assert float(wrong_region.claimed) == 1 and float(wrong_region.expected) == 0


def test_values_at_a_kink_one_sided_or_autograd_are_accepted_others_are_not():
    report = check_text(
        "relu\n"
        "g'(z) = {1 if z > 0; 0 if z <= 0}\n"  # autograd's 0 (the left side)
        "g'(z) = {1 if z >= 0; 0 if z < 0}\n"  # the right-hand value 1
        "g'(z) = {1 if z > 0; 1/2 if z = 0; 0 if z < 0}\n"  # neither side
        "g'(0) = 0\n"
        "g'(0) = 2\n"
        "g'(1) = 1\n"
        "g'(-1) = 1\n"
    )
    assert verdicts(report) == [RIGHT, RIGHT, WRONG, RIGHT, WRONG, RIGHT, WRONG]
    kink = report.lines[2].diagnosis
    assert kink.kind == KINK
    assert (
        kink.part("at"),
        kink.part("stated"),
        kink.part("left"),
        kink.part("right"),
        kink.part("autograd"),
    ) == (0, sp.Rational(1, 2), 0, 1, 0)
    assert report.lines[4].diagnosis.kind == KINK
    assert report.lines[6].counterexample.expected == 0


def test_leaky_relu_parameter_is_its_default_and_a_symbol_stands_for_it():
    report = check_text(
        "leaky_relu\ng'(z) = {1 if z > 0; a if z < 0}\n = {1 if z > 0; 0.01 if z < 0}\n"
    )
    assert verdicts(report) == [RIGHT, RIGHT]


def test_a_typed_definitions_parameters_stay_symbols():
    report = check_text(
        "g(z) = max(a z, z)\ng'(z) = {1 if z > 0; a if z < 0}\n = {1 if z > 0; 0.01 if z < 0}\n"
    )
    assert verdicts(report) == [RIGHT, WRONG]


def test_a_symbol_that_is_not_a_parameter_is_a_wrong_line():
    (line,) = check_claims("sigmoid", ["k g(1-g)"]).lines
    assert line.verdict == WRONG and line.diagnosis.kind == UNKNOWN_SYMBOL


def test_a_formula_after_the_name_is_checked_against_the_activation():
    report = check_text(
        "tanh\ng(z) = (e^z - e^-z)/(e^z + e^-z)\ng(z) = (e^z - e^-z)/(e^z - e^-z)\n"
        "g'(z) = 1 - g(z)^2\n"
    )
    assert verdicts(report) == [RIGHT, WRONG, RIGHT]
    assert report.lines[0].against == AGAINST_DEFINITION


def test_no_symbolic_proof_means_unproved_never_right(monkeypatch):
    def numeric_only(a, b, z, values, points):
        return Proof(None, len(points), None)

    monkeypatch.setattr(setting_module, "prove_equal", numeric_only)
    report = check_claims("sigmoid", ["g(1-g)"])
    assert verdicts(report) == [UNPROVED] and report.verdict == UNPROVED
