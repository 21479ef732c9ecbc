-- Indicator formulas (指标算法): the closed set of built-in computations, one
-- function each, listed in the lookup table indicator_formula that the
-- catalogue's indicators reference.  Each function gives the base counts of
-- an indicator for a range of months, at the level its facts are held (an
-- institution, or a county of residence), before any roll-up: one row per
-- (unit, month) with numerator and denominator (for counts, the count in
-- numerator and a NULL denominator).  The parameters are the indicator's.
--
-- Residence-based formulas (residence_in_county, contract_rate,
-- chronic_standardised_primary) give, besides their county rows, rows of
-- unit_level 'catchment' (unit_id an institution): the same counts for the
-- residents of that institution's catchment (服务范围).  The refresh rolls a
-- catchment row into the alliances the institution belongs to that month
-- (as it does an institution's rows) and into no region: the county rows
-- already count those residents.
--
-- The functions are PL/pgSQL with plan_cache_mode = force_custom_plan, each
-- body one RETURN QUERY, not SQL functions: a SQL function that cannot be
-- inlined (and these cannot, having a pinned search_path) is planned once
-- with its arguments unknown, so a year of encounters was estimated at 1% of
-- its rows and counted through nested loops and sorts; planned with the
-- arguments' values, the same query hashes and may use parallel workers
-- (the county visit rate of a year at scale 0.04: 8.6 s before, 3.2 s after).
-- #variable_conflict use_column: a name in a query is a column, never the
-- function's output column of the same name.
--
-- The formulas that count encounters or referrals (reads_fact_summary in
-- indicator_formula) count them from encounter_month and referral_month, the
-- monthly summaries that refresh_indicators() rebuilds for its months before
-- it counts (fact_summary_refresh), not from the facts themselves: eight
-- scans of the same months' encounters became one, and six of the
-- referrals one.  Called outside a refresh, they give the counts of the last
-- refresh.

-- Counting functions --------------------------------------------------------

CREATE FUNCTION medalliance.count_residence_in_county(p jsonb, month_from date, month_to date)
RETURNS TABLE (unit_level text, unit_id integer, period_start date, numerator bigint, denominator bigint)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, medalliance, pg_temp
SET plan_cache_mode = force_custom_plan
AS $$
#variable_conflict use_column
BEGIN
    RETURN QUERY
        -- one pass over the encounters, two groupings: by county, and by catchment
        -- (the encounters of the residents of each catchment, in or out of their county)
        SELECT CASE WHEN GROUPING(h.home_region_id) = 0 THEN 'county' ELSE 'catchment' END::text,
               CASE WHEN GROUPING(h.home_region_id) = 0 THEN h.home_region_id ELSE e.catchment_institution_id END,
               e.period_start,
               coalesce(sum(e.encounters) FILTER (WHERE i.region_id = h.home_region_id), 0)::bigint,
               sum(e.encounters)::bigint
        FROM medalliance.encounter_month e
        CROSS JOIN LATERAL (SELECT CASE p ->> 'region_basis' WHEN 'insured' THEN e.insured_region_id
                                                             ELSE e.residence_region_id END AS home_region_id) h
        JOIN medalliance.institution i ON i.institution_id = e.institution_id
        JOIN medalliance.region r ON r.region_id = h.home_region_id AND r.region_level = 'county'
        WHERE e.period_start BETWEEN month_from AND month_to
          AND e.encounter_kind IN (SELECT jsonb_array_elements_text(p -> 'encounter_kinds'))
        GROUP BY GROUPING SETS ((h.home_region_id, e.period_start), (e.catchment_institution_id, e.period_start))
        HAVING GROUPING(h.home_region_id) = 0 OR e.catchment_institution_id IS NOT NULL;
END
$$;

CREATE FUNCTION medalliance.count_primary_share(p jsonb, month_from date, month_to date)
RETURNS TABLE (unit_level text, unit_id integer, period_start date, numerator bigint, denominator bigint)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, medalliance, pg_temp
SET plan_cache_mode = force_custom_plan
AS $$
#variable_conflict use_column
BEGIN
    RETURN QUERY
        SELECT 'institution'::text, e.institution_id, e.period_start,
               CASE WHEN i.is_primary THEN sum(e.encounters) ELSE 0 END::bigint, sum(e.encounters)::bigint
        FROM medalliance.encounter_month e
        JOIN medalliance.institution i ON i.institution_id = e.institution_id
        WHERE e.period_start BETWEEN month_from AND month_to
          AND e.encounter_kind IN (SELECT jsonb_array_elements_text(p -> 'encounter_kinds'))
        GROUP BY 2, 3, i.is_primary;
END
$$;

-- "City" for out-of-city referrals is the city-level unit: a county directly
-- under the province (省直管县, as most of Hainan's) is a city-level unit of its
-- own, so a referral from one such county to another leaves the "city", as a
-- referral to a district of a city does.  No seed defines it: project_default.
CREATE FUNCTION medalliance.count_out_of_region_referral(p jsonb, month_from date, month_to date)
RETURNS TABLE (unit_level text, unit_id integer, period_start date, numerator bigint, denominator bigint)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, medalliance, pg_temp
SET plan_cache_mode = force_custom_plan
AS $$
#variable_conflict use_column
BEGIN
    RETURN QUERY
        SELECT 'institution'::text, f.institution_id, x.period_start,
               coalesce(sum(x.referrals) FILTER (WHERE CASE p ->> 'scope'
                                   WHEN 'county' THEN tg.county_id IS DISTINCT FROM fg.county_id
                                   ELSE coalesce(tg.city_id, tg.county_id) IS DISTINCT FROM coalesce(fg.city_id, fg.county_id) END),
                        0)::bigint,
               sum(x.referrals)::bigint
        FROM medalliance.referral_month x
        JOIN medalliance.institution f ON f.institution_id = x.from_institution_id
        JOIN medalliance.region_ancestry fg ON fg.region_id = f.region_id
        JOIN medalliance.institution t ON t.institution_id = x.to_institution_id
        JOIN medalliance.region_ancestry tg ON tg.region_id = t.region_id
        WHERE x.period_start BETWEEN month_from AND month_to
        GROUP BY 2, 3;
END
$$;

-- Referrals sent by public hospitals (care tier 2 and above), with those to a
-- lower tier of care counted; the share's denominator is every referral sent.
-- Every public hospital open in a month has a row, so that a hospital that
-- sent nothing shows 0 (and 0/0 for the share), not a missing value: its
-- alliance's growth target then reads "baseline is zero", not nothing.
CREATE FUNCTION medalliance.count_downward_referral_share(p jsonb, month_from date, month_to date)
RETURNS TABLE (unit_level text, unit_id integer, period_start date, numerator bigint, denominator bigint)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, medalliance, pg_temp
SET plan_cache_mode = force_custom_plan
AS $$
#variable_conflict use_column
BEGIN
    RETURN QUERY
        WITH sent AS (
            SELECT f.institution_id, x.period_start AS month,
                   coalesce(sum(x.referrals) FILTER (WHERE t.care_tier < f.care_tier), 0)::bigint AS down,
                   sum(x.referrals)::bigint AS n
            FROM medalliance.referral_month x
            JOIN medalliance.institution f ON f.institution_id = x.from_institution_id
            JOIN medalliance.institution t ON t.institution_id = x.to_institution_id
            WHERE x.period_start BETWEEN month_from AND month_to
              AND f.care_tier >= 2 AND f.institution_level <> 'private'
            GROUP BY 1, 2
        )
        SELECT 'institution'::text, h.institution_id, m::date, coalesce(s.down, 0), coalesce(s.n, 0)
        FROM medalliance.institution h
        CROSS JOIN generate_series(month_from, month_to, interval '1 month') m
        LEFT JOIN sent s ON s.institution_id = h.institution_id AND s.month = m::date
        WHERE h.care_tier >= 2 AND h.institution_level <> 'private'
          AND ((h.opened_on IS NULL OR h.opened_on < (m + interval '1 month')::date)
               AND (h.closed_on IS NULL OR h.closed_on > m::date) OR s.n IS NOT NULL);
END
$$;

CREATE FUNCTION medalliance.count_downward_referral_count(p jsonb, month_from date, month_to date)
RETURNS TABLE (unit_level text, unit_id integer, period_start date, numerator bigint, denominator bigint)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, medalliance, pg_temp
SET plan_cache_mode = force_custom_plan
AS $$
#variable_conflict use_column
BEGIN
    RETURN QUERY
        SELECT s.unit_level, s.unit_id, s.period_start, s.numerator, NULL::bigint
        FROM medalliance.count_downward_referral_share(p, month_from, month_to) s;
END
$$;

CREATE FUNCTION medalliance.count_booked_referral_share(p jsonb, month_from date, month_to date)
RETURNS TABLE (unit_level text, unit_id integer, period_start date, numerator bigint, denominator bigint)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, medalliance, pg_temp
SET plan_cache_mode = force_custom_plan
AS $$
#variable_conflict use_column
BEGIN
    RETURN QUERY
        WITH hospital AS (
            SELECT institution_id FROM medalliance.institution
            WHERE institution_level IN (SELECT jsonb_array_elements_text(p -> 'hospital_levels'))
        ), booked AS (
            SELECT x.to_institution_id AS institution_id, x.period_start AS month, sum(x.referrals)::bigint AS n
            FROM medalliance.referral_month x JOIN hospital h ON h.institution_id = x.to_institution_id
            WHERE x.period_start BETWEEN month_from AND month_to
              AND x.by_appointment AND x.referral_kind = 'outpatient'
            GROUP BY 1, 2
        ), visits AS (
            SELECT e.institution_id, e.period_start AS month, sum(e.encounters)::bigint AS n
            FROM medalliance.encounter_month e JOIN hospital h ON h.institution_id = e.institution_id
            WHERE e.period_start BETWEEN month_from AND month_to
              AND e.encounter_kind IN (SELECT jsonb_array_elements_text(p -> 'visit_kinds'))
            GROUP BY 1, 2
        )
        SELECT 'institution'::text, coalesce(v.institution_id, b.institution_id), coalesce(v.month, b.month),
               coalesce(b.n, 0), coalesce(v.n, 0)
        FROM visits v FULL JOIN booked b USING (institution_id, month);
END
$$;

-- The denominators of the contract rates: per month, the residents of the
-- population group in each county (population) and in each catchment
-- (catchment_population), from the figures of the month's year.
CREATE FUNCTION medalliance.contract_rate_residents(population_group text, month_from date, month_to date)
RETURNS TABLE (unit_level text, unit_id integer, month date, residents bigint)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, medalliance, pg_temp
AS $$
    SELECT 'county'::text, pop.region_id, m::date, pop.residents::bigint
    FROM generate_series(month_from, month_to, interval '1 month') m
    JOIN medalliance.population pop ON pop.year = extract(year FROM m)
    JOIN medalliance.region r ON r.region_id = pop.region_id AND r.region_level = 'county'
    WHERE pop.population_group = contract_rate_residents.population_group
    UNION ALL
    SELECT 'catchment', cp.institution_id, m::date, cp.residents::bigint
    FROM generate_series(month_from, month_to, interval '1 month') m
    JOIN medalliance.catchment_population cp ON cp.year = extract(year FROM m)
    WHERE cp.population_group = contract_rate_residents.population_group
$$;

-- unit_person_masks(unit, person, sets, months): per unit, set and month,
-- the distinct persons whose rows name that set (bit s-1 of sets) and that
-- month (bit k of months), as bigint[][4] rows (unit, set, month index from
-- 0, persons); NULL for no row.  A person counts once per unit, set and month
-- however many of its rows name them.  C (src/person_masks.c): the state is a
-- bytea of 24-byte entries (written in place, grown by half again), merged by
-- concatenation, sorted once by unit and person at the end.  It counts the
-- persons under contract for count_contracted.
CREATE FUNCTION medalliance.unit_person_masks_transfn(state bytea, unit integer, person bigint, sets integer,
                                                      months bigint)
RETURNS bytea
AS 'MODULE_PATHNAME', 'unit_person_masks_transfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION medalliance.unit_person_masks_combine(a bytea, b bytea)
RETURNS bytea
AS 'MODULE_PATHNAME', 'unit_person_masks_combine' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION medalliance.unit_person_masks_finalfn(state bytea)
RETURNS bigint[]
AS 'MODULE_PATHNAME', 'unit_person_masks_finalfn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE AGGREGATE medalliance.unit_person_masks(unit integer, person bigint, sets integer, months bigint) (
    SFUNC = medalliance.unit_person_masks_transfn,
    STYPE = bytea,
    COMBINEFUNC = medalliance.unit_person_masks_combine,
    FINALFUNC = medalliance.unit_person_masks_finalfn,
    FINALFUNC_MODIFY = READ_WRITE,
    PARALLEL = SAFE
);
COMMENT ON FUNCTION medalliance.unit_person_masks_transfn(bytea, integer, bigint, integer, bigint) IS
    '单位人数掩码状态 Transition function of unit_person_masks: the state with the row added (22023 for a negative bit mask or a bytea that is not such a state).';
COMMENT ON FUNCTION medalliance.unit_person_masks_combine(bytea, bytea) IS
    '单位人数掩码合并 Combine function of unit_person_masks: the rows of both states (parallel workers'' states merged).';
COMMENT ON FUNCTION medalliance.unit_person_masks_finalfn(bytea) IS
    '单位人数掩码结果 Final function of unit_person_masks: the persons per unit, set and month of a state (22023 for a bytea that is not such a state).';
COMMENT ON AGGREGATE medalliance.unit_person_masks(integer, bigint, integer, bigint) IS
    '单位人数掩码 unit_person_masks(unit, person, sets, months): the distinct persons per unit, set (bit s-1 of sets, sets 1–31) and month (bit k of months, 0–62), as bigint[][4] rows (unit, set, month index, persons); a person counts once however many of its rows name the set and month. NULL rows are skipped; NULL for no row. State: bytea, about 24 bytes a row, merged by concatenation. Behind count_contracted.';

-- Persons under contract at the end of each month, by county of residence
-- and by catchment, for one or more sets of population groups at once: the
-- numerators of formula contract_rate.  A person is counted once however many
-- of their contracts of the set run at a month's end (signed in or before the
-- month, valid into the next).
-- Each contract becomes a bit mask of the months of the range at whose end it
-- is in force (bit k: the k-th month; its first and last month found by
-- width_bucket over the months' ends) and a bit mask of the sets its
-- population group is in (from a join with the groups: one hash probe per
-- contract, not a test per set); unit_person_masks ORs a person's masks per
-- unit and set and counts the persons per unit, set and month.  So a person
-- counts once per month however its contracts overlap, and every set and
-- month comes from one scan of the contracts per unit level: the two scans
-- run side by side in two processes, each sorting its own entries (one scan
-- feeding both levels' rows to one aggregate, split over parallel workers,
-- left one process to sort twice as many: scale 1, December 4.3 s against
-- 2.7 s).  A range of more than 60 months is counted 60 months at a time (a
-- mask is a bigint).
-- It replaced a count(DISTINCT) per month (up to four months) and a window
-- over each person's earlier contracts (longer ranges), then a GROUP BY
-- (unit, person) with bit_or, whose hash table of 4.9 million persons spilled
-- to disk, then a test per set and contract: both contract-rate sets at
-- scale 1, 2024 in 28.9 s (two passes), 12.5 s (bit_or), 6.8 s (a test per
-- set), now 3.2 s; December 8.7 s, 7.4 s, 2.8 s, now 2.1 s (identical
-- counts).  The last step is the join for the sets and JIT (compiled when the
-- planner's cost passes jit_above_cost, so only over many contracts; the
-- refresh otherwise runs with jit = off): December 2.25 -> 2.14 s, 2024 3.6
-- -> 3.2 s.
CREATE FUNCTION medalliance.count_contracted(group_sets jsonb, month_from date, month_to date)
RETURNS TABLE (group_set integer, unit_level text, unit_id integer, month date, persons bigint)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, medalliance, pg_temp
SET jit = on
AS $$
DECLARE
    chunk_months CONSTANT integer := 60;
    months       date[];
    groups       text[];    -- every group some set names
    group_bits   integer[]; -- its sets, bit s-1 for set s
    first        integer;
    query        text;
BEGIN
    IF month_from IS NULL OR month_to IS NULL OR NOT isfinite(month_from) OR NOT isfinite(month_to)
       OR group_sets IS NULL OR jsonb_typeof(group_sets) <> 'array'
       OR jsonb_array_length(group_sets) NOT BETWEEN 1 AND 31
       OR EXISTS (SELECT FROM jsonb_array_elements(group_sets) s
                  WHERE jsonb_typeof(s) <> 'array' OR jsonb_array_length(s) = 0
                     OR EXISTS (SELECT FROM jsonb_array_elements(s) g WHERE jsonb_typeof(g) <> 'string')) THEN
        RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
            MESSAGE = format('count_contracted needs a JSON array of 1 to 31 non-empty arrays of population groups and two finite months, not %s, %s, %s',
                             coalesce(group_sets::text, 'NULL'), coalesce(month_from::text, 'NULL'),
                             coalesce(month_to::text, 'NULL')),
            HINT = 'For example count_contracted(''[["elderly", "children"]]'', ''2024-01-01'', ''2024-12-01'').';
    END IF;
    SELECT array_agg(x.grp ORDER BY x.grp), array_agg(x.bits ORDER BY x.grp)
    INTO groups, group_bits
    FROM (SELECT g.grp, bit_or(DISTINCT 1 << (s.n::integer - 1)) AS bits
          FROM jsonb_array_elements(group_sets) WITH ORDINALITY AS s(grp_list, n)
          CROSS JOIN LATERAL jsonb_array_elements_text(s.grp_list) AS g(grp)
          GROUP BY g.grp) x;
    -- $1: the months' ends (the first day of the next month), ascending;
    -- $2: the months; $3, $4: the groups and their sets.  A contract is in
    -- force at the end of month k (from 0) when signed_on < $1[k + 1] <=
    -- valid_to: from k = width_bucket(signed_on, $1) to width_bucket(valid_to, $1) - 1.
    query := format($q$
        SELECT x.counts[i][2]::integer, x.unit_level, x.counts[i][1]::integer, $2[x.counts[i][3]::integer + 1],
               x.counts[i][4]
        FROM (%s) x
        CROSS JOIN LATERAL generate_subscripts(x.counts, 1) i$q$,
        (SELECT string_agg(format($u$
            SELECT %1$L::text AS unit_level,
                   medalliance.unit_person_masks(c.%2$I, c.person_id, g.sets,
                                                 (1::bigint << (b.last_k + 1)) - (1::bigint << b.first_k)) AS counts
            FROM medalliance.contract c
            JOIN unnest($3::text[], $4::integer[]) AS g(population_group, sets) ON g.population_group = c.population_group
            CROSS JOIN LATERAL (SELECT width_bucket(c.signed_on, $1) AS first_k,
                                       width_bucket(c.valid_to, $1) - 1 AS last_k) b
            WHERE c.signed_on < $1[cardinality($1)] AND c.valid_to >= $1[1] AND c.%2$I IS NOT NULL$u$,
            u.unit_level, u.unit_column), ' UNION ALL ' ORDER BY u.unit_level DESC)
         FROM (VALUES ('county', 'residence_region_id'), ('catchment', 'catchment_institution_id'))
              AS u(unit_level, unit_column)));
    months := ARRAY(SELECT g::date FROM generate_series(month_from, month_to, interval '1 month') g);
    first := 1;
    WHILE first <= cardinality(months) LOOP
        RETURN QUERY EXECUTE query
            USING ARRAY(SELECT (m + interval '1 month')::date FROM unnest(months[first : first + chunk_months - 1]) m),
                  months[first : first + chunk_months - 1], groups, group_bits;
        first := first + chunk_months;
    END LOOP;
END
$$;

-- Contracts in force at the end of each month against the population group,
-- by county of residence (population) and by catchment: the residents of an
-- institution's catchment under contract (whoever signed it) against the
-- catchment's population (catchment_population).  A county-month without a
-- population figure has no denominator: no state, not assessable.  The
-- persons are counted by count_contracted, or read from the counts that
-- refresh_indicators made of every contract-rate indicator's set in one pass
-- (temporary table contract_rate_counted, for that range only).
CREATE FUNCTION medalliance.count_contract_rate(p jsonb, month_from date, month_to date)
RETURNS TABLE (unit_level text, unit_id integer, period_start date, numerator bigint, denominator bigint)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, medalliance, pg_temp
SET plan_cache_mode = force_custom_plan
AS $$
DECLARE
    groups text[] := ARRAY(SELECT DISTINCT g FROM jsonb_array_elements_text(p -> 'contract_groups') g ORDER BY 1);
BEGIN
    IF to_regclass('pg_temp.contract_rate_counted') IS NOT NULL THEN
        RETURN QUERY EXECUTE $q$
            SELECT r.unit_level, r.unit_id, r.month, coalesce(c.persons, 0)::bigint, r.residents
            FROM medalliance.contract_rate_residents($1, $2, $3) r
            LEFT JOIN pg_temp.contract_rate_counted c
              ON c.contract_groups = $4 AND c.unit_level = r.unit_level AND c.unit_id = r.unit_id
             AND c.month = r.month
            WHERE EXISTS (SELECT FROM pg_temp.contract_rate_counted_for h
                          WHERE h.contract_groups = $4 AND h.month_from = $2 AND h.month_to = $3)$q$
            USING p ->> 'population_group', month_from, month_to, groups;
        IF FOUND THEN
            RETURN;
        END IF;
    END IF;
    RETURN QUERY
        SELECT r.unit_level, r.unit_id, r.month, coalesce(c.persons, 0)::bigint, r.residents
        FROM medalliance.contract_rate_residents(p ->> 'population_group', month_from, month_to) r
        LEFT JOIN medalliance.count_contracted(jsonb_build_array(to_jsonb(groups)), month_from, month_to) c
          ON c.unit_level = r.unit_level AND c.unit_id = r.unit_id AND c.month = r.month;
END
$$;

-- chronic_care_counts(conditions, first_year, last_year): the annual
-- chronic-care assessments of those conditions and years per county of
-- residence, catchment, year and condition: how many, and how many were
-- managed to standard at a primary-care institution.  A plain GROUP BY,
-- which parallel workers share (GROUPING SETS over the assessments
-- themselves ran in one process: scale 1, December 0.55 s, so 0.24 s).
CREATE FUNCTION medalliance.chronic_care_counts(conditions text[], first_year integer, last_year integer)
RETURNS TABLE (residence_region_id integer, catchment_institution_id integer, assessed_year integer,
               condition text, standardised_primary bigint, assessed bigint)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, medalliance, pg_temp
SET plan_cache_mode = force_custom_plan
AS $$
#variable_conflict use_column
BEGIN
    RETURN QUERY
        SELECT cc.residence_region_id, cc.catchment_institution_id, cc.assessed_year::integer, cc.condition,
               count(*) FILTER (WHERE cc.is_standardised AND i.is_primary), count(*)
        FROM medalliance.chronic_care cc
        JOIN medalliance.institution i ON i.institution_id = cc.managed_at_institution_id
        WHERE cc.assessed_year BETWEEN first_year AND last_year
          AND cc.condition = ANY (conditions)
        GROUP BY 1, 2, 3, 4;
END
$$;
COMMENT ON FUNCTION medalliance.chronic_care_counts(text[], integer, integer) IS
    '慢病评估计数 The annual chronic-care assessments of the given conditions and years per county of residence, catchment (NULL: none), year and condition: assessed, and managed to standard at a primary-care institution (standardised_primary). The counts behind formula chronic_standardised_primary.';

-- Annual chronic-care assessments, stored in December of their year, by
-- county of residence and by catchment, from chronic_care_counts rolled up
-- to each, or from the counts refresh_indicators made of every chronic-care
-- indicator's conditions in one pass (temporary table chronic_care_counted,
-- for that refresh only).  A range without a December has nothing to count
-- and reads nothing (at scale 1 each call read every assessment, 0.65 s, for
-- any month).
CREATE FUNCTION medalliance.count_chronic_standardised_primary(p jsonb, month_from date, month_to date)
RETURNS TABLE (unit_level text, unit_id integer, period_start date, numerator bigint, denominator bigint)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, medalliance, pg_temp
SET plan_cache_mode = force_custom_plan
AS $$
DECLARE
    -- the years whose December (make_date(year, 12, 1)) lies in the range
    first_year integer := extract(year FROM month_from)::integer;
    last_year  integer := extract(year FROM month_to)::integer
                          - CASE WHEN extract(month FROM month_to) = 12 THEN 0 ELSE 1 END;
    -- an array, not a subquery over the JSON: with a set-returning function
    -- in the query the planner gave up parallel workers
    conditions text[] := ARRAY(SELECT jsonb_array_elements_text(p -> 'conditions'));
    counts     text := 'medalliance.chronic_care_counts($1, $2, $3)';
