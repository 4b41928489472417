"""Breakpoints with no closed form: located numerically, proved, and used like any other.

max(z, σ(z)) switches where z = σ(z), at 0.65904…; no formula writes that number.  The
engine locates it with interval arithmetic (exactly one root in a bracket, the sign
elsewhere, out to ±∞), and every consumer (proof, kinks, autograd's value, the form in
g, printing, JSON, the cache, code) works with it.  The checks here recompute the
numbers independently with mpmath.
"""

from __future__ import annotations

import contextlib
import io
import json

import mpmath
import pytest
import sympy as sp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from derivations import derive, root_search
from derivations.cli import main
from derivations.errors import DerivationsError
from derivations.functions import expand_activations
from derivations.numeric_root import NumericRoot
from derivations.piecewise import breakpoints
from derivations.render.json import to_dict
from derivations.render.tex.latex import align_block
from derivations.verify import prepare

from .conftest import POINTS, assert_numerically_equal, assert_steps_chain
from .test_latex_compile import PROBLEM, compile_log

z = sp.Symbol("z", real=True)  # the variable derivations use
SIGMOID_ROOT = "max(z, sigmoid(z))"
SOFTPLUS_ROOTS = "max(softplus(0.044715*z), sigmoid(z))"
NO_CROSSING = "min(log(1 + exp(abs(z) - sqrt(1 + (5 z)^2))), (tanh(z) - sqrt(1 + z^2))**3)"


def _sigmoid(x):
    return 1 / (1 + mpmath.exp(-x))


def _root(f, guess) -> mpmath.mpf:
    with mpmath.workdps(60):
        return mpmath.findroot(f, mpmath.mpf(guess))


def _numeric_kinks(derivation) -> list:
    return [k for k in derivation.kinks if isinstance(k.at, NumericRoot)]


def _near(points, offsets=("1e-12", "1e-6", "0.01", "0.3")) -> list[sp.Rational]:
    """Rational points on both sides of each point."""
    near = []
    for p in points:
        c = sp.Rational(str(sp.N(p, 40)))
        near += [c + s * sp.Rational(h) for h in offsets for s in (-1, 1)]
    return near


def _truth(derivation):
    return sp.diff(expand_activations(derivation.function), derivation.variable)


# --- the examples -------------------------------------------------------------------


def test_max_of_z_and_sigmoid_has_its_kink_where_z_equals_sigmoid():
    derivation = derive(SIGMOID_ROOT)
    assert derivation.verified
    (kink,) = derivation.kinks
    assert isinstance(kink.at, NumericRoot) and kink.kind == "corner"
    expected = _root(lambda x: x - _sigmoid(x), 0.6)
    with mpmath.workdps(60):
        assert abs(mpmath.mpf(str(sp.N(kink.at, 55))) - expected) < mpmath.mpf("1e-48")
    # σ on the left (σ′ = σ(1 − σ) there), z on the right (slope 1)
    with mpmath.workdps(40):
        s = _sigmoid(expected)
        assert abs(mpmath.mpf(str(sp.N(kink.left, 40))) - s * (1 - s)) < mpmath.mpf("1e-30")
    assert kink.right == 1
    # autograd: torch.maximum shares the gradient equally at a tie
    assert abs(sp.N(kink.value_used - (kink.left + kink.right) / 2, 40)) < 1e-30


def test_softplus_of_a_small_slope_and_sigmoid_cross_twice():
    derivation = derive(SOFTPLUS_ROOTS)
    assert derivation.verified
    kinks = _numeric_kinks(derivation)
    assert len(kinks) == 2

    def difference(x):
        return mpmath.log(1 + mpmath.exp(mpmath.mpf(8943) / 200000 * x)) - _sigmoid(x)

    for kink, guess in zip(kinks, (0.9, 12), strict=True):
        assert kink.kind == "corner"
        with mpmath.workdps(60):
            found = mpmath.mpf(str(sp.N(kink.at, 55)))
            assert abs(found - _root(difference, guess)) < mpmath.mpf("1e-45")
            assert abs(difference(found)) < mpmath.mpf("1e-45")


