"""The proof machinery: it proves true steps and it catches false ones."""

import dataclasses

import pytest
import sympy as sp

from derivations import derive
from derivations.proof import prove_steps
from derivations.verify import is_zero, prepare, sample_points, symbolically_equal, values_at

z = sp.Symbol("z", real=True)


def test_sample_points_hug_both_sides_of_every_breakpoint():
    points = [float(p) for p in sample_points([sp.Integer(0), sp.Integer(6)], {})]
    for c in (0, 6):
        assert any(c - 1e-6 < p < c for p in points)
        assert any(c < p < c + 1e-6 for p in points)
    assert 0.0 not in points and 6.0 not in points
    assert min(points) < -9 and max(points) > 9


@pytest.mark.parametrize(
    "difference",
    [
        sp.exp(-z) / (1 + sp.exp(-z)) ** 2 - (1 / (1 + sp.exp(-z))) * (1 - 1 / (1 + sp.exp(-z))),
        1 - sp.tanh(z) ** 2 - 4 / (sp.exp(z) + sp.exp(-z)) ** 2,
        z**z - sp.exp(z * sp.log(z)),
    ],
)
def test_true_identities_are_proved(difference):
    assert is_zero(difference, z) is not None


def test_piecewise_identities_are_proved_piece_by_piece():
    method = symbolically_equal(sp.Heaviside(z), sp.Piecewise((0, z < 0), (1, z > 0)), z, {})
    assert method is not None and method.startswith("piece by piece")


@pytest.mark.parametrize(
    "a, b",
    [
        (sp.exp(-z) / (1 + sp.exp(-z)) ** 2, sp.exp(-z) / (1 + sp.exp(-2 * z))),
        (sp.Max(0, z), sp.Max(0, z) + sp.Heaviside(z - 1) / 1000),
        (1 - sp.tanh(z) ** 2, 1 - sp.tanh(z)),
    ],
)
def test_false_identities_are_not_proved(a, b):
    assert symbolically_equal(prepare(a), prepare(b), z, {}) is None


def _corrupt(derivation, index, new_expression):
    steps = list(derivation.steps)
    step = steps[index]
    steps[index] = dataclasses.replace(step, replaced_by=new_expression, expression=new_expression)
    return steps


@pytest.mark.parametrize("name", ["sigmoid", "tanh", "relu"])
def test_a_wrong_step_is_caught(name):
    derivation = derive(name)
    z_ = derivation.variable
    index = len(derivation.steps) - 1
    wrong = derivation.steps[index].expression + sp.Rational(1, 1000)
    proofs = prove_steps(
        derivation.start, _corrupt(derivation, index, wrong), derivation.function, z_, {}
    )
    assert not proofs[index].ok
    assert all(p.ok for p in proofs[:index])


def test_a_step_that_edits_elsewhere_than_it_says_is_caught():
    derivation = derive("sigmoid")
    second = derivation.steps[1]
    # The same replacement claimed at the root: the recorded whole expression does not follow.
    steps = list(derivation.steps)
    steps[1] = dataclasses.replace(second, path=())
    proofs = prove_steps(derivation.start, steps, derivation.function, z, {})
    assert proofs[0].ok and not proofs[1].ok


def test_a_root_of_a_base_positive_on_an_interval_ending_at_a_located_number_is_proved():
    # min(z/10, erf z) is erf z beyond z ≈ 10 (where erf z = z/10, located numerically):
    # √(1/u)/u² = u^(−5/2) needs u > 0 there, known from the line, not from SymPy.
    m = sp.Min(z / 10, sp.erf(z))
    method = symbolically_equal(sp.sqrt(1 / m) / m**2, m ** sp.Rational(-5, 2), z, {})
    assert method is not None and "positive on the interval" in method
    assert symbolically_equal(sp.sqrt(1 / m) / m**2, 2 * m ** sp.Rational(-5, 2), z, {}) is None


def test_an_inverse_function_undone_is_cancelled():
    # atanh(tanh(u)) = u for real u: the form in g of tanh(tanh(z + 1/2)) rests on it.
    from derivations.verify import is_zero

    u = sp.tanh(z + sp.Rational(1, 2))
    assert is_zero(sp.atanh(sp.tanh(u)) ** 2 - u**2, z, thorough=False)
    assert is_zero(sp.asinh(sp.sinh(u)) - u, z, thorough=False)
    assert not is_zero(sp.atanh(sp.tanh(u)) - 2 * u, z, thorough=False)


def test_a_quotient_of_tanh_squared_is_cancelled_without_expanding_it():
    # Expanded in t = e^z, (…)/(tanh²z + 1)² has some 1500 operations: cancel took minutes.
    from derivations.verify import is_zero

    t = sp.tanh(z)
    step = -z * (2 - 2 * t**2) * t / (t**2 + 1) ** 2 + 1 / (t**2 + 1)
    shown = (-z * (2 - 2 * t**2) * t + t**2 + 1) / (t**2 + 1) ** 2
    assert is_zero(step - shown, z, thorough=False)


def test_a_difference_from_rounding_is_read_again_at_more_digits():
    import mpmath

    from derivations.verify import agreement, numeric_form

    z = sp.Symbol("z", real=True)
    inner = sp.exp(3 * z + sp.Rational(9, 4)) / (sp.Abs(z) - 3 * sp.Min(z / 2, sp.log(10) ** 2) / 2)
    one, other = sp.Derivative(sp.exp(inner), z), sp.exp(inner) * sp.Derivative(inner, z)
    points = [mpmath.mpf("12.603796220956797"), mpmath.mpf(3)]  # e^u, u ≈ 5·10¹⁶, at the first
    ready = (numeric_form(one, z), numeric_form(other, z))
    found = tuple(values_at(e, z, {}, points) for e in ready)
    assert agreement(ready, z, {}, points, found) == (2, None)
    wrong = (ready[0], numeric_form(sp.exp(inner) * sp.Derivative(inner, z) * 2, z))
    found = tuple(values_at(e, z, {}, points) for e in wrong)
    assert agreement(wrong, z, {}, points, found)[1] is not None
