/*-------------------------------------------------------------------------
 * src/compliance_kernel.c
 *    The arithmetic of six-unifications compliance: adding items, merging
 *    states, dimension and overall scores, and the invariants of a state.
 *    Plain C, no PostgreSQL headers (see compliance_kernel.h).
 *-------------------------------------------------------------------------
 */
#include <math.h>

#include "compliance_kernel.h"

/*
 * Neumaier's compensated addition of x into (*sum, *comp); the value is
 * *sum + *comp.  False when the sum leaves the range of double.
 */
static bool
compensated_add(double *sum, double *comp, double x)
{
	double		t = *sum + x;

	if (isinf(t))
		return false;
	if (fabs(*sum) >= fabs(x))
		*comp += (*sum - t) + x;
	else
		*comp += (x - t) + *sum;
	*sum = t;
	return true;
}

static bool
count_add(int64_t *count, int64_t x)
{
	return !__builtin_add_overflow(*count, x, count);
}

/*
 * Invariants of one dimension as the text and binary forms give it (the two
 * totals as single doubles).  COMPLIANCE_VALID when they hold.
 */
ComplianceViolation
compliance_check_dimension(double score, double weight, int64_t assessed, int64_t met,
						   int64_t not_assessed)
{
	if (!isfinite(score) || !isfinite(weight))
		return COMPLIANCE_SUM_NOT_FINITE;
	if (score < 0.0 || weight < 0.0)
		return COMPLIANCE_SUM_NEGATIVE;
	if (assessed < 0 || met < 0 || not_assessed < 0)
		return COMPLIANCE_COUNT_NEGATIVE;
	if (met > assessed)
		return COMPLIANCE_MET_EXCEEDS_ASSESSED;
	if (assessed == 0 && not_assessed == 0)
		return COMPLIANCE_NO_ITEM;
	if (assessed == 0 && (score != 0.0 || weight != 0.0))
		return COMPLIANCE_SUM_WITHOUT_ITEM;
	if (score > weight * (1.0 + COMPLIANCE_SCORE_SLACK))
		return COMPLIANCE_SCORE_EXCEEDS_WEIGHT;
	return COMPLIANCE_VALID;
}

/* The sentence that says which invariant is broken (no values in it). */
const char *
compliance_violation_text(ComplianceViolation violation)
{
	switch (violation)
	{
		case COMPLIANCE_VALID:
			return "The dimension is valid.";
		case COMPLIANCE_SUM_NOT_FINITE:
			return "The weighted score and the weight must be finite numbers.";
		case COMPLIANCE_SUM_NEGATIVE:
			return "The weighted score and the weight must not be negative.";
		case COMPLIANCE_COUNT_NEGATIVE:
			return "Item counts must not be negative.";
		case COMPLIANCE_MET_EXCEEDS_ASSESSED:
			return "Items met exceed items assessed.";
		case COMPLIANCE_NO_ITEM:
			return "A listed dimension counts at least one item.";
		case COMPLIANCE_SUM_WITHOUT_ITEM:
			return "With no item assessed, the weighted score and the weight must be 0.";
		case COMPLIANCE_SCORE_EXCEEDS_WEIGHT:
			return "The weighted score exceeds the weight; item scores lie in [0, 1].";
	}
	return "Unknown violation.";
}

/* True when every dimension of a state (totals as sum + comp) holds the invariants. */
bool
compliance_state_is_valid(const ComplianceDimension *dims, int ndims)
{
	int			i;

	for (i = 0; i < ndims; i++)
		if (compliance_check_dimension(compliance_score_total(&dims[i]),
									   compliance_weight_total(&dims[i]),
									   dims[i].assessed, dims[i].met,
									   dims[i].not_assessed) != COMPLIANCE_VALID)
			return false;
	return true;
}

/*
 * One checklist item into its dimension: an assessed item adds weight·score
 * and weight and counts as assessed (and met when its score is 1); an item
 * not assessed only counts.  The caller has checked 0 <= score <= 1 and a
 * finite weight >= 0.
 */
ComplianceArith
compliance_add_item(ComplianceDimension *dim, double score, double weight, bool assessed)
{
	if (!assessed)
		return count_add(&dim->not_assessed, 1) ?
			COMPLIANCE_ARITH_OK : COMPLIANCE_ARITH_COUNT_OVERFLOW;
	if (!compensated_add(&dim->score_sum, &dim->score_comp, weight * score) ||
		!compensated_add(&dim->weight_sum, &dim->weight_comp, weight))
		return COMPLIANCE_ARITH_SUM_OVERFLOW;
	if (!count_add(&dim->assessed, 1) || (score == 1.0 && !count_add(&dim->met, 1)))
		return COMPLIANCE_ARITH_COUNT_OVERFLOW;
	return COMPLIANCE_ARITH_OK;
}

/* src into dst: the sums with their compensation terms, and the counts. */
ComplianceArith
compliance_merge_dimension(ComplianceDimension *dst, const ComplianceDimension *src)
{
	if (!compensated_add(&dst->score_sum, &dst->score_comp, src->score_sum) ||
		!compensated_add(&dst->weight_sum, &dst->weight_comp, src->weight_sum))
		return COMPLIANCE_ARITH_SUM_OVERFLOW;
	dst->score_comp += src->score_comp;
	dst->weight_comp += src->weight_comp;
	if (!count_add(&dst->assessed, src->assessed) ||
		!count_add(&dst->met, src->met) ||
		!count_add(&dst->not_assessed, src->not_assessed))
		return COMPLIANCE_ARITH_COUNT_OVERFLOW;
	return COMPLIANCE_ARITH_OK;
}

/* The score 0-100 of a dimension, 100·Σ w·c / Σ w; false when it has none. */
bool
compliance_dimension_score_of(const ComplianceDimension *dim, double *score)
{
	double		weight = compliance_weight_total(dim);

	if (dim->assessed == 0 || weight == 0.0)
		return false;
	*score = 100.0 * (compliance_score_total(dim) / weight);
	return true;
}

/* The mean of the dimension scores there are; false when there is none. */
bool
compliance_mean_score(const ComplianceDimension *dims, int ndims, double *score)
{
	double		sum = 0.0;
	int			scored = 0;
	int			i;

	for (i = 0; i < ndims; i++)
	{
		double		s;

		if (compliance_dimension_score_of(&dims[i], &s))
		{
			sum += s;
			scored++;
		}
	}
	if (scored == 0)
		return false;
	*score = sum / scored;
	return true;
}
