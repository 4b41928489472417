"""A rational function of z on an unbounded box: between its value at the finite end and
its limit, once the box lies past every pole and every turning point.

Interval arithmetic loses what a repeated z knows: on [R, ∞], 81z³ − z is
81·[R³, ∞] − [R, ∞] = [−∞, ∞], and z/(z + 3/4) is [0, ∞], though the first only grows
from 81R³ − R and the second rises from R/(R + 3/4) towards 1.  Beyond the last real
root of the derivative's numerator p′q − pq′ and of q, a rational function p/q is
monotone, so its values lie between u(R) and lim u; the roots are isolated exactly
(SymPy's ``Poly.intervals``), the limit read off the leading terms.
"""

from __future__ import annotations

from dataclasses import dataclass

import mpmath
import sympy as sp
from mpmath.libmp import finf, fninf, from_rational, mpf_lt, round_ceiling, round_floor

from .interval_functions import Interval, Run, number_interval

MAX_OPERATIONS = 60  # larger rational parts are bounded as they are (factoring costs)


@dataclass(frozen=True)
class RationalTail:
    """What bounds p/q on a tail: where it is monotone, and its limits at −∞ and +∞."""

    position: int  # of the variable in the box
    left_of: sp.Rational | None  # every pole and turning point lies in [left_of, right_of]
    right_of: sp.Rational | None
    limit_left: sp.Expr
    limit_right: sp.Expr


def rational_parts(expr: sp.Expr, index: dict) -> dict:
    """The outermost parts of ``expr`` that are rational functions of one variable of
    ``index`` occurring in them more than once, each with its tail data (by part)."""
    rational: dict = {}  # node -> whether it is a rational function of its one variable

    def is_rational(node) -> bool:
        if node not in rational:
            if node.is_Symbol or node.is_Rational:
                rational[node] = True
            elif node.is_Add or node.is_Mul:
                rational[node] = all(is_rational(a) for a in node.args)
            elif node.is_Pow:
                rational[node] = node.exp.is_Integer and is_rational(node.base)
            else:
                rational[node] = False
        return rational[node]

    found: dict = {}
    stack = [expr]
    while stack:
        node = stack.pop()
        variables = node.free_symbols & set(index)
        if len(variables) == 1 and is_rational(node):
            (variable,) = variables
            tail = rational_tail(node, variable, index[variable])
            if tail is not None:
                found[node] = tail
                continue
        stack.extend(a for a in node.args if isinstance(a, sp.Expr))
    return found


def rational_tail(expr: sp.Expr, variable: sp.Symbol, position: int) -> RationalTail | None:
    """The tail data of ``expr`` if it is a rational function in which ``variable`` occurs
    more than once (None otherwise, or where its roots cannot be isolated exactly)."""
    if not (expr.is_Add or expr.is_Mul or expr.is_Pow) or expr.count(variable) < 2:
        return None
    if sp.count_ops(expr) > MAX_OPERATIONS or not expr.is_rational_function(variable):
        return None
    try:
        top, bottom = sp.fraction(sp.cancel(sp.together(expr)))
        p, q = sp.Poly(top, variable, domain="QQ"), sp.Poly(bottom, variable, domain="QQ")
        turning = p.diff(variable) * q - p * q.diff(variable)
        ends = [
            bound
            for poly in (turning, q)
            if poly.degree() > 0
            for (a, b), _ in poly.intervals()
            for bound in (a, b)
        ]
    except (sp.PolynomialError, sp.CoercionFailed, NotImplementedError, ValueError):
        return None
    return RationalTail(
        position,
        min(ends) if ends else None,
        max(ends) if ends else None,
        _limit(p, q, -1),
        _limit(p, q, 1),
    )


def _limit(p: sp.Poly, q: sp.Poly, side: int) -> sp.Expr:
    gap = p.degree() - q.degree()
    ratio = p.LC() / q.LC()
    if gap < 0:
        return sp.S.Zero
    if gap == 0:
        return ratio
    sign = ratio * side**gap
    return sp.oo if sign > 0 else -sp.oo


def tail_bound(natural, tail: RationalTail):
    """An enclosure of p/q: ``natural`` (its enclosure as written), tightened on a box that
    reaches ±∞ past every pole and turning point."""

    def bound(run: Run) -> Interval:
        value = natural(run)
        lo, hi = run.box[tail.position]
        if hi == finf and lo != finf and _beyond(lo, tail.right_of, 1):
            end, limit = lo, tail.limit_right
        elif lo == fninf and hi != fninf and _beyond(hi, tail.left_of, -1):
            end, limit = hi, tail.limit_left
        else:
            return value
        box = list(run.box)
        box[tail.position] = (end, end)
        at_end = natural(Run(run.prec, box))
        towards = number_interval(limit, run.prec)
        low = min(at_end[0], towards[0], key=mpmath.mp.make_mpf)
        high = max(at_end[1], towards[1], key=mpmath.mp.make_mpf)
        # Both are enclosures: keep the tighter end of each.
        return (
            max(low, value[0], key=mpmath.mp.make_mpf),
            min(high, value[1], key=mpmath.mp.make_mpf),
        )

    return bound


def _beyond(x, edge: sp.Rational | None, side: int) -> bool:
    """Whether the raw number x lies strictly past ``edge`` on that side (True if none)."""
    if edge is None:
        return True
    if side > 0:  # rounded outwards: past the rounded edge is past the edge
        return mpf_lt(from_rational(int(edge.p), int(edge.q), 200, round_ceiling), x)
    return mpf_lt(x, from_rational(int(edge.p), int(edge.q), 200, round_floor))
