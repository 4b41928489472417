"""A safe reader for formulas as people type them: ``1/(1+e^-z)``, ``2z``, ``σ(z)``, ``|z|``.

A small grammar of our own (tokenizer + recursive descent); nothing typed is
ever evaluated as Python.  Every input is bounded: length, nesting depth
(nesting.py), number size and exponent size (typed_numbers.py), so nothing typed
can hang the program.  as_written.py reads the same grammar without evaluating.

    sum     := term (("+" | "-") term)*
    term    := unary (("*" | "/" | implicit) unary)*
    unary   := ("-" | "+") unary | power
    power   := primary ("^" unary)?                 right-associative
    primary := number | name | name "(" args ")" | name "^" unary "(" args ")"
             | "(" sum ")" | "|" sum "|" | "√" primary

A name followed by ``(`` is a call of a known function (``names.FUNCTIONS`` or the
catalog) and nothing else: ``gamma(z)`` is refused, never read as γ·z.  Only the
variable multiplies a bracket (``z(1 + z)``), as it can never be a function.  A
constant part that is not a finite real number (``log(0)``, ``sqrt(-1)``) is
refused where it is read.
"""

from __future__ import annotations

import re

import sympy as sp

from . import catalog
from .derivation import g
from .errors import InputRefused, ParseError
from .functions import ACTIVATION_FUNCTIONS
from .names import ARITY, CONSTANTS, FUNCTIONS, GREEK_NAMES, GREEK_PARAMETERS, real_abs
from .nesting import MAX_DEPTH, MAX_SYNTAX_DEPTH, recursion_room, tree_depth
from .tokens import Token, describe_bad_character, tokenize
from .typed_numbers import bounded_power, not_a_real_number, number

__all__ = [
    "CONSTANTS",
    "FUNCTIONS",
    "GREEK_PARAMETERS",
    "MAX_DEPTH",
    "MAX_LENGTH",
    "MAX_SYNTAX_DEPTH",
    "ParseError",
    "Parser",
    "Token",
    "parse",
    "tokenize",
]

MAX_LENGTH = 2000


class _Descent:
    """Counts how many brackets, signs and calls the reader is inside (its recursion)."""

    def __init__(self, parser: Parser):
        self.parser = parser

    def __enter__(self):
        self.parser.depth += 1
        if self.parser.depth > MAX_SYNTAX_DEPTH:
            raise InputRefused(
                f"brackets, signs and calls nested more than {MAX_SYNTAX_DEPTH} deep"
            )

    def __exit__(self, *exc):
        self.parser.depth -= 1


