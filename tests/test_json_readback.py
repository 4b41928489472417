"""Every expression in the JSON reads back as the same expression with
``sympify(text, locals={name: Symbol(name) for name in parameters})``: also when a
parameter is called E, I, S, N, O, Q, beta, gamma or zeta, names SymPy uses itself."""

from __future__ import annotations

import json

import pytest
import sympy as sp
from sympy.core.function import AppliedUndef

from derivations import derive
from derivations.catalog import CATALOG
from derivations.derivation import g
from derivations.functions import expand_activations
from derivations.render import json as json_render

TYPED = [
    "I*z + E*z",
    "e*z + E*z",
    "S*z + N*z^2 + O*z + Q",
    "beta*z + gamma*z^2",
    "zeta*sigmoid(z)",
    "lambda*z + pi",
    "E*max(z, 0) + e*min(z, 0)",
    "cbrt(z) + E*sech(z)",
    "asinh(E*z) + erfc(z) + e^z",
    "I*tanh(E*z)",
]
REQUESTS = [(name, {}) for name in (entry.name for entry in CATALOG)]
REQUESTS += [(formula, {}) for formula in TYPED]
REQUESTS += [
    ("I*sigmoid(E*z)", {"order": 2}),
    ("E*tanh(I*z)", {"wrt": "E"}),
    ("E*z + e", {"params": {"E": "2"}}),
    ("leaky_relu", {"symbolic": True}),
    ("elu", {"symbolic": True, "wrt": "alpha"}),
]
POINTS = (sp.Rational(37, 100), sp.Rational(-13, 10), sp.Rational(22, 10))


def fields(data: dict, d):
    """(where, JSON text, our expression) for every expression field of the JSON."""
    z = d.variable
    found = [("expression", data["expression"], d.function), ("result", data["result"], d.result)]
    for i, (step, ours) in enumerate(zip(data["steps"], d.steps, strict=True)):
        for key in ("acted_on", "replaced_by", "expression"):
            found.append((f"step {i + 1} {key}", step[key], getattr(ours, key)))
        for binding, (name, value) in zip(step["bindings"], ours.bindings, strict=True):
            found.append((f"step {i + 1} binding name", binding["name"], name))
            found.append((f"step {i + 1} binding value", binding["value"], value))
    form = d.in_terms_of_g
    found += [
        ("result_in_terms_of_g", data["result_in_terms_of_g"], form.expression),
        ("kernel", data["in_terms_of_g"]["kernel"], form.kernel),
        ("kernel_in_terms_of_g", data["in_terms_of_g"]["kernel_in_terms_of_g"], form.kernel_in_g),
    ]
    for k, (kink, ours) in enumerate(zip(data["kinks"], d.kinks, strict=True)):
        for key, attribute in (("at", "at"), ("left", "left"), ("right", "right")):
            found.append((f"kink {k} {key}", kink[key], getattr(ours, attribute)))
        found.append((f"kink {k} value_used", kink["value_used"], ours.value_used))
    for p in d.parameters:
        entry = data["parameters"][p.name]
        if entry["value"] is not None:
            found.append((f"parameter {p.name}", entry["value"], p.value))
        if entry["default"] is not None:
            found.append((f"default of {p.name}", entry["default"], p.default))
    found += [("wrt", data["wrt"], d.wrt), ("lhs", data["lhs"], d.lhs)]
    missing = zip(data["missing_rules"], d.missing_rules, strict=True)
    found += [("missing rule", text, m) for text, m in missing]
    found = [(where, text, ours, z) for where, text, ours in found if ours is not None]
    if d.lower is not None:
        found += [(f"lower order: {w}", *rest) for w, *rest in fields(data["lower_order"], d.lower)]
    return found


def _values(names: set[str]) -> dict[str, sp.Rational]:
    """A number for each name: distinct, so that swapped names show."""
    return {name: sp.Rational(3 + 2 * k, 10) for k, name in enumerate(sorted(names))}


def _numeric(expr: sp.Expr, by_name: dict[str, sp.Expr], definitions: dict, z) -> sp.Expr:
    """expr at these values; the variable read back is taken as real, as the JSON says."""
    expr = expr.xreplace({s: z for s in expr.free_symbols if s.name == z.name})
    expr = expr.replace(
        lambda e: isinstance(e, AppliedUndef) and type(e).__name__ in definitions,
        lambda e: definitions[type(e).__name__](*e.args),
    )
    expr = expand_activations(expr).doit().replace(sp.DiracDelta, lambda *a: sp.S.Zero)
    values = {s: by_name[s.name] for s in expr.free_symbols if s.name in by_name}
    return sp.N(expr.xreplace(values), 30)


def _names(expr: sp.Basic) -> set[str]:
    return {s.name for s in expr.free_symbols}


@pytest.mark.parametrize("target, options", REQUESTS, ids=lambda x: str(x))
def test_every_json_expression_reads_back_as_the_same_expression(target, options):
    d = derive(target, **options)
    data = json.loads(json_render.render(d))
    local = {name: sp.Symbol(name) for name in data["parameters"]}
    definitions = {
        name: sp.Lambda(sp.Symbol("z"), sp.sympify(text))
        for name, text in data["functions"].items()
    }
    for where, text, ours, z in fields(data, d):
        assert isinstance(text, str), where
        read = sp.sympify(text, locals=local)
        ours = ours.xreplace({g(z): sp.Symbol("g")}) if ours.has(g) else ours
        assert _names(read) == _names(ours), f"{where}: {text}"
        names = _names(ours)
        for point in POINTS if z.name in names else POINTS[:1]:
            by_name = {**_values(names - {z.name}), z.name: point}
            want = _numeric(ours, by_name, definitions, z)
            got = _numeric(read, by_name, definitions, z)
            same = want == got or abs(sp.N(want - got, 30)) <= sp.Float("1e-20") * max(1, abs(want))
            assert same, f"{where} at {by_name}: {text} is {got}, the derivation's is {want}"


def test_eulers_number_and_a_parameter_e_stay_apart():
    data = json.loads(json_render.render(derive("e*z + E*z")))
    read = sp.sympify(data["result"], locals={"E": sp.Symbol("E")})
    assert read == sp.E + sp.Symbol("E")


@pytest.mark.parametrize("name", [entry.name for entry in CATALOG if entry.name != "tanh"])
def test_no_catalog_function_is_a_name_sympy_reads_as_its_own(name):
    from derivations.names import sympy_reads_otherwise

    assert sympy_reads_otherwise(name) is None
