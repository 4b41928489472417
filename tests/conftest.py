"""Shared checks, written independently of derivations.verify so they can catch its mistakes."""

from __future__ import annotations

import os

# Tests derive and prove for real: no cached derivations (tests/test_cache.py checks the cache).
os.environ["DERIVATIONS_CACHE"] = "off"

import mpmath  # noqa: E402
import sympy as sp  # noqa: E402

from derivations.derivation import g
from derivations.functions import expand_activations
from derivations.render.notation import write

# Points across [-10, 10] that avoid the usual breakpoints (0, ±1, ±3, 6).
POINTS = [sp.Rational(k, 7) + sp.Rational(1, 97) for k in range(-70, 71, 3)]


def plain(expr: sp.Expr, function: sp.Expr | None = None, z: sp.Symbol | None = None) -> sp.Expr:
    """An ordinary SymPy expression: g(z) replaced, catalog functions expanded, derivatives done."""
    if function is not None:
        expr = expr.subs(g(z), function)
    return expand_activations(expr).doit()


def _function(expr: sp.Expr, z: sp.Symbol, params=None):
    """z -> 30-digit mpmath value of expr (None where undefined), compiled once."""
    expr = sp.sympify(expr).subs(dict(params or {}))
    expr = expr.replace(sp.DiracDelta, lambda *a: sp.S.Zero)
    # mpmath has no Heaviside: lambdify would compute E·H(z) in floating point.
    expr = expr.replace(sp.Heaviside, lambda *a: sp.Heaviside(*a).rewrite(sp.Piecewise))
    if expr.has(sp.Piecewise):
        return _exactly(expr, z)
    compiled = sp.lambdify(z, expr, modules="mpmath")

    def at(x):
        with mpmath.workdps(30):
            try:
                number = mpmath.mpmathify(compiled(mpmath.mpf(sp.Rational(x).p) / sp.Rational(x).q))
            except (ZeroDivisionError, OverflowError, ValueError, TypeError):
                return None
            if isinstance(number, mpmath.mpc):
                return None if abs(number.imag) > 1e-25 else number.real
            return None if mpmath.isnan(number) or mpmath.isinf(number) else number

    return at


def _exactly(expr, z):
    """Each condition decided with exact rationals (g(z) ≤ 1/3 where g is exactly 1/3), then
    the chosen pieces at 30 digits: floating point would decide such a condition by rounding."""
    compiled = {}

    def chosen(x):
        def pick(node):
            for formula, condition in node.args:
                if bool(condition.subs(z, x)):
                    return formula
            return sp.nan

        return expr.replace(lambda e: isinstance(e, sp.Piecewise), pick)

    def at(x):
        piece = chosen(sp.Rational(x))
        if piece.has(sp.Piecewise):  # a piece inside a piece: pick again
            piece = _exactly(piece, z)(x)
            return piece
        if piece not in compiled:
            compiled[piece] = _function(piece, z)
        return compiled[piece](x)

    return at


def assert_numerically_equal(a, b, z, points=POINTS, params=None, skip=()):
    fa, fb = _function(a, z, params), _function(b, z, params)
    compared = 0
    for x in points:
        if x in skip:
            continue
        va, vb = fa(x), fb(x)
        if va is None and vb is None:
            continue
        assert va is not None and vb is not None, f"defined on one side only at z = {x}"
        assert abs(va - vb) <= mpmath.mpf("1e-20") * max(1, abs(va)), f"differ at {x}: {va}, {vb}"
        compared += 1
    assert compared >= 5, "too few points compared"


def numeric_parameters(derivation) -> dict:
    """A number for every parameter kept as a symbol: its default, or 3/10 for typed ones."""
    return {
        p.symbol: (p.default if p.default is not None else sp.Rational(3, 10))
        for p in derivation.parameters
        if p.value == p.symbol
    }


def assert_steps_chain(derivation, points=POINTS, params=None):
    """Every step equals the one before it, at many points, checked here from scratch."""
    params = {**numeric_parameters(derivation), **dict(params or {})}
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
