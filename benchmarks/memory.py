"""Section 6 (memory): the peak resident memory of the heaviest command, and whether a
process that checks derivation after derivation keeps growing."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .measure import ENVIRONMENT

HERE = Path(__file__).parent
SCRIPT = Path(sys.executable).with_name("derive")
MB = 1024 * 1024
POLL_SECONDS = 0.01  # the high-water mark only grows: the last reading is within this of the end


def peak_mb_of_this_process() -> float:
    """This process's peak resident memory since it started its program: VmHWM, where
    there is /proc (ru_maxrss also counts the pages of the process it was forked from)."""
    return _high_water_mb("self") or resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _high_water_mb(pid: str) -> float | None:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024  # kB
    return None


def resident_mb() -> float:
    """This process's resident memory now (not its peak): /proc/self/statm where there is one."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except OSError:
        return peak_mb_of_this_process()
    return pages * os.sysconf("SC_PAGE_SIZE") / MB


def peak_mb_of(*command: str, cache: bool = False) -> float:
    """The peak resident memory of ``command`` run as a child: its VmHWM, read while it
    runs (its ru_maxrss would count the pages of this process, which it was forked from;
    RUSAGE_CHILDREN would give the largest of every child run so far)."""
    environment = {**ENVIRONMENT, "DERIVATIONS_CACHE": "on" if cache else "off"}
    child = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=environment
    )
    peak = 0.0
    while child.poll() is None:
        peak = max(peak, _high_water_mb(str(child.pid)) or 0.0)
        time.sleep(POLL_SECONDS)
    if child.returncode != 0:
        raise subprocess.CalledProcessError(child.returncode, command)
    return peak


def hand_derivation(k: int) -> str:
    """A short sigmoid derivation of σ(k·z); every third one slips (the inner k is lost), so
    the batch also finds and diagnoses wrong lines."""
    inner = f"e^(-{k}*z)"
    last = inner if k % 3 == 0 else f"{k}*{inner}"
    return (
        f"g(z) = 1/(1 + {inner})\n"
        f"g'(z) = -(1 + {inner})^(-2) * d/dz(1 + {inner})\n"
        f"      = {last}/(1 + {inner})^2\n"
    )


def check_batch(count: int, early: int) -> dict:
    """Check ``count`` hand derivations in this process; resident memory after ``early`` of
    them and after all (the first ones fill the bounded caches; a leak grows after)."""
    from derivations.check import check_text

    figures = {}
    for k in range(1, count + 1):
        check_text(hand_derivation(k))
        if k in (early, count):
            figures[str(k)] = resident_mb()
    return figures


def memory(checks: int = 200, early: int = 50) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        notes = peak_mb_of(str(SCRIPT), "notes", "--all", "-o", str(Path(folder) / "notes.tex"))
    done = subprocess.run(
        [sys.executable, str(HERE / "run.py"), "--check-batch", f"{checks},{early}"],
        capture_output=True,
        text=True,
        check=True,
        env={**ENVIRONMENT, "DERIVATIONS_CACHE": "off"},
    )
    batch = json.loads(done.stdout.strip().splitlines()[-1])
    after_early, after_all = batch[str(early)], batch[str(checks)]
    return {
        "notes --all": notes,
        "checks": checks,
        "early": early,
        "after early": after_early,
        "after all": after_all,
        "growth": after_all - after_early,
    }