BEGIN
    IF first_year > last_year THEN
        RETURN;
    END IF;
    IF to_regclass('pg_temp.chronic_care_counted_for') IS NOT NULL THEN
        IF EXISTS (SELECT FROM pg_temp.chronic_care_counted_for f
                   WHERE conditions <@ f.counted_conditions AND first_year >= f.counted_from_year
                     AND last_year <= f.counted_to_year) THEN
            counts := 'pg_temp.chronic_care_counted';
        END IF;
    END IF;
    RETURN QUERY EXECUTE format($q$
        SELECT CASE WHEN GROUPING(c.residence_region_id) = 0 THEN 'county' ELSE 'catchment' END::text,
               CASE WHEN GROUPING(c.residence_region_id) = 0 THEN c.residence_region_id
                    ELSE c.catchment_institution_id END,
               make_date(c.assessed_year, 12, 1),
               sum(c.standardised_primary)::bigint, sum(c.assessed)::bigint
        FROM %s c
        WHERE c.condition = ANY ($1) AND c.assessed_year BETWEEN $2 AND $3
        GROUP BY GROUPING SETS ((c.residence_region_id, c.assessed_year), (c.catchment_institution_id, c.assessed_year))
        HAVING GROUPING(c.residence_region_id) = 0 OR c.catchment_institution_id IS NOT NULL$q$, counts)
        USING conditions, first_year, last_year;
