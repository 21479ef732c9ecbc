-- Every preset row of every table that has both is_preset and source_text
-- (found from the catalogue, so a table added later is checked too) cites its
-- document verbatim: source_text occurs in the seed file of its document_code.
-- The seed files are copied into :fixtures by test/reference/seed_texts.py.
BEGIN;
SET search_path = medalliance, public;
SELECT plan(5);

CREATE TEMP TABLE seed (document_code text PRIMARY KEY, body text NOT NULL);
CREATE FUNCTION pg_temp.load_seeds(dir text) RETURNS bigint LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO seed
    SELECT d.document_code, pg_read_file(dir || '/seed_' || d.seed_file)
    FROM medalliance.source_document d WHERE d.seed_file IS NOT NULL;
    RETURN (SELECT count(*) FROM seed);
END $$;
SELECT is(pg_temp.load_seeds(:'fixtures'), 5::bigint, 'the five seed files are read');

-- The tables to check, from the catalogue.
CREATE TEMP TABLE cited_table AS
SELECT c.relname::text AS table_name
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'medalliance'
WHERE c.relkind IN ('r', 'p')
  AND EXISTS (SELECT FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'is_preset' AND NOT a.attisdropped)
  AND EXISTS (SELECT FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'source_text' AND NOT a.attisdropped);
SELECT ok((SELECT array_agg(table_name) FROM cited_table)
          @> ARRAY['indicator_target', 'indicator_applicability', 'qc_item', 'qc_measure', 'qc_setting',
                   'satisfaction_scheme', 'unification_item'],
          'the catalogue lists the targets, applicability, checklist items, QC and satisfaction presets among the cited tables');
SELECT ok(NOT EXISTS (SELECT FROM cited_table t WHERE NOT EXISTS (
              SELECT FROM pg_attribute a WHERE a.attrelid = ('medalliance.' || t.table_name)::regclass
                                             AND a.attname = 'document_code')),
          'every cited table names the document of each row');

-- Preset rows whose document is one of the five and whose source_text is missing or
-- is not a substring of that document.
CREATE FUNCTION pg_temp.paraphrases() RETURNS TABLE (table_name text, row_text text) LANGUAGE plpgsql AS $$
DECLARE
    t text;
BEGIN
    FOR t IN SELECT c.table_name FROM cited_table c ORDER BY 1 LOOP
        RETURN QUERY EXECUTE format(
            'SELECT %L::text, x::text FROM medalliance.%I x JOIN seed s ON s.document_code = x.document_code
             WHERE x.is_preset AND (x.source_text IS NULL OR strpos(s.body, x.source_text) = 0)', t, t);
    END LOOP;
END $$;
SELECT is_empty($$SELECT * FROM pg_temp.paraphrases()$$,
                'every preset source_text occurs verbatim in its seed file');
-- The check catches a paraphrase: the text Hainan 2024 once carried ("达到45%") is not its words ("达45%").
SELECT ok(strpos((SELECT body FROM seed WHERE document_code = 'hainan_2024_1'), '全人群签约率达到45%以上') = 0
          AND strpos((SELECT body FROM seed WHERE document_code = 'hainan_2024_1'), '全人群签约率达45%以上') > 0,
          'a paraphrase is not a substring of the seed, the words are');

SELECT * FROM finish();
ROLLBACK;
