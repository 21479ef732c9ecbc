/*-------------------------------------------------------------------------
 * src/display.c
 *    display_round(x, decimals): a double shown in a BI view as a numeric of
 *    that scale (sql/96_bi.sql).
 *
 * The double is scaled by 10^decimals and rounded half away from zero in
 * double precision, and the integer so found becomes the numeric
 * integer / 10^decimals directly (int64_div_fast_to_numeric), with no
 * decimal text in between: the same figures as round(x::numeric, decimals)
 * but for ties within an ulp of the double (the double nearest 2.675 lies just
 * below it, but times 100 it is 267.5 in double precision: 2.68, as a reader
 * expects).  NaN, the infinities and values whose scaled magnitude reaches
 * 2^53 (where a double no longer holds every integer) take the cast through
 * numeric.
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>

#include "fmgr.h"
#include "utils/fmgrprotos.h"
#include "utils/numeric.h"

/* the largest number of decimals shown; 10^15 is exact in a double */
#define DISPLAY_MAX_DECIMALS 15

PG_FUNCTION_INFO_V1(display_round);
Datum
display_round(PG_FUNCTION_ARGS)
{
	float8		x = PG_GETARG_FLOAT8(0);
	int32		decimals = PG_GETARG_INT32(1);
	float8		scaled;

	if (decimals < 0 || decimals > DISPLAY_MAX_DECIMALS)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("display_round shows 0 to %d decimals, not %d", DISPLAY_MAX_DECIMALS, decimals)));

	scaled = x * pow(10.0, decimals);
	if (isfinite(scaled) && fabs(scaled) < 9007199254740992.0)	/* 2^53 */
	{
		scaled = trunc(scaled + (x > 0 ? 0.5 : (x < 0 ? -0.5 : 0.0)));
		PG_RETURN_NUMERIC(int64_div_fast_to_numeric((int64) scaled, decimals));
	}
	return DirectFunctionCall2(numeric_round,
							   DirectFunctionCall1(float8_numeric, Float8GetDatum(x)),
							   Int32GetDatum(decimals));
}
