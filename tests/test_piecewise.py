"""Restricting piecewise functions to a region."""

from __future__ import annotations

import pytest
import sympy as sp

from derivations.piecewise import Region, restrict

z = sp.Symbol("z", real=True)


@pytest.mark.parametrize(
    "region, expected",
    [(Region(sp.S(0), sp.S(1)), -(1 - z)), (Region(sp.S(-2), sp.S(0)), 1 - z)],
)
def test_a_piece_rebuilt_into_a_new_piecewise_atom_is_restricted_too(region, expected):
    # sign(min(−erf z, 5)) on a region is sign(−erf z), which SymPy rebuilds as −sign(erf z)
    expr = sp.sign(sp.Min(-sp.erf(z), 5)) * sp.Abs(z - 1)
    restricted = restrict(expr, z, region, {})
    assert not restricted.has(sp.sign, sp.Abs, sp.Min)
    assert sp.simplify(restricted - expected) == 0


def test_a_max_of_catalog_functions_has_its_value_at_a_rational_breakpoint():
    # SymPy's Max cannot order σ(0) − 1/2 against 0 by itself (a ValueError, once exit 3).
    from derivations.functions import ACTIVATION_FUNCTIONS
    from derivations.piecewise import value_at

    z = sp.Symbol("z", real=True)
    expr = sp.Max(ACTIVATION_FUNCTIONS["sigmoid"](z) - sp.Rational(1, 2), sp.tanh(z))
    assert float(value_at(expr, z, sp.S.Zero)) == 0.0
    assert float(value_at(expr, z, sp.Rational(1, 3))) == pytest.approx(
        float(sp.tanh(sp.Rational(1, 3)))
    )


def test_a_corner_where_a_shifted_sigmoid_meets_tanh_is_derived():
    from derivations import api

    d = api.derive("max(sigmoid(z) - 0.5, tanh(z))")
    (kink,) = d.kinks
    assert (kink.at, kink.left, kink.right) == (0, sp.Rational(1, 4), 1)
