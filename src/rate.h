/*-------------------------------------------------------------------------
 * src/rate.h
 *    The rate type: a proportion kept as its (numerator, denominator) pair.
 *-------------------------------------------------------------------------
 */
#ifndef MEDALLIANCE_RATE_H
#define MEDALLIANCE_RATE_H

#include "postgres.h"
#include "fmgr.h"

/*
 * Fixed length (16 bytes, double alignment), passed by reference.  Always
 * 0 <= numerator <= denominator.  0/0 is a valid value: rows were seen, none
 * of them had a denominator.  The layout cannot grow, so it carries no
 * version field; a richer state would be a new type.
 */
typedef struct Rate
{
	int64		numerator;
	int64		denominator;
} Rate;

#define DatumGetRateP(X)		((Rate *) DatumGetPointer(X))
#define RatePGetDatum(X)		PointerGetDatum(X)
#define PG_GETARG_RATE_P(n)		DatumGetRateP(PG_GETARG_DATUM(n))
#define PG_RETURN_RATE_P(x)		return RatePGetDatum(x)

#endif							/* MEDALLIANCE_RATE_H */
