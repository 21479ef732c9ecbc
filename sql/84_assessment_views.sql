-- The annual assessment (综合考核): the views BI tools read.  Each reads the
-- rows refresh_assessment() stored (a row per alliance, or per alliance and
-- measure), joined to names: nothing is recomputed at read time.

CREATE VIEW medalliance.assessment_scorecard AS
SELECT r.scheme_code, r.scheme_version, r.year, r.alliance_id, a.alliance_name, a.alliance_kind,
       r.total, r.max_total, r.scored_points, r.bonus_points, r.domain_points,
       r.rank, r.alliances_ranked, r.grade, g.name_en AS grade_en, r.veto, r.veto_measures,
       (SELECT string_agg(c.name_zh, '；' ORDER BY c.consequence_code)
        FROM medalliance.assessment_consequence c
        WHERE c.scheme_code = r.scheme_code AND (c.grades IS NULL OR r.grade = ANY (c.grades))) AS consequences,
       r.topsis_closeness, r.topsis_rank, r.rsr_wrsr, r.rsr_rank, r.rsr_grade,
       r.measures_assessed, r.measures, r.composite_reason,
       r.run_id, run.computed_at
FROM medalliance.assessment_result r
JOIN medalliance.alliance a ON a.alliance_id = r.alliance_id
JOIN medalliance.assessment_run run ON run.run_id = r.run_id
LEFT JOIN medalliance.assessment_grade g ON g.scheme_code = r.scheme_code AND g.grade = r.grade;
COMMENT ON VIEW medalliance.assessment_scorecard IS
    '考核记分卡 the assessment of each alliance per scheme and year: total, points per domain, rank, grade and what it leads to, veto, and TOPSIS and weighted RSR as alternative rankings. From the stored results of refresh_assessment().';
COMMENT ON COLUMN medalliance.assessment_scorecard.scheme_code IS '方案 the assessment scheme.';
COMMENT ON COLUMN medalliance.assessment_scorecard.scheme_version IS '方案版本 the version scored with (assessment_version).';
COMMENT ON COLUMN medalliance.assessment_scorecard.year IS '考核年度 the assessed year.';
COMMENT ON COLUMN medalliance.assessment_scorecard.alliance_id IS '医联体编号 the alliance.';
COMMENT ON COLUMN medalliance.assessment_scorecard.alliance_name IS '医联体名称 the alliance''s name.';
COMMENT ON COLUMN medalliance.assessment_scorecard.alliance_kind IS '医联体类型 the alliance''s kind.';
COMMENT ON COLUMN medalliance.assessment_scorecard.total IS '总分 the total, in points (scored points plus bonus; 0 when a veto zeroes it).';
COMMENT ON COLUMN medalliance.assessment_scorecard.max_total IS '满分 the sum of the domains'' points, in points (without bonus).';
COMMENT ON COLUMN medalliance.assessment_scorecard.scored_points IS '计分得分 the domains'' points, in points.';
COMMENT ON COLUMN medalliance.assessment_scorecard.bonus_points IS '加分 bonus points after the cap.';
COMMENT ON COLUMN medalliance.assessment_scorecard.domain_points IS '维度得分 {domain_code: points} (assessment_domain_score has them as rows).';
COMMENT ON COLUMN medalliance.assessment_scorecard.rank IS '名次 rank by total, 1 best; ties share the better rank.';
COMMENT ON COLUMN medalliance.assessment_scorecard.alliances_ranked IS '参评数 alliances ranked under the scheme in the year.';
COMMENT ON COLUMN medalliance.assessment_scorecard.grade IS '等次 the grade (capped by a veto).';
COMMENT ON COLUMN medalliance.assessment_scorecard.grade_en IS '等次英文 the grade in English.';
COMMENT ON COLUMN medalliance.assessment_scorecard.veto IS '一票否决 true when a veto measure applied.';
COMMENT ON COLUMN medalliance.assessment_scorecard.veto_measures IS '否决指标 the veto measures that applied.';
COMMENT ON COLUMN medalliance.assessment_scorecard.consequences IS '结果运用 what the document ties the result to (assessment_consequence), shown beside the grade.';
COMMENT ON COLUMN medalliance.assessment_scorecard.topsis_closeness IS 'TOPSIS 相对接近度 0–1, 1 best.';
COMMENT ON COLUMN medalliance.assessment_scorecard.topsis_rank IS 'TOPSIS 名次 1 best.';
COMMENT ON COLUMN medalliance.assessment_scorecard.rsr_wrsr IS '加权秩和比 WRSR, 1/n–1, 1 best.';
COMMENT ON COLUMN medalliance.assessment_scorecard.rsr_rank IS 'RSR 名次 1 best.';
COMMENT ON COLUMN medalliance.assessment_scorecard.rsr_grade IS 'RSR 分档 1 (worst) to 3 (best).';
COMMENT ON COLUMN medalliance.assessment_scorecard.measures_assessed IS '已评价指标数 measures that could be assessed (monitor-only left out).';
COMMENT ON COLUMN medalliance.assessment_scorecard.measures IS '指标数 measures of the scheme (monitor-only left out).';
COMMENT ON COLUMN medalliance.assessment_scorecard.composite_reason IS '原因 why TOPSIS and RSR are NULL.';
COMMENT ON COLUMN medalliance.assessment_scorecard.run_id IS '运行编号 the run (assessment_run: version and the layer refreshes read).';
COMMENT ON COLUMN medalliance.assessment_scorecard.computed_at IS '计算时间 when it was computed.';

