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


REFUSALS = [
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
]


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


# --- a name followed by ( is a function call -----------------------------------------


# A name before a bracket is a call of a known function, or refused.
CALLS_REFUSED = [
    ("gamma(z)", "unknown function gamma; for a parameter times z write gamma*z"),
    ("a(z+1)", "unknown function a; for a parameter times (z+1) write a*(z+1)"),
    ("2z + b(z)", "unknown function b; for a parameter times z write b*z"),
    ("γ(z)", "unknown function γ"),
    ("beta(2z)", "unknown function beta"),
    ("zeta(z)", "unknown function zeta"),
    ("lambda(z)", "unknown function lambda"),
    ("x(z)", "unknown function x"),
    ("e(z)", "e is Euler's number, not a function"),
    ("e(-z)", "for e to the power (-z) write e^(-z)"),
    ("pi(z)", "pi is a number, not a function"),
    ("foo(z)", "unknown function 'foo'"),
    ("z^a(z)", "unknown function a"),
    ("sigmoid(a(z))", "unknown function a"),
]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2(z+1)", 2 * (z + 1)),  # a number times a bracket
        ("z(1+z)", z * (1 + z)),  # the variable is never a function
        ("σ(z)", sigmoid(z)),
        ("(a)(z+1)", sp.Symbol("a", positive=True) * (z + 1)),  # brackets multiply
        ("a*(z+1)", sp.Symbol("a", positive=True) * (z + 1)),
        ("gamma*z", sp.Symbol("gamma", positive=True) * z),
        ("ζz", sp.Symbol("zeta", positive=True) * z),
        ("e^(z)", sp.exp(z)),
    ],
)
def test_products_are_still_read_as_products(text, expected):
    assert parse(text) == expected


def test_the_variable_multiplies_in_x_too():
    x = sp.Symbol("x", real=True)
    assert parse("x(1+x)", "x") == x * (1 + x)


def test_a_formula_in_x_is_derived_in_x_even_with_a_bracket_after_x():
    from derivations import derive

    assert derive("x(1+x)").variable.name == "x"


def test_the_checkers_grammar_refuses_the_same_calls():
    from derivations.check import check_claims, check_text
    from derivations.errors import DerivationsError

    with pytest.raises(DerivationsError, match="unknown function gamma"):
        check_claims("sigmoid", ["gamma(z)"])
    with pytest.raises(ParseError, match="line 2, column 9: unknown function a"):
        check_text("g(z) = z\ng'(z) = a(1)\n")
    with pytest.raises(DerivationsError, match="log\\(0\\) is undefined"):
        check_claims("sigmoid", ["log(0)*g"])


# --- constants that are not finite real numbers -----------------------------------------


# A constant that is not a finite real is refused where it is typed.
NOT_FINITE_REALS = [
    ("log(0)*z", "log(0) is undefined"),
    ("log(0)", "log(0) is undefined"),
    ("z + ln(0)", "ln(0) is undefined"),
    ("log(z - z)", "log(z - z) is undefined"),
    ("sqrt(-1)*z", "sqrt(-1) is not a real number"),
    ("√(-1) + z", "√(-1) is not a real number"),
    ("log(-2)*z", "log(-2) is not a real number"),
    ("asin(2)*z", "asin(2) is not a real number"),
    ("acosh(0)*z", "acosh(0) is not a real number"),
    ("log(1 - e)*z", "log(1 - e) is not a real number"),
    ("0^-1*z", "0^-1 is undefined"),
    ("z*(-1)^0.5", "(-1)^0.5 is not a real number"),
    ("(-8)^(1/3)*z", "the real cube root is cbrt"),
    ("coth(0)*z", "coth(0) is undefined"),
    ("csch(0)*z", "csch(0) is undefined"),
    ("atanh(1)*z", "atanh(1) is undefined"),
    ("tanh^2(log(0))", "log(0) is undefined"),
    ("log(exp(exp(exp(exp(9)))) - 1)*z", "exp(exp(9)) is too large to work on"),
    ("sin(exp(exp(exp(9))))*z", "exp(exp(9)) is too large to work on"),
    ("exp(3000)*z", "exp(3000) is too large to work on"),
]


