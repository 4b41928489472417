"""Points where an activation is not differentiable, and what frameworks do there.

A kink is a breakpoint where the one-sided derivatives differ (a corner, like
ReLU at 0) or where g itself jumps.  Each is reported with both one-sided
derivatives and the value autograd uses: a catalog entry's documented
convention, or, for a typed formula, the value PyTorch's autograd computes for
that formula (torch.maximum/minimum share the gradient equally at a tie, abs'(0)
= 0, heaviside passes none), found by forward-mode evaluation at the point.
"""

from __future__ import annotations

from collections.abc import Mapping

import sympy as sp

from .catalog import Activation
from .conditions import holds
from .derivation import Kink
from .domain import real_line
from .functions import ActivationFunction
from .numeric_root import numeric_roots
from .piecewise import restrict
from .pointwise import number_of, numeric_value
from .singularities import side_limit

SIMPLIFY_LIMIT = 60  # operations: larger one-sided values are kept as they are
DUAL_DIGITS = 40


def _one_sided(
    expr: sp.Expr, z: sp.Symbol, point: sp.Expr, direction: str, shown: bool = True
) -> sp.Expr:
    """The value of ``expr`` at ``point`` from one side; simplified only if ``shown``."""
    value = expr.xreplace({z: point})
    if numeric_roots(point):
        # A numerically located point: no simplify, no limit (neither ends on such atoms).
        return value if _finite_number(value) else _side_limit(expr, z, point, direction)
    if value.is_finite or (value.is_number and _finite_number(value)):
        return sp.simplify(value) if shown and _worth_simplifying(value) else value
    if expr.free_symbols <= {z}:
        return _side_limit(expr, z, point, direction)
    try:  # a symbolic parameter: only SymPy's limit can say
        return sp.limit(expr, z, point, direction)
    except (NotImplementedError, ValueError, TypeError, AttributeError):
        return sp.nan


def _side_limit(expr, z, point, direction: str) -> sp.Expr:
    # Digits a hair away first, SymPy's limit only for a finite value's closed form: on
    # large formulas it can take seconds and then know no series (erf's _erfs).
    return side_limit(expr, z, point, -1 if direction == "-" else 1, {})


def _worth_simplifying(value: sp.Expr) -> bool:
    """Simplify only small values with moderate exponentials: it is for looks, and on
    tanh(log(1 + e²⁰⁰⁰)) SymPy's simplify takes minutes."""
    if sp.count_ops(value) > SIMPLIFY_LIMIT:
        return False
    exponents = [sp.N(e.args[0], 5) for e in value.atoms(sp.exp)]
    return all(not x.is_Number or abs(x) <= 100 for x in exponents)


def _infinite(value: sp.Expr) -> bool:
    """±∞ or no value (a symbolic slope, α·scale, is finite)."""
    if value.has(sp.oo, -sp.oo, sp.zoo, sp.nan):
        return True
    return bool(value.is_number) and not _finite_number(value)


def _finite_number(value: sp.Expr) -> bool:
    # On a tape: where it fails (1/0, √ of a negative), the value is no real number, and
    # SymPy's evalf of such a value can take seconds to say so.
    if sp.S(value).is_number:
        return number_of(value, 30) is not None
    number = sp.N(value, 30)
    return bool(number.is_Number and number.is_finite and number.is_real)


def find_kinks(
    function: sp.Expr,
    derivative: sp.Expr,
    z: sp.Symbol,
    values: Mapping[sp.Symbol, sp.Expr],
    activation: Activation | None = None,
    parameter_values: Mapping[sp.Symbol, sp.Expr] | None = None,
    as_written: sp.Expr | None = None,
    at_kinks_of_lower: tuple[sp.Expr, ...] = (),
) -> tuple[Kink, ...]:
    """The kinks of ``function`` (prepared), given its ``derivative`` (prepared).

    ``as_written`` is the function with catalog functions unexpanded, so that
    relu(-z) uses ReLU's own convention at its kink.  ``at_kinks_of_lower``: for a higher
    derivative, the kinks of the one below, where ``function`` (that derivative) is left
    undefined but its jump is what is to be reported.
    """
    line = real_line(as_written if as_written is not None else function, z, values)
    areas = line.regions
    kinks = []
    for index, point in enumerate(line.points):
        defined = line.defined[index] or point in at_kinks_of_lower  # g′ is left out there
        if not (defined and all(line.sides(index))):
            continue  # not a corner: an end of the domain or a point where g is undefined
        left_area, right_area = areas[index], areas[index + 1]
        g_left = _one_sided(restrict(function, z, left_area, values), z, point, "-", False)
        g_right = _one_sided(restrict(function, z, right_area, values), z, point, "+", False)
        d_left = _one_sided(restrict(derivative, z, left_area, values), z, point, "-")
        d_right = _one_sided(restrict(derivative, z, right_area, values), z, point, "+")
        if _infinite(d_left) or _infinite(d_right):
            continue  # an infinite slope: a singularity, not a corner
        continuous = _same(g_left, g_right, values)
        if continuous and _same(d_left, d_right, values):
            continue
        kind = "corner" if continuous else "jump"
        used, why = _value_used(
            as_written if as_written is not None else function,
            z,
            point,
            d_left,
            d_right,
            values,
            activation,
            parameter_values,
        )
        kinks.append(Kink(point, d_left, d_right, used, kind, why))
    return tuple(kinks)


