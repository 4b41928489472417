"""Reading hand-written derivations: what each line claims, and where parse errors are."""

import pytest
import sympy as sp

from derivations.check.reading import (
    CONTINUATION,
    DEFINITION,
    DERIVATIVE,
    POINT,
    ReadError,
    read,
    read_arguments,
)
from derivations.derivation import g
from derivations.errors import DerivationsError, InputRefused, ParseError
from derivations.functions import ACTIVATION_FUNCTIONS

z = sp.Symbol("z", real=True)
x = sp.Symbol("x", real=True)
sigma = ACTIVATION_FUNCTIONS["sigmoid"]
# The seed's sigmoid section as its author typed it (the ^ of e^(-z) and of ^2 lost).
SEED = """## Derivation of Sigmoid Function

Remember the sigmoid function, and it provides any values between 0 and 1.

1. Set up the derivate:

   g'z = d / dz ( 1 / (1 + e(-z)))

3. Use the chain rule

5. Simplify:

   g'(z) = e(-z) / (1 + e(-z)(2)
"""


def claims(text):
    (written,) = read(text).derivations
    return written.definition, written.claims


def test_plain_text_lines_definition_derivative_and_continuations():
    definition, found = claims(
        "# a comment line\n"
        "g(z) = 1/(1+e^-z)\n"
        "g'(z) = d/dz (1+e^-z)^-1     # chain rule next\n"
        "      = e^-z/(1+e^-z)^2\n"
    )
    assert definition.function == 1 / (1 + sp.exp(-z))
    assert definition.how == "formula" and definition.line == 2
    assert [c.kind for c in found] == [DERIVATIVE, CONTINUATION]
    assert [(c.line, c.column) for c in found] == [(3, 9), (4, 9)]
    assert found[0].expression == sp.Derivative((1 + sp.exp(-z)) ** -1, z)
    assert found[1].expression == sp.exp(-z) / (1 + sp.exp(-z)) ** 2
    assert found[0].text == "d/dz (1+e^-z)^-1"


def test_a_name_defines_g_and_a_following_formula_is_checked_against_it():
    definition, found = claims("sigmoid\ng(z) = 1/(1+exp(-z))\ng'(z) = g(z)(1 - g(z))\n")
    assert definition.activation.name == "sigmoid" and definition.how == "named"
    assert [c.kind for c in found] == [DEFINITION, DERIVATIVE]
    assert found[1].expression == g(z) * (1 - g(z))


def test_g_without_brackets_and_g_before_a_bracket_multiply():
    _, found = claims("sigmoid\ng' = g(1-g)\n = g*(1 - g)\n = σ(z)(1-σ(z))\n")
    expected = g(z) * (1 - g(z))
    assert [c.expression for c in found[:2]] == [expected, expected]
    assert found[2].expression == sigma(z) * (1 - sigma(z))


def test_several_equals_on_one_line_are_successive_claims():
    _, found = claims("tanh\ng'(z) = d/dz tanh(z) = 1 - tanh^2(z) = 1 - tanh(z)^2\n")
    assert [c.kind for c in found] == [DERIVATIVE, CONTINUATION, CONTINUATION]
    assert found[1].expression == found[2].expression == 1 - sp.tanh(z) ** 2
    assert [c.column for c in found] == [9, 24, 40]


def test_conditions_before_after_and_points():
    _, found = claims(
        "relu\n* z > 0: g'(z) = 1\nfor z < 0, g'(z) = 0\ng'(z) = 0.01 if z < 0\ng'(0) = 0\n"
    )
    assert [c.condition for c in found[:3]] == [z > 0, z < 0, z < 0]
    assert found[2].expression == sp.Rational(1, 100)
    assert found[3].kind == POINT and found[3].point == 0


def test_pieces_in_braces_with_relations_and_otherwise():
    _, found = claims(
        "relu\ng'(z) = {1 if z ≥ 0; 0 otherwise}\n = {0 if g(z) = 0; 1 if g(z) > 0}\n"
    )
    assert found[0].expression == sp.Piecewise((1, z >= 0), (0, True))
    assert found[1].expression == sp.Piecewise((0, sp.Eq(g(z), 0)), (1, g(z) > 0))


def test_handwritten_exponent_e_to_minus_2z_is_e_to_the_minus_2z():
    _, found = claims("sigmoid\ng'(z) = e^-2z + e^2z + e^-z^2\n")
    assert found[0].expression == sp.exp(-2 * z) + sp.exp(2 * z) + sp.exp(-(z**2))


def test_colon_equals_defines_like_equals():
    definition, found = claims("g(z) := 1/(1+e^-z)\ng'(z) := g(z)(1 - g(z))\n")
    assert definition.function == 1 / (1 + sp.exp(-z))
    assert [c.kind for c in found] == [DERIVATIVE]


