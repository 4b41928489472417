"""Interval enclosures of SymPy expressions: a sound bound on every value a formula takes
on a box of its variables, in mpmath's interval arithmetic (``libmpi``, outward rounding).

``compile_enclosure(expr, variables)`` turns an expression into a function from intervals
(pairs of raw mpmath numbers, endpoints may be infinite) to an interval that contains the
expression's value at every point of the box where the expression is defined (real).  Where
part of the box lies outside the expression's domain (log of a negative number, 1/0), the
result says so (``partial``), so that "the enclosure excludes 0" still proves "no zero in
the box", while "the derivative's enclosure excludes 0" proves monotony only on a box that
lies wholly inside the domain.  Each function's own bounds are in ``interval_functions``.
This is what locating a breakpoint without a closed form
rests on (``root_search``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import mpmath
import sympy as sp
from mpmath.libmp import (
    finf,
    fnan,
    fninf,
    fzero,
    mpf_sign,
)
from mpmath.libmp import libmpi as mpi

from .interval_functions import (
    FUNCTIONS,
    CannotBound,
    Interval,
    Nowhere,
    Run,
    mul,
    number_interval,
    power,
    reciprocal,
)

WHOLE_LINE: Interval = (fninf, finf)

Enclosure = Callable[[Run], Interval]


def excludes_zero(x: Interval) -> int:
    """+1 or -1 when every value in ``x`` has that sign, 0 when ``x`` may hold 0."""
    if mpf_sign(x[0]) > 0:
        return 1
    if mpf_sign(x[1]) < 0:
        return -1
    return 0


def compile_enclosure(expr: sp.Expr, variables: Sequence[sp.Symbol]):
    """A function (box, prec) -> (interval, partial) for ``expr``; CannotBound if unsupported."""
    index = {v: i for i, v in enumerate(variables)}
    build = _Builder(index).build
    enclose = build(sp.S(expr))

    def evaluate(box: Sequence[Interval], prec: int) -> tuple[Interval, bool]:
        run = Run(prec, box)
        lo, hi = enclose(run)
        if fnan in (lo, hi):  # inf - inf somewhere: nothing known
            return WHOLE_LINE, run.partial
        return (lo, hi), run.partial

    return evaluate


SLOPE_LIMIT = 160  # operations: a larger form is bounded without its slope (time)


def _sign_part(product: sp.Expr) -> sp.Expr:
    """A product without its exponential factors (positive, but their enclosure on an
    unbounded box reaches 0): the same sign, a usable enclosure."""
    kept = [f for f in sp.Mul.make_args(product) if not isinstance(f, sp.exp)]
    return sp.Mul(*kept)


class Monotone(sp.Function):
    """Marks u(z) to be bounded on an unbounded box through the sign of u′ (see
    ``_Builder._monotone_bound``); as a value it is u itself."""

    def fdiff(self, argindex=1):
        return sp.diff(self.args[0], *self.args[0].free_symbols)

    def _eval_evalf(self, prec):
        return self.args[0]._eval_evalf(prec)


# Written by definition in terms of the functions with an interval enclosure.
_REWRITES = {
    sp.sech: lambda u: 1 / sp.cosh(u),
    sp.csch: lambda u: 1 / sp.sinh(u),
    sp.coth: lambda u: sp.cosh(u) / sp.sinh(u),
    sp.sec: lambda u: 1 / sp.cos(u),
    sp.tan: lambda u: sp.sin(u) / sp.cos(u),
}


class _Builder:
    def __init__(self, index: dict):
        self.index = index

    def build(self, expr: sp.Expr) -> Enclosure:
        if not expr.free_symbols & set(self.index):
            return self._number(expr)
        if expr in self.index:
            position = self.index[expr]
            return lambda run: run.box[position]
        if expr.is_Add:
            parts = [self.build(a) for a in expr.args]
            return lambda run: _fold(parts, run, lambda a, b, p: mpi.mpi_add(a, b, p))
        if expr.is_Mul:
            parts = [self.build(a) for a in expr.args]
            return lambda run: _fold(parts, run, mul)
        if expr.is_Pow:
            return self._pow(*expr.args)
        if isinstance(expr, sp.LambertW) and len(expr.args) > 1:
            raise CannotBound("LambertW with a branch")
        kind = type(expr)
        if kind in _REWRITES:
            return self.build(_REWRITES[kind](expr.args[0]))
        if kind in FUNCTIONS:
            inner = self.build(expr.args[0])
            apply = FUNCTIONS[kind]
            return lambda run: apply(inner(run), run)
        if isinstance(expr, (sp.Max, sp.Min)):
            return self._extreme(expr)
        if isinstance(expr, sp.DiracDelta):
            return self._impulse(expr.args[0])
        if isinstance(expr, Monotone):
            return self._monotone_bound(expr.args[0])
        raise CannotBound(f"no enclosure for {kind.__name__}")

    def _monotone_bound(self, inner: sp.Expr) -> Enclosure:
        """u bounded by its value at the finite end of the box when u′ keeps a sign there:
        z·e^(−z) on [R, ∞] is [0, R·e^(−R)], where the product of enclosures is [0, ∞]."""
        (variable,) = inner.free_symbols & set(self.index)
        position = self.index[variable]
        natural = self.build(inner)
        slope: list = []  # built on first need; common factors out keep u′'s sign visible

        def bound(run: Run) -> Interval:
            value = natural(run)
            lo, hi = run.box[position]
            if value[0] not in (finf, fninf) and value[1] not in (finf, fninf):
                return value
            if lo not in (finf, fninf) and hi not in (finf, fninf):
                return value
            if not slope:
                slope.append(self._slope(inner, variable))
            if slope[0] is None:
                return value
            probe = Run(run.prec, run.box)
            try:
                direction = excludes_zero(slope[0](probe))
            except Nowhere:
                return value
            if not direction or probe.partial:
                return value
            end = lo if lo not in (finf, fninf) else hi
            box = list(run.box)
            box[position] = (end, end)
            at_end = natural(Run(run.prec, box))
            rising_from_end = (direction > 0) == (end == lo)
            if rising_from_end:
                return at_end[0], value[1]
            return value[0], at_end[1]

        return bound

    def _slope(self, inner: sp.Expr, variable: sp.Symbol) -> Enclosure | None:
        if sp.count_ops(inner) > SLOPE_LIMIT:
            return None  # SymPy's diff and factor_terms of a large form take minutes
        try:
            return self.build(_sign_part(sp.factor_terms(sp.diff(inner, variable))))
        except CannotBound:
            return None

    def _number(self, expr: sp.Expr) -> Enclosure:
        cache: dict[int, Interval] = {}

        def constant(run: Run) -> Interval:
            if run.prec not in cache:
                cache[run.prec] = number_interval(expr, run.prec)
            return cache[run.prec]

        return constant

    def _pow(self, base: sp.Expr, exponent: sp.Expr) -> Enclosure:
        if exponent.free_symbols & set(self.index):
            # b^e = exp(e·log b), defined for b > 0.
            return self.build(sp.exp(exponent * sp.log(base), evaluate=False))
        inner = self.build(base)
        if exponent == -1:
            return lambda run: reciprocal(inner(run), run)
        return lambda run: power(inner(run), exponent, run)

    def _impulse(self, inner: sp.Expr) -> Enclosure:
        """DiracDelta(u) (a jump in what it is the derivative of): 0 on a box where u ≠ 0,
        unbounded on one where u may be 0, so no sign is ever read across the jump."""
        argument = self.build(inner)

        def impulse(run: Run) -> Interval:
            if excludes_zero(argument(run)):
                return fzero, fzero
            return fninf, finf

        return impulse

    def _extreme(self, expr) -> Enclosure:
        parts = [self.build(a) for a in expr.args]
        pick = max if isinstance(expr, sp.Max) else min

        def extreme(run: Run) -> Interval:
            values = [p(run) for p in parts]
            key = mpmath.mp.make_mpf
            return (
                pick((v[0] for v in values), key=key),
                pick((v[1] for v in values), key=key),
            )

        return extreme


def _fold(parts: list[Enclosure], run: Run, combine) -> Interval:
    total = parts[0](run)
    for part in parts[1:]:
        total = combine(total, part(run), run.prec)
    return total
