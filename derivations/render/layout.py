"""How a formula is laid out, whichever syntax writes it: the choices the Unicode writer
(``notation``) and the LaTeX writer (``tex.latex_math``) share, each in its own syntax.

The precedence scale; which kind of part an expression is, and so which of a writer's
methods writes it; the order of a sum's terms and where one is subtracted; which factors
of a product go under the fraction bar, where its minus sign, brackets and dots go; and a
pair of inequalities read as one chain (a < z ≤ b).
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

from ..elementary import RealCbrt
from ..numeric_root import NumericRoot
from .unicode import GREEK, format_number

ADD, NEG, MUL, POW, ATOM = 10, 15, 20, 30, 40

Path = tuple[int, ...]
Factors = list[tuple[sp.Basic, Path]]  # each factor with its path into the expression

# The variable: differentiated by with d (parameters with ∂), last in a monomial (2az).
VARIABLES = {"z", "x"}
# Functions written f²(u) rather than (f(u))².
POWER_BEFORE_ARGUMENT = {
    *("tanh", "sinh", "cosh", "sech", "csch", "coth"),
    *("sin", "cos", "tan", "log"),
}


# --- kinds of part ------------------------------------------------------------------------

# The kinds of part the writers write, by SymPy type, the first match winning: e^x, |x|,
# δᵢⱼ and ∛x are SymPy Functions too, so "function" comes last.
KINDS: tuple[tuple[type | tuple[type, ...], str], ...] = (
    (NumericRoot, "numeric_root"),
    (sp.Number, "number"),
    (sp.NumberSymbol, "number_symbol"),
    (sp.Symbol, "symbol"),
    (sp.Add, "add"),
    (sp.Mul, "mul"),
    (sp.Pow, "pow"),
    (sp.exp, "exp"),
    (sp.Derivative, "derivative"),
    (sp.Piecewise, "piecewise"),
    (sp.Abs, "abs"),
    (sp.core.relational.Relational, "relation"),
    (sp.And, "and"),
    (sp.Or, "or"),
    (sp.Not, "not"),
    (sp.logic.boolalg.BooleanTrue, "true"),
    (sp.logic.boolalg.BooleanFalse, "false"),
    (sp.Indexed, "indexed"),
    (sp.Sum, "sum"),
    (sp.KroneckerDelta, "delta"),
    (RealCbrt, "cube_root"),
    ((sp.Function, sp.Max, sp.Min), "function"),
)


def kind(expr: sp.Basic) -> str | None:
    """Which of ``KINDS`` ``expr`` is, or None."""
    return next((name for types, name in KINDS if isinstance(expr, types)), None)


class KindWriter:
    """Mixed into both writers: a part is written by the writer's method ``_<kind>``, one
    of a kind it has no method for by its ``_unknown``; a product is laid out by
    ``product_layout``, then written by the writer's method for that layout."""

    def _dispatch(self, expr: sp.Basic, path: Path):
        name = kind(expr)
        method = getattr(self, f"_{name}", None) if name else None
        return self._unknown(expr) if method is None else method(expr, path)

    def _mul(self, expr: sp.Mul, path: Path):
        match product_layout(expr, path, self._marks):
            case Product(items):
                return self._product(items)
            case Quotient(above, below):
                return self._quotient(above, below)
            case FractionOver(number, above, below):
                return self._fraction_over(number, above, below)
            case FractionTimes(number, rest):
                return self._fraction_times(number, rest)


# --- sums -------------------------------------------------------------------------------


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


def subtracted(position: int, precedence: int, negative: bool) -> bool:
    """Whether a term, written with its own leading minus, is subtracted: a + (−b) is a − b.
    The first term keeps its sign, and so does a sum (brackets show it)."""
    return bool(position and negative and precedence >= NEG)


def _leads_with_minus(term: sp.Basic) -> bool:
    if term.is_Number:
        return bool(term < 0)
    return bool(term.is_Mul and term.args[0].is_Number and term.args[0] < 0)


# --- products ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Product:
    """Factors side by side, in the order written (a monomial sorted, see ``product_order``)."""

    factors: Factors


@dataclass(frozen=True)
class Quotient:
    """Factors over those written under the bar (x⁻¹ as x, x^(−1/2) as √x)."""

    above: Factors
    below: Factors


@dataclass(frozen=True)
class FractionTimes:
    """A product led by its only number, a fraction: (1/2)·a, written a/2, never 1/2a."""

    number: sp.Rational
    rest: Factors


@dataclass(frozen=True)
class FractionOver:
    """A fraction times a quotient: (1/2)·(1/√z) is 1/(2√z), the number joins the bar."""

    number: sp.Rational
    above: Factors
    below: Factors


ProductLayout = Product | Quotient | FractionTimes | FractionOver


