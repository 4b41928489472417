"""Proof that two expressions are equal: symbolically, and numerically at many points.

The symbolic test is a ladder of cheap-to-costly normal forms (as written,
rational functions of the exponentials, SymPy's simplify on small leftovers),
run on each interval between breakpoints separately, so piecewise functions are
compared piece by piece.  The numeric test evaluates both sides with 40-digit
mpmath at points across [-10, 10] and on both sides of every breakpoint.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence

import mpmath
import sympy as sp

from .derivation import Proof
from .domain import RealLine, domain_regions
from .errors import InputRefused
from .forms import evaluated
from .functions import ActivationFunction, expand_activations
from .memory import memoized
from .numeric_root import numeric_roots
from .piecewise import PIECEWISE_TYPES, restrict
from .pointwise import FAILED, Tape, Unsupported, guarded, guarded_exp, guarded_power, numeric_value

DIGITS = 40
TOLERANCE = mpmath.mpf("1e-25")
SPREAD = 28
SIMPLIFY_LIMIT = 400  # largest leftover (in operations) handed to sympy.simplify
RECHECK_DIGITS = 120  # a difference at DIGITS is read again at this precision
EXPANDED_LIMIT = 200  # largest expanded rational function of the exponentials cancelled


def prepare(expr: sp.Basic, substitutions: Mapping[sp.Basic, sp.Expr] | None = None) -> sp.Expr:
    """A plain evaluated SymPy expression: catalog functions expanded, derivatives done."""
    return _prepared(expr, tuple(dict(substitutions or {}).items()))


@memoized(2048)
def _prepared(expr: sp.Basic, substitutions: tuple) -> sp.Expr:
    # Cached: each state is prepared as one step's result and again as the next one's start.
    return _ready(expr, substitutions, done_by=lambda variable: True)


def numeric_form(
    expr: sp.Basic, z: sp.Symbol, substitutions: Mapping[sp.Basic, sp.Expr] | None = None
) -> sp.Expr:
    """``expr`` ready to be evaluated at points: prepared, except that derivatives by z
    are left for the tape, which reads them off numerically (doing them symbolically
    costs more than every evaluation of the result)."""
    return _numeric_form(expr, z, tuple(dict(substitutions or {}).items()))


@memoized(2048)
def _numeric_form(expr: sp.Basic, z: sp.Symbol, substitutions: tuple) -> sp.Expr:
    return _ready(expr, substitutions, done_by=lambda variable: variable != z)


def _ready(expr: sp.Basic, substitutions: tuple, done_by) -> sp.Expr:
    """Evaluated, catalog functions expanded, deltas 0; derivatives done symbolically if
    any is by a variable for which ``done_by`` says so (the tape reads only those by z)."""
    if substitutions:
        expr = expr.xreplace(dict(substitutions))
    expr = evaluated(expr)
    if expr.has(ActivationFunction):
        expr = expand_activations(expr)
    derivatives = expr.atoms(sp.Derivative)
    if any(done_by(v) for d in derivatives for v, _ in d.variable_count):
        expr = _real_doit(expr)
    if expr.has(sp.DiracDelta):
        # Only ever compared away from breakpoints, where every delta is 0.
        expr = expr.replace(sp.DiracDelta, lambda *args: sp.S.Zero)
    return expr


class _RealAbs(sp.Function):
    """|u| for a real u, whose derivative is sign(u)·u'."""

    def fdiff(self, argindex=1):
        return sp.sign(self.args[0])


def _real_doit(expr: sp.Expr) -> sp.Expr:
    """Derivatives done for real arguments: SymPy, unsure that u is real, writes d|u|/dz
    through re(u), im(u) and arg(u), which no real line can be drawn for."""
    return _swapped(_swapped(expr, sp.Abs, _RealAbs).doit(), _RealAbs, sp.Abs)


