/*-------------------------------------------------------------------------
 * src/funnel_sql.c
 *    SQL glue of the funnel-plot kernel (src/funnel.c):
 *
 *    funnel_limits(denominator, target_rate, level) -> the exact binomial
 *        limits (Spiegelhalter 2005, appendix A.1.1, with its interpolation)
 *        and the normal approximation p0 ± z sqrt(p0 (1 - p0) / n).
 *
 *    funnel(numerator, denominator, inner_level, outer_level, overdispersion)
 *        a window function: over its partition (the units compared, e.g. the
 *        members of a province for one measure and period) the pooled rate
 *        Σ numerator / Σ denominator, each unit's z-score, the over-dispersion
 *        factor phi from winsorised z-scores, the inner and outer limits at
 *        the unit's denominator and its zone.
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>

#include "access/htup_details.h"
#include "fmgr.h"
#include "funcapi.h"
#include "utils/builtins.h"
#include "utils/float.h"
#include "windowapi.h"

#include "funnel.h"

static void
check_level(double level, const char *name)
{
	if (!(level > 0.0 && level < 1.0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s %s is outside (0, 1)", name, float8out_internal(level)),
				 errhint("Give the coverage of the limits as a fraction, for example 0.95 or 0.998.")));
}

static void
check_counts(int64 numerator, int64 denominator)
{
	if (denominator < 0 || numerator < 0 || numerator > denominator)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("funnel: numerator " INT64_FORMAT " and denominator " INT64_FORMAT " are not a proportion",
						numerator, denominator),
				 errhint("A proportion needs 0 <= numerator <= denominator.")));
}

/* funnel_limits(denominator bigint, target_rate float8, level float8) */
PG_FUNCTION_INFO_V1(funnel_limits_sql);
Datum
funnel_limits_sql(PG_FUNCTION_ARGS)
{
	int64		n = PG_GETARG_INT64(0);
	float8		theta = PG_GETARG_FLOAT8(1);
	float8		level = PG_GETARG_FLOAT8(2);
	TupleDesc	tupdesc;
	Datum		values[4];
	bool		nulls[4] = {false, false, false, false};
	double		z;

	if (n < 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("funnel_limits: denominator " INT64_FORMAT " is not positive", n),
				 errhint("Limits exist for a denominator of 1 or more; a unit with no cases is not plotted.")));
	if (!(theta >= 0.0 && theta <= 1.0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("funnel_limits: target_rate %s is outside [0, 1]", float8out_internal(theta)),
				 errhint("Give the target proportion as a fraction, e.g. 0.12 for 12%%.")));
	check_level(level, "level");
	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "funnel_limits must return a composite type");
	tupdesc = BlessTupleDesc(tupdesc);
	z = funnel_z(level);
	values[0] = Float8GetDatum(funnel_exact_limit(n, theta, (1.0 - level) / 2.0));
	values[1] = Float8GetDatum(funnel_exact_limit(n, theta, (1.0 + level) / 2.0));
	values[2] = Float8GetDatum(funnel_normal_limit(n, theta, -z, 1.0));
	values[3] = Float8GetDatum(funnel_normal_limit(n, theta, z, 1.0));
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
}

/* What the window function computes once per partition. */
typedef struct FunnelPartition
{
	bool		computed;
	int64		units;			/* rows with a positive denominator */
	double		theta;			/* pooled rate Σ x / Σ n */
	double		phi;			/* over-dispersion factor (NaN when < 2 units) */
} FunnelPartition;

static void
funnel_compute_partition(WindowObject winobj, FunnelPartition *p)
{
	int64		rows = WinGetPartitionRowCount(winobj);
	int64		i;
	double		x_sum = 0.0,
				n_sum = 0.0;
	double	   *z;
	int64		k = 0;

	/* first pass: the pooled rate */
	for (i = 0; i < rows; i++)
	{
		bool		xnull,
					nnull,
					isout;
		Datum		xd = WinGetFuncArgInPartition(winobj, 0, i, WINDOW_SEEK_HEAD, false, &xnull, &isout);
		Datum		nd = WinGetFuncArgInPartition(winobj, 1, i, WINDOW_SEEK_HEAD, false, &nnull, &isout);
		int64		x,
					n;

		if (xnull || nnull)
			continue;
		x = DatumGetInt64(xd);
		n = DatumGetInt64(nd);
		check_counts(x, n);
		if (n == 0)
			continue;
		x_sum += (double) x;
		n_sum += (double) n;
		p->units++;
	}
	p->theta = p->units > 0 ? x_sum / n_sum : NAN;
	p->phi = NAN;

	/* second pass: z-scores, for the over-dispersion factor */
	if (p->units >= 2 && p->theta > 0.0 && p->theta < 1.0)
	{
		z = palloc(sizeof(double) * p->units);
		for (i = 0; i < rows; i++)
		{
			bool		xnull,
						nnull,
						isout;
			Datum		xd = WinGetFuncArgInPartition(winobj, 0, i, WINDOW_SEEK_HEAD, false, &xnull, &isout);
			Datum		nd = WinGetFuncArgInPartition(winobj, 1, i, WINDOW_SEEK_HEAD, false, &nnull, &isout);
			int64		n;

			if (xnull || nnull || (n = DatumGetInt64(nd)) == 0)
				continue;
			Assert(k < p->units);
			z[k++] = ((double) DatumGetInt64(xd) / (double) n - p->theta)
				/ sqrt(p->theta * (1.0 - p->theta) / (double) n);
		}
		p->phi = funnel_overdispersion(z, k);
		pfree(z);
	}
	p->computed = true;
}

