/*-------------------------------------------------------------------------
 * src/proportion.c
 *    Confidence intervals for binomial proportions (kernel, no SQL).
 *
 * Wilson: the two roots of (n + z^2) p^2 - (2x + z^2) p + x^2/n = 0.  The
 * upper root is a sum of positive terms; the lower one is taken from the
 * product of the roots, x^2 / (n (n + z^2)), so that neither bound suffers
 * cancellation, and x = 0 gives exactly 0 (x = n exactly 1).
 *
 * Clopper-Pearson and Jeffreys need quantiles of the beta distribution.
 * libRmath's qbeta is not used: for shape parameters near the top of the
 * bigint range it returns NaN or bounds off by 10% (Jeffreys at
 * 4611686018427387903/9223372036854775807, Clopper-Pearson at x = n - 1,
 * n = 2^63 - 1), and it writes "qbeta(a, *) =: x0 ... is not accurate" to
 * the server's stderr.  Instead beta_quantile() below solves
 * log P(Y <= y) = log p (or the upper tail) itself, with Newton steps on
 * log y safeguarded by a bracket, taking only the distribution function
 * pbeta from libRmath (TOMS 708 in log scale: its asymptotic expansions
 * stay accurate for huge shapes, and it reports nothing).  The root is
 * always sought on the side of 1/2 where it lies, as y or as 1 - y, so a
 * bound near 1 keeps the relative accuracy of its distance to 1.
 *
 * Clopper-Pearson at x = 0, 1, n - 1 and n has closed forms, computed with
 * log1p/expm1: lower(n) = h^(1/n), upper(0) = 1 - h^(1/n),
 * lower(1) = 1 - (1 - h)^(1/n), upper(n - 1) = (1 - h)^(1/n), h = (1 - level)/2.
 *-------------------------------------------------------------------------
 */
#include "proportion.h"

#include <float.h>
#include <math.h>
#include <stdbool.h>

#define MATHLIB_STANDALONE
#include <Rmath.h>

/* Newton steps and bisections allowed in one quantile; 70 are ever needed. */
#define BETA_QUANTILE_MAX_STEPS 400

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

/*
 * The y in (0, 1/2] with log T(y) = log_p, where T(y) = P(Y <= y) when
 * lower_tail, else P(Y > y), for Y ~ Beta(a, b); the caller has checked that
 * the root is not above 1/2.
 *
 * With u = log y, h(u) = +-(log T(e^u) - log_p) increases in u and its slope
 * is y f(y) / T(y) (f the density).  The bracket (u_lo, u_hi] always holds
 * the root; a Newton step that leaves it, or is not a number, is replaced by
 * a bisection (an expanding step down while no lower end is known).  The
 * answer is finite and inside (0, 1/2] whatever pbeta returns.
 */
static double
beta_quantile_below_half(double log_p, double a, double b, bool lower_tail)
{
	double		sign = lower_tail ? 1.0 : -1.0;
	double		u_lo = -INFINITY;
	double		u_hi = log(0.5);
	double		expand = 1.0;
	double		mean = a / (a + b);
	double		sd = sqrt(mean * (1.0 - mean) / (a + b + 1.0));
	double		y0;
	double		u;
	int			step;

	/* start from the normal approximation, or the mean if it is off range */
	y0 = lower_tail ? mean - sd * qnorm(log_p, 0.0, 1.0, 0, 1)
		: mean + sd * qnorm(log_p, 0.0, 1.0, 0, 1);
	if (!(y0 > 0.0 && y0 < 0.5))
		y0 = (mean < 0.5) ? mean : 0.25;
	u = log(y0);

	for (step = 0; step < BETA_QUANTILE_MAX_STEPS; step++)
	{
		double		y = exp(u);
		double		log_t = pbeta(y, a, b, lower_tail ? 1 : 0, 1);
		double		h = sign * (log_t - log_p);
		double		u_next;

		if (h == 0.0)
			return y;
		if (h < 0.0)
			u_lo = u;
		else
			u_hi = u;			/* also when h is NaN: keeps the answer bounded */
		if (u_hi - u_lo <= 4.0 * DBL_EPSILON * fmax(1.0, fabs(u_hi)))
			break;

		u_next = u - h / exp(u + dbeta(y, a, b, 1) - log_t);
		if (!(u_next > u_lo && u_next < u_hi))
		{
			if (isinf(u_lo))
			{
				u_next = u_hi - expand;
				expand *= 2.0;
			}
			else
				u_next = u_lo + (u_hi - u_lo) / 2.0;
		}
		if (fabs(u_next - u) <= 2.0 * DBL_EPSILON * fmax(1.0, fabs(u)))
			return exp(u_next);
		u = u_next;
	}
	return isinf(u_lo) ? exp(u_hi) : exp(u_lo + (u_hi - u_lo) / 2.0);
}

/*
 * Quantile of Beta(a, b): the y with P(Y <= y) = p when lower_tail, else
 * P(Y > y) = p; 0 < p < 1, a > 0, b > 0.  A root above 1/2 is found as
 * 1 - y', y' the quantile of 1 - Y ~ Beta(b, a) in the other tail.
 */
static double
beta_quantile(double p, double a, double b, bool lower_tail)
{
	double		log_p = log(p);
	double		at_half = pbeta(0.5, a, b, lower_tail ? 1 : 0, 1);
	bool		below_half = lower_tail ? (at_half >= log_p) : (at_half <= log_p);

	if (below_half)
		return beta_quantile_below_half(log_p, a, b, lower_tail);
	return 1.0 - beta_quantile_below_half(log_p, b, a, !lower_tail);
}

static double
clamp_unit(double v)
{
	return (v < 0.0) ? 0.0 : (v > 1.0) ? 1.0 : v;
}

void
proportion_ci(int64_t x, int64_t n, double level, ProportionCiMethod method,
			  double *lower, double *upper)
{
	double		half_alpha = (1.0 - level) / 2.0;
	double		xd = (double) x;
	double		nd = (double) n;
	double		failures = (double) (n - x);

	switch (method)
	{
		case PROPORTION_CI_WILSON:
			wilson_interval(x, n, normal_upper_quantile(half_alpha), lower, upper);
			break;
		case PROPORTION_CI_CLOPPER_PEARSON:
			if (x == 0)
				*lower = 0.0;
			else if (x == n)
				*lower = exp(log(half_alpha) / nd);
			else if (x == 1)
				*lower = -expm1(log1p(-half_alpha) / nd);
			else
				*lower = beta_quantile(half_alpha, xd, failures + 1.0, true);
			if (x == n)
				*upper = 1.0;
			else if (x == 0)
				*upper = -expm1(log(half_alpha) / nd);
			else if (x == n - 1)
				*upper = exp(log1p(-half_alpha) / nd);
			else
				*upper = beta_quantile(half_alpha, xd + 1.0, failures, false);
			break;
		case PROPORTION_CI_JEFFREYS:
			/* the usual boundary rule: 0 at x = 0, 1 at x = n */
			*lower = (x == 0) ? 0.0
				: beta_quantile(half_alpha, xd + 0.5, failures + 0.5, true);
			*upper = (x == n) ? 1.0
				: beta_quantile(half_alpha, xd + 0.5, failures + 0.5, false);
			break;
	}
	*lower = clamp_unit(*lower);
	*upper = clamp_unit(*upper);
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
