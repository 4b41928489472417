"""Identities that hold piece by piece, proved one sign case at a time."""

import sympy as sp

from derivations.cases import MAX_CONDITIONS, zero_by_cases
from derivations.verify import is_zero

z = sp.Symbol("z", real=True)
u, v = sp.Function("E0", real=True)(z), sp.Function("E1", real=True)(z)


def quick(d, z):
    return is_zero(d, z, thorough=False)


def test_the_derivative_of_a_max_for_any_operands():
    rule = sp.Heaviside(u - v) * u.diff(z) + (1 - sp.Heaviside(u - v)) * v.diff(z)
    difference = sp.Derivative(sp.Max(u, v), z).doit() - rule
    assert zero_by_cases(difference, z, quick).startswith("case by case")


def test_the_derivative_of_an_absolute_value_and_a_min():
    assert zero_by_cases(sp.Abs(u).diff(z) - u * u.diff(z) / sp.Abs(u), z, quick)
    assert zero_by_cases(sp.Min(u, v) + sp.Max(u, v) - u - v, z, quick)
    assert zero_by_cases(sp.Abs(u - v) - (sp.Max(u, v) - sp.Min(u, v)), z, quick)


def test_a_false_identity_is_not_proved():
    assert zero_by_cases(sp.Max(u, v) - u, z, quick) is None
    assert zero_by_cases(sp.Abs(z) - z, z, quick) is None  # holds for z > 0 only
    assert zero_by_cases(sp.Heaviside(z) * z - sp.Max(0, -z), z, quick) is None


def test_what_it_does_not_handle_is_left_to_the_region_proof():
    nested = sp.Abs(sp.Max(u, v)) - sp.Max(sp.Abs(u), sp.Abs(v))
    assert zero_by_cases(nested, z, quick) is None
    piecewise = sp.Piecewise((z, z > 0), (-z, True)) - sp.Abs(z)
    assert zero_by_cases(piecewise, z, quick) is None
    many = sum(sp.Abs(z - k) for k in range(MAX_CONDITIONS + 1))
    assert zero_by_cases(many - many.rewrite(sp.Piecewise), z, quick) is None
    assert zero_by_cases(u - u, z, quick) == "identical once evaluated"


def test_cases_that_cannot_happen_are_proved_too_so_a_proof_is_never_unsound():
    # |z| = z on z > 0 and max(z, −z) = |z| everywhere: only the second is an identity.
    assert zero_by_cases(sp.Max(z, -z) - sp.Abs(z), z, quick)
    assert zero_by_cases(sp.Max(z, 2 * z) - z, z, quick) is None
