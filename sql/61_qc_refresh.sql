-- Quality control (质控), stored states and refresh_qc(): see sql/60_qc_config.sql
-- for the scoring rules.  The month states are merged into month, quarter and
-- year summaries by the refresh; the views (sql/62_qc_views.sql) read only these.

-- Stored states -----------------------------------------------------------------

CREATE TABLE medalliance.qc_member_month (
    scheme_code    text NOT NULL
        CONSTRAINT qc_member_month_scheme_fkey REFERENCES medalliance.qc_setting (scheme_code) ON DELETE CASCADE,
    alliance_id    integer NOT NULL,
    institution_id integer NOT NULL,
    period_start   date NOT NULL
        CONSTRAINT qc_member_month_period_check CHECK (extract(day FROM period_start) = 1),
    is_lead        boolean NOT NULL,
    member_volume  bigint NOT NULL
        CONSTRAINT qc_member_month_volume_check CHECK (member_volume >= 0),
    refresh_id     bigint NOT NULL
        CONSTRAINT qc_member_month_refresh_fkey REFERENCES medalliance.refresh_log (refresh_id),
    CONSTRAINT qc_member_month_pkey PRIMARY KEY (scheme_code, alliance_id, institution_id, period_start)
);
CREATE INDEX qc_member_month_period_idx ON medalliance.qc_member_month (period_start);
COMMENT ON TABLE medalliance.qc_member_month IS
    '质控成员月 who is scored: per QC scheme, alliance, member and month, the members of the alliance kinds and levels the scheme applies to, and their volume. Written only by refresh_qc().';
COMMENT ON COLUMN medalliance.qc_member_month.scheme_code IS '方案 the QC scheme.';
COMMENT ON COLUMN medalliance.qc_member_month.alliance_id IS '医联体 the alliance.';
COMMENT ON COLUMN medalliance.qc_member_month.institution_id IS '成员机构 the member.';
COMMENT ON COLUMN medalliance.qc_member_month.period_start IS '月份 the month (first day).';
COMMENT ON COLUMN medalliance.qc_member_month.is_lead IS '牵头单位 true for the alliance''s lead institution.';
COMMENT ON COLUMN medalliance.qc_member_month.member_volume IS '诊疗量 encounters at the member that month (its weight under volume weighting).';
COMMENT ON COLUMN medalliance.qc_member_month.refresh_id IS '刷新编号 the refresh that wrote the row.';

CREATE TABLE medalliance.qc_item_state (
    scheme_code     text NOT NULL
        CONSTRAINT qc_item_state_scheme_fkey REFERENCES medalliance.qc_setting (scheme_code) ON DELETE CASCADE,
    institution_id  integer NOT NULL,
    period_start    date NOT NULL
        CONSTRAINT qc_item_state_period_check CHECK (extract(day FROM period_start) = 1),
    item_code       text NOT NULL,
    inspections     integer NOT NULL
        CONSTRAINT qc_item_state_inspections_check CHECK (inspections > 0),
    full_points     double precision NOT NULL
        CONSTRAINT qc_item_state_full_check CHECK (full_points > 0),
    points_kept     double precision NOT NULL
        CONSTRAINT qc_item_state_kept_check CHECK (points_kept >= 0 AND points_kept <= full_points),
    refresh_id      bigint NOT NULL
        CONSTRAINT qc_item_state_refresh_fkey REFERENCES medalliance.refresh_log (refresh_id),
    CONSTRAINT qc_item_state_pkey PRIMARY KEY (scheme_code, institution_id, period_start, item_code)
);
CREATE INDEX qc_item_state_period_idx ON medalliance.qc_item_state (period_start);
COMMENT ON TABLE medalliance.qc_item_state IS
    '检查项目状态 stored inspection states: per QC scheme, institution, month and item, the inspections, the full points (Σ over inspections) and the points kept, deduction_score(full, rescaled deduction, cap). Sums: quarters and years add them. Written only by refresh_qc().';
COMMENT ON COLUMN medalliance.qc_item_state.scheme_code IS '方案 the QC scheme (its points and caps).';
COMMENT ON COLUMN medalliance.qc_item_state.institution_id IS '机构 the inspected institution.';
COMMENT ON COLUMN medalliance.qc_item_state.period_start IS '月份 the month of the inspections (first day).';
COMMENT ON COLUMN medalliance.qc_item_state.item_code IS '检查项目 the item.';
COMMENT ON COLUMN medalliance.qc_item_state.inspections IS '检查次数 inspections of the item in the month.';
COMMENT ON COLUMN medalliance.qc_item_state.full_points IS '标准分合计 the item''s full points times the inspections.';
COMMENT ON COLUMN medalliance.qc_item_state.points_kept IS '得分合计 points kept: full points minus the capped, rescaled deductions.';
COMMENT ON COLUMN medalliance.qc_item_state.refresh_id IS '刷新编号 the refresh that wrote the row.';

