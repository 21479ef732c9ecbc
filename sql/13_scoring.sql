-- Scoring, homogeneity and funnel plots (评分规则、同质化、漏斗图): the C-backed
-- functions and aggregates that quality control (质控) uses, and that the
-- composite assessment reuses.  Kernel: src/scoring.c, src/dispersion.c,
-- src/funnel.c; glue: src/scoring_sql.c, src/dispersion_sql.c, src/funnel_sql.c.

-- Scoring rules (评分规则) -----------------------------------------------------

CREATE FUNCTION medalliance.score_linear(value double precision, floor double precision,
                                         target double precision,
                                         max_points double precision DEFAULT 100)
RETURNS double precision
    AS 'MODULE_PATHNAME', 'score_linear_sql' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION medalliance.score_linear(double precision, double precision, double precision, double precision) IS
    '线性插值评分 Linear rule: 0 points at the floor (底线值), max_points at the target (目标值), linear between, clamped outside; target > floor means higher is better, target < floor lower is better. floor = target is rejected (22023).';

CREATE FUNCTION medalliance.score_threshold(value double precision, threshold double precision,
                                            max_points double precision DEFAULT 100,
                                            higher_is_better boolean DEFAULT true)
RETURNS double precision
    AS 'MODULE_PATHNAME', 'score_threshold_sql' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION medalliance.score_threshold(double precision, double precision, double precision, boolean) IS
    '达标评分 Threshold rule: max_points when value >= threshold (<= when higher_is_better is false), else 0.';

CREATE FUNCTION medalliance.score_improvement(value double precision, baseline double precision,
                                              target_gain double precision,
                                              max_points double precision DEFAULT 100,
                                              relative boolean DEFAULT false)
RETURNS double precision
    AS 'MODULE_PATHNAME', 'score_improvement_sql' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION medalliance.score_improvement(double precision, double precision, double precision, double precision, boolean) IS
    '改善评分 Improvement rule: the gain over the baseline (基线), value - baseline in the value''s own units (percentage points for percentages) or, with relative, (value - baseline) / baseline; points max_points·gain/target_gain clamped to [0, max_points]. A negative target_gain asks for a decrease; target_gain 0, or a relative gain over a baseline <= 0, is rejected (22023).';

CREATE FUNCTION medalliance.score_band(value double precision, low double precision,
                                       high double precision, falloff double precision,
                                       max_points double precision DEFAULT 100)
RETURNS double precision
    AS 'MODULE_PATHNAME', 'score_band_sql' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION medalliance.score_band(double precision, double precision, double precision, double precision, double precision) IS
    '区间评分 Band rule: max_points inside [low, high] (合理区间), falling linearly to 0 at falloff below low or above high. low > high or falloff <= 0 is rejected (22023).';

-- Deductions (扣分) -----------------------------------------------------------

CREATE FUNCTION medalliance.deduction_accum(double precision[], double precision,
                                            double precision, double precision)
RETURNS double precision[]
    AS 'MODULE_PATHNAME', 'deduction_transfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION medalliance.deduction_accum(double precision[], double precision, double precision, double precision) IS
    '扣分累加 Transition of deduction_score: adds one item (full points, points deducted, cap) to the state {items, full_sum, full_comp, deducted_sum, deducted_comp}; rows with a NULL are skipped. Updates the state in place inside an aggregate.';

CREATE FUNCTION medalliance.deduction_combine(double precision[], double precision[])
RETURNS double precision[]
    AS 'MODULE_PATHNAME', 'deduction_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION medalliance.deduction_combine(double precision[], double precision[]) IS
    '扣分合并 Combine of deduction_score: adds two states (exact merge of the compensated sums).';

CREATE FUNCTION medalliance.deduction_final(double precision[])
RETURNS double precision
    AS 'MODULE_PATHNAME', 'deduction_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION medalliance.deduction_final(double precision[]) IS
    '扣分得分 Final of deduction_score: max(0, Σ full_points − Σ min(deducted, cap)); NULL for a state without items.';

