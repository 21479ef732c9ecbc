/*-------------------------------------------------------------------------
 * src/proportion.h
 *    Confidence intervals for binomial proportions and their differences.
 *
 * Kernel code: plain C, no PostgreSQL headers, so it can be unit-tested and
 * fuzzed outside the server.  Callers validate their arguments; these
 * functions assume 0 <= x <= n, n > 0 and 0 < level < 1.
 *-------------------------------------------------------------------------
 */
#ifndef MEDALLIANCE_PROPORTION_H
#define MEDALLIANCE_PROPORTION_H

#include <stdint.h>

typedef enum ProportionCiMethod
{
	PROPORTION_CI_WILSON,			/* Wilson score interval */
	PROPORTION_CI_CLOPPER_PEARSON,	/* exact, from beta quantiles */
	PROPORTION_CI_JEFFREYS			/* equal-tailed Beta(x+1/2, n-x+1/2) */
} ProportionCiMethod;

/* Upper-tail standard normal quantile z with P(Z > z) = tail. */
extern double normal_upper_quantile(double tail);

/* Two-sided interval for x successes in n trials at the given level. */
extern void proportion_ci(int64_t x, int64_t n, double level,
						  ProportionCiMethod method,
						  double *lower, double *upper);

/*
 * Difference p1 - p2 of two independent proportions with Newcombe's hybrid
 * score interval (method 10 of Newcombe 1998), built from Wilson intervals.
 */
extern void proportion_difference_newcombe(int64_t x1, int64_t n1,
										   int64_t x2, int64_t n2,
										   double level, double *difference,
										   double *lower, double *upper);

#endif							/* MEDALLIANCE_PROPORTION_H */
