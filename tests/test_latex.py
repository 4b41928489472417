# ruff: noqa: E501  (the pinned LaTeX lines are as long as derive prints them)
"""The LaTeX of derivations: the seeds' blocks pinned, the block's shape, the CLI flags."""

from __future__ import annotations

import pytest

from derivations.cli import main
from derivations.render.tex.latex import Options, align_block, standalone

from .derived import CATALOG_NAMES, VECTOR_NAMES, derived

# derive NAME --latex for the seed's four activations, exactly.
SEEDS = {
    "sigmoid": r"""\begin{align*}
  g(z) &= \frac{1}{1 + e^{-z}} \\
  g'(z) &= \frac{d}{dz}\left(\frac{1}{1 + e^{-z}}\right) \\
  &= -(1 + e^{-z})^{-2} \cdot \frac{d}{dz}(1 + e^{-z}) && \text{chain rule, } {\textstyle u = 1 + e^{-z}} \\
  &= -(1 + e^{-z})^{-2} \cdot \left(\frac{d}{dz} 1 + \frac{d}{dz} e^{-z}\right) && \text{sum rule} \\
  &= -(1 + e^{-z})^{-2} \cdot \left(0 + \frac{d}{dz} e^{-z}\right) && \text{constant rule} \\
  &= -(1 + e^{-z})^{-2} \cdot \left(0 + e^{-z} \cdot \frac{d}{dz}(-z)\right) && \text{chain rule, } {\textstyle v = -z} \\
  &= -(1 + e^{-z})^{-2} \cdot \left(0 + e^{-z} \cdot \left(-\frac{d}{dz} z\right)\right) && \text{constant multiple rule} \\
  &= -(1 + e^{-z})^{-2} \cdot (0 + e^{-z} \cdot (-1 \cdot 1)) && \text{variable rule} \\
  &= -(1 + e^{-z})^{-2} \cdot e^{-z} \cdot (-1 \cdot 1) && \text{drop the zero terms} \\
  &= -(1 + e^{-z})^{-2} \cdot e^{-z} \cdot (-1) && \text{drop the factors of 1} \\
  &= (1 + e^{-z})^{-2} \cdot e^{-z} && \text{multiply the two negatives} \\
  &= \boxed{\frac{e^{-z}}{(1 + e^{-z})^{2}}} && \text{rewrite the negative power} \\
  & && \text{as a fraction} \\
  &= \frac{1}{1 + e^{-z}} \cdot \frac{e^{-z}}{1 + e^{-z}} && \text{split the fraction} \\
  &= \boxed{g(z)(1 - g(z))} && \text{write in terms of } g\text{,} \\
  & && {\textstyle g(z) = \frac{1}{1 + e^{-z}}}\text{,} \\
  & && {\textstyle 1 - g(z) = \frac{e^{-z}}{1 + e^{-z}}}
\end{align*}
""",
    "tanh": r"""\begin{align*}
  g(z) &= \tanh(z) \\
  g'(z) &= \frac{d}{dz} \tanh(z) \\
  &= \boxed{1 - \tanh^{2}(z)} && \text{tanh rule} \\
  &= \boxed{1 - g(z)^{2}} && \text{write in terms of } g\text{, } {\textstyle g(z) = \tanh(z)}
\end{align*}
""",
    "relu": r"""\begin{align*}
  g(z) &= \max(0, z) \\
  g'(z) &= \frac{d}{dz} \max(0, z) \\
  &= \frac{d}{dz} \begin{cases} 0 & \text{if } z \le 0 \\ z & \text{if } z > 0 \end{cases} && \text{write in pieces} \\
  &= \begin{cases} \frac{d}{dz} 0 & \text{if } z < 0 \\ \frac{d}{dz} z & \text{if } z > 0 \end{cases} && \text{piecewise rule} \\
  &= \begin{cases} 0 & \text{if } z < 0 \\ \frac{d}{dz} z & \text{if } z > 0 \end{cases} && \text{constant rule} \\
  &= \boxed{\begin{cases} 0 & \text{if } z < 0 \\ 1 & \text{if } z > 0 \end{cases}} && \text{variable rule} \\
  &= \boxed{\begin{cases} 0 & \text{if } g(z) \le 0 \\ 1 & \text{otherwise} \end{cases}} && \text{write in terms of } g \\
  g'(z) &\to \begin{cases} 0 & \text{as } z \to 0^{-} \\ 1 & \text{as } z \to 0^{+} \end{cases} && \text{a corner at } {\textstyle z = 0}\text{: autograd uses } {\textstyle 0}
\end{align*}
""",
    "leaky_relu": r"""\begin{align*}
  g(z) &= \max(z, 0.01z) && {\textstyle a = 0.01} \\
  g'(z) &= \frac{d}{dz} \max(z, 0.01z) \\
  &= \frac{d}{dz} \begin{cases} 0.01z & \text{if } z \le 0 \\ z & \text{if } z > 0 \end{cases} && \text{write in pieces} \\
  &= \begin{cases} \frac{d}{dz}(0.01z) & \text{if } z < 0 \\ \frac{d}{dz} z & \text{if } z > 0 \end{cases} && \text{piecewise rule} \\
  &= \begin{cases} 0.01 \cdot \frac{d}{dz} z & \text{if } z < 0 \\ \frac{d}{dz} z & \text{if } z > 0 \end{cases} && \text{constant multiple rule} \\
  &= \begin{cases} 0.01 \cdot 1 & \text{if } z < 0 \\ \frac{d}{dz} z & \text{if } z > 0 \end{cases} && \text{variable rule} \\
  &= \begin{cases} 0.01 \cdot 1 & \text{if } z < 0 \\ 1 & \text{if } z > 0 \end{cases} && \text{variable rule} \\
  &= \boxed{\begin{cases} 0.01 & \text{if } z < 0 \\ 1 & \text{if } z > 0 \end{cases}} && \text{drop the factors of 1} \\
  &= \boxed{\begin{cases} 0.01 & \text{if } g(z) < 0 \\ 1 & \text{if } g(z) > 0 \end{cases}} && \text{write in terms of } g \\
  g'(z) &\to \begin{cases} 0.01 & \text{as } z \to 0^{-} \\ 1 & \text{as } z \to 0^{+} \end{cases} && \text{a corner at } {\textstyle z = 0}\text{: autograd uses } {\textstyle 0.01}
\end{align*}
""",
}


