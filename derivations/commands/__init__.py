"""Subcommands of ``derive`` (``derive list``, ...): each module has ``add_arguments`` and ``run``.

A subcommand is one module here plus one line in ``cli.SUBCOMMANDS``.
"""
