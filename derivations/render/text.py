"""Plain text (no colour, no rich): for pipes, files and ``--plain``.

The part the next step acts on is underlined with ``^`` on the line below.
"""

from __future__ import annotations

from ..derivation import Derivation
from .marks import split_marks
from .walkthrough import TARGET, Line, walkthrough


def _line_text(line: Line) -> tuple[str, str | None]:
    """The line's text, and a caret line under the marked target (or None)."""
    text, carets, any_target = "", "", False
    for piece, _style in line:
        for chunk, kinds in split_marks(piece):
            text += chunk
            marked = TARGET in kinds
            any_target |= marked
            carets += ("^" if marked else " ") * len(chunk)
    return text, carets.rstrip() if any_target else None


def render(derivation: Derivation) -> str:
    out = []
    for line in walkthrough(derivation):
        text, carets = _line_text(line)
        out.append(text.rstrip())
        if carets:
            out.append(carets)
    return "\n".join(out) + "\n"
