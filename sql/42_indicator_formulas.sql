-- Indicator formulas (指标算法): the base counts of an indicator, at the level
-- its facts are held, before any roll-up.

-- Refresh --------------------------------------------------------------------

-- The base counts of one indicator for a range of months, at the level the
-- facts are held (an institution, or a county of residence), before any
-- roll-up.  One row per (unit, month) with numerator and denominator (or, for
-- count indicators, the count in numerator and NULL denominator).
CREATE FUNCTION medalliance.indicator_base_counts(
    indicator_code text, month_from date, month_to date,
    OUT unit_level text, OUT unit_id integer, OUT period_start date,
    OUT numerator bigint, OUT denominator bigint)
RETURNS SETOF record
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = medalliance, pg_catalog, pg_temp
AS $$
DECLARE
    ind   medalliance.indicator;
    p     jsonb;
    -- the exclusive end of the range
    range_end date := (month_to + interval '1 month')::date;
BEGIN
    SELECT * INTO ind FROM medalliance.indicator i WHERE i.indicator_code = indicator_base_counts.indicator_code;
    IF NOT FOUND THEN
        RAISE EXCEPTION USING ERRCODE = '22023',
            MESSAGE = format('unknown indicator code "%s"', indicator_code),
            HINT = 'The codes are listed in medalliance.indicator.';
    END IF;
    p := ind.parameters;

    CASE ind.formula
    WHEN 'residence_in_county' THEN
        RETURN QUERY
        SELECT 'county'::text, e.residence_region_id, date_trunc('month', e.encounter_date)::date,
               count(*) FILTER (WHERE i.region_id = e.residence_region_id), count(*)
        FROM medalliance.encounter e
        JOIN medalliance.institution i ON i.institution_id = e.institution_id
        JOIN medalliance.region r ON r.region_id = e.residence_region_id AND r.region_level = 'county'
        WHERE e.encounter_date >= month_from AND e.encounter_date < range_end
          AND e.encounter_kind IN (SELECT jsonb_array_elements_text(p -> 'encounter_kinds'))
        GROUP BY 2, 3;
    WHEN 'primary_share' THEN
        RETURN QUERY
        SELECT 'institution'::text, e.institution_id, date_trunc('month', e.encounter_date)::date,
               CASE WHEN i.is_primary THEN count(*) ELSE 0 END, count(*)
        FROM medalliance.encounter e
        JOIN medalliance.institution i ON i.institution_id = e.institution_id
        WHERE e.encounter_date >= month_from AND e.encounter_date < range_end
          AND e.encounter_kind IN (SELECT jsonb_array_elements_text(p -> 'encounter_kinds'))
        GROUP BY 2, 3, i.is_primary;
    WHEN 'out_of_region_referral' THEN
        RETURN QUERY
        SELECT 'institution'::text, f.institution_id, date_trunc('month', x.referral_date)::date,
               count(*) FILTER (WHERE CASE p ->> 'scope'
                                   WHEN 'county' THEN tg.county_id IS DISTINCT FROM fg.county_id
                                   ELSE tg.city_id IS DISTINCT FROM fg.city_id END),
               count(*)
        FROM medalliance.referral x
        JOIN medalliance.institution f ON f.institution_id = x.from_institution_id
        JOIN medalliance.region_ancestry fg ON fg.region_id = f.region_id
        JOIN medalliance.institution t ON t.institution_id = x.to_institution_id
        JOIN medalliance.region_ancestry tg ON tg.region_id = t.region_id
        WHERE x.referral_date >= month_from AND x.referral_date < range_end
        GROUP BY 2, 3;
    WHEN 'downward_referral_share', 'downward_referral_count' THEN
        RETURN QUERY
        SELECT 'institution'::text, f.institution_id, date_trunc('month', x.referral_date)::date,
               count(*) FILTER (WHERE t.care_tier < f.care_tier),
               CASE WHEN ind.formula = 'downward_referral_share' THEN count(*) END
        FROM medalliance.referral x
        JOIN medalliance.institution f ON f.institution_id = x.from_institution_id
        JOIN medalliance.institution t ON t.institution_id = x.to_institution_id
        WHERE x.referral_date >= month_from AND x.referral_date < range_end
          AND f.care_tier >= 2 AND f.institution_level <> 'private'
        GROUP BY 2, 3;
    WHEN 'booked_referral_share' THEN
        RETURN QUERY
        WITH hospital AS (
            SELECT institution_id FROM medalliance.institution
            WHERE care_tier >= 2 AND institution_level <> 'private'
        ), booked AS (
            SELECT x.to_institution_id AS institution_id, date_trunc('month', x.referral_date)::date AS month,
                   count(*) AS n
            FROM medalliance.referral x JOIN hospital h ON h.institution_id = x.to_institution_id
            WHERE x.referral_date >= month_from AND x.referral_date < range_end
              AND x.by_appointment AND x.referral_kind = 'outpatient'
            GROUP BY 1, 2
        ), visits AS (
            SELECT e.institution_id, date_trunc('month', e.encounter_date)::date AS month, count(*) AS n
            FROM medalliance.encounter e JOIN hospital h ON h.institution_id = e.institution_id
            WHERE e.encounter_date >= month_from AND e.encounter_date < range_end
              AND e.encounter_kind IN ('outpatient', 'emergency')
            GROUP BY 1, 2
        )
        SELECT 'institution'::text, coalesce(v.institution_id, b.institution_id), coalesce(v.month, b.month),
               coalesce(b.n, 0), coalesce(v.n, 0)
        FROM visits v FULL JOIN booked b USING (institution_id, month);
    WHEN 'contract_rate' THEN
        RETURN QUERY
        WITH months AS (
            SELECT m::date AS month, (m + interval '1 month - 1 day')::date AS month_end
            FROM generate_series(month_from, month_to, interval '1 month') m
        ), contracted AS (
            SELECT c.residence_region_id AS region_id, m.month, count(DISTINCT c.person_id) AS n
            FROM months m
            JOIN medalliance.contract c ON c.signed_on <= m.month_end AND c.valid_to > m.month_end
            WHERE c.population_group IN (SELECT jsonb_array_elements_text(p -> 'contract_groups'))
            GROUP BY 1, 2
        ), residents AS (
            SELECT pop.region_id, m.month, pop.residents AS n
            FROM months m
            JOIN medalliance.population pop
              ON pop.year = extract(year FROM m.month) AND pop.population_group = p ->> 'population_group'
            JOIN medalliance.region r ON r.region_id = pop.region_id AND r.region_level = 'county'
        )
        -- a county-month without a population figure has no denominator: no state, not assessable
        SELECT 'county'::text, r.region_id, r.month, coalesce(c.n, 0), r.n
        FROM residents r LEFT JOIN contracted c USING (region_id, month);
    WHEN 'chronic_standardised_primary' THEN
        RETURN QUERY
        SELECT 'county'::text, cc.residence_region_id, make_date(cc.assessed_year, 12, 1),
               count(*) FILTER (WHERE cc.is_standardised AND i.is_primary), count(*)
        FROM medalliance.chronic_care cc
        JOIN medalliance.institution i ON i.institution_id = cc.managed_at_institution_id
        WHERE make_date(cc.assessed_year, 12, 1) >= month_from AND make_date(cc.assessed_year, 12, 1) < range_end
          AND cc.condition IN (SELECT jsonb_array_elements_text(p -> 'conditions'))
        GROUP BY 2, 3;
    WHEN 'fund_in_county' THEN
        RETURN QUERY
        SELECT 'county'::text, fs.insured_region_id, fs.period_start,
               (sum(fs.fund_payment) FILTER (WHERE i.region_id = fs.insured_region_id) * 100)::bigint,
               (sum(fs.fund_payment) * 100)::bigint
        FROM medalliance.fund_spending fs
        JOIN medalliance.institution i ON i.institution_id = fs.institution_id
        JOIN medalliance.region r ON r.region_id = fs.insured_region_id AND r.region_level = 'county'
        WHERE fs.period_start >= month_from AND fs.period_start < range_end
        GROUP BY 2, 3;
    WHEN 'fund_primary_share' THEN
        RETURN QUERY
        SELECT 'institution'::text, fs.institution_id, fs.period_start,
               CASE WHEN i.is_primary THEN (sum(fs.fund_payment) * 100)::bigint ELSE 0 END,
               (sum(fs.fund_payment) * 100)::bigint
        FROM medalliance.fund_spending fs
        JOIN medalliance.institution i ON i.institution_id = fs.institution_id
        WHERE fs.period_start >= month_from AND fs.period_start < range_end
        GROUP BY 2, 3, i.is_primary;
    WHEN 'capability_share' THEN
        IF p ->> 'capability' NOT IN ('has_radiology', 'has_ecg', 'has_remote_point', 'offers_tcm',
                                      'meets_capability_standard', 'meets_village_clinic_standard') THEN
            RAISE EXCEPTION USING ERRCODE = '22023',
                MESSAGE = format('indicator "%s": unknown capability "%s"', ind.indicator_code, p ->> 'capability'),
                HINT = 'Use a boolean column of medalliance.capability.';
        END IF;
        RETURN QUERY EXECUTE format($q$
            SELECT 'institution'::text, c.institution_id, c.period_start,
                   CASE WHEN c.%1$I THEN 1::bigint ELSE 0::bigint END, 1::bigint
            FROM medalliance.capability c
            JOIN medalliance.institution i ON i.institution_id = c.institution_id
            WHERE c.period_start >= $1 AND c.period_start < $2 AND c.%1$I IS NOT NULL
              AND i.institution_level IN (SELECT jsonb_array_elements_text($3 -> 'levels'))$q$,
            p ->> 'capability')
        USING month_from, range_end, p;
    WHEN 'township_staff_coverage', 'shared_centre_use' THEN
        RETURN QUERY
        WITH months AS (
            SELECT m::date AS month, (m + interval '1 month')::date AS next_month
            FROM generate_series(month_from, month_to, interval '1 month') m
        ), centres AS (
            SELECT i.institution_id, i.care_tier, m.month, m.next_month
            FROM medalliance.institution i CROSS JOIN months m
            WHERE (i.opened_on IS NULL OR i.opened_on < m.next_month)
              AND (i.closed_on IS NULL OR i.closed_on > m.month)
              AND i.institution_level IN (
                  SELECT jsonb_array_elements_text(
                      CASE WHEN ind.formula = 'township_staff_coverage'
                           THEN '["township_health_centre"]'::jsonb ELSE p -> 'levels' END))
        )
        SELECT 'institution'::text, c.institution_id, c.month,
               CASE WHEN ind.formula = 'township_staff_coverage' THEN
                   (EXISTS (SELECT FROM medalliance.deployment d
                            JOIN medalliance.institution f ON f.institution_id = d.from_institution_id
                            WHERE d.to_institution_id = c.institution_id AND f.care_tier > c.care_tier
                              AND d.started_on < c.next_month
                              AND (d.ended_on IS NULL OR d.ended_on >= c.month)))::int::bigint
               ELSE
                   (EXISTS (SELECT FROM medalliance.shared_centre_service s
                            WHERE s.ordering_institution_id = c.institution_id
                              AND s.ordered_on >= c.month AND s.ordered_on < c.next_month))::int::bigint
               END,
               1::bigint
        FROM centres c;
    WHEN 'senior_secondment_count' THEN
        RETURN QUERY
        WITH months AS (
            SELECT m::date AS month, (m + interval '1 month - 1 day')::date AS month_end
            FROM generate_series(month_from, month_to, interval '1 month') m
        )
        SELECT 'institution'::text, d.from_institution_id, m.month, count(*), NULL::bigint
        FROM months m
        JOIN medalliance.deployment d
          ON d.started_on <= m.month_end AND (d.ended_on IS NULL OR d.ended_on >= m.month_end)
        WHERE d.profession = 'doctor' AND d.title_level <> 'junior'
          AND d.deployment_kind <> 'circuit_clinic'
          AND coalesce(d.ended_on, m.month_end) >= (d.started_on + interval '6 months')::date
        GROUP BY 2, 3;
    WHEN 'remote_diagnosis_count' THEN
        RETURN QUERY
        SELECT 'institution'::text, s.ordering_institution_id, date_trunc('month', s.ordered_on)::date,
               count(*), NULL::bigint
        FROM medalliance.shared_centre_service s
        WHERE s.ordered_on >= month_from AND s.ordered_on < range_end
        GROUP BY 2, 3;
    END CASE;
END
$$;
COMMENT ON FUNCTION medalliance.indicator_base_counts(text, date, date) IS
    '指标基础计数 The counts behind one indicator for a range of months, at the level the facts are held (institution, or county of residence), before any roll-up.';
