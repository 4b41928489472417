"""Formulas as one line of Unicode maths, written exactly as the expression is built.

``write(expr)`` gives e.g. ``−(1 + e⁻ᶻ)⁻² · d/dz(1 + e⁻ᶻ)``: factors in the
order they were written, negative powers as powers and ``x^-1`` as a fraction,
so each step of a derivation looks like what it is.  Parts can be marked (the
part a step acts on, the part it produced): a marked part comes back as
MARK_START + one kind letter + text + MARK_END; ``split_marks`` reads that.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import sympy as sp

from ..elementary import RealCbrt
from ..functions import ActivationFunction
from ..names import GREEK as GREEK_BY_NAME
from ..numeric_root import NumericRoot

MARK_START, MARK_END = "\x02", "\x03"

ADD, NEG, MUL, POW, ATOM = 10, 15, 20, 30, 40

_SUPERSCRIPT = str.maketrans(
    "0123456789+−-=()abcdefghijklmnoprstuvwxyzαβγθ.",
    "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁻⁼⁽⁾ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻᵅᵝᵞᶿ·",
)
_HAS_SUPERSCRIPT = set("0123456789+−-=()abcdefghijklmnoprstuvwxyzαβγθ.")

# Symbol names shown as their letter (λ as PyTorch and SymPy spell it too).
GREEK = {
    **{name: letter for name, letter in GREEK_BY_NAME.items() if name != "pi"},
    "lamda": "λ",
    "lambd": "λ",
}

# Functions written f²(u) rather than (f(u))².
_POWER_BEFORE_ARGUMENT = {
    *("tanh", "sinh", "cosh", "sech", "csch", "coth"),
    *("sin", "cos", "tan", "log"),
}
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
_VARIABLES = {"z", "x"}  # written first in a condition: z > λ rather than λ < z


_SUBSCRIPT = str.maketrans("0123456789+−-aehijklmnoprstuvx", "₀₁₂₃₄₅₆₇₈₉₊₋₋ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓ")


def subscript(text: str) -> str | None:
    """``text`` in subscript characters, or None if some character has none."""
    if not text or any(c not in "0123456789+−-aehijklmnoprstuvx" for c in text):
        return None
    return text.translate(_SUBSCRIPT)


def superscript(text: str) -> str | None:
    """``text`` in superscript characters, or None if some character has none."""
    if not text or any(c not in _HAS_SUPERSCRIPT for c in text):
        return None
    return text.translate(_SUPERSCRIPT)


def format_number(number: sp.Number) -> str:
    """Exact numbers as people write them: 1/100 as 0.01, 1/4 as 1/4, -2 with a real minus."""
    sign = "−" if number < 0 else ""
    number = abs(number)
    if number.is_Integer:
        return f"{sign}{number}"
    if number.is_Rational:
        p, q = int(number.p), int(number.q)
        twos = fives = 0
        while q % 2 == 0:
            q //= 2
            twos += 1
        while q % 5 == 0:
            q //= 5
            fives += 1
        if q == 1 and fives > 0:  # 1/100 -> 0.01, but 1/4 stays a fraction
            return sign + _decimal(p, int(number.q), max(twos, fives))
        return f"{sign}{number.p}/{number.q}"
    return sign + sp.sstr(sp.Float(number, 15))


def _decimal(p: int, q: int, digits: int) -> str:
    scaled = p * 10**digits // q
    whole, frac = divmod(scaled, 10**digits)
    return f"{whole}.{frac:0{digits}d}".rstrip("0").rstrip(".")


class Writer:
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

    def _dispatch(self, expr, path):
        for kind, method in self._table():
            if isinstance(expr, kind):
                return method(expr, path)
        return sp.sstr(expr), ATOM

    def _table(self) -> list[tuple[type, Callable]]:
        return [
            (NumericRoot, self._numeric_root),
            (sp.Number, self._number),
            (sp.NumberSymbol, lambda e, p: ({"pi": "π", "E": "e"}.get(str(e), str(e)), ATOM)),
            (sp.Symbol, lambda e, p: (self._name(e.name), ATOM)),
            (sp.Add, self._add),
            (sp.Mul, self._mul),
            (sp.Pow, self._pow),
            (sp.exp, self._exp),
            (sp.Derivative, self._derivative),
            (sp.Piecewise, self._piecewise),
            (sp.Abs, lambda e, p: (f"|{self._write(e.args[0], (*p, 0))[0]}|", ATOM)),
            (sp.core.relational.Relational, self._relation),
            (sp.And, self._and),
            (sp.Or, lambda e, p: (self._join(e, p, " or "), ADD)),
            (sp.Indexed, self._indexed),
            (sp.Sum, self._sum),
            (sp.KroneckerDelta, self._delta),
            (RealCbrt, self._cube_root),
            (sp.Function, self._function),
            ((sp.Max, sp.Min), self._function),
        ]

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
        order = sum_order(expr.args)
        for position, index in enumerate(order):
            text, precedence = self._write(expr.args[index], (*path, index))
            if position and _negative(text) and precedence >= NEG:
                parts.append(f" − {text.replace('−', '', 1)}")
            elif position:
                parts.append(f" + {self._wrap(text, precedence, ADD + 1)}")
            else:  # a sum leading a sum keeps its brackets: (a + b) + c is not yet a + b + c
                parts.append(self._wrap(text, precedence, ADD + 1))
        return "".join(parts), ADD

    def _mul(self, expr, path):
        items = factors(expr, path, self._marks)
        if leads_with_fraction(items):
            return self._rational_times(items)
        if any(a.is_Mul for a, _ in items):
            # A product of written-out pieces (fractions among them): keep each piece whole.
            return self._product(items)
        tops = [(a, p) for a, p in items if not _below(a)]
        bottoms = [(a, p) for a, p in items if _below(a)]
        if not bottoms:
            return self._product(tops)
        top, top_prec = self._product(tops) if tops else ("1", ATOM)
        negative = _negative(top) and top_prec >= NEG
        if negative:
            top, top_prec = top.replace("−", "", 1), MUL
        below = [self._denominator(a, p) for a, p in bottoms]
        if len(below) == 1:
            bottom = self._wrap(below[0][0], below[0][1], POW)
        else:
            bottom = "(" + " · ".join(self._wrap(t, p, MUL + 1) for t, p in below) + ")"
        text = f"{self._wrap(top, top_prec, MUL)}/{bottom}"
        return ("−" + text, NEG) if negative else (text, MUL)

    def _rational_times(self, items):
        """(1/2)·a is written a/2 and (−3/4)·a as −3a/4, never 1/2a."""
        p, q = int(items[0][0].p), int(items[0][0].q)
        rest = items[1:]
        bottoms = [(a, w) for a, w in rest if _below(a)]
        if bottoms and not any(isinstance(a, sp.Derivative) for a, _ in rest):
            # (1/2)·(1/√z) is 1/(2√z): the number joins the denominator.
            tops = [(a, w) for a, w in rest if not _below(a)]
            top = str(abs(p))
            if tops:
                top, top_prec = self._product(tops)
                top = self._wrap(top, top_prec, MUL)
                top = top if abs(p) == 1 else f"{abs(p)} · {top}"
            below = [self._denominator(a, w) for a, w in bottoms]
            bottom = str(q) + "".join(self._wrap(t, pr, POW) for t, pr in below)
            text = f"{top}/({bottom})"
            return (f"−{text}", NEG) if p < 0 else (text, MUL)
        text, precedence = self._product(items[1:])
        if any(isinstance(a, sp.Derivative) for a, _ in items):
            text = f"({text})"  # (d/dz z)/4, not d/dz z/4
        else:
            text = self._wrap(text, precedence, MUL)
        if abs(p) != 1:
            text = f"{abs(p)}{text}" if items[1][0].is_Symbol else f"{abs(p)} · {text}"
        return (f"−{text}/{q}", NEG) if p < 0 else (f"{text}/{q}", MUL)

    def _denominator(self, factor, path):
        if factor.args[1] == -1:
            return self._write(factor.args[0], (*path, 0))
        text, precedence = self._write(factor.args[0], (*path, 0))  # x^(−1/2): √x below
        return f"√{self._wrap(text, precedence, ATOM)}", ATOM

    def _product(self, items):
        if all(_monomial_part(a) for a, _ in items):
            # 0.01z, az, 2az²: numbers, then parameters, then the variable.
            items = sorted(items, key=lambda item: _monomial_rank(item[0]))
        if len(items) == 1:
            return self._write(*items[0])
        (first, first_path), (second, _) = items[0], items[1]
        if first == -1 and not second.is_Number:
            rest_text, rest_prec = self._product(items[1:])
            kind = self._marks.get(first_path)
            minus = f"{MARK_START}{kind}−{MARK_END}" if kind else "−"
            return minus + self._wrap(rest_text, rest_prec, MUL), NEG
        pieces: list[str] = []
        for position, (arg, where) in enumerate(items):
            text, precedence = self._write(arg, where)
            needs_brackets = precedence < MUL or _negative(text) if position else precedence < NEG
            if needs_brackets:
                text = f"({text})"
            if position and self._juxtapose(items[position - 1][0], arg):
                pieces.append(text)
            else:
                pieces.append((" · " if position else "") + text)
        precedence = NEG if _negative(pieces[0]) else MUL
        return "".join(pieces), precedence

    @staticmethod
    def _juxtapose(left: sp.Basic, right: sp.Basic) -> bool:
        """2z, az and g(z)(1 − g(z)) read better without a dot."""
        if left.is_Number and abs(left) == 1:
            return False  # 1 · z stays visible until a move drops it
        if _monomial_part(left) and _monomial_part(right) and not right.is_Number:
            if left.is_Number:
                return right.args[1:2] != (sp.S.NegativeOne,)
            return _short_symbol(left) and _short_symbol(right)
        if left.is_Number:
            base = right.args[0] if right.is_Pow else right
            lettered = isinstance(base, (sp.Function, sp.exp))
            return bool(lettered and not isinstance(base, sp.Derivative))
        named = isinstance(left, (sp.Function, sp.Indexed)) and not isinstance(left, sp.exp)
        return bool((named or left.is_Add) and right.is_Add)

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
            and getattr(base.func, "__name__", "") in _POWER_BEFORE_ARGUMENT
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
        d = "d" if getattr(by, "name", "") in _VARIABLES else "∂"
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
        chained = _chain(expr)
        if chained is not None:
            lo, lo_op, middle, hi_op, hi = chained
            parts = [self._write(x, ())[0] for x in (lo, middle, hi)]
            return f"{parts[0]} {lo_op} {parts[1]} {hi_op} {parts[2]}", ADD
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


def sum_order(terms) -> list[int]:
    """The order to write a sum's terms in: −1 + 2z as 2z − 1, −yⱼ + sⱼ as sⱼ − yⱼ."""
    order = list(range(len(terms)))
    if len(order) > 1 and terms[0].is_Number and terms[0] < 0:
        return order[1:] + order[:1]
    if len(order) > 1 and _leads_with_minus(terms[0]):
        positive = next((i for i in order if not _leads_with_minus(terms[i])), None)
        if positive is not None:
            return [positive] + [i for i in order if i != positive]
    return order


