-- Hostile shadows in schema public (issue 14, "search_path safety").  A role
-- that may create objects in public plants 30 functions, operators and
-- aggregates named like built-ins the extension uses — =, +, <, || for
-- integers, bigints, text, dates, jsonb; lower, upper, date_trunc,
-- generate_series, make_date, to_char, cardinality, concat_ws,
-- array_to_string, jsonb_build_object, format, hashtext, round,
-- clock_timestamp; sum, count(*), max — each recording its call.  (coalesce,
-- greatest, least and nullif are SQL syntax, not functions: nothing can
-- shadow them.)  A superuser with public FIRST on its search_path then
-- refreshes every layer over a synthetic province and reads the views: none
-- of the shadows may be called, because every function of the extension pins
-- search_path = pg_catalog, medalliance, pg_temp and the views were bound
-- when created.  A direct call under the same search_path shows that each
-- trap would catch a call.
BEGIN;
CREATE EXTENSION IF NOT EXISTS medalliance_demo;
SELECT plan(5);

SELECT lives_ok($$SELECT * FROM medalliance_demo.generate_demo_province(0.001, 1)$$,
                'a small synthetic province (scale 0.001)');

CREATE TABLE public.shadow_call (name text NOT NULL);
CREATE FUNCTION public.shadow_hit(name text) RETURNS void
LANGUAGE sql AS $$ INSERT INTO public.shadow_call VALUES (name) $$;