CREATE TABLE medalliance.qc_measure_state (
    institution_id integer NOT NULL,
    period_start   date NOT NULL
        CONSTRAINT qc_measure_state_period_check CHECK (extract(day FROM period_start) = 1),
    measure_code   text NOT NULL
        CONSTRAINT qc_measure_state_measure_fkey REFERENCES medalliance.qc_measure (measure_code) ON DELETE CASCADE,
    state          medalliance.rate NOT NULL,
    refresh_id     bigint NOT NULL
        CONSTRAINT qc_measure_state_refresh_fkey REFERENCES medalliance.refresh_log (refresh_id),
    CONSTRAINT qc_measure_state_pkey PRIMARY KEY (institution_id, period_start, measure_code)
);
CREATE INDEX qc_measure_state_period_idx ON medalliance.qc_measure_state (period_start, measure_code);
COMMENT ON TABLE medalliance.qc_measure_state IS
    '质量指标状态 stored measure states: per institution, month and catalogued measure, the rate (numerator/denominator) of quality_measure. Quarters and years merge them with rate_agg(rate). Written only by refresh_qc().';
COMMENT ON COLUMN medalliance.qc_measure_state.institution_id IS '机构 the institution.';
COMMENT ON COLUMN medalliance.qc_measure_state.period_start IS '月份 the month (first day).';
COMMENT ON COLUMN medalliance.qc_measure_state.measure_code IS '质量指标 the measure.';
COMMENT ON COLUMN medalliance.qc_measure_state.state IS '比率状态 numerator/denominator of the month.';
COMMENT ON COLUMN medalliance.qc_measure_state.refresh_id IS '刷新编号 the refresh that wrote the row.';

-- Summary rows per grain, merged from the month states by the refresh ------------

CREATE TABLE medalliance.qc_member_measure (
    scheme_code    text NOT NULL
        CONSTRAINT qc_member_measure_scheme_fkey REFERENCES medalliance.qc_setting (scheme_code) ON DELETE CASCADE,
    alliance_id    integer NOT NULL,
    institution_id integer NOT NULL,
    period_start   date NOT NULL,
    grain          text NOT NULL
        CONSTRAINT qc_member_measure_grain_check CHECK (grain IN ('month', 'quarter', 'year')),
    measure_code   text NOT NULL,
    state          medalliance.rate,
    points         double precision,
    weight         double precision NOT NULL,
    reason         text,
    refresh_id     bigint NOT NULL
        CONSTRAINT qc_member_measure_refresh_fkey REFERENCES medalliance.refresh_log (refresh_id),
    CONSTRAINT qc_member_measure_pkey PRIMARY KEY (scheme_code, alliance_id, institution_id, grain, period_start, measure_code),
    CONSTRAINT qc_member_measure_reason_check CHECK ((points IS NULL) = (reason IS NOT NULL))
);
CREATE INDEX qc_member_measure_period_idx ON medalliance.qc_member_measure (grain, period_start);
COMMENT ON TABLE medalliance.qc_member_measure IS
    '成员指标得分 per scheme, alliance, member, period and measure of the scheme: the rate merged from the months (rate_agg) and its points 0–100, or not assessed with the reason. Written only by refresh_qc().';
COMMENT ON COLUMN medalliance.qc_member_measure.scheme_code IS '方案 the QC scheme.';
COMMENT ON COLUMN medalliance.qc_member_measure.alliance_id IS '医联体 the alliance.';
COMMENT ON COLUMN medalliance.qc_member_measure.institution_id IS '成员机构 the member.';
COMMENT ON COLUMN medalliance.qc_member_measure.period_start IS '期间起始 first day of the period.';
COMMENT ON COLUMN medalliance.qc_member_measure.grain IS '期间粒度 month, quarter or year.';
COMMENT ON COLUMN medalliance.qc_member_measure.measure_code IS '质量指标 the measure.';
COMMENT ON COLUMN medalliance.qc_member_measure.state IS '比率状态 Σ numerators / Σ denominators over the months the member was scored; NULL without data.';
COMMENT ON COLUMN medalliance.qc_member_measure.points IS '得分 0–100 by the measure''s rule; NULL when not assessed.';
COMMENT ON COLUMN medalliance.qc_member_measure.weight IS '权重 the measure''s weight in the scheme.';
COMMENT ON COLUMN medalliance.qc_member_measure.reason IS '未评估原因 no data, or a denominator below the scheme''s minimum.';
COMMENT ON COLUMN medalliance.qc_member_measure.refresh_id IS '刷新编号 the refresh that wrote the row.';

