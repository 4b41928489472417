"""The derivative of each named function, as a lecturer writes it, and their definitions.

``ELEMENTARY`` maps a SymPy function F to (the name of its rule, its law, F′ at u);
the chain rule and the elementary-function rule in ``rules`` read it.  Each F′ is
built as written (``forms``), so the step shows the law's right-hand side.
``DEFINITIONS`` writes a function by other ones (sech u = 2/(eᵘ + e⁻ᵘ)), for
``--from-definition``.
"""

from __future__ import annotations

from collections.abc import Callable

import sympy as sp

from .elementary import RealCbrt
from .forms import add, fraction, mul, negate, power

_TWO = sp.Integer(2)


def _squared(u: sp.Expr) -> sp.Expr:
    return power(u, _TWO)


def _root(u: sp.Expr) -> sp.Expr:
    return power(u, sp.S.Half)


def _gauss(u: sp.Expr) -> sp.Expr:
    """(2/√π)·e^(−u²): the slope of erf."""
    return mul(fraction(_TWO, _root(sp.pi)), sp.exp(negate(_squared(u))))


# function -> (name of its rule, its law, derivative at u)
ELEMENTARY: dict[type, tuple[str, str, Callable[[sp.Expr], sp.Expr]]] = {
    sp.exp: ("exponential rule", "d/du eᵘ = eᵘ", lambda u: sp.exp(u)),
    sp.log: ("logarithm rule", "d/du log u = 1/u", lambda u: power(u, sp.S.NegativeOne)),
    sp.tanh: (
        "tanh rule",
        "d/du tanh u = 1 − tanh²u",
        lambda u: add(sp.S.One, negate(_squared(sp.tanh(u)))),
    ),
    sp.sinh: ("sinh rule", "d/du sinh u = cosh u", lambda u: sp.cosh(u)),
    sp.cosh: ("cosh rule", "d/du cosh u = sinh u", lambda u: sp.sinh(u)),
    sp.sech: (
        "sech rule",
        "d/du sech u = −sech u·tanh u",
        lambda u: negate(mul(sp.sech(u), sp.tanh(u))),
    ),
    sp.csch: (
        "csch rule",
        "d/du csch u = −csch u·coth u",
        lambda u: negate(mul(sp.csch(u), sp.coth(u))),
    ),
    sp.coth: (
        "coth rule",
        "d/du coth u = 1 − coth²u",
        lambda u: add(sp.S.One, negate(_squared(sp.coth(u)))),
    ),
    sp.asinh: (
        "inverse sinh rule",
        "d/du arsinh u = 1/√(u² + 1)",
        lambda u: fraction(sp.S.One, _root(add(_squared(u), sp.S.One))),
    ),
    # √(u − 1)·√(u + 1), not √(u² − 1): equal where arcosh is defined (u ≥ 1), and the
    # same complex number as SymPy's elsewhere, so no comparison can tell them apart.
    sp.acosh: (
        "inverse cosh rule",
        "d/du arcosh u = 1/(√(u − 1)·√(u + 1))",
        lambda u: fraction(sp.S.One, mul(_root(add(u, sp.S.NegativeOne)), _root(add(u, sp.S.One)))),
    ),
    sp.atanh: (
        "inverse tanh rule",
        "d/du artanh u = 1/(1 − u²)",
        lambda u: fraction(sp.S.One, add(sp.S.One, negate(_squared(u)))),
    ),
    sp.sin: ("sine rule", "d/du sin u = cos u", lambda u: sp.cos(u)),
    sp.cos: ("cosine rule", "d/du cos u = −sin u", lambda u: negate(sp.sin(u))),
    sp.tan: (
        "tangent rule",
        "d/du tan u = 1 + tan²u",
        lambda u: add(sp.S.One, _squared(sp.tan(u))),
    ),
    sp.asin: (
        "arcsine rule",
        "d/du arcsin u = 1/√(1 − u²)",
        lambda u: fraction(sp.S.One, _root(add(sp.S.One, negate(_squared(u))))),
    ),
    sp.acos: (
        "arccosine rule",
        "d/du arccos u = −1/√(1 − u²)",
        lambda u: negate(fraction(sp.S.One, _root(add(sp.S.One, negate(_squared(u)))))),
    ),
    sp.atan: (
        "arctangent rule",
        "d/du arctan u = 1/(1 + u²)",
        lambda u: fraction(sp.S.One, add(sp.S.One, _squared(u))),
    ),
    sp.erf: ("error-function rule", "d/du erf u = (2/√π)·e^(−u²)", _gauss),
    sp.erfc: (
        "complementary error-function rule",
        "d/du erfc u = −(2/√π)·e^(−u²)",
        lambda u: negate(_gauss(u)),
    ),
    RealCbrt: (
        "cube-root rule",
        "d/du ∛u = 1/(3·∛u²)",
        lambda u: fraction(sp.S.One, mul(sp.Integer(3), _squared(RealCbrt(u)))),
    ),
}


def _exp_sum(u: sp.Expr) -> sp.Expr:
    return add(sp.exp(u), sp.exp(-u))


def _exp_difference(u: sp.Expr) -> sp.Expr:
    return add(sp.exp(u), negate(sp.exp(-u)))


# Hyperbolic functions and their inverses written by exponentials and logarithms.
DEFINITIONS: dict[type, Callable[[sp.Expr], sp.Expr]] = {
    sp.tanh: lambda u: fraction(_exp_difference(u), _exp_sum(u)),
    sp.sinh: lambda u: fraction(_exp_difference(u), _TWO),
    sp.cosh: lambda u: fraction(_exp_sum(u), _TWO),
    sp.sech: lambda u: fraction(_TWO, _exp_sum(u)),
    sp.csch: lambda u: fraction(_TWO, _exp_difference(u)),
    sp.coth: lambda u: fraction(_exp_sum(u), _exp_difference(u)),
    sp.asinh: lambda u: sp.log(add(u, _root(add(_squared(u), sp.S.One)))),
    sp.acosh: lambda u: sp.log(
        add(u, mul(_root(add(u, sp.S.NegativeOne)), _root(add(u, sp.S.One))))
    ),
    sp.atanh: lambda u: mul(
        sp.S.Half, sp.log(fraction(add(sp.S.One, u), add(sp.S.One, negate(u))))
    ),
    sp.erfc: lambda u: add(sp.S.One, negate(sp.erf(u))),
}
