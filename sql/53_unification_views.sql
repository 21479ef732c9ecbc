-- Six-unifications views for BI tools (六统一视图): members and alliances per
-- period, read from the roll-ups refresh_unification() stores (52_*): no
-- merging or item-level work at read time, only joins to names and
-- configuration (member weighting, dimension weights, grades), which thus
-- take effect without a refresh.  The audit view unification_item_result
-- unnests the compact trail.

-- Views for BI tools ---------------------------------------------------------

CREATE VIEW medalliance.unification_member AS
SELECT k.scheme_code, m.alliance_id, a.alliance_name, k.institution_id, i.institution_name, i.institution_level,
       m.period_start, m.grain, m.months_with_data::integer AS months_with_data,
       d.dimension_code, d.dimension_no, d.name_zh AS dimension_name_zh, d.name_en AS dimension_name_en,
       m.score, m.items_assessed::bigint AS items_assessed, m.items_met::bigint AS items_met,
       m.items_not_assessed::bigint AS items_not_assessed,
       (m.items_assessed + m.items_not_assessed)::bigint AS items_total,
       100 * m.items_assessed::double precision / (m.items_assessed + m.items_not_assessed) AS coverage,
       CASE WHEN m.items_met < m.items_assessed THEN 'not_met'
            WHEN m.items_not_assessed = 0 THEN 'met'
            ELSE 'not_assessable' END AS status,
       CASE WHEN m.items_met = m.items_assessed AND m.items_not_assessed > 0
            THEN format('%s of %s item-months without evidence', m.items_not_assessed,
                        m.items_assessed + m.items_not_assessed) END AS reason,
       m.member_volume
FROM medalliance.unification_member_period m
-- the names join the keys (one row per member and dimension), the keys the
-- period rows by one integer
JOIN medalliance.unification_member_key k ON k.member_key = m.member_key
JOIN medalliance.unification_dimension d ON d.scheme_code = k.scheme_code AND d.dimension_no = k.dimension_no
JOIN medalliance.alliance a ON a.alliance_id = k.alliance_id
JOIN medalliance.institution i ON i.institution_id = k.institution_id;
COMMENT ON VIEW medalliance.unification_member IS
    '成员六统一得分 compliance of each member per scheme, period (month, quarter, year) and dimension, read from unification_member_period (the stored merge of the monthly states). Item counts are item-months: a quarter counts each item once per month.';
COMMENT ON COLUMN medalliance.unification_member.scheme_code IS '方案 the checklist scheme.';
COMMENT ON COLUMN medalliance.unification_member.alliance_id IS '医联体编号 the alliance.';
COMMENT ON COLUMN medalliance.unification_member.alliance_name IS '医联体名称 the alliance''s name.';
COMMENT ON COLUMN medalliance.unification_member.institution_id IS '成员机构编号 the member.';
COMMENT ON COLUMN medalliance.unification_member.institution_name IS '成员机构名称 the member''s name.';
COMMENT ON COLUMN medalliance.unification_member.institution_level IS '机构层级 the member''s level (township_health_centre, village_clinic, …).';
COMMENT ON COLUMN medalliance.unification_member.period_start IS '期间起始 first day of the period.';
COMMENT ON COLUMN medalliance.unification_member.grain IS '期间粒度 month, quarter or year.';
COMMENT ON COLUMN medalliance.unification_member.months_with_data IS '有数据月数 months of the period with a stored state.';
COMMENT ON COLUMN medalliance.unification_member.dimension_code IS '维度代码 the dimension.';
COMMENT ON COLUMN medalliance.unification_member.dimension_no IS '维度序号 the dimension number 1–16.';
COMMENT ON COLUMN medalliance.unification_member.dimension_name_zh IS '维度名称 the Chinese name.';
COMMENT ON COLUMN medalliance.unification_member.dimension_name_en IS '维度英文名 the English name.';
COMMENT ON COLUMN medalliance.unification_member.score IS '维度得分 score 0–100, 100·Σ w·c / Σ w over the assessed item-months; NULL when none was assessed.';
COMMENT ON COLUMN medalliance.unification_member.items_assessed IS '评估项数 item-months with evidence.';
COMMENT ON COLUMN medalliance.unification_member.items_met IS '达标项数 item-months fully met (score 1).';
COMMENT ON COLUMN medalliance.unification_member.items_not_assessed IS '未评估项数 item-months without evidence.';
COMMENT ON COLUMN medalliance.unification_member.items_total IS '应评估项数 item-months on the member''s checklist.';
COMMENT ON COLUMN medalliance.unification_member.coverage IS '评估覆盖率 percent 0–100: 100 · items_assessed / items_total.';
COMMENT ON COLUMN medalliance.unification_member.status IS
    '达标状态 met (every item-month assessed and met: fully compliant), not_met (an assessed item not fully met) or not_assessable (all assessed met, some without evidence).';
