/*-------------------------------------------------------------------------
 * src/scoring.c
 *    Scoring rules (kernel, no SQL): linear, threshold, improvement, band.
 *
 * Every rule maps a value to points in [0, max_points]; none extrapolates
 * beyond its ends (a value beyond the target earns max_points, never more).
 *-------------------------------------------------------------------------
 */
#include "scoring.h"

#include <math.h>
#include <stddef.h>

/* The fraction t clamped to [0, 1]. */
static inline double
clamp01(double t)
{
	if (t <= 0.0)
		return 0.0;
	if (t >= 1.0)
		return 1.0;
	return t;
}

double
score_linear(double value, double floor, double target, double max_points)
{
	/* (value - floor) / (target - floor) has the right sign in both directions */
	double		num = value - floor;
	double		den = target - floor;

	/*
	 * A difference of two finite doubles can overflow (1e308 - -1e308), and
	 * inf / inf is NaN, which no clamp catches (found by
	 * test/fuzz/kernels_fuzz.c): the ratio of the halves is the same ratio,
	 * and their differences are finite.
	 */
	if (isinf(num) || isinf(den))
	{
		num = value / 2.0 - floor / 2.0;
		den = target / 2.0 - floor / 2.0;
	}
	return max_points * clamp01(num / den);
}

double
score_threshold(double value, double threshold, bool higher_is_better, double max_points)
{
	bool		reached = higher_is_better ? value >= threshold : value <= threshold;

	return reached ? max_points : 0.0;
}

double
score_improvement(double value, double baseline, double target_gain, bool relative,
				  double max_points)
{
	double		gain = relative ? (value - baseline) / baseline : value - baseline;

	return max_points * clamp01(gain / target_gain);
}

double
score_band(double value, double low, double high, double falloff, double max_points)
{
	double		distance;

	if (value < low)
		distance = low - value;
	else if (value > high)
		distance = value - high;
	else
		return max_points;
	return max_points * clamp01(1.0 - distance / falloff);
}

const char *
scoring_check_finite(double x)
{
	if (isnan(x))
		return "is NaN";
	if (isinf(x))
		return "is infinite";
	return NULL;
}

const char *
scoring_check_max_points(double max_points)
{
	const char *bad = scoring_check_finite(max_points);

	if (bad)
		return bad;
	if (max_points < 0.0)
		return "is negative";
	return NULL;
}
