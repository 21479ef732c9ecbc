/*-------------------------------------------------------------------------
 * src/compliance.h
 *    The compliance type (六统一 compliance): per dimension, the weighted
 *    item scores, the weights and the item counts of a checklist assessment.
 *-------------------------------------------------------------------------
 */
#ifndef MEDALLIANCE_COMPLIANCE_H
#define MEDALLIANCE_COMPLIANCE_H

#include "postgres.h"
#include "fmgr.h"

/* Dimensions are numbered 1 .. COMPLIANCE_MAX_DIMENSIONS. */
#define COMPLIANCE_MAX_DIMENSIONS	16

/* Format version: the first byte of the binary form and of the stored value. */
#define COMPLIANCE_VERSION			1

/*
 * One dimension.  The two weighted sums are kept with a Neumaier compensation
 * term each (the value is sum + comp), so that the order in which rows and
 * states are added changes a total by about one rounding at most.  The
 * external forms (text, binary) carry each total as one float8, sum + comp.
 */
typedef struct ComplianceDimension
{
	double		score_sum;		/* Σ weight·score over assessed items */
	double		score_comp;		/* its compensation term */
	double		weight_sum;		/* Σ weight over assessed items */
	double		weight_comp;	/* its compensation term */
	int64		assessed;		/* items with a score (评估项数) */
	int64		met;			/* items with score = 1 (达标项数) */
	int64		not_assessed;	/* items seen with a NULL score (未评估项数) */
} ComplianceDimension;

/*
 * A varlena.  Only the dimensions whose bit is set in mask are stored, in
 * ascending order of dimension; ndims is the number of bits set.  Every
 * stored dimension has assessed + not_assessed >= 1.  The zero-dimension
 * value '{}' is valid (it is what merging nothing would give), although the
 * aggregates return NULL rather than '{}' for empty input.
 */
typedef struct Compliance
{
	int32		vl_len_;		/* varlena header (do not touch directly) */
	uint8		version;		/* COMPLIANCE_VERSION */
	uint8		ndims;			/* number of stored dimensions */
	uint16		mask;			/* bit d-1 set when dimension d is stored */
	ComplianceDimension dims[FLEXIBLE_ARRAY_MEMBER];
} Compliance;

#define COMPLIANCE_SIZE(ndims) \
	(offsetof(Compliance, dims) + (ndims) * sizeof(ComplianceDimension))

#define DatumGetComplianceP(X)		((Compliance *) PG_DETOAST_DATUM(X))
#define PG_GETARG_COMPLIANCE_P(n)	DatumGetComplianceP(PG_GETARG_DATUM(n))
#define PG_RETURN_COMPLIANCE_P(x)	PG_RETURN_POINTER(x)

#endif							/* MEDALLIANCE_COMPLIANCE_H */
