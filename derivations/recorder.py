"""The recorded walk: g'(z) from the first pending derivative to the form in g.

The state is always the whole expression of g'(z).  A step applies one rule to
one pending derivative (the first in reading order), or one named algebraic
move, or one rewrite towards g(z); each is stored as a ``Step`` and proved
equal to the state before it.  ``Derivation`` is plain data: renderers read
it, nothing in it is text for the screen except the words of explanations.
"""

from __future__ import annotations

import sympy as sp

from .budget import OverBudget, within
from .derivation import (
    AS_ALGEBRA,
    BY_OPERANDS,
    DIFFERENTIATE,
    IN_G,
    SIMPLIFY,
    GForm,
    Step,
    g,
)
from .domain import real_line
from .errors import InputRefused
from .forms import at, find_first, replace_at, transform
from .functions import ActivationFunction
from .kinks import covering_breakpoints
from .rules import DEFINITIONS, Context, differentiate_once
from .simplify import MOVES
from .verify import prepare, symbolically_equal

MAX_STEPS = 400
FORM_PROOF_SECONDS = 3.0  # the form in g is for looks: SymPy may spend minutes proving one
CHAIN_NAMES = ("u", "v", "w", "p", "q", "r", "s")


# --- the walk ---------------------------------------------------------------------


def _is_pending(node: sp.Basic) -> bool:
    return isinstance(node, sp.Derivative)


def differentiate(state: sp.Expr, context: Context) -> tuple[list[Step], sp.Expr, list[sp.Expr]]:
    """Apply rules until no pending derivative is left (or none has a rule)."""
    steps: list[Step] = []
    stuck: list[sp.Expr] = []
    names = iter(CHAIN_NAMES + tuple(f"u{i}" for i in range(2, MAX_STEPS)))
    while True:
        path = find_first(state, lambda n: _is_pending(n) and n not in stuck)
        if path is None:
            return steps, state, stuck
        if len(steps) >= MAX_STEPS:
            raise InputRefused(f"the derivation needs more than {MAX_STEPS} steps")
        target = at(state, path)
        applied = differentiate_once(target.args[0], context)
        if applied is None:
            stuck.append(target)
            continue
        bindings = ()
        if applied.inner is not None:
            bindings = ((sp.Symbol(next(names), real=True), applied.inner),)
        state = replace_at(state, path, applied.result)
        steps.append(
            Step(
                applied.rule,
                applied.explanation,
                applied.law,
                target,
                applied.result,
                state,
                path,
                DIFFERENTIATE,
                bindings,
                BY_OPERANDS if applied.by_operands else "",
            )
        )


def simplify(state: sp.Expr, context: Context) -> tuple[list[Step], sp.Expr]:
    """Apply named moves, cheapest first, until none changes anything."""
    steps: list[Step] = []
    changed = True
    while changed:
        changed = False
        for candidate in MOVES:
            after = candidate.apply(state, context)
            if after is None or after == state:
                continue
            name, explanation = candidate.words(state)
            steps.append(
                Step(name, explanation, "", state, after, after, None, SIMPLIFY, (), AS_ALGEBRA)
            )
            state, changed = after, True
            if len(steps) > MAX_STEPS:
                raise InputRefused(f"simplifying needs more than {MAX_STEPS} steps")
            break
    return steps, state