COMMENT ON COLUMN medalliance.unification_member.reason IS '原因 why the dimension is not_assessable.';
COMMENT ON COLUMN medalliance.unification_member.member_volume IS '成员诊疗量 encounters at the member in the period (its weight under volume weighting).';

CREATE VIEW medalliance.unification_alliance_dimension AS
SELECT x.scheme_code, x.alliance_id, a.alliance_name, x.period_start, x.grain,
       d.dimension_code, d.dimension_no, d.name_zh AS dimension_name_zh, d.name_en AS dimension_name_en,
       coalesce(st.member_weighting, 'equal') AS member_weighting,
       CASE WHEN coalesce(st.member_weighting, 'equal') = 'volume' THEN x.score_volume ELSE x.score_equal END AS score,
       x.members, x.members_scored, x.members_fully_compliant,
       100 * x.members_fully_compliant::double precision / x.members AS share_fully_compliant,
       x.items_assessed, x.items_met, x.items_not_assessed,
       x.items_assessed + x.items_not_assessed AS items_total,
       100 * x.items_assessed::double precision / (x.items_assessed + x.items_not_assessed) AS coverage,
       x.min_member_score, x.max_member_score,
       x.months_with_data::integer AS months_with_data
FROM medalliance.unification_alliance_period_dimension x
JOIN medalliance.unification_dimension d ON d.scheme_code = x.scheme_code AND d.dimension_no = x.dimension_no
JOIN medalliance.alliance a ON a.alliance_id = x.alliance_id
LEFT JOIN medalliance.unification_setting st ON st.scheme_code = x.scheme_code;
COMMENT ON VIEW medalliance.unification_alliance_dimension IS
    '医联体维度得分 compliance of each alliance per scheme, period and dimension, for any checklist scheme (long form): the mean of its members'' dimension scores (equal weights, or weighted by member volume as unification_setting says, both stored in unification_alliance_period_dimension), the members fully compliant and the coverage.';
COMMENT ON COLUMN medalliance.unification_alliance_dimension.scheme_code IS '方案 the checklist scheme.';
COMMENT ON COLUMN medalliance.unification_alliance_dimension.alliance_id IS '医联体编号 the alliance.';
COMMENT ON COLUMN medalliance.unification_alliance_dimension.alliance_name IS '医联体名称 the alliance''s name.';
COMMENT ON COLUMN medalliance.unification_alliance_dimension.period_start IS '期间起始 first day of the period.';
COMMENT ON COLUMN medalliance.unification_alliance_dimension.grain IS '期间粒度 month, quarter or year.';
COMMENT ON COLUMN medalliance.unification_alliance_dimension.dimension_code IS '维度代码 the dimension.';
COMMENT ON COLUMN medalliance.unification_alliance_dimension.months_with_data IS
    '有数据月数 months of the period with a stored state (a year built from its first quarter shows 3).';
COMMENT ON COLUMN medalliance.unification_alliance_dimension.dimension_no IS '维度序号 the dimension number 1–16.';
COMMENT ON COLUMN medalliance.unification_alliance_dimension.dimension_name_zh IS '维度名称 the Chinese name.';
COMMENT ON COLUMN medalliance.unification_alliance_dimension.dimension_name_en IS '维度英文名 the English name.';
COMMENT ON COLUMN medalliance.unification_alliance_dimension.member_weighting IS '成员权重 equal or volume: how members weigh in score.';
COMMENT ON COLUMN medalliance.unification_alliance_dimension.score IS
    '维度得分 0–100: the mean of the members'' dimension scores (members without a score left out; by volume: Σ volume·score / Σ volume); NULL when no member has a score.';
