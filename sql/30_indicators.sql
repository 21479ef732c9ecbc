-- Monitoring indicators (监测指标), their targets (目标值) and attainment (达标).
--
-- The catalogue says what each indicator counts; refresh_indicators() counts it
-- from the warehouse facts as rate states (or counts) per unit and month and
-- stores them in indicator_state; every coarser unit (alliance, county, city,
-- province) and every coarser period (quarter, year) is a merge of those
-- states, never an average of rates.  The views indicator_value and
-- target_attainment are what BI tools read: plain columns, no function calls.

-- Geography ------------------------------------------------------------------

CREATE VIEW medalliance.region_ancestry AS
SELECT r.region_id,
       r.region_level,
       CASE WHEN r.region_level = 'county' THEN r.region_id END AS county_id,
       CASE WHEN r.region_level = 'city' THEN r.region_id
            WHEN p.region_level = 'city' THEN p.region_id END AS city_id,
       CASE WHEN r.region_level = 'province' THEN r.region_id
            WHEN p.region_level = 'province' THEN p.region_id
            WHEN g.region_level = 'province' THEN g.region_id END AS province_id
FROM medalliance.region r
LEFT JOIN medalliance.region p ON p.region_id = r.parent_region_id
LEFT JOIN medalliance.region g ON g.region_id = p.parent_region_id;
COMMENT ON VIEW medalliance.region_ancestry IS
    '区域归属 region ancestry: the county, city and province each region lies in (a county directly under the province, 省直管县, has no city).';
COMMENT ON COLUMN medalliance.region_ancestry.region_id IS '区域 the region.';
COMMENT ON COLUMN medalliance.region_ancestry.region_level IS '区域层级 its level: province, city or county.';
COMMENT ON COLUMN medalliance.region_ancestry.county_id IS '所属县 the county it lies in (itself for a county); NULL above county level.';
COMMENT ON COLUMN medalliance.region_ancestry.city_id IS '所属市 the city it lies in (itself for a city); NULL for a province or a county directly under it.';
COMMENT ON COLUMN medalliance.region_ancestry.province_id IS '所属省 the province it lies in (itself for a province).';

-- The catalogue --------------------------------------------------------------

CREATE TABLE medalliance.indicator (
    indicator_code         text
        CONSTRAINT indicator_pkey PRIMARY KEY
        CONSTRAINT indicator_code_check CHECK (indicator_code ~ '^[a-z][a-z0-9_]*$'),
    name_zh                text NOT NULL,
    name_en                text NOT NULL,
    domain                 text NOT NULL
        CONSTRAINT indicator_domain_check
        CHECK (domain IN ('access', 'primary_care', 'referral', 'contracting', 'chronic_care',
                          'insurance_fund', 'capability', 'staffing', 'shared_centres')),
    unit                   text NOT NULL
        CONSTRAINT indicator_unit_check CHECK (unit IN ('percent', 'count')),
    direction              text NOT NULL
        CONSTRAINT indicator_direction_check
        CHECK (direction IN ('higher_better', 'lower_better', 'target_band', 'monitor_only')),
    numerator_definition   text NOT NULL,
    denominator_definition text,
    unit_levels            text[] NOT NULL
        CONSTRAINT indicator_unit_levels_check
        CHECK (cardinality(unit_levels) > 0
               AND unit_levels <@ ARRAY['institution', 'alliance', 'county', 'city', 'province']),
    formula                text NOT NULL
        CONSTRAINT indicator_formula_check
        CHECK (formula IN ('residence_in_county', 'primary_share', 'out_of_region_referral',
                           'downward_referral_share', 'downward_referral_count',
                           'booked_referral_share', 'contract_rate', 'chronic_standardised_primary',
                           'fund_in_county', 'fund_primary_share', 'capability_share',
                           'township_staff_coverage', 'senior_secondment_count',
                           'shared_centre_use', 'remote_diagnosis_count')),
    parameters             jsonb NOT NULL DEFAULT '{}'
        CONSTRAINT indicator_parameters_check CHECK (jsonb_typeof(parameters) = 'object'),
    variant_of             text
        CONSTRAINT indicator_variant_of_fkey REFERENCES medalliance.indicator (indicator_code),
    temporal_rollup        text NOT NULL
        CONSTRAINT indicator_temporal_rollup_check CHECK (temporal_rollup IN ('sum', 'last')),
    has_interval           boolean NOT NULL,
    min_denominator        bigint NOT NULL DEFAULT 30
        CONSTRAINT indicator_min_denominator_check CHECK (min_denominator >= 0),
    document_code          text NOT NULL
        CONSTRAINT indicator_document_fkey REFERENCES medalliance.source_document (document_code),
    is_preset              boolean NOT NULL DEFAULT false,
    CONSTRAINT indicator_denominator_check CHECK ((unit = 'count') = (denominator_definition IS NULL)),
    CONSTRAINT indicator_interval_check CHECK (unit = 'percent' OR NOT has_interval),
    CONSTRAINT indicator_not_variant_of_itself_check CHECK (variant_of <> indicator_code)
);
COMMENT ON TABLE medalliance.indicator IS
    '监测指标目录 indicator catalogue: what each monitoring indicator counts, how it is computed (formula and parameters), how it rolls up, and the document that defines it. Where documents disagree on a definition, each variant is its own indicator (variant_of).';
COMMENT ON COLUMN medalliance.indicator.indicator_code IS '指标代码 indicator code, English snake_case.';
COMMENT ON COLUMN medalliance.indicator.name_zh IS '中文名称 the Chinese name as the documents use it.';
COMMENT ON COLUMN medalliance.indicator.name_en IS '英文名称 the English name.';
COMMENT ON COLUMN medalliance.indicator.domain IS
    '领域 domain: access (就医), primary_care (基层), referral (转诊), contracting (签约), chronic_care (慢病), insurance_fund (医保基金), capability (能力), staffing (人员下沉), shared_centres (共享中心).';
COMMENT ON COLUMN medalliance.indicator.unit IS '单位 percent (%) for shares, count (数量) for counts.';
COMMENT ON COLUMN medalliance.indicator.direction IS
    '方向 higher_better (逐步提高), lower_better (逐步降低), target_band, monitor_only (监测比较).';
COMMENT ON COLUMN medalliance.indicator.numerator_definition IS '分子 what the numerator (or the count) counts, in words.';
COMMENT ON COLUMN medalliance.indicator.denominator_definition IS '分母 what the denominator counts, in words; NULL for counts.';
COMMENT ON COLUMN medalliance.indicator.unit_levels IS
    '适用层级 the unit levels at which the indicator is reported: institution, alliance, county, city, province.';
COMMENT ON COLUMN medalliance.indicator.formula IS
    '计算方法 the built-in computation (see README, "Indicators"); a DBA may add indicators that reuse a formula with other parameters.';
COMMENT ON COLUMN medalliance.indicator.parameters IS
    '参数 parameters of the formula (e.g. {"encounter_kinds": ["inpatient"]} for the inpatient-only county visit rate).';
COMMENT ON COLUMN medalliance.indicator.variant_of IS '口径变体 the indicator this one is a variant of, where documents define it differently.';
COMMENT ON COLUMN medalliance.indicator.temporal_rollup IS
    '时间汇总 how months combine into quarters and years: sum (flows such as visits: merge every month) or last (stocks such as contracts in force or capabilities: the last month with data).';
COMMENT ON COLUMN medalliance.indicator.has_interval IS
    '置信区间 true when numerator and denominator count independent events, so a binomial interval means something; false for money-weighted shares and counts.';
COMMENT ON COLUMN medalliance.indicator.min_denominator IS
    '最小样本 below this denominator a value is flagged small_sample and not judged against targets (project default 30; 1 for full enumerations of institutions).';
COMMENT ON COLUMN medalliance.indicator.document_code IS '依据文件 the document that defines the indicator (project_default for working definitions).';
COMMENT ON COLUMN medalliance.indicator.is_preset IS '预置 true for indicators shipped with the extension; pg_dump keeps only the rows where it is false.';

-- Presets.  The official 口径 of the national monitoring list
-- (国卫办基层发〔2020〕12号 and successors) was not available: definitions
-- marked project_default are working definitions (shared/domain/indicators.md B1).
INSERT INTO medalliance.indicator
    (indicator_code, name_zh, name_en, domain, unit, direction, numerator_definition,
     denominator_definition, unit_levels, formula, parameters, variant_of, temporal_rollup,
     has_interval, min_denominator, document_code, is_preset)
VALUES
('county_visit_rate', '县域内就诊率', 'county visit rate (all encounters)', 'access', 'percent', 'higher_better',
 'outpatient, emergency and inpatient encounters of the county''s residents at institutions in the county',
 'all encounters of the county''s residents, in or out of the county',
 '{alliance,county,city,province}', 'residence_in_county',
 '{"encounter_kinds": ["outpatient", "emergency", "inpatient"]}', NULL, 'sum', true, 30,
 'miyi_2019_draft', true),
