"""What a proved breakpoint costs: the rigorous search against a plain numeric one.

    python benchmarks/breakpoints.py          # writes benchmarks/BREAKPOINTS.md

For each equation lhs = rhs (where a max or min of activations switches), the time of
``root_search.real_roots`` on the whole line (interval arithmetic: every root isolated
and proved, the sign settled out to ±∞) is set beside a plain search run in the same
process: the difference sampled at 400 points of [−20, 20], each sign change refined by
``mpmath.findroot`` to 50 digits.  The baseline proves nothing and looks nowhere else;
the ratio is what the proof costs.  Times are medians, caches cleared before each run.
"""

from __future__ import annotations

import os
import platform
import statistics
import sys
import time
from pathlib import Path

import mpmath
import sympy as sp

HERE = Path(__file__).parent
z = sp.Symbol("z", real=True)


def _sigmoid(u):
    return 1 / (1 + sp.exp(-u))


def _softplus(u):
    return sp.log(1 + sp.exp(u))


def _gelu(u):
    return u * (1 + sp.erf(u / sp.sqrt(2))) / 2


EQUATIONS = {
    "z = σ(z)": (z, _sigmoid(z)),
    "softplus(0.044715z) = σ(z)": (_softplus(sp.Rational(8943, 200000) * z), _sigmoid(z)),
    "softplus(z) = σ(z) (no root)": (_softplus(z), _sigmoid(z)),
    "tanh(z) = z/3": (sp.tanh(z), z / 3),
    "erf(z) = tanh(z)": (sp.erf(z), sp.tanh(z)),
    "gelu(z) = zσ(z)": (_gelu(z), z * _sigmoid(z)),
    "z·tanh(softplus(z)) = gelu(z)": (z * sp.tanh(_softplus(z)), _gelu(z)),
    "0.01z = σ(z)": (z / 100, _sigmoid(z)),
    "√(1 + z²) − 1 = softplus(z)": (sp.sqrt(1 + z**2) - 1, _softplus(z)),
    "σ(3z) = erf(z/4)": (_sigmoid(3 * z), sp.erf(z / 4)),
}


def _fresh():
    from derivations.memory import forget_all

    forget_all()


def ours(lhs, rhs) -> int:
    from derivations.root_search import real_roots

    return len(real_roots(lhs, rhs, z, -sp.oo, sp.oo))


def plain_search(lhs, rhs) -> int:
    f = sp.lambdify(z, lhs - rhs, modules="mpmath")
    found = 0
    with mpmath.workdps(50):
        shift = mpmath.mpf("0.0137")  # off the round numbers, where roots sit exactly
        xs = [mpmath.mpf(-20) + mpmath.mpf(40) * (k + shift) / 400 for k in range(400)]
        values = [f(x) for x in xs]
        for a, b, fa, fb in zip(xs, xs[1:], values, values[1:], strict=False):
            if (fa > 0) != (fb > 0):
                mpmath.findroot(f, (a, b), solver="anderson")
                found += 1
    return found


def _median(run, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        _fresh()
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def measure(repeat: int = 5) -> list[tuple]:
    rows = []
    for name, (lhs, rhs) in EQUATIONS.items():
        roots = ours(lhs, rhs)
        plain = plain_search(lhs, rhs)
        o = _median(lambda lhs=lhs, rhs=rhs: ours(lhs, rhs), repeat)
        b = _median(lambda lhs=lhs, rhs=rhs: plain_search(lhs, rhs), repeat)
        rows.append((name, roots, plain, o, b, o / b))
    return rows


def report(rows: list[tuple]) -> str:
    lines = [
        "# Breakpoints without a closed form: the proved search vs a plain one\n",
        "Reproduce: `python benchmarks/breakpoints.py` (from the repository root).\n",
        f"Machine: {platform.platform()}, {os.cpu_count()} CPUs, Python "
        f"{platform.python_version()}, SymPy {sp.__version__}; measured "
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}.\n",
        "| equation | roots (proved) | roots (plain, [−20, 20]) | proved (s) | plain (s) | ratio |",
        "|---|---|---|---|---|---|",
    ]
    for name, roots, plain, o, b, ratio in rows:
        lines.append(f"| {name} | {roots} | {plain} | {o:.3f} | {b:.3f} | {ratio:.1f} |")
    ratios = [r[-1] for r in rows]
    lines.append(
        f"\n**Median ratio: {statistics.median(ratios):.1f}x**, slowest proved search "
        f"{max(r[3] for r in rows):.2f} s (target: well under a second).\n"
    )
    return "\n".join(lines) + "\n"


def main() -> None:
    repeat = 3 if "--quick" in sys.argv else 5
    text = report(measure(repeat))
    (HERE / "BREAKPOINTS.md").write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
