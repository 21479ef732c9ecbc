/*-------------------------------------------------------------------------
 * src/demo/encounter_writer.c
 *    demo_write_encounters(target, month, salt, plan): the encounters of one
 *    month of the synthetic province (medalliance_demo, not the product),
 *    written into a new table the way COPY writes them, and the fund
 *    spending they add up to.
 *
 * generate_demo_province() used to build each encounter with one INSERT …
 * SELECT: five hashint8extended calls and some forty CASE, array and cast
 * expressions a row, then one heap insertion (and one WAL record) a row.  At
 * scale 1 that is 119 million rows; at scale 0.1 these statements took about
 * half of the generator's time, most of it in the expressions.  This
 * function computes the same rows in C from the same plan rows (demo_plan)
 * and hands them to the table in batches (table_multi_insert with a
 * BulkInsertState, one WAL record a page), checking the table's NOT NULL and
 * CHECK constraints on each row with ExecConstraints, as COPY does.
 *
 * The rows must be EXACTLY those of the SQL it replaces, so that a seed gives
 * the same province as before (test/pgtap/demo_extension.sql holds its
 * checksums).  The SQL's semantics are kept step by step:
 *   - the hashes are hashint8extended(key, salt + k), k = 2..6;
 *   - uniform numbers are float8 divisions of masked hash bits; a numeric
 *     literal compared with, or multiplied by, a float8 is converted to
 *     float8 first (numeric -> float8 is the implicit cast), so 0.65 here is
 *     the C double 0.65; every float8 step is one IEEE operation, so the
 *     library is built with -ffp-contract=off (no fused multiply-add);
 *   - the cost is float8, then ::numeric (PostgreSQL prints 15 significant
 *     digits, DBL_DIG, and reads them back), then round(…, 2) half away from
 *     zero: computed here in cents, exactly, far from a tie, and through
 *     PostgreSQL's own float8_numeric and numeric_round near one;
 *   - the fund payment is round(cost * ratio, 2) on numerics: exact integer
 *     arithmetic on cents and hundredths;
 *   - a NULL array yields NULL where the SQL would (cardinality(NULL) is
 *     NULL, a subscript outside the array is NULL), so a plan the SQL would
 *     have refused (a NULL institution) is refused here by the same NOT NULL
 *     constraint.
 *
 * While it writes, it adds the insured encounters up into the month's fund
 * spending (医保基金支出), the GROUP BY the generator ran over the month's table
 * afterwards: per institution, insured region, fund (employee when
 * hashint8extended(encounter_id, salt + 7) & 3 is 0, resident otherwise) and
 * kind, the settlements, the total cost and the fund payment, summed exactly
 * in cents.  These groups are the function's result, which the generator
 * inserts into medalliance.fund_spending; one pass over the rows instead of
 * a second read of the month (about a tenth of the generator's time).
 *
 * The target must be a plain table that no one else can see rows of yet: not
 * a partition (no partition constraint to check), without indexes, triggers
 * or row-level security (none of which this writer maintains), and the caller
 * needs INSERT on it.  The generator creates each month's table LIKE
 * medalliance.encounter and attaches it afterwards; the indexes are built and
 * the foreign keys checked once, at the attachment.  Columns are found by
 * name and their types checked, so that a change to medalliance.encounter
 * stops the generator with a message instead of writing wrong rows; a column
 * the writer does not know gets its default.
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <float.h>
#include <math.h>

#include "access/heapam.h"
#include "access/htup_details.h"
#include "access/table.h"
#include "access/tableam.h"
#include "access/xact.h"
#include "catalog/pg_type.h"
#include "common/hashfn.h"
#include "common/int.h"
#include "executor/executor.h"
#include "fmgr.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "optimizer/optimizer.h"
#include "rewrite/rewriteHandler.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datetime.h"
#include "utils/hsearch.h"
#include "utils/lsyscache.h"
#include "utils/numeric.h"
#include "utils/rel.h"
#include "utils/typcache.h"

#include "demo_rows.h"
#include "encounter_writer.h"

PG_MODULE_MAGIC;

/* rows handed to table_multi_insert at a time (COPY's MAX_BUFFERED_TUPLES) */
#define WRITER_BATCH	1000