def factors(expr, path, marks) -> list[tuple[sp.Basic, tuple[int, ...]]]:
    """The factors to write, with their paths: a plain product inside a product is
    opened up (a·(b·c) reads a·b·c); fractions, signed or marked products stay whole."""
    items = []
    for index, arg in enumerate(expr.args):
        where = (*path, index)
        plain = arg.is_Mul and not any(f.is_Number or _below(f) for f in arg.args)
        if plain and where not in marks:
            items.extend(factors(arg, where, marks))
        else:
            items.append((arg, where))
    return items


def leads_with_fraction(items) -> bool:
    """A product led by its only number, a fraction: (1/2)·a, written a/2."""
    first = items[0][0]
    return bool(
        first.is_Rational
        and not first.is_Integer
        and "/" in format_number(first)
        and not any(a.is_Number for a, _ in items[1:])
    )


def _leads_with_minus(term: sp.Basic) -> bool:
    if term.is_Number:
        return bool(term < 0)
    return bool(term.is_Mul and term.args[0].is_Number and term.args[0] < 0)


def _below(factor: sp.Basic) -> bool:
    """A factor written under the fraction bar: x⁻¹, and x^(−1/2) as √x."""
    return bool(factor.is_Pow and factor.args[1] in (sp.S.NegativeOne, -sp.S.Half))


