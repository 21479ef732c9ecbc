/*-------------------------------------------------------------------------
 * src/binomial_test.h
 *    One-sample tests of a proportion against a fixed value (kernel, no SQL).
 *-------------------------------------------------------------------------
 */
#ifndef MEDALLIANCE_BINOMIAL_TEST_H
#define MEDALLIANCE_BINOMIAL_TEST_H

typedef enum BinomialAlternative
{
	BINOMIAL_TWO_SIDED,
	BINOMIAL_LESS,
	BINOMIAL_GREATER
} BinomialAlternative;

/* The largest denominator the exact test is computed for: counts stay exact doubles. */
#define BINOMIAL_EXACT_MAX_N 9007199254740992.0	/* 2^53 */

/* The score statistic (x/n - p0) / sqrt(p0 (1 - p0) / n); 0 < p0 < 1, n > 0. */
extern double binomial_score_z(double x, double n, double p0);

/* The p-value of a score statistic under the normal distribution. */
extern double binomial_score_p_value(double z, BinomialAlternative alternative);

/*
 * The exact binomial p-value of x successes in n trials against p0 (0 <= p0
 * <= 1, 0 <= x <= n <= BINOMIAL_EXACT_MAX_N).  Two-sided: the probability of
 * every outcome no more likely than x (relative tolerance 1e-7), as
 * scipy.stats.binomtest computes it.
 */
extern double binomial_exact_p_value(double x, double n, double p0, BinomialAlternative alternative);

#endif
