-- Driven by bench/scale.sh (psql variable scale).  Prints one table:
-- figure, value, unit, target (the targets of issue 11 are for scale 1).
\set ON_ERROR_STOP on
-- layers: a comma-separated list to refresh only some layers (default: all).
\if :{?layers}
\else
\set layers ''
\endif
SET search_path = medalliance, medalliance_demo, public;
CREATE TEMP TABLE bench_figure (n serial, figure text, value numeric, unit text, target text);
CREATE FUNCTION pg_temp.clock() RETURNS float8 LANGUAGE sql VOLATILE AS
    $$SELECT extract(epoch FROM clock_timestamp())::float8$$;
-- Server-side execution time of a query, in ms (EXPLAIN ANALYZE, rows not sent).
CREATE FUNCTION pg_temp.exec_ms(q text) RETURNS numeric LANGUAGE plpgsql AS $$
DECLARE l text; ms numeric;
BEGIN
    FOR l IN EXECUTE 'EXPLAIN (ANALYZE, TIMING OFF, SUMMARY ON) ' || q LOOP
        IF l LIKE 'Execution Time:%' THEN ms := substring(l FROM '([0-9.]+) ms')::numeric; END IF;
    END LOOP;
    RETURN round(ms, 1);
END $$;

\echo '== generate_demo_province(' :scale ', 1)'
SELECT pg_temp.clock() AS t0 \gset
SELECT count(*) AS tables FROM generate_demo_province(:scale, 1) \gset
SELECT pg_temp.clock() AS t1 \gset
INSERT INTO bench_figure (figure, value, unit, target)
VALUES ('generate_demo_province', round((:t1 - :t0)::numeric, 1), 's', '≤ 300 s at scale 1'),
       ('encounters generated', (SELECT count(*) FROM encounter), 'rows', '≈ 120 M at scale 1 (two years)');
VACUUM ANALYZE;
CHECKPOINT;

-- Refresh: refresh() over every layer (or those named), a full year then one
-- month, as a commission runs it; each layer's time is its refresh_log row's.
\echo '== refresh, 2024 then December 2024'
CREATE TEMP TABLE bench_span (span text, period_from date, period_to date, started float8, ended float8,
                              first_log bigint, last_log bigint);
INSERT INTO bench_span (span, period_from, period_to) VALUES ('year 2024', '2024-01-01', '2024-12-31'),
                                                            ('month 2024-12', '2024-12-01', '2024-12-31');
SELECT format($q$UPDATE bench_span SET started = pg_temp.clock(), first_log = (SELECT coalesce(max(refresh_id), 0) + 1 FROM refresh_log) WHERE span = %1$L;
SELECT count(*) FROM refresh(%2$L, %3$L, layers => nullif(string_to_array(%4$L, ','), '{}'));
UPDATE bench_span SET ended = pg_temp.clock(), last_log = (SELECT max(refresh_id) FROM refresh_log) WHERE span = %1$L$q$,
              span, period_from, period_to, :'layers')
FROM bench_span ORDER BY period_to - period_from DESC \gexec
INSERT INTO bench_figure (figure, value, unit, target)
SELECT format('refresh %s, %s', l.layer, s.span), round(extract(epoch FROM l.finished_at - l.started_at)::numeric, 2), 's', NULL
FROM bench_span s JOIN refresh_log l ON l.refresh_id BETWEEN s.first_log AND s.last_log
ORDER BY s.period_to - s.period_from DESC, l.refresh_id;
INSERT INTO bench_figure (figure, value, unit, target)
SELECT format('refresh() of all layers, %s', s.span), round((s.ended - s.started)::numeric, 2), 's',
       CASE WHEN s.span LIKE 'year%' THEN '≤ 90 s at scale 1' ELSE '≤ 10 s at scale 1' END
