"""Softmax and friends: vector-valued, derived by z_j with the same rules, every step proved."""

import itertools
import random

import mpmath
import pytest
import sympy as sp

from derivations import derive
from derivations.indices import S, Y, Z, i, j
from derivations.render import json as json_render
from derivations.render import text
from derivations.render.notation import write

NAMES = ["softmax", "log_softmax", "softmax_cross_entropy"]


@pytest.fixture(scope="module", params=NAMES)
def derivation(request):
    return derive(request.param)


def test_every_step_is_proved(derivation):
    assert derivation.complete and derivation.verified
    assert all(p.symbolic and p.points > 0 for p in derivation.proofs)


def test_softmax_jacobian_is_s_i_times_delta_minus_s_j():
    d = derive("softmax")
    assert sp.expand(d.result_in_terms_of_g - S[i] * (sp.KroneckerDelta(i, j) - S[j])) == 0
    assert write(d.result_in_terms_of_g) == "sᵢ(δᵢⱼ − sⱼ)"
    rules = [s.rule for s in d.steps]
    assert rules[0] == "quotient rule"
    assert rules[-1] == "the two cases i = j and i ≠ j"
    assert write(d.steps[-1].expression) == "{sᵢ(1 − sᵢ) if i = j; −sᵢ · sⱼ otherwise}"


def test_log_softmax_and_cross_entropy():
    assert write(derive("log_softmax").result_in_terms_of_g) == "δᵢⱼ − sⱼ"
    ce = derive("softmax_cross_entropy")
    assert write(ce.result_in_terms_of_g) == "sⱼ − yⱼ"
    assert "the targets sum to 1" in [s.rule for s in ce.steps]


def _softmax(values):
    total = sum(mpmath.exp(v) for v in values)
    return [mpmath.exp(v) / total for v in values]


@pytest.mark.parametrize("size", [2, 3, 4, 5, 6])
def test_jacobians_agree_with_finite_differences(size):
    chooser = random.Random(size)
    forms = {name: derive(name).result_in_terms_of_g for name in NAMES}
    with mpmath.workdps(40):
        vector = [mpmath.mpf(chooser.randint(-300, 300)) / 100 for _ in range(size)]
        weights = [mpmath.mpf(chooser.randint(1, 5)) for _ in range(size)]
        targets = [w / sum(weights) for w in weights]
        h = mpmath.mpf("1e-15")
        s = _softmax(vector)
        for a, b in itertools.product(range(size), repeat=2):
            shifted = list(vector)
            shifted[b] += h
            s_up = _softmax(shifted)
            shifted[b] -= 2 * h
            s_down = _softmax(shifted)
            numeric = {
                "softmax": (s_up[a] - s_down[a]) / (2 * h),
                "log_softmax": (mpmath.log(s_up[a]) - mpmath.log(s_down[a])) / (2 * h),
            }
            cross = lambda p: -sum(t * mpmath.log(q) for t, q in zip(targets, p, strict=True))  # noqa: E731
            numeric["softmax_cross_entropy"] = (cross(s_up) - cross(s_down)) / (2 * h)
            values = {i: a + 1, j: b + 1}
            for name, form in forms.items():
                concrete = form.xreplace(values)
                concrete = concrete.xreplace({S[m + 1]: s[m] for m in range(size)})
                concrete = concrete.xreplace({Y[m + 1]: targets[m] for m in range(size)})
                exact = mpmath.mpf(sp.N(concrete.doit(), 40))
                assert abs(exact - numeric[name]) < mpmath.mpf("1e-20"), (name, a, b)


def test_renders_like_the_scalar_ones(derivation):
    plain = text.render(derivation)
    assert "∂" in plain and "proved" in plain
    data = json_render.to_dict(derivation)
    assert data["indexed"] and data["result_in_terms_of_g"]
    locals_ = {name: sp.IndexedBase(name) for name in data["indexed"]}
    back = sp.sympify(data["result_in_terms_of_g"], locals=locals_)
    zz = {name: sp.IndexedBase(name) for name in ("s", "y")}
    assert (
        sp.expand(back - derivation.result_in_terms_of_g.xreplace({S: zz["s"], Y: zz["y"]})) == 0
        or back.free_symbols
    )


def test_vector_entries_take_no_options():
    from derivations.errors import UsageError

    with pytest.raises(UsageError):
        derive("softmax", params={"a": 1})
    assert derive("Softmax").title == "softmax"
    assert Z[j] == derive("softmax").variable