('county_visit_rate_inpatient', '县域内住院率（住院人次口径）', 'county visit rate (inpatient discharges only)', 'access',
 'percent', 'higher_better',
 'inpatient discharges of the county''s residents at institutions in the county',
 'all inpatient discharges of the county''s residents',
 '{alliance,county,city,province}', 'residence_in_county', '{"encounter_kinds": ["inpatient"]}',
 'county_visit_rate', 'sum', true, 30, 'project_default', true),
('primary_visit_share', '基层诊疗量占比（全部诊疗人次）', 'primary-care share of all encounters', 'primary_care',
 'percent', 'higher_better',
 'encounters (outpatient, emergency, inpatient) at primary institutions (township and community centres, village clinics, community stations)',
 'all encounters at institutions in the unit',
 '{alliance,county,city,province}', 'primary_share',
 '{"encounter_kinds": ["outpatient", "emergency", "inpatient"]}', NULL, 'sum', true, 30,
 'nantong_2017_118', true),
('primary_outpatient_share', '基层门急诊人次占比', 'primary-care share of outpatient and emergency visits', 'primary_care',
 'percent', 'higher_better',
 'outpatient and emergency visits at primary institutions',
 'all outpatient and emergency visits at institutions in the unit',
 '{alliance,county,city,province}', 'primary_share', '{"encounter_kinds": ["outpatient", "emergency"]}',
 'primary_visit_share', 'sum', true, 30, 'miyi_2019_draft', true),
('primary_inpatient_share', '基层住院人次占比', 'primary-care share of inpatient discharges', 'primary_care',
 'percent', 'higher_better',
 'inpatient discharges at primary institutions', 'all inpatient discharges at institutions in the unit',
 '{alliance,county,city,province}', 'primary_share', '{"encounter_kinds": ["inpatient"]}',
 'primary_visit_share', 'sum', true, 30, 'miyi_2019_draft', true),
('out_of_city_referral_rate', '市外转诊率', 'out-of-city referral rate', 'referral', 'percent', 'lower_better',
 'referrals to institutions outside the referring institution''s city',
 'all referrals sent by institutions in the unit',
 '{institution,alliance,county,city,province}', 'out_of_region_referral', '{"scope": "city"}', NULL,
 'sum', true, 30, 'nantong_2017_118', true),
('out_of_county_referral_rate', '县外转诊率', 'out-of-county referral rate', 'referral', 'percent', 'lower_better',
 'referrals to institutions outside the referring institution''s county',
 'all referrals sent by institutions in the unit',
 '{institution,alliance,county,city,province}', 'out_of_region_referral', '{"scope": "county"}',
 'out_of_city_referral_rate', 'sum', true, 30, 'project_default', true),
('downward_referral_share', '下转患者占比', 'downward share of referrals sent by county-level and higher hospitals',
 'referral', 'percent', 'higher_better',
 'referrals from a hospital at county level or above to an institution of a lower tier',
 'all referrals sent by hospitals at county level or above',
 '{institution,alliance,county,city,province}', 'downward_referral_share', '{}', NULL, 'sum', true, 30,
 'project_default', true),
('downward_referral_count', '向下转诊人次', 'downward referrals from county-level and higher public hospitals',
 'referral', 'count', 'higher_better',
 'referrals from a public hospital at county level or above to an institution of a lower tier', NULL,
 '{institution,alliance,county,city,province}', 'downward_referral_count', '{}', NULL, 'sum', false, 0,
 'nantong_2017_118', true),
('booked_referral_share', '预约转诊占门诊比例', 'booked referrals as a share of outpatient visits of public hospitals',
 'referral', 'percent', 'higher_better',
 'outpatient referrals received by appointment by a public hospital at county level or above',
 'outpatient and emergency visits at those hospitals',
 '{institution,alliance,county,city,province}', 'booked_referral_share', '{}', NULL, 'sum', true, 30,
 'zhoushan_2018_21', true),
('family_doctor_contract_rate', '家庭医生签约率', 'family-doctor contract rate (all residents)', 'contracting',
 'percent', 'higher_better',
 'residents with a family-doctor contract in force at the end of the month',
 'resident population of the year',
 '{alliance,county,city,province}', 'contract_rate',
 '{"contract_groups": ["general", "elderly", "children", "pregnant", "chronic", "disabled", "poor"], "population_group": "all"}',
 NULL, 'last', true, 30, 'hainan_2024_1', true),
('key_group_contract_rate', '重点人群签约率', 'family-doctor contract rate (key groups)', 'contracting',
 'percent', 'higher_better',
 'key-group residents (elderly, children 0–6, pregnant, chronic, disabled, poor) with a key-group contract in force at the end of the month',
 'key-group population of the year (each person once)',
 '{alliance,county,city,province}', 'contract_rate',
 '{"contract_groups": ["elderly", "children", "pregnant", "chronic", "disabled", "poor"], "population_group": "key_any"}',
 'family_doctor_contract_rate', 'last', true, 30, 'hainan_2024_1', true),
('chronic_primary_management_rate', '慢病患者基层规范管理率', 'chronic patients under standardised primary-care management',
 'chronic_care', 'percent', 'higher_better',
 'registered hypertension and diabetes patients under standardised management at a primary institution (annual assessment, stored in December)',
 'registered hypertension and diabetes patients of the county',
 '{alliance,county,city,province}', 'chronic_standardised_primary',
 '{"conditions": ["hypertension", "diabetes"]}', NULL, 'last', true, 30, 'project_default', true),
('fund_in_county_rate', '医保基金县域内支出率', 'insurance fund spent in the county', 'insurance_fund', 'percent',
 'higher_better',
 'fund payments (in fen) for the county''s insured at institutions in the county',
 'all fund payments (in fen) for the county''s insured',
 '{alliance,county,city,province}', 'fund_in_county', '{}', NULL, 'sum', false, 1,
 'project_default', true),
('fund_primary_share', '县域内基层医保基金占比', 'share of in-county fund payments made at primary institutions',
 'insurance_fund', 'percent', 'higher_better',
 'fund payments (in fen) at primary institutions', 'all fund payments (in fen) at institutions in the unit',
 '{alliance,county,city,province}', 'fund_primary_share', '{}', NULL, 'sum', false, 1,
 'hainan_2024_1', true),
('township_radiology_coverage', '乡镇卫生院/社区卫生服务中心具备放射诊断能力比例',
 'township and community health centres with radiology', 'capability', 'percent', 'higher_better',
 'township and community health centres with radiology at the end of the month',
 'township and community health centres reporting capabilities',
 '{alliance,county,city,province}', 'capability_share',
 '{"levels": ["township_health_centre", "community_health_centre"], "capability": "has_radiology"}',
 NULL, 'last', false, 1, 'zhoushan_2018_21', true),
('station_ecg_coverage', '社区卫生服务站具备心电检查能力比例', 'community stations with ECG', 'capability', 'percent',
 'higher_better',
 'community stations with ECG at the end of the month', 'community stations reporting capabilities',
 '{alliance,county,city,province}', 'capability_share',
 '{"levels": ["community_station"], "capability": "has_ecg"}', NULL, 'last', false, 1,
 'zhoushan_2018_21', true),
('station_remote_point_coverage', '社区卫生服务站远程医疗服务点覆盖率', 'community stations with a remote-care point',
 'capability', 'percent', 'higher_better',
 'community stations with a remote-care point at the end of the month', 'community stations reporting capabilities',
 '{alliance,county,city,province}', 'capability_share',
 '{"levels": ["community_station"], "capability": "has_remote_point"}', NULL, 'last', false, 1,
 'zhoushan_2018_21', true),
('centre_tcm_coverage', '能提供中医药服务的乡镇卫生院、社区卫生服务中心比例',
 'township and community health centres offering TCM', 'capability', 'percent', 'higher_better',
 'township and community health centres offering TCM at the end of the month',
 'township and community health centres reporting capabilities',
 '{alliance,county,city,province}', 'capability_share',
 '{"levels": ["township_health_centre", "community_health_centre"], "capability": "offers_tcm"}',
 NULL, 'last', false, 1, 'hainan_2024_1', true),
('village_clinic_tcm_coverage', '能提供中医药服务的村卫生室比例', 'village clinics offering TCM', 'capability',
 'percent', 'higher_better',
 'village clinics offering TCM at the end of the month', 'village clinics reporting capabilities',
 '{alliance,county,city,province}', 'capability_share',
 '{"levels": ["village_clinic"], "capability": "offers_tcm"}', NULL, 'last', false, 1,
 'hainan_2024_1', true),
('township_capability_standard_rate', '乡镇卫生院达到服务能力基本标准比例',
 'township health centres meeting the basic capability standard', 'capability', 'percent', 'higher_better',
 'township health centres meeting the capability standard (优质服务基层行) at the end of the month',
 'township health centres whose standard was assessed',
 '{alliance,county,city,province}', 'capability_share',
 '{"levels": ["township_health_centre"], "capability": "meets_capability_standard"}', NULL, 'last', false, 1,
 'hainan_2024_1', true),
