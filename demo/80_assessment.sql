-- The annual assessment (综合考核): one total, grade and rank per alliance and
-- year under a scheme, from what the other layers stored, with TOPSIS and the
-- weighted rank-sum ratio as alternative rankings, and the explanation of a score.
SET search_path = medalliance, public;

SELECT refresh_assessment(2024) AS assessment_refresh \gset
\echo 'refresh_assessment(2024): every assessment scheme, from the stored layers: refresh log'
SELECT l.refresh_id, l.layer, l.period_from, l.period_to, l.rows_written,
       round(extract(epoch FROM l.finished_at - l.started_at)::numeric, 2) AS seconds
FROM refresh_log l WHERE l.refresh_id = :assessment_refresh;

\echo 'The schemes, 2024: alliances assessed, mean total and its spread (points out of max_total) — SYNTHETIC:'
SELECT s.scheme_code, s.scheme_version, count(*) AS alliances, min(s.max_total) AS max_total,
       round(avg(s.total)::numeric, 1) AS mean_total, round(min(s.total)::numeric, 1) AS lowest,
       round(max(s.total)::numeric, 1) AS highest,
       string_agg(DISTINCT s.grade, ' ' ORDER BY s.grade) AS grades_given
FROM assessment_scorecard s WHERE s.year = 2024
GROUP BY s.scheme_code, s.scheme_version ORDER BY s.scheme_code;

\echo 'Hainan 2024 assessment scorecard, best to worst (points per domain; TOPSIS and RSR as alternative rankings) — SYNTHETIC:'
SELECT s.rank, s.alliance_name, round(s.total::numeric, 1) AS total, s.grade,
       round((s.domain_points->>'six_unifications')::numeric, 1) AS six_unif_40,
       round((s.domain_points->>'resources_sent_down')::numeric, 1) AS sent_down_20,
       round((s.domain_points->>'key_targets')::numeric, 1) AS targets_40,
       s.veto, round(s.topsis_closeness::numeric, 3) AS topsis, s.topsis_rank,
       round(s.rsr_wrsr::numeric, 3) AS wrsr, s.rsr_rank, s.rsr_grade, s.consequences
FROM assessment_scorecard s
WHERE s.scheme_code = 'hainan_2024_assessment' AND s.year = 2024
ORDER BY s.rank, s.alliance_name;

\echo 'Why the last alliance has its total: one row per measure; the contributions add up to the total — SYNTHETIC:'
SELECT e.measure_no AS no, e.measure_code, e.domain_code, e.rule_text,
       round(e.raw_value::numeric, 1) AS raw_value, round(e.reference_value::numeric, 1) AS target,
       e.status, round(e.points::numeric, 3) AS points, round(e.weight::numeric, 2) AS weight,
       round(e.contribution::numeric, 2) AS contribution, coalesce(e.reason, '') AS reason
FROM assessment_explain e
WHERE e.scheme_code = 'hainan_2024_assessment' AND e.year = 2024
  AND e.alliance_id = (SELECT alliance_id FROM assessment_result
                       WHERE scheme_code = 'hainan_2024_assessment' AND year = 2024
                       ORDER BY rank DESC, alliance_id DESC LIMIT 1)
ORDER BY e.measure_no;

SELECT format('Sum of the contributions: %s; the scorecard''s total: %s.',
              round(sum(e.contribution)::numeric, 6),
              round(min(s.total)::numeric, 6)) AS check_sum
FROM assessment_explain e
JOIN assessment_scorecard s USING (scheme_code, year, alliance_id)
WHERE e.scheme_code = 'hainan_2024_assessment' AND e.year = 2024
  AND e.alliance_id = (SELECT alliance_id FROM assessment_result
                       WHERE scheme_code = 'hainan_2024_assessment' AND year = 2024
                       ORDER BY rank DESC, alliance_id DESC LIMIT 1);
