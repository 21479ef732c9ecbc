/*-------------------------------------------------------------------------
 * src/likert.c
 *    The likert type (满意度量表分布): text and binary I/O, the mergeable
 *    aggregates likert_agg(answer, scale), likert_agg(answer, lowest,
 *    highest) and likert_agg(likert), and the readers n, mean, score_100,
 *    top_box, nps and the t intervals of the mean and of score_100.
 *
 * How a scale is declared: likert_agg(answer, scale) reads answers 1..scale
 * (a K-point Likert item, 2 <= K <= 11); likert_agg(answer, lowest, highest)
 * reads answers lowest..highest with lowest 0 or 1, so a 0-10
 * recommendation question is likert_agg(answer, 0, 10).  The value stores
 * lowest and the number of points, and one count per answer.
 *
 * The aggregates' transition type is likert itself, a real SQL type with
 * text and binary I/O, so that parallel query and Citus (which ships partial
 * states as text) can split them.  Called as aggregates, the transition and
 * combine functions update the group's state in place: a state is built once
 * per group, on its first row, and the executor copies it into the
 * aggregate context.
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "common/int.h"
#include "lib/stringinfo.h"
#include "libpq/pqformat.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/float.h"

#include "likert.h"
#include "rate.h"

#define LIKERT_TEXT_HINT \
	"A likert value is written lowest..highest:{count,...} with one count per answer, for example 1..5:{0,1,3,10,6}."
#define LIKERT_SCALE_HINT \
	"A scale has 2 to 11 points: 1..K for a K-point item, or 0..10 for a recommendation question."

/* ----------------------------------------------------------------------
 * Internal functions
 * ----------------------------------------------------------------------
 */

#ifdef USE_ASSERT_CHECKING
/* The invariants of a value; checked after every change of a state. */
static void
AssertCheckLikert(const Likert *l)
{
	int64		n = 0;
	int			i;

	Assert(VARSIZE(l) == LIKERT_SIZE(l->points));
	Assert(l->version == LIKERT_VERSION);
	Assert(l->lowest <= 1);
	Assert(l->points >= LIKERT_MIN_POINTS && l->points <= LIKERT_MAX_POINTS);
	for (i = 0; i < l->points; i++)
	{
		Assert(l->counts[i] >= 0);
		Assert(!pg_add_s64_overflow(n, l->counts[i], &n));
	}
}
#else
#define AssertCheckLikert(l)	((void) 0)
#endif

static Likert *
likert_new(int lowest, int points)
{
	Likert	   *l = (Likert *) palloc0(LIKERT_SIZE(points));

	SET_VARSIZE(l, LIKERT_SIZE(points));
	l->version = LIKERT_VERSION;
	l->lowest = (uint8) lowest;
	l->points = (uint8) points;
	return l;
}

static Likert *
likert_copy(const Likert *l)
{
	Likert	   *result = (Likert *) palloc(VARSIZE(l));

	memcpy(result, l, VARSIZE(l));
	return result;
}

static int64
likert_total(const Likert *l)
{
	return (int64) likert_n(l->counts, l->points);
}

/* Add x answers to counts[i], keeping the total within bigint (else 22003). */
static inline void
count_add(Likert *l, int i, int64 x)
{
	int64		total = likert_total(l);

	if (unlikely(pg_add_s64_overflow(total, x, &total)))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("likert answer count out of range"),
				 errdetail("The number of answers would exceed the range of bigint.")));
	l->counts[i] += x;
}

/*
 * The state a transition or combine function may write to.  Inside an
 * aggregate the group's state (in the aggregate context) is updated in
 * place; in a plain function call, which must never modify its argument,
 * the result is a copy.
 */
static Likert *
writable_state(FunctionCallInfo fcinfo, Datum arg)
{
	if (AggCheckCallContext(fcinfo, NULL) &&
		!VARATT_IS_EXTENDED(DatumGetPointer(arg)))
		return (Likert *) DatumGetPointer(arg);
	return likert_copy(DatumGetLikertP(arg));
}

/* ----------------------------------------------------------------------
 * Argument checks (22023)
 * ----------------------------------------------------------------------
 */

static void
check_scale(int32 lowest, int32 highest)
{
	if (unlikely(lowest != 0 && lowest != 1))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("likert scale %d..%d is invalid: the lowest answer must be 0 or 1", lowest, highest),
				 errhint(LIKERT_SCALE_HINT)));
	if (unlikely(highest < lowest + LIKERT_MIN_POINTS - 1 ||
				 highest > lowest + LIKERT_MAX_POINTS - 1))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("likert scale %d..%d is invalid: it must have 2 to 11 points", lowest, highest),
				 errhint(LIKERT_SCALE_HINT)));
}