def test_a_min_whose_pieces_never_cross_has_no_kink():
    # log(1 + e^u) > 0 > (tanh z − √(1 + z²))³ everywhere: the min is the cube throughout.
    derivation = derive(NO_CROSSING)
    assert derivation.verified
    assert derivation.kinks == ()
    cube = (sp.tanh(z) - sp.sqrt(1 + z**2)) ** 3
    assert_numerically_equal(derivation.result, sp.diff(cube, z), z)


@pytest.mark.parametrize("text", [SIGMOID_ROOT, SOFTPLUS_ROOTS, NO_CROSSING, "max(z, e^(-z))^2"])
def test_results_equal_sympy_diff_on_both_sides_of_each_breakpoint(text):
    derivation = derive(text)
    points = [p for p in breakpoints(prepare(derivation.function), z, {}) if abs(sp.N(p)) < 1e3]
    near = _near(points)
    assert_steps_chain(derivation, points=POINTS + near)
    assert_numerically_equal(derivation.result, _truth(derivation), z, points=near + POINTS)


def test_softplus_and_sigmoid_never_cross():
    # log(1 + t) > t/(1 + t) for t = e^z > 0: the max is softplus, g′ = σ, no kink.
    derivation = derive("max(log(1 + exp(z)), sigmoid(z))")
    assert derivation.verified
    assert derivation.kinks == ()
    assert breakpoints(prepare(derivation.function), z, {}) == ()
    assert_numerically_equal(derivation.result, 1 / (1 + sp.exp(-z)), z)
    # Written with the catalog softplus: no kink from the max (any other is softplus's own).
    by_name = derive("max(softplus(z), sigmoid(z))")
    assert by_name.verified and not _numeric_kinks(by_name)


def test_tangent_and_flat_crossings_at_exact_points_are_isolated():
    # e^z − 1 ≥ z touches at 0; z − tanh z crosses at 0 with slope 0: no kink either way.
    for text in ("max(exp(z) - 1, z)", "max(z, tanh(z))", "max(tanh(z), erf(z))"):
        derivation = derive(text)
        assert derivation.verified, text
        assert not _numeric_kinks(derivation), text


# --- what cannot be decided is refused, in one line -------------------------------------------


@pytest.mark.parametrize(
    "text, reason",
    [
        ("max(tanh(z)*(1 + (z - sigmoid(z))^2), tanh(z))", "may touch 0 without crossing"),
        ("max(z, a*sigmoid(z))", "depends on a"),
        ("max(sin(z), 0.5)", "cannot decide the sign"),
    ],
)
def test_an_undecidable_breakpoint_is_refused_with_a_reason(text, reason, capsys):
    assert main([text, "--plain"]) == 2
    err = capsys.readouterr().err
    assert reason in err and "switches pieces" in err and err.count("\n") == 1


# --- the number itself ----------------------------------------------------------------------


def test_a_numeric_root_evaluates_to_any_precision_and_is_an_atom():
    (kink,) = derive(SIGMOID_ROOT).kinks
    root = kink.at
    expected = _root(lambda x: x - _sigmoid(x), 0.6)
    with mpmath.workdps(120):
        precise = mpmath.findroot(lambda x: x - _sigmoid(x), expected)
        assert abs(mpmath.mpf(str(sp.N(root, 110))) - precise) < mpmath.mpf("1e-105")
    assert abs(float(root) - 0.6590460684074066) < 1e-15
    assert bool(root < 1) and bool(root > sp.Rational(1, 2)) and root.is_positive
    assert root.free_symbols == set() and root.xreplace({z: 5}) == root
    assert (z - root).subs(z, root) == 0


