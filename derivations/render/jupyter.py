"""Derivations in Jupyter: typeset maths, and a step-by-step view for teaching.

``Derivation._repr_latex_`` uses ``repr_latex``: the whole derivation in one
``aligned`` block.  ``step_by_step(d)`` shows one step at a time: the rule and
why, the expression before it with the part the rule acts on in red, and the
expression after it with what the rule produced in blue.  Nothing here imports
IPython: Jupyter finds the ``_repr_*_`` methods by itself.

    from derivations import derive
    from derivations.render.jupyter import step_by_step
    d = derive("sigmoid")
    d                      # the whole derivation, typeset
    steps = step_by_step(d)
    steps[0]               # step 1 alone; steps[:3] the first three; steps all of them
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import sympy as sp

from ..derivation import Derivation, Step
from .markdown import display, escape
from .tex import latex_boxes as boxes
from .tex import latex_widths as widths
from .tex.latex import ACTED_ON, PRODUCED, Options, align_body, writer_for
from .tex.latex_align import INDENT, TEXT_WIDTH, environment


def repr_latex(derivation: Derivation, options: Options | None = None) -> str:
    """The whole derivation as ``$$\\begin{aligned}…\\end{aligned}$$``."""
    body = environment(align_body(derivation, options or Options()), "aligned")
    return f"$${body}$$"


def _lines(box: boxes.Box, relation: str) -> list[str]:
    first_width = TEXT_WIDTH - widths.RELATION
    pieces = boxes.break_lines(box, first_width, TEXT_WIDTH - INDENT)
    head = f"&{relation} {pieces[0][0]}" if relation else f"& {pieces[0][0]}"
    return [head, *(rf"&\quad {text}" for text, _ in pieces[1:])]


@dataclass(frozen=True)
class StepView:
    """One step, shown as the rule and the expression before and after it."""

    number: int
    count: int
    step: Step
    before: sp.Expr
    derivation: Derivation
    options: Options

    def math(self) -> str:
        writer = writer_for(self.derivation, self.options)
        step = self.step
        acted_on = {step.path: ACTED_ON} if step.path is not None else {}
        produced = {step.path: PRODUCED} if step.path is not None else {}
        lines = _lines(writer.box(self.before, acted_on), "")
        lines += _lines(writer.box(step.expression, produced), "=")
        return display(lines)

    def heading(self) -> str:
        step = self.step
        writer = writer_for(self.derivation, self.options)
        text = f"**Step {self.number} of {self.count}: {escape(step.rule)}**"
        text += f" — {escape(step.explanation)}" if step.explanation else ""
        if step.bindings:
            named = ", ".join(f"${writer.write(n)} = {writer.write(v)}$" for n, v in step.bindings)
            text += f" ({named})"
        return text

    def _repr_markdown_(self) -> str:
        return f"{self.heading()}\n\n{self.math()}"

    def __repr__(self) -> str:
        return f"Step {self.number} of {self.count}: {self.step.rule}"


class StepByStep(Sequence):
    """The steps of a derivation, each shown on its own (index or slice it to reveal some)."""

    def __init__(self, views: list[StepView]):
        self._views = views

    def __len__(self) -> int:
        return len(self._views)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return StepByStep(self._views[index])
        return self._views[index]

    def _repr_markdown_(self) -> str:
        return "\n\n".join(view._repr_markdown_() for view in self._views)

    def __repr__(self) -> str:
        return "\n".join(repr(view) for view in self._views)


def step_by_step(derivation: Derivation, options: Options | None = None) -> StepByStep:
    """A view of ``derivation`` one step at a time, for a notebook."""
    options = options or Options(highlight=True)
    steps = derivation.steps
    before = [derivation.start, *(s.expression for s in steps[:-1])]
    views = [
        StepView(i + 1, len(steps), step, previous, derivation, options)
        for i, (step, previous) in enumerate(zip(steps, before, strict=True))
    ]
    return StepByStep(views)
