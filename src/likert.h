/*-------------------------------------------------------------------------
 * src/likert.h
 *    The likert type (满意度量表分布): the counts of the answers to a
 *    survey item on one scale of 2 to 11 points.
 *-------------------------------------------------------------------------
 */
#ifndef MEDALLIANCE_LIKERT_H
#define MEDALLIANCE_LIKERT_H

#include "postgres.h"
#include "fmgr.h"

#include "likert_kernel.h"

/* Format version: the first byte of the binary form and of the stored value. */
#define LIKERT_VERSION			1

/*
 * A varlena.  The scale is lowest .. lowest + points - 1, where lowest is 0
 * or 1 (1..K for a K-point Likert item, 0..10 for a recommendation
 * question) and points is 2 to 11.  counts[i] is the number of answers
 * lowest + i; every count is >= 0 and their sum fits in int64.  The value
 * with every count 0 is valid (it is what merging nothing would give),
 * although the aggregates return NULL rather than it for empty input.
 */
typedef struct Likert
{
	int32		vl_len_;		/* varlena header (do not touch directly) */
	uint8		version;		/* LIKERT_VERSION */
	uint8		lowest;			/* 0 or 1 */
	uint8		points;			/* 2 .. LIKERT_MAX_POINTS */
	uint8		unused;			/* zero */
	int64		counts[FLEXIBLE_ARRAY_MEMBER];
} Likert;

#define LIKERT_SIZE(points)	(offsetof(Likert, counts) + (points) * sizeof(int64))
#define LIKERT_HIGHEST(l)	((int) (l)->lowest + (int) (l)->points - 1)

#define DatumGetLikertP(X)		((Likert *) PG_DETOAST_DATUM(X))
#define PG_GETARG_LIKERT_P(n)	DatumGetLikertP(PG_GETARG_DATUM(n))
#define PG_RETURN_LIKERT_P(x)	PG_RETURN_POINTER(x)

#endif							/* MEDALLIANCE_LIKERT_H */
