/*-------------------------------------------------------------------------
 * src/demo/booked_referrals.c
 *    demo_booked_referrals(source, month, salt, bookings): the booked
 *    referrals (预约转诊) of one month of the synthetic province
 *    (medalliance_demo, not the product), read off the month's encounters.
 *
 * generate_demo_province books a planned share of the outpatient visits at
 * some hospitals by referral from a township or community centre.  It used to
 * find them with two INSERT … SELECT per month, each joining the month's
 * encounters (half a million rows at scale 0.1) to the dimensions and hashing
 * every candidate, after an ANALYZE of the month so that the planner would
 * join them sensibly: about a fifth of the generator's time once the
 * encounters themselves were written in C.  The joins with the dimensions
 * give a handful of rows a month; the generator now computes them in SQL as
 * "bookings" and this function reads the month's encounters once, in one
 * sequential scan, and returns the referrals the joins gave, which the
 * generator inserts.
 *
 * A booking is a row (institution_id, residence_region_id, id_base,
 * salt_offset, share, from_ids): an outpatient visit of the month at that
 * institution, by a resident of that region (any region when NULL), with
 * h = hashint8extended(encounter_id, salt + salt_offset), is booked when
 * (h & (2^31 - 1)) / 2^31 < share; its referral is
 *     referral_id     id_base + encounter_id
 *     referral_date   greatest(first day of the visit's month,
 *                              visit date - ((h >> 40) & 7))
 *     from            from_ids[1 + floor(((h >> 44) & (2^20 - 1)) / 2^20
 *                                        * cardinality(from_ids))]
 *     to, patient, residence region   the visit's
 *     reserved_slot   ((h >> 32) & 255) < 154
 * exactly as the SQL computed them (the share is the float8 the SQL compared
 * with).  A visit matching two bookings gives two referrals, as a join does.
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/relscan.h"
#include "access/table.h"
#include "access/tableam.h"
#include "catalog/pg_type.h"
#include "common/int.h"
#include "executor/tuptable.h"
#include "fmgr.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datetime.h"
#include "utils/hsearch.h"
#include "utils/snapmgr.h"
#include "utils/typcache.h"

#include "demo_rows.h"

#define BOOKING_PLAN "booking plan"

/* One booking; those of an institution are chained. */
typedef struct Booking
{
	int32		institution_id;
	bool		any_residence;
	int32		residence_region_id;
	int64		id_base;
	int64		seed;			/* salt + salt_offset */
	double		share;
	PlanArray	from_ids;
	int			next;			/* the institution's next booking, -1 at the end */
} Booking;

/* the first booking of an institution */
typedef struct BookingHead
{
	int32		institution_id;
	int			first;
} BookingHead;

/* The first day of the month of a date (date_trunc('month', d)::date). */
static DateADT
month_start(DateADT d)
{
	int			year;
	int			mon;
	int			day;

	j2date(d + POSTGRES_EPOCH_JDATE, &year, &mon, &day);
	return date2j(year, mon, 1) - POSTGRES_EPOCH_JDATE;
}

/* Reads the bookings and chains them by institution. */
static Booking *
read_bookings(ArrayType *rows, int64 salt, HTAB *heads, int *count)
{
	Datum	   *elements = plan_rows(rows, BOOKING_PLAN, count);
	Booking    *bookings = (Booking *) palloc0(sizeof(Booking) * Max(*count, 1));

	/* backwards, so that each chain keeps the order of the rows */
	for (int i = *count - 1; i >= 0; i--)
	{
		HeapTupleHeader row = DatumGetHeapTupleHeader(elements[i]);
		TupleDesc	desc = lookup_rowtype_tupdesc(HeapTupleHeaderGetTypeId(row), HeapTupleHeaderGetTypMod(row));
		Booking    *b = &bookings[i];
		BookingHead *head;
		bool		isnull;
		bool		found;
		Datum		value;
		int32		salt_offset;

#define FIELD(name, type, nullable) plan_field(row, desc, BOOKING_PLAN, name, type, nullable, &isnull)
		b->institution_id = DatumGetInt32(FIELD("institution_id", INT4OID, false));
		value = FIELD("residence_region_id", INT4OID, true);
		b->any_residence = isnull;
		b->residence_region_id = isnull ? 0 : DatumGetInt32(value);
		b->id_base = DatumGetInt64(FIELD("id_base", INT8OID, false));
		salt_offset = DatumGetInt32(FIELD("salt_offset", INT4OID, false));
		b->share = DatumGetFloat8(FIELD("share", FLOAT8OID, false));
		value = FIELD("from_ids", INT4ARRAYOID, true);
		plan_array(value, isnull, BOOKING_PLAN, &b->from_ids);
#undef FIELD
		ReleaseTupleDesc(desc);
		/* $2 + 29 in the SQL: an int8 addition that fails on overflow */
		if (pg_add_s64_overflow(salt, salt_offset, &b->seed))
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("bigint out of range")));
		head = (BookingHead *) hash_search(heads, &b->institution_id, HASH_ENTER, &found);
		b->next = found ? head->first : -1;
		head->first = i;
	}
	return bookings;
}

PG_FUNCTION_INFO_V1(demo_booked_referrals);
/*
 * demo_booked_referrals(source regclass, month date, salt bigint, bookings anyarray)
 * RETURNS TABLE (referral_id, referral_date, from_institution_id,
 * to_institution_id, patient_id, residence_region_id, reserved_slot): the
 * referrals of the bookings for the outpatient visits of source (a table of
 * encounters) dated in the month that starts on month.
 */
