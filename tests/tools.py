"""External tools some tests need (pdflatex, node, torch...).

Locally a missing tool skips its tests; in CI (environment variable CI set)
it fails them instead, because .ci/run installs every tool the tests use.
"""

from __future__ import annotations

import importlib.util
import os
import shutil

import pytest


def _missing(what: str) -> None:
    message = f"{what} is not installed"
    if os.environ.get("CI"):
        pytest.fail(f"{message}, but CI must install it (.ci/run)")
    pytest.skip(message)


def require_program(name: str) -> str:
    """The path of program ``name``, or skip (fail in CI) when it is missing."""
    path = shutil.which(name)
    if path is None:
        _missing(f"the program {name!r}")
    return path


def require_module(name: str) -> None:
    """Skip (fail in CI) when the Python module ``name`` cannot be imported."""
    if importlib.util.find_spec(name) is None:
        _missing(f"the Python module {name!r}")
