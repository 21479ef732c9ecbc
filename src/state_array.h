/*-------------------------------------------------------------------------
 * src/state_array.h
 *    float8[] aggregate states (the pattern of core's float8_accum): checks
 *    that an array handed in, possibly straight from SQL, is a state of the
 *    expected shape, and a Neumaier-compensated pair of elements.
 *-------------------------------------------------------------------------
 */
#ifndef MEDALLIANCE_STATE_ARRAY_H
#define MEDALLIANCE_STATE_ARRAY_H

#include "postgres.h"

#include "catalog/pg_type.h"
#include "utils/array.h"

/*
 * The data of a one-dimensional float8[] without NULLs (ARR_DATA_PTR, whose
 * expansion trips -Wsign-compare, for the only shape a state may have).
 */
#define STATE_DATA(a)	((float8 *) ((char *) (a) + ARR_OVERHEAD_NONULLS(1)))

/*
 * The float8 elements of a one-dimensional, NULL-free float8[] of exactly
 * nelems elements (or at least nelems when exact is false); raises 22023
 * naming the state otherwise.
 */
static inline float8 *
state_array_elements(ArrayType *a, int nelems, bool exact, const char *what)
{
	if (ARR_NDIM(a) != 1 || ARR_HASNULL(a) || ARR_ELEMTYPE(a) != FLOAT8OID ||
		(exact ? ARR_DIMS(a)[0] != nelems : ARR_DIMS(a)[0] < nelems))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid %s state: expected a one-dimensional float8 array of %s%d elements without NULLs",
						what, exact ? "" : "at least ", nelems),
				 errhint("Pass only states made by the %s aggregate's own functions.", what)));
	return STATE_DATA(a);
}

#endif							/* MEDALLIANCE_STATE_ARRAY_H */
