#!/usr/bin/env python3
"""Independent reference values for org.initlab.lab.theory (MeanField, EdgeOfChaos).

Mean-field signal propagation (Poole et al. 2016; Schoenholz et al. 2017) for a few activations,
computed without any of the Java code's methods:

* one-dimensional expectations E[f(z)], z ~ N(0, 1): scipy.integrate.quad (adaptive
  Gauss-Kronrod) over (-inf, kinks..., inf); at each reported fixed point E[phi^2] and E[phi'^2]
  are computed a second way, Gauss-Hermite (probabilists', numpy hermegauss, an even node count,
  240) for the smooth activations, 30-digit mpmath quadrature split at the kinks for the kinked
  ones, and the two must agree within 1e-13 (Gauss-Hermite alone is not used for the root
  searches: tanh(sqrt(q) z) for q near 10 has poles close enough to the real axis to cost it
  digits);
* chi_q from Schoenholz et al.'s eq. (5), sigma_w^2 E[phi'^2 + phi phi''], with phi'' written out
  (and its Dirac deltas at kinks added by hand), not from the Stein form the Java code uses;
* two-dimensional expectations (tanh only) on a 240 x 240 Gauss-Hermite product grid;
* fixed points and critical sigma_w^2 by scipy.optimize.brentq, tolerance 1e-15.

Prints Java-ready lines. numpy 2.4.6, scipy 1.17.1. Deterministic; runs in a few seconds.
"""
import math

import mpmath as mp
import numpy as np
from scipy import integrate, optimize, special

NODES = 240
X, W = np.polynomial.hermite_e.hermegauss(NODES)
W = W / math.sqrt(2 * math.pi)

SELU_A = 1.6732632423543772848170429916717
SELU_L = 1.0507009873554804934193349852946


def sig(x):
    return special.expit(x)


# name: (phi, phi', phi'' away from kinks, [(kink b, jump of phi' at b)], smooth?)
ACTS = {
    "tanh": (np.tanh, lambda x: 1 / np.cosh(x) ** 2,
             lambda x: -2 * np.tanh(x) / np.cosh(x) ** 2, [], True),
    "sigmoid": (sig, lambda x: sig(x) * sig(-x),
                lambda x: sig(x) * sig(-x) * (1 - 2 * sig(x)), [], True),
    "gelu": (lambda x: x * special.ndtr(x),
             lambda x: special.ndtr(x) + x * np.exp(-x * x / 2) / math.sqrt(2 * math.pi),
             lambda x: (2 - x * x) * np.exp(-x * x / 2) / math.sqrt(2 * math.pi), [], True),
    "elu": (lambda x: np.where(x > 0, x, np.expm1(np.minimum(x, 0))),
            lambda x: np.where(x > 0, 1.0, np.exp(np.minimum(x, 0))),
            lambda x: np.where(x > 0, 0.0, np.exp(np.minimum(x, 0))), [(0.0, 0.0)], False),
    "selu": (lambda x: SELU_L * np.where(x > 0, x, SELU_A * np.expm1(np.minimum(x, 0))),
             lambda x: SELU_L * np.where(x > 0, 1.0, SELU_A * np.exp(np.minimum(x, 0))),
             lambda x: SELU_L * np.where(x > 0, 0.0, SELU_A * np.exp(np.minimum(x, 0))),
             [(0.0, SELU_L - SELU_L * SELU_A)], False),
    "hard_tanh": (lambda x: np.clip(x, -1, 1), lambda x: np.where(np.abs(x) < 1, 1.0, 0.0),
                  lambda x: 0.0 * x, [(-1.0, 1.0), (1.0, -1.0)], False),
}


def npdf(x):
    return math.exp(-x * x / 2) / math.sqrt(2 * math.pi)


def expect(f, kinks_z):
    """E[f(z)] by quad over (-inf, kinks..., inf)."""
    edges = [-np.inf] + sorted(k for k in kinks_z if abs(k) < 40) + [np.inf]
    total = 0.0
    for a, b in zip(edges[:-1], edges[1:]):
        total += integrate.quad(lambda z: float(f(z)) * npdf(z), a, b,
                                epsabs=1e-16, epsrel=1e-14, limit=400)[0]
    return total


def gh(f):
    return float(np.sum(W * f(X)))


def one_d(name, f, q):
    """E[f(sqrt(q) z)] for an integrand built from the activation, by quad split at the kinks."""
    r = math.sqrt(q)
    return expect(lambda z: f(r * z), [b / r for b, _ in ACTS[name][3]])


def cross_check(name, f, q, value):
    """The same expectation a second way: Gauss-Hermite for smooth activations, 30-digit mpmath
    quadrature split at the kinks for kinked ones; returns the absolute difference."""
    phi, d1, d2, kinks, smooth = ACTS[name]
    r = math.sqrt(q)
    if smooth:
        other = gh(lambda z: f(r * z))
    else:
        mp.mp.dps = 30
        edges = [-mp.inf] + sorted(mp.mpf(b) / mp.sqrt(q) for b, _ in kinks) + [mp.inf]
        g = lambda z: mp.mpf(float(f(np.array(float(r * z))))) * mp.npdf(z)
        other = float(mp.quad(g, edges))
    return abs(other - value)


