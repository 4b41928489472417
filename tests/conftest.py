"""Shared checks, written independently of derivations.verify so they can catch its mistakes."""

from __future__ import annotations

import mpmath
import sympy as sp

from derivations.functions import expand_activations
from derivations.in_terms_of_g import g
from derivations.render.notation import write

# Points across [-10, 10] that avoid the usual breakpoints (0, ±1, ±3, 6).
POINTS = [sp.Rational(k, 7) + sp.Rational(1, 97) for k in range(-70, 71, 3)]


def plain(expr: sp.Expr, function: sp.Expr | None = None, z: sp.Symbol | None = None) -> sp.Expr:
    """An ordinary SymPy expression: g(z) replaced, catalog functions expanded, derivatives done."""
    if function is not None:
        expr = expr.subs(g(z), function)
    return expand_activations(expr).doit()


def value(expr: sp.Expr, z: sp.Symbol, point, params=None) -> mpmath.mpf | None:
    """expr at z = point with 30 digits, via evalf (no lambdify), None where undefined."""
    substituted = expr.subs(dict(params or {})).subs(z, point)
    substituted = substituted.replace(sp.DiracDelta, lambda *a: sp.S.Zero)
    number = sp.N(substituted, 30)
    if not number.is_number or number.has(sp.nan, sp.zoo, sp.oo, -sp.oo):
        return None
    if not number.is_real:
        return None
    return mpmath.mpf(str(number))


def assert_numerically_equal(a, b, z, points=POINTS, params=None, skip=()):
    compared = 0
    for x in points:
        if x in skip:
            continue
        va, vb = value(a, z, x, params), value(b, z, x, params)
        if va is None and vb is None:
            continue
        assert va is not None and vb is not None, f"defined on one side only at z = {x}"
        assert abs(va - vb) <= mpmath.mpf("1e-20") * max(1, abs(va)), (
            f"differ at z = {x}: {va} vs {vb}"
        )
        compared += 1
    assert compared >= 5, "too few points compared"


def assert_steps_chain(derivation, points=POINTS, params=None):
    """Every step equals the one before it, at many points, checked here from scratch."""
    z = derivation.variable
    function = derivation.function
    previous = plain(derivation.start, function, z)
    for step in derivation.steps:
        current = plain(step.expression, function, z)
        assert_numerically_equal(previous, current, z, points, params)
        previous = current
    truth = sp.diff(expand_activations(function), z)
    assert_numerically_equal(plain(derivation.result), truth, z, points, params)


def texts(derivation) -> list[str]:
    return [write(s.expression) for s in derivation.steps]
