/*-------------------------------------------------------------------------
 * src/scoring_sql.c
 *    SQL glue of the scoring kernel (src/scoring.c): score_linear,
 *    score_threshold, score_improvement, score_band, and the deduction
 *    aggregate deduction_score(full_points, deducted, cap).
 *
 * The deduction aggregate's transition type is a float8[] of five elements
 * {items, full_sum, full_comp, deducted_sum, deducted_comp}: a real SQL type
 * with text and binary I/O, fixed and small, merged by addition (the pattern
 * of core's float8_accum), so that parallel query and Citus can split it.
 * The sums are Neumaier-compensated (value = sum + comp).
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>

#include "fmgr.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/float.h"

#include "scoring.h"
#include "state_array.h"

#define DEDUCTION_NELEMS 5

/* Raise 22023 when x (the argument called name) is NaN or infinite. */
static void
check_finite(double x, const char *name, const char *function)
{
	const char *bad = scoring_check_finite(x);

	if (bad)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s of %s %s", name, function, bad),
				 errhint("Pass a finite number, or NULL when the value is not known.")));
}

static void
check_max_points(double max_points, const char *function)
{
	const char *bad = scoring_check_max_points(max_points);

	if (bad)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("max_points %s of %s %s", float8out_internal(max_points), function, bad),
				 errhint("max_points is the score of a perfect value, for example 100.")));
}

/* score_linear(value, floor, target, max_points) */
PG_FUNCTION_INFO_V1(score_linear_sql);
Datum
score_linear_sql(PG_FUNCTION_ARGS)
{
	float8		value = PG_GETARG_FLOAT8(0);
	float8		floor = PG_GETARG_FLOAT8(1);
	float8		target = PG_GETARG_FLOAT8(2);
	float8		max_points = PG_GETARG_FLOAT8(3);

	check_finite(value, "value", "score_linear");
	check_finite(floor, "floor", "score_linear");
	check_finite(target, "target", "score_linear");
	check_max_points(max_points, "score_linear");
	if (floor == target)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("floor and target of score_linear are both %s", float8out_internal(floor)),
				 errdetail("The rule needs two different points to know its direction and slope."),
				 errhint("Use score_threshold for an all-or-nothing rule.")));
	PG_RETURN_FLOAT8(score_linear(value, floor, target, max_points));
}

/* score_threshold(value, threshold, max_points, higher_is_better) */
PG_FUNCTION_INFO_V1(score_threshold_sql);
Datum
score_threshold_sql(PG_FUNCTION_ARGS)
{
	float8		value = PG_GETARG_FLOAT8(0);
	float8		threshold = PG_GETARG_FLOAT8(1);
	float8		max_points = PG_GETARG_FLOAT8(2);
	bool		higher_is_better = PG_GETARG_BOOL(3);

	check_finite(value, "value", "score_threshold");
	check_finite(threshold, "threshold", "score_threshold");
	check_max_points(max_points, "score_threshold");
	PG_RETURN_FLOAT8(score_threshold(value, threshold, higher_is_better, max_points));
}

/* score_improvement(value, baseline, target_gain, max_points, relative) */
PG_FUNCTION_INFO_V1(score_improvement_sql);
Datum
score_improvement_sql(PG_FUNCTION_ARGS)
{
	float8		value = PG_GETARG_FLOAT8(0);
	float8		baseline = PG_GETARG_FLOAT8(1);
	float8		target_gain = PG_GETARG_FLOAT8(2);
	float8		max_points = PG_GETARG_FLOAT8(3);
	bool		relative = PG_GETARG_BOOL(4);

	check_finite(value, "value", "score_improvement");
	check_finite(baseline, "baseline", "score_improvement");
	check_finite(target_gain, "target_gain", "score_improvement");
	check_max_points(max_points, "score_improvement");
	if (target_gain == 0.0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("target_gain of score_improvement is 0"),
				 errhint("Give the improvement that earns full points: positive for an increase, negative for a decrease.")));
	if (relative && baseline <= 0.0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("baseline %s of a relative improvement is not positive", float8out_internal(baseline)),
				 errdetail("Relative growth (value - baseline) / baseline needs a positive baseline."),
				 errhint("Score the improvement in percentage points (relative = false) instead.")));
	PG_RETURN_FLOAT8(score_improvement(value, baseline, target_gain, relative, max_points));
}

/* score_band(value, low, high, falloff, max_points) */
PG_FUNCTION_INFO_V1(score_band_sql);
Datum
score_band_sql(PG_FUNCTION_ARGS)
{
	float8		value = PG_GETARG_FLOAT8(0);
	float8		low = PG_GETARG_FLOAT8(1);
	float8		high = PG_GETARG_FLOAT8(2);
	float8		falloff = PG_GETARG_FLOAT8(3);
	float8		max_points = PG_GETARG_FLOAT8(4);

	check_finite(value, "value", "score_band");
	check_finite(low, "low", "score_band");
	check_finite(high, "high", "score_band");
	check_finite(falloff, "falloff", "score_band");
	check_max_points(max_points, "score_band");
	if (low > high)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("band low %s is above high %s", float8out_internal(low), float8out_internal(high)),
				 errhint("Give the band as low <= high.")));
	if (falloff <= 0.0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("falloff %s of score_band is not positive", float8out_internal(falloff)),
				 errhint("falloff is the distance outside the band at which the points reach 0.")));
	PG_RETURN_FLOAT8(score_band(value, low, high, falloff, max_points));
}

