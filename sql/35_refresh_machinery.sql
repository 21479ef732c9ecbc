-- The shared refresh machinery (刷新机制): the layers that store results, the
-- refresh log every layer writes, the checks of a refresh period, and the
-- begin/finish helpers that every layer's refresh calls, so that each layer
-- only says what it computes.  It comes after the warehouse, which it locks,
-- and before the layers, which use it.
--
-- What refresh_begin() guarantees every layer:
--   * One refresh at a time.  Every refresh, of any layer, first takes one
--     transaction-level advisory lock, always the same one: refreshes run one
--     after the other, and two of them can neither write the same month at
--     once nor deadlock each other.
--   * One snapshot of the facts.  It then locks the warehouse tables in SHARE
--     mode until the refresh commits: loads in progress finish first, new
--     loads wait, readers are not held up.  Every statement of the refresh
--     (each in its own READ COMMITTED snapshot) therefore sees the same facts,
--     and the figures of one refresh agree with each other.
--   * No invented months.  Only the months within the data are computed
--     (months_with_data: from the first to the last month in which some fact
--     feed has a row); the others get nothing stored, and a period with no
--     such month is refused.
--
-- And every layer's refresh function runs with jit = off (its own SET
-- clause; a test checks each layer's).  The refresh statements join a few
-- hundred thousand rows at most but are planned with correlated subqueries
-- whose estimated cost passes jit_optimize_above_cost, so with the server's
-- default a single statement spent 4.7 s of a 13 s one-month six-unification
-- refresh compiling expressions it then ran in milliseconds.  (One statement
-- turns it on: the encounters' monthly summary of a range the planner
-- expects to hold 10 million encounters or more, fact_summary_refresh.)

-- Layers ---------------------------------------------------------------------

CREATE TABLE medalliance.refresh_layer (
    layer        text
        CONSTRAINT refresh_layer_pkey PRIMARY KEY,
    layer_no     smallint NOT NULL
        CONSTRAINT refresh_layer_no_key UNIQUE,
    name_zh      text NOT NULL,
    name_en      text NOT NULL,
    refreshed_by text NOT NULL,
    scheme_kind  text
);
COMMENT ON TABLE medalliance.refresh_layer IS
    '刷新层 the layers that store results, in the order refresh() runs them (a closed list: each needs code).';
COMMENT ON COLUMN medalliance.refresh_layer.layer IS '层 layer code, as refresh_log.layer and refresh() name it.';
COMMENT ON COLUMN medalliance.refresh_layer.layer_no IS '顺序 the order in which refresh() runs the layers.';
COMMENT ON COLUMN medalliance.refresh_layer.name_zh IS '层名称 the Chinese name.';
COMMENT ON COLUMN medalliance.refresh_layer.name_en IS '英文名称 the English name.';
COMMENT ON COLUMN medalliance.refresh_layer.refreshed_by IS '刷新函数 the function that refreshes the layer on its own: refreshed_by(period_from, period_to[, scheme_codes]).';
COMMENT ON COLUMN medalliance.refresh_layer.scheme_kind IS '方案类别 the kind of scheme the layer scores by (medalliance.scheme.scheme_kind), which refresh(..., scheme_codes) passes on; NULL when the layer takes no scheme.';

INSERT INTO medalliance.refresh_layer (layer, layer_no, name_zh, name_en, refreshed_by, scheme_kind) VALUES
    ('indicators', 1, '监测指标', 'monitoring indicators', 'refresh_indicators', NULL),
    ('unification', 2, '六统一合规', 'six-unifications compliance', 'refresh_unification', 'checklist'),
    ('qc', 3, '质量控制', 'quality control', 'refresh_qc', 'qc_rules'),
    ('satisfaction', 4, '满意度', 'satisfaction', 'refresh_satisfaction', 'survey'),
    ('assessment', 5, '综合考核', 'composite assessment', 'refresh_assessment_period', 'assessment');

-- Refresh log ----------------------------------------------------------------

