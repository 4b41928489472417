"""The rows of an ``align*`` block fitted to a text width: each row a formula and its
justification, made of unbreakable tokens (words and small formulas); formulas are
broken across lines and justifications wrapped so that every row fits.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import latex_widths as widths
from .latex_boxes import Box, break_lines, decorated
from .latex_names import function_name
from .latex_text import latex_text, text_width

TEXT_WIDTH = 34.5  # em: the article class's \textwidth at 10pt (345pt)
SAFETY = 1.1  # widths are estimates (within 10% of TeX's): keep that much in hand
COLUMN_GAP = 1.0  # amsmath's \minalignsep between a formula and its justification
INDENT = 1.0  # \quad before a continued line
NARROWEST_NOTE = 10.0  # em: narrower justifications would rather break the formulas
BOXED_EXTRA = 0.75  # \boxed adds \fboxsep and the rule on both sides


@dataclass(frozen=True)
class Token:
    """A piece of a justification: a word of text or a formula, each unbreakable."""

    tex: str
    width: float
    math: bool = False
    glued: bool = False  # text that follows the previous token with no space (":", ",")


@dataclass
class AlignRow:
    """One row of the block: ``left &relation formula && note``."""

    left: str  # "g(z)", "g'(z)" or ""
    left_width: float
    relation: str  # "=" or r"\to"
    formula: Box
    note: list[Token] = field(default_factory=list)
    boxed: bool = False  # box the formula if it fits on one line


def words(text: str, symbol: str = "g") -> list[Token]:
    """Prose as unbreakable words; the letter g, which names the activation, in maths italic
    (or the activation's own symbol, ``\\sigma``, when the formulas use it)."""
    name, width = function_name(symbol)
    tokens = []
    for word in text.split():
        if word.rstrip(",.:;") == "g":
            tokens.append(Token(name, width + widths.italic_width(" "), math=True))
            tokens += [glued(word[1:])] if word[1:] else []
        else:
            tokens.append(Token(latex_text(word), text_width(word + " ")))
    return tokens


def formula(box: Box) -> Token:
    """A formula in a justification, set in text style so fractions stay small."""
    return Token(rf"{{\textstyle {box.text}}}", box.width, True)


def glued(punctuation: str) -> Token:
    return Token(punctuation, text_width(punctuation), glued=True)


# --- fitting the rows ------------------------------------------------------------------


def _note_width(tokens: list[Token]) -> float:
    return sum(t.width for t in tokens)


def _wrap_note(tokens: list[Token], width: float) -> list[list[Token]]:
    lines: list[list[Token]] = [[]]
    for token in tokens:
        fits = _note_width(lines[-1]) + token.width <= width
        if lines[-1] and not fits and not token.glued:
            lines.append([])
        lines[-1].append(token)
    return lines if tokens else []


def _note_tex(tokens: list[Token]) -> str:
    """Words run together in one \\text{…}; formulas between them, spaced as in prose."""
    out = ""
    text = ""
    for token in tokens:
        if token.math:
            if text:
                out += rf"\text{{{text} }} "
                text = ""
            out += token.tex
        elif token.glued or not (text or out):
            text += token.tex
        else:
            text += " " + token.tex
    if text:
        out += rf"\text{{{text}}}"
    return out.strip()


def layout(rows: list[AlignRow], width: float = TEXT_WIDTH) -> list[str]:
    """The rows of an align block (without ``\\\\``), broken and wrapped to fit ``width`` em.

    The justifications are wrapped no narrower than needed to keep every formula
    on one line; when that is not enough, formulas are broken too.  Formula
    widths are estimates, so they are counted ``SAFETY`` times over.
    """
    budget = width - SAFETY * max((r.left_width for r in rows), default=0.0)
    notes = [r.note for r in rows if r.note]
    gap = COLUMN_GAP if notes else 0.0

    def natural(r: AlignRow) -> float:
        return SAFETY * (widths.RELATION + r.formula.width + BOXED_EXTRA * r.boxed)

    widest_formula = max((natural(r) for r in rows), default=0.0)
    widest_token = max((t.width for note in notes for t in note), default=0.0)
    full_note = max((_note_width(n) for n in notes), default=0.0)
    comfortable = min(full_note, max(widest_token, NARROWEST_NOTE))
    room = budget - gap - widest_formula
    note_width = full_note if room >= full_note else max(room, comfortable)
    formula_width = (budget - gap - note_width) / SAFETY
    laid_out = [_formula_lines(r, formula_width) for r in rows]
    widest_line = max((w for lines in laid_out for _, w in lines), default=0.0)
    if widest_line > formula_width and note_width > widest_token:
        # Some formula cannot be broken enough (a cases block): narrow the notes instead.
        note_width = max(widest_token, budget - gap - SAFETY * widest_line)
        formula_width = (budget - gap - note_width) / SAFETY
        laid_out = [_formula_lines(r, formula_width) for r in rows]
    lines: list[str] = []
    for r, pieces in zip(rows, laid_out, strict=True):
        cells = [f"{r.left} &{r.relation} {pieces[0][0]}".lstrip()]
        cells += [rf"&\quad {text}" for text, _ in pieces[1:]]
        note_lines = [_note_tex(line) for line in _wrap_note(r.note, note_width)]
        if note_lines and r"\begin{aligned}" in pieces[0][0]:
            note_lines = [_stacked_note(note_lines)]
        cells += ["&"] * (len(note_lines) - len(cells))
        for index, note in enumerate(note_lines):
            cells[index] += f" && {note}"
        lines += cells
    return lines


def _formula_lines(r: AlignRow, width: float) -> list[tuple[str, float]]:
    """The formula of a row on as many lines as ``width`` em needs.

    A boxed formula stays one box: on one line when it fits, else its lines are
    stacked in an ``aligned`` inside the box (cases stacked inside the box)."""
    box = r.formula
    if not r.boxed:
        lines = break_lines(box, width - widths.RELATION, width - INDENT)
        (first, first_width), *rest = lines
        return [(first, first_width + widths.RELATION), *((t, w + INDENT) for t, w in rest)]
    inner = width - widths.RELATION - BOXED_EXTRA
    if box.width <= inner:
        boxed = decorated(box, r"\boxed{", "}", BOXED_EXTRA)
        return [(boxed.text, boxed.width + widths.RELATION)]
    lines = break_lines(box, inner, inner - INDENT)
    loose = break_lines(box, inner + BOXED_EXTRA, inner + BOXED_EXTRA - INDENT)
    if len(loose) <= len(lines):
        lines = loose  # the box's frame rather than a deeper break: SAFETY has room for it
    if len(lines) == 1:  # cases stacked, or a formula that cannot break
        text, line_width = lines[0]
        return [(rf"\boxed{{{text}}}", line_width + BOXED_EXTRA + widths.RELATION)]
    (first, first_width), *rest = lines
    body = " \\\\ ".join([f"&{first}", *(rf"&\quad {text}" for text, _ in rest)])
    widest = max(first_width, *(w + INDENT for _, w in rest))
    tex = rf"\boxed{{\begin{{aligned}} {body} \end{{aligned}}}}"
    return [(tex, widest + BOXED_EXTRA + widths.RELATION)]


def _stacked_note(lines: list[str]) -> str:
    """A justification of several lines beside a box of several lines: centred on it."""
    if len(lines) == 1:
        return lines[0]
    return r"\begin{aligned} " + " \\\\ ".join(f"&{line}" for line in lines) + r" \end{aligned}"


def environment(lines: list[str], name: str = "align*") -> str:
    body = " \\\\\n".join(f"  {line}" for line in lines)
    return f"\\begin{{{name}}}\n{body}\n\\end{{{name}}}\n"
