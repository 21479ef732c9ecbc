/*-------------------------------------------------------------------------
 * src/demo/encounter_writer.h
 *    The encounter writer of the synthetic province (medalliance_demo, not
 *    the product), as the SQL function demo_write_encounters and the month
 *    writers (month_writers.c) call it: the plan rows of a month, the fund
 *    spending they add up to, and the writer itself.
 *-------------------------------------------------------------------------
 */
#ifndef MEDALLIANCE_DEMO_ENCOUNTER_WRITER_H
#define MEDALLIANCE_DEMO_ENCOUNTER_WRITER_H

#include "postgres.h"

#include "utils/date.h"
#include "utils/hsearch.h"
#include "utils/rel.h"

#include "demo_rows.h"

enum EncounterKind
{
	KIND_OUTPATIENT,
	KIND_EMERGENCY,
	KIND_INPATIENT
};

/* One row of demo_plan: an alliance, a month and a kind of encounter. */
typedef struct EncounterPlan
{
	Datum		kind_text;		/* encounter_kind as written */
	int32		kind_id;		/* the same number for the same kind_text */
	enum EncounterKind kind;
	int32		region_id;
	double		cvr;			/* county visit rate */
	double		prim;			/* primary-care share */
	int64		person_base;
	int64		persons;
	int64		key_base;
	int64		n;
	PlanArray	tier0;
	PlanArray	tier1;
	PlanArray	sec;
	PlanArray	out_prov;
	PlanArray	out_city;
	PlanArray	catch_ids;
} EncounterPlan;

/* A group of the month's fund spending: its key (no padding) and its sums. */
typedef struct FundKey
{
	int32		institution_id;
	int32		insured_region_id;
	int32		kind_id;		/* the plan rows' kind_id (encounter_kind) */
	int32		employee;		/* 1 for the employee fund, 0 for the resident fund */
} FundKey;

typedef struct FundGroup
{
	FundKey		key;
	Datum		kind_text;		/* encounter_kind as the plan wrote it */
	int64		settlements;
	int64		cost_cents;
	int64		fund_cents;
} FundGroup;

#define ENCOUNTER_PLAN "encounter plan"

extern EncounterPlan *read_encounter_plans(Datum *rows, int count);
extern HTAB *fund_groups_create(void);
extern void write_encounters(Relation rel, DateADT month, int64 salt, const EncounterPlan *plans, int nplans,
							 HTAB *fund_groups, int extra_options);

#endif							/* MEDALLIANCE_DEMO_ENCOUNTER_WRITER_H */