CREATE TABLE medalliance.refresh_log (
    refresh_id   bigint GENERATED ALWAYS AS IDENTITY
        CONSTRAINT refresh_log_pkey PRIMARY KEY,
    layer        text NOT NULL
        CONSTRAINT refresh_log_layer_fkey REFERENCES medalliance.refresh_layer (layer),
    period_from  date NOT NULL,
    period_to    date NOT NULL,
    performed_by name NOT NULL DEFAULT current_user,
    started_at   timestamptz NOT NULL DEFAULT clock_timestamp(),
    finished_at  timestamptz,
    rows_written bigint,
    details      jsonb,
    CONSTRAINT refresh_log_period_check CHECK (period_from <= period_to)
);
COMMENT ON TABLE medalliance.refresh_log IS
    '刷新日志 refresh log: one row per refresh of a layer — who, when, which months, how long, what it wrote. The row is written in the refresh''s own transaction: a refresh that fails or is cancelled rolls it back with its results, so every row here is a refresh that committed.';
COMMENT ON COLUMN medalliance.refresh_log.refresh_id IS '刷新编号 refresh number.';
COMMENT ON COLUMN medalliance.refresh_log.layer IS '层 the layer refreshed (medalliance.refresh_layer): indicators, unification, qc, satisfaction, assessment.';
COMMENT ON COLUMN medalliance.refresh_log.period_from IS '起始月 first month refreshed.';
COMMENT ON COLUMN medalliance.refresh_log.period_to IS '终止月 last month refreshed (inclusive).';
COMMENT ON COLUMN medalliance.refresh_log.performed_by IS '执行人 the role that ran the refresh.';
COMMENT ON COLUMN medalliance.refresh_log.started_at IS '开始时间 when it started (after waiting for any refresh before it).';
COMMENT ON COLUMN medalliance.refresh_log.finished_at IS '结束时间 when it finished writing.';
COMMENT ON COLUMN medalliance.refresh_log.rows_written IS '写入行数 stored states written.';
COMMENT ON COLUMN medalliance.refresh_log.details IS '明细 per-item figures, e.g. rows per indicator.';

-- The layers are the extension's own rows (each needs code): registered with a
-- filter that keeps none, so a restore takes them from the install script.
SELECT pg_catalog.pg_extension_config_dump('medalliance.refresh_layer', 'WHERE false');
SELECT pg_catalog.pg_extension_config_dump('medalliance.refresh_log', '');
SELECT pg_catalog.pg_extension_config_dump(
    pg_catalog.pg_get_serial_sequence('medalliance.refresh_log', 'refresh_id'), '');

-- Period checks ---------------------------------------------------------------

-- check_refresh_period(refresh_name, period_from, period_to): the checks every
-- refresh makes of its period before it writes anything.
CREATE FUNCTION medalliance.check_refresh_period(refresh_name text, period_from date, period_to date)
RETURNS void
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, medalliance, pg_temp
AS $$
BEGIN
    IF period_from IS NULL OR period_to IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'null_value_not_allowed',
            MESSAGE = pg_catalog.format('%s needs both period_from and period_to', refresh_name);
    END IF;
    IF period_from > period_to THEN
        RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
            MESSAGE = pg_catalog.format('refresh period from %s to %s is empty', period_from, period_to),
            HINT = 'period_from must not be after period_to.';
    END IF;
    IF period_from = '-infinity' OR period_to = 'infinity' THEN
        RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
            MESSAGE = pg_catalog.format('refresh period from %s to %s is unbounded', period_from, period_to),
            HINT = 'Name the first and last months to refresh.';
    END IF;
    -- The months a warehouse can hold (add_month_partitions makes partitions
    -- for 1949–2199) and at most 50 years at once: a period beyond them is a
    -- typing error, and checking it month by month would cost minutes.
    IF period_from < date '1949-01-01' OR period_to > date '2199-12-31' THEN
        RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
            MESSAGE = pg_catalog.format('refresh period from %s to %s lies outside 1949-01 to 2199-12', period_from, period_to),
            HINT = 'Refresh the months of your data (medalliance.reporting_completeness shows them).';
    END IF;
    IF (pg_catalog.date_part('year', period_to) - pg_catalog.date_part('year', period_from)) * 12
       + pg_catalog.date_part('month', period_to) - pg_catalog.date_part('month', period_from) + 1 > 600 THEN
        RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
            MESSAGE = pg_catalog.format('refresh period from %s to %s spans more than 600 months', period_from, period_to),
            HINT = 'Refresh at most 50 years at once.';
    END IF;
