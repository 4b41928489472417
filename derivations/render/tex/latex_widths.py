"""Widths in em of 10pt Computer Modern, from the fonts' metrics: letters (maths italic
and roman), punctuation, and the spaces TeX puts around operators, fractions and scripts.
The boxes are measured with these, a little generously, to break lines without TeX."""

from __future__ import annotations

# Widths in em (10pt Computer Modern), from the fonts' metrics.
_ITALIC = dict(
    zip(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
        (
            0.53,
            0.43,
            0.44,
            0.52,
            0.47,
            0.55,
            0.48,
            0.58,
            0.35,
            0.45,
            0.53,
            0.30,
            0.88,
            0.60,
            0.49,
            0.51,
            0.45,
            0.46,
            0.47,
            0.37,
            0.58,
            0.49,
            0.72,
            0.58,
            0.49,
            0.47,
            0.75,
            0.76,
            0.72,
            0.83,
            0.74,
            0.70,
            0.79,
            0.83,
            0.50,
            0.60,
            0.85,
            0.68,
            0.97,
            0.80,
            0.76,
            0.66,
            0.79,
            0.76,
            0.65,
            0.63,
            0.68,
            0.63,
            0.95,
            0.83,
            0.63,
            0.68,
        ),
        strict=True,
    )
)
_ROMAN = dict(
    zip(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
        (
            0.50,
            0.56,
            0.44,
            0.56,
            0.44,
            0.31,
            0.50,
            0.56,
            0.28,
            0.31,
            0.53,
            0.28,
            0.83,
            0.56,
            0.50,
            0.56,
            0.53,
            0.39,
            0.39,
            0.39,
            0.56,
            0.53,
            0.72,
            0.53,
            0.53,
            0.44,
            0.75,
            0.71,
            0.72,
            0.76,
            0.68,
            0.65,
            0.79,
            0.75,
            0.36,
            0.51,
            0.78,
            0.63,
            0.92,
            0.75,
            0.78,
            0.68,
            0.78,
            0.74,
            0.56,
            0.72,
            0.75,
            0.75,
            1.03,
            0.75,
            0.75,
            0.61,
        ),
        strict=True,
    )
)
_OTHER = {
    " ": 0.33,
    ".": 0.28,
    ",": 0.28,
    ":": 0.28,
    ";": 0.28,
    "(": 0.39,
    ")": 0.39,
    "[": 0.28,
    "]": 0.28,
    "-": 0.33,
    "'": 0.28,
    "/": 0.5,
    "=": 0.78,
    "+": 0.78,
    "!": 0.28,
    "?": 0.47,
    "|": 0.28,
    "*": 0.5,
    "<": 0.78,
    ">": 0.78,
}
GREEK_WIDTH = 0.62

BINARY = 0.78 + 2 * 0.23  # + − with medium spaces either side
RELATION = 0.78 + 2 * 0.28  # = < ≤ with thick spaces
CDOT = 0.28 + 2 * 0.23
COMMA = 0.28 + 0.17
PAREN, TALL_PAREN, BIG_PAREN = 0.39, 0.75, 0.75
FRACTION_SIDES = 0.24
SUPERSCRIPT_SPACE = 0.06
CASES_SIDES = 1.5  # the brace and the space around the columns
SCRIPT, SCRIPTSCRIPT = 0.78, 0.62  # script fonts are drawn wider than scaled


def italic_width(text: str) -> float:
    return sum(_ITALIC.get(c, _OTHER.get(c, 0.5)) for c in text)


def roman_width(text: str) -> float:
    return sum(_ROMAN.get(c, _OTHER.get(c, 0.5)) for c in text)
