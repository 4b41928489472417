"""Naming the mistake behind a wrong line, by re-making common mistakes and comparing.

Each model takes what the line should have equalled (the reference, and the
line before as written, with its pending derivatives) and builds the
expression a student making one particular mistake would have written: the
derivative of e^u without the factor u', the quotient rule with its numerator
swapped, a term left out, a sign flipped, (1 + e^-z)^2 written 1 + e^-2z...
The first model that agrees with the wrong line at every sample point names the
mistake.  A diagnosis is an explanation, not a verdict: the verdict has
already been decided by verify.prove_equal.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import mpmath
import sympy as sp

from ..functions import ActivationFunction, expand_activations
from ..piecewise import PIECEWISE_TYPES
from ..verify import DIGITS, TOLERANCE, first_mismatch, prepare, values_at
from .setting import Setting
from .verdicts import (
    CHAIN,
    DROPPED,
    DROPPED_POWER,
    FACTOR,
    POWER,
    PRODUCT,
    QUOTIENT,
    SIGN,
    Diagnosis,
)

MAX_MODELS = 200  # candidate mistakes tried per wrong line
REWRITE_LIMIT = 150  # largest reference (in operations) factored to show more mistakes
MIN_POINTS = 5


def diagnose(
    claimed: sp.Expr,
    reference: sp.Expr,
    written: sp.Basic,
    setting: Setting,
    also: Sequence[sp.Expr] = (),
):
    """The common mistake that turns ``reference`` into ``claimed``, or None.

    ``claimed`` and ``reference`` are prepared; ``written`` is the reference as
    written, pending derivatives kept (d/dz g itself for the first line);
    ``also`` are other forms of the reference (the true g') to make mistakes in.
    """
    z, values = setting.z, setting.values
    points = setting.points(claimed, reference)
    target = _values(claimed, z, values, points)
    if target is None:
        return None
    reference_values = _values(reference, z, values, points)
    if reference_values is None:
        return None
    forms = list(dict.fromkeys([reference, *also, *_rewritten(reference)]))
    for tried, (diagnosis, candidate) in enumerate(models(forms, written, z)):
        if tried >= MAX_MODELS:
            break
        candidate = prepare(candidate)
        if len(setting.tame([candidate], points)) < len(points):
            continue  # a model too large to evaluate everywhere is not worth the wait
        found = _values(candidate, z, values, points)
        if (
            found is not None
            and _agree(found, target, points)
            and not _agree(found, reference_values, points)
        ):  # a "mistake" that changes nothing
            return diagnosis
    return _constant_factor(target, reference_values)


def _agree(a: list, b: list, points: list) -> bool:
    compared, mismatch = first_mismatch(a, b, points)
    return mismatch is None and compared >= MIN_POINTS


def _values(expr: sp.Expr, z, values, points) -> list | None:
    try:
        return values_at(expr, z, values, points)
    except Exception:  # a model SymPy cannot evaluate is simply not this mistake
        return None  # (the CLI's time limit is a BaseException: it still stops the work)


def _rewritten(reference: sp.Expr) -> list[sp.Expr]:
    """The reference as one fraction and factored: where a power or a term shows."""
    if sp.count_ops(reference) > REWRITE_LIMIT or reference.has(*PIECEWISE_TYPES):
        return []
    return [sp.factor(reference), sp.together(reference)]


def models(forms: Sequence[sp.Expr], written: sp.Basic, z: sp.Symbol) -> Iterator[tuple]:
    """(diagnosis, the line a student making that mistake would write), likeliest first.

    ``forms`` are equal forms of what the line should be, the first as it stands.
    """
    reference = forms[0]
    pending = [node for node in sp.preorder_traversal(written) if isinstance(node, sp.Derivative)]
    yield from _chain_rule(written, pending, z)
    yield from _quotient_rule(written, pending, z)
    yield from _product_rule(written, pending, z)
    yield from _chain_rule_overall(reference, pending, z)
    # Mistakes in the line as it stands first, then in its other forms.
    yield from _power(reference)
    yield from _dropped_terms(reference)
    if pending:
        yield from _dropped_terms(written)
    yield from _signs(reference)
    yield from _dropped_powers(reference)
    for form in forms[1:]:
        yield from _power(form)
        yield from _dropped_terms(form)
        yield from _dropped_powers(form)


# --- differentiation rules ---------------------------------------------------------


def _inner(node: sp.Basic, z: sp.Symbol) -> sp.Expr | None:
    """u in f(u), e^u, u^n, a^u: the inside whose derivative the chain rule multiplies by."""
    if isinstance(node, (sp.exp, ActivationFunction)):
        inner = node.args[0]
    elif isinstance(node, sp.Pow):
        base, exponent = node.args
        inner = base if not exponent.has(z) else (exponent if not base.has(z) else None)
    elif (
        isinstance(node, sp.Function)
        and len(node.args) == 1
        and not isinstance(node, PIECEWISE_TYPES)
    ):
        inner = node.args[0]
    else:
        return None
    if inner is None or inner == z or not inner.has(z):
        return None
    return inner


def _derivative(expr: sp.Expr, z: sp.Symbol) -> sp.Expr:
    return sp.diff(expand_activations(expr), z)


def _without_chain_factor(target: sp.Expr, node: sp.Basic, inner: sp.Expr, z) -> sp.Expr:
    """d/dz target, but with ``node`` = f(u) differentiated as f'(u) alone (no u')."""
    stand_in = sp.Function("stand_in")(z)
    w = sp.Dummy("w")
    outer = sp.diff(node.xreplace({inner: w}), w).xreplace({w: inner})
    derivative = sp.diff(target.xreplace({node: stand_in}), z)
    return derivative.xreplace({sp.Derivative(stand_in, z): outer}).xreplace({stand_in: node})


def _chain_factors(pending, z) -> Iterator[tuple]:
    """(pending node, its target, the node f(u) inside, the diagnosis) for every chain rule."""
    for pending_node in pending:
        target = pending_node.args[0]
        for node in sp.preorder_traversal(target):
            inner = _inner(node, z)
            if inner is None:
                continue
            inner_derivative = sp.simplify(_derivative(inner, z))
            if inner_derivative == 1:
                continue
            diagnosis = Diagnosis(
                CHAIN, (("outer", node), ("inner", inner), ("inner_derivative", inner_derivative))
            )
            yield pending_node, target, node, inner, diagnosis


def _chain_rule(written, pending, z) -> Iterator[tuple]:
    """One chain rule done without its factor u', the rest right."""
    for pending_node, target, node, inner, diagnosis in _chain_factors(pending, z):
        try:
            wrong = _without_chain_factor(target, node, inner, z)
        except (TypeError, ValueError, NotImplementedError):
            continue
        yield diagnosis, written.xreplace({pending_node: wrong})


