/*-------------------------------------------------------------------------
 * src/proportion.c
 *    Confidence intervals for binomial proportions (kernel, no SQL).
 *
 * Wilson: the two roots of (n + z^2) p^2 - (2x + z^2) p + x^2/n = 0.  The
 * upper root is a sum of positive terms; the lower one is taken from the
 * product of the roots, x^2 / (n (n + z^2)), so that neither bound suffers
 * cancellation, and x = 0 gives exactly 0 (x = n exactly 1).
 *
 * Clopper-Pearson and Jeffreys need quantiles of the beta distribution.  They
 * come from R's standalone mathematics library (libRmath: TOMS 708 for the
 * incomplete beta ratio, Newton steps on the log scale for its inverse),
 * which stays accurate for the huge shape parameters that a bigint
 * denominator allows.
 *-------------------------------------------------------------------------
 */
#include "proportion.h"

#include <math.h>

#define MATHLIB_STANDALONE
#include <Rmath.h>

double
normal_upper_quantile(double tail)
{
	return qnorm(tail, 0.0, 1.0, /* lower_tail */ 0, /* log_p */ 0);
}

/* Wilson score interval. */
static void
wilson_interval(int64_t x, int64_t n, double z, double *lower, double *upper)
{
	double		xd = (double) x;
	double		nd = (double) n;
	double		failures = (double) (n - x);
	double		z2 = z * z;
	double		hi;

	hi = (2.0 * xd + z2 + z * sqrt(z2 + 4.0 * xd * (failures / nd)))
		/ (2.0 * (nd + z2));
	*upper = (x == n) ? 1.0 : hi;
	*lower = (x == 0) ? 0.0 : (xd / nd) * (xd / ((nd + z2) * hi));
}

void
proportion_ci(int64_t x, int64_t n, double level, ProportionCiMethod method,
			  double *lower, double *upper)
{
	double		half_alpha = (1.0 - level) / 2.0;
	double		xd = (double) x;
	double		failures = (double) (n - x);

	switch (method)
	{
		case PROPORTION_CI_WILSON:
			wilson_interval(x, n, normal_upper_quantile(half_alpha), lower, upper);
			break;
		case PROPORTION_CI_CLOPPER_PEARSON:
			*lower = (x == 0) ? 0.0 : qbeta(half_alpha, xd, failures + 1.0, 1, 0);
			*upper = (x == n) ? 1.0 : qbeta(half_alpha, xd + 1.0, failures, 0, 0);
			break;
		case PROPORTION_CI_JEFFREYS:
			*lower = qbeta(half_alpha, xd + 0.5, failures + 0.5, 1, 0);
			*upper = qbeta(half_alpha, xd + 0.5, failures + 0.5, 0, 0);
			break;
	}
}

void
proportion_difference_newcombe(int64_t x1, int64_t n1, int64_t x2, int64_t n2,
							   double level, double *difference,
							   double *lower, double *upper)
{
	double		z = normal_upper_quantile((1.0 - level) / 2.0);
	double		p1 = (double) x1 / (double) n1;
	double		p2 = (double) x2 / (double) n2;
	double		l1,
				u1,
				l2,
				u2;

	wilson_interval(x1, n1, z, &l1, &u1);
	wilson_interval(x2, n2, z, &l2, &u2);
	*difference = p1 - p2;
	*lower = *difference - hypot(p1 - l1, u2 - p2);
	*upper = *difference + hypot(u1 - p1, p2 - l2);
}
