"""Limits of a smooth formula at ±oo or at one side of a breakpoint, checked against its values.

SymPy's ``limit`` is used, but only trusted when the formula's own values
near the point agree (SymPy 1.13 gives 0 for the limit of Swish's g' as
z -> oo, which is 1).  Rational functions of z or of one exponential are
done first by reading off leading powers, which is exact and far quicker.
"""

from __future__ import annotations

import mpmath
import sympy as sp

from ..errors import InputRefused
from ..verify import evaluator
from .numbers import Number
from .solve import MAX_OPS, SCAN_DIGITS, elementary

SYMPY_LIMIT_OPS = 20  # larger formulas get their limits from their values, to 30 digits


def limit_at(expr: sp.Expr, z: sp.Symbol, point: sp.Expr, direction: str = "+") -> Number:
    """The limit of a smooth formula at ``point`` (±oo, or a finite end approached from one side).

    SymPy's answer is used only when the values near the point agree with it
    (SymPy 1.13 finds 0 for the limit of Swish's g' as z -> oo, which is 1).
    """
    if point.is_finite:
        value = expr.xreplace({z: point})
        if value.is_finite and value.is_real:
            return Number.of(sp.nsimplify(value) if value.is_Float else value)
    near = _values_towards(expr, z, point, direction)
    if point in (sp.oo, -sp.oo):
        for quick in (_rational_limit(expr, z, point), _substituted(expr, z, point)):
            if quick is not None and _plausible(quick, near):
                return Number.of(quick)
    forms = (expr, sp.together(expr), expr.rewrite(sp.exp))
    if sp.count_ops(expr) > SYMPY_LIMIT_OPS:
        forms = ()  # sympy.limit takes seconds on these (GELU's tanh form): values decide
    for form in forms:
        try:
            value = sp.limit(form, z, point, direction)
        except (NotImplementedError, ValueError, TypeError, AttributeError):
            continue
        usable = value.is_number and (value.is_real or value in (sp.oo, -sp.oo))
        if usable and _plausible(value, near):
            return Number.of(value)
    return _numeric_limit(expr, z, point, near)


def _rational_limit(expr: sp.Expr, z: sp.Symbol, point: sp.Expr) -> sp.Expr | None:
    """The limit at ±oo of a rational function of z or of one exponential e^(z/L), or None.

    Read off the leading (or lowest) powers: far quicker than sympy.limit.
    """
    if sp.count_ops(expr) > MAX_OPS:
        return None
    if expr.has(sp.tanh, sp.sinh, sp.cosh):
        expr = expr.rewrite(sp.exp)
    if not elementary(expr, z):
        return None
    s = sp.Symbol("s", positive=True)
    if expr.has(sp.exp):
        rates = [sp.expand(e.args[0]).coeff(z) for e in expr.atoms(sp.exp)]
        if not all(r.is_Rational for r in rates):
            return None
        scale = sp.ilcm(1, *(r.q for r in rates))
        mapping = {}
        for e in expr.atoms(sp.exp):
            exponent = sp.expand(e.args[0])
            rate = exponent.coeff(z)
            mapping[e] = sp.exp(exponent - rate * z) * s ** int(rate * scale)
        in_s = expr.xreplace(mapping)
        towards_zero = point == -sp.oo  # s = e^(z/L) -> 0 as z -> -oo
    else:
        in_s = expr.xreplace({z: s if point == sp.oo else -s})
        towards_zero = False
    if in_s.has(z):
        return None
    numerator, denominator = sp.fraction(sp.together(in_s))
    if not (numerator.is_polynomial(s) and denominator.is_polynomial(s)):
        return None
    top, bottom = sp.Poly(numerator, s), sp.Poly(denominator, s)
    if top.is_zero:
        return sp.S.Zero
    if towards_zero:
        (m, a), (n, b) = _lowest(top), _lowest(bottom)
        gap = n - m  # s^m / s^n
    else:
        m, a, n, b = top.degree(), top.LC(), bottom.degree(), bottom.LC()
        gap = m - n
    ratio = sp.simplify(a / b)
    if not ratio.is_real or ratio == 0:
        return None
    if gap > 0:
        return sp.oo if ratio > 0 else -sp.oo
    return ratio if gap == 0 else sp.S.Zero


