-- Six-unifications scoring (六统一评分): item results and compliance states per
-- member and month, written by refresh_unification(); the BI views that merge
-- them into quarters and years, members into alliances, and grade alliances.
--
-- Who is scored.  Every institution that is a member (lead included) of an
-- alliance of a kind the scheme's unification_setting lists, in each month
-- its membership is valid.  An item is on a member's checklist when its
-- applies_to_levels includes the member's level (or is NULL); the rules
-- hosts_lead_staff, uses_shared_centres and qc_inspected_by_lead do not apply
-- to the lead itself.
--
-- Evidence of an attested item, for a member and month: the member's own
-- unification_evidence row in force (the latest whose month lies in the
-- valid_months months ending with this one); when it has none, the alliance-
-- level row (institution_id NULL) in force.  An alliance-level row is thus an
-- attestation for every member that has no row of its own: what the alliance
-- has (a management committee, one formulary) every member has.  Alliance
-- scores are means over members, so an alliance-level item weighs in them as
-- it weighs in each member's score.
--
-- Not assessed.  An item with no evidence in force (attested) or no facts to
-- judge (derived: e.g. nothing ordered that month) scores NULL: it counts in
-- items not assessed and lowers coverage, not the score.

-- Stored results -------------------------------------------------------------

CREATE TABLE medalliance.unification_item_result (
    scheme_code     text NOT NULL,
    alliance_id     integer NOT NULL,
    institution_id  integer NOT NULL,
    period_start    date NOT NULL
        CONSTRAINT unification_item_result_period_check CHECK (extract(day FROM period_start) = 1),
    item_code       text NOT NULL,
    score           numeric
        CONSTRAINT unification_item_result_score_check CHECK (score >= 0 AND score <= 1),
    measure         numeric,
    evidence_source text NOT NULL
        CONSTRAINT unification_item_result_source_check CHECK (evidence_source IN ('member', 'alliance', 'rule', 'none')),
    evidence_period date,
    reason          text,
    refresh_id      bigint NOT NULL
        CONSTRAINT unification_item_result_refresh_fkey REFERENCES medalliance.refresh_log (refresh_id),
    CONSTRAINT unification_item_result_pkey
        PRIMARY KEY (scheme_code, alliance_id, institution_id, period_start, item_code),
    CONSTRAINT unification_item_result_item_fkey FOREIGN KEY (scheme_code, item_code)
        REFERENCES medalliance.unification_item (scheme_code, item_code) ON DELETE CASCADE,
    CONSTRAINT unification_item_result_reason_check CHECK ((score IS NULL) = (reason IS NOT NULL))
);
CREATE INDEX unification_item_result_period_idx ON medalliance.unification_item_result (period_start);
CREATE INDEX unification_item_result_refresh_idx ON medalliance.unification_item_result (refresh_id);
COMMENT ON TABLE medalliance.unification_item_result IS
    '清单项目结果 item results: per scheme, alliance, member, month and checklist item, the score in [0, 1] (NULL: not assessed, with the reason) and where it came from. Written only by refresh_unification(); the audit trail behind unification_state.';
COMMENT ON COLUMN medalliance.unification_item_result.scheme_code IS '方案 the checklist scheme.';
COMMENT ON COLUMN medalliance.unification_item_result.alliance_id IS '医联体 the alliance.';
COMMENT ON COLUMN medalliance.unification_item_result.institution_id IS '成员机构 the member.';
COMMENT ON COLUMN medalliance.unification_item_result.period_start IS '月份 the month (first day).';
COMMENT ON COLUMN medalliance.unification_item_result.item_code IS '清单项目 the item.';
COMMENT ON COLUMN medalliance.unification_item_result.score IS '项目得分 c in [0, 1]: 1 met, 0.5 partial, 0 absent (or the attested value); NULL when not assessed.';
COMMENT ON COLUMN medalliance.unification_item_result.measure IS '派生度量 for derived items, the rule''s measure in [0, 1] compared with the threshold.';
COMMENT ON COLUMN medalliance.unification_item_result.evidence_source IS
    '佐证来源 member (the member''s own evidence row), alliance (the alliance-level row), rule (derived from facts) or none.';
