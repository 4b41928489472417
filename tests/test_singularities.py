"""Where g′ fails to exist other than at a corner: each kind, with its one-sided limits,
found on the formula's real line."""

from __future__ import annotations

import pytest
import sympy as sp

from derivations import api
from derivations.derivation import BOUNDARY, INFINITE_SLOPE, JUMP, POLE, UNDEFINED
from derivations.singularities import side_limit

z = sp.Symbol("z", real=True)


@pytest.mark.parametrize(
    ("formula", "kind", "at", "left", "right"),
    [
        ("1/z", POLE, 0, -sp.oo, -sp.oo),
        ("z/(z - 1)", POLE, 1, -sp.oo, -sp.oo),
        ("sqrt(z)", INFINITE_SLOPE, 0, None, sp.oo),  # defined at 0, g′ is not
        ("log(z)", BOUNDARY, 0, None, sp.oo),
        ("cbrt(z)", INFINITE_SLOPE, 0, sp.oo, sp.oo),
        ("z/z", UNDEFINED, 0, 0, 0),
    ],
)
def test_each_kind_with_its_one_sided_limits(formula, kind, at, left, right):
    [s] = api.derive(formula).singularities
    assert (s.kind, s.at, s.left, s.right) == (kind, at, left, right)


def test_a_jump_of_g_is_a_singularity_of_g_prime():
    d = api.derive("heaviside(z) + z")
    assert [(s.kind, s.at) for s in d.singularities] == [(JUMP, 0)]


def test_a_one_sided_limit_read_a_hair_away_says_infinity_or_the_number():
    assert side_limit(1 / z, z, sp.S.Zero, -1, {}) == -sp.oo
    assert side_limit(1 / z, z, sp.S.Zero, 1, {}) == sp.oo
    assert side_limit(sp.sin(z) / z, z, sp.S.Zero, 1, {}) == 1  # finite: the closed form
    assert side_limit(sp.sin(1 / z), z, sp.S.Zero, 1, {}) is sp.nan  # no limit at all
