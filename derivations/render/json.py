"""A derivation as one JSON object; every expression a string SymPy's sympify reads back.

``sympify(text, locals={name: Symbol(name) for name in parameters})`` gives the
expression again: Euler's number is written ``exp(1)`` (``E`` may be a parameter),
the real cube root ``real_root(u, 3)`` (SymPy's ``cbrt`` is the complex root).

A point located numerically (``max(z, sigmoid(z))`` switches where z = σ(z)) is written
as its value to 30 digits, with the equation it solves beside it (``solves``).

Pending derivatives are written ``Derivative(..., z)``; in the form in g,
``g`` stands for g(z).  Catalog functions (``sigmoid(z)``) are written by name
and defined under ``functions`` so a reader can substitute them.
"""

from __future__ import annotations

import json
from typing import Any

import sympy as sp
from sympy.printing.str import StrPrinter

from ..derivation import Derivation, Step, g
from ..functions import ActivationFunction
from ..numeric_root import NumericRoot
from .points import numeric_points, solved


class _Printer(StrPrinter):
    """SymPy's text, with the names sympify would read as something else spelled out."""

    def _print_Exp1(self, expr) -> str:
        return "exp(1)"  # not "E": a parameter may be called E

    def _print_RealCbrt(self, expr) -> str:
        return f"real_root({self._print(expr.args[0])}, 3)"


def sympify_text(expr: sp.Basic) -> str:
    """``expr`` as text that sympify reads back as ``expr``, written as built."""
    return _Printer({"order": "none"}).doprint(expr)


def expression(expr: sp.Basic | None, variable: sp.Symbol | None = None) -> str | None:
    """``expr`` as text for sympify, written as built (g(z) written g)."""
    if expr is None:
        return None
    if variable is not None and expr.has(g):
        expr = expr.xreplace({g(variable): sp.Symbol("g")})
    return sympify_text(expr)


def _limit(value: sp.Expr | None) -> str | None:
    """A one-sided limit of g′: null on a side outside the domain, or where there is none."""
    return None if value is None or value is sp.nan else expression(value)


def _step(step: Step, proof, z: sp.Symbol) -> dict[str, Any]:
    return {
        "rule": step.rule,
        "explanation": step.explanation,
        "law": step.law or None,
        "phase": step.phase,
        "acted_on": expression(step.acted_on, z),
        "replaced_by": expression(step.replaced_by, z),
        "expression": expression(step.expression, z),
        "bindings": [
            {"name": expression(name, z), "value": expression(value, z)}
            for name, value in step.bindings
        ],
        "verified": proof.ok,
        "proof": {"symbolic": proof.symbolic, "numeric_points": proof.points},
    }


def _functions_used(derivation: Derivation) -> dict[str, str]:
    used: dict[str, str] = {}
    exprs = [derivation.function, derivation.result, *(s.expression for s in derivation.steps)]
    for expr in exprs:
        for f in expr.atoms(ActivationFunction):
            entry = f.func.activation
            used[f.func.__name__] = expression(entry.instantiate(), entry.variable)
    return used


def to_dict(derivation: Derivation) -> dict[str, Any]:
    """The derivation as plain JSON-ready data."""
    z = derivation.variable
    form = derivation.in_terms_of_g
    entry = derivation.activation or derivation.vector
    return {
        "name": derivation.title,
        "catalog": entry is not None,
        "aliases": list(entry.aliases) if entry else [],
        "variable": str(z),
        "expression": expression(derivation.function, z),
        "parameters": {
            p.name: {
                "value": None if p.value == p.symbol else expression(p.value),
                "default": expression(p.default) if p.default is not None else None,
                "symbolic": p.value == p.symbol,
                "meaning": p.meaning,
            }
            for p in derivation.parameters
        },
        "from_definition": derivation.from_definition,
        "steps": [_step(s, p, z) for s, p in zip(derivation.steps, derivation.proofs, strict=True)],
        "result": expression(derivation.result, z),
        "result_in_terms_of_g": expression(form.expression, z),
        "in_terms_of_g": {
            "exists": form.exists,
            "reason": form.reason,
            "kernel": expression(form.kernel, z),
            "kernel_in_terms_of_g": expression(form.kernel_in_g, z),
        },
        "domain": expression(derivation.domain),
        "singularities": [
            {
                "at": expression(s.at),
                "kind": s.kind,
                "left": _limit(s.left),
                "right": _limit(s.right),
            }
            for s in derivation.singularities
        ],
        "kinks": [
            {
                "at": expression(k.at),
                "left": expression(k.left),
                "right": expression(k.right),
                "value_used": expression(k.value_used),
                "kind": k.kind,
                "convention": k.convention,
                "solves": _solves(k.at, derivation),
            }
            for k in derivation.kinks
        ],
        "numeric_points": [
            {
                "at": expression(root),
                "solves": _solves(root, derivation),
                "bracket": [expression(root.lo), expression(root.hi)],
            }
            for root in numeric_points(derivation)
        ],
        "complete": derivation.complete,
        "missing_rules": [expression(m, z) for m in derivation.missing_rules],
        "verified": derivation.verified,
        "result_equals_sympy_diff": bool(derivation.result_proof and derivation.result_proof.ok),
        "note": derivation.note,
        "framework": entry.framework if entry else None,
        "functions": _functions_used(derivation),
        "order": derivation.order,
        "wrt": expression(derivation.wrt),
        "lower_order": to_dict(derivation.lower) if derivation.lower is not None else None,
        "lhs": expression(derivation.lhs),
        "indexed": sorted({str(x.base) for x in _indexed(derivation)}),
    }


def _solves(point: sp.Expr, derivation: Derivation) -> str | None:
    """For a point located numerically, the equation it solves (``Eq(z, sigmoid(z))``):
    ``at`` is then its value to 30 digits, ``numeric_points`` has its bracket."""
    if not isinstance(point, NumericRoot):
        return None
    return expression(solved(point, derivation))


def _indexed(derivation: Derivation) -> set:
    found = set(derivation.function.atoms(sp.Indexed))
    for step in derivation.steps:
        found |= step.expression.atoms(sp.Indexed)
    return found


def render(derivation: Derivation) -> str:
    return json.dumps(to_dict(derivation), indent=2, ensure_ascii=False)
