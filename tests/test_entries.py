"""Catalog entries derived with their parameters, by a parameter, up to an order, and the
derivative a rule takes from a catalog function inside a formula."""

from __future__ import annotations

import pytest
import sympy as sp

from derivations.catalog import find
from derivations.derivation import g
from derivations.entries import MAX_ORDER, derive_activation, known_derivative, up_to_order
from derivations.errors import UsageError
from derivations.functions import ActivationFunction

z = sp.Symbol("z", real=True)


def test_a_parameter_given_is_the_value_derived_with():
    d = derive_activation(find("leaky_relu"), {"a": sp.Rational(1, 5)})
    assert d.verified
    assert {p.name: p.value for p in d.parameters} == {"a": sp.Rational(1, 5)}
    assert d.plain_result.subs(d.variable, -3) == sp.Rational(1, 5)


def test_a_derivative_by_a_parameter_keeps_it_a_symbol():
    d = derive_activation(find("leaky_relu"), wrt="a")
    assert d.wrt is not None and d.verified
    assert d.plain_result.subs(d.variable, -2) == -2  # ∂/∂a max(az, z) = z where z < 0


def test_no_such_parameter_is_refused_with_the_ones_there_are():
    with pytest.raises(UsageError, match="its parameters: a"):
        derive_activation(find("leaky_relu"), wrt="b")


def test_each_order_is_derived_from_the_one_below():
    first = derive_activation(find("sigmoid"))
    third = up_to_order(first, 3)
    assert third.order == 3 and third.lower.order == 2 and third.lower.lower is first
    x = first.variable
    truth = sp.diff(1 / (1 + sp.exp(-x)), x, 3)
    assert abs(sp.N((third.plain_result - truth).subs(x, sp.Rational(3, 7)), 30)) < 1e-25


@pytest.mark.parametrize("order", [0, MAX_ORDER + 1])
def test_an_order_out_of_bounds_is_refused(order):
    with pytest.raises(UsageError, match="--order must be between 1"):
        up_to_order(derive_activation(find("tanh")), order)


def test_a_catalog_function_inside_a_formula_brings_its_form_in_g():
    sigma = next(c for c in ActivationFunction.__subclasses__() if c.activation.name == "sigmoid")
    u = 3 * z + 1
    derivative = known_derivative(sigma(u), z)
    assert not derivative.has(g)  # written with σ(u) itself, not g
    assert sp.simplify(derivative.doit() - sigma(u) * (1 - sigma(u))) == 0
