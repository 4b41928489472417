"""Jupyter: a Derivation shows itself typeset; step_by_step shows one step at a time."""

from __future__ import annotations

import json
from pathlib import Path

from derivations.render.jupyter import step_by_step

from .derived import derived

NOTEBOOK = Path(__file__).parent.parent / "examples" / "derivations.ipynb"


def test_a_derivation_shows_itself_as_one_aligned_block():
    derivation = derived("sigmoid")
    shown = derivation._repr_latex_()
    assert shown.startswith("$$\\begin{aligned}\n") and shown.endswith("\\end{aligned}\n$$")
    assert "\\boxed{g(z)(1 - g(z))}" in shown
    assert shown.count(" \\\\\n") >= len(derivation.steps)


def test_step_by_step_shows_each_step_before_and_after():
    derivation = derived("sigmoid")
    steps = step_by_step(derivation)
    assert len(steps) == len(derivation.steps)
    first = steps[0]._repr_markdown_()
    assert first.startswith("**Step 1 of 12: chain rule**")
    assert "($u = 1 + e^{-z}$)" in first
    assert "\\textcolor{red}{\\frac{d}{dz}\\left(\\frac{1}{1 + e^{-z}}\\right)}" in first
    assert "&= \\textcolor{blue}{-(1 + e^{-z})^{-2}" in first
    assert repr(steps[0]) == "Step 1 of 12: chain rule"


def test_step_by_step_slices_and_shows_all():
    steps = step_by_step(derived("relu"))
    assert len(steps[1:3]) == 2
    everything = steps._repr_markdown_()
    assert everything.count("**Step ") == len(steps)
    assert "**Step 5 of 5: write in terms of g**" in everything


def test_the_example_notebook_was_run_and_saved_its_outputs():
    notebook = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    assert notebook["nbformat"] == 4
    code = [cell for cell in notebook["cells"] if cell["cell_type"] == "code"]
    assert code and all(cell["execution_count"] for cell in code)
    kinds = [set(out.get("data", {})) for cell in code for out in cell["outputs"]]
    assert all(kinds) and all("error" != out["output_type"] for c in code for out in c["outputs"])
    assert any("text/latex" in k for k in kinds) and any("text/markdown" in k for k in kinds)
    latex = next(
        "".join(out["data"]["text/latex"]) for c in code for out in c["outputs"]
        if "text/latex" in out.get("data", {})
    )  # fmt: skip
    assert latex.startswith("$$\\begin{aligned}") and "\\boxed{" in latex


def test_the_example_notebooks_saved_outputs_are_current():
    """Each code cell's saved output is what the cell shows today (rebuild with
    ``python examples/make_notebook.py`` when the typesetting changes)."""
    notebook = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    scope: dict = {}
    for cell in notebook["cells"]:
        if cell["cell_type"] != "code":
            continue
        *body, last = "".join(cell["source"]).strip().splitlines()
        exec("\n".join(body), scope)  # noqa: S102 - our own example notebook
        shown = eval(last.split("#")[0], scope)  # noqa: S307
        (output,) = cell["outputs"]
        for kind, method in (("text/latex", "_repr_latex_"), ("text/markdown", "_repr_markdown_")):
            if kind in output["data"]:
                assert "".join(output["data"][kind]) == getattr(shown, method)(), (
                    "examples/derivations.ipynb is out of date: python examples/make_notebook.py"
                )
