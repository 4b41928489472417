"""The tokens of a typed formula: numbers, names and operators, with their columns.

Unicode people type is read as meant: ``−`` and ``×`` are operators, ``z²`` is
``z^(2)``, ``**`` is ``^``; ``e^-2z`` is bracketed as ``e^(-2z)``.  A character
that is none of these is an error that names it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .errors import ParseError

_SUPERSCRIPTS = {
    "⁰": "0",
    "¹": "1",
    "²": "2",
    "³": "3",
    "⁴": "4",
    "⁵": "5",
    "⁶": "6",
    "⁷": "7",
    "⁸": "8",
    "⁹": "9",
    "⁺": "+",
    "⁻": "-",
    "ᶻ": "z",
    "ˣ": "x",
    "ᵃ": "a",
}
_OPERATORS = {
    "+": "+",
    "-": "-",
    "−": "-",
    "–": "-",
    "*": "*",
    "×": "*",
    "·": "*",
    "⋅": "*",
    "∗": "*",
    "/": "/",
    "÷": "/",
    "^": "^",
    "(": "(",
    ")": ")",
    "[": "(",
    "]": ")",
    ",": ",",
    "|": "|",
    "√": "√",
}
_NUMBER = re.compile(r"\d+(?:\.\d*)?(?:[eE][-+]?\d+(?![\w(]))?|\.\d+")


def _letter(char: str) -> bool:
    return (char.isalpha() or char == "_") and char not in _SUPERSCRIPTS


def _name_end(text: str, start: int) -> int:
    """End of the name starting at ``start`` (== start if none): letters, then letters/digits."""
    if not _letter(text[start]):
        return start
    if not text[start].isascii():  # σ, λ, ...: one letter each, so λz is λ·z
        return start + 1
    end = start + 1
    while end < len(text) and text[end].isascii() and (_letter(text[end]) or text[end].isdigit()):
        end += 1
    return end


@dataclass(frozen=True)
class Token:
    kind: str  # "number", "name", "op", "end"
    text: str
    position: int


def tokenize(text: str) -> list[Token]:
    tokens: list[Token] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char.isspace():
            i += 1
            continue
        if char == "*" and text.startswith("**", i):
            tokens.append(Token("op", "^", i))
            i += 2
            continue
        if char in _SUPERSCRIPTS:
            start = i
            while i < len(text) and text[i] in _SUPERSCRIPTS:
                i += 1
            raised = "".join(_SUPERSCRIPTS[c] for c in text[start:i])
            tokens.append(Token("op", "^", start))
            tokens.extend(Token(t.kind, t.text, start) for t in tokenize(f"({raised})")[:-1])
            continue
        if char in _OPERATORS:
            tokens.append(Token("op", _OPERATORS[char], i))
            i += 1
            continue
        number = _NUMBER.match(text, i)
        if number:
            tokens.append(Token("number", number.group(), i))
            i = number.end()
            continue
        end = _name_end(text, i)
        if end > i:
            tokens.append(Token("name", text[i:end], i))
            i = end
            continue
        raise ParseError(describe_bad_character(char), text, i)
    tokens.append(Token("end", "", len(text)))
    return _glued_exponents(tokens)


# Words of a hand-written condition ("2z if z > 0"): never the variable after e^2.
_NOT_GLUED = frozenset({"if", "for", "when", "otherwise", "else", "and"})


def _glued_exponents(tokens: list[Token]) -> list[Token]:
    """e^-2z means e^(-2z), as meant by hand (not e^(-2)·z): a number glued to a name
    right after e^ (with its sign) is bracketed into the exponent."""
    out: list[Token] = []
    i = 0
    while i < len(tokens):
        if tokens[i].kind == "name" and tokens[i].text == "e" and _is_op(tokens, i + 1, "^"):
            j = i + 2 + (1 if _is_op(tokens, i + 2, "-") or _is_op(tokens, i + 2, "+") else 0)
            if j + 1 < len(tokens):
                number, name = tokens[j], tokens[j + 1]
                glued = number.position + len(number.text) == name.position
                if (
                    number.kind == "number"
                    and name.kind == "name"
                    and glued
                    and name.text.lower() not in _NOT_GLUED
                ):
                    after = name.position + len(name.text)
                    out += [
                        tokens[i],
                        tokens[i + 1],
                        Token("op", "(", tokens[i + 2].position),
                        *tokens[i + 2 : j + 2],
                        Token("op", ")", after),
                    ]
                    i = j + 2
                    continue
        out.append(tokens[i])
        i += 1
    return out


def _is_op(tokens: list[Token], index: int, text: str) -> bool:
    return index < len(tokens) and tokens[index].kind == "op" and tokens[index].text == text


def describe_bad_character(char: str) -> str:
    if char == ".":
        return "'.' outside a number (attribute access is not part of a formula)"
    if char in "=<>":
        return f"{char!r} is not part of a formula here"
    if unicodedata.category(char).startswith("C"):
        return f"control character U+{ord(char):04X} is not allowed"
    name = unicodedata.name(char, f"U+{ord(char):04X}")
    return f"unexpected character {char!r} ({name.lower()})"
