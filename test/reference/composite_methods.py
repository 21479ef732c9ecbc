#!/usr/bin/python3
"""Reference values for the composite methods (entropy weights, TOPSIS,
weighted RSR with probit grading), computed at test time by an independent
implementation on Debian's python3-numpy and python3-scipy, written straight
from the textbook definitions (domain/indicators.md, section E):

  forward transform   lower_better: max - x;  band [a, b]: 1 - d / max d
                      (no halving here: every method is scale-invariant)
  entropy             min-max, p = y / sum y, e = -sum p ln p / ln n
  TOPSIS              x' / ||x'||, v = w z, ideal max / min, Euclidean
  RSR                 scipy.stats.rankdata (average ties), WRSR = sum w R / n
  probit              scipy.stats.norm.ppf; regression numpy.polyfit

Writes into the directory given as the only argument:
  composite_units.csv     case_no, unit, vals, kinds, weights  (PostgreSQL
                          array literals; an empty field is NULL)
  composite_expected.csv  case_no, unit, entropy_weights, entropy_score,
                          closeness, rsr, probit, grade3, grade4, grade5
The matrices come from a seeded generator, so every run checks the same ones.
"""
import csv
import os
import sys

import numpy as np
from scipy.stats import norm, rankdata

CUTS = {3: [4.0, 6.0], 4: [3.72, 5.0, 6.28], 5: [3.52, 4.48, 5.52, 6.48]}
TIE = 1e-12


def forward(x, kinds):
    out = np.empty_like(x)
    for j, k in enumerate(kinds):
        col = x[:, j]
        if k[0] == "higher_better":
            out[:, j] = col
        elif k[0] == "lower_better":
            out[:, j] = col.max() - col
        else:
            lo, hi = k[1], k[2]
            d = np.where(col < lo, lo - col, np.where(col > hi, col - hi, 0.0))
            out[:, j] = 1.0 - d / d.max() if d.max() > 0 else 1.0
    return out


def minmax(xf):
    lo, hi = xf.min(axis=0), xf.max(axis=0)
    rng = hi - lo
    y = np.zeros_like(xf)
    ok = rng > 0
    y[:, ok] = (xf[:, ok] - lo[ok]) / rng[ok]
    return y


def entropy_weights(y):
    n, m = y.shape
    d = np.zeros(m)
    for j in range(m):
        s = y[:, j].sum()
        if n < 2 or s <= 0:
            continue
        p = y[:, j] / s
        p = p[p > 0]
        d[j] = 1.0 + (p * np.log(p)).sum() / np.log(n)
    if d.sum() <= 0:
        return np.full(m, 1.0 / m)
    return d / d.sum()


def topsis(xf, w):
    norms = np.sqrt((xf ** 2).sum(axis=0))
    z = np.divide(xf, norms, out=np.zeros_like(xf), where=norms > 0)
    v = z * w
    dplus = np.sqrt(((v - v.max(axis=0)) ** 2).sum(axis=1))
    dminus = np.sqrt(((v - v.min(axis=0)) ** 2).sum(axis=1))
    tot = dplus + dminus
    return np.where(tot > 0, dminus / np.where(tot > 0, tot, 1.0), 0.5)


def wrsr(xf, w):
    n, m = xf.shape
    ranks = np.column_stack([rankdata(xf[:, j], method="average") for j in range(m)])
    out = []
    for i in range(n):
        s = 0.0
        for j in range(m):          # the same order of summation as the kernel
            s += float(w[j]) * float(ranks[i, j])
        out.append(s / n)
    return np.array(out)


def probit_and_fit(r):
    n = len(r)
    order = sorted(range(n), key=lambda i: (r[i], i))
    probit = np.empty(n)
    groups = []                      # (probit, lowest RSR) per distinct value
    start = 0
    while start < n:
        end = start + 1
        while end < n and r[order[end]] - r[order[start]] <= TIE:
            end += 1
        p = 1 - 1 / (4 * n) if end == n else ((start + 1 + end) / 2) / n
        z = 5 + norm.ppf(p)
        for k in range(start, end):
            probit[order[k]] = z
        groups.append((z, r[order[start]]))
        start = end
    fit = None
    if n >= 3 and len(groups) >= 2:
        gx = np.array([g[0] for g in groups])
        gy = np.array([g[1] for g in groups])
        b, a = np.polyfit(gx, gy, 1)
        if b > 0:
            fit = (a, b)
    return probit, fit


