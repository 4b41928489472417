"""The seed's four derivations, reproduced correctly and completely."""

import pytest
import sympy as sp

from derivations import derive
from derivations.derivation import g
from derivations.forms import add, fraction, power
from derivations.render.notation import write

from .conftest import assert_steps_chain, texts

z = sp.Symbol("z", real=True)
a = sp.Symbol("a", positive=True)


@pytest.mark.parametrize("name", ["sigmoid", "tanh", "relu", "leaky_relu"])
def test_every_step_is_proved_and_chains(name):
    derivation = derive(name)
    assert derivation.complete
    assert derivation.verified
    assert all(p.symbolic for p in derivation.proofs)
    assert all(p.points >= 20 for p in derivation.proofs)
    assert_steps_chain(derivation)


@pytest.mark.parametrize("name", ["sigmoid", "tanh", "relu", "leaky_relu"])
def test_consecutive_steps_never_look_the_same(name):
    shown = [write(derive(name).start), *texts(derive(name))]
    assert all(before != after for before, after in zip(shown, shown[1:], strict=False))


def test_sigmoid_uses_the_chain_rule_as_the_seed_says():
    first = derive("sigmoid").steps[0]
    assert first.rule == "chain rule"
    ((name, inner),) = first.bindings
    assert str(name) == "u" and inner == 1 + sp.exp(-z)
    assert write(first.expression) == "−(1 + e⁻ᶻ)⁻² · d/dz(1 + e⁻ᶻ)"


def test_sigmoid_passes_through_exactly_the_seeds_simplified_form():
    derivation = derive("sigmoid")
    seed_form = fraction(sp.exp(-z), power(add(sp.S.One, sp.exp(-z)), sp.Integer(2)))
    assert seed_form in [s.expression for s in derivation.steps]
    assert derivation.result == seed_form
    assert write(derivation.result) == "e⁻ᶻ/(1 + e⁻ᶻ)²"


def test_sigmoid_ends_at_g_times_one_minus_g():
    derivation = derive("sigmoid")
    form = derivation.result_in_terms_of_g
    assert sp.expand(form - g(z) * (1 - g(z))) == 0
    assert write(form) == "g(z)(1 − g(z))"
    assert derivation.steps[-1].expression == form
    names = [s.rule for s in derivation.steps]
    assert "multiply the two negatives" in names
    assert "rewrite the negative power as a fraction" in names
    assert names[-2:] == ["split the fraction", "write in terms of g"]
    identities = dict(derivation.steps[-1].bindings)
    assert sp.simplify(identities[1 - g(z)] - sp.exp(-z) / (1 + sp.exp(-z))) == 0


def test_sigmoid_kernel_is_solved_not_looked_up():
    form = derive("sigmoid").in_terms_of_g
    assert form.kernel == sp.exp(-z)
    assert sp.simplify(form.kernel_in_g - (1 - g(z)) / g(z)) == 0


def test_tanh_known_rule_and_form_in_g():
    derivation = derive("tanh")
    assert [s.rule for s in derivation.steps] == ["tanh rule", "write in terms of g"]
    assert write(derivation.result) == "1 − tanh²(z)"
    assert sp.expand(derivation.result_in_terms_of_g - (1 - g(z) ** 2)) == 0
    assert write(derivation.result_in_terms_of_g) == "1 − g(z)²"


def test_tanh_from_its_definition_uses_the_quotient_rule():
    derivation = derive("tanh", from_definition=True)
    rules = [s.rule for s in derivation.steps]
    assert rules[:2] == ["definition", "quotient rule"]
    assert derivation.verified
    assert write(derivation.result) == "((eᶻ + e⁻ᶻ)² − (eᶻ − e⁻ᶻ)²)/(eᶻ + e⁻ᶻ)²"
    assert sp.expand(derivation.result_in_terms_of_g - (1 - g(z) ** 2)) == 0
    assert_steps_chain(derivation)
    # e^z is positive, so the root chosen for it must be the positive one.
    assert derivation.in_terms_of_g.kernel == sp.exp(z)
    assert sp.N(derivation.in_terms_of_g.kernel_in_g.subs(g(z), sp.Rational(1, 2))) > 0


def _piece_values(expr, left=-1, right=1):
    return expr.subs(z, left), expr.subs(z, right)


def test_relu_derivative_is_0_then_1_and_the_kink_uses_pytorchs_zero():
    derivation = derive("relu")
    assert _piece_values(derivation.result) == (0, 1)
    (kink,) = derivation.kinks
    assert (kink.at, kink.left, kink.right, kink.value_used) == (0, 0, 1, 0)
    assert kink.kind == "corner"
    assert "PyTorch" in kink.convention


def test_leaky_relu_keeps_a_small_slope_and_uses_a_at_the_kink():
    derivation = derive("leaky_relu")
    assert _piece_values(derivation.result) == (sp.Rational(1, 100), 1)
    (kink,) = derivation.kinks
    assert (kink.left, kink.right, kink.value_used) == (sp.Rational(1, 100), 1, sp.Rational(1, 100))
    assert "0.01" in write(derivation.result)


def test_leaky_relu_parameter_override_and_symbolic():
    steeper = derive("leaky_relu", params={"a": "0.2"})
    assert steeper.kinks[0].value_used == sp.Rational(1, 5)
    symbolic = derive("leaky_relu", symbolic=True)
    assert symbolic.verified
    assert symbolic.kinks[0].value_used == a
    assert _piece_values(symbolic.result) == (a, 1)


@pytest.mark.parametrize("name", ["relu", "leaky_relu"])
def test_heaviside_one_half_never_leaks(name):
    derivation = derive(name)
    everything = [derivation.result, *(s.expression for s in derivation.steps)]
    assert not any(e.has(sp.Heaviside) for e in everything)
    assert all(k.value_used != sp.Rational(1, 2) for k in derivation.kinks)