('village_clinic_standard_rate', '村卫生室达到建设标准比例', 'village clinics meeting the build standard',
 'capability', 'percent', 'higher_better',
 'village clinics meeting the build standard at the end of the month', 'village clinics whose standard was assessed',
 '{alliance,county,city,province}', 'capability_share',
 '{"levels": ["village_clinic"], "capability": "meets_village_clinic_standard"}', NULL, 'last', false, 1,
 'hainan_2024_1', true),
('township_staff_coverage', '人员下沉乡镇覆盖率', 'township health centres hosting staff sent down',
 'staffing', 'percent', 'higher_better',
 'township health centres with at least one person deployed from a higher-tier institution at any time in the month',
 'township health centres open in the month',
 '{alliance,county,city,province}', 'township_staff_coverage', '{}', NULL, 'last', false, 1,
 'hainan_2024_1', true),
('senior_secondment_count', '中级及以上医师派驻6个月以上人数', 'intermediate-or-higher doctors deployed for 6 months or more',
 'staffing', 'count', 'higher_better',
 'doctors of intermediate title or above deployed at the end of the month whose deployment has lasted, or is set to last, 6 months or more; counted at the sending institution',
 NULL, '{institution,alliance,county,city,province}', 'senior_secondment_count', '{}', NULL, 'last', false, 0,
 'project_default', true),
('shared_centre_use_share', '共享中心服务覆盖率', 'primary institutions served by shared centres', 'shared_centres',
 'percent', 'higher_better',
 'township and community health centres that ordered at least one shared-centre service in the month',
 'township and community health centres open in the month',
 '{alliance,county,city,province}', 'shared_centre_use',
 '{"levels": ["township_health_centre", "community_health_centre"]}', NULL, 'last', false, 1,
 'zhoushan_2018_21', true),
('remote_diagnosis_count', '远程诊断服务量', 'remote diagnosis volume', 'shared_centres', 'count', 'higher_better',
 'shared-centre services (remote lab, imaging, ECG, pathology reads, telemedicine) ordered by the institution',
 NULL, '{institution,alliance,county,city,province}', 'remote_diagnosis_count', '{}', NULL, 'sum', false, 0,
 'project_default', true);

SELECT pg_catalog.pg_extension_config_dump('medalliance.indicator', 'WHERE NOT is_preset');

-- Targets --------------------------------------------------------------------

CREATE TABLE medalliance.indicator_target (
    scheme_code           text NOT NULL
        CONSTRAINT indicator_target_scheme_fkey REFERENCES medalliance.scheme (scheme_code),
    indicator_code        text NOT NULL
        CONSTRAINT indicator_target_indicator_fkey REFERENCES medalliance.indicator (indicator_code),
    region_id             integer
        CONSTRAINT indicator_target_region_fkey REFERENCES medalliance.region (region_id),
    target_year           smallint NOT NULL
        CONSTRAINT indicator_target_year_check CHECK (target_year BETWEEN 1949 AND 2200),
    comparator            text NOT NULL
        CONSTRAINT indicator_target_comparator_check CHECK (comparator IN ('>=', '<=')),
    target_kind           text NOT NULL
        CONSTRAINT indicator_target_kind_check CHECK (target_kind IN ('absolute', 'change_pp', 'relative_growth')),
    target_value          numeric NOT NULL
        CONSTRAINT indicator_target_value_check CHECK (target_value = target_value AND abs(target_value) < 1e12),
    baseline_offset_years smallint
        CONSTRAINT indicator_target_baseline_check CHECK (baseline_offset_years BETWEEN 1 AND 50),
    min_denominator       bigint
        CONSTRAINT indicator_target_min_denominator_check CHECK (min_denominator >= 0),
    document_code         text NOT NULL
        CONSTRAINT indicator_target_document_fkey REFERENCES medalliance.source_document (document_code),
    source_text           text,
    is_preset             boolean NOT NULL DEFAULT false,
    CONSTRAINT indicator_target_key UNIQUE NULLS NOT DISTINCT (scheme_code, indicator_code, region_id, target_year),
    CONSTRAINT indicator_target_baseline_kind_check
        CHECK ((target_kind = 'absolute') = (baseline_offset_years IS NULL))
);
COMMENT ON TABLE medalliance.indicator_target IS
    '目标值 targets: what a scheme (one document) requires of an indicator by a year — an absolute value, a change in percentage points over a baseline year, or a relative growth. A scheme can be applied to any region''s data: for an assessed year the target of the latest target_year not after it applies (else the earliest).';
COMMENT ON COLUMN medalliance.indicator_target.scheme_code IS '方案 the targets scheme (scheme_kind targets).';
COMMENT ON COLUMN medalliance.indicator_target.indicator_code IS '指标 the indicator.';
COMMENT ON COLUMN medalliance.indicator_target.region_id IS
    '适用地区 the region whose units the target applies to; NULL for any region. A regional target overrides the general one for units inside the region.';
COMMENT ON COLUMN medalliance.indicator_target.target_year IS '目标年度 the year by which the document sets the target.';
COMMENT ON COLUMN medalliance.indicator_target.comparator IS '比较 >= (at least) or <= (at most).';
COMMENT ON COLUMN medalliance.indicator_target.target_kind IS
    '目标类型 absolute (绝对值, in the indicator''s unit), change_pp (较基线提升 N 个百分点), relative_growth (较基线增长 N%).';
COMMENT ON COLUMN medalliance.indicator_target.target_value IS
    '目标值 the value: percent or count for absolute targets, percentage points for change_pp, percent for relative_growth.';
COMMENT ON COLUMN medalliance.indicator_target.baseline_offset_years IS
    '基线 for change targets, how many years before the assessed year the baseline lies (1: the year before).';
COMMENT ON COLUMN medalliance.indicator_target.min_denominator IS
    '最小样本 overrides the indicator''s minimum denominator for this target; NULL keeps it.';
COMMENT ON COLUMN medalliance.indicator_target.document_code IS '依据文件 the document that sets the target.';
COMMENT ON COLUMN medalliance.indicator_target.source_text IS '原文 the words of the document.';
COMMENT ON COLUMN medalliance.indicator_target.is_preset IS '预置 true for targets shipped with the extension; pg_dump keeps only the rows where it is false.';

-- Every quantitative target of shared/domain/indicators.md section A that
-- applies to an indicator above.  Hainan 2021 (琼府办〔2021〕73号) sets
-- structural targets only (alliances per county, six shared centres), which
-- validate_warehouse and the six-unification checklist cover instead.
INSERT INTO medalliance.indicator_target
    (scheme_code, indicator_code, target_year, comparator, target_kind, target_value,
     baseline_offset_years, document_code, source_text, is_preset)