def test_a_derivation_with_numeric_points_round_trips_through_the_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("DERIVATIONS_CACHE", "on")
    monkeypatch.setenv("DERIVATIONS_CACHE_DIR", str(tmp_path))
    made = derive(SOFTPLUS_ROOTS)
    assert list(tmp_path.rglob("*.json")), "nothing was stored"
    loaded = derive(SOFTPLUS_ROOTS)
    assert loaded == made and loaded is not made
    for a, b in zip(_numeric_kinks(loaded), _numeric_kinks(made), strict=True):
        assert isinstance(a.at, NumericRoot) and abs(sp.N(a.at - b.at, 50)) < 1e-45


# --- how it is stated -----------------------------------------------------------------------


def test_the_walkthrough_names_the_point_and_says_what_it_solves(capsys):
    assert main([SIGMOID_ROOT, "--plain"]) == 0
    out = capsys.readouterr().out
    assert "z₀ ≈ 0.65905, where z = σ(z)" in out
    assert "kink         z = z₀: a corner" in out
    assert "if z < z₀" in out and "0.659046068" not in out


def test_two_points_are_numbered_in_increasing_order(capsys):
    assert main([SOFTPLUS_ROOTS, "--plain"]) == 0
    out = capsys.readouterr().out
    assert "z₀ ≈ 0.91385, where" in out and "z₁ ≈ 12.106, where" in out
    assert "z₀ < z < z₁" in out


def test_json_gives_the_number_and_the_equation_it_solves():
    data = json.loads(json.dumps(to_dict(derive(SIGMOID_ROOT))))
    (kink,) = data["kinks"]
    at = sp.sympify(kink["at"])
    assert at.is_Float and abs(at - sp.Float("0.659046068407406660984386495929", 30)) < 1e-28
    sigmoid = sp.Lambda(z, 1 / (1 + sp.exp(-z)))
    equation = sp.sympify(kink["solves"], locals={"sigmoid": sigmoid, "z": z})
    assert abs(sp.N((equation.lhs - equation.rhs).subs(z, at), 30)) < 1e-27
    (point,) = data["numeric_points"]
    assert point["at"] == kink["at"] and point["solves"] == kink["solves"]
    lo, hi = (sp.sympify(b) for b in point["bracket"])
    assert lo < at < hi
    result = sp.sympify(data["result"], locals={"z": z})
    for x in (sp.Rational(1, 2), sp.Rational(2, 3)):  # either side of 0.65904…
        exact = sp.diff(sp.Max(z, sigmoid(z)), z).subs(z, x)
        assert abs(sp.N(result.subs(z, x) - exact, 30)) < 1e-25
    assert sp.sympify(kink["left"]).is_number and sp.sympify(kink["value_used"]).is_number


def test_json_says_nothing_about_solving_for_closed_form_points():
    data = to_dict(derive("relu"))
    assert all(k["solves"] is None for k in data["kinks"]) and data["numeric_points"] == []


def test_latex_defines_the_point_and_compiles():
    tex = align_block(derive(SIGMOID_ROOT))
    assert r"z_{0} &\approx 0.65905 && \text{where } {\textstyle z = \sigma(z)}" in tex
    assert r"z \le z_{0}" in tex and "0.659046" not in tex
    document = (
        "\\documentclass{article}\n\\usepackage{amsmath}\n\\usepackage{amssymb}\n"
        f"\\begin{{document}}\n{tex}\\end{{document}}\n"
    )
    assert not PROBLEM.findall(compile_log(document))


def test_generated_code_uses_the_number_and_says_what_it_solves(capsys):
    assert main(["code", SIGMOID_ROOT]) == 0
    code = capsys.readouterr().out
    assert "(the z where z = 1/(1 + exp(-z)))" in code
    namespace: dict = {}
    exec(compile(code, "generated", "exec"), namespace)  # our own output, not user text
    import numpy as np

    x = np.array([0.3, 0.65, 0.66, 2.0])
    expected = [float(sp.N(sp.diff(sp.Max(z, 1 / (1 + sp.exp(-z))), z).subs(z, v))) for v in x]
    assert np.allclose(namespace["backward"](np.ones_like(x), x), expected)


