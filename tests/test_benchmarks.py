"""The benchmark script's arithmetic and report (no timing here: tests never time anything)."""

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).parent.parent / "benchmarks" / "run.py"


def _load():
    spec = importlib.util.spec_from_file_location("benchmark_run", SCRIPT)
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
