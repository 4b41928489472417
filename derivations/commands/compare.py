"""``derive compare``: gradient-health properties side by side in one table (wiring only)."""

from __future__ import annotations

import argparse

from .analysis_options import add_report_arguments, print_reports

DESCRIPTION = (
    "Compare activations side by side: ranges, maximum slope, saturation, dead zones, "
    "zero-centring, monotonicity, smoothness and a verdict, one column each. "
    'Example: derive compare sigmoid tanh relu leaky_relu "z*sigmoid(z)"'
)


add_arguments = add_report_arguments


def run(args: argparse.Namespace) -> int:
    return print_reports(args, "analysis_compare")
