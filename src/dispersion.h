/*-------------------------------------------------------------------------
 * src/dispersion.h
 *    Homogeneity (同质化) of member values: mean, standard deviation,
 *    coefficient of variation, min, max (a fixed, mergeable state) and the
 *    Gini coefficient (which needs the values themselves).
 *
 * Kernel code: plain C, no PostgreSQL headers.
 *-------------------------------------------------------------------------
 */
#ifndef MEDALLIANCE_DISPERSION_H
#define MEDALLIANCE_DISPERSION_H

#include <stddef.h>

/*
 * The moments state: n, the running mean (kept as an unevaluated sum of two
 * doubles) and M2 = Σ (x - mean)^2 (Welford),
 * min and max.  Two states merge exactly in the sense of Chan, Golub and
 * LeVeque (1979): the merged mean and M2 are those of the union up to
 * rounding, whatever the split, so parallel and partial aggregation agree
 * with a serial pass to a few ulps.
 */
typedef struct DispersionState
{
	double		n;
	double		mean;			/* the running mean is mean + mean_lo, a */
	double		mean_lo;		/* double-double, so that M2 stays exact to */
	double		m2;				/* ~1e-15 even when the spread is tiny next to the mean */
	double		min;
	double		max;
} DispersionState;

/* hi + lo += x, renormalised (two-sum; exact but for the final rounding of lo). */
static inline void
dispersion_dd_add(double *hi, double *lo, double x)
{
	double		s = *hi + x;
	double		bb = s - *hi;
	double		err = (*hi - (s - bb)) + (x - bb);
	double		t;

	*lo += err;
	t = s + *lo;
	*lo -= t - s;
	*hi = t;
}

/* Add one finite value. */
static inline void
dispersion_add(DispersionState *s, double x)
{
	double		delta = (x - s->mean) - s->mean_lo;

	s->n += 1.0;
	dispersion_dd_add(&s->mean, &s->mean_lo, delta / s->n);
	s->m2 += delta * ((x - s->mean) - s->mean_lo);
	if (s->n == 1.0 || x < s->min)
		s->min = x;
	if (s->n == 1.0 || x > s->max)
		s->max = x;
}

/* Merge b into a. */
extern void dispersion_merge(DispersionState *a, const DispersionState *b);

/*
 * Gini coefficient of n >= 1 non-negative values, sorted ascending in place:
 * G = Σ_i Σ_j |x_i - x_j| / (2 n^2 mean), computed as
 * Σ_i (2i - n - 1) x_(i) / (n Σ x) with compensated sums.  Returns NaN
 * when Σ x = 0 (all values zero: G undefined).
 */
extern double gini_sorted(double *values, size_t n);

/* Sort n doubles ascending (no NaN). */
extern void dispersion_sort(double *values, size_t n);

#endif							/* MEDALLIANCE_DISPERSION_H */
