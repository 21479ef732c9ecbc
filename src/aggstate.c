/*-------------------------------------------------------------------------
 * src/aggstate.c
 *    What every aggregate of the extension does the same way.
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "common/int.h"

#include "aggstate.h"

/* True when any of the arguments first_arg..last_arg is NULL. */
bool
agg_row_has_null(FunctionCallInfo fcinfo, int first_arg, int last_arg)
{
	int			i;

	for (i = first_arg; i <= last_arg; i++)
		if (PG_ARGISNULL(i))
			return true;
	return false;
}

/* The state argument returned as it is: NULL stays NULL. */
Datum
agg_state_unchanged(FunctionCallInfo fcinfo)
{
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	PG_RETURN_DATUM(PG_GETARG_DATUM(0));
}

/*
 * True when the function runs as an aggregate's transition or combine
 * function and the state is a non-NULL plain value (for a varlena type, not
 * toasted or expanded): it is then the group's own copy, in the aggregate
 * context, and may be updated in place.  *aggcontext (when not NULL)
 * receives the aggregate context, or NULL outside an aggregate.
 */
bool
agg_state_in_place(FunctionCallInfo fcinfo, Datum state, bool isnull, bool is_varlena,
				   MemoryContext *aggcontext)
{
	MemoryContext context = NULL;
	bool		in_aggregate = AggCheckCallContext(fcinfo, &context) != 0;

	if (aggcontext != NULL)
		*aggcontext = in_aggregate ? context : NULL;
	if (!in_aggregate || isnull)
		return false;
	return !is_varlena || !VARATT_IS_EXTENDED(DatumGetPointer(state));
}

/* *count += addend, raising 22003 with the caller's words when bigint overflows. */
void
checked_count_add(int64 *count, int64 addend, const char *message, const char *detail)
{
	if (unlikely(pg_add_s64_overflow(*count, addend, count)))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("%s", message),
				 errdetail("%s", detail)));
}
