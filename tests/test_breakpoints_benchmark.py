"""The breakpoint benchmark's report (no timing here: tests never time anything)."""

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).parent.parent / "benchmarks" / "breakpoints.py"


def _load():
    spec = importlib.util.spec_from_file_location("breakpoint_benchmark", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_report_gives_each_equation_its_ratio_and_the_median():
    run = _load()
    rows = [("z = σ(z)", 1, 1, 0.02, 0.01, 2.0), ("tanh(z) = z/3", 3, 3, 0.04, 0.01, 4.0)]
    text = run.report(rows)
    assert "| z = σ(z) | 1 | 1 | 0.020 | 0.010 | 2.0 |" in text
    assert "**Median ratio: 3.0x**" in text and "slowest proved search 0.04 s" in text


def test_the_plain_search_finds_the_sign_changes_it_can_see():
    run = _load()
    lhs, rhs = run.EQUATIONS["tanh(z) = z/3"]
    assert run.plain_search(lhs, rhs) == 3 == run.ours(lhs, rhs)
    lhs, rhs = run.EQUATIONS["0.01z = σ(z)"]  # its root, z ≈ 100, is beyond the plain grid
    assert run.plain_search(lhs, rhs) == 0 and run.ours(lhs, rhs) == 1


def test_the_results_on_record_come_from_this_script():
    results = (SCRIPT.parent / "BREAKPOINTS.md").read_text(encoding="utf-8")
    assert "Reproduce: `python benchmarks/breakpoints.py`" in results
