"""Kinks: stated explicitly, with one-sided derivatives and the value autograd uses."""

import pytest
import sympy as sp

from derivations import derive
from derivations.kinks import autograd_derivative_at

z = sp.Symbol("z", real=True)


def only_kink(text, **kw):
    (kink,) = derive(text, **kw).kinks
    return kink


def test_smooth_activations_have_no_kinks():
    for name in ("sigmoid", "tanh", "z*sigmoid(z)", "log(1+exp(z))"):
        assert derive(name).kinks == ()


@pytest.mark.parametrize(
    "text, at, left, right, used",
    [
        # torch.maximum and torch.minimum share the gradient equally at a tie (torch 2.13).
        ("max(0.1*z, z)", 0, sp.Rational(1, 10), 1, sp.Rational(11, 20)),
        ("max(0, z)", 0, 0, 1, sp.Rational(1, 2)),
        ("min(z, 1)", 1, 1, 0, sp.Rational(1, 2)),
        # abs'(0) = sgn(0) = 0
        ("|z|", 0, -1, 1, 0),
        # a catalog function keeps its own convention inside a formula: relu'(0) = 0
        ("relu(z)", 0, 0, 1, 0),
        ("relu(-z)", 0, -1, 0, 0),
        ("leaky_relu(-z)", 0, -1, -sp.Rational(1, 100), -sp.Rational(1, 100)),
        ("2*relu(z - 3)", 3, 0, 2, 0),
    ],
)
def test_typed_formulas_use_what_autograd_computes(text, at, left, right, used):
    kink = only_kink(text)
    assert (kink.at, kink.left, kink.right, kink.value_used) == (at, left, right, used)
    assert kink.kind == "corner"


def test_a_jump_is_not_a_corner():
    kink = only_kink("heaviside(z)")
    assert kink.kind == "jump"
    assert (kink.left, kink.right) == (0, 0)


def test_catalog_conventions():
    assert only_kink("relu").value_used == 0
    assert only_kink("leaky_relu").value_used == sp.Rational(1, 100)
    assert only_kink("leaky_relu", params={"a": "0.3"}).value_used == sp.Rational(3, 10)


def test_a_point_where_pieces_meet_smoothly_is_not_a_kink():
    # max(z, z^3) switches at -1, 0 and 1; only where the slopes differ is there a kink.
    derivation = derive("max(z^3, z^3)")
    assert derivation.kinks == ()


def test_forward_mode_values_match_the_chain_rule_away_from_kinks():
    expr = sp.Max(0, z) * sp.exp(z)  # z·e^z for z > 0
    assert autograd_derivative_at(expr, z, sp.Integer(2), {}) == 3 * sp.exp(2)
    assert autograd_derivative_at(expr, z, sp.Integer(-2), {}) == 0


def test_a_breakpoint_that_needs_lambert_w_is_located_and_is_a_corner():
    # max(z, e^-z) switches where z = e^-z, at W(1) ≈ 0.567: both pieces agree there.
    derivation = derive("max(z, e^(-z))^2")
    assert derivation.verified
    (kink,) = derivation.kinks
    assert kink.at == sp.LambertW(1) and kink.kind == "corner"
    assert abs(float(kink.left) - float(-2 * sp.exp(-2 * sp.LambertW(1)))) < 1e-12
    assert abs(float(kink.right) - float(2 * sp.LambertW(1))) < 1e-12


def test_kinks_of_a_second_derivative_name_the_derivative_that_jumps(capsys):
    from derivations.cli import main

    assert main(["relu", "--order", "2", "--plain"]) == 0
    out = capsys.readouterr().out
    assert "g′ jumps, not differentiable; from the left g″ → 0, from the right g″ → 0" in out
    assert main(["relu", "--order", "2", "--latex"]) == 0
    latex = capsys.readouterr().out
    assert "order 1 jumps at" in latex and "undefined" not in latex


def test_autograds_value_at_a_located_kink_is_read_on_forty_digit_numbers():
    # max(z, σ(z)) ties at z0 = σ(z0): torch.maximum shares the gradient, (1 + σ′(z0))/2
    from derivations import api
    from derivations.numeric_root import NumericRoot

    d = api.derive("max(z, sigmoid(z))")
    [kink] = d.kinks
    assert isinstance(kink.at, NumericRoot)
    z0 = sp.N(kink.at, 50)
    s = 1 / (1 + sp.exp(-z0))
    assert kink.value_used.is_Float
    assert abs(kink.value_used - (1 + s * (1 - s)) / 2) < 1e-35
