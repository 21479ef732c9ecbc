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
 * the server's log.  Instead beta_quantile() below solves
 * log P(Y <= y) = log p (or the upper tail) itself, with Newton steps on
 * log y safeguarded by a bracket, taking only the distribution function
 * pbeta from libRmath (TOMS 708 in log scale: its asymptotic expansions
 * stay accurate for huge shapes).  pbeta too prints (with printf) when it
 * underflows, far out in a tail, so it is never asked about such points.
 * The root is always sought on the side of 1/2 where it lies, as y or as
 * 1 - y, so a bound near 1 keeps the relative accuracy of its distance to 1.
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

/*
 * Newton steps and bisections allowed in one quantile: a safety net; a
 * million random rates and levels (0, 1) needed at most 39.
 */
#define BETA_QUANTILE_MAX_STEPS 400

double
normal_upper_quantile(double tail)
{
	return qnorm(tail, 0.0, 1.0, /* lower_tail */ 0, /* log_p */ 0);
}

/*
 * Wilson score interval.  The interval of n - x is the mirror image of that
 * of x, and above n/2 it is taken so: a bound near 1 is then 1 minus a small
 * number known to full relative precision, and does not round below x/n
 * (the direct form put the upper bound of 9007199254740991/9007199254740992
 * two units in the last place below the rate).
 */
static void
wilson_interval(int64_t x, int64_t n, double z, double *lower, double *upper)
{
	double		xd;
	double		nd = (double) n;
	double		failures;
	double		z2 = z * z;
	double		hi;
	double		lo;
	bool		mirrored = (x > n - x);

	if (mirrored)
		x = n - x;
	xd = (double) x;
	failures = (double) (n - x);
	hi = (2.0 * xd + z2 + z * sqrt(z2 + 4.0 * xd * (failures / nd)))
		/ (2.0 * (nd + z2));
	lo = (x == 0) ? 0.0 : (xd / nd) * (xd / ((nd + z2) * hi));
	*lower = mirrored ? 1.0 - hi : lo;
	*upper = mirrored ? 1.0 - lo : hi;
}

/*
 * The y in (0, 1/2] with log T(y) = log_p, where T(y) = P(Y <= y) when
 * lower_tail, else P(Y > y), for Y ~ Beta(a, b); the caller has checked that
 * the root is not above 1/2.
 *
 * With u = log y, h(u) = +-(log T(e^u) - log_p) increases in u and its slope
 * is y f(y) / T(y) (f the density).  Newton steps start from the normal
 * approximation; the bracket (y_lo, y_hi) always holds the root.  A step that
 * leaves the bracket, or is not a number, is replaced by a bisection of the
 * bracket once both ends have been evaluated, else by a step towards the
 * root that doubles each time, starting at a quarter of the relative spread
 * of the distribution: pbeta is never asked about a point far out in a
 * tail, where it underflows and says so on stdout.  The answer is finite and
 * inside (0, 1/2] whatever pbeta returns.
 */
static double
beta_quantile_below_half(double log_p, double a, double b, bool lower_tail)
{
	double		sign = lower_tail ? 1.0 : -1.0;
	double		y_lo = 0.0;
	double		y_hi = 0.5;
	bool		lo_known = false;
	bool		hi_known = false;
	double		mean = a / (a + b);
	double		sd = sqrt(mean * (1.0 - mean) / (a + b + 1.0));
	double		expand = fmin(1.0, fmax(0.25 * sd / mean, 1e-6));
	double		y;
	int			step;

	/* start from the normal approximation, or the mean if it is off range */
	y = lower_tail ? mean - sd * qnorm(log_p, 0.0, 1.0, 0, 1)
		: mean + sd * qnorm(log_p, 0.0, 1.0, 0, 1);
	if (!(y > 0.0 && y < 0.5))
		y = (mean < 0.5) ? mean : 0.25;

	/* y itself is the state (not log y), so that it keeps its every bit */
	for (step = 0; step < BETA_QUANTILE_MAX_STEPS; step++)
	{
		double		log_t = pbeta(y, a, b, lower_tail ? 1 : 0, 1);
		double		h = sign * (log_t - log_p);
		double		newton;
		double		y_next;

		if (h == 0.0)
			return y;
		if (h < 0.0)
		{
			y_lo = y;
			lo_known = true;
		}
		else
		{
			y_hi = y;			/* also when h is NaN: keeps the answer bounded */
			hi_known = true;
		}
		if (y_hi - y_lo <= 4.0 * DBL_EPSILON * y_hi)
			break;			/* 1/2 is a true upper end even before it is evaluated */

		/* a Newton step in log y: dh/d(log y) = y f(y) / T(y) */
		newton = h / exp(log(y) + dbeta(y, a, b, 1) - log_t);
		y_next = y * exp(-newton);
		if (fabs(newton) <= 2.0 * DBL_EPSILON && y_next > 0.0 && y_next <= 0.5)
			return y_next;
		if (!(y_next > y_lo && y_next < y_hi))
		{
			if (lo_known && hi_known)
				y_next = sqrt(y_lo) * sqrt(y_hi);
			else if (h < 0.0)
				y_next = fmin(y * exp(expand), y + (y_hi - y) / 2.0);
			else
				y_next = y * exp(-expand);
			expand *= 2.0;
		}
		y = y_next;
	}
	return lo_known ? sqrt(y_lo) * sqrt(y_hi) : y_hi;
}

