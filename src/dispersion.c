/*-------------------------------------------------------------------------
 * src/dispersion.c
 *    Homogeneity kernel (no SQL): Chan's merge of moment states and the
 *    Gini coefficient of sorted values.
 *-------------------------------------------------------------------------
 */
#include "dispersion.h"

#include <math.h>
#include <stdlib.h>

#include "scoring.h"

void
dispersion_merge(DispersionState *a, const DispersionState *b)
{
	double		n;
	double		delta;

	if (b->n == 0.0)
		return;
	if (a->n == 0.0)
	{
		*a = *b;
		return;
	}
	n = a->n + b->n;
	delta = (b->mean - a->mean) + (b->mean_lo - a->mean_lo);
	a->m2 += b->m2 + delta * delta * (a->n / n) * b->n;
	dispersion_dd_add(&a->mean, &a->mean_lo, delta * (b->n / n));
	if (b->min < a->min)
		a->min = b->min;
	if (b->max > a->max)
		a->max = b->max;
	a->n = n;
}

static int
compare_double(const void *a, const void *b)
{
	double		x = *(const double *) a;
	double		y = *(const double *) b;

	return (x > y) - (x < y);
}

void
dispersion_sort(double *values, size_t n)
{
	qsort(values, n, sizeof(double), compare_double);
}

double
gini_sorted(double *values, size_t n)
{
	double		weighted = 0.0,
				weighted_comp = 0.0,
				total = 0.0,
				total_comp = 0.0;
	double		nd = (double) n;
	size_t		i;

	for (i = 0; i < n; i++)
	{
		double		rank_weight = 2.0 * (double) (i + 1) - nd - 1.0;

		scoring_kahan_add(&weighted, &weighted_comp, rank_weight * values[i]);
		scoring_kahan_add(&total, &total_comp, values[i]);
	}
	total += total_comp;
	if (total == 0.0)
		return NAN;
	return (weighted + weighted_comp) / (nd * total);
}
