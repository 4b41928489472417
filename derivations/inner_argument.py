"""An equation that is a function of one inner expression: H(u(z)) = 0.

max(u, softplus(u)) switches where softplus(u) = u, which holds for no u at all;
min(σ(5z), σ(σ(5z))) where w = σ(w) for w = σ(5z); tanh(a) = a, with a affine in z, at
a = 0 exactly.  Solving H(w) = 0 in w first (a small equation in catalog functions), then
u(z) = wₖ (smaller than the whole), settles what the whole equation, searched in z, may
leave undecided or take minutes over.
"""

from __future__ import annotations

import sympy as sp

W = sp.Dummy("w", real=True)


MAX_TRIES = 40  # candidate inner expressions tried, from the top (subs is not free)


def inner_argument(equation: sp.Expr, z: sp.Symbol) -> tuple[sp.Expr, sp.Expr] | None:
    """(u, H) with equation = H(u) and H written in ``W``, where u (not z itself) occurs
    at least twice, up to a constant factor (−5z/(z + 3/4) is −1 times 5z/(z + 3/4)), and
    holds every occurrence of z; the first such u from the top."""
    nodes = dict.fromkeys(
        node
        for node in sp.preorder_traversal(equation)
        if node.has(z) and node not in (equation, z) and not _scaled_power(node, z)
    )
    for node in list(nodes)[:MAX_TRIES]:
        outer = equation.subs(node, W)
        if not outer.has(z) and sum(1 for n in sp.preorder_traversal(outer) if n == W) >= 2:
            return node, outer
    return None


def _scaled_power(node: sp.Expr, z: sp.Symbol) -> bool:
    """c·z: in w = c·z the equation is no simpler, only rescaled."""
    return node.as_coeff_Mul()[1] == z
