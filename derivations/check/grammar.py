"""The formula grammar of hand-written derivations: parse.py's grammar plus what students add.

Built on ``derivations.parse.Parser`` (nothing typed is ever evaluated as Python),
with these additions:

    d/dz u                      a pending derivative (binds like a power: d/dz e^-z, d/dz(2z))
    e^-2z                       e^(-2z), as meant by hand (as the core parser reads it)
    g, g(z)                     the activation itself (g(1-g) is g·(1 − g))
    {1 if z > 0; 0 if z < 0}    a function in pieces ("otherwise" for the rest)
    u if z > 0, u for z > 0     a claim about one region (at the end of a right-hand side)

Text is read as a ``Fragment``: characters that remember where in the source
file they came from, so every parse error names the file's line and column
even after LaTeX has been translated.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

import sympy as sp

from ..derivation import g
from ..errors import InputRefused, ParseError
from ..nesting import recursion_room
from ..parse import Parser, Token
from ..parse import tokenize as tokenize_formula

KEYWORDS = frozenset({"if", "for", "when", "otherwise", "else", "and"})
CONDITION_WORDS = ("if", "for", "when")
OTHERWISE_WORDS = ("otherwise", "else")
RELATIONS = {"<": "<", ">": ">", "<=": "<=", ">=": ">=", "≤": "<=", "≥": ">=", "=": "=="}
_SPECIAL = "{};<>≤≥="
_COLUMN = re.compile(r"\bcolumn (\d+)")
T = TypeVar("T")


class RefusedAt(InputRefused):
    """A formula refused as too large or too deep, at a line and column of the source."""

    def __init__(self, reason: str, line: int, column: int):
        self.reason, self.line, self.column = reason, line, column
        super().__init__(f"cannot work on the formula at line {line}, column {column}: {reason}")

    def naming(self, place: str) -> str:
        """The message with the place named another way, e.g. "argument 2"."""
        return f"cannot work on {place}, column {self.column}: {self.reason}"


@dataclass(frozen=True)
class Source:
    """The whole text of one input, for turning offsets into lines and columns."""

    text: str
    name: str = "<input>"

    def where(self, offset: int) -> tuple[int, int]:
        """(line, column), both counted from 1, of the character at ``offset``."""
        offset = max(0, min(offset, len(self.text)))
        line = self.text.count("\n", 0, offset) + 1
        start = self.text.rfind("\n", 0, offset) + 1
        return line, offset - start + 1

    def line_text(self, line: int) -> str:
        lines = self.text.splitlines()
        return lines[line - 1] if 0 < line <= len(lines) else ""


@dataclass(frozen=True)
class Fragment:
    """Text to parse, each character with the source offset it came from."""

    text: str
    origins: tuple[int, ...]
    source: Source
    anchor: int = 0  # where in the source an empty fragment stands

    @classmethod
    def of(cls, source: Source, start: int = 0, end: int | None = None) -> Fragment:
        end = len(source.text) if end is None else end
        return cls(source.text[start:end], tuple(range(start, end)), source, start)

    def origin(self, position: int) -> int:
        if not self.origins:
            return self.anchor
        if position < len(self.origins):
            return self.origins[max(position, 0)]
        return self.origins[-1] + 1  # just after the last character

    def where(self, position: int) -> tuple[int, int]:
        return self.source.where(self.origin(position))

    def part(self, start: int, end: int | None = None) -> Fragment:
        end = len(self.text) if end is None else end
        return Fragment(
            self.text[start:end], self.origins[start:end], self.source, self.origin(start)
        )

    def strip(self) -> Fragment:
        left = len(self.text) - len(self.text.lstrip())
        right = len(self.text.rstrip())
        return self.part(left, max(left, right))

    def error(self, message: str, position: int = 0) -> ParseError:
        line, column = self.where(position)
        return ParseError(message, self.source.line_text(line), column - 1, line)


def tokenize(fragment: Fragment) -> list[Token]:
    """parse.py's tokens, plus { } ; and the relations, positions within ``fragment``."""
    text = fragment.text
    tokens: list[Token] = []
    start = 0
    i = 0
    while i <= len(text):
        if i < len(text) and text[i] not in _SPECIAL:
            i += 1
            continue
        tokens.extend(_formula_tokens(fragment, start, i))
        if i == len(text):
            break
        two = text[i : i + 2]
        symbol = two if two in ("<=", ">=") else text[i]
        tokens.append(Token("op", symbol, i))
        i += len(symbol)
        start = i
    tokens.append(Token("end", "", len(text)))
    return tokens  # e^-2z is read as e^(-2z) by parse.tokenize, as the core reads it


def _formula_tokens(fragment: Fragment, start: int, end: int) -> list[Token]:
    try:
        found = tokenize_formula(fragment.text[start:end])[:-1]
    except ParseError as error:
        raise fragment.error(error.reason, start + (error.position or 0)) from None
    return [Token(t.kind, t.text, t.position + start) for t in found]


