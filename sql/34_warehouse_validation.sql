-- The warehouse contract, continued: validation of what constraints cannot
-- catch, and reporting completeness.

-- Validation (数据校验) ------------------------------------------------------

CREATE FUNCTION medalliance.validate_warehouse()
RETURNS TABLE (check_code text, table_name text, row_key text, detail text)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, medalliance, pg_temp
AS $function$
WITH
rank_of(region_level, level_rank) AS (VALUES ('province', 3), ('city', 2), ('county', 1)),
mship AS (
    SELECT m.*, coalesce(m.valid_to, 'infinity'::date) AS valid_until FROM medalliance.membership m
),
-- Per institution, the spans of time covered by no membership at all.
cover AS (
    SELECT institution_id, valid_from, valid_until,
           max(valid_until) OVER (PARTITION BY institution_id ORDER BY valid_from
                                  ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS covered_until
    FROM mship
),
uncovered AS (
    SELECT institution_id, covered_until AS gap_from, valid_from AS gap_to
    FROM cover WHERE covered_until < valid_from
    UNION ALL
    SELECT institution_id, '-infinity'::date, min(valid_from) FROM mship GROUP BY institution_id
    UNION ALL
    SELECT institution_id, max(valid_until), 'infinity'::date FROM mship GROUP BY institution_id
    HAVING max(valid_until) < 'infinity'::date
    UNION ALL
    SELECT i.institution_id, '-infinity'::date, 'infinity'::date FROM medalliance.institution i
    WHERE NOT EXISTS (SELECT FROM medalliance.membership m WHERE m.institution_id = i.institution_id)
),
closed AS (
    SELECT institution_id, '-infinity'::date AS gap_from, opened_on AS gap_to
    FROM medalliance.institution WHERE opened_on IS NOT NULL
    UNION ALL
    SELECT institution_id, closed_on, 'infinity'::date
    FROM medalliance.institution WHERE closed_on IS NOT NULL
)
-- A region whose parent is not of a higher level.
SELECT 'region_parent_level', 'region', r.region_id::text,
       format('%s region %s has the %s %s as parent', r.region_level, r.region_id, p.region_level, p.region_id)
FROM medalliance.region r
JOIN medalliance.region p ON p.region_id = r.parent_region_id
JOIN rank_of rr ON rr.region_level = r.region_level
JOIN rank_of pr ON pr.region_level = p.region_level
WHERE pr.level_rank <= rr.level_rank
UNION ALL
-- A key group larger than the whole population of its region and year.
SELECT 'population_group_exceeds_all', 'population', format('%s/%s/%s', g.region_id, g.year, g.population_group),
       format('%s residents in group %s, %s in all', g.residents, g.population_group, a.residents)
FROM medalliance.population g
JOIN medalliance.population a ON a.region_id = g.region_id AND a.year = g.year AND a.population_group = 'all'
WHERE g.population_group <> 'all' AND g.residents > a.residents
UNION ALL
-- A key group larger than the whole population of its catchment and year.
SELECT 'catchment_group_exceeds_all', 'catchment_population',
       format('%s/%s/%s', g.institution_id, g.year, g.population_group),
       format('%s residents in group %s, %s in all', g.residents, g.population_group, a.residents)
FROM medalliance.catchment_population g
JOIN medalliance.catchment_population a
  ON a.institution_id = g.institution_id AND a.year = g.year AND a.population_group = 'all'
WHERE g.population_group <> 'all' AND g.residents > a.residents
UNION ALL
-- Catchments of a county's institutions holding more residents of a group than the county.
SELECT 'catchments_exceed_county', 'catchment_population', format('%s/%s/%s', p.region_id, p.year, p.population_group),
       format('catchments of county %s hold %s residents in group %s, the county %s', p.region_id, c.residents,
              p.population_group, p.residents)
FROM (SELECT i.region_id, cp.year, cp.population_group, sum(cp.residents) AS residents
      FROM medalliance.catchment_population cp
      JOIN medalliance.institution i ON i.institution_id = cp.institution_id
      GROUP BY 1, 2, 3) c
JOIN medalliance.population p
  ON p.region_id = c.region_id AND p.year = c.year AND p.population_group = c.population_group
WHERE c.residents > p.residents
UNION ALL
-- Facts placing a person in the catchment of an institution outside the person's county of
-- residence (one row per table, institution and county).
SELECT 'catchment_outside_residence', f.table_name, format('%s/%s', f.catchment_institution_id, f.residence_region_id),
       format('%s %s rows place residents of region %s in the catchment of institution %s, which sits in region %s',
              f.n, f.table_name, f.residence_region_id, f.catchment_institution_id, i.region_id)
FROM (SELECT 'encounter' AS table_name, catchment_institution_id, residence_region_id, count(*) AS n
      FROM medalliance.encounter WHERE catchment_institution_id IS NOT NULL GROUP BY 2, 3
      UNION ALL
      SELECT 'contract', catchment_institution_id, residence_region_id, count(*)
      FROM medalliance.contract WHERE catchment_institution_id IS NOT NULL GROUP BY 2, 3
      UNION ALL
      SELECT 'chronic_care', catchment_institution_id, residence_region_id, count(*)
      FROM medalliance.chronic_care WHERE catchment_institution_id IS NOT NULL GROUP BY 2, 3) f
JOIN medalliance.institution i ON i.institution_id = f.catchment_institution_id
WHERE i.region_id <> f.residence_region_id
UNION ALL
-- A county medical community whose region is not a county.
SELECT 'county_alliance_not_in_county', 'alliance', a.alliance_id::text,
       format('county medical community %s is attached to %s region %s', a.alliance_id, r.region_level, r.region_id)
FROM medalliance.alliance a JOIN medalliance.region r ON r.region_id = a.region_id
WHERE a.alliance_kind = 'county_medical_community' AND r.region_level <> 'county'
UNION ALL
-- The lead institution named by an alliance holds no lead membership in it.
SELECT 'alliance_lead_not_member', 'alliance', a.alliance_id::text,
       format('lead institution %s of alliance %s has no lead membership in it', a.lead_institution_id, a.alliance_id)
FROM medalliance.alliance a
WHERE NOT EXISTS (SELECT FROM medalliance.membership m
                  WHERE m.alliance_id = a.alliance_id AND m.institution_id = a.lead_institution_id
                    AND m.member_role = 'lead')
UNION ALL
-- A member whose alliance has no lead in it on the day the membership starts.
SELECT 'member_without_lead', 'membership', format('%s/%s/%s', m.alliance_id, m.institution_id, m.valid_from),
       format('institution %s joins alliance %s on %s when no lead is in it', m.institution_id, m.alliance_id, m.valid_from)
FROM mship m
WHERE m.member_role = 'member'
  AND NOT EXISTS (SELECT FROM mship l
                  WHERE l.alliance_id = m.alliance_id AND l.member_role = 'lead'
                    AND l.valid_from <= m.valid_from AND m.valid_from < l.valid_until)
UNION ALL
-- Two leads in one alliance at the same time.
SELECT 'several_leads', 'membership', format('%s/%s/%s', a.alliance_id, a.institution_id, a.valid_from),
       format('alliance %s has leads %s and %s at once', a.alliance_id, a.institution_id, b.institution_id)
FROM mship a JOIN mship b
  ON b.alliance_id = a.alliance_id AND a.member_role = 'lead' AND b.member_role = 'lead'
 AND a.institution_id < b.institution_id
 AND a.valid_from < b.valid_until AND b.valid_from < a.valid_until
UNION ALL
-- Two memberships of one institution in one alliance that overlap.
SELECT 'membership_overlap', 'membership', format('%s/%s/%s', a.alliance_id, a.institution_id, b.valid_from),
       format('institution %s joins alliance %s again on %s while its membership from %s lasts',
              a.institution_id, a.alliance_id, b.valid_from, a.valid_from)
FROM mship a JOIN mship b
  ON b.alliance_id = a.alliance_id AND b.institution_id = a.institution_id
 AND a.valid_from < b.valid_from AND b.valid_from < a.valid_until
UNION ALL
-- A gap between two memberships of one institution in one alliance.
SELECT 'membership_gap', 'membership', format('%s/%s/%s', n.alliance_id, n.institution_id, n.valid_from),
       format('institution %s is out of alliance %s from %s to %s', n.institution_id, n.alliance_id,
              n.previous_until, n.valid_from)
FROM (SELECT m.*, lag(m.valid_until) OVER (PARTITION BY m.alliance_id, m.institution_id
                                          ORDER BY m.valid_from) AS previous_until
      FROM mship m) n
WHERE n.previous_until < n.valid_from
UNION ALL
-- An institution in two county medical communities at once.
SELECT 'several_county_alliances', 'membership', format('%s/%s/%s', a.alliance_id, a.institution_id, a.valid_from),
       format('institution %s is in county medical communities %s and %s at once',
              a.institution_id, a.alliance_id, b.alliance_id)
FROM mship a
JOIN medalliance.alliance aa ON aa.alliance_id = a.alliance_id AND aa.alliance_kind = 'county_medical_community'
JOIN mship b ON b.institution_id = a.institution_id AND b.alliance_id > a.alliance_id
 AND a.valid_from < b.valid_until AND b.valid_from < a.valid_until
JOIN medalliance.alliance ba ON ba.alliance_id = b.alliance_id AND ba.alliance_kind = 'county_medical_community'
UNION ALL
-- Encounters at an institution that belonged to no alliance on that date (one row per month).
SELECT 'encounter_outside_alliance', 'encounter', format('%s/%s', e.institution_id, to_char(e.encounter_date, 'YYYY-MM')),
       format('%s encounters at institution %s in %s while it belonged to no alliance', count(*),
              e.institution_id, to_char(e.encounter_date, 'YYYY-MM'))
FROM uncovered u
JOIN medalliance.encounter e ON e.institution_id = u.institution_id
 AND e.encounter_date >= u.gap_from AND e.encounter_date < u.gap_to
GROUP BY e.institution_id, to_char(e.encounter_date, 'YYYY-MM')
UNION ALL
-- Encounters at an institution before it opened or after it closed (one row per month).
SELECT 'encounter_while_closed', 'encounter', format('%s/%s', e.institution_id, to_char(e.encounter_date, 'YYYY-MM')),
       format('%s encounters at institution %s in %s while it was closed', count(*),
              e.institution_id, to_char(e.encounter_date, 'YYYY-MM'))
FROM closed c
JOIN medalliance.encounter e ON e.institution_id = c.institution_id
 AND e.encounter_date >= c.gap_from AND e.encounter_date < c.gap_to
GROUP BY e.institution_id, to_char(e.encounter_date, 'YYYY-MM')
UNION ALL
-- Encounters whose patient residence is not a county (one row per region).
SELECT 'encounter_residence_not_county', 'encounter', r.region_id::text,
       format('%s encounters give the %s %s as residence', count(*), r.region_level, r.region_id)
FROM medalliance.region r
JOIN medalliance.encounter e ON e.residence_region_id = r.region_id
WHERE r.region_level <> 'county'
GROUP BY r.region_id, r.region_level
UNION ALL
-- A referral from an institution to itself.
SELECT 'referral_to_itself', 'referral', r.referral_id::text,
       format('referral %s goes from institution %s to itself', r.referral_id, r.from_institution_id)
FROM medalliance.referral r
WHERE r.from_institution_id = r.to_institution_id
UNION ALL
-- A village-clinic standard recorded for an institution that is not a village clinic.
SELECT 'village_standard_not_village', 'capability', format('%s/%s', c.institution_id, c.period_start),
       format('institution %s is a %s, not a village clinic', c.institution_id, i.institution_level)
FROM medalliance.capability c JOIN medalliance.institution i ON i.institution_id = c.institution_id
WHERE c.meets_village_clinic_standard IS NOT NULL AND i.institution_level <> 'village_clinic'
UNION ALL
-- Six-unification evidence about an institution that was not a member of the alliance that month.
SELECT 'evidence_not_member', 'unification_evidence', u.evidence_id::text,
       format('evidence %s on %s is about institution %s, not a member of alliance %s in %s',
              u.evidence_id, u.item_code, u.institution_id, u.alliance_id, to_char(u.period_start, 'YYYY-MM'))
FROM medalliance.unification_evidence u
WHERE u.institution_id IS NOT NULL
  AND NOT EXISTS (SELECT FROM mship m
                  WHERE m.alliance_id = u.alliance_id AND m.institution_id = u.institution_id
                    AND m.valid_from < (u.period_start + interval '1 month')::date
                    AND u.period_start < m.valid_until)
ORDER BY 1, 3
$function$;
COMMENT ON FUNCTION medalliance.validate_warehouse() IS
    '数据校验 validate_warehouse(): one row (check_code, table_name, row_key, detail) per inconsistency that constraints cannot catch — region_parent_level, population_group_exceeds_all, catchment_group_exceeds_all, catchments_exceed_county, catchment_outside_residence, county_alliance_not_in_county, alliance_lead_not_member, member_without_lead, several_leads, membership_overlap, membership_gap, several_county_alliances, encounter_outside_alliance, encounter_while_closed, encounter_residence_not_county, referral_to_itself, village_standard_not_village, evidence_not_member. Reports, never raises; no rows means nothing found.';

-- Reporting completeness (数据上报完整性) ------------------------------------

CREATE TABLE medalliance.reporting_feed (
    feed_code       text
        CONSTRAINT reporting_feed_pkey PRIMARY KEY
        CONSTRAINT reporting_feed_code_check
        CHECK (feed_code IN ('encounter', 'referral', 'deployment', 'contract', 'chronic_care',
                             'qc_inspection', 'quality_measure', 'survey_response',
                             'unification_evidence', 'procurement', 'capability',
                             'shared_centre_service', 'fund_spending')),
    expected_levels text[] NOT NULL
        CONSTRAINT reporting_feed_levels_check
        CHECK (expected_levels <@ medalliance.institution_levels()),
    document_code   text NOT NULL DEFAULT 'project_default'
        CONSTRAINT reporting_feed_document_fkey REFERENCES medalliance.source_document (document_code),
    is_preset       boolean NOT NULL DEFAULT false
);
COMMENT ON TABLE medalliance.reporting_feed IS
    '上报数据集 reporting feed: a monthly fact feed and the institution levels expected to deliver it every month they are open (the data sets assigned to org units, as in DHIS2''s reporting rates).';
COMMENT ON COLUMN medalliance.reporting_feed.feed_code IS
    '数据集 the feed: the name of the fact table.';
COMMENT ON COLUMN medalliance.reporting_feed.expected_levels IS
    '应报机构类别 institution levels expected to deliver rows of the feed in every month they are open.';
COMMENT ON COLUMN medalliance.reporting_feed.document_code IS
    '依据文件 the document the expectation comes from (project_default: this project''s proposal).';
COMMENT ON COLUMN medalliance.reporting_feed.is_preset IS
    '预置 true for rows shipped with the extension; pg_dump keeps only the rows where it is false.';

INSERT INTO medalliance.reporting_feed (feed_code, expected_levels, is_preset) VALUES
    ('encounter', ARRAY['provincial_hospital', 'city_hospital', 'county_hospital', 'county_tcm_hospital',
                        'maternal_child_centre', 'township_health_centre', 'community_health_centre',
                        'village_clinic', 'community_station', 'private'], true),
    ('fund_spending', ARRAY['provincial_hospital', 'city_hospital', 'county_hospital', 'county_tcm_hospital',
                            'maternal_child_centre', 'township_health_centre', 'community_health_centre',
                            'village_clinic', 'community_station'], true),
    ('quality_measure', ARRAY['provincial_hospital', 'city_hospital', 'county_hospital', 'county_tcm_hospital',
                              'maternal_child_centre', 'township_health_centre', 'community_health_centre'], true),
    ('survey_response', ARRAY['provincial_hospital', 'city_hospital', 'county_hospital', 'county_tcm_hospital',
                              'maternal_child_centre', 'township_health_centre', 'community_health_centre'], true),
    ('capability', ARRAY['township_health_centre', 'community_health_centre', 'village_clinic',
                         'community_station'], true);
SELECT pg_catalog.pg_extension_config_dump('medalliance.reporting_feed', 'WHERE NOT is_preset');

CREATE VIEW medalliance.reporting_completeness AS
WITH delivered AS (
    SELECT 'encounter'::text AS feed_code, institution_id,
           date_trunc('month', encounter_date)::date AS period_start, count(*) AS row_count
    FROM medalliance.encounter GROUP BY 2, 3
    UNION ALL
    SELECT 'survey_response', institution_id, date_trunc('month', responded_on)::date, count(*)
    FROM medalliance.survey_response GROUP BY 2, 3
    UNION ALL
    SELECT 'quality_measure', institution_id, period_start, count(*)
    FROM medalliance.quality_measure GROUP BY 2, 3
    UNION ALL
    SELECT 'capability', institution_id, period_start, count(*)
    FROM medalliance.capability GROUP BY 2, 3
    UNION ALL
    SELECT 'fund_spending', institution_id, period_start, count(*)
    FROM medalliance.fund_spending GROUP BY 2, 3
    UNION ALL
    SELECT 'referral', from_institution_id, date_trunc('month', referral_date)::date, count(*)
    FROM medalliance.referral GROUP BY 2, 3
    UNION ALL
    SELECT 'qc_inspection', institution_id, date_trunc('month', inspected_on)::date, count(*)
    FROM medalliance.qc_inspection GROUP BY 2, 3
    UNION ALL
    SELECT 'procurement', institution_id, date_trunc('month', ordered_on)::date, count(*)
    FROM medalliance.procurement GROUP BY 2, 3
    UNION ALL
    SELECT 'contract', institution_id, date_trunc('month', signed_on)::date, count(*)
    FROM medalliance.contract GROUP BY 2, 3
    UNION ALL
    SELECT 'deployment', to_institution_id, date_trunc('month', started_on)::date, count(*)
    FROM medalliance.deployment GROUP BY 2, 3
    UNION ALL
    SELECT 'shared_centre_service', ordering_institution_id, date_trunc('month', ordered_on)::date, count(*)
    FROM medalliance.shared_centre_service GROUP BY 2, 3
    UNION ALL
    SELECT 'unification_evidence', institution_id, period_start, count(*)
    FROM medalliance.unification_evidence WHERE institution_id IS NOT NULL GROUP BY 2, 3
    UNION ALL
    SELECT 'chronic_care', managed_at_institution_id, make_date(assessed_year, 1, 1), count(*)
    FROM medalliance.chronic_care GROUP BY 2, 3
),
-- Every (feed, institution, month) of the range with 0 rows, added to what
-- was delivered and summed: cheaper than an outer join of the whole grid.
counted AS (
    SELECT feed_code, institution_id, period_start, sum(row_count) AS row_count
    FROM (
        SELECT d.feed_code, d.institution_id, d.period_start, d.row_count
        FROM delivered d
        UNION ALL
        SELECT f.feed_code, i.institution_id, g::date, 0
        FROM (SELECT min(period_start) AS first_month, max(period_start) AS last_month FROM delivered) b
        CROSS JOIN generate_series(b.first_month::timestamp, b.last_month::timestamp, interval '1 month') AS g
        CROSS JOIN medalliance.institution i
        CROSS JOIN medalliance.reporting_feed f
    ) u
    GROUP BY feed_code, institution_id, period_start
)
SELECT 'institution'::text AS unit_level,
       i.institution_id AS unit_id,
       i.institution_name AS unit_name,
       i.institution_level,
       c.period_start,
       'month'::text AS grain,
       f.feed_code AS feed,
       i.institution_level = ANY (f.expected_levels) AS expected,
       c.row_count > 0 AS delivered,
       c.row_count::bigint AS row_count
FROM counted c
JOIN medalliance.reporting_feed f ON f.feed_code = c.feed_code
JOIN medalliance.institution i ON i.institution_id = c.institution_id
WHERE (i.opened_on IS NULL OR i.opened_on < (c.period_start + interval '1 month')::date)
  AND (i.closed_on IS NULL OR i.closed_on > c.period_start);
COMMENT ON VIEW medalliance.reporting_completeness IS
    '上报完整性 reporting completeness: per institution, month (while the institution was open) and feed of reporting_feed, whether the feed was expected and whether it delivered rows — so that missing data is never mistaken for poor performance. Reporting rate = rate_agg(delivered) FILTER (WHERE expected). Months run from the first to the last month with data in any feed.';
COMMENT ON COLUMN medalliance.reporting_completeness.unit_level IS '单位层级 always institution.';
COMMENT ON COLUMN medalliance.reporting_completeness.unit_id IS '机构编号 the institution id.';
COMMENT ON COLUMN medalliance.reporting_completeness.unit_name IS '机构名称 the institution name.';
COMMENT ON COLUMN medalliance.reporting_completeness.institution_level IS '机构类别 the institution level.';
COMMENT ON COLUMN medalliance.reporting_completeness.period_start IS '月份 the month (first day).';
COMMENT ON COLUMN medalliance.reporting_completeness.grain IS '粒度 always month.';
COMMENT ON COLUMN medalliance.reporting_completeness.feed IS '数据集 the feed (a fact table).';
COMMENT ON COLUMN medalliance.reporting_completeness.expected IS
    '应报 true when institutions of this level are expected to deliver the feed every month (reporting_feed).';
COMMENT ON COLUMN medalliance.reporting_completeness.delivered IS '已报 true when the feed has rows for the institution and month.';
COMMENT ON COLUMN medalliance.reporting_completeness.row_count IS '行数 number of rows delivered.';

GRANT SELECT ON medalliance.reporting_feed TO medalliance_analyst;
GRANT INSERT, UPDATE, DELETE ON medalliance.reporting_feed TO medalliance_admin;
-- reporting_completeness has a row per institution, month and feed: the
-- loading desk's view, for analysts, not for the BI readers.
GRANT SELECT ON medalliance.reporting_completeness TO medalliance_analyst;