def _chain_rule_overall(reference, pending, z) -> Iterator[tuple]:
    """The whole line short of one factor u' (the ratio to the right line is u')."""
    for _, _, _, _, diagnosis in _chain_factors(pending, z):
        yield diagnosis, reference / diagnosis.part("inner_derivative")


def _quotient_parts(target: sp.Expr, z) -> tuple[sp.Expr, sp.Expr] | None:
    """(u, v) when target is written u/v with both depending on z."""
    top, bottom = [], []
    for factor in sp.Mul.make_args(target):
        exponent = factor.exp if isinstance(factor, sp.Pow) else None
        if exponent is not None and exponent.is_number and exponent.is_negative:
            bottom.append(factor.base ** (-exponent))
        else:
            top.append(factor)
    u, v = sp.Mul(*top), sp.Mul(*bottom)
    if bottom and u.has(z) and v.has(z):
        return u, v
    return None


def _quotient_rule(written, pending, z) -> Iterator[tuple]:
    for pending_node in pending:
        parts = _quotient_parts(pending_node.args[0], z)
        if parts is None:
            continue
        u, v = parts
        swapped = (u * _derivative(v, z) - _derivative(u, z) * v) / v**2
        diagnosis = Diagnosis(QUOTIENT, (("numerator", u), ("denominator", v)))
        yield diagnosis, written.xreplace({pending_node: swapped})