END
$$;
COMMENT ON FUNCTION medalliance.check_refresh_period(text, date, date) IS
    '刷新期间检查 Raises 22004 for a missing bound and 22023 for an empty or unbounded refresh period, one outside 1949-01 to 2199-12 or one longer than 600 months; used by every refresh.';

-- Months with data -------------------------------------------------------------

-- facts_dated(from_date, to_date): whether any fact feed has a row dated in
-- [from_date, to_date) (encounters first: their monthly partitions answer
-- at once; chronic-care years count in December).
CREATE FUNCTION medalliance.facts_dated(from_date date, to_date date)
RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, medalliance, pg_temp
AS $$
    SELECT EXISTS (SELECT FROM medalliance.encounter x WHERE x.encounter_date >= from_date AND x.encounter_date < to_date)
        OR EXISTS (SELECT FROM medalliance.survey_response x WHERE x.responded_on >= from_date AND x.responded_on < to_date)
        OR EXISTS (SELECT FROM medalliance.referral x WHERE x.referral_date >= from_date AND x.referral_date < to_date)
        OR EXISTS (SELECT FROM medalliance.deployment x WHERE x.started_on >= from_date AND x.started_on < to_date)
        OR EXISTS (SELECT FROM medalliance.contract x WHERE x.signed_on >= from_date AND x.signed_on < to_date)
        OR EXISTS (SELECT FROM medalliance.chronic_care x
                   WHERE make_date(x.assessed_year, 12, 1) >= from_date AND make_date(x.assessed_year, 12, 1) < to_date)
        OR EXISTS (SELECT FROM medalliance.qc_inspection x WHERE x.inspected_on >= from_date AND x.inspected_on < to_date)
        OR EXISTS (SELECT FROM medalliance.quality_measure x WHERE x.period_start >= from_date AND x.period_start < to_date)
        OR EXISTS (SELECT FROM medalliance.unification_evidence x WHERE x.period_start >= from_date AND x.period_start < to_date)
        OR EXISTS (SELECT FROM medalliance.procurement x WHERE x.ordered_on >= from_date AND x.ordered_on < to_date)
        OR EXISTS (SELECT FROM medalliance.capability x WHERE x.period_start >= from_date AND x.period_start < to_date)
        OR EXISTS (SELECT FROM medalliance.shared_centre_service x WHERE x.ordered_on >= from_date AND x.ordered_on < to_date)
        OR EXISTS (SELECT FROM medalliance.fund_spending x WHERE x.period_start >= from_date AND x.period_start < to_date)
$$;
COMMENT ON FUNCTION medalliance.facts_dated(date, date) IS
    '有事实数据 Whether any fact feed (encounters, surveys, referrals, deployments, contracts, chronic care, QC, quality measures, evidence, procurement, capabilities, shared-centre services, fund spending) has a row dated from from_date (inclusive) to to_date (exclusive).';

-- months_with_data(month_from, month_to): the months of the range that lie
-- within the data: on or after the first month with a dated fact and on or
-- before the last one (the range reporting_completeness reports on).  A
-- quiet month inside it is assessed (contracts stay in force, capabilities
-- stand); a month before the first load or after the last is not.  Both
-- conditions are monotone in the month, so each is tested until it holds.
CREATE FUNCTION medalliance.months_with_data(month_from date, month_to date)
RETURNS date[]
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, medalliance, pg_temp
AS $$
DECLARE
    months date[] := ARRAY(SELECT g::date FROM generate_series(month_from, month_to, interval '1 month') g);
    n      integer := cardinality(months);
    first  integer := n + 1;    -- the first month with a fact on or before it
    last   integer := 0;        -- the last month with a fact on or after it
