/*-------------------------------------------------------------------------
 * src/composite_sql.c
 *    Window functions over a partition of units (综合评价): entropy_weights,
 *    entropy_score, topsis_closeness, rsr, rsr_probit and rsr_grade.
 *
 * Each row of the partition is one unit: an array of indicator values
 * (float8[]), the indicators' kinds (text[]: higher_better, lower_better,
 * target_value=A, target_band=A..B), optional weights (float8[]) and, for
 * rsr_grade, the number of grades.  The first call in a partition reads every
 * row once, validates it, runs the kernel (src/composite.c) and keeps one
 * result per row in the partition's memory; every call returns its row's.
 * The window frame is ignored: like rank(), the methods see the partition.
 *
 * A row whose values array is NULL or holds a NULL is left out of the
 * computation (listwise deletion) and gets NULL.  Kinds, weights and grades
 * describe the method, so they must be the same on every row.
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <limits.h>
#include <math.h>

#include "catalog/pg_type.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/datum.h"
#include "utils/float.h"
#include "utils/memutils.h"
#include "windowapi.h"

#include "composite.h"

#define COMPOSITE_KINDS_HINT \
	"Write each kind as higher_better, lower_better, target_value=A or target_band=A..B, one per indicator, for example '{higher_better,lower_better,target_band=80..90}'."

typedef enum CompositeMethod
{
	METHOD_ENTROPY_WEIGHTS,
	METHOD_ENTROPY_SCORE,
	METHOD_TOPSIS,
	METHOD_RSR,
	METHOD_RSR_PROBIT,
	METHOD_RSR_GRADE
} CompositeMethod;

/* What the first call of a partition leaves for the others. */
typedef struct CompositePartition
{
	bool		computed;
	int64		rows;			/* rows in the partition */
	double	   *result;			/* one per row */
	bool	   *isnull;			/* one per row */
	Datum		weights_array;	/* entropy_weights: the float8[] result */
	struct varlena *kinds;		/* the first row's arguments, detoasted */
	struct varlena *weights;	/* NULL when not given */
	int32		grades;
} CompositePartition;

/* Same text form as float8out, for messages. */
static inline char *
show(double v)
{
	return float8out_internal(v);
}

/* The elements of a float8 array without NULLs. */
static inline const double *
float8_elements(ArrayType *a)
{
	Assert(!ARR_HASNULL(a));
	return (const double *) ((char *) a + ARR_OVERHEAD_NONULLS(ARR_NDIM(a)));
}

static void
check_one_dimension(ArrayType *a, const char *what)
{
	if (ARR_NDIM(a) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must be a one-dimensional array", what),
				 errdetail("The array has %d dimensions.", ARR_NDIM(a)),
				 errhint("Pass one element per indicator.")));
}