END
$$;

-- Money shares count cents, so that the rate holds whole numbers.
CREATE FUNCTION medalliance.count_fund_in_county(p jsonb, month_from date, month_to date)
RETURNS TABLE (unit_level text, unit_id integer, period_start date, numerator bigint, denominator bigint)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, medalliance, pg_temp
SET plan_cache_mode = force_custom_plan
AS $$
#variable_conflict use_column
BEGIN
    RETURN QUERY
        SELECT 'county'::text, fs.insured_region_id, fs.period_start,
               (sum(fs.fund_payment) FILTER (WHERE i.region_id = fs.insured_region_id) * 100)::bigint,
               (sum(fs.fund_payment) * 100)::bigint
        FROM medalliance.fund_spending fs
        JOIN medalliance.institution i ON i.institution_id = fs.institution_id
        JOIN medalliance.region r ON r.region_id = fs.insured_region_id AND r.region_level = 'county'
        WHERE fs.period_start >= month_from AND fs.period_start < (month_to + interval '1 month')::date
        GROUP BY 2, 3;
END
$$;

CREATE FUNCTION medalliance.count_fund_primary_share(p jsonb, month_from date, month_to date)
RETURNS TABLE (unit_level text, unit_id integer, period_start date, numerator bigint, denominator bigint)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, medalliance, pg_temp
SET plan_cache_mode = force_custom_plan
AS $$
#variable_conflict use_column
BEGIN
    RETURN QUERY
        SELECT 'institution'::text, fs.institution_id, fs.period_start,
               CASE WHEN i.is_primary THEN (sum(fs.fund_payment) * 100)::bigint ELSE 0 END,
               (sum(fs.fund_payment) * 100)::bigint
        FROM medalliance.fund_spending fs
        JOIN medalliance.institution i ON i.institution_id = fs.institution_id
        WHERE fs.period_start >= month_from AND fs.period_start < (month_to + interval '1 month')::date
        GROUP BY 2, 3, i.is_primary;
