/*-------------------------------------------------------------------------
 * src/rate.c
 *    The rate type (比率): input/output, comparison, confidence intervals,
 *    and the mergeable aggregates rate_agg(boolean), rate_agg(bigint, bigint)
 *    and rate_agg(rate).
 *
 * The aggregates' transition type is rate itself, a real SQL type with text
 * and binary I/O, so that parallel query and Citus (which ships partial
 * states as text) can split them.  The transition functions update the state
 * in place when called as aggregates; the state is allocated once per group.
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>

#include "access/hash.h"
#include "common/int.h"
#include "common/int128.h"
#include "funcapi.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/float.h"

#include "aggstate.h"
#include "parse.h"
#include "proportion.h"
#include "rate.h"

#define RATE_SYNTAX_HINT "Write the rate as numerator/denominator, for example '45/100'."
#define RATE_HINT "Check the counts: the numerator counts the cases among those of the denominator, for example rate(45, 100) or '45/100'."

/* Raise an error unless 0 <= numerator <= denominator. */
static inline void
check_rate_parts(int64 numerator, int64 denominator, int sqlstate)
{
	if (unlikely(numerator < 0 || denominator < 0 || numerator > denominator))
		ereport(ERROR,
				(errcode(sqlstate),
				 errmsg("invalid rate " INT64_FORMAT "/" INT64_FORMAT,
						numerator, denominator),
				 (numerator < 0 || denominator < 0) ?
				 errdetail("Numerator and denominator must not be negative.") :
				 errdetail("The numerator must not exceed the denominator."),
				 errhint(RATE_HINT)));
}

static Rate *
make_rate(int64 numerator, int64 denominator)
{
	Rate	   *result = (Rate *) palloc(sizeof(Rate));

	result->numerator = numerator;
	result->denominator = denominator;
	return result;
}

/* Add b into a, raising 22003 when a count leaves the range of bigint. */
static inline void
rate_add_into(Rate *a, int64 numerator, int64 denominator)
{
	/* numerator <= denominator: the numerator cannot overflow alone */
	checked_count_add(&a->numerator, numerator, "rate out of range",
					  "The merged denominator exceeds the range of bigint.");
	checked_count_add(&a->denominator, denominator, "rate out of range",
					  "The merged denominator exceeds the range of bigint.");
}

/*
 * The state a transition function may write to.  Inside an aggregate it is
 * the group's state, allocated in the aggregate context on the first row and
 * updated in place afterwards.  Called as a plain function, the argument is
 * never modified: the result is a fresh copy.
 */
static inline Rate *
writable_state(FunctionCallInfo fcinfo, Rate *state)
{
	MemoryContext aggcontext;
	Rate	   *result;

	if (agg_state_in_place(fcinfo, PointerGetDatum(state), state == NULL, false, &aggcontext))
		return state;
	if (aggcontext != NULL)		/* the first row of a group */
		return (Rate *) MemoryContextAllocZero(aggcontext, sizeof(Rate));
	result = (Rate *) palloc0(sizeof(Rate));
	if (state != NULL)
		*result = *state;
	return result;
}

/* ----------------------------------------------------------------------
 * Text and binary I/O
 * ----------------------------------------------------------------------
 */

#define skip_space(p) parse_skip_space(p)

/* Parse an unsigned decimal count at p; report errors against the whole input. */
static const char *
parse_count(const char *p, const char *input, const char *part, int64 *result)
{
	const char *start = p;
	ParseStatus status;

	if (*p == '-')
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type rate: \"%s\"", input),
				 errdetail("The %s must not be negative.", part),
				 errhint(RATE_HINT)));
	p = parse_unsigned(p, PG_INT64_MAX, result, &status);
	if (status == PARSE_NO_DIGITS)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type rate: \"%s\"", input),
				 errdetail("The %s is missing or is not a whole number.", part),
				 errhint(RATE_SYNTAX_HINT)));
	if (status == PARSE_OUT_OF_RANGE)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("value \"%.*s\" is out of range for the %s of type rate",
						(int) strspn(start, "+0123456789"), start, part),
				 errdetail("Numerator and denominator are bigint.")));
	return p;
}

