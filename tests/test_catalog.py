"""The catalog: one entry per activation, found by name or alias, parameters as documented."""

import pytest
import sympy as sp

from derivations import CATALOG, derive
from derivations.catalog import find, lookup, unknown_name_message
from derivations.errors import UnknownActivation, UsageError

from .conftest import assert_steps_chain


def test_the_seed_four_come_first():
    assert [a.name for a in CATALOG[:4]] == ["sigmoid", "tanh", "relu", "leaky_relu"]


@pytest.mark.parametrize("entry", CATALOG, ids=lambda a: a.name)
def test_every_entry_is_complete_and_derives_verified(entry):
    assert entry.note and entry.symbol and entry.framework
    assert entry.variable in entry.expression.free_symbols
    assert {p.symbol for p in entry.parameters} <= entry.expression.free_symbols
    derivation = derive(entry.name)
    assert derivation.complete and derivation.verified
    assert_steps_chain(derivation)


@pytest.mark.parametrize(
    "alias, name",
    [
        ("σ", "sigmoid"),
        ("logistic", "sigmoid"),
        ("lrelu", "leaky_relu"),
        ("LeakyReLU", "leaky_relu"),
        ("ReLU", "relu"),
        ("Leaky-ReLU", "leaky_relu"),
        ("  tanh ", "tanh"),
    ],
)
def test_aliases(alias, name):
    assert find(alias).name == name


def test_unknown_names_suggest_close_ones():
    assert "did you mean sigmoid" in unknown_name_message("sigmod")
    with pytest.raises(UnknownActivation):
        lookup("nope_nothing")


def test_leaky_relu_slope_default_is_exact_and_overridable():
    (a,) = lookup("leaky_relu").parameters
    assert a.default == sp.Rational(1, 100)
    entry = lookup("leaky_relu")
    assert entry.instantiate({"a": sp.Rational(1, 5)}) == sp.Max(entry.variable / 5, entry.variable)
    assert entry.instantiate(symbolic=True) == entry.expression
    with pytest.raises(UsageError):
        entry.instantiate({"b": sp.Integer(1)})


@pytest.mark.parametrize(
    "name, param, message",
    [
        ("leaky_relu", "a=2", "at most 1"),  # max(2z, z) is not PyTorch's LeakyReLU(2)
        ("celu", "alpha=0", "cannot be 0"),
        ("softplus", "beta=0", "cannot be 0"),
    ],
)
def test_parameter_values_the_formula_cannot_take_are_refused(name, param, message):
    key, value = param.split("=")
    with pytest.raises(UsageError, match=message):
        derive(name, params={key: value})


def test_values_at_the_edge_of_a_parameters_range_still_derive():
    assert derive("leaky_relu", params={"a": "1"}).verified
    assert derive("elu", params={"alpha": "-1"}).verified  # PyTorch accepts it too