/*
 * The SQL's arrays indexed by [cat + 1], cat being the tier of care of the
 * encounter: 0 village, 1 township, 2 county, 3 city, 4 province.  The
 * surgery shares and ratios were numeric literals: the shares are compared
 * with float8 (so they are doubles), the ratios multiply a numeric cost (so
 * they are kept exact, in hundredths).  The emergency costs are
 * 1.6 * (45, 90, 230, 320, 420), exact in numeric.
 */
static const double surgery_share[5] = {0.0, 0.08, 0.35, 0.42, 0.50};
static const double cost_inpatient[5] = {1200, 2400, 6800, 9800, 15600};
static const double cost_emergency[5] = {72, 144, 368, 512, 672};
static const double cost_outpatient[5] = {45, 90, 230, 320, 420};
static const int ratio_inpatient[5] = {75, 75, 65, 55, 50};
static const int ratio_other[5] = {55, 50, 35, 30, 30};



/* The columns the writer fills, found by name in the target table. */
enum EncounterColumn
{
	COL_ENCOUNTER_ID,
	COL_ENCOUNTER_DATE,
	COL_ENCOUNTER_KIND,
	COL_INSTITUTION_ID,
	COL_PATIENT_ID,
	COL_RESIDENCE_REGION_ID,
	COL_INSURED_REGION_ID,
	COL_ADMITTED_ON,
	COL_IS_TCM,
	COL_SURGERY_LEVEL,
	COL_TOTAL_COST,
	COL_FUND_PAYMENT,
	COL_CATCHMENT_INSTITUTION_ID,
	N_ENCOUNTER_COLUMNS
};

static const struct
{
	const char *name;
	Oid			type;
}			encounter_columns[N_ENCOUNTER_COLUMNS] =
{
	{"encounter_id", INT8OID},
	{"encounter_date", DATEOID},
	{"encounter_kind", TEXTOID},
	{"institution_id", INT4OID},
	{"patient_id", INT8OID},
	{"residence_region_id", INT4OID},
	{"insured_region_id", INT4OID},
	{"admitted_on", DATEOID},
	{"is_tcm", BOOLOID},
	{"surgery_level", INT2OID},
	{"total_cost", NUMERICOID},
	{"fund_payment", NUMERICOID},
	{"catchment_institution_id", INT4OID},
};


/* The float8 whose 15 significant digits PostgreSQL's float8_numeric keeps. */
static Numeric
cost_numeric_slow(double cost)
{
	return DatumGetNumeric(DirectFunctionCall2(numeric_round,
											   DirectFunctionCall1(float8_numeric, Float8GetDatum(cost)),
											   Int32GetDatum(2)));
}

/*
 * round(cost::numeric, 2) in cents.  float8_numeric keeps DBL_DIG (15)
 * significant digits, which moves a value below 10^6 by at most 5e-8 cent;
 * cost * 100 in float8 is off by less than 1e-8 cent.  So when the cents'
 * fraction is more than 1e-6 from one half, rounding the float8 gives what
 * rounding PostgreSQL's numeric gives; nearer a tie (about two rows in a
 * million) the numeric is computed as PostgreSQL computes it.
 */
static int64
cost_cents(double cost)
{
	if (cost > 0 && cost < 1e6)
	{
		double		scaled = cost * 100.0;
		double		whole = floor(scaled);
		double		fraction = scaled - whole;

		if (fabs(fraction - 0.5) > 1e-6)
			return (int64) whole + (fraction > 0.5 ? 1 : 0);
	}
	if (isnan(cost) || isinf(cost) || fabs(cost) >= 1e16)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("encounter cost %g is out of range", cost)));
	return DatumGetInt64(DirectFunctionCall1(numeric_int8,
											 DirectFunctionCall2(numeric_mul,
																 NumericGetDatum(cost_numeric_slow(cost)),
																 NumericGetDatum(int64_to_numeric(100)))));
}