PG_FUNCTION_INFO_V1(rate_in);
/* rate_in(cstring): 'numerator/denominator', spaces allowed around each part. */
Datum
rate_in(PG_FUNCTION_ARGS)
{
	const char *input = PG_GETARG_CSTRING(0);
	const char *p = skip_space(input);
	int64		numerator;
	int64		denominator;

	p = skip_space(parse_count(p, input, "numerator", &numerator));
	if (*p != '/')
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type rate: \"%s\"", input),
				 errdetail("A rate is written numerator/denominator."),
				 errhint(RATE_SYNTAX_HINT)));
	p = skip_space(parse_count(skip_space(p + 1), input, "denominator", &denominator));
	if (*p != '\0')
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type rate: \"%s\"", input),
				 errdetail("Unexpected text after the denominator: \"%s\".", p),
				 errhint(RATE_SYNTAX_HINT)));
	if (numerator > denominator)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type rate: \"%s\"", input),
				 errdetail("The numerator must not exceed the denominator."),
				 errhint(RATE_HINT)));
	PG_RETURN_RATE_P(make_rate(numerator, denominator));
}

PG_FUNCTION_INFO_V1(rate_out);
/* rate_out(rate): 'numerator/denominator'. */
Datum
rate_out(PG_FUNCTION_ARGS)
{
	Rate	   *rate = PG_GETARG_RATE_P(0);
	char	   *result = palloc(2 * MAXINT8LEN + 2);
	int			len;

	len = pg_lltoa(rate->numerator, result);
	result[len++] = '/';
	pg_lltoa(rate->denominator, result + len);
	PG_RETURN_CSTRING(result);
}

PG_FUNCTION_INFO_V1(rate_recv);
/* rate_recv(internal): two big-endian int64, validated like text input. */
Datum
rate_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int64		numerator;
	int64		denominator;

	/*
	 * A short value is bad data, not a broken connection: check the length
	 * here rather than let pq_getmsgint64 report 08P01.
	 */
	if (buf->len - buf->cursor < 2 * (int) sizeof(int64))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary rate: %d bytes", buf->len - buf->cursor),
				 errdetail("A rate is sent as two big-endian int64, 16 bytes.")));
	numerator = pq_getmsgint64(buf);
	denominator = pq_getmsgint64(buf);
	check_rate_parts(numerator, denominator, ERRCODE_INVALID_BINARY_REPRESENTATION);
	PG_RETURN_RATE_P(make_rate(numerator, denominator));
}

PG_FUNCTION_INFO_V1(rate_send);
/* rate_send(rate): numerator then denominator, each a big-endian int64. */
Datum
rate_send(PG_FUNCTION_ARGS)
{
	Rate	   *rate = PG_GETARG_RATE_P(0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendint64(&buf, rate->numerator);
	pq_sendint64(&buf, rate->denominator);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* ----------------------------------------------------------------------
 * Constructor and accessors
 * ----------------------------------------------------------------------
 */

PG_FUNCTION_INFO_V1(rate_make);
/* rate(numerator bigint, denominator bigint) */
Datum
rate_make(PG_FUNCTION_ARGS)
{
	int64		numerator = PG_GETARG_INT64(0);
	int64		denominator = PG_GETARG_INT64(1);

	check_rate_parts(numerator, denominator, ERRCODE_INVALID_PARAMETER_VALUE);
	PG_RETURN_RATE_P(make_rate(numerator, denominator));
}

PG_FUNCTION_INFO_V1(rate_numerator);
/* numerator(rate) */
Datum
rate_numerator(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(PG_GETARG_RATE_P(0)->numerator);
}

PG_FUNCTION_INFO_V1(rate_denominator);
/* denominator(rate) */
Datum
rate_denominator(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(PG_GETARG_RATE_P(0)->denominator);
}

/* numerator / denominator, correctly rounded whenever both are below 2^53. */
static double
rate_fraction(const Rate *rate)
{
	const int64 exact_limit = INT64CONST(1) << 53;

	if (rate->denominator <= exact_limit)
		return (double) rate->numerator / (double) rate->denominator;
	return (double) ((long double) rate->numerator / (long double) rate->denominator);
}

PG_FUNCTION_INFO_V1(rate_value);
/* value(rate): the proportion, NULL for 0/0. */
Datum
rate_value(PG_FUNCTION_ARGS)
{
	Rate	   *rate = PG_GETARG_RATE_P(0);

	if (rate->denominator == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(rate_fraction(rate));
}

/* ----------------------------------------------------------------------
 * Confidence intervals
 * ----------------------------------------------------------------------
 */

static void
check_level(double level)
{
	if (!(level > 0.0 && level < 1.0))		/* also rejects NaN */
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("confidence level %s is out of range",
						float8out_internal(level)),
				 errdetail("The level must lie strictly between 0 and 1."),
				 errhint("Use for example 0.95 for a 95%% interval.")));
}

static ProportionCiMethod
lookup_ci_method(text *name)
{
	char	   *method = text_to_cstring(name);

	if (strcmp(method, "wilson") == 0)
		return PROPORTION_CI_WILSON;
	if (strcmp(method, "clopper_pearson") == 0)
		return PROPORTION_CI_CLOPPER_PEARSON;
	if (strcmp(method, "jeffreys") == 0)
		return PROPORTION_CI_JEFFREYS;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("unknown confidence interval method \"%s\"", method),
			 errhint("Use \"wilson\", \"clopper_pearson\" or \"jeffreys\".")));
	pg_unreachable();
}

