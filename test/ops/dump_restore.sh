#!/usr/bin/env bash
# Operations test, run inside a cluster (PGHOST, PGPORT, PGUSER set), printing TAP:
#   1. a database using the extension (a small synthetic province, a refresh,
#      a configuration row a user added) is dumped with pg_dump -Fc and
#      restored with pg_restore into a fresh database, with no error and no
#      warning from either;
#   2. the restored database holds the same rows in every table of schema
#      medalliance (facts, partitions, stored results, configuration) and gives
#      the same results through every view: each compared whole, both ways,
#      row for row (a full join on the rows' text), the double precision
#      columns of views to 1e-12 relative;
#   3. DROP EXTENSION then CREATE EXTENSION works on an empty warehouse.
set -uo pipefail
work=$(mktemp -d /tmp/medalliance-dump.XXXXXX)
trap 'rm -rf "$work"; dropdb --if-exists medalliance_dump_src >/dev/null 2>&1; dropdb --if-exists medalliance_dump_dst >/dev/null 2>&1; dropdb --if-exists medalliance_dropcreate >/dev/null 2>&1' EXIT
n=0
ok() { n=$((n + 1)); if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi; }
psql_q() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }
echo "1..8"

dropdb --if-exists medalliance_dump_src >/dev/null 2>&1
dropdb --if-exists medalliance_dump_dst >/dev/null 2>&1
createdb medalliance_dump_src
psql_q -d medalliance_dump_src >"$work/setup.log" 2>&1 <<'SQL'
SET client_min_messages = warning;
CREATE EXTENSION medalliance;
CREATE EXTENSION medalliance_demo;
SELECT count(*) FROM medalliance_demo.generate_demo_province(0.002, 7);
SELECT count(*) FROM medalliance.refresh('2024-11-01', '2024-12-31');
-- Configuration a user adds: a document, a scheme copied from a preset, and a target of their own.
INSERT INTO medalliance.source_document (document_code, title, issuer, is_preset)
VALUES ('local_2025_1', 'A county''s own assessment rules', 'County health bureau', false);
INSERT INTO medalliance.scheme (scheme_code, scheme_kind, title, document_code, based_on_scheme)
VALUES ('local_targets', 'targets', 'Local targets', 'local_2025_1', 'miyi_2019_targets');
INSERT INTO medalliance.indicator_target (scheme_code, indicator_code, region_id, target_year, comparator,
                                          target_kind, target_value, document_code)
SELECT 'local_targets', indicator_code, NULL, 2024, '>=', 'absolute', 42, 'local_2025_1'
FROM medalliance.indicator ORDER BY indicator_code LIMIT 1;
SQL
ok $? "a database with a synthetic province, a refresh and a user's configuration rows"
[ -s "$work/setup.log" ] && sed 's/^/# /' "$work/setup.log"

pg_dump -Fc -d medalliance_dump_src -f "$work/dump" 2>"$work/dump.err"
rc=$?
[ -s "$work/dump.err" ] && sed 's/^/# pg_dump: /' "$work/dump.err"
[ $rc -eq 0 ] && [ ! -s "$work/dump.err" ]; ok $? "pg_dump -Fc: no error, no warning"

createdb medalliance_dump_dst
pg_restore -d medalliance_dump_dst "$work/dump" 2>"$work/restore.err"
rc=$?
[ -s "$work/restore.err" ] && head -n 20 "$work/restore.err" | sed 's/^/# pg_restore: /'
[ -s "$work/restore.err" ] && echo "# ($(grep -c 'ERROR' "$work/restore.err") errors in all)"
[ $rc -eq 0 ] && [ ! -s "$work/restore.err" ]; ok $? "pg_restore into a fresh database: no error, no warning"

# Every relation of schema medalliance, compared whole, both ways, in the restored
# database: tables row for row and exactly; views row for row, exactly but for
# their double precision columns, which may differ by a rounding (a view's avg()
# adds its rows in the order it reads them, and the restored heap orders them
# differently): those agree to 1e-12 relative.
psql_q -d medalliance_dump_dst -At >"$work/compare.out" 2>&1 <<SQL
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS dblink;
CREATE FUNCTION pg_temp.close(a float8[], b float8[]) RETURNS boolean LANGUAGE sql IMMUTABLE AS \$f\$
    SELECT cardinality(a) = cardinality(b)
           AND NOT EXISTS (SELECT FROM unnest(a, b) AS u(x, y)
                           WHERE NOT ((x IS NULL AND y IS NULL) OR x = y
                                      OR abs(x - y) <= 1e-12 * greatest(1, abs(x), abs(y))))
\$f\$;
CREATE FUNCTION pg_temp.compare(rel regclass, OUT missing bigint, OUT extra bigint, OUT total bigint,
                                OUT one_missing text, OUT one_extra text)
LANGUAGE plpgsql AS \$f\$
DECLARE
    exact boolean := (SELECT relkind IN ('r', 'p') FROM pg_class WHERE oid = rel);
    k text;
    f text;
    q text;
