"""``derive``: a catalog name, a typed formula or a SymPy expression in, a proved
Derivation out; unknown names refused, never guessed."""

from __future__ import annotations

import pytest
import sympy as sp

from derivations import api
from derivations.errors import UnknownActivation, UsageError


def test_a_name_an_alias_and_a_typed_formula_give_the_same_derivative():
    by_name, by_alias = api.derive("sigmoid"), api.derive("logistic")
    typed = api.derive("1/(1 + exp(-z))")
    z = by_name.variable
    for d in (by_alias, typed):
        assert sp.simplify(d.plain_result - by_name.plain_result.subs(z, d.variable)) == 0
    assert by_name.activation is not None and typed.activation is None


def test_a_sympy_expression_is_derived_in_its_own_variable():
    x = sp.Symbol("x", real=True)
    d = api.derive(sp.tanh(x) * x, variable="x")
    assert d.variable == x and d.verified


def test_an_unknown_name_is_refused_with_what_there_is():
    with pytest.raises(UnknownActivation):
        api.derive("sigmod")  # a typo is named, not guessed


def test_a_variable_that_cannot_be_one_is_refused():
    with pytest.raises(UsageError, match="cannot use"):
        api.derive("z", variable="exp")


def test_parameters_are_read_as_exact_numbers():
    assert api.to_number("0.01") == sp.Rational(1, 100)
    d = api.derive("leaky_relu", params={"a": "0.2"})
    assert d.parameters[0].value == sp.Rational(1, 5)


def test_a_derivation_asked_again_is_the_same():
    assert api.derive("tanh(2*z)") == api.derive("tanh(2*z)")
