"""What generated code computes, as SymPy expressions ready to print.

A ``CodePlan`` is read from a proved ``Derivation``: the forward formula, the
derivative with the kink convention decided at every breakpoint, the form in
g when it can stand in for the input, and the derivatives with respect to
learnable parameters.  Symbols are renamed to safe Python names (the variable
is always ``z``), so nothing but SymPy's printing of parsed expressions ever
reaches the code.
"""

from __future__ import annotations

import keyword
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

import sympy as sp

from ..derivation import Derivation, G, Kink, g
from ..errors import DerivationsError, UsageError
from ..pipeline import record
from ..verify import prepare
from .branches import decide_points, growing_extremes_as_pieces, guarded
from .common import NoCode, Z, not_element_wise
from .from_output import from_output
from .stable import stable

# Names the generated code uses itself; a parameter called so gets a trailing _.
RESERVED = frozenset(
    {"z", "g", "grad_out", "grad_z", "np", "torch", "nn", "math", "ctx", "self", "float"}
    | {"forward", "backward", "backward_from_output", "super", "e"}
)
_CLASS_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]*")


@dataclass(frozen=True)
class CodeParameter:
    name: str  # the Python name in the code
    symbol: sp.Symbol  # that name as a SymPy symbol, used in the plan's expressions
    default: sp.Expr | None  # None: the caller must give it
    meaning: str
    learnable: bool = False
    safeguard: bool = False  # the argument of a numerical cut-over, not of g (its default kept)


@dataclass(frozen=True)
class CodePlan:
    """The formulas of one generated module, in the symbols z, g and the parameters."""

    name: str | None  # the catalog name, None for a typed formula
    class_name: str
    framework: str
    function: sp.Expr  # g(z) as written, for the docstring
    derivative: sp.Expr  # g'(z) as derived, for the docstring
    derivative_in_g: sp.Expr | None  # g'(z) in terms of G, for the docstring
    forward: sp.Expr
    backward: sp.Expr  # g'(z), with autograd's value at each kink
    backward_in_g: sp.Expr | None  # the same from the output, when the output determines it
    in_g_note: str  # why there is no backward_in_g, when there is none
    parameters: tuple[CodeParameter, ...]
    parameter_gradients: tuple[tuple[CodeParameter, sp.Expr], ...]  # dg/dp, learnable p only
    kinks: tuple[Kink, ...]
    told_apart_at: tuple[tuple[sp.Symbol, sp.Expr], ...]  # parameter values the pieces assume
    fixed: tuple[tuple[str, sp.Expr], ...] = ()  # parameters built in as numbers
    where_defined: tuple[str, ...] = ()  # the domain and singularities, a sentence each
    cut_over: str = ""  # the framework's numerical safeguard the code adds, in words

    @property
    def learnable(self) -> tuple[CodeParameter, ...]:
        return tuple(p for p in self.parameters if p.learnable)

    @property
    def saves_output(self) -> bool:
        """Whether autograd can keep g instead of z: g' is a function of g, nothing needs z."""
        return self.backward_in_g is not None and not self.learnable


def _gradient(derivation: Derivation, parameter: sp.Symbol, values) -> sp.Expr:
    """dg/dp, derived step by step and proved like any derivation (``derive --wrt p``)."""
    by_parameter = record(
        derivation.function,
        derivation.variable,
        title=derivation.title,
        activation=derivation.activation,
        parameters=derivation.parameters,
        numeric_values=values,
        wrt=parameter,
    )
    if not (by_parameter.complete and by_parameter.verified):
        raise NoCode(f"the derivative with respect to {parameter} could not be proved")
    return by_parameter.plain_result


