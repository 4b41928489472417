"""Every in-memory cache of the engine, in one place: each bounded, all forgotten by one call.

A cache is a ``functools.lru_cache`` made by ``memoized(size)``, or a table kept by hand
(``Table``, a dict that empties itself when full) handed to ``register``.  ``forget_all``
empties every one of them and SymPy's own cache: the benchmarks call it between runs, so
that each run starts cold.  (The proved derivations kept on disk are ``cache.py``'s.)
"""

from __future__ import annotations

import functools

_CACHES: list = []


def memoized(size: int):
    """``functools.lru_cache(maxsize=size)``, registered here."""

    def wrap(function):
        cached = functools.lru_cache(maxsize=size)(function)
        _CACHES.append(cached)
        return cached

    return wrap


class Table(dict):
    """A dict kept by hand, emptied when it outgrows ``size`` (only sharing is lost)."""

    def __init__(self, size: int):
        super().__init__()
        self.size = size

    def make_room(self) -> None:
        if len(self) >= self.size:
            self.clear()

    def cache_clear(self) -> None:
        self.clear()


def register(cache):
    """Keep ``cache`` (anything with ``cache_clear``) among those ``forget_all`` empties."""
    _CACHES.append(cache)
    return cache


def caches() -> tuple:
    """Every registered cache of the modules imported so far."""
    return tuple(_CACHES)


def forget_all() -> None:
    """Empty every cache of ours, and SymPy's."""
    from sympy.core.cache import clear_cache

    clear_cache()
    for cache in _CACHES:
        cache.cache_clear()