def _swapped(expr: sp.Expr, old: type, new: type) -> sp.Expr:
    """``expr`` with every old(u) written new(u): xreplace rebuilds only what holds one (a
    rebuilt max prunes its arguments anew, which is costly), a round per level of nesting."""
    with sp.evaluate(False):  # the same function under another name: nothing to evaluate
        while found := expr.atoms(old):
            expr = expr.xreplace({a: new(*a.args) for a in found})
    return expr


def sample_points(
    points: Sequence[sp.Expr], values: Mapping[sp.Symbol, sp.Expr], line: RealLine | None = None
) -> list:
    """Where to compare numerically: a spread over [-10, 10] and both sides of each
    breakpoint, and, given the formula's ``line``, only inside its domain (a few points in
    every region of it, however far or narrow)."""
    if line is not None:
        points = tuple(dict.fromkeys((*line.points, *points)))
    spread = [
        mpmath.mpf(-10) + mpmath.mpf(20) * (k + mpmath.mpf("0.5")) / SPREAD + mpmath.mpf("0.0137")
        for k in range(SPREAD)
    ]
    near: list = []
    for point in points:
        c = mpmath.mpf(str(sp.N(sp.S(point).xreplace(dict(values)), DIGITS)))
        for offset in ("1e-9", "1e-3", "0.25"):
            near += [c - mpmath.mpf(offset), c + mpmath.mpf(offset)]
    exact = {mpmath.mpf(str(sp.N(sp.S(p).xreplace(dict(values)), DIGITS))) for p in points}
    found = [x for x in spread + near if x not in exact]
    if line is None:
        return found
    areas = [tuple(_bound(b, values) for b in (r.lo, r.hi)) for r in line.domain_regions]
    for lo, hi in areas:
        found += _within(lo, hi)
    return sorted({x for x in found if any(lo < x < hi for lo, hi in areas)})


def _within(lo: mpmath.mpf, hi: mpmath.mpf) -> list:
    """Three points well inside (lo, hi), which may be unbounded."""
    if mpmath.isinf(lo) and mpmath.isinf(hi):
        return []
    if mpmath.isinf(lo):
        return [hi - mpmath.mpf(s) for s in ("0.5", "2", "7")]
    if mpmath.isinf(hi):
        return [lo + mpmath.mpf(s) for s in ("0.5", "2", "7")]
    return [lo + (hi - lo) * mpmath.mpf(f) for f in ("0.2137", "0.5113", "0.7891")]


def evaluator(expr: sp.Expr, z: sp.Symbol, values: Mapping[sp.Symbol, sp.Expr]):
    """A function z -> mpmath value (None where undefined) for ``expr``."""
    concrete = expr.xreplace(dict(values)) if values else expr
    if concrete.has(ActivationFunction):
        concrete = expand_activations(concrete)  # lambdify knows no σ, relu, ...
    extra = concrete.free_symbols - {z}
    if extra:
        names = ", ".join(sorted(str(s) for s in extra))
        raise ValueError(f"no value for {names}")
    try:
        function = Tape(concrete, z)
    except Unsupported:  # an operation the tape lacks: SymPy's printer knows more
        if concrete.has(sp.Derivative):  # which it can print only once they are done
            concrete = prepare(concrete)
        function = sp.lambdify(z, _guarded(concrete), modules=[_GUARDS, "mpmath"], cse=True)

    def at(x):
        try:
            value = function(x)
            if value is FAILED:
                return None
            value = mpmath.mpmathify(value)
        except (ZeroDivisionError, OverflowError, TypeError, ValueError):
            return None
        if isinstance(value, mpmath.mpc):
            if abs(value.imag) > TOLERANCE * max(1, abs(value.real)):
                return None
            value = value.real
        if mpmath.isnan(value) or mpmath.isinf(value):
            return None
        return value

    return at


# For lambdify, the fallback: the tape's guards (a value beyond e^(10^20) says nothing a
# comparison can use, and computing one can take hours and all the memory).
_GUARDS = {
    "guarded_exp": guarded_exp,
    "guarded_cosh": guarded(mpmath.cosh),
    "guarded_sinh": guarded(mpmath.sinh),
    "guarded_power": guarded_power,
}
_GUARDED = {
    sp.exp: sp.Function("guarded_exp"),
    sp.cosh: sp.Function("guarded_cosh"),
    sp.sinh: sp.Function("guarded_sinh"),
}


