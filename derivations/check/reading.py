"""Reading a hand-written derivation: which line defines g, which claims g', what each says.

Plain text has one equation per line::

    g(z) = 1/(1+e^-z)          (or just the activation's name: sigmoid)
    g'(z) = d/dz (1+e^-z)^-1
          = e^-z/(1+e^-z)^2    # a comment
    z > 0: g'(z) = 1           (a claim about one region)
    g'(0) = 0                  (a claim at one point)

Lines without '=' are prose and are skipped; LaTeX display maths is read row by
row (see latex.py).  Several derivations may follow each other: a new name or
definition starts the next one.  Every parse error names the line and column.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import sympy as sp

from .. import catalog
from ..api import CHECK_VALUE
from ..catalog import Activation
from ..errors import DerivationsError, InputRefused, ParseError
from ..parse import MAX_LENGTH
from . import latex
from .grammar import Fragment, RefusedAt, Source, parse_claim, parse_condition

MAX_INPUT = 200_000  # characters in one file
MAX_CLAIMS = 300

DEFINITION, DERIVATIVE, CONTINUATION, POINT = "definition", "derivative", "continuation", "point"

_NAME = r"[^\W\d]\w*?"
_DERIVATIVE_SIDES = (
    re.compile(rf"(?P<name>{_NAME})['′](?:\((?P<arg>[^()]+)\)|(?P<var>[a-z]))?"),
    re.compile(rf"d(?P<name>{_NAME})(?:\((?P<arg>[a-z])\))?/d(?P<var>[a-z])"),
    re.compile(rf"d/d(?P<var>[a-z]) ?\(?(?P<name>{_NAME})\((?P<arg>[a-z])\)\)?"),
)
_DEFINITION_SIDE = re.compile(rf"(?P<name>{_NAME})(?:\((?P<arg>[a-z])\))?")
_LIST_MARKER = re.compile(r"(?:[-*•·]|\d+[.)])\s+")
_CONDITION_PREFIX = re.compile(r"(?P<condition>[^:,]*[<>≤≥][^:,]*)[:,]\s*(?=\S)")
_TYPO_HINTS = (
    (
        re.compile(r"\)\s*\(\s*\d+\s*\)"),
        "a number in brackets right after a bracket multiplies: for a power write ^2",
    ),
    (
        re.compile(r"(?:tanh|sinh|cosh|σ|sigma|sigmoid|g)\s*\(\s*\d+\s*\)\s*\("),
        "tanh(2)(z) is read as tanh(2)·z: for a power write tanh^2(z) or tanh(z)^2",
    ),
)


@dataclass(frozen=True)
class Claim:
    """One right-hand side to judge, where it was written and what it says."""

    kind: str  # DEFINITION, DERIVATIVE, CONTINUATION or POINT
    line: int
    column: int
    text: str  # as written in the file
    expression: sp.Expr
    condition: sp.Basic | None = None  # the region the claim is about (None: everywhere)
    point: sp.Expr | None = None  # for g'(c) = ...
    hints: tuple[str, ...] = ()  # likely typos seen in the text


@dataclass(frozen=True)
class Definition:
    """The activation g whose derivative the lines claim."""

    function: sp.Expr
    variable: sp.Symbol
    activation: Activation | None
    how: str  # "named", "formula" or "from d/dz"
    line: int
    text: str
    own_names: tuple[str, ...] = ("g",)
    fixed: tuple[tuple[sp.Symbol, sp.Expr], ...] = ()  # parameters with their value (a = 0.01)
    free: tuple[tuple[sp.Symbol, sp.Expr], ...] = ()  # symbolic parameters: value for numbers


@dataclass(frozen=True)
class Written:
    """One derivation: a definition and the claims that follow it."""

    definition: Definition
    claims: tuple[Claim, ...]


@dataclass(frozen=True)
class Document:
    source: Source
    notation: str  # "text" or "latex"
    derivations: tuple[Written, ...]


@dataclass
class _Block:
    definition: Definition
    claims: list[Claim] = field(default_factory=list)


class ReadError(DerivationsError):
    """Input that holds no derivation we can read."""


def read(text: str, name: str = "<input>") -> Document:
    """The derivations in ``text`` (plain text or LaTeX)."""
    if len(text) > MAX_INPUT:
        raise InputRefused(f"{name} is too long ({len(text)} characters; at most {MAX_INPUT})")
    source = Source(text, name)
    if latex.looks_like_latex(text):
        rows, notation = latex.display_rows(source), "latex"
    else:
        rows, notation = _text_rows(source), "text"
    reader = _Reader()
    for row in rows:
        reader.row(row)
    return Document(source, notation, reader.finish(source))


def read_arguments(definition: str, claims: Sequence[str]) -> Document:
    """``derive check sigmoid "g*(1-g)"``: a name or formula for g, then claimed g' forms."""
    text = "\n".join([definition, *claims])
    if len(text) > MAX_INPUT:
        raise InputRefused("the arguments are too long")
    source = Source(text, "<arguments>")
    lines = _text_rows(source, comments=False)
    if len(lines) != 1 + len(claims):
        raise ReadError("an argument is empty or spans several lines")
    try:
        return _read_arguments(source, lines)
    except ParseError as error:  # the "line" is the argument's place after `derive check`
        where = f"argument {error.line}" + (
            f", column {error.position + 1}" if error.position is not None else ""
        )
        raise ReadError(f"cannot read {where}: {error.reason}") from None
    except RefusedAt as error:
        raise InputRefused(error.naming(f"argument {error.line}")) from None


