"""A formula as deep as the reader allows is worked on everywhere without RecursionError:
the engine, the proof, every renderer, the cache and the generated code."""

from __future__ import annotations

import contextlib
import io
import sys
from functools import cache

import pytest
import sympy as sp

from derivations import derive
from derivations.cli import main
from derivations.nesting import MAX_DEPTH, RECURSION_LIMIT, recursion_room, tree_depth
from derivations.parse import parse

from .conftest import POINTS, assert_steps_chain


def nested(levels: int) -> str:
    """a·(1 + a·(1 + … z)): two tree levels per bracket, and a derivative of 3 steps each."""
    text = "z"
    for _ in range(levels // 2):
        text = f"a*(1 + {text})"
    return text


@cache
def deep():
    return derive(nested(100))


def test_the_formula_is_a_hundred_levels_deep():
    assert tree_depth(parse(nested(100))) == 100


def test_a_hundred_levels_are_derived_and_proved():
    d = deep()
    assert d.verified and d.complete
    a = sp.Symbol("a", positive=True)
    with recursion_room():  # the oracle's own doit recurses through all 100 levels too
        assert_steps_chain(d, points=POINTS[::6], params={a: sp.Rational(1, 2)})  # 150 steps


def test_every_renderer_writes_a_hundred_levels_at_pythons_default_limit():
    from derivations.render import json, markdown, text
    from derivations.render.tex import latex, notes

    assert sys.getrecursionlimit() < RECURSION_LIMIT  # the library's caller's own limit
    d = deep()
    assert "proved" in text.render(d)
    assert json.render(d).startswith("{")
    assert "align*" in latex.standalone(d)
    assert "$$" in markdown.render(d)
    assert "\\section" in notes.document([d], latex.Options())


def test_the_cache_stores_and_reads_a_hundred_levels(tmp_path, monkeypatch):
    monkeypatch.setenv("DERIVATIONS_CACHE", "on")
    monkeypatch.setenv("DERIVATIONS_CACHE_DIR", str(tmp_path))
    made = derive(nested(100))
    assert list(tmp_path.rglob("*.json")), "nothing was stored"
    loaded = derive(nested(100))
    assert sp.srepr(loaded.result) == sp.srepr(made.result)


@pytest.mark.parametrize("target", ["numpy", "torch"])
def test_code_is_generated_and_runs_for_a_hundred_levels(target):
    pytest.importorskip(target)
    from derivations.codegen import load, source

    module = load(source(deep(), target), f"deep_{target}")
    if target == "numpy":
        import numpy as np

        g = module.forward(np.array([0.5]), 0.5)
        dg = module.backward(np.ones(1), np.array([0.5]), 0.5)
        assert np.isfinite(g).all() and dg[0] == pytest.approx(0.5**50)  # a^50


@pytest.mark.parametrize("flag", ["--json", "--markdown"])
def test_the_cli_works_on_the_deepest_formula_the_reader_allows(flag):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([nested(MAX_DEPTH), flag])
    assert code == 0, err.getvalue()
    assert "nested too deeply" not in err.getvalue()


def test_one_level_more_is_refused_in_one_line(capsys):
    assert main([f"tanh({nested(MAX_DEPTH)})", "--plain"]) == 2
    err = capsys.readouterr().err
    assert f"nested more than {MAX_DEPTH} levels deep" in err and err.count("\n") == 1


def test_the_recursion_room_is_given_back():
    before = sys.getrecursionlimit()
    with recursion_room():
        assert sys.getrecursionlimit() >= RECURSION_LIMIT
    assert sys.getrecursionlimit() == before
