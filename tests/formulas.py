"""Random formulas as people type them, each with the SymPy expression it means.

The text is what a user types at ``derive "..."``: compositions of sigmoid, tanh,
softplus, exp and e^(...), log, sqrt, |...| and abs(), max/min (breakpoints without a
closed form too: max(z, sigmoid(z))), erf; decimals (0.044715), fractions ((2/7)),
implicit products (``5 z``, ``0.5z``), ``**`` and ``^``, redundant brackets.  The
meaning is built here in plain SymPy, never by the package's parser, so a misreading
shows as a wrong derivative.

One generator serves two sources of choices: hypothesis (``typed_formulas``, which
shrinks) and a seeded ``random.Random`` (``random_formula``, for the benchmark).

``wrong_at`` checks a derivation against ``sympy.diff`` with mpmath at 50 digits,
written apart from ``derivations.verify`` so it can catch the prover's mistakes.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

import mpmath
import sympy as sp
from hypothesis import strategies as st

Z = sp.Symbol("z", real=True)

# Constants as typed, with their exact values: decimals are exact in the engine too.
CONSTANTS = ("2", "3", "5", "0.5", "0.25", "1.5", "0.75", "0.044715", "(2/7)", "(5/3)", "1/10")
UNARY = ("sigmoid", "tanh", "softplus", "exp", "e^", "log", "sqrt", "abs", "|", "erf", "-")
BINARY = ("+", "-", "*", "/", "implicit", "^", "max", "min")


@dataclass(frozen=True)
class Formula:
    """Typed text, the expression it means, and how many operations it has."""

    text: str
    meaning: sp.Expr
    ops: int
    kind: str = "atom"  # "atom" (needs no bracket), "power", "product" or "sum"


def _sigmoid(u):
    return 1 / (1 + sp.exp(-u))


def _softplus(u):
    return sp.log(1 + sp.exp(u))


_MEANINGS = {
    "sigmoid": _sigmoid,
    "tanh": sp.tanh,
    "softplus": _softplus,
    "exp": sp.exp,
    "e^": sp.exp,
    "log": sp.log,
    "sqrt": sp.sqrt,
    "abs": sp.Abs,
    "|": sp.Abs,
    "erf": sp.erf,
    "-": lambda u: -u,
}


class _Choices:
    """The choices a formula is made of, from a random.Random or a hypothesis draw."""

    def __init__(self, rng: random.Random | None = None, draw=None):
        self.rng, self.draw = rng, draw

    def pick(self, options):
        if self.rng is not None:
            return self.rng.choice(options)
        return self.draw(st.sampled_from(options))

    def integer(self, low: int, high: int) -> int:
        if self.rng is not None:
            return self.rng.randint(low, high)
        return self.draw(st.integers(low, high))

    def chance(self, p: float) -> bool:
        if self.rng is not None:
            return self.rng.random() < p
        # Shrinks towards False: towards the plainer formula.
        return self.draw(st.integers(0, 99)) < round(100 * p)


def _bracket(f: Formula) -> str:
    return f.text if f.kind == "atom" else f"({f.text})"


def _at_least(f: Formula, kind: str) -> str:
    """f's text, bracketed unless it binds at least as tightly as ``kind``."""
    order = ("sum", "product", "power", "atom")
    return f.text if order.index(f.kind) >= order.index(kind) else f"({f.text})"


def _leaf(c: _Choices) -> Formula:
    shape = c.pick(("z", "z", "z", "scaled", "scaled", "constant", "shifted"))
    if shape == "z":
        return Formula("z", Z, 0)
    constant = c.pick(CONSTANTS)
    value = sp.Rational(constant.strip("()").split("/")[0]) / (
        sp.Integer(constant.strip("()").split("/")[1]) if "/" in constant else 1
    )
    if shape == "constant":
        return Formula(constant, value, 0, "product" if constant == "1/10" else "atom")
    if shape == "shifted":
        sign = c.pick(("+", "-"))
        return Formula(f"z {sign} {constant}", Z + value if sign == "+" else Z - value, 1, "sum")
    written = c.pick(("implicit", "spaced", "star"))
    if constant == "1/10":
        written = "star"  # 1/10z would be 1/(10z)
    if written == "implicit" and not constant.startswith("("):
        return Formula(f"{constant}z", value * Z, 1, "product")
    if written == "spaced":
        return Formula(f"{constant} z", value * Z, 1, "product")
    return Formula(f"{constant}*z", value * Z, 1, "product")