def _guarded(expr: sp.Expr) -> sp.Expr:
    """``expr`` with exp, cosh, sinh and powers with a non-constant exponent replaced by
    versions that refuse astronomically large values."""
    power = sp.Function("guarded_power")
    return expr.replace(
        lambda e: type(e) in _GUARDED or (e.is_Pow and not e.exp.is_Number),
        lambda e: power(*e.args) if e.is_Pow else _GUARDED[type(e)](*e.args),
    )


def values_at(expr: sp.Expr, z, values, points, digits: int = DIGITS) -> list:
    """expr at each point.  A piecewise expression is evaluated as it stands where every
    condition it holds is decided by a clear margin at 40 digits; at a point too close to
    call (g(z) ≤ 1/3 where g is 1/3), it is first resolved exactly, region by region, so
    no condition is ever decided by rounding."""
    with mpmath.workdps(digits):
        at = evaluator(expr, z, values)
        if not expr.has(*PIECEWISE_TYPES):
            return [at(x) for x in points]
        close = _too_close_to_call(expr, z, values)
        found: list = [None] * len(points)
        undecided = []
        for index, x in enumerate(points):
            if close(x):
                undecided.append(index)
            else:
                found[index] = at(x)
        if undecided:
            exact = _values_by_region(expr, z, values, [points[i] for i in undecided])
            for index, value in zip(undecided, exact, strict=True):
                found[index] = value
        return found


_MARGIN = mpmath.mpf("1e-30")


def _too_close_to_call(expr: sp.Expr, z, values):
    """A test z -> whether some condition of ``expr`` (a comparison, the sign of u, a step
    H(u)) is within rounding of switching, or cannot be evaluated, at z."""
    sides = [r.lhs - r.rhs for r in expr.atoms(sp.core.relational.Relational) if r.has(z)]
    sides += [a.args[0] for a in expr.atoms(sp.sign, sp.Heaviside) if a.has(z)]
    for derivative in expr.atoms(sp.Derivative):  # read off numerically: its kinks count too
        sides += [a.args[0] for a in derivative.atoms(sp.Abs) if a.has(z)]
        for extreme in derivative.atoms(sp.Max, sp.Min):
            sides += [a - b for a, b in itertools.combinations(extreme.args, 2)]
    tests = [evaluator(side, z, values) for side in dict.fromkeys(sides)]

    def close(x) -> bool:
        for test in tests:
            value = test(x)
            if value is None or abs(value) < _MARGIN:
                return True
        return False

    return close


def _values_by_region(expr: sp.Expr, z, values, points) -> list:
    try:
        areas = domain_regions(expr, z, values)
    except InputRefused:
        at = evaluator(expr, z, values)
        return [at(x) for x in points]
    found: list = [None] * len(points)
    for area in areas:
        lo, hi = (_bound(b, values) for b in (area.lo, area.hi))
        inside = [index for index, x in enumerate(points) if lo < x < hi]
        if not inside:
            continue
        at = evaluator(restrict(expr, z, area, values), z, values)
        for index in inside:
            found[index] = at(points[index])
    return found


def _bound(bound: sp.Expr, values) -> mpmath.mpf:
    if bound in (sp.oo, -sp.oo):
        return mpmath.inf if bound == sp.oo else -mpmath.inf
    return mpmath.mpf(str(sp.N(sp.S(bound).xreplace(dict(values)), DIGITS)))


def agreement(
    exprs: tuple[sp.Expr, sp.Expr], z, values, points: list, found: tuple[list, list]
) -> tuple[int, float | None]:
    """(number of points compared, the first z where the two expressions differ or None),
    from their values ``found`` at ``points``.  A difference at 40 digits is read again at
    RECHECK_DIGITS before it counts: e^u with u ≈ 5·10¹⁶ keeps only 24 of its 40 digits,
    and two forms of the same value then differ in the 21st."""
    compared = 0
    for x, a, b in zip(points, *found, strict=True):
        if a is None and b is None:
            continue
        if not _close(a, b):
            again = [values_at(e, z, values, [x], RECHECK_DIGITS)[0] for e in exprs]
            if None in again:
                # One form has no usable value there (e^u past the guard, u ≈ −10²⁰, where
                # the other reads 0): the point says nothing either way.
                continue
            if not _close(*again, RECHECK_DIGITS):
                return compared, float(x)
        compared += 1
    return compared, None


