/*-------------------------------------------------------------------------
 * src/person_masks.c
 *    unit_person_masks(unit, person, sets, mask): the aggregate behind
 *    count_contracted (sql/40_indicator_formulas.sql) — how many distinct
 *    persons of each unit are covered in each month, for each set of
 *    population groups.
 *
 * Each row is one contract: its unit (county or catchment), its person, the
 * sets its population group belongs to (bit s-1 for set s, up to 31 sets) and
 * the months of the range at whose end it is in force (bit k for month k, up
 * to 63 months).  A person counts once in a unit, set and month however many
 * of its contracts cover that month: the masks of a person's contracts in a
 * unit are OR-ed per set.
 *
 * The rows are kept as 24-byte entries in one array (grown by half again, in
 * the aggregate's context, so nothing is allocated per row; like array_agg,
 * its memory is that of its rows, not bounded by work_mem: about 24 bytes a
 * contract, 220 MB for the 9 million in force in 2024 at scale 1), sorted once by
 * (unit, person) at the end, and read in order: each person's masks OR-ed
 * per set, each unit's counts per set and month emitted when the unit ends.
 * A GROUP BY (unit, person) in SQL kept the same persons in a hash table of
 * about 100 bytes a group, and at scale 1 (4.9 million persons in force in
 * December) spilled to disk.  The state is internal (a list of persons is
 * not a small mergeable value), so the aggregate runs whole, in one process;
 * count_contracted runs the county and the catchment counts side by side.
 *
 * The result is a bigint[][4]: one row (unit, set, month index from 0,
 * persons) per unit, set and month with at least one person; NULL when no
 * row counted.
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "port/pg_bitutils.h"
#include "utils/array.h"
#include "utils/memutils.h"

#include "aggstate.h"

#define PERSON_MASKS_MAX_SETS	31
#define PERSON_MASKS_MAX_MONTHS	63

typedef struct PersonMaskEntry
{
	int32		unit;
	uint32		sets;			/* bit s-1: the contract counts for set s */
	int64		person;
	uint64		months;			/* bit k: in force at the end of month k */
} PersonMaskEntry;

typedef struct PersonMaskState
{
	int64		n;
	int64		capacity;
	PersonMaskEntry *entries;
} PersonMaskState;

static int
entry_cmp(const void *a, const void *b)
{
	const PersonMaskEntry *x = (const PersonMaskEntry *) a;
	const PersonMaskEntry *y = (const PersonMaskEntry *) b;

	if (x->unit != y->unit)
		return x->unit < y->unit ? -1 : 1;
	if (x->person != y->person)
		return x->person < y->person ? -1 : 1;
	return 0;
}

PG_FUNCTION_INFO_V1(unit_person_masks_transfn);
Datum
unit_person_masks_transfn(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext;
	PersonMaskState *state;
	int32		sets;
	int64		months;
	PersonMaskEntry *e;

	if (!AggCheckCallContext(fcinfo, &aggcontext))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("unit_person_masks_transfn can only be called as the transition function of unit_person_masks")));
	state = PG_ARGISNULL(0) ? NULL : (PersonMaskState *) PG_GETARG_POINTER(0);

	/* a row with a NULL is skipped, as SQL's own aggregates skip NULLs */
	if (PG_ARGISNULL(1) || PG_ARGISNULL(2) || PG_ARGISNULL(3) || PG_ARGISNULL(4))
	{
		if (state == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(state);
	}
	sets = PG_GETARG_INT32(3);
	months = PG_GETARG_INT64(4);
	if (sets < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unit_person_masks: sets must be a bit mask of sets 1 to %d (0 to 2^31 - 1), not %d",
						PERSON_MASKS_MAX_SETS, sets)));
	if (months < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unit_person_masks: months must be a bit mask of months 0 to %d (0 to 2^63 - 1), not " INT64_FORMAT,
						PERSON_MASKS_MAX_MONTHS - 1, months)));

	if (state == NULL)
	{
		state = (PersonMaskState *) MemoryContextAllocZero(aggcontext, sizeof(PersonMaskState));
		state->capacity = 1024;
		state->entries = (PersonMaskEntry *)
			MemoryContextAllocHuge(aggcontext, state->capacity * sizeof(PersonMaskEntry));
	}
	/* a contract in no set, or in force at no month's end, counts nowhere */
	if (sets == 0 || months == 0)
		PG_RETURN_POINTER(state);

	if (state->n == state->capacity)
	{
		int64		capacity = state->capacity + state->capacity / 2;

		if ((Size) capacity * sizeof(PersonMaskEntry) > MaxAllocHugeSize)
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("unit_person_masks: too many rows (" INT64_FORMAT ")", state->n)));
		state->capacity = capacity;
		state->entries = (PersonMaskEntry *)
			repalloc_huge(state->entries, state->capacity * sizeof(PersonMaskEntry));
	}
	e = &state->entries[state->n++];
	e->unit = PG_GETARG_INT32(1);
	e->sets = (uint32) sets;
	e->person = PG_GETARG_INT64(2);
	e->months = (uint64) months;
	PG_RETURN_POINTER(state);
}