VALUES
('hainan_2024_targets', 'family_doctor_contract_rate', 2024, '>=', 'absolute', 45, NULL, 'hainan_2024_1', '全人群签约率达到45%以上', true),
('hainan_2024_targets', 'key_group_contract_rate', 2024, '>=', 'absolute', 78, NULL, 'hainan_2024_1', '重点人群签约率达到78%以上', true),
('hainan_2024_targets', 'township_capability_standard_rate', 2024, '>=', 'absolute', 90, NULL, 'hainan_2024_1', '力争90%的乡镇卫生院达到"优质服务基层行"能力基本标准', true),
('hainan_2024_targets', 'village_clinic_standard_rate', 2024, '>=', 'absolute', 95, NULL, 'hainan_2024_1', '95%以上村卫生室达到建设标准', true),
('hainan_2024_targets', 'centre_tcm_coverage', 2024, '>=', 'absolute', 100, NULL, 'hainan_2024_1', '所有乡镇卫生院、社区卫生服务机构能够提供中医药服务', true),
('hainan_2024_targets', 'village_clinic_tcm_coverage', 2024, '>=', 'absolute', 75, NULL, 'hainan_2024_1', '75%以上的村卫生室能够提供中医药服务', true),
('hainan_2024_targets', 'township_staff_coverage', 2024, '>=', 'absolute', 100, NULL, 'hainan_2024_1', '人员下沉乡镇全覆盖', true),
('miyi_2019_targets', 'county_visit_rate', 2020, '>=', 'absolute', 90, NULL, 'miyi_2019_draft', '县域就诊率力争达到90%', true),
('miyi_2019_targets', 'primary_outpatient_share', 2020, '>=', 'change_pp', 5, 1, 'miyi_2019_draft', '基层门急诊人次占比较试点前提升5个百分点以上', true),
('miyi_2019_targets', 'primary_inpatient_share', 2020, '>=', 'change_pp', 5, 1, 'miyi_2019_draft', '基层住院人次占比较试点前提升5个百分点以上', true),
('nantong_2017_targets', 'downward_referral_count', 2017, '>=', 'relative_growth', 10, 1, 'nantong_2017_118', '县级以上公立医院向下转诊人数增长10%以上', true),
('nantong_2017_targets', 'primary_visit_share', 2017, '>=', 'change_pp', 3, 1, 'nantong_2017_118', '基层诊疗量占比提高3个百分点以上', true),
('nantong_2017_targets', 'primary_visit_share', 2020, '>=', 'absolute', 70, NULL, 'nantong_2017_118', '基层诊疗量占比力争达到70%左右', true),
('nantong_2017_targets', 'county_visit_rate', 2020, '>=', 'absolute', 90, NULL, 'nantong_2017_118', '县域内就诊率达到90%左右', true),
('nantong_2017_targets', 'out_of_city_referral_rate', 2020, '<=', 'absolute', 10, NULL, 'nantong_2017_118', '市外转诊率控制在10%以内', true),
('zhoushan_2018_targets', 'family_doctor_contract_rate', 2020, '>=', 'absolute', 50, NULL, 'zhoushan_2018_21', '责任医生规范签约服务率达到50%', true),
('zhoushan_2018_targets', 'shared_centre_use_share', 2020, '>=', 'absolute', 100, NULL, 'zhoushan_2018_21', '区域共享中心覆盖率达到100%', true),
('zhoushan_2018_targets', 'primary_outpatient_share', 2020, '>=', 'absolute', 60, NULL, 'zhoushan_2018_21', '基层就诊率达到60%', true),
('zhoushan_2018_targets', 'county_visit_rate', 2020, '>=', 'absolute', 90, NULL, 'zhoushan_2018_21', '县域内就诊率达到90%', true),
('zhoushan_2018_targets', 'station_remote_point_coverage', 2018, '>=', 'absolute', 80, NULL, 'zhoushan_2018_21', '2018年底社区卫生服务站远程医疗服务点覆盖率达到80%以上', true),
('zhoushan_2018_targets', 'station_remote_point_coverage', 2020, '>=', 'absolute', 100, NULL, 'zhoushan_2018_21', '2020年底实现全覆盖', true),
('zhoushan_2018_targets', 'township_radiology_coverage', 2018, '>=', 'absolute', 80, NULL, 'zhoushan_2018_21', '2018年底80%以上乡镇卫生院（社区卫生服务中心）具备放射诊断能力', true),
('zhoushan_2018_targets', 'township_radiology_coverage', 2020, '>=', 'absolute', 100, NULL, 'zhoushan_2018_21', '2020年底全覆盖', true),
('zhoushan_2018_targets', 'station_ecg_coverage', 2020, '>=', 'absolute', 80, NULL, 'zhoushan_2018_21', '80%以上社区卫生服务站具备心电检查能力', true),
('zhoushan_2018_targets', 'booked_referral_share', 2020, '>=', 'absolute', 30, NULL, 'zhoushan_2018_21', '预约转诊占城市公立医院门诊就诊量的比例达到30%以上', true);

SELECT pg_catalog.pg_extension_config_dump('medalliance.indicator_target', 'WHERE NOT is_preset');

-- Refresh log and stored states ---------------------------------------------

CREATE TABLE medalliance.refresh_log (
    refresh_id   bigint GENERATED ALWAYS AS IDENTITY
        CONSTRAINT refresh_log_pkey PRIMARY KEY,
    layer        text NOT NULL
        CONSTRAINT refresh_log_layer_check
        CHECK (layer IN ('indicators', 'compliance', 'qc', 'satisfaction', 'scorecard')),
    period_from  date NOT NULL,
    period_to    date NOT NULL,
    performed_by name NOT NULL DEFAULT current_user,
    started_at   timestamptz NOT NULL DEFAULT clock_timestamp(),
    finished_at  timestamptz,
    rows_written bigint,
    details      jsonb,
    CONSTRAINT refresh_log_period_check CHECK (period_from <= period_to)
);
COMMENT ON TABLE medalliance.refresh_log IS
    '刷新日志 refresh log: one row per refresh of a layer — who, when, which months, how long, what it wrote.';
COMMENT ON COLUMN medalliance.refresh_log.refresh_id IS '刷新编号 refresh number.';
COMMENT ON COLUMN medalliance.refresh_log.layer IS '层 the layer refreshed: indicators, compliance, qc, satisfaction, scorecard.';
COMMENT ON COLUMN medalliance.refresh_log.period_from IS '起始月 first month refreshed.';
COMMENT ON COLUMN medalliance.refresh_log.period_to IS '终止月 last month refreshed (inclusive).';
COMMENT ON COLUMN medalliance.refresh_log.performed_by IS '执行人 the role that ran the refresh.';
COMMENT ON COLUMN medalliance.refresh_log.started_at IS '开始时间 when it started.';
COMMENT ON COLUMN medalliance.refresh_log.finished_at IS '结束时间 when it finished; NULL if it failed (its transaction then rolled back and the row is gone).';
COMMENT ON COLUMN medalliance.refresh_log.rows_written IS '写入行数 stored states written.';
COMMENT ON COLUMN medalliance.refresh_log.details IS '明细 per-item figures, e.g. rows per indicator.';

CREATE TABLE medalliance.indicator_state (
    indicator_code text NOT NULL
        CONSTRAINT indicator_state_indicator_fkey REFERENCES medalliance.indicator (indicator_code)
        ON DELETE CASCADE,
    unit_level     text NOT NULL
        CONSTRAINT indicator_state_unit_level_check
        CHECK (unit_level IN ('institution', 'alliance', 'county', 'city', 'province')),
    unit_id        integer NOT NULL,
    period_start   date NOT NULL
        CONSTRAINT indicator_state_period_check CHECK (extract(day FROM period_start) = 1),
    state          medalliance.rate,
    amount         bigint
        CONSTRAINT indicator_state_amount_check CHECK (amount >= 0),
    refresh_id     bigint NOT NULL
        CONSTRAINT indicator_state_refresh_fkey REFERENCES medalliance.refresh_log (refresh_id),
    CONSTRAINT indicator_state_pkey PRIMARY KEY (indicator_code, unit_level, unit_id, period_start),
    CONSTRAINT indicator_state_one_value_check CHECK ((state IS NULL) <> (amount IS NULL))
);
CREATE INDEX indicator_state_period_idx ON medalliance.indicator_state (period_start);
CREATE INDEX indicator_state_refresh_idx ON medalliance.indicator_state (refresh_id);
COMMENT ON TABLE medalliance.indicator_state IS
    '指标状态 stored indicator states: per indicator, unit and month, the rate (numerator/denominator) or the count. Written only by refresh_indicators(); quarters and years are merged from these months when read.';
COMMENT ON COLUMN medalliance.indicator_state.indicator_code IS '指标 the indicator.';
COMMENT ON COLUMN medalliance.indicator_state.unit_level IS '单位层级 institution, alliance, county, city or province.';
COMMENT ON COLUMN medalliance.indicator_state.unit_id IS '单位 institution_id, alliance_id or region_id, by unit_level.';
COMMENT ON COLUMN medalliance.indicator_state.period_start IS '月份 the month (first day).';
COMMENT ON COLUMN medalliance.indicator_state.state IS '比率状态 the rate (numerator/denominator) of a percent indicator.';
COMMENT ON COLUMN medalliance.indicator_state.amount IS '数量 the count of a count indicator.';
COMMENT ON COLUMN medalliance.indicator_state.refresh_id IS '刷新编号 the refresh that wrote the row.';

SELECT pg_catalog.pg_extension_config_dump('medalliance.refresh_log', '');
SELECT pg_catalog.pg_extension_config_dump('medalliance.indicator_state', '');
SELECT pg_catalog.pg_extension_config_dump(
    pg_catalog.pg_get_serial_sequence('medalliance.refresh_log', 'refresh_id'), '');

-- Refresh --------------------------------------------------------------------

-- The base counts of one indicator for a range of months, at the level the
-- facts are held (an institution, or a county of residence), before any
-- roll-up.  One row per (unit, month) with numerator and denominator (or, for
-- count indicators, the count in numerator and NULL denominator).
CREATE FUNCTION medalliance.indicator_base_counts(
    indicator_code text, month_from date, month_to date,
    OUT unit_level text, OUT unit_id integer, OUT period_start date,
    OUT numerator bigint, OUT denominator bigint)
RETURNS SETOF record
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = medalliance, pg_catalog, pg_temp
AS $$
DECLARE
    ind   medalliance.indicator;
    p     jsonb;
    -- the exclusive end of the range
    range_end date := (month_to + interval '1 month')::date;
