-- The one refresh entry point (刷新): every stored layer for a range of months,
-- layer by layer in the order of medalliance.refresh_layer, each logged in
-- refresh_log.  Each layer can also be refreshed on its own.  A layer is run
-- once its refresh function (refresh_layer.refreshed_by) exists, so the list
-- of layers is written only as the rows of refresh_layer.
CREATE FUNCTION medalliance.refresh(period_from date, period_to date,
                                    OUT layer text, OUT refresh_id bigint)
RETURNS SETOF record
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SECURITY INVOKER
SET search_path = pg_catalog, medalliance, pg_temp
AS $$
DECLARE
    l record;
BEGIN
    FOR l IN SELECT r.layer, r.refreshed_by FROM medalliance.refresh_layer r
             WHERE EXISTS (SELECT FROM pg_catalog.pg_proc p
                           WHERE p.proname = r.refreshed_by
                             AND p.pronamespace = 'medalliance'::regnamespace)
             ORDER BY r.layer_no
    LOOP
        layer := l.layer;
        EXECUTE pg_catalog.format('SELECT medalliance.%I($1, $2)', l.refreshed_by)
            INTO refresh_id USING period_from, period_to;
        RETURN NEXT;
    END LOOP;
END
$$;
COMMENT ON FUNCTION medalliance.refresh(date, date) IS
    '刷新 Recomputes every stored layer whose refresh function exists (indicators, six-unification compliance, quality control, … in the order of refresh_layer) for the months from period_from to period_to (inclusive), each in its own refresh_log row; returns one row per layer. Each layer can also be refreshed on its own.';
