"""LaTeX maths cut into tokens: commands, braces, ``&``, row breaks and single characters.

A ``%`` comment is dropped to the end of its line and the spacing of ``\\\\[4pt]`` goes
with its row break; every token keeps its position in the fragment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .grammar import Fragment


@dataclass(frozen=True)
class LatexToken:
    kind: str  # "command", "{", "}", "&", "row", "char"
    text: str
    position: int  # in the fragment


_ROW_SPACING = re.compile(r"\s*\[[^\]\n]*\]")  # the [4pt] of \\[4pt]
_COMMAND_NAME = re.compile(r"[A-Za-z]+")


def tokenize(fragment: Fragment) -> list[LatexToken]:
    """The tokens of ``fragment``'s text, in order (a row break's [4pt] is skipped)."""
    text = fragment.text
    tokens: list[LatexToken] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char == "%":  # a comment runs to the end of the line
            end = text.find("\n", i)
            i = len(text) if end < 0 else end
            continue
        if char == "\\":
            if text.startswith("\\\\", i):
                tokens.append(LatexToken("row", "\\\\", i))
                i += 2
                spacing = _ROW_SPACING.match(text, i)
                if spacing:
                    i = spacing.end()
                continue
            word = _COMMAND_NAME.match(text, i + 1)
            name = word.group() if word else text[i + 1 : i + 2]
            tokens.append(LatexToken("command", name, i))
            i += 1 + len(name)
            continue
        if char in "{}&":
            tokens.append(LatexToken(char, char, i))
        else:
            tokens.append(LatexToken("char", char, i))
        i += 1
    return tokens
