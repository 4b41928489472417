"""A derivation in LaTeX: one ``align*`` block, from the definition to the kinks.

Rows: g(z) = its definition; g′(z) = d/dz(…); one row per step (``&= …``)
with the rule as the right-hand justification (``&& \\text{chain rule}``);
the result and the form in g boxed; for each kink a ``cases`` display of the
one-sided limits.  With ``highlight`` the part the next step acts on is red
and the part a step produced is blue (xcolor).  Long rows are broken and long
justifications wrapped (``latex_align``), so the block fits an article's text width.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

from ...derivation import IN_G, Derivation, Step
from ..defined import Approach, Maths, latex_approach, sentences
from ..layout import ATOM
from ..marks import step_marks
from ..points import approximately, numeric_points, point_names, solved
from . import latex_boxes as boxes
from . import latex_widths as widths
from .latex_align import TEXT_WIDTH, AlignRow, Token, environment, formula, glued, layout, words
from .latex_math import LatexWriter
from .latex_names import function_name
from .latex_text import latex_text

ACTED_ON, PRODUCED = "red", "blue"


@dataclass(frozen=True)
class Options:
    """How a derivation is typeset."""

    highlight: bool = False  # colour the acted-on part (red) and what a step produced (blue)
    exp_function: bool = False  # \exp(x) instead of e^{x}
    own_symbol: bool = False  # the activation's own symbol (\sigma) instead of g
    width: float = TEXT_WIDTH  # em available for the block


def g_symbol(derivation: Derivation, options: Options) -> str:
    """The name g is written with: g, or the activation's own symbol."""
    if options.own_symbol and derivation.activation is not None:
        return derivation.activation.symbol
    return "g"


def writer_for(derivation: Derivation, options: Options) -> LatexWriter:
    points = point_names(derivation, "latex")
    return LatexWriter(g_symbol(derivation, options), options.exp_function, points)


_PRIMES = {1: "'", 2: "''", 3: "'''"}


def g_of_z(derivation: Derivation, options: Options, prime: bool = False) -> tuple[str, float]:
    """How the function and its derivative are named, as LaTeX with a width: g(z) and
    g'(z) (\\sigma'(z) with the own symbol), g''(z), ∂g/∂a, ∂s_i/∂z_j."""
    writer = writer_for(derivation, options)
    z = writer.box(derivation.variable)
    lhs = derivation.lhs  # a component of a vector activation
    if lhs is not None:
        f = writer.box(lhs)
        if not prime:
            return f.text, f.width
        tex = rf"\frac{{\partial {f.text}}}{{\partial {z.text}}}"
        return tex, max(f.width, z.width) + 0.9
    name, width = function_name(g_symbol(derivation, options))
    function = (f"{name}({z.text})", width + z.width + 2 * widths.PAREN)
    if not prime:
        return function
    wrt = derivation.wrt
    if wrt is not None:
        by = writer.box(wrt)
        return rf"\frac{{\partial {name}}}{{\partial {by.text}}}", max(width, by.width) + 0.9
    order = derivation.order
    mark = _PRIMES.get(order, f"^{{({order})}}")
    return f"{name}{mark}({z.text})", function[1] + 0.3 * len(mark)


# --- rows ------------------------------------------------------------------------------


def _marks(step: Step | None, following: Step | None, options: Options) -> dict:
    return step_marks(step, following, PRODUCED, ACTED_ON) if options.highlight else {}


def _step_note(step: Step, proved: bool, writer: LatexWriter) -> list[Token]:
    note = words(step.rule, writer.g_symbol)
    for name, value in step.bindings:
        if writer.write(name) == writer.write(value):
            continue  # \tanh(z) = \tanh(z), when g is written as the activation's symbol
        note.append(glued(","))
        note.append(formula(writer.box(sp.Eq(name, value, evaluate=False), display=False)))
    if not proved:
        note += words("(not proved)")
    return note


def definition_rows(derivation: Derivation, options: Options) -> list[AlignRow]:
    """g(z) = …, with the parameter values used as its justification."""
    writer = writer_for(derivation, options)
    left, width = g_of_z(derivation, options)
    note: list[Token] = []
    chosen = [p for p in derivation.parameters if p.value != p.symbol]
    for index, p in enumerate(chosen):
        note += [glued(",")] if index else []
        note.append(formula(writer.box(sp.Eq(p.symbol, p.value, evaluate=False), display=False)))
    box = writer.box(derivation.function)
    if box.text == left:
        return []  # tanh(z) = tanh(z) says nothing
    return [AlignRow(left, width, "=", box, note)]


def step_rows(derivation: Derivation, options: Options) -> list[AlignRow]:
    """g′(z) = d/dz(…), then one row per step; the result and the form in g boxed."""
    writer = writer_for(derivation, options)
    left, width = g_of_z(derivation, options, prime=True)
    steps = derivation.steps
    first = steps[0] if steps else None
    start = writer.box(derivation.start, _marks(None, first, options))
    rows = [AlignRow(left, width, "=", start)]
    result_index = max((i for i, s in enumerate(steps) if s.phase != IN_G), default=None)
    for index, step in enumerate(steps):
        following = steps[index + 1] if index + 1 < len(steps) else None
        box = writer.box(step.expression, _marks(step, following, options))
        note = _step_note(step, derivation.proofs[index].ok, writer)
        boxed = derivation.complete and (
            index == result_index
            or (following is None and step.phase == IN_G and derivation.in_terms_of_g.exists)
        )
        if step.phase == IN_G and writer.write(step.expression) == writer.write(
            steps[index - 1].expression if index else derivation.start
        ):
            continue  # in the activation's own symbol the form in g can be the result itself
        rows.append(AlignRow("", 0.0, "=", box, note, boxed))
    return rows


