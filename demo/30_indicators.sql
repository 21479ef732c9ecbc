-- Monitoring indicators and attainment on the synthetic province.
SET search_path = medalliance, medalliance_demo, public;
\echo
\echo '== Monitoring indicators and target attainment (SYNTHETIC province: invented places and figures) =='
-- demo/20_province.sql loads the province; generate it here only if it is missing
SELECT CASE WHEN NOT EXISTS (SELECT FROM institution)
            THEN (SELECT sum(row_count) FROM generate_demo_province(0.01, 1)) END AS generated_rows \gset
SELECT refresh_indicators('2023-01-01', '2024-12-31') AS refresh_id \gset
SELECT format('Refreshed 2023-01 to 2024-12 in %s s: %s stored states (refresh %s).',
              round(extract(epoch FROM finished_at - started_at)::numeric, 1), rows_written, refresh_id) AS refresh
FROM refresh_log WHERE refresh_id = :refresh_id;

\echo 'Key indicators per alliance, 2024 (percent; SYNTHETIC data):'
SELECT unit_name AS alliance,
       round(max(value) FILTER (WHERE indicator_code = 'county_visit_rate')::numeric, 1) AS county_visit,
       round(max(value) FILTER (WHERE indicator_code = 'primary_outpatient_share')::numeric, 1) AS primary_outpatient,
       round(max(value) FILTER (WHERE indicator_code = 'family_doctor_contract_rate')::numeric, 1) AS contracts_all,
       round(max(value) FILTER (WHERE indicator_code = 'key_group_contract_rate')::numeric, 1) AS contracts_key,
       round(max(value) FILTER (WHERE indicator_code = 'out_of_city_referral_rate')::numeric, 1) AS out_of_city_referral,
       round(max(value) FILTER (WHERE indicator_code = 'downward_referral_share')::numeric, 1) AS downward_referral
FROM indicator_value
WHERE unit_level = 'alliance' AND grain = 'year' AND period_start = '2024-01-01'
GROUP BY unit_id, unit_name ORDER BY unit_id;

\echo 'Attainment of the Hainan 2024 targets (琼健爱卫〔2024〕1号), 2024, alliance by alliance (SYNTHETIC data):'
\echo '  value then + met, - not met, ? not assessable'
SELECT unit_name AS alliance,
       count(*) FILTER (WHERE status = 'met') AS met,
       count(*) FILTER (WHERE status = 'not_met') AS not_met,
       count(*) FILTER (WHERE status = 'not_assessable') AS not_assessable,
       max(mark) FILTER (WHERE indicator_code = 'family_doctor_contract_rate') AS "contracts ≥45",
       max(mark) FILTER (WHERE indicator_code = 'key_group_contract_rate') AS "key groups ≥78",
       max(mark) FILTER (WHERE indicator_code = 'township_capability_standard_rate') AS "township std ≥90",
       max(mark) FILTER (WHERE indicator_code = 'village_clinic_standard_rate') AS "village std ≥95",
       max(mark) FILTER (WHERE indicator_code = 'centre_tcm_coverage') AS "centre TCM 100",
       max(mark) FILTER (WHERE indicator_code = 'village_clinic_tcm_coverage') AS "village TCM ≥75",
       max(mark) FILTER (WHERE indicator_code = 'township_staff_coverage') AS "staff sent 100"
FROM (SELECT *, round(value::numeric, 1) || CASE status WHEN 'met' THEN ' +' WHEN 'not_met' THEN ' -' ELSE ' ?' END AS mark
      FROM target_attainment
      WHERE scheme_code = 'hainan_2024_targets' AND unit_level = 'alliance' AND period_start = '2024-01-01') t
GROUP BY unit_id, unit_name ORDER BY unit_id;

\echo 'Attainment of the Zhoushan 2020 targets (舟政办发〔2018〕21号) applied to 2024 (SYNTHETIC data):'
SELECT unit_name AS alliance,
       count(*) FILTER (WHERE status = 'met') AS met,
       count(*) FILTER (WHERE status = 'not_met') AS not_met,
       count(*) FILTER (WHERE status = 'not_assessable') AS not_assessable,
       max(mark) FILTER (WHERE indicator_code = 'county_visit_rate') AS "county visit ≥90",
       max(mark) FILTER (WHERE indicator_code = 'primary_outpatient_share') AS "primary ≥60",
       max(mark) FILTER (WHERE indicator_code = 'city_booked_referral_share') AS "booked ≥30",
       max(mark) FILTER (WHERE indicator_code = 'township_staff_coverage') AS "staff sent 100",
       max(mark) FILTER (WHERE indicator_code = 'township_radiology_coverage') AS "radiology 100",
       max(mark) FILTER (WHERE indicator_code = 'station_ecg_coverage') AS "station ECG ≥80",
       max(mark) FILTER (WHERE indicator_code = 'station_remote_point_coverage') AS "remote point 100",
       max(mark) FILTER (WHERE indicator_code = 'shared_centre_use_share') AS "shared centres 100"
FROM (SELECT *, round(value::numeric, 1) || CASE status WHEN 'met' THEN ' +' WHEN 'not_met' THEN ' -' ELSE ' ?' END AS mark
      FROM target_attainment
      WHERE scheme_code = 'zhoushan_2018_targets' AND unit_level = 'alliance' AND period_start = '2024-01-01') t
GROUP BY unit_id, unit_name ORDER BY unit_id;

\echo 'Change targets: Miyi primary-care shares, +5 points over 2019, the year before the pilot (SYNTHETIC data: no 2019):'
SELECT unit_name AS alliance, indicator_code, round(baseline_value::numeric, 1) AS "2023",
       round(value::numeric, 1) AS "2024", round(change_pp::numeric, 2) AS change_pp, status, reason
FROM target_attainment
WHERE scheme_code = 'miyi_2019_targets' AND unit_level = 'alliance' AND period_start = '2024-01-01'
  AND target_kind = 'change_pp' AND indicator_code = 'primary_outpatient_share'
ORDER BY unit_id;

\echo 'Region-level targets, 2024: alliances per county (舟山), the six shared centres per county (海南 2021) (SYNTHETIC data):'
SELECT unit_name AS county, indicator_code, value, target_value, status
FROM target_attainment
WHERE scheme_code IN ('zhoushan_2018_targets', 'hainan_2021_targets') AND period_start = '2024-01-01'
  AND indicator_code IN ('alliance_count', 'shared_centre_kinds_count')
ORDER BY unit_id, indicator_code;

\echo 'Targets of 左右 / 力争 with their tolerance, 2024, province (SYNTHETIC data):'
SELECT scheme_code, indicator_code, round(value::numeric, 1) AS value, target_value, tolerance, status, within_tolerance
FROM target_attainment
WHERE tolerance IS NOT NULL AND unit_level = 'province' AND period_start = '2024-01-01'
ORDER BY scheme_code, indicator_code;

\echo 'Applicability: indicators a specialty alliance or remote network is not judged on (no row):'
SELECT ap.indicator_code, string_agg(ap.alliance_kind, ', ' ORDER BY ap.alliance_kind) AS applies_to,
       min(ap.document_code) AS document
FROM indicator_applicability ap GROUP BY ap.indicator_code ORDER BY 1;

