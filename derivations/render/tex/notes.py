"""Lecture notes: one LaTeX document, a section per activation.

Each section has the definition, the parameters, the derivation (one rule a
row, each row justified), the result, the form in g, the kinks and the
gradient note, in the words a lecturer would use.  The document needs only
article, amsmath and amssymb (and xcolor when highlighting).
"""

from __future__ import annotations

from dataclasses import replace

import sympy as sp

from ...derivation import Derivation
from ..defined import as_text, everywhere, latex_approach, sentences
from ..markdown import proof_sentence
from ..points import approximately, bracket, numeric_points, solved
from .latex import Options, g_of_z, g_symbol, kink_rows, preamble, step_rows, writer_for
from .latex_align import AlignRow, environment, layout
from .latex_math import LatexWriter
from .latex_names import function_name
from .latex_text import latex_text

TITLE = "Derivatives of activation functions, step by step"
INTRODUCTION = (
    "Each derivative below is worked out the way it is done on the board: one rule at a "
    "time, each step justified on the right. Every step was proved equal to the one before "
    "(symbolically, and numerically on both sides of every kink), and every result agrees "
    "with SymPy's own derivative. Where the derivative can be written in terms of the "
    "activation's output g(z), that form is derived too: it is what backpropagation uses."
)


def _display(rows: list[AlignRow], options: Options) -> str:
    return environment(layout(rows, options.width))


def _math(writer: LatexWriter, expr: sp.Expr) -> str:
    return f"${writer.write(expr)}$"


def _about(derivation: Derivation) -> str:
    entry = derivation.activation
    if entry is None:
        return ""
    lines = []
    if entry.aliases:
        lines.append("Also called " + ", ".join(entry.aliases) + ".")
    if entry.framework:
        lines.append(f"In PyTorch: {entry.framework}.")
    if entry.source:
        lines.append(f"Source: {entry.source}.")
    if not lines:
        return ""
    # Ragged right: names with underscores cannot be hyphenated, so no stretched spaces.
    body = " \\\\\n".join(latex_text(line) for line in lines)
    return f"\\begin{{flushleft}}\n{body}\n\\end{{flushleft}}\n"


def _definition(derivation: Derivation, options: Options) -> str:
    writer = writer_for(derivation, options)
    left, width = g_of_z(derivation, options)
    entry = derivation.activation
    written = entry.expression if entry is not None else derivation.function
    rows = [AlignRow(left, width, "=", writer.box(written))]
    text = "\\paragraph{Definition.}\n" + _display(rows, options)
    chosen = [p for p in derivation.parameters if p.value != p.symbol]
    if chosen:
        values = ", ".join(f"${writer.write(sp.Eq(p.symbol, p.value))}$" for p in chosen)
        text += f"The derivation below uses {values}.\n"
    return text


def _parameters(derivation: Derivation, options: Options) -> str:
    if not derivation.parameters:
        return ""
    writer = writer_for(derivation, options)
    items = []
    for p in derivation.parameters:
        default = f" (default {_math(writer, p.default)})" if p.default is not None else ""
        items.append(f"  \\item {_math(writer, p.symbol)}{default}: {latex_text(p.meaning)}")
    return "\\paragraph{Parameters.}\n\\begin{itemize}\n" + "\n".join(items) + "\n\\end{itemize}\n"


def _result(derivation: Derivation, options: Options) -> str:
    writer = writer_for(derivation, options)
    left, width = g_of_z(derivation, options, prime=True)
    text = "\\paragraph{Result.}\n"
    text += _display([AlignRow(left, width, "=", writer.box(derivation.result))], options)
    form = derivation.in_terms_of_g
    g = function_name(g_symbol(derivation, options))[0]
    text += f"\\paragraph{{In terms of ${g}$.}}\n"
    if not form.exists:
        return text + latex_text(f"There is none: {form.reason}.") + "\n"
    text += _display([AlignRow(left, width, "=", writer.box(form.expression))], options)
    trivial = form.kernel_in_g == derivation.g
    if form.kernel is not None and form.kernel_in_g is not None and not trivial:
        identity = sp.Eq(form.kernel, form.kernel_in_g, evaluate=False)
        text += f"It follows from {_math(writer, identity)}, solved from the definition.\n"
    return text