def _close(a, b, digits: int = DIGITS) -> bool:
    if a is None or b is None:
        return False
    with mpmath.workdps(digits):
        return abs(a - b) <= TOLERANCE * max(1, abs(a), abs(b))


def first_mismatch(left: list, right: list, points: list) -> tuple[int, float | None]:
    """(number of points compared, the first z where the values differ or None)."""
    compared = 0
    with mpmath.workdps(DIGITS):
        for x, a, b in zip(points, left, right, strict=True):
            if a is None and b is None:
                continue
            if a is None or b is None:
                return compared, float(x)
            if abs(a - b) > TOLERANCE * max(1, abs(a), abs(b)):
                return compared, float(x)
            compared += 1
    return compared, None


def _exponentials_as_powers(expr: sp.Expr, z: sp.Symbol) -> sp.Expr | None:
    """exp(k·z + c) -> e^c·t^k, or None if some exponential is not of that form."""
    t = sp.Dummy("t", positive=True)
    mapping = {}
    for e in expr.atoms(sp.exp):
        exponent = sp.expand(e.args[0])
        k = exponent.coeff(z)
        rest = sp.expand(exponent - k * z)
        if rest.has(z) or not k.is_Rational:
            return None
        mapping[e] = sp.exp(rest) * t**k
    return expr.xreplace(mapping) if mapping else None


# f⁻¹(f(u)) = u for every real u (SymPy keeps atanh(tanh(u)), unsure that u is real).
_INVERSE_PAIRS = ((sp.atanh, sp.tanh), (sp.asinh, sp.sinh), (sp.erfinv, sp.erf))


def _inverses_undone(d: sp.Expr) -> sp.Expr:
    for inverse, function in _INVERSE_PAIRS:
        if d.has(inverse):
            d = d.replace(
                lambda e, i=inverse, f=function: isinstance(e, i) and isinstance(e.args[0], f),
                lambda e: e.args[0].args[0],
            )
    return d


def _cancels(powers: sp.Expr) -> bool:
    """powers == 0 as a rational function of the exponentials: as it stands, then expanded
    (e·t² and e^(1/2)·t come apart) if that stays small: expanding nested quotients
    (tanh² in t) can give thousands of terms, which cancel takes minutes over."""
    if sp.cancel(powers) == 0:
        return True
    expanded = sp.expand(powers)
    return sp.count_ops(expanded) <= EXPANDED_LIMIT and sp.cancel(expanded) == 0


def is_zero(d: sp.Expr, z: sp.Symbol, thorough: bool = True) -> str | None:
    """Name of the first normal form that shows ``d`` == 0 (no piecewise inside), or None.

    Cheap forms first; SymPy's simplify only on small leftovers, and only if ``thorough``.
    """
    if d == 0:
        return "identical once evaluated"
    d = _inverses_undone(d)
    if sp.cancel(d) == 0:
        return "cancel as a rational function"
    in_exp = d.rewrite(sp.exp)  # hyperbolic -> exponentials, a^b -> e^(b log a)
    if in_exp != d and sp.cancel(in_exp) == 0:
        return "cancel after writing with exponentials"
    powers = _exponentials_as_powers(in_exp, z)
    if powers is not None and _cancels(powers):
        return "cancel as a rational function of the exponentials"
    small = thorough and sp.count_ops(d) <= SIMPLIFY_LIMIT
    if small and sp.simplify(d) == 0:
        return "simplify"
    # With t = e^(kz) > 0 known positive, square roots of squares come apart.
    if small and powers is not None and sp.simplify(powers) == 0:
        return "simplify in terms of the (positive) exponentials"
    return None


