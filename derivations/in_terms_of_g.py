"""Writing g'(z) in terms of g(z) itself, by solving g = f(t) for its kernel t.

The method, for a smooth piece: find the one quantity t through which g depends
on z (the activation itself when it is one named function, else an
exponential e^(kz), else z), write g = F(t) and g' = D(t), solve g = F(t) for
t by undoing F's outer functions and solving the polynomial left over, and
substitute.  A candidate is kept only if it agrees with g' numerically across
the piece, which also picks the right root.  Piecewise activations are done
piece by piece, and the pieces' conditions on z become conditions on g.

No answer is looked up: sigmoid's g(1 - g) comes out of e^-z = (1 - g)/g.
How the form is then shown part by part is in ``shown_in_g``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import mpmath
import sympy as sp

from .budget import OverBudget, within
from .derivation import G, GForm, g
from .domain import real_line
from .forms import evaluated, mul
from .indices import TOTAL, S, Z, i, j
from .piecewise import restrict
from .shown_in_g import as_written_in_g, shown_in_g
from .tidy import readable_signs, tidy_polynomial
from .verify import DIGITS, TOLERANCE, evaluator, prepare

_SOLVE_DEGREE = 4
_EXPAND_DEGREE = 24  # numerators of higher degree (before cancelling) are not expanded
_SIMPLIFY_LIMIT = 150  # operations; larger candidates are not worth simplifying
SEARCH_SECONDS = 3.0  # the whole search; past it, no form (the reason says so)


@dataclass(frozen=True)
class SmoothPiece:
    """The form in g found on one smooth piece, and the kernel t it was solved for."""

    form: sp.Expr  # in G
    kernel: sp.Expr | None
    solution: sp.Expr | None
    function_in_t: sp.Expr | None
    t: sp.Symbol | None


class _NoForm(Exception):
    pass


def find(
    function: sp.Expr,
    shown_function: sp.Expr,
    derivative: sp.Expr,
    z: sp.Symbol,
    values: Mapping[sp.Symbol, sp.Expr],
) -> GForm:
    """The form in g of ``derivative`` (= d/dz ``function``), found by solving for a kernel."""
    f = prepare(function)
    d = prepare(derivative)
    try:
        with within(SEARCH_SECONDS):  # for looks: SymPy's simplify may take minutes here
            line = real_line(f, z, values)
            if line.switches:
                return _piecewise(f, d, z, values, line.domain_regions)
            piece = _smooth(f, d, z, values, samples=_spread())
    except _NoForm as why:
        return GForm(None, str(why))
    except OverBudget:
        return GForm(None, f"no form in g(z) found within {SEARCH_SECONDS:g} s")
    expression = as_written_in_g(piece.form, z)
    shown, identities = shown_in_g(piece, shown_function, z)
    reason = "g′ depends on z only through g(z)"
    kernel_in_g = None
    if piece.kernel is not None and piece.solution is not None:
        kernel_in_g = readable_signs(sp.factor(piece.solution)).xreplace({G: g(z)})
        reason = "solved g(z) for the kernel and substituted"
    return GForm(expression, reason, piece.kernel, kernel_in_g, shown, identities)


# --- one smooth piece ------------------------------------------------------------------


def _spread(lo: float = -9.5, hi: float = 9.5, count: int = 17) -> list:
    return [
        mpmath.mpf(lo) + (mpmath.mpf(hi) - lo) * (k + mpmath.mpf("0.41")) / count
        for k in range(count)
    ]


def _smooth(f: sp.Expr, d: sp.Expr, z: sp.Symbol, values, samples: list) -> SmoothPiece:
    if not d.has(z):
        return SmoothPiece(d, None, None, None, None)
    failures = []
    for kernel, t, f_t, d_t in _kernels(f, d, z):
        for solution in _invert(f_t, t, G):
            substituted = d_t.xreplace({t: solution})
            if sp.count_ops(substituted) > _SIMPLIFY_LIMIT:
                continue
            # radsimp first: 1/(g + √(g²+1)) = √(g²+1) − g, which simplify alone misses.
            form = tidy_polynomial(sp.simplify(sp.radsimp(substituted)))
            if form.has(z) or form.has(t):
                continue
            inverts = _agrees(solution, f, kernel, z, values, samples)  # picks the root
            if inverts and _agrees(form, f, d, z, values, samples):
                return SmoothPiece(form, kernel, solution, f_t, t)
        failures.append(kernel)
    if f.has(sp.exp) and _bare(f, z):
        raise _NoForm(
            "g(z) depends on z both directly and through an exponential, so g = g(z) "
            "cannot be solved for z in closed form: g′ has no form in g(z) alone"
        )
    tried = " or ".join(sp.sstr(k) for k in failures) or "any single quantity"
    raise _NoForm(f"g = g(z) could not be solved for {tried}: no form in g(z) found")


def _bare(expr: sp.Expr, z: sp.Symbol) -> bool:
    """Whether z appears outside every exponential."""
    return expr.xreplace({e: sp.Integer(2) for e in expr.atoms(sp.exp)}).has(z)


def _kernels(f: sp.Expr, d: sp.Expr, z: sp.Symbol):
    """Candidate kernels t with f and d written in t: (kernel, t, f(t), d(t))."""
    t = sp.Dummy("t", real=True)
    if f.is_Function and f.args == (z,):
        d_t = d.xreplace({f: t})
        if not d_t.has(z):
            yield f, t, t, d_t
    fe, de = f.rewrite(sp.exp), d.rewrite(sp.exp)
    rates = [sp.expand(e.args[0]).coeff(z) for e in (fe.atoms(sp.exp) | de.atoms(sp.exp))]
    rates = [r for r in rates if r != 0]
    if rates and all(r.is_Rational for r in rates):
        step = rates[0]
        for r in rates[1:]:
            step = sp.gcd(step, r)
        step = -abs(step) if all(r < 0 for r in rates) else abs(step)
        kernel = sp.exp(step * z)
        tp = sp.Dummy("t", positive=True)
        f_t, d_t = _in_powers(fe, z, tp, step), _in_powers(de, z, tp, step)
        if f_t is not None and d_t is not None:
            yield kernel, tp, f_t, d_t
    if not f.has(sp.exp) and not d.has(sp.exp):
        yield z, t, f.xreplace({z: t}), d.xreplace({z: t})


def _in_powers(expr: sp.Expr, z: sp.Symbol, t: sp.Symbol, step: sp.Rational) -> sp.Expr | None:
    mapping = {}
    for e in expr.atoms(sp.exp):
        exponent = sp.expand(e.args[0])
        k = exponent.coeff(z)
        rest = sp.expand(exponent - k * z)
        if rest.has(z):
            return None
        mapping[e] = sp.exp(rest) * t ** (k / step)
    written = expr.xreplace(mapping)
    return None if written.has(z) else written


def _invert(expr: sp.Expr, t: sp.Symbol, target: sp.Expr) -> list[sp.Expr]:
    """Solutions t of expr(t) = target, by undoing outer functions, then polynomial roots."""
    if expr == t:
        return [target]
    if not expr.has(t):
        return []
    inverses = {sp.exp: sp.log, sp.log: sp.exp, sp.tanh: sp.atanh, sp.sinh: sp.asinh}
    if expr.func in inverses and len(expr.args) == 1:
        return _invert(expr.args[0], t, inverses[expr.func](target))
    if expr.is_Add:
        varying = [a for a in expr.args if a.has(t)]
        if len(varying) == 1:
            rest = sp.Add(*[a for a in expr.args if not a.has(t)])
            return _invert(varying[0], t, target - rest)
    if expr.is_Mul:
        varying = [a for a in expr.args if a.has(t)]
        if len(varying) == 1:
            rest = sp.Mul(*[a for a in expr.args if not a.has(t)])
            return _invert(varying[0], t, target / rest)
    if expr.is_Pow and not expr.args[1].has(t) and expr.args[1] == -1:
        return _invert(expr.args[0], t, 1 / target)
    numerator = sp.numer(sp.together(expr - target))
    if _degree_bound(numerator, t) > _EXPAND_DEGREE:
        return []  # expanding a product of that degree costs more than any root is worth
    try:
        polynomial = sp.Poly(sp.expand(numerator), t)
    except sp.PolynomialError:
        return []
    if polynomial.degree() < 1 or polynomial.degree() > _SOLVE_DEGREE:
        return []
    # Only linear and quadratic factors: Cardano's radicals would be neither readable nor cheap.
    solutions: list[sp.Expr] = []
    for factor, _ in sp.factor_list(polynomial.as_expr(), t)[1]:
        if 1 <= sp.degree(factor, t) <= 2:
            solutions.extend(sp.roots(sp.Poly(factor, t)).keys())
    return solutions


def _degree_bound(expr: sp.Expr, t: sp.Symbol) -> int:
    """An upper bound on the degree in t of expr expanded, without expanding it
    (a non-polynomial part counts as degree 0: Poly refuses it later anyway)."""
    if expr == t:
        return 1
    if not expr.has(t):
        return 0
    if expr.is_Add:
        return max(_degree_bound(a, t) for a in expr.args)
    if expr.is_Mul:
        return sum(_degree_bound(a, t) for a in expr.args)
    if expr.is_Pow and expr.args[1].is_Integer and expr.args[1] > 0:
        return int(expr.args[1]) * _degree_bound(expr.args[0], t)
    return 0


def _agrees(form, f, d, z, values, samples) -> bool:
    """Whether form(g(z)) equals d(z) at the samples."""
    with mpmath.workdps(DIGITS):
        at_g = evaluator(form, G, values)
        at_f, at_d = evaluator(f, z, values), evaluator(d, z, values)
        checked = 0
        for x in samples:
            gz, dz = at_f(x), at_d(x)
            if gz is None or dz is None:
                continue
            value = at_g(gz)
            if value is None or abs(value - dz) > TOLERANCE * 1e6 * max(1, abs(dz)):
                return False
            checked += 1
        return checked >= 3


# --- piecewise activations ----------------------------------------------------------


def _piecewise(f, d, z, values, areas) -> GForm:
    branches = []
    images = []
    for region in areas:
        f_r, d_r = restrict(f, z, region, values), restrict(d, z, region, values)
        piece = _smooth(f_r, d_r, z, values, _samples_in(region, values))
        image = _image(f_r, z, region, values)
        branches.append((piece.form, image))
        images.append(image)
    if all(b[0] == branches[0][0] for b in branches):
        form = branches[0][0]  # the same on every piece: no condition needed
        return GForm(as_written_in_g(form, z), "the same function of g on every piece")
    if _disjoint(images, values):
        conditions = [_condition(image, images, values) for image in images]
        reason = "piece by piece: each piece's condition on z is a condition on g(z)"
    elif any(b[0].has(G) for b in branches):
        # Pieces that take the same values of g: only z can tell them apart.
        conditions = [region.condition(z) for region in areas]
        reason = (
            "piece by piece in g; two pieces take the same values of g, so the conditions stay on z"
        )
    else:
        raise _NoForm("two pieces take the same values of g, so g alone cannot tell them apart")
    form = sp.Piecewise(*[(b[0], c) for b, c in zip(branches, conditions, strict=True)])
    return GForm(form.xreplace({G: g(z)}), reason)


def _samples_in(region, values) -> list:
    """Points inside the region: spread across it, and close to each finite end."""
    lo_end = float(sp.N(sp.S(region.lo).xreplace(dict(values)))) if region.lo != -sp.oo else None
    hi_end = float(sp.N(sp.S(region.hi).xreplace(dict(values)))) if region.hi != sp.oo else None
    lo = max(lo_end, -10.0) if lo_end is not None else -10.0
    hi = min(hi_end, 10.0) if hi_end is not None else 10.0
    points = _spread(lo + (hi - lo) * 0.02, hi - (hi - lo) * 0.02, 9)
    for offset in (1e-3, 0.05, 0.25, 0.5, 1.0, 2.0, 4.0):
        if lo_end is not None and lo_end + offset < hi:
            points.append(mpmath.mpf(lo_end + offset))
        if hi_end is not None and hi_end - offset > lo:
            points.append(mpmath.mpf(hi_end - offset))
    return points


def _end(f_r, z, point, side):
    if point in (sp.oo, -sp.oo):
        return sp.limit(f_r, z, point)
    value = f_r.xreplace({z: point})
    return value if value.is_finite else sp.limit(f_r, z, point, side)


def _image(f_r, z, region, values) -> tuple[sp.Expr, sp.Expr]:
    """The values g takes on the region, as (lowest, highest); equal for a constant piece."""
    if not f_r.has(z):
        return (f_r, f_r)
    d_r = sp.diff(f_r, z)  # g's own slope (the derivative being rewritten may be g'')
    if _turns(d_r, z, region, values):
        raise _NoForm("g is not one-to-one on a piece, so its pieces cannot be told apart by g")
    samples = _samples_in(region, values)
    with mpmath.workdps(DIGITS):
        slope = evaluator(d_r, z, values)
        signs = {mpmath.sign(s) for s in (slope(x) for x in samples) if s is not None}
    signs.discard(0)
    if len(signs) != 1:
        raise _NoForm("g is not one-to-one on a piece, so its pieces cannot be told apart by g")
    a, b = _end(f_r, z, region.lo, "+"), _end(f_r, z, region.hi, "-")
    return (a, b) if signs == {1} else (b, a)


def _turns(d_r, z, region, values) -> bool:
    """Whether g' is zero somewhere strictly inside the region (g may turn back there)."""
    interval = sp.Interval.open(
        sp.S(region.lo).xreplace(dict(values)), sp.S(region.hi).xreplace(dict(values))
    )
    try:
        zeros = sp.solveset(d_r.xreplace(dict(values)), z, interval)
    except (NotImplementedError, ValueError, TypeError):
        return False  # the sampled signs below still decide
    return zeros != sp.S.EmptySet and not isinstance(zeros, sp.ConditionSet)


