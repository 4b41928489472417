"""LaTeX formulas as boxes with estimated widths, and breaking them across ``align`` rows.

The LaTeX writer builds a small tree: atoms (unbreakable text), rows (a
sequence that may break before its operators), groups (delimiters around a
box), fractions, decorations (``\\sqrt{…}``, ``^{…}``, ``\\boxed{…}``) and
colour.  Widths are estimates in em (``latex_widths``), a little generous and
calibrated against pdflatex, so that line breaks can be chosen without TeX.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..layout import ATOM, MUL, NEG
from .latex_widths import BIG_PAREN, CASES_SIDES, FRACTION_SIDES, PAREN, TALL_PAREN

_CONTROL_WORD_END = re.compile(r"\\[A-Za-z]+$")


def join(pieces: list[str]) -> str:
    """Concatenate TeX, with a space only where a control word would swallow a letter."""
    out = ""
    for piece in pieces:
        if out and piece[:1].isalnum() and _CONTROL_WORD_END.search(out):
            out += " "
        out += piece
    return out


@dataclass(frozen=True)
class Box:
    """A piece of formula: its TeX on one line, estimated width, precedence and height."""

    width: float
    precedence: int
    tall: bool  # holds a fraction or cases: delimiters around it must grow

    @property
    def text(self) -> str:
        raise NotImplementedError

    @property
    def negative(self) -> bool:
        return False

    def unsigned(self) -> Box:
        """The box without its leading minus sign (only for negative boxes)."""
        raise ValueError("not a negative box")


@dataclass(frozen=True)
class Atom(Box):
    tex: str = ""

    @property
    def text(self) -> str:
        return self.tex


@dataclass(frozen=True)
class Sign(Box):
    """The leading minus of a negative quantity."""

    @property
    def text(self) -> str:
        return "-"

    @property
    def negative(self) -> bool:
        return True


@dataclass(frozen=True)
class Row(Box):
    items: tuple[Box, ...] = ()
    breaks: frozenset[int] = frozenset()  # indices of items a new line may start with

    @property
    def text(self) -> str:
        return join([item.text for item in self.items])

    @property
    def negative(self) -> bool:
        return bool(self.items) and self.items[0].negative

    def unsigned(self) -> Box:
        first = self.items[0]
        rest = self.items[1:]
        if isinstance(first, Sign):
            items = rest
            breaks = frozenset(i - 1 for i in self.breaks if i > 0)
            width = self.width - first.width
        else:
            stripped = first.unsigned()
            items = (stripped, *rest)
            breaks = self.breaks
            width = self.width - first.width + stripped.width
        if len(items) == 1:
            return items[0]
        return Row(width, self.precedence, self.tall, items, breaks)


@dataclass(frozen=True)
class Fraction(Box):
    numerator: Box = None  # type: ignore[assignment]
    denominator: Box = None  # type: ignore[assignment]

    @property
    def text(self) -> str:
        return rf"\frac{{{self.numerator.text}}}{{{self.denominator.text}}}"


@dataclass(frozen=True)
class Decorated(Box):
    """Text around a box: \\sqrt{…}, ^{…}, \\boxed{…}; never broken across lines."""

    inner: Box = None  # type: ignore[assignment]
    before: str = ""
    after: str = ""

    @property
    def text(self) -> str:
        return f"{self.before}{self.inner.text}{self.after}"


@dataclass(frozen=True)
class Group(Decorated):
    """Delimiters around a box: ( ), [ ], | |; grown with \\left…\\right when it is tall,
    and, unlike other decorations, broken across lines with what they hold."""

    before: str = "("
    after: str = ")"

    @property
    def text(self) -> str:
        if self.tall:
            return rf"\left{self.before}{self.inner.text}\right{self.after}"
        return super().text


@dataclass(frozen=True)
class Cases(Box):
    """A brace of pieces, each ``formula & condition``; stacked when too wide for one line."""

    pieces: tuple[tuple[Box, Box], ...] = ()

    @property
    def text(self) -> str:
        rows = [f"{formula.text} & {condition.text}" for formula, condition in self.pieces]
        return r"\begin{cases} " + r" \\ ".join(rows) + r" \end{cases}"

    @property
    def stacked_text(self) -> str:
        """Each condition on its own line under its formula."""
        rows = [rf"{f.text} \\ \quad {c.text}" for f, c in self.pieces]
        return r"\begin{cases} " + r" \\ ".join(rows) + r" \end{cases}"

    @property
    def stacked_width(self) -> float:
        widest = max(max(f.width, 1.0 + c.width) for f, c in self.pieces)
        return CASES_SIDES + widest


@dataclass(frozen=True)
class Colored(Box):
    inner: Box = None  # type: ignore[assignment]
    color: str = ""

    @property
    def text(self) -> str:
        return rf"\textcolor{{{self.color}}}{{{self.inner.text}}}"

    @property
    def negative(self) -> bool:
        return self.inner.negative

    def unsigned(self) -> Box:
        return colored(self.inner.unsigned(), self.color)


# --- constructors that compute widths ----------------------------------------------------


def atom(tex: str, width: float, precedence: int = ATOM, tall: bool = False) -> Atom:
    return Atom(width, precedence, tall, tex)


def sign(size: float = 1.0) -> Sign:
    return Sign(0.78 * size, NEG, False)


def row(items: list[Box], precedence: int = ATOM, breaks: frozenset | set = frozenset()) -> Box:
    if len(items) == 1 and not breaks:
        return items[0]
    width = sum(i.width for i in items)
    tall = any(i.tall for i in items)
    return Row(width, precedence, tall, tuple(items), frozenset(breaks))


def group(inner: Box, size: float = 1.0, left: str = "(", right: str = ")") -> Group:
    sides = 2 * (TALL_PAREN if inner.tall else PAREN) * size
    return Group(inner.width + sides, ATOM, inner.tall, inner, left, right)


def fraction(numerator: Box, denominator: Box, size: float = 1.0) -> Fraction:
    width = max(numerator.width, denominator.width) + FRACTION_SIDES * size
    return Fraction(width, MUL, True, numerator, denominator)


def decorated(inner: Box, before: str, after: str, extra: float, precedence: int = ATOM) -> Box:
    return Decorated(inner.width + extra, precedence, inner.tall, inner, before, after)


def cases(pieces: list[tuple[Box, Box]]) -> Cases:
    formulas = max(f.width for f, _ in pieces)
    conditions = max(c.width for _, c in pieces)
    return Cases(CASES_SIDES + formulas + 1.0 + conditions, ATOM, True, tuple(pieces))


def colored(inner: Box, color: str) -> Colored:
    return Colored(inner.width, inner.precedence, inner.tall, inner, color)


def wrap(box: Box, needed: int, size: float = 1.0) -> Box:
    """``box`` in parentheses when its precedence is below ``needed``."""
    return group(box, size) if box.precedence < needed else box


# --- breaking a box across lines ------------------------------------------------------------

Line = tuple[str, float]  # TeX of one line and its estimated width

_BIG = {"(": (r"\biggl(", r"\biggr)"), "[": (r"\biggl[", r"\biggr]"), "|": (r"\biggl|", r"\biggr|")}


def break_lines(box: Box, first: float, rest: float) -> list[Line]:
    """``box`` on as many lines as needed: the first ``first`` em wide, the others ``rest``.

    Lines after the first start with the operator they broke before (``{} + …``).
    A box that cannot be broken is returned whole, even if too wide.
    """
    if box.width <= first:
        return [(box.text, box.width)]
    if isinstance(box, Row):
        return _break_row(box, first, rest)
    if isinstance(box, Group):
        return _break_group(box, first, rest)
    if isinstance(box, Fraction) and box.numerator.text != "1":
        # n/d too wide: 1/d · [n], with n broken inside the brackets.
        one = fraction(atom("1", 0.5), box.denominator)
        brackets = Group(box.numerator.width + 2 * BIG_PAREN, ATOM, True, box.numerator, "[", "]")
        return _break_row(row([one, brackets]), first, rest)
    if isinstance(box, Cases):
        return [(box.stacked_text, box.stacked_width)]
    if isinstance(box, Colored):
        lines = break_lines(box.inner, first, rest)
        return [(rf"\textcolor{{{box.color}}}{{{text}}}", width) for text, width in lines]
    return [(box.text, box.width)]


def _break_group(box: Group, first: float, rest: float) -> list[Line]:
    left, right = (box.before, box.after)
    width = PAREN
    if box.tall:
        left, right = _BIG.get(box.before, (box.before, box.after))
        width = BIG_PAREN
    lines = break_lines(box.inner, first - width, rest - width)
    if len(lines) == 1:  # too wide, but nothing inside could break
        return [(box.text, box.width)]
    (head, head_width), *others = lines
    lines = [(join([left, head]), head_width + width), *others]
    tail, tail_width = lines[-1]
    lines[-1] = (tail + right, tail_width + width)
    return lines


def _segments(box: Row) -> list[list[Box]]:
    segments: list[list[Box]] = [[]]
    for index, item in enumerate(box.items):
        if index in box.breaks and segments[-1]:
            segments.append([])
        segments[-1].append(item)
    return segments


def _break_row(box: Row, first: float, rest: float) -> list[Line]:
    lines: list[list[str]] = [[]]
    widths = [0.0]

    def room() -> float:
        return (first if len(lines) == 1 else rest) - widths[-1]

    def new_line() -> None:
        lines.append(["{}"])  # so a leading + or − keeps its binary spacing
        widths.append(0.0)

    for number, segment in enumerate(_segments(box)):
        width = sum(item.width for item in segment)
        if width <= room():
            lines[-1].extend(item.text for item in segment)
            widths[-1] += width
            continue
        if number and width <= rest:
            new_line()
            lines[-1].extend(item.text for item in segment)
            widths[-1] += width
            continue
        if number and widths[-1] > 0.25 * (first if len(lines) == 1 else rest):
            new_line()
        for item in segment:
            if item.width <= room():
                lines[-1].append(item.text)
                widths[-1] += item.width
                continue
            (head, head_width), *others = break_lines(item, room(), rest)
            lines[-1].append(head)
            widths[-1] += head_width
            for text, line_width in others:
                lines.append([text])
                widths.append(line_width)
    return [(join(parts), width) for parts, width in zip(lines, widths, strict=True)]
