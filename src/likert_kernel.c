/*-------------------------------------------------------------------------
 * src/likert_kernel.c
 *    Statistics of a Likert distribution (kernel, no SQL).
 *
 * The sums behind the mean and the variance are exact: with the answers
 * shifted to 0 .. points - 1, S1 = sum(k c_k) and S2 = sum(k^2 c_k) are
 * integers, kept in 128 bits, and the variance numerator n S2 - S1^2 is
 * exact too while n <= 2^58.  Only the final divisions round, so a merged
 * state gives bit for bit the statistics of the bulk aggregate, whatever
 * the order of merging.  Beyond 2^58 answers the variance falls back to a
 * two-pass sum in long double.
 *
 * The t quantile comes from R's standalone mathematics library (libRmath),
 * already used for the beta quantiles of the rate intervals.
 *-------------------------------------------------------------------------
 */
#include "likert_kernel.h"

#include <math.h>

#define MATHLIB_STANDALONE
#include <Rmath.h>

#ifdef __SIZEOF_INT128__
typedef __int128 likert_wide;
#define LIKERT_EXACT_VARIANCE_LIMIT	(INT64_C(1) << 58)
#else
typedef long double likert_wide;
#define LIKERT_EXACT_VARIANCE_LIMIT	INT64_C(0)
#endif

int64_t
likert_n(const int64_t *counts, int points)
{
	int64_t		n = 0;
	int			k;

	for (k = 0; k < points; k++)
		n += counts[k];
	return n;
}

/* S1 = sum(k c_k) over the shifted answers k = 0 .. points - 1. */
static likert_wide
first_sum(const int64_t *counts, int points)
{
	likert_wide s = 0;
	int			k;

	for (k = 1; k < points; k++)
		s += (likert_wide) k * counts[k];
	return s;
}

double
likert_mean(const int64_t *counts, int points, int lowest)
{
	long double n = (long double) likert_n(counts, points);

	return (double) ((long double) lowest + (long double) first_sum(counts, points) / n);
}

double
likert_score_100(const int64_t *counts, int points)
{
	long double n = (long double) likert_n(counts, points);

	return (double) (100.0L * (long double) first_sum(counts, points)
					 / (n * (long double) (points - 1)));
}

double
likert_variance(const int64_t *counts, int points)
{
	int64_t		n = likert_n(counts, points);
	long double nl = (long double) n;
	int			k;

	if (n <= LIKERT_EXACT_VARIANCE_LIMIT)
	{
		likert_wide s1 = first_sum(counts, points);
		likert_wide s2 = 0;

		for (k = 1; k < points; k++)
			s2 += (likert_wide) k * k * counts[k];
		return (double) ((long double) ((likert_wide) n * s2 - s1 * s1)
						 / (nl * (nl - 1.0L)));
	}
	else
	{
		long double mean = (long double) first_sum(counts, points) / nl;
		long double m2 = 0.0L;

		for (k = 0; k < points; k++)
			m2 += (long double) counts[k] * (k - mean) * (k - mean);
		return (double) (m2 / (nl - 1.0L));
	}
}

double
student_t_quantile(double p, double df)
{
	return qt(p, df, /* lower_tail */ 1, /* log_p */ 0);
}

void
likert_mean_ci(const int64_t *counts, int points, int lowest, double level,
			   double *lower, double *upper)
{
	double		n = (double) likert_n(counts, points);
	double		mean = likert_mean(counts, points, lowest);
	double		variance = likert_variance(counts, points);
	double		t = qt((1.0 - level) / 2.0, n - 1.0, /* lower_tail */ 0, /* log_p */ 0);
	double		half = t * sqrt(variance / n);

	*lower = mean - half;
	*upper = mean + half;
}

double
likert_nps(const int64_t *counts)
{
	int64_t		n = likert_n(counts, 11);
	int64_t		promoters = counts[9] + counts[10];
	int64_t		detractors = 0;
	int			k;

	for (k = 0; k <= 6; k++)
		detractors += counts[k];
	return (double) (100.0L * ((long double) promoters - (long double) detractors)
					 / (long double) n);
}
