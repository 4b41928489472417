"""Where an equation with no closed-form solution holds: located numerically, and proved.

``real_roots(lhs, rhs, z, lo, hi)`` finds every z in (lo, hi) where lhs = rhs, or says
that it cannot decide.  Its answer is a proof, not a sampling:

- on a bounded range, boxes are split until on each one the interval enclosure of
  f = lhs − rhs excludes 0 (no root there), or the enclosure of f′ excludes 0 and f has
  opposite signs at its ends (exactly one root: an isolating bracket; see ``brackets``);
- beyond the bounded range, on (R, ∞) and (−∞, −R), f keeps one sign: its enclosure
  on the unbounded interval excludes 0, or that of a form of f with the same sign written
  in t = e^(∓z) does (log(1 + t) − t/(1 + t), where the exponentials cancel), or f is
  monotone there (the same argument for f′, down to f″) and moves away from 0, or moves
  towards its limit (SymPy's ``limit``) without reaching the other sign.

The work is bounded: a budget of boxes, a depth of splitting and a top precision.  What
stays undecided (a root where f only touches 0, a tail we cannot bound) raises
``Undecided`` with a one-line reason.
"""

from __future__ import annotations

import mpmath
import sympy as sp
from mpmath.libmp import finf, fninf, from_man_exp, mpf_sign

from .brackets import PREC, Undecided, isolating_brackets, narrowed, rational, shown, to_raw
from .enclosure import compile_enclosure, excludes_zero
from .interval_functions import CannotBound, Nowhere, point
from .memory import Table, memoized, register
from .numeric_root import VARIABLE, NumericRoot
from .tails import in_exponential, sign_forms, tail_sign

TOP_PREC = 680
# Where the tails may start: the bounded search covers (−R, R) for the first R that works.
TAIL_STARTS = tuple(2**k for k in range(0, 21, 2))
PROBE = 64
FAR = 4  # |z| from which a box that enclosures cannot settle is tried in t = e^(∓z)
LIMIT_SIZE = 120  # operations: SymPy's limit is not asked about larger expressions (time)


def real_roots(lhs: sp.Expr, rhs: sp.Expr, z: sp.Symbol, lo: sp.Expr, hi: sp.Expr) -> tuple:
    """The real roots of lhs = rhs in the open interval (lo, hi), in increasing order:
    ``NumericRoot`` atoms (or exact numbers such as 0).  Raises Undecided.

    One point found again (from −(lhs − rhs), another region, another expression that
    switches there) comes back as the same atom, so it is named and printed once."""
    extra = (lhs - rhs).free_symbols | sp.S(lo).free_symbols | sp.S(hi).free_symbols
    if extra - {z}:
        names = ", ".join(sorted(map(str, extra - {z})))
        raise Undecided(f"no closed form, and the solution depends on {names}")
    swap = {z: VARIABLE}
    lhs, rhs = lhs.xreplace(swap), rhs.xreplace(swap)
    difference = sp.S(lhs - rhs)
    # f and −f have the same roots: one search for both (and for every way of writing them).
    canonical = min(difference, -difference, key=sp.default_sort_key)
    found = _isolated(canonical, sp.S(lo), sp.S(hi))
    return tuple(_known(NumericRoot(lhs, rhs, *r)) if isinstance(r, tuple) else r for r in found)


@memoized(512)
def _isolated(difference: sp.Expr, lo: sp.Expr, hi: sp.Expr) -> tuple:
    """Isolating brackets (a, b), and exact roots, of difference = 0 in (lo, hi), in order."""
    f = _function(difference)
    start, end = _rational_bound(lo, -1), _rational_bound(hi, +1)
    if start is None:
        start = -_tail_start(f, -1, -end if end is not None else None)
    if end is None:
        end = _tail_start(f, +1, start)
    brackets, exact = isolating_brackets(f, start, end)
    found = [narrowed(f, a, b) for a, b in brackets] + exact

    def value(r):
        return sp.N(NumericRoot(difference, 0, *r) if isinstance(r, tuple) else r, 50)

    return tuple(sorted((r for r in found if _inside(value(r), lo, hi)), key=value))


