-- Monthly fact summaries (事实月汇总): one pass over the encounters and one
-- over the referrals, grouped by everything a layer counts them by, kept by
-- the refresh and read by every layer that counts them.
--   encounter_month: encounters per month, institution, kind, region of
--     residence, insured region and catchment — read by the county visit
--     rates, the primary-care shares and the booked-referral share
--     (indicators) and by the member volumes of the six-unification and
--     quality-control layers;
--   referral_month: referrals per month, sending and receiving institution,
--     kind and booking — read by the out-of-region, downward and booked
--     referral indicators.
-- A month of a province's encounters (about 5 million rows at scale 1)
-- becomes the combinations of those keys that occur, and each count reads
-- them instead of scanning the month again: a refresh of every layer had
-- scanned the encounters ten times and the referrals six, it now scans
-- each once.
--
-- The refresh of a layer that reads them first rebuilds the months it
-- refreshes (fact_summary_refresh), under the refresh lock and from the
-- facts that lock holds still.  Within one call of refresh() the layers
-- after the first find those months built by the same call, and reuse them:
-- the facts cannot change between two layers of one call (refresh() runs
-- nothing else, and the warehouse stays locked until it commits).  A layer
-- refreshed on its own always rebuilds its months, so that a test, or a
-- loader, that changes facts and refreshes again in one transaction sees its
-- change.

CREATE TABLE medalliance.encounter_month (
    period_start             date NOT NULL
        CONSTRAINT encounter_month_period_check CHECK (extract(day FROM period_start) = 1),
    institution_id           integer NOT NULL,
    encounter_kind           text NOT NULL,
    residence_region_id      integer NOT NULL,
    insured_region_id        integer,
    catchment_institution_id integer,
    encounters               bigint NOT NULL
        CONSTRAINT encounter_month_encounters_check CHECK (encounters > 0),
    refresh_id               bigint NOT NULL
);
-- One index, by month: the rebuild deletes months and the layers read months.
-- No unique key over the six grouping columns and no foreign key to
-- refresh_log, unlike the other stored tables: the table is written by one
-- GROUP BY only, and at scale 0.04 a year's 424,000 rows took 8.7 s to
-- insert with both (a text column in a six-column key compared by collation
-- on every insert, and a foreign-key check per row) against 1.4 s without.
CREATE INDEX encounter_month_period_idx ON medalliance.encounter_month (period_start);
COMMENT ON TABLE medalliance.encounter_month IS
    '诊疗量月汇总 encounters per month, institution, kind, region of residence, insured region and catchment of residence: the one summary of the encounter facts that the layers count from (county visit rates, primary-care shares, booked-referral share, member volumes). Rebuilt for its months by every refresh of those layers (fact_summary_refresh), once per call of refresh(); the figures it gives are those of the last refresh.';
COMMENT ON COLUMN medalliance.encounter_month.period_start IS '月份 the month of encounter_date (first day).';
COMMENT ON COLUMN medalliance.encounter_month.institution_id IS '就诊机构 the institution where the encounters took place.';
COMMENT ON COLUMN medalliance.encounter_month.encounter_kind IS '就诊类型 outpatient, emergency or inpatient.';
COMMENT ON COLUMN medalliance.encounter_month.residence_region_id IS '常住地 the patients'' region of residence.';
COMMENT ON COLUMN medalliance.encounter_month.insured_region_id IS '参保地 the patients'' insured region (NULL: not recorded).';
COMMENT ON COLUMN medalliance.encounter_month.catchment_institution_id IS '服务范围 the institution in whose catchment the patients live (NULL: not recorded).';
COMMENT ON COLUMN medalliance.encounter_month.encounters IS '诊疗人次 encounters (count).';
COMMENT ON COLUMN medalliance.encounter_month.refresh_id IS '刷新编号 the refresh that wrote the row.';

