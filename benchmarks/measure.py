"""How the benchmarks take a time: medians of repeated runs, taken in turns when two or
more things are compared, with every cache emptied first; and the ratios made of them."""

from __future__ import annotations

import math
import os
import statistics
import subprocess
import time
from collections.abc import Callable, Mapping

# As on a user's machine: bytecode is written and reused (some sandboxes turn it off).
ENVIRONMENT = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def median_seconds(run: Callable[[], object], repeat: int) -> float:
    return alternating_medians({"run": run}, repeat)["run"]


def alternating_medians(runs: Mapping[str, Callable[[], object]], repeat: int) -> dict:
    """The median seconds of each run, taken in turns (a, b, a, b, ...), so that a machine
    that slows down or speeds up part-way affects every run alike, not one block."""
    times: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(repeat):
        for name, run in runs.items():
            start = time.perf_counter()
            run()
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(seconds) for name, seconds in times.items()}


def process(*command: str, cache: bool = True) -> Callable[[], None]:
    """A run of ``command`` as a process of its own, with our disk cache on or off."""
    environment = {**ENVIRONMENT, "DERIVATIONS_CACHE": "on" if cache else "off"}

    def run():
        subprocess.run(command, check=True, capture_output=True, env=environment)

    return run


def fresh() -> None:
    """Forget everything computed before: SymPy's cache and every cache of ours."""
    from derivations.memory import forget_all

    forget_all()


def median_ratio(ratios) -> float:
    """The middle ratio: one entry far off either way does not move it (a total does)."""
    return statistics.median(ratios)


def fit(xs, ys) -> str:
    """Growth of ys in xs as a power law y ~ x^p (least squares on logs)."""
    pairs = [(math.log(x), math.log(y)) for x, y in zip(xs, ys, strict=True) if y > 0]
    mx = statistics.mean(p[0] for p in pairs)
    my = statistics.mean(p[1] for p in pairs)
    slope = sum((a - mx) * (b - my) for a, b in pairs) / sum((a - mx) ** 2 for a, _ in pairs)
    return f"~ n^{slope:.2f}"