static void
check_same_scale(const Likert *a, int lowest, int points)
{
	if (unlikely(a->lowest != lowest || a->points != points))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot merge likert scale %d..%d with scale %d..%d",
						lowest, lowest + points - 1, a->lowest, LIKERT_HIGHEST(a)),
				 errdetail("Distributions merge only when they were counted on the same scale."),
				 errhint("Group by the item (or its scale) before merging, or recode the answers to one scale first.")));
}

static void
check_level(double level)
{
	if (!(level > 0.0 && level < 1.0))		/* also rejects NaN */
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("confidence level %s is out of range", float8out_internal(level)),
				 errdetail("The level must lie strictly between 0 and 1."),
				 errhint("Use for example 0.95 for a 95%% interval.")));
}

/* ----------------------------------------------------------------------
 * Text I/O
 * ----------------------------------------------------------------------
 */

static void pg_attribute_noreturn()
text_syntax_error(const char *input, const char *detail)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid input syntax for type likert: \"%s\"", input),
			 errdetail("%s", detail),
			 errhint(LIKERT_TEXT_HINT)));
}

static const char *
skip_space(const char *p)
{
	while (isspace((unsigned char) *p))
		p++;
	return p;
}

/* An unsigned decimal integer of at most max. */
static const char *
parse_integer(const char *p, const char *input, const char *part, int64 max, int64 *result)
{
	int64		value = 0;

	p = skip_space(p);
	if (!isdigit((unsigned char) *p))
		text_syntax_error(input, psprintf("The %s is missing or is not a whole number >= 0.", part));
	for (; isdigit((unsigned char) *p); p++)
	{
		if (pg_mul_s64_overflow(value, 10, &value) ||
			pg_add_s64_overflow(value, *p - '0', &value) ||
			value > max)
			text_syntax_error(input, psprintf("The %s is out of range.", part));
	}
	*result = value;
	return p;
}

static const char *
expect_text(const char *p, const char *token, const char *input, const char *what)
{
	size_t		len = strlen(token);

	p = skip_space(p);
	if (strncmp(p, token, len) != 0)
		text_syntax_error(input, psprintf("Expected \"%s\" %s.", token, what));
	return p + len;
}

PG_FUNCTION_INFO_V1(likert_in);
/* likert_in(cstring): 'lowest..highest:{c1,...,cK}', validated. */
Datum
likert_in(PG_FUNCTION_ARGS)
{
	char	   *input = PG_GETARG_CSTRING(0);
	const char *p = input;
	int64		lowest;
	int64		highest;
	int			points;
	Likert	   *result;
	int			i;

	p = parse_integer(p, input, "lowest answer", 1, &lowest);
	p = expect_text(p, "..", input, "between the lowest and the highest answer");
	p = parse_integer(p, input, "highest answer", 99, &highest);
	if (highest < lowest + LIKERT_MIN_POINTS - 1 || highest > lowest + LIKERT_MAX_POINTS - 1)
		text_syntax_error(input, psprintf("The scale " INT64_FORMAT ".." INT64_FORMAT " does not have 2 to 11 points.",
										  lowest, highest));
	points = (int) (highest - lowest + 1);
	p = expect_text(p, ":", input, "after the scale");
	p = expect_text(p, "{", input, "before the counts");
	result = likert_new((int) lowest, points);
	for (i = 0; i < points; i++)
	{
		int64		count;
		int64		total;

		if (i > 0)
			p = expect_text(p, ",", input, psprintf("between counts: the scale has %d answers", points));
		p = parse_integer(p, input, psprintf("count of answer " INT64_FORMAT, lowest + i), PG_INT64_MAX, &count);
		if (pg_add_s64_overflow(likert_total(result), count, &total))
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("likert answer count out of range in \"%s\"", input),
					 errdetail("The counts add up to more than the range of bigint.")));
		result->counts[i] = count;
	}
	p = expect_text(p, "}", input, psprintf("after the %d counts of the scale", points));
	p = skip_space(p);
	if (*p != '\0')
		text_syntax_error(input, "Unexpected text after \"}\".");
	AssertCheckLikert(result);
	PG_RETURN_LIKERT_P(result);
}