def grade(value, fit, grades):
    if fit is None:
        return None
    a, b = fit
    return 1 + sum(1 for c in CUTS[grades] if value >= a + b * c - TIE)


def pg_array(values):
    return "{" + ",".join("NULL" if v is None else repr(float(v)) for v in values) + "}"


def random_case(rng):
    n = int(rng.choice([1, 2, 3, 4, 5, 8, 13, 30, 64, 200]))
    m = int(rng.choice([1, 2, 3, 5, 8]))
    shape = rng.random()
    if shape < 0.3:                  # small integers: many ties
        x = rng.integers(0, 4, size=(n, m)).astype(float)
    elif shape < 0.4:                # every unit identical
        x = np.tile(rng.normal(50, 20, size=m), (n, 1))
    else:
        x = rng.normal(rng.uniform(-100, 100), rng.uniform(0.01, 1e3), size=(n, m))
    if rng.random() < 0.3:           # a column without variance
        x[:, rng.integers(0, m)] = rng.normal()
    kinds = []
    for j in range(m):
        c = rng.random()
        if c < 0.4:
            kinds.append(("higher_better",))
        elif c < 0.7:
            kinds.append(("lower_better",))
        elif c < 0.85:
            a = float(np.round(np.median(x[:, j]), 3))
            kinds.append(("target_value", a, a))
        else:
            q = sorted(float(np.round(v, 3)) for v in rng.choice(x[:, j], 2))
            kinds.append(("target_band", q[0], q[1]))
    weights = None
    if rng.random() < 0.6:
        weights = [float(v) for v in np.round(rng.uniform(0, 10, size=m), 3)]
        if sum(weights) == 0:
            weights[0] = 1.0
        if rng.random() < 0.2:
            weights[rng.integers(0, m)] = 0.0
            if sum(weights) == 0:
                weights[0] = 1.0
    # units left out: a NULL array or a NULL element
    missing = set()
    if n > 2 and rng.random() < 0.3:
        missing = set(int(i) for i in rng.choice(n, size=int(rng.integers(1, 3)), replace=False))
    return x, kinds, weights, missing


def kind_text(k):
    if k[0] == "target_value":
        return "target_value=" + repr(k[1])
    if k[0] == "target_band":
        return "target_band=" + repr(k[1]) + ".." + repr(k[2])
    return k[0]


def main(outdir):
    rng = np.random.default_rng(20261130)
    with open(os.path.join(outdir, "composite_units.csv"), "w", newline="") as fu, \
            open(os.path.join(outdir, "composite_expected.csv"), "w", newline="") as fe:
        wu, we = csv.writer(fu), csv.writer(fe)
        for case_no in range(1, 301):
            x, kinds, weights, missing = random_case(rng)
            n, m = x.shape
            kept = [i for i in range(n) if i not in missing]
            kinds_lit = "{" + ",".join('"' + kind_text(k) + '"' for k in kinds) + "}"
            w_lit = "" if weights is None else pg_array(weights)
            for i in range(n):
                if i in missing:
                    vals = "" if i % 2 == 0 else pg_array([None] + [x[i, j] for j in range(1, m)])
                else:
                    vals = pg_array(x[i])
                wu.writerow([case_no, i + 1, vals, kinds_lit, w_lit])
            if not kept:
                continue
            xs = x[kept]
            xf = forward(xs, kinds)
            y = minmax(xf)
            ew = entropy_weights(y)
            score = 100 * (y * ew).sum(axis=1)
            w = np.full(m, 1.0 / m) if weights is None else np.array(weights) / sum(weights)
            c = topsis(xf, w)
            r = wrsr(xf, w)
            pr, fit = probit_and_fit(r)
            for k, i in enumerate(kept):
                g = [grade(r[k], fit, gg) for gg in (3, 4, 5)]
                we.writerow([case_no, i + 1, pg_array(ew), repr(float(score[k])), repr(float(c[k])),
                             repr(float(r[k])), repr(float(pr[k]))] +
                            ["" if v is None else v for v in g])


if __name__ == "__main__":
    main(sys.argv[1])
