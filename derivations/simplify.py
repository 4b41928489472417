"""Simplification as named moves, the way they are done on the board.

Each move is a function ``expr -> expr | None`` that rewrites every place it
applies to at once (or returns None when it applies nowhere).  Moves are tried
in the order listed; after any move succeeds the list starts again, so the
cheap clean-ups ("drop the zero terms") always happen before the rearranging
ones.  Every move is an identity; the recorder checks each one anyway.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import sympy as sp

from .derivation import g
from .domain import real_line
from .forms import add, evaluated, fraction, mul, power, transform
from .functions import ActivationFunction
from .piecewise import restrict
from .rules import Context
from .tidy import tidy_polynomial


@dataclass(frozen=True)
class Move:
    """A named identity; ``named(before)``, where given, words it for the case at hand."""

    name: str
    explanation: str
    apply: Callable[[sp.Expr, Context], sp.Expr | None]
    named: Callable[[sp.Expr], tuple[str, str] | None] | None = None

    def words(self, before: sp.Expr) -> tuple[str, str]:
        """The name and explanation shown for this move applied to ``before``."""
        specific = self.named(before) if self.named is not None else None
        return specific or (self.name, self.explanation)


MOVES: list[Move] = []


def move(name: str, explanation: str, named=None):
    def register(function):
        MOVES.append(Move(name, explanation, function, named))
        return function

    return register


def everywhere(name: str, explanation: str, named=None, only_in: type | None = None):
    """Register a local change ``node -> node | None`` as a move applied bottom-up at
    every node (only to expressions holding an ``only_in``, where given)."""

    def register(change):
        def apply(expr, context=None):
            if only_in is not None and not expr.has(only_in):
                return None
            return _everywhere(change)(expr)

        MOVES.append(Move(name, explanation, apply, named))
        return change

    return register


def _everywhere(change: Callable[[sp.Basic], sp.Basic | None]):
    """A move from a local change: applied bottom-up at every node; None if nothing changed."""

    def run(expr: sp.Expr) -> sp.Expr | None:
        result = transform(expr, change)
        return None if result == expr else result

    return run


def _is_number(x: sp.Basic) -> bool:
    return isinstance(x, sp.Number)


# --- the moves ---------------------------------------------------------------------


@everywhere("drop the zero terms", "adding 0 changes nothing")
def drop_zero_terms(node):
    if node.is_Add and any(a == 0 for a in node.args):
        kept = [a for a in node.args if a != 0]
        return add(*kept) if kept else sp.S.Zero
    return None


@everywhere("a factor 0 makes the product 0", "anything times 0 is 0")
def zero_products(node):
    if node.is_Mul and any(a == 0 for a in node.args):
        return sp.S.Zero
    return None


@everywhere("drop the factors of 1", "multiplying by 1, or raising to the power 1, changes nothing")
def drop_unit_factors(node):
    if node.is_Mul and any(a == 1 for a in node.args):
        kept = [a for a in node.args if a != 1]
        return mul(*kept) if kept else sp.S.One
    if node.is_Pow and node.args[1] == 1:
        return node.args[0]
    if node.is_Pow and node.args[1] == 0 and node.args[0] != 0:
        return sp.S.One
    return None


@everywhere("open the brackets", "(a + b) + c = a + b + c and a − (b + c) = a − b − c")
def open_brackets(node):
    if not node.is_Add:
        return None
    terms: list[sp.Basic] = []
    changed = False
    for term in node.args:
        if term.is_Add:  # a + (b + c) = a + b + c
            terms.extend(term.args)
            changed = True
        elif term.is_Mul and len(term.args) == 2 and term.args[0] == -1 and term.args[1].is_Add:
            terms.extend(mul(sp.S.NegativeOne, t) for t in term.args[1].args)  # a − (b + c)
            changed = True
        else:
            terms.append(term)
    return add(*terms) if changed else None


@everywhere("multiply the exponents", "(aᵐ)ⁿ = aᵐⁿ, so 1/(1/a) = a")
def multiply_exponents(node):
    if node.is_Pow and node.args[0].is_Pow:
        (base, inner), outer = node.args[0].args, node.args[1]
        # 1/b² is written (b²)⁻¹ on purpose; everything else multiplies out.
        if inner.is_Integer and outer.is_Integer and not (outer == -1 and inner > 0):
            product = inner * outer
            return base if product == 1 else power(base, product)
    return None


@everywhere("raise each factor to the power", "(ab)ⁿ = aⁿbⁿ")
def power_of_product(node):
    if node.is_Pow and node.args[0].is_Mul and node.args[1].is_Integer:
        factors = node.args[0].args
        if any(f.is_number for f in factors):
            return mul(
                *(
                    sp.Pow(f, node.args[1]) if f.is_number else power(f, node.args[1])
                    for f in factors
                )
            )
    return None


def _operands(node: sp.Basic) -> list[sp.Basic]:
    """The factors of a product (terms of a sum), nested products (sums) opened."""
    nested = sp.Add if node.is_Add else sp.Mul
    out: list[sp.Basic] = []
    for a in node.args:
        out.extend(_operands(a) if isinstance(a, nested) else [a])
    return out


def _negatives_only(expr) -> bool:
    """Whether the numbers being multiplied are all -1, an even count of them."""
    counts: list[int] = []

    def look(node):
        if node.is_Mul:
            numbers = [a for a in _operands(node) if _is_number(a)]
            if len(numbers) >= 2:
                counts.append(len(numbers) if all(n == -1 for n in numbers) else -1)
        return None

    transform(expr, look)
    return bool(counts) and all(c > 0 and c % 2 == 0 for c in counts)


def _two_negatives(before: sp.Expr) -> tuple[str, str] | None:
    if _negatives_only(before):
        return "multiply the two negatives", "(−1)·(−1) = 1: two minus signs cancel"
    return None


@everywhere(
    "multiply the numbers",
    "collect the numeric factors of each product into one number",
    named=_two_negatives,
)
def multiply_numbers(node):
    if not node.is_Mul:
        return None
    factors = _operands(node)
    numbers = [a for a in factors if _is_number(a)]
    if len(numbers) < 2:
        return None
    product = sp.Mul(*numbers)
    others = [a for a in factors if not _is_number(a)]
    if product == 1 and others:
        return mul(*others)
    return mul(product, *others) if others else product


@everywhere("write the number in front", "a·c = c·a, so a·(−1) = −a")
def number_in_front(node):
    if node.is_Mul and len(node.args) > 1:
        factors = _operands(node) if any(_signed(a) for a in node.args) else list(node.args)
        numbers = [a for a in factors if _is_number(a)]
        if len(numbers) == 1 and not _is_number(node.args[0]):
            return mul(numbers[0], *(a for a in factors if not _is_number(a)))
    return None


def _signed(factor: sp.Basic) -> bool:
    """A product inside a product that carries a number, like the −z in e^(−z²)·(−z)."""
    return factor.is_Mul and any(_is_number(a) for a in factor.args)


def _power_parts(factor: sp.Basic) -> tuple[sp.Basic, sp.Expr]:
    """(base, exponent), with 1/b² = (b²)⁻¹ read as b⁻²."""
    if factor.is_Pow and _is_number(factor.args[1]):
        base, exponent = factor.args
        if base.is_Pow and _is_number(base.args[1]):
            return base.args[0], base.args[1] * exponent
        return base, exponent
    return factor, sp.S.One


@everywhere("combine equal factors into a power", "a·a = a² and aᵐ·aⁿ = aᵐ⁺ⁿ")
def combine_equal_factors(node):
    return _merged(node, sp.Mul, _power_parts, _as_power)


@everywhere("collect like terms", "a + a = 2a")
def collect_like_terms(node):
    return _merged(node, sp.Add, _key_and_coefficient, _as_term)


def _merged(node, kind, split, rebuild):
    """A product's (``kind`` sp.Mul) or sum's operands merged by key, or None when no two
    share one: ``split`` gives an operand's (key, amount), amounts add up (equal factors
    their exponents, like terms their coefficients), keys in the order first met;
    ``rebuild`` writes a key with its total, and those that total 0 are dropped."""
    if not isinstance(node, kind):
        return None
    operands = _operands(node)
    totals: dict[sp.Basic, sp.Expr] = {}
    for key, amount in (split(operand) for operand in operands):
        totals[key] = totals[key] + amount if key in totals else amount
    if len(totals) == len(operands):
        return None
    kept = [rebuild(key, total) for key, total in totals.items() if total != 0]
    if kind is sp.Mul:
        return mul(*kept) if kept else sp.S.One
    return add(*kept) if kept else sp.S.Zero


def _as_power(base: sp.Basic, exponent: sp.Expr) -> sp.Basic:
    return base if exponent == 1 else power(base, exponent)


def _as_term(key: sp.Basic, coefficient: sp.Expr) -> sp.Basic:
    return key if coefficient == 1 else coefficient if key == 1 else mul(coefficient, key)


def _key_and_coefficient(term: sp.Basic) -> tuple[sp.Basic, sp.Expr]:
    """3·x·y -> (x·y, 3): what is left without the numbers, and their product."""
    factors = _operands(term) if term.is_Mul else [term]
    rest = [f for f in factors if not _is_number(f)]
    return (mul(*rest) if rest else sp.S.One), sp.Mul(*(f for f in factors if _is_number(f)))


def _negative_power_as_fraction(node):
    if node.is_Pow:
        base, exponent = node.args
        if _is_number(exponent) and exponent.is_negative and exponent != -1:
            return fraction(sp.S.One, power(base, -exponent))
        return None
    if node.is_Mul:
        # Numerator factors first, so the product reads as one fraction.
        tops = [a for a in node.args if not _is_reciprocal(a)]
        bottoms = [a for a in node.args if _is_reciprocal(a)]
        if bottoms and tops and list(node.args) != tops + bottoms:
            return mul(*tops, *bottoms)
    return None


def _is_reciprocal(x: sp.Basic) -> bool:
    return x.is_Pow and x.args[1] == -1


@move("rewrite the negative power as a fraction", "a⁻ⁿ = 1/aⁿ")
def negative_powers_as_fractions(expr, context=None):
    def change(node):
        if node.is_Pow:
            return _negative_power_as_fraction(node)
        return None

    first = _everywhere(change)(expr)
    if first is None:
        return None
    ordered = _everywhere(lambda n: _negative_power_as_fraction(n) if n.is_Mul else None)(first)
    return ordered if ordered is not None else first


def _kink_conditions(expr: sp.Basic) -> bool:
    """Whether some Piecewise condition is on a piecewise function (max(0, z) < 0): the
    chain rule asked a kink's derivative there, unlike a condition on z itself."""
    for node in expr.atoms(sp.Piecewise):
        for _, condition in node.args:
            if condition.has(sp.Max, sp.Min, sp.Abs, sp.Heaviside, sp.sign, ActivationFunction):
                return True
    return False