BEGIN
    SELECT * INTO ind FROM medalliance.indicator i WHERE i.indicator_code = indicator_base_counts.indicator_code;
    IF NOT FOUND THEN
        RAISE EXCEPTION USING ERRCODE = '22023',
            MESSAGE = format('unknown indicator code "%s"', indicator_code),
            HINT = 'The codes are listed in medalliance.indicator.';
    END IF;
    p := ind.parameters;

    CASE ind.formula
    WHEN 'residence_in_county' THEN
        RETURN QUERY
        SELECT 'county'::text, e.residence_region_id, date_trunc('month', e.encounter_date)::date,
               count(*) FILTER (WHERE i.region_id = e.residence_region_id), count(*)
        FROM medalliance.encounter e
        JOIN medalliance.institution i ON i.institution_id = e.institution_id
        JOIN medalliance.region r ON r.region_id = e.residence_region_id AND r.region_level = 'county'
        WHERE e.encounter_date >= month_from AND e.encounter_date < range_end
          AND e.encounter_kind IN (SELECT jsonb_array_elements_text(p -> 'encounter_kinds'))
        GROUP BY 2, 3;
    WHEN 'primary_share' THEN
        RETURN QUERY
        SELECT 'institution'::text, e.institution_id, date_trunc('month', e.encounter_date)::date,
               CASE WHEN i.is_primary THEN count(*) ELSE 0 END, count(*)
        FROM medalliance.encounter e
        JOIN medalliance.institution i ON i.institution_id = e.institution_id
        WHERE e.encounter_date >= month_from AND e.encounter_date < range_end
          AND e.encounter_kind IN (SELECT jsonb_array_elements_text(p -> 'encounter_kinds'))
        GROUP BY 2, 3, i.is_primary;
    WHEN 'out_of_region_referral' THEN
        RETURN QUERY
        SELECT 'institution'::text, f.institution_id, date_trunc('month', x.referral_date)::date,
               count(*) FILTER (WHERE CASE p ->> 'scope'
                                   WHEN 'county' THEN tg.county_id IS DISTINCT FROM fg.county_id
                                   ELSE tg.city_id IS DISTINCT FROM fg.city_id END),
               count(*)
        FROM medalliance.referral x
        JOIN medalliance.institution f ON f.institution_id = x.from_institution_id
        JOIN medalliance.region_ancestry fg ON fg.region_id = f.region_id
        JOIN medalliance.institution t ON t.institution_id = x.to_institution_id
        JOIN medalliance.region_ancestry tg ON tg.region_id = t.region_id
        WHERE x.referral_date >= month_from AND x.referral_date < range_end
        GROUP BY 2, 3;
    WHEN 'downward_referral_share', 'downward_referral_count' THEN
        RETURN QUERY
        SELECT 'institution'::text, f.institution_id, date_trunc('month', x.referral_date)::date,
               count(*) FILTER (WHERE t.care_tier < f.care_tier),
               CASE WHEN ind.formula = 'downward_referral_share' THEN count(*) END
        FROM medalliance.referral x
        JOIN medalliance.institution f ON f.institution_id = x.from_institution_id
        JOIN medalliance.institution t ON t.institution_id = x.to_institution_id
        WHERE x.referral_date >= month_from AND x.referral_date < range_end
          AND f.care_tier >= 2 AND f.institution_level <> 'private'
        GROUP BY 2, 3;
    WHEN 'booked_referral_share' THEN
        RETURN QUERY
        WITH hospital AS (
            SELECT institution_id FROM medalliance.institution
            WHERE care_tier >= 2 AND institution_level <> 'private'
        ), booked AS (
            SELECT x.to_institution_id AS institution_id, date_trunc('month', x.referral_date)::date AS month,
                   count(*) AS n
            FROM medalliance.referral x JOIN hospital h ON h.institution_id = x.to_institution_id
            WHERE x.referral_date >= month_from AND x.referral_date < range_end
              AND x.by_appointment AND x.referral_kind = 'outpatient'
            GROUP BY 1, 2
        ), visits AS (
            SELECT e.institution_id, date_trunc('month', e.encounter_date)::date AS month, count(*) AS n
            FROM medalliance.encounter e JOIN hospital h ON h.institution_id = e.institution_id
            WHERE e.encounter_date >= month_from AND e.encounter_date < range_end
              AND e.encounter_kind IN ('outpatient', 'emergency')
            GROUP BY 1, 2
        )
        SELECT 'institution'::text, coalesce(v.institution_id, b.institution_id), coalesce(v.month, b.month),
               coalesce(b.n, 0), coalesce(v.n, 0)
        FROM visits v FULL JOIN booked b USING (institution_id, month);
    WHEN 'contract_rate' THEN
        RETURN QUERY
        WITH months AS (
            SELECT m::date AS month, (m + interval '1 month - 1 day')::date AS month_end
            FROM generate_series(month_from, month_to, interval '1 month') m
        ), contracted AS (
            SELECT c.residence_region_id AS region_id, m.month, count(DISTINCT c.person_id) AS n
            FROM months m
            JOIN medalliance.contract c ON c.signed_on <= m.month_end AND c.valid_to > m.month_end
            WHERE c.population_group IN (SELECT jsonb_array_elements_text(p -> 'contract_groups'))
            GROUP BY 1, 2
        ), residents AS (
            SELECT pop.region_id, m.month, pop.residents AS n
            FROM months m
            JOIN medalliance.population pop
              ON pop.year = extract(year FROM m.month) AND pop.population_group = p ->> 'population_group'
            JOIN medalliance.region r ON r.region_id = pop.region_id AND r.region_level = 'county'
        )
        -- a county-month without a population figure has no denominator: no state, not assessable
        SELECT 'county'::text, r.region_id, r.month, coalesce(c.n, 0), r.n
        FROM residents r LEFT JOIN contracted c USING (region_id, month);
    WHEN 'chronic_standardised_primary' THEN
        RETURN QUERY
        SELECT 'county'::text, cc.residence_region_id, make_date(cc.assessed_year, 12, 1),
               count(*) FILTER (WHERE cc.is_standardised AND i.is_primary), count(*)
        FROM medalliance.chronic_care cc
        JOIN medalliance.institution i ON i.institution_id = cc.managed_at_institution_id
        WHERE make_date(cc.assessed_year, 12, 1) >= month_from AND make_date(cc.assessed_year, 12, 1) < range_end
          AND cc.condition IN (SELECT jsonb_array_elements_text(p -> 'conditions'))
        GROUP BY 2, 3;
    WHEN 'fund_in_county' THEN
        RETURN QUERY
        SELECT 'county'::text, fs.insured_region_id, fs.period_start,
               (sum(fs.fund_payment) FILTER (WHERE i.region_id = fs.insured_region_id) * 100)::bigint,
               (sum(fs.fund_payment) * 100)::bigint
        FROM medalliance.fund_spending fs
        JOIN medalliance.institution i ON i.institution_id = fs.institution_id
        JOIN medalliance.region r ON r.region_id = fs.insured_region_id AND r.region_level = 'county'
        WHERE fs.period_start >= month_from AND fs.period_start < range_end
        GROUP BY 2, 3;
    WHEN 'fund_primary_share' THEN
        RETURN QUERY
        SELECT 'institution'::text, fs.institution_id, fs.period_start,
               CASE WHEN i.is_primary THEN (sum(fs.fund_payment) * 100)::bigint ELSE 0 END,
               (sum(fs.fund_payment) * 100)::bigint
        FROM medalliance.fund_spending fs
        JOIN medalliance.institution i ON i.institution_id = fs.institution_id
        WHERE fs.period_start >= month_from AND fs.period_start < range_end
        GROUP BY 2, 3, i.is_primary;
    WHEN 'capability_share' THEN
        IF p ->> 'capability' NOT IN ('has_radiology', 'has_ecg', 'has_remote_point', 'offers_tcm',
                                      'meets_capability_standard', 'meets_village_clinic_standard') THEN
            RAISE EXCEPTION USING ERRCODE = '22023',
                MESSAGE = format('indicator "%s": unknown capability "%s"', ind.indicator_code, p ->> 'capability'),
                HINT = 'Use a boolean column of medalliance.capability.';
        END IF;
        RETURN QUERY EXECUTE format($q$
            SELECT 'institution'::text, c.institution_id, c.period_start,
                   CASE WHEN c.%1$I THEN 1::bigint ELSE 0::bigint END, 1::bigint
            FROM medalliance.capability c
            JOIN medalliance.institution i ON i.institution_id = c.institution_id
            WHERE c.period_start >= $1 AND c.period_start < $2 AND c.%1$I IS NOT NULL
              AND i.institution_level IN (SELECT jsonb_array_elements_text($3 -> 'levels'))$q$,
            p ->> 'capability')
        USING month_from, range_end, p;
    WHEN 'township_staff_coverage', 'shared_centre_use' THEN
        RETURN QUERY
        WITH months AS (
            SELECT m::date AS month, (m + interval '1 month')::date AS next_month
            FROM generate_series(month_from, month_to, interval '1 month') m
        ), centres AS (
            SELECT i.institution_id, i.care_tier, m.month, m.next_month
            FROM medalliance.institution i CROSS JOIN months m
            WHERE (i.opened_on IS NULL OR i.opened_on < m.next_month)
              AND (i.closed_on IS NULL OR i.closed_on > m.month)
              AND i.institution_level IN (
                  SELECT jsonb_array_elements_text(
                      CASE WHEN ind.formula = 'township_staff_coverage'
                           THEN '["township_health_centre"]'::jsonb ELSE p -> 'levels' END))
        )
        SELECT 'institution'::text, c.institution_id, c.month,
               CASE WHEN ind.formula = 'township_staff_coverage' THEN
                   (EXISTS (SELECT FROM medalliance.deployment d
                            JOIN medalliance.institution f ON f.institution_id = d.from_institution_id
                            WHERE d.to_institution_id = c.institution_id AND f.care_tier > c.care_tier
                              AND d.started_on < c.next_month
                              AND (d.ended_on IS NULL OR d.ended_on >= c.month)))::int::bigint
               ELSE
                   (EXISTS (SELECT FROM medalliance.shared_centre_service s
                            WHERE s.ordering_institution_id = c.institution_id
                              AND s.ordered_on >= c.month AND s.ordered_on < c.next_month))::int::bigint
               END,
               1::bigint
        FROM centres c;
    WHEN 'senior_secondment_count' THEN
        RETURN QUERY
        WITH months AS (
            SELECT m::date AS month, (m + interval '1 month - 1 day')::date AS month_end
            FROM generate_series(month_from, month_to, interval '1 month') m
        )
        SELECT 'institution'::text, d.from_institution_id, m.month, count(*), NULL::bigint
        FROM months m
        JOIN medalliance.deployment d
          ON d.started_on <= m.month_end AND (d.ended_on IS NULL OR d.ended_on >= m.month_end)
        WHERE d.profession = 'doctor' AND d.title_level <> 'junior'
          AND d.deployment_kind <> 'circuit_clinic'
          AND coalesce(d.ended_on, m.month_end) >= (d.started_on + interval '6 months')::date
        GROUP BY 2, 3;
    WHEN 'remote_diagnosis_count' THEN
        RETURN QUERY
        SELECT 'institution'::text, s.ordering_institution_id, date_trunc('month', s.ordered_on)::date,
               count(*), NULL::bigint
        FROM medalliance.shared_centre_service s
        WHERE s.ordered_on >= month_from AND s.ordered_on < range_end
        GROUP BY 2, 3;
    END CASE;
