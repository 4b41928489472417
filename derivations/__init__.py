"""derivations: step-by-step, verified derivatives of neural-network activation functions.

from derivations import derive
d = derive("sigmoid")
d.steps                  # every rule and move, each with the whole expression after it
d.result                 # e^-z/(1 + e^-z)^2
d.result_in_terms_of_g   # g(z)(1 - g(z))
d.kinks, d.verified      # non-differentiable points; every step proved

The pipeline: parse (parse.py) → what to derive (api.py, catalog/, entries.py,
vector.py) → the phases for every target (pipeline.py): differentiate and simplify
(recorder.py with rules.py, simplify.py), the form in g (in_terms_of_g.py), prove
(proof.py, verify.py), kinks and where g is defined (kinks.py, domain.py,
singularities.py) → a Derivation, plain data (derivation.py) → renderers (render/,
codegen/, analysis/, check/) and the command line (cli.py, commands/).
"""

__all__ = ["CATALOG", "Activation", "Derivation", "DerivationsError", "Step", "derive", "lookup"]
__version__ = "0.1.0"

# Where each public name lives: imported on first use, so that `derive` on the command
# line can answer from its cache of finished outputs without importing SymPy.
_PUBLIC = {
    "derive": "api",
    "CATALOG": "catalog",
    "Activation": "catalog",
    "lookup": "catalog",
    "Derivation": "derivation",
    "Step": "derivation",
    "DerivationsError": "errors",
}


def __getattr__(name: str):
    if name not in _PUBLIC:
        raise AttributeError(f"module 'derivations' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f".{_PUBLIC[name]}", __name__), name)
    globals()[name] = value
    return value


def __dir__():
    return sorted({*globals(), *__all__})
