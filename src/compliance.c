/*-------------------------------------------------------------------------
 * src/compliance.c
 *    The compliance type (六统一 compliance): text and binary I/O, the
 *    mergeable aggregates compliance_agg(dimension, score, weight) and
 *    compliance_agg(compliance), and the functions that read scores,
 *    item counts and coverage from a state.
 *
 * Scoring (domain/indicators.md, section C): an item scores c in [0, 1]
 * (0 absent, 0.5 partial, 1 met); a dimension scores
 * S_d = 100 * sum(w_k c_k) / sum(w_k) over its assessed items; the overall
 * score is a weighted mean of the dimension scores.
 *
 * The aggregates' transition type is compliance itself, a real SQL type with
 * text and binary I/O, so that parallel query and Citus (which ships partial
 * states as text) can split them.  Called as aggregates, the transition and
 * combine functions update the group's state in place; a new value is built
 * only when a dimension appears for the first time in a group (at most 16
 * times), and the executor copies it into the aggregate context.
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "common/int.h"
#include "common/shortest_dec.h"
#include "lib/stringinfo.h"
#include "libpq/pqformat.h"
#include "port/pg_bitutils.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/float.h"
#include "utils/lsyscache.h"

#include "aggstate.h"
#include "compliance.h"
#include "parse.h"

#define COMPLIANCE_TEXT_HINT \
	"Write the value as {dimension:(weighted_score,weight,assessed,met,not_assessed),...}, for example {1:(1.5,2,2,1,0)}."
#define COMPLIANCE_DIMENSION_HINT \
	"Use a dimension from 1 to 16, for example 1 to 6 for the six unifications 行政、人员、财务、质量、药械、信息."

/* Bytes per dimension in the binary form: two float8 and three int64. */
#define COMPLIANCE_BINARY_DIMENSION_SIZE	40

/* ----------------------------------------------------------------------
 * Internal functions
 * ----------------------------------------------------------------------
 */

/* Position of dimension d (1-based) among the stored ones, or -1. */
static inline int
dimension_index(const Compliance *c, int d)
{
	return compliance_dimension_index(c->mask, d);
}

static inline int
dimension_number(uint16 mask, int i)
{
	return compliance_dimension_number(mask, i);
}

/* Raise the error of a failed addition or merge. */
static void
check_arith(ComplianceArith result)
{
	if (likely(result == COMPLIANCE_ARITH_OK))
		return;
	if (result == COMPLIANCE_ARITH_SUM_OVERFLOW)
		float_overflow_error();
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("compliance item count out of range"),
			 errdetail("A merged item count exceeds the range of bigint.")));
}

#ifdef USE_ASSERT_CHECKING
/* The invariants of a state, checked after every change when assertions are on. */
static void
AssertCheckComplianceState(const Compliance *c)
{
	Assert(c->version == COMPLIANCE_VERSION);
	Assert(c->ndims == compliance_mask_count(c->mask));
	Assert(VARSIZE(c) == COMPLIANCE_SIZE(c->ndims));
	Assert(compliance_state_is_valid(c->dims, c->ndims));
}
#else
#define AssertCheckComplianceState(c) ((void) 0)
#endif

/*
 * A stored value, detoasted, with its header checked: the version, the
 * number of dimensions against the mask, and the size.  A value that fails
 * was not written by this extension's functions (or was damaged since): it
 * is refused with XX001 before anything reads its dimensions.
 */
Compliance *
compliance_unpack(Datum datum)
{
	Compliance *c = (Compliance *) PG_DETOAST_DATUM(datum);
	Size		size = VARSIZE_ANY_EXHDR(c) + VARHDRSZ;

	if (unlikely(size < offsetof(Compliance, dims) ||
				 c->version != COMPLIANCE_VERSION ||
				 c->ndims != compliance_mask_count(c->mask) ||
				 size != COMPLIANCE_SIZE(c->ndims)))
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("stored compliance value is corrupted"),
				 size < offsetof(Compliance, dims) ?
				 errdetail("The value has %zu bytes, fewer than a compliance header.", size) :
				 c->version != COMPLIANCE_VERSION ?
				 errdetail("Its format version is %d; this version of medalliance reads version %d.",
						   c->version, COMPLIANCE_VERSION) :
				 c->ndims != compliance_mask_count(c->mask) ?
				 errdetail("It claims %d dimensions but its mask lists %d.",
						   c->ndims, compliance_mask_count(c->mask)) :
				 errdetail("It has %zu bytes; with %d dimensions it must have %zu.",
						   size, c->ndims, (Size) COMPLIANCE_SIZE(c->ndims)),
				 errhint("Recompute the value from its source rows, or restore it from a backup.")));
	return c;
}

