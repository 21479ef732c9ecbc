-- Quality control on the synthetic province: the alliances that
-- generate_demo_province made low-quality (demo_alliance_profile.quality_level,
-- the generator's plan, not this extension's output) score lowest, and the
-- weakest member of each falls below the lower funnel limit of a measure.
BEGIN;
CREATE EXTENSION IF NOT EXISTS medalliance_demo;
SET search_path = medalliance, medalliance_demo, public;
SELECT plan(7);

SELECT lives_ok($$SELECT * FROM generate_demo_province(0.01, 1)$$, 'the synthetic province at scale 0.01');
SELECT lives_ok($$SELECT refresh_qc('2024-01-01', '2024-12-31', '{hainan_alliance_qc}')$$,
                'refresh of 2024, the Hainan alliance QC scheme');

CREATE TEMP TABLE year_2024 AS
SELECT a.alliance_id, a.score, a.equal_weighted_score, a.cv, p.quality_level, p.quality_even
FROM qc_alliance a JOIN demo_alliance_profile p USING (alliance_id)
WHERE a.scheme_code = 'hainan_alliance_qc' AND a.grain = 'year' AND a.period_start = '2024-01-01';

SELECT cmp_ok((SELECT count(*) FROM year_2024 WHERE quality_level = 'low'), '>=', 3::bigint,
              'several low-quality alliances are scored');
-- Members weigh equally here: by volume, the lead hospital's own quality
-- (drawn at random around the alliance's level) dominates a small alliance.
SELECT is_empty($$SELECT l.alliance_id, l.equal_weighted_score, o.alliance_id, o.equal_weighted_score
                  FROM year_2024 l JOIN year_2024 o ON o.quality_level <> 'low'
                  WHERE l.quality_level = 'low' AND NOT (l.equal_weighted_score < o.equal_weighted_score)$$,
                'every low-quality alliance scores below every medium- and high-quality one (equal weights)');
SELECT is_empty($$SELECT m.alliance_id, m.equal_weighted_score, h.alliance_id, h.equal_weighted_score
                  FROM year_2024 m JOIN year_2024 h ON h.quality_level = 'high'
                  WHERE m.quality_level = 'medium' AND NOT (m.equal_weighted_score < h.equal_weighted_score)$$,
                'every medium-quality alliance scores below every high-quality one (equal weights)');
SELECT ok((SELECT min(cv) FILTER (WHERE NOT quality_even) > max(cv) FILTER (WHERE quality_even) FROM year_2024),
          'alliances made uneven have a larger CV than every even one');

-- The weakest member (lowest total) of each low-quality alliance lies below the
-- lower limit (95 % or 99.8 %) of at least one higher-is-better measure in 2024.
SELECT is_empty($$
    WITH weakest AS (
        SELECT DISTINCT ON (m.alliance_id) m.alliance_id, m.institution_id, m.total_score
        FROM qc_member m JOIN demo_alliance_profile p USING (alliance_id)
        WHERE m.scheme_code = 'hainan_alliance_qc' AND m.grain = 'year' AND m.period_start = '2024-01-01'
          AND p.quality_level = 'low' AND m.total_score IS NOT NULL
        ORDER BY m.alliance_id, m.total_score)
    SELECT w.* FROM weakest w
    WHERE NOT EXISTS (SELECT FROM qc_funnel f
                      WHERE f.institution_id = w.institution_id AND f.grain = 'year' AND f.period_start = '2024-01-01'
                        AND f.higher_is_better AND f.zone IN ('below_inner', 'below_outer'))$$,
    'the weakest member of every low-quality alliance falls below a lower funnel limit');

SELECT * FROM finish();
ROLLBACK;
