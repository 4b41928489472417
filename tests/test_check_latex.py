"""LaTeX as notes write it: translated safely, rows read like plain lines, errors in place."""

import pytest
import sympy as sp

from derivations.check.grammar import Fragment, Source
from derivations.check.latex import display_rows, looks_like_latex, translate
from derivations.check.reading import CONTINUATION, DERIVATIVE, read
from derivations.errors import ParseError
from derivations.functions import ACTIVATION_FUNCTIONS

z = sp.Symbol("z", real=True)
sigma = ACTIVATION_FUNCTIONS["sigmoid"]
relu = ACTIVATION_FUNCTIONS["relu"]


def claims_of(latex):
    (written,) = read(latex).derivations
    return written.definition, written.claims


def one(latex_formula):
    """The claim of a one-row derivation g'(z) = <formula> for the sigmoid."""
    _, found = claims_of(f"$$ \\sigma'(z) = {latex_formula} $$")
    (claim,) = found
    return claim.expression


@pytest.mark.parametrize(
    ("latex", "expected"),
    [
        (r"\frac{e^{-z}}{(1+e^{-z})^2}", sp.exp(-z) / (1 + sp.exp(-z)) ** 2),
        (r"\dfrac{1}{2}\cdot z", z / 2),
        (r"\sigma(z)\left(1-\sigma(z)\right)", sigma(z) * (1 - sigma(z))),
        (r"1 - \tanh^2(z)", 1 - sp.tanh(z) ** 2),
        (r"1 - \tanh^{2}(z)", 1 - sp.tanh(z) ** 2),
        (r"\max(0,z) + \max\{0, z\}", 2 * sp.Max(0, z)),
        (r"\exp\left(-z\right) \times \mathrm{e}^{z}", sp.S.One),
        (r"\sqrt{z^2+1} + \sqrt[3]{z}", sp.sqrt(z**2 + 1) + z ** sp.Rational(1, 3)),
        (r"\left| z \right| + \lvert z \rvert", 2 * sp.Abs(z)),
        (r"\frac{d}{dz}\left(1+e^{-z}\right)", sp.Derivative(1 + sp.exp(-z), z)),
        (r"\frac{\mathrm{d}}{\mathrm{d}z} e^{-z}", sp.Derivative(sp.exp(-z), z)),
        (r"\operatorname{ReLU}(z)", relu(z)),
        (r"0.01\,z \; + \quad z", sp.Rational(101, 100) * z),
    ],
)
def test_latex_formulas_translate_to_the_same_mathematics(latex, expected):
    assert one(latex) == expected


def test_an_align_environment_is_read_row_by_row_with_notes_ignored():
    definition, found = claims_of(
        "Some prose with $x$ inline.\n"
        "\\begin{align*}\n"
        "  g(z)  &= \\frac{1}{1+e^{-z}} \\label{eq:g}\\\\\n"
        "  g'(z) &= \\frac{d}{dz}\\left(1+e^{-z}\\right)^{-1} "
        "&& \\text{chain rule, } z > 0\\\\[2pt]\n"
        "        &= \\frac{e^{-z}}{(1+e^{-z})^2} \\nonumber\n"
        "\\end{align*}\n"
    )
    assert definition.function == 1 / (1 + sp.exp(-z)) and definition.line == 3
    assert [(c.kind, c.line, c.column) for c in found] == [
        (DERIVATIVE, 4, 12),
        (CONTINUATION, 5, 12),
    ]
    assert found[0].condition is None  # the note column is prose, not a condition
    assert found[1].text == r"\frac{e^{-z}}{(1+e^{-z})^2}"


def test_cases_become_pieces_and_text_conditions_are_read():
    leaky, relu_block = read(
        "\\begin{equation}\n"
        "\\mathrm{LeakyReLU}'(z) = \\begin{cases} 1, & \\text{if } z \\geq 0, \\\\ "
        "0.01 & \\text{otherwise.} \\end{cases}\n"
        "\\end{equation}\n"
        "\\[ \\operatorname{ReLU}'(z) = 1 \\text{ for } z > 0 \\]\n"
    ).derivations
    assert leaky.definition.activation.name == "leaky_relu"
    (claim,) = leaky.claims
    assert claim.expression == sp.Piecewise((1, z >= 0), (sp.Rational(1, 100), True))
    assert relu_block.definition.activation.name == "relu"
    (claim,) = relu_block.claims
    assert claim.condition == (z > 0) and claim.expression == 1


def test_several_display_blocks_and_equation_rows():
    source = Source("$$ a = 1 $$ text \\[ b = 2 \\\\ c = 3 \\] % \\begin{align} ignored\n")
    rows = display_rows(source)
    assert ["".join(r.text.split()) for r in rows] == ["a=1", "b=2", "c=3"]


@pytest.mark.parametrize(
    ("latex", "line", "column", "message"),
    [
        (
            "\\begin{align}\ng(z) &= \\frac{1}{1+e^{-z}}\\\\\ng'(z) &= \\foo{z}\n\\end{align}",
            3,
            10,
            "unknown LaTeX command \\foo",
        ),
        (
            "\\begin{align}\ng(z) &= \\frac{1}{1+e^{-z}}\\\\\ng'(z) &= \\frac{e^{-z}}{(1+e^{-z}}\n"
            "\\end{align}",
            3,
            24,
            "never closed inside",
        ),
        ("\\begin{align}\ng(z) &= 1\n", 1, 1, "never closed"),
        ("$$ g(z) = z \\\\ g'(z) = \\begin{array}{c} 1 \\end{array} $$", 1, 24, "environment"),
    ],
)
def test_latex_errors_point_into_the_latex(latex, line, column, message):
    with pytest.raises(ParseError) as caught:
        read(latex)
    assert (caught.value.line, caught.value.position + 1) == (line, column)
    assert message in str(caught.value)


def test_detection_and_a_single_translated_claim():
    assert looks_like_latex("\\begin{align*} x \\end{align*}")
    assert looks_like_latex("$$x$$") and not looks_like_latex("g'(z) = e^-z $5")
    fragment = translate(Fragment.of(Source(r"\frac{1}{2}\sigma(z)")))
    assert "".join(fragment.text.split()) == "((1)/(2))σ(z)"
    assert len(fragment.origins) == len(fragment.text)