def _read_arguments(source: Source, lines: list[Fragment]) -> Document:
    reader = _Reader()
    first = lines[0].strip()
    if "=" in first.text or catalog.find(first.text.strip()) is not None:
        reader.row(first)
    else:
        reader.definition(first, "g", None, [first])
    for line in lines[1:]:
        row = latex.translate(line) if "\\" in line.text else line
        if _top_level_equals(row.strip())[1:]:
            reader.row(row)
        else:
            reader.claims(DERIVATIVE if not reader.started() else CONTINUATION, [row], None)
    return Document(source, "text", reader.finish(source))


def _text_rows(source: Source, comments: bool = True) -> list[Fragment]:
    rows = []
    start = 0
    for line in source.text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        cut = body.find("#") if comments else -1
        rows.append(Fragment.of(source, start, start + (cut if cut >= 0 else len(body))))
        start += len(line)
    return rows


def _top_level_equals(fragment: Fragment) -> list[Fragment]:
    """``fragment`` split at each '=' outside brackets (not the '=' of <=, >=)."""
    text = fragment.text
    parts, depth, start = [], 0, 0
    for i, char in enumerate(text):
        if char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1
        elif char == "=" and depth == 0 and (i == 0 or text[i - 1] not in "<>!="):
            parts.append(fragment.part(start, i))
            start = i + 1
    parts.append(fragment.part(start))
    # ":=" defines: drop the colon left at the end of the left side
    if len(parts) > 1 and parts[0].text.rstrip().endswith(":"):
        stripped = parts[0].text.rstrip()
        parts[0] = parts[0].part(0, len(stripped) - 1)
    return parts


