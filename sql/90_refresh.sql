-- The one refresh entry point (刷新): every stored layer for a range of months,
-- layer by layer in the order of medalliance.refresh_layer, each logged in
-- refresh_log.  Each layer can also be refreshed on its own.

-- The schemes of one kind among those named; NULL (every scheme) when none were named.
CREATE FUNCTION medalliance.schemes_of_kind(scheme_codes text[], kind text)
RETURNS text[]
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, medalliance, pg_temp
AS $$
    SELECT CASE WHEN scheme_codes IS NULL THEN NULL
                ELSE ARRAY(SELECT s.scheme_code FROM medalliance.scheme s
                           WHERE s.scheme_code = ANY (scheme_codes) AND s.scheme_kind = kind
                           ORDER BY s.scheme_code) END
$$;
COMMENT ON FUNCTION medalliance.schemes_of_kind(text[], text) IS
    '方案筛选 The schemes of the given kind among scheme_codes (NULL when scheme_codes is NULL: every scheme of the kind).';

CREATE FUNCTION medalliance.refresh(period_from date, period_to date,
                                    layers text[] DEFAULT NULL, scheme_codes text[] DEFAULT NULL,
                                    OUT layer text, OUT refresh_id bigint)
RETURNS SETOF record
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SECURITY INVOKER
SET search_path = pg_catalog, medalliance, pg_temp
AS $$
DECLARE
    l       record;
    unknown text;
    schemes text[];
BEGIN
    PERFORM medalliance.check_refresh_period('refresh', period_from, period_to);
    SELECT string_agg(coalesce(x, 'NULL'), ', ') INTO unknown FROM unnest(layers) x
    WHERE x IS NULL OR NOT EXISTS (SELECT FROM medalliance.refresh_layer r WHERE r.layer = x);
    IF unknown IS NOT NULL OR cardinality(layers) = 0 THEN
        RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
            MESSAGE = format('unknown refresh layer(s): %s', coalesce(unknown, '(none)')),
            HINT = 'The layers are listed in medalliance.refresh_layer; leave layers NULL for all of them.';
    END IF;
    SELECT string_agg(coalesce(c, 'NULL'), ', ') INTO unknown FROM unnest(scheme_codes) c
    WHERE c IS NULL OR NOT EXISTS (SELECT FROM medalliance.scheme s WHERE s.scheme_code = c);
    IF unknown IS NOT NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
            MESSAGE = format('unknown scheme(s): %s', unknown),
            HINT = 'The schemes are listed in medalliance.scheme; leave scheme_codes NULL for all of them.';
    END IF;

    -- One token per call: the layers of this call that count encounters or
    -- referrals share the months of the fact summaries (encounter_month,
    -- referral_month) that the first of them builds (fact_summary_refresh);
    -- cleared when the call ends.
    PERFORM pg_catalog.set_config('medalliance.refresh_call',
                                  pg_catalog.format('%s/%s', pg_catalog.pg_current_xact_id(), pg_catalog.clock_timestamp()),
                                  true);

    -- The layers, dispatched by data: each row of refresh_layer names the
    -- function that refreshes it, refreshed_by(period_from, period_to
    -- [, scheme_codes of the layer's scheme kind]).  A layer whose function
    -- is not installed is skipped; so is a layer none of whose schemes was named.
    FOR l IN SELECT r.* FROM medalliance.refresh_layer r
             WHERE (layers IS NULL OR r.layer = ANY (layers))
               AND (pg_catalog.to_regprocedure(format('medalliance.%I(date, date)', r.refreshed_by)) IS NOT NULL
                    OR pg_catalog.to_regprocedure(format('medalliance.%I(date, date, text[])', r.refreshed_by)) IS NOT NULL)
             ORDER BY r.layer_no
    LOOP
        schemes := CASE WHEN l.scheme_kind IS NOT NULL THEN medalliance.schemes_of_kind(scheme_codes, l.scheme_kind) END;
        CONTINUE WHEN schemes IS NOT NULL AND cardinality(schemes) = 0;
        layer := l.layer;
        IF schemes IS NULL THEN
            EXECUTE format('SELECT medalliance.%I($1, $2)', l.refreshed_by)
                INTO refresh_id USING period_from, period_to;
        ELSE
            EXECUTE format('SELECT medalliance.%I($1, $2, $3)', l.refreshed_by)
                INTO refresh_id USING period_from, period_to, schemes;
        END IF;
        RETURN NEXT;
    END LOOP;
    PERFORM pg_catalog.set_config('medalliance.refresh_call', '', true);
END
$$;
COMMENT ON FUNCTION medalliance.refresh(date, date, text[], text[]) IS
    '刷新 Recomputes the stored layers (all whose refresh function is installed, or those named in layers), in the order of refresh_layer, for the months from period_from to period_to (inclusive), each in its own refresh_log row; scheme_codes limits each layer to the named schemes of its kind (all when NULL; a layer none of whose schemes is named is skipped). Returns one row per layer refreshed. Each layer can also be refreshed on its own.';
