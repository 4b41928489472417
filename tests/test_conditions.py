"""Piecewise conditions decided at a point on numbers."""

from __future__ import annotations

import pytest
import sympy as sp

from derivations.conditions import holds
from derivations.root_search import real_roots

z = sp.Symbol("z", real=True)


def located_point() -> sp.Expr:
    (root,) = real_roots(z, 1 / (1 + sp.exp(-z)), z, -sp.oo, sp.oo)  # z = σ(z)
    return root


@pytest.mark.parametrize(
    "condition, point, expected",
    [
        (z < 1, sp.Rational(1, 2), True),
        (z < 1, sp.S(1), False),  # a tie: the end itself is not inside
        (z <= 1, sp.S(1), True),
        (sp.And(z > 0, z < 1), sp.Rational(3, 2), False),
        (sp.Or(z < 0, z > 1), sp.Rational(3, 2), True),
        (z >= sp.sqrt(2), sp.Rational(141421356237, 10**11), False),
    ],
)
def test_a_condition_holds_as_its_comparison_of_numbers_says(condition, point, expected):
    assert holds(condition, z, point, {}) is expected
    assert bool(condition.subs(z, point)) is expected  # what SymPy says, exactly


def test_a_located_number_is_compared_with_itself_and_its_neighbours():
    root = located_point()
    assert holds(z < root, z, root, {}) is False
    assert holds(z <= root, z, root, {}) is True
    assert holds(z < root, z, sp.Rational(659, 1000), {}) is True
    assert holds(z > root, z, sp.Rational(660, 1000), {}) is True


def test_parameters_take_their_values():
    a = sp.Symbol("a", positive=True)
    assert holds(z < a, z, sp.S(2), {a: sp.S(3)}) is True
    assert holds(z < a, z, sp.S(4), {a: sp.S(3)}) is False


def test_a_side_that_is_not_a_real_number_raises_as_sympy_does():
    with pytest.raises(TypeError):
        holds(sp.log(z) < 1, z, sp.S(0), {})