class _Reader:
    def __init__(self):
        self.blocks: list[_Block] = []

    def started(self) -> bool:
        return bool(self.blocks and self.blocks[-1].claims)

    # --- one row --------------------------------------------------------------
    def row(self, row: Fragment) -> None:
        row = row.strip()
        row = row.part(0, len(row.text.rstrip(".,;")))  # sentence punctuation
        if not row.text:
            return
        if len(row.text) > MAX_LENGTH:
            line, _ = row.where(0)
            raise InputRefused(f"line {line} is too long (at most {MAX_LENGTH} characters)")
        parts = _top_level_equals(row)
        if len(parts) == 1:
            entry = catalog.find(row.text.rstrip(":").strip())
            if entry is not None:
                self.named(entry, row)
            return  # prose
        left = parts[0].strip()
        marker = _LIST_MARKER.match(left.text)
        if marker:
            left = left.part(marker.end())
        condition = None
        prefix = _CONDITION_PREFIX.match(left.text)
        if prefix:
            condition = self.condition(left.part(0, prefix.end("condition")))
            left = left.part(prefix.end())
        self.equation(left, parts[1:], condition)

    def condition(self, fragment: Fragment) -> sp.Basic:
        return parse_condition(fragment, self.variable())

    def equation(self, left: Fragment, rights: list[Fragment], condition) -> None:
        # Spaces around symbols go ("g ' (z)"); between words they stay, so that prose
        # such as "the derivative is g'(z)" is not read as one long name.
        side = re.sub(r" ?([^\w ]) ?", r"\1", " ".join(left.text.split()))
        if not side:
            self.claims(CONTINUATION, rights, condition)
            return
        for pattern in _DERIVATIVE_SIDES:
            found = pattern.fullmatch(side)
            if found:
                self.named_by_derivative(found.group("name"), left)
                argument = found.group("arg")
                if argument and not re.fullmatch(r"[a-z]", argument):
                    point = self.point(left, argument)
                    self.claims(POINT, rights, condition, point)
                else:
                    self.claims(DERIVATIVE, rights, condition)
                return
        found = _DEFINITION_SIDE.fullmatch(side)
        if found and condition is None:
            self.definition_line(found.group("name"), found.group("arg"), left, rights)
            return
        raise left.error(
            f"cannot tell what {left.text!r} is: write g(z) = ..., g'(z) = ... or = ... "
            "(one equation per line; start a comment with #)"
        )

    def point(self, left: Fragment, argument: str) -> sp.Expr:
        at, close = left.text.find("(") + 1, left.text.rfind(")")
        value, _ = parse_claim(left.part(at, close), self.variable(), ())
        if not value.is_number or not value.is_real:
            raise left.error(f"g'({argument}) should be at a number, like g'(0)", at)
        return value

    # --- definitions ----------------------------------------------------------
    def named(self, entry: Activation, row: Fragment) -> None:
        line, _ = row.where(0)
        function = entry.instantiate()
        fixed = tuple((p.symbol, p.default) for p in entry.parameters)
        definition = Definition(
            function, entry.variable, entry, "named", line, row.text, fixed=fixed
        )
        self.blocks.append(_Block(definition))

    def named_by_derivative(self, name: str, left: Fragment) -> None:
        """tanh'(z) = ... names the activation when it is not the one being derived."""
        entry = catalog.find(name) if name not in ("g", "f") else None
        if entry is None:
            return
        current = self.blocks[-1].definition if self.blocks else None
        if current is None or current.activation is not entry:
            self.named(entry, left)

    def definition_line(self, name, argument, left: Fragment, rights: list[Fragment]) -> None:
        entry = catalog.find(name)
        current = self.blocks[-1] if self.blocks else None
        checks_a_name = (
            current is not None
            and current.definition.how == "named"
            and all(c.kind == DEFINITION for c in current.claims)
        )
        if checks_a_name or (entry is not None and name not in ("g", "f")):
            if not checks_a_name:
                self.named(entry, left)
            self.claims(DEFINITION, rights, None)
            return
        self.definition(rights[0], name, argument, rights)

    def definition(self, right: Fragment, name: str, argument: str | None, rights) -> None:
        variable = sp.Symbol(argument or "z", real=True)
        function, condition = parse_claim(right.strip(), variable, ())
        if condition is not None:
            raise right.error(
                "a definition holds everywhere: write it in pieces, "
                "{z if z > 0; 0 otherwise}, or with max"
            )
        line, column = right.where(0)
        parameters = sorted(function.free_symbols - {variable}, key=lambda s: s.name)
        definition = Definition(
            function,
            variable,
            None,
            "formula",
            line,
            _written(right),
            own_names=tuple(dict.fromkeys(("g", name))),
            free=tuple((p, CHECK_VALUE) for p in parameters),
        )
        self.blocks.append(_Block(definition))
        if len(rights) > 1:
            self.claims(DEFINITION, rights[1:], None)

    def variable(self) -> sp.Symbol:
        return self.blocks[-1].definition.variable if self.blocks else sp.Symbol("z", real=True)

    # --- claims ---------------------------------------------------------------
    def claims(self, kind, rights: list[Fragment], condition, point=None) -> None:
        for index, right in enumerate(rights):
            this_kind = CONTINUATION if kind == DERIVATIVE and index else kind
            self.claim(this_kind, right.strip(), condition, point)

    def claim(self, kind: str, right: Fragment, condition, point) -> None:
        if not self.blocks:
            self.from_pending_derivative(right)
        block = self.blocks[-1]
        if sum(len(b.claims) for b in self.blocks) >= MAX_CLAIMS:
            raise InputRefused(f"more than {MAX_CLAIMS} lines to check")
        hints = tuple(hint for pattern, hint in _TYPO_HINTS if pattern.search(right.text))
        try:
            expression, own_condition = parse_claim(
                right, block.definition.variable, block.definition.own_names
            )
        except ParseError as error:
            if not hints:
                raise
            raise ParseError(
                f"{error.reason} ({'; '.join(hints)})", error.text, error.position, error.line
            ) from None
        if own_condition is not None:
            condition = own_condition if condition is None else sp.And(condition, own_condition)
        line, column = right.where(0)
        block.claims.append(
            Claim(kind, line, column, _written(right), expression, condition, point, hints)
        )

    def from_pending_derivative(self, right: Fragment) -> None:
        """No definition yet: g is what the first line differentiates, g'(z) = d/dz(...)."""
        z = sp.Symbol("z", real=True)
        expression, _ = parse_claim(right, z, ())
        line, _ = right.where(0)
        if not isinstance(expression, sp.Derivative):
            raise right.error(
                "g' is claimed before g is defined: start with g(z) = ..., "
                "an activation's name, or g'(z) = d/dz(...)"
            )
        function = expression.args[0]
        parameters = sorted(function.free_symbols - {z}, key=lambda s: s.name)
        self.blocks.append(
            _Block(
                Definition(
                    function,
                    z,
                    None,
                    "from d/dz",
                    line,
                    _written(right),
                    free=tuple((p, CHECK_VALUE) for p in parameters),
                )
            )
        )

    def finish(self, source: Source) -> tuple[Written, ...]:
        found = tuple(Written(b.definition, tuple(b.claims)) for b in self.blocks if b.claims)
        if not found:
            raise ReadError(
                f"{source.name}: found no line claiming g'(z) to check "
                "(write g'(z) = ... after g(z) = ... or an activation's name)"
            )
        return found


def _written(fragment: Fragment) -> str:
    """The source text a fragment came from, on one line."""
    if not fragment.origins:
        return fragment.text
    text = fragment.source.text
    start, end = min(fragment.origins), max(fragment.origins) + 1
    if text[end - 1] == "\\":  # the last character came from a command: take all of it
        while end < len(text) and text[end].isalpha():
            end += 1
    return " ".join(text[start:end].split())
