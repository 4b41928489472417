"""The benchmark scripts' arithmetic and reports (no timing here: tests never time anything)."""

import importlib.util
from pathlib import Path

BENCHMARKS = Path(__file__).parent.parent / "benchmarks"
SCRIPT = BENCHMARKS / "run.py"
BREAKPOINTS = BENCHMARKS / "breakpoints.py"


def _load(script: Path = SCRIPT):
    spec = importlib.util.spec_from_file_location(f"benchmark_{script.stem}", script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_growth_fit_recovers_a_known_power():
    run = _load()
    assert run._fit([1, 2, 4, 8, 16], [3 * n**2 for n in (1, 2, 4, 8, 16)]) == "~ n^2.00"
    assert run._fit([1, 10, 100], [5, 5, 5]) == "~ n^0.00"


def test_the_report_has_every_figure_and_says_when_a_series_stopped():
    run = _load()
    rows = [(1, 1.0, 2, 3, True), (2, 4.0, 4, 9, True)]
    figures = {
        "startup": {
            "import sympy": 0.3,
            "derive sigmoid --plain": 0.36,
            "ratio": 1.2,
            "uncached": 0.5,
            "uncached ratio": 1.7,
        },
        "catalog": {"rows": [("sigmoid", 0.1, 0.2, 0.5)], "ours": 0.1, "baseline": 0.2,
                    "ratio": 0.5},
        "scaling": {
            "baseline (derive sigmoid)": 0.07,
            "nested": {"sizes": [1, 2, 4], "rows": rows, "time growth": "~ n^2.00",
                       "steps growth": "~ n^1.00"},
        },
        "checking": {"available": True, "derive sigmoid": 0.07, "check 30 lines": 0.2,
                     "ratio": 2.9},
    }  # fmt: skip
    report = run.write_results(figures, "python benchmarks/run.py")
    for part in ("## 1. Start-up", "## 2. The catalog", "## 3. Scaling", "## 4. Checking"):
        assert part in report
    assert "**Ratio: 1.20x**" in report and "**Total ratio: 0.50x**" in report
    assert "Stopped after n = 2" in report  # 4 was never measured
    assert "Reproduce: `python benchmarks/run.py`" in report


def test_the_results_on_record_come_from_this_script():
    results = (SCRIPT.parent / "RESULTS.md").read_text(encoding="utf-8")
    assert results.startswith("# Benchmarks") and "Machine:" in results
    assert "Reproduce: `python benchmarks/run.py`" in results


def test_random_formulas_are_summarized_by_outcome_and_reason():
    run = _load()
    rows = [
        {"text": "z", "ops": 0, "kind": "derived", "detail": "", "seconds": 0.1},
        {"text": "a", "ops": 3, "kind": "refused", "seconds": 0.2,
         "detail": "cannot locate where Max(z, tanh(z)) switches pieces: no sign as z → 3"},
        {"text": "b", "ops": 3, "kind": "refused", "seconds": 0.3,
         "detail": "cannot locate where Max(2*z, erf(z)) switches pieces: no sign as z → 5"},
        {"text": "c", "ops": 9, "kind": "internal", "detail": "NameError: x", "seconds": 7.0},
        {"text": "d", "ops": 9, "kind": "time-out", "detail": "over 60 s", "seconds": 60.0},
    ]  # fmt: skip
    summary = run.summarize(rows)
    assert summary["kinds"] == {"derived": 1, "refused": 2, "internal": 1, "time-out": 1}
    assert summary["reasons"] == [("cannot locate where Max… switches pieces", 2)]
    assert summary["median"] == 0.3 and summary["max"] == 60.0 and summary["p95"] == 60.0
    report = run.write_random(summary)
    assert "| refused | 2 |" in report and "| wrong | 0 |" in report
    assert "| slower than 5 s | 1 |" in report  # c; d is counted as a time-out
    assert "- `c`: internal, 7.0 s: NameError: x" in report and "- `z`" not in report


def test_the_random_formula_section_runs_on_five_formulas():
    run = _load()
    summary = run.random_typed(5, seed=1, run=run.derive_one, max_ops=6)  # in this process
    assert summary["count"] == 5 and sum(summary["kinds"].values()) == 5
    assert run.random_formulas(5, 1, 6)[0].text == summary["rows"][0]["text"]
    one = run._in_subprocess(0, 5, 1, 6)  # as the benchmark runs it: a process of its own
    assert one["text"] == summary["rows"][0]["text"]
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
