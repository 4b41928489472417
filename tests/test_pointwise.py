"""The proof's evaluator: a tape of mpmath operations, against SymPy's own lambdify."""

from __future__ import annotations

import random

import mpmath
import pytest
import sympy as sp

from derivations.numeric_root import VARIABLE, NumericRoot
from derivations.pointwise import FAILED, Tape, Unsupported, number_of, numeric_value
from tests.formulas import random_formula

z = sp.Symbol("z", real=True)
POINTS = [sp.Rational(k, 7) + sp.Rational(1, 97) for k in range(-49, 50, 4)]


def _lambdified(expr):
    function = sp.lambdify(z, expr, modules="mpmath")

    def at(x):
        try:
            value = mpmath.mpmathify(function(x))
        except (ZeroDivisionError, OverflowError, ValueError, TypeError, MemoryError):
            return None
        return value

    return at


def _real(value):
    if value is None or value is FAILED:
        return None
    if isinstance(value, mpmath.mpc):
        if abs(value.imag) > 1e-25 * max(1, abs(value.real)):
            return None
        value = value.real
    return value if mpmath.isfinite(value) else None


@pytest.mark.parametrize("seed", range(40))
def test_the_tape_agrees_with_lambdify_on_typed_formulas(seed):
    from derivations.functions import expand_activations
    from derivations.parse import parse

    formula = random_formula(random.Random(seed), 14)
    expr = expand_activations(parse(formula.text, z))
    expr = expr.rewrite(sp.Piecewise) if expr.has(sp.Heaviside) else expr
    tape, truth = Tape(expr, z), _lambdified(expr)
    with mpmath.workdps(40):
        for point in POINTS:
            x = mpmath.mpf(point.p) / point.q
            mine = _real(tape(x))
            if mine is None:
                continue  # lambdify, unguarded, could take hours beyond e^(10^20)
            expected = _real(truth(x))
            assert expected is not None, (formula.text, point)
            assert abs(mine - expected) <= 1e-30 * max(1, abs(expected)), (formula.text, point)


def test_a_failure_counts_only_on_the_branch_where_it_sits():
    expr = sp.Piecewise((1 / z, z > 0), (sp.log(z) + 2, z < 0), (7, True))
    tape = Tape(expr, z)
    assert tape(mpmath.mpf(0)) == 7  # 1/0 and log(0) are computed, and not chosen
    assert tape(mpmath.mpf(2)) == mpmath.mpf("0.5")
    assert tape(mpmath.mpf(-1)).imag != 0  # log(−1) is not real: the caller says so


def test_beyond_e_to_the_ten_to_the_twenty_is_no_value():
    tape = Tape(sp.exp(sp.exp(sp.exp(z))), z)
    assert tape(mpmath.mpf(4)) is FAILED
    assert tape(mpmath.mpf(1)) > 0


def test_shared_parts_are_computed_once():
    s = 1 / (1 + sp.exp(-z))
    tape = Tape(s * (1 - s) * (1 - 2 * s) + s, z)
    assert sum(1 for _, f, _ in tape.operations if f.__name__ == "guarded_exp") == 1


def test_an_unknown_operation_is_left_to_lambdify():
    with pytest.raises(Unsupported):
        Tape(sp.gamma(z) + z, z)


def test_a_constant_that_is_exactly_zero_is_read_at_fixed_precision():
    w = sp.LambertW(1)
    t = sp.tanh(sp.sqrt(2))
    value = number_of(w * sp.exp(w) - 1 + t - t * (w * sp.exp(w)))  # exactly 0
    assert abs(value) < 1e-30
    assert number_of(sp.log(-1 - sp.sqrt(2))) is None  # no real value


def test_a_value_at_a_located_point_is_read_at_fixed_precision():
    # erf(x) = x at x0 ≈ 0.6174: erf(x0) − x0 is exactly 0, which evalf would chase to
    # ever more digits (and the located point with it).
    root = NumericRoot(sp.erf(VARIABLE), VARIABLE, sp.Rational(1, 2), sp.Rational(7, 10))
    value = numeric_value(sp.erf(root) - root, digits=40)
    assert value.is_number and abs(value) < 1e-38
    assert abs(numeric_value(root) - sp.Float("0.617446879080607067359102291226", 30)) < 1e-28


def test_a_numeric_value_keeps_infinities_parameters_and_complex_values():
    a = sp.Symbol("a")
    assert numeric_value(sp.oo) == sp.oo and numeric_value(-sp.oo) == -sp.oo
    assert numeric_value(a / 3, {a: 1}) == sp.Float(1, 30) / 3
    assert numeric_value(sp.sqrt(-2)).is_real is False  # SymPy's evalf says what it is
    assert numeric_value(sp.Rational(1, 3), digits=40) == sp.Float(sp.Rational(1, 3), 40)


def test_a_derivative_on_the_tape_is_sympys_derivative_at_every_point():
    from derivations.functions import expand_activations
    from derivations.parse import parse

    compared = 0
    for seed in range(30):
        formula = random_formula(random.Random(seed), 10)
        expr = expand_activations(parse(formula.text, z))
        done = sp.diff(expr, z) + sp.diff(expr, z, 2)
        if done.has(sp.Heaviside, sp.sign, sp.DiracDelta, sp.Subs, sp.Derivative):
            continue  # piecewise: the kink test below compares each side
        lazy, truth = Tape(sp.Derivative(expr, z) + sp.Derivative(expr, (z, 2)), z), Tape(done, z)
        with mpmath.workdps(40):
            for point in POINTS:
                x = mpmath.mpf(point.p) / point.q
                mine, expected = _real(lazy(x)), _real(truth(x))
                if expected is None:
                    continue
                assert mine is not None, (formula.text, point)
                assert abs(mine - expected) <= 1e-28 * max(1, abs(expected)), (formula.text, x)
                compared += 1
    assert compared > 300


def test_a_derivative_through_a_kink_is_each_sides_slope():
    tape = Tape(sp.Derivative(sp.Max(z**3, sp.sin(z)) * sp.Abs(z - 1), z), z)
    with mpmath.workdps(40):
        for x, expected in [
            (mpmath.mpf("0.5"), sp.diff(sp.sin(z) * (1 - z), z)),
            (mpmath.mpf("1") - mpmath.mpf("1e-9"), sp.diff(z**3 * (1 - z), z)),
            (mpmath.mpf("1") + mpmath.mpf("1e-9"), sp.diff(z**3 * (z - 1), z)),
        ]:
            exact = sp.N(expected.subs(z, sp.Float(x, 40)), 40)
            assert abs(tape(x) - mpmath.mpf(str(exact))) < mpmath.mpf("1e-30")


def test_a_derivative_of_a_constant_is_zero_and_one_by_another_variable_is_refused():
    a = sp.Symbol("a")
    with mpmath.workdps(40):
        assert Tape(sp.Derivative(sp.Integer(3), z), z)(mpmath.mpf(2)) == 0
    with pytest.raises(Unsupported):
        Tape(sp.Derivative(a * z, a), z)


def test_a_derivative_where_the_function_has_no_value_has_none():
    from derivations.verify import evaluator

    with mpmath.workdps(40):
        assert Tape(sp.Derivative(sp.exp(sp.exp(sp.exp(z))), z), z)(mpmath.mpf(100)) is FAILED
        at = evaluator(sp.Derivative(sp.sqrt(z), z), z, {})
        assert at(mpmath.mpf(-1)) is None
        assert abs(at(mpmath.mpf(4)) - mpmath.mpf("0.25")) < mpmath.mpf("1e-35")
