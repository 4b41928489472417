"""Hostile and random input: a clear one-line error or a correct answer, never a traceback."""

import contextlib
import io
import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from derivations.cli import main
from derivations.errors import DerivationsError
from derivations.parse import parse

HOSTILE = [
    "z^(10^100)",
    "exp(" * 200 + "z" + ")" * 200,
    "z" * 100_000,
    "(" * 10_000 + "z" + ")" * 10_000,
    "е^z",  # Cyrillic e
    "z\u200b+1",  # zero-width space
    "ｚ+1",  # full-width z
    "z\x00",
    "\x1b[31mz",
    "",
    "   ",
    "9" * 10_000,
    "z^z^z^z^z^z^z^z^z^z^z^z",
    "1/(1-1)",
    "log(0)",
    "max(" + ",".join(["z"] * 50) + ")",
    "tanh(" * 40 + "z" + ")" * 40,
    "exp(exp(exp(exp(exp(z)))))",  # values beyond any float at z = 10
    "z^z^z^z",
]


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_input_gets_one_line_or_an_answer(text, capsys):
    code = main([text, "--plain", "--timeout", "2"])  # the bound: 2 seconds
    out, err = capsys.readouterr()
    assert code in (0, 2), err
    if code == 2:
        assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
        assert len(err) < 300, "the error quotes too much of the input"
    else:
        assert "proved" in out


formula_characters = st.text(
    alphabet=string.ascii_letters + string.digits + "+-*/^().,| σ²⁻ᶻe√" + "\t",
    max_size=40,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(formula_characters)
def test_the_parser_never_fails_with_anything_but_a_clear_error(text):
    try:
        parse(text)
    except DerivationsError as error:
        assert "\n" not in str(error)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=30))
def test_any_unicode_text_is_handled(text):
    with contextlib.suppress(DerivationsError):
        parse(text)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(formula_characters)
def test_the_cli_never_prints_a_traceback(text):
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main([text, "--plain", "--timeout", "10"])
    assert code in (0, 2), err.getvalue()
    assert "Traceback" not in err.getvalue()


def _typed_formulas():
    """Valid formulas as people type them: catalog functions, exp, powers, max and |z|."""
    leaves = st.sampled_from(["z", "2z", "z/3", "(z - 1)", "0.5*z", "e^(-z)"])

    def grow(inner):
        unary = st.tuples(
            st.sampled_from(["sigmoid", "tanh", "exp", "relu", "softplus", "abs"]), inner
        ).map(lambda p: f"{p[0]}({p[1]})")
        binary = st.tuples(inner, st.sampled_from(["+", "-", "*"]), inner).map(
            lambda p: f"{p[0]} {p[1]} {p[2]}"
        )
        power = inner.map(lambda a: f"({a})^2")
        # Kinks where they can be located exactly (max(z, σ(z)) switches at a root
        # with no closed form: refused in one line, a documented limit).
        kinked = st.tuples(
            st.sampled_from(["max(0, {})", "max({0}, 0.1*({0}))", "min({}, 6)"]), inner
        )
        kinked = kinked.map(lambda p: p[0].format(p[1]))
        return st.one_of(unary, binary, power, kinked)

    return st.recursive(leaves, grow, max_leaves=3)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_typed_formulas())
def test_valid_typed_formulas_derive_and_are_proved(text):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
        code = main([text, "--plain", "--timeout", "60"])
    if code == 2 and "at a kink on a whole interval" in err.getvalue():
        return  # relu(max(0, z)): a documented limit, refused in one line
    assert code == 0, f"{text}: {err.getvalue()}"
    written = out.getvalue()
    assert "NOT PROVED" not in written and "the result equals SymPy's diff" in written, text


def test_an_outer_kink_on_a_whole_interval_is_refused_not_proved_wrong(capsys):
    assert main(["relu(max(0, z))", "--plain"]) == 2
    err = capsys.readouterr().err
    assert "kink on a whole interval" in err and err.count("\n") == 1