END
$$;
COMMENT ON FUNCTION medalliance.indicator_base_counts(text, date, date) IS
    '指标基础计数 The counts behind one indicator for a range of months, at the level the facts are held (institution, or county of residence), before any roll-up.';

-- check_refresh_period(refresh_name, period_from, period_to): the checks every
-- refresh makes of its period before it writes anything.
CREATE FUNCTION medalliance.check_refresh_period(refresh_name text, period_from date, period_to date)
RETURNS void
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path = medalliance, pg_catalog, pg_temp
AS $$
BEGIN
    IF period_from IS NULL OR period_to IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = '22004',
            MESSAGE = format('%s needs both period_from and period_to', refresh_name);
    END IF;
    IF period_from > period_to THEN
        RAISE EXCEPTION USING ERRCODE = '22023',
            MESSAGE = format('refresh period from %s to %s is empty', period_from, period_to),
            HINT = 'period_from must not be after period_to.';
    END IF;
    IF period_from = '-infinity' OR period_to = 'infinity' THEN
        RAISE EXCEPTION USING ERRCODE = '22023',
            MESSAGE = format('refresh period from %s to %s is unbounded', period_from, period_to),
            HINT = 'Name the first and last months to refresh.';
    END IF;
END
$$;
COMMENT ON FUNCTION medalliance.check_refresh_period(text, date, date) IS
    '刷新期间检查 Raises 22004 for a missing bound and 22023 for an empty or unbounded refresh period; used by every refresh.';

-- refresh_indicators(period_from, period_to[, indicator_codes]): recompute the
-- stored states of the months from period_from to period_to (inclusive, any
-- day of the month) at every unit level, and return the refresh_id.  Rows of
-- other months are not touched.
CREATE FUNCTION medalliance.refresh_indicators(period_from date, period_to date,
                                               indicator_codes text[] DEFAULT NULL)
RETURNS bigint
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = medalliance, pg_catalog, pg_temp
AS $$
DECLARE
    month_from date;
    month_to   date;
    log_id     bigint;
    ind        record;
    bad        record;
    written    bigint;
    total      bigint := 0;
    per_indicator jsonb := '{}';
    unknown    text;
BEGIN
    PERFORM medalliance.check_refresh_period('refresh_indicators', period_from, period_to);
    SELECT string_agg(c, ', ') INTO unknown
    FROM unnest(indicator_codes) c
    WHERE c IS NULL OR NOT EXISTS (SELECT FROM medalliance.indicator i WHERE i.indicator_code = c);
    IF unknown IS NOT NULL OR array_position(indicator_codes, NULL) IS NOT NULL THEN
        RAISE EXCEPTION USING ERRCODE = '22023',
            MESSAGE = format('unknown indicator code(s): %s', coalesce(unknown, 'NULL')),
            HINT = 'The codes are listed in medalliance.indicator.';
    END IF;
    month_from := date_trunc('month', period_from)::date;
    month_to := date_trunc('month', period_to)::date;

    INSERT INTO medalliance.refresh_log (layer, period_from, period_to)
    VALUES ('indicators', month_from, month_to) RETURNING refresh_id INTO log_id;

    DELETE FROM medalliance.indicator_state s
    WHERE s.period_start BETWEEN month_from AND month_to
      AND (indicator_codes IS NULL OR s.indicator_code = ANY (indicator_codes));

    IF to_regclass('pg_temp.indicator_refresh_base') IS NULL THEN
        CREATE TEMP TABLE indicator_refresh_base (
            unit_level text, unit_id integer, period_start date, numerator bigint, denominator bigint
        ) ON COMMIT DROP;
    END IF;

    FOR ind IN SELECT i.* FROM medalliance.indicator i
               WHERE indicator_codes IS NULL OR i.indicator_code = ANY (indicator_codes)
               ORDER BY i.indicator_code
    LOOP
        TRUNCATE indicator_refresh_base;
        INSERT INTO indicator_refresh_base
        SELECT * FROM medalliance.indicator_base_counts(ind.indicator_code, month_from, month_to);

        -- A share whose numerator exceeds its denominator means inconsistent facts: say where.
        SELECT * INTO bad FROM indicator_refresh_base b
        WHERE ind.unit = 'percent' AND (b.denominator IS NULL OR b.numerator > b.denominator)
        LIMIT 1;
        IF FOUND THEN
            RAISE EXCEPTION USING ERRCODE = '22023',
                MESSAGE = format('indicator "%s": numerator %s exceeds denominator %s for %s %s in %s',
                                 ind.indicator_code, bad.numerator, coalesce(bad.denominator::text, 'NULL'),
                                 bad.unit_level, bad.unit_id, to_char(bad.period_start, 'YYYY-MM')),
                DETAIL = format('%s: %s / %s.', ind.name_en, ind.numerator_definition, ind.denominator_definition),
                HINT = 'Check the facts behind this indicator for that unit and month (validate_warehouse() lists known inconsistencies).';
        END IF;

        -- Roll the base rows up to every level: a merge, never an average.
        WITH base AS (
            SELECT * FROM indicator_refresh_base
        ), placed AS (
            -- the base rows themselves
            SELECT b.unit_level, b.unit_id, b.period_start, b.numerator, b.denominator FROM base b
            UNION ALL
            -- institutions into the alliances they belong to that month (once each)
            SELECT DISTINCT ON (m.alliance_id, b.unit_id, b.period_start)
                   'alliance', m.alliance_id, b.period_start, b.numerator, b.denominator
            FROM base b
            JOIN medalliance.membership m
              ON b.unit_level = 'institution' AND m.institution_id = b.unit_id
             AND m.valid_from < (b.period_start + interval '1 month')::date
             AND (m.valid_to IS NULL OR m.valid_to > b.period_start)
            UNION ALL
            -- institutions and counties into their county, city and province
            SELECT lvl.unit_level, lvl.unit_id, b.period_start, b.numerator, b.denominator
            FROM base b
            LEFT JOIN medalliance.institution i ON b.unit_level = 'institution' AND i.institution_id = b.unit_id
            JOIN medalliance.region_ancestry g
              ON g.region_id = CASE b.unit_level WHEN 'institution' THEN i.region_id ELSE b.unit_id END
            CROSS JOIN LATERAL (VALUES ('county', g.county_id), ('city', g.city_id), ('province', g.province_id))
                AS lvl(unit_level, unit_id)
            WHERE lvl.unit_id IS NOT NULL AND NOT (b.unit_level = lvl.unit_level AND b.unit_id = lvl.unit_id)
        ), merged AS (
            SELECT p.unit_level, p.unit_id, p.period_start,
                   sum(p.numerator)::bigint AS numerator, sum(p.denominator)::bigint AS denominator
            FROM placed p GROUP BY 1, 2, 3
        ), with_alliances_of_regions AS (
            SELECT * FROM merged
            UNION ALL
            -- a residence-based indicator reaches an alliance through the region it serves
            SELECT 'alliance', a.alliance_id, mg.period_start, mg.numerator, mg.denominator
            FROM merged mg
            JOIN medalliance.alliance a ON a.region_id = mg.unit_id
            JOIN medalliance.region r ON r.region_id = a.region_id AND r.region_level = mg.unit_level
            WHERE NOT EXISTS (SELECT FROM base b WHERE b.unit_level = 'institution')
              AND (a.formed_on IS NULL OR a.formed_on < (mg.period_start + interval '1 month')::date)
              AND (a.dissolved_on IS NULL OR a.dissolved_on > mg.period_start)
        )
        INSERT INTO medalliance.indicator_state
            (indicator_code, unit_level, unit_id, period_start, state, amount, refresh_id)
        SELECT ind.indicator_code, w.unit_level, w.unit_id, w.period_start,
               CASE WHEN ind.unit = 'percent' THEN medalliance.rate(w.numerator, w.denominator) END,
               CASE WHEN ind.unit = 'count' THEN w.numerator END,
               log_id
        FROM with_alliances_of_regions w
        WHERE w.unit_level = ANY (ind.unit_levels);
        GET DIAGNOSTICS written = ROW_COUNT;
        total := total + written;
        per_indicator := per_indicator || jsonb_build_object(ind.indicator_code, written);
    END LOOP;

    UPDATE medalliance.refresh_log
    SET finished_at = clock_timestamp(), rows_written = total,
        details = jsonb_build_object('rows_per_indicator', per_indicator)
    WHERE refresh_id = log_id;
    RETURN log_id;
