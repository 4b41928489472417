"""Proving a recorded walk: each step equal to the one before, the result equal to SymPy's.

A rule step is proved where it acted: d/dz f against what it became.  First with f's
operands replaced by arbitrary functions E₀(z), E₁(z)... (the product rule holds for
any factors, the chain rule for any inner function), which keeps the algebra small
however deep the formula; if that does not settle it, with everything written out.
A simplification move is first proved as pure algebra, catalog functions left as
function symbols.  Every step is also compared numerically, whole, at many points.
A vector-valued target (softmax) is proved the same way for concrete vectors.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Mapping

import mpmath
import sympy as sp

from .cases import zero_by_cases
from .derivation import AS_ALGEBRA, BY_OPERANDS, Proof, g
from .domain import real_line
from .errors import InputRefused
from .forms import evaluated, replace_at, substitute
from .indices import S, Y, Z, i, j, n
from .memory import memoized
from .piecewise import PIECEWISE_TYPES
from .verify import (
    agreement,
    is_zero,
    numeric_form,
    prepare,
    sample_points,
    symbolically_equal,
    values_at,
)

SYMBOLIC_RESULT_LIMIT = 600  # operations: above, the result is proved through its steps
NESTING_LIMIT = 3  # exponentials inside exponentials: cancel's cost grows too fast beyond


def _nesting(expr: sp.Basic) -> int:
    """How deeply transcendental functions nest in expr (e^(e^z) is 2)."""
    inner = max((_nesting(a) for a in expr.args), default=0)
    transcendental = isinstance(expr, (sp.exp, sp.log, sp.tanh, sp.sinh, sp.cosh, sp.erf))
    return inner + 1 if transcendental else inner


def _operands_abstracted(acted_on: sp.Expr, replaced_by: sp.Expr):
    """Both sides with f's operands replaced by undefined functions E_k(variable)."""
    if not isinstance(acted_on, sp.Derivative):
        return None
    f, by = acted_on.args[0], acted_on.args[1][0]
    operands = [a for a in f.args if a.has(by) and a != by]
    if not operands:
        return None
    mapping = {op: sp.Function(f"E{k}")(by) for k, op in enumerate(operands)}
    return substitute(acted_on, mapping), substitute(replaced_by, mapping)


def _fast(step, substitution, z, values) -> str | None:
    if step.proof_route == AS_ALGEBRA:
        # A move is algebra: catalog functions and g(z) can stay function symbols.
        difference = evaluated(step.acted_on) - evaluated(step.replaced_by)
        if difference.has(*PIECEWISE_TYPES):
            # Not by simplify on the whole: sign case by sign case, else region by region below.
            method = zero_by_cases(difference, z, _quick_zero)
        else:
            method = is_zero(difference, z)
        return f"{method}, as algebra" if method else None
    if step.proof_route == BY_OPERANDS:
        abstracted = _operands_abstracted(step.acted_on, step.replaced_by)
        if abstracted is not None:
            a, b = (prepare(x, substitution) for x in abstracted)
            # Rational forms only: if they fail, the operands were not cleanly abstracted,
            # and the full proof below is the one worth SymPy's simplify.
            if a.has(*PIECEWISE_TYPES) or b.has(*PIECEWISE_TYPES):
                method = zero_by_cases(a - b, z, _quick_zero)
            else:
                method = _quick_zero(a - b, z)
            return f"{method}, for any operands" if method else None
    return None


def _quick_zero(difference: sp.Expr, z: sp.Symbol) -> str | None:
    return is_zero(difference, z, thorough=False)


def _fast_or_none(step, substitution, z, values) -> str | None:
    try:
        return _fast(step, substitution, z, values)
    except (InputRefused, NotImplementedError, ValueError, TypeError):
        return None  # e.g. a piecewise operand: the full proof below decides


def prove_steps(
    start: sp.Expr,
    steps: list,
    function: sp.Expr,
    z: sp.Symbol,
    numeric_values: Mapping[sp.Symbol, sp.Expr],
    defined: sp.Expr | None = None,
) -> tuple[Proof, ...]:
    """Each step equal to the one before, at points where ``defined`` (g as typed, by
    default g) is defined.

    The changed part is proved symbolically and compared numerically with what it
    replaced: the rest of the expression being the same (checked exactly), equal parts
    make equal wholes, and a part costs far less to evaluate than the whole.  Where the
    part cannot settle it alone (undefined at every point, or a rewrite that holds only
    on the branch where it sits, like |z| = z for z > 0), the wholes are compared."""
    substitution = {g(z): function}
    # The line of g as written: prepared, softplus(log z) is log(1 + z), defined for z > −1.
    line = real_line(function if defined is None else defined, z, numeric_values)
    points = sample_points((), numeric_values, line)
    known: dict = {}  # values by prepared expression: a step's result is the next one's start

    def values(ready):
        if ready not in known:
            known[ready] = values_at(ready, z, numeric_values, points)
        return known[ready]

    def compare(a, b):
        ready = tuple(numeric_form(x, z, substitution) for x in (a, b))
        return agreement(ready, z, numeric_values, points, tuple(map(values, ready)))

    previous_expr = start
    proofs = []
    for step in steps:
        rebuilt = (
            replace_at(previous_expr, step.path, step.replaced_by)
            if step.path is not None
            else step.replaced_by
        )
        consistent = rebuilt == step.expression and (
            step.path is not None or step.acted_on == previous_expr
        )
        local = _fast_or_none(step, substitution, z, numeric_values) or symbolically_equal(
            *(prepare(x, substitution) for x in (step.acted_on, step.replaced_by)),
            z,
            numeric_values,
        )
        compared, mismatch = 0, None
        if consistent:
            compared, mismatch = compare(step.acted_on, step.replaced_by)
        if not consistent or mismatch is not None or compared == 0:
            compared, mismatch = compare(previous_expr, step.expression)
        proofs.append(Proof(local if consistent else None, compared, mismatch))
        previous_expr = step.expression
    return tuple(proofs)