def symbolically_equal(
    a: sp.Expr, b: sp.Expr, z: sp.Symbol, values: Mapping[sp.Symbol, sp.Expr]
) -> str | None:
    """Prove a == b (both prepared): piece by piece if piecewise; None if no proof found."""
    if a == b:
        return "identical once evaluated"
    return _proved(a - b, z, tuple(sorted(dict(values).items(), key=str)))


@memoized(512)
def _proved(difference: sp.Expr, z: sp.Symbol, values: tuple) -> str | None:
    # Cached: the form in g is proved once while it is chosen and again as a step.
    values = dict(values)
    if not difference.has(*PIECEWISE_TYPES):
        method = is_zero(difference, z)
        if method is not None or not difference.has(sp.Pow, sp.log):
            return method
        # z²/√(z³) = √z where both are defined, z > 0: known once z is written t > 0.
        areas = domain_regions(difference, z, values)
        found = [_zero_on(difference, z, area, values) for area in areas]
        return found[0] if areas and all(found) else None
    methods = set()
    for region in domain_regions(difference, z, values):
        piece = restrict(difference, z, region, values)
        method = is_zero(piece, z) or _zero_on(piece, z, region, values)
        if method is None:
            return None
        methods.add(method)
    return "piece by piece: " + ", ".join(sorted(methods))


def _zero_on(piece: sp.Expr, z: sp.Symbol, region, values) -> str | None:
    return _zero_from_an_end(piece, z, region) or _zero_with_positive_bases(
        piece, z, region, values
    )


def _zero_with_positive_bases(piece: sp.Expr, z: sp.Symbol, region, values) -> str | None:
    """is_zero with each root's base written as a positive symbol where it is one: inside a
    region of the line, a root's base has no zero (its zeros are points of the line) and
    one smooth formula, so its sign at one point is its sign throughout; √(1/u)·u² is
    u^(3/2) once u > 0 is known, even where the region ends at a located number."""
    x = region.sample(values)
    positive = {}
    for power in piece.atoms(sp.Pow):
        base, exponent = power.args
        if exponent.is_Integer or not base.has(z) or base.is_positive:
            continue
        coefficient, factor = base.as_coeff_Mul()
        atom, k = factor.as_base_exp()
        if not (coefficient.is_positive and k.is_Integer and k % 2 == 1 and atom.has(z)):
            continue
        value = numeric_value(atom.xreplace({z: x}), values)
        if value.is_Number and value.is_finite and value > 0:
            positive[atom] = sp.Dummy("u", positive=True)
    if not positive:
        return None
    # Rational forms only: a last resort, after SymPy's simplify had its chance.
    method = is_zero(piece.xreplace(positive), z, thorough=False)
    return f"{method}, with each root's base positive on the interval" if method else None


def _zero_from_an_end(piece: sp.Expr, z: sp.Symbol, region) -> str | None:
    """is_zero with z written as its distance t > 0 from an end of the region: on z < 0,
    √(−az) and √a·√(−z) are one expression only once −z is known to be positive."""
    t = sp.Dummy("t", positive=True)
    if region.lo != -sp.oo and not numeric_roots(region.lo):
        shifted = piece.xreplace({z: region.lo + t})
    elif region.hi != sp.oo and not numeric_roots(region.hi):
        shifted = piece.xreplace({z: region.hi - t})
    else:
        return None
    method = is_zero(shifted, t)
    return f"{method}, measured from the end of the interval" if method else None


def prove_equal(
    a: sp.Expr,
    b: sp.Expr,
    z: sp.Symbol,
    values: Mapping[sp.Symbol, sp.Expr],
    points: list,
) -> Proof:
    """Symbolic proof and numeric confirmation that prepared ``a`` equals prepared ``b``."""
    method = symbolically_equal(a, b, z, values)
    found = values_at(a, z, values, points), values_at(b, z, values, points)
    compared, mismatch = agreement((a, b), z, values, points, found)
    return Proof(method, compared, mismatch)