END
$$;
COMMENT ON FUNCTION medalliance.refresh_indicators(date, date, text[]) IS
    '刷新监测指标 Recomputes the stored indicator states of the months from period_from to period_to (inclusive) at every unit level, for all indicators or the ones named; other months are untouched. Returns the refresh_id of its refresh_log row.';

-- Views for BI tools ---------------------------------------------------------

CREATE VIEW medalliance.unit_directory AS
SELECT 'institution'::text AS unit_level, i.institution_id AS unit_id, i.institution_name AS unit_name,
       g.county_id, g.city_id, g.province_id
FROM medalliance.institution i JOIN medalliance.region_ancestry g ON g.region_id = i.region_id
UNION ALL
SELECT 'alliance', a.alliance_id, a.alliance_name, g.county_id, g.city_id, g.province_id
FROM medalliance.alliance a JOIN medalliance.region_ancestry g ON g.region_id = a.region_id
UNION ALL
SELECT r.region_level, r.region_id, r.region_name, g.county_id, g.city_id, g.province_id
FROM medalliance.region r JOIN medalliance.region_ancestry g ON g.region_id = r.region_id;
COMMENT ON VIEW medalliance.unit_directory IS
    '评价单位 every unit a result can name — institution, alliance, county, city, province — with its name and the regions it lies in.';
COMMENT ON COLUMN medalliance.unit_directory.unit_level IS '单位层级 institution, alliance, county, city or province.';
COMMENT ON COLUMN medalliance.unit_directory.unit_id IS '单位编号 institution_id, alliance_id or region_id.';
COMMENT ON COLUMN medalliance.unit_directory.unit_name IS '单位名称 the name.';
COMMENT ON COLUMN medalliance.unit_directory.county_id IS '所属县 the county it lies in, if any.';
COMMENT ON COLUMN medalliance.unit_directory.city_id IS '所属市 the city it lies in, if any.';
COMMENT ON COLUMN medalliance.unit_directory.province_id IS '所属省 the province it lies in.';

CREATE VIEW medalliance.indicator_value AS
SELECT m.unit_level, m.unit_id, u.unit_name, m.period_start, m.grain,
       m.indicator_code, i.name_zh AS indicator_name_zh, i.name_en AS indicator_name_en,
       i.unit, i.direction,
       coalesce(medalliance.numerator(m.state), m.amount) AS numerator,
       medalliance.denominator(m.state) AS denominator,
       CASE WHEN i.unit = 'percent' THEN 100 * medalliance.value(m.state) ELSE m.amount END AS value,
       CASE WHEN i.has_interval THEN 100 * medalliance.ci_lower(m.state) END AS ci_lower,
       CASE WHEN i.has_interval THEN 100 * medalliance.ci_upper(m.state) END AS ci_upper,
       m.months::integer AS months_with_data
FROM (
    -- flows: every month of the period merged.  (No shared CTE here, so that a
    -- filter on unit, indicator or grain reaches the scan of indicator_state.)
    SELECT s.indicator_code, s.unit_level, s.unit_id, g.grain,
           date_trunc(g.grain, s.period_start)::date AS period_start,
           medalliance.rate_agg(s.state) AS state, sum(s.amount)::bigint AS amount, count(*) AS months
    FROM medalliance.indicator_state s
    JOIN medalliance.indicator fi ON fi.indicator_code = s.indicator_code AND fi.temporal_rollup = 'sum'
    CROSS JOIN (VALUES ('month'), ('quarter'), ('year')) AS g(grain)
    GROUP BY s.indicator_code, s.unit_level, s.unit_id, g.grain, date_trunc(g.grain, s.period_start)::date
    UNION ALL
    -- stocks: the last month of the period with data
    (SELECT DISTINCT ON (s.indicator_code, s.unit_level, s.unit_id, g.grain, date_trunc(g.grain, s.period_start)::date)
            s.indicator_code, s.unit_level, s.unit_id, g.grain,
            date_trunc(g.grain, s.period_start)::date, s.state, s.amount,
            count(*) OVER (PARTITION BY s.indicator_code, s.unit_level, s.unit_id, g.grain,
                                        date_trunc(g.grain, s.period_start)::date)
     FROM medalliance.indicator_state s
     JOIN medalliance.indicator li ON li.indicator_code = s.indicator_code AND li.temporal_rollup = 'last'
     CROSS JOIN (VALUES ('month'), ('quarter'), ('year')) AS g(grain)
     ORDER BY s.indicator_code, s.unit_level, s.unit_id, g.grain,
              date_trunc(g.grain, s.period_start)::date, s.period_start DESC)
) AS m(indicator_code, unit_level, unit_id, grain, period_start, state, amount, months)
JOIN medalliance.indicator i ON i.indicator_code = m.indicator_code
LEFT JOIN medalliance.unit_directory u ON u.unit_level = m.unit_level AND u.unit_id = m.unit_id;
COMMENT ON VIEW medalliance.indicator_value IS
    '指标值 indicator values per unit and period (month, quarter, year), merged from the stored monthly states: one row per (unit, period, indicator). Percent values are in percent; intervals are 95% Wilson intervals where meaningful.';
COMMENT ON COLUMN medalliance.indicator_value.unit_level IS '单位层级 institution, alliance, county, city or province.';
COMMENT ON COLUMN medalliance.indicator_value.unit_id IS '单位编号 institution_id, alliance_id or region_id.';
COMMENT ON COLUMN medalliance.indicator_value.unit_name IS '单位名称 the unit''s name.';
COMMENT ON COLUMN medalliance.indicator_value.period_start IS '期间起始 first day of the period.';
COMMENT ON COLUMN medalliance.indicator_value.grain IS '期间粒度 month, quarter or year.';
COMMENT ON COLUMN medalliance.indicator_value.indicator_code IS '指标代码 the indicator.';
COMMENT ON COLUMN medalliance.indicator_value.indicator_name_zh IS '指标名称 the Chinese name.';
COMMENT ON COLUMN medalliance.indicator_value.indicator_name_en IS '指标英文名 the English name.';
COMMENT ON COLUMN medalliance.indicator_value.unit IS '单位 percent or count.';
COMMENT ON COLUMN medalliance.indicator_value.direction IS '方向 higher_better, lower_better, target_band or monitor_only.';
COMMENT ON COLUMN medalliance.indicator_value.numerator IS '分子 the numerator (the count, for count indicators).';
COMMENT ON COLUMN medalliance.indicator_value.denominator IS '分母 the denominator; NULL for count indicators.';
COMMENT ON COLUMN medalliance.indicator_value.value IS '指标值 the value: percent (0–100) or count; NULL when the denominator is 0.';
COMMENT ON COLUMN medalliance.indicator_value.ci_lower IS '置信下限 lower bound of the 95% Wilson interval, in percent; NULL where no interval applies.';
COMMENT ON COLUMN medalliance.indicator_value.ci_upper IS '置信上限 upper bound of the 95% Wilson interval, in percent.';
COMMENT ON COLUMN medalliance.indicator_value.months_with_data IS '有数据月数 months of the period with a stored state.';