def plan_for(derivation: Derivation, learnable: Iterable[str] = ()) -> CodePlan:
    """The code plan for a complete, proved derivation."""
    if not isinstance(derivation.variable, sp.Symbol) or derivation.function.has(sp.Indexed):
        raise not_element_wise(derivation.title)
    if not derivation.complete:
        missing = ", ".join(sp.sstr(m.args[0]) for m in derivation.missing_rules)
        raise NoCode(f"no rule for {missing}: the derivative, and so the code, cannot be finished")
    if not derivation.verified:
        raise NoCode("the derivation could not be proved, so no code is generated from it")
    derivation, values, fixed = _with_parameter_symbols(derivation)
    learnable = set(learnable)
    names = _code_symbols(derivation, learnable)
    unknown = learnable - {p.name for p in derivation.parameters if p.value == p.symbol}
    if unknown:
        name = sorted(unknown)[0]
        if any(p.name == name for p in derivation.parameters):  # a typed formula's --param
            raise UsageError(
                f"parameter {name!r} has its value built into the formula (--param); "
                "leave its --param out to learn it"
            )
        raise UsageError(f"no parameter {name!r} to learn in this formula")
    catalog = derivation.activation is not None
    parameters = tuple(
        CodeParameter(
            names[p.symbol].name,
            names[p.symbol],
            values[p.symbol] if catalog else None,  # a typed formula's parameters have no default
            p.meaning,
            p.name in learnable or _learnable_in_catalog(derivation, p.name),
        )
        for p in derivation.parameters
        if p.value == p.symbol
    )
    code_values = {names[s]: v for s, v in values.items() if s in names}
    renamed = {**names, g(derivation.variable): G}

    def code(expr: sp.Expr) -> sp.Expr:
        return expr.xreplace(renamed)

    function = code(prepare(derivation.function))
    stray = function.free_symbols - {Z, *(p.symbol for p in parameters)}
    if stray:
        raise NoCode(f"the formula has symbols without values: {sorted(map(str, stray))}")
    kinks = tuple(
        Kink(code(k.at), code(k.left), code(k.right), code(k.value_used), k.kind, k.convention)
        for k in derivation.kinks
    )
    derivative = code(derivation.plain_result)
    in_g = derivation.in_terms_of_g.expression
    derivative_in_g = code(in_g) if in_g is not None else None
    backward_in_g, note = from_output(function, derivative_in_g, kinks, code_values)
    if in_g is None:
        note = derivation.in_terms_of_g.reason
    gradients = tuple(
        (p, _for_code(code(_gradient(derivation, original, values)), {}, code_values))
        for p, original in zip(
            parameters,
            (q.symbol for q in derivation.parameters if q.value == q.symbol),
            strict=True,
        )
        if p.learnable
    )
    entry = derivation.activation
    forward = _for_code(function, {}, code_values)
    backward = _for_code(derivative, {k.at: k.value_used for k in kinks}, code_values)
    backward_in_g = stable(backward_in_g) if backward_in_g is not None else None
    cut_over = entry.cut_over if entry else None
    if cut_over is not None:  # the framework's safeguard: outside g, only in the code
        parameter, at, code_values = _cut_over_parameter(cut_over, derivation, names, code_values)
        parameters += (parameter,)
        where = code(at(cut_over.condition()))
        value, slope = code(at(cut_over.value())), code(at(cut_over.derivative()))
        forward = sp.Piecewise((value, where), (forward, True))
        backward = sp.Piecewise((slope, where), (backward, True))
        if backward_in_g is not None:  # there g = z: the same condition, read on the output
            backward_in_g = sp.Piecewise((slope, where.xreplace({Z: G})), (backward_in_g, True))
    return CodePlan(
        name=entry.name if entry else None,
        class_name=_class_name(derivation),
        framework=entry.framework if entry else "",
        function=code(derivation.function),
        derivative=code(derivation.result),
        derivative_in_g=derivative_in_g,
        forward=forward,
        backward=backward,
        backward_in_g=backward_in_g,
        in_g_note=note,
        parameters=parameters,
        parameter_gradients=gradients,
        kinks=kinks,
        where_defined=_where_defined(derivation),
        told_apart_at=tuple((p.symbol, code_values[p.symbol]) for p in parameters),
        fixed=tuple(fixed.items()),
        cut_over=cut_over.why if cut_over is not None else "",
    )


def _cut_over_parameter(cut_over, derivation: Derivation, names, code_values):
    """The safeguard's own parameter as a code argument (PyTorch's threshold, default 20).

    Returns it, a function putting the derivation's parameter values (symbols, or
    numbers built in) into the safeguard's expressions, and the values with its default.
    """
    taken = {s.name for s in names.values()} | RESERVED
    name = cut_over.parameter.name
    while name in taken or keyword.iskeyword(name):
        name += "_"
    original = cut_over.parameter.symbol
    symbol = sp.Symbol(name, **original.assumptions0)
    values = {p.symbol: p.value for p in derivation.parameters}
    values[original] = symbol

    def at(expr: sp.Expr) -> sp.Expr:
        return sp.S(expr).xreplace(values)

    default = cut_over.parameter.default
    parameter = CodeParameter(name, symbol, default, cut_over.parameter.meaning, safeguard=True)
    return parameter, at, {**code_values, symbol: default}


