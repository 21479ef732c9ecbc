/*-------------------------------------------------------------------------
 * src/compliance_kernel.h
 *    The arithmetic of six-unifications compliance (六统一): per dimension,
 *    the weighted item scores, the weights and the item counts, how they add
 *    and merge, and the scores they give.
 *
 * Kernel code: plain C, no PostgreSQL headers, so that it can be tested and
 * fuzzed outside the server (test/unit/compliance_kernel_test.c).  The
 * SQL type, its I/O and its errors are in compliance.c.
 *-------------------------------------------------------------------------
 */
#ifndef MEDALLIANCE_COMPLIANCE_KERNEL_H
#define MEDALLIANCE_COMPLIANCE_KERNEL_H

#include <stdbool.h>
#include <stdint.h>

/* Dimensions are numbered 1 .. COMPLIANCE_MAX_DIMENSIONS. */
#define COMPLIANCE_MAX_DIMENSIONS	16

/*
 * Tolerance of the invariant weighted_score <= weight in text and binary
 * input: each product w*c with c <= 1 rounds to at most w, so the two totals
 * differ from the exact ones by a few roundings only.
 */
#define COMPLIANCE_SCORE_SLACK	1e-9

/*
 * One dimension.  The two weighted sums are kept with a Neumaier compensation
 * term each (the value is sum + comp), so that the order in which rows and
 * states are added changes a total by about one rounding at most.  The
 * external forms (text, binary) carry each total as one float8, sum + comp.
 * This is also the stored layout (compliance.h): do not reorder.
 */
typedef struct ComplianceDimension
{
	double		score_sum;		/* Σ weight·score over assessed items */
	double		score_comp;		/* its compensation term */
	double		weight_sum;		/* Σ weight over assessed items */
	double		weight_comp;	/* its compensation term */
	int64_t		assessed;		/* items with a score (评估项数) */
	int64_t		met;			/* items with score = 1 (达标项数) */
	int64_t		not_assessed;	/* items seen with a NULL score (未评估项数) */
} ComplianceDimension;

/* What an addition or a merge ran into. */
typedef enum ComplianceArith
{
	COMPLIANCE_ARITH_OK,
	COMPLIANCE_ARITH_SUM_OVERFLOW,	/* a weighted sum left the range of double */
	COMPLIANCE_ARITH_COUNT_OVERFLOW /* an item count left the range of int64 */
} ComplianceArith;

/* Which invariant of a dimension's external form is broken. */
typedef enum ComplianceViolation
{
	COMPLIANCE_VALID,
	COMPLIANCE_SUM_NOT_FINITE,
	COMPLIANCE_SUM_NEGATIVE,
	COMPLIANCE_COUNT_NEGATIVE,
	COMPLIANCE_MET_EXCEEDS_ASSESSED,
	COMPLIANCE_NO_ITEM,
	COMPLIANCE_SUM_WITHOUT_ITEM,
	COMPLIANCE_SCORE_EXCEEDS_WEIGHT
} ComplianceViolation;

static inline double
compliance_score_total(const ComplianceDimension *dim)
{
	return dim->score_sum + dim->score_comp;
}

static inline double
compliance_weight_total(const ComplianceDimension *dim)
{
	return dim->weight_sum + dim->weight_comp;
}

/* Number of dimensions stored under a mask (bit d-1 for dimension d). */
static inline int
compliance_mask_count(uint16_t mask)
{
	return __builtin_popcount(mask);
}

/* Position of dimension d (1-based) among those of mask, or -1. */
static inline int
compliance_dimension_index(uint16_t mask, int d)
{
	uint32_t	bit;

	if (d < 1 || d > COMPLIANCE_MAX_DIMENSIONS)
		return -1;
	bit = (uint32_t) 1 << (d - 1);
	if ((mask & bit) == 0)
		return -1;
	return __builtin_popcount(mask & (bit - 1));
}

/* The dimension number (1-based) of the i-th stored dimension of mask, or -1. */
static inline int
compliance_dimension_number(uint16_t mask, int i)
{
	uint32_t	m = mask;

	while (i-- > 0 && m != 0)
		m &= m - 1;				/* clear the lowest set bit */
	return m == 0 ? -1 : __builtin_ctz(m) + 1;
}

extern ComplianceViolation compliance_check_dimension(double score, double weight,
													  int64_t assessed, int64_t met,
													  int64_t not_assessed);
extern const char *compliance_violation_text(ComplianceViolation violation);
extern bool compliance_state_is_valid(const ComplianceDimension *dims, int ndims);

extern ComplianceArith compliance_add_item(ComplianceDimension *dim, double score,
										   double weight, bool assessed);
extern ComplianceArith compliance_merge_dimension(ComplianceDimension *dst,
												  const ComplianceDimension *src);
extern bool compliance_dimension_score_of(const ComplianceDimension *dim, double *score);
extern bool compliance_mean_score(const ComplianceDimension *dims, int ndims, double *score);

#endif							/* MEDALLIANCE_COMPLIANCE_KERNEL_H */
