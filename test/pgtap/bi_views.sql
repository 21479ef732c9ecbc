-- BI views (sql/96_bi.sql): schema medalliance_bi holds views only, which a
-- reader — with no USAGE on schema medalliance — opens; plain types, display
-- rounding with the exact figures beside, a Chinese label beside every code
-- (every code of the closed lists, found in the catalogue, has one), a
-- Chinese and English comment with a unit on every column, and the scopes of
-- a viewer hold through them.
BEGIN;
CREATE EXTENSION IF NOT EXISTS medalliance_demo;
SET search_path = medalliance, medalliance_demo, public;
SELECT plan(31);

CREATE ROLE bi_test_reader NOLOGIN IN ROLE medalliance_reader;
CREATE ROLE bi_test_viewer NOLOGIN IN ROLE medalliance_viewer;

\i test/fixtures/as_role.sql

CREATE TEMP VIEW bi_column AS
SELECT c.relname::text AS view_name, a.attname::text AS column_name, a.attnum,
       format_type(a.atttypid, a.atttypmod) AS type, col_description(c.oid, a.attnum) AS descr
FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
WHERE c.relnamespace = 'medalliance_bi'::regnamespace;

-- The schema ------------------------------------------------------------------------

SELECT set_eq($$SELECT relname::text FROM pg_class WHERE relnamespace = 'medalliance_bi'::regnamespace$$,
              $$VALUES ('indicator_value'), ('target_attainment'), ('unification_alliance'),
                       ('unification_alliance_dimension'), ('unification_member'), ('unification_missing_evidence'), ('unification_not_assessable'),
                       ('qc_alliance'), ('qc_member'), ('qc_item_loss'), ('qc_funnel'),
                       ('satisfaction_alliance'), ('satisfaction_member'), ('satisfaction_item_result'),
                       ('assessment_scorecard'), ('assessment_domain_score'), ('assessment_explain'),
                       ('refresh_status')$$,
              'medalliance_bi holds one BI view per result view a reader reads');
SELECT set_eq($$SELECT relname::text FROM pg_class WHERE relnamespace = 'medalliance_bi'::regnamespace$$,
              $$SELECT relname::text FROM pg_class WHERE relnamespace = 'medalliance'::regnamespace AND relkind = 'v'
                  AND has_table_privilege('medalliance_reader', oid, 'SELECT')
                  AND relname NOT IN ('region_ancestry', 'unit_directory')$$,
              'as the catalogue says: the views of medalliance granted to readers, but the two directories of units');
SELECT is_empty($$
    SELECT relname::text FROM pg_class WHERE relnamespace = 'medalliance_bi'::regnamespace AND relkind <> 'v'
    UNION ALL SELECT proname::text FROM pg_proc WHERE pronamespace = 'medalliance_bi'::regnamespace
    UNION ALL SELECT typname::text FROM pg_type WHERE typnamespace = 'medalliance_bi'::regnamespace AND typrelid = 0 AND typelem = 0
$$, 'and nothing but views');
SELECT ok(has_schema_privilege('medalliance_reader', 'medalliance_bi', 'USAGE')
          AND has_schema_privilege('medalliance_viewer', 'medalliance_bi', 'USAGE')
          AND NOT has_schema_privilege('medalliance_reader', 'medalliance', 'USAGE')
          AND NOT has_schema_privilege('medalliance_viewer', 'medalliance', 'USAGE')
          AND NOT has_schema_privilege('public', 'medalliance_bi', 'USAGE')
          AND has_schema_privilege('medalliance_analyst', 'medalliance', 'USAGE'),
          'readers and viewers reach medalliance_bi and not medalliance; analysts reach medalliance; PUBLIC neither');
