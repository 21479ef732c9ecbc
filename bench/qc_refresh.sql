-- The QC layer at scale 0.1: refresh of one province-year against one month,
-- in the same run, then the warm whole-view times of its BI views against a
-- plain read of the stored summary table (target: every view <= 500 ms).
SET search_path = medalliance, medalliance_demo, public;
\pset footer off
\echo 'generating the synthetic province at scale 0.1 ...'
SELECT sum(row_count) AS rows_generated FROM generate_demo_province(0.1, 1);
SELECT (SELECT count(*) FROM qc_inspection) AS inspections, (SELECT count(*) FROM quality_measure) AS measure_rows;
VACUUM ANALYZE;
SELECT refresh_qc('2023-01-01', '2023-12-31') IS NOT NULL AS warmed;

CREATE TEMP TABLE timings (run text, ms double precision);
CREATE FUNCTION pg_temp.time_refresh(label text, first date, last date) RETURNS void LANGUAGE plpgsql AS $$
DECLARE started timestamptz := clock_timestamp();
BEGIN
    PERFORM refresh_qc(first, last);
    INSERT INTO timings VALUES (label, extract(epoch FROM clock_timestamp() - started) * 1000);
END $$;
SELECT pg_temp.time_refresh('year', '2024-01-01', '2024-12-31') FROM generate_series(1, 3);
SELECT pg_temp.time_refresh('month', '2024-06-01', '2024-06-30') FROM generate_series(1, 3);
SELECT round(y.ms::numeric) AS qc_year_ms, round(m.ms::numeric) AS qc_month_ms,
       round((m.ms / y.ms)::numeric, 3) AS month_over_year
FROM (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS ms FROM timings WHERE run = 'year') y,
     (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS ms FROM timings WHERE run = 'month') m;
SELECT (SELECT count(*) FROM qc_member) AS qc_member_rows, (SELECT count(*) FROM qc_alliance) AS qc_alliance_rows,
       (SELECT count(*) FROM qc_funnel) AS qc_funnel_rows, (SELECT count(*) FROM qc_item_loss) AS qc_item_loss_rows;
VACUUM ANALYZE;

\echo 'warm whole-view reads (median of 7) against reading the stored member scores:'
SELECT * FROM bench_pair('SELECT * FROM qc_member', 'SELECT * FROM qc_member', 'SELECT * FROM qc_member_score')
UNION ALL
SELECT * FROM bench_pair('SELECT * FROM qc_alliance', 'SELECT * FROM qc_alliance', 'SELECT * FROM qc_member_score')
UNION ALL
SELECT * FROM bench_pair('SELECT * FROM qc_funnel', 'SELECT * FROM qc_funnel', 'SELECT * FROM qc_member_score')
UNION ALL
SELECT * FROM bench_pair('SELECT * FROM qc_item_loss', 'SELECT * FROM qc_item_loss', 'SELECT * FROM qc_member_score')
UNION ALL
SELECT * FROM bench_pair('one alliance-year from qc_alliance',
    $$SELECT * FROM qc_alliance WHERE grain = 'year' AND period_start = '2024-01-01' AND alliance_id = 11$$,
    $$SELECT * FROM qc_member_score WHERE grain = 'year' AND period_start = '2024-01-01' AND alliance_id = 11$$);