COMMENT ON COLUMN medalliance.unification_item_result.evidence_period IS '佐证月份 for attested items, the month of the evidence row used.';
COMMENT ON COLUMN medalliance.unification_item_result.reason IS '未评估原因 why the item was not assessed.';
COMMENT ON COLUMN medalliance.unification_item_result.refresh_id IS '刷新编号 the refresh that wrote the row.';

CREATE TABLE medalliance.unification_state (
    scheme_code    text NOT NULL
        CONSTRAINT unification_state_scheme_fkey REFERENCES medalliance.scheme (scheme_code),
    alliance_id    integer NOT NULL,
    institution_id integer NOT NULL,
    period_start   date NOT NULL
        CONSTRAINT unification_state_period_check CHECK (extract(day FROM period_start) = 1),
    state          medalliance.compliance NOT NULL,
    member_volume  bigint NOT NULL
        CONSTRAINT unification_state_volume_check CHECK (member_volume >= 0),
    refresh_id     bigint NOT NULL
        CONSTRAINT unification_state_refresh_fkey REFERENCES medalliance.refresh_log (refresh_id),
    CONSTRAINT unification_state_pkey PRIMARY KEY (scheme_code, alliance_id, institution_id, period_start)
);
CREATE INDEX unification_state_period_idx ON medalliance.unification_state (period_start);
CREATE INDEX unification_state_refresh_idx ON medalliance.unification_state (refresh_id);
COMMENT ON TABLE medalliance.unification_state IS
    '六统一合规状态 stored compliance states: per scheme, alliance, member and month, compliance_agg(dimension_no, score, weight) over the member''s checklist items, and the member''s volume. Written only by refresh_unification(); quarters and years are merged from these months when read.';
COMMENT ON COLUMN medalliance.unification_state.scheme_code IS '方案 the checklist scheme.';
COMMENT ON COLUMN medalliance.unification_state.alliance_id IS '医联体 the alliance.';
COMMENT ON COLUMN medalliance.unification_state.institution_id IS '成员机构 the member.';
COMMENT ON COLUMN medalliance.unification_state.period_start IS '月份 the month (first day).';
COMMENT ON COLUMN medalliance.unification_state.state IS '合规状态 the compliance state of the member''s items that month.';
COMMENT ON COLUMN medalliance.unification_state.member_volume IS '成员诊疗量 encounters at the member that month: its weight when members weigh by volume.';
COMMENT ON COLUMN medalliance.unification_state.refresh_id IS '刷新编号 the refresh that wrote the row.';

SELECT pg_catalog.pg_extension_config_dump('medalliance.unification_item_result', '');
SELECT pg_catalog.pg_extension_config_dump('medalliance.unification_state', '');

-- Refresh --------------------------------------------------------------------

-- refresh_unification(period_from, period_to[, scheme_codes]): recompute the
-- item results and states of the months from period_from to period_to
-- (inclusive, any day of the month) for every checklist scheme that has a
-- unification_setting row, or the ones named; other months are not touched.
CREATE FUNCTION medalliance.refresh_unification(period_from date, period_to date,
                                                scheme_codes text[] DEFAULT NULL)
RETURNS bigint
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SECURITY INVOKER
SET search_path = medalliance, pg_catalog, pg_temp
AS $$
DECLARE
    month_from date;
    month_to   date;
    range_end  date;
    log_id     bigint;
    unknown    text;
    schemes    text[];
    n_results  bigint;
    n_states   bigint;
    unread     jsonb;
    per_scheme jsonb;
