-- The SQL fuzz harness's driver (test/fuzz/sql_fuzz.sh loads it into a scratch
-- database and runs it chunk by chunk).  It finds in the catalogue every
-- function, aggregate and window function that belongs to the extensions
-- medalliance and medalliance_demo, and every type of theirs with a text input
-- or a binary receive, and calls them with random and malformed values:
-- NaN, ±Infinity, huge and negative numbers, empty, random and long strings,
-- random bytes, NULLs, arrays of wrong dimensions and lower bounds, dates
-- out of range.  A call either returns or raises an ERROR; a SQLSTATE of
-- class XX (internal error) or 58 (system error), or a PL/pgSQL assertion
-- (P0004), is a failure, recorded with the statement that raised it.
--
-- Every call runs in a subtransaction that is always rolled back, so a
-- function that writes (a refresh, add_month_partitions) leaves nothing
-- behind.  VOLATILE functions may be expensive (the generator, a refresh of a
-- loaded warehouse): they get only values meant to be refused (NULL, NaN,
-- ±Infinity, negative or huge numbers, dates far out of range).  A call
-- that runs for more than a few seconds is cancelled by the watchdog of
-- sql_fuzz.sh (each call names itself and its start in application_name)
-- and counted as 57014; a target that has spent its time budget over the
-- run is not called again (both depend on the machine's speed, and are
-- printed).
--
-- Deterministic for a seed: fuzz.run(seed, chunk, calls) seeds random() from
-- (seed, chunk); the pool of values that earlier calls returned (fed back as
-- arguments) is committed per chunk, so a chunk is replayed exactly by
-- running the chunks before it with the same seed.
CREATE SCHEMA fuzz;

-- What is called: one row per target.
CREATE TABLE fuzz.target (
    target_id   serial PRIMARY KEY,
    kind        text NOT NULL,        -- function, aggregate, window, input, receive
    proc        regprocedure,         -- for function, aggregate, window
    typ         regtype,              -- for input, receive
    label       text NOT NULL,
    arg_types   regtype[] NOT NULL DEFAULT '{}',
    min_args    integer NOT NULL DEFAULT 0,
    bounded     boolean NOT NULL DEFAULT false,
    is_srf      boolean NOT NULL DEFAULT false,
    direct_args integer NOT NULL DEFAULT 0   -- ordered-set aggregates
);
CREATE TABLE fuzz.skipped (label text, reason text);
-- Values that calls returned, fed back as arguments of their type.
CREATE TABLE fuzz.pool (typ regtype, slot integer, val text, PRIMARY KEY (typ, slot));
CREATE TABLE fuzz.outcome (target_id integer, sqlstate text, calls bigint, PRIMARY KEY (target_id, sqlstate));
CREATE TABLE fuzz.failure (chunk integer, target_id integer, sqlstate text, message text, statement text);
CREATE TABLE fuzz.spent (target_id integer PRIMARY KEY, seconds double precision);
CREATE TABLE fuzz.words (w text);
CREATE TABLE fuzz.word (n integer PRIMARY KEY, w text);   -- the words numbered from 0, to pick one by number

CREATE FUNCTION fuzz.discover() RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
    p record;
    t record;
    n integer;
