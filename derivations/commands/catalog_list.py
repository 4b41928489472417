"""``derive list``: show the catalog."""

from __future__ import annotations

import argparse

from .common import add_timeout

DESCRIPTION = "Show the catalog of activation functions."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    style = parser.add_mutually_exclusive_group()
    style.add_argument("--json", action="store_true", help="print JSON")
    style.add_argument("--plain", action="store_true", help="plain text, one entry per line")
    add_timeout(parser)


def run(args: argparse.Namespace) -> int:
    from ..render import catalog_table

    catalog_table.render(json=args.json, plain=args.plain)
    return 0
