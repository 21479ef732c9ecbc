/*-------------------------------------------------------------------------
 * src/scoring.h
 *    Scoring rules (评分规则): the points a value earns out of a maximum
 *    under a rule, and the capped deduction sums behind checklist scores.
 *
 * Kernel code: plain C, no PostgreSQL headers, so that it can be tested and
 * reused (QC scores, the composite assessment) outside the server.  Callers
 * validate their arguments first with scoring_check_*(), which return NULL
 * when the arguments are valid and otherwise a static message naming what is
 * wrong; the scoring functions assume valid arguments.
 *-------------------------------------------------------------------------
 */
#ifndef MEDALLIANCE_SCORING_H
#define MEDALLIANCE_SCORING_H

#include <stdbool.h>

/*
 * Linear: 0 points at the floor, max_points at the target, linear between,
 * clamped outside.  The direction comes from their order: target > floor
 * means higher is better, target < floor lower is better.  floor != target.
 */
extern double score_linear(double value, double floor, double target, double max_points);

/* Threshold: max_points when value >= threshold (<= when lower is better), else 0. */
extern double score_threshold(double value, double threshold, bool higher_is_better,
							  double max_points);

/*
 * Improvement over a baseline: the gain is value - baseline (percentage
 * points, relative = false) or (value - baseline) / baseline (relative
 * growth, relative = true, baseline > 0); the points are
 * max_points * gain / target_gain clamped to [0, max_points].  A negative
 * target_gain asks for a decrease.  target_gain != 0.
 */
extern double score_improvement(double value, double baseline, double target_gain,
								bool relative, double max_points);

/*
 * Band: max_points inside [low, high], falling linearly to 0 at distance
 * falloff below low or above high.  low <= high, falloff > 0.
 */
extern double score_band(double value, double low, double high, double falloff,
						 double max_points);

/* Argument checks: NULL when valid, else a message. */
extern const char *scoring_check_finite(double x);
extern const char *scoring_check_max_points(double max_points);

/*
 * A Neumaier-compensated sum: the value is sum + comp.  Adding in any order
 * changes the total by about one rounding at most.
 */
static inline void
scoring_kahan_add(double *sum, double *comp, double x)
{
	double		t = *sum + x;

	if ((*sum >= 0 ? *sum : -*sum) >= (x >= 0 ? x : -x))
		*comp += (*sum - t) + x;
	else
		*comp += (x - t) + *sum;
	*sum = t;
}

#endif							/* MEDALLIANCE_SCORING_H */
