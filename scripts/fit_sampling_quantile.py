#!/usr/bin/env python3
"""Fits the coefficients of org.initlab.core.random.SamplingQuantile and prints them.

Needs mpmath (Debian: apt-get install python3-mpmath). Deterministic; takes a few minutes.

1. Central region |q| <= 0.495 of the standard normal quantile z(q) = sqrt(2) erfinv(2q):
   z = q P(s) / Q(s), s = 0.495^2 - q^2, P of degree 6, Q of degree 6 (then made monic),
   minimising the largest relative error of z, with P(0) fixed so that the error is zero at
   the boundary |q| = 0.495 (s = 0), where the tail formula takes over. Method: Loeb's
   linearised least squares (weights 1 / (|f| Q_previous)^2) with Lawson's reweighting
   (weights times |error|^0.7), on 260 Chebyshev nodes in q^2, at 30 digits; the iteration
   with the smallest largest error is kept. Largest error 9.16e-9, below 2^-25 / 3, so
   floats rounded from z are within one ulp of the correctly rounded quantile.
2. The logarithm's R(w) = w (c1 + c2 w + ... + c6 w^5), with
   log((1 + s) / (1 - s)) = 2s + s R(s^2) for |s| <= 3 - 2 sqrt(2), minimising the largest
   absolute error of s R, the same way with 300 nodes at 50 digits.
3. The split ln 2 = LN2_HIGH + LN2_LOW, LN2_HIGH rounded to 32 bits.
"""
import mpmath as mp


def chebyshev_nodes(lo, hi, n):
    return [(lo + hi) / 2 + (hi - lo) / 2 * mp.cos(mp.pi * (2 * i + 1) / (2 * n))
            for i in range(n)]


def fit_rational(xs, fs, n, m, iterations=80, pinned=None):
    """Near-minimax P/Q (degrees n, m; Q(0) = 1) for the relative error against fs;
    with pinned, P(0) = pinned, so that P/Q is exact at x = 0 when pinned = f(0)."""
    q_previous = [mp.mpf(1)] * len(xs)
    omega = [mp.mpf(1)] * len(xs)
    best = None
    first = 0 if pinned is None else 1
    for iteration in range(iterations):
        size = n + 1 - first + m
        a = mp.matrix(size, size)
        b = mp.matrix(size, 1)
        for x, f, qp, om in zip(xs, fs, q_previous, omega):
            w = om / (abs(f) * qp) ** 2
            row = [x ** k for k in range(first, n + 1)] + [-f * x ** k for k in range(1, m + 1)]
            rhs = f - (pinned if pinned is not None else 0)
            for i in range(size):
                b[i] += w * row[i] * rhs
                for j in range(size):
                    a[i, j] += w * row[i] * row[j]
        solution = mp.lu_solve(a, b)
        p = ([pinned] if pinned is not None else []) + [solution[k] for k in range(n + 1 - first)]
        q = [mp.mpf(1)] + [solution[n + 1 - first + k] for k in range(m)]
        errors = []
        for i, x in enumerate(xs):
            value_p = mp.polyval(p[::-1], x)
            value_q = mp.polyval(q[::-1], x)
            q_previous[i] = value_q
            errors.append((value_p / value_q - fs[i]) / fs[i])
        worst = max(abs(e) for e in errors)
        if best is None or worst < best[0]:
            best = (worst, p, q)
        if iteration >= 5:
            omega = [o * abs(e) ** mp.mpf(0.7) for o, e in zip(omega, errors)]
            total = sum(omega)
            omega = [o / total * len(xs) for o in omega]
    return best


def central():
    mp.mp.dps = 30
    c = mp.mpf('0.495')
    c2 = mp.mpf(float(c * c))  # the double the Java code uses

    def g(r):  # z / q at q^2 = r
        return mp.sqrt(2) * mp.erfinv(2 * mp.sqrt(r)) / mp.sqrt(r)

    rs = chebyshev_nodes(mp.mpf(0), c2, 260)
    fs = [g(r) for r in rs]
    worst, p, q = fit_rational([c2 - r for r in rs], fs, 6, 6, pinned=g(c2))
    lead = q[-1]
    p = [float(v / lead) for v in p]
    q = [float(v / lead) for v in q]
    print('central fit: largest relative error on the nodes', mp.nstr(worst, 4))
    print('P0..P6:', ', '.join(repr(v) for v in p))
    print('Q0..Q5 (Q6 = 1):', ', '.join(repr(v) for v in q[:-1]))
    print('s = %r - q * q' % float(c2))


def logarithm():
    mp.mp.dps = 50
    w_max = (3 - 2 * mp.sqrt(2)) ** 2
    ws = [w_max / 2 * (1 - mp.cos(mp.pi * (i + mp.mpf(0.5)) / 300)) for i in range(300)]

    def exact(w):
        s = mp.sqrt(w)
        return mp.log((1 + s) / (1 - s)) - 2 * s  # = s R(w)

    omega = [mp.mpf(1)] * len(ws)
    best = None
    n = 6
    for iteration in range(60):
        a = mp.matrix(n, n)
        b = mp.matrix(n, 1)
        for w, om in zip(ws, omega):
            row = [mp.sqrt(w) * w ** (k + 1) for k in range(n)]
            for i in range(n):
                b[i] += om * row[i] * exact(w)
                for j in range(n):
                    a[i, j] += om * row[i] * row[j]
        c = mp.lu_solve(a, b)
        errors = [exact(w) - sum(c[k] * mp.sqrt(w) * w ** (k + 1) for k in range(n))
                  for w in ws]
        worst = max(abs(e) for e in errors)
        if best is None or worst < best[0]:
            best = (worst, [c[k] for k in range(n)])
        omega = [o * abs(e) ** mp.mpf(0.7) for o, e in zip(omega, errors)]
        total = sum(omega)
        omega = [o / total * len(ws) for o in omega]
    print('log fit: largest absolute error of s R', mp.nstr(best[0], 4))
    print('R coefficients c1..c6:', ', '.join(float(v).hex() for v in best[1]))


def ln2_split():
    mp.mp.dps = 50
    ln2 = mp.log(2)
    mantissa, exponent = mp.frexp(ln2)
    high = mp.ldexp(mp.floor(mp.ldexp(mantissa, 32) + mp.mpf('0.5')), exponent - 32)
    print('LN2_HIGH', float(high).hex(), 'LN2_LOW', float(ln2 - high).hex())


if __name__ == '__main__':
    central()
    logarithm()
    ln2_split()
