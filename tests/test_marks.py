"""Marked parts of a formula: which paths a step marks, and marked text read back."""

from __future__ import annotations

from types import SimpleNamespace

import sympy as sp

from derivations.render.marks import MARK_END, MARK_START, split_marks, step_marks, strip_marks
from derivations.render.notation import Writer

z = sp.Symbol("z", real=True)


def test_a_step_marks_what_it_produced_and_what_the_next_acts_on():
    step, following, move = (SimpleNamespace(path=p) for p in [(0,), (1, 0), None])
    assert step_marks(step, following, "n", "t") == {(0,): "n", (1, 0): "t"}
    assert step_marks(move, None, "n", "t") == {}


def test_marked_text_reads_back_as_pieces_with_their_kinds():
    text = f"a + {MARK_START}t b · {MARK_START}n c{MARK_END}{MARK_END}"
    assert split_marks(text) == [
        ("a + ", frozenset()),
        (" b · ", frozenset("t")),
        (" c", frozenset("tn")),
    ]
    assert strip_marks(text) == "a +  b ·  c"


def test_the_writer_marks_a_part_by_its_path():
    text = Writer().write(sp.Add(z, sp.exp(z), evaluate=False), {(1,): "t"})
    assert split_marks(text) == [("z + ", frozenset()), ("eᶻ", frozenset("t"))]