-- Statistics from 3,000 sampled rows, not 30,000: the refreshes read the
-- summaries by month, and what their plans need is a month's size, which
-- the small sample gives as well (every refresh analyzes them again; scale 1:
-- 118 ms -> 16 ms for encounter_month, 53 -> 10 ms for referral_month).
ALTER TABLE medalliance.encounter_month
    ALTER COLUMN period_start SET STATISTICS 10, ALTER COLUMN institution_id SET STATISTICS 10,
    ALTER COLUMN encounter_kind SET STATISTICS 10, ALTER COLUMN residence_region_id SET STATISTICS 10,
    ALTER COLUMN insured_region_id SET STATISTICS 10, ALTER COLUMN catchment_institution_id SET STATISTICS 10,
    ALTER COLUMN encounters SET STATISTICS 10, ALTER COLUMN refresh_id SET STATISTICS 10;
SELECT pg_catalog.pg_extension_config_dump('medalliance.encounter_month', '');
GRANT SELECT ON medalliance.encounter_month TO medalliance_analyst;
GRANT INSERT, UPDATE, DELETE ON medalliance.encounter_month TO medalliance_admin;

CREATE TABLE medalliance.referral_month (
    period_start        date NOT NULL
        CONSTRAINT referral_month_period_check CHECK (extract(day FROM period_start) = 1),
    from_institution_id integer NOT NULL,
    to_institution_id   integer NOT NULL,
    referral_kind       text NOT NULL,
    by_appointment      boolean NOT NULL,
    referrals           bigint NOT NULL
        CONSTRAINT referral_month_referrals_check CHECK (referrals > 0),
    refresh_id          bigint NOT NULL
);
-- (one index, by month, for the reasons given for encounter_month)
CREATE INDEX referral_month_period_idx ON medalliance.referral_month (period_start);
COMMENT ON TABLE medalliance.referral_month IS
    '转诊月汇总 referrals per month, sending institution, receiving institution, kind and booking: the one summary of the referral facts that the referral indicators count from (out of county or city, downward, booked). Rebuilt with encounter_month by fact_summary_refresh; the figures it gives are those of the last refresh.';
COMMENT ON COLUMN medalliance.referral_month.period_start IS '月份 the month of referral_date (first day).';
COMMENT ON COLUMN medalliance.referral_month.from_institution_id IS '转出机构 the sending institution.';
COMMENT ON COLUMN medalliance.referral_month.to_institution_id IS '转入机构 the receiving institution.';
COMMENT ON COLUMN medalliance.referral_month.referral_kind IS '转诊类型 outpatient or inpatient.';
COMMENT ON COLUMN medalliance.referral_month.by_appointment IS '预约转诊 true for referrals booked by appointment.';
COMMENT ON COLUMN medalliance.referral_month.referrals IS '转诊人次 referrals (count).';
COMMENT ON COLUMN medalliance.referral_month.refresh_id IS '刷新编号 the refresh that wrote the row.';

-- (statistics from 3,000 sampled rows, as for encounter_month)
ALTER TABLE medalliance.referral_month
    ALTER COLUMN period_start SET STATISTICS 10, ALTER COLUMN from_institution_id SET STATISTICS 10,
    ALTER COLUMN to_institution_id SET STATISTICS 10, ALTER COLUMN referral_kind SET STATISTICS 10,
    ALTER COLUMN by_appointment SET STATISTICS 10, ALTER COLUMN referrals SET STATISTICS 10,
    ALTER COLUMN refresh_id SET STATISTICS 10;
SELECT pg_catalog.pg_extension_config_dump('medalliance.referral_month', '');
GRANT SELECT ON medalliance.referral_month TO medalliance_analyst;
GRANT INSERT, UPDATE, DELETE ON medalliance.referral_month TO medalliance_admin;

