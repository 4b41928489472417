"""Expressions as written: unevaluated builders, paths into them, and rewriting parts
without SymPy evaluating what was not touched."""

from __future__ import annotations

import sympy as sp

from derivations.forms import (
    add,
    at,
    evaluated,
    find_first,
    fraction,
    mul,
    pending,
    replace_at,
    substitute,
    transform,
    walk,
)

z = sp.Symbol("z", real=True)


def test_the_builders_keep_what_is_written():
    written = add(mul(2, z), mul(3, z))  # SymPy alone would write 5z
    assert written != 5 * z and evaluated(written) == 5 * z
    assert fraction(z, z) != 1 and evaluated(fraction(z, z)) == 1


def test_a_path_leads_to_the_part_and_replacing_it_keeps_the_rest_as_written():
    expr = add(mul(2, z), pending(sp.exp(-z), z))
    path = find_first(expr, lambda node: isinstance(node, sp.Derivative))
    assert at(expr, path) == pending(sp.exp(-z), z)
    replaced = replace_at(expr, path, mul(-1, sp.exp(-z)))
    assert at(replaced, path) == mul(-1, sp.exp(-z))
    assert evaluated(replaced) == 2 * z - sp.exp(-z)
    assert mul(2, z) in replaced.args  # the untouched term is as it was


def test_a_walk_visits_outermost_first_and_skips_a_derivatives_bookkeeping():
    expr = pending(z**2, z)
    visited = [node for _, node in walk(expr)]
    assert visited[0] == expr and visited[1] == z**2
    assert all(not isinstance(node, sp.Tuple) for node in visited)  # no (z, 1) pair


def test_a_transform_changes_bottom_up_and_only_where_asked():
    expr = add(sp.exp(z), mul(2, sp.exp(z)))
    t = sp.Symbol("t")
    swapped = substitute(expr, {sp.exp(z): t})
    assert swapped == add(t, mul(2, t))
    untouched = transform(expr, lambda node: None)
    assert untouched == expr
