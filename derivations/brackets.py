"""Where a function changes sign on a bounded range: isolating brackets, proved.

Boxes are split until on each one the interval enclosure of f excludes 0 (no root
there), or that of f′ excludes 0 and f has opposite signs at its ends (exactly one root).
A root where f only touches 0, or crosses it with f′ = 0, is taken when it sits at a
simple number where f vanishes exactly (Taylor); anything else raises ``Undecided``.
"""

from __future__ import annotations

from typing import Protocol

import mpmath
import sympy as sp
from mpmath.libmp import from_man_exp, to_rational

from .numeric_root import VARIABLE
from .pointwise import number_of

PREC = 170  # bits: 50 digits
MAX_BOXES = 3000
MAX_DEPTH = 120
SIMPLIFY_SIZE = 40  # operations: SymPy's simplify on a larger constant can take minutes


class Undecided(Exception):
    """No bounded search decides where the equation holds; the message says why."""


class SignedFunction(Protocol):
    """What the bracketing asks of f (an expression in VARIABLE): see ``root_search``."""

    expr: sp.Expr

    @property
    def derivative(self) -> SignedFunction: ...

    def sign_on(self, lo, hi, strict: bool = False) -> int: ...

    def sign_at(self, x) -> int: ...


class _Stalled(Exception):
    """The splitting ran out of boxes or depth near x (a root it cannot isolate)."""

    def __init__(self, x):
        self.x = x


def isolating_brackets(
    f: SignedFunction, start: sp.Rational, end: sp.Rational
) -> tuple[list, list]:
    """(isolating brackets, exact roots) of the roots of f in [start, end], in order.

    A root where f only touches 0, or crosses it with f′ = 0 (z − tanh(z) at 0), stalls
    the splitting; if it sits at a simple number c where f and its first derivatives
    vanish exactly and the next derivative keeps a sign around c, c is the only root
    around it (Taylor), and the search goes on either side."""
    segments, exact, brackets = [(start, end)], [], []
    for c in sorted({start, end, sp.S.Zero}):  # where exact roots sit: 0, a region's ends
        # An end that stands for an irrational point (a rational 10⁻⁴⁵ past it) is no
        # exact root: f there is tiny but not 0, and no simplify could say so in time.
        if start <= c <= end and c.q < 10**6:
            segments = _around(f, c, segments, exact)
    budget = [MAX_BOXES]
    while segments:
        a, b = segments.pop()
        try:
            brackets += _bisect(f, a, b, budget)
        except _Stalled as stall:
            c = _simple_number_near(stall.x)
            rest = _around(f, c, [(a, b)], exact) if c is not None and c not in exact else None
            if not rest or rest == [(a, b)]:
                raise Undecided(
                    f"cannot decide whether {sp.sstr(shown(f.expr))} = 0 near "
                    f"z ≈ {mpmath.nstr(stall.x, 8)} (it may touch 0 without crossing)"
                ) from None
            segments += rest
    return sorted(brackets, key=lambda ab: ab[0]), exact


def _bisect(f: SignedFunction, start, end, budget: list) -> list[tuple]:
    with mpmath.workprec(PREC):
        stack = [(to_raw(start), to_raw(end), 0)]
    brackets = []
    while stack:
        a, b, depth = stack.pop()
        budget[0] -= 1
        if budget[0] < 0 or depth > MAX_DEPTH:
            raise _Stalled(mpmath.mpf(a))
        if f.sign_on(a, b):
            continue  # one sign (or undefined) throughout: no root
        if depth >= 1 and f.derivative.sign_on(a, b, strict=True) in (1, -1):
            left, right = f.sign_at(a), f.sign_at(b)
            if left and right:
                if left != right:
                    brackets.append((rational(a), rational(b)))
                continue
        m = _split(a, b)
        stack += [(m, b, depth + 1), (a, m, depth + 1)]
    return brackets


def _around(f: SignedFunction, c: sp.Rational, segments: list, exact: list) -> list:
    """``segments`` with a box around c cut out when c is an exact, isolated root."""
    containing = [(a, b) for a, b in segments if a <= c <= b]
    if not containing:
        return segments
    a, b = containing[0]
    delta = _isolated_exact_root(f, c, bool(c > a), bool(c < b))
    if delta is None:
        return segments
    exact.append(c)
    kept = []
    for a, b in segments:
        if a <= c <= b:
            kept += [(a, max(a, c - delta)), (min(b, c + delta), b)]
        else:
            kept.append((a, b))
    return [(a, b) for a, b in kept if a < b]


def _isolated_exact_root(f: SignedFunction, c: sp.Rational, left: bool, right: bool):
    """δ with c the only root of f in [c − δ, c + δ] (only the sides asked for), when
    f(c) = … = f^(k−1)(c) = 0 exactly and f^(k) keeps a sign on that box; else None."""
    g = f
    for order in range(5):
        if not _exactly_zero(g.expr.xreplace({VARIABLE: c})):
            if order == 0:
                return None
            for k in range(1, 40):
                delta = sp.Rational(1, 2**k)
                lo, hi = c - (delta if left else 0), c + (delta if right else 0)
                if g.sign_on(to_raw(lo), to_raw(hi), strict=True) in (1, -1):
                    return delta
            return None
        g = g.derivative
    return None


def _exactly_zero(value: sp.Expr) -> bool:
    value = sp.S(value)
    if value == 0:
        return True
    if not value.is_number or value.has(sp.nan, sp.zoo) or sp.count_ops(value) > 100:
        return False
    number = number_of(value, 50)  # evalf of an exact 0 can raise its precision for minutes
    if number is None or abs(number) > sp.Float("1e-45", 50):
        return False
    if sp.cancel(value) == 0 or sp.cancel(value.rewrite(sp.exp)) == 0:
        return True
    return sp.count_ops(value) <= SIMPLIFY_SIZE and sp.simplify(value) == 0


def _simple_number_near(x: mpmath.mpf) -> sp.Rational | None:
    for q in (1, 2, 3, 4, 5, 6, 8, 10, 100):
        c = sp.Rational(int(mpmath.nint(x * q)), q)
        if abs(mpmath.mpf(c.p) / c.q - x) < mpmath.mpf("1e-20"):
            return c
    return None


def to_raw(x: sp.Rational):
    """x as a raw mpmath number (rounded at PREC), as enclosures take it."""
    with mpmath.workprec(PREC):
        return (mpmath.mpf(int(x.p)) / int(x.q))._mpf_


def _split(a, b):
    """A point inside (a, b), a little off the middle (roots sit at round numbers)."""
    with mpmath.workprec(PREC):
        a, b = mpmath.mp.make_mpf(a), mpmath.mp.make_mpf(b)
        return (a + (b - a) * mpmath.mpf("0.4990234375"))._mpf_


def rational(x) -> sp.Rational:
    """The exact value of a raw mpmath number."""
    p, q = to_rational(x)
    return sp.Rational(p, q)


def narrowed(f: SignedFunction, a: sp.Rational, b: sp.Rational):
    """The bracket with 0 cut out of it (the root's sign is then known), or 0 itself."""
    if a < 0 < b:
        sign_zero = f.sign_at(from_man_exp(0, 0))
        if not sign_zero:
            if _exactly_zero(f.expr.xreplace({VARIABLE: 0})):
                return sp.S.Zero
        elif sign_zero == f.sign_at(to_raw(a)):
            a = sp.S.Zero
        else:
            b = sp.S.Zero
    return (a, b)


def shown(expr: sp.Expr) -> sp.Expr:
    """``expr`` in z again, for a message."""
    return expr.xreplace({VARIABLE: sp.Symbol("z")})