/* A new value with the given dimensions, all of them zero. */
static Compliance *
compliance_new(uint16 mask)
{
	int			ndims = pg_popcount32(mask);
	Compliance *c = (Compliance *) palloc0(COMPLIANCE_SIZE(ndims));

	SET_VARSIZE(c, COMPLIANCE_SIZE(ndims));
	c->version = COMPLIANCE_VERSION;
	c->ndims = (uint8) ndims;
	c->mask = mask;
	return c;
}

/* A copy of c with the dimensions of extra_mask added (zero where new). */
static Compliance *
compliance_widen(const Compliance *c, uint16 extra_mask)
{
	Compliance *result = compliance_new(c->mask | extra_mask);
	int			i;

	for (i = 0; i < c->ndims; i++)
	{
		int			d = dimension_number(c->mask, i);

		result->dims[dimension_index(result, d)] = c->dims[i];
	}
	return result;
}

static Compliance *
compliance_copy(const Compliance *c)
{
	Compliance *result = (Compliance *) palloc(VARSIZE(c));

	memcpy(result, c, VARSIZE(c));
	return result;
}

/*
 * The state a transition or combine function may write to, holding at least
 * the dimensions of need_mask.  Inside an aggregate the group's state is
 * updated in place when it already holds them; otherwise (a new dimension,
 * or a plain function call, which must never modify its argument) the result
 * is a new value in the current memory context, which the executor copies
 * into the aggregate context.  arg is the state argument, or 0 for NULL.
 */
static Compliance *
writable_state(FunctionCallInfo fcinfo, Datum arg, bool isnull, uint16 need_mask)
{
	Compliance *state;

	if (isnull)
		return compliance_new(need_mask);
	if (agg_state_in_place(fcinfo, arg, false, true, NULL))
	{
		state = (Compliance *) DatumGetPointer(arg);
		AssertCheckComplianceState(state);
		if ((state->mask & need_mask) == need_mask)
			return state;
		return compliance_widen(state, need_mask);
	}
	state = compliance_unpack(arg);
	if ((state->mask & need_mask) == need_mask)
		return compliance_copy(state);
	return compliance_widen(state, need_mask);
}

/* ----------------------------------------------------------------------
 * Argument checks (22023)
 * ----------------------------------------------------------------------
 */

static inline void
check_dimension(int32 d)
{
	if (unlikely(d < 1 || d > COMPLIANCE_MAX_DIMENSIONS))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("compliance dimension %d is out of range", d),
				 errdetail("Dimensions are numbered 1 to %d.", COMPLIANCE_MAX_DIMENSIONS),
				 errhint(COMPLIANCE_DIMENSION_HINT)));
}

static inline void
check_weight(double w)
{
	if (unlikely(!(w >= 0.0) || isinf(w)))	/* !(w >= 0) also catches NaN */
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("compliance weight %s is invalid", float8out_internal(w)),
				 errdetail("An item weight must be finite and not negative."),
				 errhint("Give weight 0 to count an item without letting it weigh in the score.")));
}

static inline void
check_score(double s)
{
	if (unlikely(!(s >= 0.0 && s <= 1.0)))	/* also rejects NaN */
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("compliance score %s is out of range", float8out_internal(s)),
				 errdetail("An item score lies between 0 (absent) and 1 (fully met), for example 0, 0.5 or 1."),
				 errhint("Pass a NULL score for an item that was not assessed.")));
}

/*
 * Invariants of one stored dimension, checked on text and binary input.
 * Returns NULL when they hold, else the detail sentence.
 */