/* numeric(p,2) or numeric: the largest cents + 1 the column takes */
static int64
numeric_column_limit(Form_pg_attribute att)
{
	int			precision;
	int			scale;
	int64		limit = 1;

	if (att->atttypmod < (int32) VARHDRSZ)
		return PG_INT64_MAX;
	precision = ((att->atttypmod - VARHDRSZ) >> 16) & 0xffff;
	scale = (((att->atttypmod - VARHDRSZ) & 0x7ff) ^ 1024) - 1024;
	if (scale != 2)
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("column \"%s\" is numeric(%d,%d); the demo's encounter writer writes numeric or numeric(p,2)",
						NameStr(att->attname), precision, scale),
				 errhint("Update src/demo with medalliance.encounter.")));
	if (precision > 18)
		return PG_INT64_MAX;
	while (precision-- > 0)
		limit *= 10;
	return limit;
}

/* cents as a numeric of scale 2, as numeric(p,2) stores it; checked against p */
static inline Datum
cents_numeric(int64 cents, int64 limit, Form_pg_attribute att)
{
	if (cents >= limit || cents <= -limit)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("numeric field overflow in column \"%s\"", NameStr(att->attname))));
	return NumericGetDatum(int64_div_fast_to_numeric(cents, 2));
}

/* Reads the plan rows (records with demo_plan's fields, from plan_rows). */
EncounterPlan *
read_encounter_plans(Datum *elements, int count)
{
	EncounterPlan *plans = (EncounterPlan *) palloc0(sizeof(EncounterPlan) * Max(count, 1));

	for (int i = 0; i < count; i++)
	{
		HeapTupleHeader row = DatumGetHeapTupleHeader(elements[i]);
		TupleDesc	desc = lookup_rowtype_tupdesc(HeapTupleHeaderGetTypeId(row), HeapTupleHeaderGetTypMod(row));
		EncounterPlan *p = &plans[i];
		bool		isnull;
		Datum		value;
		char	   *kind;

#define FIELD(name, type, nullable) plan_field(row, desc, ENCOUNTER_PLAN, name, type, nullable, &isnull)
		/* the kind is written as it is: a detoasted copy lives as long as the plan */
		value = FIELD("kind", TEXTOID, false);
		p->kind_text = PointerGetDatum(PG_DETOAST_DATUM_COPY(value));
		kind = TextDatumGetCString(p->kind_text);
		p->kind = strcmp(kind, "inpatient") == 0 ? KIND_INPATIENT
			: strcmp(kind, "emergency") == 0 ? KIND_EMERGENCY : KIND_OUTPATIENT;
		/* the fund spending groups by the text (CASE ... ELSE reads any other kind as outpatient) */
		p->kind_id = i;
		for (int j = 0; j < i; j++)
			if (plans[j].kind_id == j && strcmp(kind, TextDatumGetCString(plans[j].kind_text)) == 0)
			{
				p->kind_id = plans[j].kind_id;
				break;
			}
		p->region_id = DatumGetInt32(FIELD("region_id", INT4OID, false));
		p->cvr = DatumGetFloat8(FIELD("cvr", FLOAT8OID, false));
		p->prim = DatumGetFloat8(FIELD("prim", FLOAT8OID, false));
		p->person_base = DatumGetInt64(FIELD("person_base", INT8OID, false));
		p->persons = DatumGetInt64(FIELD("persons", INT8OID, false));
		p->key_base = DatumGetInt64(FIELD("key_base", INT8OID, false));
		p->n = DatumGetInt64(FIELD("n", INT8OID, false));
		value = FIELD("tier0", INT4ARRAYOID, true);
		plan_array(value, isnull, ENCOUNTER_PLAN, &p->tier0);
		value = FIELD("tier1", INT4ARRAYOID, true);
		plan_array(value, isnull, ENCOUNTER_PLAN, &p->tier1);
		value = FIELD("sec", INT4ARRAYOID, true);
		plan_array(value, isnull, ENCOUNTER_PLAN, &p->sec);
		value = FIELD("out_prov", INT4ARRAYOID, true);
		plan_array(value, isnull, ENCOUNTER_PLAN, &p->out_prov);
		value = FIELD("out_city", INT4ARRAYOID, true);
		plan_array(value, isnull, ENCOUNTER_PLAN, &p->out_city);
		value = FIELD("catch_ids", INT4ARRAYOID, true);
		plan_array(value, isnull, ENCOUNTER_PLAN, &p->catch_ids);
#undef FIELD
		ReleaseTupleDesc(desc);
	}
	return plans;
}

