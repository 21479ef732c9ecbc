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
    score_fraction  numeric
        CONSTRAINT unification_item_result_score_check CHECK (score_fraction >= 0 AND score_fraction <= 1),
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
    CONSTRAINT unification_item_result_reason_check CHECK ((score_fraction IS NULL) = (reason IS NOT NULL))
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
COMMENT ON COLUMN medalliance.unification_item_result.score_fraction IS '项目得分 c as a fraction in [0, 1] (views show scores 0–100): 1 met, 0.5 partial, 0 absent (or the attested value); NULL when not assessed.';
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
SET search_path = pg_catalog, medalliance, pg_temp
AS $$
DECLARE
    month_from date;
    month_to   date;
    months     date[];
    range_end  date;
    log_id     bigint;
    unknown    text;
    schemes    text[];
    n_results  bigint;
    n_states   bigint;
    unread     jsonb;
    per_scheme jsonb;
BEGIN
    SELECT b.refresh_id, b.month_from, b.month_to, b.months_with_data INTO log_id, month_from, month_to, months
    FROM medalliance.refresh_begin('unification', period_from, period_to) b;
    SELECT string_agg(coalesce(c, 'NULL'), ', ') INTO unknown
    FROM unnest(scheme_codes) c
    WHERE c IS NULL OR NOT EXISTS (SELECT FROM medalliance.scheme s WHERE s.scheme_code = c AND s.scheme_kind = 'checklist');
    IF unknown IS NOT NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
            MESSAGE = format('unknown checklist scheme(s): %s', unknown),
            HINT = 'The checklist schemes are the rows of medalliance.scheme with scheme_kind ''checklist''.';
    END IF;
    SELECT string_agg(c, ', ') INTO unknown
    FROM unnest(scheme_codes) c
    WHERE NOT EXISTS (SELECT FROM medalliance.unification_setting s WHERE s.scheme_code = c);
    IF unknown IS NOT NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
            MESSAGE = format('checklist scheme(s) without scoring settings: %s', unknown),
            HINT = 'Add a row to medalliance.unification_setting (member weighting, alliance kinds).';
    END IF;
    schemes := coalesce(scheme_codes, ARRAY(SELECT s.scheme_code FROM medalliance.unification_setting s
                                            ORDER BY s.scheme_code));
    range_end := (month_to + interval '1 month')::date;

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
    CROSS JOIN unnest(months) AS m(month)
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
    ANALYZE pg_temp.unification_refresh_member;

    -- the lowest unit price each alliance's members paid per item and month
    CREATE TEMP TABLE unification_refresh_price ON COMMIT DROP AS
    SELECT am.alliance_id, am.month, p.item_code, min(p.unit_price) AS min_price
    FROM (SELECT DISTINCT alliance_id, institution_id, month, next_month FROM pg_temp.unification_refresh_member) am
    JOIN medalliance.procurement p
      ON p.institution_id = am.institution_id AND p.ordered_on >= am.month AND p.ordered_on < am.next_month
    GROUP BY 1, 2, 3;
    CREATE INDEX ON pg_temp.unification_refresh_price (alliance_id, month, item_code);
    ANALYZE pg_temp.unification_refresh_price;

    INSERT INTO medalliance.unification_item_result
        (scheme_code, alliance_id, institution_id, period_start, item_code, score_fraction, measure,
         evidence_source, evidence_period, reason, refresh_id)
    -- attested items: the member's row in force, else the alliance's
    SELECT u.scheme_code, u.alliance_id, u.institution_id, u.month, it.item_code,
           CASE WHEN own.period_start IS NOT NULL THEN own.evidence_value ELSE shared.evidence_value END,
           NULL::numeric,
           CASE WHEN own.period_start IS NOT NULL THEN 'member'
                WHEN shared.period_start IS NOT NULL THEN 'alliance' ELSE 'none' END,
           coalesce(own.period_start, shared.period_start),
           CASE WHEN own.period_start IS NULL AND shared.period_start IS NULL
                THEN format('no %s evidence in force (valid %s months)', it.evidence_code, it.valid_months) END,
           log_id
    FROM pg_temp.unification_refresh_member u
    JOIN medalliance.unification_item it
      ON it.scheme_code = u.scheme_code AND it.evidence_kind = 'attested'
     AND (it.applies_to_levels IS NULL OR u.institution_level = ANY (it.applies_to_levels))
     AND (it.applies_to_lead OR u.institution_id <> u.lead_id)
    LEFT JOIN LATERAL (
        SELECT e.evidence_value, e.period_start, e.not_applicable FROM medalliance.unification_evidence e
        WHERE e.alliance_id = u.alliance_id AND e.institution_id = u.institution_id
          AND e.item_code = it.evidence_code
          AND e.period_start <= u.month
          AND e.period_start > (u.month - make_interval(months => it.valid_months))::date
        ORDER BY e.period_start DESC LIMIT 1) own ON true
    LEFT JOIN LATERAL (
        SELECT e.evidence_value, e.period_start, e.not_applicable FROM medalliance.unification_evidence e
        WHERE e.alliance_id = u.alliance_id AND e.institution_id IS NULL
          AND e.item_code = it.evidence_code
          AND e.period_start <= u.month
          AND e.period_start > (u.month - make_interval(months => it.valid_months))::date
        ORDER BY e.period_start DESC LIMIT 1) shared ON true
    -- evidence in force that marks the item not applicable leaves it off the checklist
    WHERE NOT coalesce(CASE WHEN own.period_start IS NOT NULL THEN own.not_applicable ELSE shared.not_applicable END,
                       false)
    UNION ALL
    -- derived items: the rule's measure against the threshold
    SELECT d.scheme_code, d.alliance_id, d.institution_id, d.month, d.item_code,
           CASE WHEN d.measure IS NULL THEN NULL
                WHEN d.measure >= d.threshold THEN 1
                WHEN d.measure >= (d.parameters ->> 'partial_threshold')::numeric THEN 0.5
                ELSE 0 END,
           d.measure, 'rule', NULL,
           CASE WHEN d.measure IS NULL THEN d.not_assessed_reason END,
           log_id
    FROM (
        SELECT u.scheme_code, u.alliance_id, u.institution_id, u.month, it.item_code, it.threshold,
               it.parameters, it.rule_code, rl.not_assessed_reason,
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
                   JOIN pg_temp.unification_refresh_price mp
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
        FROM pg_temp.unification_refresh_member u
        JOIN medalliance.unification_item it
          ON it.scheme_code = u.scheme_code AND it.evidence_kind = 'derived'
         AND (it.applies_to_levels IS NULL OR u.institution_level = ANY (it.applies_to_levels))
        JOIN medalliance.unification_rule rl
          ON rl.rule_code = it.rule_code AND (rl.applies_to_lead OR u.institution_id <> u.lead_id)
    ) d;
    GET DIAGNOSTICS n_results = ROW_COUNT;

    INSERT INTO medalliance.unification_state
        (scheme_code, alliance_id, institution_id, period_start, state, member_volume, refresh_id)
    SELECT r.scheme_code, r.alliance_id, r.institution_id, r.period_start,
           medalliance.compliance_agg(d.dimension_no, r.score_fraction::double precision, it.weight),
           coalesce(max(v.encounters), 0), log_id
    FROM medalliance.unification_item_result r
    JOIN medalliance.unification_item it USING (scheme_code, item_code)
    JOIN medalliance.unification_dimension d USING (scheme_code, dimension_code)
    LEFT JOIN (
        SELECT e.institution_id, date_trunc('month', e.encounter_date)::date AS month, count(*) AS encounters
        FROM medalliance.encounter e
        WHERE e.encounter_date >= month_from AND e.encounter_date < range_end
          AND e.institution_id IN (SELECT institution_id FROM pg_temp.unification_refresh_member)
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

    RETURN medalliance.refresh_finish(log_id, n_states,
        jsonb_build_object('schemes', to_jsonb(schemes), 'states_per_scheme', per_scheme,
                           'item_results', n_results, 'evidence_rows_not_read', unread));
END
$$;
COMMENT ON FUNCTION medalliance.refresh_unification(date, date, text[]) IS
    '刷新六统一合规 Recomputes the item results and compliance states of every member of the assessed alliances for the months from period_from to period_to (inclusive), for all checklist schemes with settings or the ones named; other months are untouched. Logs into refresh_log (layer unification), including evidence rows no item read; returns the refresh_id.';

GRANT SELECT ON medalliance.unification_state, medalliance.unification_item_result TO medalliance_analyst;
GRANT INSERT, UPDATE, DELETE ON medalliance.unification_state, medalliance.unification_item_result TO medalliance_admin;