static char *
dimension_violation(double score, double weight, int64 assessed, int64 met,
					int64 not_assessed)
{
	ComplianceViolation v = compliance_check_dimension(score, weight, assessed, met, not_assessed);

	switch (v)
	{
		case COMPLIANCE_VALID:
			return NULL;
		case COMPLIANCE_MET_EXCEEDS_ASSESSED:
			return psprintf("Items met (" INT64_FORMAT ") exceed items assessed (" INT64_FORMAT ").",
							met, assessed);
		case COMPLIANCE_SCORE_EXCEEDS_WEIGHT:
			return psprintf("The weighted score %s exceeds the weight %s; item scores lie in [0, 1].",
							float8out_internal(score), float8out_internal(weight));
		default:
			return pstrdup(compliance_violation_text(v));
	}
}

/* ----------------------------------------------------------------------
 * Text I/O
 * ----------------------------------------------------------------------
 */

#define skip_space(p) parse_skip_space(p)

static void pg_attribute_noreturn()
text_syntax_error(const char *input, const char *detail)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid input syntax for type compliance: \"%s\"", input),
			 errdetail("%s", detail),
			 errhint(COMPLIANCE_TEXT_HINT)));
}

/* Expect the character ch at p (after spaces); return the position after it. */
static const char *
expect_char(const char *p, char ch, const char *input, const char *what)
{
	p = skip_space(p);
	if (*p != ch)
		text_syntax_error(input, psprintf("Expected \"%c\" %s.", ch, what));
	return p + 1;
}

/* An unsigned decimal integer, at most max. */
static const char *
parse_integer(const char *p, const char *input, const char *part, int64 max,
			  int64 *result)
{
	ParseStatus status;

	p = parse_unsigned(skip_space(p), max, result, &status);
	if (status == PARSE_NO_DIGITS)
		text_syntax_error(input, psprintf("The %s is missing or is not a whole number.", part));
	if (status == PARSE_OUT_OF_RANGE)
		text_syntax_error(input, psprintf("The %s is out of range.", part));
	return p;
}

static const char *
parse_double(const char *p, const char *input, const char *part, double *result)
{
	char	   *end;
	bool		have_error = false;

	p = skip_space(p);
	if (*p == '\0' || *p == ',' || *p == ')')
		text_syntax_error(input, psprintf("The %s is missing.", part));
	*result = float8in_internal_opt_error((char *) p, &end, "compliance", input,
										  &have_error);
	if (have_error)
		text_syntax_error(input, psprintf("The %s is not a valid double precision number.", part));
	return end;
}

