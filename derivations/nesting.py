"""How deeply a formula may nest, and the room to recurse that working on one needs.

The limit is on the expression tree a formula builds (``tree_depth``): redundant
brackets and signs build nothing, so ``((((z))))`` is as deep as ``z``.  SymPy,
the prover and the renderers recurse over that tree with several Python frames per
level, so a formula ``MAX_DEPTH`` deep needs more than Python's default 1,000
frames; ``recursion_room`` raises the limit to ``RECURSION_LIMIT`` while we work,
a depth the main thread's C stack holds comfortably (measured: SymPy recursing
through C calls overflows an 8 MB stack only beyond 20,000 frames).
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator, MutableMapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # only annotations: the command line starts without SymPy
    import sympy as sp

MAX_DEPTH = 120  # levels of the expression tree: e.g. 120 nested functions
MAX_SYNTAX_DEPTH = 300  # brackets, signs and calls the reader may be inside at once
RECURSION_LIMIT = 10_000


@contextlib.contextmanager
def recursion_room() -> Iterator[None]:
    """Python's recursion limit at least RECURSION_LIMIT inside the block."""
    previous = sys.getrecursionlimit()
    if previous >= RECURSION_LIMIT:
        yield
        return
    sys.setrecursionlimit(RECURSION_LIMIT)
    try:
        yield
    finally:
        sys.setrecursionlimit(previous)


def tree_depth(expr: sp.Basic, known: MutableMapping[sp.Basic, int] | None = None) -> int:
    """Levels of ``expr`` above its atoms (z is 0, tanh(z) is 1), without recursing.

    ``known`` remembers the depth of subtrees already measured, so a reader that
    measures each node as it builds it does linear work in all.
    """
    known = {} if known is None else known
    stack = [expr]
    while stack:
        node = stack[-1]
        if node in known:
            stack.pop()
            continue
        waiting = [a for a in node.args if a not in known]
        if waiting:
            stack.extend(waiting)
            continue
        known[node] = 1 + max((known[a] for a in node.args), default=-1)
        stack.pop()
    return known[expr]
