-- Timing helpers shared by the benchmarks (loaded into a throwaway database).
-- bench_time(query, repetitions) runs the query that many times, discarding
-- its rows, and returns the median wall time in milliseconds.
CREATE FUNCTION bench_time(query text, repetitions integer DEFAULT 5)
RETURNS double precision LANGUAGE plpgsql AS $$
DECLARE
    started timestamptz;
    times double precision[] := '{}';
    ignored bigint;
BEGIN
    FOR i IN 1 .. repetitions LOOP
        started := clock_timestamp();
        -- the whole-row test makes every output column (every aggregate) count
        EXECUTE format('SELECT count(*) FROM (%s) AS timed WHERE timed IS NOT NULL', query) INTO ignored;
        times := times || (extract(epoch FROM clock_timestamp() - started) * 1000)::double precision;
    END LOOP;
    RETURN (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY t) FROM unnest(times) t);
END $$;

-- bench_pair(label, candidate, baseline): times both, interleaved (warm-up
-- first), and returns one row with both medians and their ratio.
CREATE FUNCTION bench_pair(label text, candidate text, baseline text, repetitions integer DEFAULT 7,
                           OUT benchmark text, OUT candidate_ms numeric, OUT baseline_ms numeric,
                           OUT ratio numeric)
LANGUAGE plpgsql AS $$
DECLARE
    c double precision[] := '{}';
    b double precision[] := '{}';
BEGIN
    PERFORM bench_time(candidate, 1);
    PERFORM bench_time(baseline, 1);
    FOR i IN 1 .. repetitions LOOP
        c := c || bench_time(candidate, 1);
        b := b || bench_time(baseline, 1);
    END LOOP;
    benchmark := label;
    candidate_ms := round((SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY t) FROM unnest(c) t)::numeric, 1);
    baseline_ms := round((SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY t) FROM unnest(b) t)::numeric, 1);
    ratio := round(candidate_ms / nullif(baseline_ms, 0), 3);
END $$;

-- The plan a query gets, on one line, to show that both sides ran alike.
CREATE FUNCTION bench_plan(query text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE line text; result text := '';
BEGIN
    FOR line IN EXECUTE 'EXPLAIN (COSTS OFF) ' || query LOOP
        result := result || ' / ' || btrim(line);
    END LOOP;
    RETURN substr(result, 4);
END $$;
