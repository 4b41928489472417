"""Proving a recorded walk: each step's changed part first by the route its rule or move
carries as data, then numerically; a wrong step is caught."""

from __future__ import annotations

import dataclasses

import sympy as sp

from derivations import api
from derivations.derivation import AS_ALGEBRA, BY_OPERANDS, DIFFERENTIATE, SIMPLIFY
from derivations.proof import prove_steps
from derivations.rules import RULES


def test_a_step_carries_the_route_its_rule_or_move_declares():
    d = api.derive("z*sigmoid(z) + tanh(2*z)**2")
    by_operands = {r.name for r in RULES if r.by_operands}
    assert by_operands >= {"product rule", "chain rule", "sum rule", "quotient rule"}
    for step, proof in zip(d.steps, d.proofs, strict=True):
        if step.phase == DIFFERENTIATE:
            assert (step.proof_route == BY_OPERANDS) == (step.rule in by_operands)
        if step.phase == SIMPLIFY:
            assert step.proof_route == AS_ALGEBRA
        if step.proof_route and proof.symbolic.endswith(step.proof_route):
            assert proof.ok
    assert any(p.symbolic.endswith(BY_OPERANDS) for p in d.proofs)


def test_a_step_that_changes_the_value_is_not_proved():
    d = api.derive("z*sigmoid(z)")
    z = d.variable
    steps = list(d.steps)
    wrong = steps[-1].expression + sp.exp(-(z**2))  # off by a term that is never 0
    steps[-1] = dataclasses.replace(steps[-1], expression=wrong, replaced_by=wrong, path=None)
    proofs = prove_steps(d.start, steps, d.function, z, dict(d.check_values))
    assert all(p.ok for p in proofs[:-1])
    assert not proofs[-1].ok and proofs[-1].mismatch is not None


def test_the_route_is_only_a_first_try_a_step_it_cannot_settle_is_proved_whole():
    d = api.derive("max(z, sigmoid(z))")  # piecewise parts: taken region by region
    assert d.verified
    routed = [p for s, p in zip(d.steps, d.proofs, strict=True) if s.proof_route]
    assert routed and all(p.ok for p in routed)


# --- vector-valued targets ---------------------------------------------------------


def test_a_vector_identity_is_proved_for_concrete_vectors_and_a_wrong_one_is_caught():
    from derivations.indices import TOTAL, S, Z, i, j
    from derivations.proof import prove_for_vectors

    softmax_derivative = sp.Derivative(sp.exp(Z[i]) / TOTAL, Z[j])
    right = S[i] * (sp.KroneckerDelta(i, j) - S[j])
    proof = prove_for_vectors(softmax_derivative, right, targets_sum_to_one=False)
    assert proof.ok and proof.symbolic and proof.points > 0
    wrong = S[i] * (1 - S[j])  # the diagonal alone: false off it
    proof = prove_for_vectors(softmax_derivative, wrong, targets_sum_to_one=False)
    assert not proof.ok and proof.symbolic is None and proof.mismatch is not None


def test_the_targets_summing_to_one_is_what_a_cross_entropy_step_may_use():
    from derivations.indices import Y, i, n
    from derivations.proof import prove_for_vectors

    total = sp.Sum(Y[i], (i, 1, n))
    assert prove_for_vectors(total, sp.S.One, targets_sum_to_one=True).ok
    assert not prove_for_vectors(total, sp.S.One, targets_sum_to_one=False).ok