class Parser:
    """Reads one formula in one variable; unknown single letters become parameters."""

    def __init__(self, text: str, variable: sp.Symbol, allow_g: bool = False):
        self.text = text
        self.variable = variable
        self.allow_g = allow_g
        self.tokens = tokenize(text)
        self.index = 0
        self.depth = 0  # syntactic: brackets, signs, calls
        self.abs_open = 0
        self._descent = _Descent(self)
        self._depths: dict[sp.Basic, int] = {}  # tree depth of each part built so far

    # --- helpers -------------------------------------------------------------------
    @property
    def token(self) -> Token:
        return self.tokens[self.index]

    def error(self, message: str, token: Token | None = None) -> ParseError:
        return ParseError(message, self.text, (token or self.token).position)

    def take(self, text: str | None = None, kind: str = "op") -> Token | None:
        token = self.token
        if token.kind == kind and (text is None or token.text == text):
            self.index += 1
            return token
        return None

    def expect(self, text: str, opened: Token) -> None:
        if self.take(text) is None:
            found = self.token.text or "the end"
            raise self.error(
                f"expected {text!r} to close the {opened.text!r} at column "
                f"{opened.position + 1}, found {found!r}"
            )

    def nested(self) -> _Descent:
        """A context in which the reader is one bracket (or sign, or call) deeper."""
        return self._descent

    def built(self, expr: sp.Expr) -> sp.Expr:
        """``expr``, refused if its expression tree is deeper than MAX_DEPTH levels."""
        if tree_depth(expr, self._depths) > MAX_DEPTH:
            raise InputRefused(f"formula nested more than {MAX_DEPTH} levels deep")
        return expr

    def source(self, start: Token, end: int | None = None) -> str:
        """The text typed from ``start`` to just before the current token (or ``end``)."""
        if end is None:
            previous = self.tokens[self.index - 1]
            end = previous.position + max(len(previous.text), 1)
        return self.text[start.position : end].strip()

    # --- grammar -------------------------------------------------------------------
    def parse(self) -> sp.Expr:
        if self.token.kind == "end":
            raise self.error("there is no formula to read")
        result = self.sum()
        if self.token.kind != "end":
            raise self.error(f"unexpected {self.token.text!r}")
        return result

    def sum(self) -> sp.Expr:
        result = self.term()
        while True:
            if self.take("+"):
                result = result + self.term()
            elif self.take("-"):
                result = result - self.term()
            else:
                return self.built(result)

    def _starts_primary(self) -> bool:
        token = self.token
        if token.kind in ("number", "name"):
            return True
        if token.kind == "op" and token.text in ("(", "√"):
            return True
        return token.kind == "op" and token.text == "|" and self.abs_open == 0

    def term(self) -> sp.Expr:
        result = self.unary()
        while True:
            if self.take("*"):
                result = result * self.unary()
            elif self.take("/"):
                slash = self.tokens[self.index - 1]
                divisor = self.unary()
                if divisor == 0:
                    raise self.error("division by zero", slash)
                result = result / divisor
            elif self._starts_primary():
                result = result * self.unary()
            else:
                return self.built(result)

    def unary(self) -> sp.Expr:
        if self.token.kind == "op" and self.token.text in ("-", "+"):
            with self.nested():
                if self.take("-"):
                    return self.built(-self.unary())
                self.take("+")
                return self.unary()
        return self.power()

    def power(self) -> sp.Expr:
        start = self.token
        base = self.primary()
        caret = self.take("^")
        if caret is None:
            return base
        exponent = self.unary()
        # Only a constant base is asked: SymPy's sign test on a large symbolic one can run
        # for minutes (it expands), and the hint is about (−8)^(1/3) anyway.
        odd_root = (
            exponent.is_Rational
            and exponent.q % 2 == 1
            and exponent.q > 1
            and base.is_number
            and base.is_negative
        )
        hint = " (the real cube root is cbrt(…))" if odd_root and exponent.q == 3 else ""
        return self.real(self.built(bounded_power(base, exponent, caret)), start, hint)

    def primary(self) -> sp.Expr:
        token = self.token
        if token.kind == "number":
            self.index += 1
            return number(token, self.error)
        if token.kind == "name":
            self.index += 1
            return self.named(token)
        if opened := self.take("("):
            with self.nested():
                inside = self.sum()
            self.expect(")", opened)
            return inside
        if opened := self.take("|"):
            self.abs_open += 1
            with self.nested():
                inside = self.sum()
            self.abs_open -= 1
            self.expect("|", opened)
            return self.built(real_abs(inside))
        if self.take("√"):
            with self.nested():
                return self.real(self.built(sp.sqrt(self.power())), token)
        if token.kind == "end":
            raise self.error("the formula ends too early")
        raise self.error(f"unexpected {token.text!r}")

    def named(self, token: Token) -> sp.Expr:
        name = token.text
        if name.startswith("_"):
            raise self.error(f"names starting with '_' are not allowed ({name!r})", token)
        function = _function(name)
        if function is not None:
            return self.call(token, function)
        if name == self.variable.name:
            return self.variable  # z(1 + z) is z·(1 + z): the variable is never a function
        if name == "g" and self.allow_g:
            return self.call(token, g)
        if name == "g":
            raise self.error("g(z) stands for the activation itself: type its formula", token)
        if not name.isascii() and name not in GREEK_PARAMETERS:
            odd = next(c for c in name if not c.isascii())
            raise self.error(describe_bad_character(odd), token)
        if self.token.kind == "op" and self.token.text == "(":
            raise self.error(self._not_a_function(name), token)
        if name in CONSTANTS:
            return CONSTANTS[name]
        if len(name) == 1 or name in GREEK_PARAMETERS:
            return sp.Symbol(GREEK_NAMES.get(name, name), positive=True)
        raise self.error(_unknown_name(name, self.variable), token)

    def _not_a_function(self, name: str) -> str:
        """Why ``name(...)`` cannot be read, and how to write what was perhaps meant."""
        inside = self._bracketed_text()
        shown = inside if _single_token(inside) else f"({inside})"
        if name == "e":
            return (
                f"e is Euler's number, not a function: for e times {shown} write e*{shown}, "
                f"for e to the power {shown} write e^{shown}"
            )
        if name in CONSTANTS:
            return (
                f"{name} is a number, not a function: for {name} times {shown} write {name}*{shown}"
            )
        if len(name) == 1 or name in GREEK_PARAMETERS:
            return f"unknown function {name}; for a parameter times {shown} write {name}*{shown}"
        return _unknown_name(name, self.variable, "function")

    def _bracketed_text(self) -> str:
        """The text inside the bracket that starts at the current token (as typed)."""
        opened, level = self.token, 0
        for token in self.tokens[self.index :]:
            if token.kind == "op" and token.text == "(":
                level += 1
            elif token.kind == "op" and token.text == ")":
                level -= 1
                if level == 0:
                    return self.text[opened.position + 1 : token.position].strip() or "…"
        return self.text[opened.position + 1 :].strip() or "…"

    def call(self, token: Token, function) -> sp.Expr:
        power = None
        if self.token.text == "^" and self.token.kind == "op":  # tanh^2(z)
            caret = self.take("^")
            power = self.unary_exponent(caret)
        opened = self.take("(")
        if opened is None:
            raise self.error(f"{token.text} needs its argument in brackets, e.g. {token.text}(z)")
        arguments = [self.argument()]
        while self.take(","):
            arguments.append(self.argument())
        self.expect(")", opened)
        low, high = ARITY.get(token.text.lower(), (1, _max_arity(function)))
        if not low <= len(arguments) <= high:
            count = f"{low}" if low == high else f"{low} to {high}"
            raise self.error(f"{token.text} takes {count} argument(s), not {len(arguments)}", token)
        try:
            value = function(*arguments)
        except (OverflowError, ValueError):  # SymPy evaluating a constant beyond any float
            raise self.error(f"{self.source(token)} is too large to work on", token) from None
        value = self.real(self.built(value), token)
        if power is None:
            return value
        return self.real(bounded_power(value, power, token), token)

    def real(self, value: sp.Expr, start: Token, hint: str = "") -> sp.Expr:
        """``value``, refused when it is a constant that is not a finite real number."""
        problem = not_a_real_number(value)
        if problem is None:
            return value
        raise self.error(f"{self.source(start)} is {problem}{hint}", start)

    def unary_exponent(self, caret: Token) -> sp.Expr:
        token = self.token
        if token.kind == "number":
            self.index += 1
            return number(token, self.error)
        if opened := self.take("("):
            with self.nested():
                inside = self.sum()
            self.expect(")", opened)
            return inside
        if self.take("-"):
            with self.nested():
                return -self.unary_exponent(caret)
        raise self.error("expected a number after '^'", caret)

    def argument(self) -> sp.Expr:
        with self.nested():
            return self.sum()