/*
 * extract(day FROM month + interval '1 month' - interval '1 day'): the days
 * of the month that starts on month (the generator passes first days).
 */
static int
days_from(DateADT month)
{
	int			year;
	int			mon;
	int			day;

	j2date(demo_month_after(month) - 1 + POSTGRES_EPOCH_JDATE, &year, &mon, &day);
	return day;
}

/* The target: a new plain table the caller may insert into. */
static Relation
open_target(Oid relid)
{
	Relation	rel = demo_open_table(relid, RowExclusiveLock, ACL_INSERT, "the demo's encounter writer",
									  "Write the encounters into a new table LIKE medalliance.encounter and attach it afterwards.");
	List	   *indexes;

	indexes = RelationGetIndexList(rel);
	if (indexes != NIL || rel->trigdesc != NULL ||
		(rel->rd_att->constr != NULL && rel->rd_att->constr->has_generated_stored))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("table \"%s\" has indexes, triggers or generated columns, which the demo's encounter writer does not maintain",
						RelationGetRelationName(rel)),
				 errhint("Write into a new table LIKE medalliance.encounter without its indexes, and index it afterwards.")));
	list_free(indexes);
	return rel;
}

/* The fund spending of the month as the function's result rows (InitMaterializedSRF done). */
static void
return_fund_spending(FunctionCallInfo fcinfo, HTAB *groups)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	HASH_SEQ_STATUS status;
	FundGroup  *group;
	Datum		employee = CStringGetTextDatum("employee");
	Datum		resident = CStringGetTextDatum("resident");

	hash_seq_init(&status, groups);
	while ((group = (FundGroup *) hash_seq_search(&status)) != NULL)
	{
		Datum		values[7];
		bool		nulls[7] = {false, false, false, false, false, false, false};

		values[0] = Int32GetDatum(group->key.institution_id);
		values[1] = Int32GetDatum(group->key.insured_region_id);
		values[2] = group->key.employee ? employee : resident;
		values[3] = group->kind_text;
		values[4] = Int64GetDatum(group->settlements);
		/* sum() of numeric(p,2) values: scale 2 */
		values[5] = NumericGetDatum(int64_div_fast_to_numeric(group->cost_cents, 2));
		values[6] = NumericGetDatum(int64_div_fast_to_numeric(group->fund_cents, 2));
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
}

/*
 * Writes the encounters of the plans (those of one month, which starts on
 * month) into rel, a new plain table opened by the caller, and adds the
 * insured ones up into fund_groups (fund_groups_create).  extra_options are
 * table_multi_insert options beyond what the table allows by itself
 * (TABLE_INSERT_FROZEN, for a table created in the caller's transaction).
 */