SELECT is_empty($$
    SELECT c.oid::regclass FROM pg_class c WHERE c.relnamespace = 'medalliance_bi'::regnamespace
      AND NOT (has_table_privilege('medalliance_reader', c.oid, 'SELECT')
               AND has_table_privilege('medalliance_viewer', c.oid, 'SELECT')
               AND NOT has_table_privilege('public', c.oid, 'SELECT')
               AND c.relowner = 'medalliance_view_owner'::regrole)
$$, 'readers and viewers (not PUBLIC) read every BI view; medalliance_view_owner owns them');
SELECT is_empty($$
    SELECT view_name, column_name, type FROM bi_column
    WHERE type NOT IN ('numeric', 'text', 'integer', 'bigint', 'smallint', 'date', 'boolean', 'timestamp with time zone')
$$, 'every column has a plain type (numeric, text, integer, date, boolean, timestamp): none of the extension''s');
SELECT is_empty($$
    SELECT view_name, column_name, descr FROM bi_column
    WHERE descr IS NULL OR descr !~ '[一-龥]' OR descr !~ '[A-Za-z]{3}'
$$, 'every column has a comment in Chinese and English');
SELECT is_empty($$
    SELECT view_name, column_name, descr FROM bi_column
    WHERE descr !~ '(单位|编号|日期|时间|文本|代码|中文标签|序号|是/否)'
       OR (type = 'numeric' AND (descr !~ '单位：' OR descr ~ '见说明' OR descr !~ 'rounded for display to [0-9] decimals'))
$$, 'every comment states the unit; every fractional column a unit of the list and its display decimals');

-- Every code column has its label beside it: <column>_zh, or the name the view
-- carries already (<stem>_name_zh, <stem>_text_zh for <stem>_code).
SELECT is_empty($$
    SELECT b.view_name, b.column_name FROM bi_column b JOIN medalliance.code_column cc USING (column_name)
    WHERE NOT EXISTS (SELECT FROM bi_column s WHERE s.view_name = b.view_name
                        AND s.column_name IN (b.column_name || '_zh',
                                              regexp_replace(b.column_name, '_code$', '') || '_name_zh',
                                              regexp_replace(b.column_name, '_code$', '') || '_text_zh'))
$$, 'every code column has a Chinese label column beside it');
SELECT ok((SELECT count(*) FROM bi_column b JOIN medalliance.code_column cc USING (column_name)) >= 60,
          'the code columns are found (60 or more)');
SELECT has_column('medalliance_bi', 'unification_alliance', 'weakest_dimension_zh',
                  'unification_alliance shows the weakest dimension''s Chinese name');
SELECT has_column('medalliance_bi', 'indicator_value', 'value_unit', 'indicator_value names its unit value_unit');
SELECT hasnt_column('medalliance_bi', 'indicator_value', 'unit', 'and has no column unit');

-- The label table covers the closed lists, read from the catalogue: the list
-- functions and the CHECK constraints that spell out a list.
CREATE TEMP TABLE closed_list (code_list text, code text);
INSERT INTO closed_list
SELECT 'institution_level', unnest(institution_levels())
UNION ALL SELECT 'alliance_kind', unnest(alliance_kinds())
UNION ALL SELECT 'survey_kind', unnest(survey_kinds())
UNION ALL SELECT 'assessment_rule', unnest(assessment_rules())
UNION ALL
SELECT l.code_list, m[1]
FROM (VALUES ('unit_level', 'indicator_state_unit_level_check'), ('grain', 'unification_member_period_grain_check'),
             ('direction', 'indicator_direction_check'), ('value_unit', 'indicator_unit_check'),
             ('target_kind', 'indicator_target_kind_check'), ('comparator', 'indicator_target_comparator_check'),
             ('peer_group', 'qc_funnel_point_peer_check'), ('evidence_kind', 'unification_item_evidence_kind_check'),
             ('assessment_role', 'assessment_measure_role_check'), ('weighting', 'qc_setting_weighting_check'),
             ('weighting', 'unification_setting_weighting_check'), ('weighting', 'satisfaction_scheme_weighting_check'))
     AS l(code_list, conname)
