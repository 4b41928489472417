"""g'(z) rewritten so that each part of its form in g can be seen, with the identities
that say which part is which function of g: σ(z)·e⁻ᶻ/(1 + e⁻ᶻ) for g(z)(1 − g(z)).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import sympy as sp

from .derivation import G, Identity, g
from .forms import add, fraction, mul, power

if TYPE_CHECKING:
    from .in_terms_of_g import SmoothPiece


def shown_in_g(piece: SmoothPiece, shown_function: sp.Expr, z: sp.Symbol):
    """g'(z) rewritten so each part of the form in g is visible, and the identities used."""
    form = piece.form
    if not form.has(G):
        return None, ()
    parts = _g_first(sp.Mul.make_args(form)) if form.is_Mul else sp.Add.make_args(form)
    identities: list[Identity] = []
    shown_parts = []
    for part in parts:
        shown_parts.append(_show_part(part, piece, shown_function, z, identities))
    shown = mul(*shown_parts) if form.is_Mul else add(*shown_parts)
    return shown, tuple(identities)


def as_written_in_g(form: sp.Expr, z: sp.Symbol) -> sp.Expr:
    """The form in g with g(z) put first in products, ready to show."""
    if form.is_Mul:
        return mul(*(f.xreplace({G: g(z)}) for f in _g_first(form.args)))
    return form.xreplace({G: g(z)})


def _g_first(factors):
    """g(z) and its powers before other factors: g(z)(1 - g(z)), as on the board."""
    plain = [f for f in factors if f == G or (f.is_Pow and f.args[0] == G)]
    return (
        [f for f in factors if f.is_number]
        + plain
        + [f for f in factors if f not in plain and not f.is_number]
    )


def _show_part(part, piece: SmoothPiece, shown_function, z, identities: list[Identity]):
    coefficient, rest = part.as_coeff_Mul() if part.is_Mul else (sp.S.One, part)
    if rest.is_Mul:
        inner = [_show_part(p, piece, shown_function, z, identities) for p in rest.args]
        written = mul(*inner)
    elif not rest.has(G):
        written = rest
    elif rest == G or (rest.is_Pow and rest.args[0] == G and rest.args[1].is_Integer):
        exponent = sp.S.One if rest == G else rest.args[1]
        written = shown_function if exponent == 1 else power(shown_function, exponent)
        identities.append(Identity(g(z), shown_function))
    else:
        literal = rest.xreplace({G: shown_function})
        cancelled = _in_z(rest, piece)
        # The cancelled form (e^-z/(1 + e^-z) for 1 - g): the identity a lecturer uses;
        # the literal 1 - 1/(1 + e^-z) only if that is much shorter (a bare substitution
        # teaches nothing).
        shorter = sp.count_ops(cancelled) <= sp.count_ops(literal) + 2
        written = cancelled if shorter else literal
        identities.append(Identity(rest.xreplace({G: g(z)}), written))
    return written if coefficient == 1 else mul(coefficient, written)


def _in_z(part: sp.Expr, piece: SmoothPiece) -> sp.Expr:
    """A function of g written back in z, cancelled as a fraction in the kernel."""
    if piece.kernel is None or piece.function_in_t is None:
        return part
    in_t = sp.cancel(sp.together(part.xreplace({G: piece.function_in_t})))
    top, bottom = sp.fraction(in_t)
    swap = {piece.t: piece.kernel}
    top, bottom = _as_written(top.xreplace(swap)), _as_written(bottom.xreplace(swap))
    return top if bottom == 1 else fraction(top, bottom)


def _as_written(expr: sp.Expr) -> sp.Expr:
    """Constants first in sums (1 + e^-z, not e^-z + 1)."""
    if expr.is_Add:
        constants = [a for a in expr.args if a.is_number]
        others = [a for a in expr.args if not a.is_number]
        return add(*constants, *others)
    return expr