BEGIN
    FOR i IN REVERSE n .. 1 LOOP
        IF medalliance.facts_dated(months[i], 'infinity') THEN
            last := i;
            EXIT;
        END IF;
    END LOOP;
    FOR i IN 1 .. last LOOP
        IF medalliance.facts_dated('-infinity', (months[i] + interval '1 month')::date) THEN
            first := i;
            EXIT;
        END IF;
    END LOOP;
    RETURN coalesce(months[first:last], '{}');
END
$$;
COMMENT ON FUNCTION medalliance.months_with_data(date, date) IS
    '数据月份 The months from month_from to month_to that lie within the data — on or after the first month with a dated fact and on or before the last. Refreshes compute only these months; the others get nothing stored.';

-- Writing the log -----------------------------------------------------------------

-- Only these two functions write refresh_log: admins may read it but not
-- write it, so that its rows (who, when, what) cannot be forged or removed by
-- hand.  They are SECURITY DEFINER — they run as the extension's owner — for
-- that reason alone (README, "Roles and privileges"), do nothing else, and
-- check what they are given: the role named as performed_by must be one the
-- session may act as; a row is finished only once, in the transaction that
-- opened it; both take the one refresh lock, so no log row is written outside
-- it.
CREATE FUNCTION medalliance.refresh_log_open(layer text, period_from date, period_to date,
                                             details jsonb, performed_by name)
RETURNS bigint
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SECURITY DEFINER
SET search_path = pg_catalog, medalliance, pg_temp
AS $$
DECLARE
    new_id bigint;
BEGIN
    IF performed_by IS NULL OR NOT pg_catalog.pg_has_role(SESSION_USER, performed_by, 'MEMBER') THEN
        RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
            MESSAGE = pg_catalog.format('session role %I cannot log a refresh as %s', SESSION_USER,
                                        coalesce(pg_catalog.quote_ident(performed_by), 'NULL')),
            HINT = 'refresh_begin() names the role that runs the refresh.';
    END IF;
    PERFORM pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtext('medalliance.refresh'));
    INSERT INTO medalliance.refresh_log AS l (layer, period_from, period_to, performed_by, details)
    VALUES (refresh_log_open.layer, refresh_log_open.period_from, refresh_log_open.period_to,
            refresh_log_open.performed_by, refresh_log_open.details)
    RETURNING l.refresh_id INTO new_id;
    RETURN new_id;
END
$$;
COMMENT ON FUNCTION medalliance.refresh_log_open(text, date, date, jsonb, name) IS
    '写入刷新日志 Writes the refresh_log row of a refresh that starts (called by refresh_begin): SECURITY DEFINER so that admins need no write privilege on refresh_log; 42501 unless performed_by is a role the session user is a member of. Returns the refresh_id.';
REVOKE ALL ON FUNCTION medalliance.refresh_log_open(text, date, date, jsonb, name) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION medalliance.refresh_log_open(text, date, date, jsonb, name) TO medalliance_admin;

-- The refresh locks ---------------------------------------------------------------

