"""Renderers: plain text (pinned), rich in a fixed-width console, JSON that SymPy reads back."""

import io
import json

import pytest
import sympy as sp
from rich.console import Console

from derivations import derive
from derivations.derivation import g
from derivations.functions import ACTIVATION_FUNCTIONS
from derivations.render import json as json_render
from derivations.render import terminal, text
from derivations.render.notation import write

from .conftest import assert_numerically_equal, plain

z = sp.Symbol("z", real=True)


def test_plain_marks_the_part_the_next_step_acts_on():
    lines = text.render(derive("sigmoid")).splitlines()
    at = lines.index("       = −(1 + e⁻ᶻ)⁻² · d/dz(1 + e⁻ᶻ)")
    carets = lines[at + 1]
    start, end = carets.index("^"), carets.rindex("^") + 1
    assert lines[at][start:end] == "d/dz(1 + e⁻ᶻ)"


def _rich(derivation, **kw):
    buffer = io.StringIO()
    terminal.render(derivation, Console(file=buffer, width=100, **kw))
    return buffer.getvalue()


def test_rich_walkthrough_in_a_fixed_width_console():
    out = _rich(derive("sigmoid"), color_system=None)
    assert "sigmoid" in out.splitlines()[1]
    assert " 10  rewrite the negative power as a fraction" in out
    assert "= e⁻ᶻ/(1 + e⁻ᶻ)²" in out
    assert "g′(z) = g(z)(1 − g(z))" in out
    assert "all 12 steps proved" in out
    assert max(len(line) for line in out.splitlines()) <= 100


def test_rich_highlights_the_acted_on_part():
    out = _rich(derive("sigmoid"), force_terminal=True, color_system="standard")
    assert "\x1b[1;4;33md/dz(1 + e⁻ᶻ)" in out  # bold yellow underline: the next target


def test_rich_shows_kinks_and_their_convention():
    out = _rich(derive("relu"), color_system=None)
    assert "z = 0: a corner, not differentiable" in out
    assert "autograd uses 0" in out


def _read_back(text_, derivation):
    """What sympify makes of a JSON expression (with g and the catalog functions defined)."""
    functions = {
        name: sp.Lambda(sp.Symbol("z"), sp.sympify(definition))
        for name, definition in json_render.to_dict(derivation)["functions"].items()
    }
    return sp.sympify(text_, locals={**functions, "g": derivation.function.subs(z, sp.Symbol("z"))})


@pytest.mark.parametrize("target", ["sigmoid", "tanh", "relu", "leaky_relu", "z*sigmoid(z)"])
def test_json_has_the_contract_fields_and_sympify_reads_every_expression(target):
    derivation = derive(target)
    data = json.loads(json_render.render(derivation))
    for key in (
        "name",
        "variable",
        "expression",
        "parameters",
        "steps",
        "result",
        "result_in_terms_of_g",
        "kinks",
    ):
        assert key in data
    assert data["steps"] and all(
        {"rule", "explanation", "expression"} <= set(step) for step in data["steps"]
    )
    zz = sp.Symbol("z")
    for step, recorded in zip(data["steps"], derivation.steps, strict=True):
        back = _read_back(step["expression"], derivation)
        expected = plain(recorded.expression, derivation.function, z).subs(z, zz)
        assert_numerically_equal(back.doit(), expected, zz, skip={0})
    assert_numerically_equal(
        _read_back(data["result"], derivation), plain(derivation.result).subs(z, zz), zz, skip={0}
    )


def test_json_kinks_and_form_in_g():
    data = json.loads(json_render.render(derive("leaky_relu")))
    (kink,) = data["kinks"]
    assert {k: kink[k] for k in ("at", "left", "right", "value_used")} == {
        "at": "0",
        "left": "1/100",
        "right": "1",
        "value_used": "1/100",
    }
    assert data["parameters"]["a"]["value"] == "1/100"
    sigmoid = json.loads(json_render.render(derive("sigmoid")))
    g_ = sp.Symbol("g")
    assert sp.expand(sp.sympify(sigmoid["result_in_terms_of_g"]) - g_ * (1 - g_)) == 0
    assert json.loads(json_render.render(derive("z*sigmoid(z)")))["result_in_terms_of_g"] is None


def test_json_pending_derivatives_are_written_for_sympy():
    data = json.loads(json_render.render(derive("sigmoid")))
    first = data["steps"][0]["expression"]
    assert "Derivative(" in first and sp.sympify(first).has(sp.Derivative)


def test_writer_keeps_catalog_functions_and_g():
    sigmoid = ACTIVATION_FUNCTIONS["sigmoid"]
    assert write(sigmoid(z) * (1 - sigmoid(z))) in ("σ(z)(1 − σ(z))", "(1 − σ(z)) · σ(z)")
    assert write(1 - g(z) ** 2) == "1 − g(z)²"
