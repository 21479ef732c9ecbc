/*-------------------------------------------------------------------------
 * src/demo/month_writers.c
 *    Month writers: background workers that write the encounters of the
 *    synthetic province (medalliance_demo, not the product) month by month
 *    while the generator does its other work.
 *
 * The generator's session works on one core.  Writing the encounters —
 * computing 119 million rows at scale 1 and building the three indexes of
 * each month — is half of its work and needs nothing the generator's open
 * transaction holds: a month follows from its plan rows alone.  So the
 * generator hands the months to background workers (two by default,
 * medalliance_demo.month_writers) and writes the other facts meanwhile:
 *
 *   demo_start_month_writers(months, tables, salt, plan, workers)
 *       copies the plan rows into a dynamic shared memory segment and starts
 *       the workers; it returns how many started (0: the generator writes
 *       the months itself, as before).
 *   Each worker takes the next month, and in a transaction of its own
 *   creates medalliance_demo.<table> LIKE medalliance.encounter, writes the
 *   month into it (the same write_encounters as demo_write_encounters, the
 *   rows frozen as COPY FREEZE writes them into a table of the same
 *   transaction), indexes it with medalliance.index_month_partition, puts
 *   the month's fund spending into the segment, and commits.
 *   demo_take_month(month) waits for that month and returns its fund
 *   spending; the generator then moves the table into medalliance and
 *   attaches it as the month's partition, its foreign keys checked there
 *   by one join each.
 *
 * A worker commits its table, so the generator's transaction can see it;
 * should the generator fail afterwards, the tables of the months written
 * stay in medalliance_demo (under their partitions' names, not attached to
 * anything) until the next generate_demo_province drops them.
 *
 * The workers log in as the generator's user, so they start only where the
 * current user is the session user (not under SET ROLE or in a SECURITY
 * DEFINER function); an error of a worker is raised again by the generator
 * with its SQLSTATE, and the end of the generator's transaction (or
 * session) stops any worker still running.
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/table.h"
#include "access/tableam.h"
#include "access/xact.h"
#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "pgstat.h"
#include "port/atomics.h"
#include "postmaster/bgworker.h"
#include "storage/dsm.h"
#include "storage/latch.h"
#include "storage/lock.h"
#include "storage/proc.h"
#include "tcop/tcopprot.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/numeric.h"
#include "utils/snapmgr.h"
#include "utils/typcache.h"
#include "utils/wait_event.h"

#include "demo_rows.h"
#include "encounter_writer.h"

#define MAX_MONTH_WRITERS	8
#define MESSAGE_ROOM		1024

/* A month's state in the segment. */
#define MONTH_WAITING		0
#define MONTH_WRITTEN		1
#define MONTH_FAILED		2

/* The int[] fields of a plan row, in EncounterPlan's order. */
#define PLAN_ARRAYS			6

/* An int[] of a plan in the segment: PlanArray with offsets for pointers. */
typedef struct SharedArray
{
	bool		isnull;
	bool		one_dimension;
	int			lower_bound;
	int64		cardinality;
	Size		values;			/* offset of int32[cardinality] */
	Size		nulls;			/* offset of bool[cardinality], 0 when none is NULL */
} SharedArray;

/*
 * A plan row in the segment: its scalar fields as the EncounterPlan holds
 * them (its kind_text and array pointers are the leader's, never read in
 * the segment), and its text and arrays by offset.
 */
typedef struct SharedPlan
{
	EncounterPlan scalars;
	Size		kind_text;		/* offset of encounter_kind, NUL-terminated */
	SharedArray arrays[PLAN_ARRAYS];
} SharedPlan;

/* A group of a month's fund spending in the segment. */
typedef struct SharedFund
{
	FundKey		key;
	int64		settlements;
	int64		cost_cents;
	int64		fund_cents;
} SharedFund;

typedef struct WriterMonth
{
	DateADT		month;
	char		table_name[NAMEDATALEN];
	int			first_plan;		/* this month's plans are plans[first_plan …] */
	int			nplans;
	Size		funds;			/* offset of SharedFund[fund_capacity] */
	int			fund_capacity;	/* no month can have more groups (see below) */
	int			fund_count;
	pg_atomic_uint32 state;
	int			sqlerrcode;		/* MONTH_FAILED: the worker's error */
	char		message[MESSAGE_ROOM];
} WriterMonth;

