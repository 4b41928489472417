"""Options shared by ``derive NAME --latex/--markdown`` and ``derive notes`` (not a subcommand)."""

from __future__ import annotations

import argparse

from ..errors import UsageError


def add_style_arguments(parser: argparse.ArgumentParser) -> argparse._ArgumentGroup:
    """--highlight, --exp and --symbol: how the LaTeX is written."""
    group = parser.add_argument_group("LaTeX and Markdown")
    group.add_argument(
        "--highlight",
        action="store_true",
        help="colour the part each step acts on (red) and what it produced (blue); uses xcolor",
    )
    group.add_argument("--exp", action="store_true", help=r"write e^{x} as \exp(x)")
    group.add_argument(
        "--symbol",
        action="store_true",
        help=r"write g(z) as the activation's own symbol: \sigma(z), \operatorname{ReLU}(z)",
    )
    return group


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The typesetting options of ``derive NAME`` (--latex and --markdown are output styles)."""
    group = add_style_arguments(parser)
    group.add_argument(
        "--standalone",
        action="store_true",
        help="with --latex: a complete document that compiles with pdflatex",
    )


def options(args: argparse.Namespace):
    from ..render.tex.latex import Options

    return Options(highlight=args.highlight, exp_function=args.exp, own_symbol=args.symbol)


def check(args: argparse.Namespace) -> None:
    """Refuse options that do nothing with the chosen output, before any work is done."""
    if args.standalone and not args.latex:
        raise UsageError("--standalone goes with --latex")
    styled = [f"--{name}" for name in ("highlight", "exp", "symbol") if getattr(args, name)]
    if styled and not (args.latex or args.markdown):
        raise UsageError(f"{styled[0]} goes with --latex or --markdown")


def render(derivation, args: argparse.Namespace) -> str:
    """The derivation as LaTeX (a block, or a whole document) or as Markdown."""
    if args.markdown:
        from ..render import markdown

        return markdown.render(derivation, options(args))
    from ..render.tex import latex

    if args.standalone:
        return latex.standalone(derivation, options(args))
    return latex.align_block(derivation, options(args))


def render_all(derivations: list, args: argparse.Namespace) -> str:
    """Several derivations (orders 1 to n): one document with --standalone, else one after
    the other."""
    if args.latex and args.standalone:
        from ..render.tex import latex

        return latex.standalone_many(derivations, options(args))
    return "\n".join(render(derivation, args) for derivation in derivations)
