"""``derive list``: the catalog as a table (rich, plain text or JSON)."""

from __future__ import annotations

import json as json_module
import sys

from ..catalog import CATALOG, Activation
from .notation import write
from .unicode import format_number


def _parameters(entry: Activation) -> str:
    return ", ".join(f"{p.name} = {format_number(p.default)}" for p in entry.parameters) or "-"


def rows() -> list[dict[str, str]]:
    """One row of plain data per catalog entry."""
    return [
        {
            "name": entry.name,
            "aliases": ", ".join(entry.aliases),
            "formula": f"g(z) = {write(entry.expression)}",
            "parameters": _parameters(entry),
            "framework": entry.framework,
            "note": entry.note,
        }
        for entry in CATALOG
    ]


def render(json: bool = False, plain: bool = False) -> None:
    data = rows()
    if json:
        print(json_module.dumps(data, indent=2, ensure_ascii=False))
        return
    if plain:
        for row in data:
            sys.stdout.write(
                f"{row['name']}\t{row['formula']}\t{row['parameters']}\t{row['aliases']}\n"
            )
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title="derivations catalog", show_lines=False)
    for column in ("name", "formula", "parameters", "aliases", "framework"):
        table.add_column(column, overflow="fold")
    for row in data:
        table.add_row(
            row["name"], row["formula"], row["parameters"], row["aliases"], row["framework"]
        )
    Console().print(table)
