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
 * The smallest r in [0, n] with P(R <= r) >= p, R ~ Bin(n, theta), found by
 * stepping with pbinom from the Cornish-Fisher approximation.  (libRmath's own
 * qbinom, in the version Debian 12 ships, returns far too small quantiles in
 * the lower tail for theta near 1 and large n, e.g. n = 5531, theta = 0.999.)
 */
static double
binomial_quantile(double n, double theta, double p)
{
	double		sigma = sqrt(n * theta * (1.0 - theta));
	double		z = qnorm(p, 0.0, 1.0, 1, 0);
	double		skew = (1.0 - 2.0 * theta) / sigma;
	/* Cornish-Fisher start: usually within a step or two of the answer */
	double		r = floor(n * theta + sigma * (z + (z * z - 1.0) * skew / 6.0) + 0.5);

	if (r < 0.0 || isnan(r))
		r = 0.0;
	if (r > n)
		r = n;
	while (r > 0.0 && pbinom(r - 1.0, n, theta, 1, 0) >= p)
		r -= 1.0;
	while (r < n && pbinom(r, n, theta, 1, 0) < p)
		r += 1.0;
	return r;
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
