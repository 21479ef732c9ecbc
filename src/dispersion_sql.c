/*-------------------------------------------------------------------------
 * src/dispersion_sql.c
 *    SQL glue of the homogeneity kernel (src/dispersion.c):
 *
 *    dispersion(double precision) aggregate -> medalliance.dispersion
 *        (n, mean, sd, cv, min, max, max_min_ratio).  Its state is a float8[]
 *        of six elements {n, mean, mean_lo, m2, min, max}: fixed, small, a real SQL
 *        type, merged exactly by Chan's formula (the pattern of core's
 *        float8_accum), so the aggregate is PARALLEL SAFE without
 *        serialisation.
 *
 *    gini(double precision) aggregate and gini(double precision[]).  The
 *    Gini coefficient depends on every pairwise difference, so no summary
 *    of fixed size determines it: its state keeps the values.  The state is
 *    a float8[] {count, v1, ..., v_count, spare...} whose length doubles
 *    when full (amortised O(1) per row, no allocation per row); merging two
 *    states concatenates their values, so the result is exact whatever the
 *    split.  Memory is 8 bytes per value: meant for member values (dozens
 *    to thousands per group), not for millions of rows per group.
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>

#include "access/htup_details.h"
#include "fmgr.h"
#include "funcapi.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/float.h"

#include "dispersion.h"
#include "state_array.h"

#define DISPERSION_NELEMS 6

static void
check_value(double x, const char *function)
{
	if (!isfinite(x))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: value %s is not finite", function, float8out_internal(x)),
				 errhint("Pass finite values; a member without a value is a NULL, which is skipped.")));
}

static ArrayType *
writable_state(FunctionCallInfo fcinfo, int argno)
{
	if (AggCheckCallContext(fcinfo, NULL))
		return PG_GETARG_ARRAYTYPE_P(argno);
	return PG_GETARG_ARRAYTYPE_P_COPY(argno);
}

/* The state of dispersion(), checked. */
static DispersionState *
dispersion_state(ArrayType *a)
{
	float8	   *s = state_array_elements(a, DISPERSION_NELEMS, true, "dispersion");
	int			i;

	for (i = 0; i < DISPERSION_NELEMS; i++)
		if (!isfinite(s[i]))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("invalid dispersion state: element %d is %s", i + 1, float8out_internal(s[i])),
					 errhint("Pass only states made by the dispersion aggregate's own functions.")));
	if (s[0] < 0 || s[0] != floor(s[0]) || s[3] < 0 ||
		(s[0] == 0 && (s[1] != 0 || s[2] != 0 || s[3] != 0 || s[4] != 0 || s[5] != 0)) ||
		(s[0] > 0 && s[4] > s[5]))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid dispersion state {n %s, mean %s, mean_lo %s, m2 %s, min %s, max %s}",
						float8out_internal(s[0]), float8out_internal(s[1]), float8out_internal(s[2]),
						float8out_internal(s[3]), float8out_internal(s[4]), float8out_internal(s[5])),
				 errhint("Pass only states made by the dispersion aggregate's own functions.")));
	StaticAssertStmt(sizeof(DispersionState) == DISPERSION_NELEMS * sizeof(float8),
					 "DispersionState must overlay the state array");
	return (DispersionState *) s;
}

#ifdef USE_ASSERT_CHECKING
static void
assert_dispersion_state(const DispersionState *s)
{
	Assert(s->n >= 0 && s->n == floor(s->n));
	Assert(s->m2 >= 0 || s->n == 0);
	Assert(s->n == 0 || s->min <= s->max);
}
#else
#define assert_dispersion_state(s) ((void) 0)
#endif

PG_FUNCTION_INFO_V1(dispersion_transfn);
Datum
dispersion_transfn(PG_FUNCTION_ARGS)
{
	ArrayType  *a;
	DispersionState *s;
	float8		x;

	if (PG_ARGISNULL(0))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("dispersion state is NULL"),
				 errhint("Start from the state '{0,0,0,0,0,0}'.")));
	a = writable_state(fcinfo, 0);
	s = dispersion_state(a);
	if (PG_ARGISNULL(1))
		PG_RETURN_ARRAYTYPE_P(a);
	x = PG_GETARG_FLOAT8(1);
	check_value(x, "dispersion");
	dispersion_add(s, x);
	if (!isfinite(s->m2) || !isfinite(s->mean))
		float_overflow_error();
	assert_dispersion_state(s);
	PG_RETURN_ARRAYTYPE_P(a);
}

