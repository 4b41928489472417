"""SymPy expressions as NumPy or PyTorch code, built on SymPy's own Python printer.

Parts that involve an array (z, g, a learnable parameter) call the library
(``np.exp``, ``torch.where``); constants and plain-number parameters go
through Python's ``math``, so ``sqrt(2)`` is evaluated once.  Piecewise
formulas become ``where`` chains whose last branch is the default (see
``branches``).  A function with no code here is an error, never a guess.
"""

from __future__ import annotations

from collections.abc import Iterable

import sympy as sp
from sympy.printing.pycode import PythonCodePrinter
from sympy.printing.str import StrPrinter

from .common import NoCode, with_floats
from .stable import MARKERS

# Functions with the same name in NumPy and PyTorch (np.exp, torch.exp, ...).
SAME_NAME = ("exp", "log", "sqrt", "tanh", "sinh", "cosh", "sin", "cos", "tan", "sign")
# Inverse functions: NumPy writes np.arctan, PyTorch torch.atan.
INVERSES = ("asin", "acos", "atan", "asinh", "acosh", "atanh")
# SymPy functions with array code in every target (by class name).
FUNCTIONS = (
    *SAME_NAME,
    *INVERSES,
    "erf",
    "erfc",
    "Abs",
    "RealCbrt",
    *(m.__name__ for m in MARKERS),
)
# Reciprocals of functions both libraries have (neither has sech).
RECIPROCALS = {"sech": "cosh", "csch": "sinh", "coth": "tanh"}


class ArrayPrinter(PythonCodePrinter):
    """Prints one expression at a time; ``helpers`` collects helper functions the code needs."""

    target = ""
    calls: dict[str, str] = {}  # SymPy class name -> call in the target library
    where = ""

    _print_Mul = StrPrinter._print_Mul  # z/100 rather than (1/100)*z

    def __init__(self, arrays: Iterable[sp.Symbol], like: str = "z"):
        super().__init__({"fully_qualified_modules": True})
        self.arrays = frozenset(arrays)
        self.like = like  # an array in scope, for constants that must become arrays
        self.helpers: set[str] = set()

    def doprint(self, expr, assign_to=None):
        return super().doprint(with_floats(expr), assign_to)

    @property
    def imports_math(self) -> bool:
        return "math" in self.module_imports

    def is_scalar(self, expr: sp.Basic) -> bool:
        """True when ``expr`` involves no array: Python's math computes it."""
        return not (expr.free_symbols & self.arrays)

    # --- names ------------------------------------------------------------------------

    def _print_Symbol(self, expr):
        if not expr.name.isidentifier():
            raise NoCode(f"internal error: {expr.name!r} is not a Python name")
        return expr.name

    def _print_Function(self, expr):
        raise NoCode(f"no {self.target} code for the function {type(expr).__name__}")

    def _print_not_supported(self, expr):
        raise NoCode(f"no {self.target} code for {type(expr).__name__}")

    def _call(self, name: str, *args: sp.Basic) -> str:
        if name.startswith("_"):
            self.helpers.add(name)
        return f"{name}({', '.join(self._print(a) for a in args)})"

    def _print_function(self, expr):
        kind = type(expr).__name__
        if self.is_scalar(expr):
            if hasattr(expr, "definition"):  # a marker: plain Python computes it exactly
                return self._print(expr.definition())
            return getattr(PythonCodePrinter, f"_print_{kind}")(self, expr)
        if kind not in self.calls:
            raise NoCode(f"no {self.target} code for the function {kind}")
        return self._call(self.calls[kind], *expr.args)

    def _print_reciprocal(self, expr):
        """sech u as 1/cosh(u) (and csch, coth): in the target, or in math for a constant."""
        of = RECIPROCALS[type(expr).__name__]
        if self.is_scalar(expr):
            return f"(1 / {self._module_format('math.' + of)}({self._print(expr.args[0])}))"
        return f"(1 / {self._call(self.calls[of], *expr.args)})"

    def _print_RealCbrt(self, expr):
        if self.is_scalar(expr):  # the real cube root of a number: math.cbrt is Python 3.11+
            x = self._print(expr.args[0])
            return f"{self._module_format('math.copysign')}(abs({x}) ** (1 / 3), {x})"
        return self._call(self.calls["RealCbrt"], *expr.args)

    def _print_Pow(self, expr, rational=False):
        if self.is_scalar(expr):
            return super()._print_Pow(expr, rational=rational)
        return self._hprint_Pow(expr, rational=rational, sqrt=self.calls["sqrt"])

    # --- conditions -------------------------------------------------------------------

    def _print_Relational(self, expr):
        return f"{self._print(expr.lhs)} {expr.rel_op} {self._print(expr.rhs)}"

    def _joined(self, expr, operator: str) -> str:
        return f" {operator} ".join(f"({self._print(a)})" for a in expr.args)

    def _print_And(self, expr):
        return self._joined(expr, "&")

    def _print_Or(self, expr):
        return self._joined(expr, "|")

    def _print_Not(self, expr):
        return f"~({self._print(expr.args[0])})"

    # --- pieces -----------------------------------------------------------------------

    def _branch_value(self, expr: sp.Expr) -> str:
        if expr.is_Integer:
            return f"{int(expr)}.0"  # float arrays, whatever the pieces
        return self._print(expr)

    def _as_array(self, code: str) -> str:
        """A constant as an array of the inputs' type and device (where the library needs it)."""
        return code

    def _print_Piecewise(self, expr):
        *branches, (last, _) = expr.args
        if self.is_scalar(expr):
            return super()._print_Piecewise(sp.Piecewise(*branches, (last, True)))
        code, scalar = self._branch_value(last), self.is_scalar(last)
        for value, condition in reversed(branches):
            if scalar and self.is_scalar(value):
                code, scalar = self._as_array(code), False
            code = f"{self.where}({self._print(condition)}, {self._branch_value(value)}, {code})"
            scalar = False
        return code

    def _print_Max(self, expr):
        return self._extreme(expr, "max")

    def _print_Min(self, expr):
        return self._extreme(expr, "min")

    def _extreme(self, expr, which: str) -> str:
        raise NotImplementedError


