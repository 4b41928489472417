"""The differentiation rules: each takes the f of one pending d/dz f and says what it becomes.

A rule is a function ``(f, context) -> Application | None`` registered with
``@rule(name, law)``; ``law`` is the rule as a lecturer writes it.  Rules are
tried in the order they are registered and the first that applies wins; a
rule never calls SymPy's ``diff``.  The result keeps the derivatives it still
needs as pending ``Derivative`` objects, so each step does one thing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import sympy as sp

from . import forms
from .derivation import g
from .forms import add, fraction, mul, negate, pending, power
from .functions import ActivationFunction
from .known_derivatives import DEFINITIONS, ELEMENTARY
from .piecewise import PIECEWISE_TYPES, as_pieces, as_piecewise, open_pieces


@dataclass(frozen=True)
class Application:
    """What one rule did to one pending derivative."""

    rule: str
    law: str
    explanation: str
    result: sp.Expr
    inner: sp.Expr | None = None  # the inner function u of a chain rule
    by_operands: bool = False  # holds for any operands: provable with them abstracted


@dataclass(frozen=True)
class Context:
    """What the rules may know besides f: the variable and how to treat named functions."""

    variable: sp.Symbol
    values: Mapping[sp.Symbol, sp.Expr] = field(default_factory=dict)
    from_definition: bool = False
    known_derivative: Callable[[ActivationFunction, sp.Symbol], sp.Expr] | None = None
    # The variable pieces are defined along (z), when differentiating by a parameter.
    space: sp.Symbol | None = None
    # g'(z) written with g(z), known from the first derivative, for higher orders.
    known_g: sp.Expr | None = None
    # Vector targets y summing to 1 (cross-entropy): a move may use Σᵢ yᵢ = 1.
    targets_sum_to_one: bool = False

    @property
    def along(self) -> sp.Symbol:
        return self.space if self.space is not None else self.variable

    def depends(self, expr: sp.Basic) -> bool:
        """Whether expr changes with the variable; z_i may depend on z_j, since i may be j."""
        if isinstance(self.variable, sp.Indexed):
            return expr.has(self.variable.base)
        return expr.has(self.variable)


@dataclass(frozen=True)
class Rule:
    name: str
    law: str
    apply: Callable[[sp.Expr, Context], Application | None]
    by_operands: bool = False  # its result depends on the operands only as such


RULES: list[Rule] = []


def rule(name: str, law: str, by_operands: bool = False):
    """Register a rule; rules are tried in registration order.  ``by_operands``: the rule
    holds whatever its operands are (the prover may replace them by arbitrary functions)."""

    def register(function):
        RULES.append(Rule(name, law, function, by_operands))
        return function

    return register


def differentiate_once(f: sp.Expr, context: Context) -> Application | None:
    """Apply the first rule that fits d/dz f, or None when no rule knows f."""
    for candidate in RULES:
        applied = candidate.apply(f, context)
        if applied is not None:
            return applied
    return None


def _made(name: str, explanation: str, result: sp.Expr, inner: sp.Expr | None = None):
    made_by = next(r for r in RULES if r.name == name)
    return Application(name, made_by.law, explanation, result, inner, made_by.by_operands)


def split_fraction(f: sp.Expr) -> tuple[sp.Expr, sp.Expr]:
    """(numerator, denominator) as written: factors with negative exponents go below."""
    top, bottom = [], []
    for factor in sp.Mul.make_args(f):
        base, exponent = factor.as_base_exp() if factor.is_Pow else (factor, sp.S.One)
        if exponent.is_number and exponent.is_negative:
            bottom.append(base if exponent == -1 else power(base, -exponent))
        else:
            top.append(factor)
    return mul(*top) if top else sp.S.One, mul(*bottom) if bottom else sp.S.One


def _outer(f: sp.Expr, context: Context):
    """For f = F(u): (rule name, law, F'(u), u), or None when F has no rule here."""
    if f.is_Pow:
        base, exponent = f.args
        if context.depends(base) and not context.depends(exponent):
            law = "d/du uⁿ = n·uⁿ⁻¹"
            return "power rule", law, _power_derivative(base, exponent), base
        if not context.depends(base) and context.depends(exponent):
            derivative = mul(f, sp.log(base)) if base != sp.E else f
            return "exponential rule", "d/du aᵘ = aᵘ·log a", derivative, exponent
        return None
    if isinstance(f, ActivationFunction) and context.known_derivative is not None:
        if context.from_definition or len(f.args) != 1:
            return None
        name = f.func.activation.symbol
        derivative = context.known_derivative(f, context.variable)
        return f"{name} rule", f"d/du {name}(u) = {name}′(u)", derivative, f.args[0]
    entry = ELEMENTARY.get(f.func)
    if entry is None or len(f.args) != 1:
        return None
    name, law, derivative = entry
    return name, law, derivative(f.args[0]), f.args[0]


def _power_derivative(base: sp.Expr, exponent: sp.Expr) -> sp.Expr:
    lowered = exponent - 1
    if lowered == 0:
        return exponent
    if lowered == 1:
        return mul(exponent, base)  # 2u, not 2u¹
    return mul(exponent, power(base, lowered))


# --- the rules, in the order they are tried ------------------------------------------


@rule("constant rule", "d/dz c = 0")
def constant_rule(f, context):
    if not context.depends(f):
        return _made("constant rule", "a constant does not change with z", sp.S.Zero)
    return None


@rule("variable rule", "d/dz z = 1")
def variable_rule(f, context):
    if f == context.variable:
        return _made("variable rule", "z changes at the same rate as z", sp.S.One)
    return None


@rule("index rule", "∂zᵢ/∂zⱼ = δᵢⱼ: 1 when i = j, else 0")
def index_rule(f, context):
    v = context.variable
    if isinstance(f, sp.Indexed) and isinstance(v, sp.Indexed) and f.base == v.base:
        delta = sp.KroneckerDelta(f.indices[0], v.indices[0], evaluate=False)
        return _made("index rule", "zᵢ changes with zⱼ only when i = j", delta)
    return None


@rule("sum over an index", "∂/∂zⱼ Σₖ fₖ = Σₖ ∂fₖ/∂zⱼ")
def indexed_sum_rule(f, context):
    if not isinstance(f, sp.Sum):
        return None
    inner = pending(f.function, context.variable)
    return _made(
        "sum over an index", "differentiate the sum term by term", sp.Sum(inner, *f.limits)
    )


@rule("derivative of g", "g′(z) as found in the first derivative")
def known_g_rule(f, context):
    if context.known_g is None or f != g(context.variable):
        return None
    explanation = "use the first derivative, already written in terms of g"
    return _made("derivative of g", explanation, context.known_g)


@rule("sum rule", "d/dz (f + h) = df/dz + dh/dz", by_operands=True)
def sum_rule(f, context):
    if not f.is_Add:
        return None
    parts = add(*(pending(term, context.variable) for term in f.args))
    return _made("sum rule", "differentiate the sum term by term", parts)


@rule("constant multiple rule", "d/dz (c·f) = c·df/dz", by_operands=True)
def constant_multiple_rule(f, context):
    if not f.is_Mul:
        return None
    constants = [a for a in f.args if not context.depends(a)]
    varying = [a for a in f.args if context.depends(a)]
    if not constants or not varying:
        return None
    result = mul(*constants, pending(mul(*varying), context.variable))
    return _made("constant multiple rule", "a constant factor comes out of the derivative", result)


@rule("quotient rule", "d/dz (n/d) = (dn/dz·d − n·dd/dz)/d²", by_operands=True)
def quotient_rule(f, context):
    if not f.is_Mul:
        return None
    z = context.variable
    top, bottom = split_fraction(f)
    if not (context.depends(top) and context.depends(bottom)):
        return None
    numerator = add(
        mul(pending(top, z), bottom),
        negate(mul(top, pending(bottom, z))),
    )
    result = fraction(numerator, power(bottom, sp.Integer(2)))
    explanation = "numerator and denominator both change with the variable"
    return _made("quotient rule", explanation, result)


@rule("product rule", "d/dz (f·h) = df/dz·h + f·dh/dz", by_operands=True)
def product_rule(f, context):
    if not f.is_Mul:
        return None
    z = context.variable
    first, rest = f.args[0], mul(*f.args[1:])
    result = add(mul(pending(first, z), rest), mul(first, pending(rest, z)))
    return _made("product rule", "both factors depend on z", result)


@rule("power rule", "d/dz zⁿ = n·zⁿ⁻¹", by_operands=True)
def power_rule(f, context):
    z = context.variable
    if f.is_Pow and f.args[0] == z and not context.depends(f.args[1]):
        explanation = "bring the exponent down and lower it by one"
        return _made("power rule", explanation, _power_derivative(z, f.args[1]))
    return None


@rule("power of e rewrite", "fᵍ = e^(g·log f)", by_operands=True)
def variable_power_rule(f, context):
    z = context.variable
    if f.is_Pow and context.depends(f.args[0]) and context.depends(f.args[1]):
        rewritten = sp.exp(mul(f.args[1], sp.log(f.args[0])))
        explanation = "both base and exponent depend on z: write the power with base e"
        return _made("power of e rewrite", explanation, pending(rewritten, z))
    return None


@rule("definition", "write the function by its definition")
def definition_rule(f, context):
    if not context.from_definition or len(f.args) != 1:
        return None
    if isinstance(f, ActivationFunction):
        written = f.definition()
    elif f.func in DEFINITIONS:
        written = DEFINITIONS[f.func](f.args[0])
    else:
        return None
    explanation = f"write {f.func.__name__} by its definition"
    return _made("definition", explanation, pending(written, context.variable))


@rule("write in pieces", "a piecewise function is one formula on each interval")
def pieces_rule(f, context):
    if not isinstance(f, PIECEWISE_TYPES) or isinstance(f, sp.Piecewise):
        return None
    written = as_piecewise(f, context.along, context.values)
    explanation = f"{f.func.__name__.lower()} uses a different formula on each side of a breakpoint"
    return _made("write in pieces", explanation, pending(written, context.variable))


@rule("piecewise rule", "differentiate each piece on the open interval where it holds")
def piecewise_rule(f, context):
    if not isinstance(f, sp.Piecewise):
        return None
    z, along = context.variable, context.along
    pieces = as_pieces(f, along, context.values)
    branches = [(pending(formula, z), cond) for formula, cond in open_pieces(pieces, along)]
    explanation = "the breakpoints are left out: a derivative there is judged separately"
    result = sp.Piecewise(*branches, evaluate=False) if len(branches) > 1 else branches[0][0]
    return _made("piecewise rule", explanation, result)


def _direct(f, context):
    """F(z) for a named function F: its own rule, no chain needed."""
    found = _outer(f, context)
    if found is None or found[3] != context.variable:
        return None
    name, law, derivative, _ = found
    return Application(name, law, f"the known derivative of {_label(f)}", derivative)


def _label(f: sp.Expr) -> str:
    if f.is_Pow:
        return "a power"
    if isinstance(f, ActivationFunction):
        return f.func.activation.symbol
    return f.func.__name__


@rule("elementary function", "d/dz F(z) = F′(z) for a function F with a known derivative")
def elementary_rule(f, context):
    return _direct(f, context)


@rule("chain rule", "d/dz F(u) = F′(u)·du/dz", by_operands=True)
def chain_rule(f, context):
    found = _outer(f, context)
    if found is None or found[3] == context.variable:
        return None
    name, _, derivative, inner = found
    result = mul(derivative, pending(inner, context.variable))
    explanation = f"{name} outside, times the derivative of the inside"
    if f.is_Pow and f.args[1] == -1:
        explanation = f"1/u = u⁻¹: {explanation}"
    return _made("chain rule", explanation, result, inner=inner)


__all__ = [
    "DEFINITIONS",
    "ELEMENTARY",
    "Application",
    "Context",
    "RULES",
    "differentiate_once",
    "forms",
    "split_fraction",
]
