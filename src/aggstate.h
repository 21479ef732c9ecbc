/*-------------------------------------------------------------------------
 * src/aggstate.h
 *    What every aggregate of the extension does the same way: skip a row
 *    with a NULL input, decide whether the state may be updated in place,
 *    and add counts without leaving bigint.
 *
 * The transition types are real SQL types (rate, compliance, ...), not
 * internal.  Called as an aggregate's transition or combine function, a
 * function may update the group's state in place; called as a plain
 * function, it must never modify its argument.
 *-------------------------------------------------------------------------
 */
#ifndef MEDALLIANCE_AGGSTATE_H
#define MEDALLIANCE_AGGSTATE_H

#include "postgres.h"
#include "fmgr.h"

extern bool agg_row_has_null(FunctionCallInfo fcinfo, int first_arg, int last_arg);
extern Datum agg_state_unchanged(FunctionCallInfo fcinfo);
extern bool agg_state_in_place(FunctionCallInfo fcinfo, Datum state, bool isnull,
							   bool is_varlena, MemoryContext *aggcontext);
extern void checked_count_add(int64 *count, int64 addend, const char *message,
							  const char *detail);

/*
 * The start of a transition function: a row with a NULL in any of the
 * arguments first_arg..last_arg leaves the state as it was (NULL before the
 * first row), as SQL's own aggregates skip NULLs.
 */
#define AGG_SKIP_ROW_WITH_NULL(fcinfo, first_arg, last_arg) \
	do { \
		if (agg_row_has_null((fcinfo), (first_arg), (last_arg))) \
			return agg_state_unchanged(fcinfo); \
	} while (0)

#endif							/* MEDALLIANCE_AGGSTATE_H */