typedef struct WriterShared
{
	Oid			database;
	Oid			user;
	int64		salt;
	int			leader_pgprocno;
	int			nmonths;
	Size		plans;			/* offset of SharedPlan[] */
	Size		plan_ids;		/* offset of int[]: the plans of the months, month by month */
	pg_atomic_uint32 next_month;
	WriterMonth months[FLEXIBLE_ARRAY_MEMBER];
} WriterShared;

/* The session's month writers (the generator's). */
typedef struct WriterPool
{
	dsm_segment *segment;
	WriterShared *shared;
	int			nworkers;
	BackgroundWorkerHandle *handles[MAX_MONTH_WRITERS];
	int			taken;
} WriterPool;

static WriterPool *pool = NULL;
static bool xact_callback_registered = false;

PGDLLEXPORT void demo_month_writer_main(Datum main_arg);

#define AT(base, offset, type)	((type *) ((char *) (base) + (offset)))

/*
 * The segment's image, built in local memory: space is reserved at
 * MAXALIGNed offsets (zeroed), and filled through offsets, as the buffer may
 * move while it grows.
 */
typedef struct Image
{
	char	   *data;
	Size		length;
	Size		capacity;
} Image;

static Size
image_reserve(Image *image, Size size)
{
	Size		offset = MAXALIGN(image->length);
	Size		end = offset + MAXALIGN(Max(size, 1));

	if (end > MaxAllocHugeSize)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("the plan of the month writers is too large")));
	if (end > image->capacity)
	{
		Size		capacity = Max(image->capacity * 2, end);

		capacity = Min(capacity, MaxAllocHugeSize);
		image->data = image->data == NULL ? MemoryContextAllocHuge(CurrentMemoryContext, capacity)
			: repalloc_huge(image->data, capacity);
		memset(image->data + image->capacity, 0, capacity - image->capacity);
		image->capacity = capacity;
	}
	image->length = end;
	return offset;
}

/* A plan's int[] into the image. */
static void
image_array(Image *image, Size plan, int which, const PlanArray *array)
{
	Size		values = 0;
	Size		nulls = 0;
	SharedArray *shared;

	if (!array->isnull)
	{
		values = image_reserve(image, sizeof(int32) * array->cardinality);
		memcpy(image->data + values, array->values, sizeof(int32) * array->cardinality);
		if (array->nulls != NULL)
		{
			nulls = image_reserve(image, sizeof(bool) * array->cardinality);
			memcpy(image->data + nulls, array->nulls, sizeof(bool) * array->cardinality);
		}
	}
	shared = &AT(image->data, plan, SharedPlan)->arrays[which];
	shared->isnull = array->isnull;
	shared->one_dimension = array->one_dimension;
	shared->lower_bound = array->lower_bound;
	shared->cardinality = array->cardinality;
	shared->values = values;
	shared->nulls = nulls;
}

/* A plan's int[] as the writer reads it, pointing into the segment. */
static void
mapped_array(char *base, const SharedArray *shared, PlanArray *array)
{
	array->isnull = shared->isnull;
	array->one_dimension = shared->one_dimension;
	array->lower_bound = shared->lower_bound;
	array->cardinality = shared->cardinality;
	array->values = shared->isnull ? NULL : AT(base, shared->values, int32);
	array->nulls = shared->nulls != 0 ? AT(base, shared->nulls, bool) : NULL;
}

/* Where the int[] fields of a plan row are, in EncounterPlan's order. */
static const Size plan_array_offsets[PLAN_ARRAYS] = {
	offsetof(EncounterPlan, tier0), offsetof(EncounterPlan, tier1), offsetof(EncounterPlan, sec),
	offsetof(EncounterPlan, out_prov), offsetof(EncounterPlan, out_city), offsetof(EncounterPlan, catch_ids)
};

static const PlanArray *
plan_array_of(const EncounterPlan *plan, int which)
{
	return (const PlanArray *) ((const char *) plan + plan_array_offsets[which]);
}

