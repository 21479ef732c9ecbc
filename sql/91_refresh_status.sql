-- What has been refreshed (刷新状态): one row per layer, so that a dashboard
-- read before any refresh, or long after the last one, can say so instead of
-- showing an empty or stale result as if it were the answer.

CREATE VIEW medalliance.refresh_status AS
SELECT l.layer_no, l.layer, l.name_zh, l.name_en,
       last.refresh_id IS NOT NULL AS refreshed,
       last.refresh_id AS last_refresh_id, last.performed_by AS last_performed_by,
       last.finished_at AS last_finished_at,
       last.period_from AS last_period_from, last.period_to AS last_period_to,
       span.first_month_refreshed, span.last_month_refreshed, span.refreshes,
       CASE WHEN last.refresh_id IS NULL
            THEN format('never refreshed: run SELECT * FROM medalliance.refresh(first_month, last_month)%s',
                        CASE WHEN l.scheme_kind IS NOT NULL THEN ' (its views are empty until then)' ELSE '' END)
       END AS hint
FROM medalliance.refresh_layer l
LEFT JOIN LATERAL (SELECT r.* FROM medalliance.refresh_log r WHERE r.layer = l.layer
                   ORDER BY r.refresh_id DESC LIMIT 1) last ON true
LEFT JOIN LATERAL (SELECT min(r.period_from) AS first_month_refreshed, max(r.period_to) AS last_month_refreshed,
                          count(*)::integer AS refreshes
                   FROM medalliance.refresh_log r WHERE r.layer = l.layer) span ON true;
COMMENT ON VIEW medalliance.refresh_status IS
    '刷新状态 one row per stored layer: whether it has ever been refreshed, its last refresh (who, when, which months) and the months any refresh has covered; hint says what to run when it never was. A BI tool that finds a layer''s views empty reads here why.';
COMMENT ON COLUMN medalliance.refresh_status.layer_no IS '顺序 the order refresh() runs the layers.';
COMMENT ON COLUMN medalliance.refresh_status.layer IS '层 the layer (refresh_layer).';
COMMENT ON COLUMN medalliance.refresh_status.name_zh IS '层名称 the Chinese name.';
COMMENT ON COLUMN medalliance.refresh_status.name_en IS '英文名称 the English name.';
COMMENT ON COLUMN medalliance.refresh_status.refreshed IS '已刷新 true once the layer has been refreshed (a committed refresh).';
COMMENT ON COLUMN medalliance.refresh_status.last_refresh_id IS '最近刷新编号 the last refresh (refresh_log).';
COMMENT ON COLUMN medalliance.refresh_status.last_performed_by IS '最近执行人 the role that ran it.';
COMMENT ON COLUMN medalliance.refresh_status.last_finished_at IS '最近完成时间 when it finished.';
COMMENT ON COLUMN medalliance.refresh_status.last_period_from IS '最近刷新起始月 its first month.';
COMMENT ON COLUMN medalliance.refresh_status.last_period_to IS '最近刷新终止月 its last month (inclusive).';
COMMENT ON COLUMN medalliance.refresh_status.first_month_refreshed IS '最早刷新月 the earliest month any refresh of the layer covered.';
COMMENT ON COLUMN medalliance.refresh_status.last_month_refreshed IS '最晚刷新月 the latest month any refresh of the layer covered.';
COMMENT ON COLUMN medalliance.refresh_status.refreshes IS '刷新次数 refreshes of the layer, a count.';
COMMENT ON COLUMN medalliance.refresh_status.hint IS '提示 what to run when the layer was never refreshed; NULL otherwise.';

GRANT SELECT ON medalliance.refresh_status TO medalliance_reader;