def _unary(c: _Choices, name: str, u: Formula) -> Formula:
    meaning = _MEANINGS[name]
    inner = u
    if name in ("log", "sqrt") and c.chance(0.6):
        # As people write them: the argument is usually positive by construction.
        shape = c.pick(("1 + u^2", "1 + |u|", "1 + exp(u)", "|u|", "u^2"))
        text = {
            "1 + u^2": f"1 + {_bracket(u)}^2",
            "1 + |u|": f"1 + |{u.text}|",
            "1 + exp(u)": f"1 + exp({u.text})",
            "|u|": f"|{u.text}|",
            "u^2": f"{_bracket(u)}^2",
        }[shape]
        value = {
            "1 + u^2": 1 + u.meaning**2,
            "1 + |u|": 1 + sp.Abs(u.meaning),
            "1 + exp(u)": 1 + sp.exp(u.meaning),
            "|u|": sp.Abs(u.meaning),
            "u^2": u.meaning**2,
        }[shape]
        inner = Formula(text, value, u.ops + 2, "sum")
    if name == "|":
        return Formula(f"|{inner.text}|", meaning(inner.meaning), inner.ops + 1)
    if name == "e^":
        return Formula(f"e^({inner.text})", meaning(inner.meaning), inner.ops + 1, "power")
    if name == "-":
        return Formula(f"-{_at_least(inner, 'product')}", -inner.meaning, inner.ops + 1, "sum")
    return Formula(f"{name}({inner.text})", meaning(inner.meaning), inner.ops + 1)


def _binary(c: _Choices, op: str, a: Formula, b: Formula) -> Formula:
    ops = a.ops + b.ops + 1
    if op in ("max", "min"):
        f = sp.Max if op == "max" else sp.Min
        return Formula(f"{op}({a.text}, {b.text})", f(a.meaning, b.meaning), ops)
    if op == "+":
        return Formula(f"{a.text} + {b.text}", a.meaning + b.meaning, ops, "sum")
    if op == "-":
        return Formula(f"{a.text} - {_at_least(b, 'product')}", a.meaning - b.meaning, ops, "sum")
    if op == "*":
        star = c.pick(("*", " * "))
        text = f"{_at_least(a, 'product')}{star}{_at_least(b, 'power')}"
        return Formula(text, a.meaning * b.meaning, ops, "product")
    if op == "/":
        text = f"{_at_least(a, 'product')}/{_at_least(b, 'power')}"
        return Formula(text, a.meaning / b.meaning, ops, "product")
    if op == "implicit":
        # A number before a call or a bracket: "3 tanh(z)", "0.5(1 + z)".
        constant = c.pick(("2", "3", "0.5", "1.5"))
        right = _at_least(b, "power")
        if right[0].isdigit() or right[0] == "|":
            right = f"({right})"
        space = c.pick(("", " ")) if right[0] == "(" else " "
        return Formula(
            f"{constant}{space}{right}", sp.Rational(constant) * b.meaning, ops, "product"
        )
    # op == "^": a small power, typed ^ or **, the exponent bracketed when it is not a digit
    exponent, value = c.pick((("2", 2), ("3", 3), ("2", 2), ("(1/2)", sp.Rational(1, 2))))
    caret = c.pick(("^", "**"))
    return Formula(f"{_bracket(a)}{caret}{exponent}", a.meaning**value, ops, "power")


def _formula(c: _Choices, budget: int) -> Formula:
    if budget <= 0 or c.chance(0.15):
        return _leaf(c)
    if c.chance(0.5):
        name = c.pick(UNARY)
        f = _unary(c, name, _formula(c, budget - 1))
    else:
        op = c.pick(BINARY)
        if op in ("implicit", "^"):
            inner = _formula(c, budget - 1)
            f = _binary(c, op, inner, inner)
        else:
            left = c.integer(0, budget - 1)
            a = _formula(c, left)
            b = _formula(c, max(budget - 1 - a.ops, 0))
            if op in ("max", "min") and c.chance(0.3):
                # A breakpoint without a closed form, as in max(z, sigmoid(z)).
                b = _unary(c, c.pick(("sigmoid", "tanh", "softplus")), a)
            f = _binary(c, op, a, b)
    if c.chance(0.1):  # redundant brackets, as people leave them
        f = Formula(f"({f.text})", f.meaning, f.ops)
    return f


def _formula_in_z(c: _Choices, max_ops: int) -> Formula:
    for _ in range(20):
        try:
            f = _formula(c, max_ops)
        except (ValueError, ZeroDivisionError):  # SymPy refused to build it: Max(zoo, z)
            continue
        if f.ops <= max_ops and f.meaning.has(Z) and not f.meaning.has(sp.zoo, sp.nan):
            return f
    return Formula("z*tanh(z)", Z * sp.tanh(Z), 2, "product")


