-- Refresh of the indicator layer at scale 0.1: one province-year against one
-- month, in the same run.  Target: the month takes at most 1/8 of the year.
SET search_path = medalliance, medalliance_demo, public;
\pset footer off
\echo 'generating the synthetic province at scale 0.1 ...'
SELECT sum(row_count) AS rows_generated FROM generate_demo_province(0.1, 1);
SELECT count(*) AS encounters_2024 FROM encounter WHERE encounter_date >= '2024-01-01';
VACUUM ANALYZE;
-- the baseline year first, so that the timed runs find a warm cache
SELECT refresh_indicators('2023-01-01', '2023-12-31') IS NOT NULL AS warmed;

CREATE TEMP TABLE timings (run text, ms double precision);
CREATE FUNCTION pg_temp.time_refresh(label text, first date, last date) RETURNS void LANGUAGE plpgsql AS $$
DECLARE started timestamptz := clock_timestamp();
BEGIN
    PERFORM refresh_indicators(first, last);
    INSERT INTO timings VALUES (label, extract(epoch FROM clock_timestamp() - started) * 1000);
END $$;
SELECT pg_temp.time_refresh('year', '2024-01-01', '2024-12-31') FROM generate_series(1, 3);
SELECT pg_temp.time_refresh('month', '2024-06-01', '2024-06-30') FROM generate_series(1, 3);

SELECT round(y.ms::numeric) AS year_ms, round(m.ms::numeric) AS month_ms,
       round((m.ms / y.ms)::numeric, 3) AS month_over_year, round((y.ms / m.ms)::numeric, 1) AS year_over_month
FROM (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS ms FROM timings WHERE run = 'year') y,
     (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS ms FROM timings WHERE run = 'month') m;
SELECT count(*) AS states_per_year FROM indicator_state WHERE period_start >= '2024-01-01';
