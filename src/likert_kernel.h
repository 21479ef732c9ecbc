/*-------------------------------------------------------------------------
 * src/likert_kernel.h
 *    Statistics of a Likert distribution: the counts of the answers on one
 *    scale of 2 to 11 points, lowest .. lowest + points - 1.
 *
 * Kernel code: plain C, no PostgreSQL headers, so it can be unit-tested and
 * fuzzed outside the server.  Callers validate their arguments; these
 * functions assume 2 <= points <= LIKERT_MAX_POINTS, counts[i] >= 0 and a
 * total n = sum(counts) that fits in int64_t.
 *-------------------------------------------------------------------------
 */
#ifndef MEDALLIANCE_LIKERT_KERNEL_H
#define MEDALLIANCE_LIKERT_KERNEL_H

#include <stdint.h>

#define LIKERT_MIN_POINTS	2
#define LIKERT_MAX_POINTS	11

/* n = sum of the counts. */
extern int64_t likert_n(const int64_t *counts, int points);

/* Mean answer (n > 0). */
extern double likert_mean(const int64_t *counts, int points, int lowest);

/* 100 * (mean - lowest) / (highest - lowest), in [0, 100] (n > 0). */
extern double likert_score_100(const int64_t *counts, int points);

/* Sample variance of the answers, divisor n - 1 (n > 1). */
extern double likert_variance(const int64_t *counts, int points);

/* Two-sided t interval of the mean: mean -/+ t(1 - (1 - level)/2, n - 1) * s / sqrt(n) (n > 1). */
extern void likert_mean_ci(const int64_t *counts, int points, int lowest, double level,
						   double *lower, double *upper);

/* Net promoter score in points, 100 * (#9..10 - #0..6) / n, for the 0..10 scale (n > 0). */
extern double likert_nps(const int64_t *counts);

/* The p-quantile of Student's t distribution with df degrees of freedom (0 < p < 1, df > 0). */
extern double student_t_quantile(double p, double df);

#endif							/* MEDALLIANCE_LIKERT_KERNEL_H */
