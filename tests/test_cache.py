"""The disk cache gives back exactly the derivation that was proved, as written."""

import pytest
import sympy as sp

from derivations import derive


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("DERIVATIONS_CACHE", "on")
    monkeypatch.setenv("DERIVATIONS_CACHE_DIR", str(tmp_path))
    return tmp_path


@pytest.mark.parametrize(
    "target, options",
    [
        ("sigmoid", {}),
        ("leaky_relu", {"params": {"a": "0.2"}}),
        ("relu", {}),
        ("z*sigmoid(z)", {}),
        ("sigmoid", {"order": 2}),
        ("prelu", {"wrt": "a"}),
        ("softmax", {}),
        ("selu", {}),
    ],
)
def test_a_cached_derivation_is_the_same_derivation(cache_dir, target, options):
    made = derive(target, **options)
    assert list(cache_dir.rglob("*.json")), "nothing was stored"
    loaded = derive(target, **options)
    assert loaded == made
    for a, b in zip(loaded.steps, made.steps, strict=True):
        assert sp.srepr(a.expression) == sp.srepr(b.expression)  # unevaluated, as written


def test_a_corrupt_entry_is_ignored(cache_dir):
    derive("tanh")
    for path in cache_dir.rglob("*.json"):
        path.write_text("{not json", encoding="utf-8")
    assert derive("tanh").verified


def test_the_cache_can_be_turned_off(tmp_path, monkeypatch):
    monkeypatch.setenv("DERIVATIONS_CACHE", "off")
    monkeypatch.setenv("DERIVATIONS_CACHE_DIR", str(tmp_path))
    derive("tanh")
    assert not list(tmp_path.rglob("*.json"))


def test_a_float_comes_back_with_every_binary_digit_and_its_precision():
    from derivations import cache

    for number in (sp.Float("0.11355461484053324651443332215816896495", 40), sp.Float(0.1),
                   sp.Float(0), sp.Float("-1e-30", 20)):  # fmt: skip
        back = cache._expr(cache._tree(number))
        assert isinstance(back, sp.Float) and back == number and back._prec == number._prec