def prove_result(
    result,
    function,
    z,
    numeric_values,
    by=None,
    order=1,
    steps_proved: bool = False,
    defined: sp.Expr | None = None,
) -> Proof:
    """The simplified result against SymPy's own derivative, away from kinks.

    Numerically always; symbolically when small enough, otherwise (a deep composition)
    the symbolic part is carried by the proved steps, and the method says so.
    """
    plain = prepare(function)
    truth = prepare(sp.Derivative(plain, (by if by is not None else z, order)))  # SymPy's diff
    mine = prepare(result, {g(z): function})
    line = real_line(function if defined is None else defined, z, numeric_values)
    points = sample_points((), numeric_values, line)
    found = tuple(values_at(x, z, numeric_values, points) for x in (mine, truth))
    compared, mismatch = agreement((mine, truth), z, numeric_values, points, found)
    small = sp.count_ops(mine) + sp.count_ops(truth) <= SYMBOLIC_RESULT_LIMIT
    method = None
    if small and _nesting(truth) <= NESTING_LIMIT:
        method = symbolically_equal(mine, truth, z, numeric_values)
    if method is None and steps_proved:
        # Each step was proved equal to the one before, from d/dz g itself: the chain is the proof.
        method = "follows from the proved steps"
    return Proof(method, compared, mismatch)


# --- vector-valued targets: proved for concrete vectors -------------------------------


@memoized(4096)
def _concrete(expr: sp.Expr, size: int, ii: int, jj: int) -> sp.Expr:
    """expr for a vector of the given size and indices i, j: sums done, s written out."""
    values = {n: sp.Integer(size), i: sp.Integer(ii), j: sp.Integer(jj)}
    # A summation index (cross-entropy's i) is bound: it is not given a value.
    bound = {limit[0] for total in expr.atoms(sp.Sum) for limit in total.limits}
    concrete = evaluated(expr.xreplace({s: v for s, v in values.items() if s not in bound}))
    concrete = concrete.doit()
    softmax = {
        S[m]: sp.exp(Z[m]) / sum(sp.exp(Z[q]) for q in range(1, size + 1))
        for m in range(1, size + 1)
    }
    return concrete.subs(softmax)


def _pairs(size: int) -> list[tuple[int, int]]:
    every = list(itertools.product(range(1, size + 1), repeat=2))
    return every if size <= 3 else [(1, 2), (size, size)]  # one off the diagonal, one on it


def _vectors(size: int, targets: bool) -> list[dict]:
    chooser = random.Random(size)
    found = []
    for _ in range(3):
        point = {Z[m]: sp.Rational(chooser.randint(-400, 400), 100) for m in range(1, size + 1)}
        weights = [chooser.randint(1, 9) for _ in range(size)]
        if targets:
            point.update(
                {
                    Y[m]: sp.Rational(w, sum(weights))
                    for m, w in zip(range(1, size + 1), weights, strict=True)
                }
            )
        found.append(point)
    return found


def _zero(difference: sp.Expr, size: int) -> bool:
    """difference == 0 for concrete n: exponentials as positive symbols, then cancel."""
    powers = {sp.exp(Z[m]): sp.Symbol(f"t{m}", positive=True) for m in range(1, size + 1)}
    return sp.cancel(difference.xreplace(powers)) == 0 or sp.simplify(difference) == 0


def prove_for_vectors(
    before: sp.Expr, after: sp.Expr, targets_sum_to_one: bool, largest: int = 4
) -> Proof:
    """``before`` = ``after`` for indexed z, by cases: symbolically for n = 2 and 3 and every
    pair (i, j), numerically for n = 2 to ``largest`` (the result is proved to n = 6)."""
    method = "cancel for n = 2 and 3, every (i, j)"
    compared, mismatch = 0, None
    for size in range(2, largest + 1):
        for ii, jj in _pairs(size):
            a, b = _concrete(before, size, ii, jj), _concrete(after, size, ii, jj)
            difference = a - b
            if targets_sum_to_one:  # the step "the targets sum to 1" relies on it
                difference = difference.subs(Y[size], 1 - sum(Y[m] for m in range(1, size)))
            if size <= 3 and not _zero(difference, size):
                method = None
            symbols = sorted(difference.free_symbols, key=str)
            evaluate = sp.lambdify(symbols, difference, modules="mpmath")
            with mpmath.workdps(30):
                for point in _vectors(size, targets_sum_to_one):
                    value = evaluate(*(point.get(x, 0) for x in symbols))
                    if abs(value) > 1e-20:
                        mismatch = mismatch if mismatch is not None else float(point[Z[1]])
                    compared += 1
    return Proof(method, compared, mismatch)
