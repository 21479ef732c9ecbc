#!/usr/bin/python3
"""Reference values for the likert type, computed at test time by an
independent implementation: Debian's python3-numpy and python3-scipy.

Writes into the directory given as the only argument:
  likert_answers.csv  grp, lowest, highest, month, answer (empty = NULL)
                      random surveys of several scales, from a seeded generator
  likert_stats.csv    per group: n, mean, score_100, variance, top-1/top-2/top-3
                      box counts, nps (0..10 scales), and the t intervals of the
                      mean and of score_100 at levels 0.95 and 0.8 (numpy mean
                      and var(ddof=1), scipy.stats.t.ppf)
  likert_valid.bin, likert_*.bin
                      binary COPY files of one likert column, written byte by
                      byte from the documented wire form (version byte, lowest
                      byte, points byte, one big-endian int64 per answer): one
                      valid file and files that likert_recv must refuse
"""
import csv
import os
import struct
import sys

import numpy as np
from scipy import stats

SCALES = [(1, 2), (1, 3), (1, 4), (1, 5), (1, 7), (1, 10), (1, 11), (0, 10), (0, 1), (0, 4)]
SIZES = [1, 2, 3, 10, 30, 31, 100, 500, 2000, 6000]
LEVELS = [0.95, 0.8]


def surveys(rng):
    """Groups: every scale with every size, answers drawn from a random
    distribution over the scale (some groups all one answer: zero variance)."""
    groups = []
    grp = 0
    for lowest, highest in SCALES:
        for size in SIZES:
            grp += 1
            points = highest - lowest + 1
            kind = rng.random()
            if kind < 0.12:
                answers = np.full(size, rng.integers(lowest, highest + 1))
            else:
                p = rng.dirichlet(np.full(points, 0.7))
                answers = rng.choice(np.arange(lowest, highest + 1), size=size, p=p)
            months = rng.integers(1, 13, size=size)
            nulls = rng.random(size) < 0.03
            groups.append((grp, lowest, highest, answers, months, nulls))
    return groups


def t_quantile(p, df):
    """scipy's t.ppf, polished by Newton steps on scipy's t.cdf.  SciPy 1.10's
    t.ppf is accurate to about 1e-9 only (for df = 1 it gives 12.7062047364
    where tan(0.475 pi) = 12.70620473617470); its cdf (the incomplete beta
    ratio) is accurate to about 1e-16, so three Newton steps make the quantile
    accurate to about 1e-15 -- checked against the closed forms for df = 1
    and 2 in likert_errors.sql."""
    x = stats.t.ppf(p, df)
    for _ in range(3):
        x -= (stats.t.cdf(x, df) - p) / stats.t.pdf(x, df)
    return x


def interval(values, level):
    n = len(values)
    if n < 2:
        return None, None
    mean = np.mean(values)
    half = t_quantile(1 - (1 - level) / 2, n - 1) * np.sqrt(np.var(values, ddof=1) / n)
    return mean - half, mean + half


def fmt(x):
    return "" if x is None else repr(float(x))


def main(outdir):
    rng = np.random.default_rng(20261130)
    groups = surveys(rng)
    with open(os.path.join(outdir, "likert_answers.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["grp", "lowest", "highest", "month", "answer"])
        for grp, lowest, highest, answers, months, nulls in groups:
            for a, m, isnull in zip(answers, months, nulls):
                w.writerow([grp, lowest, highest, int(m), "" if isnull else int(a)])
    with open(os.path.join(outdir, "likert_stats.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["grp", "lowest", "highest", "n", "mean", "score_100", "variance",
                    "top1", "top2", "top3", "nps", "level", "mean_lower", "mean_upper",
                    "score_lower", "score_upper"])
        for grp, lowest, highest, answers, months, nulls in groups:
            v = answers[~nulls].astype(np.float64)
            n = len(v)
            mean = np.mean(v) if n else None
            score = 100 * (mean - lowest) / (highest - lowest) if n else None
            var = np.var(v, ddof=1) if n > 1 else None
            tops = [int(np.sum(v >= highest - b + 1)) for b in (1, 2, 3)]
            nps = None
            if (lowest, highest) == (0, 10) and n:
                nps = 100 * (np.sum(v >= 9) - np.sum(v <= 6)) / n
            for level in LEVELS:
                lo, up = interval(v, level)
                slo = None if lo is None else 100 * (lo - lowest) / (highest - lowest)
                sup = None if up is None else 100 * (up - lowest) / (highest - lowest)
                w.writerow([grp, lowest, highest, n, fmt(mean), fmt(score), fmt(var)] + tops
                           + [fmt(nps), level, fmt(lo), fmt(up), fmt(slo), fmt(sup)])

    header = b"PGCOPY\n\xff\r\n\0" + struct.pack(">ii", 0, 0)
    trailer = struct.pack(">h", -1)

    def copy_file(*fields):
        body = b"".join(struct.pack(">hi", 1, len(x)) + x for x in fields)
        return header + body + trailer

    def value(version, lowest, points, counts):
        return struct.pack(">BBB", version, lowest, points) + b"".join(struct.pack(">q", c) for c in counts)

    files = {
        "likert_valid.bin": copy_file(value(1, 1, 5, [0, 1, 3, 10, 6]),
                                      value(1, 0, 11, list(range(11))),
                                      value(1, 1, 2, [2 ** 62, 2 ** 62 - 1]),
                                      value(1, 1, 11, [0] * 11)),
        "likert_version0.bin": copy_file(value(0, 1, 5, [0, 1, 3, 10, 6])),
        "likert_version2.bin": copy_file(value(2, 1, 5, [0, 1, 3, 10, 6])),
        "likert_lowest2.bin": copy_file(value(1, 2, 5, [0, 1, 3, 10, 6])),
        "likert_points1.bin": copy_file(value(1, 1, 1, [4])),
        "likert_points12.bin": copy_file(value(1, 0, 12, [1] * 12)),
        "likert_short.bin": copy_file(value(1, 1, 5, [0, 1, 3, 10])),
        "likert_long.bin": copy_file(value(1, 1, 5, [0, 1, 3, 10, 6, 7])),
        "likert_tiny.bin": copy_file(struct.pack(">BB", 1, 1)),
        "likert_negative.bin": copy_file(value(1, 1, 5, [0, 1, -3, 10, 6])),
        "likert_overflow.bin": copy_file(value(1, 1, 3, [2 ** 62, 2 ** 62, 2 ** 62])),
    }
    for name, data in files.items():
        with open(os.path.join(outdir, name), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main(sys.argv[1])