def _single_token(text: str) -> bool:
    """A name or a number: ``a*z`` needs no brackets, ``a*(z + 1)`` does."""
    return re.fullmatch(r"[\w.]+", text) is not None


def _max_arity(function) -> int:
    if isinstance(function, type) and issubclass(function, sp.Function):
        nargs = function.nargs
        if isinstance(nargs, sp.FiniteSet):
            return int(max(nargs))
    return 1


def _function(name: str):
    if name.lower() in FUNCTIONS:
        return FUNCTIONS[name.lower()]
    entry = catalog.find(name)
    if entry is None:
        return None
    if entry.name in ACTIVATION_FUNCTIONS:
        return ACTIVATION_FUNCTIONS[entry.name]
    return FUNCTIONS.get(entry.name)


def _unknown_name(name: str, variable: sp.Symbol, kind: str = "name") -> str:
    import difflib

    known = sorted(set(FUNCTIONS) | set(ACTIVATION_FUNCTIONS) | {variable.name})
    close = difflib.get_close_matches(name.lower(), known, n=3, cutoff=0.6)
    hint = f"; did you mean {' or '.join(close)}?" if close else ""
    return f"unknown {kind} {name!r}{hint}"


def parse(text: str, variable: str | sp.Symbol = "z", *, allow_g: bool = False) -> sp.Expr:
    """The formula in ``text`` as a SymPy expression in ``variable``.

    Raises ParseError (with the column) for text that is not a formula and
    InputRefused for input too large to handle safely.
    """
    if not isinstance(text, str):
        raise ParseError("a formula must be text")
    if len(text) > MAX_LENGTH:
        raise InputRefused(f"formula too long ({len(text)} characters; at most {MAX_LENGTH})")
    symbol = variable if isinstance(variable, sp.Symbol) else sp.Symbol(variable, real=True)
    with recursion_room():
        return Parser(text, symbol, allow_g).parse()
