/*-------------------------------------------------------------------------
 * src/composite.c
 *    Entropy weights, TOPSIS closeness and the weighted rank-sum ratio with
 *    probit grading (kernel, no SQL).  See composite.h for the definitions
 *    and domain/indicators.md, section E, for the methods.
 *
 * Every result is defined for every finite input: columns without variance,
 * a single unit and all units identical have stated values, never NaN.
 * Differences of two doubles are taken on halves (0.5 a - 0.5 b, exact
 * scaling) so that they cannot overflow; vector norms are scaled by the
 * largest magnitude for the same reason.
 *-------------------------------------------------------------------------
 */
#include "composite.h"

#include <math.h>
#include <stdlib.h>

void
composite_forward(const double *x, size_t n, size_t m,
				  const CompositeIndicator *indicators, double *xf)
{
	size_t		i,
				j;

	for (j = 0; j < m; j++)
	{
		const CompositeIndicator *ind = &indicators[j];

		switch (ind->kind)
		{
			case COMPOSITE_HIGHER_BETTER:
				for (i = 0; i < n; i++)
					xf[i * m + j] = x[i * m + j];
				break;
			case COMPOSITE_LOWER_BETTER:
				{
					double		max = x[j];

					for (i = 1; i < n; i++)
						if (x[i * m + j] > max)
							max = x[i * m + j];
					for (i = 0; i < n; i++)
						xf[i * m + j] = 0.5 * max - 0.5 * x[i * m + j];
				}
				break;
			case COMPOSITE_TARGET_BAND:
				{
					double		far = 0.0;

					for (i = 0; i < n; i++)
					{
						double		v = x[i * m + j];
						double		d = 0.0;

						if (v < ind->low)
							d = 0.5 * ind->low - 0.5 * v;
						else if (v > ind->high)
							d = 0.5 * v - 0.5 * ind->high;
						xf[i * m + j] = d;
						if (d > far)
							far = d;
					}
					for (i = 0; i < n; i++)
						xf[i * m + j] = (far > 0.0) ? 1.0 - xf[i * m + j] / far : 1.0;
				}
				break;
		}
	}
}

void
composite_minmax(const double *xf, size_t n, size_t m, double *y)
{
	size_t		i,
				j;

	for (j = 0; j < m; j++)
	{
		double		min = xf[j],
					max = xf[j],
					range;

		for (i = 1; i < n; i++)
		{
			double		v = xf[i * m + j];

			if (v < min)
				min = v;
			if (v > max)
				max = v;
		}
		range = 0.5 * max - 0.5 * min;
		for (i = 0; i < n; i++)
			y[i * m + j] = (range > 0.0) ? (0.5 * xf[i * m + j] - 0.5 * min) / range : 0.0;
	}
}

bool
composite_entropy_weights(const double *y, size_t n, size_t m, double *w)
{
	size_t		i,
				j;
	double		total = 0.0;

	for (j = 0; j < m; j++)
	{
		double		sum = 0.0,
					h = 0.0;

		for (i = 0; i < n; i++)
			sum += y[i * m + j];
		if (n < 2 || sum <= 0.0)
		{
			/* no variance (min-max gave all zeros): entropy 1, weight 0 */
			w[j] = 0.0;
			continue;
		}
		for (i = 0; i < n; i++)
		{
			double		p = y[i * m + j] / sum;

			if (p > 0.0)
				h -= p * log(p);
		}
		/* the column has a 0 and a 1, so e < 1 strictly and d > 0 */
		w[j] = 1.0 - h / log((double) n);
		total += w[j];
	}
	if (total <= 0.0)
	{
		for (j = 0; j < m; j++)
			w[j] = 1.0 / (double) m;
		return false;
	}
	for (j = 0; j < m; j++)
		w[j] /= total;
	return true;
}

void
composite_weighted_score(const double *y, size_t n, size_t m,
						 const double *w, double *score)
{
	size_t		i,
				j;

	for (i = 0; i < n; i++)
	{
		double		s = 0.0;

		for (j = 0; j < m; j++)
			s += w[j] * y[i * m + j];
		score[i] = 100.0 * s;
	}
}