COMMENT ON COLUMN medalliance.unification_alliance_dimension.members IS '成员数 members with this dimension on their checklist in the period.';
COMMENT ON COLUMN medalliance.unification_alliance_dimension.members_scored IS '有得分成员数 members with a score in the dimension.';
COMMENT ON COLUMN medalliance.unification_alliance_dimension.members_fully_compliant IS '完全达标成员数 members whose every item-month of the dimension was assessed and met.';
COMMENT ON COLUMN medalliance.unification_alliance_dimension.share_fully_compliant IS '完全达标成员占比 percent 0–100: 100 · members_fully_compliant / members.';
COMMENT ON COLUMN medalliance.unification_alliance_dimension.items_assessed IS '评估项数 member-item-months with evidence.';
COMMENT ON COLUMN medalliance.unification_alliance_dimension.items_met IS '达标项数 member-item-months fully met.';
COMMENT ON COLUMN medalliance.unification_alliance_dimension.items_not_assessed IS '未评估项数 member-item-months without evidence.';
COMMENT ON COLUMN medalliance.unification_alliance_dimension.items_total IS '应评估项数 member-item-months on the checklists.';
COMMENT ON COLUMN medalliance.unification_alliance_dimension.coverage IS '评估覆盖率 percent 0–100: 100 · items_assessed / items_total.';
COMMENT ON COLUMN medalliance.unification_alliance_dimension.min_member_score IS '成员最低分 the lowest member score in the dimension.';
COMMENT ON COLUMN medalliance.unification_alliance_dimension.max_member_score IS '成员最高分 the highest member score in the dimension.';

CREATE VIEW medalliance.unification_missing_evidence AS
SELECT e.scheme_code, e.alliance_id, a.alliance_name, e.period_start, e.grain, e.item_code,
       it.dimension_code, it.text_zh AS item_text_zh, it.text_en AS item_text_en, it.evidence_kind,
       e.members_without_evidence, e.members, e.member_months_without_evidence, e.member_months,
       e.never_assessed
FROM medalliance.unification_missing_period e
JOIN medalliance.unification_item it ON it.scheme_code = e.scheme_code AND it.item_code = e.item_code
JOIN medalliance.alliance a ON a.alliance_id = e.alliance_id;
COMMENT ON VIEW medalliance.unification_missing_evidence IS
    '缺少佐证项目 attested checklist items without an evidence row in force for at least one member-month of the period, per alliance: what to collect and load into unification_evidence (stored in unification_missing_period). Derived items whose facts gave nothing to judge are not here but in unification_not_assessable.';
COMMENT ON COLUMN medalliance.unification_missing_evidence.scheme_code IS '方案 the checklist scheme.';
COMMENT ON COLUMN medalliance.unification_missing_evidence.alliance_id IS '医联体编号 the alliance.';
COMMENT ON COLUMN medalliance.unification_missing_evidence.alliance_name IS '医联体名称 the alliance''s name.';
COMMENT ON COLUMN medalliance.unification_missing_evidence.period_start IS '期间起始 first day of the period.';
COMMENT ON COLUMN medalliance.unification_missing_evidence.grain IS '期间粒度 month, quarter or year.';
COMMENT ON COLUMN medalliance.unification_missing_evidence.item_code IS '清单项目 the item.';
COMMENT ON COLUMN medalliance.unification_missing_evidence.dimension_code IS '维度 the item''s dimension.';
COMMENT ON COLUMN medalliance.unification_missing_evidence.item_text_zh IS '项目内容 the item, in Chinese.';
COMMENT ON COLUMN medalliance.unification_missing_evidence.item_text_en IS '英文内容 the item, in English.';
COMMENT ON COLUMN medalliance.unification_missing_evidence.evidence_kind IS '佐证方式 attested (always: derived items are in unification_not_assessable).';
COMMENT ON COLUMN medalliance.unification_missing_evidence.members_without_evidence IS '缺佐证成员数 members with at least one month without an evidence row in force (count).';
COMMENT ON COLUMN medalliance.unification_missing_evidence.members IS '成员数 members with the item on their checklist (count).';
COMMENT ON COLUMN medalliance.unification_missing_evidence.member_months_without_evidence IS '缺佐证成员月数 member-months without an evidence row in force (count).';
COMMENT ON COLUMN medalliance.unification_missing_evidence.member_months IS '成员月数 member-months with the item on the checklist (count).';
COMMENT ON COLUMN medalliance.unification_missing_evidence.never_assessed IS '全无佐证 true when no member had an evidence row in force in any month of the period.';

CREATE VIEW medalliance.unification_not_assessable AS
SELECT e.scheme_code, e.alliance_id, a.alliance_name, e.period_start, e.grain, e.item_code,
       it.dimension_code, it.text_zh AS item_text_zh, it.text_en AS item_text_en, it.rule_code,
       coalesce(rl.not_assessed_reason, 'no facts in the month') AS reason,
       e.members_not_assessable, e.members, e.member_months_not_assessable, e.member_months,
       e.never_assessable
