"""Speed, measured as ratios against baselines run side by side in the same run.

    python benchmarks/run.py            # writes benchmarks/RESULTS.md
    python benchmarks/run.py --quick    # fewer repetitions, for a look

1. start-up: `derive sigmoid --plain` as a whole process vs `python -c "import sympy"`
2. the catalog: derive + verify + render vs sympy.simplify(sympy.diff(expr, z))
3. scaling: nested sigmoids (depth 1-30) and sums/products of activations (1-100 terms)
4. checking a 30-line hand derivation vs deriving the sigmoid once
5. random typed formulas (tests/formulas.py, seeded): derived, refused (by reason),
   internal errors, wrong answers, time-outs; median, p95 and max time

    python benchmarks/run.py --random-formulas 100   # section 5 alone, 100 formulas

Times are medians; every figure is reported as a ratio to its baseline, measured in the
same run on the same machine.  Nothing here is asserted: tests never time anything.
"""

from __future__ import annotations

import argparse
import io
import json
import math
import os
import platform
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

import sympy as sp

HERE = Path(__file__).parent
SCRIPT = Path(sys.executable).with_name("derive")


def _median_seconds(run, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


# As on a user's machine: bytecode is written and reused (some sandboxes turn it off).
_ENVIRONMENT = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def _process(*command: str, cache: bool = True):
    environment = {**_ENVIRONMENT, "DERIVATIONS_CACHE": "on" if cache else "off"}

    def run():
        subprocess.run(command, check=True, capture_output=True, env=environment)

    return run


def startup(repeat: int) -> dict:
    import_sympy = _process(sys.executable, "-c", "import sympy")
    derive_sigmoid = _process(str(SCRIPT), "sigmoid", "--plain")
    first_time = _process(str(SCRIPT), "sigmoid", "--plain", cache=False)
    import_sympy(), derive_sigmoid()  # bytecode and the derivation cache written once
    baseline = _median_seconds(import_sympy, repeat)
    ours = _median_seconds(derive_sigmoid, repeat)
    uncached = _median_seconds(first_time, repeat)
    return {
        "import sympy": baseline,
        "derive sigmoid --plain": ours,
        "ratio": ours / baseline,
        "uncached": uncached,
        "uncached ratio": uncached / baseline,
    }


def _fresh():
    """Forget everything computed before: SymPy's cache and every cache of ours."""
    from derivations.memory import forget_all

    forget_all()


def catalog(repeat: int) -> dict:
    from derivations import CATALOG, derive
    from derivations.render import text

    rows = []
    for entry in CATALOG:
        expression = entry.instantiate()

        def ours(name=entry.name):
            _fresh()
            text.render(derive(name))

        def baseline(expression=expression, variable=entry.variable):
            _fresh()
            sp.simplify(sp.diff(expression, variable))

        b = _median_seconds(baseline, repeat)
        o = _median_seconds(ours, repeat)
        rows.append((entry.name, o, b, o / b))
    total_ours = sum(r[1] for r in rows)
    total_base = sum(r[2] for r in rows)
    return {
        "rows": rows,
        "ours": total_ours,
        "baseline": total_base,
        "ratio": total_ours / total_base,
    }


def _fit(xs, ys) -> str:
    """Growth of ys in xs as a power law y ~ x^p (least squares on logs)."""
    pairs = [(math.log(x), math.log(y)) for x, y in zip(xs, ys, strict=True) if y > 0]
    mx = statistics.mean(p[0] for p in pairs)
    my = statistics.mean(p[1] for p in pairs)
    slope = sum((a - mx) * (b - my) for a, b in pairs) / sum((a - mx) ** 2 for a, _ in pairs)
    return f"~ n^{slope:.2f}"


SIZE_BUDGET = 60.0  # seconds: a series stops growing after a size that took longer


def scaling(sizes_nested, sizes_sum) -> dict:
    from derivations import derive
    from derivations.functions import ACTIVATION_FUNCTIONS

    z = sp.Symbol("z", real=True)
    sigmoid = ACTIVATION_FUNCTIONS["sigmoid"]
    relu = ACTIVATION_FUNCTIONS["relu"]
    base = _median_seconds(lambda: (_fresh(), derive("sigmoid")), 3)
    results = {"baseline (derive sigmoid)": base}
    for label, build, sizes in (
        ("nested sigmoid(sigmoid(...(z)))", lambda d: _nest(sigmoid, z, d), sizes_nested),
        ("sum of tanh(k·z)", lambda m: sum(sp.tanh(k * z) for k in range(1, m + 1)), sizes_sum),
        (
            "product of sigmoid(z + k)",
            lambda m: sp.Mul(*(sigmoid(z + k) for k in range(m))),
            [s for s in sizes_sum if s <= 30],
        ),
        (
            "sum of relu(z − k)",
            lambda m: sum(relu(z - k) for k in range(m)),
            [s for s in sizes_sum if s <= 20],
        ),
    ):
        rows = []
        for size in sizes:
            expression = build(size)
            _fresh()
            start = time.perf_counter()
            derivation = derive(expression)
            elapsed = time.perf_counter() - start
            print(f"  {label}, n = {size}: {elapsed:.1f} s", file=sys.stderr, flush=True)
            rows.append(
                (
                    size,
                    elapsed / base,
                    len(derivation.steps),
                    sp.count_ops(derivation.plain_result),
                    derivation.verified,
                )
            )
            if elapsed > SIZE_BUDGET:
                break  # the growth is measured; larger sizes would only take longer
        results[label] = {
            "sizes": sizes,
            "rows": rows,
            "time growth": _fit([r[0] for r in rows], [r[1] for r in rows]),
            "steps growth": _fit([r[0] for r in rows], [r[2] for r in rows]),
        }
    return results


def _nest(f, z, depth):
    expression = z
    for _ in range(depth):
        expression = f(expression)
    return expression


THIRTY_LINES = "\n".join(
    ["g(z) = 1/(1 + e^(-z))", "g'(z) = d/dz (1 + e^(-z))^(-1)"]
    + ["      = -(1 + e^(-z))^(-2) * d/dz(1 + e^(-z))"] * 4
    + ["      = -(1 + e^(-z))^(-2) * (-e^(-z))"] * 8
    + ["      = e^(-z)/(1 + e^(-z))^2"] * 8
    + ["      = g(z) * (1 - g(z))"] * 8
)


def checking(repeat: int) -> dict:
    from derivations import derive

    try:
        from derivations.check import check_text
    except ImportError:
        return {"available": False}
    base = _median_seconds(lambda: (_fresh(), derive("sigmoid")), repeat)
    ours = _median_seconds(lambda: (_fresh(), check_text(THIRTY_LINES)), repeat)
    return {"available": True, "derive sigmoid": base, "check 30 lines": ours, "ratio": ours / base}


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

    sys.path.insert(0, str(HERE.parent))
    from tests.formulas import random_formula

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
    }