PG_FUNCTION_INFO_V1(dispersion_combine);
Datum
dispersion_combine(PG_FUNCTION_ARGS)
{
	ArrayType  *a;
	DispersionState *s;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("dispersion states to combine must not be NULL"),
				 errhint("Start from the state '{0,0,0,0,0,0}'.")));
	a = writable_state(fcinfo, 0);
	s = dispersion_state(a);
	dispersion_merge(s, dispersion_state(PG_GETARG_ARRAYTYPE_P(1)));
	if (!isfinite(s->m2) || !isfinite(s->mean))
		float_overflow_error();
	assert_dispersion_state(s);
	PG_RETURN_ARRAYTYPE_P(a);
}

/*
 * The summary: NULL for no rows; sd (sample, n - 1) and cv NULL for one row,
 * as stddev() is; cv = sd / mean, NULL when mean <= 0; max_min_ratio NULL
 * when min <= 0.
 */
PG_FUNCTION_INFO_V1(dispersion_final);
Datum
dispersion_final(PG_FUNCTION_ARGS)
{
	DispersionState *s;
	TupleDesc	tupdesc;
	Datum		values[7];
	bool		nulls[7] = {false, false, false, false, false, false, false};
	double		sd = 0;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	s = dispersion_state(PG_GETARG_ARRAYTYPE_P(0));
	if (s->n == 0)
		PG_RETURN_NULL();
	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "dispersion_final must return a composite type");
	tupdesc = BlessTupleDesc(tupdesc);

	values[0] = Int64GetDatum((int64) s->n);
	values[1] = Float8GetDatum(s->mean + s->mean_lo);
	if (s->n > 1)
	{
		sd = sqrt(s->m2 / (s->n - 1));
		values[2] = Float8GetDatum(sd);
	}
	else
		nulls[2] = true;
	if (s->n > 1 && s->mean > 0)
		values[3] = Float8GetDatum(sd / (s->mean + s->mean_lo));
	else
		nulls[3] = true;
	values[4] = Float8GetDatum(s->min);
	values[5] = Float8GetDatum(s->max);
	if (s->min > 0)
		values[6] = Float8GetDatum(s->max / s->min);
	else
		nulls[6] = true;
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
}

/* ----------------------------------------------------------------------
 * Gini
 * ----------------------------------------------------------------------
 */

static void
check_gini_value(double x)
{
	check_value(x, "gini");
	if (x < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("gini: value %s is negative", float8out_internal(x)),
				 errdetail("The Gini coefficient measures the inequality of non-negative amounts."),
				 errhint("Pass scores, rates or counts, which are 0 or more.")));
}

/* The values of a gini state, checked; *count receives how many. */
static float8 *
gini_state(ArrayType *a, int *count)
{
	float8	   *s = state_array_elements(a, 1, false, "gini");
	int			len = ARR_DIMS(a)[0];
	int			i;

	if (!(s[0] >= 0 && s[0] <= len - 1 && s[0] == floor(s[0])))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid gini state: count %s with room for %d values",
						float8out_internal(s[0]), len - 1),
				 errhint("Pass only states made by the gini aggregate's own functions.")));
	*count = (int) s[0];
	for (i = 1; i <= *count; i++)
		if (!(isfinite(s[i]) && s[i] >= 0))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("invalid gini state: value %s", float8out_internal(s[i])),
					 errhint("Pass only states made by the gini aggregate's own functions.")));
	return s;
}

/* A new state array with room for capacity values, holding count values. */
static ArrayType *
gini_new_state(int capacity)
{
	Size		nbytes;
	ArrayType  *r;

	if (capacity > (int) ((MaxAllocSize - ARR_OVERHEAD_NONULLS(1)) / sizeof(float8)) - 1)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("gini: more than %d values in one group",
						(int) ((MaxAllocSize - ARR_OVERHEAD_NONULLS(1)) / sizeof(float8)) - 1),
				 errhint("Compute the Gini coefficient of fewer values, e.g. per alliance.")));
	nbytes = ARR_OVERHEAD_NONULLS(1) + sizeof(float8) * (capacity + 1);
	r = (ArrayType *) palloc0(nbytes);
	SET_VARSIZE(r, nbytes);
	r->ndim = 1;
	r->dataoffset = 0;
	r->elemtype = FLOAT8OID;
	ARR_DIMS(r)[0] = capacity + 1;
	ARR_LBOUND(r)[0] = 1;
	return r;
}

