"""Where an equation holds in a region: solved exactly, through an inner argument, or
located numerically; the zeros found on a region serve every region inside it."""

from __future__ import annotations

import pytest
import sympy as sp

from derivations.piecewise import Region
from derivations.zeros import zeros_within

z = sp.Symbol("z", real=True)
WHOLE_LINE = Region(-sp.oo, sp.oo)


def numbers(points) -> list[float]:
    return sorted(float(sp.N(p, 30)) for p in points)


def test_a_function_that_never_meets_its_argument_switches_nowhere():
    u = 5 * z / (z + sp.Rational(3, 4))
    softplus_u = sp.log(1 + sp.exp(u))
    assert zeros_within(softplus_u, u, z, {}, WHOLE_LINE) == set()


def test_where_a_sigmoid_meets_the_sigmoid_of_it_is_where_w_equals_sigmoid_w():
    s = 1 / (1 + sp.exp(-5 * z))
    (root,) = zeros_within(s, 1 / (1 + sp.exp(-s)), z, {}, WHOLE_LINE)
    value = sp.N(root, 30)
    # σ(5z) = w with w = σ(w): w ≈ 0.659046, so z = −log(1/w − 1)/5
    w = sp.nsolve(sp.Symbol("w") - 1 / (1 + sp.exp(-sp.Symbol("w"))), 0.6, prec=40)
    assert abs(value - (-sp.log(1 / w - 1) / 5)) < 1e-25


def test_tanh_of_an_affine_argument_meets_it_exactly_where_the_argument_is_zero():
    a = sp.Rational(191057, 200000) * z - sp.Rational(1, 10)
    assert zeros_within(sp.tanh(a), a, z, {}, WHOLE_LINE) == {sp.Rational(20000, 191057)}


def test_a_sum_that_is_a_square_plus_one_has_no_zero():
    u = -2 * z - 7 * sp.sqrt(z**2 + sp.Rational(2, 7)) / (2 * z)
    assert zeros_within(u**2 + 1, sp.S.Zero, z, {}, WHOLE_LINE) == set()


def test_a_side_written_as_typed_is_split_where_its_evaluated_form_switches():
    # sqrt((z − 1)²), kept as typed, is |z − 1| once the equation is formed
    as_typed = sp.Pow(sp.Pow(z - 1, 2, evaluate=False), sp.S.Half, evaluate=False)
    found = zeros_within(z / 4, as_typed, z, {}, WHOLE_LINE)
    # z/4 = |z − 1| at 4/5 and 4/3, with |z − 1|'s own breakpoint, 1, among the candidates
    assert numbers(found) == pytest.approx([0.8, 1.0, 4 / 3])


def test_zeros_found_on_a_region_serve_every_region_inside_it():
    from derivations import root_search, zeros

    zeros._SMOOTH_ZEROS.cache_clear()
    searches = []
    search = root_search.real_roots

    def counted(*args, **kwargs):
        searches.append(args)
        return search(*args, **kwargs)

    lhs, rhs = sp.tanh(z + 1) + z / 3, sp.S.Half  # no closed form: a numeric search
    wide = zeros_within(lhs, rhs, z, {}, Region(sp.S(-5), sp.S(5)))
    zeros.real_roots = counted
    try:
        inside = zeros_within(lhs, rhs, z, {}, Region(sp.S(-1), sp.S(3)))
        beyond = zeros_within(lhs, rhs, z, {}, Region(sp.S(2), sp.S(3)))
        assert not searches  # both inside the region searched first
        zeros_within(lhs, rhs, z, {}, Region(sp.S(-6), sp.S(5)))  # not inside it: searched
        assert len(searches) == 1
    finally:
        zeros.real_roots = search
    [root] = wide
    assert inside == {root} and beyond == set()  # the same located point, by name
    assert abs(sp.N(lhs.subs(z, root) - rhs, 30)) < 1e-25
