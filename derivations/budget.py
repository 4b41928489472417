"""A time budget for symbolic work whose failure is harmless (a nicer form, a shortcut).

SymPy's simplify or cancel can take minutes on a twenty-operation expression.  Where
giving up only costs looks (no form in g: the reason is said), the work runs within a
budget; the outer time limit of a command, if nearer, keeps precedence and fires as
usual.  Unix main thread only; elsewhere the work runs unbounded.
"""

from __future__ import annotations

import contextlib
import signal
import threading
import time
from collections.abc import Iterator


class OverBudget(BaseException):
    """Not an Exception: SymPy's own ``except Exception`` must not swallow it."""


@contextlib.contextmanager
def within(seconds: float) -> Iterator[None]:
    """Raise OverBudget in the block once it has run ``seconds``."""
    main = threading.current_thread() is threading.main_thread()
    if not (main and hasattr(signal, "SIGALRM")):
        yield
        return
    outer_left, _ = signal.getitimer(signal.ITIMER_REAL)
    if outer_left and outer_left <= seconds:
        yield  # the command's own limit comes first
        return
    outer_handler = signal.signal(signal.SIGALRM, _over)
    start = time.monotonic()
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, outer_handler)
        if outer_left:
            left = outer_left - (time.monotonic() - start)
            signal.setitimer(signal.ITIMER_REAL, max(left, 1e-3))


def _over(signum, frame):
    raise OverBudget
