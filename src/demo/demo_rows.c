/*-------------------------------------------------------------------------
 * src/demo/demo_rows.c
 *    The plan rows of the synthetic province's C (medalliance_demo, not the
 *    product): generate_demo_province passes the rows of a temporary table
 *    as an array of records; their fields are found by name and their types
 *    checked, so that a change to the generator's SQL stops it with a
 *    message instead of misreading a field.  The same for the columns of the
 *    tables the C reads or writes.
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"

#include "demo_rows.h"

/* The rows of a plan (an array of records, none NULL). */
Datum *
plan_rows(ArrayType *rows, const char *plan_name, int *count)
{
	Oid			element_type = ARR_ELEMTYPE(rows);
	int16		typlen;
	bool		typbyval;
	char		typalign;
	Datum	   *elements;
	bool	   *nulls;

	if (!type_is_rowtype(element_type))
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("the %s must be an array of rows, not %s", plan_name, format_type_be(element_type))));
	get_typlenbyvalalign(element_type, &typlen, &typbyval, &typalign);
	deconstruct_array(rows, element_type, typlen, typbyval, typalign, &elements, &nulls, count);
	for (int i = 0; i < *count; i++)
		if (nulls[i])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("a row of the %s is NULL", plan_name)));
	return elements;
}

/* A field of a plan row, by name and type (22004 when NULL and not nullable). */
Datum
plan_field(HeapTupleHeader row, TupleDesc desc, const char *plan_name, const char *name,
		   Oid type, bool nullable, bool *isnull)
{
	HeapTupleData tuple;

	for (int i = 0; i < desc->natts; i++)
	{
		Form_pg_attribute att = TupleDescAttr(desc, i);
		Datum		value;

		if (att->attisdropped || strcmp(NameStr(att->attname), name) != 0)
			continue;
		if (att->atttypid != type)
			ereport(ERROR,
					(errcode(ERRCODE_DATATYPE_MISMATCH),
					 errmsg("field \"%s\" of the %s is of type %s, not %s",
							name, plan_name, format_type_be(att->atttypid), format_type_be(type))));
		tuple.t_len = HeapTupleHeaderGetDatumLength(row);
		ItemPointerSetInvalid(&tuple.t_self);
		tuple.t_tableOid = InvalidOid;
		tuple.t_data = row;
		value = heap_getattr(&tuple, att->attnum, desc, isnull);
		if (*isnull && !nullable)
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("field \"%s\" of the %s is NULL", name, plan_name)));
		return value;
	}
	ereport(ERROR,
			(errcode(ERRCODE_UNDEFINED_COLUMN),
			 errmsg("the %s has no field \"%s\"", plan_name, name)));
	return (Datum) 0;			/* keep the compiler quiet */
}

/* Reads an int[] field of a plan row (copied into the current memory context). */
void
plan_array(Datum value, bool isnull, const char *plan_name, PlanArray *array)
{
	ArrayType  *a;
	Datum	   *elements;
	int			count;

	memset(array, 0, sizeof(PlanArray));
	array->isnull = isnull;
	if (isnull)
		return;
	a = DatumGetArrayTypePCopy(value);
	if (ARR_ELEMTYPE(a) != INT4OID)
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("an institution list of the %s is not an integer[]", plan_name)));
	deconstruct_array(a, INT4OID, sizeof(int32), true, TYPALIGN_INT, &elements, &array->nulls, &count);
	array->cardinality = count;
	array->one_dimension = (ARR_NDIM(a) == 1);
	array->lower_bound = ARR_NDIM(a) >= 1 ? ARR_LBOUND(a)[0] : 1;
	array->values = (int32 *) palloc(sizeof(int32) * Max(count, 1));
	for (int i = 0; i < count; i++)
		array->values[i] = DatumGetInt32(elements[i]);
	if (array->nulls != NULL)
	{
		bool		any = false;

		for (int i = 0; i < count; i++)
			any |= array->nulls[i];
		if (!any)
			array->nulls = NULL;
	}
}

/* The column of a table by name, of the type the C reads or writes (42703, 42804). */
AttrNumber
table_column(Relation rel, const char *name, Oid type)
{
	TupleDesc	desc = RelationGetDescr(rel);

	for (int i = 0; i < desc->natts; i++)
	{
		Form_pg_attribute att = TupleDescAttr(desc, i);

		if (att->attisdropped || strcmp(NameStr(att->attname), name) != 0)
			continue;
		if (att->atttypid != type)
			ereport(ERROR,
					(errcode(ERRCODE_DATATYPE_MISMATCH),
					 errmsg("column \"%s\" of \"%s\" is of type %s, not %s",
							name, RelationGetRelationName(rel),
							format_type_be(att->atttypid), format_type_be(type)),
					 errhint("Update src/demo with medalliance.encounter.")));
		return att->attnum;
	}
	ereport(ERROR,
			(errcode(ERRCODE_UNDEFINED_COLUMN),
			 errmsg("table \"%s\" has no column \"%s\"", RelationGetRelationName(rel), name),
			 errhint("Use a table created LIKE medalliance.encounter.")));
	return InvalidAttrNumber;	/* keep the compiler quiet */
}