/* Shared body of ci_lower and ci_upper; false when the rate is 0/0. */
static bool
rate_interval(FunctionCallInfo fcinfo, double *lower, double *upper)
{
	Rate	   *rate = PG_GETARG_RATE_P(0);
	double		level = PG_GETARG_FLOAT8(1);
	ProportionCiMethod method = lookup_ci_method(PG_GETARG_TEXT_PP(2));

	check_level(level);
	if (rate->denominator == 0)
		return false;
	proportion_ci(rate->numerator, rate->denominator, level, method, lower, upper);
	return true;
}

PG_FUNCTION_INFO_V1(rate_ci_lower);
/* ci_lower(rate, level, method) */
Datum
rate_ci_lower(PG_FUNCTION_ARGS)
{
	double		lower,
				upper;

	if (!rate_interval(fcinfo, &lower, &upper))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(lower);
}

PG_FUNCTION_INFO_V1(rate_ci_upper);
/* ci_upper(rate, level, method) */
Datum
rate_ci_upper(PG_FUNCTION_ARGS)
{
	double		lower,
				upper;

	if (!rate_interval(fcinfo, &lower, &upper))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(upper);
}

PG_FUNCTION_INFO_V1(rate_diff);
/* rate_diff(a, b, level): a - b in percentage points, Newcombe hybrid score interval. */
Datum
rate_diff(PG_FUNCTION_ARGS)
{
	Rate	   *a = PG_GETARG_RATE_P(0);
	Rate	   *b = PG_GETARG_RATE_P(1);
	double		level = PG_GETARG_FLOAT8(2);
	TupleDesc	tupdesc;
	Datum		values[3];
	bool		nulls[3] = {false, false, false};
	double		difference,
				lower,
				upper;

	check_level(level);
	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("rate_diff must be called in a context that accepts a record")));
	if (a->denominator == 0 || b->denominator == 0)
		PG_RETURN_NULL();

	proportion_difference_newcombe(a->numerator, a->denominator,
								   b->numerator, b->denominator,
								   level, &difference, &lower, &upper);
	/* the point difference with a single rounding: 60/100 - 45/100 is 15 pp */
	values[0] = Float8GetDatum((double) (100.0L * a->numerator / a->denominator -
										 100.0L * b->numerator / b->denominator));
	values[1] = Float8GetDatum(100.0 * lower);
	values[2] = Float8GetDatum(100.0 * upper);
	tupdesc = BlessTupleDesc(tupdesc);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
}

/* ----------------------------------------------------------------------
 * Comparison: by value, then by denominator; 0/0 sorts first.
 * Equality is equality of both parts (1/2 and 2/4 are different rates).
 * ----------------------------------------------------------------------
 */