BEGIN
    FOR p IN
        SELECT pr.oid, pr.oid::regprocedure AS proc, pr.prokind, pr.proretset, pr.provolatile, pr.pronargs,
               pr.pronargdefaults, pr.prorettype, ARRAY(SELECT unnest(pr.proargtypes::regtype[])) AS args, e.extname,   -- from 1, not 0
               a.aggkind, a.aggnumdirectargs
        FROM pg_proc pr
        JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = pr.oid AND d.deptype = 'e'
        JOIN pg_extension e ON e.oid = d.refobjid AND e.extname IN ('medalliance', 'medalliance_demo')
        LEFT JOIN pg_aggregate a ON a.aggfnoid = pr.oid
        ORDER BY pr.oid::regprocedure::text
    LOOP
        IF p.prorettype IN ('trigger'::regtype, 'event_trigger'::regtype) THEN
            INSERT INTO fuzz.skipped VALUES (p.proc::text, 'a trigger function (callable only as a trigger)');
            CONTINUE;
        END IF;
        IF 'internal'::regtype = ANY (p.args) OR p.prorettype = 'internal'::regtype THEN
            INSERT INTO fuzz.skipped VALUES (p.proc::text, 'takes or returns internal (not callable from SQL; reached through its type or aggregate)');
            CONTINUE;
        END IF;
        SELECT count(*) INTO n FROM unnest(p.args) x
        WHERE (SELECT typtype FROM pg_type WHERE oid = x) = 'p' AND x NOT IN ('cstring'::regtype);
        IF n > 0 THEN
            INSERT INTO fuzz.skipped VALUES (p.proc::text, 'a pseudo-type argument');
            CONTINUE;
        END IF;
        INSERT INTO fuzz.target (kind, proc, label, arg_types, min_args, bounded, is_srf, direct_args)
        VALUES (CASE p.prokind WHEN 'a' THEN 'aggregate' WHEN 'w' THEN 'window' ELSE 'function' END,
                p.proc, p.proc::text, p.args, p.pronargs - p.pronargdefaults,
                p.provolatile = 'v', p.proretset,
                CASE WHEN p.aggkind IN ('o', 'h') THEN p.aggnumdirectargs ELSE 0 END);
    END LOOP;
    -- Types: text input of every base type, binary receive of those that have one.
    FOR t IN
        SELECT ty.oid::regtype AS typ, ty.typinput, ty.typreceive
        FROM pg_type ty
        JOIN pg_depend d ON d.classid = 'pg_type'::regclass AND d.objid = ty.oid AND d.deptype = 'e'
        JOIN pg_extension e ON e.oid = d.refobjid AND e.extname IN ('medalliance', 'medalliance_demo')
        WHERE ty.typtype IN ('b', 'c', 'd', 'e')
        ORDER BY 1::text
    LOOP
        INSERT INTO fuzz.target (kind, typ, label) VALUES ('input', t.typ, format('%s input', t.typ));
        IF t.typreceive <> 0 THEN
            INSERT INTO fuzz.target (kind, typ, label) VALUES ('receive', t.typ, format('%s receive', t.typ));
            EXECUTE format('CREATE TABLE fuzz.%I (v %s)', 'recv_' || t.typ::oid, t.typ);
        END IF;
    END LOOP;
    -- Words the extension understands, so that text arguments sometimes hit them.
    INSERT INTO fuzz.words
    SELECT DISTINCT w FROM (
        SELECT unnest(ARRAY['wilson', 'clopper_pearson', 'jeffreys', 'equal', 'volume', 'month', 'quarter',
                            'year', 'institution', 'alliance', 'county', 'city', 'province', 'percent', 'count',
                            'absolute', 'change_pp', 'relative_growth', '>=', '<=', 'higher_better',
                            'lower_better', 'topsis', 'rsr', 'entropy', 'outpatient', 'inpatient', 'resident',
                            'staff', 'capability', 'medalliance.encounter', 'medalliance.survey_response',
                            '1/2', '0/0', '3/2', '-1/5', ' 1 / 2 ', '+1/2', '9223372036854775807/9223372036854775807',
                            '9223372036854775808/1', 'NaN', 'Infinity', '-Infinity', '{}', '[0:0]={1}', '%s', '%I',
                            '医联体', E'\t', '(', ')', ',', '"', '\\', '{"capability": null}'])) x(w);
    -- and every short text value of the configuration tables (layers, codes, kinds)
    FOR t IN
        SELECT c.oid::regclass AS rel, a.attname
        FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
        WHERE c.relnamespace = 'medalliance'::regnamespace AND c.relkind = 'r' AND a.atttypid = 'text'::regtype
          AND NOT c.relispartition
    LOOP
        EXECUTE format('INSERT INTO fuzz.words SELECT DISTINCT %I FROM %s WHERE length(%I) < 40 LIMIT 50',
                       t.attname, t.rel, t.attname);
    END LOOP;
    INSERT INTO fuzz.word SELECT row_number() OVER (ORDER BY w) - 1, w FROM (SELECT DISTINCT w FROM fuzz.words) x;
    RETURN (SELECT count(*) FROM fuzz.target);
END $$;

-- A random word (the count is kept in a setting for the session).
CREATE FUNCTION fuzz.word() RETURNS text LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    total integer := nullif(current_setting('fuzz.nwords', true), '')::integer;
BEGIN
    IF total IS NULL THEN
        total := (SELECT count(*) FROM fuzz.word);
        PERFORM set_config('fuzz.nwords', total::text, false);
    END IF;
    total := floor(random() * total)::integer;   -- once, not per row
    RETURN (SELECT x.w FROM fuzz.word x WHERE x.n = total);
