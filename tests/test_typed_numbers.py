"""The numbers a typed formula may hold: bounded literals and powers, finite real constants."""

import pytest
import sympy as sp

from derivations.errors import InputRefused, ParseError
from derivations.tokens import Token
from derivations.typed_numbers import (
    MAX_EXPONENT,
    MAX_NUMBER_DIGITS,
    bounded_power,
    not_a_real_number,
    number,
)

z = sp.Symbol("z", real=True)


def not_read(message, token):
    return ParseError(message, token.text, token.position)


@pytest.mark.parametrize(
    "text, value",
    [("2", 2), ("0.01", sp.Rational(1, 100)), ("2.5e-3", sp.Rational(1, 400)), ("1E3", 1000)],
)
def test_a_number_literal_is_read_exactly(text, value):
    assert number(Token("number", text, 0), not_read) == value


@pytest.mark.parametrize(
    "text, words",
    [
        ("1" * (MAX_NUMBER_DIGITS + 1), "the number at column 5 has too many digits"),
        (f"1e{MAX_NUMBER_DIGITS + 1}", "the number at column 5 is too large"),
    ],
)
def test_a_number_literal_beyond_its_bounds_is_refused_with_its_column(text, words):
    with pytest.raises(InputRefused, match=words):
        number(Token("number", text, 4), not_read)


def test_a_literal_that_is_no_number_is_the_readers_error():
    with pytest.raises(ParseError, match="'.' is not a number"):
        number(Token("number", ".", 0), not_read)


def test_a_power_within_its_bounds_is_built():
    caret = Token("op", "^", 2)
    assert bounded_power(sp.Integer(10), sp.Integer(MAX_EXPONENT), caret) == 10**MAX_EXPONENT
    assert bounded_power(z, z, caret) == z**z  # a symbolic exponent is not bounded here


@pytest.mark.parametrize(
    "base, exponent, words",
    [
        (
            z,
            MAX_EXPONENT + 1,
            f"the exponent at column 3 is too large \\(at most {MAX_EXPONENT}\\)",
        ),
        (z, sp.I, "the exponent at column 3 is too large"),
        (sp.Integer(11), MAX_EXPONENT, "the power at column 3 is too large"),
    ],
)
def test_a_power_beyond_its_bounds_is_refused_with_its_column(base, exponent, words):
    with pytest.raises(InputRefused, match=words):
        bounded_power(base, sp.S(exponent), Token("op", "^", 2))


@pytest.mark.parametrize(
    "value, problem",
    [
        (sp.log(0), "undefined"),
        (sp.oo, "undefined"),
        (sp.sqrt(-1), "not a real number"),
        (sp.asin(2), "not a real number"),
        (sp.exp(3000), "too large to work on"),
        (sp.exp(sp.exp(sp.exp(9))), "too large to work on"),
        (sp.log(2), None),
        (sp.Rational(1, 3), None),
        (z, None),  # not a constant: nothing to say
    ],
)
def test_why_a_constant_is_no_finite_real_number(value, problem):
    assert not_a_real_number(value) == problem
