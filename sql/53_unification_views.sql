-- Six-unifications views for BI tools (六统一视图): members and alliances per
-- period, merged from the stored monthly states.

-- Views for BI tools ---------------------------------------------------------

CREATE VIEW medalliance.unification_member AS
WITH periods AS (
    SELECT s.scheme_code, s.alliance_id, s.institution_id, s.state, s.member_volume, g.grain,
           date_trunc(g.grain, s.period_start)::date AS period_start
    FROM medalliance.unification_state s
    CROSS JOIN (VALUES ('month'), ('quarter'), ('year')) AS g(grain)
), merged AS (
    SELECT p.scheme_code, p.alliance_id, p.institution_id, p.period_start, p.grain,
           medalliance.compliance_agg(p.state) AS state, sum(p.member_volume)::bigint AS member_volume,
           count(*)::integer AS months_with_data
    FROM periods p
    GROUP BY 1, 2, 3, 4, 5
), counted AS (
    SELECT m.*, d.dimension_code, d.dimension_no, d.name_zh, d.name_en,
           medalliance.dimension_score(m.state, d.dimension_no) AS score,
           medalliance.items_assessed(m.state, d.dimension_no) AS items_assessed,
           medalliance.items_met(m.state, d.dimension_no) AS items_met,
           medalliance.items_not_assessed(m.state, d.dimension_no) AS items_not_assessed
    FROM merged m
    JOIN medalliance.unification_dimension d ON d.scheme_code = m.scheme_code
)
SELECT c.scheme_code, c.alliance_id, a.alliance_name, c.institution_id, i.institution_name, i.institution_level,
       c.period_start, c.grain, c.months_with_data,
       c.dimension_code, c.dimension_no, c.name_zh AS dimension_name_zh, c.name_en AS dimension_name_en,
       c.score, c.items_assessed, c.items_met, c.items_not_assessed,
       c.items_assessed + c.items_not_assessed AS items_total,
       c.items_assessed::double precision / (c.items_assessed + c.items_not_assessed) AS coverage,
       CASE WHEN c.items_met < c.items_assessed THEN 'not_met'
            WHEN c.items_not_assessed = 0 THEN 'met'
            ELSE 'not_assessable' END AS status,
       CASE WHEN c.items_met = c.items_assessed AND c.items_not_assessed > 0
            THEN format('%s of %s item-months without evidence', c.items_not_assessed,
                        c.items_assessed + c.items_not_assessed) END AS reason,
       c.member_volume
FROM counted c
JOIN medalliance.alliance a ON a.alliance_id = c.alliance_id
JOIN medalliance.institution i ON i.institution_id = c.institution_id
WHERE c.items_assessed + c.items_not_assessed > 0;
COMMENT ON VIEW medalliance.unification_member IS
    '成员六统一得分 compliance of each member per scheme, period (month, quarter, year) and dimension, merged from the stored monthly states. Item counts are item-months: a quarter counts each item once per month.';
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
COMMENT ON COLUMN medalliance.unification_member.coverage IS '评估覆盖率 items_assessed / items_total, a fraction 0–1.';
COMMENT ON COLUMN medalliance.unification_member.status IS
    '达标状态 met (every item-month assessed and met: fully compliant), not_met (an assessed item not fully met) or not_assessable (all assessed met, some without evidence).';
COMMENT ON COLUMN medalliance.unification_member.reason IS '原因 why the dimension is not_assessable.';
COMMENT ON COLUMN medalliance.unification_member.member_volume IS '成员诊疗量 encounters at the member in the period (its weight under volume weighting).';