@pytest.mark.parametrize("name", list(SEEDS))
def test_the_seeds_latex_is_exactly_as_pinned(name):
    assert align_block(derived(name)) == SEEDS[name]


@pytest.mark.parametrize("name", list(SEEDS))
def test_derive_latex_prints_the_block(name, capsys):
    assert main([name, "--latex"]) == 0
    assert capsys.readouterr().out == SEEDS[name]


def test_the_block_has_definition_steps_boxed_result_form_in_g_and_kinks():
    derivation = derived("relu")
    rows = align_block(derivation).splitlines()
    assert rows[0] == r"\begin{align*}" and rows[-1] == r"\end{align*}"
    assert rows[1].startswith("  g(z) &= ")
    assert rows[2].startswith("  g'(z) &= \\frac{d}{dz}")
    steps = [r for r in rows if r.startswith("  &= ")]
    assert len(steps) == len(derivation.steps)
    assert all("&& \\text{" in r for r in steps)
    assert sum("\\boxed{" in r for r in rows) == 2  # the result and the form in g
    assert rows[-2].startswith("  g'(z) &\\to \\begin{cases}")  # the kink at 0


def test_options_change_the_notation():
    derivation = derived("sigmoid")
    own = align_block(derivation, Options(own_symbol=True))
    assert "\\sigma'(z) &= " in own and "\\boxed{\\sigma(z)(1 - \\sigma(z))}" in own
    assert "\\exp(-z)" in align_block(derivation, Options(exp_function=True))
    lit = align_block(derivation, Options(highlight=True))
    assert "\\textcolor{red}{" in lit and "\\textcolor{blue}{" in lit


@pytest.mark.parametrize("name", CATALOG_NAMES + VECTOR_NAMES)
def test_every_result_and_form_in_g_is_boxed_even_when_long(name):
    derivation = derived(name)
    block = align_block(derivation)
    last_step = [row for row in block.splitlines() if row.startswith("  &= ")][-1]
    assert last_step.startswith("  &= \\boxed{")
    if name in CATALOG_NAMES:  # softmax and friends: the result is already written in s
        assert block.count("\\boxed{") == 1 + derivation.in_terms_of_g.exists


def test_the_own_symbol_is_used_in_the_justifications_too():
    sigmoid = align_block(derived("sigmoid"), Options(own_symbol=True))
    assert "\\text{write in terms of } \\sigma\\text{,}" in sigmoid and " g" not in sigmoid
    threshold = align_block(derived("threshold"), Options(own_symbol=True))
    assert "\\operatorname{Threshold}\\text{ jumps at }" in threshold


def test_the_own_symbol_drops_a_form_in_g_that_repeats_the_result():
    assert align_block(derived("tanh"), Options(own_symbol=True)) == (
        "\\begin{align*}\n"
        "  \\tanh'(z) &= \\frac{d}{dz} \\tanh(z) \\\\\n"
        "  &= \\boxed{1 - \\tanh^{2}(z)} && \\text{tanh rule}\n"
        "\\end{align*}\n"
    )


def test_standalone_loads_xcolor_only_when_highlighting():
    plain = standalone(derived("relu"))
    assert plain.startswith(
        "\\documentclass{article}\n\\usepackage{amsmath}\n\\usepackage{amssymb}\n"
    )
    assert "xcolor" not in plain and plain.endswith("\\end{document}\n")
    assert "\\usepackage{xcolor}" in standalone(derived("relu"), Options(highlight=True))


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["relu", "--standalone"], "--standalone goes with --latex"),
        (["relu", "--highlight"], "--highlight goes with --latex or --markdown"),
        (["relu", "--markdown", "--standalone"], "--standalone goes with --latex"),
        (["relu", "--latex", "--json"], "not allowed with"),
    ],
)
def test_option_mistakes_are_one_line_and_exit_2(argv, message, capsys):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


def test_derive_standalone_and_markdown_from_the_command_line(capsys):
    assert main(["leaky_relu", "--latex", "--standalone", "--highlight", "--symbol"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("\\documentclass{article}") and "\\operatorname{LeakyReLU}'(z)" in out
    assert main(["relu", "--markdown", "--exp"]) == 0
    assert capsys.readouterr().out.startswith("### relu\n")


def test_an_unfinished_derivation_says_where_it_stopped(monkeypatch, capsys):
    from derivations import rules

    monkeypatch.setattr(rules, "RULES", [r for r in rules.RULES if r.name != "chain rule"])
    assert main(["sigmoid", "--latex", "--standalone"]) == 2
    out = capsys.readouterr().out
    assert "No rule for $\\frac{d}{dz}\\left(\\frac{1}{1 + e^{-z}}\\right)$" in out
    assert "\\boxed" not in out and out.endswith("\\end{document}\n")
