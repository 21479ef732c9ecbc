/*-------------------------------------------------------------------------
 * src/funnel.c
 *    Funnel-plot control limits (kernel, no SQL).
 *-------------------------------------------------------------------------
 */
#include "funnel.h"

#include <math.h>

#define MATHLIB_STANDALONE
#include <Rmath.h>

#include "dispersion.h"

/*
 * The smallest r in [0, n] with P(R <= r) >= p, R ~ Bin(n, theta), found with
 * pbinom from the Cornish-Fisher approximation: steps of 1, 2, 4, ... away
 * from it until the answer is bracketed, then bisection.  (libRmath's own
 * qbinom, in the version Debian 12 ships, returns far too small quantiles in
 * the lower tail for theta near 1 and large n, e.g. n = 5531, theta = 0.999.)
 * Steps of one alone never ended beyond 2^53, where r - 1 == r in double:
 * n = 2^62 at theta = 0.5 hung the backend, beyond reach of a cancel.  The
 * answer is the same; past 2^53 it is as exact as a double holds it.
 */
static double
binomial_quantile(double n, double theta, double p)
{
	double		sigma = sqrt(n * theta * (1.0 - theta));
	double		z = qnorm(p, 0.0, 1.0, 1, 0);
	double		skew = (1.0 - 2.0 * theta) / sigma;
	/* Cornish-Fisher start: usually within a step or two of the answer */
	double		r = floor(n * theta + sigma * (z + (z * z - 1.0) * skew / 6.0) + 0.5);
	double		lo;
	double		hi;
	double		step;

	if (r < 0.0 || isnan(r))
		r = 0.0;
	if (r > n)
		r = n;

	/* bracket: P(R <= lo) < p <= P(R <= hi), lo = -1 standing for "below 0" */
	step = 1.0;
	if (pbinom(r, n, theta, 1, 0) >= p)
	{
		hi = r;
		lo = r - step;
		while (lo >= 0.0 && pbinom(lo, n, theta, 1, 0) >= p)
		{
			hi = lo;
			step *= 2.0;
			lo = r - step;
		}
		if (lo < 0.0)
			lo = -1.0;
	}
	else
	{
		lo = r;
		hi = r + step;
		while (hi < n && pbinom(hi, n, theta, 1, 0) < p)
		{
			lo = hi;
			step *= 2.0;
			hi = r + step;
		}
		if (hi > n)
			hi = n;				/* P(R <= n) = 1 >= p */
	}
	/* bisect down to neighbours, or to what a double can tell apart */
	while (hi - lo > 1.0)
	{
		double		mid = floor(lo + (hi - lo) / 2.0);

		if (mid <= lo || mid >= hi)
			break;
		if (pbinom(mid, n, theta, 1, 0) >= p)
			hi = mid;
		else
			lo = mid;
	}
	return hi;
}

double
funnel_exact_limit(int64_t n, double theta, double p)
{
	double		nd = (double) n;
	double		r;
	double		cdf_r;
	double		pmf_r;
	double		alpha;
	double		limit;

	if (theta <= 0.0)
		return 0.0;
	if (theta >= 1.0)
		return 1.0;
	r = binomial_quantile(nd, theta, p);
	cdf_r = pbinom(r, nd, theta, 1, 0);
	pmf_r = dbinom(r, nd, theta, 0);
	alpha = (pmf_r > 0.0) ? (cdf_r - p) / pmf_r : 0.0;
	limit = (r - alpha) / nd;
	return limit < 0.0 ? 0.0 : limit;
}

double
funnel_normal_limit(int64_t n, double theta, double z, double phi)
{
	return theta + z * sqrt(phi * theta * (1.0 - theta) / (double) n);
}

double
funnel_z(double level)
{
	return qnorm((1.0 + level) / 2.0, 0.0, 1.0, 1, 0);
}

/* The q-quantile of n sorted values, linear between order statistics. */
static double
sorted_quantile(const double *z, size_t n, double q)
{
	double		h = q * (double) (n - 1);
	size_t		lo = (size_t) floor(h);
	size_t		hi = lo + 1 < n ? lo + 1 : lo;

	return z[lo] + (h - (double) lo) * (z[hi] - z[lo]);
}

double
funnel_overdispersion(double *z, size_t n)
{
	double		lo,
				hi,
				sum = 0.0;
	size_t		i;

	dispersion_sort(z, n);
	lo = sorted_quantile(z, n, 0.1);
	hi = sorted_quantile(z, n, 0.9);
	for (i = 0; i < n; i++)
	{
		double		w = z[i] < lo ? lo : (z[i] > hi ? hi : z[i]);

		sum += w * w;
	}
	return sum / (double) n;
}