CREATE VIEW medalliance.unification_alliance_dimension AS
SELECT m.scheme_code, m.alliance_id, m.alliance_name, m.period_start, m.grain,
       m.dimension_code, m.dimension_no, m.dimension_name_zh, m.dimension_name_en,
       coalesce(st.member_weighting, 'equal') AS member_weighting,
       CASE WHEN coalesce(st.member_weighting, 'equal') = 'volume'
            THEN sum(m.member_volume * m.score) FILTER (WHERE m.score IS NOT NULL)
                 / nullif(sum(m.member_volume) FILTER (WHERE m.score IS NOT NULL), 0)
            ELSE avg(m.score) END AS score,
       count(*)::integer AS members,
       count(m.score)::integer AS members_scored,
       (count(*) FILTER (WHERE m.status = 'met'))::integer AS members_fully_compliant,
       (count(*) FILTER (WHERE m.status = 'met'))::double precision / count(*) AS share_fully_compliant,
       sum(m.items_assessed)::bigint AS items_assessed,
       sum(m.items_met)::bigint AS items_met,
       sum(m.items_not_assessed)::bigint AS items_not_assessed,
       sum(m.items_total)::bigint AS items_total,
       sum(m.items_assessed)::double precision / sum(m.items_total) AS coverage,
       min(m.score) AS min_member_score,
       max(m.score) AS max_member_score,
       max(m.months_with_data)::integer AS months_with_data
FROM medalliance.unification_member m
LEFT JOIN medalliance.unification_setting st ON st.scheme_code = m.scheme_code
GROUP BY m.scheme_code, m.alliance_id, m.alliance_name, m.period_start, m.grain,
         m.dimension_code, m.dimension_no, m.dimension_name_zh, m.dimension_name_en, st.member_weighting;
COMMENT ON VIEW medalliance.unification_alliance_dimension IS
    '医联体维度得分 compliance of each alliance per scheme, period and dimension, for any checklist scheme (long form): the mean of its members'' dimension scores (equal weights, or weighted by member volume as unification_setting says), the members fully compliant and the coverage.';
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
COMMENT ON COLUMN medalliance.unification_alliance_dimension.share_fully_compliant IS '完全达标成员占比 members_fully_compliant / members, a fraction 0–1.';
COMMENT ON COLUMN medalliance.unification_alliance_dimension.items_assessed IS '评估项数 member-item-months with evidence.';
COMMENT ON COLUMN medalliance.unification_alliance_dimension.items_met IS '达标项数 member-item-months fully met.';
COMMENT ON COLUMN medalliance.unification_alliance_dimension.items_not_assessed IS '未评估项数 member-item-months without evidence.';
COMMENT ON COLUMN medalliance.unification_alliance_dimension.items_total IS '应评估项数 member-item-months on the checklists.';
COMMENT ON COLUMN medalliance.unification_alliance_dimension.coverage IS '评估覆盖率 items_assessed / items_total, a fraction 0–1.';
COMMENT ON COLUMN medalliance.unification_alliance_dimension.min_member_score IS '成员最低分 the lowest member score in the dimension.';
COMMENT ON COLUMN medalliance.unification_alliance_dimension.max_member_score IS '成员最高分 the highest member score in the dimension.';

CREATE VIEW medalliance.unification_missing_evidence AS
WITH periods AS (
    SELECT r.scheme_code, r.alliance_id, r.institution_id, r.item_code, r.score_fraction, g.grain,
           date_trunc(g.grain, r.period_start)::date AS period_start
    FROM medalliance.unification_item_result r
    CROSS JOIN (VALUES ('month'), ('quarter'), ('year')) AS g(grain)
)
SELECT p.scheme_code, p.alliance_id, a.alliance_name, p.period_start, p.grain, p.item_code,
       it.dimension_code, it.text_zh AS item_text_zh, it.text_en AS item_text_en, it.evidence_kind,
       (count(DISTINCT p.institution_id) FILTER (WHERE p.score_fraction IS NULL))::integer AS members_without_evidence,
       (count(DISTINCT p.institution_id))::integer AS members,
       (count(*) FILTER (WHERE p.score_fraction IS NULL))::integer AS member_months_without_evidence,
       count(*)::integer AS member_months,
       count(p.score_fraction) = 0 AS never_assessed
FROM periods p
JOIN medalliance.unification_item it ON it.scheme_code = p.scheme_code AND it.item_code = p.item_code
JOIN medalliance.alliance a ON a.alliance_id = p.alliance_id
GROUP BY p.scheme_code, p.alliance_id, a.alliance_name, p.period_start, p.grain, p.item_code,
         it.dimension_code, it.text_zh, it.text_en, it.evidence_kind
HAVING count(*) FILTER (WHERE p.score_fraction IS NULL) > 0;
COMMENT ON VIEW medalliance.unification_missing_evidence IS
    '缺少佐证项目 checklist items without evidence for at least one member-month of the period, per alliance: what to collect.';
