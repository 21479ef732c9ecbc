-- Run by bench/generate_province.sh with -v scale=...: times the synthetic
-- province and measures the warehouse it wrote.
\echo
\echo 'generate_demo_province(' :scale ', 1) — synthetic data'
SELECT extract(epoch FROM clock_timestamp()) AS t0 \gset
SELECT sum(row_count) AS rows_written FROM medalliance_demo.generate_demo_province(:scale, 1) \gset
SELECT extract(epoch FROM clock_timestamp()) - :t0 AS seconds \gset
SELECT count(*) AS encounters FROM medalliance.encounter \gset
SELECT :scale AS scale, round(:seconds::numeric, 1) AS generation_seconds,
       :encounters AS encounter_rows, :rows_written AS all_rows,
       round(:encounters / :seconds) AS encounter_rows_per_second,
       round(:rows_written / :seconds) AS all_rows_per_second;

\echo 'Sizes per million encounters (MB; partitioned tables summed over their partitions):'
WITH rel AS (
    SELECT c.oid, c.relname
    FROM pg_class c
    WHERE c.relnamespace = 'medalliance'::regnamespace AND c.relkind IN ('r', 'p') AND NOT c.relispartition
),
leaf AS (
    SELECT r.relname, t.relid
    FROM rel r, pg_partition_tree(r.oid) t
    WHERE t.isleaf
    UNION ALL
    SELECT r.relname, r.oid FROM rel r JOIN pg_class c ON c.oid = r.oid WHERE c.relkind = 'r'
),
sized AS (
    SELECT relname, sum(pg_table_size(relid)) AS table_bytes, sum(pg_indexes_size(relid)) AS index_bytes
    FROM leaf GROUP BY relname
)
SELECT relname AS table_name,
       round(table_bytes / 1048576.0 / (:encounters / 1e6), 2) AS table_mb_per_m_encounters,
       round(index_bytes / 1048576.0 / (:encounters / 1e6), 2) AS index_mb_per_m_encounters
FROM sized
UNION ALL
SELECT 'ALL (warehouse)', round(sum(table_bytes) / 1048576.0 / (:encounters / 1e6), 2),
       round(sum(index_bytes) / 1048576.0 / (:encounters / 1e6), 2)
FROM sized
ORDER BY 2 DESC;
