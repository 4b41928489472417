"""``derive code``: forward and backward passes for NumPy or PyTorch, from the derivation."""

from __future__ import annotations

import argparse
import sys

from .common import (
    EXIT_INTERNAL,
    EXIT_OK,
    add_param,
    add_timeout,
    fail,
    parse_parameters,
)

DESCRIPTION = (
    "Write code for an activation and its derivative: forward(z), backward(grad_out, z) and, "
    "where g' is a function of g, backward_from_output(grad_out, g) for NumPy; an "
    "autograd Function and an nn.Module for PyTorch. The formulas, the kink convention and "
    "the numerics are stated in the module's docstring."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "target",
        metavar="NAME_OR_EXPRESSION",
        help="a catalog name (sigmoid, relu, ...) or a formula in z",
    )
    parser.add_argument(
        "--target",
        dest="library",
        choices=("numpy", "torch"),
        default="numpy",
        help="the library the code is for (default numpy)",
    )
    parser.add_argument("-o", "--output", metavar="FILE", help="write the module to FILE")
    add_param(
        parser,
        "a catalog parameter's default in the code (a typed formula's is built in), "
        "e.g. --param a=0.2 (repeatable)",
    )
    parser.add_argument(
        "--learnable",
        action="append",
        default=[],
        metavar="NAME",
        help="(torch) make a parameter an nn.Parameter with its gradient (repeatable)",
    )
    parser.add_argument(
        "--variable",
        default="z",
        help="the variable of a typed formula: a plain name such as x or t (default z)",
    )
    add_timeout(parser)


def run(args: argparse.Namespace) -> int:
    from ..api import derive
    from ..catalog.vectors import find_vector
    from ..codegen import source
    from ..codegen.common import not_element_wise
    from ..errors import UsageError

    if find_vector(args.target) is not None:  # refused before its (slow) derivation is made
        raise not_element_wise(find_vector(args.target).name)
    derivation = derive(args.target, params=parse_parameters(args.param), variable=args.variable)
    if derivation.complete and not derivation.verified:
        return fail(
            "internal error: the derivation could not be proved, so no code is generated; "
            "please report this formula",
            EXIT_INTERNAL,
        )
    text = source(derivation, args.library, args.learnable)
    if args.output is None:
        sys.stdout.write(text)
        return EXIT_OK
    try:
        with open(args.output, "w", encoding="utf-8") as file:
            file.write(text)
    except OSError as error:
        raise UsageError(f"cannot write {args.output}: {error.strerror or error}") from error
    return EXIT_OK