COMMENT ON COLUMN medalliance.unification_missing_evidence.scheme_code IS '方案 the checklist scheme.';
COMMENT ON COLUMN medalliance.unification_missing_evidence.alliance_id IS '医联体编号 the alliance.';
COMMENT ON COLUMN medalliance.unification_missing_evidence.alliance_name IS '医联体名称 the alliance''s name.';
COMMENT ON COLUMN medalliance.unification_missing_evidence.period_start IS '期间起始 first day of the period.';
COMMENT ON COLUMN medalliance.unification_missing_evidence.grain IS '期间粒度 month, quarter or year.';
COMMENT ON COLUMN medalliance.unification_missing_evidence.item_code IS '清单项目 the item.';
COMMENT ON COLUMN medalliance.unification_missing_evidence.dimension_code IS '维度 the item''s dimension.';
COMMENT ON COLUMN medalliance.unification_missing_evidence.item_text_zh IS '项目内容 the item, in Chinese.';
COMMENT ON COLUMN medalliance.unification_missing_evidence.item_text_en IS '英文内容 the item, in English.';
COMMENT ON COLUMN medalliance.unification_missing_evidence.evidence_kind IS '佐证方式 attested or derived.';
COMMENT ON COLUMN medalliance.unification_missing_evidence.members_without_evidence IS '缺佐证成员数 members with at least one month without evidence.';
COMMENT ON COLUMN medalliance.unification_missing_evidence.members IS '成员数 members with the item on their checklist.';
COMMENT ON COLUMN medalliance.unification_missing_evidence.member_months_without_evidence IS '缺佐证成员月数 member-months without evidence.';
COMMENT ON COLUMN medalliance.unification_missing_evidence.member_months IS '成员月数 member-months with the item on the checklist.';
COMMENT ON COLUMN medalliance.unification_missing_evidence.never_assessed IS '全无佐证 true when no member had evidence in any month of the period.';

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
           sum(x.items_assessed)::double precision / sum(x.items_total) AS coverage,
           max(x.months_with_data)::integer AS months_with_data
    FROM dims x
    GROUP BY x.scheme_code, x.alliance_id, x.alliance_name, x.period_start, x.grain
), member_status AS (
    SELECT m.scheme_code, m.alliance_id, m.period_start, m.grain, m.institution_id,
           bool_and(m.status = 'met') AS fully_compliant
    FROM medalliance.unification_member m
    GROUP BY m.scheme_code, m.alliance_id, m.period_start, m.grain, m.institution_id
), members AS (
    SELECT ms.scheme_code, ms.alliance_id, ms.period_start, ms.grain,
           count(*)::integer AS members,
           (count(*) FILTER (WHERE ms.fully_compliant))::integer AS members_fully_compliant
    FROM member_status ms
    GROUP BY ms.scheme_code, ms.alliance_id, ms.period_start, ms.grain
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
       mb.members_fully_compliant::double precision / mb.members AS share_fully_compliant,
       s.coverage,
       (SELECT string_agg(e.item_code, ', ' ORDER BY it.dimension_code, e.item_code)
        FROM medalliance.unification_missing_evidence e
        JOIN medalliance.unification_item it ON it.scheme_code = e.scheme_code AND it.item_code = e.item_code
        WHERE e.scheme_code = s.scheme_code AND e.alliance_id = s.alliance_id
          AND e.period_start = s.period_start AND e.grain = s.grain AND e.never_assessed) AS items_without_evidence,
       s.months_with_data
FROM alliance_scores s
JOIN members mb USING (scheme_code, alliance_id, period_start, grain);
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
COMMENT ON COLUMN medalliance.unification_alliance.share_fully_compliant IS '完全达标成员占比 members_fully_compliant / members, a fraction 0–1.';
COMMENT ON COLUMN medalliance.unification_alliance.coverage IS '评估覆盖率 member-item-months assessed / on the checklists, a fraction 0–1.';
COMMENT ON COLUMN medalliance.unification_alliance.items_without_evidence IS '无佐证项目 items with no evidence for any member in any month of the period, comma-separated.';

GRANT SELECT ON medalliance.unification_member, medalliance.unification_alliance_dimension,
                medalliance.unification_alliance, medalliance.unification_missing_evidence TO medalliance_reader;