def product_layout(expr: sp.Mul, path: Path, marks) -> ProductLayout:
    """How the product ``expr`` (at ``path``; ``marks`` are the marked paths) is laid out."""
    items = factors(expr, path, marks)
    if leads_with_fraction(items):
        number, rest = items[0][0], items[1:]
        below = [(a, w) for a, w in rest if below_the_bar(a)]
        if below and not any(isinstance(a, sp.Derivative) for a, _ in rest):
            above = [(a, w) for a, w in rest if not below_the_bar(a)]
            return FractionOver(number, above, below)
        return FractionTimes(number, rest)
    if any(a.is_Mul for a, _ in items):
        # A product of written-out pieces (fractions among them): keep each piece whole.
        return Product(items)
    above = [(a, p) for a, p in items if not below_the_bar(a)]
    below = [(a, p) for a, p in items if below_the_bar(a)]
    return Quotient(above, below) if below else Product(above)


def factors(expr: sp.Mul, path: Path, marks) -> Factors:
    """The factors to write, with their paths: a plain product inside a product is
    opened up (a·(b·c) reads a·b·c); fractions, signed or marked products stay whole."""
    items = []
    for index, arg in enumerate(expr.args):
        where = (*path, index)
        plain = arg.is_Mul and not any(f.is_Number or below_the_bar(f) for f in arg.args)
        if plain and where not in marks:
            items.extend(factors(arg, where, marks))
        else:
            items.append((arg, where))
    return items


def leads_with_fraction(items: Factors) -> bool:
    """A product led by its only number, a fraction: (1/2)·a, written a/2."""
    first = items[0][0]
    return bool(
        first.is_Rational
        and not first.is_Integer
        and "/" in format_number(first)
        and not any(a.is_Number for a, _ in items[1:])
    )


def below_the_bar(factor: sp.Basic) -> bool:
    """A factor written under the fraction bar: x⁻¹, and x^(−1/2) as √x."""
    return bool(factor.is_Pow and factor.args[1] in (sp.S.NegativeOne, -sp.S.Half))


def product_order(items: Factors) -> Factors:
    """0.01z, az, 2az²: a monomial's numbers, then parameters, then the variable;
    any other product as written."""
    if all(monomial_part(a) for a, _ in items):
        return sorted(items, key=lambda item: _monomial_rank(item[0]))
    return items


def leading_minus(items: Factors) -> bool:
    """−1 · x is written −x (but −1 · 2 keeps its dot)."""
    return len(items) > 1 and items[0][0] == -1 and not items[1][0].is_Number


def factor_brackets(position: int, precedence: int, negative: bool) -> bool:
    """Whether a factor is bracketed: after the first, a sum or a signed factor;
    the first only when it is looser than a signed term."""
    return precedence < MUL or negative if position else precedence < NEG


def juxtapose(left: sp.Basic, right: sp.Basic) -> bool:
    """2z, az and g(z)(1 − g(z)) read better without a dot."""
    if left.is_Number and abs(left) == 1:
        return False  # 1 · z stays visible until a move drops it
    if monomial_part(left) and monomial_part(right) and not right.is_Number:
        if left.is_Number:
            return right.args[1:2] != (sp.S.NegativeOne,)
        return _short_symbol(left) and _short_symbol(right)
    if left.is_Number:
        base = right.args[0] if right.is_Pow else right
        lettered = isinstance(base, (sp.Function, sp.exp))
        return bool(lettered and not isinstance(base, sp.Derivative))
    named = isinstance(left, (sp.Function, sp.Indexed)) and not isinstance(left, sp.exp)
    return bool((named or left.is_Add) and right.is_Add)


def monomial_part(x: sp.Basic) -> bool:
    """A number, a symbol or a symbol to a positive whole power."""
    if x.is_Number or x.is_Symbol:
        return True
    return bool(x.is_Pow and x.args[0].is_Symbol and x.args[1].is_Integer and x.args[1] > 0)


def _monomial_rank(x: sp.Basic) -> tuple[int, str]:
    if x.is_Number:
        return (0, "")
    symbol = x if x.is_Symbol else x.args[0]
    return (2 if symbol.name in VARIABLES else 1, symbol.name)


def _short_symbol(x: sp.Basic) -> bool:
    symbol = x if x.is_Symbol else x.args[0]
    return len(GREEK.get(symbol.name, symbol.name)) == 1


# --- conditions ---------------------------------------------------------------------------


def chained_inequality(condition: sp.And):
    """a < z and z <= b  ->  (a, '<', z, '<=', b), for a compact chain a < z ≤ b; else None."""
    if len(condition.args) != 2:
        return None
    lower, upper = condition.args
    flipped = {"<": ">", "<=": ">=", ">": "<", ">=": "<="}

    def as_lower(rel):  # z > a  -> (a, '<', z)
        if rel.rel_op in (">", ">="):
            return rel.rhs, flipped[rel.rel_op], rel.lhs
        return None

    def as_upper(rel):  # z < b -> (z, '<', b)
        if rel.rel_op in ("<", "<="):
            return rel.lhs, rel.rel_op, rel.rhs
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