END $$;

CREATE FUNCTION fuzz.pick(a text[]) RETURNS text LANGUAGE sql VOLATILE AS $$
    SELECT a[1 + floor(random() * cardinality(a))::int]
$$;

CREATE FUNCTION fuzz.random_text(maxlen integer) RETURNS text LANGUAGE sql VOLATILE AS $$
    SELECT string_agg(CASE WHEN r < 0.7 THEN chr(32 + floor(random() * 95)::int)
                           WHEN r < 0.8 THEN substr('0123456789/-+.eE ', 1 + floor(random() * 17)::int, 1)
                           WHEN r < 0.9 THEN chr(1 + floor(random() * 31)::int)
                           ELSE chr(160 + floor(random() * 30000)::int) END, '')
    FROM (SELECT random() AS r FROM generate_series(1, floor(random() * (maxlen + 1))::int)) g
$$;

CREATE FUNCTION fuzz.random_bytes(maxlen integer) RETURNS bytea LANGUAGE sql VOLATILE AS $$
    SELECT coalesce(string_agg(set_byte('\x00'::bytea, 0, floor(random() * 256)::int), ''::bytea), ''::bytea)
    FROM generate_series(1, floor(random() * (maxlen + 1))::int)
$$;

-- A byte string a little wrong: a byte changed, cut short, grown, or a 4- or 8-byte word set to an extreme.
CREATE FUNCTION fuzz.mutate_bytes(b bytea) RETURNS bytea LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    r double precision := random();
    pos integer;
BEGIN
    IF b IS NULL OR length(b) = 0 THEN RETURN fuzz.random_bytes(32); END IF;
    pos := floor(random() * length(b))::int;
    IF r < 0.3 THEN
        RETURN set_byte(b, pos, floor(random() * 256)::int);
    ELSIF r < 0.45 THEN
        RETURN substr(b, 1, pos);
    ELSIF r < 0.6 THEN
        RETURN b || fuzz.random_bytes(16);
    ELSIF r < 0.8 AND length(b) >= 8 THEN
        pos := 8 * floor(random() * (length(b) / 8))::int;
        RETURN overlay(b PLACING decode(fuzz.pick(ARRAY['7fffffffffffffff', '8000000000000000', 'ffffffffffffffff',
                                                        '0000000000000000', '7ff8000000000000', '7ff0000000000000',
                                                        'fff0000000000000', '0000000000000001']), 'hex')
                       FROM pos + 1 FOR 8);
    ELSIF length(b) >= 4 THEN
        pos := 4 * floor(random() * (length(b) / 4))::int;
        RETURN overlay(b PLACING decode(fuzz.pick(ARRAY['7fffffff', '80000000', 'ffffffff', '00000000', '00000001']), 'hex')
                       FROM pos + 1 FOR 4);
    END IF;
    RETURN b || b;
END $$;

CREATE FUNCTION fuzz.mutate_text(s text) RETURNS text LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    r double precision := random();
    pos integer;
BEGIN
    IF s IS NULL OR s = '' THEN RETURN fuzz.random_text(12); END IF;
    pos := 1 + floor(random() * length(s))::int;
    IF r < 0.25 THEN
        RETURN overlay(s PLACING fuzz.pick(ARRAY['-', '9', '0', '/', ',', '{', '}', ' ', 'e', '.', 'x', '99999999999999999999'])
                       FROM pos FOR 1);
    ELSIF r < 0.45 THEN
        RETURN left(s, pos - 1);
    ELSIF r < 0.6 THEN
        RETURN s || fuzz.pick(ARRAY['0', '/0', ',', ',1', ')', '}', ' ', 'x', '9999999999999999999']);
    ELSIF r < 0.75 THEN
        RETURN regexp_replace(s, '[0-9]+', fuzz.pick(ARRAY['-1', '9223372036854775807', '9223372036854775808',
                                                               '0', 'NaN', '1e308', '']), fuzz.pick(ARRAY['', 'g']));
    ELSIF r < 0.85 THEN
        RETURN s || s;
    END IF;
    RETURN fuzz.random_text(24);
END $$;