JOIN pg_constraint con ON con.conname = l.conname AND con.connamespace = 'medalliance'::regnamespace
CROSS JOIN LATERAL regexp_matches(pg_get_constraintdef(con.oid), '''([^'']+)''::text', 'g') AS m;
SELECT cmp_ok((SELECT count(DISTINCT code_list) FROM closed_list), '=', 14::bigint, 'the closed lists are read (14)');
SELECT is_empty($$SELECT code_list, code FROM closed_list EXCEPT SELECT code_list, code FROM code_label$$,
                'every code of a closed list has a label in code_label');
SELECT is_empty($$SELECT column_name, code_list FROM code_column
                  WHERE code_list NOT IN (SELECT code_list FROM code_label)
                    AND code_list NOT IN ('scheme', 'source_document', 'unification_dimension', 'assessment_domain', 'refresh_layer',
                                          'unification_rule')$$,
                'every code column names a list of code_label or a catalogue that names its codes');

-- The province --------------------------------------------------------------------

SELECT lives_ok($$SELECT * FROM generate_demo_province(0.005, 1)$$, 'the synthetic province at scale 0.005');
SELECT lives_ok($$SELECT * FROM refresh('2024-01-01', '2024-03-31')$$, 'a refresh of the first quarter of 2024');

-- A reader without USAGE on schema medalliance opens every BI view, and the
-- functions and types the views use inside work for it: it sees as many rows
-- as the view of schema medalliance has (read here as the owner).
CREATE TEMP TABLE read_counts AS
SELECT c.relname::text AS view_name,
       pg_temp.as_role('bi_test_reader', format('SELECT count(*) FROM medalliance_bi.%I', c.relname)) AS seen,
       (xpath('/row/n/text()', query_to_xml(format('SELECT count(*) AS n FROM medalliance.%I', c.relname), false, true, '')))[1]::text AS total
FROM pg_class c WHERE c.relnamespace = 'medalliance_bi'::regnamespace;
SELECT is_empty($$SELECT * FROM read_counts WHERE seen IS DISTINCT FROM total$$,
                'a reader reads every BI view, each with the rows of the view it wraps');
SELECT ok((SELECT count(*) FROM read_counts WHERE total::bigint > 0) >= 12,
          'most BI views have rows after the refresh (12 or more)');
SELECT is(pg_temp.as_role('bi_test_reader', 'SELECT count(*) FROM medalliance.indicator_value'), 'error 42501',
          'a reader cannot open the views of schema medalliance');

-- Every code shown has its label: for each code column and its _zh label in
-- every BI view, no row with a code and no label.
CREATE TEMP TABLE unlabelled AS
SELECT b.view_name, b.column_name,
       (xpath('/row/n/text()', query_to_xml(format('SELECT count(*) AS n FROM medalliance_bi.%I WHERE %I IS NOT NULL AND %I IS NULL',
                                                   b.view_name, b.column_name, b.column_name || '_zh'), false, true, '')))[1]::text::bigint AS missing,
       (xpath('/row/n/text()', query_to_xml(format('SELECT count(%I) AS n FROM medalliance_bi.%I',
                                                   b.column_name, b.view_name), false, true, '')))[1]::text::bigint AS coded
FROM bi_column b
WHERE EXISTS (SELECT FROM bi_column s WHERE s.view_name = b.view_name AND s.column_name = b.column_name || '_zh');
SELECT is_empty($$SELECT * FROM unlabelled WHERE missing > 0$$, 'every code shown in a BI view has its Chinese label');
SELECT ok((SELECT count(*) FROM unlabelled WHERE coded > 0) >= 40, 'codes were shown in 40 or more code columns');
-- and the label is code_label's for the code, where the list is one of
-- code_label (the BI views carry those labels written into them)
CREATE TEMP TABLE mislabelled AS
SELECT b.view_name, b.column_name,
       (xpath('/row/n/text()', query_to_xml(format('SELECT count(*) AS n FROM medalliance_bi.%I v WHERE v.%I IS NOT NULL AND v.%I IS DISTINCT FROM (SELECT l.label_zh FROM medalliance.code_label l WHERE l.code_list = %L AND l.code = v.%I)',
                                                   b.view_name, b.column_name, b.column_name || '_zh', cc.code_list, b.column_name), false, true, '')))[1]::text::bigint AS wrong,
       (xpath('/row/n/text()', query_to_xml(format('SELECT count(%I) AS n FROM medalliance_bi.%I', b.column_name, b.view_name),
                                            false, true, '')))[1]::text::bigint AS coded
FROM bi_column b
JOIN code_column cc ON cc.column_name = b.column_name
WHERE cc.code_list IN (SELECT code_list FROM code_label)
  AND EXISTS (SELECT FROM bi_column s WHERE s.view_name = b.view_name AND s.column_name = b.column_name || '_zh');
SELECT is_empty($$SELECT * FROM mislabelled WHERE wrong > 0$$, 'every label of a code_label list is code_label''s label of the code');
SELECT ok((SELECT count(*) FROM mislabelled WHERE coded > 0) >= 20, 'checked in 20 or more code columns with codes');

-- Display rounding: a percent is 100·numerator/denominator (computed here in
-- numeric) to two decimals, with the exact figures beside it.
SELECT is_empty($$
    SELECT b.unit_level, b.unit_id, b.indicator_code, b.grain, b.period_start, b.value, b.numerator, b.denominator
    FROM medalliance_bi.indicator_value b
    WHERE b.value_unit = 'percent' AND b.denominator > 0
      AND (abs(b.value - round(100 * b.numerator::numeric / b.denominator, 2)) > 0.01 OR scale(b.value) > 2)
$$, 'a percent is 100·numerator/denominator rounded to 2 decimals');
SELECT ok((SELECT count(*) FROM medalliance_bi.indicator_value WHERE value_unit = 'percent' AND denominator > 0
           AND value <> round(100 * numerator::numeric / denominator, 6)) > 100,
          'and rounding changed the value shown (so the check above is not vacuous)');
SELECT is_empty($$
    SELECT view_name, column_name FROM bi_column WHERE type = 'numeric'
      AND (xpath('/row/n/text()', query_to_xml(format('SELECT coalesce(max(scale(%I)), 0) AS n FROM medalliance_bi.%I',
                                                      column_name, view_name), false, true, '')))[1]::text::integer
          > substring(descr FROM 'rounded for display to ([0-9]) decimals')::integer
$$, 'no fractional value shows more decimals than its comment states');

-- The weakest dimension's label is its name in its scheme.
SELECT is_empty($$
    SELECT b.alliance_id, b.weakest_dimension, b.weakest_dimension_zh, d.name_zh
    FROM medalliance_bi.unification_alliance b
    JOIN unification_dimension d ON d.scheme_code = b.scheme_code AND d.dimension_code = b.weakest_dimension
    WHERE b.weakest_dimension_zh IS DISTINCT FROM d.name_zh
$$, 'weakest_dimension_zh is the Chinese name of the weakest dimension in its scheme');

-- A scoped viewer, without USAGE on schema medalliance, sees through a BI view
-- only its alliance.
SELECT min(alliance_id) AS scope_alliance FROM alliance WHERE alliance_kind = 'county_medical_community' \gset
INSERT INTO viewer_scope (role_name, alliance_id) VALUES ('bi_test_viewer', :scope_alliance);
SELECT is(pg_temp.as_role('bi_test_viewer', 'SELECT count(*) || ''/'' || count(*) FILTER (WHERE unit_level = ''alliance'' AND unit_id = '
                                              || :scope_alliance || ') FROM medalliance_bi.target_attainment WHERE unit_level = ''alliance'''),
          (SELECT count(*) || '/' || count(*) FROM target_attainment WHERE unit_level = 'alliance' AND unit_id = :scope_alliance),
          'a viewer scoped to one alliance sees through medalliance_bi.target_attainment the rows of that alliance only');

