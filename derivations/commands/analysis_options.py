"""Options shared by ``derive analyze``, ``derive compare`` and ``derive plot`` (not a subcommand).

``--param NAME=VALUE`` goes to every activation given that has that
parameter, so ``derive compare leaky_relu elu --param a=0.2`` is usable.
"""

from __future__ import annotations

import argparse

import sympy as sp

from .common import add_param, add_timeout, parse_parameters


def add_targets(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "targets",
        nargs="+",
        metavar="NAME_OR_EXPRESSION",
        help="catalog names (sigmoid, relu, ...) or formulas in z ('z*sigmoid(z)')",
    )
    add_param(parser, "set a parameter of every activation that has it, e.g. --param a=0.2")
    parser.add_argument(
        "--saturation",
        default="0.01",
        metavar="THRESHOLD",
        help="|g′| below this counts as saturated (default 0.01)",
    )
    add_timeout(parser, " on them all")


def add_report_arguments(parser: argparse.ArgumentParser) -> None:
    """What a command printing reports takes (analyze, compare): the targets, --json, --plain."""
    add_targets(parser)
    style = parser.add_mutually_exclusive_group()
    style.add_argument("--json", action="store_true", help="print JSON, one object per activation")
    style.add_argument("--plain", action="store_true", help="uncoloured text, for pipes")


def analyses(args: argparse.Namespace, *, second_derivative: bool = False) -> list:
    """The Analysis of each target, with the parameters that apply to it (and g'', if asked)."""
    from ..analysis import analyze
    from ..errors import UsageError

    params = parse_parameters(args.param)
    used: set[str] = set()
    found = []
    for target in args.targets:
        own = parameter_names(target)
        given = {name: value for name, value in params.items() if own is None or name in own}
        used |= set(given)
        found.append(
            analyze(
                target,
                params=given,
                saturation=args.saturation,
                second_derivative=second_derivative,
            )
        )
    unused = sorted(set(params) - used)
    if unused:
        raise UsageError(f"no activation given has a parameter {unused[0]!r}")
    return found


def parameter_names(target: str) -> set[str] | None:
    """The parameter names of a catalog entry or typed formula (None: cannot tell yet)."""
    from .. import catalog
    from ..parse import parse

    entry = catalog.find(target.strip())
    if entry is not None:
        return {p.name for p in entry.parameters}
    z = sp.Symbol("z", real=True)
    try:
        expression = parse(target, z)
    except Exception:  # derive() reports the unreadable formula itself, in one line
        return None
    return {s.name for s in expression.free_symbols if s != z}


def print_reports(args: argparse.Namespace, layout: str) -> int:
    """Analyse the targets and print them: JSON, or the text ``layout`` (a render module)."""
    import importlib
    import sys

    reports = analyses(args)
    if args.json:
        from ..render.analysis import analysis_json

        sys.stdout.write(analysis_json.render(reports) + "\n")
    else:
        importlib.import_module(f"..render.analysis.{layout}", __package__).render(
            reports, plain=args.plain
        )
    return 0
