"""Subcommands of ``derive`` (``derive list``, ...): each module has ``add_arguments`` and ``run``.

A subcommand is one module here plus one line in ``cli.SUBCOMMANDS``.
"""

from __future__ import annotations

import argparse

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
