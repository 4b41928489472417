"""Formulas people typed that once ended in an internal error (issue 11 §5): each now
derives with every step proved and its result equal to SymPy's diff at points inside its
domain, or is refused with exit 2 and a one-line reason."""

from __future__ import annotations

import mpmath
import pytest
import sympy as sp

from derivations import api
from derivations.cli import main
from derivations.errors import DerivationsError
from derivations.verify import prepare

DERIVED = [
    "abs(log(z))",
    "sqrt(|log(z)|)**2",
    "log(abs(log(0.044715*z)))",
    "log(1 + exp(z)^2)+|0.5*log(z)|",
    "sqrt(1 + |softplus(log(1.5*z))|^2)",
    "max((z/(1 + |z|))*(z * z), (-(0.5z))/(1 + z^2))",
    "min(max(0, log(1 + ((2/7)*z)^2)), log(1 + (e^(z))^2))",
    "log(1 + e^(sqrt(|max(0.044715*z, (5 z)*((5/3)*z))|)))",
    "sqrt(|min(max(z, (8943/200000)*z), max(z, 2))|)",
    "exp(exp(exp(exp(exp(exp(z))))))",
]
REFUSED = {
    "log(0)*z": "log(0) is undefined",
    "sqrt(-1 - z^2)": "not defined for any real z",
    "exp(exp(exp(exp(exp(exp(exp(z)))))))": "cannot be evaluated at any point",
}


@pytest.mark.parametrize("formula", DERIVED)
def test_a_once_failing_formula_derives_with_every_step_proved(formula):
    d = api.derive(formula)
    assert d.verified
    z = d.variable
    truth = sp.lambdify(z, sp.diff(prepare(d.function), z), modules="mpmath")
    mine = sp.lambdify(z, d.plain_result, modules="mpmath")
    compared = 0
    for x in (-7.3, -2.1, -0.6, 0.37, 0.9, 1.7, 3.3, 8.1):
        if not d.domain.contains(sp.Float(x)):
            continue
        with mpmath.workdps(30):
            try:
                expected = mpmath.mpmathify(truth(mpmath.mpf(x)))
            except (ValueError, ZeroDivisionError, OverflowError, TypeError, MemoryError):
                continue
            if abs(mpmath.im(expected)) > 1e-20 * max(1, abs(expected)):
                continue  # outside the domain
            if not mpmath.isfinite(expected):
                continue
            got = mpmath.mpmathify(mine(mpmath.mpf(x)))
            assert abs(got - expected) <= 1e-9 * max(1, abs(expected)), (formula, x)
            compared += 1
    assert compared >= 2


@pytest.mark.parametrize(("formula", "reason"), sorted(REFUSED.items()))
def test_a_formula_that_cannot_be_derived_is_refused_in_one_line(formula, reason, capsys):
    assert main([formula, "--plain"]) == 2
    err = capsys.readouterr().err.strip()
    assert reason in err and "\n" not in err
    with pytest.raises(DerivationsError):
        api.derive(formula)
