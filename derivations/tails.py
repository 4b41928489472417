"""The sign of an expression far out on the real line, where interval arithmetic alone
cannot see it.

As z → −∞, softplus(z) − σ(z) = log(1 + t) − t/(1 + t) with t = e^z: both terms tend to
0, so any enclosure of the difference on (−∞, −R] holds 0.  Written in t, with the
exponentials cancelled as a rational function and the dominant term divided out, such an
expression (or its derivative, see ``root_search``) becomes a form with the same sign
whose enclosure does exclude 0: e^z/(1 + e^z) − e^(−z)/(1 + e^(−z))² is t²/(1 + t)², of
the sign of 1/(1 + t)².

``sign_forms(expr, z, side)`` gives enclosures (in z and t = e^(−side·z)) of candidates
for the sign of the numerator and of the denominator: each term in turn taken as the
dominant one, its positive factors (numbers, powers of t, exponentials) dropped and the
ratios of the other terms to it written with combined exponentials (e^(−z²)/t² =
e^(−z(z + 2)), bounded at once).  ``tail_sign`` evaluates them on the tail beyond R.
"""

from __future__ import annotations

import mpmath
import sympy as sp

from .enclosure import Monotone, compile_enclosure, excludes_zero
from .interval_functions import CannotBound, Erfcx, Nowhere

T = sp.Symbol("t_tail", positive=True)
_HYPERBOLIC = [sp.tanh, sp.sinh, sp.cosh, sp.sech, sp.csch, sp.coth]
CANCEL_LIMIT = 160  # operations: larger forms are not expanded or brought to one fraction (time)
MAX_TERMS = 24
MAX_CANDIDATES = 6
TAIL_PREC = 106  # bits: enclosures far out need range, not digits

Forms = tuple  # (candidates for the numerator's sign, candidates for the denominator's)


def sign_forms(expr: sp.Expr, z: sp.Symbol, side: int) -> Forms | None:
    """Candidate enclosures for the sign of ``expr`` as side·z → ∞ (None: nothing to try)."""
    try:
        top, bottom = _in_t(expr, z, side)
        return _candidates(top, z, side), _candidates(bottom, z, side)
    except (CannotBound, sp.PolynomialError, ValueError, TypeError, ZeroDivisionError):
        return None


def tail_sign(forms: Forms | None, box, side: int, strict: bool) -> int:
    """The sign the expression keeps on ``box`` (a z interval on that side of 0, bounded or
    not), or 0 if unknown.  The forms are identities in t = e^(−side·z) (up to positive
    factors), so they hold on any box, not only far out, with t on the matching box."""
    if forms is None:
        return 0
    with mpmath.workprec(80):
        near, far = (box[0], box[1]) if side > 0 else (box[1], box[0])
        t_box = (
            _t_at(far, side, mpmath.mpf(1) - mpmath.mpf(2) ** -40),
            _t_at(near, side, 1 + mpmath.mpf(2) ** -40),
        )
    sign = 1
    for candidates in forms:
        part = _first_sign(candidates, (box, t_box), strict)
        if not part:
            return 0
        sign *= part
    return sign


def _t_at(z, side: int, slack) -> tuple:
    """e^(−side·z) (a raw number) times ``slack``, 0 at infinity."""
    x = mpmath.mp.make_mpf(z)
    if mpmath.isinf(x):
        return mpmath.mpf(0)._mpf_
    return (mpmath.exp(-side * x) * slack)._mpf_


def _first_sign(candidates: list, boxes, strict: bool) -> int:
    for enclose in candidates:
        try:
            value, partial = enclose(boxes, TAIL_PREC)
        except Nowhere:
            continue
        if strict and partial:
            continue
        sign = excludes_zero(value)
        if sign:
            return sign
    return 0


# --- writing in t --------------------------------------------------------------------------