/* v_ij = w_j z_ij, written one way in both passes so that equal rows give equal v */
static inline double
weighted_value(double x, double factor, double scale)
{
	return (factor == 0.0) ? 0.0 : factor * (x / scale);
}

void
composite_topsis(const double *xf, size_t n, size_t m, const double *w,
				 double *closeness, double *work)
{
	double	   *factor = work;		/* w_j / norm of x'_j / scale_j, or 0 */
	double	   *scale = work + m;	/* largest |x'_j|, or 1 */
	double	   *best = work + 2 * m;
	double	   *worst = work + 3 * m;
	size_t		i,
				j;

	for (j = 0; j < m; j++)
	{
		double		ss = 0.0;

		scale[j] = 0.0;
		for (i = 0; i < n; i++)
			if (fabs(xf[i * m + j]) > scale[j])
				scale[j] = fabs(xf[i * m + j]);
		if (scale[j] == 0.0)
		{
			/* a column of zeros: z = 0, it adds nothing */
			scale[j] = 1.0;
			factor[j] = 0.0;
			best[j] = worst[j] = 0.0;
			continue;
		}
		for (i = 0; i < n; i++)
		{
			double		r = xf[i * m + j] / scale[j];

			ss += r * r;
		}
		/* z = x' / norm = (x' / scale) / sqrt(ss) */
		factor[j] = w[j] / sqrt(ss);
		best[j] = worst[j] = weighted_value(xf[j], factor[j], scale[j]);
		for (i = 1; i < n; i++)
		{
			double		v = weighted_value(xf[i * m + j], factor[j], scale[j]);

			if (v > best[j])
				best[j] = v;
			if (v < worst[j])
				worst[j] = v;
		}
	}
	for (i = 0; i < n; i++)
	{
		double		dplus = 0.0,
					dminus = 0.0;

		for (j = 0; j < m; j++)
		{
			double		v = weighted_value(xf[i * m + j], factor[j], scale[j]);
			double		a = v - best[j];
			double		b = v - worst[j];

			dplus += a * a;
			dminus += b * b;
		}
		dplus = sqrt(dplus);
		dminus = sqrt(dminus);
		closeness[i] = (dplus + dminus > 0.0) ? dminus / (dplus + dminus) : 0.5;
	}
}

static int
compare_items(const void *a, const void *b)
{
	const CompositeSortItem *x = a;
	const CompositeSortItem *y = b;

	if (x->value < y->value)
		return -1;
	if (x->value > y->value)
		return 1;
	return (x->index > y->index) - (x->index < y->index);
}

void
composite_rsr(const double *xf, size_t n, size_t m, const double *w,
			  double *rsr, CompositeSortItem *work)
{
	size_t		i,
				j;

	for (i = 0; i < n; i++)
		rsr[i] = 0.0;
	for (j = 0; j < m; j++)
	{
		size_t		start;

		for (i = 0; i < n; i++)
		{
			work[i].value = xf[i * m + j];
			work[i].index = i;
		}
		qsort(work, n, sizeof(CompositeSortItem), compare_items);
		for (start = 0; start < n;)
		{
			size_t		end = start + 1;
			double		rank;

			while (end < n && work[end].value == work[start].value)
				end++;
			/* positions start .. end-1 hold ranks start+1 .. end: their mean */
			rank = 0.5 * ((double) (start + 1) + (double) end);
			for (i = start; i < end; i++)
				rsr[work[i].index] += w[j] * rank;
			start = end;
		}
	}
	for (i = 0; i < n; i++)
		rsr[i] /= (double) n;
}

/* Lower-tail standard normal distribution function. */
static double
normal_cdf(double x)
{
	return 0.5 * erfc(-x / sqrt(2.0));
}

