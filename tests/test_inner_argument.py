"""Writing an equation as a function H of one inner expression u(z)."""

from __future__ import annotations

import sympy as sp

from derivations.inner_argument import W, inner_argument

z = sp.Symbol("z", real=True)


def test_an_equation_in_one_inner_expression_is_written_in_it():
    u = 5 * z / (z + sp.Rational(3, 4))
    equation = sp.log(1 + sp.exp(u)) - u  # −u is −1 times u: still an occurrence of u
    inner, outer = inner_argument(equation, z)
    assert inner == u
    assert outer == sp.log(1 + sp.exp(W)) - W


def test_the_largest_inner_expression_is_taken():
    s = 1 / (1 + sp.exp(-5 * z))
    inner, outer = inner_argument(s - 1 / (1 + sp.exp(-s)), z)
    assert inner == s
    assert not outer.has(z) and outer.subs(W, s) == s - 1 / (1 + sp.exp(-s))


def test_no_inner_expression_when_z_also_stands_alone():
    assert inner_argument(sp.tanh(z**2 + 1) - z - sp.tanh(z**2 + 1) ** 2, z) is None


def test_a_sum_is_found_inside_a_sum_with_its_constant_moved():
    # −z is −(z + 1) + 1: every occurrence of z is one of w = z + 1
    inner, outer = inner_argument(sp.tanh(z + 1) - z, z)
    assert inner == z + 1 and sp.expand(outer - (sp.tanh(W) - W + 1)) == 0


def test_a_multiple_of_z_is_no_inner_expression_worth_taking():
    # in w = 3z the equation is the same equation, only rescaled
    assert inner_argument(sp.tanh(3 * z) - 3 * z, z) is None


def test_a_root_of_z_is_an_inner_expression():
    # tanh(√z) = √z is tanh(w) = w, which holds at w = 0 alone (where z = 0)
    assert inner_argument(sp.tanh(sp.sqrt(z)) - sp.sqrt(z), z) == (sp.sqrt(z), sp.tanh(W) - W)
