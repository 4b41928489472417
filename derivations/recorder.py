"""The recorded walk: g'(z) from the first pending derivative to the form in g.

The state is always the whole expression of g'(z).  A step applies one rule to
one pending derivative (the first in reading order), or one named algebraic
move, or one rewrite towards g(z); each is stored as a ``Step`` and proved
equal to the state before it.  ``Derivation`` is plain data: renderers read
it, nothing in it is text for the screen except the words of explanations.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

import sympy as sp

from . import in_terms_of_g as g_form
from .catalog import Activation
from .derivation import (
    DIFFERENTIATE,
    IN_G,
    SIMPLIFY,
    Derivation,
    GForm,
    Kink,
    ParameterValue,
    Singularity,
    Step,
    g,
)
from .domain import real_line
from .errors import InputRefused, UsageError
from .forms import at, find_first, pending, replace_at, substitute, transform
from .functions import ActivationFunction
from .kinks import covering_breakpoints, find_kinks
from .memory import memoized
from .piecewise import solved_for
from .proof import prove_result, prove_steps
from .rules import DEFINITIONS, Context, differentiate_once
from .simplify import MOVES, name_of
from .singularities import find_singularities
from .verify import prepare, symbolically_equal

MAX_STEPS = 400
MAX_ORDER = 6
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
            name, explanation = name_of(candidate, state)
            steps.append(Step(name, explanation, "", state, after, after, None, SIMPLIFY))
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
            method = symbolically_equal(
                prepare(a, substitution), prepare(b, substitution), z, values
            )
        except InputRefused:  # e.g. breakpoints of a condition on g that cannot be located
            return False
        return method is not None

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
    if not provable(state, form.expression):
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


def _covered(result: sp.Expr, function: sp.Expr, z: sp.Symbol, values) -> list[Step]:
    """A step that includes in the result each breakpoint where g′ exists."""
    covered = covering_breakpoints(result, prepare(function), z, values)
    if covered is None:
        return []
    after, points = covered
    where = ", ".join(f"z = {sp.sstr(p)}" for p in points)
    why = f"both pieces give the same slope at {where}, where g is continuous, so g′ exists there"
    return [Step("include the breakpoint", why, "", result, after, after, None, SIMPLIFY)]


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
    prove it all.  ``written``, the formula as typed (unevaluated), says where it is
    defined when SymPy's evaluation lost that (z/z is 1, but not at z = 0)."""
    numeric_values = dict(numeric_values or {})
    by = wrt if wrt is not None else z
    defined = written if written is not None else function
    if real_line(defined, z, numeric_values).domain() == sp.S.EmptySet:
        raise InputRefused(_nowhere_defined(defined, z, numeric_values))
    context = Context(by, numeric_values, from_definition, known_derivative, space=z)
    start = pending(function, by)
    rule_steps, simplify_steps, result, stuck = derive_pending(start, context)
    if not stuck and wrt is None:
        covering = _covered(result, function, z, numeric_values)
        simplify_steps, result = (
            [*simplify_steps, *covering],
            covering[-1].expression if covering else result,
        )
    if stuck:
        form = GForm(None, "the derivative could not be finished")
    elif wrt is not None:
        form = GForm(None, "not sought for a derivative with respect to a parameter")
    else:
        shown = shown_form(function, from_definition)
        form = g_form.find(function, shown, result, z, numeric_values)
    g_steps, form = towards_g(result, form, function, z, numeric_values)
    steps = [*rule_steps, *simplify_steps, *g_steps]
    proofs = prove_steps(start, steps, function, z, numeric_values, defined)
    _refuse_if_never_computable(proofs)
    kinks: tuple[Kink, ...] = ()
    result_proof = None
    if not stuck:
        if wrt is None:
            kinks = find_kinks(
                prepare(function),
                prepare(result),
                z,
                numeric_values,
                activation,
                {p.symbol: p.value for p in parameters},
                as_written=function,
            )
        result_proof = prove_result(
            result,
            function,
            z,
            numeric_values,
            by,
            steps_proved=all(p.ok for p in proofs),
            defined=defined,
        )
    domain, singularities = _where_defined(defined, result, stuck, z, numeric_values, kinks)
    return Derivation(
        title=title,
        activation=activation,
        variable=z,
        function=function,
        parameters=parameters,
        start=start,
        steps=tuple(steps),
        result=result,
        in_terms_of_g=form,
        kinks=kinks,
        missing_rules=tuple(stuck),
        proofs=proofs,
        result_proof=result_proof,
        from_definition=from_definition,
        wrt=wrt,
        check_values=tuple(numeric_values.items()),
        domain=domain,
        singularities=singularities if wrt is None else (),
    )


def _nowhere_defined(defined: sp.Expr, z: sp.Symbol, values) -> str:
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


def _refuse_if_never_computable(proofs) -> None:
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


def _where_defined(function, result, stuck, z, values, kinks):
    """g's domain, and the singularities of g′ (none sought while a derivative is missing)."""
    domain = real_line(function, z, values).domain()  # as written: see real_line
    if stuck:
        return domain, ()
    jumps = tuple(k for k in kinks if k.kind == "jump")
    derivative = prepare(result, {g(z): function})
    return domain, find_singularities(function, derivative, z, values, jumps)