PG_FUNCTION_INFO_V1(compliance_in);
/* compliance_in(cstring): '{d:(weighted_score,weight,assessed,met,not_assessed),...}' */
Datum
compliance_in(PG_FUNCTION_ARGS)
{
	const char *input = PG_GETARG_CSTRING(0);
	const char *p = input;
	ComplianceDimension parsed[COMPLIANCE_MAX_DIMENSIONS];
	uint16		mask = 0;
	Compliance *result;
	int			d;

	memset(parsed, 0, sizeof(parsed));
	p = expect_char(p, '{', input, "at the start");
	p = skip_space(p);
	if (*p == '}')
		p++;
	else
	{
		for (;;)
		{
			int64		dim;
			ComplianceDimension *slot;
			double		score,
						weight;
			char	   *violation;

			p = parse_integer(p, input, "dimension", 999, &dim);
			if (dim < 1 || dim > COMPLIANCE_MAX_DIMENSIONS)
				text_syntax_error(input, psprintf("Dimension " INT64_FORMAT " is out of range 1 to %d.",
												  dim, COMPLIANCE_MAX_DIMENSIONS));
			if (mask & (1 << (dim - 1)))
				text_syntax_error(input, psprintf("Dimension " INT64_FORMAT " is listed twice.", dim));
			mask |= (uint16) (1 << (dim - 1));
			slot = &parsed[dim - 1];

			p = expect_char(p, ':', input, "after the dimension");
			p = expect_char(p, '(', input, "before the dimension's values");
			p = parse_double(p, input, "weighted score", &score);
			p = expect_char(p, ',', input, "after the weighted score");
			p = parse_double(p, input, "weight", &weight);
			p = expect_char(p, ',', input, "after the weight");
			p = parse_integer(p, input, "count of items assessed", PG_INT64_MAX, &slot->assessed);
			p = expect_char(p, ',', input, "after the count of items assessed");
			p = parse_integer(p, input, "count of items met", PG_INT64_MAX, &slot->met);
			p = expect_char(p, ',', input, "after the count of items met");
			p = parse_integer(p, input, "count of items not assessed", PG_INT64_MAX, &slot->not_assessed);
			p = expect_char(p, ')', input, "after the count of items not assessed");

			violation = dimension_violation(score, weight, slot->assessed, slot->met,
											slot->not_assessed);
			if (violation != NULL)
				text_syntax_error(input, psprintf("Dimension " INT64_FORMAT ": %s", dim, violation));
			/*
			 * Within the slack, a weighted score above the weight is read as
			 * the weight, so that no score above 100 is ever stored.  + 0.0
			 * turns -0 into 0.
			 */
			slot->score_sum = Min(score, weight) + 0.0;
			slot->weight_sum = weight + 0.0;

			p = skip_space(p);
			if (*p == '}')
			{
				p++;
				break;
			}
			if (*p != ',')
				text_syntax_error(input, "Expected \",\" or \"}\" after a dimension.");
			p++;
		}
	}
	p = skip_space(p);
	if (*p != '\0')
		text_syntax_error(input, psprintf("Unexpected text after \"}\": \"%s\".", p));

	result = compliance_new(mask);
	for (d = 1; d <= COMPLIANCE_MAX_DIMENSIONS; d++)
		if (mask & (1 << (d - 1)))
			result->dims[dimension_index(result, d)] = parsed[d - 1];
	PG_RETURN_COMPLIANCE_P(result);
}

static void
append_double(StringInfo buf, double x)
{
	char		digits[DOUBLE_SHORTEST_DECIMAL_LEN];

	/* the shortest text that reads back as the same double, whatever extra_float_digits says */
	double_to_shortest_decimal_buf(x, digits);
	appendStringInfoString(buf, digits);
}

PG_FUNCTION_INFO_V1(compliance_out);
/* compliance_out(compliance): dimensions in ascending order, totals exact. */
Datum
compliance_out(PG_FUNCTION_ARGS)
{
	Compliance *c = PG_GETARG_COMPLIANCE_P(0);
	StringInfoData buf;
	int			i;

	initStringInfo(&buf);
	appendStringInfoChar(&buf, '{');
	for (i = 0; i < c->ndims; i++)
	{
		const ComplianceDimension *dim = &c->dims[i];

		if (i > 0)
			appendStringInfoChar(&buf, ',');
		appendStringInfo(&buf, "%d:(", dimension_number(c->mask, i));
		append_double(&buf, compliance_score_total(dim) + 0.0);
		appendStringInfoChar(&buf, ',');
		append_double(&buf, compliance_weight_total(dim) + 0.0);
		appendStringInfo(&buf, "," INT64_FORMAT "," INT64_FORMAT "," INT64_FORMAT ")",
						 dim->assessed, dim->met, dim->not_assessed);
	}
	appendStringInfoChar(&buf, '}');
	PG_RETURN_CSTRING(buf.data);
}

/* ----------------------------------------------------------------------
 * Binary I/O: a version byte, the dimension mask (uint16), then per stored
 * dimension in ascending order the weighted score and the weight (float8)
 * and the counts assessed, met and not assessed (int64); all big-endian.
 * ----------------------------------------------------------------------
 */

static void pg_attribute_noreturn()
binary_error(const char *detail)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
			 errmsg("invalid binary input for type compliance"),
			 errdetail("%s", detail)));
}

