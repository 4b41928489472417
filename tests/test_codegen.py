"""Generating code as text: what the plan decides, what reaches the code, and `derive code`.

These tests need neither NumPy nor PyTorch; test_codegen_numpy.py and
test_codegen_torch.py run the code.
"""

import re
import subprocess
import sys

import mpmath
import pytest
import sympy as sp

from derivations import derive
from derivations.cli import main
from derivations.codegen import NoCode, numpy_source, source, torch_source
from derivations.codegen.branches import Ambiguous, decide_points
from derivations.codegen.plan import G, Z, plan_for
from derivations.codegen.printer import NumpyPrinter
from derivations.codegen.stable import Sigmoid, Softplus, stable, unmarked

from .codegen_cases import CATALOG_NAMES, FORMULAS, derivation

z = sp.Symbol("z", real=True)


@pytest.mark.parametrize("target", CATALOG_NAMES + FORMULAS)
@pytest.mark.parametrize("library", ["numpy", "torch"])
def test_generated_code_is_python(target, library):
    text = source(derivation(target), library)
    compile(text, f"<{target}>", "exec")
    assert "g'(z) =" in text and "Kinks" in text


def test_the_kink_convention_becomes_the_branch_condition():
    plan = plan_for(derivation("relu"))
    assert plan.backward == sp.Piecewise((0, Z <= 0), (1, True))
    assert plan.backward_in_g == sp.Piecewise((0, G <= 0), (1, True))  # g < 0 only by rounding
    plan = plan_for(derivation("max(0.1*z, z)"))  # torch.maximum shares a tie: (1/10 + 1)/2
    assert plan.backward.args[0] == (sp.Rational(11, 20), sp.Eq(Z, 0))


def test_a_convention_the_output_cannot_tell_apart_is_refused():
    # If relu'(0) were 1, g = 0 could not say whether z = 0 or z < 0.
    in_g = sp.Piecewise((0, sp.Eq(G, 0)), (1, G > 0))
    with pytest.raises(Ambiguous):
        decide_points(in_g, G, {sp.S.Zero: sp.S.One}, {}, strict=True)
    assert decide_points(in_g, G, {sp.S.Zero: sp.S.Zero}, {}, strict=True) == sp.Piecewise(
        (0, sp.Eq(G, 0)), (1, True)
    )


def test_parameters_stay_symbols_with_the_asked_values_as_defaults():
    plan = plan_for(derive("leaky_relu", params={"a": "0.2"}))
    (a,) = plan.parameters
    assert (a.name, a.default) == ("a", sp.Rational(1, 5))
    assert plan.backward == sp.Piecewise((a.symbol, Z <= 0), (1, True))
    assert "def backward(grad_out, z, a=0.2):" in numpy_source(
        derive("leaky_relu", params={"a": "0.2"})
    )


@pytest.mark.parametrize(
    "expr",
    [
        1 / (1 + sp.exp(-z)),
        sp.exp(-z) / (1 + sp.exp(-z)) ** 2,
        sp.exp(z) / (sp.exp(z) + 1),
        sp.log(1 + sp.exp(z)),
        sp.log(1 / (1 + sp.exp(-2 * z))),
        z * sp.tanh(sp.log(1 + sp.exp(z))),
        3 * (sp.exp(z) - 1) + z,
        sp.log(1 + z**2),
        sp.exp(3 * z) / (1 + sp.exp(z)) ** 2,
    ],
)
def test_stable_forms_are_the_same_function(expr):
    rewritten = stable(expr)
    assert rewritten != expr
    for x in ("-30.5", "-2.25", "0.125", "3.5", "29.75"):
        with mpmath.workdps(40):
            a = sp.N(unmarked(rewritten).xreplace({z: sp.Float(x, 40)}), 40)
            b = sp.N(expr.xreplace({z: sp.Float(x, 40)}), 40)
        assert abs(a - b) <= 1e-30 * max(1, abs(b)), f"at z = {x}"