def _has_variable(expr: sp.Basic) -> bool:
    return any(getattr(s, "name", "") in _VARIABLES for s in expr.free_symbols)


def _monomial_part(x: sp.Basic) -> bool:
    if x.is_Number or x.is_Symbol:
        return True
    return bool(x.is_Pow and x.args[0].is_Symbol and x.args[1].is_Integer and x.args[1] > 0)


def _monomial_rank(x: sp.Basic) -> tuple[int, str]:
    if x.is_Number:
        return (0, "")
    symbol = x if x.is_Symbol else x.args[0]
    return (2 if symbol.name in ("z", "x") else 1, symbol.name)


def _short_symbol(x: sp.Basic) -> bool:
    symbol = x if x.is_Symbol else x.args[0]
    return len(GREEK.get(symbol.name, symbol.name)) == 1


def _negative(text: str) -> bool:
    """Whether written text starts with a minus sign (marks ignored)."""
    return strip_marks(text).startswith("−")


def _chain(condition: sp.And):
    """a < z and z <= b  ->  (a, '<', z, '≤', b) for a compact chained inequality."""
    if len(condition.args) != 2:
        return None
    lower, upper = condition.args
    flipped = {"<": ">", "<=": ">=", ">": "<", ">=": "<="}

    def as_lower(rel):  # z > a  -> (a, '<', z)
        if rel.rel_op in (">", ">="):
            return rel.rhs, _RELATIONS[flipped[rel.rel_op]], rel.lhs
        return None

    def as_upper(rel):  # z < b -> (z, '<', b)
        if rel.rel_op in ("<", "<="):
            return rel.lhs, _RELATIONS[rel.rel_op], rel.rhs
        return None

    for a, b in ((lower, upper), (upper, lower)):
        if not (
            isinstance(a, sp.core.relational.Relational)
            and isinstance(b, sp.core.relational.Relational)
        ):
            return None
        low, high = as_lower(a), as_upper(b)
        if low and high and low[2] == high[0]:
            return low[0], low[1], low[2], high[1], high[2]
    return None


