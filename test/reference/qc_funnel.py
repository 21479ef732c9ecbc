#!/usr/bin/python3
"""Reference values for the funnel-plot limits, computed at test time by an
independent implementation: Debian's python3-scipy (binomial and normal
distributions) and python3-numpy (percentiles).

Writes into the directory given as the only argument:
  qc_funnel_limits.csv  n, target, level, lower_exact, upper_exact, lower_normal, upper_normal
      exact (Spiegelhalter 2005, appendix A.1.1): r_p = binom.ppf(p, n, target),
      alpha = (binom.cdf(r_p) - p) / binom.pmf(r_p), limit (r_p - alpha) / n, with
      p = (1 - level)/2 (lower, and a value below 0 set to 0) and (1 + level)/2 (upper);
      normal: target -/+ norm.ppf((1 + level)/2) * sqrt(target (1 - target) / n).
  qc_funnel_units.csv   partition, unit, numerator, denominator        (random units)
  qc_funnel_points.csv  partition, unit, pooled, phi, z, inner_lower, inner_upper,
                        outer_lower, outer_upper, zone, od_inner_lower, od_inner_upper,
                        od_outer_lower, od_outer_upper, od_zone
      pooled = sum x / sum n; z-scores against it; phi = mean of z^2 after clipping z
      to its numpy.percentile 10 and 90 (linear); 'od_' limits are the normal ones
      widened by sqrt(max(phi, 1)).  Levels 0.95 and 0.998.
"""
import csv
import math
import os
import sys

import numpy as np
from scipy.stats import binom, norm


def exact(n, theta, p):
    r = binom.ppf(p, n, theta)
    a = (binom.cdf(r, n, theta) - p) / binom.pmf(r, n, theta)
    return max(0.0, (r - a) / n)


def normal(n, theta, z, phi=1.0):
    return theta + z * math.sqrt(phi * theta * (1 - theta) / n)


def zone(rate, il, iu, ol, ou):
    if rate > ou:
        return "above_outer"
    if rate > iu:
        return "above_inner"
    if rate < ol:
        return "below_outer"
    if rate < il:
        return "below_inner"
    return "within"


def main(outdir):
    rng = np.random.default_rng(20261131)
    with open(os.path.join(outdir, "qc_funnel_limits.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["n", "target", "level", "lower_exact", "upper_exact", "lower_normal", "upper_normal"])
        ns = [1, 2, 3, 5, 10, 20, 50, 100, 1000, 10 ** 4, 10 ** 5, 10 ** 6]
        ns += [int(v) for v in np.unique(np.round(10 ** rng.uniform(0, 6, 400)))]
        for n in ns:
            for _ in range(3):
                theta = float(rng.choice([0.001, 0.02, 0.1, 0.5, 0.9, 0.999])) if rng.uniform() < 0.3 \
                    else float(round(rng.uniform(0.0005, 0.9995), 6))
                level = float(rng.choice([0.95, 0.998, 0.8, 0.99]))
                z = norm.ppf((1 + level) / 2)
                w.writerow([n, repr(theta), repr(level),
                            repr(exact(n, theta, (1 - level) / 2)), repr(exact(n, theta, (1 + level) / 2)),
                            repr(normal(n, theta, -z)), repr(normal(n, theta, z))])

    zi, zo = norm.ppf(0.975), norm.ppf(0.999)
    with open(os.path.join(outdir, "qc_funnel_units.csv"), "w", newline="") as fu, \
         open(os.path.join(outdir, "qc_funnel_points.csv"), "w", newline="") as fp:
        wu = csv.writer(fu)
        wp = csv.writer(fp)
        wu.writerow(["partition", "unit", "numerator", "denominator"])
        wp.writerow(["partition", "unit", "pooled", "phi", "z", "inner_lower", "inner_upper",
                     "outer_lower", "outer_upper", "zone", "od_inner_lower", "od_inner_upper",
                     "od_outer_lower", "od_outer_upper", "od_zone"])
        for part in range(1, 9):
            units = int(rng.integers(5, 200))
            base = float(rng.uniform(0.02, 0.6))
            spread = float(rng.choice([0.0, 0.02, 0.1]))
            ns = rng.integers(1, 5000, units)
            ps = np.clip(base + spread * rng.standard_normal(units), 0, 1)
            xs = rng.binomial(ns, ps)
            if part == 1:
                xs[0] = 0            # a zero numerator, explicitly
            pooled = xs.sum() / ns.sum()
            zs = (xs / ns - pooled) / np.sqrt(pooled * (1 - pooled) / ns)
            lo, hi = np.percentile(zs, 10), np.percentile(zs, 90)
            phi = float(np.mean(np.clip(zs, lo, hi) ** 2))
            phi_used = max(phi, 1.0)
            for u in range(units):
                n, x = int(ns[u]), int(xs[u])
                wu.writerow([part, u + 1, x, n])
                lims = [exact(n, pooled, 0.025), exact(n, pooled, 0.975),
                        exact(n, pooled, 0.001), exact(n, pooled, 0.999)]
                od = [normal(n, pooled, -zi, phi_used), normal(n, pooled, zi, phi_used),
                      normal(n, pooled, -zo, phi_used), normal(n, pooled, zo, phi_used)]
                rate = x / n
                wp.writerow([part, u + 1, repr(float(pooled)), repr(phi), repr(float(zs[u]))]
                            + [repr(float(v)) for v in lims] + [zone(rate, *lims)]
                            + [repr(float(v)) for v in od] + [zone(rate, *od)])


if __name__ == "__main__":
    main(sys.argv[1])