FROM medalliance.unification_unassessable_period e
JOIN medalliance.unification_item it ON it.scheme_code = e.scheme_code AND it.item_code = e.item_code
JOIN medalliance.alliance a ON a.alliance_id = e.alliance_id
LEFT JOIN medalliance.unification_rule rl ON rl.rule_code = it.rule_code;
COMMENT ON VIEW medalliance.unification_not_assessable IS
    '无从评估项目 derived checklist items whose warehouse facts gave their rule nothing to judge for at least one member-month of the period (e.g. drug items of a village clinic that ordered nothing that month), per alliance, with the reason: not assessable, and nothing to collect (stored in unification_unassessable_period). Items that lack evidence a loader can collect are in unification_missing_evidence.';
COMMENT ON COLUMN medalliance.unification_not_assessable.scheme_code IS '方案 the checklist scheme.';
COMMENT ON COLUMN medalliance.unification_not_assessable.alliance_id IS '医联体编号 the alliance.';
COMMENT ON COLUMN medalliance.unification_not_assessable.alliance_name IS '医联体名称 the alliance''s name.';
COMMENT ON COLUMN medalliance.unification_not_assessable.period_start IS '期间起始 first day of the period.';
COMMENT ON COLUMN medalliance.unification_not_assessable.grain IS '期间粒度 month, quarter or year.';
COMMENT ON COLUMN medalliance.unification_not_assessable.item_code IS '清单项目 the derived item.';
COMMENT ON COLUMN medalliance.unification_not_assessable.dimension_code IS '维度 the item''s dimension.';
COMMENT ON COLUMN medalliance.unification_not_assessable.item_text_zh IS '项目内容 the item, in Chinese.';
COMMENT ON COLUMN medalliance.unification_not_assessable.item_text_en IS '英文内容 the item, in English.';
COMMENT ON COLUMN medalliance.unification_not_assessable.rule_code IS '派生规则 the rule that derives the item from warehouse facts.';
COMMENT ON COLUMN medalliance.unification_not_assessable.reason IS '未评原因 why the item is not assessable (the rule''s not_assessed_reason, e.g. no procurement in the month).';
COMMENT ON COLUMN medalliance.unification_not_assessable.members_not_assessable IS '无从评估成员数 members with at least one month in which the rule had nothing to judge (count).';
COMMENT ON COLUMN medalliance.unification_not_assessable.members IS '成员数 members with the item on their checklist (count).';
COMMENT ON COLUMN medalliance.unification_not_assessable.member_months_not_assessable IS '无从评估成员月数 member-months in which the rule had nothing to judge (count).';
COMMENT ON COLUMN medalliance.unification_not_assessable.member_months IS '成员月数 member-months with the item on the checklist (count).';
COMMENT ON COLUMN medalliance.unification_not_assessable.never_assessable IS '全无可评 true when the rule had nothing to judge for any member in any month of the period.';

CREATE VIEW medalliance.unification_alliance AS
WITH dims AS (
    SELECT ad.*, d.weight AS dimension_weight
    FROM medalliance.unification_alliance_dimension ad
    JOIN medalliance.unification_dimension d USING (scheme_code, dimension_code)
), alliance_scores AS (
    SELECT x.scheme_code, x.alliance_id, x.alliance_name, x.period_start, x.grain,
           max(x.score) FILTER (WHERE x.dimension_code = 'administration') AS administration_score,
           max(x.score) FILTER (WHERE x.dimension_code = 'personnel') AS personnel_score,
           max(x.score) FILTER (WHERE x.dimension_code = 'finance') AS finance_score,
           max(x.score) FILTER (WHERE x.dimension_code = 'quality') AS quality_score,
           max(x.score) FILTER (WHERE x.dimension_code = 'drugs_devices') AS drugs_devices_score,
           max(x.score) FILTER (WHERE x.dimension_code = 'information') AS information_score,
           sum(x.dimension_weight * x.score) FILTER (WHERE x.score IS NOT NULL)
               / nullif(sum(x.dimension_weight) FILTER (WHERE x.score IS NOT NULL), 0) AS overall_score,
           count(x.score)::integer AS dimensions_scored,
           count(*)::integer AS dimensions,
           (array_agg(x.dimension_code ORDER BY x.score, x.dimension_no) FILTER (WHERE x.score IS NOT NULL))[1]
               AS weakest_dimension,
           min(x.score) AS weakest_score,
           100 * sum(x.items_assessed)::double precision / sum(x.items_total) AS coverage,
           max(x.months_with_data)::integer AS months_with_data
    FROM dims x
    GROUP BY x.scheme_code, x.alliance_id, x.alliance_name, x.period_start, x.grain
)
SELECT s.scheme_code, s.alliance_id, s.alliance_name, s.period_start, s.grain,
       s.administration_score, s.personnel_score, s.finance_score, s.quality_score,
       s.drugs_devices_score, s.information_score,
       s.overall_score,
       (SELECT g.grade FROM medalliance.unification_grade g
        WHERE g.scheme_code = s.scheme_code AND g.min_score <= s.overall_score
        ORDER BY g.min_score DESC LIMIT 1) AS grade,
       s.dimensions_scored, s.dimensions,
       s.weakest_dimension, s.weakest_score,
       mb.members, mb.members_fully_compliant,
       100 * mb.members_fully_compliant::double precision / mb.members AS share_fully_compliant,
       s.coverage,
       mb.items_without_evidence,
       s.months_with_data