CREATE AGGREGATE medalliance.deduction_score(full_points double precision, deducted double precision,
                                             cap double precision) (
    SFUNC = medalliance.deduction_accum,
    STYPE = double precision[],
    INITCOND = '{0,0,0,0,0}',
    COMBINEFUNC = medalliance.deduction_combine,
    FINALFUNC = medalliance.deduction_final,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE medalliance.deduction_score(double precision, double precision, double precision) IS
    '扣分制得分 Deduction score: max(0, Σ full_points − Σ min(deducted, cap)) over the items (each row an item with its full points 标准分, the points deducted 扣分 and the cap per item 单项扣分上限; a sheet whose total is given once is a row (total, 0, 0) plus deduction rows with full_points 0). Rows with a NULL are skipped; NULL for no rows. Negative, NaN or infinite arguments are rejected (22023).';

-- Homogeneity (同质化) ---------------------------------------------------------

CREATE TYPE medalliance.dispersion AS (
    n             bigint,
    mean          double precision,
    sd            double precision,
    cv            double precision,
    min           double precision,
    max           double precision,
    max_min_ratio double precision
);
COMMENT ON TYPE medalliance.dispersion IS
    '离散程度 result of the dispersion aggregate: n, mean, sample standard deviation, coefficient of variation, min, max and max/min.';
COMMENT ON COLUMN medalliance.dispersion.n IS '个数 values aggregated (NULLs skipped).';
COMMENT ON COLUMN medalliance.dispersion.mean IS '均值 arithmetic mean.';
COMMENT ON COLUMN medalliance.dispersion.sd IS '标准差 sample standard deviation (divisor n − 1, as stddev()); NULL for one value.';
COMMENT ON COLUMN medalliance.dispersion.cv IS '变异系数 sd / mean; NULL for one value or a mean <= 0.';
COMMENT ON COLUMN medalliance.dispersion.min IS '最小值 smallest value.';
COMMENT ON COLUMN medalliance.dispersion.max IS '最大值 largest value.';
COMMENT ON COLUMN medalliance.dispersion.max_min_ratio IS '极值比 max / min; NULL when min <= 0.';

CREATE FUNCTION medalliance.dispersion_accum(double precision[], double precision)
RETURNS double precision[]
    AS 'MODULE_PATHNAME', 'dispersion_transfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION medalliance.dispersion_accum(double precision[], double precision) IS
    '离散累加 Transition of dispersion: Welford''s update of the state {n, mean, mean_lo, m2, min, max}; NULL values are skipped. Updates the state in place inside an aggregate.';

CREATE FUNCTION medalliance.dispersion_combine(double precision[], double precision[])
RETURNS double precision[]
    AS 'MODULE_PATHNAME', 'dispersion_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION medalliance.dispersion_combine(double precision[], double precision[]) IS
    '离散合并 Combine of dispersion: Chan, Golub and LeVeque''s merge of two {n, mean, mean_lo, m2, min, max} states.';

CREATE FUNCTION medalliance.dispersion_final(double precision[])
RETURNS medalliance.dispersion
    AS 'MODULE_PATHNAME', 'dispersion_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION medalliance.dispersion_final(double precision[]) IS
    '离散结果 Final of dispersion: the summary of a state; NULL for n = 0.';

CREATE AGGREGATE medalliance.dispersion(double precision) (
    SFUNC = medalliance.dispersion_accum,
    STYPE = double precision[],
    INITCOND = '{0,0,0,0,0,0}',
    COMBINEFUNC = medalliance.dispersion_combine,
    FINALFUNC = medalliance.dispersion_final,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE medalliance.dispersion(double precision) IS
    '同质化离散度 Homogeneity of values (e.g. members'' scores): n, mean, sample sd, CV = sd/mean, min, max, max/min, from a fixed mergeable state {n, mean, mean_lo, m2, min, max}; NULLs skipped, NULL for no rows; NaN or infinite values rejected (22023). The Gini coefficient is the separate aggregate gini(), whose state must keep the values.';

CREATE FUNCTION medalliance.gini_accum(double precision[], double precision)
RETURNS double precision[]
    AS 'MODULE_PATHNAME', 'gini_transfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION medalliance.gini_accum(double precision[], double precision) IS
    '基尼累加 Transition of gini: appends a value to the state {count, values…, spare} (its length doubles when full); NULL values are skipped.';

CREATE FUNCTION medalliance.gini_combine(double precision[], double precision[])
RETURNS double precision[]
    AS 'MODULE_PATHNAME', 'gini_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION medalliance.gini_combine(double precision[], double precision[]) IS
    '基尼合并 Combine of gini: concatenates the values of two states.';

CREATE FUNCTION medalliance.gini_final(double precision[])
RETURNS double precision
    AS 'MODULE_PATHNAME', 'gini_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION medalliance.gini_final(double precision[]) IS
    '基尼系数 Final of gini: the Gini coefficient of the values in a state; NULL when empty or all zero.';

-- The Gini coefficient depends on every pairwise difference |x_i − x_j|: no
-- summary of fixed size determines it, so its state keeps the values (8
-- bytes each) and merging concatenates them.  The result is exact whatever
-- the split; the memory is meant for member values per alliance, not for
-- millions of rows in one group.
CREATE AGGREGATE medalliance.gini(double precision) (
    SFUNC = medalliance.gini_accum,
    STYPE = double precision[],
    INITCOND = '{0}',
    COMBINEFUNC = medalliance.gini_combine,
    FINALFUNC = medalliance.gini_final,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE medalliance.gini(double precision) IS
    '基尼系数 Gini coefficient Σ_i Σ_j |x_i − x_j| / (2 n² mean) of non-negative values (0 even, towards 1 concentrated); NULLs skipped; NULL for no rows or all zero; negative, NaN or infinite values rejected (22023). Its state keeps the values (no fixed-size state determines a Gini).';

CREATE FUNCTION medalliance.gini(member_values double precision[])
RETURNS double precision
    AS 'MODULE_PATHNAME', 'gini_array' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION medalliance.gini(double precision[]) IS
    '基尼系数 The Gini coefficient of the non-NULL elements of an array (as the gini aggregate); NULL when none or all zero.';

-- Funnel plots (漏斗图) -------------------------------------------------------

CREATE FUNCTION medalliance.funnel_limits(denominator bigint, target_rate double precision,
                                          level double precision DEFAULT 0.95,
                                          OUT lower_exact double precision, OUT upper_exact double precision,
                                          OUT lower_normal double precision, OUT upper_normal double precision)
    AS 'MODULE_PATHNAME', 'funnel_limits_sql' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION medalliance.funnel_limits(bigint, double precision, double precision) IS
    '漏斗图控制限 Funnel-plot limits of a proportion (fractions 0–1) at a denominator and level (Spiegelhalter 2005): exact binomial limits (r_p − α)/n with r_p the p-quantile of Bin(n, target_rate) and α = (P(R <= r_p) − p)/P(R = r_p), p = (1 ∓ level)/2, a lower limit below 0 set to 0; and the normal approximation target ± z·sqrt(target(1 − target)/n), not clamped. Denominator < 1, target outside [0, 1] or level outside (0, 1) rejected (22023).';

CREATE TYPE medalliance.funnel_point AS (
    pooled_rate    double precision,
    units          bigint,
    overdispersion double precision,
    z_score        double precision,
    inner_lower    double precision,
    inner_upper    double precision,
    outer_lower    double precision,
    outer_upper    double precision,
    zone           text
);
COMMENT ON TYPE medalliance.funnel_point IS
    '漏斗图点位 result of the funnel window function for one unit (rates and limits as fractions 0–1).';
COMMENT ON COLUMN medalliance.funnel_point.pooled_rate IS '合并率 Σ numerator / Σ denominator over the partition''s units with cases.';
COMMENT ON COLUMN medalliance.funnel_point.units IS '单位数 units in the partition with a denominator > 0.';
COMMENT ON COLUMN medalliance.funnel_point.overdispersion IS '过度离散系数 φ: mean of the squared z-scores winsorised at their 10th and 90th percentiles; NULL with fewer than 2 units or a pooled rate of 0 or 1.';
COMMENT ON COLUMN medalliance.funnel_point.z_score IS 'Z值 (rate − pooled)/sqrt(pooled(1 − pooled)/n).';
COMMENT ON COLUMN medalliance.funnel_point.inner_lower IS '内控制下限 lower limit at inner_level (e.g. 95%).';
COMMENT ON COLUMN medalliance.funnel_point.inner_upper IS '内控制上限 upper limit at inner_level.';
COMMENT ON COLUMN medalliance.funnel_point.outer_lower IS '外控制下限 lower limit at outer_level (e.g. 99.8%).';
COMMENT ON COLUMN medalliance.funnel_point.outer_upper IS '外控制上限 upper limit at outer_level.';
COMMENT ON COLUMN medalliance.funnel_point.zone IS '区域 above_outer, above_inner, within, below_inner or below_outer; NULL for a unit without cases.';

CREATE FUNCTION medalliance.funnel(numerator bigint, denominator bigint,
                                   inner_level double precision DEFAULT 0.95,
                                   outer_level double precision DEFAULT 0.998,
                                   overdispersion boolean DEFAULT false)
RETURNS medalliance.funnel_point
    AS 'MODULE_PATHNAME', 'funnel_window' LANGUAGE C WINDOW IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION medalliance.funnel(bigint, bigint, double precision, double precision, boolean) IS
    '漏斗图 Window function: over its partition (the units compared) the pooled rate, and for each unit its z-score, the inner and outer limits at its denominator and its zone. Without overdispersion the limits are the exact binomial ones of funnel_limits; with it, the normal approximation widened by sqrt(φ) when φ > 1 (multiplicative over-dispersion, Spiegelhalter 2005). Units with a NULL or zero denominator get no rate, limits or zone; a numerator above its denominator, a level outside (0, 1) or inner_level >= outer_level are rejected (22023).';
