"""Draw one figure per seed activation (g, g′ and g″) into examples/figures/.

    python examples/figures.py            # needs matplotlib: pip install 'derivations[plot]'

The same function, ``plot_to_file``, is what ``derive plot`` and the lecture
notes use.
"""

from pathlib import Path

from derivations.analysis import analyze
from derivations.render.analysis.analysis_plot import plot_to_file

SEEDS = ("sigmoid", "tanh", "relu", "leaky_relu")
FIGURES = Path(__file__).parent / "figures"


def main(folder: Path = FIGURES) -> list[Path]:
    folder.mkdir(exist_ok=True)
    return [
        plot_to_file([analyze(name, second_derivative=True)], folder / f"{name}.png", order=2)
        for name in SEEDS
    ]


if __name__ == "__main__":
    for path in main():
        print(f"wrote {path}")
