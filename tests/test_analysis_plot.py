"""``derive plot``: figures rendered, opened and checked for size and content.

Needs matplotlib (the ``[plot]`` extra): skipped locally without it, a failure in CI.
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from derivations.cli import main

from .tools import require_module

EXAMPLES = Path(__file__).parents[1] / "examples"
SEEDS = ("sigmoid", "tanh", "relu", "leaky_relu")


@pytest.fixture
def matplotlib():
    require_module("matplotlib")
    import matplotlib

    return matplotlib


def pixels(path: Path):
    from matplotlib.image import imread

    return imread(path)  # height x width x channels, floats in [0, 1]


def assert_drawn(path: Path, min_width: int = 600, min_height: int = 400) -> None:
    """A real picture: big enough, mostly white, with enough ink and colours to be curves."""
    image = pixels(path)
    height, width = image.shape[:2]
    assert width >= min_width and height >= min_height
    rgb = image[:, :, :3]
    ink = (rgb.sum(axis=2) < 2.9).mean()  # share of pixels that are not (nearly) white
    assert 0.01 < ink < 0.6, f"{ink:.3f} of the pixels are drawn"
    colours = {tuple(row) for row in (rgb.reshape(-1, 3)[::97] * 255).astype(int).tolist()}
    assert len(colours) > 10


def curve_ids(svg: Path) -> list[str]:
    ids = [element.get("id", "") for element in ET.parse(svg).iter()]
    return sorted(i for i in ids if i.startswith("curve-"))


def test_png_of_one_activation_with_second_derivative(matplotlib, tmp_path):
    path = tmp_path / "sigmoid.png"
    assert main(["plot", "sigmoid", "-o", str(path), "--order", "2"]) == 0
    assert_drawn(path)


def test_svg_has_one_curve_per_activation_and_order(matplotlib, tmp_path):
    path = tmp_path / "seed.svg"
    assert main(["plot", *SEEDS, "-o", str(path)]) == 0
    assert curve_ids(path) == sorted(f"curve-{i}-{k}" for i in range(4) for k in (0, 1))
    path2 = tmp_path / "grid.svg"
    assert main(["plot", "relu", "z*sigmoid(z)", "-o", str(path2), "--grid", "--order", "2"]) == 0
    assert len(curve_ids(path2)) == 2 * 3


def test_annotations_and_formulas_are_in_the_figure(matplotlib, tmp_path):
    from derivations.analysis import analyze
    from derivations.render.analysis.analysis_plot import figure

    fig = figure([analyze("sigmoid"), analyze("relu")], order=1)
    texts = [t.get_text() for ax in fig.axes for t in ax.texts]
    legends = [t.get_text() for ax in fig.axes for t in ax.get_legend().get_texts()]
    assert "max |g′| = 1/4 at z = 0" in texts
    assert any(t.startswith("kink z = 0") for t in texts)
    assert "sigmoid: g = 1/(1 + e⁻ᶻ)" in legends
    assert "relu: dead zone (g′ = 0)" in legends and "sigmoid: |g′| < 0.01" in legends
    curves = [line for ax in fig.axes for line in ax.get_lines() if line.get_gid()]
    assert len(curves) == 4
    shaded = [p for ax in fig.axes for p in ax.patches]
    assert len(shaded) >= 4  # sigmoid's two saturated tails, relu's saturation and dead zone


def test_pdf_is_written(matplotlib, tmp_path):
    path = tmp_path / "mish.pdf"
    assert main(["plot", "z*tanh(log(1+e^z))", "-o", str(path), "--range", "-6", "4"]) == 0
    data = path.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 5000


def test_plot_to_file_is_what_other_commands_call(matplotlib, tmp_path):
    from derivations.analysis import analyze
    from derivations.render.analysis.analysis_plot import plot_to_file

    both = [analyze("tanh"), analyze("max(0.05*z, z)")]
    written = plot_to_file(both, tmp_path / "two.png", grid=True)
    assert written == tmp_path / "two.png"
    assert_drawn(written, min_width=700)


@pytest.mark.parametrize("name", SEEDS)
def test_example_figure_of_each_seed_activation(matplotlib, name):
    path = EXAMPLES / "figures" / f"{name}.png"
    assert path.is_file(), "run python examples/figures.py"
    assert_drawn(path)


def test_examples_script_draws_the_seed_figures(matplotlib, tmp_path):
    sys.path.insert(0, str(EXAMPLES))
    try:
        import figures
    finally:
        sys.path.remove(str(EXAMPLES))
    written = figures.main(tmp_path)
    assert [p.name for p in written] == [f"{name}.png" for name in SEEDS]
    for path in written:
        assert_drawn(path)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["plot", "sigmoid", "-o", "figure.txt"], "must end in .png, .svg, .pdf"),
        (["plot", "sigmoid", "-o", "/no/such/folder/f.png"], "does not exist"),
        (["plot", "sigmoid"], "required"),
        (["plot", "sigmoid", "-o", "f.png", "--order", "3"], "invalid choice"),
    ],
)
def test_bad_plot_requests_are_one_line(capsys, argv, message):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1


def test_without_matplotlib_the_command_says_how_to_install_it(capsys, monkeypatch, tmp_path):
    for name in list(sys.modules):
        if name == "matplotlib" or name.startswith("matplotlib."):
            monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # import matplotlib now fails
    assert main(["plot", "sigmoid", "-o", str(tmp_path / "f.png")]) == 2
    err = capsys.readouterr().err
    assert "pip install 'derivations[plot]'" in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "f.png").exists()


def test_the_cli_does_not_import_matplotlib_to_start():
    import subprocess

    code = (
        "import sys; from derivations.cli import main; main(['compare', 'relu', '--json']); "
        "print('matplotlib' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "False"
