"""``derive analyze``: the gradient-health report of one or more activations (wiring only)."""

from __future__ import annotations

import argparse

from .analysis_options import add_report_arguments, print_reports

DESCRIPTION = (
    "Why an activation trains well or badly: range of g and g′, the maximum slope and what it "
    "does through depth, saturation, dead zones, zero-centring, monotonicity, smoothness, "
    "whether g′ follows from the output, and a verdict against sigmoid, tanh, relu, leaky_relu."
)


add_arguments = add_report_arguments


def run(args: argparse.Namespace) -> int:
    return print_reports(args, "analysis_report")
