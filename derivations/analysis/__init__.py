"""Gradient health of an activation: why it trains well or badly, computed from g and g'.

    analyze("sigmoid").max_slope.value        # 1/4, reached at z = 0
    analyze("relu").dead_zones[0].interval    # (-oo, 0)
    analyze("z*sigmoid(z)").range.lower       # about -0.2785, at z about -1.2785

Everything is derived from the expression and its derivative (as
``derivations.derive`` proves it): limits, the zeros of g' and g'' solved
exactly where the formula allows and found by a careful numeric search
otherwise, piece by piece between breakpoints.  No property is looked up.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

import sympy as sp

from ..api import derive, to_number
from ..derivation import Derivation
from ..errors import DerivationsError, UsageError
from ..pipeline import next_order
from ..verify import prepare
from . import properties as props
from .numbers import Interval, Number
from .report import Analysis, Bounds, DeadZone, Ends, Extremum, Smoothness

DEFAULT_SATURATION = sp.Rational(1, 100)

__all__ = [
    "Analysis",
    "Bounds",
    "DeadZone",
    "Ends",
    "Extremum",
    "Interval",
    "Number",
    "Smoothness",
    "analyze",
    "analyze_derivation",
]


def analyze(
    target: str | sp.Expr | Derivation,
    *,
    params: Mapping[str, object] | None = None,
    saturation: object = DEFAULT_SATURATION,
    verdict: bool = True,
    second_derivative: bool = False,
) -> Analysis:
    """The gradient-health report of a catalog name, a typed formula or a derivation.

    ``saturation`` is the threshold below which |g'(z)| counts as saturated
    (0.01 by default; text such as "0.001" is read exactly).  ``verdict``
    adds the facts of the comparison with sigmoid, tanh, relu and leaky_relu;
    ``second_derivative`` derives and proves g'' too (a figure's legend shows it).
    """
    derivation = target if isinstance(target, Derivation) else derive(target, params=params)
    return analyze_derivation(
        derivation, saturation=saturation, verdict=verdict, second_derivative=second_derivative
    )


def analyze_derivation(
    derivation: Derivation,
    *,
    saturation: object = DEFAULT_SATURATION,
    verdict: bool = True,
    second_derivative: bool = False,
) -> Analysis:
    try:
        threshold = to_number(saturation, "saturation threshold")
    except UsageError:
        raise UsageError(f"the saturation threshold {str(saturation)!r} is not a number") from None
    if not threshold.is_positive:
        raise UsageError(f"the saturation threshold must be positive, not {sp.sstr(threshold)}")
    if derivation.vector is not None:
        raise UsageError(
            f"{derivation.title} is a vector activation: the gradient-health analysis is for "
            "scalar activations g(z)"
        )
    if derivation.order != 1 or derivation.wrt is not None:
        raise UsageError("the gradient-health analysis needs the first derivative in z")
    if not derivation.complete:
        missing = ", ".join(sp.sstr(m.args[0]) for m in derivation.missing_rules)
        raise UsageError(f"no rule for {missing}: the derivative, and so the analysis, is unknown")
    parameters = _parameters(derivation)
    filled = {
        derivation_parameter.symbol: value
        for derivation_parameter, (_, value) in zip(derivation.parameters, parameters, strict=True)
    }
    z = derivation.variable
    function = prepare(derivation.function).xreplace(filled)
    derivative = prepare(derivation.result).xreplace(filled)
    points, pieces = props.split(function, derivative, z)
    joints = props.joints(function, pieces, z)
    g_points = [(j.at, j.g_value) for j in joints if j.g_value is not None]
    dg_points = [(j.at, j.dg) for j in joints if j.dg is not None]
    g_range = props.bounds(pieces, z, "g", g_points)
    slopes = props.bounds(pieces, z, "dg", dg_points)
    level = Number.of(threshold).mp()
    first, last = pieces[0], pieces[-1]
    report = Analysis(
        title=derivation.title,
        variable=z,
        function=derivation.function,  # as written: fixed constants by name
        derivative=derivation.result,
        pieces=pieces,
        breakpoints=points,
        kinks=tuple(_filled(kink, filled) for kink in derivation.kinks),
        range=g_range,
        derivative_range=slopes,
        max_slope=props.largest_magnitude(slopes),
        ends=Ends(
            props.limit_of(first.g, z, -sp.oo),
            props.limit_of(last.g, z, sp.oo),
            props.limit_of(first.dg, z, -sp.oo),
            props.limit_of(last.dg, z, sp.oo),
        ),
        saturation_threshold=Number.of(threshold),
        saturation=props.where(
            pieces, joints, z, lambda v: abs(v) < level, (threshold, -threshold)
        ),
        dead_zones=props.dead_zones(pieces, joints),
        g_at_zero=props.value_at(function, z, Number.of(sp.S.Zero)),
        symmetric=props.symmetric(pieces, z),
        decreasing_on=props.where(pieces, joints, z, lambda v: v < 0, (sp.S.Zero,)),
        increasing_on=props.where(pieces, joints, z, lambda v: v > 0, (sp.S.Zero,)),
        jumps_down=tuple(j.at for j in joints if j.g_right.mp() < j.g_left.mp()),
        smoothness=props.smoothness(pieces, joints, z),
        form_in_g=derivation.in_terms_of_g.expression,
        form_in_g_reason=derivation.in_terms_of_g.reason,
        parameters=parameters,
    )
    if verdict:
        from .verdict import SEEDS, remember_seed, verdict_for

        entry = derivation.activation
        if entry is not None and entry.name in SEEDS and _defaults(derivation):
            remember_seed(report, entry.name)
        report = dataclasses.replace(report, verdict=verdict_for(report))
    if second_derivative:
        report = dataclasses.replace(report, second_derivative=_second(derivation))
    return report


def _second(derivation: Derivation) -> sp.Expr | None:
    """g'' as the engine derives and proves it from g' (None where it cannot)."""
    try:
        second = next_order(derivation)
    except DerivationsError:  # a figure without the formula beats no figure
        return None
    return second.result if second.complete else None


def _parameters(derivation: Derivation) -> tuple[tuple[str, sp.Expr], ...]:
    """(name, value) of each parameter: its given value, else its default (fixed constants)."""
    found = []
    for parameter in derivation.parameters:
        value = parameter.value
        if value == parameter.symbol or not value.is_number:
            value = parameter.default
        if value is None or not value.is_number:
            raise UsageError(
                f"{derivation.title}: parameter {parameter.name} has no value; "
                f"give one with --param {parameter.name}=VALUE"
            )
        found.append((parameter.name, value))
    return tuple(found)


def _filled(kink, values: dict):
    """A kink with the parameter values put in, so it can be located and drawn."""
    if not values:
        return kink
    fields = ("at", "left", "right", "value_used")
    return dataclasses.replace(kink, **{f: getattr(kink, f).xreplace(values) for f in fields})


def _defaults(derivation: Derivation) -> bool:
    return all(p.value in (p.default, p.symbol) for p in derivation.parameters)