def _in_t(expr: sp.Expr, z: sp.Symbol, side: int) -> tuple[sp.Expr, sp.Expr]:
    """``expr`` with e^(az + b) written e^b·t^(−side·a), logs of powers of t split off, as
    a numerator and a denominator."""
    expr = expr.rewrite(_HYPERBOLIC, sp.exp)
    expr = expr.replace(lambda e: isinstance(e, (sp.erf, sp.erfc)), lambda e: _scaled(e, z, side))
    expr = expr.replace(lambda e: _square_root_of_polynomial(e, z), lambda e: _expanded(e, z, side))
    powers = {}
    for e in expr.atoms(sp.exp):
        exponent = sp.expand(e.args[0])
        slope = exponent.coeff(z)
        rest = sp.expand(exponent - slope * z)
        if slope.is_number and slope != 0 and not rest.has(z):
            powers[e] = sp.exp(rest) * T ** (-side * slope)
    form = expr.xreplace(powers)
    form = form.xreplace({lg: _split_log(lg, z, side) for lg in form.atoms(sp.log)})
    if sp.count_ops(form) > CANCEL_LIMIT:
        return form, sp.S.One
    # One fraction with its numerator expanded: terms that cancel go (t + t² − t = t²).
    top, bottom = sp.fraction(sp.together(form))
    return sp.expand(top), bottom


def _scaled(e: sp.Expr, z: sp.Symbol, side: int) -> sp.Expr:
    """erf(u), erfc(u) for u = az + b through erfcx, at the end u tends to (no 1 − 1 there)."""
    u = sp.expand(e.args[0])
    slope = u.coeff(z)
    if not (slope.is_number and slope != 0 and not (u - slope * z).has(z)):
        return e
    far = sp.exp(-(u**2))
    if side * slope > 0:  # u → +∞
        tail = far * Erfcx(u)
        return 1 - tail if isinstance(e, sp.erf) else tail
    tail = far * Erfcx(-u)  # u → −∞: erf(u) = −1 + erfc(−u)
    return tail - 1 if isinstance(e, sp.erf) else 2 - tail


def _square_root_of_polynomial(e: sp.Expr, z: sp.Symbol) -> bool:
    if not (e.is_Pow and e.exp == sp.S.Half and e.base.has(z) and e.base.is_polynomial(z)):
        return False
    poly = sp.Poly(e.base, z)
    return poly.degree() % 2 == 0 and all(c.is_number for c in poly.coeffs()) and poly.LC() > 0


