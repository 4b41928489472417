"""Vector-valued activations: the Jacobian of softmax and of log-softmax, and the gradient
of cross-entropy after softmax, derived with the same rules as the scalar ones.

z is an indexed vector, the derivative is taken by z_j, and z_i depends on z_j exactly
when i = j (the Kronecker delta δᵢⱼ).  The sums over k are kept as sums; named moves
work with them ("the δ picks one term", "the targets sum to 1").  The form in s comes
from the same method as the form in g: e^(z_m) = s_m · Σₖ e^(zₖ) is substituted and the
sum cancels.  Each step is proved by ``proof.prove_for_vectors``, for concrete vectors.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

from . import pipeline
from .derivation import IN_S, Derivation, GForm, Step
from .forms import add, evaluated, mul, negate, pending
from .indices import TOTAL, S, Y, Z, i, j, n
from .memory import memoized
from .pipeline import Target, walked
from .proof import prove_for_vectors
from .rules import Context
from .tidy import tidy_polynomial


@dataclass(frozen=True)
class VectorActivation:
    """A function of a whole vector z, differentiated by one component z_j."""

    name: str
    lhs: sp.Expr  # what is differentiated, as written on the left: s_i, log s_i, L
    expression: sp.Expr
    symbol: str
    note: str
    aliases: tuple[str, ...] = ()
    framework: str = ""
    source: str = ""
    targets_sum_to_one: bool = False  # cross-entropy: Σ y_i = 1


@memoized(1)
def vector_catalog() -> tuple[VectorActivation, ...]:
    """Softmax, log-softmax and cross-entropy (built on first use: imports stay fast)."""
    return (
        VectorActivation(
            name="softmax",
            lhs=S[i],
            expression=sp.exp(Z[i]) / TOTAL,
            symbol="softmax",
            note=(
                "∂sᵢ/∂zⱼ = sᵢ(δᵢⱼ − sⱼ): each output's gradient involves every input; the "
                "diagonal sᵢ(1 − sᵢ) is at most 1/4, like the sigmoid's."
            ),
            aliases=("Softmax",),
            framework="torch.nn.Softmax",
            source="Bridle (1990)",
        ),
        VectorActivation(
            name="log_softmax",
            lhs=sp.log(S[i]),
            expression=add(Z[i], negate(sp.log(TOTAL))),
            symbol="log_softmax",
            note="∂log sᵢ/∂zⱼ = δᵢⱼ − sⱼ: no vanishing factor sᵢ, which is why it is preferred.",
            aliases=("LogSoftmax", "logsoftmax"),
            framework="torch.nn.LogSoftmax",
            source="log of the softmax, computed as zᵢ − log Σₖ e^(zₖ)",
        ),
        VectorActivation(
            name="softmax_cross_entropy",
            lhs=sp.Symbol("L"),
            expression=negate(sp.Sum(mul(Y[i], add(Z[i], negate(sp.log(TOTAL)))), (i, 1, n))),
            symbol="L",
            note=(
                "∂L/∂zⱼ = sⱼ − yⱼ: the error itself, bounded by 1 in size, so the gradient "
                "neither vanishes nor explodes while the prediction is wrong."
            ),
            aliases=("cross_entropy", "CrossEntropyLoss", "softmax_ce"),
            framework="torch.nn.CrossEntropyLoss",
            source="cross-entropy of targets y (summing to 1) and softmax outputs s",
            targets_sum_to_one=True,
        ),
    )


def __getattr__(name: str):
    if name == "VECTOR_CATALOG":  # the catalog, built when first asked for
        return vector_catalog()
    raise AttributeError(name)


def find(name: str) -> VectorActivation | None:
    key = name.strip().lower().replace("-", "_")
    for entry in vector_catalog():
        if key in {entry.name, *(a.lower() for a in entry.aliases)}:
            return entry
    return None


# --- in terms of s ---------------------------------------------------------------


def _in_terms_of_s(result: sp.Expr) -> sp.Expr | None:
    """e^(z_m) = s_m · Σ substituted; the sum cancels when the form in s exists."""
    total = sp.Dummy("T", positive=True)
    plain = _evaluated(result, total)
    swapped = plain.replace(
        lambda e: isinstance(e, sp.exp) and isinstance(e.args[0], sp.Indexed),
        lambda e: S[e.args[0].indices[0]] * total,
    )
    cancelled = sp.cancel(swapped)
    if cancelled.has(total) or cancelled.has(Z):
        return None
    return _s_first(tidy_polynomial(sp.factor(cancelled)) if cancelled.is_Add else cancelled)


def _s_first(form: sp.Expr) -> sp.Expr:
    """sᵢ(δᵢⱼ − sⱼ) as written on the board: the single outputs before the bracket."""
    if not form.is_Mul:
        return form
    single = [f for f in form.args if isinstance(f, sp.Indexed) or f.is_Number]
    return mul(*single, *(f for f in form.args if f not in single))


def _evaluated(result: sp.Expr, total: sp.Symbol) -> sp.Expr:
    return evaluated(result).xreplace({evaluated(TOTAL): total})


def _two_cases(form: sp.Expr) -> sp.Expr | None:
    if not form.has(sp.KroneckerDelta):
        return None
    same = evaluated(form.xreplace({sp.KroneckerDelta(i, j): sp.S.One})).xreplace({j: i})
    other = evaluated(form.xreplace({sp.KroneckerDelta(i, j): sp.S.Zero}))
    same = _s_first(tidy_polynomial(sp.factor(same)))
    return sp.Piecewise((same, sp.Eq(i, j)), (other, True), evaluate=False)


# --- the derivation ----------------------------------------------------------------


@dataclass(frozen=True)
class VectorEntry(Target):
    """∂(entry)/∂z_j, proved for concrete vectors, with its form in s and two cases."""

    entry: VectorActivation

    @property
    def start(self) -> sp.Expr:
        return pending(self.entry.expression, Z[j])

    @property
    def context(self) -> Context:
        return Context(Z[j], targets_sum_to_one=self.entry.targets_sum_to_one)

    def form(self, result, stuck):
        form = _in_terms_of_s(result)
        if form is None:
            return [], GForm(None, "no form in s found")
        steps = [
            Step(
                "write in terms of s",
                "use e^(zₘ) = sₘ · Σₖ e^(zₖ): the sums cancel",
                "",
                result,
                form,
                form,
                None,
                IN_S,
                ((S[j], sp.exp(Z[j]) / TOTAL),),
            )
        ]
        cases = _two_cases(form)
        if cases is not None:
            steps.append(
                Step(
                    "the two cases i = j and i ≠ j",
                    "δᵢⱼ is 1 when i = j, else 0",
                    "",
                    form,
                    cases,
                    cases,
                    None,
                    IN_S,
                )
            )
        return steps, GForm(form, "e^(zₘ) = sₘ · Σₖ e^(zₖ) substituted; the sums cancel")

    def prove(self, steps):
        proofs, previous = [], self.start
        for step in steps:
            proofs.append(
                prove_for_vectors(previous, step.expression, self.entry.targets_sum_to_one)
            )
            previous = step.expression
        return tuple(proofs)

    def prove_result(self, walk):
        truth = sp.Derivative(self.entry.expression, Z[j])
        shown = walk.form.expression if walk.form.exists else walk.result
        return prove_for_vectors(truth, shown, self.entry.targets_sum_to_one, largest=6)

    def built(self, walk, kinks, result_proof, singularities):
        return Derivation(
            title=self.entry.name,
            activation=None,
            variable=Z[j],
            function=self.entry.expression,
            parameters=(),
            **walked(walk, (), result_proof),
            lhs=self.entry.lhs,
            vector=self.entry,
        )


def derive_vector(entry: VectorActivation) -> Derivation:
    """The step-by-step derivative of ``entry`` by z_j (see ``VectorEntry``)."""
    return pipeline.derive(VectorEntry(entry))
