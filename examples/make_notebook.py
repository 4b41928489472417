"""Build and run examples/derivations.ipynb, saving its outputs.

python examples/make_notebook.py      (needs: pip install nbformat nbconvert ipykernel)
"""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbconvert.preprocessors import ExecutePreprocessor

HERE = Path(__file__).parent
NOTEBOOK = HERE / "derivations.ipynb"

CELLS = [
    (
        "markdown",
        "# Derivatives of activation functions, step by step\n\n"
        "A `Derivation` shows itself as typeset maths: the definition, every step with the "
        "rule that justifies it, the result and its form in $g$ boxed, and the kinks.",
    ),
    ("code", 'from derivations import derive\n\nsigmoid = derive("sigmoid")\nsigmoid'),
    (
        "markdown",
        "## One step at a time\n\n"
        "`step_by_step` shows each step on its own: the rule and why it applies, the "
        "expression before it with the part the rule acts on in red, and the expression "
        "after it with what the rule produced in blue. Index it to reveal one step per cell.",
    ),
    (
        "code",
        "from derivations.render.jupyter import step_by_step\n\n"
        "steps = step_by_step(sigmoid)\nsteps[0]",
    ),
    ("code", "steps[1]"),
    ("code", "steps[-2:]  # the last two: towards g(1 - g)"),
    (
        "markdown",
        "## A kink\n\nReLU has a corner at 0: the one-sided limits of $g'$ differ, "
        "and autograd uses the left one there.",
    ),
    ("code", 'derive("relu")'),
    (
        "markdown",
        "## Any formula in z\n\nCatalog names inside a formula are functions "
        "with known derivatives.",
    ),
    ("code", 'derive("z*sigmoid(z)")'),
]


def build() -> nbformat.NotebookNode:
    notebook = nbformat.v4.new_notebook()
    for kind, source in CELLS:
        make = nbformat.v4.new_markdown_cell if kind == "markdown" else nbformat.v4.new_code_cell
        notebook.cells.append(make(source))
    notebook.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    return notebook


def main() -> None:
    notebook = build()
    ExecutePreprocessor(timeout=600, kernel_name="python3").preprocess(
        notebook, {"metadata": {"path": str(HERE)}}
    )
    for index, cell in enumerate(notebook.cells):
        cell.id = f"cell-{index}"  # stable ids, so a rebuild changes only what changed
        cell.pop("metadata", None)
        cell.metadata = {}
        for output in cell.get("outputs", []):
            output.get("metadata", {}).clear()
    nbformat.validate(notebook)
    NOTEBOOK.write_text(nbformat.writes(notebook) + "\n", encoding="utf-8")
    print(f"wrote {NOTEBOOK}")


if __name__ == "__main__":
    main()