def length_map(name, sw2, sb2, q):
    phi = ACTS[name][0]
    return sw2 * one_d(name, lambda x: phi(x) ** 2, q) + sb2


def q_star(name, sw2, sb2, lo=1e-6):
    """The positive fixed point above lo; the bracket's top doubles from 10 until it holds it."""
    hi = 10.0
    while length_map(name, sw2, sb2, hi) > hi:
        hi *= 2
    return optimize.brentq(lambda q: length_map(name, sw2, sb2, q) - q, lo, hi,
                           xtol=1e-15, rtol=1e-15)


def chi1(name, sw2, q):
    d1 = ACTS[name][1]
    return sw2 * one_d(name, lambda x: d1(x) ** 2, q)


def chi_q(name, sw2, q):
    phi, d1, d2, kinks, _ = ACTS[name]
    smooth_part = one_d(name, lambda x: d1(x) ** 2 + phi(x) * d2(x), q)
    r = math.sqrt(q)
    # phi'' has jump * delta(x - b); E[phi(r z) jump delta(r z - b)] = phi(b) jump pdf(b/r)/r
    deltas = sum(float(phi(np.array(b))) * jump * npdf(b / r) / r for b, jump in kinks)
    return sw2 * (smooth_part + deltas)


def critical_sw2(name, sb2, lo, hi):
    return optimize.brentq(lambda w: chi1(name, w, q_star(name, w, sb2)) - 1, lo, hi,
                           xtol=1e-15, rtol=1e-14)


def tanh_2d(f, q, c):
    """E[f(u1) f(u2)], u1 = sqrt(q) z1, u2 = sqrt(q)(c z1 + sqrt(1-c^2) z2), product GH grid."""
    z1, z2 = np.meshgrid(X, X, indexing="ij")
    w = np.outer(W, W)
    r = math.sqrt(q)
    s = math.sqrt(1 - c * c)
    return float(np.sum(w * f(r * z1) * f(r * (c * z1 + s * z2))))


def tanh_c_star(sw2, sb2, q):
    phi = np.tanh
    gap = lambda c: (sw2 * tanh_2d(phi, q, c) + sb2) / q - c
    if abs(gap(0.0)) < 1e-15:
        return 0.0
    return optimize.brentq(gap, 0.0, 0.999, xtol=1e-15, rtol=1e-15)


def main():
    print("// q*, chi_1, chi_q: activation, sigma_w^2, sigma_b^2, q*, chi_1, chi_q")
    for name, sw2, sb2 in [("tanh", 1.5, 0.05), ("tanh", 2.5, 0.05), ("tanh", 2.0, 0.0),
                           ("sigmoid", 4.0, 0.1), ("gelu", 1.5, 0.1), ("elu", 1.5, 0.1),
                           ("selu", 1.0, 0.0), ("hard_tanh", 1.5, 0.1)]:
        q = q_star(name, sw2, sb2, 1e-3 if sb2 == 0.0 else 1e-6)  # sb2 = 0: skip the root at 0
        phi, d1 = ACTS[name][0], ACTS[name][1]
        m2 = one_d(name, lambda x: phi(x) ** 2, q)
        d2m = one_d(name, lambda x: d1(x) ** 2, q)
        worst = max(cross_check(name, lambda x: phi(x) ** 2, q, m2),
                    cross_check(name, lambda x: d1(x) ** 2, q, d2m))
        assert worst < 1e-13, (name, worst)
        print(f'{{"{name}", {sw2!r}, {sb2!r}, {q!r}, {chi1(name, sw2, q)!r}, {chi_q(name, sw2, q)!r}}},'
              f'  // second method agrees within {worst:.1e}')
    print("// critical sigma_w^2: activation, sigma_b^2, sigma_w^2")
    for name, sb2, lo, hi in [("tanh", 0.05, 1.2, 3.0), ("tanh", 0.5, 1.2, 5.0),
                              ("sigmoid", 0.1, 50.0, 200.0), ("elu", 0.1, 1.5, 1.99),
                              ("hard_tanh", 0.1, 1.01, 4.0)]:
        print(f'{{"{name}", {sb2!r}, {critical_sw2(name, sb2, lo, hi)!r}}},')
    print("// tanh correlations: sigma_w^2, sigma_b^2, q*, c*, chi_c at c*")
    for sw2, sb2 in [(2.5, 0.05), (1.9, 0.05), (2.0, 0.0)]:
        q = q_star("tanh", sw2, sb2, 1e-3 if sb2 == 0.0 else 1e-6)
        c = tanh_c_star(sw2, sb2, q)
        chi_c = sw2 * tanh_2d(lambda x: 1 / np.cosh(x) ** 2, q, c)
        print(f"{{{sw2!r}, {sb2!r}, {q!r}, {c!r}, {chi_c!r}}},")


if __name__ == "__main__":
    main()
