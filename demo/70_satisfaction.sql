-- Demo: satisfaction (满意度) of the synthetic province loaded by
-- demo/20_province.sql.  ALL OF IT IS SYNTHETIC: invented names and figures;
-- it ranks nothing real.
SET search_path = medalliance, public;
\echo
\echo '== Satisfaction (满意度), 2024 — SYNTHETIC DATA, invented names =='

-- Without the synthetic province (demo/20_province.sql not run), load it here.
SELECT NOT EXISTS (SELECT FROM alliance) AS need_province \gset
\if :need_province
\echo 'No warehouse loaded: generating the synthetic province at scale 0.01.'
SELECT count(*) AS tables_filled FROM medalliance_demo.generate_demo_province(0.01, 1);
\endif

-- The refresh() of demo/30 may have run this layer already; refresh 2024 on its own to show its log.
SELECT refresh_satisfaction('2024-01-01', '2024-12-31') AS satisfaction_refresh \gset
\echo 'refresh_satisfaction(2024-01-01, 2024-12-31): refresh log'
SELECT period_from, period_to, rows_written AS states_written, details -> 'per_scheme' AS per_scheme,
       details -> 'respondents_outside_alliances' AS respondents_outside_alliances
FROM refresh_log WHERE refresh_id = :satisfaction_refresh;

\echo 'Outpatient satisfaction per alliance, 2024: mean score (满意度得分, 0-100) and satisfaction rate (满意率, % top-2-box), 95% intervals — SYNTHETIC:'
SELECT s.rank, s.alliance_name, coalesce(p.satisfaction_level, '-') AS made_by_generator,
       s.valid_respondents AS valid, s.invalid_respondents AS invalid,
       round(s.score::numeric, 1) AS score,
       format('%s–%s', round(s.score_ci_lower::numeric, 1), round(s.score_ci_upper::numeric, 1)) AS score_95ci,
       round(s.satisfaction_rate::numeric, 1) AS rate_pct,
       format('%s–%s', round(s.satisfaction_rate_ci_lower::numeric, 1), round(s.satisfaction_rate_ci_upper::numeric, 1)) AS rate_95ci,
       s.members, s.members_small_sample, s.small_sample
FROM satisfaction_alliance s
LEFT JOIN medalliance_demo.demo_alliance_profile p USING (alliance_id)
WHERE s.scheme_code = 'satisfaction_outpatient' AND s.grain = 'year' AND s.period_start = '2024-01-01'
ORDER BY s.score, s.alliance_name;

\echo 'Per survey kind, 2024: the mean alliance score of the alliances the generator made low, medium, high — SYNTHETIC:'
SELECT s.survey_kind, coalesce(p.satisfaction_level, '(not profiled)') AS made_by_generator, count(*) AS alliances,
       round(avg(s.score)::numeric, 1) AS mean_score, round(avg(s.satisfaction_rate)::numeric, 1) AS mean_rate_pct
FROM satisfaction_alliance s
LEFT JOIN medalliance_demo.demo_alliance_profile p USING (alliance_id)
WHERE s.grain = 'year' AND s.period_start = '2024-01-01'
GROUP BY 1, 2 ORDER BY 1, 4;

\echo 'What drags the lowest outpatient alliance down: its items from the lowest, 2024 — SYNTHETIC:'
SELECT i.rank_from_lowest, i.item_code, i.item_text_zh, i.answers, round(i.item_score::numeric, 1) AS item_score,
       round(i.gap_to_unit_mean::numeric, 1) AS gap_points, round(i.satisfaction_rate::numeric, 1) AS rate_pct,
       i.distribution::text AS answers_1_to_5
FROM satisfaction_item_result i
WHERE i.scheme_code = 'satisfaction_outpatient' AND i.unit_level = 'alliance' AND i.grain = 'year'
  AND i.period_start = '2024-01-01'
  AND i.alliance_id = (SELECT alliance_id FROM satisfaction_alliance
                       WHERE scheme_code = 'satisfaction_outpatient' AND grain = 'year' AND period_start = '2024-01-01'
                       ORDER BY score, alliance_id LIMIT 1)
ORDER BY i.rank_from_lowest, i.item_no;
