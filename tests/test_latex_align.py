"""Fitting an align block's rows to the text width: formulas broken, notes wrapped."""

from __future__ import annotations

from derivations.render.tex.latex import align_block
from derivations.render.tex.latex_align import AlignRow, layout, words
from derivations.render.tex.latex_boxes import atom

from .derived import derived

NOTE = "the quick brown fox jumps over the lazy dog and then some more words to wrap around"


def test_a_long_note_is_wrapped_beside_a_wide_formula_and_kept_whole_when_it_fits():
    row = AlignRow("g(z)", 1.5, "=", atom("x", 20.0), words(NOTE))
    narrow = layout([row])
    assert narrow[0] == "g(z) &= x && \\text{the quick brown}"
    assert all(line.startswith("& && \\text{") for line in narrow[1:])
    assert " ".join(line.split("{")[1].rstrip("}") for line in narrow) == NOTE
    assert layout([row], 100.0) == [f"g(z) &= x && \\text{{{NOTE}}}"]


def test_long_derivations_are_broken_into_rows_that_fit():
    block = align_block(derived("tanh", from_definition=True))
    continued = [r for r in block.splitlines() if r.startswith("  &\\quad {} ")]
    assert continued, "the quotient rule's rows are too long for one line"
    assert "\\biggl[" in block and "\\biggr]" in block


def test_a_long_result_is_one_box_around_its_lines():
    last = align_block(derived("mish")).splitlines()[-2]
    assert last.startswith(
        "  &= \\boxed{\\begin{aligned} &\\tanh(\\log(1 + e^{z})) \\\\ &\\quad {} + z"
    )
    assert last.endswith("\\end{aligned}} && \\text{drop the factors of 1}")
    stacked = align_block(derived("selu")).splitlines()[-4]  # the form in g: stacked cases
    assert stacked.startswith(
        "  &= \\boxed{\\begin{cases} \\alpha \\cdot \\mathit{scale} + g(z) \\\\ \\quad"
    )
