"""The LaTeX writer: lecture notation for every kind of node, written as built."""

from __future__ import annotations

import pytest
import sympy as sp

from derivations.derivation import g
from derivations.forms import add, fraction, mul, negate, pending, power
from derivations.functions import ACTIVATION_FUNCTIONS
from derivations.render.tex.latex_boxes import break_lines
from derivations.render.tex.latex_math import LatexWriter, latex
from derivations.render.tex.latex_names import function_name, symbol_name
from derivations.render.tex.latex_text import latex_text

from .derived import CATALOG_NAMES, VECTOR_NAMES, derived

z = sp.Symbol("z", real=True)
a = sp.Symbol("a", positive=True)


@pytest.mark.parametrize(
    ("expr", "tex"),
    [
        (sp.Rational(1, 100), "0.01"),
        (sp.Rational(1, 4), r"\frac{1}{4}"),
        (sp.Integer(-3), "-3"),
        (sp.pi, r"\pi"),
        (sp.E, "e"),
        (sp.oo, r"\infty"),
        (fraction(sp.S.One, add(sp.S.One, sp.exp(-z))), r"\frac{1}{1 + e^{-z}}"),
        (power(add(sp.S.One, sp.exp(-z)), sp.Integer(-2)), "(1 + e^{-z})^{-2}"),
        (negate(power(z, sp.Integer(-2))), "-z^{-2}"),
        (pending(add(sp.S.One, sp.exp(-z)), z), r"\frac{d}{dz}(1 + e^{-z})"),
        (pending(sp.exp(-z), z), r"\frac{d}{dz} e^{-z}"),
        (power(sp.tanh(z), sp.Integer(2)), r"\tanh^{2}(z)"),
        (sp.Max(0, z), r"\max(0, z)"),
        (sp.Min(1, z), r"\min(1, z)"),
        (sp.Abs(z), "|z|"),
        (sp.Heaviside(z, 0), "H(z)"),
        (sp.sign(z), r"\operatorname{sgn}(z)"),
        (sp.erf(z), r"\operatorname{erf}(z)"),
        (sp.sqrt(z), r"\sqrt{z}"),
        (sp.log(add(sp.S.One, sp.exp(z))), r"\log(1 + e^{z})"),
        (sp.atan(z), r"\arctan(z)"),
        (mul(sp.Rational(1, 100), z), "0.01z"),
        (mul(a, z), "az"),
        (mul(sp.Rational(1, 2), z), r"\frac{z}{2}"),
        (mul(sp.Rational(-3, 4), a), r"-\frac{3a}{4}"),
        (add(sp.Integer(-1), mul(sp.Integer(2), z)), "2z - 1"),
        (mul(g(z), add(sp.S.One, negate(g(z)))), "g(z)(1 - g(z))"),
        (sp.Symbol("alpha"), r"\alpha"),
        (sp.Symbol("lambda"), r"\lambda"),
        (sp.Symbol("a1"), "a_{1}"),
        (sp.And(z > -3, z < 3), "-3 < z < 3"),
        (z <= 0, r"z \le 0"),
    ],
)
def test_nodes_are_written_as_a_lecturer_writes_them(expr, tex):
    assert latex(expr) == tex


def test_piecewise_is_a_cases_display():
    pieces = sp.Piecewise((0, z < 0), (z, z < 3), (3, True), evaluate=False)
    assert latex(pieces) == (
        r"\begin{cases} 0 & \text{if } z < 0 \\ z & \text{if } z < 3 "
        r"\\ 3 & \text{otherwise} \end{cases}"
    )


def test_exp_is_written_either_way():
    assert latex(sp.exp(-z)) == "e^{-z}"
    assert latex(sp.exp(-z), exp_function=True) == r"\exp(-z)"
    assert latex(sp.exp(-(z**2) / 2)) == "e^{-z^{2}/2}"  # fractions in exponents are slashed


def test_g_is_written_as_g_or_as_the_activations_own_symbol():
    form = mul(g(z), add(sp.S.One, negate(g(z))))
    assert latex(form, g_symbol="σ") == r"\sigma(z)(1 - \sigma(z))"
    assert latex(power(g(z), sp.Integer(2)), g_symbol="tanh") == r"\tanh^{2}(z)"
    assert latex(g(z), g_symbol="ReLU") == r"\operatorname{ReLU}(z)"


def test_catalog_functions_are_written_by_their_symbols():
    sigmoid = ACTIVATION_FUNCTIONS["sigmoid"]
    assert latex(mul(z, sigmoid(z))) == r"z \cdot \sigma(z)"
    assert function_name("LeakyReLU") == (r"\operatorname{LeakyReLU}", pytest.approx(5.0, abs=1))


def test_symbols_and_names_are_safe_latex():
    assert symbol_name("min_val")[0] == r"\mathit{min\_val}"
    assert function_name("Hard-Swish")[0] == r"\operatorname{Hard\text{-}Swish}"


def test_prose_becomes_ascii_latex():
    assert latex_text("g′(z) = g(z)(1 − g(z)) & 50%") == "g$'$(z) = g(z)(1 $-$ g(z)) \\& 50\\%"
    assert latex_text("aᵐ·aⁿ = aᵐ⁺ⁿ") == "a$^{m}\\cdot$a$^{n}$ = a$^{m+n}$"
    assert latex_text("σ rule, Clevert–Unterthiner") == "$\\sigma$ rule, Clevert--Unterthiner"
    assert latex_text("naïve").isascii()


def test_marked_parts_are_coloured():
    expr = add(pending(sp.S.One, z), pending(sp.exp(-z), z))
    box = LatexWriter().box(expr, {(1,): "red"})
    assert box.text == r"\frac{d}{dz} 1 + \textcolor{red}{\frac{d}{dz} e^{-z}}"


def test_a_long_sum_breaks_before_its_operators():
    long_sum = add(*(mul(sp.Integer(k), power(z, sp.Integer(k))) for k in range(2, 30)))
    box = LatexWriter().box(long_sum)
    lines = break_lines(box, 20.0, 20.0)
    assert len(lines) > 1
    assert all(width <= 20.0 for _, width in lines)
    assert all(text.startswith("{} + ") for text, _ in lines[1:])


def test_a_long_fraction_breaks_its_numerator_in_brackets():
    numerator = add(*(power(z, sp.Integer(k)) for k in range(1, 30)))
    box = LatexWriter().box(fraction(numerator, add(sp.S.One, z)))
    lines = break_lines(box, 25.0, 25.0)
    assert lines[0][0].startswith(r"\frac{1}{1 + z}\biggl[")
    assert lines[-1][0].endswith(r"\biggr]")


@pytest.mark.parametrize("name", CATALOG_NAMES + VECTOR_NAMES)
def test_no_sympy_oddities_in_any_catalog_derivation(name):
    derivation = derived(name)
    writer = LatexWriter()
    exprs = [derivation.function, derivation.start, *(s.expression for s in derivation.steps)]
    for expr in exprs:
        tex = writer.write(expr)
        for oddity in (r"\theta", "Derivative", "Heaviside", r"\operatorname{Max}", "Piecewise"):
            assert oddity not in tex, f"{oddity} in {tex}"
        assert "\\mathrm{" not in tex or "NaN" in tex
        assert tex.isascii()
