"""Rewriting formulas into forms that floating point evaluates without overflow.

``1/(1 + e^-z)`` overflows in e^-z for z below about -710 and ``log(1 + e^z)``
loses everything for large z, although both values are harmless.  ``stable``
finds such patterns and replaces them by marker functions that the printers
turn into overflow-free code: Sigmoid (from e^-|u| <= 1), Softplus (logaddexp),
Log1p and Expm1 (no cancellation near 0).  Each marker equals what it
replaces, so the rewritten formula is the same function.
"""

from __future__ import annotations

import sympy as sp


class _Marker(sp.Function):
    """A function the printers write as a numerically careful call."""

    nargs = 1

    def definition(self) -> sp.Expr:
        raise NotImplementedError

    def _eval_evalf(self, prec):
        return self.definition().evalf(prec)

    def _eval_is_real(self):
        return self.args[0].is_real


class Sigmoid(_Marker):
    """1/(1 + e^-u), computed from e^-|u| so that nothing overflows."""

    def definition(self) -> sp.Expr:
        return 1 / (1 + sp.exp(-self.args[0]))


class Softplus(_Marker):
    """log(1 + e^u), computed as logaddexp(0, u)."""

    def definition(self) -> sp.Expr:
        return sp.log(1 + sp.exp(self.args[0]))


class Log1p(_Marker):
    """log(1 + u), accurate for small u."""

    def definition(self) -> sp.Expr:
        return sp.log(1 + self.args[0])


class Expm1(_Marker):
    """e^u - 1, accurate for small u."""

    def definition(self) -> sp.Expr:
        return sp.exp(self.args[0]) - 1


MARKERS = (Sigmoid, Softplus, Log1p, Expm1)


def unmarked(expr: sp.Basic) -> sp.Basic:
    """``expr`` with every marker replaced by the formula it stands for."""
    found = expr.atoms(_Marker)
    if not found:
        return expr
    return unmarked(expr.xreplace({m: m.definition() for m in found}))


def stable(expr: sp.Basic) -> sp.Basic:
    """The same function as ``expr``, with its overflow-prone patterns replaced by markers."""
    if not isinstance(expr, sp.Basic) or expr.is_Atom or not expr.free_symbols:
        return expr  # constants are evaluated once, exactly, by the printer
    if expr.is_Mul or expr.is_Pow:
        rewritten = _logistic_product(expr)
        if rewritten is not None:
            return rewritten
    if isinstance(expr, sp.log):
        rewritten = _log_of_sum(expr.args[0])
        if rewritten is not None:
            return rewritten
    if expr.is_Add:
        rewritten = _expm1_sum(expr)
        if rewritten is not None:
            return rewritten
    args = [stable(a) for a in expr.args]
    if isinstance(expr, sp.Piecewise):  # evaluating would rewrite z < -a as a < -z
        return sp.Piecewise(*args, evaluate=False)
    return expr.func(*args)


def _one_plus_exp(base: sp.Expr) -> sp.Expr | None:
    """u when ``base`` is 1 + e^u (u depending on a variable), else None."""
    if not base.is_Add or len(base.args) != 2 or sp.S.One not in base.args:
        return None
    (other,) = [a for a in base.args if a != sp.S.One]
    if isinstance(other, sp.exp) and other.args[0].free_symbols:
        return other.args[0]
    return None


def _logistic_power(factor: sp.Expr) -> tuple[sp.Expr, sp.Expr] | None:
    """(u, k) when ``factor`` is (1 + e^u)^-k with k > 0."""
    if not factor.is_Pow or not factor.exp.is_number or not factor.exp.is_negative:
        return None
    u = _one_plus_exp(factor.base)
    return None if u is None else (u, -factor.exp)


def _logistic_product(expr: sp.Expr) -> sp.Expr | None:
    """e^(ju)/(1 + e^u)^k -> σ(u)^j σ(-u)^(k-j): every factor is then at most 1."""
    factors = sp.Mul.make_args(expr)
    logistic = [(f, *_logistic_power(f)) for f in factors if _logistic_power(f) is not None]
    if not logistic:
        return None
    sums = [f for f in factors if f.is_Add and f.has(sp.exp)]
    if sums:  # (1 + z e^-z)/(1 + e^-z)^2: each term's e^-z can then meet the denominator
        others = [f for f in factors if f is not sums[0]]
        return sp.Add(*[stable(sp.Mul(term, *others)) for term in sums[0].args])
    exps = [f for f in factors if isinstance(f, sp.exp)]
    taken = {f for f, _, _ in logistic} | set(exps)
    rest = [stable(f) for f in factors if f not in taken]
    exponent = sp.Add(*[f.args[0] for f in exps])
    pieces = []
    for _, u, k in logistic:
        j = _share(exponent, u, k)
        exponent = sp.expand(exponent - j * u)
        inner = stable(u)
        pieces.append(Sigmoid(inner) ** j * Sigmoid(-inner) ** (k - j))
    return sp.Mul(*rest, *pieces, sp.exp(stable(exponent)))


def _share(exponent: sp.Expr, u: sp.Expr, k: sp.Expr) -> sp.Expr:
    """How many of the k factors 1/(1 + e^u) can absorb an e^u from ``exponent``."""
    if exponent == 0:
        return sp.S.Zero
    ratio = sp.cancel(sp.expand(exponent) / sp.expand(u))
    if not ratio.is_Rational:
        return sp.S.Zero
    return min(max(ratio, sp.S.Zero), k)


def _log_of_sum(argument: sp.Expr) -> sp.Expr | None:
    """log(1 + e^u) -> softplus(u), log((1 + e^u)^n) -> n softplus(u), log(1 + x) -> log1p(x)."""
    if argument.is_Pow and argument.exp.is_number:
        u = _one_plus_exp(argument.base)
        if u is not None:
            return argument.exp * Softplus(stable(u))
    u = _one_plus_exp(argument)
    if u is not None:
        return Softplus(stable(u))
    if argument.is_Add and sp.S.One in argument.args:
        rest = argument - 1
        if rest.free_symbols:
            return Log1p(stable(rest))
    return None


def _expm1_sum(expr: sp.Expr) -> sp.Expr | None:
    """c e^u - c + rest -> c expm1(u) + rest: no cancellation when e^u is close to 1."""
    constant, rest = expr.as_coeff_Add()
    if constant == 0:
        return None
    terms = sp.Add.make_args(rest)
    for term in terms:
        coefficient, factor = term.as_coeff_Mul()
        if isinstance(factor, sp.exp) and coefficient == -constant and factor.args[0].free_symbols:
            others = [stable(t) for t in terms if t is not term]
            return sp.Add(coefficient * Expm1(stable(factor.args[0])), *others)
    return None
