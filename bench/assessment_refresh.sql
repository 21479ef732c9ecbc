-- The assessment layer at scale 0.1 (bench/run.sh assessment_refresh): the
-- other layers are refreshed for 2023–2024 first (not timed here: their own
-- benches time them); then the assessment of a year under every scheme and
-- under one, and the warm times of the views read whole and for one alliance.
-- Targets: every whole-view SELECT <= 0.5 s; one alliance <= 50 ms.
SET search_path = medalliance, public;
\pset footer off
\echo 'generating the synthetic province at scale 0.1 ...'
SELECT sum(row_count) AS rows_generated FROM medalliance_demo.generate_demo_province(0.1, 1);
VACUUM ANALYZE;
\echo 'refreshing the layers the assessment reads (2023-2024) ...'
SELECT layer, refresh_id FROM refresh('2023-01-01', '2024-12-31',
    layers => '{indicators,unification,qc,satisfaction}');

CREATE TEMP TABLE timings (run text, ms double precision);
CREATE FUNCTION pg_temp.time_assessment(label text, scheme text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE started timestamptz := clock_timestamp();
BEGIN
    PERFORM refresh_assessment(2024, scheme);
    INSERT INTO timings VALUES (label, extract(epoch FROM clock_timestamp() - started) * 1000);
END $$;
SELECT pg_temp.time_assessment('every scheme', NULL) FROM generate_series(1, 3);
SELECT pg_temp.time_assessment('hainan_2024_assessment', 'hainan_2024_assessment') FROM generate_series(1, 3);
\echo 'refresh_assessment(2024[, scheme]), median of 3 runs:'
SELECT run, round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms)::numeric) AS median_ms
FROM timings GROUP BY run ORDER BY run;

VACUUM ANALYZE assessment_result, assessment_measure_result, assessment_domain_result, assessment_run;
SELECT (SELECT count(*) FROM assessment_result) AS result_rows,
       (SELECT count(*) FROM assessment_measure_result) AS measure_rows,
       (SELECT count(*) FROM assessment_domain_result) AS domain_rows,
       (SELECT count(*) FROM assessment_run) AS runs,
       pg_size_pretty(pg_total_relation_size('assessment_measure_result')) AS measure_rows_size;

\echo 'warm view times (median of 7, ms; target <= 500 for a whole view, <= 50 for one alliance):'
SELECT 'SELECT * FROM assessment_scorecard' AS query,
       round(bench_time('SELECT * FROM medalliance.assessment_scorecard', 7)::numeric, 1) AS ms
UNION ALL
SELECT 'SELECT * FROM assessment_explain', round(bench_time('SELECT * FROM medalliance.assessment_explain', 7)::numeric, 1)
UNION ALL
SELECT 'SELECT * FROM assessment_domain_score', round(bench_time('SELECT * FROM medalliance.assessment_domain_score', 7)::numeric, 1)
UNION ALL
SELECT 'assessment_scorecard, one scheme and year',
       round(bench_time($$SELECT * FROM medalliance.assessment_scorecard
                         WHERE scheme_code = 'hainan_2024_assessment' AND year = 2024$$, 7)::numeric, 1)
UNION ALL
SELECT 'assessment_explain, one alliance, scheme and year',
       round(bench_time($$SELECT * FROM medalliance.assessment_explain
                         WHERE scheme_code = 'hainan_2024_assessment' AND year = 2024 AND alliance_id = 11$$, 7)::numeric, 1);
