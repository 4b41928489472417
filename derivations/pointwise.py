"""A formula compiled once into a tape of mpmath operations, evaluated at many points.

The proof evaluates every step at some fifty points; ``sympy.lambdify`` prints and
compiles Python source for each expression, which costs more than the evaluations.  A
tape is built from the expression tree in one pass, each shared subexpression once (the
derivative of σ(u) repeats σ(u)), and read at a point in one loop.  Every branch of a
piecewise function is computed, so a failure (1/0, an overflow) is kept as a value that
only counts where its branch is chosen.
"""

from __future__ import annotations

import operator

import mpmath
import sympy as sp
from sympy.core.relational import Relational

from .memory import memoized

HUGE = mpmath.mpf(10) ** 20  # beyond e^HUGE a value says nothing a comparison can use


class Unsupported(Exception):
    """The tape knows no operation for this node (lambdify takes the expression)."""


class _Failed:
    """The value of an operation that failed (1/0, a value beyond e^HUGE)."""


FAILED = _Failed()


def guarded_exp(x):
    # e^(−e^(10¹⁹)) takes mpmath minutes, and says no more than e^(+e^(10¹⁹)) does
    if abs(mpmath.re(x)) > HUGE:
        raise OverflowError
    return mpmath.exp(x)


def guarded(function):
    def guarded(x):
        if abs(mpmath.re(x)) > HUGE:
            raise OverflowError
        return function(x)

    return guarded


def guarded_power(base, exponent):
    if base != 0 and abs(exponent) * abs(mpmath.log(abs(base))) > HUGE:
        raise OverflowError
    return mpmath.power(base, exponent)


HALF = mpmath.mpf("0.5")


def _heaviside(u, at_zero=HALF):
    if u == 0:
        return at_zero
    return mpmath.mpf(1) if u > 0 else mpmath.mpf(0)


def _sum(*xs):
    return mpmath.fsum(xs)


def _product(*xs):
    result = xs[0]
    for x in xs[1:]:
        result = result * x
    return result


_FUNCTIONS = {
    sp.exp: guarded_exp,
    sp.log: mpmath.log,
    sp.sin: mpmath.sin,
    sp.cos: mpmath.cos,
    sp.tan: mpmath.tan,
    sp.sec: mpmath.sec,
    sp.csc: mpmath.csc,
    sp.cot: mpmath.cot,
    sp.tanh: mpmath.tanh,
    sp.sinh: guarded(mpmath.sinh),
    sp.cosh: guarded(mpmath.cosh),
    sp.sech: mpmath.sech,
    sp.csch: mpmath.csch,
    sp.coth: mpmath.coth,
    sp.asin: mpmath.asin,
    sp.acos: mpmath.acos,
    sp.atan: mpmath.atan,
    sp.atan2: mpmath.atan2,
    sp.asinh: mpmath.asinh,
    sp.acosh: mpmath.acosh,
    sp.atanh: mpmath.atanh,
    sp.erf: mpmath.erf,
    sp.erfc: mpmath.erfc,
    sp.Abs: abs,
    sp.sign: mpmath.sign,
    sp.Heaviside: _heaviside,
    sp.Max: max,
    sp.Min: min,
    sp.Add: _sum,
    sp.Mul: _product,
    sp.Pow: guarded_power,
    sp.LambertW: mpmath.lambertw,
    sp.And: lambda *xs: all(xs),
    sp.Or: lambda *xs: any(xs),
    sp.Not: operator.not_,
}
_RELATIONS = {
    sp.StrictLessThan: operator.lt,
    sp.LessThan: operator.le,
    sp.StrictGreaterThan: operator.gt,
    sp.GreaterThan: operator.ge,
    sp.Equality: operator.eq,
    sp.Unequality: operator.ne,
}


def _piecewise(*pairs):
    for index in range(0, len(pairs), 2):
        condition = pairs[index + 1]
        if condition is FAILED:
            return FAILED  # the branch cannot be decided at this point
        if condition:
            return pairs[index]
    return FAILED


