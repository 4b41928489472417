"""Standard output and error that fail in one recognisable way: ``OutputFailed``.

``derive sigmoid > /dev/full`` fails with ENOSPC when the output is flushed, and a
closed stdout is ``None`` to Python (print() to it silently writes nothing).  While
a command runs, both streams are wrapped so that any such failure is one
``OutputFailed`` with a one-line reason; the CLI reports it and exits with code 2.
A broken pipe (``derive list | head``) stays a BrokenPipeError: the reader chose to
stop, which is not an error.
"""

from __future__ import annotations

import contextlib
import io
import sys
from collections.abc import Iterator


class OutputFailed(OSError):
    """Writing to standard output or standard error failed (the message says why)."""


class GuardedStream:
    """A text stream whose write and flush fail only with OutputFailed (or a broken pipe)."""

    def __init__(self, stream, name: str):
        self._stream = stream
        self._name = name

    def _failed(self, error: OSError | None = None) -> OutputFailed:
        if error is None:
            return OutputFailed(f"cannot write the output: {self._name} is closed")
        reason = error.strerror or str(error) or type(error).__name__
        return OutputFailed(f"cannot write to {self._name}: {reason}")

    def write(self, text: str) -> int:
        if self._stream is None:
            raise self._failed()
        try:
            return self._stream.write(text)
        except BrokenPipeError:
            raise
        except OSError as error:
            raise self._failed(error) from error
        except ValueError as error:  # "I/O operation on closed file"
            raise self._failed(OSError(str(error))) from error

    def flush(self) -> None:
        if self._stream is None:
            return
        try:
            self._stream.flush()
        except BrokenPipeError:
            raise
        except OSError as error:
            raise self._failed(error) from error
        except ValueError:
            pass  # closed: nothing left to flush

    def isatty(self) -> bool:
        return self._stream is not None and self._stream.isatty()

    def fileno(self) -> int:
        if self._stream is None:
            raise io.UnsupportedOperation(f"{self._name} is closed")
        return self._stream.fileno()

    def __getattr__(self, name: str):
        if self._stream is None:
            if name == "encoding":
                return "utf-8"
            raise AttributeError(name)
        return getattr(self._stream, name)


@contextlib.contextmanager
def guarded_streams() -> Iterator[None]:
    """sys.stdout and sys.stderr wrapped in GuardedStream inside the block."""
    stdout, stderr = sys.stdout, sys.stderr
    sys.stdout = GuardedStream(stdout, "standard output")
    sys.stderr = GuardedStream(stderr, "standard error")
    try:
        yield
    finally:
        sys.stdout, sys.stderr = stdout, stderr