# --- random pairs of smooth activations ------------------------------------------------------

_ACTIVATIONS = ["sigmoid", "tanh", "softplus", "silu", "gelu", "erf", "exp", "mish", "softsign"]
_DECIMALS = ["0.5", "2", "1.5", "0.25", "3", "0.75"]


@st.composite
def _smooth_terms(draw):
    f = draw(st.sampled_from([*_ACTIVATIONS, "z"]))
    inner = draw(st.sampled_from(["z", *(f"{c}*z" for c in _DECIMALS)]))
    core = inner if f == "z" else f"{f}({inner})"
    shape = draw(st.sampled_from(["{}", "{c}*{}", "{} - {c}"]))
    return shape.format(core, c=draw(st.sampled_from(_DECIMALS)))


@st.composite
def _pairs(draw):
    which = draw(st.sampled_from(["max", "min"]))
    return f"{which}({draw(_smooth_terms())}, {draw(_smooth_terms())})"


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_pairs())
def test_random_pairs_are_proved_or_refused_and_their_points_are_true_crossings(text):
    try:
        derivation = derive(text)
    except DerivationsError as refusal:
        message = str(refusal)
        assert message and "\n" not in message, text
        return
    assert derivation.verified, text
    function = expand_activations(derivation.function)
    pieces = function.args if isinstance(function, (sp.Max, sp.Min)) else None
    for point in breakpoints(prepare(derivation.function), z, {}):
        if not isinstance(point, NumericRoot) or pieces is None:
            continue
        difference = sp.lambdify(z, pieces[0] - pieces[1], modules="mpmath")
        with mpmath.workdps(50):
            x = mpmath.mpf(str(sp.N(point, 50)))
            h = mpmath.mpf("1e-20") * max(1, abs(x))
            assert abs(difference(x)) < mpmath.mpf("1e-35"), (text, point)
            assert (difference(x - h) > 0) != (difference(x + h) > 0), (text, point)


def test_the_cli_prints_no_traceback_for_a_refused_breakpoint():
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main(["max(tanh(z)*(1 + (z - sigmoid(z))^2), tanh(z))", "--json"])
    assert code == 2 and "Traceback" not in err.getvalue()


def test_keeps_sign_is_proved_by_the_enclosure_alone():
    z = sp.Symbol("z", real=True)
    assert root_search.keeps_sign((sp.exp(1 / z) + 1), z, -sp.oo, sp.oo)
    assert root_search.keeps_sign(sp.tanh(z) - 2, z, -sp.oo, sp.oo)
    assert not root_search.keeps_sign(sp.tanh(z), z, -1, 1)  # crosses 0 at 0
    assert not root_search.keeps_sign(z - 1, z, sp.Symbol("a"), 2)  # a bound with a parameter


def test_the_enclosed_range_holds_every_value_with_a_margin():
    z = sp.Symbol("z", real=True)
    lo, hi = root_search.enclosed_range(z**2, z, -1, 2)
    assert lo < 0 and hi > 4 and lo.is_Integer and hi.is_Integer  # [0, 4], widened by 1
    assert root_search.enclosed_range(sp.exp(z), z, -sp.oo, sp.oo) == (-1, sp.oo)


def test_a_point_written_in_located_numbers_becomes_a_root_of_the_equation():
    z = sp.Symbol("z", real=True)
    (w,) = root_search.real_roots(z, 1 / (1 + sp.exp(-z)), z, -sp.oo, sp.oo)
    s = 1 / (1 + sp.exp(-5 * z))
    point = -sp.log(1 / w - 1) / 5  # where σ(5z) = w
    root = root_search.located(s, 1 / (1 + sp.exp(-s)), z, point, {point, sp.S.Zero})
    assert isinstance(root, NumericRoot)
    assert abs(sp.N(root, 40) - sp.N(point, 40)) < 1e-35
    assert root.lo < sp.N(point, 50) < root.hi and not root.lo < 0 < root.hi