/* Parses the kinds array into m indicators (allocated in the current context). */
static CompositeIndicator *
parse_kinds(ArrayType *a, int *m)
{
	Datum	   *elems;
	bool	   *nulls;
	int			count,
				j;
	CompositeIndicator *out;

	check_one_dimension(a, "indicator kinds");
	deconstruct_array(a, TEXTOID, -1, false, TYPALIGN_INT, &elems, &nulls, &count);
	if (count == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("indicator kinds must name at least one indicator"),
				 errhint(COMPOSITE_KINDS_HINT)));
	out = palloc(sizeof(CompositeIndicator) * count);
	for (j = 0; j < count; j++)
	{
		char	   *s,
				   *end;

		if (nulls[j])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("indicator kind %d is NULL", j + 1),
					 errhint(COMPOSITE_KINDS_HINT)));
		s = TextDatumGetCString(elems[j]);
		out[j].low = out[j].high = 0.0;
		if (strcmp(s, "higher_better") == 0)
			out[j].kind = COMPOSITE_HIGHER_BETTER;
		else if (strcmp(s, "lower_better") == 0)
			out[j].kind = COMPOSITE_LOWER_BETTER;
		else if (strncmp(s, "target_value=", 13) == 0)
		{
			out[j].kind = COMPOSITE_TARGET_BAND;
			errno = 0;
			out[j].low = strtod(s + 13, &end);
			out[j].high = out[j].low;
			if (end == s + 13 || *end != '\0' || errno != 0 || !isfinite(out[j].low))
				goto bad;
		}
		else if (strncmp(s, "target_band=", 12) == 0)
		{
			/* "A..B": split at the first "..", as "80." alone reads as 80 */
			char	   *dots = strstr(s + 12, "..");

			out[j].kind = COMPOSITE_TARGET_BAND;
			if (dots == NULL || dots == s + 12)
				goto bad;
			*dots = '\0';
			errno = 0;
			out[j].low = strtod(s + 12, &end);
			*dots = '.';
			if (end != dots || errno != 0)
				goto bad;
			out[j].high = strtod(dots + 2, &end);
			if (end == dots + 2 || *end != '\0' || errno != 0 ||
				!isfinite(out[j].low) || !isfinite(out[j].high))
				goto bad;
			if (out[j].low > out[j].high)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("indicator kind \"%s\" has its bounds reversed", s),
						 errdetail("The lower bound %s is above the upper bound %s.",
								   show(out[j].low), show(out[j].high)),
						 errhint("Write the band as target_band=LOW..HIGH.")));
		}
		else
			goto bad;
		pfree(s);
		continue;
bad:
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid indicator kind \"%s\"", s),
				 errdetail("Indicator %d has a kind that is not recognised, or a bound that is not a finite number.", j + 1),
				 errhint(COMPOSITE_KINDS_HINT)));
	}
	*m = count;
	return out;
}

/* Weights normalised to sum 1 (equal weights when the array is NULL). */
static double *
parse_weights(ArrayType *a, int m)
{
	double	   *w = palloc(sizeof(double) * m);
	double		total = 0.0;
	int			j;

	if (a == NULL)
	{
		for (j = 0; j < m; j++)
			w[j] = 1.0 / (double) m;
		return w;
	}
	check_one_dimension(a, "indicator weights");
	if (ArrayGetNItems(ARR_NDIM(a), ARR_DIMS(a)) != m)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%d indicator weights given for %d indicators",
						ArrayGetNItems(ARR_NDIM(a), ARR_DIMS(a)), m),
				 errhint("Give one weight per indicator, in the order of the kinds.")));
	if (ARR_HASNULL(a))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("an indicator weight is NULL"),
				 errhint("Give weight 0 to an indicator that should not count.")));
	for (j = 0; j < m; j++)
	{
		double		v = float8_elements(a)[j];

		if (!isfinite(v) || v < 0.0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("indicator weight %s is invalid", show(v)),
					 errdetail("Weight %d must be finite and not negative.", j + 1),
					 errhint("Give weight 0 to an indicator that should not count.")));
		total += v;
	}
	if (!(total > 0.0) || !isfinite(total))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("indicator weights sum to %s", show(total)),
				 errdetail("The weights are scaled to sum to 1, so their sum must be positive and finite."),
				 errhint("Give at least one indicator a positive weight.")));
	for (j = 0; j < m; j++)
		w[j] = float8_elements(a)[j] / total;
	return w;
}

/* A detoasted copy of argument argno of the current row, in context cxt. */
static struct varlena *
copy_current_arg(WindowObject winobj, int argno, MemoryContext cxt)
{
	bool		isnull;
	Datum		d = WinGetFuncArgCurrent(winobj, argno, &isnull);
	struct varlena *v;
	MemoryContext old;

	if (isnull)
		return NULL;
	old = MemoryContextSwitchTo(cxt);
	v = PG_DETOAST_DATUM_COPY(d);
	MemoryContextSwitchTo(old);
	return v;
}

