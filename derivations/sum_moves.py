"""Moves on sums over an index, as they are done on the board: a Kronecker delta picks
one term, what does not depend on the index comes out, a sum of terms is split.

They are moves like the others (``simplify.everywhere``), tried after every scalar move, so
they act only where the scalar clean-ups are done; each applies only where the
expression holds a sum.  Imported by ``simplify`` to register them last.
"""

from __future__ import annotations

import sympy as sp

from .forms import add, mul, substitute
from .indices import Y, i, j, k, n
from .simplify import everywhere, move


@everywhere("the δ picks one term", "Σₖ fₖ·δₖⱼ = fⱼ", only_in=sp.Sum)
def delta_picks(node):
    if isinstance(node, sp.Sum) and len(node.limits) == 1:
        index = node.limits[0][0]
        for f in sp.Mul.make_args(node.function):
            if isinstance(f, sp.KroneckerDelta) and index in f.args:
                other = f.args[0] if f.args[1] == index else f.args[1]
                rest = [a for a in sp.Mul.make_args(node.function) if a is not f]
                return substitute(mul(*rest) if rest else sp.S.One, {index: other})
    return None


@everywhere(
    "take out of the sum",
    "what does not depend on the index comes out: Σₖ c·fₖ = c·Σₖ fₖ",
    only_in=sp.Sum,
)
def take_out(node):
    if isinstance(node, sp.Sum) and node.function.is_Mul:
        index = node.limits[0][0]
        factors = node.function.args
        outside = [f for f in factors if not f.has(index)]
        inside = [f for f in factors if f.has(index)]
        if outside and inside:
            return mul(*outside, sp.Sum(mul(*inside), *node.limits))
    return None


@everywhere("split the sum", "Σ(a + b) = Σa + Σb", only_in=sp.Sum)
def split_sum(node):
    if isinstance(node, sp.Sum) and node.function.is_Add:
        return add(*(sp.Sum(t, *node.limits) for t in node.function.args))
    return None


@everywhere(
    "multiply out the brackets", "a(b + c) = ab + ac, so the sum can be split", only_in=sp.Sum
)
def multiply_out(node):
    if isinstance(node, sp.Sum) and node.function.is_Mul:
        factors = node.function.args
        for position, f in enumerate(factors):
            if f.is_Add:
                others = factors[:position] + factors[position + 1 :]
                return sp.Sum(add(*(mul(*others, t) for t in f.args)), *node.limits)
    return None


@move("the targets sum to 1", "y is a probability vector: Σᵢ yᵢ = 1")
def targets_sum_to_one(expr, context=None):
    if context is None or not context.targets_sum_to_one or not expr.has(sp.Sum):
        return None
    one = {sp.Sum(Y[index], (index, 1, n)): sp.S.One for index in (i, j, k)}
    changed = substitute(expr, one)
    return None if changed == expr else changed