def test_variable_and_own_name_come_from_the_definition():
    definition, found = claims("f(x) = 1/(1+e^-x)\nf'(x) = f(x)(1-f(x))\n")
    assert definition.variable == x
    assert found[0].expression == g(x) * (1 - g(x))


def test_without_a_definition_g_is_what_the_first_line_differentiates():
    definition, found = claims("g'(z) = d/dz(1/(1+e^-z))\n = e^-z/(1+e^-z)^2\n")
    assert definition.how == "from d/dz" and definition.function == 1 / (1 + sp.exp(-z))
    assert len(found) == 2


def test_a_derivative_named_after_an_activation_defines_it():
    definition, _ = claims("σ'(z) = σ(z)(1 - σ(z))\n")
    assert definition.activation.name == "sigmoid"


def test_prose_lines_are_skipped_and_new_definitions_start_new_derivations():
    document = read(
        "Some words about sigmoid without any equals sign.\n"
        "sigmoid\n"
        "g'(z) = g(z)(1-g(z))\n"
        "Now tanh.\n"
        "g(z) = tanh(z)\n"
        "g'(z) = 1 - g(z)^2\n"
    )
    first, second = document.derivations
    assert first.definition.activation.name == "sigmoid"
    assert second.definition.function == sp.tanh(z)
    assert [len(first.claims), len(second.claims)] == [1, 1]


def test_a_named_activations_parameters_are_fixed_at_their_defaults():
    definition, _ = claims("leaky_relu\ng'(z) = {1 if z > 0; a if z < 0}\n")
    a = sp.Symbol("a", positive=True)
    assert dict(definition.fixed) == {a: sp.Rational(1, 100)}


@pytest.mark.parametrize(
    ("seed", "line", "written", "column", "words"),
    [
        # e followed by ( is no function
        (
            SEED,
            7,
            "g'z = d / dz ( 1 / (1 + e(-z)))",
            28,
            ("e is Euler's number, not a function", "e^(-z)"),
        ),
        # the bracket never closed: reading stops at the end of the line, the typo is named
        (
            SEED.replace("e(-z)", "e^(-z)"),
            13,
            "g'(z) = e^(-z) / (1 + e^(-z)(2)",
            35,
            ("'(' at column 21", "^2"),
        ),
    ],
)
def test_the_seeds_mistakes_are_parse_errors_with_line_and_column(
    seed, line, written, column, words
):
    with pytest.raises(ParseError) as caught:
        read(seed, "seed.txt")
    error = caught.value
    assert error.line == line
    assert seed.splitlines()[line - 1].strip() == written
    assert error.position + 1 == column
    assert f"at line {line}, column {column}" in str(error)
    assert all(word in str(error) for word in words)


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("sigmoid\ng'(z) = e^-z/(1+e^-z))^2\n", 2, 22),
        ("sigmoid\n\n  g'(z) = e^-z/(1 + e^-z)^2 @\n", 3, 29),
        ("sigmoid\ng'(z) = {1 if z > 0; 0 z < 0}\n", 2, 26),
        ("sigmoid\nThe derivative is g'(z) = 1\n", 2, 1),
        ("sigmoid\ng'(z) = foo(z)\n", 2, 9),
    ],
)
def test_parse_errors_name_the_line_and_column(text, line, column):
    with pytest.raises(ParseError) as caught:
        read(text)
    assert (caught.value.line, caught.value.position + 1) == (line, column)
    assert f"line {line}, column {column}" in str(caught.value)


def test_g_prime_before_any_definition_is_refused():
    with pytest.raises(ParseError, match="before g is defined"):
        read("g'(z) = e^-z/(1+e^-z)^2\n")


def test_text_without_claims_is_refused():
    with pytest.raises(ReadError, match="no line claiming"):
        read("just words\nsigmoid\n")


def test_oversized_input_is_refused_before_reading():
    with pytest.raises(InputRefused):
        read("sigmoid\n" + "g'(z) = 1\n" * 30_000)
    with pytest.raises(InputRefused):
        read("sigmoid\ng'(z) = " + "1+" * 1500 + "1\n")


def test_arguments_a_name_and_claims():
    document = read_arguments("sigmoid", ["g*(1-g)", r"\sigma(z)\left(1-\sigma(z)\right)"])
    (written,) = document.derivations
    assert [c.kind for c in written.claims] == [DERIVATIVE, CONTINUATION]
    assert written.claims[1].expression == sigma(z) * (1 - sigma(z))


def test_arguments_a_formula_for_g_and_errors_name_the_argument():
    (written,) = read_arguments("1/(1+e^-z)", ["g'(z) = g(z)(1-g(z))"]).derivations
    assert written.definition.function == 1 / (1 + sp.exp(-z))
    with pytest.raises(DerivationsError, match="argument 2, column 7"):
        read_arguments("sigmoid", ["g*(1-g"])