/*
 * The most fund spending groups a plan row can give: a group is an
 * institution its encounters can go to (tier0, tier1, sec, out_prov,
 * out_city), its region, its kind and one of two funds.
 */
static int64
plan_fund_groups(const EncounterPlan *plan)
{
	int64		institutions = 0;

	for (int a = 0; a < PLAN_ARRAYS - 1; a++)
		institutions += plan_array_of(plan, a)->cardinality;
	return 2 * institutions;
}

/* Stops the workers and forgets the pool (the segment is being detached). */
static void
pool_detached(dsm_segment *segment, Datum arg pg_attribute_unused())
{
	WriterPool *ending = pool;

	if (ending == NULL || ending->segment != segment)
		return;
	pool = NULL;
	for (int w = 0; w < ending->nworkers; w++)
		TerminateBackgroundWorker(ending->handles[w]);
	for (int w = 0; w < ending->nworkers; w++)
		pfree(ending->handles[w]);
	pfree(ending);
}

/* At the end of the generator's transaction, whichever way it ends. */
static void
pool_at_xact_end(XactEvent event, void *arg pg_attribute_unused())
{
	if (pool != NULL && (event == XACT_EVENT_COMMIT || event == XACT_EVENT_ABORT ||
						 event == XACT_EVENT_PREPARE || event == XACT_EVENT_PARALLEL_COMMIT ||
						 event == XACT_EVENT_PARALLEL_ABORT))
		dsm_detach(pool->segment);
}

PG_FUNCTION_INFO_V1(demo_start_month_writers);
/*
 * demo_start_month_writers(months date[], tables text[], salt bigint,
 * plan anyarray, workers integer) RETURNS integer: starts up to workers
 * month writers for the months (first days), each to be written into
 * medalliance_demo.<tables[i]>, from the plan rows whose "month" field is
 * that month (the rows of demo_plan, in their order); returns how many
 * started (0 when none could, or where they may not: see the file's head).
 */
