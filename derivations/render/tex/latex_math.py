"""Formulas in LaTeX, written exactly as the expression is built: the twin of ``notation``.

The same choices as the one-line Unicode writer (both take them from ``layout``), in
lecture notation: ``x^-1`` factors become ``\\frac``, negative powers stay powers,
factors and terms keep their order, a pending derivative is ``\\frac{d}{dz}``.  The
writer builds boxes (``latex_boxes``) so long formulas can be broken across lines; a
marked sub-expression (addressed by its path of argument indices) is coloured.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from contextlib import contextmanager

import sympy as sp

from ...functions import ActivationFunction
from .. import layout
from ..layout import ADD, ATOM, MUL, NEG, POW
from ..unicode import format_number
from . import latex_boxes as boxes
from . import latex_widths as widths
from .latex_boxes import Box, atom, group, row, wrap
from .latex_names import function_name, symbol_name
from .latex_pieces import PiecesAndIndices
from .latex_products import Products
from .latex_text import latex_text, text_width

EXP_WIDTH_LIMIT = 5.0  # em: a longer exponent of e is written \exp(…)


class LatexWriter(PiecesAndIndices, Products):
    """Writes expressions as LaTeX boxes; ``marks`` are paths to colour (kind -> colour)."""

    def __init__(self, g_symbol: str = "g", exp_function: bool = False, points=None):
        self.g_symbol = g_symbol  # how g(z) is written: "g", or an activation's "σ", "ReLU"
        self.exp_function = exp_function  # \exp(x) instead of e^{x}
        self.points = dict(points or {})  # {NumericRoot: "z_{0}"}, see render.points
        self._marks: dict[tuple[int, ...], str] = {}
        self._size = 1.0
        self._display = True
        self._inline = False  # fractions as a/b (in exponents)

    def write(self, expr: sp.Basic) -> str:
        return self.box(expr).text

    def box(
        self,
        expr: sp.Basic,
        marks: Mapping[tuple[int, ...], str] | None = None,
        display: bool = True,
    ) -> Box:
        """``expr`` as a box; ``marks`` maps paths to colours."""
        self._marks = dict(marks or {})
        self._size, self._display, self._inline = 1.0, display, False
        return self._write(expr, ())

    @contextmanager
    def _style(self, script: bool = False, fraction: bool = False):
        saved = self._size, self._display, self._inline
        if script:
            self._size = widths.SCRIPT if self._size == 1.0 else widths.SCRIPTSCRIPT
            self._display, self._inline = False, True
        if fraction:
            if not self._display:
                self._size = widths.SCRIPT if self._size == 1.0 else widths.SCRIPTSCRIPT
            self._display = False
        try:
            yield
        finally:
            self._size, self._display, self._inline = saved

    # --- small pieces ------------------------------------------------------------------

    def _atom(self, tex: str, width: float, precedence: int = ATOM) -> Box:
        return atom(tex, width * self._size, precedence)

    def _operator(self, tex: str, spaced: float, glyph: float = 0.78) -> Box:
        # Binary operators and relations lose their spaces in sub- and superscripts.
        width = spaced if self._size == 1.0 else glyph * self._size
        return atom(f" {tex} ", width, ADD)

    def _plus(self) -> Box:
        return self._operator("+", widths.BINARY)

    def _minus(self) -> Box:
        return self._operator("-", widths.BINARY)

    def _cdot(self) -> Box:
        return self._operator(r"\cdot", widths.CDOT, 0.28)

    def _signed(self, box: Box, negative: bool) -> Box:
        """``box`` after a leading minus sign when ``negative``."""
        return row([boxes.sign(self._size), box], NEG) if negative else box

    def _group(self, inner: Box, left: str = "(", right: str = ")") -> Box:
        return group(inner, self._size, left, right)

    def _wrap(self, box: Box, needed: int) -> Box:
        return wrap(box, needed, self._size)

    def _fraction(self, numerator: Callable[[], Box], denominator: Callable[[], Box]) -> Box:
        with self._style(fraction=True):
            top, bottom = numerator(), denominator()
        if self._inline:
            items = [self._wrap(top, MUL), self._atom("/", 0.5), self._wrap(bottom, POW)]
            return row(items, MUL)
        return boxes.fraction(top, bottom, self._size)

    def _superscript(self, write: Callable[[], Box]) -> Box:
        with self._style(script=True):
            inner = write()
        return boxes.decorated(inner, "^{", "}", widths.SUPERSCRIPT_SPACE)

    # --- dispatch ----------------------------------------------------------------------

    def _write(self, expr: sp.Basic, path: tuple[int, ...]) -> Box:
        box = self._dispatch(expr, path)
        if path in self._marks:
            box = boxes.colored(box, self._marks[path])
        return box

    def _unknown(self, expr) -> Box:
        tex = sp.latex(expr)
        return self._atom(tex, 0.5 * len(tex))

    def _symbol(self, expr, path) -> Box:
        return self._atom(*symbol_name(expr.name))

    def _abs(self, expr, path) -> Box:
        return self._group(self._write(expr.args[0], (*path, 0)), "|", "|")

    def _or(self, expr, path) -> Box:
        return self._join(expr, path, r"\text{ or }", 1.4)

    def _true(self, expr, path) -> Box:
        return self._text("always")

    def _false(self, expr, path) -> Box:
        return self._text("never")

    def _unmarked(self, expr: sp.Basic) -> Box:
        """A part written whole, without marks (a chained condition, an index)."""
        marks, self._marks = self._marks, {}
        try:
            return self._write(expr, ())
        finally:
            self._marks = marks

    def _text(self, words: str) -> Box:
        return self._atom(rf"\text{{{latex_text(words)}}}", text_width(words))

    # --- numbers and symbols -------------------------------------------------------------

    def _number(self, expr, path) -> Box:
        if expr in (sp.oo, -sp.oo):
            infinity = self._atom(r"\infty", 1.0)
            return self._signed(infinity, expr < 0)
        if expr is sp.nan or expr is sp.zoo:
            return self._text("undefined")
        text = format_number(expr).replace("−", "")
        if "e" in text:  # 1.0e-7 -> 1.0 · 10^{-7}
            mantissa, exponent = text.split("e")
            box = row([self._digits(mantissa), self._cdot(), self._power_of_ten(exponent)], MUL)
        elif "/" in text:
            p, q = text.split("/")
            box = self._fraction(lambda: self._digits(p), lambda: self._digits(q))
        else:
            box = self._digits(text)
        return self._signed(box, expr < 0)

    def _numeric_root(self, expr, path) -> Box:
        """A point located numerically: its name (z_0), or its first digits."""
        if expr in self.points:
            name = self.points[expr]
            return self._atom(name, 1.0)
        return self._number(sp.Float(sp.N(expr, 10), 5), path)

    def decimal(self, text: str) -> Box:
        """A decimal written as given ("0.65904", "−2.9847")."""
        negative = text.startswith(("−", "-"))
        return self._signed(self._digits(text[1:] if negative else text), negative)

    def _digits(self, text: str) -> Box:
        return self._atom(text, widths.roman_width(text))

    def _power_of_ten(self, exponent: str) -> Box:
        exponent = exponent.replace("+", "").lstrip("0") or "0"
        ten = self._digits("10")
        power = self._superscript(lambda: self._digits(exponent))
        return row([ten, power], POW)

    def _number_symbol(self, expr, path) -> Box:
        if expr is sp.pi:
            return self._atom(r"\pi", widths.GREEK_WIDTH)
        if expr is sp.E:
            return self._atom("e", widths.italic_width("e"))
        tex = sp.latex(expr)
        return self._atom(tex, 0.6 * len(tex))

    # --- sums (products: latex_products) ----------------------------------------------------

    def _add(self, expr, path) -> Box:
        order = layout.sum_order(expr.args)
        items: list[Box] = []
        breaks = set()
        for position, index in enumerate(order):
            term = self._write(expr.args[index], (*path, index))
            if layout.subtracted(position, term.precedence, term.negative):
                breaks.add(len(items))
                items += [self._minus(), term.unsigned()]
            elif position:
                breaks.add(len(items))
                items += [self._plus(), self._wrap(term, ADD + 1)]
            else:  # a sum leading a sum keeps its brackets: (a + b) + c is not yet a + b + c
                items.append(self._wrap(term, ADD + 1))
        return row(items, ADD, breaks)

    # --- powers and functions ------------------------------------------------------------------

    def _pow(self, expr, path) -> Box:
        base, exponent = expr.args
        if exponent == -1:
            return self._fraction(lambda: self._digits("1"), lambda: self._write(base, (*path, 0)))
        if exponent == sp.S.Half:
            inner = self._write(base, (*path, 0))
            return boxes.decorated(inner, r"\sqrt{", "}", 0.85 * self._size)
        name = self._power_first_name(base)
        if name is not None and exponent.is_Integer and exponent > 0:
            raised = self._superscript(lambda: self._write(exponent, (*path, 1)))
            label = atom(name[0] + raised.text, name[1] * self._size + raised.width)
            return row([label, self._group(self._write(base.args[0], (*path, 0, 0)))], ATOM)
        lower = self._wrap(self._write(base, (*path, 0)), ATOM)
        raised = self._superscript(lambda: self._write(exponent, (*path, 1)))
        return row([lower, raised], POW)

    def _power_first_name(self, base) -> tuple[str, float] | None:
        """tanh²(z), not (tanh(z))²: the name of such a function, else None."""
        if not isinstance(base, sp.Function) or len(base.args) != 1:
            return None
        name = getattr(base.func, "__name__", "")
        if name in layout.POWER_BEFORE_ARGUMENT:
            return function_name(name)
        if name == "g" and self.g_symbol in layout.POWER_BEFORE_ARGUMENT:
            return function_name(self.g_symbol)
        return None

    def _cube_root(self, expr, path) -> Box:
        inner = self._write(expr.args[0], (*path, 0))
        return boxes.decorated(inner, r"\sqrt[3]{", "}", 1.1 * self._size)

    def _exp(self, expr, path) -> Box:
        argument = expr.args[0]
        if not self.exp_function and not argument.has(sp.Derivative, sp.Piecewise):
            raised = self._superscript(lambda: self._write(argument, (*path, 0)))
            if raised.width <= EXP_WIDTH_LIMIT and not raised.tall:
                return row([self._atom("e", widths.italic_width("e")), raised], POW)
        inner = self._write(argument, (*path, 0))
        return row(
            [self._atom(r"\exp", widths.roman_width("exp") + 0.17), self._group(inner)], ATOM
        )

    def _derivative(self, expr, path) -> Box:
        (by, count), *_ = expr.variable_count
        variable = self._unmarked(by)
        # d/dz for the variable itself; ∂ for a parameter or one component of a vector
        d = "d" if getattr(by, "name", "") in layout.VARIABLES else r"\partial "
        power = f"^{{{count}}}" if count != 1 else ""
        tex = rf"\frac{{{d}{power}}}{{{d}{variable.text}{power}}}".replace(" }", "}")
        below = 0.52 + variable.width  # "dz" (or "∂a") under the bar sets the width
        width = (below if self._display else widths.SCRIPT * below) + widths.FRACTION_SIDES
        operator = atom(tex, width * self._size, ATOM, tall=True)
        inner = self._write(expr.args[0], (*path, 0))
        if inner.precedence >= POW and not inner.negative:
            return row([operator, atom(" ", 0.0), inner], ATOM)
        return row([operator, self._group(inner)], ATOM)

    def _function(self, expr, path) -> Box:
        name = getattr(expr.func, "__name__", str(expr.func))
        arguments = list(enumerate(expr.args))
        if isinstance(expr, ActivationFunction):
            tex, width = function_name(expr.func.activation.symbol)
        elif name == "g":
            tex, width = function_name(self.g_symbol)
        else:
            tex, width = function_name(name)
        if isinstance(expr, sp.Heaviside):
            arguments = arguments[:1]  # H(0) is a convention, stated with the kinks
        items: list[Box] = []
        for position, (index, argument) in enumerate(arguments):
            if position:
                items.append(self._atom(", ", widths.COMMA))
            items.append(self._write(argument, (*path, index)))
        return row([self._atom(tex, width), self._group(row(items, ADD))], ATOM)


def latex(expr: sp.Basic, g_symbol: str = "g", exp_function: bool = False) -> str:
    """``expr`` as LaTeX maths, written as built."""
    return LatexWriter(g_symbol, exp_function).write(expr)
