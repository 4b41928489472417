"""The LaTeX writer's products: fractions, coefficients, signs and dots, laid out as
``layout`` decides (as the Unicode writer does): a part of ``LatexWriter``, kept apart
to keep it small."""

from __future__ import annotations

from .. import layout
from ..layout import MUL, NEG, POW
from . import latex_boxes as boxes
from .latex_boxes import Box, row


class Products(layout.KindWriter):
    """Mixed into ``LatexWriter``: uses its ``_write``, ``_fraction``, ``_digits`` and friends."""

    def _quotient(self, above, below) -> Box:
        negative = []

        def numerator() -> Box:
            top = self._product(above) if above else self._digits("1")
            if top.negative and top.precedence >= NEG:
                negative.append(True)
                return top.unsigned()
            return top

        def denominator() -> Box:
            under = [self._denominator(a, p) for a, p in below]
            if len(under) == 1:
                return under[0] if not self._inline else self._wrap(under[0], POW)
            factors: list[Box] = []
            for position, box in enumerate(under):
                factors += [self._cdot()] if position else []
                factors.append(self._wrap(box, MUL + 1))
            return self._group(row(factors, MUL)) if self._inline else row(factors, MUL)

        return self._signed(self._fraction(numerator, denominator), bool(negative))

    def _denominator(self, factor, path) -> Box:
        inner = self._write(factor.args[0], (*path, 0))
        if factor.args[1] == -1:
            return inner
        return boxes.decorated(inner, r"\sqrt{", "}", 0.85 * self._size)  # x^(−1/2): √x below

    def _fraction_over(self, number, above, below) -> Box:
        """(1/2)·(1/√z) is 1/(2√z)."""
        p, q = abs(int(number.p)), int(number.q)

        def top() -> Box:
            if not above:
                return self._digits(str(p))
            product = self._wrap(self._product(above), MUL)
            return product if p == 1 else row([self._digits(str(p)), product], MUL)

        def bottom() -> Box:
            under = [self._wrap(self._denominator(a, w), POW) for a, w in below]
            return row([self._digits(str(q)), *under], MUL)

        return self._signed(self._fraction(top, bottom), number < 0)

    def _fraction_times(self, number, rest) -> Box:
        """(1/2)·a is written a/2 and (−3/4)·a as −3a/4; (1/2)·(a + b) as ½ before it."""
        p, q = abs(int(number.p)), int(number.q)
        if all(layout.monomial_part(a) for a, _ in rest) or self._inline:

            def numerator() -> Box:
                product = self._wrap(self._product(rest), MUL)
                return product if p == 1 else row([self._digits(str(p)), product], MUL)

            box = self._fraction(numerator, lambda: self._digits(str(q)))
            return self._signed(box, number < 0)
        coefficient = self._fraction(lambda: self._digits(str(p)), lambda: self._digits(str(q)))
        product = self._product(rest)
        if product.precedence < MUL or product.negative:
            product = self._group(product)
        return self._signed(row([coefficient, product], MUL), number < 0)

    def _product(self, items) -> Box:
        items = layout.product_order(items)
        if len(items) == 1:
            return self._write(*items[0])
        if layout.leading_minus(items):
            rest = self._wrap(self._product(items[1:]), MUL)
            minus: Box = boxes.sign(self._size)
            if items[0][1] in self._marks:
                minus = boxes.colored(minus, self._marks[items[0][1]])
            return row([minus, rest], NEG)
        factors: list[Box] = []
        breaks = set()
        for position, (arg, where) in enumerate(items):
            box = self._write(arg, where)
            if layout.factor_brackets(position, box.precedence, box.negative):
                box = self._group(box)
            if position and not layout.juxtapose(items[position - 1][0], arg):
                breaks.add(len(factors))
                factors.append(self._cdot())
            factors.append(box)
        return row(factors, NEG if factors[0].negative else MUL, breaks)