def keeps_sign(expr: sp.Expr, z: sp.Symbol, lo: sp.Expr, hi: sp.Expr) -> bool:
    """Whether the enclosure of ``expr`` on [lo, hi] excludes 0 (no root there, proved)."""
    try:
        return bool(_function(expr.xreplace({z: VARIABLE})).sign_on(*_box(lo, hi)))
    except Undecided:
        return False


def enclosed_range(expr: sp.Expr, z: sp.Symbol, lo: sp.Expr, hi: sp.Expr) -> tuple:
    """Rationals (or ±∞) a and b with a < expr < b on (lo, hi), a margin of 1 outside the
    enclosure so that no value at an end is lost to rounding."""
    try:
        (low, high), _ = _function(expr.xreplace({z: VARIABLE})).enclose([_box(lo, hi)], PREC)
    except (Undecided, Nowhere):
        return -sp.oo, sp.oo
    ends = []
    for end, step in ((low, -1), (high, 1)):
        if end in (finf, fninf):
            ends.append(step * sp.oo)
        else:
            ends.append(
                sp.floor(rational(end)) + step if step < 0 else sp.ceiling(rational(end)) + step
            )
    return tuple(ends)


def _box(lo: sp.Expr, hi: sp.Expr) -> tuple:
    lo, hi = sp.S(lo), sp.S(hi)
    if not (lo.is_number and hi.is_number):
        raise Undecided("a bound depends on a parameter")
    return tuple(
        (fninf if end == -sp.oo else finf)
        if end in (sp.oo, -sp.oo)
        else to_raw(_rational_bound(end, side))
        for end, side in ((lo, -1), (hi, 1))
    )


def located(lhs: sp.Expr, rhs: sp.Expr, z: sp.Symbol, point: sp.Expr, others) -> sp.Expr:
    """``point``, written in other located numbers (a solution of u(z) = wₖ), as the root
    of lhs = rhs it is: a bracket around it that holds none of ``others`` (every root of
    the equation there) holds exactly this one."""
    value = sp.Rational(sp.N(point, 60))
    spread = max(1, abs(value)) * sp.Rational(1, 10**45)
    for other in others:
        if other != point:
            spread = min(spread, abs(sp.Rational(sp.N(other, 60)) - value) / 4)
    swap = {z: VARIABLE}
    root = NumericRoot(lhs.xreplace(swap), rhs.xreplace(swap), value - spread, value + spread)
    return _known(root)


_KNOWN = register(Table(4096))  # points made, by lhs − rhs and rhs − lhs


def _known(root: sp.Expr) -> sp.Expr:
    """The atom already made for this root of this equation (either way round), if any."""
    if not isinstance(root, NumericRoot):
        return root
    _KNOWN.make_room()  # only sharing is lost: equal points are still merged by value
    same = _KNOWN.get(root.difference) or _KNOWN.get(-root.difference) or []
    _KNOWN[root.difference] = _KNOWN[-root.difference] = same
    value = sp.N(root, 45)
    for other in same:
        if abs(sp.N(other, 45) - value) <= sp.Float("1e-40", 45) * max(1, abs(value)):
            return other
    same.append(root)
    return root


# --- the function and what is known about it ----------------------------------------


@memoized(256)
def _function(expr: sp.Expr) -> _Function:
    return _Function(expr)


