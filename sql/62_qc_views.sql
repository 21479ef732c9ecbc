-- Quality control (质控), the views BI tools read: every one answers from the
-- rows refresh_qc() stored (sql/61_qc_refresh.sql).

-- Views for BI tools (read only stored rows) -------------------------------------

CREATE VIEW medalliance.qc_member AS
SELECT s.scheme_code, s.alliance_id, a.alliance_name, s.institution_id, i.institution_name, i.institution_level,
       s.is_lead, s.period_start, s.grain, s.months,
       s.inspection_score, s.items_inspected, s.items_total,
       s.measure_score, s.measures_assessed, s.measures_total,
       s.inspection_weight_used, s.measure_weight_used,
       s.total_score, 100 * s.coverage AS coverage_pct, s.grade,
       CASE WHEN s.total_score IS NULL THEN 'not_assessable' ELSE 'assessed' END AS status,
       CASE WHEN s.total_score IS NULL THEN 'no inspection and no measure with enough data in the period' END AS reason,
       s.member_volume
FROM medalliance.qc_member_score s
JOIN medalliance.alliance a ON a.alliance_id = s.alliance_id
JOIN medalliance.institution i ON i.institution_id = s.institution_id;
COMMENT ON VIEW medalliance.qc_member IS
    '成员质控得分 QC scores of each member per scheme and period (month, quarter, year), from the stored summaries of refresh_qc(): inspection part, measure part, total (scores 0–100), the weights used after renormalisation, coverage (percent 0–100) and grade.';
COMMENT ON COLUMN medalliance.qc_member.scheme_code IS '方案 the QC scheme.';
COMMENT ON COLUMN medalliance.qc_member.alliance_id IS '医联体编号 the alliance.';
COMMENT ON COLUMN medalliance.qc_member.alliance_name IS '医联体名称 the alliance''s name.';
COMMENT ON COLUMN medalliance.qc_member.institution_id IS '成员机构编号 the member.';
COMMENT ON COLUMN medalliance.qc_member.institution_name IS '成员机构名称 the member''s name.';
COMMENT ON COLUMN medalliance.qc_member.institution_level IS '机构层级 the member''s level.';
COMMENT ON COLUMN medalliance.qc_member.is_lead IS '牵头单位 true for the lead institution.';
COMMENT ON COLUMN medalliance.qc_member.period_start IS '期间起始 first day of the period.';
COMMENT ON COLUMN medalliance.qc_member.grain IS '期间粒度 month, quarter or year.';
COMMENT ON COLUMN medalliance.qc_member.months IS '月数 months of the period in which the member was scored.';
COMMENT ON COLUMN medalliance.qc_member.inspection_score IS '检查得分 score 0–100: 100·Σ points kept / Σ full points over the items inspected; NULL when none was.';
COMMENT ON COLUMN medalliance.qc_member.items_inspected IS '受检项目数 items of the scheme inspected in the period.';
COMMENT ON COLUMN medalliance.qc_member.items_total IS '检查项目数 items in the scheme.';
COMMENT ON COLUMN medalliance.qc_member.measure_score IS '指标得分 score 0–100: Σ w·points / Σ w over the measures assessed; NULL when none was.';
COMMENT ON COLUMN medalliance.qc_member.measures_assessed IS '评估指标数 measures with enough data (denominator >= the minimum).';
COMMENT ON COLUMN medalliance.qc_member.measures_total IS '指标数 measures in the scheme.';
COMMENT ON COLUMN medalliance.qc_member.inspection_weight_used IS '检查权重(实际) weight 0–1 of the inspection part in the total after renormalisation; NULL when not assessed.';
COMMENT ON COLUMN medalliance.qc_member.measure_weight_used IS '指标权重(实际) weight 0–1 of the measure part after renormalisation; NULL when not assessed.';
COMMENT ON COLUMN medalliance.qc_member.total_score IS '质控总分 score 0–100; NULL when not assessable.';
COMMENT ON COLUMN medalliance.qc_member.coverage_pct IS '覆盖率 percent 0–100 of the scheme''s weight assessed (inspection part, and the measures'' weights).';
COMMENT ON COLUMN medalliance.qc_member.grade IS '等级 the grade of the total (qc_grade).';
COMMENT ON COLUMN medalliance.qc_member.status IS '状态 assessed or not_assessable.';
COMMENT ON COLUMN medalliance.qc_member.reason IS '原因 why the member is not_assessable.';
COMMENT ON COLUMN medalliance.qc_member.member_volume IS '诊疗量 encounters at the member in the period (its weight under volume weighting).';

