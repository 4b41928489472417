"""Random typed formulas: every answer proved and equal to sympy.diff, or refused in one line.

The formulas come from tests/formulas.py, each with the expression it means built in
plain SymPy; the answer is checked there at 50 digits, apart from derivations.verify.
The benchmark (benchmarks/run.py --random-formulas N) runs the same generator large.
"""

from __future__ import annotations

import random

import pytest
import sympy as sp
from hypothesis import HealthCheck, Phase, given, settings

from derivations import derive
from derivations.commands.common import TimeLimit, time_limit
from derivations.errors import DerivationsError
from derivations.functions import expand_activations
from derivations.parse import parse
from tests.formulas import Formula, Z, differ, random_formula, typed_formulas, wrong_at

SECONDS = 20  # per formula; the target is 5 s for formulas ten times this size


def outcome(formula: Formula) -> tuple[str, str]:
    """("derived", problem or ""), ("refused", reason), ("internal", error) or ("slow", "")."""
    try:
        with time_limit(SECONDS):
            derivation = derive(formula.text)
            if not derivation.complete:
                return "refused", "no rule for part of it"
            if not derivation.verified:
                failed = [str(i + 1) for i, p in enumerate(derivation.proofs) if not p.ok]
                return "internal", f"step(s) {', '.join(failed) or 'result'} not proved"
            return "derived", wrong_at(derivation, formula) or ""
    except TimeLimit:
        return "slow", f"over {SECONDS} s"
    except DerivationsError as error:
        return "refused", str(error)
    except Exception as error:  # what the CLI reports as an internal error (exit 3)
        return "internal", f"{type(error).__name__}: {error}"


# Found by the property test on this engine (issue 11 §5 and §7), each tried on every run.
KNOWN = [
    pytest.param(
        Formula("softplus(0.25) + z", sp.log(1 + sp.exp(sp.Rational(1, 4))) + Z, 2),
        id="softplus-of-a-constant",  # was a NameError in the parser's numeric guard
    ),
    pytest.param(
        Formula("softplus(5*z)", sp.log(1 + sp.exp(5 * Z)), 2),
        id="softplus-beyond-20",  # was cut over to z above 20 (§7)
    ),
    pytest.param(
        Formula(
            "max(sigmoid(z) - 0.5, tanh(z))",
            sp.Max(1 / (1 + sp.exp(-Z)) - sp.Rational(1, 2), sp.tanh(Z)),
            3,
        ),
        id="max-meeting-at-a-sigmoid-of-zero",  # SymPy's Max could not order σ(0) − 1/2
    ),
    pytest.param(
        Formula(
            "abs(max(z, (sqrt(z/min(erf(z), 1/10*z)*z))))",
            sp.Abs(sp.Max(Z, sp.sqrt(1 / sp.Min(Z / 10, sp.erf(Z))) * sp.Abs(Z))),
            8,
        ),
        id="root-of-a-min-beyond-a-located-point",  # u^(3/2) needed u > 0 past z ≈ 10
    ),
]


@settings(
    max_examples=25,
    deadline=None,
    # No shrinking: a slow formula would be retried for minutes; the failure is shown as drawn.
    phases=(Phase.explicit, Phase.reuse, Phase.generate),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(typed_formulas(max_ops=8))
def test_a_typed_formula_is_derived_and_proved_or_refused_in_one_line(formula):
    assert_right_or_refused(formula)


@pytest.mark.parametrize("formula", KNOWN)
def test_formulas_the_random_test_found(formula):
    assert_right_or_refused(formula)


def assert_right_or_refused(formula: Formula) -> None:
    kind, detail = outcome(formula)
    assert kind != "internal", f"{formula.text!r}: internal error: {detail}"
    assert kind != "slow", f"{formula.text!r}: {detail}"
    if kind == "refused":
        assert detail.strip() and "\n" not in detail, f"{formula.text!r}: refusal {detail!r}"
        assert len(detail) < 400, f"{formula.text!r}: the reason is not one short line"
    else:
        assert not detail, f"{formula.text!r}: {detail}"


def test_the_check_sees_a_wrong_derivative():
    """The oracle is not a tautology: a derivation of another formula is caught."""
    derivation = derive("tanh(z)")
    assert wrong_at(derivation, Formula("tanh(z)", sp.tanh(Z), 1)) is None
    problem = wrong_at(derivation, Formula("tanh(2z)", sp.tanh(2 * Z), 2))
    assert problem is not None and "differs from sympy.diff" in problem


def test_the_generator_writes_what_the_formula_means():
    """The typed text reads back as its meaning."""
    rng = random.Random(7)
    checked = 0
    while checked < 40:
        formula = random_formula(rng, 12)
        problem, _ = differ(expand_activations(parse(formula.text, Z)), formula.meaning)
        assert problem is None, f"{formula.text!r} read as something else: {problem}"
        checked += 1


def test_the_generator_is_reproducible_and_bounded():
    first = [random_formula(random.Random(3), 60) for _ in range(2)]
    assert first[0] == first[1]
    sizes = [random_formula(random.Random(seed), 60).ops for seed in range(12)]
    assert max(sizes) <= 60 and max(sizes) >= 20
    texts = " ".join(random_formula(random.Random(s), 15).text for s in range(40))
    for typed in (
        "sigmoid(",
        "tanh(",
        "softplus(",
        "e^(",
        "exp(",
        "log(",
        "sqrt(",
        "|",
        "abs(",
        "max(",
        "min(",
        "erf(",
        "0.044715",
        "(2/7)",
        "**",
        "^",
        "z)",
    ):
        assert typed in texts, typed  # fmt: skip
