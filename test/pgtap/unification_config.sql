-- The six-unifications checklist presets, and the refusal of bad
-- configuration with 22023 naming the value.
BEGIN;
SET search_path = medalliance, public;
SELECT plan(22);

-- Presets.  Six unifications: indicators.md C1–C6, adm 8, hr 7, fin 8, qc 7, drug 7, info 7.
SELECT set_eq($$SELECT dimension_code, count(*)::int FROM unification_item
                WHERE scheme_code = 'six_unifications' GROUP BY 1$$,
              $$VALUES ('administration', 8), ('personnel', 7), ('finance', 8), ('quality', 7),
                       ('drugs_devices', 7), ('information', 7)$$,
              'six_unifications: the C1–C6 items, at least 5 per dimension');
SELECT set_eq($$SELECT dimension_no, dimension_code FROM unification_dimension WHERE scheme_code = 'six_unifications'$$,
              $$VALUES (1::smallint, 'administration'), (2::smallint, 'personnel'), (3::smallint, 'finance'),
                       (4::smallint, 'quality'), (5::smallint, 'drugs_devices'), (6::smallint, 'information')$$,
              'six_unifications: 行政、人员、财务、质量、药械、信息 numbered 1–6');
SELECT set_eq($$SELECT scheme_code, count(*)::int FROM unification_item WHERE is_preset GROUP BY 1$$,
              $$VALUES ('six_unifications', 44), ('nantong_five_unifications', 10),
                       ('miyi_township_village', 7), ('miyi_unified_procurement', 5)$$,
              'preset item counts per scheme');
SELECT set_eq($$SELECT scheme_code, count(*)::int FROM unification_dimension WHERE is_preset GROUP BY 1$$,
              $$VALUES ('six_unifications', 6), ('nantong_five_unifications', 5),
                       ('miyi_township_village', 6), ('miyi_unified_procurement', 1)$$,
              'preset dimensions: 六统一 6, 南通五统一 5, 米易乡村一体化 6, 米易统一采购 1');
SELECT is_empty($$SELECT d.scheme_code, d.dimension_code FROM unification_dimension d
                  WHERE d.is_preset AND NOT EXISTS (SELECT FROM unification_item i
                        WHERE i.scheme_code = d.scheme_code AND i.dimension_code = d.dimension_code)$$,
                'every preset dimension has items');
SELECT set_eq($$SELECT item_code, rule_code FROM unification_item
                WHERE scheme_code = 'six_unifications' AND evidence_kind = 'derived'$$,
              $$VALUES ('hr_5', 'hosts_lead_staff'), ('qc_4', 'qc_inspected_by_lead'), ('drug_2', 'uniform_unit_price'),
                       ('drug_3', 'procurement_platform_share'), ('info_3', 'uses_shared_centres')$$,
              'six_unifications: the items with a warehouse fact behind them are derived');
SELECT is((SELECT threshold FROM unification_item WHERE scheme_code = 'six_unifications' AND item_code = 'drug_3'),
          0.9, 'platform share threshold 0.9');
SELECT is_empty($$SELECT scheme_code, item_code FROM unification_item
                  WHERE is_preset AND evidence_kind = 'attested' AND scheme_code = 'six_unifications'
                    AND evidence_code <> item_code$$,
                'six_unifications attested items read the evidence of their own code');
SELECT is((SELECT array_agg(item_code ORDER BY item_code) FROM unification_item
           WHERE scheme_code = 'six_unifications' AND document_code = 'project_default'),
          '{info_6}'::text[], 'the one six-unification item no seed states is marked project_default');
SELECT is_empty($$SELECT * FROM unification_grade WHERE is_preset AND document_code <> 'project_default'$$,
                'preset grade thresholds are project_default: the documents set none');
SELECT set_eq($$SELECT grade, min_score FROM unification_grade WHERE scheme_code = 'six_unifications'$$,
              $$VALUES ('A', 90::float8), ('B', 75), ('C', 60), ('D', 0)$$, 'grades A 90, B 75, C 60, D 0');
SELECT is((SELECT count(*)::int FROM unification_rule), 5, 'five rules');

-- Bad configuration: 22023 naming the value.
SELECT throws_ok($$INSERT INTO unification_dimension (scheme_code, dimension_code, dimension_no, name_zh, name_en, document_code)
                   VALUES ('no_such', 'x', 1, 'x', 'x', 'project_default')$$,
                 '22023', 'unknown checklist scheme "no_such"', 'dimension of an unknown scheme');
SELECT throws_ok($$UPDATE unification_dimension SET weight = -1
                   WHERE scheme_code = 'six_unifications' AND dimension_code = 'finance'$$,
                 '22023', 'invalid weight -1 of dimension "finance" in scheme "six_unifications"', 'negative dimension weight');
SELECT throws_ok($$UPDATE unification_item SET weight = 'NaN'
                   WHERE scheme_code = 'six_unifications' AND item_code = 'adm_1'$$,
                 '22023', 'invalid weight NaN of item "adm_1"', 'NaN item weight');
SELECT throws_ok($$UPDATE unification_item SET threshold = 1.5
                   WHERE scheme_code = 'six_unifications' AND item_code = 'drug_3'$$,
                 '22023', 'invalid threshold 1.5 of item "drug_3"', 'threshold above 1');
SELECT throws_ok($$UPDATE unification_item SET rule_code = 'no_rule'
                   WHERE scheme_code = 'six_unifications' AND item_code = 'drug_3'$$,
                 '22023', 'unknown rule "no_rule" of derived item "drug_3"', 'unknown rule');
SELECT throws_ok($$UPDATE unification_item SET parameters = '{"windw_months": 2}'
                   WHERE scheme_code = 'six_unifications' AND item_code = 'qc_4'$$,
                 '22023', 'unknown parameter(s) windw_months of item "qc_4" (rule qc_inspected_by_lead)', 'misspelt parameter');
SELECT throws_ok($$UPDATE unification_item SET dimension_code = 'nope'
                   WHERE scheme_code = 'six_unifications' AND item_code = 'adm_1'$$,
                 '22023', 'unknown dimension "nope" of scheme "six_unifications" for item "adm_1"', 'unknown dimension');
SELECT throws_ok($$UPDATE unification_item SET evidence_code = 'admin_1'
                   WHERE scheme_code = 'six_unifications' AND item_code = 'adm_1'$$,
                 '22023', 'invalid evidence code "admin_1" of attested item "adm_1"', 'evidence code outside the evidence fact''s codes');
SELECT throws_ok($$UPDATE unification_grade SET min_score = 120 WHERE scheme_code = 'six_unifications' AND grade = 'A'$$,
                 '22023', 'invalid threshold 120 of grade "A" in scheme "six_unifications"', 'grade threshold above 100');
SELECT throws_ok($$UPDATE unification_setting SET member_weighting = 'beds' WHERE scheme_code = 'six_unifications'$$,
                 '22023', 'invalid member weighting "beds" of scheme "six_unifications"', 'unknown member weighting');

SELECT * FROM finish();
ROLLBACK;