def _kinks(derivation: Derivation, options: Options) -> str:
    writer = writer_for(derivation, options)
    z = writer.write(derivation.variable)
    g = function_name(g_symbol(derivation, options))[0]
    text = "\\paragraph{Kinks.}\n"
    derivative = f"${g}" + "'" * derivation.order + "$"
    for parts in sentences(derivation, derivative, arrow=" $\\to$ "):
        inline = as_text(parts, writer.write, latex_approach, lambda tex: f"${tex}$", capital=True)
        text += inline + ".\n"  # ASCII words around $…$ maths
    if not derivation.kinks:
        if everywhere(derivation):
            return text + f"None: ${g}'({z})$ exists everywhere.\n"
        return text + "No corners.\n"
    for kink, row in zip(derivation.kinks, kink_rows(derivation, options), strict=True):
        what = "a corner" if kink.kind == "corner" else f"a jump of ${g}$"
        text += (
            f"At ${z} = {writer.write(kink.at)}$ there is {what}: the one-sided limits of "
            f"${g}'$ differ, so ${g}'({writer.write(kink.at)})$ does not exist.\n"
        )
        text += _display([replace(row, note=[])], options)  # the prose around it says it all
        text += f"Autograd uses {_math(writer, kink.value_used)} there: "
        text += latex_text(kink.convention) + ".\n\n"
    return text


def _points(derivation: Derivation, options: Options) -> str:
    """A sentence for each breakpoint located numerically: what it solves, where it lies."""
    writer = writer_for(derivation, options)
    z = writer.write(derivation.variable)
    text = ""
    for root in numeric_points(derivation):
        lo, hi = (b.replace("−", "-") for b in bracket(root))
        text += (
            f"Here ${writer.write(root)} \\approx {approximately(root).replace('−', '-')}$ is the "
            f"one solution of {_math(writer, solved(root, derivation))} with ${lo} < {z} < {hi}$; "
            "it has no closed form, and was located numerically with interval arithmetic, "
            "which proves it the only solution there.\n"
        )
    return f"\\paragraph{{Where the pieces switch.}}\n{text}" if text else ""


def section(derivation: Derivation, options: Options | None = None) -> str:
    """One activation's section of the notes."""
    options = options or Options()
    parts = [
        f"\\section{{{latex_text(derivation.title)}}}\n",
        _about(derivation),
        _definition(derivation, options),
        _parameters(derivation, options),
        "\\paragraph{Derivation.}\n",
        _display(step_rows(derivation, options), options),
    ]
    if derivation.complete:
        parts += [_result(derivation, options), _kinks(derivation, options)]
        parts.append(_points(derivation, options))
        if derivation.note:
            parts.append(f"\\paragraph{{Gradient.}}\n{latex_text(derivation.note)}\n")
        parts.append(f"\\paragraph{{Proof.}}\n{latex_text(proof_sentence(derivation))}\n")
    else:
        writer = writer_for(derivation, options)
        missing = ", ".join(_math(writer, m) for m in derivation.missing_rules)
        parts.append(f"No rule for {missing}: the derivative cannot be finished.\n")
    return "\n".join(part for part in parts if part)


def document(derivations: list[Derivation], options: Options | None = None) -> str:
    """The whole notes document."""
    options = options or Options()
    sections = "\n".join(section(d, options) for d in derivations)
    return (
        f"{preamble(options.highlight)}"
        f"\\title{{{latex_text(TITLE)}}}\n\\author{{}}\n\\date{{}}\n"
        "\\begin{document}\n\\sloppy\n\\maketitle\n"
        f"{latex_text(INTRODUCTION)}\n\n\\tableofcontents\n\n{sections}\\end{{document}}\n"
    )