CREATE VIEW medalliance.assessment_domain_score AS
SELECT d.scheme_code, d.year, d.alliance_id, a.alliance_name, d.domain_no, d.domain_code,
       cfg.name_zh AS domain_name_zh, cfg.name_en AS domain_name_en,
       d.points, d.full_points, d.measures_assessed, d.measures
FROM medalliance.assessment_domain_result d
JOIN medalliance.alliance a ON a.alliance_id = d.alliance_id
LEFT JOIN medalliance.assessment_domain cfg ON cfg.scheme_code = d.scheme_code AND cfg.domain_code = d.domain_code;
COMMENT ON VIEW medalliance.assessment_domain_score IS
    '考核维度得分 the points of each domain per scheme, year and alliance (long form of assessment_scorecard.domain_points).';
COMMENT ON COLUMN medalliance.assessment_domain_score.scheme_code IS '方案 the assessment scheme.';
COMMENT ON COLUMN medalliance.assessment_domain_score.year IS '考核年度 the assessed year.';
COMMENT ON COLUMN medalliance.assessment_domain_score.alliance_id IS '医联体编号 the alliance.';
COMMENT ON COLUMN medalliance.assessment_domain_score.alliance_name IS '医联体名称 the alliance''s name.';
COMMENT ON COLUMN medalliance.assessment_domain_score.domain_no IS '序号 display order.';
COMMENT ON COLUMN medalliance.assessment_domain_score.domain_code IS '维度 the domain.';
COMMENT ON COLUMN medalliance.assessment_domain_score.domain_name_zh IS '维度名称 the Chinese name.';
COMMENT ON COLUMN medalliance.assessment_domain_score.domain_name_en IS '英文名称 the English name.';
COMMENT ON COLUMN medalliance.assessment_domain_score.points IS '维度得分 points in the total.';
COMMENT ON COLUMN medalliance.assessment_domain_score.full_points IS '维度满分 the most the domain could contribute, in points.';
COMMENT ON COLUMN medalliance.assessment_domain_score.measures_assessed IS '已评价指标数 scored measures that could be assessed.';
COMMENT ON COLUMN medalliance.assessment_domain_score.measures IS '指标数 scored measures of the domain (monitor-only included).';

