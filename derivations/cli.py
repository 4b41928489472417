"""The ``derive`` command: wiring only; the work is in the library.

    derive NAME_OR_EXPRESSION [--json | --plain] [--param a=0.2] [--symbolic] [--from-definition]
    derive SUBCOMMAND ...      (derive list, ...: see SUBCOMMANDS)

Exit codes: 0 ok, 2 unusable input (unknown name, unreadable or refused
formula, no rule) or output that cannot be written (a full disk, a closed
stdout), 3 an internal error (a step that could not be proved).
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import re
import sys
from collections.abc import Sequence

from . import __version__
from .commands.common import (
    DEFAULT_TIMEOUT,
    EXIT_INPUT,
    EXIT_INTERNAL,
    EXIT_OK,
    TimeLimit,
    add_param,
    add_timeout,
    fail,
    time_limit,
)

# Subcommand name -> module in derivations.commands with add_arguments(parser) and run(args).
SUBCOMMANDS: dict[str, str] = {
    "list": "catalog_list",
    "notes": "notes",
    "code": "code",
    "check": "check",
    "analyze": "analyze",
    "compare": "compare",
    "plot": "plot",
}


# A negative number is a value, not an option: -1e3 and -.5 too (argparse knows only -1, -1.5).
_NEGATIVE_NUMBER = re.compile(r"^-(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$")


class _Parser(argparse.ArgumentParser):
    """Usage errors on one line, exit code 2; negative numbers in any notation are values."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._negative_number_matcher = _NEGATIVE_NUMBER

    def error(self, message: str):
        print(f"{self.prog}: {message} (see {self.prog} --help)", file=sys.stderr)
        raise SystemExit(EXIT_INPUT)


def _formatter(argv: Sequence[str]):
    if any(a in ("-h", "--help") for a in argv):
        from rich_argparse import RichHelpFormatter  # only for help: keeps start-up fast

        return RichHelpFormatter
    return argparse.HelpFormatter


def _output_options(parser: argparse.ArgumentParser) -> None:
    style = parser.add_mutually_exclusive_group()
    style.add_argument("--json", action="store_true", help="print one JSON object")
    style.add_argument("--plain", action="store_true", help="plain uncoloured text, for pipes")
    style.add_argument("--latex", action="store_true", help="print a LaTeX align* block")
    style.add_argument("--markdown", action="store_true", help="print Markdown ($$ blocks, KaTeX)")


def derive_parser(formatter) -> argparse.ArgumentParser:
    parser = _Parser(
        prog="derive",
        formatter_class=formatter,
        description=(
            "Derive the derivative of an activation function step by step, prove every step, "
            "and write it in terms of g(z). Subcommands: "
            + ", ".join(f"derive {name}" for name in SUBCOMMANDS)
            + " (each with --help)."
        ),
        epilog=(
            "examples: derive sigmoid | derive tanh --from-definition | "
            'derive leaky_relu --param a=0.2 | derive "z*sigmoid(z)" --json'
        ),
    )
    parser.add_argument(
        "target",
        metavar="NAME_OR_EXPRESSION",
        help="a catalog name (sigmoid, tanh, relu, leaky_relu, ...) or a formula in z",
    )
    _output_options(parser)
    from .commands import typesetting  # --highlight, --standalone, --exp, --symbol

    typesetting.add_arguments(parser)
    add_param(parser, "set a parameter, e.g. --param a=0.2 (repeatable)")
    parser.add_argument(
        "--symbolic", action="store_true", help="keep the catalog parameters as symbols"
    )
    parser.add_argument(
        "--from-definition",
        action="store_true",
        help="write tanh (and catalog functions) by their definitions instead of known rules",
    )
    parser.add_argument(
        "--variable",
        default="z",
        help="the variable of a typed formula: a plain name such as x or t (default z)",
    )
    parser.add_argument(
        "--wrt", metavar="PARAM", help="differentiate with respect to this parameter instead of z"
    )
    parser.add_argument(
        "--order",
        type=int,
        default=1,
        metavar="N",
        help="higher derivatives: each order derived from the one before (default 1)",
    )
    add_timeout(parser)
    parser.add_argument("--version", action="version", version=f"derivations {__version__}")
    return parser


def subcommand_parser(name: str, module, formatter) -> argparse.ArgumentParser:
    parser = _Parser(
        prog=f"derive {name}", formatter_class=formatter, description=module.DESCRIPTION
    )
    module.add_arguments(parser)
    return parser


