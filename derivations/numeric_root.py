"""A breakpoint with no closed form: the one real root of an equation inside a bracket.

``max(z, σ(z))`` switches where z = σ(z), at 0.65904…, a number no elementary formula
writes.  ``NumericRoot`` is that number as an exact SymPy object, like SymPy's CRootOf:
it carries its equation lhs(x) = rhs(x) and an isolating bracket (lo, hi) with exactly one
root inside (proved by interval arithmetic when it was located, see ``root_search``), and
evaluates to any precision on demand (``sp.N``, ``evalf``, ``float``), so regions, sample
points, comparisons, printing and code generation treat it as any other number.

It is an atom: substituting the variable of a derivation never reaches into its equation,
which is written in a private variable of its own (``VARIABLE``).
"""

from __future__ import annotations

import mpmath
import sympy as sp

from .memory import memoized

# The equation's own variable; no formula of a user contains it (xreplace stops at atoms).
VARIABLE = sp.Symbol("x_root", real=True)

JSON_DIGITS = 30  # digits of the number written where text must read back as a number


class NumericRoot(sp.AtomicExpr):
    """The real x in (lo, hi) where lhs(x) = rhs(x); the bracket holds exactly one root."""

    is_number = True
    is_real = True
    is_finite = True
    is_comparable = True

    __slots__ = ("lhs", "rhs", "lo", "hi")

    def __new__(cls, lhs, rhs, lo, hi):
        obj = super().__new__(cls)
        obj.lhs, obj.rhs = sp.S(lhs), sp.S(rhs)
        obj.lo, obj.hi = sp.Rational(lo), sp.Rational(hi)
        return obj

    def __getnewargs__(self):
        return (self.lhs, self.rhs, self.lo, self.hi)

    def _hashable_content(self):
        return (self.lhs, self.rhs, self.lo, self.hi)

    @property
    def difference(self) -> sp.Expr:
        """lhs − rhs, whose zero this is (in ``VARIABLE``)."""
        return self.lhs - self.rhs

    def equation(self, variable: sp.Symbol) -> sp.Eq:
        """The equation this number solves, written in ``variable``."""
        swap = {VARIABLE: variable}
        return sp.Eq(self.lhs.xreplace(swap), self.rhs.xreplace(swap), evaluate=False)

    # --- numbers -----------------------------------------------------------------------

    def _eval_evalf(self, prec):
        # Refined in steps of 64 bits, so the many precisions SymPy asks for share the work.
        bits = 64 * (max(int(prec), 53) // 64 + 1)
        return sp.Float._new(mpmath.libmp.normalize(*refined(self, bits), prec, "n"), prec)

    def _eval_is_positive(self):
        if self.lo >= 0:
            return True
        if self.hi <= 0:
            return False
        return None

    def _eval_is_negative(self):
        if self.hi <= 0:
            return True
        if self.lo >= 0:
            return False
        return None

    def _eval_is_zero(self):
        if self.lo >= 0 or self.hi <= 0:
            return False
        return None

    # --- printing: wherever text must read back, the number itself --------------------

    def _sympystr(self, printer):
        return sp.sstr(self.evalf(JSON_DIGITS))

    def _sympyrepr(self, printer):
        parts = ", ".join(printer._print(a) for a in self.__getnewargs__())
        return f"NumericRoot({parts})"

    def _latex(self, printer):
        return printer._print(self.evalf(JSON_DIGITS))

    def _pythoncode(self, printer):
        return printer._print(sp.Float(self.evalf(20), 17))

    _numpycode = _torchcode = _pythoncode

    def _mpmathcode(self, printer):
        return printer._print(self.evalf(60))


def numeric_roots(expr: sp.Basic) -> set[NumericRoot]:
    """The numerically located points inside ``expr``."""
    return set(expr.atoms(NumericRoot)) if isinstance(expr, sp.Basic) else set()


@memoized(256)
def _functions(difference: sp.Expr):
    derivative = sp.diff(difference, VARIABLE)
    return tuple(sp.lambdify(VARIABLE, e, modules="mpmath") for e in (difference, derivative))


@memoized(2048)
def refined(root: NumericRoot, prec: int) -> tuple:
    """The root to ``prec`` bits (a raw mpmath number): Newton steps kept inside the
    bracket (bisection when a step leaves it), from the root at half the precision, and
    checked at the end by a change of sign across the result."""
    f, slope = _functions(root.difference)
    start = refined(root, prec // 2) if prec > 100 else None
    with mpmath.workprec(prec + 40):
        a, b = mpmath.mpf(root.lo.p) / root.lo.q, mpmath.mpf(root.hi.p) / root.hi.q
        fa = _value(f, a)
        x = mpmath.mpf(start) if start is not None else (a + b) / 2
        scale = min(abs(a), abs(b)) if a * b > 0 else max(abs(a), abs(b))
        tolerance = mpmath.ldexp(scale or 1, -(prec + 8))
        for _ in range(4 * prec):
            fx = _value(f, x)
            if fx == 0:
                return x._mpf_
            if (fx > 0) == (fa > 0):
                a, fa = x, fx
            else:
                b = x
            derivative = _value(slope, x)
            following = x - fx / derivative if derivative != 0 else (a + b) / 2
            if not a < following < b:
                following = (a + b) / 2
            if abs(following - x) <= tolerance or b - a <= tolerance:
                x = following
                if _changes_sign(f, x, 4 * tolerance, a, b):
                    break
            x = following
        return x._mpf_


def _changes_sign(f, x, h, a, b) -> bool:
    left, right = _value(f, max(x - h, a)), _value(f, min(x + h, b))
    return (left > 0) != (right > 0) or left == 0 or right == 0


def _value(f, x) -> mpmath.mpf:
    value = mpmath.mpmathify(f(x))
    return value.real if isinstance(value, mpmath.mpc) else value
