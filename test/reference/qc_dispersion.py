#!/usr/bin/python3
"""Reference values for the homogeneity aggregates, computed at test time by
an independent implementation: Debian's python3-numpy.

Writes into the directory given as the only argument:
  qc_dispersion_values.csv  set_id, value            (the random data sets)
  qc_dispersion.csv         set_id, n, mean, sd, cv, min, max, gini
      sd: numpy.std(ddof=1); cv: sd / mean;
      gini: the pairwise definition sum_ij |x_i - x_j| / (2 n^2 mean), from
      the full matrix of differences (not the sorted formula the extension uses).
The sets are drawn from a seeded generator, so every run checks the same ones.
"""
import csv
import os
import sys

import numpy as np


def data_sets(rng):
    sizes = [1, 2, 3, 5, 10, 37, 100, 500, 1000, 2000]
    sets = []
    for n in sizes:
        sets.append(rng.uniform(0, 100, n))                      # scores 0-100
        sets.append(rng.lognormal(3, 1, n))                      # skewed volumes
        sets.append(np.round(rng.uniform(60, 90, n)))             # many ties
        sets.append(rng.uniform(0, 1, n) * (rng.uniform(0, 1, n) < 0.7))  # zeros
    sets.append(np.full(50, 87.5))                               # zero variance
    sets.append(np.full(7, 0.1))                                 # zero variance, inexact
    sets.append(1e6 + rng.uniform(0, 1, 300))                    # large mean, small spread
    sets.append(np.array([0.0, 0.0, 0.0, 5.0]))                  # concentrated
    return sets


def main(outdir):
    rng = np.random.default_rng(20261130)
    with open(os.path.join(outdir, "qc_dispersion_values.csv"), "w", newline="") as fv, \
         open(os.path.join(outdir, "qc_dispersion.csv"), "w", newline="") as fr:
        wv = csv.writer(fv)
        wr = csv.writer(fr)
        wv.writerow(["set_id", "value"])
        wr.writerow(["set_id", "n", "mean", "sd", "cv", "min", "max", "gini"])
        for set_id, x in enumerate(data_sets(rng), start=1):
            x = np.asarray(x, dtype=np.float64)
            for v in x:
                wv.writerow([set_id, repr(float(v))])
            n = x.size
            mean = float(np.mean(x))
            sd = float(np.std(x, ddof=1)) if n > 1 else None
            cv = sd / mean if sd is not None and mean > 0 else None
            total_diff = float(np.abs(x[:, None] - x[None, :]).sum())
            gini = total_diff / (2.0 * n * n * mean) if mean > 0 else None
            wr.writerow([set_id, n, repr(mean), "" if sd is None else repr(sd),
                         "" if cv is None else repr(cv), repr(float(x.min())), repr(float(x.max())),
                         "" if gini is None else repr(gini)])


if __name__ == "__main__":
    main(sys.argv[1])
