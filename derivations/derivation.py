"""The data a derivation is made of: plain frozen values that renderers only read.

``Derivation`` holds the walk (``Step``s, each proved by a ``Proof``), the result, its
form in g (``GForm``), the kinks (``Kink``) and the points where g′ fails to exist
(``Singularity``).  Nothing here runs the engine: renderers, analysis and code
generation import this module, not the recorder.  The few conveniences that need the
engine (``plain_result``, ``to_numpy``, Jupyter's ``_repr_latex_``) import it when
called.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import sympy as sp

if TYPE_CHECKING:
    from .catalog import Activation
    from .forms import Path

G = sp.Symbol("g", real=True)  # g(z) as an unknown, while solving for a form in g
g = sp.Function("g")  # g(z) as shown in a derivation

# The phases of a walk, as Step.phase holds them.
DIFFERENTIATE, SIMPLIFY, IN_G = "differentiate", "simplify", "in terms of g"
IN_S = "in terms of s"  # a vector function's form in its outputs s

# How the prover takes a step's changed part first (the whole proof follows where it fails).
BY_OPERANDS = "for any operands"  # a rule that holds whatever its operands are (chain, product)
AS_ALGEBRA = "as algebra"  # a move: an identity, the functions in it left as symbols

# Why g′ fails to exist at a point, as Singularity.kind holds it.
POLE, UNDEFINED, INFINITE_SLOPE, BOUNDARY, JUMP = (
    "pole",
    "undefined",
    "infinite slope",
    "domain boundary",
    "jump",
)


@dataclass(frozen=True)
class Proof:
    """How an equality was established."""

    symbolic: str | None  # the method that proved it, or None if none did
    points: int  # numeric points where both sides were compared
    mismatch: float | None  # the point z where they differ, if any

    @property
    def ok(self) -> bool:
        return self.symbolic is not None and self.mismatch is None and self.points > 0


@dataclass(frozen=True)
class Kink:
    """A point where g'(z) does not exist."""

    at: sp.Expr
    left: sp.Expr  # derivative just left of the point
    right: sp.Expr  # derivative just right of the point
    value_used: sp.Expr  # what autograd returns there
    kind: str  # "corner" (g continuous) or "jump" (g itself jumps)
    convention: str  # where value_used comes from, in words


@dataclass(frozen=True)
class Singularity:
    """A point where g′(z) does not exist: ``kind`` says why."""

    at: sp.Expr
    kind: str  # POLE, UNDEFINED, INFINITE_SLOPE, BOUNDARY or JUMP
    left: sp.Expr | None  # lim g′ as z → at⁻ (None: left of the point is outside the domain)
    right: sp.Expr | None


@dataclass(frozen=True)
class Identity:
    """An equation used to rewrite: ``in_g`` (with g(z)) equals ``in_z``."""

    in_g: sp.Expr
    in_z: sp.Expr


@dataclass(frozen=True)
class GForm:
    """g'(z) in terms of g(z), how it was found, or why there is none."""

    expression: sp.Expr | None  # with g(z); None when no form exists
    reason: str
    kernel: sp.Expr | None = None  # the t solved for (e.g. exp(-z))
    kernel_in_g: sp.Expr | None = None  # t written with g(z)
    shown: sp.Expr | None = None  # g'(z) rewritten to show the pieces of the form in g
    identities: tuple[Identity, ...] = ()

    @property
    def exists(self) -> bool:
        return self.expression is not None

    def from_output_alone(self, z: sp.Symbol) -> bool:
        """Whether g' can be computed from g(z) alone (no condition left on z)."""
        return self.exists and not self.expression.xreplace({g(z): G}).has(z)


@dataclass(frozen=True)
class Step:
    """One rule or move applied to the whole expression of g'(z)."""

    rule: str
    explanation: str
    law: str
    acted_on: sp.Expr  # the part of the previous expression this step worked on
    replaced_by: sp.Expr  # what that part became
    expression: sp.Expr  # the whole expression after the step
    path: Path | None  # where acted_on sat in the previous expression (None: all of it)
    phase: str
    bindings: tuple[tuple[sp.Expr, sp.Expr], ...] = ()  # u = ..., or identities used
    proof_route: str = ""  # BY_OPERANDS, AS_ALGEBRA, or "" (proved as it stands)


@dataclass(frozen=True)
class ParameterValue:
    name: str
    symbol: sp.Symbol
    value: sp.Expr  # the number used, or the symbol itself when kept symbolic
    default: sp.Expr | None
    meaning: str


@dataclass(frozen=True)
class Derivation:
    """The derivative of one activation, step by step, with its proof."""

    title: str
    activation: Activation | None
    variable: sp.Symbol
    function: sp.Expr
    parameters: tuple[ParameterValue, ...]
    start: sp.Expr
    steps: tuple[Step, ...]
    result: sp.Expr
    in_terms_of_g: GForm
    kinks: tuple[Kink, ...]
    missing_rules: tuple[sp.Expr, ...]
    proofs: tuple[Proof, ...]
    result_proof: Proof | None
    from_definition: bool = False
    wrt: sp.Symbol | None = None  # a parameter differentiated by, instead of z
    order: int = 1
    lower: Derivation | None = None  # the derivation of order - 1
    check_values: tuple[tuple[sp.Symbol, sp.Expr], ...] = ()  # parameter values used to check
    lhs: sp.Expr | None = None  # what is differentiated when it is not g(z): s_i, L
    vector: object | None = None  # the VectorActivation of softmax and friends
    domain: sp.Set = sp.S.Reals  # where g(z) is defined
    singularities: tuple[Singularity, ...] = ()  # where g′ fails to exist, corners aside

    @property
    def complete(self) -> bool:
        """True when every pending derivative was worked out by some rule."""
        return not self.missing_rules

    @property
    def verified(self) -> bool:
        """True when every step, and the result against SymPy's diff, is proved."""
        proven = all(p.ok for p in self.proofs)
        return proven and self.result_proof is not None and self.result_proof.ok

    @property
    def result_in_terms_of_g(self) -> sp.Expr | None:
        return self.in_terms_of_g.expression

    @property
    def plain_result(self) -> sp.Expr:
        """The result as an ordinary evaluated SymPy expression in z (g(z) written out)."""
        from .verify import prepare  # the engine, only when asked

        return prepare(self.result, {g(self.variable): self.function})

    @property
    def first(self) -> Derivation:
        """The first-order derivation this one builds on (itself at order 1)."""
        return self if self.lower is None else self.lower.first

    @property
    def note(self) -> str | None:
        entry = self.activation or self.vector
        return entry.note if entry else None

    @property
    def g(self) -> sp.Expr:
        """g(z), the symbol the form in g is written with."""
        return g(self.variable)

    def to_numpy(self):
        """NumPy callables: .forward(z), .backward(grad_out, z), .backward_from_output (or None)."""
        from .codegen import to_numpy  # NumPy is imported only when code is asked for

        return to_numpy(self)

    def __repr__(self) -> str:
        # Short: the fields are data to read (d.steps, d.result, ...), not a wall of text.
        state = "verified" if self.verified else ("not proved" if self.complete else "incomplete")
        return f"<Derivation of {self.title}: {len(self.steps)} steps, {state}>"

    def _repr_latex_(self) -> str:
        """Jupyter shows a derivation as typeset maths (one ``aligned`` block)."""
        from .render.jupyter import repr_latex  # renderers are imported only when shown

        return repr_latex(self)
