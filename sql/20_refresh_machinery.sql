-- The shared refresh machinery (刷新机制): the layers that store results, the
-- refresh log every layer writes, the checks of a refresh period, and the
-- begin/finish helpers that every layer's refresh calls, so that each layer
-- only says what it computes.
--
-- Every refresh, of any layer, takes one transaction-level advisory lock at
-- its start (refresh_begin), always the same one: refreshes of any layers
-- therefore run one after the other, in the order they asked, and two of
-- them can neither write the same month at once nor deadlock each other.

-- Layers ---------------------------------------------------------------------

CREATE TABLE medalliance.refresh_layer (
    layer        text
        CONSTRAINT refresh_layer_pkey PRIMARY KEY,
    layer_no     smallint NOT NULL
        CONSTRAINT refresh_layer_no_key UNIQUE,
    name_zh      text NOT NULL,
    name_en      text NOT NULL,
    refreshed_by text NOT NULL
);
COMMENT ON TABLE medalliance.refresh_layer IS
    '刷新层 the layers that store results, in the order refresh() runs them (a closed list: each needs code).';
COMMENT ON COLUMN medalliance.refresh_layer.layer IS '层 layer code, as refresh_log.layer and refresh() name it.';
COMMENT ON COLUMN medalliance.refresh_layer.layer_no IS '顺序 the order in which refresh() runs the layers.';
COMMENT ON COLUMN medalliance.refresh_layer.name_zh IS '层名称 the Chinese name.';
COMMENT ON COLUMN medalliance.refresh_layer.name_en IS '英文名称 the English name.';
COMMENT ON COLUMN medalliance.refresh_layer.refreshed_by IS '刷新函数 the function that refreshes the layer on its own.';

INSERT INTO medalliance.refresh_layer (layer, layer_no, name_zh, name_en, refreshed_by) VALUES
    ('indicators', 1, '监测指标', 'monitoring indicators', 'refresh_indicators'),
    ('unification', 2, '六统一合规', 'six-unifications compliance', 'refresh_unification'),
    ('qc', 3, '质量控制', 'quality control', 'refresh_qc'),
    ('satisfaction', 4, '满意度', 'satisfaction', 'refresh_satisfaction'),
    ('assessment', 5, '综合考核', 'composite assessment', 'refresh_assessment');

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
END
$$;
COMMENT ON FUNCTION medalliance.check_refresh_period(text, date, date) IS
    '刷新期间检查 Raises 22004 for a missing bound and 22023 for an empty or unbounded refresh period; used by every refresh.';

-- Begin and finish -------------------------------------------------------------

-- refresh_begin(layer, period_from, period_to): what every refresh does first.
-- Checks the period, waits for any other refresh to end (the one refresh
-- lock), truncates both ends to the first of their month and writes the
-- refresh_log row.  The caller deletes and rewrites the months
-- month_from..month_to and ends with refresh_finish().
CREATE FUNCTION medalliance.refresh_begin(layer text, period_from date, period_to date,
                                          OUT refresh_id bigint, OUT month_from date, OUT month_to date)
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
    -- the one refresh lock: held until the transaction ends
    PERFORM pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtext('medalliance.refresh'));
    month_from := pg_catalog.date_trunc('month', period_from)::date;
    month_to := pg_catalog.date_trunc('month', period_to)::date;
    INSERT INTO medalliance.refresh_log (layer, period_from, period_to)
    VALUES (refresh_begin.layer, month_from, month_to)
    RETURNING refresh_log.refresh_id INTO refresh_begin.refresh_id;
END
$$;
COMMENT ON FUNCTION medalliance.refresh_begin(text, date, date) IS
    '刷新开始 Starts a refresh of one layer: checks the period (22004, 22023), waits for the one refresh lock (a transaction-level advisory lock, so refreshes run one at a time), truncates the period to whole months and writes the refresh_log row. Returns the refresh_id and the first and last months.';

-- refresh_finish(refresh_id, rows_written, details): what every refresh does last.
CREATE FUNCTION medalliance.refresh_finish(refresh_id bigint, rows_written bigint, details jsonb DEFAULT NULL)
RETURNS bigint
LANGUAGE sql VOLATILE PARALLEL UNSAFE SECURITY INVOKER
SET search_path = pg_catalog, medalliance, pg_temp
AS $$
    UPDATE medalliance.refresh_log l
    SET finished_at = pg_catalog.clock_timestamp(), rows_written = $2, details = $3
    WHERE l.refresh_id OPERATOR(pg_catalog.=) $1
    RETURNING l.refresh_id;
$$;
COMMENT ON FUNCTION medalliance.refresh_finish(bigint, bigint, jsonb) IS
    '刷新结束 Ends a refresh begun by refresh_begin(): stamps finished_at, the rows written and the details on its refresh_log row; returns the refresh_id.';

GRANT SELECT ON medalliance.refresh_layer, medalliance.refresh_log TO medalliance_reader;
GRANT INSERT, UPDATE, DELETE ON medalliance.refresh_log TO medalliance_admin;
GRANT USAGE ON SEQUENCE medalliance.refresh_log_refresh_id_seq TO medalliance_admin;
