"""Each named simplification move: it applies where it should, and it is an identity."""

import pytest
import sympy as sp

from derivations.forms import add, evaluated, fraction, mul, negate, power
from derivations.recorder import simplify
from derivations.render.notation import write
from derivations.rules import Context
from derivations.simplify import MOVES_BY_NAME

z = sp.Symbol("z", real=True)
b = add(sp.S.One, sp.exp(-z))

CASES = [
    ("drop the zero terms", add(sp.S.Zero, z), "z"),
    ("a factor 0 makes the product 0", mul(sp.S.Zero, sp.exp(z)), "0"),
    ("drop the factors of 1", mul(sp.S.One, z), "z"),
    ("drop the factors of 1", power(z, sp.S.One), "z"),
    ("multiply the numbers", mul(sp.Integer(2), z, sp.Integer(3)), "6z"),
    ("multiply the numbers", mul(negate(power(b, -2)), mul(sp.exp(-z), -1)), "(1 + e⁻ᶻ)⁻² · e⁻ᶻ"),
    ("write the number in front", mul(sp.exp(z), sp.Integer(-1)), "−eᶻ"),
    ("combine equal factors into a power", mul(b, b), "(1 + e⁻ᶻ)²"),
    ("combine equal factors into a power", mul(power(z, 2), z), "z³"),
    ("collect like terms", add(z, z), "2z"),
    ("rewrite the negative power as a fraction", mul(power(b, -2), sp.exp(-z)), "e⁻ᶻ/(1 + e⁻ᶻ)²"),
]


@pytest.mark.parametrize("name, before, after", CASES)
def test_move_applies_and_is_an_identity(name, before, after):
    moved = MOVES_BY_NAME[name].apply(before, Context(z))
    assert moved is not None
    assert write(moved) == after
    assert sp.simplify(evaluated(moved) - evaluated(before)) == 0


@pytest.mark.parametrize("name", sorted(MOVES_BY_NAME))
def test_moves_leave_finished_forms_alone(name):
    finished = fraction(sp.exp(-z), power(b, 2))
    assert MOVES_BY_NAME[name].apply(finished, Context(z)) is None


def test_two_negatives_are_named_as_such():
    before = mul(negate(power(b, -2)), mul(sp.exp(-z), -1))
    assert MOVES_BY_NAME["multiply the numbers"].words(before)[0] == "multiply the two negatives"
    plain_numbers = mul(sp.Integer(2), z, sp.Integer(3))
    assert MOVES_BY_NAME["multiply the numbers"].words(plain_numbers)[0] == "multiply the numbers"


def test_pieces_are_combined_into_one_piecewise_function():
    step = sp.Piecewise((0, z < 0), (1, z > 0), evaluate=False)
    moved = MOVES_BY_NAME["write as one piecewise function"].apply(add(step, step), Context(z))
    assert write(moved) == "{0 if z < 0; 2 if z > 0}"


def test_simplify_stops_and_every_step_is_named():
    steps, final = simplify(
        mul(negate(power(b, -2)), add(sp.S.Zero, mul(sp.exp(-z), mul(-1, 1)))), Context(z)
    )
    assert write(final) == "e⁻ᶻ/(1 + e⁻ᶻ)²"
    assert [s.rule for s in steps] == [
        "drop the zero terms",
        "drop the factors of 1",
        "multiply the two negatives",
        "rewrite the negative power as a fraction",
    ]
    assert simplify(final, Context(z)) == ([], final)
