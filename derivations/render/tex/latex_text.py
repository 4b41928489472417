"""Prose (rule names, notes, titles) as LaTeX text that pdflatex and KaTeX both accept.

The words of a derivation are Unicode (g′(z), 1 − g, σ, a⁻ⁿ); pdflatex's
default fonts have none of those characters, so each is written with plain
ASCII TeX: specials escaped, maths characters as small ``$…$`` pieces,
superscripts as ``$^{…}$``.  Anything unknown is reduced to ASCII.
"""

from __future__ import annotations

import re
import unicodedata

from .latex_widths import roman_width

GREEK_LETTERS = {
    "α": r"\alpha", "β": r"\beta", "γ": r"\gamma", "δ": r"\delta", "ε": r"\varepsilon",
    "ζ": r"\zeta", "η": r"\eta", "θ": r"\theta", "ι": r"\iota", "κ": r"\kappa",
    "λ": r"\lambda", "μ": r"\mu", "ν": r"\nu", "ξ": r"\xi", "π": r"\pi", "ρ": r"\rho",
    "σ": r"\sigma", "τ": r"\tau", "υ": r"\upsilon", "φ": r"\varphi", "ϕ": r"\phi",
    "χ": r"\chi", "ψ": r"\psi", "ω": r"\omega", "Γ": r"\Gamma", "Δ": r"\Delta",
    "Θ": r"\Theta", "Λ": r"\Lambda", "Ξ": r"\Xi", "Π": r"\Pi", "Σ": r"\Sigma",
    "Φ": r"\Phi", "Ψ": r"\Psi", "Ω": r"\Omega",
}  # fmt: skip

_MATH = {
    **GREEK_LETTERS,
    "−": "-", "·": r"\cdot", "×": r"\times", "≤": r"\le", "≥": r"\ge", "≠": r"\ne",
    "≈": r"\approx", "→": r"\to", "←": r"\leftarrow", "⇒": r"\Rightarrow", "∞": r"\infty",
    "±": r"\pm", "√": r"\surd", "′": "'", "″": "''", "∈": r"\in", "∂": r"\partial",
    "∑": r"\sum", "∏": r"\prod", "∫": r"\int", "°": r"^{\circ}", "½": r"\tfrac{1}{2}",
    "¼": r"\tfrac{1}{4}", "¾": r"\tfrac{3}{4}", "<": "<", ">": ">", "|": "|",
}  # fmt: skip

_SUPERSCRIPTS = dict(zip("⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿⁱᵃᵇᶜᵈᵉᶠᵍʰʲᵏˡᵐᵒᵖʳˢᵗᵘᵛʷˣʸᶻ",
                         "0123456789+-=()niabcdefghjklmoprstuvwxyz", strict=True))  # fmt: skip
_SUBSCRIPTS = dict(zip("₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎", "0123456789+-=()", strict=True))

_TEXT = {
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "$": r"\$", "&": r"\&", "#": r"\#",
    "%": r"\%", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
    "–": "--", "—": "---", "‘": "`", "’": "'", "“": "``", "”": "''", "…": "...",
    "\u00a0": "~",
}  # fmt: skip


def _math_piece(char: str) -> tuple[str, str] | None:
    """(kind, TeX) of a character that needs maths mode: kind "^", "_" or "" (a symbol)."""
    if char in _MATH:
        return "", _MATH[char]
    if char in _SUPERSCRIPTS:
        return "^", _SUPERSCRIPTS[char]
    if char in _SUBSCRIPTS:
        return "_", _SUBSCRIPTS[char]
    return None


def _ascii(char: str) -> str:
    plain = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode()
    return "".join(_TEXT.get(c, c) for c in plain)


def _math(pieces: list[tuple[str, str]]) -> str:
    """Maths pieces as one ``$…$``: a run of superscripts becomes one ``^{…}``."""
    out = ""
    index = 0
    while index < len(pieces):
        kind, tex = pieces[index]
        if kind:
            run = [tex]
            while index + 1 < len(pieces) and pieces[index + 1][0] == kind:
                index += 1
                run.append(pieces[index][1])
            out += f"{kind}{{{''.join(run)}}}"
        else:
            if out and tex[:1].isalpha() and re.search(r"\\[A-Za-z]+$", out):
                out += " "
            out += tex
        index += 1
    return f"${out}$"


def latex_text(text: str) -> str:
    """``text`` for LaTeX text mode (also inside ``\\text{…}``), ASCII only."""
    out: list[str] = []
    math: list[tuple[str, str]] = []
    for char in text:
        piece = _math_piece(char)
        if piece is not None:
            math.append(piece)
            continue
        if math:
            out.append(_math(math))
            math.clear()
        out.append(_TEXT.get(char) or (char if char.isascii() else _ascii(char)))
    if math:
        out.append(_math(math))
    return "".join(out)


def text_width(text: str) -> float:
    """Estimated width of ``text`` set in the roman text font, in em."""
    return roman_width(text)