def write(expr: sp.Basic, marks: Mapping[tuple[int, ...], str] | None = None, **symbols) -> str:
    """``expr`` as one line of Unicode maths."""
    return Writer(symbols).write(expr, marks)


def step_marks(step, following, produced: str, acted_on: str) -> dict[tuple[int, ...], str]:
    """Which parts of a step's expression to mark: what ``step`` produced, and what the
    ``following`` step acts on (paths into the expression; a move has no path)."""
    marks = {}
    if step is not None and step.path is not None:
        marks[step.path] = produced
    if following is not None and following.path is not None:
        marks[following.path] = acted_on
    return marks


def split_marks(text: str) -> list[tuple[str, frozenset[str]]]:
    """Marked text as (piece, kinds of marks around it) pairs, markers removed."""
    pieces: list[tuple[str, frozenset[str]]] = []
    open_kinds: list[str] = []
    buffer = ""
    i = 0
    while i < len(text):
        char = text[i]
        if char in (MARK_START, MARK_END):
            if buffer:
                pieces.append((buffer, frozenset(open_kinds)))
                buffer = ""
            if char == MARK_START:
                open_kinds.append(text[i + 1])
                i += 2
                continue
            open_kinds.pop()
        else:
            buffer += char
        i += 1
    if buffer:
        pieces.append((buffer, frozenset(open_kinds)))
    return pieces


def strip_marks(text: str) -> str:
    return "".join(piece for piece, _ in split_marks(text))
