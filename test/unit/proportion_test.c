/*-------------------------------------------------------------------------
 * test/unit/proportion_test.c
 *    The interval kernel (src/proportion.c) without a server: beta-quantile
 *    bounds checked through distribution functions written out by hand
 *    (residuals), the normal limit at n = 2^63 - 1, symmetry, a sweep of the
 *    top of the bigint range, and silence on stderr.  Prints TAP.
 *-------------------------------------------------------------------------
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "proportion.h"

/* only for the positive control of the stderr capture */
#define MATHLIB_STANDALONE
#include <Rmath.h>

static int	tests = 0;

static void
ok(int condition, const char *name)
{
	tests++;
	printf("%sok %d - %s\n", condition ? "" : "not ", tests, name);
}

static int
close_rel(double a, double b, double rel)
{
	return fabs(a - b) <= rel * fmax(fabs(a), fabs(b));
}

static const ProportionCiMethod methods[] = {
	PROPORTION_CI_WILSON, PROPORTION_CI_CLOPPER_PEARSON, PROPORTION_CI_JEFFREYS
};

/*
 * Every bound of a sweep near the top of bigint: n = 2^30 .. 2^62 and
 * 2^63 - 1, nine x, five levels, three methods.  Returns the number of
 * intervals that are not finite, leave [0, 1] or miss x/n; *widening
 * counts those whose width shrinks as the level grows.
 */
static int
sweep(int *widening)
{
	static const double levels[] = {0.5, 0.8, 0.95, 0.998, 0.999999};
	int			bad = 0;
	int			k, i, l, m;

	*widening = 0;
	for (k = 30; k <= 63; k++)
	{
		int64_t		n = (k == 63) ? INT64_MAX : ((int64_t) 1 << k);
		int64_t		xs[9] = {0, 1, 2, n / 7, n / 3, n / 2, n - 2, n - 1, n};

		for (i = 0; i < 9; i++)
			for (m = 0; m < 3; m++)
			{
				double		previous_width = -1.0;

				for (l = 0; l < 5; l++)
				{
					double		lo, up, p = (double) xs[i] / (double) n;

					proportion_ci(xs[i], n, levels[l], methods[m], &lo, &up);
					if (!(isfinite(lo) && isfinite(up) && lo >= 0.0 && up <= 1.0 &&
						  lo <= p && p <= up))
						bad++;
					if (up - lo < previous_width)
						(*widening)++;
					previous_width = up - lo;
				}
			}
	}
	return bad;
}

/* the first failing random case, printed once stdout is back */
static char fuzz_first[200] = "";

/* A fixed 64-bit linear congruential generator (Knuth's MMIX constants). */
static uint64_t rng_state = 20261130;

static uint64_t
next_random(void)
{
	rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
	return rng_state;
}

static double
uniform01(void)
{
	return (double) (next_random() >> 11) / 9007199254740992.0;
}

/*
 * 20,000 seeded random cases: n log-uniform over 1 .. 2^63 - 1, x uniform
 * or within 3 of an end, level uniform over (0.2, 1) or 1 - 10^-k, each of
 * the three methods.  Counts intervals not finite, outside [0, 1] or
 * missing x/n (Jeffreys can miss it below level 0.2, hence the range).
 */
static int
fuzz(void)
{
	int			bad = 0;
	int			i;

	for (i = 0; i < 20000; i++)
	{
		int64_t		n = (int64_t) fmin(exp2(63.0 * uniform01()), 9223372036854775807.0);
		int64_t		x;
		double		level,
					lo,
					up,
					p;
		uint64_t	kind = next_random() % 4;

		if (n < 1)
			n = 1;
		if (kind == 0)
			x = (int64_t) (next_random() % 4);
		else if (kind == 1)
			x = n - (int64_t) (next_random() % 4);
		else
			x = (int64_t) ((double) n * uniform01());
		x = (x < 0) ? 0 : (x > n) ? n : x;
		level = (next_random() % 3 == 0) ? 1.0 - pow(10.0, -1.0 - 14.0 * uniform01())
			: 0.2 + 0.8 * uniform01();
		if (!(level < 1.0))
			level = 0.999;
		p = (double) x / (double) n;
		proportion_ci(x, n, level, methods[i % 3], &lo, &up);
		if (!(isfinite(lo) && isfinite(up) && lo >= 0.0 && up <= 1.0 && lo <= p && p <= up))
		{
			if (bad++ == 0)
				snprintf(fuzz_first, sizeof(fuzz_first),
						 "# first: %lld/%lld level %.17g method %d: [%.17g, %.17g]",
						 (long long) x, (long long) n, level, i % 3, lo, up);
		}
	}
	return bad;
}

