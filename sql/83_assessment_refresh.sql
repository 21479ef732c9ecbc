-- The annual assessment (综合考核): the refresh and what it stores.
--
-- refresh_assessment(year[, scheme]) scores every alliance of the kinds a
-- scheme assesses, for one calendar year, from what the other layers stored:
--
--   1. each measure's raw value (assessment_inputs: the alliance's yearly
--      indicator value or target attainment, six-unification score, QC score
--      or satisfaction score) and the points its rule gives
--      (assessment_rule_points, the QC kernel's scoring functions);
--   2. each measure's contribution to the total: its points scaled by its
--      domain's share (points within a domain are weights), with the bonus
--      capped and a veto applied — the contributions add up to the total;
--   3. per alliance: the domains' points, the total, the grade, the rank, and
--      as alternative rankings TOPSIS closeness and the weighted rank-sum
--      ratio with its probit grade over the measures every alliance has;
--   4. a run row naming the scheme version and the layer refreshes read.
--
-- Everything a view shows is stored here, so the views read small rows.

-- Stored results -------------------------------------------------------------

CREATE TABLE medalliance.assessment_run (
    run_id           bigint GENERATED ALWAYS AS IDENTITY
        CONSTRAINT assessment_run_pkey PRIMARY KEY,
    refresh_id       bigint NOT NULL
        CONSTRAINT assessment_run_refresh_fkey REFERENCES medalliance.refresh_log (refresh_id),
    scheme_code      text NOT NULL,
    scheme_version   integer NOT NULL,
    year             smallint NOT NULL,
    alliances        integer NOT NULL,
    source_refreshes jsonb NOT NULL,
    computed_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
    performed_by     name NOT NULL DEFAULT current_user,
    CONSTRAINT assessment_run_version_fkey FOREIGN KEY (scheme_code, scheme_version)
        REFERENCES medalliance.assessment_version (scheme_code, version) ON DELETE CASCADE
);
COMMENT ON TABLE medalliance.assessment_run IS
    '考核运行记录 provenance of each assessment of a scheme and year: when, by whom, which scheme version (assessment_version holds its configuration) and which refreshes of each layer wrote the results it read. Every run is kept; the results of the latest run of a scheme and year are stored.';
COMMENT ON COLUMN medalliance.assessment_run.run_id IS '运行编号 run number.';
COMMENT ON COLUMN medalliance.assessment_run.refresh_id IS '刷新编号 the refresh_log row of the assessment refresh.';
COMMENT ON COLUMN medalliance.assessment_run.scheme_code IS '方案 the assessment scheme.';
COMMENT ON COLUMN medalliance.assessment_run.scheme_version IS '方案版本 the version scored with.';
COMMENT ON COLUMN medalliance.assessment_run.year IS '考核年度 the assessed year.';
COMMENT ON COLUMN medalliance.assessment_run.alliances IS '医联体数 alliances assessed.';
COMMENT ON COLUMN medalliance.assessment_run.source_refreshes IS
    '数据来源刷新 for each layer read (indicators, unification, qc, satisfaction), the refresh_ids (refresh_log) of its committed refreshes whose months overlap the year, oldest first.';
COMMENT ON COLUMN medalliance.assessment_run.computed_at IS '计算时间 when the run computed.';
COMMENT ON COLUMN medalliance.assessment_run.performed_by IS '执行人 the role that ran it.';

CREATE TABLE medalliance.assessment_measure_result (
    scheme_code     text NOT NULL,
    year            smallint NOT NULL,
    alliance_id     integer NOT NULL
        CONSTRAINT assessment_measure_result_alliance_fkey REFERENCES medalliance.alliance (alliance_id),
    measure_code    text NOT NULL,
    run_id          bigint NOT NULL
        CONSTRAINT assessment_measure_result_run_fkey REFERENCES medalliance.assessment_run (run_id) ON DELETE CASCADE,
    measure_no      smallint NOT NULL,
    domain_code     text,
    role            text NOT NULL,
    rule            text NOT NULL,
    rule_text       text NOT NULL,
    raw_value       double precision,
    baseline_value  double precision,
    reference_value double precision,
    status          text,
    assessable      boolean NOT NULL,
    reason          text,
    points          double precision,
    full_points     double precision NOT NULL,
    weight          double precision NOT NULL,
    contribution    double precision NOT NULL,
    direction       text,
    source          text NOT NULL,
    CONSTRAINT assessment_measure_result_pkey PRIMARY KEY (scheme_code, year, alliance_id, measure_code)
);
COMMENT ON TABLE medalliance.assessment_measure_result IS
    '考核指标结果 one row per scheme, year, alliance and measure: the raw value read, the rule, the points it gives and the measure''s contribution to the total (the contributions of an alliance add up to its total).';
COMMENT ON COLUMN medalliance.assessment_measure_result.scheme_code IS '方案 the assessment scheme.';
COMMENT ON COLUMN medalliance.assessment_measure_result.year IS '考核年度 the assessed year.';
COMMENT ON COLUMN medalliance.assessment_measure_result.alliance_id IS '医联体 the alliance.';
COMMENT ON COLUMN medalliance.assessment_measure_result.measure_code IS '指标 the measure.';
COMMENT ON COLUMN medalliance.assessment_measure_result.run_id IS '运行编号 the run that stored it.';
COMMENT ON COLUMN medalliance.assessment_measure_result.measure_no IS '序号 the measure''s display order.';
COMMENT ON COLUMN medalliance.assessment_measure_result.domain_code IS '维度 the domain (NULL for bonus and veto measures).';
COMMENT ON COLUMN medalliance.assessment_measure_result.role IS '角色 scored, bonus or veto.';
COMMENT ON COLUMN medalliance.assessment_measure_result.rule IS '评分规则 the rule.';
COMMENT ON COLUMN medalliance.assessment_measure_result.rule_text IS '规则说明 the rule with its parameters as scored, e.g. "linear 0 → 100".';
COMMENT ON COLUMN medalliance.assessment_measure_result.raw_value IS '原始值 the value read: percent (0–100) for rate indicators, a count for count indicators, a score 0–100 for unification, QC and satisfaction scores.';
COMMENT ON COLUMN medalliance.assessment_measure_result.baseline_value IS '基线值 improvement: the previous year''s value; attainment of a change target: the baseline year''s value; same unit as raw_value.';
COMMENT ON COLUMN medalliance.assessment_measure_result.reference_value IS '参照值 the target the rule compares against (attainment: the target''s value; linear and threshold: target_value), same unit as the target.';
COMMENT ON COLUMN medalliance.assessment_measure_result.status IS '达标状态 attainment: met, not_met or not_assessable (target_attainment); veto: vetoed or passed; NULL otherwise.';
COMMENT ON COLUMN medalliance.assessment_measure_result.assessable IS '可评价 false when the value (or baseline, or target) the rule needs is missing: the reason says why.';
COMMENT ON COLUMN medalliance.assessment_measure_result.reason IS '原因 why the measure could not be assessed.';
COMMENT ON COLUMN medalliance.assessment_measure_result.points IS '规则得分 the rule''s points, 0 to full_points; NULL when not assessable or monitor-only.';
COMMENT ON COLUMN medalliance.assessment_measure_result.full_points IS '满分 the measure''s configured points (a veto measure is scored out of 1).';
COMMENT ON COLUMN medalliance.assessment_measure_result.weight IS '权重(分) the points of the total the measure could contribute for this alliance: its share of its domain times the domain''s share of the total (after rescaling for measures that could not be assessed); 0 for monitor, bonus and veto measures.';
COMMENT ON COLUMN medalliance.assessment_measure_result.contribution IS '贡献分 the points the measure adds to the total: points / full_points × weight (bonus: points, scaled down when the bonus cap binds; 0 when a veto zeroes the total).';
COMMENT ON COLUMN medalliance.assessment_measure_result.direction IS '方向 the measure''s kind for the composite methods: higher_better, lower_better or target_band=A..B.';
COMMENT ON COLUMN medalliance.assessment_measure_result.source IS '数据来源 the stored result the raw value came from.';

CREATE TABLE medalliance.assessment_domain_result (
    scheme_code        text NOT NULL,
    year               smallint NOT NULL,
    alliance_id        integer NOT NULL
        CONSTRAINT assessment_domain_result_alliance_fkey REFERENCES medalliance.alliance (alliance_id),
    domain_code        text NOT NULL,
    run_id             bigint NOT NULL
        CONSTRAINT assessment_domain_result_run_fkey REFERENCES medalliance.assessment_run (run_id) ON DELETE CASCADE,
    domain_no          smallint NOT NULL,
    points             double precision NOT NULL,
    full_points        double precision NOT NULL,
    measures_assessed  integer NOT NULL,
    measures           integer NOT NULL,
    CONSTRAINT assessment_domain_result_pkey PRIMARY KEY (scheme_code, year, alliance_id, domain_code)
);
COMMENT ON TABLE medalliance.assessment_domain_result IS
    '考核维度结果 the points of each domain per scheme, year and alliance: the sum of its measures'' contributions.';
COMMENT ON COLUMN medalliance.assessment_domain_result.scheme_code IS '方案 the assessment scheme.';
COMMENT ON COLUMN medalliance.assessment_domain_result.year IS '考核年度 the assessed year.';
COMMENT ON COLUMN medalliance.assessment_domain_result.alliance_id IS '医联体 the alliance.';
COMMENT ON COLUMN medalliance.assessment_domain_result.domain_code IS '维度 the domain.';
COMMENT ON COLUMN medalliance.assessment_domain_result.run_id IS '运行编号 the run that stored it.';
COMMENT ON COLUMN medalliance.assessment_domain_result.domain_no IS '序号 display order.';
COMMENT ON COLUMN medalliance.assessment_domain_result.points IS '维度得分 the domain''s points in the total (Σ contributions of its measures).';
COMMENT ON COLUMN medalliance.assessment_domain_result.full_points IS '维度满分 the most the domain could contribute for this alliance, in points (its configured points, rescaled when other domains could not be assessed).';
COMMENT ON COLUMN medalliance.assessment_domain_result.measures_assessed IS '已评价指标数 scored measures that could be assessed.';
COMMENT ON COLUMN medalliance.assessment_domain_result.measures IS '指标数 scored measures of the domain (monitor-only included).';

CREATE TABLE medalliance.assessment_result (
    scheme_code        text NOT NULL,
    year               smallint NOT NULL,
    alliance_id        integer NOT NULL
        CONSTRAINT assessment_result_alliance_fkey REFERENCES medalliance.alliance (alliance_id),
    run_id             bigint NOT NULL
        CONSTRAINT assessment_result_run_fkey REFERENCES medalliance.assessment_run (run_id) ON DELETE CASCADE,
    scheme_version     integer NOT NULL,
    total              double precision NOT NULL,
    scored_points      double precision NOT NULL,
    bonus_points       double precision NOT NULL,
    max_total          double precision NOT NULL,
    veto               boolean NOT NULL,
    veto_measures      text[],
    grade              text,
    grade_no           smallint,
    rank               integer NOT NULL,
    alliances_ranked   integer NOT NULL,
    measures_assessed  integer NOT NULL,
    measures           integer NOT NULL,
    domain_points      jsonb NOT NULL,
    topsis_closeness   double precision,
    topsis_rank        integer,
    rsr_wrsr           double precision,
    rsr_rank           integer,
    rsr_grade          integer,
    composite_measures text[],
    composite_reason   text,
    CONSTRAINT assessment_result_pkey PRIMARY KEY (scheme_code, year, alliance_id)
);
COMMENT ON TABLE medalliance.assessment_result IS
    '考核结果 the assessment of each alliance per scheme and year: total, grade, rank and veto, the domains'' points, and TOPSIS and weighted RSR as alternative rankings.';
COMMENT ON COLUMN medalliance.assessment_result.scheme_code IS '方案 the assessment scheme.';
COMMENT ON COLUMN medalliance.assessment_result.year IS '考核年度 the assessed year.';
COMMENT ON COLUMN medalliance.assessment_result.alliance_id IS '医联体 the alliance.';
COMMENT ON COLUMN medalliance.assessment_result.run_id IS '运行编号 the run (assessment_run: provenance).';
COMMENT ON COLUMN medalliance.assessment_result.scheme_version IS '方案版本 the scheme version scored with.';
COMMENT ON COLUMN medalliance.assessment_result.total IS '总分 scored points plus bonus points, in points (0 when a veto zeroes it).';
COMMENT ON COLUMN medalliance.assessment_result.scored_points IS '计分得分 the domains'' points, in points.';
COMMENT ON COLUMN medalliance.assessment_result.bonus_points IS '加分 bonus points after the cap.';
COMMENT ON COLUMN medalliance.assessment_result.max_total IS '满分 the sum of the domains'' points (without bonus).';
COMMENT ON COLUMN medalliance.assessment_result.veto IS '一票否决 true when a veto measure applied.';
COMMENT ON COLUMN medalliance.assessment_result.veto_measures IS '否决指标 the veto measures that applied.';
COMMENT ON COLUMN medalliance.assessment_result.grade IS '等次 the grade (after a veto''s cap).';
COMMENT ON COLUMN medalliance.assessment_result.grade_no IS '等次序号 1 for the best grade.';
COMMENT ON COLUMN medalliance.assessment_result.rank IS '名次 rank by total among the scheme''s alliances of the year, 1 best; ties share the better rank.';
COMMENT ON COLUMN medalliance.assessment_result.alliances_ranked IS '参评数 alliances ranked.';
COMMENT ON COLUMN medalliance.assessment_result.measures_assessed IS '已评价指标数 measures (scored, bonus, veto) that could be assessed.';
COMMENT ON COLUMN medalliance.assessment_result.measures IS '指标数 measures of the scheme other than monitor-only.';
COMMENT ON COLUMN medalliance.assessment_result.domain_points IS '维度得分 {domain_code: points} of the domains.';
COMMENT ON COLUMN medalliance.assessment_result.topsis_closeness IS 'TOPSIS 相对接近度 0–1 (1 best) over composite_measures'' raw values, weighted by their points (topsis_closeness()); NULL with composite_reason when not computable.';
COMMENT ON COLUMN medalliance.assessment_result.topsis_rank IS 'TOPSIS 名次 rank by closeness, 1 best.';
COMMENT ON COLUMN medalliance.assessment_result.rsr_wrsr IS '加权秩和比 weighted rank-sum ratio (rsr()), 1/n–1, 1 best.';
COMMENT ON COLUMN medalliance.assessment_result.rsr_rank IS 'RSR 名次 rank by WRSR, 1 best.';
COMMENT ON COLUMN medalliance.assessment_result.rsr_grade IS 'RSR 分档 probit grade 1 (worst) to 3 (best) (rsr_grade()); NULL for fewer than 3 alliances or distinct values.';
COMMENT ON COLUMN medalliance.assessment_result.composite_measures IS '综合评价指标 the measures TOPSIS and RSR used: scored, not monitor-only, assessable for every alliance of the year.';
COMMENT ON COLUMN medalliance.assessment_result.composite_reason IS '原因 why TOPSIS and RSR are NULL.';

-- Inputs ---------------------------------------------------------------------

-- assessment_inputs(scheme, year): the raw value of every measure of the
-- scheme for every alliance with a stored result of the year, each layer read
-- by its own function (assessment_source.read_by).
CREATE FUNCTION medalliance.assessment_inputs(scheme text, year integer)
RETURNS TABLE (measure_code text, alliance_id integer, raw_value double precision, baseline_value double precision,
               reference_value double precision, status text, reason text, direction text, source text)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, medalliance, pg_temp
AS $$
DECLARE
    src medalliance.assessment_source;
BEGIN
    FOR src IN SELECT s.* FROM medalliance.assessment_source s
               WHERE EXISTS (SELECT FROM medalliance.assessment_measure m
                             WHERE m.scheme_code = scheme AND m.source_kind = s.source_kind)
               ORDER BY s.source_kind
    LOOP
        RETURN QUERY EXECUTE format('SELECT * FROM %s($1, $2)', medalliance.qualified_function_name(src.read_by))
            USING scheme, year;
    END LOOP;
END
$$;
COMMENT ON FUNCTION medalliance.assessment_inputs(text, integer) IS
    '考核输入 The raw value of each measure of an assessment scheme for each alliance with a stored result of the year (and the previous year''s value for improvement rules), read layer by layer by the functions of assessment_source, with the reason when a value is missing.';

-- The rule's points for one value.
CREATE FUNCTION medalliance.assessment_rule_points(m medalliance.assessment_measure, raw_value double precision,
                                                   baseline_value double precision, status text,
                                                   full_points double precision)
RETURNS double precision
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, medalliance, pg_temp
AS $$
    SELECT CASE m.rule
        WHEN 'linear' THEN medalliance.score_linear(raw_value, m.floor_value, m.target_value, full_points)
        WHEN 'threshold' THEN medalliance.score_threshold(raw_value, m.target_value, full_points, m.higher_is_better)
        WHEN 'improvement' THEN
            CASE WHEN NOT (m.relative_gain AND baseline_value <= 0)
                 THEN medalliance.score_improvement(raw_value, baseline_value,
                                                   -- the kernel takes a relative gain as a fraction
                                                   CASE WHEN m.relative_gain THEN m.target_gain / 100 ELSE m.target_gain END,
                                                   full_points, m.relative_gain) END
        WHEN 'band' THEN medalliance.score_band(raw_value, m.low_value, m.high_value, m.falloff, full_points)
        WHEN 'attainment' THEN CASE status WHEN 'met' THEN full_points WHEN 'not_met' THEN 0 END
    END
$$;
COMMENT ON FUNCTION medalliance.assessment_rule_points(medalliance.assessment_measure, double precision, double precision, text, double precision) IS
    '规则得分 The points (0 to full_points) a measure''s rule gives a value: score_linear, score_threshold, score_improvement (over baseline_value, a relative target_gain given in percent; NULL for a relative gain over a baseline <= 0), score_band, or full points when the attainment status is met; NULL for monitor-only or a missing value.';

-- The rule as text, for the explanation.
CREATE FUNCTION medalliance.assessment_rule_text(m medalliance.assessment_measure)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, medalliance, pg_temp
AS $$
    SELECT CASE m.rule
        WHEN 'linear' THEN format('linear %s → %s', m.floor_value, m.target_value)
        WHEN 'threshold' THEN format('threshold %s %s', CASE WHEN m.higher_is_better THEN '>=' ELSE '<=' END, m.target_value)
        WHEN 'improvement' THEN format('improvement %s%s over the previous year', m.target_gain,
                                       CASE WHEN m.relative_gain THEN '%' ELSE ' points' END)
        WHEN 'band' THEN format('band %s..%s, falloff %s', m.low_value, m.high_value, m.falloff)
        WHEN 'attainment' THEN format('attainment of the %s target', m.source_scheme)
        WHEN 'monitor' THEN 'monitor only'
    END || CASE m.role WHEN 'bonus' THEN ' (bonus)'
                       WHEN 'veto' THEN format(' (veto: %s)', CASE m.veto_effect WHEN 'zero_total' THEN 'total 0'
                                                              ELSE 'grade at most ' || m.veto_grade END)
                       ELSE '' END
$$;
COMMENT ON FUNCTION medalliance.assessment_rule_text(medalliance.assessment_measure) IS
    '规则说明 A measure''s rule and parameters as text, e.g. "linear 0 → 100".';

-- The kind of a measure for the composite methods.
CREATE FUNCTION medalliance.assessment_direction(m medalliance.assessment_measure)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, medalliance, pg_temp
AS $$
    SELECT CASE m.rule
        WHEN 'linear' THEN CASE WHEN m.target_value > m.floor_value THEN 'higher_better' ELSE 'lower_better' END
        WHEN 'threshold' THEN CASE WHEN m.higher_is_better THEN 'higher_better' ELSE 'lower_better' END
        WHEN 'improvement' THEN CASE WHEN m.target_gain > 0 THEN 'higher_better' ELSE 'lower_better' END
        WHEN 'band' THEN format('target_band=%s..%s', m.low_value, m.high_value)
    END
$$;
COMMENT ON FUNCTION medalliance.assessment_direction(medalliance.assessment_measure) IS
    '指标方向 The kind of a measure''s raw value for entropy weights, TOPSIS and RSR: higher_better, lower_better or target_band=A..B (attainment measures take the target''s comparator).';

-- The alliances a scheme assesses in a year: its kinds, in existence that year.
CREATE FUNCTION medalliance.assessment_alliances(kinds text[], year integer)
RETURNS TABLE (alliance_id integer)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, medalliance, pg_temp
AS $$
    SELECT a.alliance_id FROM medalliance.alliance a
    WHERE a.alliance_kind = ANY (kinds)
      AND (a.formed_on IS NULL OR a.formed_on <= make_date(year, 12, 31))
      AND (a.dissolved_on IS NULL OR a.dissolved_on > make_date(year, 1, 1))
$$;
COMMENT ON FUNCTION medalliance.assessment_alliances(text[], integer) IS
    '参评医联体 The alliances of the given kinds formed by the end of the year and not dissolved before it began: those an assessment scheme scores for the year.';

-- Publishing a version ------------------------------------------------------

-- assessment_publish_version(scheme): records the scheme's current version
-- with a snapshot of its current configuration, once (a version already
-- recorded is kept as it was first scored).  SECURITY DEFINER so that the
-- role that refreshes (medalliance_refresher) needs no write privilege on
-- assessment_version: it can record only what the configuration says now,
-- never a version of its own making.
CREATE FUNCTION medalliance.assessment_publish_version(scheme text)
RETURNS void
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SECURITY DEFINER
SET search_path = pg_catalog, medalliance, pg_temp
AS $$
BEGIN
    INSERT INTO medalliance.assessment_version (scheme_code, version, config)
    SELECT s.scheme_code, s.version, medalliance.assessment_config_snapshot(s.scheme_code)
    FROM medalliance.assessment_setting s
    WHERE s.scheme_code OPERATOR(pg_catalog.=) scheme
    ON CONFLICT ON CONSTRAINT assessment_version_pkey DO NOTHING;
END
$$;
COMMENT ON FUNCTION medalliance.assessment_publish_version(text) IS
    '发布方案版本 Records the current version of an assessment scheme with a snapshot of its current configuration in assessment_version, unless that version is recorded already (called by assessment_score). SECURITY DEFINER so that a refreshing role needs no write privilege on assessment_version.';
REVOKE ALL ON FUNCTION medalliance.assessment_publish_version(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION medalliance.assessment_publish_version(text) TO medalliance_admin;

-- Scoring one scheme and year -----------------------------------------------

CREATE FUNCTION medalliance.assessment_score(refresh_id bigint, scheme text, year integer)
RETURNS bigint
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SECURITY INVOKER
SET search_path = pg_catalog, medalliance, pg_temp
AS $$
DECLARE
    st        medalliance.assessment_setting;
    run       bigint;
    n_rows    bigint;
BEGIN
    SELECT * INTO STRICT st FROM medalliance.assessment_setting s WHERE s.scheme_code = scheme;
    -- publish the version scored with (a snapshot of its configuration)
    PERFORM medalliance.assessment_publish_version(scheme);

    DELETE FROM medalliance.assessment_measure_result r WHERE r.scheme_code = scheme AND r.year = assessment_score.year;
    DELETE FROM medalliance.assessment_domain_result r WHERE r.scheme_code = scheme AND r.year = assessment_score.year;
    DELETE FROM medalliance.assessment_result r WHERE r.scheme_code = scheme AND r.year = assessment_score.year;

    INSERT INTO medalliance.assessment_run (refresh_id, scheme_code, scheme_version, year, alliances, source_refreshes)
    SELECT assessment_score.refresh_id, scheme, st.version, assessment_score.year,
           (SELECT count(*) FROM medalliance.assessment_alliances(st.alliance_kinds, assessment_score.year)),
           coalesce((SELECT jsonb_object_agg(x.layer, x.ids)
                     FROM (SELECT l.layer, jsonb_agg(l.refresh_id ORDER BY l.refresh_id) AS ids
                           FROM medalliance.refresh_log l
                           WHERE l.layer IN (SELECT s.source_kind FROM medalliance.assessment_source s)
                             AND l.period_from <= make_date(assessment_score.year, 12, 1)
                             AND l.period_to >= make_date(assessment_score.year, 1, 1)
                           GROUP BY l.layer) x), '{}')
    RETURNING run_id INTO run;

    -- 1. every measure for every alliance the scheme assesses: value, points
    -- 2. contributions: points scaled by the domain's share of the total
    INSERT INTO medalliance.assessment_measure_result
        (scheme_code, year, alliance_id, measure_code, run_id, measure_no, domain_code, role, rule, rule_text,
         raw_value, baseline_value, reference_value, status, assessable, reason, points, full_points, weight,
         contribution, direction, source)
    WITH alliances AS (
        SELECT x.alliance_id FROM medalliance.assessment_alliances(st.alliance_kinds, assessment_score.year) x
    ), inputs AS (
        SELECT * FROM medalliance.assessment_inputs(scheme, assessment_score.year)
    ), scored AS (
        SELECT a.alliance_id, m AS measure, i.raw_value, i.baseline_value, i.status,
               coalesce(i.reference_value, CASE WHEN m.rule IN ('linear', 'threshold') THEN m.target_value END)
                   AS reference_value,
               coalesce(i.direction, medalliance.assessment_direction(m)) AS direction,
               coalesce(i.source, format('%s %s %s, year %s', m.source_kind, coalesce(m.source_scheme, ''),
                                         coalesce(m.source_key, ''), assessment_score.year)) AS source,
               CASE WHEN m.role = 'veto' THEN 1 ELSE m.points END AS full_points,
               CASE
                   WHEN i.alliance_id IS NULL THEN 'no stored result for the year'
                   WHEN i.reason IS NOT NULL THEN i.reason
                   WHEN m.rule = 'attainment' AND i.status NOT IN ('met', 'not_met') THEN 'target not assessable'
                   WHEN m.rule = 'improvement' AND i.baseline_value IS NULL
                       THEN format('no value for %s, the baseline', assessment_score.year - 1)
                   WHEN m.rule = 'improvement' AND m.relative_gain AND i.baseline_value <= 0
                       THEN 'baseline is not positive: relative gain undefined'
               END AS reason
        FROM alliances a
        CROSS JOIN medalliance.assessment_measure m
        LEFT JOIN inputs i ON i.alliance_id = a.alliance_id AND i.measure_code = m.measure_code
        WHERE m.scheme_code = scheme
    ), pointed AS (
        SELECT s.*, (s.measure).role AS role, (s.measure).rule AS rule, (s.measure).domain_code AS domain_code,
               s.reason IS NULL AS assessable,
               CASE WHEN s.reason IS NULL THEN
                   medalliance.assessment_rule_points(s.measure, s.raw_value, s.baseline_value, s.status, s.full_points)
               END AS points,
               -- a measure that takes part in its domain's points: scored, not monitor-only
               (s.measure).role = 'scored' AND (s.measure).rule <> 'monitor' AS counts
        FROM scored s
    ), domain_shares AS (
        SELECT p.*, d.points AS domain_points,
               sum((p.measure).points) FILTER (WHERE p.counts AND (p.assessable OR st.missing_policy = 'zero'))
                   OVER (PARTITION BY p.alliance_id, p.domain_code) AS domain_measure_points
        FROM pointed p
        LEFT JOIN medalliance.assessment_domain d ON d.scheme_code = scheme AND d.domain_code = p.domain_code
    ), total_shares AS (
        -- rescale: the domains that could be assessed share the whole total
        SELECT ds.*,
               (SELECT sum(d.points) FROM medalliance.assessment_domain d WHERE d.scheme_code = scheme)
               / nullif(sum(ds.domain_points) FILTER (WHERE ds.first_in_domain AND ds.domain_measure_points > 0)
                            OVER (PARTITION BY ds.alliance_id), 0) AS total_factor
        FROM (SELECT x.*, row_number() OVER (PARTITION BY x.alliance_id, x.domain_code ORDER BY (x.measure).measure_no) = 1
                          AS first_in_domain
              FROM domain_shares x) ds
    ), weighted AS (
        SELECT t.*,
               CASE WHEN t.counts AND (t.assessable OR st.missing_policy = 'zero') AND t.domain_measure_points > 0
                    THEN (t.measure).points / t.domain_measure_points * t.domain_points
                         * CASE st.missing_policy WHEN 'rescale' THEN t.total_factor ELSE 1 END
                    ELSE 0 END AS weight,
               sum(t.points) FILTER (WHERE t.role = 'bonus') OVER (PARTITION BY t.alliance_id) AS bonus_sum,
               bool_or(t.role = 'veto' AND (t.measure).veto_effect = 'zero_total' AND t.assessable AND t.points < 1)
                   OVER (PARTITION BY t.alliance_id) AS zeroed
        FROM total_shares t
    )
    SELECT scheme, assessment_score.year, w.alliance_id, (w.measure).measure_code, run, (w.measure).measure_no,
           w.domain_code, w.role, w.rule, medalliance.assessment_rule_text(w.measure),
           w.raw_value, w.baseline_value, w.reference_value,
           CASE WHEN w.role = 'veto' AND w.assessable THEN CASE WHEN w.points < 1 THEN 'vetoed' ELSE 'passed' END
                WHEN w.rule = 'attainment' THEN w.status END,
           w.assessable, w.reason, w.points, w.full_points, w.weight,
           CASE WHEN w.zeroed THEN 0
                WHEN w.role = 'bonus' THEN coalesce(w.points, 0)
                     * CASE WHEN w.bonus_sum > st.bonus_cap THEN st.bonus_cap / w.bonus_sum ELSE 1 END
                WHEN w.weight > 0 AND w.assessable THEN w.points / w.full_points * w.weight
                ELSE 0 END,
           w.direction, w.source
    FROM weighted w;
    GET DIAGNOSTICS n_rows = ROW_COUNT;

    -- 3. the domains
    INSERT INTO medalliance.assessment_domain_result
        (scheme_code, year, alliance_id, domain_code, run_id, domain_no, points, full_points, measures_assessed, measures)
    SELECT scheme, assessment_score.year, r.alliance_id, d.domain_code, run, d.domain_no,
           coalesce(sum(r.contribution), 0), coalesce(sum(r.weight), 0),
           (count(*) FILTER (WHERE r.assessable AND r.rule <> 'monitor'))::integer, count(*)::integer
    FROM medalliance.assessment_domain d
    JOIN medalliance.assessment_measure_result r
      ON r.scheme_code = d.scheme_code AND r.domain_code = d.domain_code AND r.year = assessment_score.year
    WHERE d.scheme_code = scheme
    GROUP BY r.alliance_id, d.domain_code, d.domain_no;

    -- 4. the alliances: total, veto, grade, rank
    INSERT INTO medalliance.assessment_result
        (scheme_code, year, alliance_id, run_id, scheme_version, total, scored_points, bonus_points, max_total,
         veto, veto_measures, grade, grade_no, rank, alliances_ranked, measures_assessed, measures, domain_points)
    WITH totals AS (
        SELECT r.alliance_id,
               sum(r.contribution) AS total,
               coalesce(sum(r.contribution) FILTER (WHERE r.role = 'scored'), 0) AS scored_points,
               coalesce(sum(r.contribution) FILTER (WHERE r.role = 'bonus'), 0) AS bonus_points,
               array_agg(r.measure_code ORDER BY r.measure_no) FILTER (WHERE r.status = 'vetoed') AS veto_measures,
               max(g.grade_no) FILTER (WHERE r.status = 'vetoed') AS veto_grade_no,
               (count(*) FILTER (WHERE r.assessable AND r.rule <> 'monitor'))::integer AS measures_assessed,
               (count(*) FILTER (WHERE r.rule <> 'monitor'))::integer AS measures
        FROM medalliance.assessment_measure_result r
        JOIN medalliance.assessment_measure m ON m.scheme_code = r.scheme_code AND m.measure_code = r.measure_code
        LEFT JOIN medalliance.assessment_grade g ON g.scheme_code = m.scheme_code AND g.grade = m.veto_grade
        WHERE r.scheme_code = scheme AND r.year = assessment_score.year
        GROUP BY r.alliance_id
    ), graded AS (
        SELECT t.*,
               (SELECT g.grade_no FROM medalliance.assessment_grade g
                WHERE g.scheme_code = scheme AND g.min_total <= t.total
                ORDER BY g.min_total DESC LIMIT 1) AS points_grade_no
        FROM totals t
    )
    SELECT scheme, assessment_score.year, g.alliance_id, run, st.version, g.total, g.scored_points, g.bonus_points,
           (SELECT sum(d.points) FROM medalliance.assessment_domain d WHERE d.scheme_code = scheme),
           g.veto_measures IS NOT NULL, g.veto_measures,
           gr.grade, gr.grade_no,
           rank() OVER (ORDER BY g.total DESC), count(*) OVER (),
           g.measures_assessed, g.measures,
           coalesce((SELECT jsonb_object_agg(dr.domain_code, dr.points ORDER BY dr.domain_no)
                     FROM medalliance.assessment_domain_result dr
                     WHERE dr.scheme_code = scheme AND dr.year = assessment_score.year
                       AND dr.alliance_id = g.alliance_id), '{}')
    FROM graded g
    LEFT JOIN medalliance.assessment_grade gr
      ON gr.scheme_code = scheme
     AND gr.grade_no = greatest(g.points_grade_no, g.veto_grade_no);

    -- 5. TOPSIS and weighted RSR over the measures every alliance has
    WITH common AS (
        SELECT r.measure_code
        FROM medalliance.assessment_measure_result r
        WHERE r.scheme_code = scheme AND r.year = assessment_score.year
          AND r.role = 'scored' AND r.rule <> 'monitor'
        GROUP BY r.measure_code
        HAVING bool_and(r.assessable AND r.raw_value IS NOT NULL AND r.direction IS NOT NULL)
    ), nominal AS (
        -- the configured weight of each measure (its share of its domain times the domain's points)
        SELECT m.measure_code, m.measure_no,
               m.points / sum(m.points) OVER (PARTITION BY m.domain_code) * d.points AS weight
        FROM medalliance.assessment_measure m
        JOIN medalliance.assessment_domain d ON d.scheme_code = m.scheme_code AND d.domain_code = m.domain_code
        WHERE m.scheme_code = scheme AND m.role = 'scored' AND m.rule <> 'monitor'
    ), matrix AS (
        SELECT r.alliance_id,
               array_agg(CASE WHEN r.rule = 'improvement' THEN r.raw_value - r.baseline_value ELSE r.raw_value END
                         ORDER BY n.measure_no) AS vals,
               array_agg(r.direction ORDER BY n.measure_no) AS kinds,
               array_agg(n.weight ORDER BY n.measure_no) AS weights,
               array_agg(r.measure_code ORDER BY n.measure_no) AS codes
        FROM medalliance.assessment_measure_result r
        JOIN common c ON c.measure_code = r.measure_code
        JOIN nominal n ON n.measure_code = r.measure_code
        WHERE r.scheme_code = scheme AND r.year = assessment_score.year
        GROUP BY r.alliance_id
    ), composite AS (
        SELECT x.alliance_id, x.codes,
               medalliance.topsis_closeness(x.vals, x.kinds, x.weights) OVER w AS closeness,
               medalliance.rsr(x.vals, x.kinds, x.weights) OVER w AS wrsr,
               medalliance.rsr_grade(x.vals, x.kinds, x.weights, 3) OVER w AS rsr_grade
        FROM matrix x
        WINDOW w AS ()
    ), ranked AS (
        SELECT c.*, rank() OVER (ORDER BY c.closeness DESC) AS topsis_rank, rank() OVER (ORDER BY c.wrsr DESC) AS rsr_rank
        FROM composite c
    )
    UPDATE medalliance.assessment_result r
    SET topsis_closeness = k.closeness, topsis_rank = k.topsis_rank, rsr_wrsr = k.wrsr, rsr_rank = k.rsr_rank,
        rsr_grade = k.rsr_grade, composite_measures = k.codes
    FROM ranked k
    WHERE r.scheme_code = scheme AND r.year = assessment_score.year AND r.alliance_id = k.alliance_id;

    UPDATE medalliance.assessment_result r
    SET composite_reason = 'no scored measure is assessable for every alliance of the year'
    WHERE r.scheme_code = scheme AND r.year = assessment_score.year AND r.composite_measures IS NULL;

    RETURN n_rows;
END
$$;
COMMENT ON FUNCTION medalliance.assessment_score(bigint, text, integer) IS
    '考核计分 Scores one assessment scheme for one year under the refresh refresh_id: publishes the scheme version, replaces the stored measure, domain and alliance results of the scheme and year, and writes the run''s provenance. Returns the measure rows written. Called by refresh_assessment().';

-- The refresh ---------------------------------------------------------------

CREATE FUNCTION medalliance.refresh_assessment_period(period_from date, period_to date,
                                                      scheme_codes text[] DEFAULT NULL)
RETURNS bigint
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SECURITY INVOKER
SET search_path = pg_catalog, medalliance, pg_temp
SET jit = off
SET parallel_setup_cost = 10000
AS $$
DECLARE
    began    record;
    unknown  text;
    schemes  text[];
    years    integer[];
    scheme   text;
    y        integer;
    n        bigint;
    total    bigint := 0;
    per      jsonb := '{}';
BEGIN
    SELECT string_agg(coalesce(c, 'NULL'), ', ') INTO unknown FROM unnest(scheme_codes) c
    WHERE c IS NULL OR NOT EXISTS (SELECT FROM medalliance.assessment_setting s WHERE s.scheme_code = c);
    IF unknown IS NOT NULL OR cardinality(scheme_codes) = 0 THEN
        RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
            MESSAGE = format('unknown assessment scheme(s): %s', coalesce(unknown, '(none)')),
            HINT = 'The assessment schemes are the rows of medalliance.assessment_setting; leave scheme_codes NULL for all of them.';
    END IF;
    schemes := coalesce(scheme_codes, ARRAY(SELECT s.scheme_code FROM medalliance.assessment_setting s
                                            ORDER BY s.scheme_code));
    SELECT * INTO began FROM medalliance.refresh_begin('assessment', period_from, period_to);
    years := ARRAY(SELECT DISTINCT extract(year FROM m)::integer FROM unnest(began.months_with_data) m ORDER BY 1);
    FOREACH scheme IN ARRAY schemes LOOP
        FOREACH y IN ARRAY years LOOP
            n := medalliance.assessment_score(began.refresh_id, scheme, y);
            total := total + n;
            per := per || jsonb_build_object(scheme || ' ' || y, n);
        END LOOP;
    END LOOP;
    RETURN medalliance.refresh_finish(began.refresh_id, total,
                                      jsonb_build_object('years', to_jsonb(years), 'rows_per_scheme_year', per));
END
$$;
COMMENT ON FUNCTION medalliance.refresh_assessment_period(date, date, text[]) IS
    '考核刷新(期间) Scores the assessment schemes (all, or those named) for every calendar year with data in the period, from the stored results of the other layers (refresh them first; refresh() runs this layer last). Logged in refresh_log; returns the refresh_id. refresh_assessment(year) is the usual call.';

CREATE FUNCTION medalliance.refresh_assessment(year integer, scheme_code text DEFAULT NULL)
RETURNS bigint
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SECURITY INVOKER
SET search_path = pg_catalog, medalliance, pg_temp
SET jit = off
SET parallel_setup_cost = 10000
AS $$
BEGIN
    IF year IS NULL OR year NOT BETWEEN 1900 AND 2999 THEN
        RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
            MESSAGE = format('assessment year %s is out of range', coalesce(year::text, 'NULL')),
            HINT = 'Name a calendar year with data, e.g. refresh_assessment(2024).';
    END IF;
    RETURN medalliance.refresh_assessment_period(make_date(year, 1, 1), make_date(year, 12, 31),
                                                 CASE WHEN scheme_code IS NOT NULL THEN ARRAY[scheme_code] END);
END
$$;
COMMENT ON FUNCTION medalliance.refresh_assessment(integer, text) IS
    '考核刷新 Scores one year under one assessment scheme (all schemes when scheme_code is NULL) from the stored results of the other layers; returns the refresh_id.';

SELECT pg_catalog.pg_extension_config_dump('medalliance.assessment_run', '');
SELECT pg_catalog.pg_extension_config_dump(
    pg_catalog.pg_get_serial_sequence('medalliance.assessment_run', 'run_id'), '');
SELECT pg_catalog.pg_extension_config_dump('medalliance.assessment_measure_result', '');
SELECT pg_catalog.pg_extension_config_dump('medalliance.assessment_domain_result', '');
SELECT pg_catalog.pg_extension_config_dump('medalliance.assessment_result', '');

GRANT SELECT ON medalliance.assessment_run, medalliance.assessment_measure_result,
                medalliance.assessment_domain_result, medalliance.assessment_result TO medalliance_analyst;
GRANT INSERT, UPDATE, DELETE ON medalliance.assessment_run, medalliance.assessment_measure_result,
                                medalliance.assessment_domain_result, medalliance.assessment_result,
                                medalliance.assessment_version TO medalliance_admin;
GRANT USAGE ON SEQUENCE medalliance.assessment_run_run_id_seq TO medalliance_admin;
