/*-------------------------------------------------------------------------
 * src/person_masks.c
 *    unit_person_masks(unit, person, sets, months): the aggregate behind
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
 * The state is a bytea (a real type with text and binary I/O, as every
 * aggregate of the extension has): a header and an array of 24-byte entries,
 * one per row.  Within an aggregate it is held expanded (utils/expandeddatum.h):
 * the entries in a memory context of their own under the aggregate's, with
 * room to spare, a row written into the spare room (nothing is allocated per
 * row), a full array grown by half again with repalloc (a large block is
 * remapped, not copied).  A flat bytea state, grown instead, was a new value
 * each time, which the executor copied once more into the aggregate's
 * context: at scale 1 those copies and the fresh pages they touched took
 * 0.4 s of the 2.9 s of counting both unit levels for December in one
 * process.  The expanded state is made flat wherever a value leaves the
 * aggregate (a parallel worker's partial state, the final function's input
 * outside an aggregate); a plain call of the transition function works on
 * flat states.
 * States of parallel workers are merged by concatenation.
 * The final function sorts the entries once by (unit, person) and reads them
 * in order: each person's masks OR-ed per set, each unit's counts per set and
 * month emitted when the unit ends.  A GROUP BY (unit, person) in SQL kept the
 * same persons in a hash table of about 100 bytes a group, and at scale 1
 * (4.9 million persons in force in December) spilled to disk.  Memory: about
 * 24 bytes a row (like array_agg, not bounded by work_mem); a state holds at
 * most about 44 million rows (a bytea's 1 GB).
 *
 * The result is a bigint[][4]: one row (unit, set, month index from 0,
 * persons) per unit, set and month with at least one person; NULL when no
 * row counted.  A state given by hand is checked before it is read (22023
 * when its header does not match its size: any bytea can be passed).
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "miscadmin.h"
#include "port/pg_bitutils.h"
#include "utils/array.h"
#include "utils/expandeddatum.h"
#include "utils/memutils.h"

#include "aggstate.h"

#define PERSON_MASKS_MAGIC		0x4D504D55	/* "UMPM" */
#define PERSON_MASKS_SETS		32			/* bits of the sets mask */
#define PERSON_MASKS_MONTHS		64			/* bits of the months mask */
#define PERSON_MASKS_FIRST_CAPACITY	1024

typedef struct PersonMaskEntry
{
	int32		unit;
	uint32		sets;			/* bit s-1: the contract counts for set s */
	int64		person;
	uint64		months;			/* bit k: in force at the end of month k */
} PersonMaskEntry;

/* the state: a bytea whose data starts with this header (8-byte aligned) */
typedef struct PersonMaskState
{
	int32		vl_len_;		/* varlena header */
	uint32		magic;
	int64		n;				/* entries used */
	int64		capacity;		/* entries the bytea has room for */
	PersonMaskEntry entries[FLEXIBLE_ARRAY_MEMBER];
} PersonMaskState;

#define STATE_SIZE(capacity) \
	(offsetof(PersonMaskState, entries) + (Size) (capacity) * sizeof(PersonMaskEntry))
#define STATE_MAX_CAPACITY \
	((int64) ((MaxAllocSize - offsetof(PersonMaskState, entries)) / sizeof(PersonMaskEntry)))

/* the capacity of a full state grown by half again (54000 past a bytea's 1 GB) */
static int64
grown_capacity(int64 capacity, int64 n)
{
	int64		larger = Min(capacity + Max(capacity / 2, 1), STATE_MAX_CAPACITY);

	if (larger <= n)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("unit_person_masks: too many rows (" INT64_FORMAT ")", n),
				 errhint("Count fewer contracts at once, for example per unit level or per region.")));
	return larger;
}

/* the state within an aggregate: expanded, its entries in its own context */
typedef struct PersonMaskExpanded
{
	ExpandedObjectHeader hdr;
	int64		n;				/* entries used */
	int64		capacity;		/* entries allocated */
	PersonMaskEntry *entries;	/* in hdr.eoh_context */
} PersonMaskExpanded;