/* Argument argno of the current row equals the partition's first (both may be NULL). */
static bool
same_as_first(WindowObject winobj, int argno, struct varlena *first)
{
	bool		isnull;
	Datum		d = WinGetFuncArgCurrent(winobj, argno, &isnull);
	struct varlena *v;
	bool		same;

	if (isnull || first == NULL)
		return isnull && first == NULL;
	v = PG_DETOAST_DATUM(d);
	same = VARSIZE_ANY(v) == VARSIZE_ANY(first) &&
		memcmp(v, first, VARSIZE_ANY(v)) == 0;
	if ((Pointer) v != DatumGetPointer(d))
		pfree(v);
	return same;
}

#ifdef USE_ASSERT_CHECKING
/* Invariants of the results of one partition. */
static void
assert_check_partition(const CompositePartition *part, CompositeMethod method,
					   int grades)
{
	int64		i;

	for (i = 0; i < part->rows; i++)
	{
		double		r = part->result[i];

		if (part->isnull[i])
			continue;
		Assert(!isnan(r));
		switch (method)
		{
			case METHOD_ENTROPY_WEIGHTS:
				break;
			case METHOD_ENTROPY_SCORE:
				Assert(r >= 0.0 && r <= 100.0 + 1e-9);
				break;
			case METHOD_TOPSIS:
				Assert(r >= 0.0 && r <= 1.0);
				break;
			case METHOD_RSR:
				Assert(r > 0.0 && r <= 1.0 + 1e-12);
				break;
			case METHOD_RSR_PROBIT:
				Assert(isfinite(r));
				break;
			case METHOD_RSR_GRADE:
				Assert(r >= 1 && r <= grades);
				break;
		}
	}
}
#else
#define assert_check_partition(part, method, grades) ((void) 0)
#endif

