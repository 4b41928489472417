"""Showing the form in g: each part of g'(z) written as the function of g it is."""

import sympy as sp

from derivations.derivation import G, Identity, g
from derivations.in_terms_of_g import SmoothPiece
from derivations.render.notation import write
from derivations.shown_in_g import as_written_in_g, shown_in_g

z = sp.Symbol("z", real=True)
t = sp.Dummy("t", positive=True)
sigmoid = 1 / (1 + sp.exp(-z))
# sigmoid solved for its kernel t = e^-z: g = 1/(1 + t), so t = (1 - g)/g.
SIGMOID = SmoothPiece(G * (1 - G), sp.exp(-z), (1 - G) / G, 1 / (1 + t), t)


def test_g_comes_first_in_a_product():
    assert write(as_written_in_g((1 - G) * G, z)) == "g(z)(1 − g(z))"
    assert write(as_written_in_g(1 - G**2, z)) == "1 − g(z)²"


def test_each_factor_is_shown_in_z_with_the_identity_it_uses():
    shown, identities = shown_in_g(SIGMOID, sigmoid, z)
    assert identities[0] == Identity(g(z), sigmoid)
    in_g, in_z = identities[1].in_g, identities[1].in_z
    assert in_g == 1 - g(z)
    assert write(in_z) == "e⁻ᶻ/(1 + e⁻ᶻ)"  # cancelled in the kernel, not 1 − 1/(1 + e⁻ᶻ)
    assert sp.simplify(shown - sp.diff(sigmoid, z)) == 0


def test_a_form_without_g_shows_nothing():
    constant = SmoothPiece(sp.Integer(3), None, None, None, None)
    assert shown_in_g(constant, 3 * z, z) == (None, ())
