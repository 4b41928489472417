"""One derivation's setting: its g, the true g′ and kinks, and how a line is compared in it.

A line and what it should equal are compared at sample points on both sides of
every breakpoint (where no exponential is too large to evaluate), first by number
and then by verify.prove_equal; where they differ, the counterexample shown is the
friendliest point that tells them apart.
"""

from __future__ import annotations

import mpmath
import sympy as sp

from ..derivation import Kink, Proof, g
from ..errors import DerivationsError
from ..functions import ActivationFunction, expand_activations
from ..kinks import find_kinks
from ..piecewise import breakpoints
from ..piecewise import value_at as piecewise_value_at
from ..verify import (
    DIGITS,
    TOLERANCE,
    evaluator,
    first_mismatch,
    prepare,
    prove_equal,
    sample_points,
    values_at,
)
from .reading import Definition
from .verdicts import Counterexample

# e^u is evaluated only where |u| is below this (e^(10^6) is still quick for mpmath).
LARGEST_EXPONENT = 10**6
EXPONENTIAL = (sp.exp, sp.sinh, sp.cosh, sp.tanh, ActivationFunction)

# Points tried first for a counterexample: small and easy to check by hand.
FRIENDLY_POINTS = tuple(
    sp.Rational(p)
    for p in ("1", "-1", "2", "-2", "1/2", "-1/2", "3", "-3", "0", "5", "-5", "1/10", "-1/10")
)