-- fact_summary_refresh(month_from, month_to, refresh_id): rebuild the months
-- month_from..month_to (first days) of encounter_month and referral_month
-- from the facts, the rows stamped with the caller's refresh_id; returns the
-- rows written, or 0 when the same call of refresh() has built these months
-- already.  Takes the refresh lock itself (a layer's refresh holds it
-- already: taking it again costs nothing).  Each summary is counted into a
-- temporary table first: CREATE TABLE AS may use parallel workers, INSERT
-- ... SELECT may not (a year of encounters at scale 0.04: 1.7 s counted in
-- parallel, then 1.4 s to insert, against 6.7 s for INSERT ... SELECT).
-- The count is one query of one GROUP BY per month, joined by UNION ALL:
-- the month is then a constant, not a date_trunc() per fact row, each hash
-- table holds one month's groups, and Parallel Append hands whole months to
-- the workers, with no partial aggregates to merge (encounter is partitioned
-- by month: each branch reads one partition; a year at scale 0.1:
-- 2.5 s against 4.0 s for one GROUP BY over the year, in parallel both).
-- A single month is one branch: with the default parallel_tuple_cost (0.1)
-- the planner counted it in one process, expecting the partial counts of
-- three processes to cost more to gather than they save; they do not (scale
-- 1, December's 5.3 million encounters into 108,000 groups: 1.8 s in one
-- process, 1.2 s in three).
CREATE FUNCTION medalliance.fact_summary_refresh(month_from date, month_to date, refresh_id bigint)
RETURNS bigint
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SECURITY INVOKER
SET search_path = pg_catalog, medalliance, pg_temp
SET jit = off
SET parallel_tuple_cost = 0.05
AS $$
DECLARE
    refresh_call text := coalesce(current_setting('medalliance.refresh_call', true), '');
    built_here   text := format('%s %s %s', refresh_call, month_from, month_to);
    n_encounter  bigint;
    n_referral   bigint;
    plan         json;
