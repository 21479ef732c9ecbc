-- The annual assessment (综合考核): what a measure reads from each layer.
-- One reader per layer — read_by(scheme_code, year) returns the raw value of
-- the scheme's measures of that layer for each alliance with a stored result
-- of the year (and the previous year's, for improvement rules) — and one
-- check of a measure's source per layer.  assessment_source lists them.

-- Indicators: the alliance's yearly value, or the attainment of a target.
CREATE FUNCTION medalliance.assessment_read_indicators(scheme text, year integer)
RETURNS TABLE (measure_code text, alliance_id integer, raw_value double precision, baseline_value double precision,
               reference_value double precision, status text, reason text, direction text, source text)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, medalliance, pg_temp
AS $$
    WITH m AS (SELECT * FROM medalliance.assessment_measure m
               WHERE m.scheme_code = scheme AND m.source_kind = 'indicators')
    SELECT m.measure_code, v.unit_id, v.value, b.value, NULL::double precision, NULL::text,
           CASE WHEN v.value IS NULL THEN 'no value: the denominator is 0' END, NULL::text,
           format('indicator_value %s, alliance, year %s', m.source_key, year)
    FROM m
    JOIN medalliance.indicator_value v
      ON v.indicator_code = m.source_key AND v.unit_level = 'alliance' AND v.grain = 'year'
     AND v.period_start = make_date(year, 1, 1)
    LEFT JOIN medalliance.indicator_value b
      ON m.rule = 'improvement' AND b.indicator_code = m.source_key AND b.unit_level = 'alliance' AND b.grain = 'year'
     AND b.unit_id = v.unit_id AND b.period_start = make_date(year - 1, 1, 1)
    WHERE m.rule <> 'attainment'
    UNION ALL
    SELECT m.measure_code, t.unit_id, t.value, t.baseline_value, t.target_value, t.status, t.reason,
           CASE t.comparator WHEN '<=' THEN 'lower_better' ELSE 'higher_better' END,
           format('target_attainment %s %s (%s target of %s), alliance, year %s',
                  t.scheme_code, t.indicator_code, t.target_kind, t.target_year, year)
    FROM m
    JOIN medalliance.target_attainment t
      ON t.scheme_code = m.source_scheme AND t.indicator_code = m.source_key AND t.unit_level = 'alliance'
     AND t.period_start = make_date(year, 1, 1)
    WHERE m.rule = 'attainment'
$$;
COMMENT ON FUNCTION medalliance.assessment_read_indicators(text, integer) IS
    '读取指标 The indicator measures of an assessment scheme for a year: the alliance''s yearly indicator_value (and the previous year''s), or with rule attainment its target_attainment row (status, target, baseline).';

CREATE FUNCTION medalliance.assessment_check_indicators(source_scheme text, source_key text, rule text)
RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, medalliance, pg_temp
AS $$
    SELECT CASE WHEN NOT EXISTS (SELECT FROM medalliance.indicator i WHERE i.indicator_code = source_key)
                THEN format('unknown indicator "%s"', coalesce(source_key, 'NULL')) END
$$;
COMMENT ON FUNCTION medalliance.assessment_check_indicators(text, text, text) IS
    '检查指标来源 NULL when source_key is an indicator; else why not.';

-- Six unifications: a dimension score, or the overall score.
CREATE FUNCTION medalliance.assessment_read_unification(scheme text, year integer)
RETURNS TABLE (measure_code text, alliance_id integer, raw_value double precision, baseline_value double precision,
               reference_value double precision, status text, reason text, direction text, source text)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, medalliance, pg_temp
AS $$
    WITH m AS (SELECT * FROM medalliance.assessment_measure m
               WHERE m.scheme_code = scheme AND m.source_kind = 'unification')
    SELECT m.measure_code, d.alliance_id, d.score, b.score, NULL::double precision, NULL::text,
           CASE WHEN d.score IS NULL THEN 'no member has a score in the dimension' END, NULL::text,
           format('unification_alliance_dimension %s %s, year %s', m.source_scheme, m.source_key, year)
    FROM m
    JOIN medalliance.unification_alliance_dimension d
      ON d.scheme_code = m.source_scheme AND d.dimension_code = m.source_key AND d.grain = 'year'
     AND d.period_start = make_date(year, 1, 1)
    LEFT JOIN medalliance.unification_alliance_dimension b
      ON m.rule = 'improvement' AND b.scheme_code = m.source_scheme AND b.dimension_code = m.source_key
     AND b.grain = 'year' AND b.alliance_id = d.alliance_id AND b.period_start = make_date(year - 1, 1, 1)
    WHERE m.source_key <> 'overall'
    UNION ALL
    SELECT m.measure_code, u.alliance_id, u.overall_score, b.overall_score, NULL, NULL,
           CASE WHEN u.overall_score IS NULL THEN 'no dimension has a score' END, NULL,
           format('unification_alliance %s overall_score, year %s', m.source_scheme, year)
    FROM m
    JOIN medalliance.unification_alliance u
      ON u.scheme_code = m.source_scheme AND u.grain = 'year' AND u.period_start = make_date(year, 1, 1)
    LEFT JOIN medalliance.unification_alliance b
      ON m.rule = 'improvement' AND b.scheme_code = m.source_scheme AND b.grain = 'year'
     AND b.alliance_id = u.alliance_id AND b.period_start = make_date(year - 1, 1, 1)
    WHERE m.source_key = 'overall'
$$;
COMMENT ON FUNCTION medalliance.assessment_read_unification(text, integer) IS
    '读取六统一 The six-unification measures of an assessment scheme for a year: the alliance''s dimension score (unification_alliance_dimension) or overall score (unification_alliance), 0–100, and the previous year''s.';

CREATE FUNCTION medalliance.assessment_check_unification(source_scheme text, source_key text, rule text)
RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, medalliance, pg_temp
AS $$
    SELECT CASE WHEN source_key IS DISTINCT FROM 'overall'
                 AND NOT EXISTS (SELECT FROM medalliance.unification_dimension d
                                 WHERE d.scheme_code = source_scheme AND d.dimension_code = source_key)
                THEN format('checklist "%s" has no dimension "%s" (or use overall)', source_scheme, coalesce(source_key, 'NULL'))
                WHEN rule = 'attainment' THEN 'rule attainment reads target_attainment: only for indicator measures' END
$$;
COMMENT ON FUNCTION medalliance.assessment_check_unification(text, text, text) IS
    '检查六统一来源 NULL when source_key is a dimension of the checklist source_scheme, or overall; else why not.';

-- Quality control: the alliance's QC score.
CREATE FUNCTION medalliance.assessment_read_qc(scheme text, year integer)
RETURNS TABLE (measure_code text, alliance_id integer, raw_value double precision, baseline_value double precision,
               reference_value double precision, status text, reason text, direction text, source text)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, medalliance, pg_temp
AS $$
    SELECT m.measure_code, q.alliance_id, q.score, b.score, NULL::double precision, NULL::text,
           CASE WHEN q.score IS NULL THEN 'no member has a QC score' END, NULL::text,
           format('qc_alliance %s score, year %s', m.source_scheme, year)
    FROM medalliance.assessment_measure m
    JOIN medalliance.qc_alliance q
      ON q.scheme_code = m.source_scheme AND q.grain = 'year' AND q.period_start = make_date(year, 1, 1)
    LEFT JOIN medalliance.qc_alliance b
      ON m.rule = 'improvement' AND b.scheme_code = m.source_scheme AND b.grain = 'year'
     AND b.alliance_id = q.alliance_id AND b.period_start = make_date(year - 1, 1, 1)
    WHERE m.scheme_code = scheme AND m.source_kind = 'qc'
$$;
COMMENT ON FUNCTION medalliance.assessment_read_qc(text, integer) IS
    '读取质控 The QC measures of an assessment scheme for a year: the alliance''s QC score (qc_alliance.score, 0–100) and the previous year''s.';

CREATE FUNCTION medalliance.assessment_check_qc(source_scheme text, source_key text, rule text)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT CASE WHEN source_key IS NOT NULL THEN 'a qc measure reads the QC total score: leave source_key NULL'
                WHEN rule = 'attainment' THEN 'rule attainment reads target_attainment: only for indicator measures' END
$$;
COMMENT ON FUNCTION medalliance.assessment_check_qc(text, text, text) IS
    '检查质控来源 NULL for a QC measure without a source_key; else why not.';

-- Satisfaction: the alliance's score or rate (a small sample is not judged).
CREATE FUNCTION medalliance.assessment_read_satisfaction(scheme text, year integer)
RETURNS TABLE (measure_code text, alliance_id integer, raw_value double precision, baseline_value double precision,
               reference_value double precision, status text, reason text, direction text, source text)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, medalliance, pg_temp
AS $$
    SELECT m.measure_code, s.alliance_id,
           CASE WHEN NOT s.small_sample THEN CASE m.source_key WHEN 'score' THEN s.score ELSE s.satisfaction_rate END END,
           CASE WHEN NOT b.small_sample THEN CASE m.source_key WHEN 'score' THEN b.score ELSE b.satisfaction_rate END END,
           NULL::double precision, NULL::text,
           CASE WHEN s.small_sample THEN format('small sample: %s valid respondents', s.valid_respondents)
                WHEN s.score IS NULL THEN s.reason END, NULL::text,
           format('satisfaction_alliance %s %s, year %s', m.source_scheme, m.source_key, year)
    FROM medalliance.assessment_measure m
    JOIN medalliance.satisfaction_alliance s
      ON s.scheme_code = m.source_scheme AND s.grain = 'year' AND s.period_start = make_date(year, 1, 1)
    LEFT JOIN medalliance.satisfaction_alliance b
      ON m.rule = 'improvement' AND b.scheme_code = m.source_scheme AND b.grain = 'year'
     AND b.alliance_id = s.alliance_id AND b.period_start = make_date(year - 1, 1, 1)
    WHERE m.scheme_code = scheme AND m.source_kind = 'satisfaction'
$$;
COMMENT ON FUNCTION medalliance.assessment_read_satisfaction(text, integer) IS
    '读取满意度 The satisfaction measures of an assessment scheme for a year: the alliance''s score (0–100) or satisfaction rate (percent), NULL with the reason for a small sample, and the previous year''s.';

CREATE FUNCTION medalliance.assessment_check_satisfaction(source_scheme text, source_key text, rule text)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT CASE WHEN source_key IS DISTINCT FROM 'score' AND source_key IS DISTINCT FROM 'satisfaction_rate'
                THEN 'a satisfaction measure reads score or satisfaction_rate (source_key)'
                WHEN rule = 'attainment' THEN 'rule attainment reads target_attainment: only for indicator measures' END
$$;
COMMENT ON FUNCTION medalliance.assessment_check_satisfaction(text, text, text) IS
    '检查满意度来源 NULL when source_key is score or satisfaction_rate; else why not.';

INSERT INTO medalliance.assessment_source (source_kind, source_scheme_kind, scheme_optional, read_by, checked_by, keys) VALUES
    ('indicators', 'targets', true, 'medalliance.assessment_read_indicators(text, integer)',
     'medalliance.assessment_check_indicators(text, text, text)',
     'the indicator_code; source_scheme: the targets scheme (needed for rule attainment)'),
    ('unification', 'checklist', false, 'medalliance.assessment_read_unification(text, integer)',
     'medalliance.assessment_check_unification(text, text, text)',
     'a dimension_code of the checklist, or overall'),
    ('qc', 'qc_rules', false, 'medalliance.assessment_read_qc(text, integer)',
     'medalliance.assessment_check_qc(text, text, text)', 'none (NULL): the QC total score'),
    ('satisfaction', 'survey', false, 'medalliance.assessment_read_satisfaction(text, integer)',
     'medalliance.assessment_check_satisfaction(text, text, text)', 'score or satisfaction_rate');
