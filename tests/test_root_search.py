"""Where an equation with no closed form holds: each root bracketed and proved alone in
its bracket by interval arithmetic, far tails decided in t = e^(∓z), or undecided."""

from __future__ import annotations

import mpmath
import pytest
import sympy as sp

from derivations import root_search, tails
from derivations.numeric_root import NumericRoot
from derivations.root_search import enclosed_range, real_roots

z = sp.Symbol("z", real=True)
SIGMOID = 1 / (1 + sp.exp(-z))
SOFTPLUS = sp.log(1 + sp.exp(z))


def test_z_equals_sigma_z_once_at_a_located_number():
    [root] = real_roots(z, SIGMOID, z, -sp.oo, sp.oo)
    assert isinstance(root, NumericRoot)
    value = sp.N(root, 40)
    assert abs(value - sp.N(SIGMOID.subs(z, value), 40)) < 1e-35
    assert root.lo < value < root.hi  # the bracket holds it
    assert abs(float(value) - 0.659046068) < 1e-8


def test_softplus_never_meets_the_sigmoid():
    assert real_roots(SOFTPLUS, SIGMOID, z, -sp.oo, sp.oo) == ()


def test_far_out_the_sign_is_decided_in_t_where_the_enclosure_holds_zero(monkeypatch):
    # softplus − σ → 0 as z → −∞, and log(1 + t) − t/(1 + t) > 0 decides it in t = e^z
    root_search._function.cache_clear()
    root_search._isolated.cache_clear()
    monkeypatch.setattr(root_search, "tail_sign", lambda *args: 0)
    with pytest.raises(root_search.Undecided):
        real_roots(SOFTPLUS, 2 * SIGMOID / 3, z, -sp.oo, sp.oo)
    monkeypatch.undo()
    root_search._function.cache_clear()
    root_search._isolated.cache_clear()
    assert real_roots(SOFTPLUS, 2 * SIGMOID / 3, z, -sp.oo, sp.oo) == ()


def test_the_enclosed_range_holds_every_value_on_the_interval():
    lo, hi = enclosed_range(sp.tanh(z) * 3, z, sp.Integer(-1), sp.Integer(2))
    with mpmath.workdps(30):
        values = [3 * mpmath.tanh(x) for x in mpmath.linspace(-1, 2, 31)]
    assert lo < min(values) and max(values) < hi


def test_tails_offer_forms_only_for_what_they_can_write_in_t():
    assert tails.sign_forms(SOFTPLUS - SIGMOID, z, -1) is not None


@pytest.mark.parametrize("side", [-1, 1])
def test_a_root_found_twice_is_the_same_located_point(side):
    a = real_roots(z, SIGMOID, z, -sp.oo, sp.oo)
    b = real_roots(SIGMOID, z, z, sp.Integer(-5), sp.Integer(5))  # either way round
    assert a == b