-- Display rounding of a double: scaled by 10^decimals and rounded half away
-- from zero in double precision (2.675·100 is 267.5 there, so 2.68; -0.125 is
-- exact, so -0.13), as round(numeric) shows them; NaN, the infinities and
-- magnitudes from 1e15 up are shown as they are.
INSERT INTO satisfaction_item_state (scheme_code, alliance_id, unit_level, unit_id, grain, period_start, item_code,
                                     not_applicable, unanswered, item_score, refresh_id)
SELECT 'satisfaction_outpatient', -1, 'alliance', -1, 'year', make_date(1990 + v.n, 1, 1), 'waiting_time', 0, 0, v.x, 0
FROM (VALUES (1, 2.675::float8), (2, -0.125), (3, 'NaN'), (4, 'Infinity'), (5, '-Infinity'), (6, 1e16),
             (7, 12.5), (8, 0.005)) v(n, x);
SELECT results_eq(
    $$SELECT item_score::text FROM medalliance_bi.satisfaction_item_result WHERE alliance_id = -1 ORDER BY period_start$$,
    $$VALUES ('2.68'), ('-0.13'), ('NaN'), ('Infinity'), ('-Infinity'), ('10000000000000000.00'), ('12.50'), ('0.01')$$,
    'a double is shown rounded to its decimals, half away from zero; NaN, infinities and huge values pass');
SELECT * FROM finish();
ROLLBACK;