class Setting:
    """One derivation's g, its true derivative and kinks, and how to compare in its terms."""

    def __init__(self, definition: Definition):
        self.definition = definition
        self.z = z = definition.variable
        self.fixed = dict(definition.fixed)
        self.values = dict(definition.free)
        self.written_function = definition.function.xreplace(self.fixed)
        self.function = prepare(self.written_function)
        self.truth_written = sp.Derivative(self.written_function, z, evaluate=False)
        self.truth = prepare(self.truth_written)
        self.kinks = self._kinks()
        self.breakpoints = self.breakpoints_of(self.function)

    def _kinks(self) -> tuple[Kink, ...]:
        d = self.definition
        try:
            return find_kinks(
                self.function,
                self.truth,
                self.z,
                self.values,
                d.activation,
                {**self.fixed, **self.values},
                as_written=self.written_function,
            )
        except (DerivationsError, NotImplementedError, ValueError, TypeError):
            return ()

    def breakpoints_of(self, expr: sp.Expr) -> tuple[sp.Expr, ...]:
        """Where ``expr`` switches pieces (none if that cannot be found)."""
        try:
            return breakpoints(expr, self.z, self.values)
        except (DerivationsError, NotImplementedError, ValueError, TypeError):
            return ()

    def written(self, expr: sp.Basic) -> sp.Basic:
        """``expr`` with g and fixed parameters filled in, pending derivatives kept."""
        if expr.has(g):
            expr = expr.replace(g, sp.Lambda(self.z, self.written_function))
        return expr.xreplace(self.fixed)

    def plain(self, expr: sp.Basic) -> sp.Basic:
        return prepare(self.written(expr))

    def points(self, *exprs: sp.Expr) -> list:
        """Where to compare ``exprs``: both sides of every breakpoint, where they are tame."""
        found = set(self.breakpoints)
        for expr in exprs:
            found.update(self.breakpoints_of(expr))
        ordered = sorted(found, key=lambda p: float(sp.N(p.xreplace(self.values))))
        return self.tame(exprs, sample_points(tuple(ordered), self.values))

    def tame(self, exprs, points: list) -> list:
        """The points where no exponential in ``exprs`` has an argument beyond LARGEST_EXPONENT.

        mpmath computes e^u for any u, but for u like e^(e^10) it works for ages; inner
        exponentials are checked first, so no argument is evaluated where it would be one.
        """
        kept = list(points)
        for expr in exprs:
            for node in sp.postorder_traversal(expr):
                if not kept:
                    return kept
                argument = _exponent_of(node, self.z)
                if argument is None:
                    continue
                with mpmath.workdps(15):
                    try:
                        at = evaluator(argument, self.z, self.values)
                    except (ValueError, TypeError, NameError):
                        continue
                    kept = [x for x in kept if _small(at(x))]
        return kept

    def unknown_symbols(self, expr: sp.Basic) -> list[sp.Symbol]:
        return sorted(expr.free_symbols - {self.z} - set(self.values), key=lambda s: s.name)

    def compare(self, claimed: sp.Expr, reference: sp.Expr, condition=None):
        """(proof, counterexample) for claimed == reference (on ``condition`` if given)."""
        if condition is not None:
            claimed = sp.Piecewise((claimed, condition), (reference, True))
        points = self.points(claimed, reference)
        # Numbers first: a line they refute needs no symbolic proof attempt, which for
        # a large expression can take minutes (the verdict is the same either way).
        compared, mismatch = first_mismatch(
            values_at(claimed, self.z, self.values, points),
            values_at(reference, self.z, self.values, points),
            points,
        )
        if mismatch is None:
            proof = prove_equal(claimed, reference, self.z, self.values, points)
        else:
            proof = Proof(None, compared, mismatch)
        if proof.mismatch is None:
            return proof, None
        return proof, self.counterexample(claimed, reference, proof.mismatch)

    def counterexample(self, claimed, reference, fallback: float) -> Counterexample:
        """Where the two differ: the first friendly point off the breakpoints, else ``fallback``."""
        ends = (*self.breakpoints, *self.breakpoints_of(claimed), *self.breakpoints_of(reference))
        avoid = {sp.nsimplify(sp.N(p.xreplace(self.values), 30)) for p in ends}
        candidates = [p for p in FRIENDLY_POINTS if p not in avoid]
        with mpmath.workdps(DIGITS):  # 1/10 as exactly as the values are computed
            numbers = [mpmath.mpf(p.p) / p.q for p in candidates] + [mpmath.mpf(fallback)]
        exact = dict(zip(numbers, [*candidates, sp.Float(fallback, 15)], strict=True))
        numbers = self.tame((claimed, reference), numbers)
        ours = values_at(claimed, self.z, self.values, numbers)
        theirs = values_at(reference, self.z, self.values, numbers)
        exact = [exact[x] for x in numbers]
        if not numbers:
            return Counterexample(sp.Float(fallback, 15), None, None)
        for at, a, b in zip(exact, ours, theirs, strict=True):
            if _differ(a, b):
                return Counterexample(at, _number(a), _number(b))
        return Counterexample(exact[-1], _number(ours[-1]), _number(theirs[-1]))

    def value_at(self, expr: sp.Expr, condition, point: sp.Expr) -> sp.Expr | None:
        """The value a line states at ``point`` (None: it states none there)."""
        if expr.has(sp.Derivative):
            return None  # a pending derivative says nothing about the value at a kink
        at = {self.z: point, **self.values}
        if condition is not None and prepare(self.written(condition)).xreplace(at) is not sp.true:
            return None
        value = expand_activations(self.plain(expr)).xreplace(self.values)
        # (at a point located numerically, steps and max/min are decided by digits)
        value = sp.N(piecewise_value_at(value, self.z, point), DIGITS)
        if not value.is_number or value.has(sp.nan, sp.zoo, sp.oo, -sp.oo) or not value.is_real:
            return None
        return value


def _exponent_of(node: sp.Basic, z: sp.Symbol) -> sp.Expr | None:
    """u when ``node`` grows like e^u (e^u, a^u, cosh u, σ(u), ...) and u depends on z."""
    if isinstance(node, EXPONENTIAL) and node.args[0].has(z):
        return node.args[0]
    if isinstance(node, sp.Pow) and node.exp.has(z):
        return node.exp
    return None


def _small(value) -> bool:
    return value is None or abs(value) < LARGEST_EXPONENT


def _differ(a, b) -> bool:
    if a is None or b is None:
        return (a is None) != (b is None)
    with mpmath.workdps(DIGITS):
        return abs(a - b) > TOLERANCE * max(1, abs(a), abs(b))


def _number(value) -> sp.Expr | None:
    return None if value is None else sp.Float(mpmath.nstr(value, 20), 20)
