"""Formulas as one line of Unicode maths, written exactly as the expression is built.

``write(expr)`` gives e.g. ``−(1 + e⁻ᶻ)⁻² · d/dz(1 + e⁻ᶻ)``: factors in the
order they were written, negative powers as powers and ``x^-1`` as a fraction,
so each step of a derivation looks like what it is (the choices are ``layout``'s,
shared with the LaTeX writer).  Parts can be marked (the part a step acts on, the
part it produced): a marked part comes back wrapped in markers (see ``marks``).
"""

from __future__ import annotations

from collections.abc import Mapping

import sympy as sp

from ..functions import ActivationFunction
from . import layout
from .layout import ADD, ATOM, MUL, NEG, POW
from .marks import MARK_END, MARK_START, strip_marks
from .unicode import GREEK, format_number, subscript, superscript

# Lecture names (ISO 80000-2 for the inverse hyperbolic functions).
_FUNCTION_NAMES = {
    "Heaviside": "H",
    "sign": "sgn",
    "atan": "arctan",
    "asin": "arcsin",
    "acos": "arccos",
    "asinh": "arsinh",
    "acosh": "arcosh",
    "atanh": "artanh",
    "Max": "max",
    "Min": "min",
    "LambertW": "W",  # Lambert's W: where max(z, e^-z) switches, W(1)
}
_RELATIONS = {"<": "<", ">": ">", "<=": "≤", ">=": "≥", "==": "=", "!=": "≠"}
_FLIPPED = {"<": ">", ">": "<", "<=": ">=", ">=": "<="}