END
$$;

-- Institutions of the given levels open in each month, with 1 in the
-- numerator where the month saw the event that covers them.
CREATE FUNCTION medalliance.open_institutions(levels jsonb, month_from date, month_to date)
RETURNS TABLE (institution_id integer, care_tier smallint, month date, next_month date)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, medalliance, pg_temp
AS $$
    SELECT i.institution_id, i.care_tier, m::date, (m + interval '1 month')::date
    FROM medalliance.institution i
    CROSS JOIN generate_series(month_from, month_to, interval '1 month') m
    WHERE (i.opened_on IS NULL OR i.opened_on < (m + interval '1 month')::date)
      AND (i.closed_on IS NULL OR i.closed_on > m::date)
      AND i.institution_level IN (SELECT jsonb_array_elements_text(levels))
$$;

-- The capability is a boolean column of medalliance.capability, named by the
-- parameter "capability" (hence dynamic SQL, with the name as an identifier).
-- is_capability(name): whether name is a boolean column of medalliance.capability.
CREATE FUNCTION medalliance.is_capability(name text) RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, medalliance, pg_temp
AS $$
    SELECT coalesce((SELECT a.atttypid = 'boolean'::regtype FROM pg_catalog.pg_attribute a
                     WHERE a.attrelid = 'medalliance.capability'::regclass AND a.attname = name
                       AND a.attnum > 0 AND NOT a.attisdropped), false)