/* append (unit, set, month, persons) to the result rows */
static void
emit(Datum **rows, int64 *n, int64 *capacity, int32 unit, int set, int month, int64 persons)
{
	if (*n + 4 > *capacity)
	{
		*capacity *= 2;
		*rows = (Datum *) repalloc_huge(*rows, *capacity * sizeof(Datum));
	}
	(*rows)[(*n)++] = Int64GetDatum(unit);
	(*rows)[(*n)++] = Int64GetDatum(set);
	(*rows)[(*n)++] = Int64GetDatum(month);
	(*rows)[(*n)++] = Int64GetDatum(persons);
}

PG_FUNCTION_INFO_V1(unit_person_masks_finalfn);
Datum
unit_person_masks_finalfn(PG_FUNCTION_ARGS)
{
	PersonMaskState *state;
	int64		counts[PERSON_MASKS_MAX_SETS][PERSON_MASKS_MAX_MONTHS + 1];
	uint64		person_months[PERSON_MASKS_MAX_SETS];
	uint32		unit_sets = 0;	/* the sets with a count in the current unit */
	Datum	   *rows;
	int64		n_rows = 0;
	int64		capacity = 64;
	int64		i;
	int			dims[2];
	int			lbs[2] = {1, 1};

	if (!AggCheckCallContext(fcinfo, NULL))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("unit_person_masks_finalfn can only be called as the final function of unit_person_masks")));
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	state = (PersonMaskState *) PG_GETARG_POINTER(0);
	if (state->n == 0)
		PG_RETURN_NULL();

	qsort(state->entries, state->n, sizeof(PersonMaskEntry), entry_cmp);
	memset(counts, 0, sizeof(counts));
	memset(person_months, 0, sizeof(person_months));
	rows = (Datum *) palloc(capacity * sizeof(Datum));

	i = 0;
	while (i < state->n)
	{
		int32		unit = state->entries[i].unit;
		int64		person = state->entries[i].person;
		uint32		sets = 0;

		/* one person in one unit: its contracts' months OR-ed per set */
		for (; i < state->n && state->entries[i].unit == unit && state->entries[i].person == person; i++)
		{
			uint32		s = state->entries[i].sets;

			sets |= s;
			while (s != 0)
			{
				int			set = pg_rightmost_one_pos32(s);

				person_months[set] |= state->entries[i].months;
				s &= s - 1;
			}
		}
		unit_sets |= sets;
		while (sets != 0)
		{
			int			set = pg_rightmost_one_pos32(sets);
			uint64		m = person_months[set];

			while (m != 0)
			{
				counts[set][pg_rightmost_one_pos64(m)]++;
				m &= m - 1;
			}
			person_months[set] = 0;
			sets &= sets - 1;
		}

		/* the unit ends: its counts become rows */
		if (i == state->n || state->entries[i].unit != unit)
		{
			while (unit_sets != 0)
			{
				int			set = pg_rightmost_one_pos32(unit_sets);
				int			month;

				for (month = 0; month <= PERSON_MASKS_MAX_MONTHS; month++)
				{
					if (counts[set][month] > 0)
						emit(&rows, &n_rows, &capacity, unit, set + 1, month, counts[set][month]);
					counts[set][month] = 0;
				}
				unit_sets &= unit_sets - 1;
			}
		}
	}

	dims[0] = (int) (n_rows / 4);
	dims[1] = 4;
	PG_RETURN_ARRAYTYPE_P(construct_md_array(rows, NULL, 2, dims, lbs, INT8OID, sizeof(int64),
											 FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
}