class _Function:
    """An expression in VARIABLE with its enclosure, derivative, and forms for the tails."""

    def __init__(self, expr: sp.Expr):
        self.expr = expr
        try:
            self.enclose = compile_enclosure(expr, [VARIABLE])
        except CannotBound as error:
            raise Undecided(str(error)) from None
        self._derivative = None
        self._tails: dict[int, object] = {}
        self._limits: dict[int, object] = {}

    @property
    def derivative(self) -> _Function:
        if self._derivative is None:
            self._derivative = _function(sp.diff(self.expr, VARIABLE))
        return self._derivative

    def sign_on(self, lo, hi, strict: bool = False) -> int:
        """The sign f keeps on [lo, hi] (raw numbers), or 0; ``strict``: defined throughout."""
        far_out = (
            mpf_sign(lo) == mpf_sign(hi) != 0
            and min(abs(mpmath.mp.make_mpf(lo)), abs(mpmath.mp.make_mpf(hi))) >= FAR
        )
        try:
            value, partial = self.enclose([(lo, hi)], PREC)
        except Nowhere:
            return 0 if strict else 2  # nowhere defined: no root, but no sign either
        if strict and partial:
            return 0
        sign = excludes_zero(value)
        if sign or not far_out:
            return sign
        # Far out, where the pieces nearly cancel (log(1 + t) − t/(1 + t)): the forms in t.
        side = 1 if mpf_sign(lo) > 0 else -1
        return tail_sign(self.tail_form(side), (lo, hi), side, strict)

    def sign_at(self, x) -> int:
        """The sign of f at the point x (raw), at rising precision; 0 if undecided."""
        for prec in (PREC, 2 * PREC, TOP_PREC):
            try:
                value, partial = self.enclose([point(x)], prec)
            except Nowhere:
                return 0
            if partial:
                return 0
            sign = excludes_zero(value)
            if sign:
                return sign
        return 0

    def tail_form(self, side: int):
        """Enclosures of forms with the sign of f on the tail (see ``tails``)."""
        if side not in self._tails:
            self._tails[side] = sign_forms(self.expr, VARIABLE, side)
        return self._tails[side]

    def limit(self, side: int):
        if side not in self._limits:
            self._limits[side] = _limit(self.expr, side)
        return self._limits[side]

    def sign_beyond(self, side: int, start: int, level: int, strict=False, depth=2) -> int:
        """The sign f keeps for side·z ≥ start (0 if not established): see the module text.
        ``level`` says what may be spent: 0 enclosures, 1 also forms in t, 2 also limits."""
        infinite = finf if side > 0 else fninf
        edge = from_man_exp(side * start, 0)
        box = (edge, infinite) if side > 0 else (infinite, edge)
        sign = self.sign_on(*box, strict=strict)
        if sign in (1, -1):
            return sign
        if sign == 2:
            return 0 if strict else 2
        if level >= 1:
            sign = tail_sign(self.tail_form(side), box, side, strict)
            if sign:
                return sign
        if depth == 0:
            return 0
        at_start = self.sign_at(edge)
        if not at_start:
            return 0
        slope = self.derivative.sign_beyond(side, start, level, True, depth - 1)
        if slope not in (1, -1):
            return 0
        if slope == side * at_start:
            return at_start  # monotone, moving away from 0
        if self._bounded_by_zero(box, at_start):
            return at_start  # strictly monotone towards a bound on the same side of 0
        limit = self.limit(side) if level >= 2 else None
        if limit is not None and (limit == 0 or _sign_of(limit) == at_start):
            return at_start  # monotone towards a limit on the same side of 0
        return 0

    def _bounded_by_zero(self, box, sign: int) -> bool:
        """Whether f ≥ 0 (sign 1) or f ≤ 0 (sign −1) on the box, its enclosure touching 0
        at most at the infinite end: with f strictly monotone there, f never reaches 0."""
        try:
            value, partial = self.enclose([box], PREC)
        except Nowhere:
            return False
        if partial:
            return False
        bound = value[0] if sign > 0 else value[1]
        return mpf_sign(bound) in (0, sign)


def _sign_of(number: sp.Expr) -> int:
    if number == sp.oo:
        return 1
    if number == -sp.oo:
        return -1
    return 1 if number > 0 else -1


def _limit(expr: sp.Expr, side: int):
    if sp.count_ops(expr) > LIMIT_SIZE:
        return None
    try:
        value = sp.limit(expr, VARIABLE, side * sp.oo)
    except Exception:  # SymPy's limit fails in many ways; then we know nothing
        return None
    if value in (sp.oo, -sp.oo) or (value.is_number and value.is_extended_real):
        return value
    return None


