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

#include "access/table.h"
#include "catalog/catalog.h"
#include "catalog/pg_type.h"
#include "miscadmin.h"
#include "utils/acl.h"
#include "utils/builtins.h"
#include "utils/datetime.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"
#include "utils/rls.h"

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

/*
 * The table the demo's C reads (privilege ACL_SELECT) or writes (ACL_INSERT),
 * opened with lockmode: a plain table — to be written, outside any
 * partitioned table and not a catalog — that is not another session's
 * temporary table, on which the caller holds the privilege, without
 * row-level security (which the demo's C does not apply).  what names the
 * caller in the messages, hint says what to pass instead.
 */
Relation
demo_open_table(Oid relid, LOCKMODE lockmode, AclMode privilege, const char *what, const char *hint)
{
	Relation	rel = table_open(relid, lockmode);
	bool		writing = (privilege & ACL_INSERT) != 0;
	AclResult	aclresult;

	if (rel->rd_rel->relkind != RELKIND_RELATION
		|| (writing && (rel->rd_rel->relispartition || IsCatalogRelation(rel))))
		ereport(ERROR,
				(errcode(ERRCODE_WRONG_OBJECT_TYPE),
				 errmsg("\"%s\" is not a plain table%s", RelationGetRelationName(rel),
						writing ? " outside any partitioned table" : ""),
				 errhint("%s", hint)));
	if (RELATION_IS_OTHER_TEMP(rel))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("cannot %s temporary tables of other sessions", writing ? "write into" : "read")));
	aclresult = pg_class_aclcheck(relid, GetUserId(), privilege);
	if (aclresult != ACLCHECK_OK)
		aclcheck_error(aclresult, get_relkind_objtype(rel->rd_rel->relkind), RelationGetRelationName(rel));
	if (check_enable_rls(relid, InvalidOid, false) == RLS_ENABLED)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("%s does not apply row-level security (table \"%s\")", what,
						RelationGetRelationName(rel))));
	return rel;
}

/*
 * month + interval '1 month', as a date: the first day after the month that
 * starts on month (the day clamped to the next month's length, as the SQL
 * interval does).  month is finite (the callers check).
 */
DateADT
demo_month_after(DateADT month)
{
	int			year;
	int			mon;
	int			day;

	j2date(month + POSTGRES_EPOCH_JDATE, &year, &mon, &day);
	if (++mon > MONTHS_PER_YEAR)
	{
		mon = 1;
		year++;
	}
	day = Min(day, day_tab[isleap(year)][mon - 1]);
	return date2j(year, mon, day) - POSTGRES_EPOCH_JDATE;
}