PG_FUNCTION_INFO_V1(compliance_recv);
/* compliance_recv(internal): validated like text input; the length must match exactly. */
Datum
compliance_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int			remaining = buf->len - buf->cursor;
	int			version;
	uint16		mask;
	int			ndims;
	Compliance *result;
	int			i;

	if (remaining < 3)
		binary_error(psprintf("The value has %d bytes; a compliance value has at least 3.", remaining));
	version = pq_getmsgbyte(buf);
	if (version != COMPLIANCE_VERSION)
		binary_error(psprintf("Unknown format version %d; this version of medalliance reads version %d.",
							  version, COMPLIANCE_VERSION));
	mask = (uint16) pq_getmsgint(buf, 2);
	ndims = pg_popcount32(mask);
	if (remaining != 3 + ndims * COMPLIANCE_BINARY_DIMENSION_SIZE)
		binary_error(psprintf("The value has %d bytes; with %d dimensions it must have %d.",
							  remaining, ndims, 3 + ndims * COMPLIANCE_BINARY_DIMENSION_SIZE));

	result = compliance_new(mask);
	for (i = 0; i < ndims; i++)
	{
		ComplianceDimension *dim = &result->dims[i];
		char	   *violation;

		dim->score_sum = pq_getmsgfloat8(buf);
		dim->weight_sum = pq_getmsgfloat8(buf);
		dim->assessed = pq_getmsgint64(buf);
		dim->met = pq_getmsgint64(buf);
		dim->not_assessed = pq_getmsgint64(buf);
		violation = dimension_violation(dim->score_sum, dim->weight_sum, dim->assessed,
										dim->met, dim->not_assessed);
		if (violation != NULL)
			binary_error(psprintf("Dimension %d: %s", dimension_number(mask, i), violation));
		dim->score_sum = Min(dim->score_sum, dim->weight_sum) + 0.0;	/* as in text input */
		dim->weight_sum += 0.0;
	}
	PG_RETURN_COMPLIANCE_P(result);
}

