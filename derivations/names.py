"""The names a typed formula may use: functions, constants and parameter names.

A name followed by ``(`` is a function call, so every function people type is
here, each with the SymPy function it stands for; ``log1p`` and ``expm1`` are
written by their definitions, ``cbrt`` is the real cube root.  Anything else
followed by ``(`` is refused by the parser, never read as a product.
"""

from __future__ import annotations

import builtins
import keyword
import re
from collections.abc import Callable

import sympy as sp

from .elementary import RealCbrt


def _heaviside(u, h0=sp.S.Zero):
    return sp.Heaviside(u, h0)


def real_abs(u):
    """|u| for a real u.  SymPy, unsure that u is real (a 1/z inside may be 1/0), writes
    |e^v| as e^(re v) and expands re v in polar form; every formula here is real where it
    is defined, so e^v is positive and comes out of the bars as it is."""
    factors = sp.Mul.make_args(u)
    positive = [f for f in factors if isinstance(f, sp.exp)]
    if positive:
        rest = sp.Mul(*(f for f in factors if not isinstance(f, sp.exp)))
        return sp.Mul(*positive) * real_abs(rest)
    value = sp.Abs(u)
    if value.has(sp.re, sp.im):
        value = value.replace(sp.re, lambda v: v).replace(sp.im, lambda v: sp.S.Zero)
    return value


def _log1p(u):
    return sp.log(1 + u)


def _expm1(u):
    return sp.exp(u) - 1


FUNCTIONS: dict[str, Callable[..., sp.Expr]] = {
    "exp": sp.exp,
    "expm1": _expm1,
    "log": sp.log,
    "ln": sp.log,
    "log1p": _log1p,
    "sqrt": sp.sqrt,
    "cbrt": RealCbrt,
    "tanh": sp.tanh,
    "sinh": sp.sinh,
    "cosh": sp.cosh,
    "sech": sp.sech,
    "csch": sp.csch,
    "coth": sp.coth,
    "asinh": sp.asinh,
    "arsinh": sp.asinh,
    "arcsinh": sp.asinh,
    "acosh": sp.acosh,
    "arcosh": sp.acosh,
    "arccosh": sp.acosh,
    "atanh": sp.atanh,
    "artanh": sp.atanh,
    "arctanh": sp.atanh,
    "sin": sp.sin,
    "cos": sp.cos,
    "tan": sp.tan,
    "asin": sp.asin,
    "arcsin": sp.asin,
    "acos": sp.acos,
    "arccos": sp.acos,
    "atan": sp.atan,
    "arctan": sp.atan,
    "erf": sp.erf,
    "erfc": sp.erfc,
    "abs": real_abs,
    "max": sp.Max,
    "min": sp.Min,
    "sign": sp.sign,
    "sgn": sp.sign,
    "heaviside": _heaviside,
    "step": _heaviside,
}

ARITY = {"max": (2, 8), "min": (2, 8), "heaviside": (1, 2), "step": (1, 2)}

CONSTANTS = {"e": sp.E, "pi": sp.pi, "π": sp.pi}

# The Greek letters by their English names: the one table the parser, the renderers and
# the LaTeX reader all take theirs from.
GREEK = {
    "alpha": "α",
    "beta": "β",
    "gamma": "γ",
    "delta": "δ",
    "epsilon": "ε",
    "zeta": "ζ",
    "eta": "η",
    "theta": "θ",
    "kappa": "κ",
    "lambda": "λ",
    "mu": "μ",
    "nu": "ν",
    "xi": "ξ",
    "pi": "π",
    "rho": "ρ",
    "sigma": "σ",
    "tau": "τ",
    "phi": "φ",
    "chi": "χ",
    "psi": "ψ",
    "omega": "ω",
}
# Parameter names people use (each a positive symbol); single letters are parameters too.
# π is a constant and σ the sigmoid, not parameters; λ is also spelt as PyTorch does.
_GREEK = {
    **{name: letter for name, letter in GREEK.items() if name not in ("pi", "sigma")},
    "lambd": "λ",
}
GREEK_PARAMETERS = frozenset(_GREEK) | frozenset(_GREEK.values())
# The symbol's name for each spelling: λ is "lambd", as PyTorch spells it (sympify
# cannot read the name "lambda" back), and a Greek letter is its English name.
GREEK_NAMES = {
    **{letter: name for name, letter in _GREEK.items() if name != "lambd"},
    "λ": "lambd",
    "lambda": "lambd",
}

_IDENTIFIER = re.compile(r"[A-Za-z][A-Za-z0-9_]*")


def sympy_reads_otherwise(name: str) -> str | None:
    """What ``sympy.sympify`` makes of ``name`` when it is not a plain symbol, else None.

    Read from SymPy's namespace and the builtins sympify adds, never by calling
    sympify on the name.
    """
    if keyword.iskeyword(name):
        return "a Python keyword"
    if hasattr(sp, name):
        value = getattr(sp, name)
        if isinstance(value, sp.Basic) and value.is_number:
            return f"SymPy's constant {name}"
        return f"SymPy's {name}"
    if name in vars(builtins) and callable(vars(builtins)[name]):
        return f"Python's {name}"
    return None


def variable_problem(name: str) -> str | None:
    """Why ``name`` cannot be the variable of a formula, or None if it can.

    The variable is a plain identifier that no formula or JSON reader takes for
    something else: not a function, constant, catalog name, g, or a name SymPy
    reads as one of its own.
    """
    from . import catalog

    if not isinstance(name, str) or not name:
        return "the variable needs a name, such as z or x"
    single_letter = len(name) == 1 and name.isalpha() and not name.isascii()
    if not (_IDENTIFIER.fullmatch(name) or single_letter):
        return f"{name!r} is not a plain name (letters, then letters, digits or _), such as z or x"
    lowered = name.lower()
    if lowered in FUNCTIONS or catalog.find(name) is not None:
        return f"{name} is the name of a function"
    if name in CONSTANTS:
        return f"{name} is a constant"
    if name == "g":
        return "g stands for the activation itself"
    if name.isascii():
        other = sympy_reads_otherwise(name)
        if other is not None:
            return f"{name} is {other} to a reader of the output"
    return None
