"""Each differentiation rule on its own: the right rule fires and its result is d/dz f."""

import pytest
import sympy as sp

from derivations import derive
from derivations.entries import known_derivative
from derivations.forms import pending
from derivations.functions import ACTIVATION_FUNCTIONS
from derivations.rules import RULES, Context, differentiate_once, split_fraction

from .conftest import assert_numerically_equal, plain

z = sp.Symbol("z", real=True)
sigmoid = ACTIVATION_FUNCTIONS["sigmoid"]
relu = ACTIVATION_FUNCTIONS["relu"]


def context(from_definition=False):
    return Context(z, {}, from_definition, known_derivative)


CASES = [
    (sp.Integer(3), "constant rule"),
    (sp.pi, "constant rule"),
    (z, "variable rule"),
    (z + sp.exp(z), "sum rule"),
    (3 * z, "constant multiple rule"),
    (-z, "constant multiple rule"),
    (sp.exp(z) / (1 + z), "quotient rule"),
    (z / (1 + sp.exp(-z)), "quotient rule"),
    (z * sp.exp(z), "product rule"),
    (z * sigmoid(z), "product rule"),
    (z**3, "power rule"),
    (1 / z, "power rule"),
    (sp.sqrt(z), "power rule"),
    ((1 + z**2) ** 3, "chain rule"),
    (1 / (1 + sp.exp(-z)), "chain rule"),
    (sp.exp(z), "exponential rule"),
    (sp.exp(-z), "chain rule"),
    (2**z, "exponential rule"),
    (sp.log(z), "logarithm rule"),
    (sp.log(1 + z**2), "chain rule"),
    (sp.tanh(z), "tanh rule"),
    (sp.sinh(z), "sinh rule"),
    (sp.cosh(z), "cosh rule"),
    (sp.sin(z), "sine rule"),
    (sp.cos(z), "cosine rule"),
    (sp.atan(z), "arctangent rule"),
    (sp.erf(z), "error-function rule"),
    (sp.tanh(2 * z), "chain rule"),
    (sigmoid(z), "σ rule"),
    (sigmoid(2 * z), "chain rule"),
    (relu(z), "ReLU rule"),
    (z**z, "power of e rewrite"),
    (sp.Max(0, z), "write in pieces"),
    (sp.Min(z, 1), "write in pieces"),
    (sp.Abs(z), "write in pieces"),
    (sp.Heaviside(z, 0), "write in pieces"),
    (sp.Piecewise((0, z <= 0), (z, True)), "piecewise rule"),
]


@pytest.mark.parametrize("f, rule", CASES, ids=[str(c[0]) for c in CASES])
def test_rule_fires_and_equals_the_derivative(f, rule):
    applied = differentiate_once(f, context())
    assert applied is not None and applied.rule == rule
    assert applied.law and applied.explanation
    # What the rule left (with its pending derivatives) equals d/dz f, checked here from scratch.
    truth = sp.diff(plain(f), z)
    assert_numerically_equal(plain(applied.result), truth, z, skip={0})
    if not plain(f).has(sp.Max, sp.Min, sp.Abs, sp.Heaviside, sp.Piecewise):
        assert sp.simplify((plain(applied.result) - truth).rewrite(sp.exp)) == 0


def test_chain_rule_names_the_inner_function():
    applied = differentiate_once(1 / (1 + sp.exp(-z)), context())
    assert applied.inner == 1 + sp.exp(-z)
    assert applied.result.has(sp.Derivative(1 + sp.exp(-z), z))


def test_nested_chain_rules_get_fresh_names():
    derivation = derive("exp(tanh(z^2))")
    names = [str(name) for s in derivation.steps for name, _ in s.bindings]
    assert names == ["u", "v"]


def test_from_definition_writes_tanh_by_exponentials():
    applied = differentiate_once(sp.tanh(z), context(from_definition=True))
    assert applied.rule == "definition"
    inner = applied.result.args[0]
    assert sp.simplify(plain(inner) - sp.tanh(z).rewrite(sp.exp)) == 0


def test_a_function_with_no_rule_is_reported_not_guessed():
    f = sp.Function("f")(z)
    assert differentiate_once(f, context()) is None
    assert differentiate_once(sp.besselj(0, z), context()) is None
    derivation = derive(z * sp.besselj(0, z))
    assert not derivation.complete
    assert derivation.missing_rules == (pending(sp.besselj(0, z), z),)
    assert derivation.verified is False  # nothing finished is claimed
    assert all(p.ok for p in derivation.proofs)  # the steps it did take are still proved


def test_derivative_of_g_uses_the_first_derivative():
    g = sp.Function("g")(z)
    known = g * (1 - g)
    applied = differentiate_once(g, Context(z, {}, known_g=known))
    assert applied.rule == "derivative of g" and applied.result == known
    assert differentiate_once(g, context()) is None  # unknown without a first derivative


def test_index_rule_and_sums_over_an_index():
    zv, k, j = sp.IndexedBase("z"), *sp.symbols("k j", integer=True, positive=True)
    n = sp.Symbol("n", integer=True, positive=True)
    by = Context(zv[j])
    applied = differentiate_once(zv[k], by)
    assert applied.rule == "index rule"
    assert applied.result == sp.KroneckerDelta(k, j, evaluate=False)
    total = sp.Sum(sp.exp(zv[k]), (k, 1, n))
    applied = differentiate_once(total, by)
    assert applied.rule == "sum over an index"
    assert applied.result == sp.Sum(sp.Derivative(sp.exp(zv[k]), zv[j]), (k, 1, n))
    # y_k does not depend on z: a constant factor, even though it is indexed too.
    yv = sp.IndexedBase("y")
    assert differentiate_once(yv[k] * zv[k], by).rule == "constant multiple rule"


def test_split_fraction_keeps_the_written_shape():
    top, bottom = split_fraction(sp.exp(z) * (1 + sp.exp(z)) ** -2)
    assert top == sp.exp(z)
    assert plain(bottom) == (1 + sp.exp(z)) ** 2


def test_every_rule_has_a_law_and_a_test():
    tested = {rule for _, rule in CASES}
    for rule in RULES:
        if rule.name in ("elementary function",):
            continue  # its names are those of the functions: tanh rule, sine rule, ...
        assert rule.law, rule.name
        others = {"definition", "derivative of g", "index rule", "sum over an index"}
        assert rule.name in tested | others, f"no test for {rule.name}"