static Size
expanded_flat_size(ExpandedObjectHeader *eohptr)
{
	PersonMaskExpanded *e = (PersonMaskExpanded *) eohptr;

	return STATE_SIZE(e->n);
}

/* the flat state: its header, then the entries used (no spare room) */
static void
expanded_flatten_into(ExpandedObjectHeader *eohptr, void *result, Size allocated_size)
{
	PersonMaskExpanded *e = (PersonMaskExpanded *) eohptr;
	PersonMaskState *flat = (PersonMaskState *) result;

	Assert(allocated_size == STATE_SIZE(e->n));
	memset(flat, 0, offsetof(PersonMaskState, entries));
	SET_VARSIZE(flat, allocated_size);
	flat->magic = PERSON_MASKS_MAGIC;
	flat->n = e->n;
	flat->capacity = e->n;
	if (e->n > 0)
		memcpy(flat->entries, e->entries, e->n * sizeof(PersonMaskEntry));
}

static const ExpandedObjectMethods expanded_methods = {
	expanded_flat_size,
	expanded_flatten_into
};

/*
 * The expanded state a datum points to, or NULL for any other value: only a
 * read-write pointer when read_only_too is false (the transition function
 * writes into it), either kind when it is true.
 */
static PersonMaskExpanded *
expanded_of(Datum d, bool read_only_too)
{
	if (read_only_too ? VARATT_IS_EXTERNAL_EXPANDED(DatumGetPointer(d))
		: VARATT_IS_EXTERNAL_EXPANDED_RW(DatumGetPointer(d)))
	{
		ExpandedObjectHeader *eoh = DatumGetEOHP(d);

		if (eoh->eoh_methods == &expanded_methods)
			return (PersonMaskExpanded *) eoh;
	}
	return NULL;
}

/*
 * A new expanded state in a context of its own under the aggregate's (so
 * that the executor keeps it as the transition value without a copy), with
 * the n entries given and room for more, never beyond what a flat state can
 * hold (n comes from a flat state, so at most that).
 */
static PersonMaskExpanded *
expanded_new(MemoryContext aggcontext, const PersonMaskEntry *entries, int64 n)
{
	MemoryContext context = AllocSetContextCreate(aggcontext, "unit_person_masks state",
												  ALLOCSET_DEFAULT_SIZES);
	PersonMaskExpanded *e = (PersonMaskExpanded *) MemoryContextAlloc(context, sizeof(PersonMaskExpanded));

	EOH_init_header(&e->hdr, &expanded_methods, context);
	e->n = n;
	e->capacity = Min(Max(n + n / 2, PERSON_MASKS_FIRST_CAPACITY), STATE_MAX_CAPACITY);
	e->entries = (PersonMaskEntry *) MemoryContextAllocHuge(context, e->capacity * sizeof(PersonMaskEntry));
	if (n > 0)
		memcpy(e->entries, entries, n * sizeof(PersonMaskEntry));
	return e;
}

/*
 * A new flat state with room for capacity entries, zeroed: a flat state is a
 * value SQL can read (a plain call's result), so its spare room must not show
 * whatever the memory held before.
 */
static PersonMaskState *
state_new(int64 capacity, MemoryContext context)
{
	PersonMaskState *state = (PersonMaskState *) MemoryContextAllocZero(context, STATE_SIZE(capacity));

	SET_VARSIZE(state, STATE_SIZE(capacity));
	state->magic = PERSON_MASKS_MAGIC;
	state->n = 0;
	state->capacity = capacity;
	return state;
}

/*
 * The state argument, detoasted, checked and 8-byte aligned; a copy when
 * copy is set or when it was not aligned (a value read from a table).
 */