def _product_rule(written, pending, z) -> Iterator[tuple]:
    for pending_node in pending:
        target = pending_node.args[0]
        if _quotient_parts(target, z) is not None:
            continue
        factors = [f for f in sp.Mul.make_args(target) if f.has(z)]
        if len(factors) < 2:
            continue
        u = factors[0]
        v = target / u
        du, dv = _derivative(u, z), _derivative(v, z)
        yield (
            Diagnosis(PRODUCT, (("first", u), ("second", v))),
            written.xreplace({pending_node: du * dv}),
        )
        for kept, dropped in ((du * v, u * dv), (u * dv, du * v)):
            yield Diagnosis(DROPPED, (("term", dropped),)), written.xreplace({pending_node: kept})


# --- algebra -----------------------------------------------------------------------


def _nodes(expr: sp.Basic, kind) -> list:
    return [node for node in sp.preorder_traversal(expr) if isinstance(node, kind)]


def _power(reference: sp.Expr) -> Iterator[tuple]:
    """(1 + e^-z)^2 written 1 + e^-2z, tanh(z)^2 written tanh(z^2), (2z)^2 written 2z^2."""
    for node in _nodes(reference, sp.Pow):
        base, exponent = node.args
        if not (exponent.is_Integer and abs(exponent) >= 2):
            continue
        size, sign = abs(exponent), (1 if exponent > 0 else -1)
        wrongs = []
        if isinstance(base, sp.Add):
            wrongs.append(sp.Add(*(term**size for term in base.args)) ** sign)
        if isinstance(base, sp.Function) and len(base.args) == 1:
            wrongs.append(base.func(base.args[0] ** size) ** sign)
        if isinstance(base, sp.Mul):
            coefficient, rest = base.as_coeff_Mul()
            if coefficient != 1:
                wrongs += [(coefficient * rest**size) ** sign, (coefficient**size * rest) ** sign]
        for wrong in wrongs:
            diagnosis = Diagnosis(POWER, (("written", node), ("wrong", wrong)))
            yield diagnosis, reference.xreplace({node: wrong})


def _dropped_terms(expr: sp.Basic) -> Iterator[tuple]:
    for node in _nodes(expr, sp.Add):
        for term in node.args:
            yield Diagnosis(DROPPED, (("term", term),)), expr.xreplace({node: node - term})


def _signs(reference: sp.Expr) -> Iterator[tuple]:
    yield Diagnosis(SIGN, (("whole", reference),)), -reference
    for node in _nodes(reference, sp.Add):
        for term in node.args:
            yield Diagnosis(SIGN, (("term", term),)), reference.xreplace({node: node - 2 * term})
    for node in _nodes(reference, sp.exp):
        yield (
            Diagnosis(SIGN, (("exponent", node.args[0]),)),
            reference.xreplace({node: sp.exp(-node.args[0])}),
        )


def _dropped_powers(reference: sp.Expr) -> Iterator[tuple]:
    for node in _nodes(reference, sp.Pow):
        base, exponent = node.args
        if exponent.is_Integer and abs(exponent) >= 2:
            wrong = base if exponent > 0 else 1 / base
            yield Diagnosis(DROPPED_POWER, (("written", node),)), reference.xreplace({node: wrong})


def _constant_factor(claimed: list, reference: list) -> Diagnosis | None:
    """The line is k times what it should be, for one constant k."""
    ratios = []
    with mpmath.workdps(DIGITS):
        for a, b in zip(claimed, reference, strict=True):
            if a is None or b is None or abs(b) < mpmath.mpf("1e-12"):
                continue
            ratios.append(a / b)
        if len(ratios) < MIN_POINTS:
            return None
        first = ratios[0]
        if any(abs(r - first) > TOLERANCE * max(1, abs(first)) * 10**6 for r in ratios):
            return None
        if abs(first - 1) < TOLERANCE or abs(first) < TOLERANCE:
            return None
        factor = sp.nsimplify(sp.Float(mpmath.nstr(first, 30), 30), tolerance=1e-20, rational=True)
    return Diagnosis(FACTOR, (("factor", factor),))
