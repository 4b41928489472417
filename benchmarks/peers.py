"""Section 4 (peers): the step-by-step derivative engines on PyPI, timed side by side with
ours, warm and in this process, on the same activation formulas written out.

    pip install -e '.[bench]'      # ed-master-smartsolver, and diffstep on Python >= 3.12
"""

from __future__ import annotations

import importlib.util
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass

import sympy as sp

from .measure import alternating_medians, fresh

# (activation, its formula in z as our reader and SmartSolver read it)
FORMULAS = (
    ("sigmoid", "1/(1 + exp(-z))"),
    ("tanh", "tanh(z)"),
    ("tanh by exponentials", "(exp(z) - exp(-z))/(exp(z) + exp(-z))"),
    ("softplus", "log(1 + exp(z))"),
    ("logsigmoid", "-log(1 + exp(-z))"),
    ("silu", "z/(1 + exp(-z))"),
    ("swish, beta = 2", "z/(1 + exp(-2*z))"),
    ("mish", "z*tanh(log(1 + exp(z)))"),
    ("gelu", "z*(1 + erf(z/sqrt(2)))/2"),
    ("gelu_tanh", "0.5*z*(1 + tanh(sqrt(2/pi)*(z + 0.044715*z^3)))"),
    ("elu, z < 0", "exp(z) - 1"),
    ("three nested sigmoids", "1/(1 + exp(-1/(1 + exp(-1/(1 + exp(-z))))))"),
)

TARGET = 1.0  # ours / theirs, on every formula both answer

FELL_BACK = "its steps failed; answered by sympy.diff"


@dataclass(frozen=True)
class Peer:
    """An engine, and how to ask it for a derivative step by step, written out as text:
    ``derive(formula)`` gives its answer as a SymPy expression and a note ("" or why the
    answer is not its own). ``problem`` says why it cannot run here (None: it can)."""

    name: str
    derive: Callable[[str], tuple[sp.Expr, str]] | None
    problem: str | None = None


def diffstep_text(formula: str) -> str:
    """A formula in diffstep's notation: its variable is x, e^u for exp(u), ln for log."""
    return re.sub(r"\bz\b", "x", formula).replace("exp(", "e^(").replace("log(", "ln(")


def smartsolver() -> Peer:
    name = "ed-master-smartsolver 0.4.1"
    if importlib.util.find_spec("smartsolver") is None:
        return Peer(name, None, "not installed (pip install -e '.[bench]')")
    from smartsolver import SmartSolver, StepRenderer

    solver = SmartSolver()

    def derive(formula: str):
        result = solver.differentiate(formula, "z")
        StepRenderer.to_text(result["steps"])
        return result["derivative"], FELL_BACK if result["steps_mode"] != "worked" else ""

    return Peer(name, derive)


def diffstep() -> Peer:
    name = "diffstep 1.4.0"
    if sys.version_info < (3, 12):
        found = ".".join(map(str, sys.version_info[:2]))
        return Peer(name, None, f"needs Python 3.12 or later (int.is_integer); this is {found}")
    if importlib.util.find_spec("diffstep") is None:
        return Peer(name, None, "not installed (pip install -e '.[bench]')")
    from diffstep import pipeline

    def derive(formula: str):
        tree = pipeline.parse(pipeline.tokenize(pipeline.normalise(diffstep_text(formula))))
        derivative, trace = pipeline._differentiate_with_trace(tree)  # what trace() prints
        pipeline.render_trace_tree(trace, show_root=True)
        return pipeline.simplify(derivative), ""

    return Peer(name, derive)


def agrees(answer: sp.Expr, formula: str, at=(-1.3, 0.4, 2.1)) -> bool:
    """Whether ``answer``, in a variable z or x, equals the formula's derivative at ``at``."""
    from derivations.parse import parse

    expected = parse(formula)
    (z,) = expected.free_symbols
    truth = sp.diff(expected, z)
    (variable,) = answer.free_symbols or {z}
    for point in at:
        mine = complex(answer.subs(variable, point).evalf(30))
        right = complex(truth.subs(z, point).evalf(30))
        if abs(mine - right) > 1e-9 * max(1.0, abs(right)):
            return False
    return True


def _outcome(peer: Peer, formula: str) -> str | None:
    """None if the peer answers the formula rightly, else what went wrong."""
    try:
        answer, note = peer.derive(formula)
    except Exception as error:
        return f"refused: {type(error).__name__}: {str(error)[:80]}"
    if not agrees(answer, formula):
        return f"wrong answer: {answer}"
    return note or None


def peers(repeat: int, engines: tuple[Peer, ...] | None = None, formulas=FORMULAS) -> dict:
    from derivations.api import derive
    from derivations.render import text

    engines = engines if engines is not None else (smartsolver(), diffstep())
    ready = [peer for peer in engines if peer.problem is None]
    rows = []
    for label, formula in formulas:
        row = {"activation": label, "formula": formula, "peers": {}}
        runs = {"ours": lambda formula=formula: (fresh(), text.render(derive(formula)))}
        for peer in ready:
            note = _outcome(peer, formula)  # also the warm-up
            answered = note is None or note == FELL_BACK
            row["peers"][peer.name] = {"note": note or "", "answered": answered}
            if answered:
                runs[peer.name] = lambda peer=peer, formula=formula: (fresh(), peer.derive(formula))
        runs["ours"]()  # warm, as theirs are
        seconds = alternating_medians(runs, repeat)
        row["ours"] = seconds.pop("ours")
        for name, theirs in seconds.items():
            row["peers"][name].update(seconds=theirs, ratio=row["ours"] / theirs)
        print(f"  {label}: ours {row['ours']:.2f} s", file=sys.stderr, flush=True)
        rows.append(row)
    return {
        "engines": [(peer.name, peer.problem) for peer in engines],
        "rows": rows,
    }
