"""The engine's in-memory caches: all registered in one place, all bounded, all emptied
by the one call the benchmarks make."""

from __future__ import annotations

import importlib
import pkgutil

import derivations
from derivations import api, memory


def _every_module():
    for info in pkgutil.walk_packages(derivations.__path__, "derivations."):
        if not info.name.endswith("__main__"):  # (that one runs the command line)
            yield importlib.import_module(info.name)


def test_every_cache_of_every_module_is_registered_and_bounded():
    found = []
    for module in _every_module():
        for value in vars(module).values():
            if callable(getattr(value, "cache_clear", None)) and hasattr(value, "cache_info"):
                found.append(value)
    registered = memory.caches()
    assert found and all(any(c is f for c in registered) for f in found)
    assert all(c.cache_info().maxsize is not None for c in registered if hasattr(c, "cache_info"))
    tables = [c for c in registered if isinstance(c, memory.Table)]
    assert tables and all(t.size > 0 for t in tables)


def test_forgetting_empties_every_cache():
    api.derive("max(z, sigmoid(z))")  # a located point: the numeric caches fill too
    filled = [c for c in memory.caches() if _size(c)]
    assert len(filled) >= 5
    memory.forget_all()
    assert all(_size(c) == 0 for c in memory.caches())


def test_a_table_makes_room_by_emptying_itself_when_full():
    table = memory.Table(2)
    table["a"], table["b"] = 1, 2
    table.make_room()
    assert table == {}
    table["c"] = 3
    table.make_room()
    assert table == {"c": 3}


def _size(cache) -> int:
    if hasattr(cache, "cache_info"):
        return cache.cache_info().currsize
    if isinstance(cache, dict):
        return len(cache)
    return len(cache.found)
