"""Judging a read derivation line by line, with the engine's own proofs of equality.

The first line claiming g' is compared with the true derivative of g; each
later line with the line before it, so one slip does not fail every line after
it (a line that equals the true g' again is right again).  Equality is decided
in setting.py by verify.prove_equal: symbolic, piece by piece between
breakpoints, and numeric at 40 digits on both sides of every kink.  Values
claimed *at* a kink are judged apart: g' does not exist there, so a one-sided
derivative or the value autograd uses is accepted, anything else is a wrong
value at a kink.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

from ..derivation import Kink, Proof
from ..functions import expand_activations
from ..verify import DIGITS, is_zero, prepare
from . import diagnose
from .reading import CONTINUATION, DEFINITION, POINT, Claim, Document, Written
from .setting import Setting
from .verdicts import (
    AGAINST_DEFINITION,
    AGAINST_DERIVATIVE,
    AGAINST_LINE,
    AT_KINK,
    FOLLOWS,
    KINK,
    RIGHT,
    UNKNOWN_SYMBOL,
    UNPROVED,
    WRONG,
    Counterexample,
    Diagnosis,
    JudgedDerivation,
    LineVerdict,
    Report,
)


def judge(document: Document) -> Report:
    """Every claim of every derivation in ``document``, judged."""
    return Report(document, tuple(judge_derivation(w) for w in document.derivations))


def _same_number(a: sp.Expr, b: sp.Expr) -> bool:
    return abs(sp.N(a - b, DIGITS)) <= 1e-20


@dataclass
class _Reference:
    """What the next line is compared with: the last line of a chain (or the true g')."""

    written: sp.Basic  # pending derivatives kept, g filled in
    plain: sp.Expr
    line: int | None  # None: the true derivative
    condition: sp.Basic | None = None
    wrong_line: int | None = None  # the wrong line this value rests on


def judge_derivation(written: Written) -> JudgedDerivation:
    setting = Setting(written.definition)
    truth = _Reference(setting.truth_written, setting.truth, None)
    chain = truth
    piece: _Reference | None = None  # the chain of lines claimed on one region
    verdicts: list[LineVerdict] = []
    for claim in written.claims:
        if claim.kind == DEFINITION:
            verdicts.append(_judge_definition(claim, setting))
            continue
        if claim.kind == POINT:
            verdicts.append(_judge_point(claim, setting))
            continue
        condition = claim.condition
        if condition is None and claim.kind == CONTINUATION and piece is not None:
            condition = piece.condition  # "= ..." goes on with the region of the line above
        if condition is None:
            reference, piece = chain, None
        elif piece is not None and claim.kind == CONTINUATION and piece.condition == condition:
            reference = piece
        else:
            reference = chain
        verdict, following = _judge_step(claim, condition, reference, truth, setting)
        verdicts.append(verdict)
        if condition is None:
            chain = following
        else:
            piece = following
    return JudgedDerivation(written.definition, tuple(verdicts))


def _judge_step(
    claim: Claim, condition, reference: _Reference, truth: _Reference, setting: Setting
) -> tuple[LineVerdict, _Reference]:
    against = AGAINST_DERIVATIVE if reference.line is None else AGAINST_LINE
    written = setting.written(claim.expression)
    plain = prepare(written)
    plain_condition = None if condition is None else setting.plain(condition)
    following = _Reference(written, plain, claim.line, condition)

    def verdict(kind, proof=None, counterexample=None, diagnosis=None, **more) -> LineVerdict:
        return LineVerdict(
            claim, kind, against, reference.line, proof, counterexample, diagnosis, **more
        )

    unknown = setting.unknown_symbols(plain)
    if plain_condition is not None:
        unknown += setting.unknown_symbols(plain_condition)
    if unknown:  # cannot be evaluated, so the next line is compared with the one before
        return _unknown_symbol(claim, unknown[0], against, reference.line), reference
    proof, counterexample = setting.compare(plain, reference.plain, plain_condition)
    if counterexample is None and reference.wrong_line is None:
        kink = _kink_value(claim, condition, reference, setting)
        if kink is not None:
            following.wrong_line = claim.line
            return verdict(WRONG, proof, diagnosis=kink), following
    if counterexample is None:
        counterexample = _value_at_a_point(claim, condition, reference, setting)
    if counterexample is None:
        following.wrong_line = reference.wrong_line
        if not proof.ok:
            return verdict(UNPROVED, proof), following
        if reference.wrong_line is not None:
            return verdict(FOLLOWS, proof, carried_from=reference.wrong_line), following
        return verdict(RIGHT, proof), following
    if reference.wrong_line is not None:
        # The line before rests on a slip: this one may be the true g' again.
        again, again_counterexample = setting.compare(plain, truth.plain, plain_condition)
        if again_counterexample is None:
            again_counterexample = _value_at_a_point(claim, condition, truth, setting)
        if again_counterexample is None and again.ok:
            return LineVerdict(
                claim, RIGHT, AGAINST_DERIVATIVE, None, again, recovered_from=reference.wrong_line
            ), following
    following.wrong_line = claim.line
    compared = (
        sp.Piecewise((plain, plain_condition), (reference.plain, True))
        if plain_condition is not None
        else plain
    )
    also = (truth.plain,) if reference.wrong_line is None else ()
    found = None
    if proof.mismatch is not None:  # (a line wrong at one point only is no common mistake)
        found = diagnose.diagnose(compared, reference.plain, reference.written, setting, also)
    return verdict(WRONG, proof, counterexample, found), following


def _kink_value(claim: Claim, condition, reference: _Reference, setting: Setting):
    """A wrong value stated at a kink, as a Diagnosis (None when every stated value is fine)."""
    for kink in setting.kinks:
        stated = setting.value_at(claim.expression, condition, kink.at)
        if stated is None or _allowed_at_kink(stated, kink, setting):
            continue
        before = setting.value_at(reference.written, reference.condition, kink.at)
        if before is not None and _same_number(before, stated):
            continue  # the same value as the line before: judged there
        return _kink_diagnosis(kink, stated)
    return None


def _value_at_a_point(
    claim: Claim, condition, reference: _Reference, setting: Setting
) -> Counterexample | None:
    """A value the line states at one of its own switch points, where g is smooth, that
    differs from the reference's: {g(1-g) if z < 3; 5 if z = 3; g(1-g) if z > 3} is
    equal to σ′ everywhere but at z = 3, which no sample point can show."""
    plain = setting.plain(claim.expression)
    where = [plain, reference.plain]
    if condition is not None:  # the ends of the region claimed
        where.append(sp.Piecewise((plain, setting.plain(condition)), (reference.plain, True)))
    points = {p for expr in where for p in setting.breakpoints_of(expr)}
    kinks = [k.at.xreplace(setting.values) for k in setting.kinks]
    for point in sorted(points, key=lambda p: float(sp.N(p.xreplace(setting.values)))):
        at = point.xreplace(setting.values)
        if not at.is_real or any(_same_number(at, kink) for kink in kinks):
            continue  # a value at a kink is judged by _kink_value
        stated = setting.value_at(claim.expression, condition, at)
        expected = _reference_value(reference, setting, at)
        if stated is not None and expected is not None and not _same_number(stated, expected):
            return Counterexample(point, stated, expected)
    return None


def _reference_value(reference: _Reference, setting: Setting, at: sp.Expr) -> sp.Expr | None:
    """The value of the line compared with (or of the true g′) at the number ``at``."""
    values = {setting.z: at, **setting.values}
    condition = reference.condition
    if condition is not None and setting.plain(condition).xreplace(values) is not sp.true:
        return None
    return _real_number(expand_activations(reference.plain).xreplace(values))


def _allowed_at_kink(value: sp.Expr, kink: Kink, setting: Setting) -> bool:
    allowed = (kink.left, kink.right, kink.value_used)
    return any(_same_number(value, a.xreplace(setting.values)) for a in allowed)


def _kink_diagnosis(kink: Kink, stated: sp.Expr) -> Diagnosis:
    return Diagnosis(
        KINK,
        (
            ("at", kink.at),
            ("stated", sp.nsimplify(stated, rational=True)),
            ("left", kink.left),
            ("right", kink.right),
            ("autograd", kink.value_used),
        ),
    )


def _unknown_symbol(
    claim: Claim, symbol: sp.Symbol, against: str, against_line: int | None = None
) -> LineVerdict:
    """A line with a symbol that is neither the variable nor a parameter: it cannot be
    evaluated, so it is wrong."""
    diagnosis = Diagnosis(UNKNOWN_SYMBOL, (("symbol", symbol),))
    return LineVerdict(claim, WRONG, against, against_line, diagnosis=diagnosis)


def _judge_definition(claim: Claim, setting: Setting) -> LineVerdict:
    plain = setting.plain(claim.expression)
    unknown = setting.unknown_symbols(plain)
    if unknown:
        return _unknown_symbol(claim, unknown[0], AGAINST_DEFINITION)
    proof, counterexample = setting.compare(plain, setting.function)
    verdict = RIGHT if proof.ok else (WRONG if counterexample is not None else UNPROVED)
    return LineVerdict(claim, verdict, AGAINST_DEFINITION, None, proof, counterexample)


def _judge_point(claim: Claim, setting: Setting) -> LineVerdict:
    """g'(c) = v: at a kink any one-sided derivative or autograd's value, elsewhere g'(c)."""
    point = claim.point
    # g'(0) = 1 - tanh(z)^2 means the value at z = 0.
    stated_plain = setting.plain(claim.expression).xreplace({setting.z: point})
    unknown = setting.unknown_symbols(stated_plain)
    if unknown:
        return _unknown_symbol(claim, unknown[0], AGAINST_DERIVATIVE)
    stated = _real_number(stated_plain.xreplace(setting.values))
    for kink in setting.kinks:
        if _same_number(kink.at.xreplace(setting.values), point):
            if stated is not None and _allowed_at_kink(stated, kink, setting):
                return LineVerdict(claim, RIGHT, AGAINST_DERIVATIVE, None, Proof(AT_KINK, 1, None))
            diagnosis = _kink_diagnosis(kink, stated) if stated is not None else None
            return LineVerdict(
                claim,
                WRONG,
                AGAINST_DERIVATIVE,
                None,
                diagnosis=diagnosis,
                counterexample=Counterexample(point, stated, kink.value_used),
            )
    true_value = setting.truth.xreplace({setting.z: point})
    true_number = _real_number(true_value.xreplace(setting.values))
    if stated is not None and true_number is not None and _same_number(stated, true_number):
        method = is_zero(stated_plain - true_value, setting.z)
        return LineVerdict(
            claim, RIGHT if method else UNPROVED, AGAINST_DERIVATIVE, None, Proof(method, 1, None)
        )
    return LineVerdict(
        claim,
        WRONG,
        AGAINST_DERIVATIVE,
        None,
        Proof(None, 0, float(point)),
        Counterexample(point, stated, true_number),
    )


def _real_number(expr: sp.Expr) -> sp.Expr | None:
    """``expr`` as a 40-digit real number, or None if it is not one (undefined, complex...)."""
    value = sp.N(expr, DIGITS)
    if value.is_number and value.is_real is True and value.is_finite is True:
        return value
    return None