CREATE VIEW medalliance.qc_alliance AS
WITH members AS (
    SELECT s.scheme_code, s.alliance_id, s.period_start, s.grain,
           count(*)::integer AS members,
           count(s.total_score)::integer AS members_scored,
           avg(s.total_score) AS equal_weighted_score,
           sum(s.member_volume * s.total_score) FILTER (WHERE s.total_score IS NOT NULL)
               / nullif(sum(s.member_volume) FILTER (WHERE s.total_score IS NOT NULL), 0) AS volume_weighted_score,
           medalliance.dispersion(s.total_score) AS d,
           medalliance.gini(s.total_score) AS gini,
           max(s.total_score) FILTER (WHERE s.is_lead) AS lead_score,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY s.total_score) FILTER (WHERE NOT s.is_lead) AS median_member_score,
           sum(s.coverage * s.member_volume) / nullif(sum(s.member_volume), 0) AS volume_coverage,
           avg(s.coverage) AS equal_coverage
    FROM medalliance.qc_member_score s
    GROUP BY s.scheme_code, s.alliance_id, s.period_start, s.grain
)
SELECT m.scheme_code, m.alliance_id, a.alliance_name, a.alliance_kind, m.period_start, m.grain,
       st.member_weighting,
       CASE st.member_weighting WHEN 'volume' THEN m.volume_weighted_score ELSE m.equal_weighted_score END AS score,
       m.volume_weighted_score, m.equal_weighted_score,
       (SELECT g.grade FROM medalliance.qc_grade g
        WHERE g.scheme_code = m.scheme_code
          AND g.min_score <= CASE st.member_weighting WHEN 'volume' THEN m.volume_weighted_score ELSE m.equal_weighted_score END
        ORDER BY g.min_score DESC LIMIT 1) AS grade,
       m.members, m.members_scored,
       (m.d).mean AS mean_member_score, (m.d).sd AS sd_member_score, (m.d).cv AS cv,
       100 * (1 - (m.d).cv) AS homogeneity_index,
       m.gini, (m.d).min AS min_member_score, (m.d).max AS max_member_score, (m.d).max_min_ratio,
       m.lead_score, m.median_member_score, m.lead_score - m.median_member_score AS lead_member_gap,
       100 * CASE st.member_weighting WHEN 'volume' THEN coalesce(m.volume_coverage, m.equal_coverage)
                  ELSE m.equal_coverage END AS coverage_pct
FROM members m
JOIN medalliance.qc_setting st ON st.scheme_code = m.scheme_code
JOIN medalliance.alliance a ON a.alliance_id = m.alliance_id;
COMMENT ON VIEW medalliance.qc_alliance IS
    '医联体质控评价 QC of each alliance per scheme and period, from the stored member scores: the volume-weighted and equal-weighted scores (0–100), the grade of the one the scheme weighs by, and the homogeneity (同质化) of the members'' totals: n, mean, sd, CV, 100·(1 − CV), Gini, min, max, max/min, and the gap between the lead and the median member.';