FROM alliance_scores s
JOIN medalliance.unification_alliance_period mb USING (scheme_code, alliance_id, period_start, grain);
COMMENT ON VIEW medalliance.unification_alliance IS
    '医联体六统一评价 compliance of each alliance per scheme and period: the six-unification dimension scores as columns (NULL for schemes without that dimension; other schemes in unification_alliance_dimension), the weighted overall score, the grade, the weakest dimension, the members fully compliant in every dimension, the coverage and the items without any evidence.';
COMMENT ON COLUMN medalliance.unification_alliance.scheme_code IS '方案 the checklist scheme.';
COMMENT ON COLUMN medalliance.unification_alliance.alliance_id IS '医联体编号 the alliance.';
COMMENT ON COLUMN medalliance.unification_alliance.alliance_name IS '医联体名称 the alliance''s name.';
COMMENT ON COLUMN medalliance.unification_alliance.months_with_data IS
    '有数据月数 months of the period with a stored state (a year built from its first quarter shows 3).';
COMMENT ON COLUMN medalliance.unification_alliance.period_start IS '期间起始 first day of the period.';
COMMENT ON COLUMN medalliance.unification_alliance.grain IS '期间粒度 month, quarter or year.';
COMMENT ON COLUMN medalliance.unification_alliance.administration_score IS '行政得分 administration score 0–100 (dimension administration).';
COMMENT ON COLUMN medalliance.unification_alliance.personnel_score IS '人员得分 personnel score 0–100 (dimension personnel).';
COMMENT ON COLUMN medalliance.unification_alliance.finance_score IS '财务得分 finance score 0–100 (dimension finance).';
COMMENT ON COLUMN medalliance.unification_alliance.quality_score IS '质量得分 quality score 0–100 (dimension quality).';
COMMENT ON COLUMN medalliance.unification_alliance.drugs_devices_score IS '药械得分 drugs and devices score 0–100 (dimension drugs_devices).';
COMMENT ON COLUMN medalliance.unification_alliance.information_score IS '信息得分 information score 0–100 (dimension information).';
COMMENT ON COLUMN medalliance.unification_alliance.overall_score IS
    '综合得分 Σ W_d·S_d / Σ W_d over the dimensions with a score (weights of unification_dimension); NULL when none has one.';
COMMENT ON COLUMN medalliance.unification_alliance.grade IS '等级 the grade whose threshold (unification_grade) is the highest not above the overall score.';
COMMENT ON COLUMN medalliance.unification_alliance.dimensions_scored IS '有得分维度数 dimensions with a score.';
COMMENT ON COLUMN medalliance.unification_alliance.dimensions IS '维度数 dimensions on the members'' checklists.';
COMMENT ON COLUMN medalliance.unification_alliance.weakest_dimension IS '最弱维度 the dimension with the lowest score (the lower number on a tie).';
COMMENT ON COLUMN medalliance.unification_alliance.weakest_score IS '最弱维度得分 its score.';
COMMENT ON COLUMN medalliance.unification_alliance.members IS '成员数 members assessed in the period.';
COMMENT ON COLUMN medalliance.unification_alliance.members_fully_compliant IS '完全达标成员数 members fully compliant (status met) in every dimension on their checklist.';
COMMENT ON COLUMN medalliance.unification_alliance.share_fully_compliant IS '完全达标成员占比 percent 0–100: 100 · members_fully_compliant / members.';
COMMENT ON COLUMN medalliance.unification_alliance.coverage IS '评估覆盖率 percent 0–100: 100 · member-item-months assessed / on the checklists.';
COMMENT ON COLUMN medalliance.unification_alliance.items_without_evidence IS '无佐证项目 attested items with no evidence row in force for any member in any month of the period, comma-separated (what to collect first); derived items with nothing to judge are in unification_not_assessable.';