CREATE TABLE medalliance.qc_member_score (
    scheme_code             text NOT NULL
        CONSTRAINT qc_member_score_scheme_fkey REFERENCES medalliance.qc_setting (scheme_code) ON DELETE CASCADE,
    alliance_id             integer NOT NULL,
    institution_id          integer NOT NULL,
    period_start            date NOT NULL,
    grain                   text NOT NULL
        CONSTRAINT qc_member_score_grain_check CHECK (grain IN ('month', 'quarter', 'year')),
    months                  integer NOT NULL,
    is_lead                 boolean NOT NULL,
    member_volume           bigint NOT NULL,
    inspection_score        double precision,
    items_inspected         integer NOT NULL,
    items_total             integer NOT NULL,
    measure_score           double precision,
    measures_assessed       integer NOT NULL,
    measures_total          integer NOT NULL,
    inspection_weight_used  double precision,
    measure_weight_used     double precision,
    total_score             double precision,
    coverage                double precision NOT NULL,
    grade                   text,
    refresh_id              bigint NOT NULL
        CONSTRAINT qc_member_score_refresh_fkey REFERENCES medalliance.refresh_log (refresh_id),
    CONSTRAINT qc_member_score_pkey PRIMARY KEY (scheme_code, alliance_id, institution_id, grain, period_start)
);
CREATE INDEX qc_member_score_period_idx ON medalliance.qc_member_score (grain, period_start);
COMMENT ON TABLE medalliance.qc_member_score IS
    '成员质控得分 per scheme, alliance, member and period (month, quarter, year): the inspection, measure and total scores merged from the month states. Written only by refresh_qc(); read by qc_member and qc_alliance.';
COMMENT ON COLUMN medalliance.qc_member_score.scheme_code IS '方案 the QC scheme.';
COMMENT ON COLUMN medalliance.qc_member_score.alliance_id IS '医联体 the alliance.';
COMMENT ON COLUMN medalliance.qc_member_score.institution_id IS '成员机构 the member.';
COMMENT ON COLUMN medalliance.qc_member_score.period_start IS '期间起始 first day of the period.';
COMMENT ON COLUMN medalliance.qc_member_score.grain IS '期间粒度 month, quarter or year.';
COMMENT ON COLUMN medalliance.qc_member_score.months IS '月数 months of the period in which the member was scored.';
COMMENT ON COLUMN medalliance.qc_member_score.is_lead IS '牵头单位 true for the lead institution.';
COMMENT ON COLUMN medalliance.qc_member_score.member_volume IS '诊疗量 encounters in the period.';
COMMENT ON COLUMN medalliance.qc_member_score.inspection_score IS '检查得分 0–100; NULL when no item was inspected.';
COMMENT ON COLUMN medalliance.qc_member_score.items_inspected IS '受检项目数 items of the scheme inspected in the period.';
COMMENT ON COLUMN medalliance.qc_member_score.items_total IS '检查项目数 items in the scheme.';
COMMENT ON COLUMN medalliance.qc_member_score.measure_score IS '指标得分 0–100; NULL when no measure was assessed.';
COMMENT ON COLUMN medalliance.qc_member_score.measures_assessed IS '评估指标数 measures assessed.';
COMMENT ON COLUMN medalliance.qc_member_score.measures_total IS '指标数 measures in the scheme.';
COMMENT ON COLUMN medalliance.qc_member_score.inspection_weight_used IS '检查权重(实际) the inspection part''s weight after renormalisation; NULL when not assessed.';
COMMENT ON COLUMN medalliance.qc_member_score.measure_weight_used IS '指标权重(实际) the measure part''s weight after renormalisation; NULL when not assessed.';
COMMENT ON COLUMN medalliance.qc_member_score.total_score IS '质控总分 0–100; NULL when neither part was assessed.';
COMMENT ON COLUMN medalliance.qc_member_score.coverage IS '覆盖率 fraction 0–1 of the scheme''s weight assessed.';
COMMENT ON COLUMN medalliance.qc_member_score.grade IS '等级 from qc_grade by the total.';
COMMENT ON COLUMN medalliance.qc_member_score.refresh_id IS '刷新编号 the refresh that wrote the row.';