-- refresh_lock(): the one refresh lock, then the warehouse tables in SHARE
-- mode, both until the transaction ends.  SECURITY DEFINER because
-- PostgreSQL 15 lets only a role with UPDATE, DELETE or TRUNCATE on a table
-- (or its owner) lock it in SHARE mode, and medalliance_refresher, which
-- refreshes, must not be able to change the facts.  It does nothing else
-- (but shorten the transaction's deadlock_timeout, below): a fixed list of
-- tables, a fixed mode, no argument, no dynamic SQL.
CREATE FUNCTION medalliance.refresh_lock()
RETURNS void
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SECURITY DEFINER
SET search_path = pg_catalog, medalliance, pg_temp
AS $$
BEGIN
    -- the one refresh lock: held until the transaction ends
    PERFORM pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtext('medalliance.refresh'));
    -- Past this point a refresh waits for a lock only behind autovacuum: the
    -- facts are locked below, and the stored tables are written by refreshes
    -- alone, which run one at a time.  After a monthly load autovacuum works
    -- through the new facts for minutes, and after every refresh through the
    -- stored rows it rewrote; PostgreSQL cancels it for a waiting refresh (the
    -- LOCK below, each ANALYZE of a stored table), but only once
    -- deadlock_timeout has passed: 1 s by default, a tenth of a month's
    -- refresh at scale 1, seen in the server log as "canceling autovacuum
    -- task".  So the refresh's transaction waits 10 ms instead (SET LOCAL:
    -- the caller's value comes back when it ends).  Setting it needs the
    -- owner's privilege (a superuser's, who created the extension); without
    -- it, the waits are as before.
    BEGIN
        PERFORM pg_catalog.set_config('deadlock_timeout', '10ms', true);
    EXCEPTION WHEN insufficient_privilege THEN
        NULL;
    END;
    -- one snapshot of the facts: loads wait until the refresh commits
    LOCK TABLE medalliance.region, medalliance.population, medalliance.institution, medalliance.alliance,
               medalliance.membership, medalliance.encounter, medalliance.referral, medalliance.deployment,
               medalliance.contract, medalliance.chronic_care, medalliance.qc_inspection,
               medalliance.quality_measure, medalliance.survey_response, medalliance.unification_evidence,
               medalliance.procurement, medalliance.capability, medalliance.shared_centre_service,
               medalliance.fund_spending
        IN SHARE MODE;
END
$$;
COMMENT ON FUNCTION medalliance.refresh_lock() IS
    '刷新锁 Takes the one refresh lock (a transaction-level advisory lock) and locks the warehouse tables in SHARE mode until the transaction ends (called by refresh_begin); sets deadlock_timeout to 10 ms until then, so that an autovacuum in a refresh''s way is cancelled at once. SECURITY DEFINER so that a refreshing role needs no write privilege on the facts to lock them.';
REVOKE ALL ON FUNCTION medalliance.refresh_lock() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION medalliance.refresh_lock() TO medalliance_admin;

-- Begin and finish -------------------------------------------------------------

-- refresh_begin(layer, period_from, period_to): what every refresh does first.
-- Checks the period, waits for any other refresh to end (the one refresh
-- lock), truncates both ends to the first of their month and writes the
-- refresh_log row.  The caller deletes and rewrites the months
-- month_from..month_to and ends with refresh_finish().
CREATE FUNCTION medalliance.refresh_begin(layer text, period_from date, period_to date,
                                          OUT refresh_id bigint, OUT month_from date, OUT month_to date,
                                          OUT months_with_data date[])
RETURNS record
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SECURITY INVOKER
SET search_path = pg_catalog, medalliance, pg_temp
AS $$
DECLARE
    refreshed_by text;
BEGIN
    SELECT l.refreshed_by INTO refreshed_by FROM medalliance.refresh_layer l WHERE l.layer = refresh_begin.layer;
    IF NOT FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
            MESSAGE = pg_catalog.format('unknown refresh layer "%s"', layer),
            HINT = 'The layers are listed in medalliance.refresh_layer.';
    END IF;
    PERFORM medalliance.check_refresh_period(refreshed_by, period_from, period_to);
    -- the one refresh lock, then one snapshot of the facts (refresh_lock)
    PERFORM medalliance.refresh_lock();
    month_from := pg_catalog.date_trunc('month', period_from)::date;
    month_to := pg_catalog.date_trunc('month', period_to)::date;
    months_with_data := medalliance.months_with_data(month_from, month_to);
    IF pg_catalog.cardinality(months_with_data) = 0 THEN
        RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
            MESSAGE = pg_catalog.format('no facts are loaded for %s to %s',
                                        pg_catalog.to_char(month_from, 'YYYY-MM'), pg_catalog.to_char(month_to, 'YYYY-MM')),
            DETAIL = 'A month is refreshed only when it lies within the data (from the first to the last month with a fact); without facts there is nothing to judge.',
            HINT = 'Load the months first, or refresh months that have facts (medalliance.reporting_completeness shows them).';
    END IF;
    refresh_id := medalliance.refresh_log_open(layer, month_from, month_to,
            pg_catalog.jsonb_build_object('months_without_data', pg_catalog.to_jsonb(ARRAY(
                SELECT pg_catalog.to_char(g, 'YYYY-MM')
                FROM pg_catalog.generate_series(month_from, month_to, interval '1 month') g
                WHERE g::date <> ALL (months_with_data) ORDER BY g))),
            CURRENT_USER);
