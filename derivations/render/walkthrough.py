"""The walkthrough's content, line by line, shared by the plain and the rich renderer.

Each line is a list of (text, style) pieces.  Formulas carry marks (see
``notation``): kind "t" for the part the next step acts on, "n" for the part
the step just produced.  Renderers decide how marks and styles look.
"""

from __future__ import annotations

import sympy as sp

from ..derivation import DIFFERENTIATE, IN_G, IN_S, SIMPLIFY, Derivation, Step
from ..numeric_root import numeric_roots
from .defined import RESULT_EQUALS_DIFF, as_text, everywhere, proof_facts, sentences, steps_phrase
from .marks import step_marks
from .notation import Writer
from .points import approximately, bracket, numeric_points, point_names, solved
from .unicode import format_number

Line = list[tuple[str, str]]

TARGET, NEW = "t", "n"
PHASE_TITLES = {
    DIFFERENTIATE: "differentiate, one rule at a time",
    SIMPLIFY: "simplify, one move at a time",
    IN_G: "write g′ in terms of g",
    IN_S: "write it in terms of s",
}


_PRIMES = {1: "′", 2: "″", 3: "‴"}


def _named(order: int) -> str:
    """g, g′, g″, ... g⁽⁴⁾."""
    return "g" + (_PRIMES.get(order, f"⁽{order}⁾") if order else "")


def labels(derivation: Derivation, writer: Writer) -> tuple[str, str]:
    """How the function and its derivative are named: g(z) and g′(z), g″(z), ∂g/∂a, ∂sᵢ/∂zⱼ."""
    z = writer.write(derivation.variable)
    if derivation.lhs is not None:
        lhs = writer.write(derivation.lhs)
        return lhs, f"∂{lhs}/∂{z}"
    if derivation.wrt is not None:
        return f"g({z})", f"∂g/∂{writer.write(derivation.wrt)}"
    return f"g({z})", f"{_named(derivation.order)}({z})"


def _marks(step: Step | None, following: Step | None) -> dict[tuple[int, ...], str]:
    return step_marks(step, following, NEW, TARGET)


def header(derivation: Derivation, writer: Writer) -> list[Line]:
    entry = derivation.activation or derivation.vector
    title: Line = [(derivation.title, "title")]
    if derivation.order > 1:
        title.append((f"  derivative of order {derivation.order}", "dim"))
    if entry is not None:
        if entry.aliases:
            title.append(("  also " + ", ".join(entry.aliases), "dim"))
        if entry.framework:
            title.append((f"  ({entry.framework})", "dim"))
    function, _ = labels(derivation, writer)
    lines = [title, [(f"{function} = {writer.write(derivation.function)}", "formula")]]
    for p in derivation.parameters:
        if p.value == p.symbol:
            value = "kept symbolic" + (
                f" (default {format_number(p.default)})" if p.default else ""
            )
        else:
            value = f"= {writer.write(p.value)}"
        lines.append([(f"{writer.write(p.symbol)} {value}", "formula"), (f"  {p.meaning}", "dim")])
    return lines


def step_lines(derivation: Derivation, writer: Writer) -> list[Line]:
    steps = derivation.steps
    first = steps[0] if steps else None
    lines: list[Line] = [
        [
            (f"{labels(derivation, writer)[1]} = ", "formula"),
            (writer.write(derivation.start, _marks(None, first)), "formula"),
        ]
    ]
    phase = DIFFERENTIATE
    for index, step in enumerate(steps):
        if step.phase != phase:
            phase = step.phase
            lines.append([(PHASE_TITLES.get(phase, phase), "phase")])
        following = steps[index + 1] if index + 1 < len(steps) else None
        proof = derivation.proofs[index]
        rule: Line = [(f"{index + 1:>3}  ", "dim"), (step.rule, "rule")]
        rule.append((f" · {step.explanation}", "explain"))
        if step.bindings:
            rule.append(
                ("  [" + "; ".join(_binding(b, writer) for b in step.bindings) + "]", "bind")
            )
        if not proof.ok:
            rule.append(("  NOT PROVED", "bad"))
        lines.append(rule)
        formula = writer.write(step.expression, _marks(step, following))
        lines.append([("       = ", "dim"), (formula, "formula")])
    return lines


def _binding(binding: tuple[sp.Expr, sp.Expr], writer: Writer) -> str:
    name, value = binding
    return f"{writer.write(name)} = {writer.write(value)}"