BEGIN
    PERFORM medalliance.check_refresh_period('refresh_unification', period_from, period_to);
    SELECT string_agg(coalesce(c, 'NULL'), ', ') INTO unknown
    FROM unnest(scheme_codes) c
    WHERE c IS NULL OR NOT EXISTS (SELECT FROM medalliance.scheme s WHERE s.scheme_code = c AND s.scheme_kind = 'checklist');
    IF unknown IS NOT NULL THEN
        RAISE EXCEPTION USING ERRCODE = '22023',
            MESSAGE = format('unknown checklist scheme(s): %s', unknown),
            HINT = 'The checklist schemes are the rows of medalliance.scheme with scheme_kind ''checklist''.';
    END IF;
    SELECT string_agg(c, ', ') INTO unknown
    FROM unnest(scheme_codes) c
    WHERE NOT EXISTS (SELECT FROM medalliance.unification_setting s WHERE s.scheme_code = c);
    IF unknown IS NOT NULL THEN
        RAISE EXCEPTION USING ERRCODE = '22023',
            MESSAGE = format('checklist scheme(s) without scoring settings: %s', unknown),
            HINT = 'Add a row to medalliance.unification_setting (member weighting, alliance kinds).';
    END IF;
    schemes := coalesce(scheme_codes, ARRAY(SELECT s.scheme_code FROM medalliance.unification_setting s
                                            ORDER BY s.scheme_code));
    month_from := date_trunc('month', period_from)::date;
    month_to := date_trunc('month', period_to)::date;
    range_end := (month_to + interval '1 month')::date;

    INSERT INTO medalliance.refresh_log (layer, period_from, period_to)
    VALUES ('compliance', month_from, month_to) RETURNING refresh_id INTO log_id;

    DELETE FROM medalliance.unification_state s
    WHERE s.period_start BETWEEN month_from AND month_to AND s.scheme_code = ANY (schemes);
    DELETE FROM medalliance.unification_item_result r
    WHERE r.period_start BETWEEN month_from AND month_to AND r.scheme_code = ANY (schemes);

    IF to_regclass('pg_temp.unification_refresh_member') IS NOT NULL THEN
        DROP TABLE pg_temp.unification_refresh_member;
    END IF;
    IF to_regclass('pg_temp.unification_refresh_price') IS NOT NULL THEN
        DROP TABLE pg_temp.unification_refresh_price;
    END IF;

    -- the members to score: scheme × month × alliance × member
    CREATE TEMP TABLE unification_refresh_member ON COMMIT DROP AS
    SELECT DISTINCT st.scheme_code, m.month, (m.month + interval '1 month')::date AS next_month,
           a.alliance_id, a.lead_institution_id AS lead_id, ms.institution_id, i.institution_level
    FROM medalliance.unification_setting st
    CROSS JOIN (SELECT g::date AS month FROM generate_series(month_from, month_to, interval '1 month') g) m
    JOIN medalliance.alliance a
      ON a.alliance_kind = ANY (st.alliance_kinds)
     AND (a.formed_on IS NULL OR a.formed_on < (m.month + interval '1 month')::date)
     AND (a.dissolved_on IS NULL OR a.dissolved_on > m.month)
    JOIN medalliance.membership ms
      ON ms.alliance_id = a.alliance_id
     AND ms.valid_from < (m.month + interval '1 month')::date
     AND (ms.valid_to IS NULL OR ms.valid_to > m.month)
    JOIN medalliance.institution i ON i.institution_id = ms.institution_id
    WHERE st.scheme_code = ANY (schemes);
    ANALYZE unification_refresh_member;

    -- the lowest unit price each alliance's members paid per item and month
    CREATE TEMP TABLE unification_refresh_price ON COMMIT DROP AS
    SELECT am.alliance_id, am.month, p.item_code, min(p.unit_price) AS min_price
    FROM (SELECT DISTINCT alliance_id, institution_id, month, next_month FROM unification_refresh_member) am
    JOIN medalliance.procurement p
      ON p.institution_id = am.institution_id AND p.ordered_on >= am.month AND p.ordered_on < am.next_month
    GROUP BY 1, 2, 3;
    CREATE INDEX ON unification_refresh_price (alliance_id, month, item_code);
    ANALYZE unification_refresh_price;

    INSERT INTO medalliance.unification_item_result
        (scheme_code, alliance_id, institution_id, period_start, item_code, score, measure,
         evidence_source, evidence_period, reason, refresh_id)
    -- attested items: the member's row in force, else the alliance's
    SELECT u.scheme_code, u.alliance_id, u.institution_id, u.month, it.item_code,
           coalesce(own.evidence_value, shared.evidence_value),
           NULL::numeric,
           CASE WHEN own.evidence_value IS NOT NULL THEN 'member'
                WHEN shared.evidence_value IS NOT NULL THEN 'alliance' ELSE 'none' END,
           coalesce(own.period_start, shared.period_start),
           CASE WHEN own.evidence_value IS NULL AND shared.evidence_value IS NULL
                THEN format('no %s evidence in force (valid %s months)', it.evidence_code, it.valid_months) END,
           log_id
    FROM unification_refresh_member u
    JOIN medalliance.unification_item it
      ON it.scheme_code = u.scheme_code AND it.evidence_kind = 'attested'
     AND (it.applies_to_levels IS NULL OR u.institution_level = ANY (it.applies_to_levels))
    LEFT JOIN LATERAL (
        SELECT e.evidence_value, e.period_start FROM medalliance.unification_evidence e
        WHERE e.alliance_id = u.alliance_id AND e.institution_id = u.institution_id
          AND e.item_code = it.evidence_code
          AND e.period_start <= u.month
          AND e.period_start > (u.month - make_interval(months => it.valid_months))::date
        ORDER BY e.period_start DESC LIMIT 1) own ON true
    LEFT JOIN LATERAL (
        SELECT e.evidence_value, e.period_start FROM medalliance.unification_evidence e
        WHERE e.alliance_id = u.alliance_id AND e.institution_id IS NULL
          AND e.item_code = it.evidence_code
          AND e.period_start <= u.month
          AND e.period_start > (u.month - make_interval(months => it.valid_months))::date
        ORDER BY e.period_start DESC LIMIT 1) shared ON true
    UNION ALL
    -- derived items: the rule's measure against the threshold
    SELECT d.scheme_code, d.alliance_id, d.institution_id, d.month, d.item_code,
           CASE WHEN d.measure IS NULL THEN NULL
                WHEN d.measure >= d.threshold THEN 1
                WHEN d.measure >= (d.parameters ->> 'partial_threshold')::numeric THEN 0.5
                ELSE 0 END,
           d.measure, 'rule', NULL,
           CASE WHEN d.measure IS NULL THEN
               CASE d.rule_code WHEN 'procurement_platform_share' THEN 'no procurement in the month'
                                WHEN 'uniform_unit_price' THEN 'no procurement in the month'
                                ELSE 'no facts in the month' END END,
           log_id
    FROM (
        SELECT u.scheme_code, u.alliance_id, u.institution_id, u.month, it.item_code, it.threshold,
               it.parameters, it.rule_code,
               CASE it.rule_code
               WHEN 'procurement_platform_share' THEN (
                   SELECT coalesce(sum(p.quantity * p.unit_price) FILTER (WHERE p.via_unified_platform), 0)
                          / nullif(sum(p.quantity * p.unit_price), 0)
                   FROM medalliance.procurement p
                   WHERE p.institution_id = u.institution_id
                     AND p.ordered_on >= u.month AND p.ordered_on < u.next_month
                     AND (NOT it.parameters ? 'item_kinds'
                          OR p.item_kind IN (SELECT jsonb_array_elements_text(it.parameters -> 'item_kinds'))))
               WHEN 'uniform_unit_price' THEN (
                   SELECT avg(CASE WHEN p.unit_price = mp.min_price THEN 1 ELSE 0 END)
                   FROM medalliance.procurement p
                   JOIN unification_refresh_price mp
                     ON mp.alliance_id = u.alliance_id AND mp.month = u.month AND mp.item_code = p.item_code
                   WHERE p.institution_id = u.institution_id
                     AND p.ordered_on >= u.month AND p.ordered_on < u.next_month
                     AND (NOT it.parameters ? 'item_kinds'
                          OR p.item_kind IN (SELECT jsonb_array_elements_text(it.parameters -> 'item_kinds'))))
               WHEN 'hosts_lead_staff' THEN (
                   SELECT CASE WHEN EXISTS (
                       SELECT FROM medalliance.deployment dp
                       WHERE dp.to_institution_id = u.institution_id AND dp.from_institution_id = u.lead_id
                         AND dp.started_on < u.next_month AND (dp.ended_on IS NULL OR dp.ended_on >= u.month)
                         AND dp.deployment_kind IN (SELECT jsonb_array_elements_text(
                                 coalesce(it.parameters -> 'deployment_kinds', '["stationed", "rotation"]'))))
                   THEN 1 ELSE 0 END::numeric)
               WHEN 'uses_shared_centres' THEN (
                   SELECT CASE WHEN count(*) >= coalesce((it.parameters ->> 'min_services')::numeric, 1)
                               THEN 1 ELSE 0 END::numeric
                   FROM medalliance.shared_centre_service s
                   WHERE s.ordering_institution_id = u.institution_id
                     AND s.ordered_on >= u.month AND s.ordered_on < u.next_month
                     AND (s.alliance_id = u.alliance_id
                          OR EXISTS (SELECT FROM medalliance.membership r
                                     WHERE r.alliance_id = u.alliance_id AND r.institution_id = s.reading_institution_id
                                       AND r.valid_from < u.next_month
                                       AND (r.valid_to IS NULL OR r.valid_to > u.month))))
               WHEN 'qc_inspected_by_lead' THEN (
                   SELECT CASE WHEN EXISTS (
                       SELECT FROM medalliance.qc_inspection q
                       WHERE q.institution_id = u.institution_id AND q.inspected_by_institution_id = u.lead_id
                         AND q.inspected_on < u.next_month
                         AND q.inspected_on >= (u.month - make_interval(
                                 months => coalesce((it.parameters ->> 'window_months')::int, 3) - 1))::date)
                   THEN 1 ELSE 0 END::numeric)
               END AS measure
        FROM unification_refresh_member u
        JOIN medalliance.unification_item it
          ON it.scheme_code = u.scheme_code AND it.evidence_kind = 'derived'
         AND (it.applies_to_levels IS NULL OR u.institution_level = ANY (it.applies_to_levels))
         AND NOT (it.rule_code IN ('hosts_lead_staff', 'uses_shared_centres', 'qc_inspected_by_lead')
                  AND u.institution_id = u.lead_id)
    ) d;
    GET DIAGNOSTICS n_results = ROW_COUNT;

    INSERT INTO medalliance.unification_state
        (scheme_code, alliance_id, institution_id, period_start, state, member_volume, refresh_id)
    SELECT r.scheme_code, r.alliance_id, r.institution_id, r.period_start,
           medalliance.compliance_agg(d.dimension_no, r.score::double precision, it.weight),
           coalesce(max(v.encounters), 0), log_id
    FROM medalliance.unification_item_result r
    JOIN medalliance.unification_item it USING (scheme_code, item_code)
    JOIN medalliance.unification_dimension d USING (scheme_code, dimension_code)
    LEFT JOIN (
        SELECT e.institution_id, date_trunc('month', e.encounter_date)::date AS month, count(*) AS encounters
        FROM medalliance.encounter e
        WHERE e.encounter_date >= month_from AND e.encounter_date < range_end
          AND e.institution_id IN (SELECT institution_id FROM unification_refresh_member)
        GROUP BY 1, 2
    ) v ON v.institution_id = r.institution_id AND v.month = r.period_start
    WHERE r.refresh_id = log_id
    GROUP BY r.scheme_code, r.alliance_id, r.institution_id, r.period_start;
    GET DIAGNOSTICS n_states = ROW_COUNT;

    -- Say what the refresh did not read: evidence rows of the months whose
    -- code no attested item of the refreshed schemes reads.
    SELECT coalesce(jsonb_object_agg(e.item_code, e.n), '{}') INTO unread
    FROM (SELECT e.item_code, count(*) AS n FROM medalliance.unification_evidence e
          WHERE e.period_start BETWEEN month_from AND month_to
            AND NOT EXISTS (SELECT FROM medalliance.unification_item it
                            WHERE it.scheme_code = ANY (schemes) AND it.evidence_code = e.item_code)
          GROUP BY 1) e;
    SELECT coalesce(jsonb_object_agg(x.scheme_code, x.n), '{}') INTO per_scheme
    FROM (SELECT s.scheme_code, count(*) AS n FROM medalliance.unification_state s
          WHERE s.refresh_id = log_id GROUP BY 1) x;

    UPDATE medalliance.refresh_log
    SET finished_at = clock_timestamp(), rows_written = n_states,
        details = jsonb_build_object('schemes', to_jsonb(schemes), 'states_per_scheme', per_scheme,
                                     'item_results', n_results, 'evidence_rows_not_read', unread)
    WHERE refresh_id = log_id;
    RETURN log_id;
