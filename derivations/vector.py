"""Vector-valued activations: the Jacobian of softmax and of log-softmax, and the gradient
of cross-entropy after softmax, derived with the same rules as the scalar ones.

z is an indexed vector, the derivative is taken by z_j, and z_i depends on z_j exactly
when i = j (the Kronecker delta δᵢⱼ).  The sums over k are kept as sums; named moves
work with them ("the δ picks one term", "the targets sum to 1").  The form in s comes
from the same method as the form in g: e^(z_m) = s_m · Σₖ e^(zₖ) is substituted and the
sum cancels.  Each step is proved for concrete vectors: symbolically for n = 2 and 3 and
every pair (i, j), numerically for n = 2 to 4; the result against SymPy's own derivative
of the concrete vector function for n = 2 to 6.
"""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass

import mpmath
import sympy as sp

from . import pipeline
from .derivation import IN_S, Derivation, GForm, Proof, Step
from .forms import add, evaluated, mul, negate, pending
from .in_terms_of_g import tidy_polynomial
from .indices import TOTAL, S, Y, Z, i, j, n
from .memory import memoized
from .pipeline import Target, walked
from .rules import Context


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


# --- proof with concrete vectors ---------------------------------------------------


@memoized(4096)
def _concrete(expr: sp.Expr, size: int, ii: int, jj: int) -> sp.Expr:
    """expr for a vector of the given size and indices i, j: sums done, s written out."""
    values = {n: sp.Integer(size), i: sp.Integer(ii), j: sp.Integer(jj)}
    # A summation index (cross-entropy's i) is bound: it is not given a value.
    bound = {limit[0] for total in expr.atoms(sp.Sum) for limit in total.limits}
    concrete = evaluated(expr.xreplace({s: v for s, v in values.items() if s not in bound}))
    concrete = concrete.doit()
    softmax = {
        S[m]: sp.exp(Z[m]) / sum(sp.exp(Z[q]) for q in range(1, size + 1))
        for m in range(1, size + 1)
    }
    return concrete.subs(softmax)


def _pairs(size: int) -> list[tuple[int, int]]:
    every = list(itertools.product(range(1, size + 1), repeat=2))
    return every if size <= 3 else [(1, 2), (size, size)]  # one off the diagonal, one on it


def _vectors(size: int, targets: bool) -> list[dict]:
    chooser = random.Random(size)
    found = []
    for _ in range(3):
        point = {Z[m]: sp.Rational(chooser.randint(-400, 400), 100) for m in range(1, size + 1)}
        weights = [chooser.randint(1, 9) for _ in range(size)]
        if targets:
            point.update(
                {
                    Y[m]: sp.Rational(w, sum(weights))
                    for m, w in zip(range(1, size + 1), weights, strict=True)
                }
            )
        found.append(point)
    return found


def _zero(difference: sp.Expr, size: int) -> bool:
    """difference == 0 for concrete n: exponentials as positive symbols, then cancel."""
    powers = {sp.exp(Z[m]): sp.Symbol(f"t{m}", positive=True) for m in range(1, size + 1)}
    return sp.cancel(difference.xreplace(powers)) == 0 or sp.simplify(difference) == 0


def _prove(before: sp.Expr, after: sp.Expr, entry: VectorActivation, largest: int = 4) -> Proof:
    method = "cancel for n = 2 and 3, every (i, j)"
    compared, mismatch = 0, None
    for size in range(2, largest + 1):
        for ii, jj in _pairs(size):
            a, b = _concrete(before, size, ii, jj), _concrete(after, size, ii, jj)
            difference = a - b
            if entry.targets_sum_to_one:  # the step "the targets sum to 1" relies on it
                difference = difference.subs(Y[size], 1 - sum(Y[m] for m in range(1, size)))
            if size <= 3 and not _zero(difference, size):
                method = None
            symbols = sorted(difference.free_symbols, key=str)
            evaluate = sp.lambdify(symbols, difference, modules="mpmath")
            with mpmath.workdps(30):
                for point in _vectors(size, entry.targets_sum_to_one):
                    value = evaluate(*(point.get(x, 0) for x in symbols))
                    if abs(value) > 1e-20:
                        mismatch = mismatch if mismatch is not None else float(point[Z[1]])
                    compared += 1
    return Proof(method, compared, mismatch)


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
            proofs.append(_prove(previous, step.expression, self.entry))
            previous = step.expression
        return tuple(proofs)

    def prove_result(self, walk):
        truth = sp.Derivative(self.entry.expression, Z[j])
        shown = walk.form.expression if walk.form.exists else walk.result
        return _prove(truth, shown, self.entry, largest=6)

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
