#!/usr/bin/python3
"""Reference bounds of the rate intervals up to n = 2^63 - 1, computed at test
time with Debian's python3-mpmath at 60 significant digits.

Writes into the directory given as the only argument:
  proportion_extremes.csv   x, n, level, method, lower, upper, how
  newcombe_extremes.csv     x1, n1, x2, n2, level, difference_pp, lower_pp, upper_pp

For n from 1 to 2^63 - 1 (several per decade), x in {0, 1, n//3, n//2, n - 1, n}
and levels 0.8, 0.95 and 0.998:
  wilson           the larger root of (n + z^2) p^2 - (2x + z^2) p + x^2/n = 0 and
                   x^2 / (n (n + z^2) upper), z from mpmath's erfinv;
  clopper_pearson  lower = Beta(x, n - x + 1) quantile at h = (1 - level)/2,
                   upper = Beta(x + 1, n - x) quantile at 1 - h; 0 at x = 0,
                   1 at x = n; closed forms at x = 0, 1, n - 1, n:
                   lower(n) = h^(1/n), upper(0) = 1 - h^(1/n),
                   lower(1) = 1 - (1 - h)^(1/n), upper(n - 1) = (1 - h)^(1/n);
  jeffreys         Beta(x + 1/2, n - x + 1/2) quantiles at h and 1 - h, with the
                   boundary rule lower(0) = 0, upper(n) = 1.
mpmath's betainc (a hypergeometric series) does not converge for shapes much
above 10^5, so the beta quantiles come from mpmath.quad of the beta density
(log-density from loggamma, so nothing overflows) and Newton steps on
log F(e^u); each answer is then checked by one more quadrature from scratch.
The column how says closed_form, quadrature or exact (0 or 1 by definition).

rate_diff's reference is Newcombe's hybrid score interval (method 10 of
Newcombe 1998) from the Wilson bounds above, at 60 digits: for every ordered
pair of rates with n in NEWCOMBE_N and x in {0, 1, n//3, n//2, n - 1, n},
  lower = d - sqrt((p1 - l1)^2 + (u2 - p2)^2),  upper = d + sqrt((u1 - p1)^2 + (p2 - l2)^2),
d = p1 - p2, all times 100 (percentage points).
"""
import csv
import multiprocessing
import os
import sys

import mpmath as mp

DPS = 60
QUAD_METHOD = "tanh-sinh"
LEVELS = ["0.8", "0.95", "0.998"]
N_VALUES = [1, 10, 1000, 10 ** 6, 2 ** 31, 10 ** 10, 10 ** 12, 2 ** 53 - 1, 2 ** 53 + 1,
            10 ** 15, 10 ** 17, 4600000000000000000, 2 ** 62, 2 ** 63 - 1]

NEWCOMBE_N = [1, 10, 2 ** 31, 10 ** 12, 2 ** 53 + 1, 4600000000000000000, 2 ** 63 - 1]


