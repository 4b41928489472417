"""The catalog of activation functions, and finding an entry by its name or an alias.

The entries themselves are in ``activations.py``, one ``Activation`` each; the
parser, the rules, the CLI and the renderers reach them through ``find`` and
``lookup`` here, which read names loosely (case, ``-`` or a space for ``_``)
and suggest close names for a misspelt one.
"""

from __future__ import annotations

import difflib

from ..activation import KINK_SIDES, Activation, CutOver, KinkConvention, Parameter, Z
from ..errors import UnknownActivation
from .activations import CATALOG

__all__ = [
    "CATALOG",
    "KINK_SIDES",
    "Z",
    "Activation",
    "CutOver",
    "KinkConvention",
    "Parameter",
    "find",
    "lookup",
    "unknown_name_message",
]


def _key(name: str) -> str:
    return name.strip().lower().replace("-", "_").replace(" ", "_")


_BY_NAME: dict[str, Activation] = {}
for _entry in CATALOG:
    for _name in (_entry.name, *_entry.aliases):
        _BY_NAME.setdefault(_key(_name), _entry)
        _BY_NAME.setdefault(_name, _entry)


def find(name: str) -> Activation | None:
    """The catalog entry called ``name`` (or one of its aliases), or None."""
    return _BY_NAME.get(name) or _BY_NAME.get(_key(name))


def lookup(name: str) -> Activation:
    """The catalog entry called ``name``; an UnknownActivation error suggests close names."""
    entry = find(name)
    if entry is None:
        raise UnknownActivation(unknown_name_message(name))
    return entry


def unknown_name_message(name: str) -> str:
    if len(name) > 40:  # no name is that long: quote the start, do not echo a pasted novel
        start = f"{name[:40]!r}… ({len(name)} characters)"
        return f"unknown activation {start}; `derive list` shows the catalog"
    close = difflib.get_close_matches(_key(name), {_key(n) for n in _BY_NAME}, n=3, cutoff=0.6)
    names = list(dict.fromkeys(_BY_NAME[c].name for c in close))  # closest first
    hint = f"; did you mean {' or '.join(names)}?" if names else "; `derive list` shows the catalog"
    return f"unknown activation {name!r}{hint}"