def next_order(lower: Derivation) -> Derivation:
    """The derivative of ``lower``'s result: from its form in g when that is pure (using
    g′ from the first derivative), else from its result in z."""
    z, function = lower.variable, lower.function
    values = dict(lower.check_values)
    first = lower.first
    first_form = first.in_terms_of_g
    in_g = (
        lower.in_terms_of_g.exists
        and first_form.from_output_alone(z)
        and lower.in_terms_of_g.from_output_alone(z)
        and not first_form.expression.has(sp.Piecewise)
        and not lower.in_terms_of_g.expression.has(sp.Piecewise)
    )
    known = first_form.expression if in_g else None
    context = Context(z, values, lower.from_definition, known_derivative, known_g=known)
    start = pending(lower.in_terms_of_g.expression if in_g else lower.result, z)
    rule_steps, simplify_steps, result, stuck = derive_pending(start, context)
    steps: list[Step] = [*rule_steps, *simplify_steps]
    if stuck:
        form = GForm(None, "the derivative could not be finished")
    elif in_g:
        form = GForm(result, "differentiated the form in g, with g′ from the first derivative")
    else:
        shown = shown_form(function, lower.from_definition)
        form = g_form.find(function, shown, result, z, values)
        g_steps, form = towards_g(result, form, function, z, values)
        steps += g_steps
    proofs = prove_steps(start, steps, function, z, values)
    kinks: tuple[Kink, ...] = ()
    result_proof = None
    if not stuck:
        kinks = tuple(
            Kink(k.at, k.left, k.right, sp.nan, k.kind, "not derived for higher derivatives")
            for k in find_kinks(
                lower.plain_result,
                prepare(result, {g(z): function}),
                z,
                values,
                at_kinks_of_lower=tuple(k.at for k in lower.kinks),
            )
        )
        result_proof = prove_result(
            result, function, z, values, z, lower.order + 1, all(p.ok for p in proofs)
        )
    singularities: tuple[Singularity, ...] = ()
    if not stuck:
        jumps = tuple(k for k in kinks if k.kind == "jump")
        higher = prepare(result, {g(z): function})
        below = {k.at for k in lower.kinks}
        singularities = tuple(
            s
            for s in find_singularities(lower.plain_result, higher, z, values, jumps)
            if s.at not in below or s.kind == "jump"
        )
    return dataclasses.replace(
        lower,
        start=start,
        steps=tuple(steps),
        result=result,
        in_terms_of_g=form,
        kinks=kinks,
        missing_rules=tuple(stuck),
        proofs=proofs,
        result_proof=result_proof,
        order=lower.order + 1,
        lower=lower,
        singularities=singularities,
    )


def derive_activation(
    activation: Activation,
    overrides: Mapping[str, sp.Expr] | None = None,
    *,
    symbolic: bool = False,
    from_definition: bool = False,
    wrt: str | None = None,
) -> Derivation:
    """The derivation of a catalog entry with its parameters filled in (or kept symbolic);
    with ``wrt``, the derivative with respect to that parameter."""
    overrides = dict(overrides or {})
    by = None
    if wrt is not None:
        names = [p.name for p in activation.parameters]
        if wrt not in names:
            raise UsageError(
                f"{activation.name} has no parameter {wrt!r} to differentiate by "
                f"(its parameters: {', '.join(names) or 'none'})"
            )
        by = next(p.symbol for p in activation.parameters if p.name == wrt)
    values = activation.parameter_values(overrides, symbolic)
    numeric = {
        p.symbol: p.default if values[p.symbol] == p.symbol else values[p.symbol]
        for p in activation.parameters
    }
    if by is not None:
        values[by] = by  # differentiated by: it stays a symbol; checked at its value
        overrides[wrt] = by
    parameters = tuple(
        ParameterValue(p.name, p.symbol, values[p.symbol], p.default, p.meaning)
        for p in activation.parameters
    )
    return record(
        activation.instantiate(overrides, symbolic),
        activation.variable,
        title=activation.name,
        activation=activation,
        parameters=parameters,
        numeric_values=numeric,
        from_definition=from_definition,
        wrt=by,
    )


def up_to_order(derivation: Derivation, order: int) -> Derivation:
    """The derivation of the given order, each order derived from the one before."""
    if order < 1 or order > MAX_ORDER:
        raise UsageError(f"--order must be between 1 and {MAX_ORDER}, not {order}")
    if order > 1 and derivation.wrt is not None:
        raise UsageError("--order applies to derivatives in z, not with --wrt")
    while derivation.order < order and derivation.complete:
        derivation = next_order(derivation)
    return derivation


@memoized(256)
def _entry_derivation(name: str, arguments: tuple[sp.Expr, ...]) -> Derivation:
    from .catalog import lookup

    entry = lookup(name)
    overrides = {p.name: v for p, v in zip(entry.parameters, arguments, strict=False)}
    return derive_activation(entry, overrides)


def derive_activation_function(f: ActivationFunction) -> Derivation:
    """The derivation of the catalog entry behind σ(u), relu(u), ... (cached)."""
    return _entry_derivation(f.func.activation.name, tuple(f.args[1:]))


def known_derivative(f: ActivationFunction, variable: sp.Symbol) -> sp.Expr:
    """F'(u) for a catalog function F(u): its own form in g when smooth, else its result."""
    derivation = derive_activation_function(f)
    z = derivation.variable
    form = derivation.result_in_terms_of_g
    if form is not None and not form.has(sp.Piecewise):
        return substitute(form, {g(z): f})
    outer = substitute(derivation.result, {z: f.args[0]})
    return transform(outer, _solving_conditions(variable))


def _solving_conditions(z: sp.Symbol):
    def change(node):
        if isinstance(node, sp.Piecewise):
            return sp.Piecewise(*((e, solved_for(c, z)) for e, c in node.args), evaluate=False)
        return None

    return change
