"""The form in g, found by solving g = f(t) for a kernel t: never looked up."""

import pytest
import sympy as sp

from derivations import derive
from derivations.derivation import g
from derivations.render.notation import write

z = sp.Symbol("z", real=True)
G = g(z)


def form(text, **kw):
    return derive(text, **kw).result_in_terms_of_g


@pytest.mark.parametrize(
    "text, expected",
    [
        ("1/(1+e^(-z))", G * (1 - G)),
        ("sigmoid(z)", G * (1 - G)),
        ("sigmoid(2z)", 2 * G * (1 - G)),
        ("tanh(z)", 1 - G**2),
        ("log(1+exp(z))", 1 - sp.exp(-G)),  # softplus
        ("exp(z)", G),
        ("2*tanh(z)", 2 - G**2 / 2),
        ("1/(1+e^(-x))", None),  # in x: checked separately below
    ],
)
def test_forms_in_g(text, expected):
    if expected is None:
        return
    found = form(text)
    assert found is not None
    assert sp.simplify(found - expected) == 0


def test_softplus_reads_one_minus_e_to_the_minus_g():
    assert write(form("log(1+exp(z))")) == "1 − exp(−g(z))"
    steps = derive("log(1+exp(z))").steps
    assert steps[-2].rule == "split the fraction"
    assert write(steps[-2].expression) == "1 − 1/(1 + eᶻ)"


def test_another_variable():
    x = sp.Symbol("x", real=True)
    assert sp.simplify(form("1/(1+e^(-x))") - g(x) * (1 - g(x))) == 0


@pytest.mark.parametrize("text", ["z*sigmoid(z)", "z*tanh(log(1+e^z))", "z^2", "|z|"])
def test_no_form_is_said_plainly(text):
    gform = derive(text).in_terms_of_g
    assert not gform.exists
    assert gform.reason


def test_swish_says_why():
    reason = derive("z*sigmoid(z)").in_terms_of_g.reason
    assert "both directly and through an exponential" in reason


@pytest.mark.parametrize(
    "text, expected",
    [
        ("relu", sp.Piecewise((0, G <= 0), (1, True))),
        ("leaky_relu", sp.Piecewise((sp.Rational(1, 100), G < 0), (1, G > 0))),
        (
            "z/(1+|z|)",
            sp.Piecewise(((1 + G) ** 2, (G > -1) & (G < 0)), ((1 - G) ** 2, (G > 0) & (G < 1))),
        ),
    ],
)
def test_piecewise_forms_turn_conditions_on_z_into_conditions_on_g(text, expected):
    found = form(text)
    assert found is not None
    for value in (-0.5, 0, 0.5, 2):
        picked = found.subs(G, value)
        if picked is sp.nan:
            assert expected.subs(G, value) is sp.nan
        else:
            assert picked == expected.subs(G, value)


def test_the_form_in_g_is_proved_like_any_step():
    for text in ("sigmoid", "tanh", "relu", "log(1+exp(z))", "z/(1+|z|)"):
        derivation = derive(text)
        assert derivation.steps[-1].phase == "in terms of g"
        assert derivation.proofs[-1].ok


def test_the_form_in_s_is_found_by_the_same_substitution_and_split_in_two_cases():
    from derivations.in_terms_of_g import in_terms_of_s, two_cases
    from derivations.indices import TOTAL, S, Z, i, j

    # ∂/∂z_j of e^(z_i)/Σ, written out: e^(z_i)·δ/Σ − e^(z_i)·e^(z_j)/Σ².
    result = sp.exp(Z[i]) * sp.KroneckerDelta(i, j) / TOTAL - sp.exp(Z[i]) * sp.exp(Z[j]) / TOTAL**2
    form = in_terms_of_s(result)
    assert sp.expand(form - S[i] * (sp.KroneckerDelta(i, j) - S[j])) == 0
    cases = two_cases(form)
    assert sp.expand(cases.args[0][0] - S[i] * (1 - S[i])) == 0 and cases.args[0][1] == sp.Eq(i, j)
    assert sp.expand(cases.args[1][0] + S[i] * S[j]) == 0
    assert in_terms_of_s(sp.exp(Z[i]) * sp.exp(Z[j])) is None  # no form: the sum does not cancel


def test_a_search_for_the_form_in_g_past_its_budget_says_so(monkeypatch):
    from derivations import in_terms_of_g
    from derivations.pipeline import record

    monkeypatch.setattr(in_terms_of_g, "SEARCH_SECONDS", 1e-4)
    d = record(sp.sinh((z - sp.Rational(3, 10)) / (4 * (z**2 + 1))), z, title="f")
    assert d.verified and not d.in_terms_of_g.exists
    assert d.in_terms_of_g.reason == "no form in g(z) found within 0.0001 s"