$$;
COMMENT ON FUNCTION medalliance.is_capability(text) IS
    '能力项检查 True when the name is a boolean column of medalliance.capability (a capability an indicator can count).';

CREATE FUNCTION medalliance.count_capability_share(p jsonb, month_from date, month_to date)
RETURNS TABLE (unit_level text, unit_id integer, period_start date, numerator bigint, denominator bigint)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, medalliance, pg_temp
AS $$
BEGIN
    IF NOT medalliance.is_capability(p ->> 'capability') THEN
        RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
            MESSAGE = format('unknown capability "%s"', p ->> 'capability'),
            HINT = 'Use a boolean column of medalliance.capability.';
    END IF;
    -- A 达标率 divides by every institution of the levels open in the month: one
    -- that reported nothing for the month, or NULL, counts as not meeting it.
    RETURN QUERY EXECUTE format($q$
        SELECT 'institution'::text, o.institution_id, o.month,
               CASE WHEN c.%1$I THEN 1::bigint ELSE 0::bigint END, 1::bigint
        FROM medalliance.open_institutions($3 -> 'levels', $1, $2) o
        LEFT JOIN medalliance.capability c ON c.institution_id = o.institution_id AND c.period_start = o.month$q$,
        p ->> 'capability')
    USING month_from, month_to, p;
END
$$;

