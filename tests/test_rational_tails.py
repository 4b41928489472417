"""A rational function on an unbounded box: between its value at the finite end and its
limit, past every pole and turning point; sound wherever it is used."""

import mpmath
import pytest
import sympy as sp
from mpmath.libmp import finf, fninf, from_int

from derivations.enclosure import compile_enclosure
from derivations.rational_tails import rational_parts

z = sp.Symbol("z", real=True)
R = sp.Rational


def enclosed(expr, lo, hi):
    value, _ = compile_enclosure(expr, [z])([(lo, hi)], 80)
    return tuple(mpmath.mp.make_mpf(v) for v in value)


@pytest.mark.parametrize(
    "expr, start, expected",
    [
        (81 * z**3 - z, 10, (81 * 10**3 - 10, mpmath.inf)),
        (z / (z + R(3, 4)), 10, (10 / 10.75, 1)),
        (-3 * z / (z + R(3, 4)) + R(5, 3), 10, (-3 + R(5, 3), -30 / 10.75 + 5 / 3)),
        ((z**2 + 1) / (z - 3), 10, (101 / 7, mpmath.inf)),
    ],
)
def test_on_a_right_tail_the_bound_runs_from_the_end_to_the_limit(expr, start, expected):
    lo, hi = enclosed(expr, from_int(start), finf)
    assert lo == pytest.approx(float(expected[0]), rel=1e-12)
    if expected[1] == mpmath.inf:
        assert hi == mpmath.inf
    else:
        assert hi == pytest.approx(float(expected[1]), rel=1e-12)


def test_on_a_left_tail_too():
    lo, hi = enclosed(z**3 - 3 * z, fninf, from_int(-5))
    assert (lo, hi) == (-mpmath.inf, -110)


@pytest.mark.parametrize(
    "expr",
    [
        z**3 - 30 * z,  # turns at z = √10
        (z**2 + 1) / (z - 3),  # turns at 3 + √10 and has a pole at 3
        z / (z**2 + 1) - z / (z**2 + 4),
        (z - 1) ** 2 * (z - 2),
    ],
)
def test_every_value_on_the_tail_lies_inside_the_bound(expr):
    f = sp.lambdify(z, expr, "mpmath")
    for start in (-20, -4, 1, 4, 20):
        for box, points in (
            ((from_int(start), finf), [start + k**2 / 3 for k in range(40)]),
            ((fninf, from_int(start)), [start - k**2 / 3 for k in range(40)]),
        ):
            lo, hi = enclosed(expr, *box)
            for x in points:
                if expr.as_numer_denom()[1].subs(z, x) == 0:
                    continue
                value = f(mpmath.mpf(x))
                assert lo - 1e-9 <= value <= hi + 1e-9, (expr, box, x)


def test_only_parts_with_a_repeated_variable_are_taken():
    index = {z: 0}
    assert rational_parts(z + 1, index) == {}
    assert rational_parts(sp.exp(z) * (z + 1), index) == {}
    parts = rational_parts(sp.exp(z) * (z**2 - z) + 1 / (z + 1), index)
    assert list(parts) == [z**2 - z]  # 1/(z + 1) holds z once: bounded as it is
    # a part in two variables is left alone
    t = sp.Symbol("t")
    assert rational_parts(z * t - z, {z: 0, t: 1}) == {}