COMMENT ON COLUMN medalliance.qc_alliance.scheme_code IS '方案 the QC scheme.';
COMMENT ON COLUMN medalliance.qc_alliance.alliance_id IS '医联体编号 the alliance.';
COMMENT ON COLUMN medalliance.qc_alliance.alliance_name IS '医联体名称 the alliance''s name.';
COMMENT ON COLUMN medalliance.qc_alliance.alliance_kind IS '医联体类型 the alliance kind.';
COMMENT ON COLUMN medalliance.qc_alliance.period_start IS '期间起始 first day of the period.';
COMMENT ON COLUMN medalliance.qc_alliance.grain IS '期间粒度 month, quarter or year.';
COMMENT ON COLUMN medalliance.qc_alliance.member_weighting IS '成员权重 volume or equal: which score is the alliance''s (qc_setting).';
COMMENT ON COLUMN medalliance.qc_alliance.score IS '质控得分 score 0–100: volume_weighted_score or equal_weighted_score as the scheme says.';
COMMENT ON COLUMN medalliance.qc_alliance.volume_weighted_score IS '按量加权得分 score 0–100: Σ volume·total / Σ volume over members with a total.';
COMMENT ON COLUMN medalliance.qc_alliance.equal_weighted_score IS '等权得分 score 0–100: mean of the members'' totals.';
COMMENT ON COLUMN medalliance.qc_alliance.grade IS '等级 the grade of score (qc_grade).';
COMMENT ON COLUMN medalliance.qc_alliance.members IS '成员数 members scored under the scheme in the period.';
COMMENT ON COLUMN medalliance.qc_alliance.members_scored IS '有得分成员数 members with a total.';
COMMENT ON COLUMN medalliance.qc_alliance.mean_member_score IS '成员均分 score 0–100: mean of the members'' totals (= equal_weighted_score).';
COMMENT ON COLUMN medalliance.qc_alliance.sd_member_score IS '成员标准差 sample standard deviation of the members'' totals (score points); NULL for one member.';
COMMENT ON COLUMN medalliance.qc_alliance.cv IS '变异系数 sd / mean, a fraction.';
COMMENT ON COLUMN medalliance.qc_alliance.homogeneity_index IS '同质化指数 100·(1 − CV) (indicators.md D1).';
COMMENT ON COLUMN medalliance.qc_alliance.gini IS '基尼系数 Gini coefficient of the members'' totals, 0 (even) to 1.';
COMMENT ON COLUMN medalliance.qc_alliance.min_member_score IS '成员最低分 score 0–100.';
COMMENT ON COLUMN medalliance.qc_alliance.max_member_score IS '成员最高分 score 0–100.';
COMMENT ON COLUMN medalliance.qc_alliance.max_min_ratio IS '极值比 max / min of the members'' totals; NULL when the min is 0.';
COMMENT ON COLUMN medalliance.qc_alliance.lead_score IS '牵头单位得分 score 0–100 of the lead institution (NULL when it is not scored under the scheme).';
COMMENT ON COLUMN medalliance.qc_alliance.median_member_score IS '成员中位数 score 0–100: median of the other members'' totals.';
COMMENT ON COLUMN medalliance.qc_alliance.lead_member_gap IS '牵头—成员差距 lead_score − median_member_score, in score points.';
COMMENT ON COLUMN medalliance.qc_alliance.coverage_pct IS '覆盖率 percent 0–100 of the scheme''s weight assessed, over members (weighted as the score).';

CREATE VIEW medalliance.qc_funnel AS
SELECT f.measure_code, m.name_zh AS measure_name_zh, m.name_en AS measure_name_en, m.higher_is_better,
       f.peer_group, f.institution_id, i.institution_name, i.institution_level,
       f.period_start, f.grain, f.numerator, f.denominator,
       100 * f.numerator::double precision / f.denominator AS rate_pct,
       100 * (f.point).pooled_rate AS pooled_rate_pct, (f.point).units, (f.point).z_score,
       100 * (f.point).inner_lower AS lower_95_pct, 100 * (f.point).inner_upper AS upper_95_pct,
       100 * (f.point).outer_lower AS lower_998_pct, 100 * (f.point).outer_upper AS upper_998_pct,
       (f.point).zone,
       (f.point_adjusted).overdispersion,
       100 * (f.point_adjusted).inner_lower AS adjusted_lower_95_pct, 100 * (f.point_adjusted).inner_upper AS adjusted_upper_95_pct,
       100 * (f.point_adjusted).outer_lower AS adjusted_lower_998_pct, 100 * (f.point_adjusted).outer_upper AS adjusted_upper_998_pct,
       (f.point_adjusted).zone AS adjusted_zone
