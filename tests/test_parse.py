"""The safe parser: what people type is read; nothing typed is ever executed."""

import os

import pytest
import sympy as sp

from derivations.errors import InputRefused, ParseError
from derivations.functions import ACTIVATION_FUNCTIONS
from derivations.parse import MAX_DEPTH, MAX_LENGTH, parse

z = sp.Symbol("z", real=True)
sigmoid = ACTIVATION_FUNCTIONS["sigmoid"]
relu = ACTIVATION_FUNCTIONS["relu"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("1/(1+e^-z)", 1 / (1 + sp.exp(-z))),
        ("1/(1+e^(-z))", 1 / (1 + sp.exp(-z))),
        ("1 / (1 + exp(-z))", 1 / (1 + sp.exp(-z))),
        ("z**2", z**2),
        ("z^2", z**2),
        ("z²", z**2),
        ("e⁻ᶻ", sp.exp(-z)),
        ("2z", 2 * z),
        ("z(1+z)", z * (1 + z)),
        ("2 z", 2 * z),
        ("3·z×2", 6 * z),
        ("0.01z", sp.Rational(1, 100) * z),
        ("max(0.01*z, z)", sp.Max(sp.Rational(1, 100) * z, z)),
        ("1e-2*z", sp.Rational(1, 100) * z),
        ("tanh(z)^2", sp.tanh(z) ** 2),
        ("tanh^2(z)", sp.tanh(z) ** 2),
        ("|z|", sp.Abs(z)),
        ("2|z|", 2 * sp.Abs(z)),
        ("||z| - 1|", sp.Abs(sp.Abs(z) - 1)),
        ("abs(z)", sp.Abs(z)),
        ("σ(z)", sigmoid(z)),
        ("sigmoid(z)", sigmoid(z)),
        ("logistic(2z)", sigmoid(2 * z)),
        ("z*sigmoid(z)", z * sigmoid(z)),
        ("relu(z) - relu(-z)", relu(z) - relu(-z)),
        ("log(1+exp(z))", sp.log(1 + sp.exp(z))),
        ("ln(1+e^z)", sp.log(1 + sp.exp(z))),
        ("sqrt(1+z^2)", sp.sqrt(1 + z**2)),
        ("√(1+z^2)", sp.sqrt(1 + z**2)),
        ("-z^2", -(z**2)),
        ("2^-z", 2 ** (-z)),
        ("z − 1", z - 1),
        ("[z + 1]*2", 2 * (z + 1)),
        ("heaviside(z)", sp.Heaviside(z, 0)),
        ("min(max(z, -1), 1)", sp.Min(sp.Max(z, -1), 1)),
    ],
)
def test_reads_what_people_type(text, expected):
    assert parse(text) == expected


def test_decimals_stay_exact():
    assert parse("0.01") == sp.Rational(1, 100)
    assert parse("0.1 + 0.2") == sp.Rational(3, 10)


def test_other_letters_are_parameters():
    expr = parse("max(a*z, z)")
    (a,) = expr.free_symbols - {z}
    assert a.name == "a" and a.is_positive
    assert parse("λz").free_symbols - {z} == {sp.Symbol("lambd", positive=True)}


def test_another_variable():
    x = sp.Symbol("x", real=True)
    assert parse("1/(1+e^-x)", "x") == 1 / (1 + sp.exp(-x))


@pytest.mark.parametrize(
    "text, column",
    [
        ("z +", 4),
        ("exp(z", 6),
        ("1 / (1 + e(-z)(2)", 10),  # the seed's e(-z): e is not a function
        ("1 / (1 + e^(-z)(2)", 19),  # its unbalanced bracket
        ("z )", 3),
        ("", 1),
        ("2 ** ", 6),
    ],
)
def test_errors_say_where(text, column):
    with pytest.raises(ParseError) as error:
        parse(text)
    assert error.value.position + 1 == column
    assert f"column {column}" in str(error.value)
    assert "\n" not in str(error.value)


@pytest.mark.parametrize(
    "text, words",
    [
        ("foo(z)", "unknown function 'foo'"),
        ("foo", "unknown name 'foo'"),
        ("sigmod(z)", "did you mean sigmoid"),
        ("z.real", "attribute access"),
        ("е^z", "cyrillic"),  # a Cyrillic look-alike of e
        ("z\x07", "control character"),
        ("max(z)", "takes 2 to 8"),
        ("1/0", "division by zero"),
        ("g(z)", "stands for the activation itself"),
        ("z2", "unknown name 'z2'"),
        ("tanh z", "needs its argument in brackets"),
    ],
)
def test_refusals_are_clear(text, words):
    with pytest.raises(ParseError) as error:
        parse(text)
    assert words in str(error.value)


HOSTILE = [
    "__import__('os').system('touch PWNED')",
    "().__class__.__bases__[0].__subclasses__()",
    "z.__class__",
    "lambda z: z",
    "[x for x in (1, 2)]",
    "{'a': 1}",
    "exec('import os')",
    "eval('1')",
    "open('/etc/passwd').read()",
    "import os",
    "z; import os",
    "f'{z}'",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_code_is_refused_and_never_run(text, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ParseError):
        parse(text)
    assert not os.listdir(tmp_path)


@pytest.mark.parametrize(
    "text",
    [
        "z" * (MAX_LENGTH + 1),
        "(" * 10_000 + "z" + ")" * 10_000,
        "exp(" * 200 + "z" + ")" * 200,
        "z^(10^100)",
        "2^10^10",
        "10^(10^100)",
        "1" * 40,
        "z^99999",
    ],
)
def test_oversized_input_is_refused_before_any_work(text):
    with pytest.raises(InputRefused):
        parse(text)


def test_depth_limit_is_generous_enough_for_real_formulas():
    nested = "tanh(" * (MAX_DEPTH // 4) + "z" + ")" * (MAX_DEPTH // 4)
    assert parse(nested).has(sp.tanh)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("e^-2z", sp.exp(-2 * z)),
        ("e^2z + 1", sp.exp(2 * z) + 1),
        ("e^-2 z", sp.exp(-2) * z),  # a space: the exponent ends at the number
        ("e^-z", sp.exp(-z)),
        ("2e^-z", 2 * sp.exp(-z)),
    ],
)
def test_a_number_glued_to_z_after_e_caret_is_the_whole_exponent(text, expected):
    assert sp.simplify(parse(text) - expected) == 0