/* Reads, validates and computes the whole partition (first call only). */
static void
compute_partition(WindowObject winobj, CompositePartition *part,
				  CompositeMethod method, int nargs)
{
	MemoryContext partcxt = GetMemoryChunkContext(part);
	MemoryContext old;
	int64		rows = WinGetPartitionRowCount(winobj);
	int64		i;
	size_t		n = 0,
				m_size;
	int			m;
	ArrayType  *kinds;
	CompositeIndicator *indicators;
	double	   *w,
			   *x,
			   *xf,
			   *out;
	size_t	   *row_of;			/* partition row of each unit */
	int			grades = 3;

	/* the method's description, from this (the first) row */
	part->kinds = copy_current_arg(winobj, 1, partcxt);
	if (part->kinds == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("indicator kinds must not be NULL"),
				 errhint(COMPOSITE_KINDS_HINT)));
	kinds = (ArrayType *) part->kinds;
	indicators = parse_kinds(kinds, &m);
	part->weights = (nargs > 2) ? copy_current_arg(winobj, 2, partcxt) : NULL;
	w = parse_weights((ArrayType *) part->weights, m);
	if (nargs > 3)
	{
		bool		isnull;

		grades = DatumGetInt32(WinGetFuncArgCurrent(winobj, 3, &isnull));
		if (isnull || grades < COMPOSITE_RSR_MIN_GRADES || grades > COMPOSITE_RSR_MAX_GRADES)
			ereport(ERROR,
					(errcode(isnull ? ERRCODE_NULL_VALUE_NOT_ALLOWED : ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("RSR grading into %s grades is not supported",
							isnull ? "NULL" : psprintf("%d", grades)),
					 errhint("Grade into 3, 4 or 5 grades.")));
	}
	part->grades = grades;

	m_size = (size_t) m;
	if (rows > INT_MAX || (Size) rows > MaxAllocHugeSize / (sizeof(double) * 2 * m_size + 64))
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("a partition of " INT64_FORMAT " rows with %d indicators is too large", rows, m),
				 errhint("Partition the units into smaller peer groups.")));

	old = MemoryContextSwitchTo(partcxt);
	part->rows = rows;
	part->result = MemoryContextAllocHuge(partcxt, sizeof(double) * Max(rows, 1));
	part->isnull = MemoryContextAllocHuge(partcxt, sizeof(bool) * Max(rows, 1));
	MemoryContextSwitchTo(old);

	/* scratch for the computation: the current context is reset per row */
	x = MemoryContextAllocHuge(CurrentMemoryContext, sizeof(double) * Max(rows, 1) * m_size);
	row_of = MemoryContextAllocHuge(CurrentMemoryContext, sizeof(size_t) * Max(rows, 1));

	for (i = 0; i < rows; i++)
	{
		bool		isnull,
					isout;
		Datum		d = WinGetFuncArgInPartition(winobj, 0, (int) i, WINDOW_SEEK_HEAD,
												 false, &isnull, &isout);
		ArrayType  *a;
		int			count,
					j;

		part->isnull[i] = true;
		if (isnull || isout)
			continue;
		a = DatumGetArrayTypeP(d);
		check_one_dimension(a, "indicator values");
		count = ArrayGetNItems(ARR_NDIM(a), ARR_DIMS(a));
		if (count != m)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("row " INT64_FORMAT " of the partition has %d indicator values for %d indicator kinds",
							i + 1, count, m),
					 errhint("Give every unit one value per indicator, in the order of the kinds; use NULL for a missing value.")));
		if (!ARR_HASNULL(a))
		{
			const double *v = float8_elements(a);

			for (j = 0; j < m; j++)
			{
				if (!isfinite(v[j]))
					ereport(ERROR,
							(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
							 errmsg("indicator value %s is not a finite number", show(v[j])),
							 errdetail("Row " INT64_FORMAT " of the partition, indicator %d.", i + 1, j + 1),
							 errhint("Replace NaN and infinite values, or pass NULL to leave the unit out.")));
				x[n * m_size + j] = v[j];
			}
			row_of[n++] = (size_t) i;
			part->isnull[i] = false;
		}
		if ((Pointer) a != DatumGetPointer(d))
			pfree(a);
	}

	if (n > 0)
	{
		xf = MemoryContextAllocHuge(CurrentMemoryContext, sizeof(double) * n * m_size);
		out = palloc(sizeof(double) * n);
		composite_forward(x, n, m_size, indicators, xf);
		switch (method)
		{
			case METHOD_ENTROPY_WEIGHTS:
			case METHOD_ENTROPY_SCORE:
				{
					double	   *ew = palloc(sizeof(double) * m_size);

					composite_minmax(xf, n, m_size, x);		/* x is free now */
					composite_entropy_weights(x, n, m_size, ew);
					if (method == METHOD_ENTROPY_SCORE)
						composite_weighted_score(x, n, m_size, ew, out);
					else
					{
						Datum	   *elems = palloc(sizeof(Datum) * m_size);
						int			j;

						for (j = 0; j < m; j++)
							elems[j] = Float8GetDatum(ew[j]);
						old = MemoryContextSwitchTo(partcxt);
						part->weights_array = PointerGetDatum(
															  construct_array(elems, m, FLOAT8OID, sizeof(float8),
																			  FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
						MemoryContextSwitchTo(old);
						for (i = 0; i < (int64) n; i++)
							out[i] = 0.0;
					}
				}
				break;
			case METHOD_TOPSIS:
				composite_topsis(xf, n, m_size, w, out, palloc(sizeof(double) * 4 * m_size));
				break;
			case METHOD_RSR:
			case METHOD_RSR_PROBIT:
			case METHOD_RSR_GRADE:
				{
					CompositeSortItem *work = MemoryContextAllocHuge(CurrentMemoryContext,
																	 sizeof(CompositeSortItem) * n);
					CompositeRsrFit fit;

					composite_rsr(xf, n, m_size, w, out, work);
					if (method != METHOD_RSR)
					{
						double	   *probit = palloc(sizeof(double) * n);

						composite_rsr_probit(out, n, probit, &fit, work);
						for (i = 0; i < (int64) n; i++)
						{
							if (method == METHOD_RSR_PROBIT)
								out[i] = probit[i];
							else
							{
								int			g = composite_rsr_grade(out[i], &fit, grades);

								/* grade 0: the regression is not defined (see composite.h) */
								if (g == 0)
									part->isnull[row_of[i]] = true;
								out[i] = (double) g;
							}
						}
					}
				}
				break;
		}
		for (i = 0; i < (int64) n; i++)
			part->result[row_of[i]] = out[i];
	}
	part->computed = true;
	assert_check_partition(part, method, grades);
}

static Datum
composite_window(FunctionCallInfo fcinfo, CompositeMethod method)
{
	WindowObject winobj = PG_WINDOW_OBJECT();
	CompositePartition *part;
	int64		pos;
	int			nargs = PG_NARGS();

	part = (CompositePartition *) WinGetPartitionLocalMemory(winobj, sizeof(CompositePartition));
	if (!part->computed)
		compute_partition(winobj, part, method, nargs);
	else
	{
		/* the method's description is the same on every row */
		bool		isnull;
		bool		same = same_as_first(winobj, 1, part->kinds);

		if (same && nargs > 2)
			same = same_as_first(winobj, 2, part->weights);
		if (same && nargs > 3)
		{
			int32		g = DatumGetInt32(WinGetFuncArgCurrent(winobj, 3, &isnull));

			same = !isnull && g == part->grades;
		}
		if (!same)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("indicator kinds, weights and grades must be the same on every row of a partition"),
					 errdetail("Row " INT64_FORMAT " of the partition differs from its first row.",
							   WinGetCurrentPosition(winobj) + 1),
					 errhint("Pass the kinds and weights as constants, or partition by the scheme they belong to.")));
	}

	pos = WinGetCurrentPosition(winobj);
	if (pos < 0 || pos >= part->rows || part->isnull[pos])
		PG_RETURN_NULL();
	switch (method)
	{
		case METHOD_ENTROPY_WEIGHTS:
			/* a copy in the per-row context: the partition's memory goes with it */
			PG_RETURN_DATUM(datumCopy(part->weights_array, false, -1));
		case METHOD_RSR_GRADE:
			PG_RETURN_INT32((int32) part->result[pos]);
		default:
			PG_RETURN_FLOAT8(part->result[pos]);
	}
}

