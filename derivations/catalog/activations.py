"""The activation functions of the catalog: one entry each, as SymPy expressions in z.

Adding an activation is adding one ``Activation`` to ``CATALOG``; the parser,
the rules (for its use inside other expressions), the CLI and the renderers
pick it up from here.  Formulas, defaults and kink conventions follow PyTorch's
documentation of the ``torch.nn`` class named in ``framework``; each kink
convention was checked against torch 2.13's autograd.  A framework's numerical
cut-over (softplus computed as z above a threshold) is not the function: it is
kept apart as ``cut_over``, and only generated code uses it.
"""

from __future__ import annotations

import sympy as sp

from ..activation import Activation, CutOver, KinkConvention, Parameter, Z


def _p(name, default, meaning, **kw) -> Parameter:
    return Parameter(name, sp.Rational(default), meaning, **kw)


def _at(point, side, why) -> KinkConvention:
    return KinkConvention(sp.S(point), side, why)


def _at_each(points, side, why) -> tuple[KinkConvention, ...]:
    """One convention at several kinks, such as both ends of a linear region."""
    return tuple(_at(point, side, why) for point in points)


_a = sp.Symbol("a", positive=True)
_alpha = sp.Symbol("alpha", positive=True)
_beta = sp.Symbol("beta", positive=True)
_scale = sp.Symbol("scale", positive=True)
_threshold = sp.Symbol("threshold", real=True)
_value = sp.Symbol("value", real=True)
_lambd = sp.Symbol("lambd", positive=True)
_SHRINK_KINKS = _at_each(
    (-_lambd, _lambd), "zero", "PyTorch passes the gradient only where |z| > lambd"
)
_min = sp.Symbol("min_val", real=True)
_max = sp.Symbol("max_val", real=True)
_lower = sp.Symbol("lower", positive=True)
_upper = sp.Symbol("upper", positive=True)
_sigmoid = 1 / (1 + sp.exp(-Z))

