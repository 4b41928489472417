"""Speed, measured as ratios against baselines run side by side in the same run.

    python benchmarks/run.py            # writes benchmarks/RESULTS.md
    python benchmarks/run.py --quick    # fewer repetitions, for a look

1. start-up: `derive sigmoid --plain` as a whole process vs `python -c "import sympy"`
2. the catalog: derive + verify + render vs sympy.simplify(sympy.diff(expr, z))
3. scaling: nested sigmoids (depth 1-30) and sums/products of activations (1-100 terms)
4. checking a 30-line hand derivation vs deriving the sigmoid once

Times are medians; every figure is reported as a ratio to its baseline, measured in the
same run on the same machine.  Nothing here is asserted: tests never time anything.
"""

from __future__ import annotations

import argparse
import io
import math
import os
import platform
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
    from sympy.core.cache import clear_cache

    clear_cache()
    for name, module in list(sys.modules.items()):
        if name.startswith("derivations"):
            for value in list(vars(module).values()):
                if callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()


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
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    repeat = 3 if args.quick else 7
    print("start-up, catalog, scaling, checking ...", file=sys.stderr, flush=True)
    figures = {
        "startup": startup(repeat),
        "catalog": catalog(1 if args.quick else 3),
        "scaling": scaling(
            [1, 2, 4, 8] if args.quick else [1, 2, 4, 8, 16, 30],
            [1, 5, 10, 20] if args.quick else [1, 5, 10, 20, 50, 100],
        ),
        "checking": checking(repeat),
    }
    command = "python benchmarks/run.py" + (" --quick" if args.quick else "")
    report = write_results(figures, command)
    (HERE / "RESULTS.md").write_text(report, encoding="utf-8")
    print(report)


if __name__ == "__main__":
    main()
