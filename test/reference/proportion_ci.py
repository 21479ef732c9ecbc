#!/usr/bin/python3
"""Reference values for the rate intervals, computed at test time by an
independent implementation: Debian's python3-statsmodels (on scipy).

Writes into the directory given as the only argument:
  proportion_ci.csv  x, n, level, method, lower, upper
                     (statsmodels proportion_confint: wilson / beta / jeffreys;
                     Jeffreys with the usual boundary rule applied here, as
                     statsmodels leaves it out: lower 0 at x = 0, upper 1 at x = n)
  newcombe.csv       x1, n1, x2, n2, level, difference_pp, lower_pp, upper_pp
                     (statsmodels confint_proportions_2indep, method newcomb)
The pairs are drawn from a seeded generator, so every run checks the same ones.
"""
import csv
import os
import random
import sys

from statsmodels.stats.proportion import (confint_proportions_2indep,
                                          proportion_confint)

METHODS = {"wilson": "wilson", "clopper_pearson": "beta", "jeffreys": "jeffreys"}
LEVELS = [0.5, 0.8, 0.9, 0.95, 0.99, 0.999]


def pairs(rng, count):
    """(x, n) pairs: the edges first, then random ones over n = 1 .. 10^9."""
    big = 10 ** 9
    edges = [(0, 1), (1, 1), (0, 2), (1, 2), (2, 2), (0, 10), (10, 10), (5, 10),
             (0, big), (big, big), (1, big), (big - 1, big), (big // 2, big),
             (3, big), (big - 3, big), (0, 30), (30, 30), (1, 1000), (999, 1000)]
    out = list(edges)
    while len(out) < count:
        n = int(10 ** rng.uniform(0, 9))
        kind = rng.random()
        if kind < 0.15:
            x = rng.choice([0, n])
        elif kind < 0.35:
            x = min(n, rng.randint(0, 5))
        elif kind < 0.45:
            x = max(0, n - rng.randint(0, 5))
        else:
            x = rng.randint(0, n)
        out.append((x, n))
    return out


def level(rng):
    return rng.choice(LEVELS) if rng.random() < 0.7 else round(rng.uniform(0.01, 0.999), 6)


def main(outdir):
    rng = random.Random(20261123)
    with open(os.path.join(outdir, "proportion_ci.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["x", "n", "level", "method", "lower", "upper"])
        for x, n in pairs(rng, 1200):
            lv = level(rng)
            for ours, theirs in METHODS.items():
                lo, up = proportion_confint(x, n, alpha=1 - lv, method=theirs)
                if ours == "jeffreys":
                    lo = 0.0 if x == 0 else lo
                    up = 1.0 if x == n else up
                w.writerow([x, n, repr(lv), ours, repr(float(lo)), repr(float(up))])
    with open(os.path.join(outdir, "newcombe.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["x1", "n1", "x2", "n2", "level", "difference_pp", "lower_pp", "upper_pp"])
        first = pairs(rng, 300)
        second = pairs(rng, 300)
        rng.shuffle(second)
        for (x1, n1), (x2, n2) in zip(first, second):
            lv = level(rng)
            lo, up = confint_proportions_2indep(x1, n1, x2, n2, method="newcomb",
                                                compare="diff", alpha=1 - lv)
            w.writerow([x1, n1, x2, n2, repr(lv), repr(100.0 * (x1 / n1 - x2 / n2)),
                        repr(100.0 * float(lo)), repr(100.0 * float(up))])


if __name__ == "__main__":
    main(sys.argv[1])