PG_FUNCTION_INFO_V1(compliance_send);
/* compliance_send(compliance) */
Datum
compliance_send(PG_FUNCTION_ARGS)
{
	Compliance *c = PG_GETARG_COMPLIANCE_P(0);
	StringInfoData buf;
	int			i;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, COMPLIANCE_VERSION);
	pq_sendint16(&buf, c->mask);
	for (i = 0; i < c->ndims; i++)
	{
		const ComplianceDimension *dim = &c->dims[i];

		pq_sendfloat8(&buf, compliance_score_total(dim) + 0.0);
		pq_sendfloat8(&buf, compliance_weight_total(dim) + 0.0);
		pq_sendint64(&buf, dim->assessed);
		pq_sendint64(&buf, dim->met);
		pq_sendint64(&buf, dim->not_assessed);
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* ----------------------------------------------------------------------
 * Aggregation and merging
 * ----------------------------------------------------------------------
 */

PG_FUNCTION_INFO_V1(compliance_accum);
/*
 * Transition of compliance_agg(dimension, score, weight).  A row with a NULL
 * dimension or weight is skipped; a NULL score counts the item as not
 * assessed (it touches neither the score nor the weight).
 */
Datum
compliance_accum(PG_FUNCTION_ARGS)
{
	int32		d;
	double		weight;
	double		score = 0.0;
	bool		assessed = !PG_ARGISNULL(2);
	Compliance *state;
	ComplianceDimension *dim;

	if (PG_ARGISNULL(1) || PG_ARGISNULL(3))
		return agg_state_unchanged(fcinfo);
	d = PG_GETARG_INT32(1);
	weight = PG_GETARG_FLOAT8(3);
	check_dimension(d);
	check_weight(weight);
	if (assessed)
	{
		score = PG_GETARG_FLOAT8(2);
		check_score(score);
	}

	state = writable_state(fcinfo, PG_GETARG_DATUM(0), PG_ARGISNULL(0),
						   (uint16) (1 << (d - 1)));
	dim = &state->dims[dimension_index(state, d)];
	check_arith(compliance_add_item(dim, score, weight, assessed));
	AssertCheckComplianceState(state);
	PG_RETURN_COMPLIANCE_P(state);
}

/* Add every dimension of other into state, which holds all of them already. */
static void
compliance_merge_into(Compliance *state, const Compliance *other)
{
	int			i;

	for (i = 0; i < other->ndims; i++)
	{
		const ComplianceDimension *src = &other->dims[i];
		ComplianceDimension *dst =
			&state->dims[dimension_index(state, dimension_number(other->mask, i))];

		check_arith(compliance_merge_dimension(dst, src));
	}
}

PG_FUNCTION_INFO_V1(compliance_combine);
/*
 * compliance_combine(compliance, compliance): the merge.  Declared twice in
 * SQL: STRICT as compliance_add (operator +), and non-strict as
 * compliance_combine, the combine function of both aggregates and the
 * transition of compliance_agg(compliance), where a NULL side is skipped.
 */
Datum
compliance_combine(PG_FUNCTION_ARGS)
{
	Compliance *other;
	Compliance *state;

	if (PG_ARGISNULL(1))
		return agg_state_unchanged(fcinfo);
	other = PG_GETARG_COMPLIANCE_P(1);
	if (PG_ARGISNULL(0))
		PG_RETURN_COMPLIANCE_P(other);	/* the executor copies it into the aggregate context */

	state = writable_state(fcinfo, PG_GETARG_DATUM(0), false, other->mask);
	compliance_merge_into(state, other);
	AssertCheckComplianceState(state);
	PG_RETURN_COMPLIANCE_P(state);
}

/* ----------------------------------------------------------------------
 * Readers
 * ----------------------------------------------------------------------
 */

#define dimension_score_of(dim, score) compliance_dimension_score_of((dim), (score))

static const ComplianceDimension *
find_dimension(const Compliance *c, int32 d)
{
	int			i;

	check_dimension(d);
	i = dimension_index(c, d);
	return i < 0 ? NULL : &c->dims[i];
}

PG_FUNCTION_INFO_V1(compliance_dimension_score);
/* dimension_score(compliance, dimension) */
Datum
compliance_dimension_score(PG_FUNCTION_ARGS)
{
	Compliance *c = PG_GETARG_COMPLIANCE_P(0);
	const ComplianceDimension *dim = find_dimension(c, PG_GETARG_INT32(1));
	double		score;

	if (dim == NULL || !dimension_score_of(dim, &score))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(score);
}

PG_FUNCTION_INFO_V1(compliance_dimension_scores);
/* dimension_scores(compliance): element d is the score of dimension d. */
Datum
compliance_dimension_scores(PG_FUNCTION_ARGS)
{
	Compliance *c = PG_GETARG_COMPLIANCE_P(0);
	int			n = c->mask == 0 ? 0 : pg_leftmost_one_pos32(c->mask) + 1;
	Datum		values[COMPLIANCE_MAX_DIMENSIONS];
	bool		nulls[COMPLIANCE_MAX_DIMENSIONS];
	int			dims[1];
	int			lbs[1] = {1};
	int			d;

	if (n == 0)
		PG_RETURN_ARRAYTYPE_P(construct_empty_array(FLOAT8OID));
	for (d = 1; d <= n; d++)
	{
		int			i = dimension_index(c, d);
		double		score;

		nulls[d - 1] = !(i >= 0 && dimension_score_of(&c->dims[i], &score));
		values[d - 1] = nulls[d - 1] ? (Datum) 0 : Float8GetDatum(score);
	}
	dims[0] = n;
	PG_RETURN_ARRAYTYPE_P(construct_md_array(values, nulls, 1, dims, lbs, FLOAT8OID,
											 sizeof(float8), FLOAT8PASSBYVAL,
											 TYPALIGN_DOUBLE));
}

PG_FUNCTION_INFO_V1(compliance_overall_score);
/* overall_score(compliance): the mean of the dimension scores there are. */
Datum
compliance_overall_score(PG_FUNCTION_ARGS)
{
	Compliance *c = PG_GETARG_COMPLIANCE_P(0);
	double		score;

	if (!compliance_mean_score(c->dims, c->ndims, &score))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(score);
}

/*
 * Read a one-dimensional array argument whose subscripts are compliance
 * dimensions: the element with subscript d is for dimension d, so that
 * '{a,b}' gives dimensions 1 and 2 and '[2:3]={a,b}' dimensions 2 and 3.
 * out[d - 1] receives the element of dimension d; the result has bit d-1
 * set for every dimension given.  *n receives the number of elements.
 */
static uint32
dimension_array(ArrayType *array, Oid elemtype, const char *what, Datum *out, int *n)
{
	int16		typlen;
	bool		typbyval;
	char		typalign;
	Datum	   *elems;
	bool	   *nulls;
	int			lower;
	uint32		given = 0;
	int			i;

	if (ARR_NDIM(array) == 0)
	{
		*n = 0;
		return 0;
	}
	if (ARR_NDIM(array) != 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must be a one-dimensional array", what),
				 errdetail("The array has %d dimensions.", ARR_NDIM(array)),
				 errhint("List one value per compliance dimension, from dimension 1.")));
	get_typlenbyvalalign(elemtype, &typlen, &typbyval, &typalign);
	deconstruct_array(array, elemtype, typlen, typbyval, typalign, &elems, &nulls, n);
	lower = ARR_LBOUND(array)[0];
	if (*n > COMPLIANCE_MAX_DIMENSIONS)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s has %d elements, more than the %d compliance dimensions",
						what, *n, COMPLIANCE_MAX_DIMENSIONS),
				 errhint("List one value per compliance dimension, from dimension 1.")));
	if (lower < 1 || lower > COMPLIANCE_MAX_DIMENSIONS - *n + 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s has subscripts %d to %d, outside the compliance dimensions 1 to %d",
						what, lower, lower + *n - 1, COMPLIANCE_MAX_DIMENSIONS),
				 errdetail("The element with subscript d is read as the value of dimension d."),
				 errhint("Write the array from dimension 1, for example '{1,1,2}', or give its subscripts, for example '[2:3]={1,2}'.")));
	for (i = 0; i < *n; i++)
	{
		int			d = lower + i;

		if (nulls[i])
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s has a NULL for dimension %d", what, d),
					 errhint("Give 0 rather than NULL.")));
		out[d - 1] = elems[i];
		given |= (uint32) 1 << (d - 1);
	}
	return given;
}

