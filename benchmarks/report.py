"""RESULTS.md: how to read it, the machine, every ratio with its target, then each
section's figures. Only writes: every number comes in the figures dict."""

from __future__ import annotations

import io
import os
import platform
import time

import sympy as sp

from .random_formulas import RANDOM_LIMIT, RANDOM_MAX_OPS, SLOW
from .scaling import SIZE_BUDGET, growth_ratios

HOW_TO_READ = (
    "## How to read this\n\n"
    "Every figure is a **ratio**: our time divided by the time of a baseline measured in "
    "the same run, on the same machine, in turns with ours (a, b, a, b, ...), taking the "
    "median of the turns. A ratio below 1 means we are faster than the baseline. Ratios, "
    "not seconds, because seconds say more about the machine than about the code: this one "
    "may be shared with other work, which slows both sides of a ratio alike but every "
    "second on its own. Each target is the issue's; a ratio a little over its target on a "
    "busy machine is worth measuring again before it is worth worrying about.\n\n"
)

STARTUP_TARGETS = {"cached": 1.1, "uncached": 1.3}
CATALOG_MEDIAN_TARGET = 2.0
CATALOG_TOTAL_TARGET = 1.0
PEER_TARGET = 1.0


def _ratio(value: float | None) -> str:
    return "not measured" if value is None else f"{value:.2f}x"


def _met(value: float | None, target: float) -> str:
    return "—" if value is None else ("yes" if value <= target else "**no**")


def peer_ratios(peers: dict) -> dict[str, list[float]]:
    """Each runnable peer's ratios (ours / theirs) on the formulas both answered."""
    found = {name: [] for name, problem in peers["engines"] if problem is None}
    for row in peers["rows"]:
        for name, theirs in row["peers"].items():
            if "ratio" in theirs:
                found[name].append(theirs["ratio"])
    return found


def ratios_with_targets(figures: dict) -> list[tuple[str, float | None, float]]:
    """(what, ratio, at most) for every ratio the issue sets a target for."""
    found = []
    if "startup" in figures:
        s = figures["startup"]
        for kind, target in STARTUP_TARGETS.items():
            what = f"start-up: derive sigmoid --plain, {kind} / import sympy"
            found.append((what, s[kind] / s["import sympy"], target))
    if "catalog" in figures:
        c = figures["catalog"]
        found.append(("catalog: median per-entry ratio", c["median ratio"], CATALOG_MEDIAN_TARGET))
        found.append(("catalog: total", c["ratio"], CATALOG_TOTAL_TARGET))
    if "scaling" in figures:
        for label, large, small, ratio, target in growth_ratios(figures["scaling"]):
            found.append((f"scaling: {label}, n = {large} / n = {small}", ratio, target))
    if "peers" in figures:
        for name, ratios in peer_ratios(figures["peers"]).items():
            what = f"peers: ours / {name}, the largest over {len(ratios)} formulas"
            found.append((what, max(ratios, default=None), PEER_TARGET))
    return found


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
    w(HOW_TO_READ)
    w("## Every ratio and its target\n\n| ratio | measured | target | met |\n|---|---|---|---|\n")
    for what, ratio, target in ratios_with_targets(figures):
        w(f"| {what} | {_ratio(ratio)} | at most {target:g}x | {_met(ratio, target)} |\n")
    w("\n")
    for key, section in (
        ("startup", write_startup),
        ("catalog", write_catalog),
        ("scaling", write_scaling),
        ("checking", write_checking),
        ("random", write_random),
        ("peers", write_peers),
        ("memory", lambda m: write_memory(m, figures.get("random"))),
    ):
        if key in figures:
            w(section(figures[key]))
    return out.getvalue()


def write_startup(s: dict) -> str:
    base = s["import sympy"]
    rows = (
        ('python -c "import sympy"', base, "the baseline"),
        ("derive sigmoid --plain", s["cached"], f"at most {STARTUP_TARGETS['cached']:g}x"),
        (
            "derive sigmoid --plain, DERIVATIONS_CACHE=off",
            s["uncached"],
            f"at most {STARTUP_TARGETS['uncached']:g}x",
        ),
        ('python -c "import derivations.api"', s["import derivations.api"], "for reference"),
    )
    out = ["## 1. Start-up\n\n| process | median seconds | ratio | target |\n|---|---|---|---|\n"]
    out += [f"| {what} | {t:.3f} | {t / base:.2f}x | {target} |\n" for what, t, target in rows]
    out.append(
        "\nCached is every run after the first: the proved derivation and its printed output "
        "are read from the disk cache, and SymPy is not imported. Uncached derives and "
        "proves it from scratch. Each process was run in turns with the others.\n\n"
    )
    return "".join(out)


def write_catalog(c: dict) -> str:
    out = ["## 2. The catalog: derive + verify + render vs simplify(diff(expr))\n\n"]
    out.append("| activation | ours (s) | simplify(diff) (s) | ratio |\n|---|---|---|---|\n")
    out += [f"| {name} | {o:.3f} | {b:.3f} | {r:.2f} |\n" for name, o, b, r in c["rows"]]
    out.append(
        f"\n**Median ratio: {c['median ratio']:.2f}x** (target: at most "
        f"{CATALOG_MEDIAN_TARGET:g}x). **Total ratio: {c['ratio']:.2f}x** (ours "
        f"{c['ours']:.2f} s, baseline {c['baseline']:.2f} s; target: at most "
        f"{CATALOG_TOTAL_TARGET:g}x).\n\n"
    )
    return "".join(out)


