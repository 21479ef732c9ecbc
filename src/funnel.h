/*-------------------------------------------------------------------------
 * src/funnel.h
 *    Funnel-plot control limits for proportions (Spiegelhalter 2005,
 *    "Funnel plots for comparing institutional performance", Stat Med 24).
 *
 * Kernel code: plain C, no PostgreSQL headers; the binomial distribution
 * comes from R's standalone mathematics library (libRmath).
 *-------------------------------------------------------------------------
 */
#ifndef MEDALLIANCE_FUNNEL_H
#define MEDALLIANCE_FUNNEL_H

#include <stddef.h>
#include <stdint.h>

/*
 * The exact binomial limit at tail probability p (0 < p < 1) for a
 * denominator n >= 1 and a target proportion theta in [0, 1], with the
 * interpolation of Spiegelhalter 2005, appendix A.1.1: r_p is the smallest
 * count r with P(R <= r) >= p (R ~ Bin(n, theta)),
 * alpha = (P(R <= r_p) - p) / (P(R = r_p)), and the limit is (r_p - alpha) / n.
 * When r_p = 0 the interpolated value is below 0, and no proportion can be:
 * the limit is then 0 (stated, not silent: see the README).
 */
extern double funnel_exact_limit(int64_t n, double theta, double p);

/* Normal approximation theta + z * sqrt(phi * theta (1 - theta) / n). */
extern double funnel_normal_limit(int64_t n, double theta, double z, double phi);

/* z = upper (1 + level) / 2 quantile of the standard normal. */
extern double funnel_z(double level);

/*
 * The multiplicative over-dispersion factor phi of Spiegelhalter 2005
 * (section 3.4): the mean of the squared z-scores after winsorising them at
 * their 10th and 90th percentiles (linear interpolation between order
 * statistics, numpy's default).  z is sorted in place.  n >= 1.
 */
extern double funnel_overdispersion(double *z, size_t n);

#endif							/* MEDALLIANCE_FUNNEL_H */