/* entropy_weights(values, kinds): 熵权法 weights of the partition. */
PG_FUNCTION_INFO_V1(composite_entropy_weights_window);
Datum
composite_entropy_weights_window(PG_FUNCTION_ARGS)
{
	return composite_window(fcinfo, METHOD_ENTROPY_WEIGHTS);
}

/* entropy_score(values, kinds): 100 * sum of entropy weight * min-max value. */
PG_FUNCTION_INFO_V1(composite_entropy_score_window);
Datum
composite_entropy_score_window(PG_FUNCTION_ARGS)
{
	return composite_window(fcinfo, METHOD_ENTROPY_SCORE);
}

/* topsis_closeness(values, kinds[, weights]): TOPSIS closeness in [0, 1]. */
PG_FUNCTION_INFO_V1(composite_topsis_window);
Datum
composite_topsis_window(PG_FUNCTION_ARGS)
{
	return composite_window(fcinfo, METHOD_TOPSIS);
}

/* rsr(values, kinds[, weights]): weighted rank-sum ratio. */
PG_FUNCTION_INFO_V1(composite_rsr_window);
Datum
composite_rsr_window(PG_FUNCTION_ARGS)
{
	return composite_window(fcinfo, METHOD_RSR);
}

/* rsr_probit(values, kinds[, weights]): probit of the unit's RSR. */
PG_FUNCTION_INFO_V1(composite_rsr_probit_window);
Datum
composite_rsr_probit_window(PG_FUNCTION_ARGS)
{
	return composite_window(fcinfo, METHOD_RSR_PROBIT);
}

/* rsr_grade(values, kinds, weights, grades): probit grade, 1 = worst. */
PG_FUNCTION_INFO_V1(composite_rsr_grade_window);
Datum
composite_rsr_grade_window(PG_FUNCTION_ARGS)
{
	return composite_window(fcinfo, METHOD_RSR_GRADE);
}
