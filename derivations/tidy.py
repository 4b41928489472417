"""Polynomials and fractions put the readable way round: the shorter of the factored
and expanded forms, with signs as on the board (g(1 − g), not −g(g − 1)).

Used for every form in g and in s, and for the common factor taken out in simplifying.
"""

from __future__ import annotations

import sympy as sp


def tidy_polynomial(form: sp.Expr) -> sp.Expr:
    """The shortest of the factored and expanded forms, signs the readable way round."""
    candidates = [_positive_factors(sp.factor(form)), sp.expand(form), form]
    return min(candidates, key=lambda c: (sp.count_ops(c), not c.is_Mul))


def readable_signs(expr: sp.Expr) -> sp.Expr:
    """-(1 + g)/(g - 1) -> (1 + g)/(1 - g), throughout."""

    def flip(product):
        coefficient, factors = product.as_coeff_mul()
        if coefficient >= 0:
            return product
        for i, factor in enumerate(factors):
            base, exponent = factor.as_base_exp()
            if _constant_negative(base):
                flipped = list(factors)
                flipped[i] = sp.Pow(-base, exponent)
                return sp.Mul(-coefficient, *flipped) * (-1) ** (exponent + 1)
        return product

    return expr.replace(lambda e: e.is_Mul, flip)


def _positive_factors(product: sp.Expr) -> sp.Expr:
    """-g(g - 1) -> g(1 - g) and (g - 1)² -> (1 - g)²: the constant first where it reads better."""
    product = product.replace(
        lambda e: e.is_Pow and e.args[1].is_even and _constant_negative(e.args[0]),
        lambda e: sp.Pow(-e.args[0], e.args[1]),
    )
    if not product.is_Mul:
        return product
    coefficient, factors = product.as_coeff_mul()
    flips = [f for f in factors if _constant_negative(f)]
    if len(flips) % 2 == 1 and coefficient > 0:
        flips = flips[1:]  # keep one factor as it is rather than write a leading minus
    if not flips:
        return product
    rest = [f for f in factors if f not in flips]
    return sp.Mul(coefficient * (-1) ** len(flips), *rest, *(-f for f in flips))


def _constant_negative(expr: sp.Expr) -> bool:
    """g - 1 (a sum whose constant is negative): reads better as -(1 - g)."""
    return expr.is_Add and expr.as_coeff_Add()[0] < 0
