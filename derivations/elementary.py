"""Elementary functions on the real line that SymPy has only in another sense.

SymPy's ``cbrt(z)`` is the principal cube root ``z**(1/3)``, complex for z < 0;
the cube root people type is the real one: ∛(−8) = −2, defined everywhere,
with an infinite slope at 0.
"""

from __future__ import annotations

import mpmath
import sympy as sp


def _real_cube_root(x):
    """∛x for a real number (mpmath or float); a complex x is not in the domain."""
    if isinstance(x, mpmath.mpc):
        if x.imag != 0:
            raise ValueError("the real cube root of a complex number")
        x = x.real
    return mpmath.sign(x) * mpmath.cbrt(abs(x))


class RealCbrt(sp.Function):
    """The real cube root ∛u: ∛(−8) = −2 (not SymPy's principal root)."""

    nargs = 1
    # lambdify (the numeric prover, plots) calls this, whatever modules it is given.
    _imp_ = staticmethod(_real_cube_root)

    @classmethod
    def eval(cls, u):
        if u.is_number and u.is_extended_real:
            return sp.sign(u) * sp.Abs(u) ** sp.Rational(1, 3)  # ∛(−8) = −2, ∛2 = 2^(1/3)
        if u.could_extract_minus_sign():
            return -cls(-u)  # odd, like tanh: ∛(−z) = −∛z
        return None

    def fdiff(self, argindex: int = 1) -> sp.Expr:
        return 1 / (3 * type(self)(self.args[0]) ** 2)

    def definition(self) -> sp.Expr:
        """∛u by signs and absolute values: sgn(u)·|u|^(1/3)."""
        u = self.args[0]
        return sp.sign(u) * sp.Abs(u) ** sp.Rational(1, 3)

    def _eval_evalf(self, prec):
        u = self.args[0]._eval_evalf(prec)
        if u is None or not u.is_extended_real:
            return None
        return (sp.sign(u) * sp.Abs(u) ** sp.Rational(1, 3))._eval_evalf(prec)

    def _eval_is_extended_real(self):
        return self.args[0].is_extended_real

    def _eval_is_finite(self):
        return self.args[0].is_finite

    def _eval_is_positive(self):
        return self.args[0].is_extended_positive

    def _eval_is_negative(self):
        return self.args[0].is_extended_negative

    def _eval_is_zero(self):
        return self.args[0].is_zero

    def _eval_rewrite_as_Abs(self, u, **kwargs):
        return self.definition()
