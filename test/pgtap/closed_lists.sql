-- One source per closed list.  Institution levels, alliance kinds, indicator
-- formulas, six-unification rules and refresh layers are each defined once
-- (a function or a lookup table); no constraint, trigger, generated column,
-- view or other function of the extension writes such a list out again.  An
-- object "writes a list" when its text names three or more of its codes.
BEGIN;
SET search_path = medalliance, public;
SELECT plan(9);

-- The text of every constraint, function body, view and generated column of the extension.
CREATE TEMP TABLE extension_text AS
SELECT pg_describe_object(d.classid, d.objid, 0) AS object, x.body
FROM pg_depend d
JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'medalliance' AND d.deptype = 'e'
CROSS JOIN LATERAL (
    SELECT p.prosrc FROM pg_proc p WHERE d.classid = 'pg_proc'::regclass AND p.oid = d.objid
    UNION ALL
    SELECT pg_get_viewdef(c.oid) FROM pg_class c
    WHERE d.classid = 'pg_class'::regclass AND c.oid = d.objid AND c.relkind = 'v'
    UNION ALL
    SELECT string_agg(pg_get_constraintdef(con.oid), ' ') FROM pg_constraint con
    WHERE d.classid = 'pg_class'::regclass AND con.conrelid = d.objid
    UNION ALL
    SELECT string_agg(pg_get_expr(ad.adbin, ad.adrelid), ' ') FROM pg_attrdef ad
    WHERE d.classid = 'pg_class'::regclass AND ad.adrelid = d.objid
) AS x(body)
WHERE x.body IS NOT NULL;

CREATE FUNCTION pg_temp.writers(codes text[]) RETURNS SETOF text LANGUAGE sql AS $$
    SELECT t.object FROM extension_text t
    WHERE (SELECT count(*) FROM unnest(codes) c WHERE t.body LIKE '%''' || c || '''%'
                                                   OR t.body LIKE '%"' || c || '"%') >= 3
$$;

SELECT ok((SELECT count(*) FROM extension_text) > 100, 'the texts of the extension''s objects were read');

SELECT set_eq($$SELECT * FROM pg_temp.writers(medalliance.institution_levels())$$,
              $$VALUES ('function institution_level_tiers()')$$,
              'institution levels are written once: institution_level_tiers()');
SELECT set_eq($$SELECT * FROM pg_temp.writers(medalliance.alliance_kinds())$$,
              $$VALUES ('function alliance_kinds()')$$,
              'alliance kinds are written once: alliance_kinds()');
SELECT is_empty($$SELECT * FROM pg_temp.writers(ARRAY(SELECT formula FROM medalliance.indicator_formula))$$,
                'indicator formulas are written only as the rows of indicator_formula');
SELECT set_eq($$SELECT * FROM pg_temp.writers(ARRAY(SELECT rule_code FROM medalliance.unification_rule))$$,
              $$VALUES ('function refresh_unification(date,date,text[])')$$,
              'six-unification rules are rows of unification_rule, implemented once in refresh_unification');
SELECT is_empty($$SELECT * FROM pg_temp.writers(ARRAY(SELECT layer FROM medalliance.refresh_layer))$$,
                'refresh layers are written only as the rows of refresh_layer');

-- The lists are used where they are checked.
SELECT ok((SELECT bool_and(pg_get_constraintdef(oid) LIKE '%institution_levels()%') FROM pg_constraint
           WHERE conname IN ('institution_level_check', 'reporting_feed_levels_check')),
          'the institution-level checks call institution_levels()');
SELECT ok((SELECT bool_and(pg_get_constraintdef(oid) LIKE '%alliance_kinds()%') FROM pg_constraint
           WHERE conname IN ('alliance_kind_check', 'unification_setting_kinds_check')),
          'the alliance-kind checks call alliance_kinds()');
SELECT is((SELECT confrelid::regclass::text FROM pg_constraint WHERE conname = 'indicator_formula_fkey'),
          'indicator_formula', 'an indicator''s formula references the formula lookup');

SELECT * FROM finish();
ROLLBACK;
