"""LaTeX derivations as notes write them, translated to the typed-formula grammar.

Only display maths is read: ``align``/``align*``/``equation``/``gather``
environments, ``$$...$$`` and ``\\[...\\]``; prose around them is ignored, and
so is a row's note column (everything after ``&&``).  Each row (split at
``\\\\``) becomes one ``Fragment`` of typed text whose characters remember
their place in the file, so parse errors point into the LaTeX.
Nothing is evaluated: every command (latex_tokens.py cuts them out) is looked up
in latex_commands.py, and an unknown one is a parse error at its position.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import latex_commands as tex
from .grammar import Fragment, Source
from .latex_tokens import LatexToken, tokenize

LATEX_HINT = re.compile(r"\\begin\{(?:align|equation|gather|multline|eqnarray|flalign)|\$\$|\\\[")
_OPENER = re.compile(
    r"\\begin\{(?P<env>(?:align|equation|gather|multline|eqnarray|flalign)\*?)\}|\$\$|\\\["
)


def looks_like_latex(text: str) -> bool:
    return LATEX_HINT.search(text) is not None


@dataclass
class _Out:
    """Typed text being written, each character with its source offset."""

    fragment: Fragment
    chars: list[str] = field(default_factory=list)
    origins: list[int] = field(default_factory=list)
    anchor: int | None = None  # where the text starts in the source, if known

    def emit(self, text: str, position: int) -> None:
        origin = self.fragment.origin(position)
        self.chars.extend(text)
        self.origins.extend([origin] * len(text))

    def extend(self, other: _Out) -> None:
        self.chars.extend(other.chars)
        self.origins.extend(other.origins)

    @property
    def text(self) -> str:
        return "".join(self.chars)

    def as_fragment(self) -> Fragment:
        anchor = self.anchor if self.anchor is not None else self.fragment.origin(0)
        return Fragment(self.text, tuple(self.origins), self.fragment.source, anchor)


class _Translator:
    def __init__(self, fragment: Fragment):
        self.fragment = fragment
        self.tokens = tokenize(fragment)

    def error(self, message: str, token: LatexToken):
        return self.fragment.error(message, token.position)

    def rows(self) -> list[Fragment]:
        rows: list[Fragment] = []
        out = _Out(self.fragment)
        columns = 0
        i = 0
        while i < len(self.tokens):
            token = self.tokens[i]
            if token.kind == "row":
                rows.append(out.as_fragment())
                after = self.fragment.origin(token.position + len(token.text))
                out, columns = _Out(self.fragment, anchor=after), 0
                i += 1
                continue
            if token.kind == "&":
                columns += 1
                if columns >= 2:  # lhs &= rhs && note: the note column is prose
                    while i < len(self.tokens) and self.tokens[i].kind != "row":
                        i += 1
                    continue
            i = self.one(i, out)
        rows.append(out.as_fragment())
        return [row for row in rows if row.text.strip()]

    def group(self, i: int) -> tuple[int, int, int]:
        """(start, end, next): the tokens of the group at ``i`` ({...} or one token).

        As in TeX, spaces before an argument are skipped: \\frac {a} {b}, \\frac 12.
        """
        while i < len(self.tokens) and self._is_space(self.tokens[i]):
            i += 1
        if i >= len(self.tokens):
            last = self.tokens[-1] if self.tokens else LatexToken("char", "", 0)
            raise self.error("a command is missing its argument", last)
        if self.tokens[i].kind != "{":
            return i, i + 1, i + 1
        depth = 0
        for j in range(i, len(self.tokens)):
            depth += {"{": 1, "}": -1}.get(self.tokens[j].kind, 0)
            if depth == 0:
                return i + 1, j, j + 1
        raise self.error("this '{' is never closed", self.tokens[i])

    @staticmethod
    def _is_space(token: LatexToken) -> bool:
        return token.kind == "char" and not token.text.strip()

    def translated(self, start: int, end: int) -> _Out:
        """The tokens start..end (a {...} group's inside) as typed text, brackets balanced."""
        out = _Out(self.fragment)
        i = start
        while i < end:
            i = self.one(i, out)
        self._check_brackets(out)
        return out

    def _check_brackets(self, out: _Out) -> None:
        """A bracket left open inside {...} is reported where it is, not at the formula's end."""
        opened: list[int] = []
        for index, char in enumerate(out.chars):
            if char == "(":
                opened.append(index)
            elif char == ")":
                if not opened:
                    raise self._error_at(out, index, "this ')' closes nothing inside its {...}")
                opened.pop()
        if opened:
            raise self._error_at(out, opened[0], "this '(' is never closed inside its {...}")

    def _error_at(self, out: _Out, index: int, message: str):
        return out.as_fragment().error(message, index)

    def raw(self, start: int, end: int) -> str:
        return "".join(
            t.text if t.kind != "command" else "\\" + t.text for t in self.tokens[start:end]
        )

    def one(self, i: int, out: _Out) -> int:
        """Translate the token at ``i`` (and its arguments) into ``out``; the next index."""
        token = self.tokens[i]
        if token.kind == "{":
            start, stop, after = self.group(i)
            if stop > start:
                out.emit("(", token.position)
                out.extend(self.translated(start, stop))
                out.emit(")", self.tokens[stop].position)
            return after
        if token.kind == "}":
            raise self.error("unbalanced '}'", token)
        if token.kind == "&":
            out.emit(" ", token.position)
            return i + 1
        if token.kind == "row":
            raise self.error("a row break '\\\\' cannot be used here", token)
        if token.kind == "char":
            return self.character(i, out)
        return self.command(i, out)

    def character(self, i: int, out: _Out) -> int:
        token = self.tokens[i]
        if token.text == "~":
            out.emit(" ", token.position)
        elif token.text == "^" and self._prime_follows(i + 1):
            out.emit("'", token.position)
            return self.group(i + 1)[2]
        else:
            out.emit(token.text, token.position)
        return i + 1

    def _prime_follows(self, i: int) -> bool:
        if i >= len(self.tokens):
            return False
        start, stop, _ = self.group(i)
        inside = [t for t in self.tokens[start:stop] if t.text.strip()]
        return bool(inside) and all(t.kind == "command" and t.text == "prime" for t in inside)

    def command(self, i: int, out: _Out) -> int:
        token = self.tokens[i]
        name = token.text
        if name in tex.FUNCTIONS:
            out.emit(f" {name} ", token.position)
        elif name in tex.GREEK:
            out.emit(f" {tex.GREEK[name]} ", token.position)
        elif name in tex.SYMBOLS:
            out.emit(tex.SYMBOLS[name], token.position)
        elif name in tex.SPACES:
            out.emit(" ", token.position)
        elif name in tex.SIZING:
            following = self.tokens[i + 1] if i + 1 < len(self.tokens) else None
            if following is not None and following.kind == "char" and following.text == ".":
                return i + 2  # \left. and \right. are invisible
        elif name in tex.NAMES:
            start, stop, after = self.group(i + 1)
            out.emit(" ", token.position)
            out.extend(self.translated(start, stop))
            out.emit(" ", self.tokens[after - 1].position)
            return after
        elif name in tex.TEXT:
            start, stop, after = self.group(i + 1)
            word = self.raw(start, stop).strip().lower().strip(",:;.")
            if word in tex.TEXT_WORDS:
                out.emit(f" {word} ", token.position)
            return after
        elif name in tex.DROPPED_WITH_ARGUMENT:
            return self.group(i + 1)[2]
        elif name in tex.FRACTIONS:
            return self.fraction(i, out)
        elif name == "sqrt":
            return self.root(i, out)
        elif name in ("begin", "end"):
            return self.environment(i, out)
        else:
            raise self.error(f"unknown LaTeX command \\{name}", token)
        return i + 1

    def fraction(self, i: int, out: _Out) -> int:
        token = self.tokens[i]
        a_start, a_stop, after_a = self.group(i + 1)
        b_start, b_stop, after_b = self.group(after_a)
        top = self.translated(a_start, a_stop)
        bottom = self.translated(b_start, b_stop)
        top_text, bottom_text = "".join(top.text.split()), "".join(bottom.text.split())
        if re.fullmatch(r"d[A-Za-z]", bottom_text) and top_text.startswith("d"):
            # \frac{d}{dz} is the operator d/dz; \frac{dg}{dz} names g'.
            out.emit(f" {top_text}/{bottom_text}", token.position)
            out.emit(" ", self.tokens[after_b - 1].position)
            return after_b
        out.emit("((", token.position)
        out.extend(top)
        out.emit(")/(", token.position)
        out.extend(bottom)
        out.emit("))", self.tokens[after_b - 1].position)
        return after_b

    def root(self, i: int, out: _Out) -> int:
        token = self.tokens[i]
        j = i + 1
        while j < len(self.tokens) and self._is_space(self.tokens[j]):
            j += 1
        index = None
        if j < len(self.tokens) and self.tokens[j].text == "[":
            close = next(
                (k for k in range(j, len(self.tokens)) if self.tokens[k].text == "]"), None
            )
            if close is None:
                raise self.error("this '[' is never closed", self.tokens[j])
            index = self.translated(j + 1, close)
            j = close + 1
        start, stop, after = self.group(j)
        inside = self.translated(start, stop)
        closing = self.tokens[after - 1].position
        if index is None:
            out.emit("sqrt((", token.position)
            out.extend(inside)
            out.emit("))", closing)
        else:
            out.emit("((", token.position)
            out.extend(inside)
            out.emit(")^(1/(", token.position)
            out.extend(index)
            out.emit(")))", closing)
        return after

    def environment(self, i: int, out: _Out) -> int:
        token = self.tokens[i]
        start, stop, after = self.group(i + 1)
        name = self.raw(start, stop).strip()
        if name.rstrip("*") in tex.TRANSPARENT_ENVIRONMENTS:
            return after
        if name == "cases" and token.text == "begin":
            return self.cases(after, out, token)
        raise self.error(f"the environment {name!r} is not read here", token)

    def cases(self, i: int, out: _Out, opened: LatexToken) -> int:
        """a & z > 0 \\\\ b & \\text{otherwise} -> {a if z > 0; b otherwise}"""
        rows: list[list[tuple[int, int]]] = [[]]
        cell_start = i
        depth = 0
        j = i
        while j < len(self.tokens):
            t = self.tokens[j]
            depth += {"{": 1, "}": -1}.get(t.kind, 0)
            if depth == 0 and t.kind == "command" and t.text in ("begin", "end"):
                name = self.raw(*self.group(j + 1)[:2]).strip()
                if name == "cases" and t.text == "end":
                    rows[-1].append((cell_start, j))
                    after = self.group(j + 1)[2]
                    self._write_cases(rows, out, opened, self.tokens[after - 1])
                    return after
                if name == "cases":
                    raise self.error("cases inside cases are not read", t)
            if depth == 0 and t.kind in ("&", "row"):
                rows[-1].append((cell_start, j))
                if t.kind == "row":
                    rows.append([])
                cell_start = j + 1
            j += 1
        raise self.error("\\begin{cases} is never closed", opened)

    def _write_cases(self, rows, out: _Out, opened: LatexToken, closing: LatexToken) -> None:
        out.emit("{", opened.position)
        written = 0
        for cells in rows:
            parts = [self.translated(a, b) for a, b in cells]
            if not parts or not "".join(p.text for p in parts).strip():
                continue
            if written:
                out.emit("; ", opened.position)
            out.extend(_trimmed(parts[0]))
            condition = _Out(self.fragment)
            for part in parts[1:]:
                condition.extend(part)
            condition = _trimmed(condition)
            words = condition.text.split()
            if not words or words[0].lower() in ("otherwise", "else"):
                out.emit(" otherwise", opened.position)
            else:
                if words[0].lower() not in ("if", "for", "when"):
                    out.emit(" if ", opened.position)
                out.emit(" ", opened.position)
                out.extend(condition)
            written += 1
        out.emit("}", closing.position)


def _trimmed(out: _Out) -> _Out:
    """``out`` without surrounding spaces and the punctuation that ends a case (1, or z < 0.)."""
    text = out.text
    start = len(text) - len(text.lstrip())
    end = len(text.rstrip().rstrip(",.;").rstrip())
    end = max(start, end)
    return _Out(out.fragment, out.chars[start:end], out.origins[start:end])


def display_rows(source: Source) -> list[Fragment]:
    """Every row of every display-maths block in ``source``, as typed-formula text."""
    text = source.text
    rows: list[Fragment] = []
    position = 0
    while True:
        found = _OPENER.search(text, position)
        if found is None:
            return rows
        if _commented(text, found.start()):
            position = found.end()
            continue
        if found.group("env"):
            closer = f"\\end{{{found.group('env')}}}"
        else:
            closer = "$$" if found.group() == "$$" else "\\]"
        end = text.find(closer, found.end())
        if end < 0:
            raise Fragment.of(source).error(
                f"{found.group()} is never closed by {closer}", found.start()
            )
        rows.extend(_Translator(Fragment.of(source, found.end(), end)).rows())
        position = end + len(closer)


def _commented(text: str, offset: int) -> bool:
    line_start = text.rfind("\n", 0, offset) + 1
    return re.search(r"(?<!\\)%", text[line_start:offset]) is not None


def translate(fragment: Fragment) -> Fragment:
    """One LaTeX formula (a claim typed on the command line) as typed-formula text."""
    rows = _Translator(fragment).rows()
    if len(rows) != 1:
        raise fragment.error("expected one formula, without row breaks '\\\\'")
    return rows[0]
