"""Marked parts of a formula: which parts a step marks (by their paths), and Unicode text
with marks in it (MARK_START + one kind letter + text + MARK_END) read back as pieces."""

from __future__ import annotations

MARK_START, MARK_END = "\x02", "\x03"


def step_marks(step, following, produced: str, acted_on: str) -> dict[tuple[int, ...], str]:
    """Which parts of a step's expression to mark: what ``step`` produced, and what the
    ``following`` step acts on (paths into the expression; a move has no path)."""
    marks = {}
    if step is not None and step.path is not None:
        marks[step.path] = produced
    if following is not None and following.path is not None:
        marks[following.path] = acted_on
    return marks


def split_marks(text: str) -> list[tuple[str, frozenset[str]]]:
    """Marked text as (piece, kinds of marks around it) pairs, markers removed."""
    pieces: list[tuple[str, frozenset[str]]] = []
    open_kinds: list[str] = []
    buffer = ""
    i = 0
    while i < len(text):
        char = text[i]
        if char in (MARK_START, MARK_END):
            if buffer:
                pieces.append((buffer, frozenset(open_kinds)))
                buffer = ""
            if char == MARK_START:
                open_kinds.append(text[i + 1])
                i += 2
                continue
            open_kinds.pop()
        else:
            buffer += char
        i += 1
    if buffer:
        pieces.append((buffer, frozenset(open_kinds)))
    return pieces


def strip_marks(text: str) -> str:
    return "".join(piece for piece, _ in split_marks(text))
