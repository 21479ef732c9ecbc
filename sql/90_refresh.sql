-- The one refresh entry point (刷新): every stored layer for a range of months,
-- layer by layer in the order of medalliance.refresh_layer, each logged in
-- refresh_log.  Each layer can also be refreshed on its own.
--
-- The layers are dispatched by data: each row of refresh_layer names the
-- function that refreshes it, called as refreshed_by(period_from, period_to).
-- A layer whose function is not installed yet (quality control and the
-- composite assessment are still being built) is skipped.
CREATE FUNCTION medalliance.refresh(period_from date, period_to date,
                                    OUT layer text, OUT refresh_id bigint)
RETURNS SETOF record
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SECURITY INVOKER
SET search_path = pg_catalog, medalliance, pg_temp
AS $$
DECLARE
    l record;
BEGIN
    FOR l IN SELECT r.layer, r.refreshed_by FROM medalliance.refresh_layer r ORDER BY r.layer_no LOOP
        CONTINUE WHEN NOT EXISTS (SELECT FROM pg_catalog.pg_proc p
                                  WHERE p.pronamespace = 'medalliance'::regnamespace
                                    AND p.proname = l.refreshed_by);
        layer := l.layer;
        EXECUTE pg_catalog.format('SELECT medalliance.%I($1, $2)', l.refreshed_by)
            INTO refresh_id USING period_from, period_to;
        RETURN NEXT;
    END LOOP;
END
$$;
COMMENT ON FUNCTION medalliance.refresh(date, date) IS
    '刷新 Recomputes every stored layer (in the order of refresh_layer: indicators, six-unification compliance, satisfaction; layers not yet installed are skipped) for the months from period_from to period_to (inclusive), each in its own refresh_log row; returns one row per layer. Each layer can also be refreshed on its own.';
