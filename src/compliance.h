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

#include "compliance_kernel.h"

/* Format version: the first byte of the binary form and of the stored value. */
#define COMPLIANCE_VERSION			1

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

/*
 * Every read of a stored value goes through compliance_unpack(), which
 * detoasts it and checks its header (version, ndims against the mask, size):
 * a value written by hand into a table, or damaged, is refused with
 * SQLSTATE XX001 (data_corrupted), never read past its end.
 */
extern Compliance *compliance_unpack(Datum datum);

#define PG_GETARG_COMPLIANCE_P(n)	compliance_unpack(PG_GETARG_DATUM(n))
#define PG_RETURN_COMPLIANCE_P(x)	PG_RETURN_POINTER(x)

#endif							/* MEDALLIANCE_COMPLIANCE_H */
