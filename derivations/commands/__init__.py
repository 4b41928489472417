"""Subcommands of ``derive`` (``derive list``, ...): each module has ``add_arguments`` and ``run``.

A subcommand is one module here plus one line in ``cli.SUBCOMMANDS``.
"""


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