-- Functions, each with the signature of a built-in (or a better match for a
-- date argument than the built-in's timestamp).
CREATE FUNCTION public.lower(t text) RETURNS text LANGUAGE plpgsql AS
$$ BEGIN PERFORM public.shadow_hit('lower'); RETURN pg_catalog.lower(t); END $$;
CREATE FUNCTION public.upper(t text) RETURNS text LANGUAGE plpgsql AS
$$ BEGIN PERFORM public.shadow_hit('upper'); RETURN pg_catalog.upper(t); END $$;
CREATE FUNCTION public.date_trunc(f text, d date) RETURNS timestamp LANGUAGE plpgsql AS
$$ BEGIN PERFORM public.shadow_hit('date_trunc(text,date)'); RETURN pg_catalog.date_trunc(f, d::timestamp); END $$;
CREATE FUNCTION public.date_trunc(f text, d timestamp) RETURNS timestamp LANGUAGE plpgsql AS
$$ BEGIN PERFORM public.shadow_hit('date_trunc(text,timestamp)'); RETURN pg_catalog.date_trunc(f, d); END $$;
CREATE FUNCTION public.date_trunc(f text, d timestamptz) RETURNS timestamptz LANGUAGE plpgsql AS
$$ BEGIN PERFORM public.shadow_hit('date_trunc(text,timestamptz)'); RETURN pg_catalog.date_trunc(f, d); END $$;
CREATE FUNCTION public.generate_series(a date, b date, s interval) RETURNS SETOF date LANGUAGE plpgsql AS
$$ BEGIN PERFORM public.shadow_hit('generate_series(date,date,interval)');
         RETURN QUERY SELECT g::date FROM pg_catalog.generate_series(a::timestamp, b::timestamp, s) g; END $$;
CREATE FUNCTION public.make_date(y integer, m integer, d integer) RETURNS date LANGUAGE plpgsql AS
$$ BEGIN PERFORM public.shadow_hit('make_date'); RETURN pg_catalog.make_date(y, m, d); END $$;
CREATE FUNCTION public.to_char(d date, f text) RETURNS text LANGUAGE plpgsql AS
$$ BEGIN PERFORM public.shadow_hit('to_char(date,text)'); RETURN pg_catalog.to_char(d, f); END $$;
CREATE FUNCTION public.to_char(d timestamp, f text) RETURNS text LANGUAGE plpgsql AS
$$ BEGIN PERFORM public.shadow_hit('to_char(timestamp,text)'); RETURN pg_catalog.to_char(d, f); END $$;
CREATE FUNCTION public.cardinality(a anyarray) RETURNS integer LANGUAGE plpgsql AS
$$ BEGIN PERFORM public.shadow_hit('cardinality'); RETURN pg_catalog.cardinality(a); END $$;
CREATE FUNCTION public.concat_ws(sep text, VARIADIC a text[]) RETURNS text LANGUAGE plpgsql AS
$$ BEGIN PERFORM public.shadow_hit('concat_ws'); RETURN pg_catalog.array_to_string(a, sep); END $$;
CREATE FUNCTION public.array_to_string(a anyarray, sep text) RETURNS text LANGUAGE plpgsql AS
$$ BEGIN PERFORM public.shadow_hit('array_to_string'); RETURN pg_catalog.array_to_string(a, sep); END $$;
CREATE FUNCTION public.hashtext(t text) RETURNS integer LANGUAGE plpgsql AS
$$ BEGIN PERFORM public.shadow_hit('hashtext'); RETURN pg_catalog.hashtext(t); END $$;
CREATE FUNCTION public.round(x numeric, n integer) RETURNS numeric LANGUAGE plpgsql AS
$$ BEGIN PERFORM public.shadow_hit('round'); RETURN pg_catalog.round(x, n); END $$;
CREATE FUNCTION public.jsonb_build_object(VARIADIC a text[]) RETURNS jsonb LANGUAGE plpgsql AS
$$ BEGIN PERFORM public.shadow_hit('jsonb_build_object'); RETURN '{}'::jsonb; END $$;
CREATE FUNCTION public.format(f text, VARIADIC a text[]) RETURNS text LANGUAGE plpgsql AS
$$ BEGIN PERFORM public.shadow_hit('format'); RETURN f; END $$;
CREATE FUNCTION public.clock_timestamp() RETURNS timestamptz LANGUAGE plpgsql AS
$$ BEGIN PERFORM public.shadow_hit('clock_timestamp'); RETURN pg_catalog.clock_timestamp(); END $$;

-- Operators of the exact built-in signatures.
CREATE FUNCTION public.shadow_int4eq(a integer, b integer) RETURNS boolean LANGUAGE plpgsql AS
$$ BEGIN PERFORM public.shadow_hit('=(integer,integer)'); RETURN a OPERATOR(pg_catalog.=) b; END $$;
CREATE OPERATOR public.= (LEFTARG = integer, RIGHTARG = integer, FUNCTION = public.shadow_int4eq);
CREATE FUNCTION public.shadow_int8eq(a bigint, b bigint) RETURNS boolean LANGUAGE plpgsql AS
$$ BEGIN PERFORM public.shadow_hit('=(bigint,bigint)'); RETURN a OPERATOR(pg_catalog.=) b; END $$;
CREATE OPERATOR public.= (LEFTARG = bigint, RIGHTARG = bigint, FUNCTION = public.shadow_int8eq);
CREATE FUNCTION public.shadow_texteq(a text, b text) RETURNS boolean LANGUAGE plpgsql AS
$$ BEGIN PERFORM public.shadow_hit('=(text,text)'); RETURN a OPERATOR(pg_catalog.=) b; END $$;
CREATE OPERATOR public.= (LEFTARG = text, RIGHTARG = text, FUNCTION = public.shadow_texteq);
CREATE FUNCTION public.shadow_dateeq(a date, b date) RETURNS boolean LANGUAGE plpgsql AS
$$ BEGIN PERFORM public.shadow_hit('=(date,date)'); RETURN a OPERATOR(pg_catalog.=) b; END $$;
CREATE OPERATOR public.= (LEFTARG = date, RIGHTARG = date, FUNCTION = public.shadow_dateeq);
CREATE FUNCTION public.shadow_datelt(a date, b date) RETURNS boolean LANGUAGE plpgsql AS
$$ BEGIN PERFORM public.shadow_hit('<(date,date)'); RETURN a OPERATOR(pg_catalog.<) b; END $$;
CREATE OPERATOR public.< (LEFTARG = date, RIGHTARG = date, FUNCTION = public.shadow_datelt);
CREATE FUNCTION public.shadow_int4pl(a integer, b integer) RETURNS integer LANGUAGE plpgsql AS
$$ BEGIN PERFORM public.shadow_hit('+(integer,integer)'); RETURN a OPERATOR(pg_catalog.+) b; END $$;
CREATE OPERATOR public.+ (LEFTARG = integer, RIGHTARG = integer, FUNCTION = public.shadow_int4pl);
CREATE FUNCTION public.shadow_int8pl(a bigint, b bigint) RETURNS bigint LANGUAGE plpgsql AS
$$ BEGIN PERFORM public.shadow_hit('+(bigint,bigint)'); RETURN a OPERATOR(pg_catalog.+) b; END $$;
CREATE OPERATOR public.+ (LEFTARG = bigint, RIGHTARG = bigint, FUNCTION = public.shadow_int8pl);
CREATE FUNCTION public.shadow_datepl(a date, b interval) RETURNS timestamp LANGUAGE plpgsql AS
$$ BEGIN PERFORM public.shadow_hit('+(date,interval)'); RETURN a OPERATOR(pg_catalog.+) b; END $$;
CREATE OPERATOR public.+ (LEFTARG = date, RIGHTARG = interval, FUNCTION = public.shadow_datepl);
CREATE FUNCTION public.shadow_jsonbcat(a jsonb, b jsonb) RETURNS jsonb LANGUAGE plpgsql AS
$$ BEGIN PERFORM public.shadow_hit('||(jsonb,jsonb)'); RETURN a OPERATOR(pg_catalog.||) b; END $$;
CREATE OPERATOR public.|| (LEFTARG = jsonb, RIGHTARG = jsonb, FUNCTION = public.shadow_jsonbcat);

-- Aggregates.
CREATE FUNCTION public.shadow_sum8(s numeric, x bigint) RETURNS numeric LANGUAGE plpgsql AS
$$ BEGIN PERFORM public.shadow_hit('sum(bigint)'); RETURN coalesce(s, 0) OPERATOR(pg_catalog.+) x; END $$;
CREATE AGGREGATE public.sum(bigint) (SFUNC = public.shadow_sum8, STYPE = numeric);
CREATE FUNCTION public.shadow_sum4(s bigint, x integer) RETURNS bigint LANGUAGE plpgsql AS
$$ BEGIN PERFORM public.shadow_hit('sum(integer)'); RETURN coalesce(s, 0) OPERATOR(pg_catalog.+) x; END $$;
CREATE AGGREGATE public.sum(integer) (SFUNC = public.shadow_sum4, STYPE = bigint);
CREATE FUNCTION public.shadow_count(s bigint) RETURNS bigint LANGUAGE plpgsql AS
$$ BEGIN PERFORM public.shadow_hit('count(*)'); RETURN s OPERATOR(pg_catalog.+) 1; END $$;
CREATE AGGREGATE public.count(*) (SFUNC = public.shadow_count, STYPE = bigint, INITCOND = '0');
CREATE FUNCTION public.shadow_maxdate(s date, x date) RETURNS date LANGUAGE plpgsql AS
$$ BEGIN PERFORM public.shadow_hit('max(date)'); RETURN CASE WHEN s IS NULL OR x OPERATOR(pg_catalog.>) s THEN x ELSE s END; END $$;
CREATE AGGREGATE public.max(date) (SFUNC = public.shadow_maxdate, STYPE = date);

-- Every trap catches a direct call under the hostile search_path.
SET search_path = public, pg_catalog, medalliance;
CREATE TEMP TABLE direct AS
SELECT lower('A'::text), upper('a'::text), date_trunc('month'::text, date '2024-03-05') AS t1,
       date_trunc('month'::text, timestamp '2024-03-05') AS t2, date_trunc('month'::text, timestamptz '2024-03-05') AS t3,
       make_date(2024, 1, 1), to_char(date '2024-03-05', 'YYYY'::text) AS c1, to_char(timestamp '2024-03-05', 'YYYY'::text) AS c2,
       cardinality('{1}'::int[]), concat_ws(','::text, 'a'::text, 'b'::text), array_to_string('{1}'::int[], ','::text),
       hashtext('x'::text), round(1.5, 0), jsonb_build_object('a'::text, 'b'::text), format('%s'::text, 'x'::text),
       clock_timestamp(), 1 = 1 AS o1, 1::bigint = 1::bigint AS o2, 'a'::text = 'b'::text AS o3,
       date '2024-01-01' = date '2024-01-01' AS o4, date '2024-01-01' < date '2024-02-01' AS o5, 1 + 1 AS o6,
       1::bigint + 1::bigint AS o7, date '2024-01-01' + interval '1 month' AS o8, '{}'::jsonb || '{}'::jsonb AS o9,
       (SELECT max(g) FROM generate_series(date '2024-01-01', date '2024-02-01', interval '1 month') g) AS g,
       (SELECT sum(x::bigint) FROM (VALUES (1)) v (x)) AS a1, (SELECT sum(x) FROM (VALUES (1)) v (x)) AS a2,
       (SELECT count(*) FROM (VALUES (1)) v (x)) AS a3;
RESET search_path;
SELECT is((SELECT count(DISTINCT name) FROM public.shadow_call), 30::bigint,
          'each of the 30 shadows is called by a direct call under search_path = public, pg_catalog, medalliance');
TRUNCATE public.shadow_call;

-- A superuser refreshes with public first, then reads the views.  The
-- statements run here, not inside pgTAP's functions (which would call the
-- shadows themselves), and use no operator or aggregate of their own.
SET search_path = public, pg_catalog, medalliance, medalliance_demo;
CREATE TEMP TABLE refreshed AS SELECT * FROM medalliance.refresh('2024-03-01', '2024-03-31');
CREATE TEMP TABLE v_indicator AS SELECT * FROM medalliance.indicator_value;
CREATE TEMP TABLE v_target AS SELECT * FROM medalliance.target_attainment;
CREATE TEMP TABLE v_unification AS SELECT * FROM medalliance.unification_alliance;
CREATE TEMP TABLE v_qc AS SELECT * FROM medalliance.qc_alliance;
CREATE TEMP TABLE v_satisfaction AS SELECT * FROM medalliance.satisfaction_alliance;
CREATE TEMP TABLE v_completeness AS SELECT * FROM medalliance.reporting_completeness;
RESET search_path;
SELECT results_eq($$SELECT layer FROM refreshed ORDER BY refresh_id$$,
                  $$SELECT layer FROM medalliance.refresh_layer
                    WHERE to_regproc('medalliance.' || refreshed_by) IS NOT NULL ORDER BY layer_no$$,
                  'refresh() ran every installed layer with public first on the search_path');
SELECT ok((SELECT count(*) FROM v_indicator) > 0 AND (SELECT count(*) FROM v_unification) > 0
          AND (SELECT count(*) FROM v_qc) > 0 AND (SELECT count(*) FROM v_satisfaction) > 0
          AND (SELECT sum(rows_written) FROM medalliance.refresh_log l JOIN refreshed r USING (refresh_id)) > 0,
          'the refresh wrote states and the views returned rows');
SELECT is_empty($$SELECT name, count(*) FROM public.shadow_call GROUP BY name$$,
                'no shadow in public was called by the refresh or the views');

SELECT * FROM finish();
ROLLBACK;
