"""One derivation's setting: where lines are compared, and which counterexample is shown."""

import math

import sympy as sp

from derivations.check import check_text
from derivations.check.reading import read
from derivations.check.setting import LARGEST_EXPONENT, Setting
from derivations.check.verdicts import RIGHT, WRONG
from derivations.derivation import g

z = sp.Symbol("z", real=True)


def setting_of(text):
    (written,) = read(text).derivations
    return Setting(written.definition)


def test_lines_are_compared_on_both_sides_of_every_breakpoint():
    setting = setting_of("relu\ng'(z) = 1\n")
    points = setting.points()
    assert setting.breakpoints == (0,)
    assert any(-1 < p < 0 for p in points) and any(0 < p < 1 for p in points)
    assert 0 not in points


def test_a_counterexample_is_the_friendliest_point_where_the_two_differ():
    sigmoid = setting_of("sigmoid\ng'(z) = 1\n")
    _, example = sigmoid.compare(sigmoid.plain(g(z) * (1 + g(z))), sigmoid.truth)
    assert example.at == 1
    relu = setting_of("relu\ng'(z) = 1\n")
    # 1 is where the claim switches, and the two agree at -1, 2 and -2
    _, example = relu.compare(sp.Piecewise((1, z > 1), (0, True)), relu.truth)
    assert example.at == sp.Rational(1, 2)
    assert (float(example.claimed), float(example.expected)) == (0, 1)


def test_no_point_is_tried_where_an_exponent_is_beyond_the_largest():
    setting = setting_of("g(z) = exp(exp(exp(z)))\ng'(z) = 1\n")
    points = setting.points(setting.function)
    assert points and max(points) < math.log(math.log(LARGEST_EXPONENT))
    assert max(setting.points()) > 3  # without that exponential every point is tried


def test_a_pending_derivative_states_no_value_at_a_point():
    setting = setting_of("relu\ng'(z) = 1\n")
    assert setting.value_at(sp.Derivative(z, z), None, 0) is None
    stated = setting.value_at(sp.Piecewise((1, z > 0), (sp.Rational(1, 2), True)), None, 0)
    assert float(stated) == 0.5


def test_towering_exponentials_are_compared_only_where_they_can_be_evaluated():
    # e^(e^(e^z)) at z = 10 has an exponent of 10^9565 digits: no point there is tried.
    report = check_text(
        "g(z) = exp(exp(exp(z)))\n"
        "g'(z) = exp(exp(exp(z)))*exp(exp(z))*exp(z)\n"
        " = exp(exp(exp(z))^2)\n"
    )
    assert [line.verdict for line in report.lines] == [RIGHT, WRONG]
    assert 10 <= report.lines[0].proof.points < 28