CATALOG: tuple[Activation, ...] = (
    Activation(
        name="sigmoid",
        aliases=("σ", "sigma", "logistic", "logistic_sigmoid"),
        symbol="σ",
        formula=lambda: 1 / (1 + sp.exp(-Z)),
        note=(
            "g′(z) = g(z)(1 − g(z)) is at most 1/4, at z = 0, and tends to 0 as |z| grows: "
            "every sigmoid layer shrinks the gradient at least 4-fold (vanishing gradients)."
        ),
        framework="torch.nn.Sigmoid",
        source="logistic function (Verhulst, 1838)",
    ),
    Activation(
        name="tanh",
        aliases=("hyperbolic_tangent", "th"),
        symbol="tanh",
        formula=lambda: sp.tanh(Z),
        note=(
            "g′(z) = 1 − g(z)² peaks at 1 at z = 0 (4 times the sigmoid's) and g is "
            "zero-centred, but it still saturates: the gradient vanishes for large |z|."
        ),
        framework="torch.nn.Tanh",
        source="hyperbolic tangent",
    ),
    Activation(
        name="relu",
        aliases=("ReLU", "rectifier", "rectified_linear"),
        symbol="ReLU",
        formula=lambda: sp.Max(0, Z),
        note=(
            "g′(z) is 1 for z > 0 and 0 for z < 0: no saturation for positive inputs, "
            "but a neuron whose input stays negative gets no gradient (a dead neuron)."
        ),
        kinks=(
            _at(0, "left", "PyTorch's relu passes the gradient only where z > 0, so ReLU′(0) = 0"),
        ),
        framework="torch.nn.ReLU",
        source="Nair & Hinton (2010); Glorot, Bordes & Bengio (2011)",
    ),
    Activation(
        name="leaky_relu",
        aliases=("lrelu", "leaky", "leakyrelu", "LeakyReLU"),
        symbol="LeakyReLU",
        formula=lambda: sp.Max(_a * Z, Z),
        parameters=(_p("a", "1/100", "slope for z < 0 (a ≤ 1)", at_most=sp.S.One),),
        note=(
            "g′(z) is 1 for z > 0 and a (0.01 by default) for z < 0: like ReLU, but a "
            "negative input still gets a small gradient, so neurons cannot die."
        ),
        kinks=(
            _at(
                0,
                "left",
                "PyTorch's leaky_relu uses the slope a wherever z > 0 fails: LeakyReLU′(0) = a",
            ),
        ),
        framework="torch.nn.LeakyReLU",
        source="Maas, Hannun & Ng (2013)",
    ),
    Activation(
        name="elu",
        aliases=("ELU",),
        symbol="ELU",
        formula=lambda: sp.Piecewise((Z, Z > 0), (_alpha * (sp.exp(Z) - 1), True)),
        parameters=(_p("alpha", 1, "the value ELU approaches as z → −∞ is −alpha"),),
        note=(
            "g′(z) is 1 for z > 0 and g(z) + alpha for z ≤ 0: negative inputs keep a gradient "
            "that fades smoothly, and outputs can be negative, which centres activations."
        ),
        kinks=(
            _at(0, "left", "PyTorch's elu uses the negative formula at z = 0: ELU′(0) = alpha"),
        ),
        framework="torch.nn.ELU",
        source="Clevert, Unterthiner & Hochreiter (2015)",
    ),
    Activation(
        name="selu",
        aliases=("SELU",),
        symbol="SELU",
        formula=lambda: _scale * (sp.Max(0, Z) + sp.Min(0, _alpha * (sp.exp(Z) - 1))),
        parameters=(
            _p("alpha", "1.6732632423543772848170429916717", "fixed constant", fixed=True),
            _p("scale", "1.0507009873554804934193349852946", "fixed constant", fixed=True),
        ),
        note=(
            "g′(z) is scale for z > 0 and g(z) + scale·alpha for z < 0; the constants make "
            "activations keep mean 0 and variance 1 through layers (self-normalising)."
        ),
        kinks=(
            _at(
                0,
                "left",
                "PyTorch's selu uses the negative formula at z = 0: SELU′(0) = scale·alpha",
            ),
        ),
        framework="torch.nn.SELU",
        source="Klambauer, Unterthiner, Mayr & Hochreiter (2017)",
    ),
    Activation(
        name="celu",
        aliases=("CELU",),
        symbol="CELU",
        formula=lambda: sp.Max(0, Z) + sp.Min(0, _alpha * (sp.exp(Z / _alpha) - 1)),
        parameters=(_p("alpha", 1, "the value CELU approaches as z → −∞ is −alpha", nonzero=True),),
        note=(
            "like ELU, but g′ is continuous for every alpha (1 from both sides at 0): "
            "g′(z) = g(z)/alpha + 1 for z < 0."
        ),
        framework="torch.nn.CELU",
        source="Barron (2017)",
    ),
    Activation(
        name="gelu",
        aliases=("GELU", "gelu_exact"),
        symbol="GELU",
        formula=lambda: Z * (1 + sp.erf(Z / sp.sqrt(2))) / 2,
        note=(
            "g(z) = z·Φ(z): g′(z) = Φ(z) + z·φ(z) is smooth, dips slightly below 0 for "
            "z < 0 (g is not monotonic) and reaches about 1.13 near z = 1.4."
        ),
        framework="torch.nn.GELU",
        source="Hendrycks & Gimpel (2016)",
    ),
    Activation(
        name="gelu_tanh",
        aliases=("gelu_approx", "GELU_tanh"),
        symbol="GELU",
        formula=lambda: (
            Z * (1 + sp.tanh(sp.sqrt(2 / sp.pi) * (Z + sp.Rational("0.044715") * Z**3))) / 2
        ),
        note="GELU's tanh approximation: the same shape and gradient to about 0.1%, cheaper.",
        framework="torch.nn.GELU(approximate='tanh')",
        source="Hendrycks & Gimpel (2016)",
    ),
    Activation(
        name="silu",
        aliases=("SiLU", "swish1"),
        symbol="SiLU",
        formula=lambda: Z * _sigmoid,
        note=(
            "g′(z) = σ(z) + z·σ(z)(1 − σ(z)): smooth, slightly negative below z ≈ −1.28 "
            "(g is not monotonic), and it does not vanish for large positive z."
        ),
        framework="torch.nn.SiLU",
        source="Elfwing, Uchibe & Doya (2017); Ramachandran, Zoph & Le (2017)",
    ),
    Activation(
        name="swish",
        aliases=("Swish",),
        symbol="Swish",
        formula=lambda: Z / (1 + sp.exp(-_beta * Z)),
        parameters=(_p("beta", 1, "sharpness; beta = 1 gives SiLU", learnable=True),),
        note=(
            "z·σ(beta·z): beta → 0 gives z/2, beta → ∞ gives ReLU; with beta = 1 it is "
            "SiLU. beta can be learned."
        ),
        framework="torch.nn.SiLU (beta = 1)",
        source="Ramachandran, Zoph & Le (2017)",
    ),
    Activation(
        name="mish",
        aliases=("Mish",),
        symbol="Mish",
        formula=lambda: Z * sp.tanh(sp.log(1 + sp.exp(Z))),
        note=(
            "z·tanh(softplus(z)): smooth like SiLU, slightly negative for z < 0 with a "
            "minimum near z ≈ −1.19, so g′ < 0 there (not monotonic)."
        ),
        framework="torch.nn.Mish",
        source="Misra (2019)",
    ),
    Activation(
        name="softplus",
        aliases=("Softplus", "smooth_relu"),
        symbol="softplus",
        formula=lambda: sp.log(1 + sp.exp(_beta * Z)) / _beta,
        parameters=(_p("beta", 1, "sharpness", nonzero=True),),
        note=(
            "g′(z) = σ(beta·z) = 1 − e^(−beta·g): a smooth ReLU whose gradient never dies, "
            "but still fades for very negative z."
        ),
        cut_over=CutOver(
            _p("threshold", 20, "above beta·z = threshold the code returns z", positive=False),
            condition=lambda: _beta * Z > _threshold,
            value=lambda: Z,
            derivative=lambda: sp.S.One,
            why=(
                "as PyTorch does, softplus is computed as z (and g′ as 1) where "
                "beta·z > threshold, less than e^(−threshold)/beta from log(1 + e^(beta·z))/beta"
            ),
        ),
        framework="torch.nn.Softplus",
        source="Dugas, Bengio, Bélisle, Nadeau & Garcia (2001)",
    ),
    Activation(
        name="softsign",
        aliases=("Softsign",),
        symbol="softsign",
        formula=lambda: Z / (1 + sp.Abs(Z)),
        note=(
            "g′(z) = 1/(1 + |z|)² = (1 − |g|)²: like tanh but saturating polynomially, "
            "so the gradient fades more slowly."
        ),
        framework="torch.nn.Softsign",
        source="Turian, Bergstra & Bengio (2009)",
    ),
    Activation(
        name="hardtanh",
        aliases=("Hardtanh", "hard_tanh"),
        symbol="Hardtanh",
        formula=lambda: sp.Piecewise((_min, Z < _min), (_max, Z > _max), (Z, True)),
        parameters=(
            _p("min_val", -1, "lower end of the linear region", positive=False),
            _p("max_val", 1, "upper end of the linear region", positive=False),
        ),
        note="g′ is 1 between min_val and max_val and 0 outside: cheap, but dead when saturated.",
        kinks=_at_each(
            (_min, _max), "zero", "PyTorch passes the gradient only where min_val < z < max_val"
        ),
        framework="torch.nn.Hardtanh",
        source="Collobert (2004)",
    ),
    Activation(
        name="relu6",
        aliases=("ReLU6",),
        symbol="ReLU6",
        formula=lambda: sp.Min(sp.Max(0, Z), 6),
        note="ReLU capped at 6: g′ is 1 on (0, 6) and 0 elsewhere, friendly to low precision.",
        kinks=_at_each(
            (0, 6), "zero", "PyTorch's relu6 is hardtanh(0, 6): gradient only where 0 < z < 6"
        ),
        framework="torch.nn.ReLU6",
        source="Krizhevsky (2010)",
    ),
    Activation(
        name="hardsigmoid",
        aliases=("Hardsigmoid", "hard_sigmoid"),
        symbol="Hardsigmoid",
        formula=lambda: sp.Piecewise((0, Z <= -3), (1, Z >= 3), (Z / 6 + sp.Rational(1, 2), True)),
        note="a linear stand-in for the sigmoid: g′ is 1/6 on (−3, 3) and 0 outside.",
        kinks=_at_each((-3, 3), "zero", "PyTorch passes the gradient only where −3 < z < 3"),
        framework="torch.nn.Hardsigmoid",
        source="Howard et al. (2019), MobileNetV3",
    ),
    Activation(
        name="hardswish",
        aliases=("Hardswish", "hard_swish"),
        symbol="Hardswish",
        formula=lambda: sp.Piecewise((0, Z <= -3), (Z, Z >= 3), (Z * (Z + 3) / 6, True)),
        note="z·hardsigmoid(z): a piecewise-quadratic SiLU; g′ = (2z + 3)/6 on (−3, 3).",
        kinks=(
            _at(-3, "left", "PyTorch's hardswish uses 0 for z ≤ −3, so at −3 itself"),
            _at(3, "right", "PyTorch's hardswish uses slope 1 from z = 3 on"),
        ),
        framework="torch.nn.Hardswish",
        source="Howard et al. (2019), MobileNetV3",
    ),
    Activation(
        name="logsigmoid",
        aliases=("LogSigmoid", "log_sigmoid"),
        symbol="logσ",
        formula=lambda: sp.log(1 / (1 + sp.exp(-Z))),
        note="g′(z) = 1 − σ(z) = 1 − e^g: large for negative z, vanishing for positive z.",
        framework="torch.nn.LogSigmoid",
        source="the logarithm of the logistic function",
    ),
    Activation(
        name="tanhshrink",
        aliases=("Tanhshrink",),
        symbol="Tanhshrink",
        formula=lambda: Z - sp.tanh(Z),
        note="g′(z) = tanh²(z): zero at z = 0 and flat near it, close to 1 for large |z|.",
        framework="torch.nn.Tanhshrink",
        source="Lua Torch's nn.Tanhshrink",
    ),
    Activation(
        name="softshrink",
        aliases=("Softshrink", "soft_threshold"),
        symbol="Softshrink",
        formula=lambda: sp.Piecewise(
            (Z - _lambd, Z > _lambd), (Z + _lambd, Z < -_lambd), (0, True)
        ),
        parameters=(_p("lambd", "0.5", "half-width of the dead zone"),),
        note="soft thresholding: g′ is 1 outside [−lambd, lambd] and 0 inside (a dead zone).",
        kinks=_SHRINK_KINKS,
        framework="torch.nn.Softshrink",
        source="Donoho & Johnstone (1994), soft thresholding",
    ),
    Activation(
        name="hardshrink",
        aliases=("Hardshrink", "hard_threshold"),
        symbol="Hardshrink",
        formula=lambda: sp.Piecewise((Z, Z > _lambd), (Z, Z < -_lambd), (0, True)),
        parameters=(_p("lambd", "0.5", "half-width of the zeroed zone"),),
        note="hard thresholding: g jumps at ±lambd; g′ is 1 outside and 0 inside.",
        kinks=_SHRINK_KINKS,
        framework="torch.nn.Hardshrink",
        source="Donoho & Johnstone (1994), hard thresholding",
    ),
    Activation(
        name="threshold",
        aliases=("Threshold",),
        symbol="Threshold",
        formula=lambda: sp.Piecewise((Z, Z > _threshold), (_value, True)),
        parameters=(
            _p(
                "threshold",
                "0.1",
                "inputs above it pass (PyTorch has no default; its example)",
                positive=False,
            ),
            _p("value", 20, "what replaces inputs at or below the threshold", positive=False),
        ),
        note="g jumps at the threshold; g′ is 1 above it and 0 below (no gradient there).",
        kinks=(_at(_threshold, "zero", "PyTorch passes the gradient only where z > threshold"),),
        framework="torch.nn.Threshold",
        source="Lua Torch's nn.Threshold",
    ),
    Activation(
        name="prelu",
        aliases=("PReLU",),
        symbol="PReLU",
        formula=lambda: sp.Max(0, Z) + _a * sp.Min(0, Z),
        parameters=(_p("a", "0.25", "learned slope for z < 0", learnable=True),),
        note="leaky ReLU whose negative slope a is learned: ∂g/∂a = min(0, z).",
        kinks=(
            _at(0, "left", "PyTorch's prelu uses the slope a wherever z > 0 fails: PReLU′(0) = a"),
        ),
        framework="torch.nn.PReLU",
        source="He, Zhang, Ren & Sun (2015)",
    ),
    Activation(
        name="rrelu",
        aliases=("RReLU",),
        symbol="RReLU",
        formula=lambda: sp.Piecewise((Z, Z >= 0), ((_lower + _upper) / 2 * Z, True)),
        parameters=(
            _p("lower", "1/8", "lowest random slope in training"),
            _p("upper", "1/3", "highest random slope in training"),
        ),
        note=(
            "in evaluation a leaky ReLU with slope (lower + upper)/2 = 11/48; in training "
            "the slope is random in [lower, upper]."
        ),
        kinks=(_at(0, "left", "PyTorch's rrelu (evaluation) is leaky_relu with the mean slope"),),
        framework="torch.nn.RReLU (evaluation mode)",
        source="Xu, Wang, Chen & Li (2015)",
    ),
)
