/*-------------------------------------------------------------------------
 * test/unit/compliance_kernel_test.c
 *    The compliance kernel (src/compliance_kernel.c) without a server:
 *    masks, adding items, merging, scores, overflow and the invariants,
 *    against values worked out by hand in the comments.  Prints TAP.
 *-------------------------------------------------------------------------
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "compliance_kernel.h"

static int	tests = 0;
static int	failures = 0;

static void
ok(int condition, const char *name)
{
	tests++;
	if (!condition)
		failures++;
	printf("%sok %d - %s\n", condition ? "" : "not ", tests, name);
}

int
main(void)
{
	ComplianceDimension a, b, c;
	double		score;
	int			i;

	/* Masks: dimensions 1, 3 and 6 stored (bits 0, 2, 5). */
	ok(compliance_mask_count(0x25) == 3, "mask 0x25 stores three dimensions");
	ok(compliance_dimension_index(0x25, 1) == 0 && compliance_dimension_index(0x25, 3) == 1 &&
	   compliance_dimension_index(0x25, 6) == 2, "dimensions 1, 3, 6 sit at positions 0, 1, 2");
	ok(compliance_dimension_index(0x25, 2) == -1 && compliance_dimension_index(0x25, 0) == -1 &&
	   compliance_dimension_index(0x25, 17) == -1, "dimensions 2, 0 and 17 are not stored");
	ok(compliance_dimension_number(0x25, 0) == 1 && compliance_dimension_number(0x25, 2) == 6 &&
	   compliance_dimension_number(0x25, 3) == -1, "positions 0 and 2 are dimensions 1 and 6; there is no position 3");
	ok(compliance_dimension_number(0x8000, 0) == 16, "the last dimension is 16");

	/*
	 * Items (score, weight): (0.5, 2), (1, 1), (0, 1), and one not assessed.
	 * Σ w·c = 1 + 1 + 0 = 2, Σ w = 4, assessed 3, met 1, not assessed 1,
	 * score 100·2/4 = 50.
	 */
	memset(&a, 0, sizeof(a));
	ok(compliance_add_item(&a, 0.5, 2.0, true) == COMPLIANCE_ARITH_OK &&
	   compliance_add_item(&a, 1.0, 1.0, true) == COMPLIANCE_ARITH_OK &&
	   compliance_add_item(&a, 0.0, 1.0, true) == COMPLIANCE_ARITH_OK &&
	   compliance_add_item(&a, 0.0, 1.0, false) == COMPLIANCE_ARITH_OK, "four items add");
	ok(compliance_score_total(&a) == 2.0 && compliance_weight_total(&a) == 4.0,
	   "weighted score 2 and weight 4");
	ok(a.assessed == 3 && a.met == 1 && a.not_assessed == 1, "3 assessed, 1 met, 1 not assessed");
	ok(compliance_dimension_score_of(&a, &score) && score == 50.0, "dimension score 50");

	/* Only items not assessed, or assessed with weight 0: no score. */
	memset(&b, 0, sizeof(b));
	compliance_add_item(&b, 0.0, 1.0, false);
	ok(!compliance_dimension_score_of(&b, &score), "nothing assessed: no score");
	compliance_add_item(&b, 1.0, 0.0, true);
	ok(!compliance_dimension_score_of(&b, &score) && b.assessed == 1 && b.met == 1,
	   "assessed with weight 0 only: counted and met, but no score");

	/*
	 * Compensation: weight 1e16, then 100 items of weight 1.  Above 2^53 the
	 * doubles are 2 apart, so a plain sum stays at 1e16; the compensated
	 * total is exactly 1e16 + 100.
	 */
	memset(&c, 0, sizeof(c));
	compliance_add_item(&c, 1.0, 1e16, true);
	for (i = 0; i < 100; i++)
		compliance_add_item(&c, 1.0, 1.0, true);
	ok(compliance_weight_total(&c) == 1e16 + 100.0 && compliance_score_total(&c) == 1e16 + 100.0,
	   "compensated sums keep the 100 small items beside 1e16");

	/* Merge: a + b equals adding b's items into a. */
	{
		ComplianceDimension merged = a;
		ComplianceDimension direct = a;

		ok(compliance_merge_dimension(&merged, &b) == COMPLIANCE_ARITH_OK, "a merge adds");
		compliance_add_item(&direct, 0.0, 1.0, false);
		compliance_add_item(&direct, 1.0, 0.0, true);
		ok(merged.assessed == direct.assessed && merged.met == direct.met &&
		   merged.not_assessed == direct.not_assessed &&
		   compliance_score_total(&merged) == compliance_score_total(&direct) &&
		   compliance_weight_total(&merged) == compliance_weight_total(&direct),
		   "merging equals adding the items one by one");
	}

	/* Overflow is reported, never wrapped. */
	memset(&b, 0, sizeof(b));
	compliance_add_item(&b, 1.0, 1e308, true);
	ok(compliance_add_item(&b, 1.0, 1e308, true) == COMPLIANCE_ARITH_SUM_OVERFLOW,
	   "a weight sum beyond double overflows");
	memset(&b, 0, sizeof(b));
	b.not_assessed = INT64_MAX;
	ok(compliance_add_item(&b, 0.0, 1.0, false) == COMPLIANCE_ARITH_COUNT_OVERFLOW,
	   "a count beyond int64 overflows");
	memset(&c, 0, sizeof(c));
	c.assessed = 1;
	b.not_assessed = 0;
	b.assessed = INT64_MAX;
	ok(compliance_merge_dimension(&c, &b) == COMPLIANCE_ARITH_COUNT_OVERFLOW,
	   "a merged count beyond int64 overflows");

	/* Invariants, one case each. */
	ok(compliance_check_dimension(1.5, 2, 2, 1, 0) == COMPLIANCE_VALID, "{1:(1.5,2,2,1,0)} is valid");
	ok(compliance_check_dimension(0, 0, 0, 0, 4) == COMPLIANCE_VALID, "{3:(0,0,0,0,4)} is valid");
	ok(compliance_check_dimension(NAN, 2, 2, 1, 0) == COMPLIANCE_SUM_NOT_FINITE, "NaN score");
	ok(compliance_check_dimension(1, INFINITY, 2, 1, 0) == COMPLIANCE_SUM_NOT_FINITE, "infinite weight");
	ok(compliance_check_dimension(-1, 2, 2, 1, 0) == COMPLIANCE_SUM_NEGATIVE, "negative score");
	ok(compliance_check_dimension(1, 2, -2, 0, 0) == COMPLIANCE_COUNT_NEGATIVE, "negative count");
	ok(compliance_check_dimension(1, 2, 2, 3, 0) == COMPLIANCE_MET_EXCEEDS_ASSESSED, "met above assessed");
	ok(compliance_check_dimension(0, 0, 0, 0, 0) == COMPLIANCE_NO_ITEM, "a listed dimension without items");
	ok(compliance_check_dimension(1, 1, 0, 0, 3) == COMPLIANCE_SUM_WITHOUT_ITEM, "sums without assessed items");
	ok(compliance_check_dimension(2.5, 2, 2, 1, 0) == COMPLIANCE_SCORE_EXCEEDS_WEIGHT, "weighted score above weight");
	ok(compliance_check_dimension(2 * (1 + 1e-12), 2, 2, 2, 0) == COMPLIANCE_VALID,
	   "a weighted score above the weight by rounding only is valid");
	ok(strlen(compliance_violation_text(COMPLIANCE_NO_ITEM)) > 0, "every violation has a sentence");

	/* Mean of the dimension scores there are: 50 and 100 (the one without a score left out). */
	{
		ComplianceDimension dims[3];

		memset(dims, 0, sizeof(dims));
		dims[0] = a;			/* 50 */
		compliance_add_item(&dims[1], 0.0, 1.0, false);	/* no score */
		compliance_add_item(&dims[2], 1.0, 3.0, true);	/* 100 */
		ok(compliance_mean_score(dims, 3, &score) && score == 75.0, "mean of 50 and 100 is 75");
		ok(compliance_state_is_valid(dims, 3), "a state built by adding items is valid");
		dims[1].met = 5;
		ok(!compliance_state_is_valid(dims, 3), "a state with met above assessed is not");
		ok(!compliance_mean_score(&dims[1], 1, &score), "no dimension with a score: no mean");
	}

	printf("1..%d\n", tests);
	return failures == 0 ? 0 : 1;
}
