"""What `derive NAME` printed, kept so that asking again costs no more than reading a file.

A proved derivation is cached already (``cache``), but printing it means importing
SymPy and rebuilding every expression.  The text a successful command wrote is kept
too, keyed by its options and by everything that shapes the text: whether stdout is a
terminal, its size and encoding, and the variables rich reads (TERM, NO_COLOR, ...).
Only a run that succeeded is kept; nothing read back is executed.  Standard library
only: a hit never imports SymPy.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import sys
from collections.abc import Iterator

from .cache_key import enabled, entry, store

# The environment rich reads to decide colours and width (found in rich's source).
_RICH_ENVIRONMENT = (
    "COLORTERM",
    "COLUMNS",
    "DATABRICKS_RUNTIME_VERSION",
    "FORCE_COLOR",
    "JUPYTER_COLUMNS",
    "JUPYTER_LINES",
    "LINES",
    "NO_COLOR",
    "TERM",
    "TTY_COMPATIBLE",
    "TTY_INTERACTIVE",
)
_IGNORED_OPTIONS = ("timeout",)  # how long we may take does not change what we print


def key(args: argparse.Namespace, stream) -> tuple:
    """What the text printed for ``args`` on ``stream`` depends on."""
    terminal = _isatty(stream)
    size = None
    if terminal:
        with contextlib.suppress(OSError, ValueError, io.UnsupportedOperation):
            size = tuple(os.get_terminal_size(stream.fileno()))
    options = tuple(
        (name, repr(value)) for name, value in sorted(vars(args).items())
        if name not in _IGNORED_OPTIONS
    )  # fmt: skip
    environment = tuple((name, os.environ.get(name)) for name in _RICH_ENVIRONMENT)
    return options, terminal, size, getattr(stream, "encoding", None), environment


def replayed(args: argparse.Namespace) -> bool:
    """Write what this command printed before, if it was kept; whether it was."""
    if not enabled():
        return False
    try:
        data = json.loads(entry("output", key(args, sys.stdout)).read_text(encoding="utf-8"))
        text = data["stdout"]
    except (OSError, ValueError, KeyError, TypeError):
        return False
    if not isinstance(text, str):
        return False
    sys.stdout.write(text)
    return True


@contextlib.contextmanager
def kept(args: argparse.Namespace) -> Iterator[list]:
    """Inside the block, what is written to stdout is also recorded; it is stored at the
    end if the block appended True to the list it was given (the command succeeded)."""
    if not enabled():
        yield []
        return
    path = entry("output", key(args, sys.stdout))
    recorder = _Recorder(sys.stdout)
    succeeded: list = []
    sys.stdout = recorder
    try:
        yield succeeded
    finally:
        sys.stdout = recorder.stream
    if succeeded and not recorder.failed:
        with contextlib.suppress(OSError, TypeError, ValueError):
            store(path, {"stdout": "".join(recorder.written)})


def _isatty(stream) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False


class _Recorder:
    """A stdout that passes everything on and keeps a copy of the text written."""

    def __init__(self, stream):
        self.stream = stream
        self.written: list[str] = []
        self.failed = False

    def write(self, text: str) -> int:
        try:
            count = self.stream.write(text)
        except BaseException:
            self.failed = True
            raise
        self.written.append(text)
        return count

    def __getattr__(self, name: str):
        return getattr(self.stream, name)
