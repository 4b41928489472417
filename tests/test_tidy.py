"""Polynomials and fractions put the readable way round: shortest form, no leading minus."""

import pytest
import sympy as sp

from derivations.derivation import G
from derivations.tidy import readable_signs, tidy_polynomial


@pytest.mark.parametrize(
    "form, expected",
    [
        (G - G**2, G * (1 - G)),  # factored is shorter: g(1 − g), never −g(g − 1)
        (G**2 - 2 * G + 1, (1 - G) ** 2),  # an even power of g − 1 reads as (1 − g)²
        (1 - G**2, 1 - G**2),  # expanded is shorter than (1 − g)(1 + g)
        (2 * G**3 - 3 * G**2 + G, G * (1 - G) * (1 - 2 * G)),  # two minus signs cancel
    ],
)
def test_tidy_polynomial_is_the_shortest_form_with_readable_signs(form, expected):
    tidy = tidy_polynomial(form)
    assert sp.expand(tidy - form) == 0
    assert tidy == expected


def test_one_factor_keeps_its_sign_rather_than_write_a_leading_minus():
    assert tidy_polynomial(G**2 - G) == G * (G - 1)  # not −g(1 − g)


def test_readable_signs_turn_a_negative_fraction_round():
    written = readable_signs(sp.factor(-(1 + G) / (G - 1)))
    assert written == (1 + G) / (1 - G)
    assert readable_signs(G / (1 + G)) == G / (1 + G)  # nothing to turn round