-- Coverage over a window: 'month' counts an institution covered in the month,
-- 'year_to_date' covered at any time from January of its year to the month, so
-- that a year's December (a stock's roll-up) is coverage during the year.
CREATE FUNCTION medalliance.coverage_window_start(coverage_window text, month date) RETURNS date
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF coverage_window = 'month' THEN
        RETURN month;
    ELSIF coverage_window = 'year_to_date' THEN
        RETURN date_trunc('year', month)::date;
    END IF;
    RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
        MESSAGE = format('unknown coverage window "%s"', coverage_window),
        HINT = 'Use month or year_to_date.';
END
$$;
COMMENT ON FUNCTION medalliance.coverage_window_start(text, date) IS
    '覆盖期间 First day of the coverage window ending with a month: the month itself (month) or January of its year (year_to_date: 年内累计覆盖); 22023 for any other window.';

CREATE FUNCTION medalliance.count_township_staff_coverage(p jsonb, month_from date, month_to date)
RETURNS TABLE (unit_level text, unit_id integer, period_start date, numerator bigint, denominator bigint)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, medalliance, pg_temp
SET plan_cache_mode = force_custom_plan
AS $$
#variable_conflict use_column
BEGIN
    RETURN QUERY
        SELECT 'institution'::text, c.institution_id, c.month,
               (EXISTS (SELECT FROM medalliance.deployment d
                        JOIN medalliance.institution f ON f.institution_id = d.from_institution_id
                        WHERE d.to_institution_id = c.institution_id AND f.care_tier > c.care_tier
                          AND d.deployment_kind IN (SELECT jsonb_array_elements_text(p -> 'deployment_kinds'))
                          AND d.started_on < c.next_month
                          AND (d.ended_on IS NULL
                               OR d.ended_on >= medalliance.coverage_window_start(p ->> 'coverage_window', c.month))))::int::bigint,
               1::bigint
        FROM medalliance.open_institutions('["township_health_centre"]', month_from, month_to) c;
END
$$;

CREATE FUNCTION medalliance.count_shared_centre_use(p jsonb, month_from date, month_to date)
RETURNS TABLE (unit_level text, unit_id integer, period_start date, numerator bigint, denominator bigint)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, medalliance, pg_temp
SET plan_cache_mode = force_custom_plan
AS $$
#variable_conflict use_column
BEGIN
    RETURN QUERY
        SELECT 'institution'::text, c.institution_id, c.month,
               (EXISTS (SELECT FROM medalliance.shared_centre_service s
                        WHERE s.ordering_institution_id = c.institution_id
                          AND s.ordered_on >= medalliance.coverage_window_start(p ->> 'coverage_window', c.month)
                          AND s.ordered_on < c.next_month))::int::bigint,
               1::bigint
        FROM medalliance.open_institutions(p -> 'levels', month_from, month_to) c;
END
$$;

CREATE FUNCTION medalliance.count_senior_secondment_count(p jsonb, month_from date, month_to date)
RETURNS TABLE (unit_level text, unit_id integer, period_start date, numerator bigint, denominator bigint)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, medalliance, pg_temp
SET plan_cache_mode = force_custom_plan
AS $$
#variable_conflict use_column
BEGIN
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
END
$$;

CREATE FUNCTION medalliance.count_remote_diagnosis_count(p jsonb, month_from date, month_to date)
RETURNS TABLE (unit_level text, unit_id integer, period_start date, numerator bigint, denominator bigint)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, medalliance, pg_temp
SET plan_cache_mode = force_custom_plan
AS $$
#variable_conflict use_column
BEGIN
    RETURN QUERY
        SELECT 'institution'::text, s.ordering_institution_id, date_trunc('month', s.ordered_on)::date,
               count(*), NULL::bigint
        FROM medalliance.shared_centre_service s
        WHERE s.ordered_on >= month_from AND s.ordered_on < (month_to + interval '1 month')::date
          AND s.centre_kind IN (SELECT jsonb_array_elements_text(p -> 'centre_kinds'))
        GROUP BY 2, 3;
END
$$;

-- Alliances of the kinds in existence in each month, counted at the region
-- they serve; every region has a row (0 when it has none), so that a county
-- without an alliance shows 0, not nothing.
CREATE FUNCTION medalliance.count_alliances(p jsonb, month_from date, month_to date)
RETURNS TABLE (unit_level text, unit_id integer, period_start date, numerator bigint, denominator bigint)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, medalliance, pg_temp
SET plan_cache_mode = force_custom_plan
AS $$
#variable_conflict use_column
BEGIN
    RETURN QUERY
        SELECT r.region_level, r.region_id, m::date,
               (SELECT count(*) FROM medalliance.alliance a
                WHERE a.region_id = r.region_id
                  AND a.alliance_kind IN (SELECT jsonb_array_elements_text(p -> 'alliance_kinds'))
                  AND (a.formed_on IS NULL OR a.formed_on < (m + interval '1 month')::date)
                  AND (a.dissolved_on IS NULL OR a.dissolved_on > (m + interval '1 month - 1 day')::date)),
               NULL::bigint
        FROM medalliance.region r
        CROSS JOIN generate_series(month_from, month_to, interval '1 month') m;
END
$$;

-- Institutions of the levels open in each month, with 1 in the numerator for
-- those holding a membership of some alliance on the last day of the month.
CREATE FUNCTION medalliance.count_membership_share(p jsonb, month_from date, month_to date)
RETURNS TABLE (unit_level text, unit_id integer, period_start date, numerator bigint, denominator bigint)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, medalliance, pg_temp
SET plan_cache_mode = force_custom_plan
AS $$
#variable_conflict use_column
BEGIN
    RETURN QUERY
        SELECT 'institution'::text, c.institution_id, c.month,
               (EXISTS (SELECT FROM medalliance.membership m
                        WHERE m.institution_id = c.institution_id
                          AND m.valid_from < c.next_month
                          AND (m.valid_to IS NULL OR m.valid_to >= c.next_month)))::int::bigint,
               1::bigint
        FROM medalliance.open_institutions(p -> 'levels', month_from, month_to) c;
END
$$;