CREATE VIEW medalliance.assessment_explain AS
SELECT r.scheme_code, r.year, r.alliance_id, a.alliance_name, r.measure_no, r.measure_code,
       m.name_zh AS measure_name_zh, m.name_en AS measure_name_en, r.domain_code, r.role, r.rule, r.rule_text,
       r.raw_value, r.baseline_value, r.reference_value, r.status, r.assessable, r.reason,
       r.points, r.full_points, r.weight, r.contribution, r.source, r.run_id
FROM medalliance.assessment_measure_result r
JOIN medalliance.alliance a ON a.alliance_id = r.alliance_id
LEFT JOIN medalliance.assessment_measure m ON m.scheme_code = r.scheme_code AND m.measure_code = r.measure_code;
COMMENT ON VIEW medalliance.assessment_explain IS
    '考核解释 why an alliance has its total: one row per measure — the raw value and the stored result it came from, the rule, its points, the measure''s weight in the total and its contribution. The contributions of an alliance add up to its total in assessment_scorecard.';
COMMENT ON COLUMN medalliance.assessment_explain.scheme_code IS '方案 the assessment scheme.';
COMMENT ON COLUMN medalliance.assessment_explain.year IS '考核年度 the assessed year.';
COMMENT ON COLUMN medalliance.assessment_explain.alliance_id IS '医联体编号 the alliance.';
COMMENT ON COLUMN medalliance.assessment_explain.alliance_name IS '医联体名称 the alliance''s name.';
COMMENT ON COLUMN medalliance.assessment_explain.measure_no IS '序号 display order.';
COMMENT ON COLUMN medalliance.assessment_explain.measure_code IS '指标 the measure.';
COMMENT ON COLUMN medalliance.assessment_explain.measure_name_zh IS '指标名称 the Chinese name.';
COMMENT ON COLUMN medalliance.assessment_explain.measure_name_en IS '英文名称 the English name.';
COMMENT ON COLUMN medalliance.assessment_explain.domain_code IS '维度 the domain (NULL for bonus and veto measures).';
COMMENT ON COLUMN medalliance.assessment_explain.role IS '角色 scored, bonus or veto.';
COMMENT ON COLUMN medalliance.assessment_explain.rule IS '评分规则 the rule.';
COMMENT ON COLUMN medalliance.assessment_explain.rule_text IS '规则说明 the rule with its parameters as scored.';
COMMENT ON COLUMN medalliance.assessment_explain.raw_value IS '原始值 the value read: percent (0–100) for rate indicators, a count for count indicators, a score 0–100 otherwise.';
COMMENT ON COLUMN medalliance.assessment_explain.baseline_value IS '基线值 the previous year''s value (improvement) or the baseline of a change target, same unit.';
COMMENT ON COLUMN medalliance.assessment_explain.reference_value IS '参照值 the target compared against, in the target''s unit.';
COMMENT ON COLUMN medalliance.assessment_explain.status IS '状态 attainment: met / not_met / not_assessable; veto: vetoed / passed.';
COMMENT ON COLUMN medalliance.assessment_explain.assessable IS '可评价 false when a needed value is missing (see reason).';
COMMENT ON COLUMN medalliance.assessment_explain.reason IS '原因 why the measure could not be assessed.';
COMMENT ON COLUMN medalliance.assessment_explain.points IS '规则得分 the rule''s points, 0 to full_points.';
COMMENT ON COLUMN medalliance.assessment_explain.full_points IS '满分 the measure''s configured points.';
COMMENT ON COLUMN medalliance.assessment_explain.weight IS '权重(分) the points of the total the measure could contribute.';
COMMENT ON COLUMN medalliance.assessment_explain.contribution IS '贡献分 the points it adds to the total.';
COMMENT ON COLUMN medalliance.assessment_explain.source IS '数据来源 the stored result the value came from.';
COMMENT ON COLUMN medalliance.assessment_explain.run_id IS '运行编号 the run that stored it.';

GRANT SELECT ON medalliance.assessment_scorecard, medalliance.assessment_domain_score, medalliance.assessment_explain
    TO medalliance_reader;