def _value_used(function, z, point, left, right, values, activation, parameter_values):
    if activation is not None:
        for convention in activation.kinks:
            at = convention.at.xreplace(dict(parameter_values or {}))
            if sp.simplify(numeric_value(at, values) - numeric_value(point, values)) == 0:
                return _side(convention.side, left, right), convention.why
    value = autograd_derivative_at(function, z, point, values)
    if numeric_roots(point):
        # Computed on 40 digits already: SymPy's simplify of a Float formula takes seconds.
        value = numeric_value(value, values, DUAL_DIGITS) if value.is_number else value
    elif not numeric_roots(value) and _worth_simplifying(value):
        value = sp.simplify(value)
    why = (
        "as PyTorch's autograd computes this formula: torch.maximum and torch.minimum "
        "share the gradient equally at a tie, abs′(0) = 0, heaviside passes no gradient, "
        "and catalog functions use their own convention"
    )
    return value, why


def _side(side: str, left: sp.Expr, right: sp.Expr) -> sp.Expr:
    return {"left": left, "right": right, "mean": (left + right) / 2, "zero": sp.S.Zero}[side]


# --- forward-mode evaluation with PyTorch's conventions at ties ------------------------


def autograd_derivative_at(
    expr: sp.Expr, z: sp.Symbol, point: sp.Expr, values: Mapping[sp.Symbol, sp.Expr]
) -> sp.Expr:
    """d expr/dz at ``point`` as autograd evaluates it (forward mode): exact at a point with
    a closed form; at a numerically located one, on 40-digit numbers (exact values there
    are the same digits, built into formulas SymPy evaluates again at every product)."""
    if numeric_roots(point):
        point = numeric_value(point, values, DUAL_DIGITS)
    return _dual(expr, z, point, values)[1]


def _greater(a, b, values) -> int:
    difference = numeric_value(a - b, values)
    return 0 if _negligible(difference) else (1 if difference > 0 else -1)


def _negligible(number: sp.Expr) -> bool:
    # 30 digits: exact constants such as W(1) and e^(−W(1)) agree to the last one.
    if number == 0:
        return True
    return bool(number.is_number and number.is_finite and abs(number) < sp.Float("1e-25"))


def _same(a: sp.Expr, b: sp.Expr, values) -> bool:
    """a = b at a breakpoint: symbolically, or to 30 digits where SymPy cannot see it
    (only the digits at a numerically located point: simplify is slow on those).  For
    values below 10⁻²⁰ the digits count relative to them: 3·e⁻¹⁴¹ and e⁻¹³⁸/(2√π) are
    two different slopes."""
    difference = numeric_value(a - b, values)
    size = max(abs(_finite(a, values)), abs(_finite(b, values)))
    if 0 < size < sp.Float("1e-20"):
        difference = difference / size
    if _negligible(difference):
        return True
    if difference.is_Number and abs(difference) > sp.Float("1e-15") * max(1, size):
        return False  # 30 correct digits that differ early: no simplify can make them equal
    return not (numeric_roots(a) or numeric_roots(b)) and sp.simplify(a - b) == 0


def _finite(x: sp.Expr, values) -> sp.Expr:
    number = numeric_value(x, values)
    return number if number.is_Number and number.is_finite and number.is_real else sp.S.Zero