def _num(x, values):
    return float(sp.N(sp.S(x).xreplace(dict(values)))) if x not in (sp.oo, -sp.oo) else float(x)


def _disjoint(images, values) -> bool:
    spans = sorted((_num(lo, values), _num(hi, values)) for lo, hi in images)
    for (lo1, hi1), (lo2, hi2) in zip(spans, spans[1:], strict=False):
        if lo2 < hi1 or (lo1 == hi1 == lo2 == hi2):
            return False
    return True


def _condition(image, images, values) -> sp.Basic:
    lo, hi = image
    if lo == hi:
        # A constant piece at the edge of g's other values reads (and evaluates) better as
        # an inequality: ReLU's flat piece is g ≤ 0, not g = 0.
        others = [x for other in images if other != image for x in other]
        if all(_num(x, values) >= _num(lo, values) for x in others):
            return lo >= G
        if all(_num(x, values) <= _num(lo, values) for x in others):
            return lo <= G
        return sp.Eq(G, lo)
    parts = []
    if lo != -sp.oo:
        parts.append(lo < G)
    if hi != sp.oo:
        parts.append(hi > G)
    return sp.And(*parts) if parts else sp.true


# --- in terms of s (softmax and kin): the same substitution, e^(z_m) = s_m · Σ -----------


