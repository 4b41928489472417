"""Section 5: random typed formulas (tests/formulas.py, seeded), each derived in a process
of its own: derived, refused (by reason), internal errors, wrong answers, time-outs."""

from __future__ import annotations

import json
import math
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

from .measure import ENVIRONMENT
from .memory import peak_mb_of_this_process

HERE = Path(__file__).parent

RANDOM_SEED = 11
RANDOM_COUNT = 500
RANDOM_MAX_OPS = 60
RANDOM_LIMIT = 60.0  # seconds per formula: the engine's own limit, and a kill 10 s later
SLOW = 5.0  # the target: no random formula slower than this


def random_formulas(count: int, seed: int = RANDOM_SEED, max_ops: int = RANDOM_MAX_OPS) -> list:
    """``count`` typed formulas of up to 60 operations, the same for the same seed."""
    return [random_formula_at(index, seed, max_ops) for index in range(count)]


def random_formula_at(index: int, seed: int = RANDOM_SEED, max_ops: int = RANDOM_MAX_OPS):
    """Formula ``index`` of the seeded list, made alone (each has its own random stream)."""
    import random

    from tests.formulas import random_formula  # run.py puts the repository on the path

    return random_formula(random.Random(f"{seed}:{index}"), max_ops)


def derive_one(index: int, count: int, seed: int, max_ops: int = RANDOM_MAX_OPS) -> dict:
    """Derive and render formula ``index`` of the seeded list, in this process, as the CLI
    would; check the answer against sympy.diff (tests/formulas.py). One JSON-able outcome."""
    from derivations.cli import time_limit
    from derivations.errors import DerivationsError
    from derivations.render import text

    formula = random_formula_at(index, seed, max_ops)
    from tests.formulas import wrong_at

    start = time.perf_counter()
    kind, detail = "derived", ""
    try:
        with time_limit(RANDOM_LIMIT):
            from derivations import derive

            derivation = derive(formula.text)
            text.render(derivation)
            if not derivation.complete:
                kind, detail = "refused", "no rule for part of it"
            elif not derivation.verified:
                failed = [str(i + 1) for i, p in enumerate(derivation.proofs) if not p.ok]
                kind, detail = "internal", f"step(s) {', '.join(failed) or 'result'} not proved"
    except DerivationsError as error:
        kind, detail = "refused", str(error)
    except Exception as error:
        kind, detail = "internal", f"{type(error).__name__}: {error}"
    except BaseException as error:  # the limit is not an Exception, so nothing swallows it
        if type(error).__name__ != "_TimeLimit":
            raise
        kind, detail = "time-out", f"over {RANDOM_LIMIT:g} s"
    seconds = time.perf_counter() - start
    if kind == "derived":
        try:
            problem = wrong_at(derivation, formula, steps=False)  # the result; tests check steps
        except Exception as error:  # the check itself could not evaluate the answer
            problem = f"could not check: {type(error).__name__}: {error}"
        if problem:
            kind, detail = "wrong", problem
    return {
        "text": formula.text,
        "ops": formula.ops,
        "kind": kind,
        "detail": detail,
        "seconds": seconds,
        "peak MB": peak_mb_of_this_process(),
    }


def _in_subprocess(index: int, count: int, seed: int, max_ops: int = RANDOM_MAX_OPS) -> dict:
    command = [
        sys.executable,
        str(HERE / "run.py"),
        "--derive-one",
        f"{index},{count},{seed},{max_ops}",
    ]
    environment = {**ENVIRONMENT, "DERIVATIONS_CACHE": "off"}
    start = time.perf_counter()
    try:
        done = subprocess.run(
            command,
            capture_output=True,
            text=True,
            env=environment,
            timeout=RANDOM_LIMIT + 10,
        )
    except subprocess.TimeoutExpired:
        text = random_formula_at(index, seed, max_ops).text
        return {
            "text": text,
            "ops": None,
            "kind": "time-out",
            "detail": "killed: did not stop at its limit",
            "seconds": RANDOM_LIMIT + 10,
            "peak MB": None,
        }
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        text = random_formula_at(index, seed, max_ops).text
        tail = (done.stderr.strip().splitlines() or ["no output"])[-1]
        return {
            "text": text,
            "ops": None,
            "kind": "internal",
            "detail": f"the process died ({done.returncode}): {tail}",
            "seconds": time.perf_counter() - start,
            "peak MB": None,
        }
    return json.loads(lines[-1])


def reason_group(detail: str) -> str:
    """A refusal's reason without what is particular to one formula: quotes, numbers and
    bracketed expressions become "…", and only the part before the first colon is kept."""
    general = re.sub(r"'[^']*'|\"[^\"]*\"", "…", detail)
    while (shorter := re.sub(r"\([^()]*\)", "…", general)) != general:
        general = shorter
    general = re.sub(r"-?\d+(\.\d+)?(/\d+)?", "N", general)
    return general.split(": ")[0]


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(fraction * len(ordered)) - 1)]


def random_typed(
    count: int, seed: int = RANDOM_SEED, run=_in_subprocess, max_ops: int = RANDOM_MAX_OPS
) -> dict:
    """Each of ``count`` seeded formulas derived in its own process (a hang cannot block)."""
    rows = []
    for index in range(count):
        row = run(index, count, seed, max_ops)
        print(
            f"  {index + 1}/{count} {row['kind']} {row['seconds']:.1f} s  {row['text'][:70]}",
            file=sys.stderr,
            flush=True,
        )
        rows.append(row)
    return summarize(rows, seed)


def summarize(rows: list[dict], seed: int = RANDOM_SEED) -> dict:
    by_kind: dict[str, int] = {}
    reasons: dict[str, int] = {}
    for row in rows:
        by_kind[row["kind"]] = by_kind.get(row["kind"], 0) + 1
        if row["kind"] == "refused":
            group = reason_group(row["detail"])
            reasons[group] = reasons.get(group, 0) + 1
    times = [row["seconds"] for row in rows] or [0.0]
    peaks = [row["peak MB"] for row in rows if row.get("peak MB") is not None]
    return {
        "count": len(rows),
        "seed": seed,
        "kinds": by_kind,
        "reasons": sorted(reasons.items(), key=lambda item: -item[1]),
        "median": statistics.median(times),
        "p95": _percentile(times, 0.95),
        "max": max(times),
        "peak MB": max(peaks, default=None),  # of the processes that finished
        "rows": rows,
    }
