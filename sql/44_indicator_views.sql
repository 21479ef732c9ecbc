-- Indicator views for BI tools (指标视图): values per unit and period, and
-- attainment of each scheme's targets.

CREATE VIEW medalliance.indicator_value AS
SELECT m.unit_level, m.unit_id, u.unit_name, m.period_start, m.grain,
       m.indicator_code, i.name_zh AS indicator_name_zh, i.name_en AS indicator_name_en,
       i.unit AS value_unit, i.direction,
       coalesce(medalliance.numerator(m.state), m.amount) AS numerator,
       medalliance.denominator(m.state) AS denominator,
       CASE WHEN i.unit = 'percent' THEN 100 * medalliance.value(m.state) ELSE m.amount END AS value,
       CASE WHEN i.has_interval THEN 100 * medalliance.ci_lower(m.state) END AS ci_lower,
       CASE WHEN i.has_interval THEN 100 * medalliance.ci_upper(m.state) END AS ci_upper,
       m.months::integer AS months_with_data
FROM medalliance.indicator_period m
JOIN medalliance.indicator i ON i.indicator_code = m.indicator_code
LEFT JOIN medalliance.unit_directory u ON u.unit_level = m.unit_level AND u.unit_id = m.unit_id;
COMMENT ON VIEW medalliance.indicator_value IS
    '指标值 indicator values per unit and period (month, quarter, year), read from indicator_period (the stored merge of the monthly states): one row per (unit, period, indicator). Percent values are in percent; intervals are 95% Wilson intervals where meaningful.';
COMMENT ON COLUMN medalliance.indicator_value.unit_level IS '单位层级 institution, alliance, county, city or province.';
COMMENT ON COLUMN medalliance.indicator_value.unit_id IS '单位编号 institution_id, alliance_id or region_id.';
COMMENT ON COLUMN medalliance.indicator_value.unit_name IS '单位名称 the unit''s name.';
COMMENT ON COLUMN medalliance.indicator_value.period_start IS '期间起始 first day of the period.';
COMMENT ON COLUMN medalliance.indicator_value.grain IS '期间粒度 month, quarter or year.';
COMMENT ON COLUMN medalliance.indicator_value.indicator_code IS '指标代码 the indicator.';
COMMENT ON COLUMN medalliance.indicator_value.indicator_name_zh IS '指标名称 the Chinese name.';
COMMENT ON COLUMN medalliance.indicator_value.indicator_name_en IS '指标英文名 the English name.';
COMMENT ON COLUMN medalliance.indicator_value.value_unit IS '数值单位 the unit of value, numerator and target: percent (百分比, 0–100) or count (计数). Not the unit assessed (unit_level).';
COMMENT ON COLUMN medalliance.indicator_value.direction IS '方向 higher_better, lower_better, target_band or monitor_only.';
COMMENT ON COLUMN medalliance.indicator_value.numerator IS '分子 the numerator (the count, for count indicators).';
COMMENT ON COLUMN medalliance.indicator_value.denominator IS '分母 the denominator; NULL for count indicators.';
COMMENT ON COLUMN medalliance.indicator_value.value IS '指标值 the value: percent (0–100) or count; NULL when the denominator is 0.';
COMMENT ON COLUMN medalliance.indicator_value.ci_lower IS '置信下限 lower bound of the 95% Wilson interval, in percent; NULL where no interval applies.';
COMMENT ON COLUMN medalliance.indicator_value.ci_upper IS '置信上限 upper bound of the 95% Wilson interval, in percent.';
COMMENT ON COLUMN medalliance.indicator_value.months_with_data IS '有数据月数 months of the period with a stored state.';