def in_terms_of_s(result: sp.Expr) -> sp.Expr | None:
    """e^(z_m) = s_m · Σ substituted; the sum cancels when the form in s exists."""
    total = sp.Dummy("T", positive=True)
    plain = _evaluated(result, total)
    swapped = plain.replace(
        lambda e: isinstance(e, sp.exp) and isinstance(e.args[0], sp.Indexed),
        lambda e: S[e.args[0].indices[0]] * total,
    )
    cancelled = sp.cancel(swapped)
    if cancelled.has(total) or cancelled.has(Z):
        return None
    return _s_first(tidy_polynomial(sp.factor(cancelled)) if cancelled.is_Add else cancelled)


def _s_first(form: sp.Expr) -> sp.Expr:
    """sᵢ(δᵢⱼ − sⱼ) as written on the board: the single outputs before the bracket."""
    if not form.is_Mul:
        return form
    single = [f for f in form.args if isinstance(f, sp.Indexed) or f.is_Number]
    return mul(*single, *(f for f in form.args if f not in single))


def _evaluated(result: sp.Expr, total: sp.Symbol) -> sp.Expr:
    return evaluated(result).xreplace({evaluated(TOTAL): total})


def two_cases(form: sp.Expr) -> sp.Expr | None:
    if not form.has(sp.KroneckerDelta):
        return None
    same = evaluated(form.xreplace({sp.KroneckerDelta(i, j): sp.S.One})).xreplace({j: i})
    other = evaluated(form.xreplace({sp.KroneckerDelta(i, j): sp.S.Zero}))
    same = _s_first(tidy_polynomial(sp.factor(same)))
    return sp.Piecewise((same, sp.Eq(i, j)), (other, True), evaluate=False)
