"""Derive an activation with the Python API, walk its steps, and invent a new one.

Run:  python examples/walkthrough.py
"""

from derivations import derive
from derivations.render.notation import write


def show(derivation) -> None:
    z = derivation.variable
    print(f"{derivation.title}:  g({z}) = {write(derivation.function)}")
    print(f"  g′({z}) = {write(derivation.start)}")
    for number, step in enumerate(derivation.steps, start=1):
        print(f"  {number:>2}. {step.rule:<40} = {write(step.expression)}")
    print(f"  result:          g′({z}) = {write(derivation.result)}")
    form = derivation.in_terms_of_g
    if form.exists:
        print(f"  in terms of g:   g′({z}) = {write(form.expression)}")
    else:
        print(f"  in terms of g:   none ({form.reason})")
    for kink in derivation.kinks:
        print(
            f"  kink at {z} = {write(kink.at)}: left {write(kink.left)}, right "
            f"{write(kink.right)}, autograd uses {write(kink.value_used)}"
        )
    print(f"  every step proved: {derivation.verified}\n")


if __name__ == "__main__":
    # The seed's sigmoid: it passes through e^-z/(1+e^-z)^2 and ends at g(1 - g).
    show(derive("sigmoid"))

    # Leaky ReLU with a steeper negative slope.
    show(derive("leaky_relu", params={"a": "0.2"}))

    # A combination of our own: Swish-like z·σ(z) uses σ' = σ(1 - σ) as one step,
    # and has no form in g(z) alone.
    show(derive("z*sigmoid(z)"))

    # Softplus typed by hand: its derivative is the sigmoid, and in terms of g it is 1 - e^(-g).
    show(derive("log(1 + e^z)"))
