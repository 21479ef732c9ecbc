-- Demo: six-unifications compliance (六统一) of every county medical community
-- of the synthetic province loaded by demo/20_province.sql.  ALL OF IT IS
-- SYNTHETIC: invented names and figures; it ranks nothing real.
SET search_path = medalliance, medalliance_demo, public;
\echo
\echo '== Six-unifications compliance (六统一), 2024 — SYNTHETIC DATA, invented names =='

-- Without the synthetic province (demo/20_province.sql not run), load it here.
SELECT NOT EXISTS (SELECT FROM alliance) AS need_province \gset
\if :need_province
\echo 'No warehouse loaded: generating the synthetic province at scale 0.01.'
SELECT count(*) AS tables_filled FROM generate_demo_province(0.01, 1);
\endif

SELECT refresh_unification('2024-01-01', '2024-12-31', '{six_unifications}') AS unification_refresh \gset
\echo 'refresh_unification(2024-01-01, 2024-12-31, {six_unifications}): refresh log'
SELECT period_from, period_to, rows_written AS member_states,
       details -> 'item_results' AS item_results,
       details -> 'evidence_rows_not_read' AS evidence_rows_not_read_by_any_item
FROM refresh_log WHERE refresh_id = :unification_refresh;

\echo 'Per alliance, 2024: weakest dimension first, then the six scores, overall, grade (A >= 90, B >= 75, C >= 60; project default) — SYNTHETIC:'
SELECT a.alliance_name, a.weakest_dimension, round(a.weakest_score::numeric, 1) AS weakest,
       round(a.administration_score::numeric, 1) AS "行政", round(a.personnel_score::numeric, 1) AS "人员",
       round(a.finance_score::numeric, 1) AS "财务", round(a.quality_score::numeric, 1) AS "质量",
       round(a.drugs_devices_score::numeric, 1) AS "药械", round(a.information_score::numeric, 1) AS "信息",
       round(a.overall_score::numeric, 1) AS overall, a.grade,
       round(a.coverage::numeric, 1) AS coverage_pct, a.members,
       a.items_without_evidence
FROM unification_alliance a
WHERE a.scheme_code = 'six_unifications' AND a.grain = 'year' AND a.period_start = '2024-01-01'
ORDER BY a.weakest_score, a.alliance_name;

\echo 'The dimension the generator made weak, against the weakest dimension found — SYNTHETIC:'
SELECT coalesce(p.weak_unification_dimension, '(none)') AS made_weak, a.weakest_dimension AS found_weakest,
       count(*) AS alliances
FROM unification_alliance a
LEFT JOIN demo_alliance_profile p USING (alliance_id)
WHERE a.scheme_code = 'six_unifications' AND a.grain = 'year' AND a.period_start = '2024-01-01'
GROUP BY 1, 2 ORDER BY 1, 2;

\echo 'Quarterly overall score of the three weakest alliances — SYNTHETIC:'
SELECT a.alliance_name, a.period_start AS quarter, round(a.overall_score::numeric, 1) AS overall, a.grade,
       round(a.share_fully_compliant::numeric, 1) AS members_fully_compliant_pct
FROM unification_alliance a
WHERE a.scheme_code = 'six_unifications' AND a.grain = 'quarter' AND a.period_start >= '2024-01-01'
  AND a.alliance_id IN (SELECT alliance_id FROM unification_alliance
                        WHERE scheme_code = 'six_unifications' AND grain = 'year' AND period_start = '2024-01-01'
                        ORDER BY overall_score, alliance_id LIMIT 3)
ORDER BY a.alliance_name, a.period_start;
