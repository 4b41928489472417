"""How numbers and sets of z are said in words: 1/4, −1.278, z < −4.585, [0, ∞).

Shared by the verdict's words and every analysis renderer, so a number reads
the same everywhere.  Exact rationals keep their exact form (1/4, 0.01); other
values are shown to four significant digits, with the exact form available
from ``exact_text``.
"""

from __future__ import annotations

import sympy as sp

from ...analysis.numbers import Interval, Number
from ..notation import write
from ..unicode import format_number, superscript

EXACT_WIDTH = 40  # longer closed forms are left to the JSON output


def say(number: Number, digits: int = 4) -> str:
    """A number as people read it: 1/4, 0.01, −1.278, ∞, 9.537·10⁻⁷."""
    if number.infinite:
        return "∞" if number.value == sp.oo else "−∞"
    if number.exact and number.value.is_Rational:
        text = format_number(number.value)
        if len(text.lstrip("−")) <= 8:  # 1/4, 0.01, 1.0507; not 1.758094282
            return text
    return decimal(float(number), digits)


def decimal(x: float, digits: int = 4) -> str:
    if x == 0:
        return "0"
    if 1e-3 <= abs(x) < 1e5:
        text = f"{x:.{digits}g}"
    else:
        mantissa, exponent = f"{x:.{max(digits - 1, 0)}e}".split("e")
        mantissa = mantissa.rstrip("0").rstrip(".") if "." in mantissa else mantissa
        text = f"{mantissa}·10{superscript(str(int(exponent)))}"
    return text.replace("-", "−")


def exact_text(number: Number) -> str | None:
    """The exact closed form when it says more than the decimal (log(49 + 20√6)), else None."""
    if not number.exact or number.infinite or number.value.is_Rational:
        return None
    text = write(number.value)
    return text if len(text) <= EXACT_WIDTH else None


def z_set(interval: Interval, z: str = "z") -> str:
    """A set of z in words: z < −4.585, −1.3 < z < −1.2, z = 0, every z."""
    lo, hi = interval.lo, interval.hi
    if interval.is_point:
        return f"{z} = {say(lo)}"
    left = "≤" if interval.lo_closed else "<"
    right = "≤" if interval.hi_closed else "<"
    if lo.infinite and hi.infinite:
        return f"every {z}"
    if lo.infinite:
        return f"{z} {right} {say(hi)}"
    if hi.infinite:
        return f"{z} {'≥' if interval.lo_closed else '>'} {say(lo)}"
    return f"{say(lo)} {left} {z} {right} {say(hi)}"


def z_sets(intervals, z: str = "z", empty: str = "nowhere") -> str:
    return " and ".join(z_set(i, z) for i in intervals) or empty


def value_range(interval: Interval) -> str:
    """A range of values in interval notation: (0, 1), [0, ∞), {0}."""
    if interval.is_point:
        return f"{{{say(interval.lo)}}}"
    opening = "[" if interval.lo_closed else "("
    closing = "]" if interval.hi_closed else ")"
    return f"{opening}{say(interval.lo)}, {say(interval.hi)}{closing}"


def places(intervals, z: str = "z") -> str:
    """Where an extremum is reached: z = 0, z > 0, as z → ∞."""
    parts = []
    for interval in intervals:
        if interval.is_point and interval.lo.infinite:
            parts.append(f"as {z} → {say(interval.lo)}")
        else:
            parts.append(z_set(interval, z))
    return " and ".join(parts) or "nowhere"


def approaches(intervals, z: str = "z") -> str:
    """Where a bound is approached but not reached: as z → 0, as z → ∞."""
    parts = [
        f"as {z} → {say(i.lo)}" if i.is_point else f"towards the ends of {z_set(i, z)}"
        for i in intervals
    ]
    return " and ".join(parts) or "nowhere"