PG_FUNCTION_INFO_V1(compliance_overall_score_weighted);
/*
 * overall_score(compliance, dimension_weights): sum W_d S_d / sum W_d over
 * the dimensions that have a score.  Every such dimension needs a weight.
 */
Datum
compliance_overall_score_weighted(PG_FUNCTION_ARGS)
{
	Compliance *c = PG_GETARG_COMPLIANCE_P(0);
	Datum		weights[COMPLIANCE_MAX_DIMENSIONS];
	int			n;
	uint32		given = dimension_array(PG_GETARG_ARRAYTYPE_P(1), FLOAT8OID,
										"dimension_weights", weights, &n);
	double		weighted = 0.0;
	double		weight_sum = 0.0;
	int			d;

	for (d = 1; d <= COMPLIANCE_MAX_DIMENSIONS; d++)
	{
		double		w;

		if (!(given & ((uint32) 1 << (d - 1))))
			continue;
		w = DatumGetFloat8(weights[d - 1]);

		if (!(w >= 0.0) || isinf(w))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("dimension weight %s of dimension %d is invalid",
							float8out_internal(w), d),
					 errdetail("A dimension weight must be finite and not negative."),
					 errhint("For equal weights call overall_score(compliance) without weights.")));
	}
	for (d = 1; d <= COMPLIANCE_MAX_DIMENSIONS; d++)
	{
		int			i = dimension_index(c, d);
		double		score;
		double		w;

		if (i < 0 || !dimension_score_of(&c->dims[i], &score))
			continue;
		if (!(given & ((uint32) 1 << (d - 1))))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("dimension %d has a score but no weight", d),
					 errdetail("dimension_weights has %d elements.", n),
					 errhint("Give a weight (0 to leave it out) for every dimension up to %d.", d)));
		w = DatumGetFloat8(weights[d - 1]);
		weighted += w * score;
		weight_sum += w;
	}
	if (isinf(weighted) || isinf(weight_sum))
		float_overflow_error();
	if (weight_sum == 0.0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(weighted / weight_sum);
}

/* Which count an items_* function reads. */
typedef enum ComplianceCount
{
	COUNT_ASSESSED,
	COUNT_MET,
	COUNT_NOT_ASSESSED
} ComplianceCount;

