"""A typed formula as written: SymPy's simplifications while building are not made."""

import sympy as sp

from derivations.as_written import parse_as_written
from derivations.parse import parse

z = sp.Symbol("z", real=True)


def test_what_sympy_would_simplify_away_is_kept():
    assert parse("e^(3*log(z))") == z**3
    assert parse_as_written("e^(3*log(z))", z).has(sp.log)
    assert parse("z/z") == 1
    assert parse_as_written("z/z", z).has(z)
    assert parse_as_written("sqrt(z)^2", z) == sp.Pow(sp.sqrt(z), 2, evaluate=False)


def test_the_parts_free_of_the_variable_are_evaluated():
    assert parse_as_written("2*3*z", z).args == (6, z)


def test_text_that_cannot_be_built_gives_none():
    assert parse_as_written("z +", z) is None