def _lowest(poly: sp.Poly) -> tuple[int, sp.Expr]:
    (power,), coefficient = poly.terms()[-1]
    return power, coefficient


def _substituted(expr: sp.Expr, z: sp.Symbol, point: sp.Expr) -> sp.Expr | None:
    """expr at z = ±oo by SymPy's arithmetic with infinities: tanh(oo) = 1, oo·2 = oo.

    An indeterminate form (oo - oo, 0·oo) comes out as nan and gives None.
    """
    value = expr.subs(z, point)
    determinate = value.is_number and not value.has(sp.nan, sp.zoo, sp.AccumBounds)
    if determinate and (value.is_real or value in (sp.oo, -sp.oo)):
        return value
    return None


def _values_towards(expr, z, point, direction) -> list:
    """expr at points approaching ``point``: ±10^3, ±10^4.5, ..., ±10^9, or 10^-k away.

    The half powers of ten catch formulas that oscillate (z·sin(z)): their values
    there change sign or fail to grow, so no limit is claimed from them.
    """
    at = evaluator(expr, z, {})
    if point in (sp.oo, -sp.oo):
        sign = 1 if point == sp.oo else -1
        xs = [sign * mpmath.mpf(10) ** (mpmath.mpf(k) / 2) for k in (6, 9, 12, 15, 18)]
    else:
        c = Number.of(point).mp()
        sign = -1 if direction == "-" else 1
        xs = [c + sign * mpmath.mpf(10) ** -k for k in (6, 12, 18)]
    with mpmath.workdps(SCAN_DIGITS):
        return [at(x) for x in xs]


def _plausible(limit: sp.Expr, near: list) -> bool:
    if any(v is None for v in near):
        return True  # nothing to check against
    first, last = near[0], near[-1]
    if limit in (sp.oo, -sp.oo):
        sign = 1 if limit == sp.oo else -1
        return sign * last > 0 and sign * last > sign * first
    target = Number.of(limit).mp()
    with mpmath.workdps(SCAN_DIGITS):
        return abs(last - target) <= mpmath.mpf("1e-3") * max(1, abs(target))


def _numeric_limit(expr: sp.Expr, z: sp.Symbol, point: sp.Expr, near: list) -> Number:
    if any(v is None for v in near):
        raise InputRefused(f"cannot find the limit of {sp.sstr(expr)} as z → {point}")
    before, last = near[-2], near[-1]
    with mpmath.workdps(SCAN_DIGITS):
        if abs(last) > 10 * abs(before) + 1 and abs(last) > mpmath.mpf(10) ** 6:
            if point in (sp.oo, -sp.oo) and not _grows(near + _around(expr, z, point)):
                raise InputRefused(
                    f"{sp.sstr(expr)} has no limit as z → {point}: its values swing in sign "
                    "instead of growing steadily"
                )
            return Number(sp.oo if last > 0 else -sp.oo, False)
        tolerance = mpmath.mpf("1e-6") * max(1, abs(last))
        steady = point not in (sp.oo, -sp.oo) or all(
            v is not None and abs(v - last) <= tolerance for v in _around(expr, z, point)
        )
        if abs(last - before) > tolerance or not steady:
            raise InputRefused(f"{sp.sstr(expr)} has no limit as z → {point} that could be found")
        if abs(last) < mpmath.mpf("1e-20"):
            return Number(sp.S.Zero, False)
    return Number.of(last)


AROUND = 8  # values one unit apart beyond the last sample: more than a period of sin(z)


def _around(expr: sp.Expr, z: sp.Symbol, point: sp.Expr) -> list:
    """expr at ±10^9 + k for k = 1..8: an oscillating formula changes sign or size there."""
    at = evaluator(expr, z, {})
    sign = 1 if point == sp.oo else -1
    with mpmath.workdps(SCAN_DIGITS):
        return [at(sign * (mpmath.mpf(10) ** 9 + k)) for k in range(1, AROUND + 1)]


def _grows(values: list) -> bool:
    """Every value has the same (non-zero) sign: the values head one way, without swinging."""
    if any(v is None for v in values):
        return False
    signs = {mpmath.sign(v) for v in values}
    return len(signs) == 1 and 0 not in signs
