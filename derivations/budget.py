"""A time budget for symbolic work whose failure is harmless (a nicer form, a shortcut).

SymPy's simplify or cancel can take minutes on a twenty-operation expression.  Where
giving up only costs looks (no form in g: the reason is said), the work runs within a
budget; the outer time limit of a command, if nearer, keeps precedence and fires as
usual.  Unix main thread only; elsewhere the work runs unbounded.  The commands' own
time limit is the same alarm (``interrupted_after``).
"""

from __future__ import annotations

import contextlib
import signal
import threading
import time
from collections.abc import Iterator


class OverBudget(BaseException):
    """Not an Exception: SymPy's own ``except Exception`` must not swallow it."""


def within(seconds: float) -> contextlib.AbstractContextManager[None]:
    """Raise OverBudget in the block once it has run ``seconds``."""
    return interrupted_after(seconds, OverBudget)


@contextlib.contextmanager
def interrupted_after(seconds: float, raised: type[BaseException]) -> Iterator[None]:
    """Raise ``raised`` in the block once it has run ``seconds``.  An outer limit that is
    nearer keeps precedence; one that is further is set again, less the time spent."""
    main = threading.current_thread() is threading.main_thread()
    if not (seconds > 0 and main and hasattr(signal, "SIGALRM")):
        yield
        return
    outer_left, _ = signal.getitimer(signal.ITIMER_REAL)
    if outer_left and outer_left <= seconds:
        yield
        return

    def interrupt(signum, frame):
        raise raised

    outer_handler = signal.signal(signal.SIGALRM, interrupt)
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
