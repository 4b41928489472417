"""A safe reader for formulas as people type them: ``1/(1+e^-z)``, ``2z``, ``σ(z)``, ``|z|``.

A small grammar of our own (tokenizer + recursive descent); nothing typed is
ever evaluated as Python.  Every input is bounded: length, nesting depth,
number size and exponent size, so nothing typed can hang the program.

    sum     := term (("+" | "-") term)*
    term    := unary (("*" | "/" | implicit) unary)*
    unary   := ("-" | "+") unary | power
    power   := primary ("^" unary)?                 right-associative
    primary := number | name | name "(" args ")" | name "^" unary "(" args ")"
             | "(" sum ")" | "|" sum "|" | "√" primary
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

import sympy as sp

from . import catalog
from .errors import InputRefused, ParseError
from .functions import ACTIVATION_FUNCTIONS

MAX_LENGTH = 2000
MAX_DEPTH = 48
MAX_NUMBER_DIGITS = 30
MAX_EXPONENT = 1000
MAX_RESULT_DIGITS = 1000


def _heaviside(u, h0=sp.S.Zero):
    return sp.Heaviside(u, h0)


FUNCTIONS: dict[str, Callable[..., sp.Expr]] = {
    "exp": sp.exp,
    "log": sp.log,
    "ln": sp.log,
    "sqrt": sp.sqrt,
    "tanh": sp.tanh,
    "sinh": sp.sinh,
    "cosh": sp.cosh,
    "sin": sp.sin,
    "cos": sp.cos,
    "atan": sp.atan,
    "arctan": sp.atan,
    "erf": sp.erf,
    "abs": sp.Abs,
    "max": sp.Max,
    "min": sp.Min,
    "sign": sp.sign,
    "sgn": sp.sign,
    "heaviside": _heaviside,
    "step": _heaviside,
}

_ARITY = {"max": (2, 8), "min": (2, 8), "heaviside": (1, 2), "step": (1, 2)}

CONSTANTS = {"e": sp.E, "pi": sp.pi, "π": sp.pi}

# Parameter names people use; single letters are parameters too.
GREEK_PARAMETERS = {
    "alpha",
    "beta",
    "gamma",
    "delta",
    "epsilon",
    "eta",
    "theta",
    "kappa",
    "lambda",
    "lambd",
    "mu",
    "tau",
    "α",
    "β",
    "γ",
    "δ",
    "ε",
    "η",
    "θ",
    "κ",
    "λ",
    "μ",
    "τ",
}
_GREEK_NAMES = {
    "α": "alpha",
    "β": "beta",
    "γ": "gamma",
    "δ": "delta",
    "ε": "epsilon",
    "η": "eta",
    "θ": "theta",
    "κ": "kappa",
    "λ": "lambd",  # as PyTorch spells it: sympify cannot read the name "lambda" back
    "lambda": "lambd",
    "μ": "mu",
    "τ": "tau",
}

_SUPERSCRIPTS = {
    "⁰": "0",
    "¹": "1",
    "²": "2",
    "³": "3",
    "⁴": "4",
    "⁵": "5",
    "⁶": "6",
    "⁷": "7",
    "⁸": "8",
    "⁹": "9",
    "⁺": "+",
    "⁻": "-",
    "ᶻ": "z",
    "ˣ": "x",
    "ᵃ": "a",
}
_OPERATORS = {
    "+": "+",
    "-": "-",
    "−": "-",
    "–": "-",
    "*": "*",
    "×": "*",
    "·": "*",
    "⋅": "*",
    "∗": "*",
    "/": "/",
    "÷": "/",
    "^": "^",
    "(": "(",
    ")": ")",
    "[": "(",
    "]": ")",
    ",": ",",
    "|": "|",
    "√": "√",
}
_NUMBER = re.compile(r"\d+(?:\.\d*)?(?:[eE][-+]?\d+(?![\w(]))?|\.\d+")


def _letter(char: str) -> bool:
    return (char.isalpha() or char == "_") and char not in _SUPERSCRIPTS


def _name_end(text: str, start: int) -> int:
    """End of the name starting at ``start`` (== start if none): letters, then letters/digits."""
    if not _letter(text[start]):
        return start
    if not text[start].isascii():  # σ, λ, ...: one letter each, so λz is λ·z
        return start + 1
    end = start + 1
    while end < len(text) and text[end].isascii() and (_letter(text[end]) or text[end].isdigit()):
        end += 1
    return end


@dataclass(frozen=True)
class Token:
    kind: str  # "number", "name", "op", "end"
    text: str
    position: int


def tokenize(text: str) -> list[Token]:
    tokens: list[Token] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char.isspace():
            i += 1
            continue
        if char == "*" and text.startswith("**", i):
            tokens.append(Token("op", "^", i))
            i += 2
            continue
        if char in _SUPERSCRIPTS:
            start = i
            while i < len(text) and text[i] in _SUPERSCRIPTS:
                i += 1
            raised = "".join(_SUPERSCRIPTS[c] for c in text[start:i])
            tokens.append(Token("op", "^", start))
            tokens.extend(Token(t.kind, t.text, start) for t in tokenize(f"({raised})")[:-1])
            continue
        if char in _OPERATORS:
            tokens.append(Token("op", _OPERATORS[char], i))
            i += 1
            continue
        number = _NUMBER.match(text, i)
        if number:
            tokens.append(Token("number", number.group(), i))
            i = number.end()
            continue
        end = _name_end(text, i)
        if end > i:
            tokens.append(Token("name", text[i:end], i))
            i = end
            continue
        raise ParseError(_describe_bad_character(char), text, i)
    tokens.append(Token("end", "", len(text)))
    return _glued_exponents(tokens)


# Words of a hand-written condition ("2z if z > 0"): never the variable after e^2.
_NOT_GLUED = frozenset({"if", "for", "when", "otherwise", "else", "and"})


def _glued_exponents(tokens: list[Token]) -> list[Token]:
    """e^-2z means e^(-2z), as meant by hand (not e^(-2)·z): a number glued to a name
    right after e^ (with its sign) is bracketed into the exponent."""
    out: list[Token] = []
    i = 0
    while i < len(tokens):
        if tokens[i].kind == "name" and tokens[i].text == "e" and _is_op(tokens, i + 1, "^"):
            j = i + 2 + (1 if _is_op(tokens, i + 2, "-") or _is_op(tokens, i + 2, "+") else 0)
            if j + 1 < len(tokens):
                number, name = tokens[j], tokens[j + 1]
                glued = number.position + len(number.text) == name.position
                if (
                    number.kind == "number"
                    and name.kind == "name"
                    and glued
                    and name.text.lower() not in _NOT_GLUED
                ):
                    after = name.position + len(name.text)
                    out += [
                        tokens[i],
                        tokens[i + 1],
                        Token("op", "(", tokens[i + 2].position),
                        *tokens[i + 2 : j + 2],
                        Token("op", ")", after),
                    ]
                    i = j + 2
                    continue
        out.append(tokens[i])
        i += 1
    return out


def _is_op(tokens: list[Token], index: int, text: str) -> bool:
    return index < len(tokens) and tokens[index].kind == "op" and tokens[index].text == text


def _describe_bad_character(char: str) -> str:
    if char == ".":
        return "'.' outside a number (attribute access is not part of a formula)"
    if char in "=<>":
        return f"{char!r} is not part of a formula here"
    if unicodedata.category(char).startswith("C"):
        return f"control character U+{ord(char):04X} is not allowed"
    name = unicodedata.name(char, f"U+{ord(char):04X}")
    return f"unexpected character {char!r} ({name.lower()})"


class Parser:
    """Reads one formula in one variable; unknown single letters become parameters."""

    def __init__(self, text: str, variable: sp.Symbol, allow_g: bool = False):
        self.text = text
        self.variable = variable
        self.allow_g = allow_g
        self.tokens = tokenize(text)
        self.index = 0
        self.depth = 0
        self.abs_open = 0

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

    def nested(self):
        parser = self

        class _Depth:
            def __enter__(self):
                parser.depth += 1
                if parser.depth > MAX_DEPTH:
                    raise InputRefused(f"formula nested more than {MAX_DEPTH} levels deep")

            def __exit__(self, *exc):
                parser.depth -= 1

        return _Depth()

    # --- grammar -------------------------------------------------------------------
    def parse(self) -> sp.Expr:
        if self.token.kind == "end":
            raise self.error("there is no formula to read")
        result = self.sum()
        if self.token.kind != "end":
            raise self.error(f"unexpected {self.token.text!r}")
        return result

    def sum(self) -> sp.Expr:
        with self.nested():
            result = self.term()
            while True:
                if self.take("+"):
                    result = result + self.term()
                elif self.take("-"):
                    result = result - self.term()
                else:
                    return result

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
                return result

    def unary(self) -> sp.Expr:
        with self.nested():
            if self.take("-"):
                return -self.unary()
            if self.take("+"):
                return self.unary()
            return self.power()

    def power(self) -> sp.Expr:
        base = self.primary()
        caret = self.take("^")
        if caret is None:
            return base
        exponent = self.unary()
        return _bounded_power(base, exponent, self, caret)

    def primary(self) -> sp.Expr:
        token = self.token
        if token.kind == "number":
            self.index += 1
            return _number(token, self)
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
            return sp.Abs(inside)
        if self.take("√"):
            with self.nested():
                return sp.sqrt(self.power())
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
            return self.variable
        if name in CONSTANTS:
            return CONSTANTS[name]
        if name == "g" and self.allow_g:
            return self.call(token, sp.Function("g"))
        if name == "g":
            raise self.error("g(z) stands for the activation itself: type its formula", token)
        if not name.isascii() and name not in GREEK_PARAMETERS:
            odd = next(c for c in name if not c.isascii())
            raise self.error(_describe_bad_character(odd), token)
        if len(name) == 1 or name in GREEK_PARAMETERS:
            return sp.Symbol(_GREEK_NAMES.get(name, name), positive=True)
        raise self.error(_unknown_name(name, self.variable), token)

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
        low, high = _ARITY.get(token.text.lower(), (1, _max_arity(function)))
        if not low <= len(arguments) <= high:
            count = f"{low}" if low == high else f"{low} to {high}"
            raise self.error(f"{token.text} takes {count} argument(s), not {len(arguments)}", token)
        value = function(*arguments)
        return value if power is None else _bounded_power(value, power, self, token)

    def unary_exponent(self, caret: Token) -> sp.Expr:
        token = self.token
        if token.kind == "number":
            self.index += 1
            return _number(token, self)
        if opened := self.take("("):
            inside = self.sum()
            self.expect(")", opened)
            return inside
        if self.take("-"):
            return -self.unary_exponent(caret)
        raise self.error("expected a number after '^'", caret)

    def argument(self) -> sp.Expr:
        with self.nested():
            return self.sum()


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


def _unknown_name(name: str, variable: sp.Symbol) -> str:
    import difflib

    known = sorted(set(FUNCTIONS) | set(ACTIVATION_FUNCTIONS) | {variable.name})
    close = difflib.get_close_matches(name.lower(), known, n=3, cutoff=0.6)
    hint = f"; did you mean {' or '.join(close)}?" if close else ""
    return f"unknown name {name!r}{hint}"


def _number(token: Token, parser: Parser) -> sp.Expr:
    text = token.text
    if len(text.replace(".", "")) > MAX_NUMBER_DIGITS:
        raise InputRefused(f"the number at column {token.position + 1} has too many digits")
    mantissa, _, exponent = text.lower().partition("e")
    value = sp.Rational(mantissa) if mantissa not in ("", ".") else None
    if value is None:
        raise parser.error(f"{text!r} is not a number", token)
    if exponent:
        if abs(int(exponent)) > MAX_NUMBER_DIGITS:
            raise InputRefused(f"the number at column {token.position + 1} is too large")
        value *= sp.Integer(10) ** int(exponent)
    return value


def _bounded_power(base: sp.Expr, exponent: sp.Expr, parser: Parser, token: Token) -> sp.Expr:
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
    return Parser(text, symbol, allow_g).parse()
