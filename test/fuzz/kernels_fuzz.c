/*
 * libFuzzer target over the computation kernels (plain C, no PostgreSQL
 * headers): proportion intervals, scoring rules, homogeneity, funnel limits,
 * Likert statistics, compliance arithmetic and the composite methods.  The
 * first byte picks a kernel; the rest are its arguments, brought within the
 * preconditions that the SQL glue checks before it calls the kernel.  Beyond
 * what AddressSanitizer and UndefinedBehaviorSanitizer catch, each kernel's
 * documented guarantees are checked and a breach aborts:
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -Isrc test/fuzz/kernels_fuzz.c \
 *         src/proportion.c src/scoring.c src/dispersion.c src/funnel.c src/likert_kernel.c \
 *         src/compliance_kernel.c src/composite.c -lRmath -lm
 */
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "composite.h"
#include "compliance_kernel.h"
#include "dispersion.h"
#include "funnel.h"
#include "likert_kernel.h"
#include "proportion.h"
#include "scoring.h"

#define CHECK(cond, ...) \
	do { if (!(cond)) { fprintf(stderr, "kernel guarantee broken: %s: ", #cond); \
						 fprintf(stderr, __VA_ARGS__); fputc('\n', stderr); abort(); } } while (0)

/* A reader over the fuzzer's bytes; past the end it yields zeros. */
typedef struct Bytes
{
	const uint8_t *p;
	size_t		left;
} Bytes;

static uint64_t
take_u64(Bytes *b)
{
	uint64_t	v = 0;
	size_t		k = b->left < 8 ? b->left : 8;

	memcpy(&v, b->p, k);
	b->p += k;
	b->left -= k;
	return v;
}

static uint8_t
take_u8(Bytes *b)
{
	uint8_t		v = 0;

	if (b->left > 0)
	{
		v = *b->p++;
		b->left--;
	}
	return v;
}

/* Any double, NaN and infinities included. */
static double
take_raw_double(Bytes *b)
{
	uint64_t	bits = take_u64(b);
	double		d;

	memcpy(&d, &bits, sizeof d);
	return d;
}

/* A finite double: often a "nice" value, sometimes any finite bit pattern. */
static double
take_double(Bytes *b)
{
	static const double nice[] = {0, 1, -1, 0.5, 1e-300, -1e-300, 1e308, -1e308, 100, 0.95,
	5e-324, 1.7976931348623157e308, 1e15, 3, 42.5, -0.0};
	uint8_t		k = take_u8(b);
	double		d;

	if (k < 64)
		return nice[k % (sizeof nice / sizeof nice[0])];
	d = take_raw_double(b);
	if (!isfinite(d))
		d = (double) (int64_t) take_u64(b) / 1024.0;
	return d;
}

/* A double in [0, 1]. */
static double
take_unit(Bytes *b)
{
	uint64_t	v = take_u64(b);

	switch (v & 7)
	{
		case 0: return 0.0;
		case 1: return 1.0;
		default: return (double) (v >> 11) / 9007199254740992.0;	/* 2^53 */
	}
}

/* A count in [0, max]. */
static int64_t
take_count(Bytes *b, int64_t max)
{
	uint64_t	v = take_u64(b);

	if (max <= 0)
		return 0;
	switch (take_u8(b) & 3)
	{
		case 0: return (int64_t) (v % 50 > (uint64_t) max ? (uint64_t) max : v % 50);
		case 1: return max;
		default: return (int64_t) (v % ((uint64_t) max + 1));
	}
}

static void
fuzz_proportion(Bytes *b)
{
	int64_t		n = take_count(b, INT64_MAX);
	int64_t		x = take_count(b, n);
	double		level = take_unit(b);
	int			method = take_u8(b) % 3;
	double		lo, hi;

	if (n < 1 || level <= 0.0 || level >= 1.0)
		return;
	proportion_ci(x, n, level, (ProportionCiMethod) method, &lo, &hi);
	CHECK(isfinite(lo) && isfinite(hi) && 0.0 <= lo && lo <= hi && hi <= 1.0,
		  "x=%lld n=%lld level=%.17g method=%d: [%.17g, %.17g]", (long long) x, (long long) n, level, method, lo, hi);
	if (method != PROPORTION_CI_JEFFREYS || level >= 0.2)
	{
		double		p = (double) x / (double) n;

		CHECK(lo <= p * (1 + 1e-12) && p <= hi * (1 + 1e-12) + 1e-300,
			  "x=%lld n=%lld level=%.17g method=%d: x/n=%.17g outside [%.17g, %.17g]",
			  (long long) x, (long long) n, level, method, p, lo, hi);
	}
	{
		int64_t		n2 = take_count(b, INT64_MAX);
		int64_t		x2 = take_count(b, n2);
		double		diff;

		if (n2 < 1)
			return;
		proportion_difference_newcombe(x, n, x2, n2, level, &diff, &lo, &hi);
		CHECK(isfinite(diff) && isfinite(lo) && isfinite(hi) && -1.0 <= lo && lo <= hi && hi <= 1.0
			  && lo <= diff + 1e-12 && diff <= hi + 1e-12,
			  "newcombe %lld/%lld - %lld/%lld at %.17g: %.17g [%.17g, %.17g]",
			  (long long) x, (long long) n, (long long) x2, (long long) n2, level, diff, lo, hi);
	}
}

static void
fuzz_scoring(Bytes *b)
{
	double		value = take_double(b);
	double		a = take_double(b);
	double		c = take_double(b);
	double		falloff = take_double(b);
	double		max_points = take_double(b);
	double		r;
	int			rule = take_u8(b) % 4;

	if (scoring_check_finite(value) || scoring_check_finite(a) || scoring_check_finite(c) ||
		scoring_check_max_points(max_points))
		return;
	switch (rule)
	{
		case 0:
			if (a == c)
				return;
			r = score_linear(value, a, c, max_points);
			break;
		case 1:
			r = score_threshold(value, a, (take_u8(b) & 1) != 0, max_points);
			break;
		case 2:
			{
				bool		relative = (take_u8(b) & 1) != 0;

				if (c == 0 || (relative && !(a > 0)))
					return;
				r = score_improvement(value, a, c, relative, max_points);
				break;
			}
		default:
			if (a > c || !(falloff > 0) || !isfinite(falloff))
				return;
			r = score_band(value, a, c, falloff, max_points);
			break;
	}
	CHECK(!isnan(r) && r >= 0.0 && r <= max_points,
		  "rule %d value=%.17g a=%.17g c=%.17g falloff=%.17g max=%.17g: %.17g",
		  rule, value, a, c, falloff, max_points, r);
}

static void
fuzz_dispersion(Bytes *b)
{
	double		values[64];
	size_t		n = take_u8(b) % 64 + 1;
	size_t		split = take_u8(b) % (n + 1);
	DispersionState all = {0}, left = {0}, right = {0};
	size_t		i;
	bool		nonnegative = true;

	for (i = 0; i < n; i++)
	{
		values[i] = take_double(b);
		if (fabs(values[i]) > 1e150)	/* the glue refuses squares beyond double */
			values[i] = fmod(values[i], 1e150);
		dispersion_add(&all, values[i]);
		dispersion_add(i < split ? &left : &right, values[i]);
		if (values[i] < 0)
			nonnegative = false;
	}
	dispersion_merge(&left, &right);
	CHECK(left.n == all.n && left.min == all.min && left.max == all.max,
		  "merge: n %g/%g min %g/%g max %g/%g", left.n, all.n, left.min, all.min, left.max, all.max);
	CHECK(all.min <= all.max, "min %g > max %g", all.min, all.max);
	if (nonnegative)
	{
		double		g;

		dispersion_sort(values, n);
		for (i = 1; i < n; i++)
			CHECK(values[i - 1] <= values[i], "not sorted at %zu", i);
		g = gini_sorted(values, n);
		CHECK(isnan(g) || (g >= -1e-12 && g <= 1.0 + 1e-12), "gini %.17g of %zu values", g, n);
	}
}

static void
fuzz_funnel(Bytes *b)
{
	int64_t		n = take_count(b, INT64_MAX >> (take_u8(b) % 64));
	double		theta = take_unit(b);
	double		p = take_unit(b);
	double		z[64];
	size_t		k = take_u8(b) % 64 + 1;
	size_t		i;

	if (n >= 1 && p > 0.0 && p < 1.0)
	{
		double		limit = funnel_exact_limit(n, theta, p);

		CHECK(!isnan(limit) && limit >= 0.0 && limit <= 1.0,
			  "exact limit n=%lld theta=%.17g p=%.17g: %.17g", (long long) n, theta, p, limit);
		(void) funnel_normal_limit(n, theta, funnel_z(p), 1.0 + take_unit(b));
	}
	for (i = 0; i < k; i++)
	{
		z[i] = take_double(b);
		if (fabs(z[i]) > 1e150)
			z[i] = fmod(z[i], 1e150);
	}
	{
		double		phi = funnel_overdispersion(z, k);

		CHECK(!isnan(phi) && phi >= 0.0, "overdispersion %.17g of %zu z-scores", phi, k);
	}
}

static void
fuzz_likert(Bytes *b)
{
	int			points = 2 + take_u8(b) % 10;
	int			lowest = take_u8(b) % 2;
	int64_t		counts[11] = {0};
	int64_t		budget = INT64_MAX;
	int64_t		n;
	int			i;

	for (i = 0; i < points; i++)
	{
		counts[i] = take_count(b, budget);
		budget -= counts[i];
	}
	n = likert_n(counts, points);
	if (n <= 0)
		return;
	{
		double		mean = likert_mean(counts, points, lowest);
		double		score = likert_score_100(counts, points);
		double		var = n > 1 ? likert_variance(counts, points) : 0.0;	/* n > 1 */

		CHECK(mean >= lowest - 1e-9 && mean <= lowest + points - 1 + 1e-9, "mean %.17g on %d..%d", mean, lowest, lowest + points - 1);
		CHECK(score >= -1e-9 && score <= 100 + 1e-9, "score %.17g", score);
		CHECK(!isnan(var) && var >= -1e-9, "variance %.17g", var);
		if (n > 1)
		{
			double		level = take_unit(b);
			double		lo, hi;

			if (level > 0.0 && level < 1.0)
			{
				likert_mean_ci(counts, points, lowest, level, &lo, &hi);
				CHECK(!(lo > hi), "interval [%.17g, %.17g]", lo, hi);
			}
		}
		if (points == 11 && lowest == 0)
		{
			double		nps = likert_nps(counts);

			CHECK(nps >= -100 - 1e-9 && nps <= 100 + 1e-9, "nps %.17g", nps);
		}
	}
}

static void
fuzz_compliance(Bytes *b)
{
	ComplianceDimension dims[2];
	int			items = take_u8(b) % 40;
	int			i;

	memset(dims, 0, sizeof dims);
	for (i = 0; i < items; i++)
	{
		int			d = take_u8(b) & 1;
		bool		assessed = (take_u8(b) & 3) != 0;
		double		score = take_unit(b);
		double		weight = take_double(b);

		if (!(weight > 0) || !isfinite(weight))
			weight = 1.0;
		if (compliance_add_item(&dims[d], score, weight, assessed) != COMPLIANCE_ARITH_OK)
			return;
	}
	/* a dimension of a state has at least one item */
	for (i = 0; i < 2; i++)
		if (dims[i].assessed + dims[i].not_assessed > 0)
			CHECK(compliance_state_is_valid(&dims[i], 1), "dimension %d invalid after %d items", i, items);
	if (dims[0].assessed + dims[0].not_assessed > 0 && dims[1].assessed + dims[1].not_assessed > 0 &&
		compliance_merge_dimension(&dims[0], &dims[1]) == COMPLIANCE_ARITH_OK)
	{
		double		s;

		CHECK(compliance_state_is_valid(dims, 1), "state invalid after merge");
		if (compliance_dimension_score_of(&dims[0], &s))
			CHECK(s >= -1e-9 && s <= 100 + 1e-9, "dimension score %.17g", s);
	}
	/* and the validator itself, on any raw state */
	{
		ComplianceDimension raw;

		raw.score_sum = take_raw_double(b);
		raw.score_comp = take_raw_double(b);
		raw.weight_sum = take_raw_double(b);
		raw.weight_comp = take_raw_double(b);
		raw.assessed = (int64_t) take_u64(b);
		raw.met = (int64_t) take_u64(b);
		raw.not_assessed = (int64_t) take_u64(b);
		(void) compliance_state_is_valid(&raw, 1);
		(void) compliance_violation_text(compliance_check_dimension(raw.score_sum, raw.weight_sum, raw.assessed,
																  raw.met, raw.not_assessed));
	}
}

static void
fuzz_composite(Bytes *b)
{
	size_t		n = take_u8(b) % 12 + 1;
	size_t		m = take_u8(b) % 5 + 1;
	double		x[12 * 5], xf[12 * 5], y[12 * 5], w[5], score[12], closeness[12], rsr[12], probit[12];
	double		work[4 * 5];
	CompositeSortItem items[12];
	CompositeIndicator ind[5];
	CompositeRsrFit fit;
	size_t		i, j;
	double		wsum = 0;

	for (j = 0; j < m; j++)
	{
		ind[j].kind = (CompositeKind) (take_u8(b) % 3);
		ind[j].low = take_double(b);
		ind[j].high = take_double(b);
		if (ind[j].low > ind[j].high)
		{
			double		t = ind[j].low;

			ind[j].low = ind[j].high;
			ind[j].high = t;
		}
	}
	for (i = 0; i < n * m; i++)
		x[i] = take_double(b);
	composite_forward(x, n, m, ind, xf);
	for (i = 0; i < n * m; i++)
		CHECK(isfinite(xf[i]), "forward transform not finite at %zu: %.17g from %.17g", i, xf[i], x[i]);
	composite_minmax(xf, n, m, y);
	for (i = 0; i < n * m; i++)
		CHECK(y[i] >= 0 && y[i] <= 1, "min-max value %.17g at %zu", y[i], i);
	(void) composite_entropy_weights(y, n, m, w);
	for (j = 0; j < m; j++)
	{
		CHECK(w[j] >= 0 && w[j] <= 1 + 1e-12, "entropy weight %.17g", w[j]);
		wsum += w[j];
	}
	CHECK(fabs(wsum - 1) < 1e-9, "entropy weights sum to %.17g", wsum);
	composite_weighted_score(y, n, m, w, score);
	composite_topsis(xf, n, m, w, closeness, work);
	composite_rsr(xf, n, m, w, rsr, items);
	for (i = 0; i < n; i++)
	{
		CHECK(score[i] >= -1e-9 && score[i] <= 100 + 1e-9, "weighted score %.17g", score[i]);
		CHECK(closeness[i] >= -1e-12 && closeness[i] <= 1 + 1e-12, "TOPSIS closeness %.17g", closeness[i]);
		CHECK(rsr[i] >= 1.0 / n - 1e-9 && rsr[i] <= 1 + 1e-9, "RSR %.17g of %zu units", rsr[i], n);
	}
	composite_rsr_probit(rsr, n, probit, &fit, items);
	for (i = 0; i < n; i++)
	{
		int			grades = COMPOSITE_RSR_MIN_GRADES + take_u8(b) % 3;
		int			g = composite_rsr_grade(rsr[i], &fit, grades);

		CHECK(g >= 0 && g <= grades, "grade %d of %d", g, grades);
	}
	{
		double		p = take_unit(b);

		if (p > 0 && p < 1)
			CHECK(isfinite(composite_normal_quantile(p)), "normal quantile of %.17g", p);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	Bytes		b = {data, size};

	switch (take_u8(&b) % 7)
	{
		case 0: fuzz_proportion(&b); break;
		case 1: fuzz_scoring(&b); break;
		case 2: fuzz_dispersion(&b); break;
		case 3: fuzz_funnel(&b); break;
		case 4: fuzz_likert(&b); break;
		case 5: fuzz_compliance(&b); break;
		default: fuzz_composite(&b); break;
	}
	return 0;
}
