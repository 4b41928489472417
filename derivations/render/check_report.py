"""A checked derivation as a rich table, JSON for autograders, and a summary row for batches.

Reads a ``check.verdicts.Report`` only: the wording of verdicts and diagnoses
lives here, the mathematics in derivations.check.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Sequence
from typing import IO, Any

import sympy as sp

from ..check.verdicts import (
    AGAINST_DEFINITION,
    AGAINST_DERIVATIVE,
    AT_KINK,
    CHAIN,
    DROPPED,
    DROPPED_POWER,
    FACTOR,
    FOLLOWS,
    KINK,
    POWER,
    PRODUCT,
    QUOTIENT,
    RIGHT,
    SIGN,
    UNKNOWN_SYMBOL,
    UNPROVED,
    WRONG,
    Diagnosis,
    LineVerdict,
    Report,
)
from .json import sympify_text
from .notation import write

UNREADABLE = "unreadable"
VERDICT_STYLES = {
    RIGHT: "green",
    WRONG: "bold red",
    FOLLOWS: "yellow",
    UNPROVED: "yellow",
    UNREADABLE: "bold magenta",
}
SUMMARY_FIELDS = ("file", "verdict", "first_wrong_line", "diagnosis")


# --- words ---------------------------------------------------------------------------


def _value(value: sp.Expr | None, digits: int = 6) -> str:
    return "undefined" if value is None else f"{float(value):.{digits}g}"


def _values(a: sp.Expr | None, b: sp.Expr | None) -> tuple[str, str]:
    """Both values with just enough digits to show that they differ."""
    for digits in (6, 10, 17):
        shown = _value(a, digits), _value(b, digits)
        if shown[0] != shown[1]:
            return shown
    return shown


def _point(at: sp.Expr) -> str:
    return write(at) if at.is_Rational else f"{float(at):.12g}"


def _what(line: LineVerdict) -> str:
    if line.against == AGAINST_DEFINITION:
        return "g(z)"
    if line.against == AGAINST_DERIVATIVE:
        return "the true g′(z)"
    return f"line {line.against_line}"


def explain(diagnosis: Diagnosis, variable: str = "z") -> str:
    """One sentence naming the mistake, with the expressions involved."""
    p = {name: write(value) for name, value in diagnosis.parts}
    kind = diagnosis.kind
    if kind == CHAIN:
        text = (
            f"{kind}: the derivative of {p['outer']} needs the inner derivative "
            f"d/d{variable}({p['inner']}) = {p['inner_derivative']}"
        )
        if diagnosis.part("inner_derivative") == -1:
            text += ", so the line has the wrong sign"
        return text
    if kind == SIGN:
        if "whole" in p:
            return f"{kind}: the whole line has the wrong sign"
        if "exponent" in p:
            return f"{kind}: the exponent of e^({p['exponent']}) has the wrong sign"
        return f"{kind}: the term {p['term']} has the wrong sign"
    if kind == DROPPED:
        return f"{kind}: the term {p['term']} is missing"
    if kind == POWER:
        return f"{kind}: {p['written']} was written as {p['wrong']}"
    if kind == DROPPED_POWER:
        return f"{kind}: {p['written']} was written without its power"
    if kind == QUOTIENT:
        return (
            f"{kind}: d/d{variable}(u/v) = (u′v − uv′)/v², not (uv′ − u′v)/v² "
            f"(u = {p['numerator']}, v = {p['denominator']})"
        )
    if kind == PRODUCT:
        return (
            f"{kind}: d/d{variable}(uv) = u′v + uv′, not u′v′ (u = {p['first']}, v = {p['second']})"
        )
    if kind == KINK:
        return (
            f"{kind}: g′({p['at']}) does not exist (from the left {p['left']}, "
            f"from the right {p['right']}); autograd uses {p['autograd']}, "
            f"this line says {p['stated']}"
        )
    if kind == FACTOR:
        return f"{kind}: the line is {p['factor']} times what it should be"
    if kind == UNKNOWN_SYMBOL:
        return f"{kind}: {p['symbol']} is neither {variable} nor a parameter of g"
    return kind


def reason(line: LineVerdict, variable: str = "z") -> str:
    """Why ``line`` got its verdict, in one or two sentences."""
    proof = line.proof
    how = ""
    if proof is not None and proof.symbolic:
        how = f" ({proof.symbolic}; equal at {proof.points} points)"
    if line.verdict == RIGHT:
        if line.recovered_from is not None:
            return (
                f"equals the true g′({variable}) again{how}: "
                f"line {line.recovered_from}'s slip is not carried on"
            )
        if line.claim.kind == "point":
            at = write(line.claim.point)
            if proof is not None and proof.symbolic == AT_KINK:
                return (
                    f"g′({at}) does not exist (a kink), and this is a one-sided derivative "
                    "or the value autograd uses there"
                )
            return f"the right value of g′ at {variable} = {at}"
        return f"equals {_what(line)}{how}"
    if line.verdict == FOLLOWS:
        return (
            f"equals {_what(line)}{how}, but that rests on line {line.carried_from}, which is wrong"
        )
    if line.verdict == UNPROVED:
        points = proof.points if proof is not None else 0
        return f"agrees with {_what(line)} at {points} points, but no symbolic proof was found"
    parts = []
    example = line.counterexample
    if example is not None:
        at = f"{variable} = {_point(example.at)}"
        claimed, expected = _values(example.claimed, example.expected)
        parts.append(
            f"differs from {_what(line)}: at {at} this line gives "
            f"{claimed}, {_what(line)} gives {expected}"
        )
    elif line.diagnosis is None:
        parts.append(f"differs from {_what(line)}")
    if line.diagnosis is not None:
        parts.append(explain(line.diagnosis, variable))
    parts += [f"note: {hint}" for hint in line.claim.hints]
    return "; ".join(parts)


# --- data -----------------------------------------------------------------------------


def _line_dict(line: LineVerdict, variable: str) -> dict[str, Any]:
    example = line.counterexample
    return {
        "line": line.claim.line,
        "column": line.claim.column,
        "kind": line.claim.kind,
        "written": line.claim.text,
        "verdict": line.verdict,
        "reason": reason(line, variable),
        "compared_with": _what(line),
        "compared_with_line": line.against_line,
        "proof": None
        if line.proof is None
        else {"symbolic": line.proof.symbolic, "numeric_points": line.proof.points},
        "counterexample": None
        if example is None
        else {
            "at": sympify_text(example.at),
            "variable": variable,
            "this_line": None if example.claimed is None else float(example.claimed),
            "expected": None if example.expected is None else float(example.expected),
        },
        "diagnosis": None
        if line.diagnosis is None
        else {"kind": line.diagnosis.kind, "explanation": explain(line.diagnosis, variable)},
        "hints": list(line.claim.hints),
        "carried_from": line.carried_from,
        "recovered_from": line.recovered_from,
    }


def to_dict(report: Report) -> dict[str, Any]:
    """The report as plain JSON-ready data."""
    first = report.first_wrong
    return {
        "file": report.document.source.name,
        "notation": report.document.notation,
        "verdict": report.verdict,
        "first_wrong_line": None if first is None else first.claim.line,
        "diagnosis": None if first is None or first.diagnosis is None else first.diagnosis.kind,
        "derivations": [
            {
                "activation": None
                if d.definition.activation is None
                else d.definition.activation.name,
                "function": sympify_text(d.definition.function),
                "variable": d.definition.variable.name,
                "defined_on_line": d.definition.line,
                "lines": [_line_dict(line, d.definition.variable.name) for line in d.lines],
            }
            for d in report.derivations
        ],
    }


def error_dict(name: str, message: str, where: tuple[int, int] | None = None) -> dict[str, Any]:
    """What ``--json`` prints for input that cannot be read (``where``: its line, column)."""
    return {
        "file": name,
        "verdict": UNREADABLE,
        "first_wrong_line": None,
        "diagnosis": None,
        "error": message,
        "error_line": None if where is None else where[0],
        "error_column": None if where is None else where[1],
    }


def error_place(error: Exception) -> tuple[int, int] | None:
    """(line, column) of the text that could not be read, both from 1, if known."""
    from ..check.grammar import RefusedAt
    from ..errors import ParseError

    if isinstance(error, RefusedAt):
        return error.line, error.column
    if isinstance(error, ParseError) and error.position is not None:
        return error.line, error.position + 1
    return None


def summary_row(name: str, report: Report | None = None, error: str | None = None) -> dict:
    """One row of a batch summary: file, verdict, first wrong line, diagnosis."""
    if report is None:
        return {"file": name, "verdict": UNREADABLE, "first_wrong_line": "", "diagnosis": error}
    first = report.first_wrong
    diagnosis = ""
    if first is not None:
        variable = _variable_of(report, first)
        diagnosis = (
            explain(first.diagnosis, variable) if first.diagnosis else reason(first, variable)
        )
    return {
        "file": name,
        "verdict": report.verdict,
        "first_wrong_line": "" if first is None else first.claim.line,
        "diagnosis": diagnosis,
    }


def _variable_of(report: Report, wanted: LineVerdict) -> str:
    for derivation in report.derivations:
        if wanted in derivation.lines:
            return derivation.definition.variable.name
    return "z"


# --- output ---------------------------------------------------------------------------


def render_json(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False)


def write_csv(rows: Iterable[dict], stream: IO[str]) -> None:
    writer = csv.DictWriter(stream, fieldnames=SUMMARY_FIELDS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)


def headline(report: Report) -> str:
    first = report.first_wrong
    if first is None:
        if report.verdict == RIGHT:
            return f"every line is right ({len(report.lines)} checked)"
        return "no line is wrong, but some could not be proved"
    why = f" ({first.diagnosis.kind})" if first.diagnosis else ""
    return f"the first wrong step is line {first.claim.line}{why}"


def render(report: Report, console=None) -> None:
    """The rich table of one report: line, written, verdict, reason."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = console or Console()
    table = Table(title=f"{report.document.source.name}: {report.verdict}", show_lines=True)
    table.add_column("line", justify="right")
    table.add_column("written", overflow="fold")
    table.add_column("verdict")
    table.add_column("reason", overflow="fold")
    for derivation in report.derivations:
        variable = derivation.definition.variable.name
        for line in derivation.lines:
            table.add_row(
                str(line.claim.line),
                line.claim.text,
                Text(line.verdict, style=VERDICT_STYLES[line.verdict]),
                reason(line, variable),
            )
    console.print(table)
    console.print(Text(headline(report), style=VERDICT_STYLES[report.verdict]))


def render_summary(rows: Sequence[dict], console=None) -> None:
    """The batch summary as a rich table."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = console or Console()
    table = Table(title="derive check: summary")
    for field in SUMMARY_FIELDS:
        table.add_column(field.replace("_", " "), overflow="fold")
    for row in rows:
        style = VERDICT_STYLES.get(row["verdict"], "")
        table.add_row(
            str(row["file"]),
            Text(row["verdict"], style=style),
            str(row["first_wrong_line"]),
            str(row["diagnosis"] or ""),
        )
    console.print(table)
