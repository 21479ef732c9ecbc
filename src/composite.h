/*-------------------------------------------------------------------------
 * src/composite.h
 *    Composite evaluation methods of the Chinese evaluation literature:
 *    entropy weights (熵权法), TOPSIS closeness (优劣解距离法) and the
 *    weighted rank-sum ratio (秩和比 RSR) with probit grading.
 *
 * Kernel code: plain C with libm only, no PostgreSQL headers, so it can be
 * unit-tested outside the server (test/unit/composite_test.c).  Matrices
 * are row-major: n units (rows) by m indicators (columns), element (i, j)
 * at x[i * m + j].  Callers validate their arguments: every value finite,
 * n >= 1, m >= 1, weights finite, not negative and summing to 1.
 *-------------------------------------------------------------------------
 */
#ifndef MEDALLIANCE_COMPOSITE_H
#define MEDALLIANCE_COMPOSITE_H

#include <stdbool.h>
#include <stddef.h>

/* What makes an indicator better. */
typedef enum CompositeKind
{
	COMPOSITE_HIGHER_BETTER,	/* 极大型: larger is better */
	COMPOSITE_LOWER_BETTER,		/* 极小型: smaller is better */
	COMPOSITE_TARGET_BAND		/* 中间型/区间型: best inside [low, high];
								 * a target value is the band [a, a] */
} CompositeKind;

typedef struct CompositeIndicator
{
	CompositeKind kind;
	double		low;			/* band only */
	double		high;			/* band only, low <= high */
} CompositeIndicator;

/* Most RSR grades supported, and the fewest. */
#define COMPOSITE_RSR_MIN_GRADES 3
#define COMPOSITE_RSR_MAX_GRADES 5

/*
 * Forward transform (正向化) of every column into "larger is better":
 *   higher_better: x' = x;
 *   lower_better:  x' = (max - x) / 2;
 *   band [a, b]:   d = distance of x from the band (halved), M = max d,
 *                  x' = 1 - d / M, or 1 for every unit when M = 0.
 * The halving keeps every difference of two finite doubles finite; all
 * three methods are invariant to a positive scale of a column.
 */
extern void composite_forward(const double *x, size_t n, size_t m,
							  const CompositeIndicator *indicators, double *xf);

/*
 * Min-max normalisation of the forward-transformed matrix into [0, 1]:
 * y = (x' - min) / (max - min); a column without variance gives 0.
 */
extern void composite_minmax(const double *xf, size_t n, size_t m, double *y);

/*
 * Entropy weights from the min-max matrix y: p = y / sum_i y,
 * e_j = -sum p ln p / ln n (0 ln 0 = 0), d_j = 1 - e_j, w_j = d_j / sum d.
 * A column without variance has e_j = 1, so weight 0.  When no column varies
 * (which includes n = 1) the weights are undefined; then every indicator
 * gets 1/m and the function returns false.  Otherwise it returns true.
 */
extern bool composite_entropy_weights(const double *y, size_t n, size_t m,
									  double *w);

/* Weighted sum 100 * sum_j w_j y_ij per unit (0-100). */
extern void composite_weighted_score(const double *y, size_t n, size_t m,
									 const double *w, double *score);

/*
 * TOPSIS closeness C_i = D-_i / (D+_i + D-_i) from the forward-transformed
 * matrix: vector normalisation z = x' / sqrt(sum_i x'^2) (0 for a column of
 * zeros), weighted matrix v = w z (weights applied to the matrix, so they
 * enter the distances squared), ideal points max/min of v per column,
 * Euclidean distances.  When D+ + D- = 0 (one unit, or all units equal in
 * every weighted column) C = 0.5.  work: 4m doubles.
 */
extern void composite_topsis(const double *xf, size_t n, size_t m,
							 const double *w, double *closeness, double *work);

/* One (value, position) pair; scratch for the sorts of the RSR. */
typedef struct CompositeSortItem
{
	double		value;
	size_t		index;
} CompositeSortItem;

/*
 * Weighted rank-sum ratio WRSR_i = (1/n) sum_j w_j R_ij, where R_ij is the
 * rank of x'_ij in column j, 1 for the worst, average ranks for ties (整次
 * 秩和比 with average ranks).  In [1/n, 1]; one unit gives 1; a column
 * without variance gives every unit (n + 1) / 2.  work: n items.
 */
extern void composite_rsr(const double *xf, size_t n, size_t m, const double *w,
						  double *rsr, CompositeSortItem *work);

/* Result of the probit regression of an RSR distribution. */
typedef struct CompositeRsrFit
{
	size_t		groups;			/* distinct RSR values */
	bool		fitted;			/* n >= 3 and groups >= 2 */
	double		intercept;		/* a in RSR = a + b * probit */
	double		slope;			/* b, > 0 when fitted */
} CompositeRsrFit;

/*
 * Probit of each unit's RSR and the regression RSR = a + b * probit.
 * Distinct RSR values (two values closer than COMPOSITE_RSR_TIE are one)
 * sorted ascending with frequencies f and cumulative frequencies cf;
 * average rank R = cf - (f - 1) / 2; p = R / n, and 1 - 1/(4n) for the
 * highest group; probit = 5 + Phi^-1(p).  The ordinary least-squares line
 * through the (probit, RSR) points of the groups is fitted only when n >= 3
 * and there are at least two groups.  work: n items.
 */
#define COMPOSITE_RSR_TIE 1e-12
extern void composite_rsr_probit(const double *rsr, size_t n, double *probit,
								 CompositeRsrFit *fit, CompositeSortItem *work);

/*
 * Grade 1 (worst) .. grades (best) of an RSR value: the conventional probit
 * cut points (3 grades: 4, 6; 4 grades: 3.72, 5, 6.28; 5 grades: 3.52, 4.48,
 * 5.52, 6.48) turned into RSR cut points a + b * cut; grade = 1 + number of
 * cut points at or below the RSR (an RSR within COMPOSITE_RSR_TIE of a cut
 * point reaches it, as such values count as equal).  Returns 0 when the fit
 * is not defined.
 */
extern int	composite_rsr_grade(double rsr, const CompositeRsrFit *fit, int grades);

/* The probit cut point k (0-based) of a grading into the given grades. */
extern double composite_rsr_cut(int grades, int k);

/* Standard normal quantile Phi^-1(p) for 0 < p < 1. */
extern double composite_normal_quantile(double p);

#endif							/* MEDALLIANCE_COMPOSITE_H */