void
write_encounters(Relation rel, DateADT month, int64 salt, const EncounterPlan *plans, int nplans,
				 HTAB *fund_groups, int extra_options)
{
	int64		seeds[6];			/* salt + 2 … salt + 7 */
	int			days;
	TupleDesc	desc;
	AttrNumber	attnums[N_ENCOUNTER_COLUMNS];
	ExprState **defaults;
	int64		cost_limit;
	int64		fund_limit;
	EState	   *estate;
	ExprContext *econtext;
	ResultRelInfo *rri;
	BulkInsertState bistate;
	CommandId	cid;
	int			ti_options = extra_options;
	TupleTableSlot *slots[WRITER_BATCH];
	int			nbuffered = 0;

	if (DATE_NOT_FINITE(month))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("the month of the encounters must be a finite date")));
	/* $2 + 2 … $2 + 7 in the SQL: int8 additions that fail on overflow */
	for (int k = 0; k < 6; k++)
		if (pg_add_s64_overflow(salt, k + 2, &seeds[k]))
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("bigint out of range")));
	days = days_from(month);
	desc = RelationGetDescr(rel);
	/* the known columns by name, the others' defaults */
	for (int c = 0; c < N_ENCOUNTER_COLUMNS; c++)
		attnums[c] = InvalidAttrNumber;
	defaults = (ExprState **) palloc0(sizeof(ExprState *) * desc->natts);
	estate = CreateExecutorState();
	econtext = GetPerTupleExprContext(estate);
	for (int i = 0; i < desc->natts; i++)
	{
		Form_pg_attribute att = TupleDescAttr(desc, i);
		bool		known = false;

		if (att->attisdropped)
			continue;
		for (int c = 0; c < N_ENCOUNTER_COLUMNS; c++)
			if (strcmp(NameStr(att->attname), encounter_columns[c].name) == 0)
			{
				attnums[c] = table_column(rel, encounter_columns[c].name, encounter_columns[c].type);
				known = true;
			}
		if (!known)
		{
			Node	   *expr = build_column_default(rel, att->attnum);

			if (expr != NULL)
			{
				MemoryContext old = MemoryContextSwitchTo(estate->es_query_cxt);

				defaults[i] = ExecInitExpr(expression_planner((Expr *) expr), NULL);
				MemoryContextSwitchTo(old);
			}
		}
	}
	for (int c = 0; c < N_ENCOUNTER_COLUMNS; c++)
		if (attnums[c] == InvalidAttrNumber)
			attnums[c] = table_column(rel, encounter_columns[c].name, encounter_columns[c].type);	/* raises 42703 */
	cost_limit = numeric_column_limit(TupleDescAttr(desc, attnums[COL_TOTAL_COST] - 1));
	fund_limit = numeric_column_limit(TupleDescAttr(desc, attnums[COL_FUND_PAYMENT] - 1));

	rri = makeNode(ResultRelInfo);
	InitResultRelInfo(rri, rel, 0, NULL, 0);
	for (int b = 0; b < WRITER_BATCH; b++)
		slots[b] = MakeSingleTupleTableSlot(desc, table_slot_callbacks(rel));
	bistate = GetBulkInsertState();
	cid = GetCurrentCommandId(true);
	/* as COPY: a table created in this transaction needs no free-space map */
	if (rel->rd_createSubid != InvalidSubTransactionId ||
		rel->rd_firstRelfilenodeSubid != InvalidSubTransactionId)
		ti_options |= TABLE_INSERT_SKIP_FSM;

	for (int p = 0; p < nplans; p++)
	{
		const EncounterPlan *plan = &plans[p];
		bool		inpatient = (plan->kind == KIND_INPATIENT);

		for (int64 i = 1; i <= plan->n; i++)
		{
			TupleTableSlot *slot = slots[nbuffered];
			Datum	   *values = slot->tts_values;
			bool	   *isnull = slot->tts_isnull;
			int64		key;
			uint64		h1,
						h2,
						h3,
						h4,
						h5;
			double		u1,
						u2,
						u3,
						u4,
						u5,
						u6,
						u7,
						u8,
						u9,
						u10;
			int			cat;
			int32		inst = 0;
			bool		has_inst;
			bool		tcm;
			double		psurg;
			DateADT		d;
			int64		patient;
			bool		insured;
			int			los;
			int			surgery = 0;
			double		base;
			int64		cost;
			int64		fund;
			int			ratio;
			int32		catchment;
			bool		has_catchment = false;
			MemoryContext old;

			/* what a row allocates (numerics, defaults, checks) lives until its slot holds a copy */
			old = MemoryContextSwitchTo(GetPerTupleMemoryContext(estate));
			if (pg_add_s64_overflow(plan->key_base, i, &key))
				ereport(ERROR,
						(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
						 errmsg("bigint out of range")));
			h1 = hash_int8_extended(key, seeds[0]);
			h2 = hash_int8_extended(key, seeds[1]);
			h3 = hash_int8_extended(key, seeds[2]);
			h4 = hash_int8_extended(key, seeds[3]);
			h5 = hash_int8_extended(key, seeds[4]);
			u1 = U31(h1);
			u2 = U31(h1 >> 32);
			u3 = U31(h2);
			u4 = U31(h2 >> 32);
			u5 = U31(h3);
			u6 = U31(h3 >> 32);
			u7 = U31(h4);
			u8 = U31(h4 >> 32);
			u9 = U31(h5);
			u10 = U20(h5 >> 20);

			/* the tier of care: out of the county (4 province, 3 city), village, township, county */
			if (u1 >= plan->cvr)
				cat = (u2 < 0.65 && plan_array_filled(&plan->out_prov)) ? 4 : 3;
			else if (u2 < plan->prim)
				cat = (!inpatient && u3 < 0.35 && plan_array_filled(&plan->tier0)) ? 0 : 1;
			else
				cat = 2;
			switch (cat)
			{
				case 4:
					has_inst = plan_array_pick(&plan->out_prov, u4, &inst);
					break;
				case 3:
					has_inst = plan_array_pick(&plan->out_city, u4, &inst);
					break;
				case 0:
					has_inst = plan_array_pick(&plan->tier0, u4, &inst);
					break;
				case 1:
					has_inst = plan_array_pick(&plan->tier1, u4, &inst);
					break;
				default:
					has_inst = plan_array_at(&plan->sec, u4 < 0.55 ? 1 : u4 < 0.80 ? 2 : 3, &inst);
					break;
			}
			tcm = u5 < (cat == 2 && u4 >= 0.55 && u4 < 0.80 ? 0.60
						: cat == 1 ? 0.10 : cat == 0 ? 0.05 : 0.03);
			psurg = surgery_share[cat];
			d = month + (DateADT) floor(u7 * (double) days);
			patient = plan->person_base + 1 + (int64) floor(u9 * (double) plan->persons);
			insured = u10 < 0.96;
			los = (int) (1 + ((h5 >> 40) & 7) + ((h5 >> 44) & 3));

			if (inpatient && u6 < psurg)
			{
				double		r = u6 / psurg;

				if (cat <= 1)
					surgery = 1;
				else if (cat == 2)
					surgery = r < 0.30 ? 1 : r < 0.65 ? 2 : r < 0.90 ? 3 : 4;
				else
					surgery = r < 0.15 ? 1 : r < 0.40 ? 2 : r < 0.75 ? 3 : 4;
			}
			base = (plan->kind == KIND_INPATIENT ? cost_inpatient
					: plan->kind == KIND_EMERGENCY ? cost_emergency : cost_outpatient)[cat];
			ratio = (inpatient ? ratio_inpatient : ratio_other)[cat];
			cost = cost_cents(base * (0.4 + 1.2 * u8));
			if (!plan->catch_ids.isnull)
			{
				int64		offset;

				if (plan->persons == 0)
					ereport(ERROR,
							(errcode(ERRCODE_DIVISION_BY_ZERO),
							 errmsg("division by zero")));
				if (pg_mul_s64_overflow(patient - plan->person_base - 1, plan->catch_ids.cardinality, &offset))
					ereport(ERROR,
							(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
							 errmsg("bigint out of range")));
				has_catchment = plan_array_at(&plan->catch_ids, 1 + offset / plan->persons, &catchment);
			}

			/* the row */
			ExecClearTuple(slot);
			for (int a = 0; a < desc->natts; a++)
			{
				isnull[a] = true;
				values[a] = (Datum) 0;
				if (defaults[a] != NULL)
					values[a] = ExecEvalExpr(defaults[a], econtext, &isnull[a]);
			}
#define SET(column, datum) \
			do { values[attnums[column] - 1] = (datum); isnull[attnums[column] - 1] = false; } while (0)
			SET(COL_ENCOUNTER_ID, Int64GetDatum(key));
			SET(COL_ENCOUNTER_DATE, DateADTGetDatum(d));
			SET(COL_ENCOUNTER_KIND, plan->kind_text);
			if (has_inst)
				SET(COL_INSTITUTION_ID, Int32GetDatum(inst));
			SET(COL_PATIENT_ID, Int64GetDatum(patient));
			SET(COL_RESIDENCE_REGION_ID, Int32GetDatum(plan->region_id));
			if (insured)
				SET(COL_INSURED_REGION_ID, Int32GetDatum(plan->region_id));
			if (inpatient)
				SET(COL_ADMITTED_ON, DateADTGetDatum(d - los));
			SET(COL_IS_TCM, BoolGetDatum(tcm));
			if (surgery > 0)
				SET(COL_SURGERY_LEVEL, Int16GetDatum((int16) surgery));
			SET(COL_TOTAL_COST, cents_numeric(cost, cost_limit, TupleDescAttr(desc, attnums[COL_TOTAL_COST] - 1)));
			/* round(cost * ratio, 2): cents times hundredths, half away from zero */
			fund = insured ? (cost * ratio + (cost >= 0 ? 50 : -50)) / 100 : 0;
			SET(COL_FUND_PAYMENT, cents_numeric(fund, fund_limit, TupleDescAttr(desc, attnums[COL_FUND_PAYMENT] - 1)));
			if (has_catchment)
				SET(COL_CATCHMENT_INSTITUTION_ID, Int32GetDatum(catchment));
#undef SET
			ExecStoreVirtualTuple(slot);
			if (rel->rd_att->constr != NULL)
				ExecConstraints(rri, slot, estate);
			ExecMaterializeSlot(slot);
			MemoryContextSwitchTo(old);
			ResetPerTupleExprContext(estate);

			/* the fund spending of the insured encounters */
			if (insured)
			{
				FundKey		fund_key;
				FundGroup  *group;
				bool		found;

				/* fund_spending.institution_id is NOT NULL (as the target's column) */
				if (!has_inst)
					ereport(ERROR,
							(errcode(ERRCODE_NOT_NULL_VIOLATION),
							 errmsg("an insured encounter of the plan has no institution")));
				fund_key.institution_id = inst;
				fund_key.insured_region_id = plan->region_id;
				fund_key.kind_id = plan->kind_id;
				fund_key.employee = (hash_int8_extended(key, seeds[5]) & 3) == 0;
				group = (FundGroup *) hash_search(fund_groups, &fund_key, HASH_ENTER, &found);
				if (!found)
				{
					group->kind_text = plan->kind_text;
					group->settlements = 0;
					group->cost_cents = 0;
					group->fund_cents = 0;
				}
				group->settlements++;
				group->cost_cents += cost;
				group->fund_cents += fund;
			}

			if (++nbuffered == WRITER_BATCH)
			{
				table_multi_insert(rel, slots, nbuffered, cid, ti_options, bistate);
				nbuffered = 0;
				CHECK_FOR_INTERRUPTS();
			}
		}
	}
	if (nbuffered > 0)
		table_multi_insert(rel, slots, nbuffered, cid, ti_options, bistate);

	FreeBulkInsertState(bistate);
	table_finish_bulk_insert(rel, ti_options);
	for (int b = 0; b < WRITER_BATCH; b++)
		ExecDropSingleTupleTableSlot(slots[b]);
	FreeExecutorState(estate);
}

