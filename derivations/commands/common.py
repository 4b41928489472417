"""What every command shares: exit codes, the time limit, the one-line error, and the
--timeout and --param options."""

from __future__ import annotations

import argparse
import contextlib
import sys

from ..budget import interrupted_after

# 0 ok, 2 unusable input (unknown name, unreadable or refused formula, no rule) or output
# that cannot be written (a full disk, a closed stdout), 3 an internal error (ours).
EXIT_OK, EXIT_INPUT, EXIT_INTERNAL = 0, 2, 3

# Every command's --timeout, in seconds: a guard against hanging, far above what any
# command needs (the whole catalog's notes take seconds).
DEFAULT_TIMEOUT = 120.0
MAX_TIMEOUT = 86_400.0  # a day: what the system timer takes without overflowing


def seconds(text: str) -> float:
    """A --timeout value: a number of seconds, 0 for no limit."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not 0 <= value <= MAX_TIMEOUT:  # nan fails this too
        raise argparse.ArgumentTypeError(
            f"give between 0 (no limit) and {MAX_TIMEOUT:g} seconds, not {text!r}"
        )
    return value


def add_timeout(parser: argparse.ArgumentParser, what: str = "", **options) -> None:
    """The --timeout option every command has: give up, in one line, after this long."""
    parser.add_argument(
        "--timeout",
        type=seconds,
        default=DEFAULT_TIMEOUT,
        metavar="SECONDS",
        help=f"give up{what} after this long (default {DEFAULT_TIMEOUT:g}; 0: no limit)",
        **options,
    )


def parse_parameters(pairs: list[str]) -> dict[str, str]:
    """--param NAME=VALUE pairs as a dict; a malformed pair is a one-line UsageError."""
    from ..errors import UsageError

    values = {}
    for pair in pairs:
        name, equals, value = pair.partition("=")
        if not equals or not name.strip() or not value.strip():
            raise UsageError(f"--param expects NAME=VALUE, not {pair!r}")
        values[name.strip()] = value.strip()
    return values


def add_param(parser: argparse.ArgumentParser, help: str) -> None:
    """The repeatable --param NAME=VALUE option (read with ``parse_parameters``)."""
    parser.add_argument("--param", action="append", default=[], metavar="NAME=VALUE", help=help)


class TimeLimit(BaseException):
    """Not an Exception: no ``except Exception`` (ours or SymPy's) may swallow the limit."""


def time_limit(seconds: float) -> contextlib.AbstractContextManager[None]:
    """Interrupt work that takes longer than ``seconds`` (Unix main thread only); inside
    another limit, the nearer one fires."""
    return interrupted_after(seconds, TimeLimit)


def fail(message: str, code: int) -> int:
    """Say ``message`` on stderr in one line, and return the exit ``code``."""
    with contextlib.suppress(OSError, ValueError):  # stderr itself may be full or closed
        if sys.stderr is not None:
            print(f"derive: {' '.join(str(message).split())}", file=sys.stderr)
            sys.stderr.flush()
    return code