END
$$;
COMMENT ON FUNCTION medalliance.refresh_begin(text, date, date) IS
    '刷新开始 Starts a refresh of one layer: checks the period (22004, 22023), waits for the one refresh lock (a transaction-level advisory lock, so refreshes run one at a time), locks the warehouse tables in SHARE mode (one snapshot of the facts), truncates the period to whole months, finds the months within the data (22023 when there is none) and writes the refresh_log row. Returns the refresh_id, the first and last months, and the months with facts: the only ones a layer computes.';

-- refresh_finish(refresh_id, rows_written, details): what every refresh does last.
CREATE FUNCTION medalliance.refresh_finish(refresh_id bigint, rows_written bigint, details jsonb DEFAULT NULL)
RETURNS bigint
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SECURITY DEFINER
SET search_path = pg_catalog, medalliance, pg_temp
AS $$
DECLARE
    finished bigint;
BEGIN
    PERFORM pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtext('medalliance.refresh'));
    UPDATE medalliance.refresh_log l
    SET finished_at = pg_catalog.clock_timestamp(), rows_written = refresh_finish.rows_written,
        details = coalesce(l.details, '{}'::jsonb) OPERATOR(pg_catalog.||) coalesce(refresh_finish.details, '{}'::jsonb)
    WHERE l.refresh_id OPERATOR(pg_catalog.=) refresh_finish.refresh_id
      AND l.finished_at IS NULL
      AND l.started_at OPERATOR(pg_catalog.>=) pg_catalog.transaction_timestamp()
    RETURNING l.refresh_id INTO finished;
    IF finished IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'object_not_in_prerequisite_state',
            MESSAGE = pg_catalog.format('refresh %s is not open in this transaction', refresh_finish.refresh_id),
            HINT = 'refresh_finish() ends the refresh that refresh_begin() started in the same transaction, once.';
    END IF;
    RETURN finished;
END
$$;
COMMENT ON FUNCTION medalliance.refresh_finish(bigint, bigint, jsonb) IS
    '刷新结束 Ends a refresh begun by refresh_begin() in the same transaction: stamps finished_at, the rows written and the details on its refresh_log row (55000 for a row finished already or opened by another transaction); returns the refresh_id. SECURITY DEFINER so that admins need no write privilege on refresh_log.';
REVOKE ALL ON FUNCTION medalliance.refresh_finish(bigint, bigint, jsonb) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION medalliance.refresh_finish(bigint, bigint, jsonb) TO medalliance_admin;

GRANT SELECT ON medalliance.refresh_layer, medalliance.refresh_log TO medalliance_reader;
-- refresh_log is written only by refresh_log_open() and refresh_finish().

-- refresh_periods(month_from, month_to): the periods a refresh of those months
-- rewrites in its stored roll-ups: every month, quarter and year containing
-- one of them, with its first day and the first day after it.  ROWS 3: a
-- month's refresh (a month, its quarter and its year), the one a commission
-- runs after each load; at the default of 1000 rows the planner sorted the
-- stored states of those periods to group them (scale 1, December's
-- indicator periods: 0.29 s sorted, 0.09 s hashed).
CREATE FUNCTION medalliance.refresh_periods(month_from date, month_to date)
RETURNS TABLE (grain text, period_start date, period_end date)
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE ROWS 3
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT DISTINCT g.grain, date_trunc(g.grain, m)::date, (date_trunc(g.grain, m) + g.length)::date
    FROM generate_series(month_from::timestamp, month_to::timestamp, interval '1 month') AS m
    CROSS JOIN (VALUES ('month', interval '1 month'), ('quarter', interval '3 months'),
                       ('year', interval '1 year')) AS g(grain, length)
