-- The checklist presets read against their documents: each claim has its own
-- evidence, measures the documents only encourage weigh less, and the values
-- no document sets are marked project_default.  (Their words, verbatim, are
-- checked by source_texts.sql.)
BEGIN;
SET search_path = medalliance, public;
SELECT plan(8);

-- One evidence row proves one claim: no scheme has two attested items reading the same code.
SELECT is_empty($$SELECT scheme_code, evidence_code, array_agg(item_code) FROM unification_item
                  WHERE is_preset AND evidence_kind = 'attested' GROUP BY 1, 2 HAVING count(*) > 1$$,
                'no preset scheme proves two items with one evidence code');
-- Nothing collects an evidence code that the six unifications derive (drug_2 is a rule's).
SELECT is_empty($$SELECT a.scheme_code, a.item_code, a.evidence_code FROM unification_item a
                  JOIN unification_item d ON d.scheme_code = 'six_unifications' AND d.evidence_kind = 'derived'
                   AND d.item_code = a.evidence_code
                  WHERE a.is_preset AND a.evidence_kind = 'attested'$$,
                'no attested preset item reads the code of a derived item');
SELECT results_eq($$SELECT item_code, evidence_code FROM unification_item
                    WHERE (scheme_code, item_code) IN (('miyi_unified_procurement', 'up_account'),
                          ('miyi_unified_procurement', 'up_payment'), ('nantong_five_unifications', 'nt_appraisal'),
                          ('nantong_five_unifications', 'nt_pay')) ORDER BY 1$$,
                  $$VALUES ('nt_appraisal', 'adm_9'), ('nt_pay', 'hr_8'), ('up_account', 'drug_8'), ('up_payment', 'drug_9')$$,
                  'procurement account and payment, alliance assessment and pay pool read evidence of their own');
-- 探索 / 鼓励: every preset item whose words explore or encourage is marked so and weighs half.
SELECT is_empty($$SELECT scheme_code, item_code FROM unification_item
                  WHERE is_preset AND source_text ~ '探索|鼓励' AND NOT is_encouraged$$,
                'every item the document words as 探索 or 鼓励 is marked encouraged');
SELECT is_empty($$SELECT scheme_code, item_code, weight FROM unification_item
                  WHERE is_preset AND (is_encouraged <> (weight = 0.5) OR weight NOT IN (0.5, 1))$$,
                'encouraged items weigh 0.5, the others 1');
SELECT is((SELECT document_code FROM unification_item WHERE scheme_code = 'six_unifications' AND item_code = 'drug_3'),
          'miyi_2019_draft', 'unified purchasing and distribution rests on Miyi 统一采购配送, the alliance-level source');
SELECT is_empty($$SELECT scheme_code, item_code FROM unification_item
                  WHERE is_preset AND (threshold IS NOT NULL OR valid_months IS NOT NULL)
                    AND threshold_document_code <> 'project_default'$$,
                'thresholds, windows and validity months are project_default: no document sets them');

-- 以乡带村: the six unifications score the members Hainan 2021 names, not village clinics or stations.
SELECT is_empty($$SELECT item_code, applies_to_levels FROM unification_item
                  WHERE scheme_code = 'six_unifications'
                    AND (applies_to_levels IS NULL OR applies_to_levels && '{village_clinic,community_station}')$$,
                'no six-unification item scores village clinics or community stations');

SELECT * FROM finish();
ROLLBACK;