def write_scaling(sc: dict) -> str:
    out = [
        "## 3. Scaling\n\nEach formula is typed as text and derived from it, as users meet "
        'them. Time is a ratio to one `derive("sigmoid")` '
        f"({sc['baseline (derive sigmoid)']:.3f} s here).\n\n"
    ]
    for label, data in sc.items():
        if not isinstance(data, dict):
            continue
        out.append(f"### {label}\n\n| n | time ratio | steps | result size (ops) | verified |\n")
        out.append("|---|---|---|---|---|\n")
        for size, ratio, steps, ops, ok in data["rows"]:
            out.append(f"| {size} | {ratio:.1f} | {steps} | {ops} | {ok} |\n")
        if data["rows"] and len(data["rows"]) < len(data["sizes"]):
            stopped = data["rows"][-1][0]
            out.append(f"\nStopped after n = {stopped}: it took over {SIZE_BUDGET:.0f} s.\n")
        out.append(
            f"\nFitted growth: time {data['time growth']}, steps {data['steps growth']}.\n\n"
        )
    out.append(
        "Growth against the issue's targets:\n\n| series | ratio | target |\n|---|---|---|\n"
    )
    for label, large, small, ratio, target in growth_ratios(sc):
        out.append(
            f"| {label}, n = {large} / n = {small} | {_ratio(ratio)} | at most {target:g}x |\n"
        )
    out.append("\n")
    return "".join(out)


def write_checking(ch: dict) -> str:
    out = [
        "## 4. Checking a 30-line hand derivation\n\n"
        "A sigmoid derivation of 30 lines (the definition, then four equal forms of g′, "
        "each repeated), every line judged against the one before.\n\n"
    ]
    if ch.get("available"):
        out.append(
            "| task | median seconds |\n|---|---|\n"
            f"| derive sigmoid | {ch['derive sigmoid']:.3f} |\n"
            f"| check 30 lines | {ch['check 30 lines']:.3f} |\n\n"
            f"**Ratio: {ch['ratio']:.2f}x** one derivation of the sigmoid.\n\n"
        )
    else:
        out.append("The checker is not available in this build.\n\n")
    return "".join(out)


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


def write_peers(p: dict) -> str:
    ready = [name for name, problem in p["engines"] if problem is None]
    out = [
        "## 6. Peers: other step-by-step engines\n\n"
        "The step-by-step derivative engines on PyPI, warm and in this process, on the same "
        "formulas (written out in elementary functions), each run in turns with ours and "
        "every cache emptied before each run. Ours is `derivations.api.derive(text)` and "
        "its steps written as text; theirs, their steps written as text. A peer's answer "
        "counts only if it equals sympy.diff's.\n\n"
    ]
    out += [f"- {name}: not run, {problem}.\n" for name, problem in p["engines"] if problem]
    if len(ready) < len(p["engines"]):
        out.append("\n")
    head = "| activation | formula | ours (s) |" + "".join(f" {n} (s) | ratio |" for n in ready)
    out.append(head + "\n|" + "---|" * (3 + 2 * len(ready)) + "\n")
    notes = []
    for row in p["rows"]:
        cells = [row["activation"], f"`{row['formula']}`", f"{row['ours']:.3f}"]
        for name in ready:
            theirs = row["peers"][name]
            if theirs["note"]:
                notes.append(f"- {row['activation']}, {name}: {theirs['note']}\n")
            if "ratio" in theirs:
                cells += [f"{theirs['seconds']:.3f}", f"{theirs['ratio']:.2f}"]
            else:
                cells += ["—", "—"]
        out.append("| " + " | ".join(cells) + " |\n")
    out.append("\n" + "".join(notes) + ("\n" if notes else ""))
    for name, ratios in peer_ratios(p).items():
        within = sum(r <= PEER_TARGET for r in ratios)
        out.append(
            f"**{name}:** ratio at most {PEER_TARGET:g}x (the target) on {within} of "
            f"{len(ratios)} formulas both answer; largest {_ratio(max(ratios, default=None))}.\n\n"
        )
    return "".join(out)


def write_memory(m: dict, random: dict | None) -> str:
    out = [
        "## 7. Memory\n\nPeak resident memory (ru_maxrss) of a whole process, in MB.\n\n"
        "| process | peak MB |\n|---|---|\n"
        f"| derive notes --all -o notes.tex (DERIVATIONS_CACHE=off) | {m['notes --all']:.0f} |\n"
    ]
    if random is not None and random.get("peak MB") is not None:
        largest = f"the largest of section 5's {random['count']} processes"
        out.append(f"| {largest} | {random['peak MB']:.0f} |\n")
    out.append(
        f"\nChecking {m['checks']} short hand derivations in one process (varied, every "
        f"third one wrong): resident memory {m['after early']:.0f} MB after {m['early']}, "
        f"{m['after all']:.0f} MB after {m['checks']}: **growth {m['growth']:.1f} MB**.\n"
    )
    return "".join(out)