$$;
COMMENT ON FUNCTION medalliance.refresh_periods(date, date) IS
    '刷新期间 The months, quarters and years containing a month from month_from to month_to: (grain, period_start, period_end exclusive), the stored roll-ups a refresh of those months rewrites.';
GRANT EXECUTE ON FUNCTION medalliance.refresh_periods(date, date) TO medalliance_analyst;

-- analyze_stored(rel): refresh the planner's statistics of a stored table the
-- refresh has just rewritten, when the role running the refresh may (only a
-- table's owner may ANALYZE it); otherwise leave it to autovacuum, quietly.
CREATE FUNCTION medalliance.analyze_stored(rel regclass)
RETURNS void
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SECURITY INVOKER
SET search_path = pg_catalog, medalliance, pg_temp
AS $$
BEGIN
    IF pg_catalog.pg_has_role((SELECT c.relowner FROM pg_catalog.pg_class c WHERE c.oid = rel), 'USAGE') THEN
        EXECUTE pg_catalog.format('ANALYZE %s', rel);
    END IF;
END
$$;
COMMENT ON FUNCTION medalliance.analyze_stored(regclass) IS
    '更新统计 ANALYZEs a stored table a refresh has rewritten when the refreshing role owns it (an admin who does not leaves it to autovacuum, without the warning ANALYZE would print).';

-- analyze_work_table(rel): statistics for one of a refresh's temporary work
-- tables, which the refresh's next statements join: what they need is the
-- table's size and its keys' rough spread, so ANALYZE samples 3,000 rows
-- (default_statistics_target 10), not 30,000.  The 18 work tables of a
-- month's refresh so cost about a third as much (scale 1, December: the
-- refresh of every layer 0.35 s faster).  Only a temporary table: a stored
-- table keeps the server's statistics target (analyze_stored).
CREATE FUNCTION medalliance.analyze_work_table(rel regclass)
RETURNS void
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SECURITY INVOKER
SET search_path = pg_catalog, pg_temp
SET default_statistics_target = 10
AS $$
BEGIN
    IF rel IS NULL OR NOT EXISTS (SELECT FROM pg_catalog.pg_class c WHERE c.oid = rel AND c.relpersistence = 't') THEN
        RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
            MESSAGE = format('analyze_work_table takes a temporary table, not %s', coalesce(rel::text, 'NULL')),
            HINT = 'Stored tables are analyzed by analyze_stored().';
    END IF;
    EXECUTE pg_catalog.format('ANALYZE %s', rel);
END
$$;
COMMENT ON FUNCTION medalliance.analyze_work_table(regclass) IS
    '更新临时表统计 ANALYZEs a temporary work table of a refresh from a small sample (statistics target 10): its size and the spread of its keys for the refresh''s next joins (22023 for a table that is not temporary).';

-- drop_work_tables(names): drop the named temporary work tables of a refresh
-- that exist in this session (an earlier call in the same transaction leaves
-- them until commit), quietly: DROP TABLE IF EXISTS would print a notice per
-- table that is not there.
CREATE FUNCTION medalliance.drop_work_tables(names text[])
RETURNS void
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SECURITY INVOKER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    work_table text;
BEGIN
    FOREACH work_table IN ARRAY names LOOP
        IF pg_catalog.to_regclass(pg_catalog.format('pg_temp.%I', work_table)) IS NOT NULL THEN
            EXECUTE pg_catalog.format('DROP TABLE pg_temp.%I', work_table);
        END IF;
    END LOOP;
END
$$;
COMMENT ON FUNCTION medalliance.drop_work_tables(text[]) IS
    '删除临时表 Drops those of the named temporary tables (schema pg_temp) that exist, without a notice for the others: the work tables a refresh makes again.';