def test_stable_forms_that_matter():
    assert stable(sp.exp(-z) / (1 + sp.exp(-z)) ** 2) == Sigmoid(z) * Sigmoid(-z)
    assert stable(sp.log(1 + sp.exp(z))) == Softplus(z)
    assert stable(sp.tanh(z)) == sp.tanh(z)


def test_user_text_never_reaches_the_code():
    text = numpy_source(derive("1/(1+e^-q)", variable="q"))
    assert "def forward(z):" in text and "e^-q" not in text and not re.search(r"\bq\b", text)
    hostile = sp.Symbol('a"""\nimport os  #', real=True)
    text = numpy_source(derive(hostile * z))
    compile(text, "<hostile>", "exec")
    assert "import os" not in text and "def forward(z, p1):" in text


def test_parameter_names_that_python_reserves_get_an_underscore():
    text = torch_source(derive(sp.Symbol("lambda", real=True) * z + sp.Symbol("g", real=True)))
    compile(text, "<keywords>", "exec")
    assert "lambda_" in text and "g_" in text


def test_no_rule_means_no_code():
    with pytest.raises(NoCode, match="no rule"):
        numpy_source(derive(sp.besselj(0, z)))


def test_a_function_with_no_array_code_is_an_error_not_a_guess():
    with pytest.raises(NoCode, match="gamma"):
        NumpyPrinter([Z]).doprint(sp.gamma(Z))
    assert NumpyPrinter([Z]).doprint(sp.gamma(3) * Z) == "2*z"


def test_learnable_parameters_need_torch_and_must_exist():
    with pytest.raises(NoCode, match="torch"):
        source(derivation("max(a*z, z)"), "numpy", ["a"])
    with pytest.raises(Exception, match="no parameter 'b'"):
        torch_source(derivation("max(a*z, z)"), ["b"])
    assert "nn.Parameter" in torch_source(derivation("max(a*z, z)"), ["a"])


# --- derive code ----------------------------------------------------------------------------


def test_derive_code_prints_a_module(capsys):
    assert main(["code", "sigmoid", "--target", "numpy"]) == 0
    out = capsys.readouterr().out
    assert "def backward_from_output(grad_out, g):" in out
    assert main(["code", "relu", "--target", "torch"]) == 0
    out = capsys.readouterr().out
    assert "class ReLUFunction(torch.autograd.Function):" in out and "class ReLU(nn.Module):" in out


def test_derive_code_writes_a_file(tmp_path, capsys):
    path = tmp_path / "mish.py"
    assert main(["code", "z*tanh(log(1+exp(z)))", "--target", "torch", "-o", str(path)]) == 0
    assert capsys.readouterr().out == ""
    compile(path.read_text(encoding="utf-8"), str(path), "exec")


@pytest.mark.parametrize(
    "args, words",
    [
        (["code", "sigmod"], "did you mean sigmoid"),
        (["code", "sigmoid", "--target", "jax"], "invalid choice"),
        (["code", "sigmoid", "-o", "/nonexistent/dir/x.py"], "cannot write"),
        (["code", "leaky_relu", "--learnable", "a"], "need --target torch"),
        (["code", "leaky_relu", "--target", "torch", "--learnable", "b"], "no parameter 'b'"),
        (["code", "z +"], "cannot read formula"),
    ],
)
def test_derive_code_bad_input_is_one_line_and_exit_2(args, words, capsys):
    assert main(args) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert words in captured.err and len(captured.err.strip().splitlines()) == 1


def test_derive_code_does_not_import_numpy_or_torch():
    program = (
        "import sys\n"
        "from derivations.cli import main\n"
        "assert main(['code', 'leaky_relu', '--target', 'torch']) == 0\n"
        "assert main(['code', 'sigmoid', '--target', 'numpy']) == 0\n"
        "print(sorted(m for m in ('numpy', 'torch') if m in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"
