"""The functions people type: each read, differentiated by its own rule, proved, printed,
cached, evaluated, generated as code and read by the checker.

Each function's truth here is an independent definition (sech u = 1/cosh u,
∛u = sgn(u)·|u|^(1/3), ...) differentiated by SymPy, not our rule table.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

import mpmath
import pytest
import sympy as sp

from derivations import derive
from derivations.check import check_claims
from derivations.check.verdicts import RIGHT, WRONG
from derivations.functions import expand_activations
from derivations.known_derivatives import DEFINITIONS, ELEMENTARY
from derivations.parse import parse
from derivations.render import json as json_render
from derivations.render import markdown, text
from derivations.render.notation import write
from derivations.render.tex.latex import standalone_many
from derivations.render.tex.latex_math import latex
from derivations.verify import evaluator, prepare

from .conftest import POINTS, assert_numerically_equal, assert_steps_chain, plain

z = sp.Symbol("z", real=True)
CHAINS = ("z", "2z + 1", "sigmoid(z)")
SMALL = ("z", "(2z + 1)/25", "sigmoid(z)")  # inside [-1, 1] where the function needs it


@dataclass(frozen=True)
class Typed:
    name: str  # as typed
    definition: object  # u -> the function written independently
    rule: str  # the rule the derivation names
    terminal: str  # how the walkthrough writes f(z)
    tex: str  # how LaTeX writes the name
    chains: tuple[str, ...] = CHAINS
    aliases: tuple[str, ...] = field(default=())


def _atan(u):
    return sp.asin(u / sp.sqrt(1 + u**2))


TYPED = [
    Typed("sech", lambda u: 1 / sp.cosh(u), "sech rule", "sech(z)", r"\operatorname{sech}"),
    Typed("csch", lambda u: 1 / sp.sinh(u), "csch rule", "csch(z)", r"\operatorname{csch}"),
    Typed("coth", lambda u: sp.cosh(u) / sp.sinh(u), "coth rule", "coth(z)", r"\coth"),
    Typed("sinh", lambda u: (sp.exp(u) - sp.exp(-u)) / 2, "sinh rule", "sinh(z)", r"\sinh"),
    Typed("cosh", lambda u: (sp.exp(u) + sp.exp(-u)) / 2, "cosh rule", "cosh(z)", r"\cosh"),
    Typed("tanh", lambda u: 1 - 2 / (sp.exp(2 * u) + 1), "tanh rule", "tanh(z)", r"\tanh"),
    Typed(
        "tan",
        lambda u: sp.sin(u) / sp.cos(u),
        "tangent rule",
        "tan(z)",
        r"\tan",
        # Inner functions that keep clear of the poles: tan(z) itself has infinitely many
        # (where cos z = 0), which no finite list of singularities states; it is refused.
        ("tanh(z)/2", "(2 sigmoid(z) + 1)/25", "sigmoid(z)"),
    ),
    Typed(
        "asinh",
        lambda u: sp.log(u + sp.sqrt(u**2 + 1)),
        "inverse sinh rule",
        "arsinh(z)",
        r"\operatorname{arsinh}",
        aliases=("arcsinh", "arsinh"),
    ),
    Typed(
        "acosh",
        lambda u: sp.log(u + sp.sqrt(u**2 - 1)),
        "inverse cosh rule",
        "arcosh(z)",
        r"\operatorname{arcosh}",
        ("z", "2z + 1", "1 + sigmoid(z)"),
        aliases=("arccosh", "arcosh"),
    ),
    Typed(
        "atanh",
        lambda u: sp.log((1 + u) / (1 - u)) / 2,
        "inverse tanh rule",
        "artanh(z)",
        r"\operatorname{artanh}",
        SMALL,
        aliases=("arctanh", "artanh"),
    ),
    Typed(
        "asin",
        lambda u: _atan(u / sp.sqrt(1 - u**2)),
        "arcsine rule",
        "arcsin(z)",
        r"\arcsin",
        SMALL,
        aliases=("arcsin",),
    ),
    Typed(
        "acos",
        lambda u: sp.pi / 2 - _atan(u / sp.sqrt(1 - u**2)),
        "arccosine rule",
        "arccos(z)",
        r"\arccos",
        SMALL,
        aliases=("arccos",),
    ),
    Typed("atan", _atan, "arctangent rule", "arctan(z)", r"\arctan", aliases=("arctan",)),
    Typed(
        "erf",
        lambda u: 1 - sp.erfc(u),
        "error-function rule",
        "erf(z)",
        r"\operatorname{erf}",
    ),
    Typed(
        "erfc",
        lambda u: 1 - sp.erf(u),
        "complementary error-function rule",
        "erfc(z)",
        r"\operatorname{erfc}",
    ),
    Typed("log1p", lambda u: sp.log(1 + u), "logarithm rule", "log(1 + z)", r"\log"),
    Typed("expm1", lambda u: sp.exp(u) - 1, "exponential rule", "eᶻ − 1", "e^{z} - 1"),
    Typed(
        "cbrt",
        lambda u: sp.sign(u) * sp.Abs(u) ** sp.Rational(1, 3),
        "cube-root rule",
        "∛z",
        r"\sqrt[3]{z}",
    ),
    Typed("sqrt", lambda u: u ** sp.Rational(1, 2), "power rule", "√z", r"\sqrt{z}"),
    Typed("softplus", lambda u: sp.log(1 + sp.exp(u)), "softplus rule", "softplus", "softplus"),
    Typed("sigmoid", lambda u: 1 / (1 + sp.exp(-u)), "σ rule", "σ(z)", r"\sigma"),
    Typed("relu", lambda u: sp.Max(0, u), "ReLU rule", "ReLU(z)", "ReLU"),
]
BY_NAME = {t.name: t for t in TYPED}
CASES = [(t.name, chain) for t in TYPED for chain in t.chains]


def typed(name: str, chain: str) -> str:
    return f"{name}({chain})"


@cache
def derived(formula: str, from_definition: bool = False):
    return derive(formula, from_definition=from_definition)


def independent_truth(case: Typed, chain: str) -> sp.Expr:
    inner = expand_activations(parse(chain))
    return sp.diff(case.definition(inner), z)


@pytest.mark.parametrize("name, chain", CASES)
def test_each_function_is_derived_by_its_rule_and_proved(name, chain):
    case = BY_NAME[name]
    d = derived(typed(name, chain))
    assert d.complete and d.verified
    assert all(p.ok for p in d.proofs)
    assert any(case.rule in f"{s.rule} {s.explanation}" for s in d.steps), [
        (s.rule, s.explanation) for s in d.steps
    ]
    assert_steps_chain(d)
    inside = domain_points(case, chain)  # where g is real: cbrt below 0 too, acosh above 1
    assert_numerically_equal(plain(d.result), independent_truth(case, chain), z, inside)


def domain_points(case: Typed, chain: str) -> list[sp.Rational]:
    """The test points where g, written independently, is a real number."""
    g = evaluator(case.definition(expand_activations(parse(chain))), z, {})
    with mpmath.workdps(40):
        return [x for x in POINTS if g(mpmath.mpf(x.p) / x.q) is not None]


@pytest.mark.parametrize("name", [n for t in TYPED for n in t.aliases])
def test_every_spelling_is_the_same_function(name):
    canonical = next(t.name for t in TYPED if name in t.aliases)
    assert parse(f"{name}(2z + 1)") == parse(f"{canonical}(2z + 1)")


def test_cbrt_is_the_real_cube_root():
    assert parse("cbrt(-8)") == -2
    assert parse("cbrt(z)").subs(z, -27) == -3
    at = evaluator(parse("cbrt(z)"), z, {})
    assert at(mpmath.mpf(-8)) == pytest.approx(-2)
    slope = evaluator(plain(derived("cbrt(z)").result), z, {})
    assert slope(mpmath.mpf(-8)) == pytest.approx(1 / 12)  # 1/(3·∛(−8)²), real below 0


def test_log1p_and_expm1_are_written_by_their_definitions():
    assert parse("log1p(z)") == sp.log(1 + z)
    assert parse("expm1(2z)") == sp.exp(2 * z) - 1


@pytest.mark.parametrize("case", [t for t in TYPED if t.name != "relu"], ids=lambda t: t.name)
def test_the_numeric_prover_evaluates_each_function(case):
    at = evaluator(prepare(parse(f"{case.name}(z)")), z, {})
    reference = sp.lambdify(z, case.definition(z), "mpmath")
    for x in ("-0.3", "0.7", "2.5"):
        with mpmath.workdps(40):
            point = mpmath.mpf(x)
            if case.name in ("asin", "acos", "atanh") and point > 1:
                assert at(point) is None  # complex there: not a value
                continue
            outside = (case.name == "acosh" and point < 1) or (case.name == "sqrt" and point < 0)
            if outside:
                assert at(point) is None
                continue
            assert abs(at(point) - reference(point)) < mpmath.mpf("1e-30")


@pytest.mark.parametrize("case", TYPED, ids=lambda t: t.name)
def test_each_function_prints_in_the_terminal_and_in_latex(case):
    expr = parse(f"{case.name}(z)")
    assert case.terminal in write(expr)
    assert case.tex in latex(expr)
    inner = "sigmoid(z)" if case.name == "tan" else "2z + 1"  # tan(2z + 1) is refused
    walkthrough = text.render(derived(typed(case.name, inner)))
    assert "RealCbrt" not in walkthrough and "Function" not in walkthrough


def test_squares_are_written_before_the_argument():
    assert write(parse("sech(z)^2 + coth(z)^2 + tan(z)^2")) == "coth²(z) + sech²(z) + tan²(z)"


NEW = ["sech", "csch", "coth", "tan", "asinh", "acosh", "atanh", "asin", "acos", "erfc", "cbrt"]


def test_the_markdown_of_each_function_renders_in_katex():
    from .test_markdown import katex_errors

    inner = {"tan": "sigmoid(z)"}  # tan(2z + 1) is refused: infinitely many poles
    texts = {name: markdown.render(derived(typed(name, inner.get(name, "2z + 1")))) for name in NEW}
    texts["log1p, expm1"] = markdown.render(derived("log1p(z^2) + expm1(sigmoid(z))"))
    assert not katex_errors(texts)


def test_the_latex_of_the_functions_compiles():
    from .test_latex_compile import compile_log, problems

    tex = standalone_many([derived(typed(name, BY_NAME[name].chains[-1])) for name in NEW])
    assert not problems(compile_log(tex))


@pytest.mark.parametrize("name", NEW)
def test_each_function_is_stored_by_the_cache(name, tmp_path, monkeypatch):
    monkeypatch.setenv("DERIVATIONS_CACHE", "on")
    monkeypatch.setenv("DERIVATIONS_CACHE_DIR", str(tmp_path))
    formula = typed(name, BY_NAME[name].chains[-1])
    made = derive(formula)
    assert list(tmp_path.rglob("*.json")), "nothing was stored"
    loaded = derive(formula)
    assert loaded == made
    for a, b in zip(loaded.steps, made.steps, strict=True):
        assert sp.srepr(a.expression) == sp.srepr(b.expression)


DEFINED = [t for t in TYPED if getattr(sp, t.name, None) in DEFINITIONS]


@pytest.mark.parametrize("case", DEFINED, ids=lambda t: t.name)
def test_from_definition_writes_each_function_by_its_definition(case):
    chain = case.chains[1]
    d = derived(typed(case.name, chain), from_definition=True)
    assert d.verified and any(s.rule == "definition" for s in d.steps)
    assert not any(case.rule in f"{s.rule} {s.explanation}" for s in d.steps)
    assert_numerically_equal(
        plain(d.result), independent_truth(case, chain), z, domain_points(case, chain)
    )


def test_every_new_function_has_a_rule():
    for name in NEW:
        function = type(parse(f"{name}(z)"))
        assert function in ELEMENTARY, name


@pytest.mark.parametrize(
    "definition, right, wrong",
    [
        ("sech(z)", "-sech(z)*tanh(z)", "sech(z)*tanh(z)"),
        ("coth(2z)", "2*(1 - coth(2z)^2)", "1 - coth(2z)^2"),
        ("asinh(z)", "1/sqrt(z^2 + 1)", "1/sqrt(z^2 - 1)"),
        ("cbrt(z)", "1/(3*cbrt(z)^2)", "1/(3*cbrt(z))"),
        ("erfc(z)", "-2*exp(-z^2)/sqrt(pi)", "2*exp(-z^2)/sqrt(pi)"),
        ("log1p(z)", "1/(1 + z)", "1/z"),
    ],
)
def test_the_checker_reads_the_functions(definition, right, wrong):
    verdicts = [line.verdict for line in check_claims(definition, [right, wrong]).lines]
    assert verdicts[0] == RIGHT and verdicts[1] == WRONG


def _codegen_points(case: Typed, chain: str) -> list[float]:
    inner = sp.lambdify(z, expand_activations(parse(chain)))
    grid = [k / 4 + 0.0137 for k in range(-40, 41)]
    if case.name in ("asin", "acos", "atanh"):
        return [x for x in grid if abs(inner(x)) < 0.99]
    if case.name == "acosh":
        return [x for x in grid if inner(x) > 1.01]
    return [x for x in grid if abs(inner(x)) > 1e-3]  # csch, coth, cbrt: off the pole


CODE_CASES = [(name, BY_NAME[name].chains[-1]) for name in NEW] + [("log1p", "z^2")]


@pytest.mark.parametrize("name, chain", CODE_CASES)
def test_numpy_code_matches_finite_differences(name, chain):
    pytest.importorskip("numpy")
    import numpy as np

    from .codegen_cases import close, oracle

    d = derived(typed(name, chain))
    code = d.to_numpy()
    value, slope = oracle(d)
    zs = np.array(_codegen_points(BY_NAME[name], chain))
    forward, backward = code.forward(zs), code.backward(np.ones_like(zs), zs)
    for x, g, dg in zip(zs, forward, backward, strict=True):
        assert close(g, value(x)), f"g({x}) = {g}, want {value(x)}"
        assert close(dg, slope(x)), f"g'({x}) = {dg}, want {slope(x)}"


@pytest.mark.parametrize("name, chain", CODE_CASES)
def test_torch_code_passes_gradcheck(name, chain):
    torch = pytest.importorskip("torch")
    from derivations.codegen import load, torch_source

    d = derived(typed(name, chain))
    module = load(torch_source(d), "generated_torch")
    classes = vars(module).items()
    function = next(v for n, v in classes if n.endswith("Function") and n != "Function")
    zs = torch.tensor(_codegen_points(BY_NAME[name], chain), dtype=torch.float64)
    zs.requires_grad_(True)
    assert torch.autograd.gradcheck(function.apply, (zs,), eps=1e-6, atol=1e-7)


def test_json_names_the_real_cube_root_so_sympify_reads_it_back():
    data = json_render.to_dict(derived("cbrt(z)"))
    back = sp.sympify(data["expression"])
    assert back.subs(sp.Symbol("z"), -8) == -2


@pytest.mark.parametrize(
    "latex_text",
    [
        "$$ g(z) = \\coth(z) $$\n$$ g'(z) = 1 - \\coth^2(z) $$",
        "$$ g(z) = \\operatorname{sech}(z) $$\n$$ g'(z) = -\\operatorname{sech}(z)\\tanh(z) $$",
        "$$ g(z) = \\arcsin(z/2) $$\n$$ g'(z) = \\frac{1}{2\\sqrt{1 - z^2/4}} $$",
        "$$ g(z) = \\tan(z) $$\n$$ g'(z) = 1 + \\tan^2(z) $$",
    ],
)
def test_the_checker_reads_the_functions_in_latex(latex_text):
    from derivations.check import check_text

    assert check_text(latex_text).verdict == RIGHT


def test_tan_of_an_unbounded_argument_is_refused_for_its_infinitely_many_poles(capsys):
    from derivations.cli import main

    assert main(["tan(z)", "--plain"]) == 2
    err = capsys.readouterr().err.strip()
    assert "infinitely many poles" in err and "\n" not in err