def _expanded(e: sp.Pow, z: sp.Symbol, side: int) -> sp.Expr:
    """√P as |z| → ∞ (P of degree 2m): L + L·R/(√(1 + R) + 1) with L = √(lc)·|z|^m and
    R = (P − L²)/L² → 0, so that L cancels against the polynomial terms beside it."""
    poly = sp.Poly(e.base, z)
    leading = sp.sqrt(poly.LC()) * (side * z) ** (poly.degree() // 2)
    rest = sp.expand((e.base - sp.expand(leading**2)) / leading**2)
    return leading + leading * rest / (sp.sqrt(1 + rest) + 1)


def _split_log(lg: sp.log, z: sp.Symbol, side: int) -> sp.Expr:
    """log(u(t)) with u ~ c·t^m as t → 0: m·log t + log(u/t^m), and log t = −side·z."""
    top, bottom = sp.fraction(sp.together(lg.args[0]))
    m = _lowest_power(top) - _lowest_power(bottom)
    if not m:
        return lg
    rest = sp.expand(top * T ** (-_lowest_power(top))) / sp.expand(
        bottom * T ** (-_lowest_power(bottom))
    )
    return -side * m * z + sp.log(rest)


def _lowest_power(expr: sp.Expr):
    """The smallest r with a term c·t^r in ``expr`` (0 when some term is no such power)."""
    if not expr.has(T) or sp.count_ops(expr) > CANCEL_LIMIT:
        return 0  # expanding a large product takes SymPy minutes
    powers = []
    for term in sp.Add.make_args(sp.expand(expr)):
        coefficient, power = term.as_coeff_exponent(T)
        if coefficient.has(T) or not power.is_number:
            return 0
        powers.append(power)
    return min(powers)


# --- the dominant term -------------------------------------------------------------------


def _candidates(expr: sp.Expr, z: sp.Symbol, side: int) -> _Candidates:
    expandable = (expr.has(T) or expr.is_Add) and sp.count_ops(expr) <= CANCEL_LIMIT
    terms = sp.Add.make_args(sp.expand(expr)) if expandable else (expr,)
    if len(terms) > MAX_TERMS:
        terms = (expr,)
    return _Candidates(terms, z, side)


class _Candidates:
    """Enclosures of forms with the sign of a sum: (the sign factor of one of its terms) ×
    (the sum divided by that term), the terms that dominate as t → 0 first; each form is
    built only when the ones before it did not settle the sign (SymPy work is costly)."""

    def __init__(self, terms, z: sp.Symbol, side: int):
        self.terms, self.z, self.side = terms, z, side
        self.order = sorted(terms, key=_power_of)[:MAX_CANDIDATES]
        self.built: list = []

    def __iter__(self):
        for index, term in enumerate(self.order):
            if index == len(self.built):
                self.built.append(self._build(term))
            if self.built[index] is not None:
                yield self.built[index]

    def _build(self, term: sp.Expr):
        if len(self.terms) == 1:
            form = _sign_factor(term)
        else:
            z, side = self.z, self.side
            ratios = [_guarded(_combined(other / term, z, side), z) for other in self.terms]
            form = _sign_factor(term) * sp.Add(*ratios)
        try:
            return compile_enclosure(form, [self.z, T])
        except CannotBound:
            return None


def _power_of(term: sp.Expr):
    coefficient, power = term.as_coeff_exponent(T)
    return power if power.is_number and not coefficient.has(T) else 0


def _sign_factor(term: sp.Expr) -> sp.Expr:
    """``term`` without its factors that are positive everywhere (numbers, t^r, e^u,
    erfcx): they may tend to 0 far out, which no enclosure tells from a change of sign."""
    kept = []
    for factor in sp.Mul.make_args(term):
        base = factor.base if factor.is_Pow else factor
        if factor.is_Number:
            kept.append(sp.sign(factor))
        elif base == T or isinstance(base, (sp.exp, Erfcx)):
            continue
        else:
            kept.append(factor)
    return sp.Mul(*kept)


def _combined(ratio: sp.Expr, z: sp.Symbol, side: int) -> sp.Expr:
    """A ratio of terms with t back as e^(−side·z) and exponentials combined into one whose
    exponent, a polynomial, is written in Horner's form (bounded without dependency)."""
    ratio = sp.powsimp(ratio.xreplace({T: sp.exp(-side * z)}), combine="exp")
    return ratio.replace(
        lambda e: isinstance(e, sp.exp) and _nonlinear_polynomial(e.args[0], z),
        lambda e: sp.exp(sp.horner(e.args[0], z), evaluate=False),
    )


def _guarded(ratio: sp.Expr, z: sp.Symbol) -> sp.Expr:
    """A ratio whose factors may grow and shrink at once (z³·e^(−z)) marked to be bounded
    through its monotony on the tail."""
    factors = [f for f in sp.Mul.make_args(ratio) if f.has(z)]
    if len(factors) > 1 and ratio.free_symbols == {z}:
        return Monotone(ratio)
    return ratio


def _nonlinear_polynomial(expr: sp.Expr, z: sp.Symbol) -> bool:
    squared = any(p.base == z and p.exp.is_Integer and p.exp > 1 for p in expr.atoms(sp.Pow))
    return squared and expr.is_polynomial(z)


def in_exponential(expr: sp.Expr, z: sp.Symbol, side: int) -> tuple[sp.Expr, bool] | None:
    """``expr`` written in w = e^(−side·z), when z occurs only in exponentials e^(az + b):
    (F, vanishing) with expr = F(w), where ``vanishing`` says every power of w in F is
    positive (F is then read at w → 0⁺ as side·z → ∞, as a bounded end).  None otherwise.
    F is returned in the variable z (standing for w), ready for the same search."""
    mapping = {}
    for e in expr.atoms(sp.exp):
        if not e.has(z):
            continue
        exponent = sp.expand(e.args[0])
        a = exponent.coeff(z)
        b = exponent - a * z
        if b.has(z) or not a.is_Rational or a == 0:
            return None
        mapping[e] = (b, -side * a)  # e^(az + b) = e^b · w^(−side·a)
    if not mapping:
        return None
    placeholders = {e: sp.Dummy() for e in mapping}
    if expr.xreplace(placeholders).has(z):
        return None  # z also outside the exponentials
    written = expr.xreplace({e: sp.exp(b) * z**k for e, (b, k) in mapping.items()})
    return written, all(k > 0 for _, k in mapping.values())