CREATE VIEW medalliance.target_attainment AS
WITH yearly AS (
    SELECT v.*, extract(year FROM v.period_start)::smallint AS year FROM medalliance.indicator_value v
    WHERE v.grain = 'year'
), applicable AS (
    -- for each scheme, indicator and assessed year: the target of the latest
    -- target_year not after it (a past target only if it carries forward),
    -- else the earliest later one
    SELECT DISTINCT ON (t.scheme_code, t.indicator_code, t.region_id, y.year)
           t.*, y.year AS assessed_year,
           -- a column, not a LATERAL subquery, so that the baseline join below can hash
           coalesce(t.baseline_year, y.year - t.baseline_offset_years) AS assessed_baseline_year
    FROM medalliance.indicator_target t
    JOIN (SELECT DISTINCT indicator_code, year FROM yearly) y USING (indicator_code)
    WHERE t.carries_forward OR t.target_year >= y.year
    ORDER BY t.scheme_code, t.indicator_code, t.region_id, y.year,
             (t.target_year <= y.year) DESC,
             CASE WHEN t.target_year <= y.year THEN -t.target_year ELSE t.target_year END
), judged AS (
    -- a regional target, where one covers the unit, overrides the general one;
    -- a target judged at some levels only leaves the other levels out
    SELECT DISTINCT ON (a.scheme_code, a.indicator_code, cur.unit_level, cur.unit_id, a.assessed_year)
           a.scheme_code, a.document_code, cur.unit_level, cur.unit_id, cur.unit_name,
           a.assessed_year, cur.indicator_code, cur.indicator_name_zh, cur.indicator_name_en, cur.value_unit,
           a.target_year, a.target_kind, a.comparator, a.target_value, a.carries_forward, a.tolerance,
           a.source_text, a.definition_note,
           cur.numerator, cur.denominator, cur.value, cur.months_with_data,
           base.value AS baseline_value, a.assessed_baseline_year AS baseline_year,
           base.numerator AS base_numerator, base.denominator AS base_denominator,
           coalesce(a.min_denominator, i.min_denominator) AS min_denominator,
           CASE WHEN al.alliance_kind <> ALL (a.alliance_kinds)
                THEN format('target not meant for %s (only %s)', al.alliance_kind, array_to_string(a.alliance_kinds, ', '))
           END AS not_applicable,
           CASE WHEN cur.value_unit = 'percent' THEN 100 ELSE 1 END AS scale,
           coalesce(cur.denominator, 1) AS d1, coalesce(base.denominator, 1) AS d0
    FROM applicable a
    JOIN medalliance.indicator i ON i.indicator_code = a.indicator_code
    JOIN yearly cur ON cur.indicator_code = a.indicator_code AND cur.year = a.assessed_year
    JOIN medalliance.unit_directory u ON u.unit_level = cur.unit_level AND u.unit_id = cur.unit_id
    LEFT JOIN medalliance.alliance al ON cur.unit_level = 'alliance' AND al.alliance_id = cur.unit_id
    -- the baseline year's stored row, looked up by its key: a join with
    -- yearly was planned as a nested loop over the whole CTE wherever the
    -- query filters the rows (a year's alliances: 0.25 s at scale 0.1).  It
    -- reads indicator_period and repeats indicator_value's numerator,
    -- denominator and value (keep the three alike): through indicator_value
    -- each lookup joined the unit names too, and a whole read took 3.7 s
    -- instead of 0.09 s at scale 1.
    LEFT JOIN LATERAL (
        SELECT coalesce(medalliance.numerator(p.state), p.amount) AS numerator,
               medalliance.denominator(p.state) AS denominator,
               CASE WHEN i.unit = 'percent' THEN 100 * medalliance.value(p.state) ELSE p.amount END AS value
        FROM medalliance.indicator_period p
        WHERE p.indicator_code = a.indicator_code AND p.unit_level = cur.unit_level AND p.unit_id = cur.unit_id
          AND p.grain = 'year' AND p.period_start = make_date(a.assessed_baseline_year, 1, 1)
    ) base ON true
    WHERE (a.region_id IS NULL
           OR a.region_id IN (u.county_id, u.city_id, u.province_id)
           OR (cur.unit_level IN ('county', 'city', 'province') AND a.region_id = cur.unit_id))
      AND (a.unit_levels IS NULL OR cur.unit_level = ANY (a.unit_levels))
    ORDER BY a.scheme_code, a.indicator_code, cur.unit_level, cur.unit_id, a.assessed_year,
             (a.region_id IS NULL)
), decided AS (
    SELECT j.*,
           CASE
               WHEN j.not_applicable IS NOT NULL THEN j.not_applicable
               WHEN j.value_unit = 'percent' AND coalesce(j.denominator, 0) = 0 THEN 'no denominator'
               WHEN j.value_unit = 'percent' AND j.denominator < j.min_denominator
                   THEN format('sample below minimum (%s < %s)', j.denominator, j.min_denominator)
               WHEN j.target_kind <> 'absolute' AND j.baseline_year >= j.assessed_year
                   THEN format('baseline %s is not before the assessed year', j.baseline_year)
               WHEN j.target_kind <> 'absolute' AND j.baseline_value IS NULL
                   THEN format('baseline %s missing', j.baseline_year)
               WHEN j.target_kind = 'relative_growth' AND j.base_numerator = 0
                   THEN format('baseline %s is zero: growth undefined', j.baseline_year)
           END AS reason,
           -- exact comparisons in numeric: value (scale·n/d) against the target
           CASE j.target_kind
               WHEN 'absolute' THEN
                   (j.scale * j.numerator::numeric) - j.target_value * j.d1
               WHEN 'relative_growth' THEN
                   100 * (j.numerator::numeric * j.d0 - j.base_numerator::numeric * j.d1)
                   - j.target_value * j.base_numerator::numeric * j.d1
               ELSE -- change_pp, and direction (target_value 0): the change in the indicator's unit
                   j.scale * (j.numerator::numeric * j.d0 - j.base_numerator::numeric * j.d1)
                   - j.target_value * j.d1 * j.d0
           END AS margin,
           -- the tolerance in the same scaled units as margin
           j.tolerance * CASE j.target_kind WHEN 'absolute' THEN j.d1
                                            WHEN 'relative_growth' THEN j.base_numerator::numeric * j.d1
                                            ELSE j.d1 * j.d0 END AS tolerance_margin
    FROM judged j
), statused AS (
    SELECT d.*,
           CASE WHEN d.reason IS NOT NULL THEN 'not_assessable'
                WHEN CASE d.comparator WHEN '>=' THEN d.margin >= 0 WHEN '>' THEN d.margin > 0
                                       WHEN '<=' THEN d.margin <= 0 ELSE d.margin < 0 END THEN 'met'
                ELSE 'not_met' END AS status
    FROM decided d
)
SELECT d.scheme_code, d.document_code, d.unit_level, d.unit_id, d.unit_name,
       make_date(d.assessed_year, 1, 1) AS period_start, 'year'::text AS grain,
       d.indicator_code, d.indicator_name_zh, d.indicator_name_en, d.value_unit,
       d.target_year, d.target_kind, d.comparator, d.target_value::double precision AS target_value,
       d.numerator, d.denominator, d.value,
       d.baseline_year, d.baseline_value,
       CASE WHEN d.target_kind <> 'absolute' AND d.value_unit = 'percent' THEN d.value - d.baseline_value END
           AS change_pp,
       CASE WHEN d.target_kind = 'relative_growth' AND d.baseline_value <> 0
            THEN 100 * (d.value - d.baseline_value) / d.baseline_value END AS growth_percent,
       d.status,
       d.reason,
       CASE WHEN d.reason IS NULL OR d.reason LIKE 'sample below%' THEN
           CASE d.target_kind
               WHEN 'absolute' THEN d.value - d.target_value
               WHEN 'relative_growth' THEN 100 * (d.value - d.baseline_value) / nullif(d.baseline_value, 0) - d.target_value
               ELSE (d.value - d.baseline_value) - d.target_value
           END END::double precision AS gap,
       (d.value_unit = 'percent' AND d.denominator > 0 AND d.denominator < d.min_denominator) AS small_sample,
       d.months_with_data,
       d.carries_forward,
       d.tolerance::double precision AS tolerance,
       CASE WHEN d.status = 'not_assessable' OR d.tolerance IS NULL THEN NULL
            WHEN d.status = 'met' THEN true
            WHEN d.comparator IN ('>=', '>') THEN d.margin + d.tolerance_margin >= 0
            ELSE d.margin - d.tolerance_margin <= 0 END AS within_tolerance,
       d.source_text,
       d.definition_note,
       d.rate_ci_lower AS ci_lower,
       d.rate_ci_upper AS ci_upper,
       CASE WHEN d.judged_as_rate
            THEN (medalliance.rate_test(medalliance.rate(d.numerator, d.denominator),
                                        d.target_value::double precision)).exact_p_value END AS p_value,
       CASE WHEN d.rate_ci_lower > d.target_value THEN 'clearly_above'
            WHEN d.rate_ci_upper < d.target_value THEN 'clearly_below'
            WHEN d.judged_as_rate THEN 'within_noise' END AS verdict
FROM (SELECT j.*,
             CASE WHEN j.judged_as_rate THEN 100 * medalliance.ci_lower(medalliance.rate(j.numerator, j.denominator)) END
                 AS rate_ci_lower,
             CASE WHEN j.judged_as_rate THEN 100 * medalliance.ci_upper(medalliance.rate(j.numerator, j.denominator)) END
                 AS rate_ci_upper
      FROM (SELECT x.*, x.target_kind = 'absolute' AND x.value_unit = 'percent' AND x.denominator > 0
                        AND x.status <> 'not_assessable' AND x.target_value BETWEEN 0 AND 100 AS judged_as_rate
            FROM statused x) j) d;
COMMENT ON VIEW medalliance.target_attainment IS
    '目标达成 attainment of each scheme''s targets by each unit and assessed year: met, not_met or not_assessable (with the reason: not meant for the alliance''s kind, no denominator, baseline missing or not before the year, sample below the minimum). A target set for some levels only (每个县…) has rows for those levels only. Decisions compare numerators and denominators exactly; gap is value minus target (for change and direction targets, change minus required change). For 左右 / 力争 targets, within_tolerance shows whether the value is within the tolerance beside the exact status.';
COMMENT ON COLUMN medalliance.target_attainment.ci_lower IS '置信下限 lower bound of the 95% Wilson interval of the value, in percent (absolute targets on rates only).';
COMMENT ON COLUMN medalliance.target_attainment.ci_upper IS '置信上限 upper bound of the 95% Wilson interval, in percent.';
COMMENT ON COLUMN medalliance.target_attainment.p_value IS '检验P值 the exact binomial two-sided p-value of the value against the target (rate_test), a probability 0–1; where the denominator counts a whole population it measures year-to-year variation, not sampling error (README).';
COMMENT ON COLUMN medalliance.target_attainment.verdict IS '判定 clearly_above (明显高于) or clearly_below (明显低于) when the target lies outside the 95% interval, within_noise (差异不明显) otherwise; NULL where the target is not a fixed rate.';
COMMENT ON COLUMN medalliance.target_attainment.scheme_code IS '方案 the targets scheme.';
COMMENT ON COLUMN medalliance.target_attainment.document_code IS '依据文件 the document that sets the target.';
COMMENT ON COLUMN medalliance.target_attainment.unit_level IS '单位层级 institution, alliance, county, city or province.';
COMMENT ON COLUMN medalliance.target_attainment.unit_id IS '单位编号 institution_id, alliance_id or region_id.';
COMMENT ON COLUMN medalliance.target_attainment.unit_name IS '单位名称 the unit''s name.';
COMMENT ON COLUMN medalliance.target_attainment.period_start IS '考核年度起始 first day of the assessed year.';
COMMENT ON COLUMN medalliance.target_attainment.grain IS '期间粒度 year (targets are annual).';
COMMENT ON COLUMN medalliance.target_attainment.months_with_data IS
    '有数据月数 months of the assessed year with a stored state: fewer than 12 means a partial year (a flow then counts only those months).';
COMMENT ON COLUMN medalliance.target_attainment.indicator_code IS '指标代码 the indicator.';
COMMENT ON COLUMN medalliance.target_attainment.indicator_name_zh IS '指标名称 the Chinese name.';
COMMENT ON COLUMN medalliance.target_attainment.indicator_name_en IS '指标英文名 the English name.';
COMMENT ON COLUMN medalliance.target_attainment.value_unit IS '数值单位 the unit of value and target_value: percent (百分比, 0–100) or count (计数). Not the unit assessed (unit_level).';
COMMENT ON COLUMN medalliance.target_attainment.target_year IS '目标年度 the year the applied target was set for.';
COMMENT ON COLUMN medalliance.target_attainment.target_kind IS '目标类型 absolute, change_pp, relative_growth or direction (逐年提高: above the baseline).';
COMMENT ON COLUMN medalliance.target_attainment.comparator IS '比较 >=, <=, > or <.';
COMMENT ON COLUMN medalliance.target_attainment.target_value IS '目标值 percent, count, percentage points or percent growth, by target_kind (0 for direction).';
COMMENT ON COLUMN medalliance.target_attainment.numerator IS '分子 the numerator (the count, for count indicators).';
COMMENT ON COLUMN medalliance.target_attainment.denominator IS '分母 the denominator.';
COMMENT ON COLUMN medalliance.target_attainment.value IS '指标值 the value in the assessed year.';
COMMENT ON COLUMN medalliance.target_attainment.baseline_year IS '基线年度 the baseline year of a change or direction target: fixed (较试点前, 与2017年相比) or the assessed year minus the offset.';
COMMENT ON COLUMN medalliance.target_attainment.baseline_value IS '基线值 the value in the baseline year.';
COMMENT ON COLUMN medalliance.target_attainment.change_pp IS '变化(百分点) change over the baseline in percentage points.';
COMMENT ON COLUMN medalliance.target_attainment.growth_percent IS '增长率 relative growth over the baseline, in percent.';
COMMENT ON COLUMN medalliance.target_attainment.status IS '达标状态 met (达标), not_met (未达标) or not_assessable (无法评价).';
COMMENT ON COLUMN medalliance.target_attainment.reason IS '原因 why a row is not assessable.';
COMMENT ON COLUMN medalliance.target_attainment.gap IS '差距 value minus target (change minus required change for change targets); positive is above the target.';
COMMENT ON COLUMN medalliance.target_attainment.small_sample IS '小样本 true when the denominator is below the minimum: shown, not judged.';
COMMENT ON COLUMN medalliance.target_attainment.carries_forward IS '延续适用 false when the applied target is for its own year only.';
COMMENT ON COLUMN medalliance.target_attainment.tolerance IS '容差 the tolerance of a 左右 / 力争 target, in the target''s unit (percent, count, percentage points or percent growth); NULL for none.';
COMMENT ON COLUMN medalliance.target_attainment.within_tolerance IS '容差内达标 for a target with a tolerance: true when met or short of it by no more than the tolerance; NULL without a tolerance or when not assessable.';
COMMENT ON COLUMN medalliance.target_attainment.source_text IS '原文 the document''s words for the target, verbatim.';
COMMENT ON COLUMN medalliance.target_attainment.definition_note IS '口径说明 how the indicator''s definition meets the document''s words, where they differ.';

GRANT SELECT ON medalliance.indicator_value, medalliance.target_attainment TO medalliance_reader;
