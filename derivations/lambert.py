"""Real solutions of (a·z + b)·e^(kz + d) = c and kin, in closed form with Lambert's W.

max(z, e^(−z)) switches where z = e^(−z), at W(1) ≈ 0.567.  SymPy's solveset leaves such
equations unsolved, and its solve can take minutes on larger ones, so the one family
that W solves is recognised here directly: after clearing denominators, the equation is
P₀(z) + P₁(z)·E = 0 with E = e^(kz + d) and P₀, P₁ of degree at most 1, one of them
constant.  Equations with decimals are left to the numeric search (``root_search``),
which states its point to any precision instead of a W of a 50-digit fraction.
"""

from __future__ import annotations

import sympy as sp


def lambert_solutions(equation: sp.Expr, z: sp.Symbol) -> list[sp.Expr] | None:
    """The real solutions of equation = 0 when it is of that family, else None."""
    if equation.has(sp.Float):
        return None
    top = sp.expand(sp.powsimp(sp.fraction(sp.together(equation))[0]))
    exponentials = [e for e in top.atoms(sp.exp) if e.has(z)]
    if len(exponentials) != 1:
        return None
    (power,) = exponentials
    exponent = sp.expand(power.args[0])
    k = exponent.coeff(z)
    d = sp.expand(exponent - k * z)
    if not k.is_number or k == 0 or d.has(z):
        return None
    y = sp.Dummy("y")
    linear = top.xreplace({power: y})
    if linear.has(sp.exp) and any(e.has(z) for e in linear.atoms(sp.exp)):
        return None
    coefficients = _linear_coefficients(linear, y, z)
    if coefficients is None:
        return None
    (a0, b0), (a1, b1) = coefficients
    # a0·z + b0 + (a1·z + b1)·e^(kz + d) = 0
    if a1 == 0 and a0 != 0 and b1 != 0:
        # (−k u)·e^(−k u) = w with u = z + b0/a0: z = −W(w)/k − b0/a0
        w = k * b1 / a0 * sp.exp(d - k * b0 / a0)
        return [-branch / k - b0 / a0 for branch in _real_branches(w)]
    if a0 == 0 and a1 != 0 and b0 != 0:
        # (k u)·e^(k u) = w with u = z + b1/a1: z = W(w)/k − b1/a1
        w = -b0 * k / a1 * sp.exp(k * b1 / a1 - d)
        return [branch / k - b1 / a1 for branch in _real_branches(w)]
    return None


def _linear_coefficients(expr: sp.Expr, y: sp.Symbol, z: sp.Symbol):
    """((a0, b0), (a1, b1)) with expr = a0·z + b0 + (a1·z + b1)·y, all numbers; or None."""
    try:
        poly = sp.Poly(expr, y, z)
    except sp.PolynomialError:
        return None
    if not all(c.is_number for c in poly.coeffs()):
        return None
    if any(i > 1 or j > 1 for i, j in poly.monoms()):
        return None
    coefficient = dict(zip(poly.monoms(), poly.coeffs(), strict=True))

    def c(i, j):
        return coefficient.get((i, j), sp.S.Zero)

    return (c(0, 1), c(0, 0)), (c(1, 1), c(1, 0))


def _real_branches(w: sp.Expr) -> list[sp.Expr]:
    """The real values of W at w: W₀ for w ≥ 0, W₀ and W₋₁ for −1/e < w < 0."""
    w = sp.simplify(w)
    if not w.is_extended_real:
        return []
    bound = -sp.exp(-1)
    if w >= 0:
        return [sp.LambertW(w)]
    if sp.simplify(w - bound) == 0:
        return [sp.S.NegativeOne]
    if w > bound:
        return [sp.LambertW(w), sp.LambertW(w, -1)]
    return []