FROM bench_span s ORDER BY s.period_to - s.period_from DESC;
-- within the indicator layer: the fact summaries, the contract counts and the ten slowest indicators
INSERT INTO bench_figure (figure, value, unit, target)
SELECT format('  indicators, %s: %s', s.span, x.what), x.ms, 'ms', NULL
FROM bench_span s
JOIN refresh_log l ON l.refresh_id BETWEEN s.first_log AND s.last_log AND l.layer = 'indicators'
CROSS JOIN LATERAL (
    SELECT 'fact summaries' AS what, (l.details ->> 'fact_summary_ms')::numeric AS ms, 0 AS k
    UNION ALL
    SELECT 'persons under contract, every set', (l.details ->> 'contract_count_ms')::numeric, 0
    UNION ALL
    (SELECT e.key, e.value::numeric, 1 FROM jsonb_each_text(l.details -> 'ms_per_indicator') e
     ORDER BY e.value::numeric DESC LIMIT 10)) x
ORDER BY s.period_to - s.period_from DESC, x.k, x.ms DESC;
-- the figures so far (the view phase can be long at scale 1)
SELECT figure, value, unit, target FROM bench_figure ORDER BY n;
VACUUM ANALYZE;

-- Views: warm server-side time of the whole view and of one alliance (or unit) and year.
\echo '== views'
SELECT set_config('bench.one_alliance', min(alliance_id)::text, false) IS NOT NULL AS ok
FROM alliance WHERE alliance_kind = 'county_medical_community' \gset
-- The BI schema's views are what dashboards read (the targets are theirs);
-- the views of schema medalliance are timed too, without a target: some are
-- the loading desk's views over item-level facts (reporting_completeness,
-- referral_detail), not for dashboards.
CREATE TEMP TABLE bench_view AS
SELECT n.nspname AS schema_name, c.relname AS view_name,
       EXISTS (SELECT FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'alliance_id') AS by_alliance,
       EXISTS (SELECT FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'unit_id') AS by_unit,
       EXISTS (SELECT FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'period_start') AS by_period
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE ((n.nspname = 'medalliance' AND has_table_privilege('medalliance_analyst', c.oid, 'SELECT'))
       OR (n.nspname = 'medalliance_bi' AND has_table_privilege('medalliance_reader', c.oid, 'SELECT')))
  AND c.relkind = 'v';