static inline int64
count_of(const ComplianceDimension *dim, ComplianceCount which)
{
	switch (which)
	{
		case COUNT_ASSESSED:
			return dim->assessed;
		case COUNT_MET:
			return dim->met;
		case COUNT_NOT_ASSESSED:
			return dim->not_assessed;
	}
	pg_unreachable();
}

static int64
total_count(const Compliance *c, ComplianceCount which)
{
	int64		total = 0;
	int			i;

	for (i = 0; i < c->ndims; i++)
		checked_count_add(&total, count_of(&c->dims[i], which), "compliance item count out of range",
						  "A merged item count exceeds the range of bigint.");
	return total;
}

#define COMPLIANCE_COUNT_READERS(name, which) \
PG_FUNCTION_INFO_V1(name); \
Datum \
name(PG_FUNCTION_ARGS) \
{ \
	PG_RETURN_INT64(total_count(PG_GETARG_COMPLIANCE_P(0), which)); \
} \
PG_FUNCTION_INFO_V1(name##_dimension); \
Datum \
name##_dimension(PG_FUNCTION_ARGS) \
{ \
	const ComplianceDimension *dim = \
		find_dimension(PG_GETARG_COMPLIANCE_P(0), PG_GETARG_INT32(1)); \
	PG_RETURN_INT64(dim == NULL ? 0 : count_of(dim, which)); \
}

/* items_assessed(compliance[, dimension]) and friends; 0 for a dimension not stored. */
COMPLIANCE_COUNT_READERS(compliance_items_assessed, COUNT_ASSESSED)
COMPLIANCE_COUNT_READERS(compliance_items_met, COUNT_MET)
COMPLIANCE_COUNT_READERS(compliance_items_not_assessed, COUNT_NOT_ASSESSED)

PG_FUNCTION_INFO_V1(compliance_coverage);
/* coverage(compliance): assessed / (assessed + not assessed), over all dimensions. */
Datum
compliance_coverage(PG_FUNCTION_ARGS)
{
	Compliance *c = PG_GETARG_COMPLIANCE_P(0);
	int64		assessed = total_count(c, COUNT_ASSESSED);
	int64		not_assessed = total_count(c, COUNT_NOT_ASSESSED);

	if (assessed == 0 && not_assessed == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8((double) ((long double) assessed /
							   ((long double) assessed + (long double) not_assessed)));
}

PG_FUNCTION_INFO_V1(compliance_coverage_total);
/*
 * coverage(compliance, items_total): sum of items assessed / sum of
 * items_total, where items_total[d] is the number of items expected in
 * dimension d, counted in the same units as the evidence rows.
 */
Datum
compliance_coverage_total(PG_FUNCTION_ARGS)
{
	Compliance *c = PG_GETARG_COMPLIANCE_P(0);
	Datum		totals[COMPLIANCE_MAX_DIMENSIONS];
	int			n;
	uint32		given = dimension_array(PG_GETARG_ARRAYTYPE_P(1), INT4OID, "items_total", totals, &n);
	int64		assessed = 0;
	int64		expected = 0;
	int			d;

	for (d = 1; d <= COMPLIANCE_MAX_DIMENSIONS; d++)
	{
		int			i = dimension_index(c, d);
		int64		done = i < 0 ? 0 : c->dims[i].assessed;
		int64		total = (given & ((uint32) 1 << (d - 1))) ? DatumGetInt32(totals[d - 1]) : 0;

		if (total < 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("items_total " INT64_FORMAT " of dimension %d is negative", total, d),
					 errhint("Give the number of items expected in each dimension.")));
		if (done > total)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("dimension %d has " INT64_FORMAT " items assessed but items_total is " INT64_FORMAT,
							d, done, total),
					 errdetail("Coverage cannot exceed 1: more items were assessed than expected."),
					 errhint("Count items_total in the same units as the evidence rows (item x member x period).")));
		checked_count_add(&assessed, done, "compliance item count out of range",
						  "A merged item count exceeds the range of bigint.");
		checked_count_add(&expected, total, "compliance item count out of range",
						  "A merged item count exceeds the range of bigint.");
	}
	if (expected == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8((double) ((long double) assessed / (long double) expected));
}
