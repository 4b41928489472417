"""Where cached answers are kept, and what made them: this package's source, Python,
SymPy, mpmath and rich (any change to one makes every old entry unreachable).

DERIVATIONS_CACHE=off turns caching off; DERIVATIONS_CACHE_DIR moves it.  Standard
library only: the command line reads this before deciding whether SymPy is needed.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
from importlib.util import find_spec
from pathlib import Path

from .memory import memoized

_ROOT = Path(__file__).parent


@memoized(1)
def code_version() -> str:
    digest = hashlib.sha256()
    for path in sorted(_ROOT.rglob("*.py")):
        digest.update(path.read_bytes())
    digest.update(sys.version.encode())
    for package in ("sympy", "rich", "mpmath"):
        # Where each is installed and when: reading its version from the metadata costs
        # more than this whole check, and an upgrade rewrites the files.
        spec = find_spec(package)
        where = Path(spec.origin) if spec and spec.origin else None
        stat = where.stat() if where else None
        digest.update(f"{package} {where} {stat and (stat.st_mtime_ns, stat.st_size)}".encode())
    return digest.hexdigest()[:16]


def enabled() -> bool:
    return os.environ.get("DERIVATIONS_CACHE", "on").lower() not in ("off", "0", "no")


def directory() -> Path:
    base = os.environ.get("DERIVATIONS_CACHE_DIR") or os.environ.get("XDG_CACHE_HOME")
    return Path(base or Path.home() / ".cache") / "derivations"


def entry(kind: str, key: object) -> Path:
    """The file of one cached answer: ``kind`` and ``key`` (its text) with the versions."""
    text = repr((code_version(), kind, key))
    return directory() / f"{hashlib.sha256(text.encode()).hexdigest()[:32]}.json"


def store(path: Path, data: object) -> None:
    """Write ``data`` as JSON at ``path`` all at once: a reader never sees half an entry."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", dir=path.parent, delete=False, encoding="utf-8") as f:
        json.dump(data, f)
    os.replace(f.name, path)