class Tape:
    """``expr`` in ``z`` as a list of operations; ``tape(x)`` is its value (or FAILED)."""

    def __init__(self, expr: sp.Basic, z: sp.Symbol):
        self.z = z
        self.slots: dict[sp.Basic, int] = {}
        self.constants: list = []  # (slot, value)
        self.operations: list = []  # (slot, function, argument slots)
        self.size = 0
        self.variable: int | None = None  # the slot of z, if z occurs
        self.result = self._slot(expr)

    def _new(self) -> int:
        self.size += 1
        return self.size - 1

    def _slot(self, node: sp.Basic) -> int:
        if node in self.slots:
            return self.slots[node]
        slot = self._compile(node)
        self.slots[node] = slot
        return slot

    def _compile(self, node: sp.Basic) -> int:
        if node == self.z:
            self.variable = self._new()
            return self.variable
        if node is sp.true or node is sp.false:
            return self._constant(bool(node))
        if isinstance(node, sp.Derivative):
            if not node.expr.has(self.z) and node.variables == (self.z,) * len(node.variables):
                return self._constant(mpmath.mpf(0))
            return self._operation(_derivative_of(node, self.z), [self._slot(self.z)])
        known = type(node) in _FUNCTIONS or isinstance(node, (sp.Piecewise, Relational))
        if not node.free_symbols and not (known and node.args):
            return self._constant(_number(node))
        if node.free_symbols - {self.z}:
            raise Unsupported(f"free symbols {node.free_symbols - {self.z}}")
        if isinstance(node, sp.Piecewise):
            pairs = [self._slot(part) for pair in node.args for part in pair]
            return self._operation(_piecewise, pairs)
        if isinstance(node, Relational):
            return self._operation(_RELATIONS[type(node)], [self._slot(a) for a in node.args])
        function = _FUNCTIONS.get(type(node))
        if function is None:
            raise Unsupported(type(node).__name__)
        return self._operation(function, [self._slot(a) for a in node.args])

    def _constant(self, value) -> int:
        slot = self._new()
        self.constants.append((slot, value))
        return slot

    def _operation(self, function, arguments: list[int]) -> int:
        slot = self._new()
        self.operations.append((slot, function, arguments))
        return slot

    def __call__(self, x=None):
        values = [None] * self.size
        for slot, value in self.constants:
            values[slot] = value
        if self.variable is not None:
            values[self.variable] = x
        for slot, function, arguments in self.operations:
            given = [values[a] for a in arguments]
            if function is _piecewise:
                values[slot] = _piecewise(*given)
                continue
            if any(v is FAILED for v in given):
                values[slot] = FAILED
                continue
            try:
                values[slot] = function(*given)
            except (ZeroDivisionError, OverflowError, ValueError, TypeError, MemoryError):
                values[slot] = FAILED
        return values[self.result]


def _derivative_of(node: sp.Derivative, z: sp.Symbol):
    """d^k/dz^k of the node's function at a point, read off a tape of it by a central
    difference at raised precision (mpmath's diff): no symbolic derivative is built, and
    at 40 digits the step (2^−143) is far inside the 10⁻⁹ that the proof keeps between
    its points and any breakpoint."""
    if any(variable != z for variable, _ in node.variable_count):
        raise Unsupported("a derivative by another variable")
    inner = Tape(node.expr, z)
    order = sum(count for _, count in node.variable_count)

    def at(x):
        if x is FAILED:
            raise ValueError
        value = mpmath.diff(_defined(inner), x, order)
        if isinstance(value, mpmath.mpc) and value.imag == 0:
            value = value.real
        return value

    return at


def _defined(tape: Tape):
    def at(x):
        value = tape(x)
        if value is FAILED:
            raise ValueError  # the function is undefined at a point the difference needs
        return value

    return at


CONSTANT_DIGITS = 60  # constants are made once, before the precision of any reading


def _number(node: sp.Basic):
    """A constant part (FAILED where it has no real value)."""
    with mpmath.workdps(CONSTANT_DIGITS):
        if node.is_Integer:
            return mpmath.mpf(int(node))
        if node.is_Rational:
            return mpmath.mpf(int(node.p)) / int(node.q)
        value = sp.N(node, CONSTANT_DIGITS)
        if value.is_Number and value.is_real and value.is_finite:
            return mpmath.mpf(value)
        if value.is_number and value.is_finite and value.is_real is False:
            real, imaginary = value.as_real_imag()
            return mpmath.mpc(mpmath.mpf(real), mpmath.mpf(imaginary))
        return FAILED


def number_of(expr: sp.Basic, digits: int = 30) -> sp.Float | None:
    """A constant expression's value to ``digits``, read off a tape at a fixed precision
    (SymPy's evalf, asked for the relative digits of a difference that is exactly 0,
    raises its precision without end); None where the tape has no real value."""
    with mpmath.workdps(digits + 20):
        try:
            value = Tape(sp.S(expr), sp.Dummy())()
        except Unsupported:
            return None
        if value is FAILED or isinstance(value, mpmath.mpc) or not mpmath.isfinite(value):
            return None
        return sp.Float(value, digits)


def numeric_value(expr: sp.Basic, values=None, digits: int = 30) -> sp.Expr:
    """``expr`` (parameters at ``values``) as a number to ``digits``: ±∞ as they are, read
    off a tape at a fixed precision where it can be, by SymPy's evalf otherwise (a
    complex or undefined value)."""
    if expr in (sp.oo, -sp.oo):
        return expr
    return _numeric_value(sp.S(expr).xreplace(dict(values or {})), digits)


@memoized(8192)
def _numeric_value(expr: sp.Basic, digits: int) -> sp.Expr:
    if expr.is_Number:
        return sp.Float(expr, digits) if expr.is_finite else expr
    number = number_of(expr, digits) if expr.is_number else None
    return number if number is not None else sp.N(expr, digits)
