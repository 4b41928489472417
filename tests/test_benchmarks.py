"""The benchmark scripts' arithmetic, formulas and reports (no timing here: tests never
time anything)."""

import importlib.util
import sys
from pathlib import Path

import pytest
import sympy as sp

from benchmarks import measure, memory, peers, random_formulas, report, scaling
from derivations.check import check_text
from derivations.nesting import MAX_DEPTH, tree_depth
from derivations.parse import parse

BENCHMARKS = Path(__file__).parent.parent / "benchmarks"
SCRIPT = BENCHMARKS / "run.py"
BREAKPOINTS = BENCHMARKS / "breakpoints.py"


def _load(script: Path = SCRIPT):
    spec = importlib.util.spec_from_file_location(f"benchmark_{script.stem}", script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_growth_fit_recovers_a_known_power():
    assert measure.fit([1, 2, 4, 8, 16], [3 * n**2 for n in (1, 2, 4, 8, 16)]) == "~ n^2.00"
    assert measure.fit([1, 10, 100], [5, 5, 5]) == "~ n^0.00"


def test_runs_compared_are_taken_in_turns_not_in_blocks():
    order = []
    medians = measure.alternating_medians(
        {"a": lambda: order.append("a"), "b": lambda: order.append("b")}, 3
    )
    assert order == ["a", "b"] * 3 and set(medians) == {"a", "b"}


def test_the_median_ratio_is_the_middle_entry_whatever_the_outliers():
    assert measure.median_ratio([37.4, 0.1, 1.5]) == 1.5
    assert measure.median_ratio(r for r in (1.0, 2.0, 3.0, 100.0)) == 2.5


@pytest.mark.parametrize("depth", [1, 4, 12, 30, MAX_DEPTH])
def test_a_typed_nested_sigmoid_is_as_deep_as_asked(depth):
    formula = parse(scaling.nested_sigmoid(depth))
    assert tree_depth(formula) == depth
    assert formula.count(lambda e: e.func.__name__ == "sigmoid") == depth


@pytest.mark.parametrize("terms", [1, 10, 100])
def test_typed_sums_and_products_have_as_many_terms_as_asked(terms):
    tanh_sum = parse(scaling.sum_of_tanh(terms))
    relu_sum = parse(scaling.sum_of_relu(terms))
    product = parse(scaling.product_of_sigmoids(terms))
    if terms == 1:
        assert tanh_sum.func == sp.tanh and product.func.__name__ == "sigmoid"
        return
    assert tanh_sum.func == sp.Add and len(tanh_sum.args) == terms
    assert relu_sum.func == sp.Add and len(relu_sum.args) == terms
    assert product.func == sp.Mul and len(product.args) == terms
    assert {a.func.__name__ for a in relu_sum.args} == {"relu"}


def test_the_growth_ratios_compare_the_sizes_the_issue_names():
    rows = lambda times: [(n, t, 0, 0, True) for n, t in times.items()]  # noqa: E731
    results = {
        scaling.NESTED: {"rows": rows({4: 2.0, 8: 5.0, 12: 8.0})},  # 30 not measured
        scaling.TANH_SUM: {"rows": rows({10: 1.0, 100: 12.0})},
    }
    found = {(label, large): ratio for label, large, _, ratio, _ in scaling.growth_ratios(results)}
    assert found == {
        (scaling.NESTED, 12): 4.0,
        (scaling.NESTED, 30): None,
        (scaling.TANH_SUM, 100): 12.0,
    }


def _figures():
    rows = [(4, 1.0, 4, 87, True), (8, 4.0, 8, 303, True), (12, 5.0, 12, 600, True)]
    smartsolver, diffstep = "ed-master-smartsolver 0.4.1", "diffstep 1.4.0"
    return {
        "startup": {"import sympy": 0.30, "cached": 0.32, "uncached": 0.45,
                    "import derivations.api": 0.40},
        "catalog": {"rows": [("sigmoid", 0.1, 0.2, 0.5), ("relu", 0.3, 0.1, 3.0),
                             ("tanh", 0.2, 0.2, 1.0)],
                    "ours": 0.6, "baseline": 0.5, "ratio": 1.2, "median ratio": 1.0},
        "scaling": {
            "baseline (derive sigmoid)": 0.07,
            scaling.NESTED: {"sizes": [4, 8, 12, 16], "rows": rows, "time growth": "~ n^1.50",
                             "steps growth": "~ n^1.00"},
        },
        "checking": {"available": True, "derive sigmoid": 0.07, "check 30 lines": 0.2,
                     "ratio": 2.9},
        "peers": {
            "engines": [(smartsolver, None), (diffstep, "needs Python 3.12 or later")],
            "rows": [{"activation": "sigmoid", "formula": "1/(1 + exp(-z))", "ours": 0.05,
                      "peers": {smartsolver: {"note": peers.FELL_BACK, "answered": True,
                                              "seconds": 0.4, "ratio": 0.125}}},
                     {"activation": "mish", "formula": "z*tanh(log(1 + exp(z)))", "ours": 0.3,
                      "peers": {smartsolver: {"note": "", "answered": True, "seconds": 0.2,
                                              "ratio": 1.5}}}],
        },
        "memory": {"notes --all": 310.0, "checks": 200, "early": 50, "after early": 180.0,
                   "after all": 183.5, "growth": 3.5},
        "random": {"count": 2, "seed": 11, "kinds": {"derived": 2}, "reasons": [],
                   "median": 0.5, "p95": 0.9, "max": 0.9, "peak MB": 260.0,
                   "rows": [{"text": "z", "kind": "derived", "seconds": 0.1, "detail": ""}]},
    }  # fmt: skip


def test_the_report_writes_every_section_and_every_ratio_with_its_target():
    text = report.write_results(_figures(), "python benchmarks/run.py")
    assert text.index("## How to read this") < text.index("## 1. Start-up")
    for part in ("1. Start-up", "2. The catalog", "3. Scaling", "4. Checking",
                 "5. Random typed formulas", "6. Peers", "7. Memory"):  # fmt: skip
        assert f"## {part}" in text
    assert "Reproduce: `python benchmarks/run.py`" in text and "Machine:" in text
    summary = text.split("## Every ratio and its target")[1].split("## 1.")[0]
    for line in (
        "| start-up: derive sigmoid --plain, cached / import sympy | 1.07x | at most 1.1x | yes |",
        "| start-up: derive sigmoid --plain, uncached / import sympy | 1.50x | at most 1.3x "
        "| **no** |",
        "| catalog: median per-entry ratio | 1.00x | at most 2x | yes |",
        "| catalog: total | 1.20x | at most 1x | **no** |",
        f"| scaling: {scaling.NESTED}, n = 12 / n = 4 | 5.00x | at most 4.5x | **no** |",
        f"| scaling: {scaling.NESTED}, n = 30 / n = 4 | not measured | at most 11x | — |",
        f"| scaling: {scaling.TANH_SUM}, n = 100 / n = 10 | not measured | at most 15x | — |",
        "| peers: ours / ed-master-smartsolver 0.4.1, the largest over 2 formulas | 1.50x "
        "| at most 1x | **no** |",
    ):
        assert line in summary
    assert "diffstep" not in summary  # it did not run: no ratio to claim
    assert "**Median ratio: 1.00x** (target: at most 2x)" in text
    assert "**Total ratio: 1.20x**" in text
    assert '| python -c "import derivations.api" | 0.400 | 1.33x | for reference |' in text
    assert "Stopped after n = 12" in text  # 16 was never measured


def test_the_peer_section_says_which_peer_did_not_run_and_why():
    text = report.write_results(_figures(), "python benchmarks/run.py")
    peer_part = text.split("## 6. Peers")[1].split("## 7.")[0]
    assert "- diffstep 1.4.0: not run, needs Python 3.12 or later." in peer_part
    assert "| sigmoid | `1/(1 + exp(-z))` | 0.050 | 0.400 | 0.12 |" in peer_part
    assert f"- sigmoid, ed-master-smartsolver 0.4.1: {peers.FELL_BACK}" in peer_part
    assert "on 1 of 2 formulas both answer; largest 1.50x" in peer_part
    memory_part = text.split("## 7. Memory")[1]
    assert "| 310 |" in memory_part and "| the largest of section 5's 2 processes | 260 |" in (
        memory_part
    )
    assert "**growth 3.5 MB**" in memory_part


def test_diffstep_is_given_its_own_notation():
    assert peers.diffstep_text("z/(1 + exp(-2*z))") == "x/(1 + e^(-2*x))"
    assert peers.diffstep_text("-log(1 + exp(-z))") == "-ln(1 + e^(-x))"


def test_a_peer_answer_counts_only_if_it_equals_the_derivative():
    z, x = sp.Symbol("z"), sp.Symbol("x")  # peers make their own symbols, not our real z
    sigmoid = "1/(1 + exp(-z))"
    assert peers.agrees(sp.exp(-z) / (1 + sp.exp(-z)) ** 2, sigmoid)
    assert peers.agrees(sp.exp(-x) / (1 + sp.exp(-x)) ** 2, sigmoid)
    assert not peers.agrees(sp.exp(-z) / (1 + sp.exp(-z)), sigmoid)


def test_the_peer_section_runs_side_by_side_with_stand_in_peers():
    def right(formula):
        expr = parse(formula)
        return sp.diff(expr, *expr.free_symbols), ""

    def refuses(formula):
        raise ValueError("Unexpected token")

    engines = (
        peers.Peer("right", right),
        peers.Peer("refuses", refuses),
        peers.Peer("absent", None, "not installed"),
    )
    found = peers.peers(1, engines, formulas=peers.FORMULAS[:1])
    assert found["engines"][2] == ("absent", "not installed")
    (row,) = found["rows"]
    assert row["activation"] == "sigmoid" and row["ours"] > 0
    assert row["peers"]["right"]["ratio"] == row["ours"] / row["peers"]["right"]["seconds"]
    assert row["peers"]["refuses"] == {
        "note": "refused: ValueError: Unexpected token",
        "answered": False,
    }
    assert "absent" not in row["peers"]


def test_every_peer_formula_is_one_we_derive():
    for _, formula in peers.FORMULAS:
        assert parse(formula).free_symbols  # a formula in z, as written


def test_the_memory_batch_varies_its_derivations_and_every_third_slips():
    texts = [memory.hand_derivation(k) for k in range(1, 7)]
    assert len(set(texts)) == 6
    assert check_text(memory.hand_derivation(2)).verdict == "right"
    assert check_text(memory.hand_derivation(3)).verdict == "wrong"
    assert set(memory.check_batch(4, 2)) == {"2", "4"}


def test_a_child_peak_is_its_own_not_the_largest_child_so_far():
    grow = "import time; b = bytearray(200 * 1024 * 1024); b[::4096]; time.sleep(0.2)"
    big = memory.peak_mb_of(sys.executable, "-c", grow)
    small = memory.peak_mb_of(sys.executable, "-c", "import time; time.sleep(0.2)")
    assert big > 200 > small


def test_the_results_on_record_come_from_this_script():
    results = (SCRIPT.parent / "RESULTS.md").read_text(encoding="utf-8")
    assert results.startswith("# Benchmarks") and "Machine:" in results
    assert "Reproduce: `python benchmarks/run.py`" in results


def test_random_formulas_are_summarized_by_outcome_and_reason():
    rows = [
        {"text": "z", "ops": 0, "kind": "derived", "detail": "", "seconds": 0.1, "peak MB": 90.0},
        {"text": "a", "ops": 3, "kind": "refused", "seconds": 0.2, "peak MB": 120.0,
         "detail": "cannot locate where Max(z, tanh(z)) switches pieces: no sign as z → 3"},
        {"text": "b", "ops": 3, "kind": "refused", "seconds": 0.3, "peak MB": 95.0,
         "detail": "cannot locate where Max(2*z, erf(z)) switches pieces: no sign as z → 5"},
        {"text": "c", "ops": 9, "kind": "internal", "detail": "NameError: x", "seconds": 7.0,
         "peak MB": None},
        {"text": "d", "ops": 9, "kind": "time-out", "detail": "over 60 s", "seconds": 60.0,
         "peak MB": None},
    ]  # fmt: skip
    summary = random_formulas.summarize(rows)
    assert summary["kinds"] == {"derived": 1, "refused": 2, "internal": 1, "time-out": 1}
    assert summary["reasons"] == [("cannot locate where Max… switches pieces", 2)]
    assert summary["median"] == 0.3 and summary["max"] == 60.0 and summary["p95"] == 60.0
    assert summary["peak MB"] == 120.0  # of the processes that finished
    text = report.write_random(summary)
    assert "| refused | 2 |" in text and "| wrong | 0 |" in text
    assert "| slower than 5 s | 1 |" in text  # c; d is counted as a time-out
    assert "- `c`: internal, 7.0 s: NameError: x" in text and "- `z`" not in text


def test_the_random_formula_section_runs_on_five_formulas():
    summary = random_formulas.random_typed(5, seed=1, run=random_formulas.derive_one, max_ops=6)
    assert summary["count"] == 5 and sum(summary["kinds"].values()) == 5
    assert random_formulas.random_formulas(5, 1, 6)[0].text == summary["rows"][0]["text"]
    one = random_formulas._in_subprocess(0, 5, 1, 6)  # as the benchmark runs it: its own process
    assert one["text"] == summary["rows"][0]["text"] and one["peak MB"] > 0
    assert one["kind"] in ("derived", "refused", "internal", "wrong", "time-out")


# --- benchmarks/breakpoints.py ---


def test_the_breakpoint_report_gives_each_equation_its_ratio_and_the_median():
    run = _load(BREAKPOINTS)
    rows = [("z = σ(z)", 1, 1, 0.02, 0.01, 2.0), ("tanh(z) = z/3", 3, 3, 0.04, 0.01, 4.0)]
    text = run.report(rows)
    assert "| z = σ(z) | 1 | 1 | 0.020 | 0.010 | 2.0 |" in text
    assert "**Median ratio: 3.0x**" in text and "slowest proved search 0.04 s" in text


def test_the_plain_search_finds_the_sign_changes_it_can_see():
    run = _load(BREAKPOINTS)
    lhs, rhs = run.EQUATIONS["tanh(z) = z/3"]
    assert run.plain_search(lhs, rhs) == 3 == run.ours(lhs, rhs)
    lhs, rhs = run.EQUATIONS["0.01z = σ(z)"]  # its root, z ≈ 100, is beyond the plain grid
    assert run.plain_search(lhs, rhs) == 0 and run.ours(lhs, rhs) == 1


def test_the_breakpoint_results_on_record_come_from_their_script():
    results = (BENCHMARKS / "BREAKPOINTS.md").read_text(encoding="utf-8")
    assert "Reproduce: `python benchmarks/breakpoints.py`" in results
