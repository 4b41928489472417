"""How formulas are laid out, the same for the Unicode and the LaTeX writer."""

from __future__ import annotations

import sympy as sp

from derivations.render import layout
from derivations.render.notation import write
from derivations.render.tex.latex_math import latex

z, a = sp.symbols("z a", real=True)
HALF = sp.Rational(1, 2)


def product(*args):
    return sp.Mul(*args, evaluate=False)


def over(x):
    return sp.Pow(x, -1, evaluate=False)


def test_a_sum_is_led_by_a_positive_term():
    assert layout.sum_order(sp.Add(-1, 2 * z, evaluate=False).args) == [1, 0]
    assert layout.sum_order((-a, z, -z)) == [1, 0, 2]
    assert layout.sum_order((z, -1)) == [0, 1]


def test_only_a_later_signed_term_is_subtracted():
    assert layout.subtracted(1, layout.MUL, True)
    assert not layout.subtracted(0, layout.MUL, True)  # the first term keeps its sign
    assert not layout.subtracted(1, layout.ADD, True)  # a sum in brackets does too
    assert not layout.subtracted(1, layout.MUL, False)


def test_a_product_is_laid_out_as_a_quotient_or_a_fraction_times_the_rest():
    quotient = layout.product_layout(product(a, over(z + 1)), (), {})
    assert quotient == layout.Quotient([(a, (0,))], [(over(z + 1), (1,))])
    times = layout.product_layout(product(HALF, a), (), {})
    assert times == layout.FractionTimes(HALF, [(a, (1,))])
    joined = layout.product_layout(product(HALF, over(sp.sqrt(z))), (), {})
    assert joined == layout.FractionOver(HALF, [], [(over(sp.sqrt(z)), (1,))])
    decimal = layout.product_layout(product(sp.Rational(1, 100), z), (), {})
    assert isinstance(decimal, layout.Product)  # 0.01z: a decimal is no fraction


def test_both_writers_follow_the_same_layout():
    for expr, text, tex in [
        (product(HALF, over(sp.sqrt(z))), "1/(2√z)", r"\frac{1}{2\sqrt{z}}"),
        (product(HALF, a), "a/2", r"\frac{a}{2}"),
        (product(a, over(z + 1)), "a/(1 + z)", r"\frac{a}{1 + z}"),
        (product(-1, a, z), "−az", "-az"),
    ]:
        assert (write(expr), latex(expr)) == (text, tex)


def test_a_monomial_is_sorted_and_a_plain_product_opened_up():
    factors = [(z, (0,)), (a, (1,)), (sp.Integer(2), (2,))]
    assert [f for f, _ in layout.product_order(factors)] == [2, a, z]
    nested = product(sp.exp(z), product(a, sp.sin(z)))
    assert [f for f, _ in layout.factors(nested, (), {})] == [sp.exp(z), a, sp.sin(z)]
    assert layout.factors(nested, (), {(1,): "t"})[1] == (product(a, sp.sin(z)), (1,))


def test_signs_dots_and_brackets_of_factors():
    minus_one = (sp.Integer(-1), (0,))
    assert layout.leading_minus([minus_one, (z, (1,))])
    assert not layout.leading_minus([minus_one, (sp.Integer(2), (1,))])
    assert layout.juxtapose(sp.Integer(2), z)
    assert not layout.juxtapose(sp.Integer(1), z)  # 1 · z stays visible
    assert not layout.juxtapose(sp.Integer(2), over(z))
    assert layout.factor_brackets(1, layout.MUL, True)  # a · (−b)
    assert not layout.factor_brackets(0, layout.NEG, True)  # −a · b


def test_two_inequalities_on_one_variable_are_one_chain():
    assert layout.chained_inequality(sp.And(z > a, z <= 1)) == (a, "<", z, "<=", 1)
    assert layout.chained_inequality(sp.And(z > a, a < 1)) is None


def test_each_part_is_of_its_own_kind_before_it_is_a_function():
    from derivations.elementary import RealCbrt

    assert layout.kind(sp.exp(z)) == "exp" and layout.kind(sp.Abs(z)) == "abs"
    assert layout.kind(RealCbrt(z)) == "cube_root"
    assert layout.kind(sp.tanh(z)) == layout.kind(sp.Max(0, z)) == "function"
    assert layout.kind(sp.Rational(1, 2)) == "number" and layout.kind(sp.pi) == "number_symbol"
    assert layout.kind(sp.Matrix([1])) is None


def test_a_part_the_unicode_writer_has_no_notation_for_is_written_as_sympy_writes_it():
    p = sp.Symbol("p")
    assert write(sp.Not(p)) == "~p"
    assert latex(sp.Not(p)) == r"\text{not } p"