/* ----------------------------------------------------------------------
 * The deduction aggregate
 * ----------------------------------------------------------------------
 */

static float8 *
deduction_state(ArrayType *a)
{
	float8	   *s = state_array_elements(a, DEDUCTION_NELEMS, true, "deduction_score");
	int			i;

	for (i = 0; i < DEDUCTION_NELEMS; i++)
		if (!isfinite(s[i]))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("invalid deduction_score state: element %d is %s", i + 1, float8out_internal(s[i])),
					 errhint("Pass only states made by the deduction_score aggregate's own functions.")));
	if (s[0] < 0 || s[0] != floor(s[0]) || s[1] + s[2] < 0 || s[3] + s[4] < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid deduction_score state: items %s, full points %s, deducted %s",
						float8out_internal(s[0]), float8out_internal(s[1] + s[2]),
						float8out_internal(s[3] + s[4])),
				 errhint("Pass only states made by the deduction_score aggregate's own functions.")));
	return s;
}

#ifdef USE_ASSERT_CHECKING
static void
assert_deduction_state(const float8 *s)
{
	Assert(s[0] >= 0 && s[0] == floor(s[0]));
	Assert(isfinite(s[1]) && isfinite(s[2]) && isfinite(s[3]) && isfinite(s[4]));
	Assert(s[1] + s[2] >= 0 && s[3] + s[4] >= 0);
}
#else
#define assert_deduction_state(s) ((void) 0)
#endif

/* A state to update: the argument itself inside an aggregate, else a copy. */
static ArrayType *
writable_state(FunctionCallInfo fcinfo, int argno)
{
	if (AggCheckCallContext(fcinfo, NULL))
		return PG_GETARG_ARRAYTYPE_P(argno);
	return PG_GETARG_ARRAYTYPE_P_COPY(argno);
}

/* deduction_score transition: (state, full_points, deducted, cap) */
PG_FUNCTION_INFO_V1(deduction_transfn);
Datum
deduction_transfn(PG_FUNCTION_ARGS)
{
	ArrayType  *a;
	float8	   *s;
	float8		full,
				deducted,
				cap;

	if (PG_ARGISNULL(0))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("deduction_score state is NULL"),
				 errhint("Start from the state '{0,0,0,0,0}'.")));
	a = writable_state(fcinfo, 0);
	s = deduction_state(a);
	/* like SQL's aggregates, a row with a NULL is skipped */
	if (PG_ARGISNULL(1) || PG_ARGISNULL(2) || PG_ARGISNULL(3))
		PG_RETURN_ARRAYTYPE_P(a);
	full = PG_GETARG_FLOAT8(1);
	deducted = PG_GETARG_FLOAT8(2);
	cap = PG_GETARG_FLOAT8(3);
	check_finite(full, "full_points", "deduction_score");
	check_finite(deducted, "deducted", "deduction_score");
	check_finite(cap, "cap", "deduction_score");
	if (full < 0 || deducted < 0 || cap < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("deduction_score: %s %s is negative",
						full < 0 ? "full_points" : (deducted < 0 ? "deducted" : "cap"),
						float8out_internal(full < 0 ? full : (deducted < 0 ? deducted : cap))),
				 errhint("Full points, points deducted and the cap per item are 0 or more.")));
	s[0] += 1.0;
	scoring_kahan_add(&s[1], &s[2], full);
	scoring_kahan_add(&s[3], &s[4], deducted < cap ? deducted : cap);
	if (!isfinite(s[1] + s[2]) || !isfinite(s[3] + s[4]))
		float_overflow_error();
	assert_deduction_state(s);
	PG_RETURN_ARRAYTYPE_P(a);
}

/* deduction_score combine: adds the second state into the first */
PG_FUNCTION_INFO_V1(deduction_combine);
Datum
deduction_combine(PG_FUNCTION_ARGS)
{
	ArrayType  *a;
	float8	   *s;
	float8	   *t;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("deduction_score states to combine must not be NULL"),
				 errhint("Start from the state '{0,0,0,0,0}'.")));
	a = writable_state(fcinfo, 0);
	s = deduction_state(a);
	t = deduction_state(PG_GETARG_ARRAYTYPE_P(1));
	s[0] += t[0];
	scoring_kahan_add(&s[1], &s[2], t[1]);
	scoring_kahan_add(&s[1], &s[2], t[2]);
	scoring_kahan_add(&s[3], &s[4], t[3]);
	scoring_kahan_add(&s[3], &s[4], t[4]);
	if (!isfinite(s[1] + s[2]) || !isfinite(s[3] + s[4]))
		float_overflow_error();
	assert_deduction_state(s);
	PG_RETURN_ARRAYTYPE_P(a);
}

/* deduction_score final: max(0, Σ full - Σ min(deducted, cap)); NULL with no rows */
PG_FUNCTION_INFO_V1(deduction_final);
Datum
deduction_final(PG_FUNCTION_ARGS)
{
	float8	   *s;
	float8		points;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	s = deduction_state(PG_GETARG_ARRAYTYPE_P(0));
	if (s[0] == 0)
		PG_RETURN_NULL();
	points = (s[1] - s[3]) + (s[2] - s[4]);
	PG_RETURN_FLOAT8(points > 0 ? points : 0.0);
}