PG_FUNCTION_INFO_V1(likert_out);
/* likert_out(likert) */
Datum
likert_out(PG_FUNCTION_ARGS)
{
	Likert	   *l = PG_GETARG_LIKERT_P(0);
	StringInfoData buf;
	int			i;

	initStringInfo(&buf);
	appendStringInfo(&buf, "%d..%d:{", l->lowest, LIKERT_HIGHEST(l));
	for (i = 0; i < l->points; i++)
	{
		if (i > 0)
			appendStringInfoChar(&buf, ',');
		appendStringInfo(&buf, INT64_FORMAT, l->counts[i]);
	}
	appendStringInfoChar(&buf, '}');
	PG_RETURN_CSTRING(buf.data);
}

/* ----------------------------------------------------------------------
 * Binary I/O: a version byte, the lowest answer (byte), the number of
 * points (byte), then one int64 count per answer; all big-endian.
 * ----------------------------------------------------------------------
 */

static void pg_attribute_noreturn()
binary_error(const char *detail)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
			 errmsg("invalid binary input for type likert"),
			 errdetail("%s", detail)));
}

PG_FUNCTION_INFO_V1(likert_recv);
/* likert_recv(internal): validated like text input; the length must match exactly. */
Datum
likert_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int			remaining = buf->len - buf->cursor;
	int			version;
	int			lowest;
	int			points;
	int64		total = 0;
	Likert	   *result;
	int			i;

	if (remaining < 3)
		binary_error(psprintf("The value has %d bytes; a likert value has at least 3.", remaining));
	version = pq_getmsgbyte(buf);
	if (version != LIKERT_VERSION)
		binary_error(psprintf("Unknown format version %d; this version of medalliance reads version %d.",
							  version, LIKERT_VERSION));
	lowest = pq_getmsgbyte(buf);
	points = pq_getmsgbyte(buf);
	if (lowest > 1)
		binary_error(psprintf("The lowest answer is %d; it must be 0 or 1.", lowest));
	if (points < LIKERT_MIN_POINTS || points > LIKERT_MAX_POINTS)
		binary_error(psprintf("The scale has %d points; it must have 2 to 11.", points));
	if (remaining != 3 + 8 * points)
		binary_error(psprintf("The value has %d bytes; with %d points it must have %d.",
							  remaining, points, 3 + 8 * points));
	result = likert_new(lowest, points);
	for (i = 0; i < points; i++)
	{
		int64		count = pq_getmsgint64(buf);

		if (count < 0)
			binary_error(psprintf("The count of answer %d is negative (" INT64_FORMAT ").", lowest + i, count));
		if (pg_add_s64_overflow(total, count, &total))
			binary_error("The counts add up to more than the range of bigint.");
		result->counts[i] = count;
	}
	AssertCheckLikert(result);
	PG_RETURN_LIKERT_P(result);
}

PG_FUNCTION_INFO_V1(likert_send);
/* likert_send(likert) */
Datum
likert_send(PG_FUNCTION_ARGS)
{
	Likert	   *l = PG_GETARG_LIKERT_P(0);
	StringInfoData buf;
	int			i;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, LIKERT_VERSION);
	pq_sendbyte(&buf, l->lowest);
	pq_sendbyte(&buf, l->points);
	for (i = 0; i < l->points; i++)
		pq_sendint64(&buf, l->counts[i]);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* ----------------------------------------------------------------------
 * Aggregation and merging
 * ----------------------------------------------------------------------
 */

/* Shared body of the two transition functions: count answer on lowest..highest. */
static Datum
likert_accum_common(FunctionCallInfo fcinfo, int32 answer, int32 lowest, int32 highest)
{
	int			points;
	Likert	   *state;

	check_scale(lowest, highest);
	points = highest - lowest + 1;
	if (unlikely(answer < lowest || answer > highest))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("answer %d is outside the likert scale %d..%d", answer, lowest, highest),
				 errhint("Pass NULL for an item not answered or not applicable; never code it as a value of the scale.")));

	if (PG_ARGISNULL(0))
		state = likert_new(lowest, points);		/* the executor copies it into the aggregate context */
	else
	{
		state = writable_state(fcinfo, PG_GETARG_DATUM(0));
		check_same_scale(state, lowest, points);
	}
	count_add(state, answer - lowest, 1);
	AssertCheckLikert(state);
	PG_RETURN_LIKERT_P(state);
}

