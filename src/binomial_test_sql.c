/*-------------------------------------------------------------------------
 * src/binomial_test_sql.c
 *    SQL glue of the one-sample proportion tests (src/binomial_test.c):
 *
 *    rate_test(r, target_percent, alternative) -> estimate (percent), the
 *        score statistic z, its p-value, and the exact binomial p-value of
 *        the rate against a fixed target.
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>

#include "access/htup_details.h"
#include "fmgr.h"
#include "funcapi.h"
#include "utils/builtins.h"

#include "binomial_test.h"
#include "rate.h"

static BinomialAlternative
parse_alternative(text *alternative)
{
	char	   *name = text_to_cstring(alternative);

	if (strcmp(name, "two-sided") == 0)
		return BINOMIAL_TWO_SIDED;
	if (strcmp(name, "less") == 0)
		return BINOMIAL_LESS;
	if (strcmp(name, "greater") == 0)
		return BINOMIAL_GREATER;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("unknown alternative \"%s\"", name),
			 errhint("The alternatives are two-sided, less and greater.")));
	return BINOMIAL_TWO_SIDED;	/* not reached */
}

PG_FUNCTION_INFO_V1(rate_test);
/* rate_test(r, target_percent, alternative): the rate against a fixed proportion. */
Datum
rate_test(PG_FUNCTION_ARGS)
{
	Rate	   *r = PG_GETARG_RATE_P(0);
	double		target_percent = PG_GETARG_FLOAT8(1);
	BinomialAlternative alternative = parse_alternative(PG_GETARG_TEXT_PP(2));
	TupleDesc	tupdesc;
	Datum		values[4];
	bool		nulls[4] = {false, false, false, false};
	double		x,
				n,
				p0,
				z;

	if (isnan(target_percent) || target_percent < 0.0 || target_percent > 100.0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("target %g is not a percentage between 0 and 100", target_percent)));
	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("rate_test must be called in a context that accepts a record")));
	if (r->denominator == 0)
		PG_RETURN_NULL();

	x = (double) r->numerator;
	n = (double) r->denominator;
	p0 = target_percent / 100.0;
	values[0] = Float8GetDatum((double) (100.0L * r->numerator / r->denominator));
	if (p0 > 0.0 && p0 < 1.0)
	{
		z = binomial_score_z(x, n, p0);
		values[1] = Float8GetDatum(z);
		values[2] = Float8GetDatum(binomial_score_p_value(z, alternative));
	}
	else
		nulls[1] = nulls[2] = true;	/* no variance at the null */
	if (r->denominator <= (int64) BINOMIAL_EXACT_MAX_N)
		values[3] = Float8GetDatum(binomial_exact_p_value(x, n, p0, alternative));
	else
		nulls[3] = true;		/* counts beyond 2^53 are not exact doubles */
	tupdesc = BlessTupleDesc(tupdesc);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
}