def kink_rows(derivation: Derivation, options: Options) -> list[AlignRow]:
    """For each kink: g′(z) → {left value as z → a⁻; right value as z → a⁺}."""
    writer = writer_for(derivation, options)
    left, width = g_of_z(derivation, options, prime=True)
    z = writer.box(derivation.variable, display=False)
    rows = []
    for kink in derivation.kinks:
        at = writer.box(kink.at, display=False)
        point = at.text if at.precedence >= ATOM and not at.negative else f"({at.text})"
        sides = []
        widest_value = widest_side = 0.0
        for value, side in ((kink.left, "-"), (kink.right, "+")):
            value_box = writer.box(value, display=False)
            sides.append(rf"{value_box.text} & \text{{as }} {z.text} \to {point}^{{{side}}}")
            widest_value = max(widest_value, value_box.width)
            widest_side = max(widest_side, 2.5 + z.width + widths.RELATION + at.width + 1.2)
        cases = boxes.atom(
            r"\begin{cases} " + r" \\ ".join(sides) + r" \end{cases}",
            1.3 + widest_value + 1.0 + widest_side,
            tall=True,
        )
        where = sp.Eq(derivation.variable, kink.at, evaluate=False)
        what = "a corner at" if kink.kind == "corner" else "g jumps at"
        if kink.kind != "corner" and derivation.order > 1:
            what = f"the derivative of order {derivation.order - 1} jumps at"
        note = [*words(what, writer.g_symbol), formula(writer.box(where, display=False))]
        if kink.value_used is not sp.nan:  # higher derivatives: no framework value is derived
            note += [
                glued(":"),
                *words("autograd uses", writer.g_symbol),
                formula(writer.box(kink.value_used, display=False)),
            ]
        rows.append(AlignRow(left, width, r"\to", cases, note))
    return rows


def point_rows(derivation: Derivation, options: Options) -> list[AlignRow]:
    """For each point located numerically: z_0 ≈ 0.65904, where z = σ(z)."""
    writer = writer_for(derivation, options)
    rows = []
    for root in numeric_points(derivation):
        name = writer.box(root, display=False)
        number = writer.decimal(approximately(root))
        note = [*words("where", writer.g_symbol), formula(writer.box(solved(root, derivation)))]
        rows.append(AlignRow(name.text, name.width, r"\approx", number, note))
    return rows


def defined_rows(derivation: Derivation, options: Options) -> list[AlignRow]:
    """Where g is defined and where g′ fails to exist: a sentence each, as a note."""
    writer = writer_for(derivation, options)
    derivative = "g" + "′" * derivation.order
    rows = []
    for parts in sentences(derivation, derivative):
        note: list[Token] = []
        for part in parts:
            if isinstance(part, Maths):
                note.append(formula(writer.box(part.expr, display=False)))
            elif isinstance(part, Approach):
                z, at = (writer.box(x, display=False) for x in (part.variable, part.point))
                tex = latex_approach(z.text, at.text, part.side)
                note.append(Token(tex, z.width + at.width + 2.0, math=True))
            elif part.startswith((":", ",")):
                note += [glued(part[0]), *words(part[1:], writer.g_symbol)]
            else:
                note += words(part, writer.g_symbol)
        rows.append(AlignRow("", 0.0, "", boxes.atom("", 0.0), note))
    return rows


def all_rows(derivation: Derivation, options: Options) -> list[AlignRow]:
    return [
        *definition_rows(derivation, options),
        *step_rows(derivation, options),
        *defined_rows(derivation, options),
        *kink_rows(derivation, options),
        *point_rows(derivation, options),
    ]


def align_body(derivation: Derivation, options: Options, rows: list[AlignRow] | None = None):
    """The lines of the align block for ``derivation`` (all rows unless given)."""
    return layout(all_rows(derivation, options) if rows is None else rows, options.width)


def align_block(derivation: Derivation, options: Options | None = None) -> str:
    """The whole derivation as one ``align*`` block."""
    options = options or Options()
    return environment(align_body(derivation, options))


def preamble(highlight: bool) -> str:
    """article, amsmath, amssymb (xcolor when highlighting); long derivations may break pages."""
    packages = ["amsmath", "amssymb", *(["xcolor"] if highlight else [])]
    uses = "".join(f"\\usepackage{{{p}}}\n" for p in packages)
    return f"\\documentclass{{article}}\n{uses}\\allowdisplaybreaks\n"


def standalone(derivation: Derivation, options: Options | None = None) -> str:
    """A complete document (article, amsmath, amssymb; xcolor when highlighting)."""
    return standalone_many([derivation], options)


def standalone_many(derivations: list[Derivation], options: Options | None = None) -> str:
    """One complete document with a titled block per derivation (e.g. orders 1 to n)."""
    options = options or Options()
    body = ""
    for derivation in derivations:
        order = derivation.order
        which = f"derivative of order {order}" if order > 1 else "derivative"
        title = latex_text(f"The {which} of {derivation.title}")
        body += f"\\section*{{{title}}}\n{align_block(derivation, options)}"
        if not derivation.complete:
            writer = writer_for(derivation, options)
            what = ", ".join(f"${writer.write(m)}$" for m in derivation.missing_rules)
            body += f"\nNo rule for {what}: the derivative cannot be finished.\n"
    return f"{preamble(options.highlight)}\\begin{{document}}\n{body}\\end{{document}}\n"