Datum
demo_start_month_writers(PG_FUNCTION_ARGS)
{
	ArrayType  *month_array = PG_GETARG_ARRAYTYPE_P(0);
	ArrayType  *table_array = PG_GETARG_ARRAYTYPE_P(1);
	int64		salt = PG_GETARG_INT64(2);
	ArrayType  *plan_array = PG_GETARG_ARRAYTYPE_P(3);
	int32		workers = PG_GETARG_INT32(4);
	Datum	   *months;
	bool	   *month_nulls;
	int			nmonths;
	Datum	   *tables;
	bool	   *table_nulls;
	int			ntables;
	Datum	   *rows;
	int			nrows;
	DateADT    *row_months;
	EncounterPlan *plans;
	Image		image = {0};
	Size		shared_plans;
	Size		plan_ids;
	int			next_id = 0;
	WriterShared *shared;
	dsm_segment *segment;
	MemoryContext old;
	Oid			encounter;
	LOCKTAG		encounter_tag;

	if (workers < 0 || workers > MAX_MONTH_WRITERS)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("month writers must number from 0 to %d, not %d", MAX_MONTH_WRITERS, workers)));
	if (pool != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("month writers are already running in this session"),
				 errhint("Take every month they write (demo_take_month), or end the transaction.")));
	deconstruct_array(month_array, DATEOID, sizeof(DateADT), true, TYPALIGN_INT, &months, &month_nulls, &nmonths);
	deconstruct_array(table_array, TEXTOID, -1, false, TYPALIGN_INT, &tables, &table_nulls, &ntables);
	if (nmonths != ntables || ARR_NDIM(month_array) > 1 || ARR_NDIM(table_array) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("months and tables must be one-dimensional arrays of the same length")));
	for (int i = 0; i < nmonths; i++)
	{
		if (month_nulls[i] || table_nulls[i])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("a month or a table of the month writers is NULL")));
		if (DATE_NOT_FINITE(DatumGetDateADT(months[i])))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("the month of the encounters must be a finite date")));
		if (strlen(TextDatumGetCString(tables[i])) >= NAMEDATALEN || VARSIZE_ANY_EXHDR(DatumGetPointer(tables[i])) == 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_NAME),
					 errmsg("invalid table name \"%s\" for a month writer", TextDatumGetCString(tables[i]))));
		for (int j = 0; j < i; j++)
			if (DatumGetDateADT(months[j]) == DatumGetDateADT(months[i]))
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("month %s is given twice",
								DatumGetCString(DirectFunctionCall1(date_out, months[i])))));
	}

	/* the plan rows, and the month each belongs to */
	rows = plan_rows(plan_array, ENCOUNTER_PLAN, &nrows);
	row_months = (DateADT *) palloc(sizeof(DateADT) * Max(nrows, 1));
	for (int r = 0; r < nrows; r++)
	{
		HeapTupleHeader row = DatumGetHeapTupleHeader(rows[r]);
		TupleDesc	desc = lookup_rowtype_tupdesc(HeapTupleHeaderGetTypeId(row), HeapTupleHeaderGetTypMod(row));
		bool		isnull;

		row_months[r] = DatumGetDateADT(plan_field(row, desc, ENCOUNTER_PLAN, "month", DATEOID, false, &isnull));
		ReleaseTupleDesc(desc);
	}
	plans = read_encounter_plans(rows, nrows);

	if (workers == 0 || nmonths == 0 || GetUserId() != GetSessionUserId() || !IsUnderPostmaster)
		PG_RETURN_INT32(0);
	/* a worker would wait for ever on this transaction's exclusive lock of the encounter table */
	encounter = get_relname_relid("encounter", get_namespace_oid("medalliance", false));
	if (!OidIsValid(encounter))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_TABLE),
				 errmsg("table medalliance.encounter does not exist")));
	SET_LOCKTAG_RELATION(encounter_tag, MyDatabaseId, encounter);
	if (LockHeldByMe(&encounter_tag, AccessExclusiveLock))
		PG_RETURN_INT32(0);

	/* the segment's image: the months, the plans, each month's plan ids and fund groups */
	(void) image_reserve(&image, offsetof(WriterShared, months) + sizeof(WriterMonth) * nmonths);	/* at 0 */
	shared_plans = image_reserve(&image, sizeof(SharedPlan) * Max(nrows, 1));
	plan_ids = image_reserve(&image, sizeof(int) * Max(nrows, 1));
	/* (an offset is reserved before it is stored: reserving may move the image) */
	AT(image.data, 0, WriterShared)->plans = shared_plans;
	AT(image.data, 0, WriterShared)->plan_ids = plan_ids;
	for (int r = 0; r < nrows; r++)
	{
		const EncounterPlan *plan = &plans[r];
		Size		at = shared_plans + sizeof(SharedPlan) * r;
		char	   *kind = TextDatumGetCString(plan->kind_text);
		Size		kind_text = image_reserve(&image, strlen(kind) + 1);
		SharedPlan *shared_plan;

		strcpy(image.data + kind_text, kind);
		for (int a = 0; a < PLAN_ARRAYS; a++)
			image_array(&image, at, a, plan_array_of(plan, a));
		shared_plan = AT(image.data, at, SharedPlan);
		shared_plan->scalars = *plan;
		shared_plan->kind_text = kind_text;
	}
	for (int i = 0; i < nmonths; i++)
	{
		DateADT		month = DatumGetDateADT(months[i]);
		int64		capacity = 0;
		int			first = next_id;
		Size		funds;
		WriterMonth *m;

		for (int r = 0; r < nrows; r++)
			if (row_months[r] == month)
			{
				AT(image.data, plan_ids, int)[next_id++] = r;
				capacity += plan_fund_groups(&plans[r]);
			}
		if (capacity > INT_MAX / 2)
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("the plan of month %s has too many institutions for a month writer",
							DatumGetCString(DirectFunctionCall1(date_out, months[i])))));
		funds = image_reserve(&image, sizeof(SharedFund) * capacity);
		m = &AT(image.data, 0, WriterShared)->months[i];
		m->month = month;
		strlcpy(m->table_name, TextDatumGetCString(tables[i]), NAMEDATALEN);
		m->first_plan = first;
		m->nplans = next_id - first;
		m->funds = funds;
		m->fund_capacity = (int) capacity;
	}

	/* the segment, kept for the session until the pool ends */
	segment = dsm_create(image.length, 0);
	dsm_pin_mapping(segment);
	shared = (WriterShared *) dsm_segment_address(segment);
	memcpy(shared, image.data, image.length);
	pfree(image.data);
	shared->database = MyDatabaseId;
	shared->user = GetUserId();
	shared->salt = salt;
	shared->leader_pgprocno = MyProc->pgprocno;
	shared->nmonths = nmonths;
	pg_atomic_init_u32(&shared->next_month, 0);
	for (int i = 0; i < nmonths; i++)
		pg_atomic_init_u32(&shared->months[i].state, MONTH_WAITING);

	old = MemoryContextSwitchTo(TopMemoryContext);
	pool = (WriterPool *) palloc0(sizeof(WriterPool));
	pool->segment = segment;
	pool->shared = shared;
	on_dsm_detach(segment, pool_detached, (Datum) 0);
	if (!xact_callback_registered)
	{
		RegisterXactCallback(pool_at_xact_end, NULL);
		xact_callback_registered = true;
	}
	for (int w = 0; w < workers; w++)
	{
		BackgroundWorker worker;
		BackgroundWorkerHandle *handle;

		memset(&worker, 0, sizeof(worker));
		worker.bgw_flags = BGWORKER_SHMEM_ACCESS | BGWORKER_BACKEND_DATABASE_CONNECTION;
		worker.bgw_start_time = BgWorkerStart_ConsistentState;
		worker.bgw_restart_time = BGW_NEVER_RESTART;
		snprintf(worker.bgw_library_name, BGW_MAXLEN, "medalliance_demo");
		snprintf(worker.bgw_function_name, BGW_MAXLEN, "demo_month_writer_main");
		snprintf(worker.bgw_name, BGW_MAXLEN, "medalliance_demo month writer %d for PID %d", w + 1, MyProcPid);
		snprintf(worker.bgw_type, BGW_MAXLEN, "medalliance_demo month writer");
		worker.bgw_main_arg = UInt32GetDatum(dsm_segment_handle(segment));
		worker.bgw_notify_pid = MyProcPid;
		if (!RegisterDynamicBackgroundWorker(&worker, &handle))
			break;
		pool->handles[pool->nworkers++] = handle;
	}
	MemoryContextSwitchTo(old);
	if (pool->nworkers == 0)
	{
		dsm_detach(segment);
		PG_RETURN_INT32(0);
	}
	PG_RETURN_INT32(pool->nworkers);
}