def xs(n):
    return sorted({0, 1, n // 3, n // 2, n - 1, n} & set(range(0, n + 1)) if n < 10
                  else {0, 1, n // 3, n // 2, n - 1, n})


class Beta:
    """Beta(a, b) at mp.mp.dps digits: density, and quantiles by quadrature."""

    def __init__(self, a, b):
        self.a, self.b = a, b
        self.lbeta = mp.loggamma(a) + mp.loggamma(b) - mp.loggamma(a + b)
        self.m = a / (a + b)
        self.sd = mp.sqrt(a * b / ((a + b) ** 2 * (a + b + 1)))
        # below m - 60 sd the density of a near-normal beta is under e^-1800 of its peak
        self.start = self.m - 60 * self.sd if (a > 10 ** 4 and b > 10 ** 4) else mp.mpf(0)
        self.cuts = [self.m + k * self.sd for k in (-30, -15, -8, -4, -2, -1, 0, 1, 2, 4, 8, 15, 30)]
        self.at_mean = self.integral(self.start, self.m)

    def pdf(self, t):
        return mp.exp((self.a - 1) * mp.log(t) + (self.b - 1) * mp.log1p(-t) - self.lbeta)

    def integral(self, lo, hi):
        return mp.quad(self.pdf, [lo] + [c for c in self.cuts if lo < c < hi] + [hi])

    def cdf(self, q):
        return (self.at_mean + self.integral(self.m, q) if q >= self.m
                else self.at_mean - self.integral(q, self.m))

    def lower_quantile(self, p):
        """The q with I_q(a, b) = p (0 < p < 1): Newton steps on log F(e^u)."""
        z = mp.sqrt(2) * mp.erfinv(2 * p - 1)
        q = self.m + z * self.sd if self.start > 0 else self.m
        if not 0 < q < 1:
            q = self.m
        F = self.cdf(q)
        for _ in range(100):
            u_next = mp.log(q) - (mp.log(F) - mp.log(p)) * F / (q * self.pdf(q))
            q_next = mp.exp(u_next)
            if q_next >= 1:
                q_next = (q + 1) / 2
            F = F + self.integral(q, q_next) if q_next > q else F - self.integral(q_next, q)
            done = abs(q_next - q) <= q * mp.mpf(10) ** -35
            q = q_next
            if done:
                break
        else:
            raise RuntimeError("no convergence for Beta(%s, %s) at %s" % (self.a, self.b, p))
        # the increments summed by the Newton steps, checked by a fresh quadrature
        check = self.integral(self.start, q)
        if abs(check - p) > p * mp.mpf(10) ** -30:
            raise RuntimeError("quadrature check failed for Beta(%s, %s) at %s" % (self.a, self.b, p))
        return q


def beta_quantiles(a, b, ps):
    """Quantiles of Beta(a, b) at the lower-tail probabilities ps."""
    if a > b:   # solve where the density is not squeezed against 1: Y = 1 - Beta(b, a)
        return [1 - q for q in beta_quantiles(b, a, [1 - p for p in ps])]
    dist = Beta(a, b)
    return [dist.lower_quantile(p) for p in ps]


def wilson(x, n, level):
    X, N = mp.mpf(x), mp.mpf(n)
    z = mp.sqrt(2) * mp.erfinv(mp.mpf(level))
    up = (2 * X + z * z + z * mp.sqrt(z * z + 4 * X * (N - X) / N)) / (2 * (N + z * z))
    lo = X * X / (N * (N + z * z) * up)
    return lo, (mp.mpf(1) if x == n else up)


def newcombe_row(x1, n1, x2, n2, level):
    mp.mp.dps = DPS
    l1, u1 = wilson(x1, n1, level)
    l2, u2 = wilson(x2, n2, level)
    p1, p2 = mp.mpf(x1) / n1, mp.mpf(x2) / n2
    d = p1 - p2
    lo = d - mp.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2)
    up = d + mp.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)
    return [x1, n1, x2, n2, level] + [repr(float(100 * v)) for v in (d, lo, up)]


def row(args):
    x, n, level, method = args
    mp.mp.dps = DPS
    lv = mp.mpf(level)
    h = (1 - lv) / 2
    N = mp.mpf(n)
    X = mp.mpf(x)
    how = []
    if method == "wilson":
        lo, up = wilson(x, n, level)
        how = ["formula"]
    elif method == "clopper_pearson":
        if x == 0:
            lo = mp.mpf(0); how.append("exact")
        elif x == n:
            lo = h ** (1 / N); how.append("closed_form")
        elif x == 1:
            lo = 1 - (1 - h) ** (1 / N); how.append("closed_form")
        else:
            lo = beta_quantiles(X, N - X + 1, [h])[0]; how.append("quadrature")
        if x == n:
            up = mp.mpf(1); how.append("exact")
        elif x == 0:
            up = 1 - h ** (1 / N); how.append("closed_form")
        elif x == n - 1:
            up = (1 - h) ** (1 / N); how.append("closed_form")
        else:
            up = beta_quantiles(X + 1, N - X, [1 - h])[0]; how.append("quadrature")
    else:
        # the boundary rule: lower(0) = 0 and upper(n) = 1
        half = mp.mpf(1) / 2
        wanted = ([h] if x > 0 else []) + ([1 - h] if x < n else [])
        qs = beta_quantiles(X + half, N - X + half, wanted)
        lo = qs.pop(0) if x > 0 else mp.mpf(0)
        up = qs.pop(0) if x < n else mp.mpf(1)
        how = ["quadrature" if x > 0 else "exact", "quadrature" if x < n else "exact"]
    return [x, n, level, method, repr(float(lo)), repr(float(up)), "/".join(how)]


def main(outdir):
    jobs = [(x, n, level, method) for n in N_VALUES for x in xs(n) for level in LEVELS
            for method in ("wilson", "clopper_pearson", "jeffreys")]
    with multiprocessing.Pool(min(4, os.cpu_count() or 1)) as pool:
        rows = pool.map(row, jobs, chunksize=4)
    with open(os.path.join(outdir, "proportion_extremes.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["x", "n", "level", "method", "lower", "upper", "how"])
        w.writerows(rows)
    rates = [(x, n) for n in NEWCOMBE_N for x in xs(n)]
    with open(os.path.join(outdir, "newcombe_extremes.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["x1", "n1", "x2", "n2", "level", "difference_pp", "lower_pp", "upper_pp"])
        for i, (x1, n1) in enumerate(rates):
            for j, (x2, n2) in enumerate(rates):
                w.writerow(newcombe_row(x1, n1, x2, n2, LEVELS[(i + j) % len(LEVELS)]))


if __name__ == "__main__":
    main(sys.argv[1])