int
main(void)
{
	double		lo, up, y, theta, z975 = 1.959963984540054;
	int			widening, bad;
	char		path[] = "/tmp/proportion_test_output.XXXXXX";
	int			fd;
	struct stat st;

	/*
	 * Clopper-Pearson, 2/3 at 95%: the lower bound is the 2.5% quantile of
	 * Beta(2, 2), whose distribution function is 3y^2 - 2y^3 (the generic
	 * path); the upper is Beta(3, 1) at 97.5%, y^3 = 0.975 (closed form).
	 */
	proportion_ci(2, 3, 0.95, PROPORTION_CI_CLOPPER_PEARSON, &lo, &up);
	ok(fabs(3 * lo * lo - 2 * lo * lo * lo - 0.025) < 1e-15, "CP lower of 2/3: 3y^2 - 2y^3 = 0.025");
	ok(fabs(up * up * up - 0.975) < 4e-16, "CP upper of 2/3: y^3 = 0.975");
	/* 1/2: Beta(1, 2) at 2.5%, 1 - (1 - y)^2 = 0.025; Beta(2, 1) at 97.5%, y^2 = 0.975 */
	proportion_ci(1, 2, 0.95, PROPORTION_CI_CLOPPER_PEARSON, &lo, &up);
	ok(fabs(1 - (1 - lo) * (1 - lo) - 0.025) < 1e-16 && fabs(up * up - 0.975) < 2e-16,
	   "CP of 1/2: 1 - (1 - lower)^2 = 0.025 and upper^2 = 0.975");
	/* 0/1 and 1/1 at 95%: uniform, so 0.975 and 0.025 exactly as decimals */
	proportion_ci(0, 1, 0.95, PROPORTION_CI_CLOPPER_PEARSON, &lo, &up);
	ok(lo == 0.0 && fabs(up - 0.975) < 1e-16, "CP of 0/1 is [0, 0.975]");
	proportion_ci(1, 1, 0.95, PROPORTION_CI_CLOPPER_PEARSON, &lo, &up);
	ok(fabs(lo - 0.025) < 1e-16 && up == 1.0, "CP of 1/1 is [0.025, 1]");

	/*
	 * Jeffreys, 0/1 at 95%: Beta(1/2, 3/2), F(y) = (2/pi)(t + sin t cos t)
	 * with t = asin(sqrt(y)) (substitute y = sin^2 t in the integral); the
	 * upper bound solves F = 0.975, the lower one is 0 by the boundary rule.
	 */
	proportion_ci(0, 1, 0.95, PROPORTION_CI_JEFFREYS, &lo, &up);
	theta = asin(sqrt(up));
	ok(lo == 0.0 && fabs(2.0 / M_PI * (theta + sin(theta) * cos(theta)) - 0.975) < 1e-14,
	   "Jeffreys of 0/1: lower 0, upper solves (2/pi)(t + sin t cos t) = 0.975");
	/* 1/1: the mirror image, Beta(3/2, 1/2); its lower bound is 1 - the upper above */
	y = up;
	proportion_ci(1, 1, 0.95, PROPORTION_CI_JEFFREYS, &lo, &up);
	ok(fabs(lo - (1.0 - y)) < 1e-16 && up == 1.0, "Jeffreys of 1/1 mirrors 0/1");

	/*
	 * The normal limit at n = 2^63 - 1, x = n/3: p -+ z sqrt(p(1 - p)/n),
	 * the corrections being O(1/n) ~ 1e-19.  p = 1/3 - 3.6e-20,
	 * sqrt((2/9)/9.223372036854775807e18) = 1.5522040117e-10,
	 * z 0.975 times that = 3.0422640e-10.
	 */
	{
		int64_t		n = INT64_MAX;
		double		p = 1.0 / 3.0;
		double		half = z975 * sqrt(p * (1 - p) / (double) n);

		proportion_ci(n / 3, n, 0.95, PROPORTION_CI_CLOPPER_PEARSON, &lo, &up);
		ok(fabs(lo - (p - half)) < 1e-16 && fabs(up - (p + half)) < 1e-16,
		   "CP of (2^63-1)/3 / (2^63-1) is 1/3 -+ 3.04e-10 to 1e-16");
		proportion_ci(n / 3, n, 0.95, PROPORTION_CI_JEFFREYS, &lo, &up);
		ok(fabs(lo - (p - half)) < 1e-16 && fabs(up - (p + half)) < 1e-16,
		   "Jeffreys of (2^63-1)/3 / (2^63-1) is 1/3 -+ 3.04e-10 to 1e-16");
		/* x = n - 1: CP upper^n = 0.975 (closed form), lower within 1e-15 of 1 */
		proportion_ci(n - 1, n, 0.95, PROPORTION_CI_CLOPPER_PEARSON, &lo, &up);
		ok(lo > 1.0 - 1e-15 && up == 1.0, "CP of (n-1)/n at n = 2^63 - 1 is [1 - <1e-15, 1]");
		proportion_ci(n - 1, n, 0.95, PROPORTION_CI_JEFFREYS, &lo, &up);
		ok(lo > 1.0 - 1e-15 && up == 1.0, "Jeffreys of (n-1)/n at n = 2^63 - 1 is [1 - <1e-15, 1]");
		/*
		 * x = 1: CP lower = 1 - 0.975^(1/n) = -log(0.975)/n (1 + O(1/n))
		 * = 0.025317807984289786 / 9.223372036854775807e18 = 2.7449622e-21;
		 * 1e-13 because the level 0.95 is 0.94999999999999996 in binary.
		 */
		proportion_ci(1, n, 0.95, PROPORTION_CI_CLOPPER_PEARSON, &lo, &up);
		ok(close_rel(lo, 0.025317807984289786 / 9.223372036854775807e18, 1e-13),
		   "CP lower of 1/(2^63-1) is -log(0.975)/n = 2.745e-21, not 0");
	}

	/*
	 * A level so small that both tails are 1/2: both bounds are the median,
	 * which for 1/2 (Beta(3/2, 3/2), symmetric) is 1/2 exactly.
	 */
	proportion_ci(1, 2, 1e-300, PROPORTION_CI_JEFFREYS, &lo, &up);
	ok(fabs(lo - 0.5) <= 1e-15 && fabs(up - 0.5) <= 1e-15, "Jeffreys of 1/2 at level 1e-300 is the median 1/2 (to 1e-15: pbeta's own rounding)");

	/* Symmetry: lower(x, n) = 1 - upper(n - x, n) for the beta methods. */
	{
		int			m, asym = 0;
		int64_t		x;

		for (m = 1; m < 3; m++)
			for (x = 0; x <= 1000; x += 7)
			{
				double		lo2, up2;

				proportion_ci(x, 1000, 0.9, methods[m], &lo, &up);
				proportion_ci(1000 - x, 1000, 0.9, methods[m], &lo2, &up2);
				if (fabs(lo - (1.0 - up2)) > 1e-15 || fabs(up - (1.0 - lo2)) > 1e-15)
					asym++;
			}
		ok(asym == 0, "CP and Jeffreys: lower(x, 1000) = 1 - upper(1000 - x, 1000)");
	}

	/*
	 * The sweep, with stdout and stderr both sent to a file that must stay
	 * empty: libRmath in standalone mode prints its warnings with printf
	 * (stdout), R's own REprintf goes to stderr.  The results are printed
	 * once both are restored.
	 */
	{
		int			saved_out,
					saved_err,
					control_ok,
					fuzz_bad;
		off_t		after_sweep;

		fflush(stdout);
		fflush(stderr);
		saved_out = dup(1);
		saved_err = dup(2);
		fd = mkstemp(path);
		if (fd < 0 || saved_out < 0 || saved_err < 0)
		{
			perror("mkstemp");
			return 1;
		}
		dup2(fd, 1);
		dup2(fd, 2);
		bad = sweep(&widening);
		fuzz_bad = fuzz();
		fflush(stdout);
		fflush(stderr);
		fstat(fd, &st);
		after_sweep = st.st_size;
		/* positive control: libRmath's own qbeta does write to what is captured */
		(void) qbeta(0.1, 1099511627776.5, 0.5, 1, 0);
		fflush(stdout);
		fflush(stderr);
		fstat(fd, &st);
		control_ok = st.st_size > after_sweep;
		dup2(saved_out, 1);
		dup2(saved_err, 2);
		close(fd);
		unlink(path);
		ok(bad == 0, "sweep of 4,590 intervals near 2^63: finite, inside [0, 1], holding x/n");
		ok(widening == 0, "in the sweep, a higher level never gives a narrower interval");
		ok(fuzz_bad == 0, "20,000 seeded random rates up to 2^63 - 1 and levels up to 1 - 1e-15: finite, inside [0, 1], holding x/n");
		if (fuzz_bad > 0)
			printf("%s\n", fuzz_first);
		ok(after_sweep == 0, "the sweep and the random rates write nothing to stdout or stderr");
		ok(control_ok, "control: libRmath's qbeta(0.1, 2^40 + 1/2, 1/2) writes to what is captured");
	}

	printf("1..%d\n", tests);
	return 0;
}