CREATE TABLE medalliance.qc_funnel_point (
    measure_code   text NOT NULL,
    peer_group     text NOT NULL
        CONSTRAINT qc_funnel_point_peer_check CHECK (peer_group IN ('hospital', 'primary_care')),
    institution_id integer NOT NULL,
    period_start   date NOT NULL,
    grain          text NOT NULL
        CONSTRAINT qc_funnel_point_grain_check CHECK (grain IN ('month', 'quarter', 'year')),
    numerator      bigint NOT NULL,
    denominator    bigint NOT NULL,
    point          medalliance.funnel_point NOT NULL,
    point_adjusted medalliance.funnel_point NOT NULL,
    refresh_id     bigint NOT NULL
        CONSTRAINT qc_funnel_point_refresh_fkey REFERENCES medalliance.refresh_log (refresh_id),
    CONSTRAINT qc_funnel_point_pkey PRIMARY KEY (measure_code, grain, period_start, institution_id)
);
CREATE INDEX qc_funnel_point_period_idx ON medalliance.qc_funnel_point (grain, period_start);
COMMENT ON TABLE medalliance.qc_funnel_point IS
    '漏斗图点 per measure, period and institution with data: the merged counts and the funnel() result against its peer group (hospitals or primary care), with exact limits (point) and with the over-dispersion adjustment (point_adjusted). Written only by refresh_qc().';
COMMENT ON COLUMN medalliance.qc_funnel_point.measure_code IS '质量指标 the measure.';
COMMENT ON COLUMN medalliance.qc_funnel_point.peer_group IS '比较组 hospital or primary_care: units are compared with their peers.';
COMMENT ON COLUMN medalliance.qc_funnel_point.institution_id IS '机构 the institution.';
COMMENT ON COLUMN medalliance.qc_funnel_point.period_start IS '期间起始 first day of the period.';
COMMENT ON COLUMN medalliance.qc_funnel_point.grain IS '期间粒度 month, quarter or year.';
COMMENT ON COLUMN medalliance.qc_funnel_point.numerator IS '分子 merged numerator.';
COMMENT ON COLUMN medalliance.qc_funnel_point.denominator IS '分母 merged denominator.';
COMMENT ON COLUMN medalliance.qc_funnel_point.point IS '漏斗图点位 funnel() with exact binomial limits (95%, 99.8%).';
COMMENT ON COLUMN medalliance.qc_funnel_point.point_adjusted IS '校正点位 funnel() with the multiplicative over-dispersion adjustment.';
COMMENT ON COLUMN medalliance.qc_funnel_point.refresh_id IS '刷新编号 the refresh that wrote the row.';

SELECT pg_catalog.pg_extension_config_dump('medalliance.qc_member_month', '');
SELECT pg_catalog.pg_extension_config_dump('medalliance.qc_item_state', '');
SELECT pg_catalog.pg_extension_config_dump('medalliance.qc_measure_state', '');
SELECT pg_catalog.pg_extension_config_dump('medalliance.qc_member_measure', '');
SELECT pg_catalog.pg_extension_config_dump('medalliance.qc_member_score', '');
SELECT pg_catalog.pg_extension_config_dump('medalliance.qc_funnel_point', '');

-- Refresh -------------------------------------------------------------------------

-- refresh_qc(period_from, period_to[, scheme_codes]): recompute the month
-- states of the months from period_from to period_to (inclusive, any day of
-- the month) for every QC scheme with settings, or the ones named; then the
-- summary rows (member measures, member scores, funnel points) of every
-- month, quarter and year that overlaps those months, merged from the
-- stored month states.  Other months are not touched.
CREATE FUNCTION medalliance.refresh_qc(period_from date, period_to date, scheme_codes text[] DEFAULT NULL)
RETURNS bigint
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SECURITY INVOKER
SET search_path = pg_catalog, medalliance, pg_temp
SET jit = off
SET parallel_setup_cost = 10000
AS $$
DECLARE
    begun      record;
    log_id     bigint;
    month_from date;
    month_to   date;
    range_end  date;
    schemes    text[];
    unknown    text;
    n_members  bigint;
    n_items    bigint;
    n_measures bigint;
    n_scores   bigint;
    n_funnel   bigint;
    unread     jsonb;
