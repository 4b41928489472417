"""What each LaTeX command becomes in the typed-formula grammar (see latex.py).

A command in none of these tables is a parse error: nothing is guessed.
"""

from ..names import GREEK as GREEK_BY_NAME

FUNCTIONS = {
    "tanh",
    "sinh",
    "cosh",
    "exp",
    "ln",
    "log",
    "max",
    "min",
    "sin",
    "cos",
    "tan",
    "coth",
    "arcsin",
    "arccos",
    "arctan",
    "sgn",
    "erf",
}
GREEK = {**GREEK_BY_NAME, "varepsilon": "ε", "varphi": "φ"}  # \alpha, … read as letters
SYMBOLS = {
    "cdot": "*",
    "times": "*",
    "ast": "*",
    "div": "/",
    "le": "<=",
    "leq": "<=",
    "leqslant": "<=",
    "ge": ">=",
    "geq": ">=",
    "geqslant": ">=",
    "lt": "<",
    "gt": ">",
    "lvert": "|",
    "rvert": "|",
    "vert": "|",
    "mid": "|",
    "{": "(",
    "}": ")",
    "lbrace": "(",
    "rbrace": ")",
    "partial": "d",
    "prime": "'",
}
SPACES = {
    ",",
    ";",
    ":",
    "!",
    " ",
    "quad",
    "qquad",
    "enspace",
    "thinspace",
    "displaystyle",
    "textstyle",
    "nonumber",
    "notag",
    "limits",
    "nolimits",
}
SIZING = {
    "left",
    "right",
    "big",
    "Big",
    "bigg",
    "Bigg",
    "bigl",
    "bigr",
    "Bigl",
    "Bigr",
    "biggl",
    "biggr",
    "Biggl",
    "Biggr",
}
NAMES = {"operatorname", "mathrm", "mathit", "mathsf", "rm"}
TEXT = {"text", "textrm", "mbox", "textbf", "textit", "intertext", "textnormal"}
DROPPED_WITH_ARGUMENT = {"label", "tag"}
FRACTIONS = {"frac", "dfrac", "tfrac"}
TRANSPARENT_ENVIRONMENTS = {"aligned", "split", "gathered", "alignedat"}
# Words a \text{...} may carry that the grammar uses (u \text{ if } z > 0).
TEXT_WORDS = {"if", "for", "when", "otherwise", "else", "and"}
