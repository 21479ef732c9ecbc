-- The README's Excel recipe: a CSV in GB18030, the encoding Excel on Chinese
-- Windows reads a CSV in (code page 936, GBK, of which GB18030 is the
-- superset).  The file is written by psql (COPY TO STDOUT \g file, as the
-- recipe's \copy does) and read back by the server as bytes.
BEGIN;
SET search_path = medalliance, public;
SELECT plan(4);

SELECT '/tmp/medalliance_excel_' || pg_backend_pid() || '.csv' AS csv_file \gset
COPY (SELECT indicator_code, name_zh FROM indicator WHERE indicator_code = 'county_visit_rate')
    TO STDOUT WITH (FORMAT csv, HEADER, ENCODING 'GB18030') \g :csv_file
CREATE TEMP TABLE exported AS SELECT pg_read_binary_file(:'csv_file') AS bytes;
\! rm -f /tmp/medalliance_excel_*.csv

-- 县域内就诊率 in GBK (GB 2312 rows and cells, from the code table): 县 CF D8, 域 D3 F2,
-- 内 C4 DA, 就 BE CD, 诊 D5 EF, 率 C2 CA.
SELECT is((SELECT bytes FROM exported),
          convert_to('indicator_code,name_zh' || chr(10) || 'county_visit_rate,', 'UTF8')
          || '\xcfd8d3f2c4dabecdd5efc2ca'::bytea || convert_to(chr(10), 'UTF8'),
          'the file holds the GBK bytes of 县域内就诊率');
SELECT is((SELECT convert_from(bytes, 'GB18030') FROM exported),
          'indicator_code,name_zh' || chr(10) || 'county_visit_rate,县域内就诊率' || chr(10),
          'read as GB18030 it is the text of the row');
SELECT is((SELECT position(convert_to('县域内就诊率', 'UTF8') IN bytes) FROM exported), 0,
          'no UTF-8 bytes of the Chinese name remain');

-- Every Chinese name the catalogue ships converts (no character outside GB18030).
SELECT lives_ok($$SELECT convert_to(string_agg(name_zh, ','), 'GB18030') FROM indicator$$,
                'every indicator name converts to GB18030');

SELECT * FROM finish();
ROLLBACK;
