"""Building and editing expressions exactly as written on the board.

SymPy normally evaluates as it builds: ``-1 * -x`` becomes ``x`` and
``1/(b**2)`` becomes ``b**-2``.  A derivation must show those moves as steps,
so every expression the recorder stores is built unevaluated with these
helpers, and edited by position (a *path* of argument indices) so that one
step changes one place.  ``evaluated`` gives SymPy's canonical form back for
checking equality.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import sympy as sp
from sympy.core.parameters import evaluate

from .memory import memoized

Path = tuple[int, ...]


def add(*terms: sp.Expr) -> sp.Expr:
    """A sum with its terms kept in the given order."""
    if len(terms) == 1:
        return terms[0]
    return sp.Add(*terms, evaluate=False)


def mul(*factors: sp.Expr) -> sp.Expr:
    """A product with its factors kept in the given order."""
    if len(factors) == 1:
        return factors[0]
    return sp.Mul(*factors, evaluate=False)


def power(base: sp.Expr, exponent: sp.Expr) -> sp.Expr:
    return sp.Pow(base, exponent, evaluate=False)


def fraction(numerator: sp.Expr, denominator: sp.Expr) -> sp.Expr:
    """numerator / denominator, kept as a fraction (denominator to the power -1)."""
    reciprocal = power(denominator, sp.S.NegativeOne)
    if numerator == 1:
        return reciprocal
    return mul(numerator, reciprocal)


def negate(expr: sp.Expr) -> sp.Expr:
    return mul(sp.S.NegativeOne, expr)


def pending(expr: sp.Expr, variable: sp.Symbol) -> sp.Expr:
    """The unevaluated derivative d/dz expr: work still to do."""
    return sp.Derivative(expr, variable, evaluate=False)


def rebuild(node: sp.Basic, args: tuple) -> sp.Basic:
    """``node`` with new arguments, without letting SymPy evaluate it."""
    if not args:
        return node
    return build(node.func, args)


def build(cls, args: tuple) -> sp.Basic:
    """A node of class ``cls`` with these arguments, as written (not evaluated)."""
    if cls in (sp.Add, sp.Mul, sp.Pow):
        return cls(*args, evaluate=False)
    if cls is sp.Derivative:
        return sp.Derivative(args[0], *args[1:], evaluate=False)
    if cls is sp.Sum:
        # Never summed on construction; unevaluated it would write its body as 1·(...).
        return sp.Sum(*args)
    with evaluate(False):
        return cls(*args)


def at(expr: sp.Basic, path: Path) -> sp.Basic:
    """The sub-expression at ``path``."""
    for index in path:
        expr = expr.args[index]
    return expr


def replace_at(expr: sp.Basic, path: Path, new: sp.Basic) -> sp.Basic:
    """``expr`` with the sub-expression at ``path`` replaced by ``new``."""
    if not path:
        return new
    head, rest = path[0], path[1:]
    args = list(expr.args)
    args[head] = replace_at(args[head], rest, new)
    return rebuild(expr, tuple(args))


def walk(expr: sp.Basic, path: Path = ()) -> Iterator[tuple[Path, sp.Basic]]:
    """Every sub-expression with its path, outermost first, left to right."""
    yield path, expr
    if isinstance(expr, sp.Derivative):
        # Only the function being differentiated is an expression; the rest
        # of Derivative's arguments are (variable, count) bookkeeping.
        yield from walk(expr.args[0], (*path, 0))
        return
    for index, arg in enumerate(expr.args):
        if isinstance(arg, sp.Basic):
            yield from walk(arg, (*path, index))


def find_first(expr: sp.Basic, wanted: Callable[[sp.Basic], bool]) -> Path | None:
    for path, node in walk(expr):
        if wanted(node):
            return path
    return None


def transform(expr: sp.Basic, change: Callable[[sp.Basic], sp.Basic | None]) -> sp.Basic:
    """Apply ``change`` bottom-up wherever it returns a new node; keep the rest as written."""
    if expr.args and not isinstance(expr, sp.Derivative):
        args = tuple(transform(a, change) if isinstance(a, sp.Basic) else a for a in expr.args)
        if args != expr.args:
            expr = rebuild(expr, args)
    elif isinstance(expr, sp.Derivative):
        inner = transform(expr.args[0], change)
        if inner != expr.args[0]:
            expr = rebuild(expr, (inner, *expr.args[1:]))
    changed = change(expr)
    return expr if changed is None else changed


def substitute(expr: sp.Basic, mapping: dict) -> sp.Basic:
    """``expr`` with whole sub-expressions swapped, everything else kept as written."""
    return transform(expr, lambda node: mapping.get(node))


def evaluated(expr: sp.Basic) -> sp.Basic:
    """SymPy's canonical (evaluated) form of an expression built unevaluated."""
    if not expr.args:
        return expr
    return _evaluated(expr)


@memoized(16384)
def _evaluated(expr: sp.Basic) -> sp.Basic:
    # Cached part by part: consecutive steps share all but the part that changed, and a
    # rebuilt max prunes its arguments anew, which is costly.
    if isinstance(expr, sp.Derivative):
        return sp.Derivative(evaluated(expr.args[0]), *expr.args[1:])
    args = tuple(evaluated(a) if isinstance(a, sp.Basic) else a for a in expr.args)
    with evaluate(True):
        return expr.func(*args)
