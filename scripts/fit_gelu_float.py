#!/usr/bin/env python3
"""Fits the polynomial of org.initlab.core.gain.FloatGelu and prints it as Java constants.

Needs mpmath and numpy (Debian: python3-mpmath, python3-numpy). Deterministic; takes about a minute.

FloatGelu computes the lower tail of the standard normal distribution, for z = |x|/sqrt(2) >= 0,
as Phi(-|x|) = erfc(z)/2 = t exp(-z^2) Q(t) / 2 with t = 1/(1 + P z), P = 0.4. Q(t) = erfcx(z)/t
(erfcx(z) = exp(z^2) erfc(z)) is smooth on the whole of t in [0, 1] (z from infinity to 0;
Q(0) = P/sqrt(pi)), so one polynomial serves every z without a branch: the form of Numerical
Recipes' erfcc, with erfcx fitted directly instead of through a second exponential.

Method: Q at 800 Chebyshev nodes of [0, 1] in t, 40-digit mpmath; numpy's weighted least-squares
Chebyshev fit of degree 14 (weights 1/Q: relative error); the series converted to powers of t in
mpmath and rounded to double. Check: the converted polynomial evaluated in double by Estrin's
scheme (as the Java code does, multiply then add) against mpmath at 20,001 points of t and at
20,001 points of z in [0, 10]; the largest relative error is printed (about 4e-11 for P = 0.4,
degree 14: below a thousandth of float's half-ulp 2^-24 ~ 6e-8).
"""
import mpmath as mp
import numpy as np

mp.mp.dps = 40
P = mp.mpf("0.4")
DEGREE = 14
NODES = 800


def q_of_t(t):
    t = mp.mpf(t)
    if t == 0:
        return P / mp.sqrt(mp.pi)
    z = (1 / t - 1) / P
    return mp.erfc(z) * mp.exp(z * z) / t


def main():
    ts = [(1 - mp.cos(mp.pi * (i + mp.mpf(1) / 2) / NODES)) / 2 for i in range(NODES)]
    qs = [q_of_t(t) for t in ts]
    s = np.array([float(2 * t - 1) for t in ts])
    q = np.array([float(v) for v in qs])
    cheb = np.polynomial.chebyshev.chebfit(s, q, DEGREE, w=1 / q)
    # Chebyshev series in s = 2t - 1 to powers of t, in 40 digits
    power_s = [mp.mpf(0)] * (DEGREE + 1)  # coefficients of s^k
    t_prev = [mp.mpf(1)]  # T_0
    t_cur = [mp.mpf(0), mp.mpf(1)]  # T_1
    basis = [t_prev, t_cur]
    for k in range(2, DEGREE + 1):
        nxt = [mp.mpf(0)] * (k + 1)
        for i, c in enumerate(basis[k - 1]):
            nxt[i + 1] += 2 * c
        for i, c in enumerate(basis[k - 2]):
            nxt[i] -= c
        basis.append(nxt)
    for k in range(DEGREE + 1):
        for i, c in enumerate(basis[k]):
            power_s[i] += mp.mpf(float(cheb[k])) * c
    power_t = [mp.mpf(0)] * (DEGREE + 1)  # s = 2t - 1: s^i = sum_j C(i,j) (2t)^j (-1)^(i-j)
    for i, c in enumerate(power_s):
        for j in range(i + 1):
            power_t[j] += c * mp.binomial(i, j) * mp.mpf(2) ** j * (-1) ** (i - j)
    coefficients = [float(c) for c in power_t]

    def horner(t):
        # Estrin's scheme, operation for operation as FloatGelu.q (degree 14)
        c = coefficients
        t2 = t * t
        t4 = t2 * t2
        t8 = t4 * t4
        a = [c[2 * k] + c[2 * k + 1] * t for k in range(7)]
        b0 = a[0] + a[1] * t2
        b1 = a[2] + a[3] * t2
        b2 = a[4] + a[5] * t2
        b3 = a[6] + c[14] * t2
        return (b0 + b1 * t4) + (b2 + b3 * t4) * t8

    worst_t = max(abs(horner(float(t)) / q_of_t(float(t)) - 1) for t in (mp.mpf(i) / 20000 for i in range(20001)))
    worst_z = 0
    for i in range(20001):
        z = 10.0 * i / 20000
        t = 1 / (1 + 0.4 * z)
        exact = mp.erfc(z) * mp.exp(mp.mpf(z) ** 2)
        worst_z = max(worst_z, abs(t * horner(t) / exact - 1))
    print(f"// degree {DEGREE}, P = 0.4: largest relative error {float(worst_t):.3g} over t, {float(worst_z):.3g} over z in [0, 10]")
    for k in range(DEGREE + 1):
        print(f"private static final double Q{k} = {coefficients[k]!r};")


if __name__ == "__main__":
    main()