def run_derive(args: argparse.Namespace) -> int:
    from . import output_cache
    from .commands import typesetting

    typesetting.check(args)
    if output_cache.replayed(args):  # printed before, by this very code: no SymPy needed
        return EXIT_OK
    with output_cache.kept(args) as succeeded:
        code = _derive_and_print(args)
        if code == EXIT_OK:
            succeeded.append(True)
    return code


def _derive_and_print(args: argparse.Namespace) -> int:
    from .api import derive
    from .commands import typesetting
    from .commands.common import parse_parameters

    derivation = derive(
        args.target,
        params=parse_parameters(args.param),
        symbolic=args.symbolic,
        from_definition=args.from_definition,
        variable=args.variable,
        wrt=args.wrt,
        order=args.order,
    )
    orders = _orders(derivation)  # with --order N: orders 1 to N, each from the one before
    if args.latex or args.markdown:
        sys.stdout.write(typesetting.render_all(orders, args))
    elif args.json:
        from .render import json

        print(json.render(derivation))
    elif args.plain:
        from .render import text

        sys.stdout.write("\n".join(text.render(d) for d in orders))
    else:
        from .render import terminal

        for d in orders:
            terminal.render(d)
    if not derivation.complete:
        from .render.notation import write

        missing = ", ".join(write(m.args[0]) for m in derivation.missing_rules)
        return fail(f"no rule for {missing}: the derivative cannot be finished", EXIT_INPUT)
    if not derivation.verified:
        failed = [str(i + 1) for i, p in enumerate(derivation.proofs) if not p.ok]
        return fail(
            f"internal error: step(s) {', '.join(failed) or 'result'} could not be proved; "
            "please report this formula",
            EXIT_INTERNAL,
        )
    return EXIT_OK


def _orders(derivation) -> list:
    chain = [derivation]
    while chain[0].lower is not None:
        chain.insert(0, chain[0].lower)
    return chain


def _formula_first(argv: list[str]) -> list[str]:
    """derive "-z" means the formula −z: our options are long, so a leading single dash
    that is not -h starts a formula; argparse reads it as one after "--"."""
    first = argv[0] if argv else ""
    if first.startswith("-") and not first.startswith("--") and first != "-h" and len(first) > 1:
        return [*argv[1:], "--", first]
    return argv


def main(argv: Sequence[str] | None = None) -> int:
    from .commands.streams import guarded_streams
    from .nesting import recursion_room

    with guarded_streams(), recursion_room():
        return _main(argv)


def _main(argv: Sequence[str] | None) -> int:
    from .commands.streams import OutputFailed

    argv = _formula_first(list(sys.argv[1:] if argv is None else argv))
    formatter = _formatter(argv)
    try:
        if argv[:1] and argv[0] in SUBCOMMANDS:
            module = importlib.import_module(f".commands.{SUBCOMMANDS[argv[0]]}", __package__)
            args = subcommand_parser(argv[0], module, formatter).parse_args(argv[1:])
            with time_limit(getattr(args, "timeout", DEFAULT_TIMEOUT)):
                code = module.run(args)
        else:
            args = derive_parser(formatter).parse_args(argv)
            with time_limit(args.timeout):
                code = run_derive(args)
        sys.stdout.flush()  # a full disk shows here, while we can still say so
        return code
    except SystemExit as exit_:  # argparse: usage errors are exit 2, --help is 0
        try:
            sys.stdout.flush()  # the help text may not fit on a full disk either
        except BrokenPipeError:
            _discard_stdout()
        except OutputFailed as error:
            _discard_stdout()
            return fail(str(error), EXIT_INPUT)
        return int(exit_.code or 0)
    except KeyboardInterrupt:
        return fail("interrupted", 130)
    except TimeLimit:
        return fail("gave up: the input takes too long to work on (see --timeout)", EXIT_INPUT)
    except RecursionError:
        return fail("the input is nested too deeply to work on", EXIT_INPUT)
    except BrokenPipeError:
        # The reader stopped early (derive sigmoid | head): not an error of ours.
        _discard_stdout()
        return EXIT_OK
    except OutputFailed as error:
        _discard_stdout()
        return fail(str(error), EXIT_INPUT)
    except Exception as error:  # one line, never a traceback
        from .errors import DerivationsError

        if isinstance(error, DerivationsError):
            return fail(str(error), EXIT_INPUT)
        return fail(f"internal error: {type(error).__name__}: {error}", EXIT_INTERNAL)


def _discard_stdout() -> None:
    """Point stdout at /dev/null, so the interpreter's final flush does not fail again."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