-- A value of type t as a SQL expression.  bounded: only values a careful
-- function refuses (for VOLATILE functions, which may be expensive).
CREATE FUNCTION fuzz.value(t regtype, bounded boolean) RETURNS text LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    r    double precision := random();
    elem regtype;
    typt "char";
    n    integer;
    v    text;
    x    double precision;
BEGIN
    IF r < 0.06 THEN
        RETURN format('NULL::%s', t);
    END IF;
    r := random();
    SELECT CASE WHEN ty.typcategory = 'A' AND ty.typelem <> 0 THEN ty.typelem END, ty.typtype
    INTO elem, typt FROM pg_type ty WHERE ty.oid = t;
    IF elem IS NOT NULL THEN
        IF r < 0.3 THEN
            v := fuzz.pick(ARRAY['{}', '{NULL}', '[0:0]={1}', '[-3:-1]={1,2,3}', '[2:3]={0.5,0.25}', '{{1,2},{3,4}}',
                                 '{{{1}}}', '[1:1][1:2]={{1,2}}', '{NaN,Infinity,-Infinity}', '{1e308,-1e308}',
                                 '{0,0,0}', '{1,NULL,3}', '{-1,-2}', '{"a","b"}', '{1/2,0/0}', '{}']);
            RETURN format('%L::%s', v, t);
        END IF;
        n := CASE WHEN random() < 0.5 THEN floor(random() * 6)::int ELSE floor(random() * 40)::int END;
        IF random() < 0.15 THEN   -- two dimensions
            RETURN format('ARRAY[ARRAY[%s], ARRAY[%s]]::%s',
                          (SELECT string_agg(fuzz.value(elem, bounded), ', ') FROM generate_series(1, greatest(n / 2, 1))),
                          (SELECT string_agg(fuzz.value(elem, bounded), ', ') FROM generate_series(1, greatest(n / 2, 1))), t);
        END IF;
        v := format('ARRAY[%s]::%s', (SELECT string_agg(fuzz.value(elem, bounded), ', ') FROM generate_series(1, n)), t);
        IF n = 0 THEN v := format('ARRAY[]::%s', t); END IF;
        IF random() < 0.1 THEN   -- another lower bound
            -- the text form of an array with n elements and lower bound b is '[b:b+n-1]={...}'
            v := format('(SELECT (''['' || lb || '':'' || (lb + greatest(cardinality(a), 1) - 1) || '']='' || '
                        'coalesce(nullif(a::text, ''{}''), ''{NULL}''))::%s FROM (SELECT %s AS a, %s AS lb) z)',
                        t, format('ARRAY[%s]::%s', (SELECT string_agg(fuzz.value(elem, bounded), ', ')
                                                       FROM generate_series(1, greatest(n, 1))), t),
                        fuzz.pick(ARRAY['0', '-5', '7', '2']));
        END IF;
        RETURN v;
    END IF;
    IF t IN ('double precision'::regtype, 'real'::regtype, 'numeric'::regtype) THEN
        IF bounded THEN
            RETURN format('%L::%s', fuzz.pick(ARRAY['NaN', 'Infinity', '-Infinity', '-1', '1e30', '-1e30', '0', '6',
                                                    '-0.5', '1e300']), t);
        ELSIF r < 0.45 THEN
            v := fuzz.pick(ARRAY['NaN', 'Infinity', '-Infinity', '0', '-0', '1', '-1', '0.5', '0.95', '0.05', '1e-300',
                                 '5e-324', '1e308', '-1e308', '1.7976931348623157e308', '2', '100', '1e15', '1e-15',
                                 '0.9999999999999999', '1.0000000000000002', '0.999999999', '1e-9', '101', '-100']);
            IF t = 'numeric'::regtype AND random() < 0.2 THEN
                v := fuzz.pick(ARRAY['1e1000', '-1e1000', '0.000000000000000000000000000001', '123456789012345678901234567890']);
            ELSIF t = 'real'::regtype AND v IN ('1e-300', '5e-324', '1e308', '-1e308', '1.7976931348623157e308') THEN
                v := fuzz.pick(ARRAY['3.4e38', '-3.4e38', '1e-45']);
            END IF;
            RETURN format('%L::%s', v, t);
        END IF;
        x := (random() * 2 - 1) * power(10::double precision, floor(random() * 12)::int - 4);
        IF random() < 0.4 THEN x := random(); END IF;
        RETURN format('%L::%s', x::text, t);
    END IF;
    IF t IN ('smallint'::regtype, 'integer'::regtype, 'bigint'::regtype, 'oid'::regtype) THEN
        IF bounded THEN
            v := fuzz.pick(ARRAY['-1', '0', '-2147483648', '2147483647', '-32768']);
        ELSIF r < 0.35 THEN
            v := fuzz.pick(ARRAY['0', '1', '-1', '2', '5', '30', '100', '-32768', '32767', '-2147483648', '2147483647',
                                 '-9223372036854775808', '9223372036854775807', '4611686018427387904', '65536']);
        ELSIF r < 0.75 THEN
            v := floor(random() * 60)::int::text;
        ELSE
            v := floor((random() * 2 - 1) * power(10::double precision, floor(random() * 18)::int))::bigint::text;
        END IF;
        IF t = 'smallint'::regtype AND abs(v::numeric) > 32767 THEN v := fuzz.pick(ARRAY['32767', '-32768', '0']); END IF;
        IF t IN ('integer'::regtype, 'oid'::regtype) AND abs(v::numeric) > 2147483647 THEN
            v := fuzz.pick(ARRAY['2147483647', '-2147483648', '0']);
        END IF;
        IF t = 'oid'::regtype AND v::numeric < 0 THEN v := '0'; END IF;
        RETURN format('%L::%s', v, t);
    END IF;
    IF t = 'boolean'::regtype THEN
        RETURN fuzz.pick(ARRAY['true', 'false']);
    END IF;
    IF t IN ('date'::regtype, 'timestamp without time zone'::regtype, 'timestamp with time zone'::regtype) THEN
        IF current_setting('fuzz.period', true) = 'on' AND NOT bounded THEN
            -- a period of a counting helper: 1900 to 2200 at most (their cost grows with the months)
            v := CASE WHEN r < 0.3 THEN fuzz.pick(ARRAY['1900-01-01', '2200-12-31', '2024-02-29', '2023-12-31'])
                      ELSE (date '1900-01-01' + floor(random() * 109000)::int)::text END;
        ELSIF bounded OR r < 0.4 THEN
            v := fuzz.pick(ARRAY['infinity', '-infinity', '4713-01-01 BC', '0001-01-01', '9999-12-31', '5874897-12-31',
                                 '294276-12-31', '1000-02-29', '2100-01-01']);
            IF t <> 'date'::regtype AND v = '5874897-12-31' THEN v := '294276-12-31'; END IF;
        ELSIF r < 0.7 THEN
            v := fuzz.pick(ARRAY['2023-01-01', '2023-12-31', '2024-01-01', '2024-02-29', '2024-05-01', '2024-05-31',
                                 '2024-12-31', '1949-01-01', '2199-12-01']);
        ELSE
            v := (date '1990-01-01' + floor(random() * 20000)::int)::text;
        END IF;
        RETURN format('%L::%s', v, t);
    END IF;
    IF t = 'interval'::regtype THEN
        RETURN format('%L::interval', fuzz.pick(ARRAY['1 month', '-1 day', '0', '1000000 years', '1 microsecond', '3 months']));
    END IF;
    IF t IN ('jsonb'::regtype, 'json'::regtype) THEN
        v := fuzz.pick(ARRAY['{}', '[]', 'null', '1', '"x"', '{"capability": null}', '{"capability": "x"}',
                             '{"a": [1, 2]}', '{"level": 0.95}', '{"numerator": "x"}']);
        IF random() < 0.4 THEN
            v := jsonb_build_object(fuzz.word(),
                                    fuzz.pick(ARRAY['1', '"x"', 'null', '[]', '-1', '1e400', '"encounter"'])::jsonb)::text;
        END IF;
        RETURN format('%L::%s', v, t);
    END IF;
    IF t = 'regclass'::regtype THEN
        RETURN format('%L::regclass', fuzz.pick(ARRAY['medalliance.encounter', 'medalliance.survey_response',
                                                       'medalliance.referral', 'medalliance.region', 'pg_class']));
    END IF;
    IF t = 'bytea'::regtype THEN
        IF r < 0.5 THEN
            SELECT p.val INTO v FROM fuzz.pool p WHERE p.typ = t AND p.slot = (SELECT floor(random() * 64)::int);
            IF FOUND THEN RETURN format('%L::bytea', fuzz.mutate_bytes(v::bytea)::text); END IF;
        END IF;
        RETURN format('%L::bytea', fuzz.random_bytes(40)::text);
    END IF;
    IF t IN ('text'::regtype, 'character varying'::regtype, 'name'::regtype, 'cstring'::regtype) THEN
        IF r < 0.5 THEN
            v := fuzz.word();
        ELSIF r < 0.6 THEN
            v := fuzz.pick(ARRAY['', ' ', 'x', repeat('x', 10000), repeat('9', 400)]);
        ELSIF r < 0.75 THEN
            v := fuzz.word();
            v := fuzz.mutate_text(v);
        ELSE
            v := fuzz.random_text(30);
        END IF;
        RETURN format('%L::%s', v, t);
    END IF;
    IF typt = 'c' THEN   -- a composite type: a row of random attributes
        RETURN format('ROW(%s)::%s',
                      (SELECT string_agg(fuzz.value(a.atttypid::regtype, bounded), ', ' ORDER BY a.attnum)
                       FROM pg_attribute a JOIN pg_type ty ON ty.typrelid = a.attrelid
                       WHERE ty.oid = t AND a.attnum > 0 AND NOT a.attisdropped), t);
    END IF;
    -- The extension's own types (and anything else): a value an earlier call
    -- returned, that value a little wrong, or random text.
    SELECT p.val INTO v FROM fuzz.pool p WHERE p.typ = t AND p.slot = (SELECT floor(random() * 64)::int);
    IF FOUND AND r < 0.75 THEN
        RETURN format('%L::%s', v, t);
    ELSIF FOUND AND r < 0.9 THEN
        RETURN format('%L::%s', fuzz.mutate_text(v), t);
    END IF;
    v := fuzz.word();
    RETURN format('%L::%s', CASE WHEN random() < 0.5 THEN v ELSE fuzz.random_text(20) END, t);