class Writer(layout.KindWriter):
    """Writes expressions as one line of Unicode; ``marks`` are paths to wrap in markers."""

    def __init__(self, symbols: dict[str, str] | None = None, points: Mapping | None = None):
        # Extra names for symbols and functions, e.g. {"g": "σ"}.
        self.symbols = dict(symbols or {})
        # Names of numerically located points ({NumericRoot: "z₀"}, see render.points).
        self.points = dict(points or {})

    def write(self, expr: sp.Basic, marks: Mapping[tuple[int, ...], str] | None = None) -> str:
        self._marks = dict(marks or {})
        return self._write(expr, ())[0]

    # Each _write_* returns (text, precedence).
    def _write(self, expr: sp.Basic, path: tuple[int, ...]) -> tuple[str, int]:
        text, precedence = self._dispatch(expr, path)
        if path in self._marks:
            text = f"{MARK_START}{self._marks[path]}{text}{MARK_END}"
        return text, precedence

    def _unknown(self, expr):
        return sp.sstr(expr), ATOM

    def _number_symbol(self, expr, path):
        return {"pi": "π", "E": "e"}.get(str(expr), str(expr)), ATOM

    def _symbol(self, expr, path):
        return self._name(expr.name), ATOM

    def _abs(self, expr, path):
        return f"|{self._write(expr.args[0], (*path, 0))[0]}|", ATOM

    def _or(self, expr, path):
        return self._join(expr, path, " or "), ADD

    def _cube_root(self, expr, path):
        text, precedence = self._write(expr.args[0], (*path, 0))
        return f"∛{self._wrap(text, precedence, ATOM)}", ATOM

    def _numeric_root(self, expr, path):
        if expr in self.points:
            return self.points[expr], ATOM
        return sp.sstr(sp.Float(sp.N(expr, 10), 5)).replace("-", "−") + "…", ATOM

    def _indexed(self, expr, path):
        index = "".join(self.write_part(i) for i in expr.indices)
        lowered = subscript(index)
        name = self._name(str(expr.base))
        return (f"{name}{lowered}" if lowered else f"{name}[{index}]"), ATOM

    def _sum(self, expr, path):
        ((index, low, high),) = expr.limits
        below = subscript(self.write_part(index)) or f"_{self.write_part(index)}"
        text, precedence = self._write(expr.function, (*path, 0))
        body = self._wrap(text, precedence, MUL)
        return f"Σ{below} {body}", MUL

    def _delta(self, expr, path):
        indices = "".join(self.write_part(a) for a in expr.args[:2])
        lowered = subscript(indices)
        return (f"δ{lowered}" if lowered else f"δ({indices})"), ATOM

    def _name(self, name: str) -> str:
        if name in self.symbols:
            return self.symbols[name]
        return GREEK.get(name, name)

    def _number(self, expr, path):
        if expr == sp.oo:
            return "∞", ATOM
        if expr == -sp.oo:
            return "−∞", NEG
        text = format_number(expr)
        if expr < 0:
            return text, NEG
        return text, MUL if "/" in text else ATOM

    def _wrap(self, text: str, precedence: int, needed: int) -> str:
        return f"({text})" if precedence < needed else text

    def _add(self, expr, path):
        parts = []
        order = layout.sum_order(expr.args)
        for position, index in enumerate(order):
            text, precedence = self._write(expr.args[index], (*path, index))
            if layout.subtracted(position, precedence, _negative(text)):
                parts.append(f" − {text.replace('−', '', 1)}")
            elif position:
                parts.append(f" + {self._wrap(text, precedence, ADD + 1)}")
            else:  # a sum leading a sum keeps its brackets: (a + b) + c is not yet a + b + c
                parts.append(self._wrap(text, precedence, ADD + 1))
        return "".join(parts), ADD

    def _quotient(self, above, below):
        top, top_prec = self._product(above) if above else ("1", ATOM)
        negative = _negative(top) and top_prec >= NEG
        if negative:
            top, top_prec = top.replace("−", "", 1), MUL
        under = [self._denominator(a, p) for a, p in below]
        if len(under) == 1:
            bottom = self._wrap(under[0][0], under[0][1], POW)
        else:
            bottom = "(" + " · ".join(self._wrap(t, p, MUL + 1) for t, p in under) + ")"
        text = f"{self._wrap(top, top_prec, MUL)}/{bottom}"
        return ("−" + text, NEG) if negative else (text, MUL)

    def _fraction_over(self, number, above, below):
        """(1/2)·(1/√z) is 1/(2√z)."""
        p, q = int(number.p), int(number.q)
        top = str(abs(p))
        if above:
            top, top_prec = self._product(above)
            top = self._wrap(top, top_prec, MUL)
            top = top if abs(p) == 1 else f"{abs(p)} · {top}"
        under = [self._denominator(a, w) for a, w in below]
        bottom = str(q) + "".join(self._wrap(t, pr, POW) for t, pr in under)
        text = f"{top}/({bottom})"
        return (f"−{text}", NEG) if p < 0 else (text, MUL)

    def _fraction_times(self, number, rest):
        """(1/2)·a is written a/2 and (−3/4)·a as −3a/4, never 1/2a."""
        p, q = int(number.p), int(number.q)
        text, precedence = self._product(rest)
        if any(isinstance(a, sp.Derivative) for a, _ in rest):
            text = f"({text})"  # (d/dz z)/4, not d/dz z/4
        else:
            text = self._wrap(text, precedence, MUL)
        if abs(p) != 1:
            text = f"{abs(p)}{text}" if rest[0][0].is_Symbol else f"{abs(p)} · {text}"
        return (f"−{text}/{q}", NEG) if p < 0 else (f"{text}/{q}", MUL)

    def _denominator(self, factor, path):
        if factor.args[1] == -1:
            return self._write(factor.args[0], (*path, 0))
        text, precedence = self._write(factor.args[0], (*path, 0))  # x^(−1/2): √x below
        return f"√{self._wrap(text, precedence, ATOM)}", ATOM

    def _product(self, items):
        items = layout.product_order(items)
        if len(items) == 1:
            return self._write(*items[0])
        if layout.leading_minus(items):
            rest_text, rest_prec = self._product(items[1:])
            kind = self._marks.get(items[0][1])
            minus = f"{MARK_START}{kind}−{MARK_END}" if kind else "−"
            return minus + self._wrap(rest_text, rest_prec, MUL), NEG
        pieces: list[str] = []
        for position, (arg, where) in enumerate(items):
            text, precedence = self._write(arg, where)
            if layout.factor_brackets(position, precedence, _negative(text)):
                text = f"({text})"
            if position and layout.juxtapose(items[position - 1][0], arg):
                pieces.append(text)
            else:
                pieces.append((" · " if position else "") + text)
        precedence = NEG if _negative(pieces[0]) else MUL
        return "".join(pieces), precedence

    def _pow(self, expr, path):
        base, exponent = expr.args
        if exponent == -1:
            text, precedence = self._write(base, (*path, 0))
            return f"1/{self._wrap(text, precedence, POW)}", MUL
        if exponent == sp.S.Half:
            text, precedence = self._write(base, (*path, 0))
            return f"√{self._wrap(text, precedence, ATOM)}", ATOM
        exponent_text, exponent_prec = self._write(exponent, (*path, 1))
        raised = superscript(exponent_text) if MARK_START not in exponent_text else None
        if (
            isinstance(base, sp.Function)
            and getattr(base.func, "__name__", "") in layout.POWER_BEFORE_ARGUMENT
            and exponent.is_Integer
            and exponent > 0
            and raised
        ):
            inner = self._write(base.args[0], (*path, 0, 0))[0]
            name = self._function_name(base)
            return f"{name}{raised}({inner})", ATOM
        base_text, base_prec = self._write(base, (*path, 0))
        base_text = self._wrap(base_text, base_prec, ATOM)
        if raised:
            return f"{base_text}{raised}", POW
        return f"{base_text}^{self._wrap(exponent_text, exponent_prec, ATOM)}", POW

    def _exp(self, expr, path):
        text, precedence = self._write(expr.args[0], (*path, 0))
        simple = MARK_START not in text and len(text) <= 6 and "(" not in text
        raised = superscript(text) if simple else None
        if raised:
            return f"e{raised}", POW
        if MARK_START not in text and len(text) <= 3:
            return f"e^({text})", POW  # e^(zᵢ)
        return f"exp({text})", ATOM

    def _derivative(self, expr, path):
        by = expr.args[1][0]
        variable = self.write_part(by)
        # d/dz for the variable itself; ∂ for a parameter or one component of a vector
        d = "d" if getattr(by, "name", "") in layout.VARIABLES else "∂"
        text, precedence = self._write(expr.args[0], (*path, 0))
        bare = precedence >= POW and not _negative(text)
        return (f"{d}/{d}{variable} {text}" if bare else f"{d}/{d}{variable}({text})"), ATOM

    def _piecewise(self, expr, path):
        branches = []
        for index, (formula, cond) in enumerate(expr.args):
            text = self._write(formula, (*path, index, 0))[0]
            if cond == sp.true:
                branches.append(f"{text} otherwise")
            else:
                branches.append(f"{text} if {self._write(cond, (*path, index, 1))[0]}")
        return "{" + "; ".join(branches) + "}", ATOM

    def _relation(self, expr, path):
        lhs, rhs, op = expr.lhs, expr.rhs, expr.rel_op
        if _has_variable(rhs) and not _has_variable(lhs):  # λ < z is read z > λ
            lhs, rhs, op = rhs, lhs, _FLIPPED.get(op, op)
        if lhs.is_Mul and lhs.args[0] == -1 and not _has_variable(rhs):  # −z > λ: z < −λ
            lhs, rhs, op = -lhs, -rhs, _FLIPPED.get(op, op)
        left, right = self.write_part(lhs), self.write_part(rhs)
        return f"{left} {_RELATIONS.get(op, op)} {right}", ADD

    def write_part(self, expr) -> str:
        """A sub-expression written on its own (its marks, if any, are not kept)."""
        saved, self._marks = self._marks, {}
        try:
            return self._write(expr, ())[0]
        finally:
            self._marks = saved

    def _and(self, expr, path):
        chained = layout.chained_inequality(expr)
        if chained is not None:
            lo, lo_op, middle, hi_op, hi = chained
            parts = [self._write(x, ())[0] for x in (lo, middle, hi)]
            ops = [_RELATIONS[op] for op in (lo_op, hi_op)]
            return f"{parts[0]} {ops[0]} {parts[1]} {ops[1]} {parts[2]}", ADD
        return self._join(expr, path, " and "), ADD

    def _join(self, expr, path, word):
        return word.join(self._write(a, (*path, i))[0] for i, a in enumerate(expr.args))

    def _function_name(self, expr) -> str:
        if isinstance(expr, ActivationFunction):
            return self.symbols.get(expr.func.__name__, expr.func.activation.symbol)
        name = getattr(expr.func, "__name__", str(expr.func))
        return self._name(_FUNCTION_NAMES.get(name, name))

    def _function(self, expr, path):
        arguments = ", ".join(self._write(a, (*path, i))[0] for i, a in enumerate(expr.args))
        return f"{self._function_name(expr)}({arguments})", ATOM


def _has_variable(expr: sp.Basic) -> bool:
    return any(getattr(s, "name", "") in layout.VARIABLES for s in expr.free_symbols)


def _negative(text: str) -> bool:
    """Whether written text starts with a minus sign (marks ignored)."""
    return strip_marks(text).startswith("−")


def write(expr: sp.Basic, marks: Mapping[tuple[int, ...], str] | None = None, **symbols) -> str:
    """``expr`` as one line of Unicode maths."""
    return Writer(symbols).write(expr, marks)