FROM medalliance.qc_funnel_point f
JOIN medalliance.qc_measure m ON m.measure_code = f.measure_code
JOIN medalliance.institution i ON i.institution_id = f.institution_id;
COMMENT ON VIEW medalliance.qc_funnel IS
    '质量指标漏斗图 funnel plot of each quality measure per period (Spiegelhalter 2005): each institution''s rate against the pooled rate of its peer group (hospitals or primary care), with the exact binomial 95% and 99.8% limits at its denominator, and the limits widened for over-dispersion. Rates and limits in percent 0–100.';
COMMENT ON COLUMN medalliance.qc_funnel.measure_code IS '质量指标 the measure.';
COMMENT ON COLUMN medalliance.qc_funnel.measure_name_zh IS '指标名称 the measure, in Chinese.';
COMMENT ON COLUMN medalliance.qc_funnel.measure_name_en IS '英文名称 the measure, in English.';
COMMENT ON COLUMN medalliance.qc_funnel.higher_is_better IS '方向 true when higher is better: then below_* zones are the alarms.';
COMMENT ON COLUMN medalliance.qc_funnel.peer_group IS '比较组 hospital or primary_care.';
COMMENT ON COLUMN medalliance.qc_funnel.institution_id IS '机构编号 the institution.';
COMMENT ON COLUMN medalliance.qc_funnel.institution_name IS '机构名称 the institution''s name.';
COMMENT ON COLUMN medalliance.qc_funnel.institution_level IS '机构层级 the institution''s level.';
COMMENT ON COLUMN medalliance.qc_funnel.period_start IS '期间起始 first day of the period.';
COMMENT ON COLUMN medalliance.qc_funnel.grain IS '期间粒度 month, quarter or year.';
COMMENT ON COLUMN medalliance.qc_funnel.numerator IS '分子 numerator merged over the period.';
COMMENT ON COLUMN medalliance.qc_funnel.denominator IS '分母 denominator merged over the period (the funnel''s x axis).';
COMMENT ON COLUMN medalliance.qc_funnel.rate_pct IS '比率 percent 0–100.';
COMMENT ON COLUMN medalliance.qc_funnel.pooled_rate_pct IS '合并率 percent 0–100: Σ numerators / Σ denominators of the peer group.';
COMMENT ON COLUMN medalliance.qc_funnel.units IS '单位数 institutions in the peer group.';
COMMENT ON COLUMN medalliance.qc_funnel.z_score IS 'Z值 (rate − pooled)/sqrt(pooled(1 − pooled)/denominator).';
COMMENT ON COLUMN medalliance.qc_funnel.lower_95_pct IS '95%下限 percent 0–100, exact binomial.';
COMMENT ON COLUMN medalliance.qc_funnel.upper_95_pct IS '95%上限 percent 0–100, exact binomial.';
COMMENT ON COLUMN medalliance.qc_funnel.lower_998_pct IS '99.8%下限 percent 0–100, exact binomial.';
COMMENT ON COLUMN medalliance.qc_funnel.upper_998_pct IS '99.8%上限 percent 0–100, exact binomial.';
COMMENT ON COLUMN medalliance.qc_funnel.zone IS '区域 above_outer, above_inner, within, below_inner or below_outer (exact limits).';
COMMENT ON COLUMN medalliance.qc_funnel.overdispersion IS '过度离散系数 φ from the winsorised z-scores of the peer group.';
COMMENT ON COLUMN medalliance.qc_funnel.adjusted_lower_95_pct IS '校正95%下限 percent 0–100: normal limit widened by sqrt(max(φ, 1)).';
COMMENT ON COLUMN medalliance.qc_funnel.adjusted_upper_95_pct IS '校正95%上限 percent 0–100.';
COMMENT ON COLUMN medalliance.qc_funnel.adjusted_lower_998_pct IS '校正99.8%下限 percent 0–100.';
COMMENT ON COLUMN medalliance.qc_funnel.adjusted_upper_998_pct IS '校正99.8%上限 percent 0–100.';
COMMENT ON COLUMN medalliance.qc_funnel.adjusted_zone IS '校正区域 the zone against the over-dispersion-adjusted limits.';