# Every function SymPy would print with math (math.gamma(z) fails on an array) goes through
# _print_function, which knows which have array versions.
for _name in {*FUNCTIONS, *PythonCodePrinter._kf} - {"Max", "Min", "RealCbrt"}:
    setattr(ArrayPrinter, f"_print_{_name}", ArrayPrinter._print_function)
for _name in RECIPROCALS:
    setattr(ArrayPrinter, f"_print_{_name}", ArrayPrinter._print_reciprocal)


class NumpyPrinter(ArrayPrinter):
    target = "NumPy"
    where = "np.where"
    calls = {
        **{name: f"np.{name}" for name in SAME_NAME},
        **{name: f"np.arc{name[1:]}" for name in INVERSES},
        "RealCbrt": "np.cbrt",
        "Abs": "np.abs",
        "erf": "_erf",
        "erfc": "_erfc",
        "Sigmoid": "_sigmoid",
        "Log1p": "np.log1p",
        "Expm1": "np.expm1",
    }

    def _print_Softplus(self, expr):
        if self.is_scalar(expr):
            return self._print(expr.definition())
        return f"np.logaddexp(0, {self._print(expr.args[0])})"

    def _extreme(self, expr, which: str) -> str:
        if self.is_scalar(expr):
            return f"{which}({', '.join(self._print(a) for a in expr.args)})"
        first, *rest = expr.args
        code = self._print(first)
        for arg in rest:
            code = f"np.{which}imum({code}, {self._print(arg)})"
        return code


class TorchPrinter(ArrayPrinter):
    target = "PyTorch"
    where = "torch.where"
    calls = {
        **{name: f"torch.{name}" for name in (*SAME_NAME, *INVERSES, "erf", "erfc")},
        "RealCbrt": "_cbrt",
        "Abs": "torch.abs",
        "Sigmoid": "torch.sigmoid",
        "Softplus": "_softplus",
        "Log1p": "torch.log1p",
        "Expm1": "torch.expm1",
    }

    def _as_array(self, code: str) -> str:
        # torch.where(c, 1.0, 0.01) would be float32 whatever the input: take z's type.
        return f"{self.like}.new_tensor({code})"

    def _extreme(self, expr, which: str) -> str:
        if self.is_scalar(expr):
            return f"{which}({', '.join(self._print(a) for a in expr.args)})"
        arrays = [a for a in expr.args if not self.is_scalar(a)]
        scalars = [a for a in expr.args if self.is_scalar(a)]
        code = self._print(arrays[0])
        for arg in arrays[1:]:
            code = f"torch.{which}imum({code}, {self._print(arg)})"
        if scalars:  # torch.maximum needs two tensors; clamp takes a number
            bound = self._print(scalars[0] if len(scalars) == 1 else expr.func(*scalars))
            side = "min" if which == "max" else "max"  # max(z, 0) keeps z at least 0
            code = f"torch.clamp({code}, {side}={bound})"
        return code
