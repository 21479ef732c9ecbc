/*-------------------------------------------------------------------------
 * src/binomial_test.c
 *    One-sample tests of a proportion against a fixed value (kernel, no SQL):
 *    the score (Wald-at-the-null) z test and the exact binomial test.
 *-------------------------------------------------------------------------
 */
#include "binomial_test.h"

#include <math.h>

#define MATHLIB_STANDALONE
#include <Rmath.h>

double
binomial_score_z(double x, double n, double p0)
{
	return (x / n - p0) / sqrt(p0 * (1.0 - p0) / n);
}

double
binomial_score_p_value(double z, BinomialAlternative alternative)
{
	switch (alternative)
	{
		case BINOMIAL_LESS:
			return pnorm(z, 0.0, 1.0, 1, 0);
		case BINOMIAL_GREATER:
			return pnorm(z, 0.0, 1.0, 0, 0);
		case BINOMIAL_TWO_SIDED:
		default:
			return fmin(1.0, 2.0 * pnorm(-fabs(z), 0.0, 1.0, 1, 0));
	}
}

/*
 * On one side of the mode the pmf is monotone: the index i in [lo, hi] with
 * f(i) <= d < f(i + 1), f increasing there (scipy's _binary_search_for_binom_tst).
 */
static double
search_monotone(double n, double p0, double sign, double d, double lo, double hi)
{
	while (lo < hi)
	{
		double		mid = lo + floor((hi - lo) / 2.0);
		double		value = sign * dbinom(mid, n, p0, 0);

		if (value < d)
			lo = mid + 1.0;
		else if (value > d)
			hi = mid - 1.0;
		else
			return mid;
	}
	return sign * dbinom(lo, n, p0, 0) <= d ? lo : lo - 1.0;
}

double
binomial_exact_p_value(double x, double n, double p0, BinomialAlternative alternative)
{
	double		d,
				bound,
				ix,
				y,
				p;

	if (alternative == BINOMIAL_LESS)
		return pbinom(x, n, p0, 1, 0);
	if (alternative == BINOMIAL_GREATER)
		return x <= 0.0 ? 1.0 : pbinom(x - 1.0, n, p0, 0, 0);

	/* two-sided: the outcomes on the other side of the mode no more likely than x */
	d = dbinom(x, n, p0, 0);
	bound = d * (1.0 + 1e-7);
	if (x == p0 * n)
		return 1.0;
	if (x < p0 * n)
	{
		ix = search_monotone(n, p0, -1.0, -bound, ceil(p0 * n), n);
		y = n - ix + (bound == dbinom(ix, n, p0, 0) ? 1.0 : 0.0);
		p = pbinom(x, n, p0, 1, 0) + pbinom(n - y, n, p0, 0, 0);
	}
	else
	{
		ix = search_monotone(n, p0, 1.0, bound, 0.0, floor(p0 * n));
		y = ix + 1.0;
		p = pbinom(y - 1.0, n, p0, 1, 0) + pbinom(x - 1.0, n, p0, 0, 0);
	}
	return fmin(1.0, p);
}
