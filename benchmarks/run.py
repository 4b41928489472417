"""Speed, measured as ratios against baselines run side by side in the same run.

    python benchmarks/run.py            # writes benchmarks/RESULTS.md
    python benchmarks/run.py --quick    # fewer repetitions and sizes, for a look

1. start-up: `derive sigmoid --plain` as a whole process, cached and not, vs
   `python -c "import sympy"`
2. the catalog: derive + verify + render vs sympy.simplify(sympy.diff(expr, z))
3. scaling: typed nested sigmoids (depth 4-30) and sums/products of activations (10-100 terms)
4. checking a 30-line hand derivation vs deriving the sigmoid once
5. random typed formulas (random_formulas.py); alone: --random-formulas 100
6. peers: the step-by-step engines on PyPI (peers.py) on the same formulas
7. memory: peak of the heaviest command, growth over a batch of checks (memory.py)

Times are medians of runs taken in turns; every figure is reported as a ratio to its
baseline, measured in the same run on the same machine.  Nothing here is asserted:
tests never time anything.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

import sympy as sp

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent))  # run as a script: the benchmarks and tests as packages

from benchmarks.measure import (  # noqa: E402
    alternating_medians,
    fresh,
    median_ratio,
    median_seconds,
    process,
)
from benchmarks.memory import check_batch, memory  # noqa: E402
from benchmarks.peers import peers  # noqa: E402
from benchmarks.random_formulas import RANDOM_COUNT, derive_one, random_typed  # noqa: E402
from benchmarks.report import write_random, write_results  # noqa: E402
from benchmarks.scaling import scaling  # noqa: E402

SCRIPT = Path(sys.executable).with_name("derive")


def startup(repeat: int) -> dict:
    runs = {
        "import sympy": process(sys.executable, "-c", "import sympy"),
        "cached": process(str(SCRIPT), "sigmoid", "--plain"),
        "uncached": process(str(SCRIPT), "sigmoid", "--plain", cache=False),
        "import derivations.api": process(sys.executable, "-c", "import derivations.api"),
    }
    for run in runs.values():
        run()  # bytecode and the derivation cache written once, as after installing
    return alternating_medians(runs, repeat)


def catalog(repeat: int) -> dict:
    from derivations import CATALOG, derive
    from derivations.render import text

    rows = []
    for entry in CATALOG:
        expression = entry.instantiate()

        def ours(name=entry.name):
            fresh()
            text.render(derive(name))

        def baseline(expression=expression, variable=entry.variable):
            fresh()
            sp.simplify(sp.diff(expression, variable))

        seconds = alternating_medians({"baseline": baseline, "ours": ours}, repeat)
        o, b = seconds["ours"], seconds["baseline"]
        rows.append((entry.name, o, b, o / b))
    total_ours = sum(r[1] for r in rows)
    total_base = sum(r[2] for r in rows)
    return {
        "rows": rows,
        "ours": total_ours,
        "baseline": total_base,
        "ratio": total_ours / total_base,
        "median ratio": median_ratio(r[3] for r in rows),
    }


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
    base = median_seconds(lambda: (fresh(), derive("sigmoid")), repeat)
    ours = median_seconds(lambda: (fresh(), check_text(THIRTY_LINES)), repeat)
    return {"available": True, "derive sigmoid": base, "check 30 lines": ours, "ratio": ours / base}


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
    parser.add_argument("--check-batch", help=argparse.SUPPRESS)  # COUNT,EARLY
    args = parser.parse_args()
    if args.derive_one:
        index, count, seed, max_ops = (int(part) for part in args.derive_one.split(","))
        print(json.dumps(derive_one(index, count, seed, max_ops)))
        return
    if args.check_batch:
        count, early = (int(part) for part in args.check_batch.split(","))
        print(json.dumps(check_batch(count, early)))
        return
    # In this process every derivation is made, not read back from the disk cache: that is
    # what the in-process sections time (start-up sets the cache for each process itself).
    os.environ["DERIVATIONS_CACHE"] = "off"
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
    quick = args.quick
    repeat = 3 if quick else 7
    print("start-up, catalog, scaling, checking, random, peers, memory ...", file=sys.stderr)
    figures = {
        "startup": startup(repeat),
        "catalog": catalog(1 if quick else 3),
        "scaling": scaling(
            [4, 8, 12] if quick else [4, 8, 12, 16, 30],
            [10, 20] if quick else [10, 20, 50, 100],
        ),
        "checking": checking(repeat),
        "random": random_typed(50 if quick else RANDOM_COUNT),
        "peers": peers(1 if quick else 3),
        "memory": memory(),
    }
    command = "python benchmarks/run.py" + (" --quick" if quick else "")
    report = write_results(figures, command)
    (args.output or HERE / "RESULTS.md").write_text(report, encoding="utf-8")
    print(report)


if __name__ == "__main__":
    main()
