-- Demo: quality control (质控) and homogeneity (同质化) of the county medical
-- communities of the synthetic province loaded by demo/20_province.sql.  ALL
-- OF IT IS SYNTHETIC: invented names and figures; it ranks nothing real.
SET search_path = medalliance, medalliance_demo, public;
\echo
\echo '== Quality control (质控) and homogeneity (同质化), 2024 — SYNTHETIC DATA, invented names =='

SELECT NOT EXISTS (SELECT FROM alliance) AS need_province \gset
\if :need_province
\echo 'No warehouse loaded: generating the synthetic province at scale 0.01.'
SELECT count(*) AS tables_filled FROM generate_demo_province(0.01, 1);
\endif

SELECT refresh_qc('2024-01-01', '2024-12-31') AS qc_refresh \gset
\echo 'refresh_qc(2024-01-01, 2024-12-31): refresh log'
SELECT period_from, period_to, rows_written, details -> 'member_scores' AS member_scores,
       details -> 'funnel_points' AS funnel_points, details -> 'rows_not_read' AS rows_not_read
FROM refresh_log WHERE refresh_id = :qc_refresh;

\echo 'Per alliance, 2024, scheme hainan_alliance_qc (members weigh equally; grades 甲 >= 90, 乙 >= 75: project default) — SYNTHETIC:'
SELECT a.alliance_name, round(a.score::numeric, 1) AS score, a.grade,
       round(a.volume_weighted_score::numeric, 1) AS by_volume, a.members,
       round(a.cv::numeric, 3) AS cv, round(a.homogeneity_index::numeric, 1) AS homogeneity,
       round(a.gini::numeric, 3) AS gini, round(a.lead_member_gap::numeric, 1) AS lead_minus_median,
       p.quality_level AS made, p.quality_even AS made_even
FROM qc_alliance a LEFT JOIN demo_alliance_profile p USING (alliance_id)
WHERE a.scheme_code = 'hainan_alliance_qc' AND a.grain = 'year' AND a.period_start = '2024-01-01'
ORDER BY a.score;

\echo 'Funnel plot, 2024, prescriptions qualified, primary care: institutions outside the 99.8 % limits — SYNTHETIC:'
SELECT institution_name, numerator, denominator, round(rate_pct::numeric, 2) AS rate_pct,
       round(lower_998_pct::numeric, 2) AS lower_998, round(upper_998_pct::numeric, 2) AS upper_998, zone,
       round(overdispersion::numeric, 2) AS phi, adjusted_zone
FROM qc_funnel
WHERE measure_code = 'prescription_qualified' AND peer_group = 'primary_care' AND grain = 'year'
  AND period_start = '2024-01-01' AND zone IN ('below_outer', 'above_outer')
ORDER BY rate_pct LIMIT 10;

\echo 'Where inspection points were lost, 2024, the weakest alliance — SYNTHETIC:'
SELECT l.item_code, l.item_name_zh, sum(l.inspections) AS inspections,
       round((100 * sum(l.points_lost) / sum(l.full_points))::numeric, 1) AS points_lost_pct
FROM qc_item_loss l
WHERE l.scheme_code = 'hainan_alliance_qc' AND l.grain = 'year' AND l.period_start = '2024-01-01'
  AND l.alliance_id = (SELECT alliance_id FROM qc_alliance WHERE scheme_code = 'hainan_alliance_qc'
                       AND grain = 'year' AND period_start = '2024-01-01' ORDER BY score LIMIT 1)
GROUP BY 1, 2 ORDER BY 4 DESC;