def _dual(expr, z, point, values) -> tuple[sp.Expr, sp.Expr]:
    """(value, derivative) of expr at z = point."""
    if expr == z:
        return point, sp.S.One
    if not expr.has(z):
        return expr, sp.S.Zero
    if expr.is_Add:
        parts = [_dual(a, z, point, values) for a in expr.args]
        return sp.Add(*[p[0] for p in parts]), sp.Add(*[p[1] for p in parts])
    if expr.is_Mul:
        value, slope = sp.S.One, sp.S.Zero
        for a in expr.args:
            v, d = _dual(a, z, point, values)
            value, slope = value * v, slope * v + value * d
        return value, slope
    if isinstance(expr, (sp.Max, sp.Min)):
        (va, da), rest = _dual(expr.args[0], z, point, values), expr.func(*expr.args[1:])
        vb, db = _dual(rest, z, point, values)
        order = _greater(va, vb, values) * (1 if isinstance(expr, sp.Max) else -1)
        if order == 0:
            return va, (da + db) / 2
        return (va, da) if order > 0 else (vb, db)
    if isinstance(expr, sp.Abs):
        v, d = _dual(expr.args[0], z, point, values)
        return sp.Abs(v), _greater(v, 0, values) * d
    if isinstance(expr, (sp.Heaviside, sp.sign)):
        v, _ = _dual(expr.args[0], z, point, values)
        v = sp.S.Zero if _greater(v, 0, values) == 0 else v  # a tie in digits is a tie
        return expr.func(v, *expr.args[1:]), sp.S.Zero
    if isinstance(expr, sp.Piecewise):
        for formula, cond in expr.args:
            if holds(cond, z, point, values):
                return _dual(formula, z, point, values)
        return sp.nan, sp.nan
    if isinstance(expr, ActivationFunction):
        return _activation_dual(expr, z, point, values)
    # A smooth function of its arguments: chain rule through each argument.
    u = [sp.Dummy() for _ in expr.args]
    duals = [_dual(a, z, point, values) for a in expr.args]
    at = dict(zip(u, [d[0] for d in duals], strict=True))
    slope = sp.Add(
        *[sp.diff(expr.func(*u), ui).xreplace(at) * d[1] for ui, d in zip(u, duals, strict=True)]
    )
    return expr.func(*[d[0] for d in duals]), slope


def _activation_dual(expr, z, point, values):
    from .entries import derive_activation_function  # a catalog entry's own derivation

    v, d = _dual(expr.args[0], z, point, values)
    derivation = derive_activation_function(expr)
    variable = derivation.variable
    applied = expr.func(v, *expr.args[1:])  # a number already, at a 40-digit point
    value = applied.definition() if isinstance(applied, ActivationFunction) else applied
    for kink in derivation.kinks:
        if _greater(kink.at, v, values) == 0:
            return value, kink.value_used * d
    # tidied once, as a whole, by _value_used: here, at every level, it cost minutes
    return value, derivation.plain_result.xreplace({variable: v}) * d


# --- the result at breakpoints where g′ exists ---------------------------------------


def covering_breakpoints(
    result: sp.Expr, function: sp.Expr, z: sp.Symbol, values: Mapping[sp.Symbol, sp.Expr]
) -> tuple[sp.Expr, tuple[sp.Expr, ...]] | None:
    """``result`` (a Piecewise in z, prepared) with each breakpoint where g is continuous
    and the two pieces of g′ meet included in the piece on its left (ELU: z ≤ 0), so the
    result is defined wherever g′ exists; and those points.  None if there is none."""
    if not isinstance(result, sp.Piecewise):
        return None
    spans = [_span(condition, z) for _, condition in result.args]
    if any(s is None for s in spans):
        return None
    line = real_line(function, z, values)
    branches = list(result.args)
    closed = []
    for index in range(len(branches) - 1):
        (left, _), (right, _) = branches[index], branches[index + 1]
        lo, p = spans[index]
        if spans[index + 1][0] != p or p not in line.points:
            continue
        k = line.points.index(p)
        if not (line.defined[k] and all(line.sides(k))):
            continue
        d_left, d_right = left.xreplace({z: p}), right.xreplace({z: p})
        if not (_finite_number(d_left) and _finite_number(d_right)):
            continue
        if not _same(d_left, d_right, values) or not _continuous_at(function, z, k, line, values):
            continue
        branches[index] = (left, _closed_above(lo, p, z))
        closed.append(p)
    if not closed:
        return None
    return sp.Piecewise(*branches, evaluate=False), tuple(closed)


def _span(condition: sp.Basic, z: sp.Symbol) -> tuple[sp.Expr, sp.Expr] | None:
    """(lo, hi) of an open-interval condition z < hi, z > lo or both; None for others."""
    lo, hi = -sp.oo, sp.oo
    parts = condition.args if isinstance(condition, sp.And) else (condition,)
    if condition == sp.true:
        return lo, hi
    for part in parts:
        if isinstance(part, sp.StrictLessThan) and part.lhs == z and not part.rhs.has(z):
            hi = part.rhs
        elif isinstance(part, sp.StrictGreaterThan) and part.lhs == z and not part.rhs.has(z):
            lo = part.rhs
        else:
            return None
    return lo, hi


def _closed_above(lo: sp.Expr, hi: sp.Expr, z: sp.Symbol) -> sp.Basic:
    if lo == -sp.oo:
        return z <= hi
    return sp.And(z > lo, z <= hi, evaluate=False)


def _continuous_at(function, z, index, line, values) -> bool:
    point = line.points[index]
    left_area, right_area = line.regions[index], line.regions[index + 1]
    g_left = _one_sided(restrict(function, z, left_area, values), z, point, "-", False)
    g_right = _one_sided(restrict(function, z, right_area, values), z, point, "+", False)
    return _same(g_left, g_right, values)