# --- tails ------------------------------------------------------------------------------


def _tail_start(f: _Function, side: int, beyond) -> int:
    """The first R in TAIL_STARTS (R > beyond: past the other end) beyond which, on that
    side, f keeps a sign."""
    starts = [s for s in TAIL_STARTS if beyond is None or s > beyond]
    # Cheap arguments first at every start, then the costly ones (forms in t, limits).
    for level in (0, 1, 2):
        found = _first_start(f, side, starts, level)
        if found is not None:
            return sp.Integer(found)
    found = _start_in_exponential(f, side, starts)
    if found is not None:
        return sp.Integer(found)
    where = "z → ∞" if side > 0 else "z → −∞"
    raise Undecided(f"cannot decide the sign of {sp.sstr(shown(f.expr))} as {where}")


_CHANGES_OF_VARIABLE = [0]  # how many are under way: a bounded recursion
MAX_CHANGES_OF_VARIABLE = 2


def _start_in_exponential(f: _Function, side: int, starts: list):
    """The first start beyond which f keeps a sign, decided in w = e^(−side·z) where f is
    a function of exponentials only: tanh(e^z) − e^z as z → −∞ is tanh(w) − w on (0, W],
    whose only zero, w = 0, is isolated by its Taylor series (F‴(0) = −2)."""
    written = in_exponential(f.expr, VARIABLE, side)
    if written is None or _CHANGES_OF_VARIABLE[0] >= MAX_CHANGES_OF_VARIABLE:
        return None
    F, vanishing = written
    _CHANGES_OF_VARIABLE[0] += 1
    try:
        for start in starts[:4]:
            # side·z ≥ start is w ≤ e^(−start) (a w-range taken a little wider: safe).
            edge = sp.exp(-start)
            try:
                if vanishing:
                    roots = _isolated(F, sp.S.Zero, _rational_bound(edge, +1))
                else:  # some power of w grows as w → 0⁺: read F(1/v) for v ≥ e^start
                    inverse = F.xreplace({VARIABLE: 1 / VARIABLE})
                    roots = _isolated(inverse, _rational_bound(1 / edge, -1), sp.oo)
            except Undecided:
                continue
            if not roots:
                return start
    finally:
        _CHANGES_OF_VARIABLE[0] -= 1
    return None


def _first_start(f: _Function, side: int, starts: list, level: int):
    """The first start that works.  With the costly arguments, a probe at a start of 64
    first (forms in t get tighter further out, but the sign at a start far out needs
    more digits than we spend): below it only if it works (a bisection), else above."""
    if level == 0 or PROBE not in starts[1:]:
        return next((s for s in starts if f.sign_beyond(side, s, level)), None)
    middle = starts.index(PROBE)
    if not f.sign_beyond(side, starts[middle], level):
        return next((s for s in starts[middle + 1 :] if f.sign_beyond(side, s, level)), None)
    lo, hi = 0, middle  # starts[hi] works
    while lo < hi:
        probe = (lo + hi) // 2
        if f.sign_beyond(side, starts[probe], level):
            hi = probe
        else:
            lo = probe + 1
    return starts[hi]


# --- the ends of the range ----------------------------------------------------------------


def _rational_bound(bound: sp.Expr, side: int):
    """A rational at or beyond ``bound`` (None for an infinite one)."""
    if bound in (sp.oo, -sp.oo):
        return None
    if bound.is_Rational:
        return bound
    value = sp.N(bound, 50)
    return sp.Rational(value) + side * sp.Rational(1, 10**45)


def _inside(x: sp.Float, lo: sp.Expr, hi: sp.Expr) -> bool:
    low = -mpmath.inf if lo == -sp.oo else sp.N(lo, 50)
    high = mpmath.inf if hi == sp.oo else sp.N(hi, 50)
    tolerance = sp.Float("1e-40", 50) * max(1, abs(x))
    return bool((lo == -sp.oo or x - low > tolerance) and (hi == sp.oo or high - x > tolerance))
