"""``derive``: one entry point for catalog names, typed formulas and SymPy expressions."""

from __future__ import annotations

import re
from collections.abc import Mapping

import sympy as sp

from . import cache, catalog
from .as_written import parse_as_written
from .catalog import Activation
from .catalog.vectors import find_vector
from .derivation import Derivation, ParameterValue
from .entries import derive_activation, up_to_order
from .errors import UnknownActivation, UsageError
from .names import variable_problem
from .nesting import recursion_room
from .parse import parse, tokenize
from .pipeline import record

# Value at which a typed parameter with no value is checked numerically.
CHECK_VALUE = sp.Rational(3, 10)

_BARE_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_\- ]*")


def derive(
    target: str | sp.Expr | Activation,
    *,
    params: Mapping[str, object] | None = None,
    symbolic: bool = False,
    from_definition: bool = False,
    variable: str = "z",
    wrt: str | None = None,
    order: int = 1,
) -> Derivation:
    """Derive g'(z) step by step for a catalog name, a typed formula or a SymPy expression.

    ``params`` overrides parameter values (``{"a": "0.2"}``); ``symbolic`` keeps
    catalog parameters as symbols; ``from_definition`` writes tanh (and catalog
    functions) by their exponential definitions instead of using their known
    derivatives; ``wrt`` differentiates with respect to a parameter instead of z;
    ``order`` gives higher derivatives, each derived from the one before
    (``.lower`` holds the previous order).
    """

    problem = variable_problem(variable)
    if problem is not None:
        raise UsageError(f"cannot use {variable!r} as the variable: {problem}")

    def make() -> Derivation:
        with recursion_room():  # a formula MAX_DEPTH deep needs more than Python's default
            first = _first(target, params, symbolic, from_definition, variable, wrt)
            return up_to_order(first, order)

    if not isinstance(target, str):
        return make()
    given = tuple(sorted((str(k), str(v)) for k, v in (params or {}).items()))
    key = (target.strip(), given, symbolic, from_definition, variable, wrt, order)
    return cache.remembered(key, make)


def _first(target, params, symbolic, from_definition, variable, wrt) -> Derivation:
    values = {name: to_number(value, name) for name, value in (params or {}).items()}
    if isinstance(target, str):
        target = catalog.find(target.strip()) or target
    if isinstance(target, str) and (entry := find_vector(target)) is not None:
        if params or symbolic or from_definition or wrt:
            raise UsageError(f"{target.strip()} takes no parameters or options")
        from .vector import derive_vector  # softmax and kin: loaded only when asked for

        return derive_vector(entry)
    if isinstance(target, Activation):
        return derive_activation(
            target, values, symbolic=symbolic, from_definition=from_definition, wrt=wrt
        )
    if isinstance(target, str):
        if _BARE_NAME.fullmatch(target.strip()) and len(target.strip()) > 1:
            name = target.strip()
            if not _parses(name, variable):
                raise UnknownActivation(catalog.unknown_name_message(name))
        expression, z = _parse_in_variable(target, variable)
        written = parse_as_written(target, z)
        title = target.strip()
    else:
        if not isinstance(target, sp.Expr):
            raise UsageError(f"cannot derive a {type(target).__name__}: give a name or a formula")
        expression = target
        z = _variable_of(expression, variable)
        written = None
        title = sp.sstr(expression)
    return _derive_expression(expression, z, title, values, from_definition, wrt, written)


def to_number(value: object, name: str = "value") -> sp.Expr:
    """A parameter value given as text or number, kept exact (0.01 -> 1/100)."""
    if isinstance(value, sp.Expr):
        return value
    text = str(value).strip()
    try:
        number = parse(text, "z")
    except Exception as error:
        raise UsageError(f"parameter {name}: {text!r} is not a number") from error
    if not number.is_number or not number.is_real:
        raise UsageError(f"parameter {name}: {text!r} is not a real number")
    return number


def _parses(text: str, variable: str) -> bool:
    try:
        parse(text, variable)
    except Exception:
        return False
    return True


def _parse_in_variable(text: str, variable: str) -> tuple[sp.Expr, sp.Symbol]:
    if variable == "z" and _in_x_not_z(text):
        variable = "x"  # "1/(1+e^-x)": the formula is in x, not a constant in z
    z = sp.Symbol(variable, real=True)
    return parse(text, z), z


def _in_x_not_z(text: str) -> bool:
    try:
        names = {t.text for t in tokenize(text) if t.kind == "name"}
    except Exception:  # parse() reports the unreadable formula itself
        return False
    return "x" in names and "z" not in names


def _variable_of(expression: sp.Expr, variable: str) -> sp.Symbol:
    for symbol in expression.free_symbols:
        if symbol.name == variable:
            return symbol
    return sp.Symbol(variable, real=True)


def _derive_expression(
    expression, z, title, values, from_definition, wrt, written=None
) -> Derivation:
    parameters = []
    numeric = {}
    substitutions = {}
    for symbol in sorted(expression.free_symbols - {z}, key=lambda s: s.name):
        if symbol.name in values:
            substitutions[symbol] = values[symbol.name]
            value = values[symbol.name]
            numeric[symbol] = value
            meaning = "given value"
        else:
            value = symbol
            numeric[symbol] = CHECK_VALUE
            meaning = f"checked numerically at {symbol.name} = 0.3"
        parameters.append(ParameterValue(symbol.name, symbol, value, None, meaning))
    unknown = set(values) - {p.name for p in parameters}
    if unknown:
        raise UsageError(f"the formula has no parameter {sorted(unknown)[0]!r}")
    by = None
    if wrt is not None:
        matches = [p for p in parameters if p.name == wrt]
        if not matches:
            names = ", ".join(p.name for p in parameters) or "none"
            raise UsageError(f"the formula has no parameter {wrt!r} (its parameters: {names})")
        by = matches[0].symbol
        substitutions.pop(by, None)  # differentiated by: stays a symbol
    return record(
        expression.xreplace(substitutions),
        z,
        written=written.xreplace(substitutions) if written is not None else None,
        title=title,
        parameters=tuple(parameters),
        numeric_values=numeric,
        from_definition=from_definition,
        wrt=by,
    )