static PersonMaskState *
state_arg(FunctionCallInfo fcinfo, int argno, bool copy)
{
	bytea	   *raw = PG_GETARG_BYTEA_P(argno);
	Size		size = VARSIZE(raw);
	PersonMaskState *state;
	PersonMaskState header;

	if (size < offsetof(PersonMaskState, entries))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("not a state of unit_person_masks (%zu bytes)", size)));
	memcpy(&header, raw, offsetof(PersonMaskState, entries));
	if (header.magic != PERSON_MASKS_MAGIC || header.capacity < 0 || header.capacity > STATE_MAX_CAPACITY
		|| header.n < 0 || header.n > header.capacity || size != STATE_SIZE(header.capacity))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("not a state of unit_person_masks (%zu bytes, its header does not match)", size)));
	if (!copy && ((uintptr_t) raw % MAXIMUM_ALIGNOF) == 0)
		return (PersonMaskState *) raw;
	state = (PersonMaskState *) palloc(size);
	memcpy(state, raw, size);
	return state;
}

/* order by (unit, person): a sort with the comparison inlined (lib/sort_template.h) */
static inline int
entry_cmp(const PersonMaskEntry *x, const PersonMaskEntry *y)
{
	if (x->unit != y->unit)
		return x->unit < y->unit ? -1 : 1;
	if (x->person != y->person)
		return x->person < y->person ? -1 : 1;
	return 0;
}

#define ST_SORT sort_person_entries
#define ST_ELEMENT_TYPE PersonMaskEntry
#define ST_COMPARE(a, b) entry_cmp(a, b)
#define ST_CHECK_FOR_INTERRUPTS
#define ST_SCOPE static
#define ST_DECLARE
#define ST_DEFINE
#include "lib/sort_template.h"

PG_FUNCTION_INFO_V1(unit_person_masks_transfn);
Datum
unit_person_masks_transfn(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext;
	PersonMaskState *state;
	int32		sets;
	int64		months;
	PersonMaskEntry *e;

	/* a row with a NULL is skipped, as SQL's own aggregates skip NULLs */
	AGG_SKIP_ROW_WITH_NULL(fcinfo, 1, 4);
	sets = PG_GETARG_INT32(3);
	months = PG_GETARG_INT64(4);
	if (sets < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unit_person_masks: sets must be a bit mask of sets 1 to 31 (0 to 2^31 - 1), not %d",
						sets)));
	if (months < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unit_person_masks: months must be a bit mask of months 0 to 62 (0 to 2^63 - 1), not " INT64_FORMAT,
						months)));

	if (AggCheckCallContext(fcinfo, &aggcontext))
	{
		/* in an aggregate: the expanded state, written in place */
		PersonMaskExpanded *expanded = PG_ARGISNULL(0) ? NULL : expanded_of(PG_GETARG_DATUM(0), false);

		if (expanded == NULL)
		{
			/* the first row, or a flat state (an initial value: an aggregate built by hand) */
			if (PG_ARGISNULL(0))
				expanded = expanded_new(aggcontext, NULL, 0);
			else
			{
				state = state_arg(fcinfo, 0, false);
				expanded = expanded_new(aggcontext, state->entries, state->n);
			}
		}
		/* a contract in no set, or in force at no month's end, counts nowhere */
		if (sets != 0 && months != 0)
		{
			if (expanded->n == expanded->capacity)
			{
				/* full: half again as large (a large block is remapped, not copied) */
				int64		capacity = grown_capacity(expanded->capacity, expanded->n);

				expanded->entries = (PersonMaskEntry *) repalloc_huge(expanded->entries,
																	  capacity * sizeof(PersonMaskEntry));
				expanded->capacity = capacity;
			}
			e = &expanded->entries[expanded->n++];
			e->unit = PG_GETARG_INT32(1);
			e->sets = (uint32) sets;
			e->person = PG_GETARG_INT64(2);
			e->months = (uint64) months;
		}
		PG_RETURN_DATUM(EOHPGetRWDatum(&expanded->hdr));
	}

	/* called by hand: a copy with the row added, the argument untouched */
	state = PG_ARGISNULL(0) ? state_new(PERSON_MASKS_FIRST_CAPACITY, CurrentMemoryContext)
		: state_arg(fcinfo, 0, true);
	if (sets != 0 && months != 0)
	{
		if (state->n == state->capacity)
		{
			PersonMaskState *larger = state_new(grown_capacity(state->capacity, state->n), CurrentMemoryContext);

			larger->n = state->n;
			memcpy(larger->entries, state->entries, state->n * sizeof(PersonMaskEntry));
			state = larger;
		}
		e = &state->entries[state->n++];
		e->unit = PG_GETARG_INT32(1);
		e->sets = (uint32) sets;
		e->person = PG_GETARG_INT64(2);
		e->months = (uint64) months;
	}
	PG_RETURN_BYTEA_P(state);
}