static const char *
funnel_zone(double rate, double inner_lo, double inner_hi, double outer_lo, double outer_hi)
{
	if (rate > outer_hi)
		return "above_outer";
	if (rate > inner_hi)
		return "above_inner";
	if (rate < outer_lo)
		return "below_outer";
	if (rate < inner_lo)
		return "below_inner";
	return "within";
}

/*
 * funnel(numerator bigint, denominator bigint, inner_level float8,
 *        outer_level float8, overdispersion boolean) -> medalliance.funnel_point
 */
PG_FUNCTION_INFO_V1(funnel_window);
Datum
funnel_window(PG_FUNCTION_ARGS)
{
	WindowObject winobj = PG_WINDOW_OBJECT();
	FunnelPartition *p;
	bool		isnull[5];
	Datum		arg[5];
	int			i;
	int64		x,
				n;
	double		inner,
				outer,
				rate,
				phi_used = 1.0,
				zi,
				zo;
	bool		adjust;
	TupleDesc	tupdesc;
	Datum		values[9];
	bool		nulls[9] = {false, false, false, false, false, false, false, false, false};

	p = (FunnelPartition *) WinGetPartitionLocalMemory(winobj, sizeof(FunnelPartition));
	if (!p->computed)
		funnel_compute_partition(winobj, p);

	for (i = 0; i < 5; i++)
		arg[i] = WinGetFuncArgCurrent(winobj, i, &isnull[i]);
	if (isnull[2] || isnull[3] || isnull[4])
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("funnel: inner_level, outer_level and overdispersion must not be NULL"),
				 errhint("Leave them out to get 0.95, 0.998 and no over-dispersion adjustment.")));
	inner = DatumGetFloat8(arg[2]);
	outer = DatumGetFloat8(arg[3]);
	adjust = DatumGetBool(arg[4]);
	check_level(inner, "inner_level");
	check_level(outer, "outer_level");
	if (inner >= outer)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("funnel: inner_level %s is not below outer_level %s",
						float8out_internal(inner), float8out_internal(outer)),
				 errhint("The inner limits are the narrower ones, for example 0.95 inside 0.998.")));

	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "funnel must return a composite type");
	tupdesc = BlessTupleDesc(tupdesc);

	/* pooled rate, units and phi belong to the partition */
	if (p->units > 0)
		values[0] = Float8GetDatum(p->theta);
	else
		nulls[0] = true;
	values[1] = Int64GetDatum(p->units);
	if (!isnan(p->phi))
		values[2] = Float8GetDatum(p->phi);
	else
		nulls[2] = true;

	if (isnull[0] || isnull[1] || (n = DatumGetInt64(arg[1])) == 0)
	{
		/* a unit without cases has no rate, no limits and no zone */
		if (!isnull[0] && !isnull[1])
			check_counts(DatumGetInt64(arg[0]), 0);
		for (i = 3; i < 9; i++)
			nulls[i] = true;
		PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
	}
	x = DatumGetInt64(arg[0]);
	check_counts(x, n);
	rate = (double) x / (double) n;

	if (p->theta > 0.0 && p->theta < 1.0)
		values[3] = Float8GetDatum((rate - p->theta) / sqrt(p->theta * (1.0 - p->theta) / (double) n));
	else
		nulls[3] = true;

	if (adjust)
	{
		/* multiplicative over-dispersion: normal limits widened by sqrt(phi), phi >= 1 */
		if (!isnan(p->phi) && p->phi > 1.0)
			phi_used = p->phi;
		zi = funnel_z(inner);
		zo = funnel_z(outer);
		values[4] = Float8GetDatum(funnel_normal_limit(n, p->theta, -zi, phi_used));
		values[5] = Float8GetDatum(funnel_normal_limit(n, p->theta, zi, phi_used));
		values[6] = Float8GetDatum(funnel_normal_limit(n, p->theta, -zo, phi_used));
		values[7] = Float8GetDatum(funnel_normal_limit(n, p->theta, zo, phi_used));
	}
	else
	{
		values[4] = Float8GetDatum(funnel_exact_limit(n, p->theta, (1.0 - inner) / 2.0));
		values[5] = Float8GetDatum(funnel_exact_limit(n, p->theta, (1.0 + inner) / 2.0));
		values[6] = Float8GetDatum(funnel_exact_limit(n, p->theta, (1.0 - outer) / 2.0));
		values[7] = Float8GetDatum(funnel_exact_limit(n, p->theta, (1.0 + outer) / 2.0));
	}
	values[8] = CStringGetTextDatum(funnel_zone(rate,
												DatumGetFloat8(values[4]), DatumGetFloat8(values[5]),
												DatumGetFloat8(values[6]), DatumGetFloat8(values[7])));
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
}