def _in_subprocess(index: int, count: int, seed: int, max_ops: int = RANDOM_MAX_OPS) -> dict:
    command = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--derive-one",
        f"{index},{count},{seed},{max_ops}",
    ]
    environment = {**_ENVIRONMENT, "DERIVATIONS_CACHE": "off"}
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
    return {
        "count": len(rows),
        "seed": seed,
        "kinds": by_kind,
        "reasons": sorted(reasons.items(), key=lambda item: -item[1]),
        "median": statistics.median(times),
        "p95": _percentile(times, 0.95),
        "max": max(times),
        "rows": rows,
    }


def write_random(r: dict) -> str:
    out = io.StringIO()
    w = out.write
    w(
        f"## 5. Random typed formulas\n\n{r['count']} formulas of up to "
        f"{RANDOM_MAX_OPS} operations "
        f"(tests/formulas.py, seed {r['seed']}), each derived, proved and rendered in its own "
        f"process with a {RANDOM_LIMIT:g} s limit, and its result checked against sympy.diff "
        "at 50 digits.\n\n"
    )
    w("| outcome | formulas |\n|---|---|\n")
    for kind in ("derived", "refused", "internal", "wrong", "time-out"):
        w(f"| {kind} | {r['kinds'].get(kind, 0)} |\n")
    slow = [row for row in r["rows"] if row["seconds"] > SLOW and row["kind"] != "time-out"]
    w(f"| slower than {SLOW:g} s | {len(slow)} |\n\n")
    w(
        f"Time per formula: median {r['median']:.2f} s, p95 {r['p95']:.2f} s, "
        f"max {r['max']:.2f} s.\n\n"
    )
    if r["reasons"]:
        w("Refusals by reason:\n\n| reason | formulas |\n|---|---|\n")
        for reason, number in r["reasons"]:
            escaped = reason.replace("|", "\\|")
            w(f"| {escaped} | {number} |\n")
        w("\n")
    listed = [row for row in r["rows"] if row["kind"] != "derived" or row["seconds"] > SLOW]
    if listed:
        w("Every formula not simply derived in time:\n\n")
        for row in listed:
            w(
                f"- `{row['text']}`: {row['kind']}, {row['seconds']:.1f} s"
                f"{': ' + row['detail'] if row['detail'] else ''}\n"
            )
        w("\n")
    return out.getvalue()


