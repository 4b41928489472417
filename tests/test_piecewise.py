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