END
$$;
COMMENT ON FUNCTION medalliance.refresh_unification(date, date, text[]) IS
    '刷新六统一合规 Recomputes the item results and compliance states of every member of the assessed alliances for the months from period_from to period_to (inclusive), for all checklist schemes with settings or the ones named; other months are untouched. Logs into refresh_log (layer compliance), including evidence rows no item read; returns the refresh_id.';

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
           count(*)::integer AS months
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
       c.period_start, c.grain, c.months,
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
COMMENT ON COLUMN medalliance.unification_member.months IS '月数 months of the period with a stored state.';
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
       max(m.score) AS max_member_score
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
    SELECT r.scheme_code, r.alliance_id, r.institution_id, r.item_code, r.score, g.grain,
           date_trunc(g.grain, r.period_start)::date AS period_start
    FROM medalliance.unification_item_result r
    CROSS JOIN (VALUES ('month'), ('quarter'), ('year')) AS g(grain)
)
SELECT p.scheme_code, p.alliance_id, a.alliance_name, p.period_start, p.grain, p.item_code,
       it.dimension_code, it.text_zh AS item_text_zh, it.text_en AS item_text_en, it.evidence_kind,
       (count(DISTINCT p.institution_id) FILTER (WHERE p.score IS NULL))::integer AS members_without_evidence,
       (count(DISTINCT p.institution_id))::integer AS members,
       (count(*) FILTER (WHERE p.score IS NULL))::integer AS member_months_without_evidence,
       count(*)::integer AS member_months,
       count(p.score) = 0 AS never_assessed
