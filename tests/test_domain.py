"""Where g is defined and where g′ fails to exist: domains, singularities, and every output
saying so (issue 11 §1, §2).  Each claim is checked against SymPy's own reading of the
formula, symbolically and numerically at points on both sides of each singularity."""

from __future__ import annotations

import json

import mpmath
import pytest
import sympy as sp

from derivations import api
from derivations.domain import real_line
from derivations.render import json as json_render

Z = sp.Symbol("z", real=True)


def _derived(formula: str):
    return api.derive(formula)


@pytest.mark.parametrize(
    ("formula", "domain", "singular"),
    [
        (
            "1/z",
            "Union(Interval.open(-oo, 0), Interval.open(0, oo))",
            [("0", "pole", "-oo", "-oo")],
        ),
        ("sqrt(z)", "Interval(0, oo)", [("0", "infinite slope", None, "oo")]),
        ("log(z)", "Interval.open(0, oo)", [("0", "domain boundary", None, "oo")]),
        (
            "z/(z - 1)",
            "Union(Interval.open(-oo, 1), Interval.open(1, oo))",
            [("1", "pole", "-oo", "-oo")],
        ),
        ("abs(log(z))", "Interval.open(0, oo)", [("0", "domain boundary", None, "-oo")]),
        ("cbrt(z)", "Reals", [("0", "infinite slope", "oo", "oo")]),
        (
            "asin(z)",
            "Interval(-1, 1)",
            [("-1", "infinite slope", None, "oo"), ("1", "infinite slope", "oo", None)],
        ),
        ("sigmoid", "Reals", []),
        ("relu", "Reals", []),
    ],
)
def test_json_states_the_domain_and_singularities(formula, domain, singular):
    data = json.loads(json_render.render(_derived(formula)))
    assert data["domain"] == domain
    assert sp.sympify(data["domain"]) == sp.sympify(domain)
    found = [(s["at"], s["kind"], s["left"], s["right"]) for s in data["singularities"]]
    assert found == singular


def test_abs_log_has_a_corner_at_one_inside_its_domain():
    d = _derived("abs(log(z))")
    assert [k.at for k in d.kinks] == [1]
    assert d.verified


@pytest.mark.parametrize("formula", ["1/z", "sqrt(z)", "log(z)", "z/(z-1)", "abs(log(z))"])
def test_the_walkthrough_never_says_exists_everywhere_when_it_does_not(formula, capsys):
    from derivations.cli import main

    assert main([formula, "--plain"]) == 0
    out = capsys.readouterr().out
    assert "exists everywhere" not in out
    assert "defined for" in out


