-- No invented months.  A refresh computes only the months within the data
-- (from the first to the last month with a dated fact); a period beyond the
-- data is refused with 22023, and the months of a period that lie beyond it
-- get no stored state — no score, no grade, no judgement — and are named in
-- refresh_log.
BEGIN;
SET search_path = medalliance, public;
SELECT plan(15);

INSERT INTO region VALUES (1, 'P1', 'Province', 'province', NULL), (11, 'K11', 'County', 'county', 1);
INSERT INTO population VALUES (11, 2024, 'all', 1000);
INSERT INTO institution (institution_id, institution_name, institution_level, region_id)
VALUES (101, 'County Hospital', 'county_hospital', 11), (102, 'Township Centre', 'township_health_centre', 11);
INSERT INTO alliance VALUES (1, 'Community', 'county_medical_community', 11, 101, NULL, '2020-01-01', NULL);
INSERT INTO membership VALUES (1, 101, 'lead', '2020-01-01', NULL), (1, 102, 'member', '2020-01-01', NULL);
SELECT count(*) FROM add_month_partitions('medalliance.encounter', '2024-01-01', '2024-12-01');
-- Facts in January and March 2024 only: the data runs from January to March.
INSERT INTO encounter (encounter_id, encounter_date, encounter_kind, institution_id, residence_region_id, total_cost)
VALUES (1, '2024-01-10', 'outpatient', 102, 11, 10), (2, '2024-03-10', 'outpatient', 101, 11, 10);

SELECT is(months_with_data('2023-11-01', '2024-06-01'), '{2024-01-01,2024-02-01,2024-03-01}'::date[],
          'the months within the data: January to March (a quiet February included)');
SELECT throws_ok($$SELECT * FROM refresh('2099-01-01', '2099-03-31')$$, '22023', 'no facts are loaded for 2099-01 to 2099-03',
                 'a period beyond the data is refused');
SELECT throws_ok($$SELECT refresh_unification('2024-05-01', '2024-12-31')$$, '22023', NULL,
                 'so is a period after the last month with facts, for each layer');

SELECT lives_ok($$SELECT * FROM refresh('2024-01-01', '2024-06-30')$$, 'a period that runs past the data is refreshed');
SELECT is((SELECT array_agg(DISTINCT period_start ORDER BY period_start) FROM unification_state),
          '{2024-01-01,2024-02-01,2024-03-01}'::date[], 'six-unification states are stored for January to March only');
SELECT is((SELECT array_agg(DISTINCT period_start ORDER BY period_start) FROM indicator_state),
          '{2024-01-01,2024-02-01,2024-03-01}'::date[], 'indicator states likewise');
SELECT is_empty($$SELECT * FROM unification_alliance WHERE grain = 'month' AND period_start >= '2024-04-01'$$,
                'no grade or score for April to June');
SELECT is_empty($$SELECT * FROM indicator_value WHERE grain = 'month' AND period_start >= '2024-04-01'$$,
                'no indicator value for April to June');
SELECT is((SELECT details -> 'months_without_data' FROM refresh_log WHERE layer = 'unification'
           ORDER BY refresh_id DESC LIMIT 1), '["2024-04", "2024-05", "2024-06"]'::jsonb,
          'refresh_log names the months left out');

-- A year built from January to March says so.
SELECT is((SELECT array_agg(DISTINCT months_with_data) FROM unification_alliance
           WHERE grain = 'year' AND period_start = '2024-01-01'), '{3}'::integer[],
          'unification_alliance: the year 2024 rests on 3 months');
SELECT is((SELECT array_agg(DISTINCT months_with_data) FROM unification_alliance_dimension
           WHERE grain = 'year' AND period_start = '2024-01-01'), '{3}'::integer[],
          'unification_alliance_dimension likewise');

-- refresh() speaks for itself, and can be limited to a layer or a scheme.
SELECT throws_ok($$SELECT * FROM refresh(NULL, '2024-01-31')$$, '22004', 'refresh needs both period_from and period_to',
                 'a missing bound is reported by refresh, not by an inner function');
SELECT results_eq($$SELECT layer FROM refresh('2024-01-01', '2024-03-31', layers => '{unification}')$$,
                  $$VALUES ('unification')$$, 'layers limits the refresh to the six unifications');
SELECT results_eq($$SELECT layer FROM refresh('2024-01-01', '2024-03-31', scheme_codes => '{hainan_2024_targets}')$$,
                  $$VALUES ('indicators')$$, 'a targets scheme alone leaves no checklist to score');
SELECT throws_ok($$SELECT * FROM refresh('2024-01-01', '2024-03-31', layers => '{scorecard}')$$, '22023',
                 'unknown refresh layer(s): scorecard', 'an unknown layer is refused');

SELECT * FROM finish();
ROLLBACK;