/* Whether a worker of the pool may still write a month. */
static bool
any_writer_running(void)
{
	for (int w = 0; w < pool->nworkers; w++)
	{
		pid_t		pid;
		BgwHandleStatus status = GetBackgroundWorkerPid(pool->handles[w], &pid);

		if (status == BGWH_STARTED || status == BGWH_NOT_YET_STARTED)
			return true;
	}
	return false;
}

/* Waits until the month is written; raises a worker's error. */
static void
wait_for_month(WriterMonth *m)
{
	for (;;)
	{
		uint32		state = pg_atomic_read_u32(&m->state);

		if (state == MONTH_WAITING)
		{
			bool		running = any_writer_running();

			/* read again: the month may have been written just before its writer ended */
			state = pg_atomic_read_u32(&m->state);
			if (state == MONTH_WAITING && !running)
				ereport(ERROR,
						(errcode(ERRCODE_SYSTEM_ERROR),
						 errmsg("the month writers stopped before writing %s", m->table_name),
						 errhint("The server log says why.")));
		}
		if (state != MONTH_WAITING)
		{
			pg_read_barrier();
			if (state == MONTH_FAILED)
				ereport(ERROR,
						(errcode(m->sqlerrcode),
						 errmsg("the month writer of %s failed: %s", m->table_name, m->message)));
			return;
		}
		(void) WaitLatch(MyLatch, WL_LATCH_SET | WL_TIMEOUT | WL_EXIT_ON_PM_DEATH, 1000L, PG_WAIT_EXTENSION);
		ResetLatch(MyLatch);
		CHECK_FOR_INTERRUPTS();
	}
}