-- One statement per view, so that a view of schema medalliance over
-- item-level facts, which may take minutes at scale 1, is cut by
-- statement_timeout (120 s for its two runs; its value is then NULL).
CREATE FUNCTION pg_temp.time_view(schema_name text, view_name text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE v record; q text; ms numeric;
BEGIN
    SELECT * INTO v FROM bench_view b WHERE b.schema_name = time_view.schema_name AND b.view_name = time_view.view_name;
    q := format('SELECT * FROM %I.%I', v.schema_name, v.view_name);
    PERFORM pg_temp.exec_ms(q);
    ms := pg_temp.exec_ms(q);
    INSERT INTO bench_figure (figure, value, unit, target)
    VALUES (format('view %s.%s, SELECT *', v.schema_name, v.view_name), ms, 'ms',
            CASE WHEN v.schema_name = 'medalliance_bi' THEN '≤ 500 ms at scale 1' END);
    q := NULL;
    IF v.by_alliance THEN
        q := format('SELECT * FROM %I.%I WHERE alliance_id = %s', v.schema_name, v.view_name,
                    current_setting('bench.one_alliance'));
    ELSIF v.by_unit THEN
        q := format('SELECT * FROM %I.%I WHERE unit_level = %L AND unit_id = %s', v.schema_name, v.view_name,
                    'alliance', current_setting('bench.one_alliance'));
    END IF;
    IF q IS NOT NULL THEN
        IF v.by_period THEN
            q := q || format(' AND period_start >= %L AND period_start < %L', '2024-01-01', '2025-01-01');
        END IF;
        PERFORM pg_temp.exec_ms(q);
        ms := pg_temp.exec_ms(q);
        INSERT INTO bench_figure (figure, value, unit, target)
        VALUES (format('view %s.%s, one alliance and year', v.schema_name, v.view_name), ms, 'ms',
                CASE WHEN v.schema_name = 'medalliance_bi' THEN '≤ 50 ms at scale 1' END);
    END IF;
EXCEPTION WHEN query_canceled THEN
    INSERT INTO bench_figure (figure, value, unit, target)
    VALUES (format('view %s.%s', v.schema_name, v.view_name), NULL, 'ms (cut after 120 s)', NULL);
END $$;
SELECT format('SET statement_timeout = %L', CASE WHEN schema_name = 'medalliance' THEN '120s' ELSE '0' END),
       format('SELECT pg_temp.time_view(%L, %L)', schema_name, view_name)
FROM bench_view ORDER BY schema_name DESC, view_name \gexec
SET statement_timeout = 0;

-- Stored tables: those the refreshes write (a refresh_id column); bytes per
-- row, indexes and TOAST included.
\echo '== stored tables'
DO $$
DECLARE t record; n bigint;
BEGIN
    FOR t IN SELECT c.oid::regclass AS rel, c.relname FROM pg_class c JOIN pg_namespace ns ON ns.oid = c.relnamespace
             WHERE ns.nspname = 'medalliance' AND c.relkind = 'r'
               AND c.relname <> 'refresh_log'
               AND EXISTS (SELECT FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'refresh_id')
             ORDER BY c.relname LOOP
        EXECUTE format('SELECT count(*) FROM %s', t.rel) INTO n;
        INSERT INTO bench_figure (figure, value, unit, target)
        VALUES (format('table %s, rows', t.relname), n, 'rows', NULL),
               (format('table %s, total size', t.relname), round(pg_total_relation_size(t.rel) / 1048576.0, 1), 'MB', NULL),
               (format('table %s, bytes per row', t.relname),
                round(pg_total_relation_size(t.rel)::numeric / nullif(n, 0), 1), 'B', NULL);
    END LOOP;
END $$;
-- The six-unification audit trail per member-item-month.
DO $$
DECLARE n bigint; bytes bigint;
BEGIN
    IF to_regclass('medalliance.unification_item_trail') IS NOT NULL THEN
        EXECUTE 'SELECT sum(cardinality(item_keys)) FROM medalliance.unification_item_trail' INTO n;
        bytes := pg_total_relation_size('medalliance.unification_item_trail');
    ELSE
        EXECUTE 'SELECT count(*) FROM medalliance.unification_item_result' INTO n;
        bytes := pg_total_relation_size('medalliance.unification_item_result');
    END IF;
    INSERT INTO bench_figure (figure, value, unit, target)
    VALUES ('six-unification audit trail, bytes per member-item-month', round(bytes::numeric / nullif(n, 0), 1), 'B',
            '≥ 5× below one unification_item_result row per member-item-month (former design)');
END $$;
INSERT INTO bench_figure (figure, value, unit, target)
VALUES ('database size', round(pg_database_size(current_database()) / 1048576.0, 1), 'MB', NULL);

-- December refreshed twice more, after the sizes above (each refresh leaves
-- the month's old rows dead until a vacuum): one run varies by about a second
-- on a shared machine, so the median of the three runs is printed too.
\echo '== December 2024 twice more'
INSERT INTO bench_span (span, period_from, period_to) VALUES ('month 2024-12, again', '2024-12-01', '2024-12-31'),
                                                            ('month 2024-12, third', '2024-12-01', '2024-12-31');
SELECT format($q$UPDATE bench_span SET started = pg_temp.clock() WHERE span = %1$L;
SELECT count(*) FROM refresh(%2$L, %3$L, layers => nullif(string_to_array(%4$L, ','), '{}'));
UPDATE bench_span SET ended = pg_temp.clock() WHERE span = %1$L$q$,
              span, period_from, period_to, :'layers')
FROM bench_span WHERE started IS NULL ORDER BY span \gexec
INSERT INTO bench_figure (figure, value, unit, target)
SELECT format('refresh() of all layers, month 2024-12, runs 1-3: %s s',
              string_agg(round((s.ended - s.started)::numeric, 2)::text, ', ' ORDER BY s.span)),
       round(percentile_disc(0.5) WITHIN GROUP (ORDER BY s.ended - s.started)::numeric, 2), 's (median)',
       '≤ 10 s at scale 1'
FROM bench_span s WHERE s.span LIKE 'month%';

\echo '== figures (scale' :scale ')'
SELECT figure, value, unit, target FROM bench_figure ORDER BY n;