CREATE VIEW medalliance.unification_item_result AS
SELECT t.scheme_code, t.alliance_id, t.institution_id, t.period_start, k.item_code,
       u.score::numeric AS score_fraction,
       u.measure::numeric AS measure,
       CASE u.source WHEN 'm' THEN 'member' WHEN 'a' THEN 'alliance' WHEN 'r' THEN 'rule' ELSE 'none' END
           AS evidence_source,
       (t.period_start - make_interval(months => u.evidence_age))::date AS evidence_period,
       CASE WHEN u.score IS NULL AND u.source = 'r' THEN coalesce(rl.not_assessed_reason, 'no facts in the month')
            WHEN u.score IS NULL
            THEN format('no %s evidence in force (valid %s months)', it.evidence_code, it.valid_months) END AS reason,
       t.refresh_id,
       it.dimension_code,
       it.weight AS item_weight,
       it.weight * (1 - u.score::double precision) AS weight_lost
FROM medalliance.unification_item_trail t
CROSS JOIN LATERAL unnest(t.item_keys, t.scores, t.measures, string_to_array(t.sources, NULL), t.evidence_ages)
    AS u(item_key, score, measure, source, evidence_age)
JOIN medalliance.unification_item_key k ON k.item_key = u.item_key
JOIN medalliance.unification_item it ON it.scheme_code = k.scheme_code AND it.item_code = k.item_code
LEFT JOIN medalliance.unification_rule rl ON rl.rule_code = it.rule_code;
COMMENT ON VIEW medalliance.unification_item_result IS
    '清单项目结果 item results, the audit trail behind every score: per scheme, alliance, member, month and checklist item, the score in [0, 1] (NULL: not assessed, with the reason), where it came from and the weight it lost. Unnests unification_item_trail (scores and measures kept as real, about 7 significant digits); filter on institution_id and period_start.';
COMMENT ON COLUMN medalliance.unification_item_result.scheme_code IS '方案 the checklist scheme.';
COMMENT ON COLUMN medalliance.unification_item_result.alliance_id IS '医联体 the alliance.';
COMMENT ON COLUMN medalliance.unification_item_result.institution_id IS '成员机构 the member.';
COMMENT ON COLUMN medalliance.unification_item_result.period_start IS '月份 the month (first day).';
COMMENT ON COLUMN medalliance.unification_item_result.item_code IS '清单项目 the item.';
COMMENT ON COLUMN medalliance.unification_item_result.score_fraction IS '项目得分 c as a fraction in [0, 1] (views show scores 0–100): 1 met, 0.5 partial, 0 absent (or the attested value); NULL when not assessed.';
COMMENT ON COLUMN medalliance.unification_item_result.measure IS '派生度量 for derived items, the rule''s measure, a fraction in [0, 1], compared with the threshold.';
COMMENT ON COLUMN medalliance.unification_item_result.evidence_source IS
    '佐证来源 member (the member''s own evidence row), alliance (the alliance-level row), rule (derived from facts) or none.';
COMMENT ON COLUMN medalliance.unification_item_result.evidence_period IS '佐证月份 for attested items, the month of the evidence row used.';
COMMENT ON COLUMN medalliance.unification_item_result.reason IS '未评估原因 why the item was not assessed (from the item''s and rule''s current configuration).';
COMMENT ON COLUMN medalliance.unification_item_result.refresh_id IS '刷新编号 the refresh that wrote the row.';
COMMENT ON COLUMN medalliance.unification_item_result.dimension_code IS '维度 the item''s dimension.';
COMMENT ON COLUMN medalliance.unification_item_result.item_weight IS '项目权重 the item''s weight w in its dimension''s score.';
COMMENT ON COLUMN medalliance.unification_item_result.weight_lost IS '失分权重 w·(1 − c): the weight the item lost (NULL when not assessed); the dimension score is 100·(1 − Σ weight_lost / Σ w) over the assessed items.';

GRANT SELECT ON medalliance.unification_member, medalliance.unification_alliance_dimension,
                medalliance.unification_alliance, medalliance.unification_missing_evidence,
                medalliance.unification_not_assessable TO medalliance_reader;
GRANT SELECT ON medalliance.unification_item_result TO medalliance_analyst;
