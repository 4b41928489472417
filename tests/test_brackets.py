"""Sign changes on a bounded range: isolating brackets proved by interval arithmetic,
exact roots where f crosses with f′ = 0 at a simple number, undecided where f touches 0."""

from __future__ import annotations

import pytest
import sympy as sp

from derivations.brackets import Undecided, isolating_brackets, narrowed
from derivations.numeric_root import VARIABLE as x
from derivations.root_search import _function


def test_each_simple_root_gets_a_bracket_of_its_own():
    brackets, exact = isolating_brackets(_function(x**2 - 2), sp.Integer(-3), sp.Integer(3))
    assert exact == []
    assert len(brackets) == 2
    (a, b), (c, d) = brackets
    assert a < -sp.sqrt(2) < b <= c < sp.sqrt(2) < d


def test_a_crossing_with_zero_slope_at_a_simple_number_is_an_exact_root():
    # z − tanh z at 0: f = f′ = f″ = 0 and f‴ = 2 keeps its sign around 0
    brackets, exact = isolating_brackets(_function(x - sp.tanh(x)), sp.Integer(-1), sp.Integer(2))
    assert (brackets, exact) == ([], [0])


def test_a_touch_at_an_irrational_point_is_undecided():
    with pytest.raises(Undecided, match="may touch 0 without crossing"):
        isolating_brackets(_function((x**2 - 2) ** 2), sp.Integer(1), sp.Integer(2))


def test_narrowing_cuts_zero_out_of_a_bracket_or_finds_the_root_at_zero():
    assert narrowed(_function(x - sp.Rational(1, 10)), sp.Integer(-1), sp.Integer(1)) == (0, 1)
    assert narrowed(_function(x + sp.Rational(1, 10)), sp.Integer(-1), sp.Integer(1)) == (-1, 0)
    assert narrowed(_function(sp.tanh(x)), sp.Integer(-1), sp.Integer(1)) == 0
    assert narrowed(_function(x - 5), sp.Integer(4), sp.Integer(6)) == (4, 6)
