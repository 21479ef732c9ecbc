#!/usr/bin/python3
"""Reference values for rate_test: scipy.stats.binomtest (the exact test) and
the score z test computed from its formula with scipy.stats.norm, on seeded
random (x, n, target) triples and the edges, for the three alternatives.
Writes test/generated/binomial_test.csv."""
import csv
import math
import os
import random
import sys

from scipy.stats import binomtest, norm

ALTERNATIVES = ["two-sided", "less", "greater"]


def triples(rng, count):
    edges = [(0, 1, 50.0), (1, 1, 50.0), (0, 10, 0.0), (10, 10, 100.0), (3, 10, 0.0), (3, 10, 100.0),
             (5, 10, 50.0), (45, 100, 45.0), (417, 1000, 45.0), (360, 1000, 45.0), (0, 1000, 0.1),
             (1000, 1000, 99.9), (7, 20, 35.0), (123456, 1000000, 12.3456), (1, 3, 100 / 3)]
    out = list(edges)
    while len(out) < count:
        n = int(10 ** rng.uniform(0, 6))
        target = rng.choice([rng.uniform(0, 100), round(rng.uniform(0, 100), 1), rng.choice([5, 30, 45, 78, 90, 95])])
        kind = rng.random()
        if kind < 0.1:
            x = rng.choice([0, n])
        elif kind < 0.6:
            # near the target: the interesting p-values
            x = min(n, max(0, int(round(n * target / 100 + rng.gauss(0, 1) * math.sqrt(n * 0.25)))))
        else:
            x = rng.randint(0, n)
        out.append((x, n, target))
    return out


def main(outdir):
    rng = random.Random(20261130)
    with open(os.path.join(outdir, "binomial_test.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["x", "n", "target_percent", "alternative", "z", "score_p_value", "exact_p_value"])
        for x, n, target in triples(rng, 600):
            p0 = target / 100
            for alt in ALTERNATIVES:
                exact = binomtest(x, n, p0, alternative=alt).pvalue
                if 0 < p0 < 1:
                    z = (x / n - p0) / math.sqrt(p0 * (1 - p0) / n)
                    if alt == "less":
                        sp = norm.cdf(z)
                    elif alt == "greater":
                        sp = norm.sf(z)
                    else:
                        sp = min(1.0, 2 * norm.sf(abs(z)))
                    w.writerow([x, n, repr(target), alt, repr(z), repr(sp), repr(exact)])
                else:
                    w.writerow([x, n, repr(target), alt, "", "", repr(exact)])


if __name__ == "__main__":
    main(sys.argv[1])