BEGIN
    SELECT coalesce('ROW(' || string_agg(format('r.%I', attname), ', ' ORDER BY attnum)
                           FILTER (WHERE exact OR atttypid NOT IN ('float8'::regtype, 'float4'::regtype)) || ')::text',
                    quote_literal('')),
           coalesce('ARRAY[' || string_agg(format('r.%I::float8', attname), ', ' ORDER BY attnum)
                            FILTER (WHERE NOT exact AND atttypid IN ('float8'::regtype, 'float4'::regtype)) || ']',
                    quote_literal('{}') || '::float8[]')
    INTO k, f
    FROM pg_attribute WHERE attrelid = rel AND attnum > 0 AND NOT attisdropped;
    q := format('SELECT %s AS k, %s AS f FROM %s r', k, f, rel);
    EXECUTE format(\$q\$
        WITH here AS (SELECT k, f, row_number() OVER (PARTITION BY k ORDER BY f::text) AS n FROM (%s) x),
             there AS (SELECT k, f, row_number() OVER (PARTITION BY k ORDER BY f::text) AS n
                       FROM public.dblink(%L, %L) AS t(k text, f float8[])),
             paired AS (SELECT h.k AS hk, h.f AS hf, t.k AS tk, t.f AS tf
                        FROM here h FULL JOIN there t ON t.k = h.k AND t.n = h.n)
        SELECT count(*) FILTER (WHERE hk IS NULL OR (tk IS NOT NULL AND NOT pg_temp.close(hf, tf))),
               count(*) FILTER (WHERE tk IS NULL OR (hk IS NOT NULL AND NOT pg_temp.close(hf, tf))),
               count(hk),
               min(tk || ' ' || tf::text) FILTER (WHERE hk IS NULL OR NOT pg_temp.close(hf, tf)),
               min(hk || ' ' || hf::text) FILTER (WHERE tk IS NULL OR NOT pg_temp.close(hf, tf))
        FROM paired\$q\$,
        q, format('host=%s port=%s dbname=medalliance_dump_src user=%s',
                  split_part(current_setting('unix_socket_directories'), ',', 1),
                  current_setting('port'), current_user), q)
    INTO missing, extra, total, one_missing, one_extra;
END
\$f\$;
CREATE TEMP TABLE differences AS
SELECT c.relkind, c.relname, d.*
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'medalliance'
CROSS JOIN LATERAL pg_temp.compare(c.oid) d
WHERE c.relkind IN ('r', 'p', 'v');
SELECT count(*) FILTER (WHERE relkind IN ('r', 'p')), count(*) FILTER (WHERE relkind = 'v'),
       sum(total) FILTER (WHERE relkind IN ('r', 'p') AND relname NOT LIKE '%\_p______'),
       sum(total) FILTER (WHERE relkind = 'v')
FROM differences;
SELECT format(E'differs: %s %s (%s missing, %s extra)\n  e.g. missing %s\n  e.g. extra   %s',
              relkind, relname, missing, extra, left(one_missing, 400), left(one_extra, 400))
FROM differences WHERE missing > 0 OR extra > 0 ORDER BY relname;
SELECT format('empty: %s', relname) FROM differences WHERE total = 0 AND relkind = 'v' ORDER BY relname;
SQL
rc=$?
sed 's/^/# /' "$work/compare.out"
differs=$(grep -c '^differs' "$work/compare.out")
[ $rc -eq 0 ] && [ "$differs" -eq 0 ]; ok $? "every table of the restored database equals the original's, and every view gives the same rows (floats to 1e-12)"

# The user's rows came back; a preset row is not doubled.
res=$(psql_q -d medalliance_dump_dst -At -c "
    SELECT (SELECT count(*) FROM medalliance.scheme WHERE scheme_code = 'local_targets')
         + (SELECT count(*) FROM medalliance.indicator_target WHERE scheme_code = 'local_targets')
         + (SELECT count(*) FROM medalliance.source_document WHERE document_code = 'local_2025_1')" 2>&1)
[ "$res" = 3 ]; ok $? "the configuration rows the user added are restored (got $res of 3)"
res=$(psql_q -d medalliance_dump_dst -At -c "SELECT count(*) FROM medalliance.refresh_log WHERE finished_at IS NOT NULL" 2>&1)
[ "${res:-0}" -gt 0 ] 2>/dev/null; ok $? "refresh_log is restored ($res finished refreshes)"

# DROP EXTENSION then CREATE EXTENSION on an empty warehouse.
dropdb --if-exists medalliance_dropcreate >/dev/null 2>&1
createdb medalliance_dropcreate
psql_q -d medalliance_dropcreate -c 'SET client_min_messages = warning' -c 'CREATE EXTENSION medalliance' \
    -c "SELECT medalliance.add_month_partitions('medalliance.encounter', '2024-01-01', '2024-02-01')" \
    -c 'DROP EXTENSION medalliance' >"$work/dc.log" 2>&1
ok $? "DROP EXTENSION medalliance on an empty warehouse"
[ -s "$work/dc.log" ] && grep -E 'ERROR|WARNING' "$work/dc.log" | sed 's/^/# /'
psql_q -d medalliance_dropcreate -c 'SET client_min_messages = warning' -c 'CREATE EXTENSION medalliance' \
    -c "SELECT count(*) FROM medalliance.add_month_partitions('medalliance.encounter', '2024-01-01', '2024-02-01')" \
    -c "INSERT INTO medalliance.region VALUES (1, 'P1', 'Province', 'province', NULL)" >"$work/dc2.log" 2>&1
ok $? "CREATE EXTENSION medalliance again, then add partitions and a row"
grep -E 'ERROR|WARNING' "$work/dc2.log" | sed 's/^/# /'
exit 0
