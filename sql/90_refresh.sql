-- The one refresh entry point (刷新): every stored layer for a range of months,
-- layer by layer, each logged in refresh_log.  The quality-control and
-- scorecard layers will join this list as they are built.
CREATE FUNCTION medalliance.refresh(period_from date, period_to date,
                                    OUT layer text, OUT refresh_id bigint)
RETURNS SETOF record
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SECURITY INVOKER
SET search_path = medalliance, pg_catalog, pg_temp
AS $$
BEGIN
    layer := 'indicators';
    refresh_id := medalliance.refresh_indicators(period_from, period_to);
    RETURN NEXT;
    layer := 'compliance';
    refresh_id := medalliance.refresh_unification(period_from, period_to);
    RETURN NEXT;
    layer := 'satisfaction';
    refresh_id := medalliance.refresh_satisfaction(period_from, period_to);
    RETURN NEXT;
END
$$;
COMMENT ON FUNCTION medalliance.refresh(date, date) IS
    '刷新 Recomputes every stored layer (indicators, six-unification compliance, then satisfaction) for the months from period_from to period_to (inclusive), each in its own refresh_log row; returns one row per layer. Each layer can also be refreshed on its own.';
