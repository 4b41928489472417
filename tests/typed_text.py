"""Expressions as plain typed text that ``derive check`` reads back (for the read-back
property test): ``d/dz(exp(-z))``.

SymPy's own ``sstr`` with the few changes our grammar needs: pending
derivatives as ``d/dz(...)``, functions in pieces as ``{u if z > 0; v otherwise}``,
Euler's number as ``e``, ``Eq`` as ``=`` and ``And`` as ``and``.
"""

from __future__ import annotations

import sympy as sp
from sympy.printing.str import StrPrinter


class TypedTextPrinter(StrPrinter):
    def _print_Derivative(self, expr):
        variable = expr.variables[0]
        return f"d/d{self._print(variable)}({self._print(expr.args[0])})"

    def _print_Piecewise(self, expr):
        pieces = []
        for value, condition in expr.args:
            if condition == sp.true:
                pieces.append(f"{self._print(value)} otherwise")
            else:
                pieces.append(f"{self._print(value)} if {self._print(condition)}")
        return "{" + "; ".join(pieces) + "}"

    def _print_Exp1(self, expr):
        return "e"

    def _print_RealCbrt(self, expr):
        return f"cbrt({self._print(expr.args[0])})"

    def _print_Equality(self, expr):
        return f"{self._print(expr.lhs)} = {self._print(expr.rhs)}"

    def _print_And(self, expr):
        return " and ".join(self._print(arg) for arg in expr.args)


def write(expr: sp.Basic) -> str:
    """``expr`` as one line of typed text for the checker's grammar."""
    return TypedTextPrinter().doprint(expr)
