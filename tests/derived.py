"""Derivations shared by the typesetting tests, each derived once per test session."""

from __future__ import annotations

from functools import cache

from derivations import derive
from derivations.catalog import CATALOG
from derivations.catalog.vectors import VECTOR_CATALOG

CATALOG_NAMES = [entry.name for entry in CATALOG]
VECTOR_NAMES = [entry.name for entry in VECTOR_CATALOG]  # softmax and friends


@cache
def derived(name: str, from_definition: bool = False):
    return derive(name, from_definition=from_definition)
