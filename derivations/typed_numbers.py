"""The numbers a typed formula may hold: literals and powers of bounded size, and
constants that are finite real numbers (``log(0)`` and ``sqrt(-1)`` are not).

These bounds are what keeps a typed number from hanging the program: a literal has
at most MAX_NUMBER_DIGITS digits, an exponent is at most MAX_EXPONENT, and no
constant is worked on beyond 10^MAX_RESULT_DIGITS.
"""

from __future__ import annotations

from collections.abc import Callable

import mpmath
import sympy as sp

from .errors import InputRefused, ParseError
from .tokens import Token

MAX_NUMBER_DIGITS = 30
MAX_EXPONENT = 1000
MAX_RESULT_DIGITS = 1000


def number(token: Token, error: Callable[[str, Token], ParseError]) -> sp.Expr:
    """The exact value of the number ``token`` (``error`` makes the reader's ParseError)."""
    text = token.text
    if len(text.replace(".", "")) > MAX_NUMBER_DIGITS:
        raise InputRefused(f"the number at column {token.position + 1} has too many digits")
    mantissa, _, exponent = text.lower().partition("e")
    value = sp.Rational(mantissa) if mantissa not in ("", ".") else None
    if value is None:
        raise error(f"{text!r} is not a number", token)
    if exponent:
        if abs(int(exponent)) > MAX_NUMBER_DIGITS:
            raise InputRefused(f"the number at column {token.position + 1} is too large")
        value *= sp.Integer(10) ** int(exponent)
    return value


def bounded_power(base: sp.Expr, exponent: sp.Expr, token: Token) -> sp.Expr:
    """``base**exponent``, refused if a constant exponent or the power is too large."""
    if exponent.is_number:
        size = abs(sp.N(exponent, 15)) if exponent.is_real else None
        if size is None or size > MAX_EXPONENT:
            raise InputRefused(
                f"the exponent at column {token.position + 1} is too large (at most {MAX_EXPONENT})"
            )
        if base.is_number and base.is_real:
            magnitude = abs(sp.N(base, 15))
            if magnitude > 1 and float(size) * float(sp.log(magnitude, 10)) > MAX_RESULT_DIGITS:
                raise InputRefused(f"the power at column {token.position + 1} is too large")
    return base**exponent


def not_a_real_number(value: sp.Expr) -> str | None:
    """Why a constant is no finite real number we can work with ("undefined" for log(0),
    "not a real number" for sqrt(-1) or asin(2), "too large to work on" beyond
    10^MAX_RESULT_DIGITS); None for such a number or for a non-constant."""
    if not isinstance(value, sp.Expr) or not value.is_number:
        return None
    if value.is_Number:
        return None if value.is_finite else "undefined"
    if value.has(sp.zoo, sp.nan, sp.oo, -sp.oo):
        return "undefined"
    try:
        real, finite = value.is_extended_real, value.is_finite
    except (OverflowError, ValueError):  # SymPy evaluated a number too large for it
        return "too large to work on"
    if finite is False:
        return "undefined"
    if real is False:
        return "not a real number"
    approximation = _guarded_number(value)  # with e^x refused beyond x = 10^20, so never slow
    if approximation is None:
        return "too large to work on" if real else "not a real number"
    if abs(approximation) > mpmath.mpf(10) ** MAX_RESULT_DIGITS:
        return "too large to work on"
    return None


def _guarded_number(value: sp.Expr):
    """The constant at 30 digits, or None if it is not real or beyond any float."""
    from .verify import evaluator  # only for constants: keeps the start-up fast

    dummy = sp.Dummy("z", real=True)
    with mpmath.workdps(30):
        try:
            return evaluator(value, dummy, {})(mpmath.mpf(0))
        except (OverflowError, ValueError, ZeroDivisionError):
            return None