@move(
    "write as one piecewise function",
    "on each interval between breakpoints every piece is one formula",
)
def combine_cases(expr, context=None):
    if context is None or not expr.has(sp.Piecewise) or expr.has(sp.Derivative):
        return None
    z, values = context.along, context.values
    pieces: list[tuple[sp.Expr, object]] = []
    line = real_line(expr, z, values)
    defined = dict(zip(line.points, line.defined, strict=True))
    for region, inside in zip(line.regions, line.inside, strict=True):
        if not inside:
            # Outside the domain nothing is kept, but a gap no piece covers (relu′ asked
            # for at its kink on a whole interval) stays visible as undefined.
            if not _kink_conditions(expr):
                continue
            try:
                gap = restrict(expr, z, region, values)
            except (TypeError, ValueError):
                continue
            if not gap.has(sp.nan):
                continue
            pieces.append((sp.nan, region))
            continue
        formula = restrict(expr, z, region, values)
        joined = pieces and pieces[-1][1].hi == region.lo and defined.get(region.lo, False)
        if joined and pieces[-1][0] == formula:
            pieces[-1] = (formula, type(region)(pieces[-1][1].lo, region.hi))
        else:
            pieces.append((formula, region))
    if len(pieces) == 1:
        combined = pieces[0][0]
    else:
        combined = sp.Piecewise(*((f, r.condition(z)) for f, r in pieces), evaluate=False)
    return None if combined == expr else combined


@move("take out the common factor", "ab + ac = a(b + c)")
def factor_in_g(expr, context=None):
    """A polynomial in g(z) (higher derivatives from the form in g), factored if shorter."""
    if context is None:
        return None
    gz = g(context.variable)
    if not expr.has(gz):
        return None
    G = sp.Dummy("g")
    plain = evaluated(expr).xreplace({gz: G})
    if not plain.is_Add or plain.has(context.variable) or not plain.is_polynomial(G):
        return None  # only a sum has a common factor to take out
    tidy = tidy_polynomial(sp.factor(plain))
    if not tidy.is_Mul:
        return None
    factors = sp.Mul.make_args(tidy)
    ordered = (
        [f for f in factors if f.is_number]
        + [f for f in factors if f == G]
        + [f for f in factors if not f.is_number and f != G]
    )
    return mul(*(f.xreplace({G: gz}) for f in ordered))


# The moves on sums come last: tried only where no scalar move applies.
from . import sum_moves  # noqa: E402, F401  (registers them)

MOVES_BY_NAME = {m.name: m for m in MOVES}