def test_sigmoid_still_exists_everywhere(capsys):
    from derivations.cli import main

    assert main(["sigmoid", "--plain"]) == 0
    assert "exists everywhere" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("formula", "words"),
    [
        ("1/z", "pole at z = 0: g′ → −∞ from both sides"),
        ("sqrt(z)", "defined for z ≥ 0"),
        ("sqrt(z)", "infinite slope at z = 0: g′ → ∞ as z → 0⁺"),
        ("log(z)", "defined for z > 0"),
        ("z/(z-1)", "defined for z ≠ 1"),
    ],
)
def test_the_walkthrough_says_it_in_one_line(formula, words, capsys):
    from derivations.cli import main

    assert main([formula, "--plain"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert any(words in line for line in lines)


@pytest.mark.parametrize("formula", ["1/z", "sqrt(z)", "z/(z-1)"])
def test_markdown_and_latex_state_the_singularity(formula):
    from derivations.render import markdown
    from derivations.render.tex import latex

    d = _derived(formula)
    kind = d.singularities[0].kind
    assert kind in markdown.render(d).lower()
    assert kind in latex.align_block(d)


def test_the_limits_stated_are_the_limits_of_sympys_derivative():
    for formula in ("1/z", "sqrt(z)", "log(z)", "z/(z-1)", "cbrt(z)", "log(abs(log(z/20)))"):
        d = _derived(formula)
        truth = sp.diff(_plain(d), d.variable)
        for s in d.singularities:
            for side, stated in ((-1, s.left), (1, s.right)):
                if stated is None:
                    assert _undefined_beside(d, s.at, side)
                    continue
                near = _value(truth, d.variable, s.at, side)
                if stated in (sp.oo, -sp.oo):
                    assert abs(near) > 1e6 and mpmath.sign(near) == (1 if stated > 0 else -1)
                else:
                    assert abs(near - float(stated)) < 1e-6


def _plain(d):
    from derivations.verify import prepare

    return prepare(d.function)


def _value(expr, z, at, side):
    with mpmath.workdps(50):
        x = mpmath.mpf(str(sp.N(at, 50))) + side * mpmath.mpf("1e-20")
        return complex(sp.N(expr.subs(z, sp.Float(x, 50)), 30)).real


def _undefined_beside(d, at, side) -> bool:
    """Real arithmetic (Python's math, which refuses log(−1) and √−1) fails just beside."""
    import math

    real = sp.lambdify(d.variable, _plain(d), modules="math")
    try:
        value = real(float(at) + side * 1e-6)
    except (ValueError, ZeroDivisionError):
        return True
    return isinstance(value, complex) or not math.isfinite(value)


def test_the_result_covers_a_breakpoint_where_the_sides_agree():
    for name in ("elu", "celu", "softsign"):
        d = _derived(name)
        z = d.variable
        data = json.loads(json_render.render(d))
        result = sp.sympify(data["result"], locals={str(z): z})
        at_zero = result.subs(z, 0)
        assert at_zero.is_finite and at_zero == 1, name
        truth = sp.diff(_plain(d), z)
        for side in (-1, 1):
            assert abs(_value(truth, z, sp.S.Zero, side) - 1) < 1e-9, name


def test_the_result_leaves_a_corner_out():
    d = _derived("relu")
    assert d.plain_result.subs(d.variable, 0) is sp.nan


def test_proof_points_lie_inside_the_domain():
    from derivations.verify import sample_points

    line = real_line(sp.log(Z), Z, {})
    points = sample_points((), {}, line)
    assert points and all(x > 0 for x in points)
    assert any(x < mpmath.mpf("1e-6") for x in points)  # just beside the end of the domain


def test_a_guard_inside_one_piece_counts_only_where_that_piece_is_used():
    expr = sp.Piecewise((sp.log(Z), Z > 0), (Z, True))
    assert real_line(expr, Z, {}).domain() == sp.S.Reals


def test_log_of_zero_times_z_is_refused_in_one_line():
    from derivations.errors import DerivationsError

    with pytest.raises(DerivationsError) as caught:
        api.derive("log(0)*z")
    assert "log(0) is undefined" in str(caught.value)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize(
    ("expr", "domain"),
    [
        (sp.log(Z) + sp.sqrt(1 - Z), sp.Interval.Lopen(0, 1)),
        (sp.sqrt(Z) * sp.log(-Z), sp.S.EmptySet),
        (
            sp.log(Z) / (Z - 2) + sp.Abs(Z - 1),
            sp.Union(sp.Interval.open(0, 2), sp.Interval.open(2, sp.oo)),
        ),
        (sp.Max(sp.log(Z), 0) - sp.sqrt(3 - Z), sp.Interval.Lopen(0, 3)),
    ],
)
def test_a_line_drawn_part_by_part_is_the_line_of_the_whole(expr, domain):
    # Each part's own line is drawn once and merged: the domain is where every part is
    # defined, the points are every part's points, whichever part was drawn first.
    line = real_line(expr, Z, {})
    assert line.domain() == domain
    for part in sp.Add.make_args(expr):
        for point in real_line(part, Z, {}).points:
            assert point in line.points or not line.domain().contains(point)
