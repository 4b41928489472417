"""Properties: the engine's own derivations check as right; one perturbed line is caught there."""

import sympy as sp
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from derivations import derive
from derivations.check import check_text
from derivations.check.grammar import Fragment, Source, parse_claim
from derivations.check.verdicts import RIGHT, WRONG
from derivations.derivation import g
from derivations.forms import evaluated
from derivations.functions import ACTIVATION_FUNCTIONS, expand_activations
from tests.typed_text import write

z = sp.Symbol("z", real=True)
sigmoid = ACTIVATION_FUNCTIONS["sigmoid"]
POINTS = [sp.Rational(k, 7) + sp.Rational(1, 97) for k in (-13, -6, -1, 2, 5, 11)]

leaves = st.sampled_from([z, z, 2 * z, -z, sp.Integer(1), sp.Integer(3)])


def _grow(children):
    return st.one_of(
        st.tuples(children, children).map(lambda pair: pair[0] + pair[1]),
        st.tuples(children, children).map(lambda pair: pair[0] * pair[1]),
        children.map(sp.exp),
        children.map(sp.tanh),
        children.map(sigmoid),
        children.map(lambda u: u**2),
        children.map(lambda u: 1 / (1 + sp.exp(u))),
    )


expressions = st.recursive(leaves, _grow, max_leaves=4).filter(lambda e: e.has(z))
SETTINGS = settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


def written_lines(derivation) -> list[sp.Expr]:
    """g'(z) as each line of the derivation has it, evaluated (as a student would tidy it)."""
    return [evaluated(derivation.start), *(evaluated(s.expression) for s in derivation.steps)]


def as_text(function: sp.Expr, lines: list[sp.Expr]) -> str:
    text = [f"g(z) = {write(function)}", f"g'(z) = {write(lines[0])}"]
    text += [f"      = {write(line)}" for line in lines[1:]]
    return "\n".join(text) + "\n"


def numbers(expr: sp.Expr, function: sp.Expr) -> list:
    plain = expand_activations(expr.subs(g(z), function)).doit()
    return [sp.N(plain.subs(z, p), 30) for p in POINTS]


def differ(a: sp.Expr, b: sp.Expr, function: sp.Expr) -> bool:
    return any(
        abs(x - y) > 1e-12 for x, y in zip(numbers(a, function), numbers(b, function), strict=True)
    )


def usable(expr: sp.Expr):
    derivation = derive(expr)
    assume(derivation.complete and derivation.verified)
    assume(differ(derivation.result, sp.S.Zero, expr))
    return derivation


@SETTINGS
@given(expressions)
def test_the_engines_own_derivation_checks_as_right(expr):
    derivation = usable(expr)
    report = check_text(as_text(derivation.function, written_lines(derivation)))
    assert [line.verdict for line in report.lines] == [RIGHT] * (len(derivation.steps) + 1)


def _perturb(line: sp.Expr, kind: str, choice: int) -> sp.Expr:
    if kind == "factor":
        return (2 + choice % 2) * line
    if kind == "sign":
        return -line
    sums = [node for node in sp.preorder_traversal(line) if isinstance(node, sp.Add)]
    assume(sums)
    node = sums[choice % len(sums)]
    term = node.args[(choice // len(sums)) % len(node.args)]
    return line.xreplace({node: node - term})


@SETTINGS
@given(expressions, st.data())
def test_one_perturbed_line_is_caught_at_that_line(expr, data):
    derivation = usable(expr)
    lines = written_lines(derivation)
    index = data.draw(st.integers(0, len(lines) - 1), label="line")
    kind = data.draw(st.sampled_from(["factor", "sign", "dropped term"]), label="kind")
    choice = data.draw(st.integers(0, 50), label="choice")
    perturbed = _perturb(lines[index], kind, choice)
    assume(differ(perturbed, lines[index], derivation.function))
    lines[index] = perturbed
    report = check_text(as_text(derivation.function, lines))
    expected = [RIGHT] * len(lines)
    expected[index] = WRONG  # the lines after it are right again: the slip is not carried
    assert [line.verdict for line in report.lines] == expected
    assert report.first_wrong.claim.line == index + 2  # line 1 defines g


@settings(max_examples=40, deadline=None)
@given(expressions)
def test_typed_text_reads_back_as_the_same_expression(expr):
    text = write(expr)
    read_back, condition = parse_claim(Fragment.of(Source(text)), z)
    assert condition is None
    assert read_back == expr or not differ(read_back, expr, sp.S.Zero)


def test_the_walkthroughs_unicode_lines_read_back_and_check_as_right():
    from derivations.render.notation import write as unicode

    for name in ("sigmoid", "tanh", "relu", "leaky_relu"):
        for from_definition in (False, True):
            derivation = derive(name, from_definition=from_definition)
            lines = [
                f"g(z) = {unicode(derivation.function)}",
                f"g′(z) = {unicode(derivation.start)}",
            ]
            lines += [f"      = {unicode(step.expression)}" for step in derivation.steps]
            report = check_text("\n".join(lines))
            assert {line.verdict for line in report.lines} == {RIGHT}, (name, from_definition)
            assert len(report.lines) == len(derivation.steps) + 1


_ATOMS = [
    "e",
    "^",
    "-",
    "+",
    "*",
    "/",
    "(",
    ")",
    "z",
    "2",
    "0.5",
    "g",
    "g(z)",
    "σ(z)",
    "tanh",
    "tanh^2(z)",
    "|",
    "max(0,z)",
    "{",
    "}",
    ";",
    " if ",
    "z > 0",
    "otherwise",
    ",",
    "d/dz",
    " ",
    "e^-2z",
    "=",
    "<",
    "'",
    "a",
    "[",
    "√",
    "²",
    "⁻",
    "·",
    "−",
    "heaviside(z)",
    "\\",
    "&",
    "\\frac{",
    "}{",
    "\\left(",
    "\\right)",
    "\\begin{cases}",
    "\\end{cases}",
    "\\\\",
]
_PREFIXES = [
    "sigmoid\ng'(z) = ",
    "relu\ng'(z) = ",
    "g(z) = ",
    "leaky_relu\nz > 0: g'(z) = ",
    "tanh\ng'(0) = ",
    "sigmoid\ng'(z) = 1\n = ",
    "g'(z) = d/dz(",
    "$$ \\sigma'(z) = ",
    "\\begin{align} g(z) &= \\max(0,z) \\\\ g'(z) &= ",
]
_SUFFIXES = ["", "\n", " $$", "\\end{align}", ")\n = 1", "\n = g(1-g)\n"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(_PREFIXES),
    st.lists(st.sampled_from(_ATOMS), max_size=12).map("".join),
    st.sampled_from(_SUFFIXES),
)
def test_any_text_gives_a_report_or_a_readable_error(prefix, middle, suffix):
    from derivations.errors import DerivationsError

    try:
        report = check_text(prefix + middle + suffix)
    except DerivationsError as error:
        assert str(error)
    else:
        assert report.verdict in ("right", "wrong", "unproved")
