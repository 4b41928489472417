"""One pipeline derives every kind of target: walk → form in g → prove → kinks → where
defined.

A ``Target`` says what is differentiated, by what, and how each phase treats it: a
first derivative in z (an activation or a typed formula), one with respect to a
parameter, a higher order derived from the one below, and a component of a vector
function (softmax, in ``vector.py``).  ``derive`` runs the phases in one order for all
of them; a target only answers the questions a phase asks.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field

import sympy as sp

from . import entries
from . import in_terms_of_g as g_form
from .catalog import Activation
from .derivation import Derivation, GForm, Kink, ParameterValue, Proof, Singularity, Step, g
from .domain import real_line
from .errors import InputRefused
from .forms import pending
from .kinks import find_kinks
from .proof import prove_result, prove_steps
from .recorder import (
    covering_steps,
    derive_pending,
    nowhere_defined,
    refuse_if_never_computable,
    shown_form,
    towards_g,
)
from .rules import Context
from .singularities import find_singularities
from .verify import prepare


@dataclass(frozen=True)
class Walk:
    """What the phases made: the steps, the result, and what had no rule."""

    start: sp.Expr
    steps: tuple[Step, ...]
    result: sp.Expr
    stuck: tuple[sp.Expr, ...]
    form: GForm
    proofs: tuple[Proof, ...] = ()


def walked(walk: Walk, kinks, result_proof) -> dict:
    """The fields of a Derivation that the phases made, the same for every target."""
    return {
        "start": walk.start,
        "steps": walk.steps,
        "result": walk.result,
        "in_terms_of_g": walk.form,
        "kinks": kinks,
        "missing_rules": walk.stuck,
        "proofs": walk.proofs,
        "result_proof": result_proof,
    }


class Target:
    """A derivative to derive; subclasses answer for each phase."""

    start: sp.Expr
    context: Context

    def check(self) -> None:
        """Refuse before any work where there is nothing to derive."""

    def covering(self, result: sp.Expr) -> list[Step]:
        """Steps that include in the result a breakpoint where the derivative exists."""
        return []

    def form(self, result: sp.Expr, stuck: bool) -> tuple[list[Step], GForm]:
        raise NotImplementedError

    def prove(self, steps: list[Step]) -> tuple[Proof, ...]:
        raise NotImplementedError

    def kinks(self, result: sp.Expr) -> tuple[Kink, ...]:
        return ()

    def prove_result(self, walk: Walk) -> Proof:
        raise NotImplementedError

    def singularities(self, result: sp.Expr, kinks: tuple[Kink, ...]) -> tuple:
        return ()

    def built(self, walk: Walk, kinks, result_proof, singularities) -> Derivation:
        raise NotImplementedError


def derive(target: Target) -> Derivation:
    """The derivation of ``target``: every phase, in one order, for every kind of target."""
    target.check()
    rule_steps, simplify_steps, result, stuck = derive_pending(target.start, target.context)
    if not stuck:
        covering = target.covering(result)
        if covering:
            simplify_steps, result = [*simplify_steps, *covering], covering[-1].expression
    g_steps, form = target.form(result, bool(stuck))
    steps = [*rule_steps, *simplify_steps, *g_steps]
    walk = Walk(target.start, tuple(steps), result, tuple(stuck), form)
    walk = dataclasses.replace(walk, proofs=target.prove(steps))
    kinks: tuple[Kink, ...] = ()
    result_proof = None
    singularities: tuple = ()
    if not stuck:
        kinks = target.kinks(result)
        result_proof = target.prove_result(walk)
        singularities = target.singularities(result, kinks)
    return target.built(walk, kinks, result_proof, singularities)


# --- g′(z), or ∂g/∂a --------------------------------------------------------------


@dataclass(frozen=True)
class FirstDerivative(Target):
    """d/dz g, or ∂g/∂``wrt`` for a parameter: g an activation or a typed formula.
    ``written``, the formula as typed (unevaluated), says where it is defined when
    SymPy's evaluation lost that (z/z is 1, but not at z = 0)."""

    function: sp.Expr
    z: sp.Symbol
    title: str
    activation: Activation | None = None
    parameters: tuple[ParameterValue, ...] = ()
    values: Mapping[sp.Symbol, sp.Expr] = field(default_factory=dict)
    from_definition: bool = False
    wrt: sp.Symbol | None = None
    written: sp.Expr | None = None

    @property
    def by(self) -> sp.Symbol:
        return self.wrt if self.wrt is not None else self.z

    @property
    def defined(self) -> sp.Expr:
        return self.written if self.written is not None else self.function

    @property
    def start(self) -> sp.Expr:
        return pending(self.function, self.by)

    @property
    def context(self) -> Context:
        return Context(
            self.by, self.values, self.from_definition, entries.known_derivative, space=self.z
        )

    def check(self) -> None:
        if real_line(self.defined, self.z, self.values).domain() == sp.S.EmptySet:
            raise InputRefused(nowhere_defined(self.defined, self.z, self.values))

    def covering(self, result):
        if self.wrt is not None:
            return []
        return covering_steps(result, self.function, self.z, self.values)

    def form(self, result, stuck):
        if stuck:
            found = GForm(None, "the derivative could not be finished")
        elif self.wrt is not None:
            found = GForm(None, "not sought for a derivative with respect to a parameter")
        else:
            shown = shown_form(self.function, self.from_definition)
            found = g_form.find(self.function, shown, result, self.z, self.values)
        return towards_g(result, found, self.function, self.z, self.values)

    def prove(self, steps):
        proofs = prove_steps(self.start, steps, self.function, self.z, self.values, self.defined)
        refuse_if_never_computable(proofs)
        return proofs

    def kinks(self, result):
        if self.wrt is not None:
            return ()
        return find_kinks(
            prepare(self.function),
            prepare(result),
            self.z,
            self.values,
            self.activation,
            {p.symbol: p.value for p in self.parameters},
            as_written=self.function,
        )

    def prove_result(self, walk):
        return prove_result(
            walk.result,
            self.function,
            self.z,
            self.values,
            self.by,
            steps_proved=all(p.ok for p in walk.proofs),
            defined=self.defined,
        )

    def singularities(self, result, kinks):
        if self.wrt is not None:
            return ()
        jumps = tuple(k for k in kinks if k.kind == "jump")
        derivative = prepare(result, {g(self.z): self.function})
        return find_singularities(self.defined, derivative, self.z, self.values, jumps)

    def built(self, walk, kinks, result_proof, singularities):
        return Derivation(
            title=self.title,
            activation=self.activation,
            variable=self.z,
            function=self.function,
            parameters=self.parameters,
            **walked(walk, kinks, result_proof),
            from_definition=self.from_definition,
            wrt=self.wrt,
            check_values=tuple(self.values.items()),
            domain=real_line(self.defined, self.z, self.values).domain(),  # as typed
            singularities=singularities,
        )