CREATE VIEW medalliance.target_attainment AS
WITH yearly AS (
    SELECT v.*, extract(year FROM v.period_start)::smallint AS year FROM medalliance.indicator_value v
    WHERE v.grain = 'year'
), applicable AS (
    -- for each scheme, indicator and assessed year: the target of the latest
    -- target_year not after it, else the earliest
    SELECT DISTINCT ON (t.scheme_code, t.indicator_code, t.region_id, y.year)
           t.*, y.year AS assessed_year
    FROM medalliance.indicator_target t
    JOIN (SELECT DISTINCT indicator_code, year FROM yearly) y USING (indicator_code)
    ORDER BY t.scheme_code, t.indicator_code, t.region_id, y.year,
             (t.target_year <= y.year) DESC,
             CASE WHEN t.target_year <= y.year THEN -t.target_year ELSE t.target_year END
), judged AS (
    -- a regional target, where one covers the unit, overrides the general one
    SELECT DISTINCT ON (a.scheme_code, a.indicator_code, cur.unit_level, cur.unit_id, a.assessed_year)
           a.scheme_code, a.document_code, cur.unit_level, cur.unit_id, cur.unit_name,
           a.assessed_year, cur.indicator_code, cur.indicator_name_zh, cur.indicator_name_en, cur.unit,
           a.target_year, a.target_kind, a.comparator, a.target_value,
           cur.numerator, cur.denominator, cur.value,
           base.value AS baseline_value, a.assessed_year - a.baseline_offset_years AS baseline_year,
           base.numerator AS base_numerator, base.denominator AS base_denominator,
           coalesce(a.min_denominator, i.min_denominator) AS min_denominator,
           CASE WHEN cur.unit = 'percent' THEN 100 ELSE 1 END AS scale,
           coalesce(cur.denominator, 1) AS d1, coalesce(base.denominator, 1) AS d0
    FROM applicable a
    JOIN medalliance.indicator i ON i.indicator_code = a.indicator_code
    JOIN yearly cur ON cur.indicator_code = a.indicator_code AND cur.year = a.assessed_year
    JOIN medalliance.unit_directory u ON u.unit_level = cur.unit_level AND u.unit_id = cur.unit_id
    LEFT JOIN yearly base
      ON base.indicator_code = a.indicator_code AND base.unit_level = cur.unit_level
     AND base.unit_id = cur.unit_id AND base.year = a.assessed_year - a.baseline_offset_years
    WHERE a.region_id IS NULL
       OR a.region_id IN (u.county_id, u.city_id, u.province_id)
       OR (cur.unit_level IN ('county', 'city', 'province') AND a.region_id = cur.unit_id)
    ORDER BY a.scheme_code, a.indicator_code, cur.unit_level, cur.unit_id, a.assessed_year,
             (a.region_id IS NULL)
), decided AS (
    SELECT j.*,
           CASE
               WHEN j.unit = 'percent' AND coalesce(j.denominator, 0) = 0 THEN 'no denominator'
               WHEN j.unit = 'percent' AND j.denominator < j.min_denominator
                   THEN format('sample below minimum (%s < %s)', j.denominator, j.min_denominator)
               WHEN j.target_kind <> 'absolute' AND j.baseline_value IS NULL
                   THEN format('baseline %s missing', j.baseline_year)
               WHEN j.target_kind = 'relative_growth' AND j.base_numerator = 0
                   THEN format('baseline %s is zero: growth undefined', j.baseline_year)
           END AS reason,
           -- exact comparisons in numeric: value (scale·n/d) against the target
           CASE j.target_kind
               WHEN 'absolute' THEN
                   (j.scale * j.numerator::numeric) - j.target_value * j.d1
               WHEN 'change_pp' THEN
                   j.scale * (j.numerator::numeric * j.d0 - j.base_numerator::numeric * j.d1)
                   - j.target_value * j.d1 * j.d0
               WHEN 'relative_growth' THEN
                   100 * (j.numerator::numeric * j.d0 - j.base_numerator::numeric * j.d1)
                   - j.target_value * j.base_numerator::numeric * j.d1
           END AS margin
    FROM judged j
)
SELECT d.scheme_code, d.document_code, d.unit_level, d.unit_id, d.unit_name,
       make_date(d.assessed_year, 1, 1) AS period_start, 'year'::text AS grain,
       d.indicator_code, d.indicator_name_zh, d.indicator_name_en, d.unit,
       d.target_year, d.target_kind, d.comparator, d.target_value::double precision AS target_value,
       d.numerator, d.denominator, d.value,
       d.baseline_year, d.baseline_value,
       CASE WHEN d.target_kind <> 'absolute' AND d.unit = 'percent' THEN d.value - d.baseline_value END
           AS change_pp,
       CASE WHEN d.target_kind = 'relative_growth' AND d.baseline_value <> 0
            THEN 100 * (d.value - d.baseline_value) / d.baseline_value END AS growth_percent,
       CASE WHEN d.reason IS NOT NULL THEN 'not_assessable'
            WHEN (d.comparator = '>=' AND d.margin >= 0) OR (d.comparator = '<=' AND d.margin <= 0) THEN 'met'
            ELSE 'not_met' END AS status,
       d.reason,
       CASE WHEN d.reason IS NULL OR d.reason LIKE 'sample below%' THEN
           CASE d.target_kind
               WHEN 'absolute' THEN d.value - d.target_value
               WHEN 'change_pp' THEN (d.value - d.baseline_value) - d.target_value
               WHEN 'relative_growth' THEN 100 * (d.value - d.baseline_value) / nullif(d.baseline_value, 0) - d.target_value
           END END::double precision AS gap,
       (d.unit = 'percent' AND d.denominator > 0 AND d.denominator < d.min_denominator) AS small_sample
FROM decided d;
COMMENT ON VIEW medalliance.target_attainment IS
    '目标达成 attainment of each scheme''s targets by each unit and assessed year: met, not_met or not_assessable (with the reason: no denominator, baseline missing, sample below the minimum). Decisions compare numerators and denominators exactly; gap is value minus target (for change targets, change minus required change).';
COMMENT ON COLUMN medalliance.target_attainment.scheme_code IS '方案 the targets scheme.';
COMMENT ON COLUMN medalliance.target_attainment.document_code IS '依据文件 the document that sets the target.';
COMMENT ON COLUMN medalliance.target_attainment.unit_level IS '单位层级 institution, alliance, county, city or province.';
COMMENT ON COLUMN medalliance.target_attainment.unit_id IS '单位编号 institution_id, alliance_id or region_id.';
COMMENT ON COLUMN medalliance.target_attainment.unit_name IS '单位名称 the unit''s name.';
COMMENT ON COLUMN medalliance.target_attainment.period_start IS '考核年度起始 first day of the assessed year.';
COMMENT ON COLUMN medalliance.target_attainment.grain IS '期间粒度 year (targets are annual).';
COMMENT ON COLUMN medalliance.target_attainment.indicator_code IS '指标代码 the indicator.';
COMMENT ON COLUMN medalliance.target_attainment.indicator_name_zh IS '指标名称 the Chinese name.';
COMMENT ON COLUMN medalliance.target_attainment.indicator_name_en IS '指标英文名 the English name.';
COMMENT ON COLUMN medalliance.target_attainment.unit IS '单位 percent or count.';
COMMENT ON COLUMN medalliance.target_attainment.target_year IS '目标年度 the year the applied target was set for.';
COMMENT ON COLUMN medalliance.target_attainment.target_kind IS '目标类型 absolute, change_pp or relative_growth.';
COMMENT ON COLUMN medalliance.target_attainment.comparator IS '比较 >= or <=.';
COMMENT ON COLUMN medalliance.target_attainment.target_value IS '目标值 percent, count, percentage points or percent growth, by target_kind.';
COMMENT ON COLUMN medalliance.target_attainment.numerator IS '分子 the numerator (the count, for count indicators).';
COMMENT ON COLUMN medalliance.target_attainment.denominator IS '分母 the denominator.';
COMMENT ON COLUMN medalliance.target_attainment.value IS '指标值 the value in the assessed year.';
COMMENT ON COLUMN medalliance.target_attainment.baseline_year IS '基线年度 the baseline year of a change target.';
COMMENT ON COLUMN medalliance.target_attainment.baseline_value IS '基线值 the value in the baseline year.';
COMMENT ON COLUMN medalliance.target_attainment.change_pp IS '变化(百分点) change over the baseline in percentage points.';
COMMENT ON COLUMN medalliance.target_attainment.growth_percent IS '增长率 relative growth over the baseline, in percent.';
COMMENT ON COLUMN medalliance.target_attainment.status IS '达标状态 met (达标), not_met (未达标) or not_assessable (无法评价).';
COMMENT ON COLUMN medalliance.target_attainment.reason IS '原因 why a row is not assessable.';
COMMENT ON COLUMN medalliance.target_attainment.gap IS '差距 value minus target (change minus required change for change targets); positive is above the target.';
COMMENT ON COLUMN medalliance.target_attainment.small_sample IS '小样本 true when the denominator is below the minimum: shown, not judged.';

GRANT SELECT ON medalliance.indicator, medalliance.indicator_target, medalliance.refresh_log,
                medalliance.indicator_value, medalliance.target_attainment, medalliance.unit_directory,
                medalliance.region_ancestry
    TO medalliance_reader;
GRANT SELECT ON medalliance.indicator_state TO medalliance_analyst;
GRANT INSERT, UPDATE, DELETE ON medalliance.indicator, medalliance.indicator_target TO medalliance_admin;
GRANT INSERT, UPDATE, DELETE ON medalliance.indicator_state, medalliance.refresh_log TO medalliance_admin;
GRANT USAGE ON SEQUENCE medalliance.refresh_log_refresh_id_seq TO medalliance_admin;
