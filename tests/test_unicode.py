"""Maths in Unicode characters: numbers as people write them, super- and subscripts."""

from __future__ import annotations

import pytest
import sympy as sp

from derivations.render.unicode import format_number, subscript, superscript


@pytest.mark.parametrize(
    "number, shown",
    [
        (sp.Rational(1, 100), "0.01"),
        (sp.Rational(1, 4), "1/4"),
        (sp.Rational(-1, 5), "−0.2"),
        (sp.Integer(3), "3"),
        (sp.Rational(2, 3), "2/3"),
    ],
)
def test_numbers_are_written_as_people_write_them(number, shown):
    assert format_number(number) == shown


def test_scripts_exist_only_for_text_that_has_them_all():
    assert superscript("-2") == "⁻²" and superscript("−z") == "⁻ᶻ"
    assert superscript("q") is None and superscript("") is None
    assert subscript("i+1") == "ᵢ₊₁"
    assert subscript("y") is None
