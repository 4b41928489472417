"""``derive analyze --json``: one JSON object per activation.

Numbers are JSON numbers (null for ±oo); beside each, ``*_exact`` is the exact
value as text SymPy's sympify reads ("1/4", "log(49 + 20*sqrt(6))", "-oo"),
or null when the value was only found numerically.  An interval is
``{"lo", "hi", "lo_exact", "hi_exact", "lo_closed", "hi_closed"}``; a single
point has lo == hi.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import sympy as sp

from ...analysis.numbers import Interval, Number
from ...analysis.report import Analysis, Bounds, Extremum
from ..json import expression, sympify_text
from . import verdict_words


def number(n: Number) -> float | None:
    return None if n.infinite else float(n)


def exact(n: Number) -> str | None:
    return sympify_text(n.value) if n.exact else None


def interval(i: Interval) -> dict[str, Any]:
    return {
        "lo": number(i.lo),
        "hi": number(i.hi),
        "lo_exact": exact(i.lo),
        "hi_exact": exact(i.hi),
        "lo_closed": i.lo_closed,
        "hi_closed": i.hi_closed,
    }


def _range(bounds: Bounds) -> dict[str, Any]:
    return {
        **interval(bounds.as_interval()),
        "argmin": [interval(i) for i in bounds.lower.where],
        "argmax": [interval(i) for i in bounds.upper.where],
        "min_attained": bounds.lower.attained,
        "max_attained": bounds.upper.attained,
    }


def _value(prefix: str, n: Number) -> dict[str, Any]:
    return {prefix: number(n), f"{prefix}_exact": exact(n)}


def _extremum(prefix: str, e: Extremum) -> dict[str, Any]:
    return {**_value(prefix, e.value), f"{prefix}_attained": e.attained}


def to_dict(a: Analysis) -> dict[str, Any]:
    """The report as plain JSON-ready data."""
    z = a.variable
    slope = a.max_slope.value
    return {
        "name": a.title,
        "variable": str(z),
        "expression": expression(a.function, z),
        "derivative": expression(a.derivative, z),
        "parameters": {name: number(Number.of(value)) for name, value in a.parameters},
        "parameters_exact": {name: exact(Number.of(value)) for name, value in a.parameters},
        "range": _range(a.range),
        "derivative_range": _range(a.derivative_range),
        **_extremum("max_slope", a.max_slope),
        "argmax_slope": [interval(i) for i in a.max_slope.where],
        # at most this factor through n layers, as text sympify reads with n a symbol
        "gradient_factor_through_n_layers": (
            None if slope.infinite else f"({exact(slope) or repr(float(slope))})**n"
        ),
        **_value("saturation_threshold", a.saturation_threshold),
        "saturation": [interval(i) for i in a.saturation],
        "dead_zones": [
            {**interval(zone.interval), "recoverable": zone.recoverable, "why": zone.why}
            for zone in a.dead_zones
        ],
        **_value("g_at_zero", a.g_at_zero),
        "zero_centred": a.zero_centred,
        "zero_centring": a.zero_centring,
        "output_sign": a.output_sign,
        "monotonic": a.monotonic,
        "direction": a.direction,
        "decreasing_on": [interval(i) for i in a.decreasing_on],
        "bounded_above": a.range.bounded_above,
        "bounded_below": a.range.bounded_below,
        "smoothness": a.smoothness.label,
        "smoothness_order": a.smoothness.order,
        "smoothness_breaks_at": [number(x) for x in a.smoothness.breaks_at],
        "smoothness_breaks_at_exact": [exact(x) for x in a.smoothness.breaks_at],
        "kinks": [
            {
                "at": _float(k.at),
                "at_exact": expression(k.at),
                "left": _float(k.left),
                "right": _float(k.right),
                "value_used": _float(k.value_used),
                "left_exact": expression(k.left),
                "right_exact": expression(k.right),
                "value_used_exact": expression(k.value_used),
                "kind": k.kind,
            }
            for k in a.kinks
        ],
        "limits": {
            **_value("g_at_minus_infinity", a.ends.g_left),
            **_value("g_at_infinity", a.ends.g_right),
            **_value("slope_at_minus_infinity", a.ends.slope_left),
            **_value("slope_at_infinity", a.ends.slope_right),
        },
        "backward_from_output": a.backward_from_output,
        "derivative_in_terms_of_g": expression(a.form_in_g, z),
        "backward_from_output_reason": a.form_in_g_reason,
        "verdict": list(verdict_words.sentences(a)),
    }


def _float(expr: sp.Expr) -> float | None:
    value = sp.N(expr, 30)
    if not value.is_number or not value.is_real or not value.is_finite:
        return None
    return float(value)


def render(analyses: Sequence[Analysis]) -> str:
    """One object for one activation, a list for several."""
    data = [to_dict(a) for a in analyses]
    return json.dumps(data[0] if len(data) == 1 else data, indent=2, ensure_ascii=False)