Datum
demo_booked_referrals(PG_FUNCTION_ARGS)
{
	Oid			relid = PG_GETARG_OID(0);
	DateADT		month = PG_GETARG_DATEADT(1);
	int64		salt = PG_GETARG_INT64(2);
	ArrayType  *booking_rows = PG_GETARG_ARRAYTYPE_P(3);
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	HASHCTL		ctl;
	HTAB	   *heads;
	Booking    *bookings;
	int			nbookings;
	DateADT		month_end;
	Relation	rel;
	AttrNumber	att_id,
				att_date,
				att_kind,
				att_institution,
				att_patient,
				att_residence;
	AttrNumber	last_attnum;
	TupleTableSlot *slot;
	TableScanDesc scan;
	int64		nrows = 0;

	InitMaterializedSRF(fcinfo, 0);
	if (DATE_NOT_FINITE(month))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("the month of the referrals must be a finite date")));
	month_end = demo_month_after(month);
	ctl.keysize = sizeof(int32);
	ctl.entrysize = sizeof(BookingHead);
	ctl.hcxt = CurrentMemoryContext;
	heads = hash_create("demo bookings", 256, &ctl, HASH_ELEM | HASH_BLOBS | HASH_CONTEXT);
	bookings = read_bookings(booking_rows, salt, heads, &nbookings);

	/* the source: a plain table of encounters the caller may read */
	rel = demo_open_table(relid, AccessShareLock, ACL_SELECT, "the demo's booked referrals",
						  "Read a month's partition of medalliance.encounter.");
	att_id = table_column(rel, "encounter_id", INT8OID);
	att_date = table_column(rel, "encounter_date", DATEOID);
	att_kind = table_column(rel, "encounter_kind", TEXTOID);
	att_institution = table_column(rel, "institution_id", INT4OID);
	att_patient = table_column(rel, "patient_id", INT8OID);
	att_residence = table_column(rel, "residence_region_id", INT4OID);
	last_attnum = Max(Max(Max(att_id, att_date), Max(att_kind, att_institution)), Max(att_patient, att_residence));

	slot = table_slot_create(rel, NULL);
	scan = table_beginscan(rel, GetActiveSnapshot(), 0, NULL);
	while (table_scan_getnextslot(scan, ForwardScanDirection, slot))
	{
		Datum	   *values;
		bool	   *isnull;
		BookingHead *head;
		int32		institution_id;
		DateADT		d;
		text	   *kind;

		if ((++nrows & 0xffff) == 0)
			CHECK_FOR_INTERRUPTS();
		slot_getsomeattrs(slot, last_attnum);
		values = slot->tts_values;
		isnull = slot->tts_isnull;

		/* an outpatient visit of the month at an institution with bookings */
		if (isnull[att_institution - 1] || isnull[att_date - 1] || isnull[att_kind - 1] || isnull[att_id - 1])
			continue;
		institution_id = DatumGetInt32(values[att_institution - 1]);
		head = (BookingHead *) hash_search(heads, &institution_id, HASH_FIND, NULL);
		if (head == NULL)
			continue;
		d = DatumGetDateADT(values[att_date - 1]);
		if (d < month || d >= month_end)
			continue;
		kind = DatumGetTextPP(values[att_kind - 1]);
		if (VARSIZE_ANY_EXHDR(kind) != strlen("outpatient") ||
			memcmp(VARDATA_ANY(kind), "outpatient", strlen("outpatient")) != 0)
			continue;

		for (int i = head->first; i >= 0; i = bookings[i].next)
		{
			const Booking *b = &bookings[i];
			int64		encounter_id = DatumGetInt64(values[att_id - 1]);
			uint64		h;
			Datum		out[7];
			bool		out_null[7] = {false, false, false, false, false, false, false};
			int32		from = 0;
			int64		referral_id;

			if (!b->any_residence &&
				(isnull[att_residence - 1] || DatumGetInt32(values[att_residence - 1]) != b->residence_region_id))
				continue;
			h = hash_int8_extended(encounter_id, b->seed);
			if (!(U31(h) < b->share))
				continue;
			if (pg_add_s64_overflow(b->id_base, encounter_id, &referral_id))
				ereport(ERROR,
						(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
						 errmsg("bigint out of range")));
			out[0] = Int64GetDatum(referral_id);
			out[1] = DateADTGetDatum(Max(month_start(d), d - (DateADT) ((h >> 40) & 7)));
			out_null[2] = !plan_array_pick(&b->from_ids, U20(h >> 44), &from);
			out[2] = Int32GetDatum(from);
			out[3] = Int32GetDatum(institution_id);
			out[4] = values[att_patient - 1];
			out_null[4] = isnull[att_patient - 1];
			out[5] = values[att_residence - 1];
			out_null[5] = isnull[att_residence - 1];
			out[6] = BoolGetDatum(((h >> 32) & 255) < 154);
			tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, out, out_null);
		}
		/* a detoasted copy of the kind, if one was made */
		if ((Pointer) kind != DatumGetPointer(values[att_kind - 1]))
			pfree(kind);
	}
	table_endscan(scan);
	ExecDropSingleTupleTableSlot(slot);
	table_close(rel, AccessShareLock);
	hash_destroy(heads);
	return (Datum) 0;
}