/*
 * Quantile of Beta(a, b): the y with P(Y <= y) = p when lower_tail, else
 * P(Y > y) = p; 0 < p <= 1/2, a > 0, b > 0.
 *
 * The root is sought below 1/2, as y, or as 1 - y' with y' the quantile of
 * 1 - Y ~ Beta(b, a) in the other tail.  Which one, without asking pbeta
 * about 1/2 when 1/2 lies far out in a tail (TOMS 708's bpser then
 * underflows and prints, even when the log of the other tail comes out
 * right): first take the frame with a <= b, whose median is at most 1/2.
 * There a lower-tail root lies below the median.  An upper-tail root lies
 * below 1/2 when P(Y > 1/2) <= p; the sub-Gaussian bound of the beta
 * distribution (variance proxy at most 1/(4(a + b + 1)), Marchal and Arbel
 * 2017) gives P(Y > 1/2) <= exp(-2 (a + b + 1) (1/2 - mean)^2), which
 * settles it when below p; otherwise that bound is at least p >= 2^-54,
 * 1/2 is not far out, and pbeta is asked.
 */
static double
beta_quantile(double p, double a, double b, bool lower_tail)
{
	double		log_p = log(p);
	double		gap;

	if (a > b)
		return 1.0 - beta_quantile(p, b, a, !lower_tail);
	if (lower_tail)
		return beta_quantile_below_half(log_p, a, b, true);
	gap = 0.5 - a / (a + b);
	if (-2.0 * (a + b + 1.0) * gap * gap < log_p ||
		pbeta(0.5, a, b, /* lower_tail */ 0, 1) <= log_p)
		return beta_quantile_below_half(log_p, a, b, false);
	return 1.0 - beta_quantile_below_half(log_p, b, a, true);
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

	/*
	 * The Wilson and Clopper-Pearson intervals contain x/n.  At a level near
	 * 0 both bounds lie within an ulp of it, and their roundings could cross:
	 * at level 1.7e-13 the Wilson lower bound of 11868309586706431 /
	 * 3026418949612513834 came out 1 ulp above the upper (found by
	 * test/fuzz/kernels_fuzz.c).  x/n, rounded, is the bound then.  The
	 * Jeffreys bounds close on the posterior median instead, and cross the
	 * same way (22/40 at level 7.8e-16): both are then their midpoint.
	 */
	if (method != PROPORTION_CI_JEFFREYS)
	{
		double		p = xd / nd;

		if (*lower > p)
			*lower = p;
		if (*upper < p)
			*upper = p;
	}
	else if (*lower > *upper)
		*lower = *upper = *lower / 2.0 + *upper / 2.0;
}

/*
 * The Wilson interval of x/n as distances from the rate, below = p - lower
 * and above = upper - p, and the rate's distance from the nearer end:
 * *small = x/n, or (n - x)/n when x > n/2 (then *mirrored).  Taken on the
 * side of 1/2 where the numbers are small, so that at x = n - 1 of
 * n = 2^63 - 1 the distances keep their size (about 6e-19) instead of
 * rounding to 0 against 1.
 */
static void
wilson_distances(int64_t x, int64_t n, double z, double *small, bool *mirrored,
				 double *below, double *above)
{
	int64_t		k;
	double		lo,
				hi;

	*mirrored = (x > n - x);
	k = *mirrored ? n - x : x;
	wilson_interval(k, n, z, &lo, &hi);
	*small = (double) k / (double) n;
	*below = *mirrored ? hi - *small : *small - lo;
	*above = *mirrored ? *small - lo : hi - *small;
}

void
proportion_difference_newcombe(int64_t x1, int64_t n1, int64_t x2, int64_t n2,
							   double level, double *difference,
							   double *lower, double *upper)
{
	double		z = normal_upper_quantile((1.0 - level) / 2.0);
	double		s1,
				s2,
				below1,
				above1,
				below2,
				above2;
	bool		m1,
				m2;

	wilson_distances(x1, n1, z, &s1, &m1, &below1, &above1);
	wilson_distances(x2, n2, z, &s2, &m2, &below2, &above2);
	/* p1 - p2, from the small ends: (1 - s1) - (1 - s2) = s2 - s1 */
	if (m1 && m2)
		*difference = s2 - s1;
	else
		*difference = (m1 ? 1.0 - s1 : s1) - (m2 ? 1.0 - s2 : s2);
	*lower = *difference - hypot(below1, above2);
	*upper = *difference + hypot(above1, below2);
}