double
composite_normal_quantile(double p)
{
	double		q = (p < 0.5) ? p : 1.0 - p;
	double		lo = -40.0,
				hi = 0.0,
				x;
	int			k;

	if (q == 0.5)
		return 0.0;
	/*
	 * Phi(x) = q for x <= 0, where erfc is accurate: bisection to a narrow
	 * bracket, then Newton steps (quadratic convergence).
	 */
	for (k = 0; k < 60; k++)
	{
		double		mid = 0.5 * (lo + hi);

		if (normal_cdf(mid) < q)
			lo = mid;
		else
			hi = mid;
	}
	x = 0.5 * (lo + hi);
	for (k = 0; k < 3; k++)
	{
		double		density = exp(-0.5 * x * x) / sqrt(2.0 * M_PI);

		if (density <= 0.0)
			break;
		x -= (normal_cdf(x) - q) / density;
	}
	return (p < 0.5) ? x : -x;
}

void
composite_rsr_probit(const double *rsr, size_t n, double *probit,
					 CompositeRsrFit *fit, CompositeSortItem *work)
{
	size_t		i,
				start,
				groups = 0;
	double		sx = 0.0,
				sy = 0.0,
				sxx = 0.0,
				sxy = 0.0,
				mx,
				my;

	for (i = 0; i < n; i++)
	{
		work[i].value = rsr[i];
		work[i].index = i;
	}
	qsort(work, n, sizeof(CompositeSortItem), compare_items);
	for (start = 0; start < n;)
	{
		size_t		end = start + 1;
		double		p,
					z;

		while (end < n && work[end].value - work[start].value <= COMPOSITE_RSR_TIE)
			end++;
		/* cumulative frequency end, frequency end - start */
		if (end == n)
			p = 1.0 - 1.0 / (4.0 * (double) n);
		else
			p = (0.5 * ((double) (start + 1) + (double) end)) / (double) n;
		z = 5.0 + composite_normal_quantile(p);
		for (i = start; i < end; i++)
			probit[work[i].index] = z;
		groups++;
		start = end;
	}
	fit->groups = groups;
	fit->fitted = (n >= 3 && groups >= 2);
	fit->intercept = 0.0;
	fit->slope = 0.0;
	if (!fit->fitted)
		return;
	/* one point per group, its probit and its lowest RSR; two passes */
	for (start = 0; start < n;)
	{
		size_t		end = start + 1;

		while (end < n && work[end].value - work[start].value <= COMPOSITE_RSR_TIE)
			end++;
		sx += probit[work[start].index];
		sy += work[start].value;
		start = end;
	}
	mx = sx / (double) groups;
	my = sy / (double) groups;
	for (start = 0; start < n;)
	{
		size_t		end = start + 1;
		double		dx = probit[work[start].index] - mx;

		while (end < n && work[end].value - work[start].value <= COMPOSITE_RSR_TIE)
			end++;
		sxx += dx * dx;
		sxy += dx * (work[start].value - my);
		start = end;
	}
	/* the probits of distinct groups differ, so sxx > 0 */
	fit->slope = sxy / sxx;
	fit->intercept = my - fit->slope * mx;
	if (!(fit->slope > 0.0) || !isfinite(fit->intercept))
		fit->fitted = false;
}

static const double cuts3[] = {4.0, 6.0};
static const double cuts4[] = {3.72, 5.0, 6.28};
static const double cuts5[] = {3.52, 4.48, 5.52, 6.48};

double
composite_rsr_cut(int grades, int k)
{
	switch (grades)
	{
		case 3:
			return cuts3[k];
		case 4:
			return cuts4[k];
		default:
			return cuts5[k];
	}
}

int
composite_rsr_grade(double rsr, const CompositeRsrFit *fit, int grades)
{
	int			grade = 1,
				k;

	if (!fit->fitted)
		return 0;
	for (k = 0; k < grades - 1; k++)
		if (rsr >= fit->intercept + fit->slope * composite_rsr_cut(grades, k) - COMPOSITE_RSR_TIE)
			grade++;
	return grade;
}