PG_FUNCTION_INFO_V1(demo_take_month);
/*
 * demo_take_month(month date) RETURNS TABLE (institution_id, insured_region_id,
 * fund_kind, encounter_kind, settlements, total_cost, fund_payment): waits
 * until the month writers have written that month into its table and
 * returns its fund spending, as demo_write_encounters does.  Once every
 * month is taken, the pool ends.
 */
Datum
demo_take_month(PG_FUNCTION_ARGS)
{
	DateADT		month = PG_GETARG_DATEADT(0);
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	WriterShared *shared;
	WriterMonth *m = NULL;
	SharedPlan *plans;
	Datum		employee;
	Datum		resident;

	if (pool == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("no month writers are running in this session"),
				 errhint("Start them with demo_start_month_writers.")));
	InitMaterializedSRF(fcinfo, 0);
	shared = pool->shared;
	for (int i = 0; i < shared->nmonths; i++)
		if (shared->months[i].month == month)
			m = &shared->months[i];
	if (m == NULL || m->fund_count < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("month %s is not one the month writers write, or was taken already",
						DatumGetCString(DirectFunctionCall1(date_out, DateADTGetDatum(month))))));
	wait_for_month(m);

	plans = AT(shared, shared->plans, SharedPlan);
	employee = CStringGetTextDatum("employee");
	resident = CStringGetTextDatum("resident");
	for (int g = 0; g < m->fund_count; g++)
	{
		const SharedFund *group = &AT(shared, m->funds, SharedFund)[g];
		Datum		values[7];
		bool		nulls[7] = {false, false, false, false, false, false, false};

		values[0] = Int32GetDatum(group->key.institution_id);
		values[1] = Int32GetDatum(group->key.insured_region_id);
		values[2] = group->key.employee ? employee : resident;
		values[3] = CStringGetTextDatum(AT(shared, plans[group->key.kind_id].kind_text, char));
		values[4] = Int64GetDatum(group->settlements);
		values[5] = NumericGetDatum(int64_div_fast_to_numeric(group->cost_cents, 2));
		values[6] = NumericGetDatum(int64_div_fast_to_numeric(group->fund_cents, 2));
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	m->fund_count = -1;			/* taken */
	if (++pool->taken == shared->nmonths)
		dsm_detach(pool->segment);
	return (Datum) 0;
}

/* One statement of a worker, through SPI. */
static void
writer_execute(const char *sql)
{
	int			rc = SPI_execute(sql, false, 0);

	if (rc < 0)
		ereport(ERROR,
				(errcode(ERRCODE_SYSTEM_ERROR),
				 errmsg("a month writer's statement failed (SPI code %d): %s", rc, sql)));
}

