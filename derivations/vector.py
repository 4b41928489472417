"""Vector-valued targets: the Jacobian of softmax and of log-softmax, and the gradient of
cross-entropy after softmax (entries in catalog/vectors.py), derived with the same rules
and moves as the scalar ones, through the same pipeline.

z is an indexed vector, the derivative is taken by z_j, and z_i depends on z_j exactly
when i = j (the Kronecker delta δᵢⱼ).  The sums over k are kept as sums; named moves
work with them ("the δ picks one term", "the targets sum to 1").  The form in s comes
from the same method as the form in g: e^(z_m) = s_m · Σₖ e^(zₖ) is substituted and the
sum cancels (``in_terms_of_g.in_terms_of_s``).  Each step is proved by
``proof.prove_for_vectors``, for concrete vectors.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

from . import pipeline
from .catalog.vectors import VectorActivation
from .derivation import IN_S, Derivation, GForm, Step
from .forms import pending
from .in_terms_of_g import in_terms_of_s, two_cases
from .indices import TOTAL, S, Z, j
from .pipeline import Target, walked
from .proof import prove_for_vectors
from .rules import Context

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
        form = in_terms_of_s(result)
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
        cases = two_cases(form)
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