PG_FUNCTION_INFO_V1(likert_accum);
/*
 * Transition of likert_agg(answer, scale): answers 1..scale.  A row with a
 * NULL answer or scale is skipped.
 */
Datum
likert_accum(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	if (PG_GETARG_INT32(2) < LIKERT_MIN_POINTS || PG_GETARG_INT32(2) > LIKERT_MAX_POINTS)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("likert scale %d is out of range", PG_GETARG_INT32(2)),
				 errdetail("likert_agg(answer, scale) reads answers 1..scale, with scale from 2 to 11."),
				 errhint("For a 0-10 question call likert_agg(answer, 0, 10).")));
	return likert_accum_common(fcinfo, PG_GETARG_INT32(1), 1, PG_GETARG_INT32(2));
}

PG_FUNCTION_INFO_V1(likert_accum_range);
/*
 * Transition of likert_agg(answer, lowest, highest).  A row with a NULL
 * answer, lowest or highest is skipped.
 */
Datum
likert_accum_range(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(1) || PG_ARGISNULL(2) || PG_ARGISNULL(3))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	return likert_accum_common(fcinfo, PG_GETARG_INT32(1), PG_GETARG_INT32(2), PG_GETARG_INT32(3));
}

PG_FUNCTION_INFO_V1(likert_combine);
/*
 * likert_combine(likert, likert): the merge.  Declared twice in SQL: STRICT
 * as likert_add (operator +), and non-strict as likert_combine, the combine
 * function of every likert aggregate and the transition of
 * likert_agg(likert), where a NULL side is skipped.
 */
Datum
likert_combine(PG_FUNCTION_ARGS)
{
	Likert	   *other;
	Likert	   *state;
	int			i;

	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	other = PG_GETARG_LIKERT_P(1);
	if (PG_ARGISNULL(0))
		PG_RETURN_LIKERT_P(other);	/* detoasted; the executor copies it into the aggregate context */

	state = writable_state(fcinfo, PG_GETARG_DATUM(0));
	check_same_scale(state, other->lowest, other->points);
	for (i = 0; i < other->points; i++)
		count_add(state, i, other->counts[i]);
	AssertCheckLikert(state);
	PG_RETURN_LIKERT_P(state);
}

/* ----------------------------------------------------------------------
 * Readers
 * ----------------------------------------------------------------------
 */

PG_FUNCTION_INFO_V1(likert_n_answers);
/* n(likert) */
Datum
likert_n_answers(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(likert_total(PG_GETARG_LIKERT_P(0)));
}

PG_FUNCTION_INFO_V1(likert_lowest);
/* lowest(likert) */
Datum
likert_lowest(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(PG_GETARG_LIKERT_P(0)->lowest);
}

PG_FUNCTION_INFO_V1(likert_highest);
/* highest(likert) */
Datum
likert_highest(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(LIKERT_HIGHEST(PG_GETARG_LIKERT_P(0)));
}