# --- g⁽ⁿ⁺¹⁾ from g⁽ⁿ⁾ ------------------------------------------------------------------


@dataclass(frozen=True)
class HigherOrder(Target):
    """The derivative of ``lower``'s result: from its form in g when that is pure (with g′
    from the first derivative), else from its result in z."""

    lower: Derivation

    @property
    def values(self) -> dict:
        return dict(self.lower.check_values)

    @property
    def in_g(self) -> bool:
        lower, first_form = self.lower, self.lower.first.in_terms_of_g
        z = lower.variable
        return (
            lower.in_terms_of_g.exists
            and first_form.from_output_alone(z)
            and lower.in_terms_of_g.from_output_alone(z)
            and not first_form.expression.has(sp.Piecewise)
            and not lower.in_terms_of_g.expression.has(sp.Piecewise)
        )

    @property
    def start(self) -> sp.Expr:
        lower = self.lower
        return pending(
            lower.in_terms_of_g.expression if self.in_g else lower.result, lower.variable
        )

    @property
    def context(self) -> Context:
        known = self.lower.first.in_terms_of_g.expression if self.in_g else None
        z = self.lower.variable
        return Context(
            z, self.values, self.lower.from_definition, entries.known_derivative, known_g=known
        )

    def form(self, result, stuck):
        lower = self.lower
        if stuck:
            return [], GForm(None, "the derivative could not be finished")
        if self.in_g:
            return [], GForm(
                result, "differentiated the form in g, with g′ from the first derivative"
            )
        shown = shown_form(lower.function, lower.from_definition)
        found = g_form.find(lower.function, shown, result, lower.variable, self.values)
        return towards_g(result, found, lower.function, lower.variable, self.values)

    def prove(self, steps):
        lower = self.lower
        return prove_steps(self.start, steps, lower.function, lower.variable, self.values)

    def kinks(self, result):
        lower, z = self.lower, self.lower.variable
        return tuple(
            Kink(k.at, k.left, k.right, sp.nan, k.kind, "not derived for higher derivatives")
            for k in find_kinks(
                lower.plain_result,
                prepare(result, {g(z): lower.function}),
                z,
                self.values,
                at_kinks_of_lower=tuple(k.at for k in lower.kinks),
            )
        )

    def prove_result(self, walk):
        lower = self.lower
        z = lower.variable
        steps_proved = all(p.ok for p in walk.proofs)
        return prove_result(
            walk.result, lower.function, z, self.values, z, lower.order + 1, steps_proved
        )

    def singularities(self, result, kinks):
        lower, z = self.lower, self.lower.variable
        jumps = tuple(k for k in kinks if k.kind == "jump")
        higher = prepare(result, {g(z): lower.function})
        below = {k.at for k in lower.kinks}
        return tuple(
            s
            for s in find_singularities(lower.plain_result, higher, z, self.values, jumps)
            if s.at not in below or s.kind == "jump"
        )

    def built(self, walk, kinks, result_proof, singularities: tuple[Singularity, ...]):
        return dataclasses.replace(
            self.lower,
            **walked(walk, kinks, result_proof),
            order=self.lower.order + 1,
            lower=self.lower,
            singularities=singularities,
        )


# --- the builders the rest of the package calls -------------------------------------


def record(
    function: sp.Expr,
    z: sp.Symbol,
    *,
    title: str,
    activation: Activation | None = None,
    parameters: tuple[ParameterValue, ...] = (),
    numeric_values: Mapping[sp.Symbol, sp.Expr] | None = None,
    from_definition: bool = False,
    wrt: sp.Symbol | None = None,
    written: sp.Expr | None = None,
) -> Derivation:
    """Derive d/dz ``function`` (or d/d``wrt``) step by step, simplify, find the form in g,
    prove it all (see ``FirstDerivative``)."""
    target = FirstDerivative(
        function,
        z,
        title,
        activation,
        parameters,
        dict(numeric_values or {}),
        from_definition,
        wrt,
        written,
    )
    return derive(target)


def next_order(lower: Derivation) -> Derivation:
    """The derivative of ``lower``'s result (see ``HigherOrder``)."""
    return derive(HigherOrder(lower))