class FormulaParser(Parser):
    """Reads one right-hand side of a hand-written derivation (see the module docstring)."""

    def __init__(
        self,
        fragment: Fragment,
        variable: sp.Symbol,
        own_names: Sequence[str] = ("g",),
    ):
        super().__init__("", variable, allow_g=True)
        self.fragment = fragment
        self.text = fragment.text
        self.tokens = tokenize(fragment)
        self.own_names = frozenset(own_names)
        self.allow_g = "g" in self.own_names  # a definition may not mention g itself

    # --- positions in the source file ------------------------------------------
    def error(self, message: str, token: Token | None = None) -> ParseError:
        return self.fragment.error(message, (token or self.token).position)

    def expect(self, text: str, opened: Token) -> None:
        if self.take(text) is None:
            found = self.token.text or "the end"
            line, column = self.fragment.where(opened.position)
            here, _ = self.fragment.where(self.token.position)
            place = f"column {column}" if line == here else f"line {line}, column {column}"
            raise self.error(
                f"expected {text!r} to close the {opened.text!r} at {place}, found {found!r}"
            )

    def refused(self, error: InputRefused) -> RefusedAt:
        """parse.py's refusal (its columns count within this fragment) placed in the file."""
        message = str(error)
        found = _COLUMN.search(message)
        position = int(found.group(1)) - 1 if found else self.token.position
        reason = message[: found.start()] + message[found.end() :] if found else message
        reason = " ".join(reason.replace(" at  ", " ").split())
        line, column = self.fragment.where(position)
        return RefusedAt(reason, line, column)

    # --- entry points ----------------------------------------------------------
    def claim(self) -> tuple[sp.Expr, sp.Basic | None]:
        """A right-hand side, with the region it is about if it names one."""
        return self._placed(self._claim)

    def whole_condition(self) -> sp.Basic:
        """A condition alone, such as the ``z > 0`` of ``z > 0: g'(z) = 1``."""
        return self._placed(self._whole_condition)

    def _placed(self, read: Callable[[], T]) -> T:
        """What ``read`` reads, with parse.py's refusals placed in the file."""
        try:
            return read()
        except RefusedAt:
            raise
        except InputRefused as error:
            raise self.refused(error) from None

    def _claim(self) -> tuple[sp.Expr, sp.Basic | None]:
        if self.token.kind == "end":
            raise self.error("there is no formula to read")
        value = self.sum()
        condition = None
        if self.take_word(*CONDITION_WORDS) or self.take(","):
            condition = self.condition()
        if self.token.kind != "end":
            raise self.error(f"unexpected {self.token.text!r}")
        return value, condition

    def _whole_condition(self) -> sp.Basic:
        self.take_word(*CONDITION_WORDS)
        condition = self.condition()
        if self.token.kind != "end":
            raise self.error(f"unexpected {self.token.text!r} in a condition")
        return condition

    # --- additions to the grammar ----------------------------------------------
    def take_word(self, *words: str) -> Token | None:
        token = self.token
        if token.kind == "name" and token.text.lower() in words:
            self.index += 1
            return token
        return None

    def _starts_primary(self) -> bool:
        token = self.token
        if token.kind == "name" and token.text.lower() in KEYWORDS:
            return False
        if token.kind == "op" and token.text == "{":
            return True
        return super()._starts_primary()

    def primary(self) -> sp.Expr:
        opened = self.take("{")
        if opened is not None:
            with self.nested():
                return self.pieces(opened)
        return super().primary()

    def named(self, token: Token) -> sp.Expr:
        if token.text == "d" and self._derivative_operator():
            self.index += 2  # the "/" and the "dz"
            operand = self.power()
            return sp.Derivative(operand, self.variable, evaluate=False)
        if token.text in self.own_names:
            return self._own_function()
        if token.text.lower() in KEYWORDS:
            raise self.error(f"unexpected {token.text!r}", token)
        return super().named(token)

    def _derivative_operator(self) -> bool:
        following = self.tokens[self.index : self.index + 2]
        return (
            len(following) == 2
            and following[0].kind == "op"
            and following[0].text == "/"
            and following[1].kind == "name"
            and following[1].text == "d" + self.variable.name
        )

    def _own_function(self) -> sp.Expr:
        """g(z) as a call; any other bracket after g multiplies: g(1-g) = g·(1 − g)."""
        following = self.tokens[self.index : self.index + 3]
        texts = [t.text for t in following]
        if texts == ["(", self.variable.name, ")"]:
            self.index += 3
        return g(self.variable)

    def pieces(self, opened: Token) -> sp.Expr:
        """{value if condition; ...; value otherwise}"""
        branches: list[tuple[sp.Expr, sp.Basic | None]] = []
        while True:
            value = self.sum()
            condition = None
            if self.take_word(*CONDITION_WORDS):
                condition = self.condition()
            elif self.take_word(*OTHERWISE_WORDS):
                condition = sp.true
            branches.append((value, condition))
            if self.take(";") or self.take(","):
                continue
            self.expect("}", opened)
            break
        for index, (value, condition) in enumerate(branches):
            if condition is None:
                if index != len(branches) - 1:
                    raise self.error(
                        "each piece but the last needs a condition, e.g. {1 if z > 0; 0 if z < 0}",
                        opened,
                    )
                branches[index] = (value, sp.true)
        return sp.Piecewise(*branches)

    def condition(self) -> sp.Basic:
        parts = [self.comparison()]
        while self.take_word("and"):
            parts.append(self.comparison())
        return sp.And(*parts)

    def comparison(self) -> sp.Basic:
        start = self.token
        left = self.sum()
        relations = []
        while self.token.kind == "op" and self.token.text in RELATIONS:
            operator = RELATIONS[self.token.text]
            self.index += 1
            right = self.sum()
            relations.append(sp.Rel(left, right, operator))
            left = right
        if not relations:
            raise self.error("expected a condition such as z > 0", start)
        return sp.And(*relations)


def parse_claim(
    fragment: Fragment, variable: sp.Symbol, own_names: Sequence[str] = ("g",)
) -> tuple[sp.Expr, sp.Basic | None]:
    """The formula (and the region it is claimed on, if any) in ``fragment``."""
    with recursion_room():
        return FormulaParser(fragment, variable, own_names).claim()


def parse_condition(fragment: Fragment, variable: sp.Symbol) -> sp.Basic:
    with recursion_room():
        return FormulaParser(fragment, variable).whole_condition()