CREATE VIEW medalliance.qc_item_loss AS
WITH periods AS (
    SELECT mm.scheme_code, mm.alliance_id, mm.institution_id, s.item_code, s.inspections, s.full_points, s.points_kept,
           g.grain, date_trunc(g.grain, s.period_start)::date AS period_start
    FROM medalliance.qc_item_state s
    JOIN medalliance.qc_member_month mm
      ON mm.scheme_code = s.scheme_code AND mm.institution_id = s.institution_id AND mm.period_start = s.period_start
    CROSS JOIN (VALUES ('month'), ('quarter'), ('year')) AS g(grain)
)
SELECT p.scheme_code, p.alliance_id, p.institution_id, i.institution_name, p.period_start, p.grain,
       p.item_code, it.name_zh AS item_name_zh, it.name_en AS item_name_en,
       sum(p.inspections)::integer AS inspections,
       sum(p.full_points) AS full_points,
       sum(p.full_points) - sum(p.points_kept) AS points_lost,
       100 * (sum(p.full_points) - sum(p.points_kept)) / sum(p.full_points) AS points_lost_pct
FROM periods p
JOIN medalliance.qc_item it ON it.item_code = p.item_code
JOIN medalliance.institution i ON i.institution_id = p.institution_id
GROUP BY p.scheme_code, p.alliance_id, p.institution_id, i.institution_name, p.period_start, p.grain,
         p.item_code, it.name_zh, it.name_en;
COMMENT ON VIEW medalliance.qc_item_loss IS
    '失分项目 where inspection points were lost: per scheme, alliance, member, period and item, the inspections, the full points and the points lost after caps, from the stored item states.';
COMMENT ON COLUMN medalliance.qc_item_loss.scheme_code IS '方案 the QC scheme.';
COMMENT ON COLUMN medalliance.qc_item_loss.alliance_id IS '医联体编号 the alliance.';
COMMENT ON COLUMN medalliance.qc_item_loss.institution_id IS '成员机构编号 the member.';
COMMENT ON COLUMN medalliance.qc_item_loss.institution_name IS '成员机构名称 the member''s name.';
COMMENT ON COLUMN medalliance.qc_item_loss.period_start IS '期间起始 first day of the period.';
COMMENT ON COLUMN medalliance.qc_item_loss.grain IS '期间粒度 month, quarter or year.';
COMMENT ON COLUMN medalliance.qc_item_loss.item_code IS '检查项目 the item.';
COMMENT ON COLUMN medalliance.qc_item_loss.item_name_zh IS '项目名称 the item, in Chinese.';
COMMENT ON COLUMN medalliance.qc_item_loss.item_name_en IS '英文名称 the item, in English.';
COMMENT ON COLUMN medalliance.qc_item_loss.inspections IS '检查次数 inspections of the item in the period.';
COMMENT ON COLUMN medalliance.qc_item_loss.full_points IS '标准分合计 the item''s full points (scheme points) times the inspections.';
COMMENT ON COLUMN medalliance.qc_item_loss.points_lost IS '失分 points deducted after rescaling and caps.';
COMMENT ON COLUMN medalliance.qc_item_loss.points_lost_pct IS '失分率 percent 0–100 of the full points lost.';

GRANT SELECT ON medalliance.qc_member, medalliance.qc_alliance, medalliance.qc_funnel, medalliance.qc_item_loss
    TO medalliance_reader;
GRANT SELECT ON medalliance.qc_item, medalliance.qc_measure, medalliance.qc_rule, medalliance.qc_setting,
                medalliance.qc_scheme_item, medalliance.qc_scheme_measure, medalliance.qc_grade,
                medalliance.qc_member_month, medalliance.qc_item_state, medalliance.qc_measure_state,
                medalliance.qc_member_measure, medalliance.qc_member_score, medalliance.qc_funnel_point
    TO medalliance_analyst;
GRANT INSERT, UPDATE, DELETE ON medalliance.qc_item, medalliance.qc_measure, medalliance.qc_setting,
                medalliance.qc_scheme_item, medalliance.qc_scheme_measure, medalliance.qc_grade,
                medalliance.qc_member_month, medalliance.qc_item_state, medalliance.qc_measure_state,
                medalliance.qc_member_measure, medalliance.qc_member_score, medalliance.qc_funnel_point
    TO medalliance_admin;
