"""A disk cache of finished derivations, so `derive sigmoid` starts about as fast as SymPy.

A derivation is proved when it is made; the cache keeps the proved result, keyed by
the request and by a hash of this package's own source, so any change to the code
makes every old entry unreachable.  Expressions are stored as plain JSON trees of a
fixed list of SymPy classes and rebuilt unevaluated (pickle would re-evaluate
``-1·1`` into ``-1`` and lose the step).  Nothing read from the cache is executed.

Where entries live and what they are keyed by: ``cache_key``.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json

import sympy as sp
from sympy.core.function import AppliedUndef

from . import forms
from .cache_key import enabled, entry, store
from .elementary import RealCbrt

# The SymPy classes a derivation can contain, by name.
_CLASSES = {
    cls.__name__: cls
    for cls in (
        sp.Add,
        sp.Mul,
        sp.Pow,
        sp.exp,
        sp.log,
        sp.tanh,
        sp.sinh,
        sp.cosh,
        sp.sech,
        sp.csch,
        sp.coth,
        sp.sin,
        sp.cos,
        sp.tan,
        sp.asin,
        sp.acos,
        sp.atan,
        sp.asinh,
        sp.acosh,
        sp.atanh,
        sp.erf,
        sp.erfc,
        RealCbrt,
        sp.LambertW,
        sp.Abs,
        sp.Max,
        sp.Min,
        sp.Heaviside,
        sp.sign,
        sp.Piecewise,
        sp.Derivative,
        sp.Sum,
        sp.KroneckerDelta,
        sp.Indexed,
        sp.IndexedBase,
        sp.Tuple,
        sp.And,
        sp.Or,
        sp.Not,
        sp.Eq,
        sp.Ne,
        sp.Lt,
        sp.Le,
        sp.Gt,
        sp.Ge,
        sp.StrictLessThan,
        sp.StrictGreaterThan,
        sp.LessThan,
        sp.GreaterThan,
        sp.Equality,
        sp.Unequality,
        sp.functions.elementary.piecewise.ExprCondPair,
        sp.Interval,
        sp.Union,
        sp.FiniteSet,
    )
}
_SINGLETONS = {
    name: getattr(sp.S, name)
    for name in (
        "Infinity",
        "NegativeInfinity",
        "NaN",
        "ComplexInfinity",
        "Pi",
        "Exp1",
        "true",
        "false",
        "Half",
        "Reals",
        "EmptySet",
        "One",
        "Zero",
        "NegativeOne",
    )
}


class _Unstorable(Exception):
    pass


# --- expressions as trees -------------------------------------------------------


def _tree(expr):
    if isinstance(expr, sp.Integer):
        return ["Integer", str(expr)]
    if isinstance(expr, sp.Rational):
        return ["Rational", str(expr.p), str(expr.q)]
    if isinstance(expr, sp.Float):
        # Exactly: its binary digits (sign, mantissa in hex, exponent, bits) and precision.
        sign, mantissa, exponent, bits = expr._mpf_
        return ["Float", sign, hex(mantissa), exponent, bits, expr._prec]
    for name, value in _SINGLETONS.items():
        if expr is value:
            return ["S", name]
    if isinstance(expr, sp.Dummy):
        raise _Unstorable
    if isinstance(expr, sp.Symbol):
        return ["Symbol", expr.name, dict(expr._assumptions_orig)]  # as the symbol was made
    if isinstance(expr, sp.IndexedBase):
        return ["IndexedBase", str(expr.label)]
    from .functions import ActivationFunction

    if isinstance(expr, ActivationFunction):
        return ["Activation", type(expr).__name__, [_tree(a) for a in expr.args]]
    if isinstance(expr, AppliedUndef):
        return ["Undefined", type(expr).__name__, [_tree(a) for a in expr.args]]
    from .numeric_root import NumericRoot

    if isinstance(expr, NumericRoot):  # an atom: its equation and bracket are its data
        return ["NumericRoot", [_tree(a) for a in expr.__getnewargs__()]]
    name = type(expr).__name__
    if name not in _CLASSES:
        raise _Unstorable
    return [name, [_tree(a) for a in expr.args]]


def _expr(tree):
    kind = tree[0]
    if kind == "Integer":
        return sp.Integer(int(tree[1]))
    if kind == "Rational":
        return sp.Rational(int(tree[1]), int(tree[2]))
    if kind == "Float":
        sign, mantissa, exponent, bits, precision = tree[1:]
        if not bits:  # 0.0, which SymPy would make the integer 0
            return sp.Float(0, precision=precision)
        return sp.Float._new((sign, int(mantissa, 16), exponent, bits), precision)
    if kind == "S":
        return _SINGLETONS[tree[1]]
    if kind == "Symbol":
        return sp.Symbol(tree[1], **tree[2])
    if kind == "IndexedBase":
        return sp.IndexedBase(tree[1])
    if kind == "Activation":
        from .functions import ACTIVATION_FUNCTIONS

        return ACTIVATION_FUNCTIONS[tree[1]](*(_expr(a) for a in tree[2]))
    if kind == "Undefined":
        return sp.Function(tree[1])(*(_expr(a) for a in tree[2]))
    if kind == "NumericRoot":
        from .numeric_root import NumericRoot

        return NumericRoot(*(_expr(a) for a in tree[1]))
    cls = _CLASSES[kind]
    args = tuple(_expr(a) for a in tree[1])
    if cls is sp.Tuple:
        return sp.Tuple(*args)
    if cls is sp.IndexedBase or cls is sp.Indexed:
        return sp.Indexed(*args)
    return forms.build(cls, args)


# --- whole derivations ----------------------------------------------------------


def _value(value):
    from .catalog import Activation

    if isinstance(value, sp.Basic):
        return {"expr": _tree(value)}
    if isinstance(value, Activation):
        return {"activation": value.name}
    if type(value).__name__ == "VectorActivation":
        return {"vector": value.name}
    if dataclasses.is_dataclass(value):
        fields = {f.name: _value(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return {"data": type(value).__name__, "fields": fields}
    if isinstance(value, tuple):
        return {"tuple": [_value(v) for v in value]}
    if value is None or isinstance(value, (str, int, float, bool)):
        return {"plain": value}
    raise _Unstorable


def _load(data):
    from .catalog import lookup
    from .derivation import (
        Derivation,
        GForm,
        Identity,
        Kink,
        ParameterValue,
        Proof,
        Singularity,
        Step,
    )

    if "expr" in data:
        return _expr(data["expr"])
    if "activation" in data:
        return lookup(data["activation"])
    if "vector" in data:
        from .catalog.vectors import find_vector

        return find_vector(data["vector"])
    if "tuple" in data:
        return tuple(_load(v) for v in data["tuple"])
    if "plain" in data:
        return data["plain"]
    kinds = {
        c.__name__: c
        for c in (Derivation, Step, GForm, Identity, Kink, ParameterValue, Proof, Singularity)
    }
    cls = kinds[data["data"]]
    return cls(**{name: _load(v) for name, v in data["fields"].items()})


def remembered(key: tuple, make):
    """The derivation for ``key``: from the cache when there, else made and stored."""
    if not enabled():
        return make()
    path = entry("derivation", tuple(map(str, key)))
    try:
        return _load(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        pass
    derivation = make()
    if derivation.verified:
        with contextlib.suppress(_Unstorable, OSError):  # not storable: just not cached
            store(path, _value(derivation))
    return derivation
