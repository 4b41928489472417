"""The LaTeX writer's pieces and conditions (cases, relations, and/or/not) and indices
(s_i, sums, Kronecker deltas): a part of ``LatexWriter``, kept apart to keep it small."""

from __future__ import annotations

import sympy as sp

from ..layout import ADD, ATOM, MUL, chained_inequality
from . import latex_boxes as boxes
from . import latex_widths as widths
from .latex_boxes import Box, atom, row
from .latex_names import RELATIONS, symbol_name


class PiecesAndIndices:
    """Mixed into ``LatexWriter``: uses its ``_write``, ``_atom``, ``_text`` and friends."""

    # --- pieces and conditions -------------------------------------------------------------------

    def _piecewise(self, expr, path) -> Box:
        pieces = []
        with self._style(fraction=True):  # cases sets its entries in text style
            for index, (formula, condition) in enumerate(expr.args):
                left = self._write(formula, (*path, index, 0))
                if condition == sp.true:
                    right = self._text("otherwise")
                else:
                    written = self._write(condition, (*path, index, 1))
                    if written.negative:  # braced, so "if −1 < z" keeps a unary minus
                        written = boxes.decorated(written, "{", "}", 0.0)
                    right = row([self._text("if "), atom(" ", 0.0), written], ADD)
                pieces.append((left, right))
        return boxes.cases(pieces)

    def _relation(self, expr, path) -> Box:
        left = self._write(expr.lhs, (*path, 0))
        right = self._write(expr.rhs, (*path, 1))
        relation = self._operator(RELATIONS.get(expr.rel_op, expr.rel_op), widths.RELATION)
        return row([left, relation, right], ADD)

    def _and(self, expr, path) -> Box:
        chained = chained_inequality(expr)
        if chained is None:
            return self._join(expr, path, r"\text{ and }", 2.0)
        lo, lo_op, middle, hi_op, hi = chained
        parts = [self._unmarked(x) for x in (lo, middle, hi)]
        ops = [self._operator(RELATIONS[op], widths.RELATION) for op in (lo_op, hi_op)]
        return row([parts[0], ops[0], parts[1], ops[1], parts[2]], ADD)

    def _not(self, expr, path) -> Box:
        return row([self._text("not "), atom(" ", 0.0), self._write(expr.args[0], (*path, 0))], ADD)

    def _join(self, expr, path, word: str, width: float) -> Box:
        items: list[Box] = []
        for index, argument in enumerate(expr.args):
            if index:
                items.append(self._atom(word, width))
            items.append(self._write(argument, (*path, index)))
        return row(items, ADD)

    # --- indices ---------------------------------------------------------------------------

    def _indexed(self, expr, path) -> Box:
        name, width = symbol_name(str(expr.base))
        index = "".join(self._unmarked(i).text for i in expr.indices)
        return self._atom(f"{name}_{{{index}}}", width + 0.4 * len(index))

    def _sum(self, expr, path) -> Box:
        (index, *_), *_ = expr.limits
        below = self._unmarked(index).text
        body = self._wrap(self._write(expr.function, (*path, 0)), MUL)
        return row([atom(rf"\sum_{{{below}}} ", 1.5 * self._size, ATOM, tall=True), body], MUL)

    def _delta(self, expr, path) -> Box:
        indices = "".join(self._unmarked(a).text for a in expr.args[:2])
        return self._atom(rf"\delta_{{{indices}}}", 0.45 + 0.4 * len(indices))