static int
rate_compare(const Rate *a, const Rate *b)
{
	INT128		left;
	INT128		right;
	int			cmp;

	if (a->denominator == 0 || b->denominator == 0)
		return (a->denominator != 0) - (b->denominator != 0);
	left = int64_to_int128(0);
	right = int64_to_int128(0);
	int128_add_int64_mul_int64(&left, a->numerator, b->denominator);
	int128_add_int64_mul_int64(&right, b->numerator, a->denominator);
	cmp = int128_compare(left, right);
	if (cmp != 0)
		return cmp;
	return (a->denominator > b->denominator) - (a->denominator < b->denominator);
}

PG_FUNCTION_INFO_V1(rate_cmp);
/* rate_cmp(rate, rate): btree support. */
Datum
rate_cmp(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(rate_compare(PG_GETARG_RATE_P(0), PG_GETARG_RATE_P(1)));
}

#define RATE_COMPARISON(name, op) \
PG_FUNCTION_INFO_V1(name); \
Datum \
name(PG_FUNCTION_ARGS) \
{ \
	PG_RETURN_BOOL(rate_compare(PG_GETARG_RATE_P(0), PG_GETARG_RATE_P(1)) op 0); \
}

RATE_COMPARISON(rate_eq, ==)
RATE_COMPARISON(rate_ne, !=)
RATE_COMPARISON(rate_lt, <)
RATE_COMPARISON(rate_le, <=)
RATE_COMPARISON(rate_gt, >)
RATE_COMPARISON(rate_ge, >=)

PG_FUNCTION_INFO_V1(rate_hash);
/* rate_hash(rate): hash support, over both parts. */
Datum
rate_hash(PG_FUNCTION_ARGS)
{
	Rate	   *rate = PG_GETARG_RATE_P(0);

	return hash_any((const unsigned char *) rate, sizeof(Rate));
}

PG_FUNCTION_INFO_V1(rate_hash_extended);
/* rate_hash_extended(rate, seed bigint) */
Datum
rate_hash_extended(PG_FUNCTION_ARGS)
{
	Rate	   *rate = PG_GETARG_RATE_P(0);

	return hash_any_extended((const unsigned char *) rate, sizeof(Rate),
							 PG_GETARG_INT64(1));
}

/* ----------------------------------------------------------------------
 * Merging and aggregation
 * ----------------------------------------------------------------------
 */

PG_FUNCTION_INFO_V1(rate_add);
/*
 * rate_add(rate, rate): the merge (operator +).  Also the combine function of
 * every rate aggregate and the transition function of rate_agg(rate), where
 * it adds into its first argument in place.
 */
Datum
rate_add(PG_FUNCTION_ARGS)
{
	Rate	   *state = writable_state(fcinfo, PG_GETARG_RATE_P(0));
	Rate	   *other = PG_GETARG_RATE_P(1);

	rate_add_into(state, other->numerator, other->denominator);
	PG_RETURN_RATE_P(state);
}

PG_FUNCTION_INFO_V1(rate_accum_boolean);
/* Transition of rate_agg(boolean): every non-NULL input counts, TRUE in the numerator. */
Datum
rate_accum_boolean(PG_FUNCTION_ARGS)
{
	Rate	   *state;

	AGG_SKIP_ROW_WITH_NULL(fcinfo, 1, 1);
	state = writable_state(fcinfo, PG_ARGISNULL(0) ? NULL : PG_GETARG_RATE_P(0));
	rate_add_into(state, PG_GETARG_BOOL(1) ? 1 : 0, 1);
	PG_RETURN_RATE_P(state);
}

PG_FUNCTION_INFO_V1(rate_accum_counts);
/* Transition of rate_agg(numerator, denominator): rows with a NULL part are skipped. */
Datum
rate_accum_counts(PG_FUNCTION_ARGS)
{
	Rate	   *state;
	int64		numerator;
	int64		denominator;

	AGG_SKIP_ROW_WITH_NULL(fcinfo, 1, 2);
	numerator = PG_GETARG_INT64(1);
	denominator = PG_GETARG_INT64(2);
	check_rate_parts(numerator, denominator, ERRCODE_INVALID_PARAMETER_VALUE);
	state = writable_state(fcinfo, PG_ARGISNULL(0) ? NULL : PG_GETARG_RATE_P(0));
	rate_add_into(state, numerator, denominator);
	PG_RETURN_RATE_P(state);
}
