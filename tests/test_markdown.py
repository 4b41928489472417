"""Markdown output: $$ blocks with aligned inside, each rendered by real KaTeX (strict)."""

from __future__ import annotations

import json
import os
import re
import subprocess
from functools import cache
from pathlib import Path

import pytest

from derivations.render.jupyter import repr_latex, step_by_step
from derivations.render.markdown import escape, render
from derivations.render.tex.latex import Options

from .derived import CATALOG_NAMES, VECTOR_NAMES, derived
from .tools import require_program

KATEX_DIR = Path(__file__).parent / "js"
VARIANTS = {
    "plain": Options(),
    "highlight, own symbol, exp": Options(highlight=True, own_symbol=True, exp_function=True),
}
_DISPLAY = re.compile(r"\$\$(.+?)\$\$", re.S)
_INLINE = re.compile(r"(?<![\\$])\$([^$\n]+?)(?<!\\)\$")


def formulas(markdown: str) -> list[tuple[str, bool]]:
    """The maths of a Markdown text: ($$ display blocks $$, True) and ($inline$, False)."""
    found = [(m.group(1), True) for m in _DISPLAY.finditer(markdown)]
    prose = _DISPLAY.sub("", markdown)
    return found + [(m.group(1), False) for m in _INLINE.finditer(prose)]


def _require_katex() -> str:
    node = require_program("node")
    if not (KATEX_DIR / "node_modules" / "katex").is_dir():
        message = "KaTeX is not installed (npm ci --prefix tests/js)"
        if os.environ.get("CI"):
            pytest.fail(f"{message}, but CI must install it (.ci/run)")
        pytest.skip(message)
    return node


@cache
def _katex_errors(texts: tuple[tuple[str, bool], ...]) -> tuple[str | None, ...]:
    node = _require_katex()
    payload = json.dumps([{"tex": tex, "display": display} for tex, display in texts])
    done = subprocess.run(
        [node, str(KATEX_DIR / "render_katex.js")],
        input=payload,
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    return tuple(json.loads(done.stdout))


def katex_errors(markdown_by_name: dict[str, str]) -> dict[str, list[str]]:
    """Render every formula of every text in one node process; the failures by name."""
    keyed = [(name, f) for name, text in markdown_by_name.items() for f in formulas(text)]
    errors = _katex_errors(tuple(f for _, f in keyed))
    failures: dict[str, list[str]] = {}
    for (name, (tex, _)), error in zip(keyed, errors, strict=True):
        if error is not None:
            failures.setdefault(name, []).append(f"{error}\n  in: {tex[:300]}")
    return failures


@cache
def _catalog_failures() -> dict[str, list[str]]:
    texts = {}
    for name in CATALOG_NAMES + VECTOR_NAMES:
        derivation = derived(name)
        for label, options in VARIANTS.items():
            texts[f"{name} ({label})"] = render(derivation, options)
        texts[f"{name} (jupyter)"] = repr_latex(derivation)
        texts[f"{name} (step by step)"] = step_by_step(derivation)._repr_markdown_()
    return katex_errors(texts)


@pytest.mark.parametrize("name", CATALOG_NAMES + VECTOR_NAMES)
def test_katex_renders_every_formula_of_the_markdown(name):
    failures = {k: v for k, v in _catalog_failures().items() if k.startswith(f"{name} (")}
    assert not failures, "\n".join(f"{k}: {e}" for k, v in failures.items() for e in v)


def test_katex_check_can_fail():
    broken = "$$\n\\begin{aligned} a &= \\frac{1}{ \\end{aligned}\n$$\n\nand $\\undefinedmacro$"
    failures = katex_errors({"broken": broken})
    assert len(failures["broken"]) == 2


def test_typed_formulas_render_in_katex():
    texts = {f: render(derived(f)) for f in ("z*sigmoid(z)", "log(1+e^z)", "abs(z)*heaviside(z)")}
    texts["tanh from its definition"] = render(derived("tanh", from_definition=True))
    assert not katex_errors(texts)


def test_markdown_is_prose_and_dollar_blocks_with_aligned_inside():
    text = render(derived("sigmoid"))
    assert text.startswith("### sigmoid\n")
    blocks = _DISPLAY.findall(text)
    assert len(blocks) == 1
    assert blocks[0].strip().startswith("\\begin{aligned}")
    assert blocks[0].strip().endswith("\\end{aligned}")
    assert "\\boxed{g(z)(1 - g(z))}" in blocks[0]
    assert "All 12 steps are proved" in text


def test_prose_is_escaped_for_markdown():
    assert escape("a_b * c [x] <y> $5") == "a\\_b \\* c \\[x\\] \\<y\\> \\$5"


def test_formulas_finds_display_and_inline_maths():
    found = formulas("text $a + b$ and $$\\frac{1}{2}$$ and \\$5")
    assert found == [("\\frac{1}{2}", True), ("a + b", False)]


def test_an_unfinished_derivation_renders_in_katex(monkeypatch):
    from derivations import derive, rules

    monkeypatch.setattr(rules, "RULES", [r for r in rules.RULES if r.name != "chain rule"])
    text = render(derive("sigmoid"))
    assert "No rule for $" in text
    assert not katex_errors({"unfinished": text})
