"""One pipeline derives every kind of target: a first derivative, one by a parameter, a
higher order and a component of a vector function all run ``pipeline.derive``."""

from __future__ import annotations

import pytest
import sympy as sp

from derivations import api, pipeline, simplify, sum_moves
from derivations.entries import derive_activation
from derivations.forms import evaluated
from derivations.indices import Y, i, n
from derivations.rules import Context
from derivations.vector import VectorEntry


@pytest.fixture
def targets(monkeypatch):
    monkeypatch.setenv("DERIVATIONS_CACHE", "off")  # every derivation made, none read back
    seen = []
    run = pipeline.derive

    def spied(target):
        seen.append(type(target).__name__)
        return run(target)

    monkeypatch.setattr(pipeline, "derive", spied)
    return seen


@pytest.mark.parametrize(
    ("call", "kinds"),
    [
        (lambda: api.derive("z*sigmoid(z)"), ["FirstDerivative"]),
        (lambda: derive_activation(api.catalog.find("leaky_relu"), wrt="a"), ["FirstDerivative"]),
        (lambda: api.derive("tanh", order=3), ["FirstDerivative", "HigherOrder", "HigherOrder"]),
        (lambda: api.derive("softmax"), ["VectorEntry"]),
    ],
    ids=["typed formula", "by a parameter", "third order", "softmax"],
)
def test_every_kind_of_target_runs_the_one_pipeline(targets, call, kinds):
    derivation = call()
    assert targets[-len(kinds) :] == kinds
    assert derivation.verified and len(derivation.proofs) == len(derivation.steps)


def test_the_moves_on_sums_are_moves_tried_after_every_scalar_move():
    names = [m.name for m in simplify.MOVES]
    on_sums = ["the δ picks one term", "take out of the sum", "split the sum"]
    assert all(name in names for name in on_sums)
    last_scalar = names.index("multiply the numbers")
    assert all(names.index(name) > last_scalar for name in on_sums)


def test_the_targets_sum_to_one_only_where_the_target_says_so():
    total = sp.Sum(Y[i], (i, 1, n)) * sp.Symbol("c")
    assert sum_moves.targets_sum_to_one(total, Context(sp.Symbol("z"))) is None
    summed = sum_moves.targets_sum_to_one(total, Context(sp.Symbol("z"), targets_sum_to_one=True))
    assert evaluated(summed) == sp.Symbol("c")


def test_a_vector_target_is_proved_for_concrete_vectors():
    from derivations.catalog.vectors import find_vector as find

    target = VectorEntry(find("log_softmax"))
    derivation = pipeline.derive(target)
    assert derivation.verified
    assert derivation.in_terms_of_g.exists and derivation.lhs == sp.log(sp.IndexedBase("s")[i])
