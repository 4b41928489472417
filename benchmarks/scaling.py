"""Section 3: how the time grows with the formula, on formulas typed as users type them
(nested sigmoids, sums of tanh and relu, products of sigmoids) and derived from their text."""

from __future__ import annotations

import sys
import time

import sympy as sp

from .measure import fit, fresh, median_seconds


def nested_sigmoid(depth: int) -> str:
    """sigmoid(sigmoid(...(z))), ``depth`` calls deep."""
    return "sigmoid(" * depth + "z" + ")" * depth


def sum_of_tanh(terms: int) -> str:
    """tanh(1*z) + tanh(2*z) + ... + tanh(terms*z)."""
    return " + ".join(f"tanh({k}*z)" for k in range(1, terms + 1))


def product_of_sigmoids(factors: int) -> str:
    """sigmoid(z + 0)*sigmoid(z + 1)*...: ``factors`` factors."""
    return "*".join(f"sigmoid(z + {k})" for k in range(factors))


def sum_of_relu(terms: int) -> str:
    """relu(z - 0) + relu(z - 1) + ...: ``terms`` kinks."""
    return " + ".join(f"relu(z - {k})" for k in range(terms))


NESTED = "nested sigmoid(sigmoid(...(z)))"
TANH_SUM = "sum of tanh(k·z)"
PRODUCT = "product of sigmoid(z + k)"
RELU_SUM = "sum of relu(z − k)"

# The targets: how much longer the larger formula may take than the smaller.
GROWTH_TARGETS = (
    (NESTED, 12, 4, 4.5),
    (NESTED, 30, 4, 11.0),
    (TANH_SUM, 100, 10, 15.0),
)

SIZE_BUDGET = 60.0  # seconds: a series stops growing after a size that took longer


def scaling(sizes_nested, sizes_sum) -> dict:
    from derivations.api import derive

    base = median_seconds(lambda: (fresh(), derive("sigmoid")), 3)
    results = {"baseline (derive sigmoid)": base}
    for label, build, sizes in (
        (NESTED, nested_sigmoid, sizes_nested),
        (TANH_SUM, sum_of_tanh, sizes_sum),
        # products and kinks grow faster: their larger sizes would only take long
        (PRODUCT, product_of_sigmoids, [s for s in sizes_sum if s <= 20]),
        (RELU_SUM, sum_of_relu, [s for s in sizes_sum if s <= 20]),
    ):
        rows = []
        for size in sizes:
            text = build(size)
            fresh()
            start = time.perf_counter()
            derivation = derive(text)
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
        sized = [r[0] for r in rows]
        fitted = len(rows) > 1  # a growth needs two sizes
        results[label] = {
            "sizes": sizes,
            "rows": rows,
            "time growth": fit(sized, [r[1] for r in rows]) if fitted else "not fitted",
            "steps growth": fit(sized, [r[2] for r in rows]) if fitted else "not fitted",
        }
    return results


def growth_ratios(results: dict) -> list[tuple[str, int, int, float | None, float]]:
    """(series, larger n, smaller n, time at the larger / time at the smaller, target) for
    each target; the ratio is None when a size was not measured (quick runs, budgets)."""
    found = []
    for label, large, small, target in GROWTH_TARGETS:
        times = {row[0]: row[1] for row in results.get(label, {}).get("rows", ())}
        ratio = times[large] / times[small] if large in times and small in times else None
        found.append((label, large, small, ratio, target))
    return found
