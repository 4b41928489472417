"""The walk: one rule on the first pending derivative in reading order, the whole
expression after each step, then named moves until none applies."""

from __future__ import annotations

import pytest
import sympy as sp

from derivations.derivation import DIFFERENTIATE, SIMPLIFY
from derivations.errors import InputRefused
from derivations.forms import add, at, evaluated, mul, pending
from derivations.recorder import differentiate, nowhere_defined, simplify
from derivations.rules import Context

z = sp.Symbol("z", real=True)


def test_each_rule_step_acts_on_the_first_pending_derivative_and_keeps_the_whole():
    start = pending(add(sp.exp(-z), mul(z, z)), z)
    steps, state, stuck = differentiate(start, Context(z))
    assert not stuck and not state.has(sp.Derivative)
    previous = start
    for step in steps:
        assert step.phase == DIFFERENTIATE
        assert at(previous, step.path) == step.acted_on  # where it acted, in what came before
        previous = step.expression
    assert [s.rule for s in steps][:1] == ["sum rule"]
    assert sp.simplify(evaluated(state) - sp.diff(sp.exp(-z) + z**2, z)) == 0


def test_a_derivative_no_rule_knows_is_left_pending_and_said():
    f = sp.Function("f")
    steps, state, stuck = differentiate(pending(add(f(z), z), z), Context(z))
    assert stuck == [pending(f(z), z)] and state.has(sp.Derivative)


def test_moves_run_until_none_applies_each_one_named():
    state = add(mul(1, sp.exp(-z)), sp.S.Zero)
    steps, result = simplify(state, Context(z))
    assert result == sp.exp(-z)
    assert [s.rule for s in steps] == ["drop the zero terms", "drop the factors of 1"]
    assert all(s.phase == SIMPLIFY and s.path is None for s in steps)


def test_a_formula_defined_nowhere_names_its_smallest_part():
    why = nowhere_defined(sp.log(-1 - z**2) + z, z, {})
    assert "log(-z**2 - 1) is defined nowhere" in why


def test_a_walk_longer_than_the_bound_is_refused():
    from derivations import recorder

    deep = sp.exp(z)
    for _ in range(3):
        deep = sp.exp(deep)
    limit = recorder.MAX_STEPS
    recorder.MAX_STEPS = 2
    try:
        with pytest.raises(InputRefused, match="more than 2 steps"):
            differentiate(pending(deep, z), Context(z))
    finally:
        recorder.MAX_STEPS = limit


def test_a_form_in_g_resting_on_an_inverse_pair_is_proved_and_kept():
    from derivations import api
    from derivations.derivation import g

    d = api.derive("tanh(tanh(z + 1/2))")
    assert d.verified and d.in_terms_of_g.exists
    assert d.in_terms_of_g.expression.has(sp.atanh(g(d.variable)))


def test_a_form_in_g_whose_proof_runs_over_its_budget_is_dropped_with_its_reason(monkeypatch):
    from derivations import recorder
    from derivations.budget import OverBudget
    from derivations.pipeline import record

    def endless(*args):
        raise OverBudget  # what the budget raises once SymPy has spent its seconds

    z = sp.Symbol("z", real=True)
    sigmoid = 1 / (1 + sp.exp(-z))
    assert record(sigmoid, z, title="σ").in_terms_of_g.exists
    monkeypatch.setattr(recorder, "symbolically_equal", endless)
    d = record(sigmoid, z, title="σ")
    assert d.verified and not d.in_terms_of_g.exists
    assert "could not be proved" in d.in_terms_of_g.reason
