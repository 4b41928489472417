"""Names in LaTeX: functions and activation symbols (\\tanh, \\sigma, \\operatorname{ReLU}),
symbols (z, \\alpha, a_{1}), relations; each with its width in em."""

from __future__ import annotations

from ..unicode import GREEK
from . import latex_widths as widths
from .latex_text import GREEK_LETTERS, latex_text

# Functions LaTeX has a command for, and the rest by their lecture names.
_OPERATORS = {"exp", "log", "ln", "tanh", "sinh", "cosh", "sin", "cos", "tan", "max", "min",
              "arctan", "coth", "sec", "csc", "cot", "arcsin", "arccos"}  # fmt: skip
_FUNCTION_NAMES = {"atan": "arctan", "Max": "max", "Min": "min", "Heaviside": "H",
                   "sign": "sgn", "asin": "arcsin", "acos": "arccos", "asinh": "arsinh",
                   "acosh": "arcosh", "atanh": "artanh", "LambertW": "W"}  # fmt: skip
RELATIONS = {"<": "<", ">": ">", "<=": r"\le", ">=": r"\ge", "==": "=", "!=": r"\ne"}
_GREEK_COMMANDS = {name: GREEK_LETTERS[char] for name, char in GREEK.items()}


def function_name(name: str) -> tuple[str, float]:
    """A function or activation symbol (``σ``, ``tanh``, ``ReLU``) as LaTeX, with its width."""
    name = _FUNCTION_NAMES.get(name, name)
    if name in GREEK_LETTERS:
        return GREEK_LETTERS[name], widths.GREEK_WIDTH
    if name in _GREEK_COMMANDS:
        return _GREEK_COMMANDS[name], widths.GREEK_WIDTH
    if name in _OPERATORS:
        return "\\" + name, widths.roman_width(name) + 0.17
    if len(name) == 1 and name.isascii() and name.isalpha():
        return name, widths.italic_width(name)
    safe = "".join(c if c.isascii() and c.isalnum() else _operator_char(c) for c in name)
    return rf"\operatorname{{{safe}}}", widths.roman_width(name) + 0.17


def _operator_char(char: str) -> str:
    if char in GREEK_LETTERS:
        return GREEK_LETTERS[char] + " "
    return rf"\text{{{latex_text(char)}}}"


def symbol_name(name: str) -> tuple[str, float]:
    """A symbol (z, a, alpha, lambda, a1, min_val) as LaTeX, with its width."""
    if name in _GREEK_COMMANDS:
        return _GREEK_COMMANDS[name], widths.GREEK_WIDTH
    if name in GREEK_LETTERS:
        return GREEK_LETTERS[name], widths.GREEK_WIDTH
    if len(name) == 1 and name.isascii() and name.isalpha():
        return name, widths.italic_width(name)
    stem = name.rstrip("0123456789")
    if stem and stem != name and len(stem) == 1 and stem.isalpha() and stem.isascii():
        return f"{stem}_{{{name[len(stem) :]}}}", widths.italic_width(stem) + 0.4
    return rf"\mathit{{{latex_text(name)}}}", widths.italic_width(name)