def summary(derivation: Derivation, writer: Writer) -> list[Line]:
    _, derivative = labels(derivation, writer)
    letter = "s" if derivation.vector is not None else "g"
    lines: list[Line] = []
    if not derivation.complete:
        missing = ", ".join(writer.write(m) for m in derivation.missing_rules)
        lines.append(
            [("no rule", "bad"), (f"  for {missing}: the derivative cannot be finished", "")]
        )
        return lines
    result = f"{derivative} = {writer.write(derivation.result)}"
    lines.append([("result       ", "label"), (result, "result")])
    form = derivation.in_terms_of_g
    if form.exists:
        line: Line = [
            (f"in {letter}         ", "label"),
            (f"{derivative} = {writer.write(form.expression)}", "result"),
        ]
        trivial = form.kernel_in_g == derivation.g  # tanh(z) = g(z) says nothing new
        if form.kernel is not None and form.kernel_in_g is not None and not trivial:
            line.append(
                (f"   from {writer.write(form.kernel)} = {writer.write(form.kernel_in_g)}", "dim")
            )
        lines.append(line)
    else:
        lines.append([(f"in {letter}         ", "label"), ("none: " + form.reason, "dim")])
    lines.extend(_kink_lines(derivation, writer))
    lines.extend(_point_lines(derivation, writer))
    lines.append([("proof        ", "label"), *_proof_text(derivation)])
    if derivation.note:
        lines.append([("note         ", "label"), (derivation.note, "")])
    return lines


def _kink_lines(derivation: Derivation, writer: Writer) -> list[Line]:
    z = writer.write(derivation.variable)
    derivative = labels(derivation, writer)[1]
    lines = [
        [(label, "label"), (as_text(parts, writer.write), "kink")]
        for label, parts in zip(
            ("domain       ", *["singularity  "] * len(derivation.singularities)),
            sentences(derivation, _named(derivation.order)),
            strict=False,
        )
    ]
    if not derivation.kinks:
        if everywhere(derivation):
            return [[("kinks        ", "label"), (f"none: {derivative} exists everywhere", "")]]
        return [*lines, [("kinks        ", "label"), ("none (no corners)", "")]]
    # Of g″ the kinks are where g′ jumps or has a corner, and the limits are those of g″.
    jumping, limit = _named(derivation.order - 1), _named(derivation.order)
    for kink in derivation.kinks:
        where = f"{z} = {writer.write(kink.at)}"
        what = f"{jumping} jumps" if kink.kind == "jump" else "a corner"
        text = (
            f"{where}: {what}, not differentiable; from the left {limit} → "
            f"{_value(kink.left, writer)}, from the right {limit} → {_value(kink.right, writer)}"
        )
        if kink.value_used is not sp.nan:
            text += f"; autograd uses {_value(kink.value_used, writer)}"
        lines.append(
            [("kink         ", "label"), (text, "kink"), (f"  ({kink.convention})", "dim")]
        )
    return lines


def _value(value: sp.Expr, writer: Writer) -> str:
    """A one-sided value; at a numerically located point, its digits (≈ 0.22469)."""
    if numeric_roots(value):
        return "≈ " + approximately(value)
    return writer.write(value)


def _point_lines(derivation: Derivation, writer: Writer) -> list[Line]:
    """z₀ ≈ 0.65904, where z = σ(z): each point located numerically, and what it solves."""
    lines = []
    for root in numeric_points(derivation):
        name = writer.write(root)
        z = writer.write(derivation.variable)
        text = f"{name} ≈ {approximately(root)}, where {writer.write(solved(root, derivation))}"
        lo, hi = bracket(root)
        where = f"  (the one solution with {lo} < {z} < {hi}, located numerically and proved)"
        lines.append([("point        ", "label"), (text, ""), (where, "dim")])
    return lines


def _proof_text(derivation: Derivation) -> Line:
    facts = proof_facts(derivation)
    if facts.proved:
        return [
            (f"{steps_phrase(facts.steps)} proved equal to the step before", "good"),
            (f" {facts.how}; {RESULT_EQUALS_DIFF}", ""),
        ]
    text = f"NOT PROVED: step(s) {', '.join(facts.failed) or '-'}"
    if not facts.result_ok:
        text += "; the result does not match SymPy's diff"
    return [(text, "bad")]


def walkthrough(derivation: Derivation, writer: Writer | None = None) -> list[Line]:
    writer = writer or Writer()
    if not writer.points:
        writer.points = point_names(derivation)
    return [
        *header(derivation, writer),
        [],
        *step_lines(derivation, writer),
        [],
        *summary(derivation, writer),
    ]
