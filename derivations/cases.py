"""Proving an identity that holds piece by piece, one sign case at a time.

d/dz max(u, v) = H(u − v)·u′ + H(v − u)·v′ holds for any u and v away from u = v: with
u − v > 0 both sides are u′, with u − v < 0 both are v′.  ``zero_by_cases`` proves
``difference == 0`` that way: every condition of a piecewise atom (the argument of H,
sign and |·|, the difference of a max's or min's two arguments) gets a sign, each atom
becomes its piece, and each assignment is proved as a smooth identity.  Assignments that
cannot happen (u > 0 and 2u < 0) are proved too, which only ever costs a proof, never
soundness.  No real line is drawn, so this works for operands abstracted as E₀(z), E₁(z).
"""

from __future__ import annotations

import itertools

import sympy as sp

MAX_CONDITIONS = 4  # 2⁴ cases at most: beyond, the region-by-region proof is cheaper
MAX_SIZE = 400  # nodes: a larger difference is proved region by region, on smaller pieces

_ATOMS = (sp.Heaviside, sp.sign, sp.Abs, sp.Max, sp.Min)


def zero_by_cases(difference: sp.Expr, z: sp.Symbol, is_zero) -> str | None:
    """The method, "case by case: …", if every sign case of ``difference`` is 0 by
    ``is_zero``; None if it is not shown (or the atoms are not of the kind handled)."""
    if difference.has(sp.Piecewise) or _size(difference) > MAX_SIZE:
        return None
    atoms = [a for a in difference.atoms(*_ATOMS) if a.has(z)]
    if not atoms:
        return is_zero(difference, z)  # the pieces cancelled already
    if any(b.has(a) for a in atoms for b in atoms if b is not a):
        return None  # nested: a piece's condition would depend on another's case
    conditions: list[sp.Expr] = []
    for atom in atoms:
        condition = _condition(atom)
        if condition is None:
            return None
        key = _canonical(condition)
        if key not in conditions:
            conditions.append(key)
    if len(conditions) > MAX_CONDITIONS:
        return None
    methods = set()
    for signs in itertools.product((1, -1), repeat=len(conditions)):
        case = dict(zip(conditions, signs, strict=True))
        piece = difference.xreplace({a: _piece(a, case) for a in atoms})
        method = is_zero(piece, z)
        if method is None:
            return None
        methods.add(method)
    return "case by case: " + ", ".join(sorted(methods))


def _size(expr: sp.Basic) -> int:
    """Nodes of the tree, counted only up to just past MAX_SIZE."""
    count = 0
    for _ in sp.preorder_traversal(expr):
        count += 1
        if count > MAX_SIZE:
            break
    return count


def _condition(atom: sp.Basic) -> sp.Expr | None:
    """The expression whose sign picks the atom's piece."""
    if isinstance(atom, (sp.Max, sp.Min)):
        return atom.args[0] - atom.args[1] if len(atom.args) == 2 else None
    return atom.args[0]  # H(u, H₀): H₀ is its value at u = 0, never a case here


def _canonical(u: sp.Expr) -> sp.Expr:
    """One name for the conditions u, −u and 2u (they share their cases)."""
    _, primitive = u.as_content_primitive()
    return -primitive if primitive.could_extract_minus_sign() else primitive


def _sign_in(case: dict, u: sp.Expr) -> int:
    content, primitive = u.as_content_primitive()
    key = _canonical(u)
    sign = case[key] if key == primitive else -case[key]
    return sign if content > 0 else -sign


def _piece(atom: sp.Basic, case: dict) -> sp.Expr:
    positive = _sign_in(case, _condition(atom)) > 0
    if isinstance(atom, sp.Max):
        return atom.args[0] if positive else atom.args[1]
    if isinstance(atom, sp.Min):
        return atom.args[1] if positive else atom.args[0]
    u = atom.args[0]
    if isinstance(atom, sp.Abs):
        return u if positive else -u
    if isinstance(atom, sp.sign):
        return sp.S.One if positive else sp.S.NegativeOne
    return sp.S.One if positive else sp.S.Zero  # Heaviside
