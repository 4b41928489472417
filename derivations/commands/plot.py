"""``derive plot``: g, g′ (and g″) of activations drawn to a PNG, SVG or PDF file (wiring only).

matplotlib is optional (``pip install 'derivations[plot]'``); without it the
command says so in one line and exits with code 2.
"""

from __future__ import annotations

import argparse

from .analysis_options import add_targets, analyses

DESCRIPTION = (
    "Plot g and g′ (and g″ with --order 2) of one or more activations on a shared z axis: "
    "kinks marked, saturation and dead zones shaded, the maximum slope annotated. "
    "Needs matplotlib, the optional 'plot' extra of derivations."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_targets(parser)
    parser.add_argument(
        "-o", "--output", required=True, metavar="FILE", help="where to write: .png, .svg or .pdf"
    )
    parser.add_argument(
        "--order", type=int, choices=(1, 2), default=1, help="highest derivative drawn (default 1)"
    )
    parser.add_argument(
        "--grid", action="store_true", help="one column per activation instead of overlaying them"
    )
    parser.add_argument(
        "--range",
        dest="z_range",
        type=float,
        nargs=2,
        metavar=("LOW", "HIGH"),
        help="the z axis (default: [-5, 5], widened to show every feature)",
    )


def run(args: argparse.Namespace) -> int:
    from ..render.analysis.analysis_plot import check_output, plot_to_file

    check_output(args.output, args.order)  # before the slow part, and before matplotlib
    path = plot_to_file(
        analyses(args, second_derivative=args.order == 2),
        args.output,
        order=args.order,
        grid=args.grid,
        z_range=tuple(args.z_range) if args.z_range else None,
    )
    print(f"wrote {path}")
    return 0
