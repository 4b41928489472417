"""The indexed names of vector functions: z, s and y as vectors, the indices i, j, k,
the length n, and Σₖ e^(zₖ) (softmax's denominator)."""

from __future__ import annotations

import sympy as sp

Z, S, Y = sp.IndexedBase("z"), sp.IndexedBase("s"), sp.IndexedBase("y")
i, j, k = sp.symbols("i j k", integer=True, positive=True)
n = sp.Symbol("n", integer=True, positive=True)
TOTAL = sp.Sum(sp.exp(Z[k]), (k, 1, n))
