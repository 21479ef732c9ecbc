-- Satisfaction on the synthetic province: the alliances that
-- generate_demo_province made unpopular (demo_alliance_profile.satisfaction_level
-- = 'low', the generator's plan, not this extension's output) come out lowest
-- in both the mean score and the satisfaction rate, for every survey kind; and
-- the member scores equal a plain-SQL computation straight from survey_response.
BEGIN;
CREATE EXTENSION IF NOT EXISTS medalliance_demo;
SET search_path = medalliance, public;
SELECT plan(15);

SELECT lives_ok($$SELECT * FROM medalliance_demo.generate_demo_province(0.01, 1)$$, 'the synthetic province at scale 0.01');
SELECT lives_ok($$SELECT refresh_satisfaction('2024-01-01', '2024-12-31')$$, 'refresh of 2024, every survey scheme');

CREATE TEMP TABLE year_2024 AS
SELECT s.scheme_code, s.alliance_id, s.score, s.satisfaction_rate, coalesce(p.satisfaction_level, 'none') AS level
FROM satisfaction_alliance s
LEFT JOIN medalliance_demo.demo_alliance_profile p USING (alliance_id)
WHERE s.grain = 'year' AND s.period_start = '2024-01-01';

SELECT cmp_ok((SELECT count(DISTINCT alliance_id) FROM year_2024 WHERE level = 'low'), '>=', 3::bigint,
              'several alliances were made unpopular');
-- For each survey kind and both measures: every unpopular alliance below every other alliance.
SELECT is_empty(
    format($$SELECT w.alliance_id, w.%1$I, o.alliance_id, o.%1$I
             FROM year_2024 w JOIN year_2024 o USING (scheme_code)
             WHERE w.scheme_code = %2$L AND w.level = 'low' AND o.level <> 'low'
               AND NOT (w.%1$I < o.%1$I)$$, measure, scheme),
    format('%s: the unpopular alliances have the lowest %s', scheme, measure))
FROM unnest(ARRAY['satisfaction_outpatient', 'satisfaction_inpatient', 'satisfaction_staff']) scheme,
     unnest(ARRAY['score', 'satisfaction_rate']) measure;

-- Independently: member × year scores of the outpatient survey from the raw
-- answers with plain SQL.  The preset has 8 items of weight 1 on 1..5 and
-- min_answered_share 0.8, so a respondent is valid with >= 6.4, i.e. 7, answers
-- (the generator writes no "not applicable" code), and scores the mean of
-- 100·(answer − 1)/4 over the items answered.
CREATE TEMP TABLE plain_member AS
SELECT r.institution_id, avg(r.u) AS score, count(*) AS valid
FROM (SELECT institution_id, respondent_id, avg(100.0 * (answer - 1) / 4) AS u, count(answer) AS answered
      FROM survey_response
      WHERE survey_kind = 'outpatient' AND responded_on >= '2024-01-01' AND responded_on < '2025-01-01'
      GROUP BY 1, 2) r
WHERE r.answered >= 7
GROUP BY 1;
SELECT is_empty($$SELECT m.alliance_id, m.institution_id, m.score, p.score, m.valid_respondents, p.valid
                  FROM satisfaction_member m JOIN plain_member p USING (institution_id)
                  WHERE m.scheme_code = 'satisfaction_outpatient' AND m.grain = 'year' AND m.period_start = '2024-01-01'
                    AND NOT (m.valid_respondents = p.valid AND abs(m.score - p.score) <= 1e-9)$$,
                'outpatient member-year scores equal the plain-SQL mean of respondent means over valid respondents');
SELECT ok((SELECT count(*) FROM satisfaction_member
           WHERE scheme_code = 'satisfaction_outpatient' AND grain = 'year' AND period_start = '2024-01-01') > 50,
          'and there are more than 50 of them to compare');

-- The ranks are stored by the refresh, which must see every member of a
-- period to rank it: refresh June alone (its quarter and year are rewritten)
-- and compare the year's ranks with ranks computed from the plain-SQL scores.
SELECT lives_ok($$SELECT refresh_satisfaction('2024-06-01', '2024-06-30', '{satisfaction_outpatient}')$$,
                'refresh of June 2024 alone');
SELECT is_empty($$WITH scored AS (
                      SELECT DISTINCT p.institution_id, p.score
                      FROM plain_member p
                      JOIN satisfaction_member m USING (institution_id)
                      JOIN satisfaction_scheme ss USING (scheme_code)
                      WHERE m.scheme_code = 'satisfaction_outpatient' AND m.grain = 'year'
                        AND m.period_start = '2024-01-01' AND p.valid >= ss.min_sample),
                  ranked AS (SELECT s.institution_id, dense_rank() OVER (ORDER BY s.score DESC) AS r FROM scored s)
                  SELECT m.alliance_id, m.institution_id, m.rank_in_province, r.r
                  FROM satisfaction_member m LEFT JOIN ranked r USING (institution_id)
                  WHERE m.scheme_code = 'satisfaction_outpatient' AND m.grain = 'year' AND m.period_start = '2024-01-01'
                    AND m.rank_in_province IS DISTINCT FROM r.r$$,
                'after a one-month refresh, every member-year rank in the province equals the dense rank of the plain-SQL scores (NULL for small samples)');
SELECT is_empty($$SELECT a.alliance_id, a.rank, o.r
                  FROM satisfaction_alliance a
                  LEFT JOIN (SELECT alliance_id, rank() OVER (ORDER BY score DESC) AS r
                             FROM satisfaction_alliance
                             WHERE scheme_code = 'satisfaction_outpatient' AND grain = 'quarter'
                               AND period_start = '2024-04-01' AND NOT small_sample AND score IS NOT NULL) o
                    USING (alliance_id)
                  WHERE a.scheme_code = 'satisfaction_outpatient' AND a.grain = 'quarter' AND a.period_start = '2024-04-01'
                    AND a.rank IS DISTINCT FROM o.r$$,
                'and the alliance ranks of the quarter rank every alliance of the quarter, small samples unranked');

-- satisfaction_item_state has no unique index: its key is unique by
-- construction, after a year's refresh and a month's refresh over it.
SELECT is((SELECT count(*) FROM (SELECT scheme_code, alliance_id, unit_level, unit_id, grain, period_start, item_code
                                 FROM satisfaction_item_state GROUP BY 1, 2, 3, 4, 5, 6, 7 HAVING count(*) > 1) d),
          0::bigint, 'satisfaction_item_state: one row per scheme, alliance, unit, period and item');

SELECT * FROM finish();
ROLLBACK;
