"""Where a smooth formula crosses a level: exactly when possible, else by a careful numeric search.

Exactly: a formula that is rational in z, or rational in one exponential
e^(z/L) once tanh, sinh and cosh are written with exponentials, is solved as a
polynomial (sigmoid' = 1/100 becomes s^2 - 98 s + 1 = 0 with s = e^-z).
Numerically: the formula is evaluated at 60 digits on a grid over [-40, 40]
(denser near 0), then at doubling distances out to about ±160000, every sign
change is refined by bisection, and a root is kept only where the formula
really goes to zero (a pole also changes sign).  A numeric root is reported
exactly when a short closed form is found for it and proved to be a root.
The two methods check each other: an exact answer that misses a numeric sign
change is not trusted.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import mpmath
import sympy as sp

from ..errors import InputRefused
from ..verify import evaluator, is_zero
from .numbers import DIGITS, Number, same

SCAN_DIGITS = 60
WINDOW = 40
FAR = [WINDOW * 2**k for k in range(1, 13)]  # out to about 160000
BISECTIONS = 120
MAX_DEGREE = 4  # solve polynomials up to this degree in radicals
MAX_OPS = 300  # larger formulas go straight to the numeric search
TINY = mpmath.mpf("1e-40")  # below this a 60-digit value is checked with more digits


def _grid() -> list[mpmath.mpf]:
    near = [mpmath.mpf(k) / 20 for k in range(-200, 201)]  # step 0.05 on [-10, 10]
    outer = [mpmath.mpf(k) / 2 for k in range(21, 2 * WINDOW + 1)]  # step 0.5 out to 40
    return sorted([*(-x for x in outer), *near, *outer])


GRID = _grid()


@dataclass(frozen=True)
class Span:
    """An open interval (lo, hi) of z, ends possibly infinite, on which a formula is smooth."""

    lo: sp.Expr
    hi: sp.Expr

    @cached_property
    def bounds(self) -> tuple[mpmath.mpf, mpmath.mpf]:
        return tuple(Number.of(end).mp() for end in (self.lo, self.hi))

    def inside(self, x: mpmath.mpf) -> bool:
        lo, hi = self.bounds
        return lo < x < hi and not same(x, lo) and not same(x, hi)

    def grid(self) -> list[mpmath.mpf]:
        """Scan points inside the span, with the far points on its infinite sides."""
        lo, hi = self.bounds
        points = [x for x in GRID if self.inside(x)]
        if mpmath.isinf(lo):
            points = [-mpmath.mpf(x) for x in reversed(FAR)] + points
        if mpmath.isinf(hi):
            points = points + [mpmath.mpf(x) for x in FAR]
        if not points:  # a very narrow span
            points = [(lo + hi) / 2]
        return points


class Curve:
    """One smooth formula h(z) on a span, evaluated lazily at 60 digits."""

    def __init__(self, expr: sp.Expr, z: sp.Symbol, span: Span):
        self.expr, self.z, self.span = expr, z, span
        self._at = evaluator(expr, z, {})

    def at(self, x: mpmath.mpf, digits: int = SCAN_DIGITS) -> mpmath.mpf | None:
        with mpmath.workdps(digits):
            return self._at(x)

    def _reliable(self, x: mpmath.mpf) -> mpmath.mpf | None | bool:
        """h(x); None where undefined; False where the value is lost in rounding noise.

        Far from 0, 1 - tanh(z)^2 cancels to noise at 60 digits: a tiny value is
        recomputed with more digits and kept only if both agree.
        """
        value = self.at(x)
        if value is None or abs(value) > TINY:
            return value
        closer = self.at(x, 2 * SCAN_DIGITS)
        if closer is None:
            return None
        if closer == value or abs(closer - value) <= mpmath.mpf("1e-6") * abs(closer):
            return closer
        return False

    @cached_property
    def _scan(self) -> tuple[list, list]:
        kept, undefined = [], []
        for x in self.span.grid():
            value = self._reliable(x)
            if value is None:
                undefined.append(x)
            elif value is not False:
                kept.append((x, value))
        return kept, undefined

    @property
    def samples(self) -> list[tuple[mpmath.mpf, mpmath.mpf]]:
        """(z, h(z)) at the scan points where the value is defined and trustworthy."""
        return self._scan[0]

    @property
    def undefined_at(self) -> list[mpmath.mpf]:
        return self._scan[1]

    @cached_property
    def constant(self) -> bool:
        return not self.expr.has(self.z)


@dataclass(frozen=True)
class Crossings:
    """The points of a span where h(z) = level, and how they were found."""

    points: tuple[Number, ...]
    method: str  # "exact" or "numeric"


def crossings(curve: Curve, level: sp.Expr = sp.S.Zero) -> Crossings:
    """Where ``curve`` crosses ``level`` inside its span (a constant curve crosses nowhere)."""
    level = sp.S(level)
    if curve.constant:
        return Crossings((), "exact")
    found = _sign_changes(curve, level)
    exact = _exact_roots(curve.expr - level, curve.z, curve.span)
    if exact is not None and all(any(_close(n, e.mp()) for e in exact) for n in found):
        return Crossings(tuple(sorted(exact, key=lambda n: n.mp())), "exact")
    return Crossings(tuple(_identified(curve.expr - level, curve.z, x) for x in found), "numeric")


def _sign(value: mpmath.mpf | None, level: mpmath.mpf) -> int:
    if value is None:
        return 0
    with mpmath.workdps(SCAN_DIGITS):
        return (value > level) - (value < level)


# --- numeric search ------------------------------------------------------------------


def _sign_changes(curve: Curve, level: sp.Expr) -> list[mpmath.mpf]:
    level_mp = Number.of(level).mp()
    roots: list[mpmath.mpf] = []
    previous: tuple[mpmath.mpf, int] | None = None
    for x, value in curve.samples:
        sign = _sign(value, level_mp)
        if sign == 0:
            continue  # a 0 may be rounding noise: real roots show up as sign changes
        if previous is not None and previous[1] != sign:
            root = _bisect(curve, level_mp, previous[0], x, previous[1])
            if not any(_close(r, root) for r in roots):
                roots.append(root)
        previous = (x, sign)
    return roots


def _close(a: mpmath.mpf, b: mpmath.mpf) -> bool:
    """The same root, found two ways."""
    with mpmath.workdps(SCAN_DIGITS):
        return abs(a - b) < mpmath.mpf("1e-15") * max(1, abs(a))


def _bisect(curve: Curve, level, lo, hi, lo_sign: int) -> mpmath.mpf:
    with mpmath.workdps(SCAN_DIGITS):
        for _ in range(BISECTIONS):
            middle = (lo + hi) / 2
            sign = _sign(curve.at(middle), level)
            if sign == 0:
                lo = hi = middle
                break
            if sign == lo_sign:
                lo = middle
            else:
                hi = middle
        root = (lo + hi) / 2
        value = curve.at(root)
    if value is None or abs(value - level) > mpmath.mpf("1e-12") * max(1, abs(level)):
        raise InputRefused(
            f"{sp.sstr(curve.expr)} changes sign at z ≈ {mpmath.nstr(root, 8)} without "
            "passing through 0 (a pole or a jump): it is not finite for every z"
        )
    return root


def _identified(expr: sp.Expr, z: sp.Symbol, root: mpmath.mpf) -> Number:
    """The root exactly when a short closed form is found for it and proved; else a float."""
    if abs(root) > 1000:
        return Number.of(root)
    approx = sp.Float(mpmath.nstr(root, DIGITS + 5), DIGITS + 5)
    try:
        guess = sp.nsimplify(approx, tolerance=sp.Float("1e-25"))
    except (ValueError, TypeError, NotImplementedError):
        guess = None
    readable = guess is not None and not guess.has(sp.Float) and sp.count_ops(guess) <= 8
    if readable and (not guess.is_Rational or guess.q <= 1000):
        value = expr.xreplace({z: guess})
        if value == 0 or is_zero(value, z) is not None:
            return Number(guess, True)
    return Number.of(root)


# --- exact solving ---------------------------------------------------------------------


def _exact_roots(expr: sp.Expr, z: sp.Symbol, span: Span) -> list[Number] | None:
    """All roots in the span, exactly, or None when the formula is not of a kind we solve."""
    if sp.count_ops(expr) > MAX_OPS:
        return None
    if expr.has(sp.tanh, sp.sinh, sp.cosh, sp.coth, sp.sech, sp.csch):
        expr = expr.rewrite(sp.exp)
    if not elementary(expr, z):
        return None
    numerator = sp.numer(sp.together(expr))
    polynomial = _as_polynomial(numerator, z)
    if polynomial is not None:
        candidates = _real_roots(polynomial)
    else:
        in_exponential = _in_one_exponential(numerator, z)
        if in_exponential is None:
            return None
        poly, scale = in_exponential
        roots = _real_roots(poly)
        if roots is None:
            return None
        candidates = [scale * sp.log(r) for r in roots if r.is_positive]
    if candidates is None:
        return None
    roots = []
    with mpmath.workdps(SCAN_DIGITS):
        at = evaluator(expr, z, {})
        for root in candidates:
            x = Number.of(root).mp()
            value = at(x)
            # A root of the numerator that is a zero of the denominator too is not a root.
            if span.inside(x) and value is not None and abs(value) < mpmath.mpf("1e-25"):
                roots.append(Number(sp.nsimplify(root) if root.is_Float else root, True))
    return roots


def elementary(expr: sp.Expr, z: sp.Symbol) -> bool:
    allowed = (sp.Add, sp.Mul, sp.Pow, sp.exp, sp.Symbol, sp.Number, sp.NumberSymbol)
    return all(isinstance(node, allowed) for node in sp.preorder_traversal(expr))


def _as_polynomial(expr: sp.Expr, z: sp.Symbol) -> sp.Poly | None:
    if expr.has(sp.exp) or not expr.is_polynomial(z):
        return None
    return sp.Poly(expr, z)


def _in_one_exponential(expr: sp.Expr, z: sp.Symbol) -> tuple[sp.Poly, sp.Expr] | None:
    """expr as a polynomial in s = e^(z/L), with L; None when it is not one."""
    rates = []
    for e in expr.atoms(sp.exp):
        exponent = sp.expand(e.args[0])
        rate = exponent.coeff(z)
        if not rate.is_Rational or sp.expand(exponent - rate * z).has(z):
            return None
        rates.append(rate)
    if not rates:
        return None
    scale = sp.ilcm(1, *(r.q for r in rates))
    s = sp.Symbol("s", positive=True)
    replaced = expr.xreplace(
        {
            e: sp.exp(sp.expand(e.args[0]) - sp.expand(e.args[0]).coeff(z) * z)
            * s ** int(sp.expand(e.args[0]).coeff(z) * scale)
            for e in expr.atoms(sp.exp)
        }
    )
    if replaced.has(z):
        return None
    numerator = sp.numer(sp.together(replaced))
    if not numerator.is_polynomial(s):
        return None
    return sp.Poly(numerator, s), sp.Integer(scale)


def _real_roots(poly: sp.Poly) -> list[sp.Expr] | None:
    if poly.is_zero or poly.degree() > 2 * MAX_DEGREE:
        return None
    if not all(c.is_number for c in poly.all_coeffs()):
        return None
    roots = []
    for factor, _ in sp.factor_list(poly.as_expr())[1]:
        part = sp.Poly(factor, *poly.gens)
        if part.degree() > MAX_DEGREE:
            return None
        if part.degree() > 0:
            roots.extend(r for r in sp.roots(part, filter="R") if r.is_real)
    return roots
