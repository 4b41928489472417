"""Errors a user can cause: each carries one line that says what went wrong."""

from __future__ import annotations


class DerivationsError(Exception):
    """Unusable input: the CLI prints the message on one line and exits with code 2."""


class UnknownActivation(DerivationsError):
    """A name that is not in the catalog (the message suggests close names)."""


class UsageError(DerivationsError):
    """A parameter or option that does not fit the activation."""


class InputRefused(DerivationsError):
    """Input too large, too deep or too expensive to work on safely."""


class ParseError(DerivationsError):
    """Text that is not a formula we can read, with the place where reading stopped."""

    def __init__(self, message: str, text: str = "", position: int | None = None, line: int = 1):
        self.reason = message
        self.text = text
        self.position = position
        self.line = line
        where = f" at line {line}, column {position + 1}" if position is not None else ""
        super().__init__(f"cannot read formula{where}: {message}")