def towards_g(
    result: sp.Expr, form: GForm, function: sp.Expr, z: sp.Symbol, values
) -> tuple[list[Step], GForm]:
    """The steps from g'(z) in z to its form in g(z), and the form (dropped if unprovable)."""
    if not form.exists:
        return [], form
    substitution = {g(z): function}

    def provable(a, b) -> bool:
        try:
            with within(FORM_PROOF_SECONDS):
                method = symbolically_equal(
                    prepare(a, substitution), prepare(b, substitution), z, values
                )
        except InputRefused:  # e.g. breakpoints of a condition on g that cannot be located
            return False
        except OverBudget:
            over_budget.append(True)
            return False
        return method is not None

    over_budget: list[bool] = []

    steps = []
    state = result
    if form.shown is not None and form.shown != result and provable(result, form.shown):
        is_fraction = any(f.is_Pow and f.args[1].is_negative for f in sp.Mul.make_args(result))
        name = "split the fraction" if is_fraction else "rewrite to show g"
        why = (
            "write g′ as a product of pieces that are functions of g"
            if form.shown.is_Mul
            else "write g′ so the pieces that are functions of g stand out"
        )
        steps.append(Step(name, why, "", state, form.shown, form.shown, None, IN_G))
        state = form.shown
    if over_budget or not provable(state, form.expression):
        return [], GForm(
            None, "a form in g fits numerically but could not be proved, so none is given"
        )
    bindings = tuple((i.in_g, i.in_z) for i in form.identities)
    explanation = (
        "replace each piece by the function of g(z) it equals" if bindings else form.reason
    )
    steps.append(
        Step(
            "write in terms of g",
            explanation,
            "",
            state,
            form.expression,
            form.expression,
            None,
            IN_G,
            bindings,
        )
    )
    return steps, form


# --- putting it together ----------------------------------------------------------


def shown_form(function: sp.Expr, from_definition: bool) -> sp.Expr:
    """How g(z) is written when the derivation starts from definitions."""
    if not from_definition:
        return function

    def written(node):
        if isinstance(node, ActivationFunction):
            return node.definition()
        if node.func in DEFINITIONS and len(node.args) == 1:
            return DEFINITIONS[node.func](node.args[0])
        return None

    return transform(function, written)


def derive_pending(start: sp.Expr, context: Context):
    """The rule steps, the simplifying moves, the result and what had no rule."""
    rule_steps, state, stuck = differentiate(start, context)
    simplify_steps, result = simplify(state, context) if not stuck else ([], state)
    if result.has(sp.nan):
        # relu(max(0, z)): relu′ is asked for at its kink for every z < 0, where the chain
        # rule says nothing (the composite is still differentiable there).
        raise InputRefused(
            "the chain rule needs a derivative at a kink on a whole interval (an inner "
            "function sits at an outer kink for every z in it); simplify the formula first"
        )
    return rule_steps, simplify_steps, result, stuck


def covering_steps(result: sp.Expr, function: sp.Expr, z: sp.Symbol, values) -> list[Step]:
    """A step that includes in the result each breakpoint where g′ exists."""
    covered = covering_breakpoints(result, prepare(function), z, values)
    if covered is None:
        return []
    after, points = covered
    where = ", ".join(f"z = {sp.sstr(p)}" for p in points)
    why = f"both pieces give the same slope at {where}, where g is continuous, so g′ exists there"
    return [
        Step(
            "include the breakpoint", why, "", result, after, after, None, SIMPLIFY, (), AS_ALGEBRA
        )
    ]


def nowhere_defined(defined: sp.Expr, z: sp.Symbol, values) -> str:
    """Why g is defined nowhere, naming the smallest part of it that is."""
    for node in sp.postorder_traversal(defined):
        restricted = isinstance(node, (sp.log, sp.Pow, sp.asin, sp.acos, sp.atanh, sp.acosh))
        small = restricted and node.has(z) and sp.count_ops(node) <= 40
        if small and real_line(node, z, values).domain() == sp.S.EmptySet:
            part = sp.sstr(node)
            if len(part) > 120:
                part = part[:117] + "…"
            return f"g({z}) is not defined for any real {z}: {part} is defined nowhere"
    return f"g({z}) is not defined for any real {z}"


def refuse_if_never_computable(proofs) -> None:
    """Every step proved is also compared at points; where a step has no point with a
    computable value (e^(e^(e^(…))) seven deep exceeds e^(10^20) for every z), say so
    rather than claim."""
    for number, proof in enumerate(proofs, start=1):
        if proof.points == 0 and proof.mismatch is None:
            raise InputRefused(
                f"g′ cannot be evaluated at any point tried (step {number} has no value "
                "there: undefined, or beyond e^(10^20)), so its steps cannot be checked "
                "numerically"
            )