/* A worker writes one month, in a transaction of its own. */
static void
write_month(WriterShared *shared, WriterMonth *m)
{
	const char *table = quote_identifier(m->table_name);
	char	   *first_day = DatumGetCString(DirectFunctionCall1(date_out, DateADTGetDatum(m->month)));
	char	   *next_first_day = DatumGetCString(DirectFunctionCall1(date_out,
																	 DateADTGetDatum(demo_month_after(m->month))));
	MemoryContext outside = CurrentMemoryContext;

	PG_TRY();
	{
		EncounterPlan *plans;
		HTAB	   *groups;
		HASH_SEQ_STATUS status;
		FundGroup  *group;
		Relation	rel;
		Oid			relid;
		int			count = 0;

		SetCurrentStatementStartTimestamp();
		StartTransactionCommand();
		PushActiveSnapshot(GetTransactionSnapshot());
		pgstat_report_activity(STATE_RUNNING, psprintf("writing the encounters of %s", m->table_name));
		if (SPI_connect() != SPI_OK_CONNECT)
			ereport(ERROR,
					(errcode(ERRCODE_SYSTEM_ERROR),
					 errmsg("a month writer could not connect to SPI")));
		writer_execute("SET LOCAL search_path = pg_catalog, pg_temp");
		writer_execute(psprintf("CREATE TABLE medalliance_demo.%s (LIKE medalliance.encounter "
								"INCLUDING DEFAULTS INCLUDING CONSTRAINTS) "
								"WITH (autovacuum_enabled = false, toast.autovacuum_enabled = false)", table));
		/* the month's bounds, so that attaching the table does not scan it */
		writer_execute(psprintf("ALTER TABLE medalliance_demo.%s ADD CONSTRAINT %s "
								"CHECK (encounter_date >= %s AND encounter_date < %s)",
								table, quote_identifier(psprintf("%s_month_check", m->table_name)),
								quote_literal_cstr(first_day), quote_literal_cstr(next_first_day)));
		relid = get_relname_relid(m->table_name, get_namespace_oid("medalliance_demo", false));
		rel = table_open(relid, AccessExclusiveLock);

		plans = (EncounterPlan *) palloc0(sizeof(EncounterPlan) * Max(m->nplans, 1));
		for (int p = 0; p < m->nplans; p++)
		{
			int			id = AT(shared, shared->plan_ids, int)[m->first_plan + p];
			const SharedPlan *sp = &AT(shared, shared->plans, SharedPlan)[id];
			EncounterPlan *plan = &plans[p];

			*plan = sp->scalars;
			plan->kind_text = CStringGetTextDatum(AT(shared, sp->kind_text, char));
			for (int a = 0; a < PLAN_ARRAYS; a++)
				mapped_array((char *) shared, &sp->arrays[a],
							 (PlanArray *) ((char *) plan + plan_array_offsets[a]));
		}
		groups = fund_groups_create();
		/* the table is this transaction's own: its rows are written frozen, as COPY FREEZE writes */
		write_encounters(rel, m->month, shared->salt, plans, m->nplans, groups, TABLE_INSERT_FROZEN);
		table_close(rel, NoLock);
		CommandCounterIncrement();
		writer_execute(psprintf("SELECT medalliance.index_month_partition('medalliance_demo.%s'::regclass, "
								"'medalliance.encounter'::regclass)", table));

		hash_seq_init(&status, groups);
		while ((group = (FundGroup *) hash_seq_search(&status)) != NULL)
		{
			SharedFund *shared_group;

			if (count >= m->fund_capacity)
				ereport(ERROR,
						(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
						 errmsg("the fund spending of %s has more groups than its plan allows", m->table_name)));
			shared_group = &AT(shared, m->funds, SharedFund)[count++];
			shared_group->key = group->key;
			shared_group->settlements = group->settlements;
			shared_group->cost_cents = group->cost_cents;
			shared_group->fund_cents = group->fund_cents;
		}
		m->fund_count = count;

		SPI_finish();
		PopActiveSnapshot();
		CommitTransactionCommand();
		pgstat_report_activity(STATE_IDLE, NULL);
	}
	PG_CATCH();
	{
		ErrorData  *error;

		MemoryContextSwitchTo(outside);
		error = CopyErrorData();
		m->sqlerrcode = error->sqlerrcode;
		strlcpy(m->message, error->message != NULL ? error->message : "", MESSAGE_ROOM);
		pg_write_barrier();
		pg_atomic_write_u32(&m->state, MONTH_FAILED);
		SetLatch(&GetPGProcByNumber(shared->leader_pgprocno)->procLatch);
		PG_RE_THROW();
	}
	PG_END_TRY();

	pg_write_barrier();
	pg_atomic_write_u32(&m->state, MONTH_WRITTEN);
	SetLatch(&GetPGProcByNumber(shared->leader_pgprocno)->procLatch);
}

/* A month writer: writes the months the others have not taken, one by one. */
void
demo_month_writer_main(Datum main_arg)
{
	dsm_segment *segment;
	WriterShared *shared;

	pqsignal(SIGTERM, die);
	BackgroundWorkerUnblockSignals();
	segment = dsm_attach(DatumGetUInt32(main_arg));
	if (segment == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("the generator that started this month writer has ended")));
	shared = (WriterShared *) dsm_segment_address(segment);
	BackgroundWorkerInitializeConnectionByOid(shared->database, shared->user, 0);
	for (;;)
	{
		uint32		next = pg_atomic_fetch_add_u32(&shared->next_month, 1);

		if (next >= (uint32) shared->nmonths)
			break;
		write_month(shared, &shared->months[next]);
	}
	dsm_detach(segment);
}