-- The kinds of shared centre (检验、影像、心电、病理、消毒供应、远程诊疗) that read at
-- least one service for a county from January to the month, counted at the
-- county of the reading institution.  A distinct count does not merge across
-- counties: indicators of this formula are reported for counties only.
CREATE FUNCTION medalliance.count_shared_centre_kinds(p jsonb, month_from date, month_to date)
RETURNS TABLE (unit_level text, unit_id integer, period_start date, numerator bigint, denominator bigint)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, medalliance, pg_temp
SET plan_cache_mode = force_custom_plan
AS $$
#variable_conflict use_column
BEGIN
    -- one scan: per county, year and kind, the first service of the year; a
    -- month counts the kinds whose first service came before its end (the
    -- count per month over the services since January read December's
    -- services twelve times: 5.2 s of a year's refresh at scale 1)
    RETURN QUERY
        WITH first_service AS (
            SELECT i.region_id, date_trunc('year', s.ordered_on::timestamp)::date AS year, s.centre_kind,
                   min(s.ordered_on) AS first_on
            FROM medalliance.shared_centre_service s
            JOIN medalliance.institution i ON i.institution_id = s.reading_institution_id
            WHERE s.centre_kind IN (SELECT jsonb_array_elements_text(p -> 'centre_kinds'))
              AND s.ordered_on >= date_trunc('year', month_from::timestamp)::date
              AND s.ordered_on < (month_to + interval '1 month')::date
            GROUP BY 1, 2, 3
        )
        SELECT 'county'::text, r.region_id, m::date, count(f.centre_kind), NULL::bigint
        FROM medalliance.region r
        CROSS JOIN generate_series(month_from, month_to, interval '1 month') m
        LEFT JOIN first_service f
          ON f.region_id = r.region_id AND f.year = date_trunc('year', m)::date
         AND f.first_on < (m + interval '1 month')::date
        WHERE r.region_level = 'county'
        GROUP BY r.region_id, m;
END
$$;

-- Comments of the counting functions.
COMMENT ON FUNCTION medalliance.open_institutions(jsonb, date, date) IS
    '在营机构 The institutions of the given levels (a jsonb array) open in each month from month_from to month_to, with their care tier.';
COMMENT ON FUNCTION medalliance.count_residence_in_county(jsonb, date, date) IS
    '县域内就诊计数 Base counts of formula residence_in_county per unit and month: encounters of a county''s residents (or insured, by region_basis) at institutions in that county, by that county; and the same for the residents of each catchment (unit_level catchment, by catchment_institution_id).';
COMMENT ON FUNCTION medalliance.count_primary_share(jsonb, date, date) IS
    '基层诊疗计数 Base counts of formula primary_share per unit and month: encounters at primary institutions among all encounters, by institution.';
COMMENT ON FUNCTION medalliance.count_out_of_region_referral(jsonb, date, date) IS
    '外转计数 Base counts of formula out_of_region_referral per unit and month: referrals sent out of the county or city (scope) among all referrals sent, by sending institution.';
COMMENT ON FUNCTION medalliance.count_downward_referral_share(jsonb, date, date) IS
    '下转占比计数 Base counts of formula downward_referral_share per unit and month: referrals from public hospitals to a lower tier of care among all they sent.';
COMMENT ON FUNCTION medalliance.count_downward_referral_count(jsonb, date, date) IS
    '下转计数 Base counts of formula downward_referral_count per unit and month: referrals from public hospitals to a lower tier of care.';
COMMENT ON FUNCTION medalliance.count_booked_referral_share(jsonb, date, date) IS
    '预约转诊计数 Base counts of formula booked_referral_share per unit and month: outpatient referrals booked by appointment at hospitals of the levels among their visits of the kinds.';
COMMENT ON FUNCTION medalliance.contract_rate_residents(text, date, date) IS
    '签约率分母 The residents of a population group per month from month_from to month_to, by county (population) and by catchment (unit_level catchment, catchment_population): the denominators of formula contract_rate.';
COMMENT ON FUNCTION medalliance.count_contracted(jsonb, date, date) IS
    '签约人数 Residents with a family-doctor contract in force at the end of each month from month_from to month_to, by county of residence and by catchment (unit_level catchment), for each set of population groups in group_sets (a JSON array of arrays; group_set numbers them from 1): a person counts once per set and unit however many of their contracts of the set are in force. All sets in one pass over the contracts: each contract a bit mask of the months it is in force at the end of, OR-ed per person and unit.';
COMMENT ON FUNCTION medalliance.count_contract_rate(jsonb, date, date) IS
    '签约计数 Base counts of formula contract_rate per unit and month: residents with a family-doctor contract in force at the end of the month among the population group, by county; and by catchment against catchment_population (unit_level catchment).';
COMMENT ON FUNCTION medalliance.count_chronic_standardised_primary(jsonb, date, date) IS
    '慢病规范管理计数 Base counts of formula chronic_standardised_primary per unit and month: chronic-care patients managed to standard at primary institutions among all, by county of residence and by catchment (unit_level catchment).';
COMMENT ON FUNCTION medalliance.count_fund_in_county(jsonb, date, date) IS
    '县域内医保基金计数 Base counts of formula fund_in_county per unit and month: insurance-fund payments spent in the insured county among all its payments (cents).';
COMMENT ON FUNCTION medalliance.count_fund_primary_share(jsonb, date, date) IS
    '基层医保基金计数 Base counts of formula fund_primary_share per unit and month: insurance-fund payments at primary institutions among all (cents), by institution.';
COMMENT ON FUNCTION medalliance.count_capability_share(jsonb, date, date) IS
    '能力达标计数 Base counts of formula capability_share per unit and month: institutions of the levels with the capability among all of them open in the month (an unreported one counts as not met), by institution.';
COMMENT ON FUNCTION medalliance.count_township_staff_coverage(jsonb, date, date) IS
    '乡镇下沉覆盖计数 Base counts of formula township_staff_coverage per unit and month: township health centres hosting staff of the deployment kinds from a higher tier in the coverage window (the month, or January to the month) among those open.';
COMMENT ON FUNCTION medalliance.count_shared_centre_use(jsonb, date, date) IS
    '共享中心使用计数 Base counts of formula shared_centre_use per unit and month: institutions of the levels that ordered a shared-centre service in the coverage window (the month, or January to the month) among those open.';
COMMENT ON FUNCTION medalliance.count_senior_secondment_count(jsonb, date, date) IS
    '下沉专家计数 Base counts of formula senior_secondment_count per unit and month: senior doctors in a deployment of six months or more at the end of the month, by sending institution.';
COMMENT ON FUNCTION medalliance.count_alliances(jsonb, date, date) IS
    '医联体数计数 Base counts of formula alliance_count per region and month: alliances of the kinds in existence at the end of the month whose region is that region (0 for a region with none).';
COMMENT ON FUNCTION medalliance.count_membership_share(jsonb, date, date) IS
    '参与医联体计数 Base counts of formula membership_share per unit and month: institutions of the levels open in the month that are members of an alliance on its last day, among those open.';
COMMENT ON FUNCTION medalliance.count_shared_centre_kinds(jsonb, date, date) IS
    '共享中心种类计数 Base counts of formula shared_centre_kinds per county and month: kinds of shared centre at institutions of the county that read at least one service from January to the month.';
COMMENT ON FUNCTION medalliance.count_remote_diagnosis_count(jsonb, date, date) IS
    '远程诊断计数 Base counts of formula remote_diagnosis_count per unit and month: shared-centre services of the kinds ordered, by ordering institution.';

-- The lookup ------------------------------------------------------------------

CREATE TABLE medalliance.indicator_formula (
    formula        text
        CONSTRAINT indicator_formula_pkey PRIMARY KEY,
    counted_by     regprocedure NOT NULL
        CONSTRAINT indicator_formula_counted_by_key UNIQUE,
    parameter_keys text[] NOT NULL DEFAULT '{}',
    description    text NOT NULL,
    reads_fact_summary boolean NOT NULL DEFAULT false
);
COMMENT ON TABLE medalliance.indicator_formula IS
    '指标算法 the closed set of built-in computations an indicator can use: the function that counts it and the parameters it reads. Each needs code, so the list is the extension''s own.';
COMMENT ON COLUMN medalliance.indicator_formula.formula IS '算法 formula code, as medalliance.indicator.formula names it.';
COMMENT ON COLUMN medalliance.indicator_formula.counted_by IS
    '计数函数 the function (parameters jsonb, month_from date, month_to date) giving the base counts per unit and month.';
COMMENT ON COLUMN medalliance.indicator_formula.parameter_keys IS '参数 the keys of medalliance.indicator.parameters the formula reads.';
COMMENT ON COLUMN medalliance.indicator_formula.description IS '说明 what the formula counts, in words.';
COMMENT ON COLUMN medalliance.indicator_formula.reads_fact_summary IS
    '读事实月汇总 true when the formula counts from the monthly fact summaries (encounter_month, referral_month), which the refresh rebuilds for its months before counting.';

INSERT INTO medalliance.indicator_formula (formula, counted_by, parameter_keys, description, reads_fact_summary) VALUES
('residence_in_county', 'medalliance.count_residence_in_county(jsonb, date, date)', '{encounter_kinds,region_basis}',
 'encounters of a county''s residents (region_basis residence: 常住地) or insured (region_basis insured: 参保地) at institutions in that county, by that county and by the catchment of residence', true),
('primary_share', 'medalliance.count_primary_share(jsonb, date, date)', '{encounter_kinds}',
 'encounters at primary institutions among all encounters, by institution', true),
('out_of_region_referral', 'medalliance.count_out_of_region_referral(jsonb, date, date)', '{scope}',
 'referrals sent out of the county or the city-level unit (scope; a county directly under the province is its own city-level unit) among all referrals sent, by sending institution', true),
('downward_referral_share', 'medalliance.count_downward_referral_share(jsonb, date, date)', '{}',
 'referrals from public hospitals to a lower tier of care among all they sent (every open public hospital has a row: 0/0 when it sent none)', true),
('downward_referral_count', 'medalliance.count_downward_referral_count(jsonb, date, date)', '{}',
 'referrals from public hospitals to a lower tier of care (0 for an open public hospital that sent none)', true),
('booked_referral_share', 'medalliance.count_booked_referral_share(jsonb, date, date)', '{hospital_levels,visit_kinds}',
 'outpatient referrals booked by appointment at hospitals of the levels among their visits of the kinds', true),
('contract_rate', 'medalliance.count_contract_rate(jsonb, date, date)', '{contract_groups,population_group}',
 'residents with a family-doctor contract in force at the end of the month among the population group, by county and by catchment (against catchment_population)', false),
('chronic_standardised_primary', 'medalliance.count_chronic_standardised_primary(jsonb, date, date)', '{conditions}',
 'chronic-care patients managed to standard at primary institutions among all, by county of residence and by catchment', false),
('fund_in_county', 'medalliance.count_fund_in_county(jsonb, date, date)', '{}',
 'insurance-fund payments spent in the insured county among all its payments (cents)', false),
('fund_primary_share', 'medalliance.count_fund_primary_share(jsonb, date, date)', '{}',
 'insurance-fund payments at primary institutions among all (cents), by institution', false),
('capability_share', 'medalliance.count_capability_share(jsonb, date, date)', '{capability,levels}',
 'institutions of the levels with the capability among all those open in the month (达标率: an unreported one counts as not met), by institution', false),
('township_staff_coverage', 'medalliance.count_township_staff_coverage(jsonb, date, date)', '{coverage_window,deployment_kinds}',
 'township health centres hosting staff of the deployment kinds from a higher tier in the coverage window (month or year to date) among those open', false),
('shared_centre_use', 'medalliance.count_shared_centre_use(jsonb, date, date)', '{coverage_window,levels}',
 'institutions of the levels that ordered a shared-centre service in the coverage window (month or year to date) among those open', false),
('senior_secondment_count', 'medalliance.count_senior_secondment_count(jsonb, date, date)', '{}',
 'senior doctors in a deployment of six months or more at the end of the month, by sending institution', false),
('remote_diagnosis_count', 'medalliance.count_remote_diagnosis_count(jsonb, date, date)', '{centre_kinds}',
 'shared-centre services of the kinds ordered, by ordering institution', false),
('alliance_count', 'medalliance.count_alliances(jsonb, date, date)', '{alliance_kinds}',
 'alliances of the kinds in existence at the end of the month, by the region they serve', false),
('membership_share', 'medalliance.count_membership_share(jsonb, date, date)', '{levels}',
 'institutions of the levels open in the month that belong to an alliance at its end, among those open', false),
('shared_centre_kinds', 'medalliance.count_shared_centre_kinds(jsonb, date, date)', '{centre_kinds}',
 'kinds of shared centre of a county that read a service from January to the month, by county', false);

-- The formulas are the extension's own rows (each needs code): registered with
-- a filter that keeps none, so that the all-tables rule holds.
SELECT pg_catalog.pg_extension_config_dump('medalliance.indicator_formula', 'WHERE false');
GRANT SELECT ON medalliance.indicator_formula TO medalliance_reader;