BEGIN
    SELECT string_agg(coalesce(c, 'NULL'), ', ') INTO unknown
    FROM unnest(scheme_codes) c
    WHERE c IS NULL OR NOT EXISTS (SELECT FROM medalliance.qc_setting s WHERE s.scheme_code = c);
    IF unknown IS NOT NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
            MESSAGE = format('unknown QC scheme(s) or scheme(s) without settings: %s', unknown),
            HINT = 'The QC schemes are the rows of medalliance.qc_setting.';
    END IF;
    SELECT * INTO begun FROM medalliance.refresh_begin('qc', period_from, period_to);
    log_id := begun.refresh_id;
    month_from := begun.month_from;
    month_to := begun.month_to;
    range_end := (month_to + interval '1 month')::date;
    -- the members' volumes come from the monthly encounter summary (fact_summary_refresh)
    PERFORM medalliance.fact_summary_refresh(month_from, month_to, log_id);
    schemes := coalesce(scheme_codes, ARRAY(SELECT s.scheme_code FROM medalliance.qc_setting s ORDER BY 1));

    DELETE FROM medalliance.qc_member_month s
    WHERE s.period_start BETWEEN month_from AND month_to AND s.scheme_code = ANY (schemes);
    DELETE FROM medalliance.qc_item_state s
    WHERE s.period_start BETWEEN month_from AND month_to AND s.scheme_code = ANY (schemes);
    DELETE FROM medalliance.qc_measure_state s WHERE s.period_start BETWEEN month_from AND month_to;

    PERFORM medalliance.drop_work_tables('{qc_refresh_period,qc_refresh_mp}');

    -- who is scored, each month
    INSERT INTO medalliance.qc_member_month
        (scheme_code, alliance_id, institution_id, period_start, is_lead, member_volume, refresh_id)
    SELECT DISTINCT ON (st.scheme_code, a.alliance_id, ms.institution_id, m.month)
           st.scheme_code, a.alliance_id, ms.institution_id, m.month,
           a.lead_institution_id = ms.institution_id, coalesce(v.encounters, 0), log_id
    FROM medalliance.qc_setting st
    CROSS JOIN (SELECT g::date AS month FROM generate_series(month_from, month_to, interval '1 month') g) m
    JOIN medalliance.alliance a
      ON a.alliance_kind = ANY (st.alliance_kinds)
     AND (a.formed_on IS NULL OR a.formed_on < (m.month + interval '1 month')::date)
     AND (a.dissolved_on IS NULL OR a.dissolved_on > m.month)
    JOIN medalliance.membership ms
      ON ms.alliance_id = a.alliance_id
     AND ms.valid_from < (m.month + interval '1 month')::date
     AND (ms.valid_to IS NULL OR ms.valid_to > m.month)
    JOIN medalliance.institution i
      ON i.institution_id = ms.institution_id AND i.institution_level = ANY (st.member_levels)
    LEFT JOIN (
        SELECT e.institution_id, e.period_start AS month, sum(e.encounters)::bigint AS encounters
        FROM medalliance.encounter_month e
        WHERE e.period_start BETWEEN month_from AND month_to
        GROUP BY 1, 2
    ) v ON v.institution_id = ms.institution_id AND v.month = m.month
    WHERE st.scheme_code = ANY (schemes);
    GET DIAGNOSTICS n_members = ROW_COUNT;

    -- inspection states: per scheme item and month, the capped, rescaled deductions
    INSERT INTO medalliance.qc_item_state
        (scheme_code, institution_id, period_start, item_code, inspections, full_points, points_kept, refresh_id)
    SELECT si.scheme_code, q.institution_id, date_trunc('month', q.inspected_on)::date, q.item_code,
           count(*), sum(si.full_points),
           medalliance.deduction_score(si.full_points,
                                       q.deducted_points::double precision * si.full_points / q.max_points::double precision,
                                       si.cap_points),
           log_id
    FROM medalliance.qc_inspection q
    JOIN medalliance.qc_scheme_item si ON si.item_code = q.item_code AND si.scheme_code = ANY (schemes)
    WHERE q.inspected_on >= month_from AND q.inspected_on < range_end
      AND EXISTS (SELECT FROM medalliance.qc_member_month mm
                  WHERE mm.scheme_code = si.scheme_code AND mm.institution_id = q.institution_id
                    AND mm.period_start = date_trunc('month', q.inspected_on)::date)
    GROUP BY 1, 2, 3, 4;
    GET DIAGNOSTICS n_items = ROW_COUNT;
    PERFORM medalliance.analyze_stored('medalliance.qc_item_state');

    -- measure states: the catalogued proportions, per institution and month
    INSERT INTO medalliance.qc_measure_state (institution_id, period_start, measure_code, state, refresh_id)
    SELECT qm.institution_id, qm.period_start, qm.measure_code,
           medalliance.rate(qm.numerator::bigint, qm.denominator::bigint), log_id
    FROM medalliance.quality_measure qm
    JOIN medalliance.qc_measure c ON c.measure_code = qm.measure_code
    WHERE qm.is_proportion AND qm.period_start BETWEEN month_from AND month_to;
    GET DIAGNOSTICS n_measures = ROW_COUNT;
    PERFORM medalliance.analyze_stored('medalliance.qc_measure_state');

    -- the periods whose summaries change: the months, and the quarters and years they touch
    CREATE TEMP TABLE qc_refresh_period ON COMMIT DROP AS
    SELECT DISTINCT g.grain, date_trunc(g.grain, m.month)::date AS period_start,
           (date_trunc(g.grain, m.month) + g.length)::date AS period_end
    FROM (SELECT gs::date AS month FROM generate_series(month_from, month_to, interval '1 month') gs) m
    CROSS JOIN (VALUES ('month', interval '1 month'), ('quarter', interval '3 months'), ('year', interval '1 year'))
        AS g(grain, length);

    DELETE FROM medalliance.qc_member_measure x USING qc_refresh_period p
    WHERE x.grain = p.grain AND x.period_start = p.period_start AND x.scheme_code = ANY (schemes);
    DELETE FROM medalliance.qc_member_score x USING qc_refresh_period p
    WHERE x.grain = p.grain AND x.period_start = p.period_start AND x.scheme_code = ANY (schemes);
    DELETE FROM medalliance.qc_funnel_point x USING qc_refresh_period p
    WHERE x.grain = p.grain AND x.period_start = p.period_start;

    -- members per period: the months in which they were scored
    CREATE TEMP TABLE qc_refresh_mp ON COMMIT DROP AS
    SELECT mm.scheme_code, mm.alliance_id, mm.institution_id, p.grain, p.period_start, p.period_end,
           count(*)::integer AS months, bool_or(mm.is_lead) AS is_lead, sum(mm.member_volume)::bigint AS member_volume
    FROM medalliance.qc_member_month mm
    JOIN qc_refresh_period p ON mm.period_start >= p.period_start AND mm.period_start < p.period_end
    WHERE mm.scheme_code = ANY (schemes)
    GROUP BY 1, 2, 3, 4, 5, 6;
    PERFORM medalliance.analyze_work_table('pg_temp.qc_refresh_mp');

    PERFORM medalliance.analyze_stored('medalliance.qc_member_month');

    INSERT INTO medalliance.qc_member_measure
        (scheme_code, alliance_id, institution_id, period_start, grain, measure_code, state, points, weight, reason, refresh_id)
    WITH merged AS (
        -- the measure states of the months the member was scored, merged (never a mean of rates)
        SELECT mp.scheme_code, mp.alliance_id, mp.institution_id, mp.grain, mp.period_start, s.measure_code,
               medalliance.rate_agg(s.state) AS state
        FROM qc_refresh_mp mp
        JOIN medalliance.qc_member_month mm
          ON mm.scheme_code = mp.scheme_code AND mm.alliance_id = mp.alliance_id AND mm.institution_id = mp.institution_id
         AND mm.period_start >= mp.period_start AND mm.period_start < mp.period_end
        JOIN medalliance.qc_measure_state s ON s.institution_id = mm.institution_id AND s.period_start = mm.period_start
        GROUP BY 1, 2, 3, 4, 5, 6
    )
    SELECT mp.scheme_code, mp.alliance_id, mp.institution_id, mp.period_start, mp.grain, sm.measure_code, ms.state,
           CASE WHEN ms.state IS NULL OR medalliance.denominator(ms.state) < st.min_denominator THEN NULL
                WHEN sm.rule_code = 'linear'
                THEN medalliance.score_linear(100 * medalliance.value(ms.state), sm.floor_pct, sm.target_pct, 100)
                WHEN sm.rule_code = 'threshold'
                THEN medalliance.score_threshold(100 * medalliance.value(ms.state), sm.target_pct, 100, m.higher_is_better)
           END,
           sm.weight,
           CASE WHEN ms.state IS NULL OR medalliance.denominator(ms.state) = 0 THEN 'no data'
                WHEN medalliance.denominator(ms.state) < st.min_denominator
                THEN format('denominator %s below the minimum %s', medalliance.denominator(ms.state), st.min_denominator)
           END,
           log_id
    FROM qc_refresh_mp mp
    JOIN medalliance.qc_setting st ON st.scheme_code = mp.scheme_code
    JOIN medalliance.qc_scheme_measure sm ON sm.scheme_code = mp.scheme_code
    JOIN medalliance.qc_measure m ON m.measure_code = sm.measure_code
    LEFT JOIN merged ms
      ON ms.scheme_code = mp.scheme_code AND ms.alliance_id = mp.alliance_id AND ms.institution_id = mp.institution_id
     AND ms.grain = mp.grain AND ms.period_start = mp.period_start AND ms.measure_code = sm.measure_code;
    PERFORM medalliance.analyze_stored('medalliance.qc_member_measure');

    INSERT INTO medalliance.qc_member_score
        (scheme_code, alliance_id, institution_id, period_start, grain, months, is_lead, member_volume,
         inspection_score, items_inspected, items_total, measure_score, measures_assessed, measures_total,
         inspection_weight_used, measure_weight_used, total_score, coverage, grade, refresh_id)
    WITH insp AS (
        SELECT mp.scheme_code, mp.alliance_id, mp.institution_id, mp.grain, mp.period_start,
               100 * sum(i.points_kept) / sum(i.full_points) AS inspection_score,
               count(DISTINCT i.item_code)::integer AS items_inspected
        FROM qc_refresh_mp mp
        JOIN medalliance.qc_member_month mm
          ON mm.scheme_code = mp.scheme_code AND mm.alliance_id = mp.alliance_id AND mm.institution_id = mp.institution_id
         AND mm.period_start >= mp.period_start AND mm.period_start < mp.period_end
        JOIN medalliance.qc_item_state i
          ON i.scheme_code = mm.scheme_code AND i.institution_id = mm.institution_id AND i.period_start = mm.period_start
        GROUP BY 1, 2, 3, 4, 5
    ), meas AS (
        SELECT x.scheme_code, x.alliance_id, x.institution_id, x.grain, x.period_start,
               sum(x.weight * x.points) FILTER (WHERE x.points IS NOT NULL)
                 / nullif(sum(x.weight) FILTER (WHERE x.points IS NOT NULL), 0) AS measure_score,
               count(x.points)::integer AS measures_assessed, count(*)::integer AS measures_total,
               coalesce(sum(x.weight) FILTER (WHERE x.points IS NOT NULL), 0) AS measure_weight_assessed,
               sum(x.weight) AS measure_weight_total
        FROM medalliance.qc_member_measure x
        WHERE x.refresh_id = log_id
        GROUP BY 1, 2, 3, 4, 5
    ), items AS (
        SELECT si.scheme_code, count(*)::integer AS items_total FROM medalliance.qc_scheme_item si GROUP BY 1
    ), y AS (
        SELECT mp.scheme_code, mp.alliance_id, mp.institution_id, mp.grain, mp.period_start, mp.months, mp.is_lead,
               mp.member_volume, st.inspection_weight,
               insp.inspection_score, coalesce(insp.items_inspected, 0) AS items_inspected,
               coalesce(items.items_total, 0) AS items_total,
               meas.measure_score, coalesce(meas.measures_assessed, 0) AS measures_assessed,
               coalesce(meas.measures_total, 0) AS measures_total,
               meas.measure_weight_assessed, meas.measure_weight_total,
               CASE WHEN insp.inspection_score IS NOT NULL THEN st.inspection_weight ELSE 0 END AS w_i,
               CASE WHEN meas.measure_score IS NOT NULL THEN 1 - st.inspection_weight ELSE 0 END AS w_m
        FROM qc_refresh_mp mp
        JOIN medalliance.qc_setting st ON st.scheme_code = mp.scheme_code
        LEFT JOIN items ON items.scheme_code = mp.scheme_code
        LEFT JOIN insp
          ON insp.scheme_code = mp.scheme_code AND insp.alliance_id = mp.alliance_id
         AND insp.institution_id = mp.institution_id AND insp.grain = mp.grain AND insp.period_start = mp.period_start
        LEFT JOIN meas
          ON meas.scheme_code = mp.scheme_code AND meas.alliance_id = mp.alliance_id
         AND meas.institution_id = mp.institution_id AND meas.grain = mp.grain AND meas.period_start = mp.period_start
    ), x AS (
        SELECT y.*,
               (y.w_i * coalesce(y.inspection_score, 0) + y.w_m * coalesce(y.measure_score, 0)) / nullif(y.w_i + y.w_m, 0) AS total
        FROM y
    )
    SELECT x.scheme_code, x.alliance_id, x.institution_id, x.period_start, x.grain, x.months, x.is_lead, x.member_volume,
           x.inspection_score, x.items_inspected, x.items_total, x.measure_score, x.measures_assessed, x.measures_total,
           CASE WHEN x.inspection_score IS NOT NULL THEN x.w_i / nullif(x.w_i + x.w_m, 0) END,
           CASE WHEN x.measure_score IS NOT NULL THEN x.w_m / nullif(x.w_i + x.w_m, 0) END,
           x.total,
           x.inspection_weight * (x.inspection_score IS NOT NULL)::integer
             + (1 - x.inspection_weight) * coalesce(x.measure_weight_assessed / nullif(x.measure_weight_total, 0), 0),
           (SELECT g.grade FROM medalliance.qc_grade g
            WHERE g.scheme_code = x.scheme_code AND g.min_score <= x.total ORDER BY g.min_score DESC LIMIT 1),
           log_id
    FROM x;
    GET DIAGNOSTICS n_scores = ROW_COUNT;

    -- funnel points: every institution with data, against its peers
    INSERT INTO medalliance.qc_funnel_point
        (measure_code, peer_group, institution_id, period_start, grain, numerator, denominator, point, point_adjusted, refresh_id)
    SELECT f.measure_code, f.peer_group, f.institution_id, f.period_start, f.grain, f.num, f.den,
           medalliance.funnel(f.num, f.den) OVER w,
           medalliance.funnel(f.num, f.den, 0.95, 0.998, true) OVER w,
           log_id
    FROM (
        SELECT s.measure_code, CASE WHEN i.is_primary THEN 'primary_care' ELSE 'hospital' END AS peer_group,
               s.institution_id, p.grain, p.period_start,
               sum(medalliance.numerator(s.state))::bigint AS num, sum(medalliance.denominator(s.state))::bigint AS den
        FROM medalliance.qc_measure_state s
        JOIN qc_refresh_period p ON s.period_start >= p.period_start AND s.period_start < p.period_end
        JOIN medalliance.institution i ON i.institution_id = s.institution_id
        GROUP BY 1, 2, 3, 4, 5
    ) f
    WHERE f.den > 0
    WINDOW w AS (PARTITION BY f.measure_code, f.peer_group, f.grain, f.period_start);
    GET DIAGNOSTICS n_funnel = ROW_COUNT;

    -- what the refresh did not read: inspection items and measures outside the catalogue
    SELECT jsonb_build_object(
               'inspection_items', coalesce((SELECT jsonb_object_agg(x.item_code, x.n) FROM (
                   SELECT q.item_code, count(*) AS n FROM medalliance.qc_inspection q
                   WHERE q.inspected_on >= month_from AND q.inspected_on < range_end
                     AND NOT EXISTS (SELECT FROM medalliance.qc_scheme_item si
                                     WHERE si.item_code = q.item_code AND si.scheme_code = ANY (schemes))
                   GROUP BY 1) x), '{}'),
               'measures', coalesce((SELECT jsonb_object_agg(x.measure_code, x.n) FROM (
                   SELECT qm.measure_code, count(*) AS n FROM medalliance.quality_measure qm
                   WHERE qm.period_start BETWEEN month_from AND month_to
                     AND (NOT qm.is_proportion OR NOT EXISTS (SELECT FROM medalliance.qc_measure c
                                                                WHERE c.measure_code = qm.measure_code))
                   GROUP BY 1) x), '{}'))
    INTO unread;

    RETURN medalliance.refresh_finish(log_id, n_members + n_items + n_measures,
        jsonb_build_object('schemes', to_jsonb(schemes), 'member_months', n_members, 'item_states', n_items,
                           'measure_states', n_measures, 'member_scores', n_scores, 'funnel_points', n_funnel,
                           'rows_not_read', unread));
END
$$;
COMMENT ON FUNCTION medalliance.refresh_qc(date, date, text[]) IS
    '刷新质控 Recomputes the QC month states (members scored, inspection item states, measure states) of the months from period_from to period_to (inclusive), for all QC schemes with settings or the ones named, then the member measure scores, member scores and funnel points of every month, quarter and year overlapping them, merged from the stored months. Logs into refresh_log (layer qc), including warehouse rows no scheme read; returns the refresh_id.';
REVOKE EXECUTE ON FUNCTION medalliance.refresh_qc(date, date, text[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION medalliance.refresh_qc(date, date, text[]) TO medalliance_admin;