/* unit_person_masks_combine(a, b): the entries of both (parallel workers' states) */
PG_FUNCTION_INFO_V1(unit_person_masks_combine);
Datum
unit_person_masks_combine(PG_FUNCTION_ARGS)
{
	PersonMaskState *a = state_arg(fcinfo, 0, false);
	PersonMaskState *b = state_arg(fcinfo, 1, false);
	PersonMaskState *both;

	if (a->n + b->n > STATE_MAX_CAPACITY)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("unit_person_masks: too many rows (" INT64_FORMAT ")", a->n + b->n)));
	both = state_new(a->n + b->n, CurrentMemoryContext);
	both->n = a->n + b->n;
	memcpy(both->entries, a->entries, a->n * sizeof(PersonMaskEntry));
	memcpy(both->entries + a->n, b->entries, b->n * sizeof(PersonMaskEntry));
	PG_RETURN_BYTEA_P(both);
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
	/*
	 * Sorted in place only when it is the aggregate's own state.  The
	 * executor hands a final function a read-only pointer to an expanded
	 * state, whatever the aggregate declares; the aggregate is declared
	 * FINALFUNC_MODIFY = READ_WRITE (the state is neither shared nor finalized
	 * twice), so the sort may reorder it there.  Read as a flat value it was
	 * flattened into a copy first: at scale 1, 117 MB per unit level for
	 * December, copied and its fresh pages faulted in.
	 */
	bool		in_aggregate = AggCheckCallContext(fcinfo, NULL) != 0;
	PersonMaskExpanded *expanded = in_aggregate ? expanded_of(PG_GETARG_DATUM(0), true) : NULL;
	PersonMaskEntry *entries;
	int64		n;
	int64		counts[PERSON_MASKS_SETS][PERSON_MASKS_MONTHS];
	uint64		person_months[PERSON_MASKS_SETS];
	uint32		unit_sets = 0;	/* the sets with a count in the current unit */
	Datum	   *rows;
	int64		n_rows = 0;
	int64		capacity = 64;
	int64		i;
	int			dims[2];
	int			lbs[2] = {1, 1};

	if (expanded != NULL)
	{
		entries = expanded->entries;
		n = expanded->n;
	}
	else
	{
		PersonMaskState *state = state_arg(fcinfo, 0, !in_aggregate);

		entries = state->entries;
		n = state->n;
	}
	if (n == 0)
		PG_RETURN_NULL();

	sort_person_entries(entries, n);
	memset(counts, 0, sizeof(counts));
	memset(person_months, 0, sizeof(person_months));
	rows = (Datum *) palloc(capacity * sizeof(Datum));

	i = 0;
	while (i < n)
	{
		int32		unit = entries[i].unit;
		int64		person = entries[i].person;
		uint32		sets = 0;

		/* one person in one unit: its contracts' months OR-ed per set */
		for (; i < n && entries[i].unit == unit && entries[i].person == person; i++)
		{
			uint32		s = entries[i].sets;

			sets |= s;
			while (s != 0)
			{
				person_months[pg_rightmost_one_pos32(s)] |= entries[i].months;
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
		if (i == n || entries[i].unit != unit)
		{
			while (unit_sets != 0)
			{
				int			set = pg_rightmost_one_pos32(unit_sets);
				int			month;

				for (month = 0; month < PERSON_MASKS_MONTHS; month++)
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
