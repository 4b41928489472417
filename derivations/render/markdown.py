"""A derivation as Markdown for GitHub, Jupyter and KaTeX: prose, and ``$$`` blocks of maths.

The maths is the LaTeX block of ``latex`` inside ``aligned`` (which KaTeX and
MathJax both know); the prose stays Unicode, escaped for Markdown.
"""

from __future__ import annotations

import re

from ..derivation import Derivation
from .defined import (
    RESULT_EQUALS_DIFF,
    as_text,
    latex_approach,
    proof_facts,
    sentences,
    steps_phrase,
)
from .tex.latex import Options, align_body, writer_for
from .tex.latex_align import environment

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|#$])")


def escape(text: str) -> str:
    """Prose for Markdown: characters that would start emphasis, links or HTML escaped."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def proof_sentence(derivation: Derivation) -> str:
    """What was proved, in one sentence."""
    facts = proof_facts(derivation)
    if not facts.proved:
        failed = ", ".join(facts.failed)
        what = f"step(s) {failed}" if failed else "the result against SymPy's diff"
        return f"NOT PROVED: {what}."
    verb = "is" if facts.steps == 1 else "are"
    head = f"{steps_phrase(facts.steps).capitalize()} {verb} proved equal to the step before"
    return f"{head} {facts.how}; {RESULT_EQUALS_DIFF}."


def defined_sentences(derivation: Derivation, options: Options) -> list[str]:
    """Where g is defined and where g′ fails to exist, with the maths for KaTeX."""
    writer = writer_for(derivation, options)
    derivative = "$g" + "'" * derivation.order + "$"
    return [
        as_text(parts, writer.write, latex_approach, lambda tex: f"${tex}$", capital=True)
        for parts in sentences(derivation, derivative, arrow=" $\\to$ ")
    ]


def display(lines: list[str]) -> str:
    """One ``$$`` block with an ``aligned`` environment inside."""
    return "$$\n" + environment(lines, "aligned") + "$$\n"


def render(derivation: Derivation, options: Options | None = None) -> str:
    options = options or Options()
    out = [f"### {escape(derivation.title)}", ""]
    entry = derivation.activation
    if entry is not None:
        about = []
        if entry.aliases:
            about.append("also " + ", ".join(entry.aliases))
        if entry.framework:
            about.append(f"PyTorch: {entry.framework}")
        if about:
            out += [escape("; ".join(about)), ""]
    out.append(display(align_body(derivation, options)))
    if not derivation.complete:
        writer = writer_for(derivation, options)
        missing = ", ".join(f"${writer.write(m)}$" for m in derivation.missing_rules)
        out.append(f"No rule for {missing}: the derivative cannot be finished.\n")
        return "\n".join(out)
    form = derivation.in_terms_of_g
    if not form.exists:
        out.append(escape(f"No form in g: {form.reason}.") + "\n")
    out += [sentence + ".\n" for sentence in defined_sentences(derivation, options)]
    out.append(escape(proof_sentence(derivation)) + "\n")
    if derivation.note:
        out.append("> " + escape(derivation.note) + "\n")
    return "\n".join(out)