FROM periods p
JOIN medalliance.unification_item it ON it.scheme_code = p.scheme_code AND it.item_code = p.item_code
JOIN medalliance.alliance a ON a.alliance_id = p.alliance_id
GROUP BY p.scheme_code, p.alliance_id, a.alliance_name, p.period_start, p.grain, p.item_code,
         it.dimension_code, it.text_zh, it.text_en, it.evidence_kind
HAVING count(*) FILTER (WHERE p.score IS NULL) > 0;
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
           sum(x.items_assessed)::double precision / sum(x.items_total) AS coverage
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
          AND e.period_start = s.period_start AND e.grain = s.grain AND e.never_assessed) AS items_without_evidence
FROM alliance_scores s
JOIN members mb USING (scheme_code, alliance_id, period_start, grain);
COMMENT ON VIEW medalliance.unification_alliance IS
    '医联体六统一评价 compliance of each alliance per scheme and period: the six-unification dimension scores as columns (NULL for schemes without that dimension; other schemes in unification_alliance_dimension), the weighted overall score, the grade, the weakest dimension, the members fully compliant in every dimension, the coverage and the items without any evidence.';
COMMENT ON COLUMN medalliance.unification_alliance.scheme_code IS '方案 the checklist scheme.';
COMMENT ON COLUMN medalliance.unification_alliance.alliance_id IS '医联体编号 the alliance.';
COMMENT ON COLUMN medalliance.unification_alliance.alliance_name IS '医联体名称 the alliance''s name.';
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
GRANT SELECT ON medalliance.unification_state, medalliance.unification_item_result TO medalliance_analyst;
GRANT INSERT, UPDATE, DELETE ON medalliance.unification_state, medalliance.unification_item_result TO medalliance_admin;
