"""Maths in Unicode characters: symbol names as Greek letters, super- and subscripts,
and exact numbers as people write them (1/100 as 0.01, −2 with a real minus)."""

from __future__ import annotations

import sympy as sp

from ..names import GREEK as GREEK_BY_NAME

_SUPERSCRIPT = str.maketrans(
    "0123456789+−-=()abcdefghijklmnoprstuvwxyzαβγθ.",
    "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁻⁼⁽⁾ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻᵅᵝᵞᶿ·",
)
_HAS_SUPERSCRIPT = set("0123456789+−-=()abcdefghijklmnoprstuvwxyzαβγθ.")

# Symbol names shown as their letter (λ as PyTorch and SymPy spell it too).
GREEK = {
    **{name: letter for name, letter in GREEK_BY_NAME.items() if name != "pi"},
    "lamda": "λ",
    "lambd": "λ",
}


_SUBSCRIPT = str.maketrans("0123456789+−-aehijklmnoprstuvx", "₀₁₂₃₄₅₆₇₈₉₊₋₋ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓ")


def subscript(text: str) -> str | None:
    """``text`` in subscript characters, or None if some character has none."""
    if not text or any(c not in "0123456789+−-aehijklmnoprstuvx" for c in text):
        return None
    return text.translate(_SUBSCRIPT)


def superscript(text: str) -> str | None:
    """``text`` in superscript characters, or None if some character has none."""
    if not text or any(c not in _HAS_SUPERSCRIPT for c in text):
        return None
    return text.translate(_SUPERSCRIPT)


def format_number(number: sp.Number) -> str:
    """Exact numbers as people write them: 1/100 as 0.01, 1/4 as 1/4, -2 with a real minus."""
    sign = "−" if number < 0 else ""
    number = abs(number)
    if number.is_Integer:
        return f"{sign}{number}"
    if number.is_Rational:
        p, q = int(number.p), int(number.q)
        twos = fives = 0
        while q % 2 == 0:
            q //= 2
            twos += 1
        while q % 5 == 0:
            q //= 5
            fives += 1
        if q == 1 and fives > 0:  # 1/100 -> 0.01, but 1/4 stays a fraction
            return sign + _decimal(p, int(number.q), max(twos, fives))
        return f"{sign}{number.p}/{number.q}"
    return sign + sp.sstr(sp.Float(number, 15))


def _decimal(p: int, q: int, digits: int) -> str:
    scaled = p * 10**digits // q
    whole, frac = divmod(scaled, 10**digits)
    return f"{whole}.{frac:0{digits}d}".rstrip("0").rstrip(".")
