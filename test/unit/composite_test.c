/*-------------------------------------------------------------------------
 * test/unit/composite_test.c
 *    The composite kernel (src/composite.c) without a server: forward
 *    transforms, entropy weights, TOPSIS, weighted RSR, probits and grades,
 *    against values worked out by hand in the comments.  Prints TAP.
 *-------------------------------------------------------------------------
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "composite.h"

static int	tests = 0;
static int	failures = 0;

static void
ok(int condition, const char *name)
{
	tests++;
	if (!condition)
		failures++;
	printf("%sok %d - %s\n", condition ? "" : "not ", tests, name);
}

static int
near(double a, double b, double tol)
{
	return fabs(a - b) <= tol;
}

int
main(void)
{
	/* Example A: u1 (2, 30), u2 (4, 10), u3 (6, 20); higher, lower. */
	const double x[] = {2, 30, 4, 10, 6, 20};
	const CompositeIndicator hl[] = {{COMPOSITE_HIGHER_BETTER, 0, 0}, {COMPOSITE_LOWER_BETTER, 0, 0}};
	const double equal[] = {0.5, 0.5};
	double		xf[6],
				y[6],
				w[2],
				score[3],
				c[3],
				r[3],
				probit[3],
				work[8];
	CompositeSortItem items[4];
	CompositeRsrFit fit;
	double		b;

	/* forward: h' = x; l' = (max - x)/2 = 0, 10, 5 */
	composite_forward(x, 3, 2, hl, xf);
	ok(xf[0] == 2 && xf[2] == 4 && xf[4] == 6, "higher_better is kept as it is");
	ok(xf[1] == 0 && xf[3] == 10 && xf[5] == 5, "lower_better becomes (max - x)/2");

	/* min-max: h 0, .5, 1; l 0, 1, .5 */
	composite_minmax(xf, 3, 2, y);
	ok(y[0] == 0 && y[2] == 0.5 && y[4] == 1 && y[1] == 0 && y[3] == 1 && y[5] == 0.5,
	   "min-max gives 0, .5, 1 and 0, 1, .5");

	/* both columns have the distribution {0, 1/3, 2/3}: equal entropy, w = .5, .5 */
	ok(composite_entropy_weights(y, 3, 2, w) && near(w[0], 0.5, 1e-15) && near(w[1], 0.5, 1e-15),
	   "equal entropies give equal weights");
	composite_weighted_score(y, 3, 2, w, score);
	ok(near(score[0], 0, 1e-12) && near(score[1], 75, 1e-12) && near(score[2], 75, 1e-12),
	   "entropy scores 0, 75, 75");

	/* TOPSIS: see test/pgtap/composite_hand.sql for the distances */
	composite_topsis(xf, 3, 2, equal, c, work);
	ok(c[0] == 0, "TOPSIS: the worst unit on both indicators has closeness 0");
	ok(near(c[1], sqrt(4 / 56.0 + 0.8) / (sqrt(4 / 56.0) + sqrt(4 / 56.0 + 0.8)), 1e-14),
	   "TOPSIS: closeness of u2 = sqrt(4/56+4/5) / (sqrt(4/56) + sqrt(4/56+4/5))");
	ok(near(c[2], sqrt(16 / 56.0 + 0.2) / (sqrt(0.2) + sqrt(16 / 56.0 + 0.2)), 1e-14),
	   "TOPSIS: closeness of u3 = sqrt(16/56+1/5) / (sqrt(1/5) + sqrt(16/56+1/5))");

	/* RSR: ranks h 1 2 3, l' 1 3 2; WRSR = (R_h + R_l)/6 = 1/3, 5/6, 5/6 */
	composite_rsr(xf, 3, 2, equal, r, items);
	ok(near(r[0], 1 / 3.0, 1e-15) && near(r[1], 5 / 6.0, 1e-15) && r[1] == r[2],
	   "WRSR 1/3, 5/6, 5/6");
	composite_rsr_probit(r, 3, probit, &fit, items);
	ok(fit.groups == 2 && fit.fitted, "two RSR groups, the line is fitted");
	ok(near(probit[0], 4.569272700704542, 1e-12) && near(probit[1], 6.382994127100638, 1e-12) &&
	   probit[1] == probit[2], "probits 5 + Phi^-1(1/3) and 5 + Phi^-1(1 - 1/12)");
	b = (5 / 6.0 - 1 / 3.0) / (6.382994127100638 - 4.569272700704542);
	ok(near(fit.slope, b, 1e-12) && near(fit.intercept, 1 / 3.0 - b * 4.569272700704542, 1e-12),
	   "the line through the two groups");
	ok(composite_rsr_grade(r[0], &fit, 3) == 2 && composite_rsr_grade(r[1], &fit, 3) == 3,
	   "3 grades: u1 grade 2 (RSR cut .176 < 1/3 < .728), u2 grade 3");
	ok(composite_rsr_grade(r[0], &fit, 5) == 3 && composite_rsr_grade(r[1], &fit, 5) == 4,
	   "5 grades: u1 grade 3, u2 grade 4");

	/* Normal quantiles against known values. */
	ok(composite_normal_quantile(0.5) == 0.0, "Phi^-1(.5) = 0");
	ok(near(composite_normal_quantile(0.975), 1.959963984540054, 1e-13), "Phi^-1(.975) = 1.959963984540054");
	ok(near(composite_normal_quantile(0.025), -1.959963984540054, 1e-13), "Phi^-1(.025) = -1.959963984540054");
	ok(near(composite_normal_quantile(1e-10), -6.361340902404056, 1e-10), "Phi^-1(1e-10) = -6.361340902404056");
	ok(near(composite_normal_quantile(0.75), 0.6744897501960817, 1e-13), "Phi^-1(.75) = 0.6744897501960817");

	/* One unit: equal weights (returns false), closeness .5, RSR 1, no fit. */
	{
		const double one[] = {5, 6};
		double		f1[2],
					y1[2];

		composite_forward(one, 1, 2, hl, f1);
		composite_minmax(f1, 1, 2, y1);
		ok(!composite_entropy_weights(y1, 1, 2, w) && w[0] == 0.5 && w[1] == 0.5,
		   "one unit: entropy falls back to equal weights");
		composite_topsis(f1, 1, 2, equal, c, work);
		ok(c[0] == 0.5, "one unit: closeness 0.5");
		composite_rsr(f1, 1, 2, equal, r, items);
		ok(r[0] == 1.0, "one unit: RSR 1");
		composite_rsr_probit(r, 1, probit, &fit, items);
		ok(!fit.fitted && composite_rsr_grade(r[0], &fit, 3) == 0 &&
		   near(probit[0], 5.674489750196082, 1e-12), "one unit: probit 5 + Phi^-1(3/4), no grade");
	}

	/* All identical (4 units): closeness .5, RSR 5/8, one group, no fit. */
	{
		const double same[] = {3, 4, 3, 4, 3, 4, 3, 4};
		double		fs[8],
					ys[8];
		int			i,
					all = 1;

		composite_forward(same, 4, 2, hl, fs);
		composite_minmax(fs, 4, 2, ys);
		ok(!composite_entropy_weights(ys, 4, 2, w), "identical units: no indicator varies");
		composite_topsis(fs, 4, 2, equal, c, work);
		composite_rsr(fs, 4, 2, equal, r, items);
		for (i = 0; i < 4; i++)
			all = all && c[i] == 0.5 && r[i] == 0.625;
		ok(all, "identical units: closeness 0.5 and RSR (n+1)/2n = 0.625");
		composite_rsr_probit(r, 4, probit, &fit, items);
		ok(fit.groups == 1 && !fit.fitted, "identical units: one group, no fit");
	}

	/* Bands: 70, 85, 95, 100 in 80..90 → d/2 = 5, 0, 2.5, 5 → x' = 0, 1, .5, 0 */
	{
		const double v[] = {70, 85, 95, 100};
		const CompositeIndicator band = {COMPOSITE_TARGET_BAND, 80, 90};
		double		fb[4];

		composite_forward(v, 4, 1, &band, fb);
		ok(fb[0] == 0 && fb[1] == 1 && fb[2] == 0.5 && fb[3] == 0, "band 80..90: x' = 0, 1, .5, 0");
	}

	/* Extremes: no overflow. */
	{
		const double big[] = {-1.7e308, 1.7e308};
		const CompositeIndicator low = {COMPOSITE_LOWER_BETTER, 0, 0};
		double		fb[2],
					yb[2];

		composite_forward(big, 2, 1, &low, fb);
		composite_minmax(fb, 2, 1, yb);
		ok(isfinite(fb[0]) && yb[0] == 1 && yb[1] == 0, "±1.7e308 lower_better: finite, min-max 1, 0");
		composite_topsis(fb, 2, 1, equal, c, work);
		ok(c[0] == 1 && c[1] == 0, "±1.7e308: closeness 1, 0");
	}

	printf("1..%d\n", tests);
	return failures > 0;
}
