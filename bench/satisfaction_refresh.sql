-- The satisfaction layer at scale 0.1 (bench/run.sh satisfaction_refresh): the
-- refresh of a province-year and of one month, and the warm times of the
-- views read whole (what a dashboard's first load does) and filtered.
-- Targets: every whole-view SELECT <= 0.5 s.
SET search_path = medalliance, public;
\pset footer off
\echo 'generating the synthetic province at scale 0.1 ...'
SELECT sum(row_count) AS rows_generated FROM medalliance_demo.generate_demo_province(0.1, 1);
SELECT count(*) AS survey_answers_2024, count(DISTINCT (institution_id, respondent_id)) AS respondents_2024
FROM survey_response WHERE responded_on >= '2024-01-01' AND responded_on < '2025-01-01';
VACUUM ANALYZE;
-- the baseline year first, so that the timed runs find a warm cache
SELECT refresh_satisfaction('2023-01-01', '2023-12-31') IS NOT NULL AS warmed;

CREATE TEMP TABLE timings (run text, ms double precision);
CREATE FUNCTION pg_temp.time_refresh(label text, first date, last date) RETURNS void LANGUAGE plpgsql AS $$
DECLARE started timestamptz := clock_timestamp();
BEGIN
    PERFORM refresh_satisfaction(first, last);
    INSERT INTO timings VALUES (label, extract(epoch FROM clock_timestamp() - started) * 1000);
END $$;
SELECT pg_temp.time_refresh('year', '2024-01-01', '2024-12-31') FROM generate_series(1, 3);
SELECT pg_temp.time_refresh('month', '2024-06-01', '2024-06-30') FROM generate_series(1, 3);
SELECT round(y.ms::numeric) AS refresh_year_ms, round(m.ms::numeric) AS refresh_month_ms,
       round((m.ms / y.ms)::numeric, 3) AS month_over_year
FROM (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS ms FROM timings WHERE run = 'year') y,
     (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS ms FROM timings WHERE run = 'month') m;
VACUUM ANALYZE satisfaction_state, satisfaction_item_state;
SELECT (SELECT count(*) FROM satisfaction_state) AS member_state_rows,
       (SELECT count(*) FROM satisfaction_item_state) AS item_state_rows,
       (SELECT count(*) FROM satisfaction_member) AS member_view_rows,
       (SELECT count(*) FROM satisfaction_alliance) AS alliance_view_rows,
       (SELECT count(*) FROM satisfaction_item_result) AS item_view_rows;

\echo 'warm view times (median of 7, ms; target <= 500 for a whole view):'
SELECT 'SELECT * FROM satisfaction_member' AS query, round(bench_time('SELECT * FROM medalliance.satisfaction_member', 7)::numeric, 1) AS ms
UNION ALL
SELECT 'SELECT * FROM satisfaction_alliance', round(bench_time('SELECT * FROM medalliance.satisfaction_alliance', 7)::numeric, 1)
UNION ALL
SELECT 'SELECT * FROM satisfaction_item_result', round(bench_time('SELECT * FROM medalliance.satisfaction_item_result', 7)::numeric, 1)
UNION ALL
SELECT 'satisfaction_alliance, one scheme, year 2024',
       round(bench_time($$SELECT * FROM medalliance.satisfaction_alliance
                         WHERE scheme_code = 'satisfaction_outpatient' AND grain = 'year' AND period_start = '2024-01-01'$$, 7)::numeric, 1)
UNION ALL
SELECT 'satisfaction_item_result, one alliance, year 2024',
       round(bench_time($$SELECT * FROM medalliance.satisfaction_item_result
                         WHERE alliance_id = 11 AND unit_level = 'alliance' AND grain = 'year' AND period_start = '2024-01-01'$$, 7)::numeric, 1);