BEGIN
    IF month_from IS NULL OR month_to IS NULL OR refresh_id IS NULL
       OR month_from <> date_trunc('month', month_from) OR month_to <> date_trunc('month', month_to) THEN
        RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
            MESSAGE = format('fact_summary_refresh needs two first days of a month and a refresh_id, not %s, %s, %s',
                             coalesce(month_from::text, 'NULL'), coalesce(month_to::text, 'NULL'),
                             coalesce(refresh_id::text, 'NULL')),
            HINT = 'A layer''s refresh calls it with the months and the refresh_id of refresh_begin().';
    END IF;
    IF refresh_call <> '' AND coalesce(current_setting('medalliance.fact_summary_built', true), '') = built_here THEN
        RETURN 0;
    END IF;
    PERFORM medalliance.refresh_lock();
    PERFORM medalliance.drop_work_tables('{fact_summary_counted}');

    DELETE FROM medalliance.encounter_month x WHERE x.period_start BETWEEN month_from AND month_to;
    -- JIT for this one statement when the planner expects 10 million
    -- encounters or more in the range: compiling the tuple deforming and the
    -- grouping keys costs a fraction of a second per process and saves about
    -- 0.05 s per million rows (scale 1, 2024, 60 million: 12.5 s -> 9.3 s).
    -- The function's SET clause restores jit = off when it returns.
    EXECUTE format('EXPLAIN (FORMAT JSON) SELECT FROM medalliance.encounter e
                    WHERE e.encounter_date >= %L::date AND e.encounter_date < %L::date',
                   month_from, (month_to + interval '1 month')::date)
    INTO plan;
    IF (plan -> 0 -> 'Plan' ->> 'Plan Rows')::float8 >= 1e7 THEN
        PERFORM set_config('jit', 'on', true);
    END IF;
    EXECUTE 'CREATE TEMP TABLE fact_summary_counted ON COMMIT DROP AS '
        || (SELECT string_agg(format(
                $q$SELECT %1$L::date AS period_start, e.institution_id, e.encounter_kind, e.residence_region_id,
                          e.insured_region_id, e.catchment_institution_id, count(*) AS n
                   FROM medalliance.encounter e
                   WHERE e.encounter_date >= %1$L::date AND e.encounter_date < %2$L::date
                   GROUP BY 2, 3, 4, 5, 6$q$, m.month, m.month_end), ' UNION ALL ' ORDER BY m.month)
            FROM (SELECT g::date AS month, (g + interval '1 month')::date AS month_end
                  FROM generate_series(month_from, month_to, interval '1 month') g) m);
    INSERT INTO medalliance.encounter_month
        (period_start, institution_id, encounter_kind, residence_region_id, insured_region_id,
         catchment_institution_id, encounters, refresh_id)
    SELECT c.period_start, c.institution_id, c.encounter_kind, c.residence_region_id, c.insured_region_id,
           c.catchment_institution_id, c.n, fact_summary_refresh.refresh_id
    FROM pg_temp.fact_summary_counted c;
    GET DIAGNOSTICS n_encounter = ROW_COUNT;
    DROP TABLE pg_temp.fact_summary_counted;
    PERFORM set_config('jit', 'off', true);

    DELETE FROM medalliance.referral_month x WHERE x.period_start BETWEEN month_from AND month_to;
    -- Referrals the same way, one GROUP BY per month (referral is not
    -- partitioned: each branch reads its month through referral_date_idx, and
    -- Parallel Append hands the months to the workers).  One GROUP BY over the
    -- range, by date_trunc, was planned for millions of groups, so without
    -- workers: at scale 1, 2024 in 7.0 s against 3.6 s so.  A range of fewer
    -- than four months is cut into four spans of days or more (each month's
    -- halves or quarters), so that a single month too is counted by several
    -- processes; a month's spans are then added up (scale 1, December: 0.58 s
    -- in one process, 0.37 s in four spans).
    EXECUTE 'CREATE TEMP TABLE fact_summary_counted ON COMMIT DROP AS '
        || (SELECT string_agg(format(
                $q$SELECT %1$L::date AS period_start, x.from_institution_id, x.to_institution_id, x.referral_kind,
                          x.by_appointment, count(*) AS n
                   FROM medalliance.referral x
                   WHERE x.referral_date >= %2$L::date AND x.referral_date < %3$L::date
                   GROUP BY 2, 3, 4, 5$q$, m.month, m.span_start, m.span_end), ' UNION ALL ' ORDER BY m.span_start)
            FROM (SELECT g::date AS month,
                         (g + (interval '1 month' * k / parts))::date AS span_start,
                         (g + (interval '1 month' * (k + 1) / parts))::date AS span_end
                  FROM generate_series(month_from, month_to, interval '1 month') g
                  CROSS JOIN (SELECT greatest(1, 4 / ((extract(year FROM age(month_to, month_from)) * 12
                                                       + extract(month FROM age(month_to, month_from)))::integer + 1))
                                  AS parts) n
                  CROSS JOIN generate_series(0, n.parts - 1) k) m);
    INSERT INTO medalliance.referral_month
        (period_start, from_institution_id, to_institution_id, referral_kind, by_appointment, referrals, refresh_id)
    SELECT c.period_start, c.from_institution_id, c.to_institution_id, c.referral_kind, c.by_appointment, sum(c.n),
           fact_summary_refresh.refresh_id
    FROM pg_temp.fact_summary_counted c
    GROUP BY c.period_start, c.from_institution_id, c.to_institution_id, c.referral_kind, c.by_appointment;
    GET DIAGNOSTICS n_referral = ROW_COUNT;
    DROP TABLE pg_temp.fact_summary_counted;

    PERFORM medalliance.analyze_stored('medalliance.encounter_month');
    PERFORM medalliance.analyze_stored('medalliance.referral_month');
    IF refresh_call <> '' THEN
        PERFORM set_config('medalliance.fact_summary_built', built_here, true);
    END IF;
    RETURN n_encounter + n_referral;
END
$$;
COMMENT ON FUNCTION medalliance.fact_summary_refresh(date, date, bigint) IS
    '事实月汇总刷新 Rebuilds the months month_from..month_to (first days of months) of encounter_month and referral_month from the facts, stamped with refresh_id, under the refresh lock; returns the rows written, 0 when the same call of refresh() built these months already. Called by the refresh of every layer that counts encounters or referrals (22023 for a date that is not the first of a month or a NULL).';