def random_formula(rng: random.Random, max_ops: int = 60) -> Formula:
    """A formula of up to ``max_ops`` operations in z, from a seeded random.Random."""
    return _formula_in_z(_Choices(rng=rng), max_ops)


@st.composite
def typed_formulas(draw, max_ops: int = 8) -> Formula:
    """Hypothesis strategy: a formula of up to ``max_ops`` operations in z."""
    return _formula_in_z(_Choices(draw=draw), max_ops)


# --- the check ---------------------------------------------------------------------

DIGITS = 50
# Points across [-8, 8] that avoid every rational breakpoint a formula here can have.
POINTS = [sp.Rational(k, 5) + sp.Rational(1, 997) for k in range(-40, 41, 3)]
_SMALL = mpmath.mpf(10) ** (-(DIGITS - 20))


def _exp(x):
    """mpmath's exp, refusing towers such as e^(e^(e^8)) that would take all memory."""
    if abs(mpmath.re(x)) > 10**6:
        raise OverflowError("exp of an argument beyond 10^6")
    return mpmath.exp(x)


def _step_sign(u):
    if u == 0:
        raise ValueError("sign(0): a kink")
    return mpmath.mpf(1) if u > 0 else mpmath.mpf(-1)


def _heaviside(u, _at_zero=None):
    return (_step_sign(u) + 1) / 2


def _numeric(expr: sp.Expr, z: sp.Symbol):
    """x -> mpmath value of expr at 50 digits, or None where undefined or not real."""
    # A breakpoint solved as a polynomial root (CRootOf) has no mpmath name: its digits.
    expr = expr.replace(
        lambda e: isinstance(e, sp.CRootOf), lambda e: sp.Float(sp.N(e, DIGITS + 10), DIGITS + 10)
    )
    # sign and Heaviside are undefined at 0 (a kink is judged apart), as functions: written
    # as Piecewise, one inside another's condition folds to a comparison with nan
    steps = {"exp": _exp, "sign": _step_sign, "Heaviside": _heaviside}
    compiled = sp.lambdify(z, expr, modules=[steps, "mpmath"])

    def at(x: sp.Rational):
        with mpmath.workdps(DIGITS):
            try:
                value = mpmath.mpmathify(compiled(mpmath.mpf(x.p) / x.q))
            except (ZeroDivisionError, OverflowError, ValueError, TypeError, MemoryError):
                return None
            if isinstance(value, mpmath.mpc):
                if abs(value.imag) > _SMALL * max(1, abs(value.real)):
                    return None
                value = value.real
            if mpmath.isnan(value) or mpmath.isinf(value):
                return None
            return value

    return at


def expanded(expr: sp.Expr, derivation) -> sp.Expr:
    """An expression of a derivation in plain SymPy: g(z), catalog functions, d/dz done."""
    from tests.conftest import plain

    z = derivation.variable
    return plain(expr, derivation.function, z).xreplace({z: Z})


def differ(a: sp.Expr, b: sp.Expr, points=POINTS) -> tuple[str | None, int]:
    """Where two expressions in Z differ (None: nowhere) and at how many points both exist."""
    fa, fb = _numeric(a, Z), _numeric(b, Z)
    compared = 0
    for x in points:
        va, vb = fa(x), fb(x)
        if va is None or vb is None:
            continue
        with mpmath.workdps(DIGITS):
            if abs(va - vb) > mpmath.mpf(10) ** -25 * max(1, abs(va), abs(vb)):
                return f"z = {x}: {mpmath.nstr(va, 15)} vs {mpmath.nstr(vb, 15)}", compared
        compared += 1
    return None, compared


def wrong_at(derivation, formula: Formula, steps: bool = True) -> str | None:
    """What is wrong with a derivation of ``formula`` (None: nothing): the result against
    sympy.diff of what the formula means, and (with ``steps``) each step against the one
    before, at 50 digits wherever both sides are real."""
    truth = sp.diff(formula.meaning, Z)
    result = expanded(derivation.result, derivation)
    problem, compared = differ(result, truth)
    if problem:
        return f"the result {sp.sstr(derivation.result)} differs from sympy.diff at {problem}"
    g_values = _numeric(formula.meaning, Z)
    defined = [x for x in POINTS if g_values(x) is not None]
    if defined and compared == 0:
        return "the result and sympy.diff are never both defined where g is"
    if steps:
        previous = expanded(derivation.start, derivation)
        for number, step in enumerate(derivation.steps, 1):
            current = expanded(step.expression, derivation)
            problem, _ = differ(previous, current)
            if problem:
                return f"step {number} ({step.rule}) differs from the one before at {problem}"
            previous = current
    return None