PG_FUNCTION_INFO_V1(likert_counts);
/* counts(likert): element i is the count of answer lowest + i - 1. */
Datum
likert_counts(PG_FUNCTION_ARGS)
{
	Likert	   *l = PG_GETARG_LIKERT_P(0);
	Datum		values[LIKERT_MAX_POINTS];
	int			i;

	for (i = 0; i < l->points; i++)
		values[i] = Int64GetDatum(l->counts[i]);
	PG_RETURN_ARRAYTYPE_P(construct_array(values, l->points, INT8OID, sizeof(int64),
										  FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
}

PG_FUNCTION_INFO_V1(likert_mean_answer);
/* mean(likert): NULL when there is no answer. */
Datum
likert_mean_answer(PG_FUNCTION_ARGS)
{
	Likert	   *l = PG_GETARG_LIKERT_P(0);

	if (likert_total(l) == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(likert_mean(l->counts, l->points, l->lowest));
}

PG_FUNCTION_INFO_V1(likert_score);
/* score_100(likert) = 100 (mean - lowest) / (highest - lowest); NULL when there is no answer. */
Datum
likert_score(PG_FUNCTION_ARGS)
{
	Likert	   *l = PG_GETARG_LIKERT_P(0);

	if (likert_total(l) == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(likert_score_100(l->counts, l->points));
}

PG_FUNCTION_INFO_V1(likert_answer_variance);
/* answer_variance(likert): sample variance (divisor n - 1); NULL below 2 answers. */
Datum
likert_answer_variance(PG_FUNCTION_ARGS)
{
	Likert	   *l = PG_GETARG_LIKERT_P(0);

	if (likert_total(l) < 2)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(likert_variance(l->counts, l->points));
}

PG_FUNCTION_INFO_V1(likert_top_box);
/* top_box(likert, boxes): the answers in the top boxes as a rate of all answers. */
Datum
likert_top_box(PG_FUNCTION_ARGS)
{
	Likert	   *l = PG_GETARG_LIKERT_P(0);
	int32		boxes = PG_GETARG_INT32(1);
	Rate	   *result;
	int			i;

	if (boxes < 1 || boxes > l->points)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("top_box boxes %d is out of range for the scale %d..%d",
						boxes, l->lowest, LIKERT_HIGHEST(l)),
				 errdetail("The number of top boxes lies between 1 and the %d points of the scale.", l->points),
				 errhint("Use 2 for the usual top-two-box satisfaction rate (满意率).")));
	result = (Rate *) palloc(sizeof(Rate));
	result->numerator = 0;
	result->denominator = likert_total(l);
	for (i = l->points - boxes; i < l->points; i++)
		result->numerator += l->counts[i];
	PG_RETURN_RATE_P(result);
}

PG_FUNCTION_INFO_V1(likert_net_promoter);
/* nps(likert): for the 0..10 scale only; NULL when there is no answer. */
Datum
likert_net_promoter(PG_FUNCTION_ARGS)
{
	Likert	   *l = PG_GETARG_LIKERT_P(0);

	if (l->lowest != 0 || l->points != 11)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("nps needs the 0..10 scale, not %d..%d", l->lowest, LIKERT_HIGHEST(l)),
				 errdetail("Promoters answer 9 or 10 and detractors 0 to 6 on a 0-10 recommendation question."),
				 errhint("Count the answers with likert_agg(answer, 0, 10).")));
	if (likert_total(l) == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(likert_nps(l->counts));
}

/*
 * Shared body of the interval readers: the t interval of the mean, or of
 * score_100 when as_score; false below 2 answers.
 */
static bool
likert_interval(FunctionCallInfo fcinfo, bool as_score, double *lower, double *upper)
{
	Likert	   *l = PG_GETARG_LIKERT_P(0);
	double		level = PG_GETARG_FLOAT8(1);

	check_level(level);
	if (likert_total(l) < 2)
		return false;
	likert_mean_ci(l->counts, l->points, l->lowest, level, lower, upper);
	if (as_score)
	{
		*lower = 100.0 * (*lower - l->lowest) / (l->points - 1);
		*upper = 100.0 * (*upper - l->lowest) / (l->points - 1);
	}
	return true;
}

#define LIKERT_INTERVAL_READER(name, as_score, bound) \
PG_FUNCTION_INFO_V1(name); \
Datum \
name(PG_FUNCTION_ARGS) \
{ \
	double		lower, \
				upper; \
	if (!likert_interval(fcinfo, as_score, &lower, &upper)) \
		PG_RETURN_NULL(); \
	PG_RETURN_FLOAT8(bound); \
}

/* mean_ci_lower(likert, level) and friends: t interval, NULL below 2 answers. */
LIKERT_INTERVAL_READER(likert_mean_ci_lower, false, lower)
LIKERT_INTERVAL_READER(likert_mean_ci_upper, false, upper)
LIKERT_INTERVAL_READER(likert_score_ci_lower, true, lower)
LIKERT_INTERVAL_READER(likert_score_ci_upper, true, upper)

PG_FUNCTION_INFO_V1(likert_t_quantile);
/* student_t_quantile(p, df): the p-quantile of Student's t with df degrees of freedom. */
Datum
likert_t_quantile(PG_FUNCTION_ARGS)
{
	double		p = PG_GETARG_FLOAT8(0);
	double		df = PG_GETARG_FLOAT8(1);

	if (!(p > 0.0 && p < 1.0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("probability %s is out of range", float8out_internal(p)),
				 errdetail("The probability of a quantile lies strictly between 0 and 1."),
				 errhint("Use for example 0.975 for the upper bound of a 95%% two-sided interval.")));
	if (!(df > 0.0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("degrees of freedom %s are out of range", float8out_internal(df)),
				 errdetail("Student's t needs degrees of freedom > 0 (Infinity gives the normal distribution)."),
				 errhint("A mean of n values has n - 1 degrees of freedom.")));
	PG_RETURN_FLOAT8(student_t_quantile(p, df));
}