# REFUSALS, CALLS_REFUSED and NOT_FINITE_REALS: each says what is wrong, on one line.
@pytest.mark.parametrize("text, words", REFUSALS + CALLS_REFUSED + NOT_FINITE_REALS)
def test_a_refusal_says_what_is_wrong_on_one_line(text, words):
    with pytest.raises(ParseError) as error:
        parse(text)
    assert words in str(error.value)
    assert "\n" not in str(error.value)


@pytest.mark.parametrize("text", ["sqrt(2)*z", "log(2)", "cbrt(-8)", "exp(1)", "asin(1)", "e^-1"])
def test_finite_real_constants_are_read(text):
    value = parse(text).subs(z, 1)
    assert value.is_real and value.is_finite


def test_log_of_zero_times_z_is_one_line_and_exit_2(capsys):
    from derivations.cli import main

    assert main(["log(0)*z", "--plain"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "log(0) is undefined" in err


# --- nesting is counted in the expression tree -------------------------------------------


def _sigmoids(n: int) -> str:
    text = "z"
    for _ in range(n):
        text = f"1/(1+exp(-({text})))"
    return text


def test_redundant_brackets_and_signs_are_no_nesting():
    assert parse("(" * 16 + "z" + ")" * 16) == z
    assert parse("(" * 200 + "z" + ")" * 200) == z
    assert parse("-(-(" * 50 + "z" + "))" * 50) == z


def test_six_sigmoids_written_out_are_read():
    expected = z
    for _ in range(6):
        expected = 1 / (1 + sp.exp(-expected))
    assert parse(_sigmoids(6)) == expected


def test_the_depth_limit_is_the_trees_depth():
    from derivations.nesting import tree_depth

    assert MAX_DEPTH >= 100
    deepest = "tanh(" * MAX_DEPTH + "z" + ")" * MAX_DEPTH
    assert tree_depth(parse(deepest)) == MAX_DEPTH
    with pytest.raises(InputRefused, match=f"more than {MAX_DEPTH} levels"):
        parse("tanh(" + deepest + ")")


def test_the_reader_itself_is_bounded():
    from derivations.parse import MAX_SYNTAX_DEPTH

    with pytest.raises(InputRefused, match="nested more than"):
        parse("(" * (MAX_SYNTAX_DEPTH + 1) + "z" + ")" * (MAX_SYNTAX_DEPTH + 1))
    with pytest.raises(InputRefused, match="nested more than"):
        parse("-" * (MAX_SYNTAX_DEPTH + 1) + "z")


def test_a_long_flat_sum_is_not_deep():
    text = " + ".join(f"z^{k}" for k in range(1, 200))
    assert parse(text).is_Add


def test_the_absolute_value_of_an_exponential_is_the_exponential_not_its_polar_form():
    # |e^√(tanh(log(1 + z)))|: SymPy writes re(√…) through arg(1 + z), cos and sinh
    expr = parse("|exp(sqrt(tanh(log(1 + z))))|")
    assert expr == sp.exp(sp.sqrt(sp.tanh(sp.log(1 + z))))


@pytest.mark.parametrize("text", ["abs(2/exp(softplus(1/z)))", "|2/exp(softplus(1/z))|"])
def test_the_absolute_value_of_a_real_formula_has_no_real_part_in_it(text):
    # SymPy writes |e^v| as e^(re v) when it cannot tell that v (here with 1/z) is real
    expr = parse(text)
    assert not expr.has(sp.re, sp.im)
    assert expr.has(sp.Abs) or expr.has(sp.exp)
    at = {sp.Symbol("z", real=True): sp.Rational(1, 3)}
    assert abs(sp.N(expr.subs(at) - 2 / (1 + sp.exp(3)), 30)) < 1e-25