/* The month's fund spending groups, in the current memory context. */
HTAB *
fund_groups_create(void)
{
	HASHCTL		fund_ctl;

	fund_ctl.keysize = sizeof(FundKey);
	fund_ctl.entrysize = sizeof(FundGroup);
	fund_ctl.hcxt = CurrentMemoryContext;
	return hash_create("demo fund spending", 1024, &fund_ctl, HASH_ELEM | HASH_BLOBS | HASH_CONTEXT);
}

PG_FUNCTION_INFO_V1(demo_write_encounters);
/*
 * demo_write_encounters(target regclass, month date, salt bigint, plan anyarray)
 * RETURNS TABLE (institution_id, insured_region_id, fund_kind, encounter_kind,
 * settlements, total_cost, fund_payment): writes the encounters of the plan
 * rows (those of demo_plan for that month) into target and returns the fund
 * spending of the insured ones.
 */
Datum
demo_write_encounters(PG_FUNCTION_ARGS)
{
	Oid			relid = PG_GETARG_OID(0);
	DateADT		month = PG_GETARG_DATEADT(1);
	int64		salt = PG_GETARG_INT64(2);
	ArrayType  *rows = PG_GETARG_ARRAYTYPE_P(3);
	Datum	   *elements;
	EncounterPlan *plans;
	int			nplans;
	HTAB	   *fund_groups;
	Relation	rel;

	if (DATE_NOT_FINITE(month))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("the month of the encounters must be a finite date")));
	/* the result's tuplestore first: called where no set is taken, it writes nothing */
	InitMaterializedSRF(fcinfo, 0);
	elements = plan_rows(rows, ENCOUNTER_PLAN, &nplans);
	plans = read_encounter_plans(elements, nplans);
	fund_groups = fund_groups_create();
	rel = open_target(relid);
	write_encounters(rel, month, salt, plans, nplans, fund_groups, 0);
	table_close(rel, NoLock);

	return_fund_spending(fcinfo, fund_groups);
	hash_destroy(fund_groups);
	return (Datum) 0;
}