PG_FUNCTION_INFO_V1(gini_transfn);
Datum
gini_transfn(PG_FUNCTION_ARGS)
{
	ArrayType  *a;
	float8	   *s;
	int			count;
	float8		x;

	if (PG_ARGISNULL(0))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("gini state is NULL"),
				 errhint("Start from the state '{0}'.")));
	a = writable_state(fcinfo, 0);
	s = gini_state(a, &count);
	if (PG_ARGISNULL(1))
		PG_RETURN_ARRAYTYPE_P(a);
	x = PG_GETARG_FLOAT8(1);
	check_gini_value(x);
	if (count + 1 > ARR_DIMS(a)[0] - 1)
	{
		/*
		 * Full: a state twice as large, in the current (per-call) context;
		 * the executor copies it into the aggregate context and frees the
		 * old one.  Doubling keeps the copies O(1) per row on average.
		 */
		int			capacity = count < 4 ? 8 : 2 * count;
		ArrayType  *r = gini_new_state(capacity);

		memcpy(STATE_DATA(r), s, sizeof(float8) * (count + 1));
		a = r;
		s = STATE_DATA(a);
	}
	s[count + 1] = x;
	s[0] = count + 1;
	PG_RETURN_ARRAYTYPE_P(a);
}

PG_FUNCTION_INFO_V1(gini_combine);
Datum
gini_combine(PG_FUNCTION_ARGS)
{
	float8	   *s;
	float8	   *t;
	int			ns,
				nt;
	ArrayType  *r;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("gini states to combine must not be NULL"),
				 errhint("Start from the state '{0}'.")));
	s = gini_state(PG_GETARG_ARRAYTYPE_P(0), &ns);
	t = gini_state(PG_GETARG_ARRAYTYPE_P(1), &nt);
	if (nt == 0)
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	r = gini_new_state(ns + nt);
	memcpy(STATE_DATA(r), s, sizeof(float8) * (ns + 1));
	memcpy(STATE_DATA(r) + ns + 1, t + 1, sizeof(float8) * nt);
	STATE_DATA(r)[0] = ns + nt;
	PG_RETURN_ARRAYTYPE_P(r);
}

/* Gini of count values (copied, then sorted); NULL when empty or all zero. */
static Datum
gini_of(const float8 *values, int count, FunctionCallInfo fcinfo)
{
	float8	   *v;
	double		g;

	if (count == 0)
		PG_RETURN_NULL();
	v = palloc(sizeof(float8) * count);
	memcpy(v, values, sizeof(float8) * count);
	dispersion_sort(v, count);
	g = gini_sorted(v, count);
	pfree(v);
	if (isnan(g))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(g);
}

PG_FUNCTION_INFO_V1(gini_final);
Datum
gini_final(PG_FUNCTION_ARGS)
{
	float8	   *s;
	int			count;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	s = gini_state(PG_GETARG_ARRAYTYPE_P(0), &count);
	return gini_of(s + 1, count, fcinfo);
}

/* gini(double precision[]): NULL elements are skipped, as the aggregate skips NULL rows. */
PG_FUNCTION_INFO_V1(gini_array);
Datum
gini_array(PG_FUNCTION_ARGS)
{
	ArrayType  *a = PG_GETARG_ARRAYTYPE_P(0);
	Datum	   *elems;
	bool	   *nulls;
	int			n,
				i,
				count = 0;
	float8	   *v;

	if (ARR_ELEMTYPE(a) != FLOAT8OID)
		elog(ERROR, "gini expects a double precision array");
	deconstruct_array(a, FLOAT8OID, sizeof(float8), FLOAT8PASSBYVAL, TYPALIGN_DOUBLE,
					  &elems, &nulls, &n);
	v = palloc(sizeof(float8) * (n > 0 ? n : 1));
	for (i = 0; i < n; i++)
	{
		if (nulls[i])
			continue;
		v[count] = DatumGetFloat8(elems[i]);
		check_gini_value(v[count]);
		count++;
	}
	return gini_of(v, count, fcinfo);
}
