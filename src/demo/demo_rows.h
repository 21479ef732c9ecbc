/*-------------------------------------------------------------------------
 * src/demo/demo_rows.h
 *    What the C of the synthetic province shares (medalliance_demo, not the
 *    product): PostgreSQL's hashint8extended, the plan rows the generator
 *    passes as arrays of records, and their int[] fields read as the SQL
 *    reads arrays.
 *-------------------------------------------------------------------------
 */
#ifndef MEDALLIANCE_DEMO_ROWS_H
#define MEDALLIANCE_DEMO_ROWS_H

#include "postgres.h"

#include <math.h>

#include "access/htup_details.h"
#include "common/hashfn.h"
#include "nodes/parsenodes.h"
#include "storage/lockdefs.h"
#include "utils/array.h"
#include "utils/date.h"
#include "utils/rel.h"

/* the SQL's uniform numbers: 31 hash bits over 2^31, or 20 over 2^20 */
#define U31(h)			((double) ((h) & UINT64CONST(2147483647)) / 2147483648.0)
#define U20(h)			((double) ((h) & UINT64CONST(1048575)) / 1048576.0)

/*
 * An int[] of a plan as the SQL reads it: its cardinality, and a value for
 * a one-dimensional subscript (NULL outside the array, for a NULL element,
 * or when the array itself is NULL).
 */
typedef struct PlanArray
{
	bool		isnull;
	int64		cardinality;
	bool		one_dimension;	/* one subscript reaches an element */
	int			lower_bound;
	int32	   *values;
	bool	   *nulls;			/* NULL when no element is NULL */
} PlanArray;

/* hashint8extended(val, seed), as PostgreSQL computes it (hashfunc.c) */
static inline uint64
hash_int8_extended(int64 val, int64 seed)
{
	uint32		lohalf = (uint32) val;
	uint32		hihalf = (uint32) (val >> 32);

	lohalf ^= (val >= 0) ? hihalf : ~hihalf;
	return hash_bytes_uint32_extended(lohalf, (uint64) seed);
}

/* arr[subscript] of a plan array; false for NULL */
static inline bool
plan_array_at(const PlanArray *array, int64 subscript, int32 *value)
{
	int64		offset;

	if (array->isnull || !array->one_dimension)
		return false;
	offset = subscript - array->lower_bound;
	if (offset < 0 || offset >= array->cardinality)
		return false;
	if (array->nulls != NULL && array->nulls[offset])
		return false;
	*value = array->values[offset];
	return true;
}

/* arr[1 + floor(u * cardinality(arr))::int]: a uniform pick; false for NULL */
static inline bool
plan_array_pick(const PlanArray *array, double u, int32 *value)
{
	if (array->isnull)
		return false;
	return plan_array_at(array, 1 + (int64) floor(u * (double) array->cardinality), value);
}

/* cardinality(arr) > 0, NULL counting as false (as in a CASE WHEN) */
static inline bool
plan_array_filled(const PlanArray *array)
{
	return !array->isnull && array->cardinality > 0;
}

extern Datum *plan_rows(ArrayType *rows, const char *plan_name, int *count);
extern Datum plan_field(HeapTupleHeader row, TupleDesc desc, const char *plan_name, const char *name,
						Oid type, bool nullable, bool *isnull);
extern void plan_array(Datum value, bool isnull, const char *plan_name, PlanArray *array);
extern AttrNumber table_column(Relation rel, const char *name, Oid type);
extern DateADT demo_month_after(DateADT month);
extern Relation demo_open_table(Oid relid, LOCKMODE lockmode, AclMode privilege, const char *what,
								const char *hint);

#endif							/* MEDALLIANCE_DEMO_ROWS_H */