END $$;

-- The statement that calls a target once, yielding one text column.
CREATE FUNCTION fuzz.statement(tg fuzz.target) RETURNS text LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    nargs integer;
    args  text;
    cols  text;
    rows  text;
    nrows integer;
    fname text;
    v     text;
    i     integer;
    b     bytea;
BEGIN
    IF tg.kind = 'input' THEN
        SELECT p.val INTO v FROM fuzz.pool p WHERE p.typ = tg.typ AND p.slot = (SELECT floor(random() * 64)::int);
        IF NOT FOUND OR random() < 0.3 THEN
            v := fuzz.word();
            IF random() < 0.5 THEN v := fuzz.random_text(30); END IF;
        END IF;
        IF random() < 0.7 THEN v := fuzz.mutate_text(v); END IF;
        RETURN format('SELECT (%L::%s)::text', v, tg.typ);
    END IF;
    IF tg.kind = 'receive' THEN
        -- bytes: the binary form of a value an earlier call returned, a little wrong, or random
        SELECT p.val INTO v FROM fuzz.pool p WHERE p.typ = tg.typ AND p.slot = (SELECT floor(random() * 64)::int);
        IF FOUND AND random() < 0.8 THEN
            EXECUTE format('SELECT %s(%L::%s)', (SELECT typsend::regproc FROM pg_type WHERE oid = tg.typ), v, tg.typ) INTO b;
            IF random() < 0.85 THEN b := fuzz.mutate_bytes(b); END IF;
        ELSE
            b := fuzz.random_bytes(40);
        END IF;
        -- one row of one field in COPY's binary format
        b := '\x5047434f50590aff0d0a00'::bytea || '\x0000000000000000'::bytea || '\x0001'::bytea
             || int4send(length(b)) || b || '\xffff'::bytea;
        -- (the large object and the file are gone with the call's rollback; the next call overwrites the file)
        RETURN format($f$SELECT lo_from_bytea(4242424, %L::bytea);
                        SELECT lo_export(4242424, 'fuzz_receive.bin');
                        COPY fuzz.%I FROM 'fuzz_receive.bin' (FORMAT binary);
                        SELECT max(v::text) FROM fuzz.%I$f$, b::text, 'recv_' || tg.typ::oid, 'recv_' || tg.typ::oid);
    END IF;
    SELECT format('%I.%I', n.nspname, p.proname) INTO fname
    FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE p.oid = tg.proc;
    nargs := cardinality(tg.arg_types);
    IF nargs > tg.min_args AND random() < 0.3 AND NOT tg.bounded THEN   -- leave some defaults out (a default may be valid)
        nargs := tg.min_args + floor(random() * (nargs - tg.min_args + 1))::int;
    END IF;
    IF tg.kind = 'function' THEN
        -- two dates or more: a period, which a counting helper walks month by month
        PERFORM set_config('fuzz.period',
                           CASE WHEN (SELECT count(*) FROM unnest(tg.arg_types) a
                                      WHERE a IN ('date'::regtype, 'timestamp without time zone'::regtype,
                                                  'timestamp with time zone'::regtype)) >= 2 THEN 'on' ELSE 'off' END,
                           true);
        SELECT string_agg(fuzz.value(tg.arg_types[k], tg.bounded), ', ' ORDER BY k) INTO args
        FROM generate_series(1, nargs) k;
        IF tg.is_srf THEN
            RETURN format('SELECT max(r::text) FROM %s(%s) r', fname, coalesce(args, ''));
        END IF;
        RETURN format('SELECT (%s(%s))::text', fname, coalesce(args, ''));
    END IF;
    -- aggregates and window functions: over a few rows of random arguments
    nargs := cardinality(tg.arg_types);
    nrows := CASE WHEN random() < 0.1 THEN 0 WHEN random() < 0.6 THEN 1 + floor(random() * 6)::int
                  ELSE floor(random() * 40)::int END;
    SELECT string_agg(format('c%s', k), ', ' ORDER BY k) INTO cols FROM generate_series(1, nargs) k;
    IF nrows = 0 THEN
        SELECT 'SELECT 0 AS o, 0 AS g' || coalesce(string_agg(format(', %s AS c%s', fuzz.value(tg.arg_types[k], tg.bounded), k), '' ORDER BY k), '')
               || ' WHERE false'
        INTO rows FROM generate_series(1, nargs) k;
    ELSE
        rows := '';
        FOR i IN 1 .. nrows LOOP
            SELECT rows || CASE WHEN i > 1 THEN ' UNION ALL ' ELSE '' END
                   || format('SELECT %s AS o, %s AS g', i, floor(random() * 3)::int)
                   || coalesce(string_agg(format(', %s AS c%s',
                                                 CASE WHEN k <= tg.direct_args AND i > 1 THEN 'NULL' ELSE fuzz.value(tg.arg_types[k], tg.bounded) END,
                                                 k), '' ORDER BY k), '')
            INTO rows FROM generate_series(1, nargs) k;
        END LOOP;
    END IF;
    IF tg.kind = 'window' THEN
        RETURN format('SELECT max(r) FROM (SELECT (%s(%s) OVER (%s ORDER BY o))::text AS r FROM (%s) t) x',
                      fname, coalesce(cols, ''), CASE WHEN random() < 0.5 THEN 'PARTITION BY g' ELSE '' END, rows);
    END IF;
    IF tg.direct_args > 0 THEN
        RETURN format('SELECT (%s(%s) WITHIN GROUP (ORDER BY %s))::text FROM (%s) t',
                      fname, (SELECT string_agg(format('(SELECT c%s FROM (%s) d ORDER BY o LIMIT 1)', k, rows), ', ')
                              FROM generate_series(1, tg.direct_args) k),
                      (SELECT string_agg(format('c%s', k), ', ') FROM generate_series(tg.direct_args + 1, nargs) k), rows);
    END IF;
    i := floor(random() * 4)::int;
    IF i = 0 THEN   -- as a moving window aggregate (inverse transitions, where the aggregate has them)
        RETURN format('SELECT max(r) FROM (SELECT (%s(%s) OVER (ORDER BY o ROWS BETWEEN 2 PRECEDING AND CURRENT ROW))::text AS r FROM (%s) t) x',
                      fname, coalesce(cols, ''), rows);
    ELSIF i = 1 THEN   -- grouped
        RETURN format('SELECT max(r) FROM (SELECT (%s(%s))::text AS r FROM (%s) t GROUP BY g) x',
                      fname, coalesce(cols, ''), rows);
    END IF;
    RETURN format('SELECT (%s(%s))::text FROM (%s) t', fname, coalesce(cols, ''), rows);
END $$;

-- Runs `calls` calls of random targets; returns the calls made.
CREATE FUNCTION fuzz.run(seed integer, chunk integer, calls integer, print_calls boolean DEFAULT false)
RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    targets fuzz.target[];
    tg      fuzz.target;
    stmt    text;
    res     text;
    state   text;
    msg     text;
    rettype regtype;
    part    text;
    k       text;
    counts  jsonb := '{}';
    made    bigint := 0;
    spent   jsonb := '{}';
    t0      timestamptz;
    budget  constant double precision := 3.0;   -- seconds per target over the whole run
BEGIN
    PERFORM setseed(((seed::bigint * 7919 + chunk * 104729) % 1999999) / 1000000.0 - 0.9999995);
    SELECT array_agg(t ORDER BY t.target_id) INTO targets FROM fuzz.target t;
    SELECT coalesce(jsonb_object_agg(target_id::text, seconds), '{}') INTO spent FROM fuzz.spent;
    FOR i IN 1 .. calls LOOP
        tg := targets[1 + floor(random() * cardinality(targets))::int];
        IF coalesce((spent ->> tg.target_id::text)::double precision, 0) > budget THEN
            CONTINUE;
        END IF;
        stmt := fuzz.statement(tg);
        IF print_calls THEN RAISE NOTICE 'call %: %', i, left(stmt, 2000); END IF;
        t0 := clock_timestamp();
        res := NULL;
        PERFORM set_config('application_name', format('medalliance_fuzz %s %s', i, extract(epoch FROM t0)), false);
        BEGIN
            IF tg.kind = 'receive' THEN
                -- several statements: run all but the last, then the last for its value
                FOR part IN SELECT unnest(string_to_array(stmt, ';')) LOOP
                    IF part ~* '^\s*SELECT' THEN EXECUTE part INTO res; ELSE EXECUTE part; END IF;
                END LOOP;
            ELSE
                EXECUTE stmt INTO res;
            END IF;
            RAISE EXCEPTION USING ERRCODE = 'FZ000';   -- roll back whatever the call wrote
        EXCEPTION
            WHEN query_canceled THEN   -- the watchdog: the call ran too long
                state := '57014';
            WHEN OTHERS THEN
                GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, msg = MESSAGE_TEXT;
        END;
        PERFORM set_config('application_name', 'medalliance_fuzz', false);
        made := made + 1;
        spent := jsonb_set(spent, ARRAY[tg.target_id::text],
                           to_jsonb(coalesce((spent ->> tg.target_id::text)::double precision, 0)
                                    + extract(epoch FROM clock_timestamp() - t0)));
        IF state = 'FZ000' THEN
            state := '00000';
            -- feed what came back to later calls of its type
            IF res IS NOT NULL THEN
                rettype := CASE WHEN tg.kind IN ('input', 'receive') THEN tg.typ
                                ELSE (SELECT prorettype FROM pg_proc WHERE oid = tg.proc) END;
                IF rettype = 'bytea'::regtype OR EXISTS (
                       SELECT FROM pg_depend d JOIN pg_extension e ON e.oid = d.refobjid
                       WHERE d.classid = 'pg_type'::regclass AND d.objid = rettype AND d.deptype = 'e'
                         AND e.extname IN ('medalliance', 'medalliance_demo')) THEN
                    INSERT INTO fuzz.pool VALUES (rettype, floor(random() * 64)::int, res)
                    ON CONFLICT (typ, slot) DO UPDATE SET val = excluded.val;
                END IF;
            END IF;
        ELSIF state LIKE 'XX%' OR state LIKE '58%' OR state = 'P0004' THEN
            INSERT INTO fuzz.failure VALUES (chunk, tg.target_id, state, msg, stmt);
        END IF;
        k := tg.target_id || ' ' || state;
        counts := jsonb_set(counts, ARRAY[k], to_jsonb(coalesce((counts ->> k)::bigint, 0) + 1));
    END LOOP;
    INSERT INTO fuzz.outcome
    SELECT split_part(key, ' ', 1)::integer, split_part(key, ' ', 2), value::bigint FROM jsonb_each_text(counts)
    ON CONFLICT (target_id, sqlstate) DO UPDATE SET calls = fuzz.outcome.calls + excluded.calls;
    INSERT INTO fuzz.spent SELECT key::integer, value::double precision FROM jsonb_each_text(spent)
    ON CONFLICT (target_id) DO UPDATE SET seconds = excluded.seconds;
    RETURN made;
END $$;