def _for_code(expr: sp.Expr, fixed, values) -> sp.Expr:
    """``expr`` ready to print: a value at every breakpoint, no needless overflow."""
    expr = growing_extremes_as_pieces(expr, Z, values)
    expr = decide_points(expr, Z, fixed, values)
    return guarded(stable(expr), Z, values)


# --- parameters: symbols in the code, values as defaults ------------------------------------


def _with_parameter_symbols(derivation: Derivation):
    """The derivation redone with catalog parameters as symbols, and the values to default to.

    Its case distinctions are made at the values asked for, so the code is right
    for those values and for any others that order the pieces the same way.
    Returns (derivation, values, parameters built in as numbers).
    """
    from ..api import CHECK_VALUE  # the value typed parameters were checked at

    numeric = {
        p.symbol: (p.value if p.value != p.symbol else _default_or(p.default, CHECK_VALUE))
        for p in derivation.parameters
    }
    entry = derivation.activation
    if entry is None or all(p.value == p.symbol for p in derivation.parameters):
        return derivation, numeric, {}
    symbolic = tuple(replace(p, value=p.symbol) for p in derivation.parameters)
    try:
        twin = record(
            entry.expression,
            entry.variable,
            title=derivation.title,
            activation=entry,
            parameters=symbolic,
            numeric_values=numeric,
            from_definition=derivation.from_definition,
        )
    except DerivationsError:
        # The symbolic twin can be refused (a breakpoint that cannot be located with the
        # parameter as a symbol); the numeric derivation, already proved, is used as it is.
        twin = None
    if twin is not None and twin.complete and twin.verified:
        return twin, numeric, {}
    # The symbolic derivation did not go through: keep the numbers in the formulas.
    return derivation, numeric, {p.name: p.value for p in derivation.parameters}


def _default_or(default: sp.Expr | None, fallback: sp.Expr) -> sp.Expr:
    return fallback if default is None else default


def _learnable_in_catalog(derivation: Derivation, name: str) -> bool:
    """Whether the catalog marks the parameter learnable (PReLU's slope), if it says."""
    entry = derivation.activation
    found = [p for p in entry.parameters if p.name == name] if entry else []
    return bool(found and getattr(found[0], "learnable", False))


def _usable_name(name: str) -> bool:
    return name.isascii() and name.isidentifier() and not name.startswith("_")


def _code_symbols(derivation: Derivation, learnable: set[str]) -> dict[sp.Symbol, sp.Symbol]:
    """Derivation symbol -> the symbol named as in the code (z; parameters, made safe)."""
    names = {derivation.variable: Z}
    taken = set(RESERVED)
    for index, p in enumerate(derivation.parameters, start=1):
        name = p.name if _usable_name(p.name) else f"p{index}"
        while name in taken or keyword.iskeyword(name) or keyword.issoftkeyword(name):
            name += "_"
        if p.name in learnable and name != p.name:
            raise UsageError(f"parameter {p.name!r} cannot be a Python name; it cannot be learned")
        taken.add(name)
        names[p.symbol] = sp.Symbol(name, **p.symbol.assumptions0)
    return names


def _class_name(derivation: Derivation) -> str:
    entry = derivation.activation
    if entry is None:
        return "Activation"
    framework = entry.framework.rsplit(".", 1)[-1]
    if _CLASS_NAME.fullmatch(framework) and not keyword.iskeyword(framework):
        return framework
    camel = "".join(part[:1].upper() + part[1:] for part in re.split(r"[^A-Za-z0-9]+", entry.name))
    return camel if _CLASS_NAME.fullmatch(camel) else "Activation"


def _where_defined(derivation) -> tuple[str, ...]:
    from ..render.defined import as_text, sentences  # words, as every renderer says them
    from ..render.notation import write

    return tuple(as_text(parts, write, capital=True) for parts in sentences(derivation, "g'"))