def write_results(figures: dict, command: str) -> str:
    out = io.StringIO()
    w = out.write
    w("# Benchmarks\n\n")
    w(f"Reproduce: `{command}` (from the repository root, in the installed venv).\n\n")
    w(
        f"Machine: {platform.platform()}, {os.cpu_count()} CPUs, Python "
        f"{platform.python_version()}, SymPy {sp.__version__}; measured "
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}.\n\n"
    )
    s = figures["startup"]
    w("## 1. Start-up\n\n| process | median seconds |\n|---|---|\n")
    w(f'| python -c "import sympy" | {s["import sympy"]:.3f} |\n')
    w(f"| derive sigmoid --plain | {s['derive sigmoid --plain']:.3f} |\n")
    w(f"| derive sigmoid --plain, DERIVATIONS_CACHE=off | {s['uncached']:.3f} |\n\n")
    w(
        f"**Ratio: {s['ratio']:.2f}x** (target: at most 1.3x) with the proved derivation "
        f"read from the cache, as on every run after the first; "
        f"{s['uncached ratio']:.2f}x deriving and proving it from scratch.\n\n"
    )
    c = figures["catalog"]
    w("## 2. The catalog: derive + verify + render vs simplify(diff(expr))\n\n")
    w("| activation | ours (s) | simplify(diff) (s) | ratio |\n|---|---|---|---|\n")
    for name, o, b, r in c["rows"]:
        w(f"| {name} | {o:.3f} | {b:.3f} | {r:.2f} |\n")
    w(
        f"\n**Total ratio: {c['ratio']:.2f}x** (ours {c['ours']:.2f} s, baseline "
        f"{c['baseline']:.2f} s; target: at most 1x).\n\n"
    )
    sc = figures["scaling"]
    w(
        '## 3. Scaling\n\nTime is a ratio to one `derive("sigmoid")` '
        f"({sc['baseline (derive sigmoid)']:.3f} s here).\n\n"
    )
    for label, data in sc.items():
        if not isinstance(data, dict):
            continue
        w(f"### {label}\n\n| n | time ratio | steps | result size (ops) | verified |\n")
        w("|---|---|---|---|---|\n")
        for size, ratio, steps, ops, ok in data["rows"]:
            w(f"| {size} | {ratio:.1f} | {steps} | {ops} | {ok} |\n")
        if len(data["rows"]) < len(data["sizes"]):
            w(f"\nStopped after n = {data['rows'][-1][0]}: it took over {SIZE_BUDGET:.0f} s.\n")
        w(f"\nFitted growth: time {data['time growth']}, steps {data['steps growth']}.\n\n")
    ch = figures["checking"]
    w("## 4. Checking a 30-line hand derivation\n\n")
    w(
        "A sigmoid derivation of 30 lines (the definition, then four equal forms of g′, "
        "each repeated), every line judged against the one before.\n\n"
    )
    if ch.get("available"):
        w(
            "| task | median seconds |\n|---|---|\n"
            f"| derive sigmoid | {ch['derive sigmoid']:.3f} |\n"
            f"| check 30 lines | {ch['check 30 lines']:.3f} |\n\n"
            f"**Ratio: {ch['ratio']:.2f}x** one derivation of the sigmoid.\n"
        )
    else:
        w("The checker is not available in this build.\n")
    if "random" in figures:
        w("\n" + write_random(figures["random"]))
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument(
        "--random-formulas",
        type=int,
        metavar="N",
        help=f"only section 5, on N formulas (the full run uses {RANDOM_COUNT})",
    )
    parser.add_argument("--output", type=Path, help="where the report goes")
    parser.add_argument("--derive-one", help=argparse.SUPPRESS)  # INDEX,COUNT,SEED,MAX_OPS
    args = parser.parse_args()
    if args.derive_one:
        index, count, seed, max_ops = (int(part) for part in args.derive_one.split(","))
        print(json.dumps(derive_one(index, count, seed, max_ops)))
        return
    if args.random_formulas is not None:
        figures = random_typed(args.random_formulas)
        report = "# Benchmarks\n\n" + write_random(figures)
        command = f"python benchmarks/run.py --random-formulas {args.random_formulas}"
        report = report.replace("\n\n", f"\n\nReproduce: `{command}`.\n\n", 1)
        if args.output:
            args.output.write_text(report, encoding="utf-8")
            rows = json.dumps(figures["rows"], indent=1, ensure_ascii=False)
            args.output.with_suffix(".json").write_text(rows, encoding="utf-8")
        print(report)
        return
    repeat = 3 if args.quick else 7
    print("start-up, catalog, scaling, checking, random formulas ...", file=sys.stderr, flush=True)
    figures = {
        "startup": startup(repeat),
        "catalog": catalog(1 if args.quick else 3),
        "scaling": scaling(
            [1, 2, 4, 8] if args.quick else [1, 2, 4, 8, 16, 30],
            [1, 5, 10, 20] if args.quick else [1, 5, 10, 20, 50, 100],
        ),
        "checking": checking(repeat),
        "random": random_typed(50 if args.quick else RANDOM_COUNT),
    }
    command = "python benchmarks/run.py" + (" --quick" if args.quick else "")
    report = write_results(figures, command)
    (args.output or HERE / "RESULTS.md").write_text(report, encoding="utf-8")
    print(report)


if __name__ == "__main__":
    main()
