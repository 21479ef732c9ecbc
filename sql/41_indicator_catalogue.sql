-- Monitoring indicators (监测指标), their targets (目标值) and attainment (达标).
--
-- The catalogue says what each indicator counts; refresh_indicators() counts it
-- from the warehouse facts as rate states (or counts) per unit and month and
-- stores them in indicator_state; every coarser unit (alliance, county, city,
-- province) and every coarser period (quarter, year) is a merge of those
-- states, never an average of rates.  The views indicator_value and
-- target_attainment are what BI tools read: plain columns, no function calls.

-- Files: 40 the formulas (how each is counted), 41 this catalogue (what each
-- indicator counts), 42 the targets, 43 the stored states and their refresh,
-- 44 the views.

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
        CONSTRAINT indicator_formula_fkey REFERENCES medalliance.indicator_formula (formula),
    parameters             jsonb NOT NULL DEFAULT '{}'
        CONSTRAINT indicator_parameters_check CHECK (jsonb_typeof(parameters) = 'object'),
    variant_of             text,   -- indicator_variant_of_fkey, a constraint trigger (self_reference_check)
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
CREATE CONSTRAINT TRIGGER indicator_variant_of_fkey AFTER INSERT OR UPDATE OR DELETE ON medalliance.indicator
    FOR EACH ROW EXECUTE FUNCTION medalliance.self_reference_check('variant_of', 'indicator_code');
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
    '计算方法 the built-in computation (medalliance.indicator_formula); a DBA may add indicators that reuse a formula with other parameters.';
COMMENT ON COLUMN medalliance.indicator.parameters IS
    '参数 parameters of the formula (e.g. {"encounter_kinds": ["inpatient"]} for the inpatient-only county visit rate).';
COMMENT ON COLUMN medalliance.indicator.variant_of IS '口径变体 the indicator this one is a variant of, where documents define it differently.';
COMMENT ON COLUMN medalliance.indicator.temporal_rollup IS
    '时间汇总 how months combine into quarters and years: sum (flows such as visits: merge every month) or last (stocks such as contracts in force or capabilities: the last month with data; coverage indicators count from January to the month, so that their last month is coverage during the year).';
COMMENT ON COLUMN medalliance.indicator.has_interval IS
    '置信区间 true when numerator and denominator count independent events, so a binomial interval means something; false for money-weighted shares and counts.';
COMMENT ON COLUMN medalliance.indicator.min_denominator IS
    '最小样本 below this denominator a value is flagged small_sample and not judged against targets (project default 30; 1 for full enumerations of institutions).';
COMMENT ON COLUMN medalliance.indicator.document_code IS '依据文件 the document that defines the indicator (project_default for working definitions).';
COMMENT ON COLUMN medalliance.indicator.is_preset IS '预置 true for indicators shipped with the extension; pg_dump keeps only the rows where it is false.';

-- Parameters are checked against the formula when a row is written: an
-- unknown or missing key would otherwise count nothing without a word.
CREATE FUNCTION medalliance.indicator_parameters_check()
RETURNS trigger
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SECURITY INVOKER
SET search_path = pg_catalog, medalliance, pg_temp
AS $$
DECLARE
    keys text[];
    bad  text;
BEGIN
    SELECT f.parameter_keys INTO keys FROM medalliance.indicator_formula f WHERE f.formula = NEW.formula;
    SELECT string_agg(k, ', ' ORDER BY k) INTO bad FROM jsonb_object_keys(NEW.parameters) k WHERE k <> ALL (keys);
    IF bad IS NOT NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
            MESSAGE = format('indicator "%s": formula %s reads no parameter %s', NEW.indicator_code, NEW.formula, bad),
            HINT = format('The parameters of formula %s are: %s.', NEW.formula,
                          coalesce(nullif(array_to_string(keys, ', '), ''), 'none'));
    END IF;
    SELECT string_agg(k, ', ' ORDER BY k) INTO bad FROM unnest(keys) k WHERE NOT NEW.parameters ? k;
    IF bad IS NOT NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
            MESSAGE = format('indicator "%s": formula %s needs parameter %s', NEW.indicator_code, NEW.formula, bad),
            HINT = format('Give every parameter of formula %s: %s.', NEW.formula, array_to_string(keys, ', '));
    END IF;
    IF NEW.parameters ? 'capability' AND NOT medalliance.is_capability(NEW.parameters ->> 'capability') THEN
        RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
            MESSAGE = format('indicator "%s": unknown capability "%s"', NEW.indicator_code, NEW.parameters ->> 'capability'),
            HINT = 'Use a boolean column of medalliance.capability.';
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION medalliance.indicator_parameters_check() IS
    '指标参数校验 Trigger on medalliance.indicator: refuses parameters the formula does not read, a missing one, or an unknown capability, with SQLSTATE 22023 naming them.';
CREATE TRIGGER indicator_parameters_check BEFORE INSERT OR UPDATE ON medalliance.indicator
    FOR EACH ROW EXECUTE FUNCTION medalliance.indicator_parameters_check();

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
 '{"encounter_kinds": ["outpatient", "emergency", "inpatient"], "region_basis": "residence"}', NULL, 'sum', true, 30,
 'miyi_2019_draft', true),
('county_visit_rate_insured', '县域内就诊率（参保地口径）', 'county visit rate by insured region (all encounters)', 'access',
 'percent', 'higher_better',
 'outpatient, emergency and inpatient encounters of people insured in the county (参保地) at institutions in the county',
 'all encounters of people insured in the county, in or out of the county (encounters without an insured region are left out)',
 '{alliance,county,city,province}', 'residence_in_county',
 '{"encounter_kinds": ["outpatient", "emergency", "inpatient"], "region_basis": "insured"}', 'county_visit_rate',
 'sum', true, 30, 'project_default', true),
('county_visit_rate_inpatient', '县域内住院率（住院人次口径）', 'county visit rate (inpatient discharges only)', 'access',
 'percent', 'higher_better',
 'inpatient discharges of the county''s residents at institutions in the county',
 'all inpatient discharges of the county''s residents',
 '{alliance,county,city,province}', 'residence_in_county', '{"encounter_kinds": ["inpatient"], "region_basis": "residence"}',
 'county_visit_rate', 'sum', true, 30, 'project_default', true),
('primary_visit_share', '基层医疗服务量占比（门急诊与出院合计）', 'primary-care share of all encounters', 'primary_care',
 'percent', 'higher_better',
 'encounters (outpatient, emergency, inpatient) at primary institutions (township and community centres, village clinics, community stations)',
 'all encounters at institutions in the unit',
 '{alliance,county,city,province}', 'primary_share',
 '{"encounter_kinds": ["outpatient", "emergency", "inpatient"]}', NULL, 'sum', true, 30,
 'project_default', true),
('primary_outpatient_share', '基层门急诊人次占比（基层诊疗人次占比）', 'primary-care share of outpatient and emergency visits', 'primary_care',
 'percent', 'higher_better',
 'outpatient and emergency visits at primary institutions (诊疗人次 / 诊疗量 / 就诊率 of 003 and 004 count these, not discharges)',
 'all outpatient and emergency visits at institutions in the unit',
 '{alliance,county,city,province}', 'primary_share', '{"encounter_kinds": ["outpatient", "emergency"]}',
 'primary_visit_share', 'sum', true, 30, 'miyi_2019_draft', true),
('primary_inpatient_share', '基层住院人次占比', 'primary-care share of inpatient discharges', 'primary_care',
 'percent', 'higher_better',
 'inpatient discharges at primary institutions', 'all inpatient discharges at institutions in the unit',
 '{alliance,county,city,province}', 'primary_share', '{"encounter_kinds": ["inpatient"]}',
 'primary_visit_share', 'sum', true, 30, 'miyi_2019_draft', true),
('out_of_city_referral_rate', '市外转诊率', 'out-of-city referral rate', 'referral', 'percent', 'lower_better',
 'referrals to institutions outside the referring institution''s city-level unit (its city; a county directly under the province is a city-level unit of its own)',
 'all referrals sent by institutions in the unit (this project''s definition: 003 names the rate, not its denominator)',
 '{institution,alliance,county,city,province}', 'out_of_region_referral', '{"scope": "city"}', NULL,
 'sum', true, 30, 'project_default', true),
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
('booked_referral_share', '预约转诊占门急诊比例（县级及以上公立医院）', 'booked referrals as a share of outpatient and emergency visits of public hospitals',
 'referral', 'percent', 'higher_better',
 'outpatient referrals received by appointment by a public hospital at county level or above',
 'outpatient and emergency visits at those hospitals',
 '{institution,alliance,county,city,province}', 'booked_referral_share',
 '{"hospital_levels": ["provincial_hospital", "city_hospital", "county_hospital", "county_tcm_hospital", "maternal_child_centre"], "visit_kinds": ["outpatient", "emergency"]}',
 NULL, 'sum', true, 30, 'project_default', true),
('city_booked_referral_share', '预约转诊占城市公立医院门诊比例', 'booked referrals as a share of outpatient visits of city public hospitals',
 'referral', 'percent', 'higher_better',
 'outpatient referrals received by appointment by a city or provincial public hospital (城市公立医院)',
 'outpatient visits (门诊, emergency visits excluded) at those hospitals',
 '{institution,alliance,county,city,province}', 'booked_referral_share',
 '{"hospital_levels": ["provincial_hospital", "city_hospital"], "visit_kinds": ["outpatient"]}',
 'booked_referral_share', 'sum', true, 30, 'zhoushan_2018_21', true),
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
('chronic_package_management_rate', '“2+3”慢病患者基层规范管理率', 'patients of the "2+3" package under standardised primary-care management',
 'chronic_care', 'percent', 'higher_better',
 'registered patients of the 2+3 package (hypertension, diabetes; hepatitis, tuberculosis, severe mental disorder) under standardised management at a primary institution (annual assessment, stored in December)',
 'registered patients of the five conditions of the county',
 '{alliance,county,city,province}', 'chronic_standardised_primary',
 '{"conditions": ["hypertension", "diabetes", "hepatitis", "tuberculosis", "severe_mental_disorder"]}',
 'chronic_primary_management_rate', 'last', true, 30, 'hainan_2021_73', true),
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
 'township and community health centres open in the month (one that reported nothing counts as without)',
 '{alliance,county,city,province}', 'capability_share',
 '{"levels": ["township_health_centre", "community_health_centre"], "capability": "has_radiology"}',
 NULL, 'last', false, 1, 'zhoushan_2018_21', true),
('station_ecg_coverage', '社区卫生服务站具备心电检查能力比例', 'community stations with ECG', 'capability', 'percent',
 'higher_better',
 'community stations with ECG at the end of the month', 'community stations open in the month (one that reported nothing counts as without)',
 '{alliance,county,city,province}', 'capability_share',
 '{"levels": ["community_station"], "capability": "has_ecg"}', NULL, 'last', false, 1,
 'zhoushan_2018_21', true),
('station_remote_point_coverage', '社区卫生服务站远程医疗服务点覆盖率', 'community stations with a remote-care point',
 'capability', 'percent', 'higher_better',
 'community stations with a remote-care point at the end of the month', 'community stations open in the month (one that reported nothing counts as without)',
 '{alliance,county,city,province}', 'capability_share',
 '{"levels": ["community_station"], "capability": "has_remote_point"}', NULL, 'last', false, 1,
 'zhoushan_2018_21', true),
('centre_tcm_coverage', '能提供中医药服务的乡镇卫生院、社区卫生服务机构比例',
 'township health centres and community health services (centres and stations) offering TCM', 'capability', 'percent', 'higher_better',
 'township health centres, community health centres and community stations (社区卫生服务机构) offering TCM at the end of the month',
 'township health centres, community health centres and community stations open in the month (one that reported nothing counts as without)',
 '{alliance,county,city,province}', 'capability_share',
 '{"levels": ["township_health_centre", "community_health_centre", "community_station"], "capability": "offers_tcm"}',
 NULL, 'last', false, 1, 'hainan_2024_1', true),
('village_clinic_tcm_coverage', '能提供中医药服务的村卫生室比例', 'village clinics offering TCM', 'capability',
 'percent', 'higher_better',
 'village clinics offering TCM at the end of the month', 'village clinics open in the month (one that reported nothing counts as without)',
 '{alliance,county,city,province}', 'capability_share',
 '{"levels": ["village_clinic"], "capability": "offers_tcm"}', NULL, 'last', false, 1,
 'hainan_2024_1', true),
('township_capability_standard_rate', '乡镇卫生院达到服务能力基本标准比例',
 'township health centres meeting the basic capability standard', 'capability', 'percent', 'higher_better',
 'township health centres meeting the capability standard (优质服务基层行) at the end of the month',
 'township health centres open in the month (达标率: one not assessed counts as not meeting it)',
 '{alliance,county,city,province}', 'capability_share',
 '{"levels": ["township_health_centre"], "capability": "meets_capability_standard"}', NULL, 'last', false, 1,
 'hainan_2024_1', true),
('village_clinic_standard_rate', '村卫生室达到建设标准比例', 'village clinics meeting the build standard',
 'capability', 'percent', 'higher_better',
 'village clinics meeting the build standard at the end of the month', 'village clinics open in the month (达标率: one not assessed counts as not meeting it)',
 '{alliance,county,city,province}', 'capability_share',
 '{"levels": ["village_clinic"], "capability": "meets_village_clinic_standard"}', NULL, 'last', false, 1,
 'hainan_2024_1', true),
('township_staff_coverage', '人员下沉乡镇覆盖率', 'township health centres hosting staff sent down',
 'staffing', 'percent', 'higher_better',
 'township health centres that hosted at least one person stationed, rotated or mentoring from a higher-tier institution at any time from January to the month (circuit-clinic visits do not count, as for senior_secondment_count); a year shows its December: covered during the year',
 'township health centres open in the month',
 '{alliance,county,city,province}', 'township_staff_coverage',
 '{"coverage_window": "year_to_date", "deployment_kinds": ["stationed", "rotation", "mentoring"]}', NULL, 'last', false, 1,
 'hainan_2024_1', true),
('senior_secondment_count', '中级及以上医师派驻6个月以上人数', 'intermediate-or-higher doctors deployed for 6 months or more',
 'staffing', 'count', 'higher_better',
 'doctors of intermediate title or above deployed at the end of the month whose deployment has lasted, or is set to last, 6 months or more; counted at the sending institution',
 NULL, '{institution,alliance,county,city,province}', 'senior_secondment_count', '{}', NULL, 'last', false, 0,
 'project_default', true),
('shared_centre_use_share', '共享中心服务覆盖率', 'primary institutions served by shared centres', 'shared_centres',
 'percent', 'higher_better',
 'township and community health centres that ordered at least one shared-centre service at any time from January to the month; a year shows its December: covered during the year',
 'township and community health centres open in the month',
 '{alliance,county,city,province}', 'shared_centre_use',
 '{"levels": ["township_health_centre", "community_health_centre"], "coverage_window": "year_to_date"}', NULL, 'last', false, 1,
 'zhoushan_2018_21', true),
('remote_diagnosis_count', '远程诊断服务量', 'remote diagnosis volume', 'shared_centres', 'count', 'higher_better',
 'shared-centre services (remote lab, imaging, ECG, pathology reads, telemedicine) ordered by the institution; sterile supply is a service, not a diagnosis, and is left out',
 NULL, '{institution,alliance,county,city,province}', 'remote_diagnosis_count',
 '{"centre_kinds": ["lab", "imaging", "ecg", "pathology", "telemedicine"]}', NULL, 'sum', false, 0,
 'project_default', true),
('alliance_count', '医联体数', 'alliances serving the region', 'access', 'count', 'higher_better',
 'alliances of every kind in existence at the end of the month whose region is the unit (for a city or province, with those of the regions in it)',
 NULL, '{county,city,province}', 'alliance_count',
 '{"alliance_kinds": ["county_medical_community", "city_medical_group", "specialty_alliance", "remote_network"]}',
 NULL, 'last', false, 0, 'zhoushan_2018_21', true),
('county_medical_community_count', '县级医联体数', 'county medical communities serving the region', 'access', 'count',
 'higher_better',
 'county medical communities in existence at the end of the month whose region is the unit or lies in it',
 NULL, '{county,city,province}', 'alliance_count', '{"alliance_kinds": ["county_medical_community"]}',
 'alliance_count', 'last', false, 0, 'nantong_2017_118', true),
('specialty_alliance_count', '专科联盟数', 'specialty alliances serving the region', 'access', 'count', 'higher_better',
 'specialty alliances in existence at the end of the month whose region is the unit or lies in it',
 NULL, '{county,city,province}', 'alliance_count', '{"alliance_kinds": ["specialty_alliance"]}',
 'alliance_count', 'last', false, 0, 'nantong_2017_118', true),
('tertiary_hospital_participation', '三级公立医院参与医联体比例', 'city and provincial public hospitals in an alliance',
 'access', 'percent', 'higher_better',
 'city and provincial public hospitals (standing for 三级公立医院: the warehouse holds levels, not grades) that belong to an alliance at the end of the month',
 'city and provincial public hospitals open in the month',
 '{county,city,province}', 'membership_share', '{"levels": ["provincial_hospital", "city_hospital"]}', NULL,
 'last', false, 1, 'zhoushan_2018_21', true),
('public_institution_participation', '二级公立医院和政府办基层医疗卫生机构参与医联体比例',
 'county-level public hospitals and primary institutions in an alliance', 'access', 'percent', 'higher_better',
 'county hospitals (TCM and maternal–child included) and primary institutions that belong to an alliance at the end of the month',
 'those institutions open in the month',
 '{county,city,province}', 'membership_share',
 '{"levels": ["county_hospital", "county_tcm_hospital", "maternal_child_centre", "township_health_centre", "community_health_centre", "village_clinic", "community_station"]}',
 NULL, 'last', false, 1, 'zhoushan_2018_21', true),
('shared_centre_kinds_count', '县域共享中心种类数', 'kinds of shared centre at work in the county', 'shared_centres',
 'count', 'higher_better',
 'kinds of shared centre (lab, imaging, ECG, pathology, sterile supply, telemedicine) for which an institution of the county read at least one service from January to the month; a year shows its December',
 NULL, '{county}', 'shared_centre_kinds',
 '{"centre_kinds": ["lab", "imaging", "ecg", "pathology", "sterile_supply", "telemedicine"]}', NULL, 'last', false, 0,
 'hainan_2021_73', true);

-- Applicability (适用范围) -----------------------------------------------------

CREATE TABLE medalliance.indicator_applicability (
    indicator_code text NOT NULL
        CONSTRAINT indicator_applicability_indicator_fkey REFERENCES medalliance.indicator (indicator_code)
        ON DELETE CASCADE,
    alliance_kind  text NOT NULL
        CONSTRAINT indicator_applicability_kind_check CHECK (alliance_kind = ANY (medalliance.alliance_kinds())),
    document_code  text NOT NULL
        CONSTRAINT indicator_applicability_document_fkey REFERENCES medalliance.source_document (document_code),
    source_text    text,
    is_preset      boolean NOT NULL DEFAULT false,
    CONSTRAINT indicator_applicability_pkey PRIMARY KEY (indicator_code, alliance_kind)
);
COMMENT ON TABLE medalliance.indicator_applicability IS
    '适用医联体类型 the alliance kinds an indicator is meant for. An indicator with rows here is stored and judged only for alliances of those kinds (others get no row: a specialty alliance has no county visit rate of its own); an indicator without rows applies to every kind. Regions are not affected.';
COMMENT ON COLUMN medalliance.indicator_applicability.indicator_code IS '指标 the indicator.';
COMMENT ON COLUMN medalliance.indicator_applicability.alliance_kind IS '医联体类型 an alliance kind the indicator applies to.';
COMMENT ON COLUMN medalliance.indicator_applicability.document_code IS '依据文件 the document that ties the indicator to that kind.';
COMMENT ON COLUMN medalliance.indicator_applicability.source_text IS
    '原文 the document''s own words, verbatim: a substring of the seed file of document_code.';
COMMENT ON COLUMN medalliance.indicator_applicability.is_preset IS '预置 true for rows shipped with the extension; pg_dump keeps only the rows where it is false.';

-- Residence-, fund- and township-based indicators are the county medical
-- community's (the documents set them in county plans: 002, 000, 001);
-- contracting and primary-care capability also the city medical group's.
-- Referral, remote-diagnosis and regional indicators apply to every kind.
INSERT INTO medalliance.indicator_applicability (indicator_code, alliance_kind, document_code, source_text, is_preset)
SELECT i, k, d, t, true
FROM (VALUES
    ('county_visit_rate', 'county_medical_community', 'miyi_2019_draft', '县域就诊率力争达90%'),
    ('county_visit_rate_inpatient', 'county_medical_community', 'miyi_2019_draft', '县域就诊率力争达90%'),
    ('county_visit_rate_insured', 'county_medical_community', 'miyi_2019_draft', '县域就诊率力争达90%'),
    ('primary_visit_share', 'county_medical_community', 'miyi_2019_draft', '基层门急诊人次和住院人次占比分别较试点前提升不少于5个百分点'),
    ('primary_outpatient_share', 'county_medical_community', 'miyi_2019_draft', '基层门急诊人次和住院人次占比分别较试点前提升不少于5个百分点'),
    ('primary_inpatient_share', 'county_medical_community', 'miyi_2019_draft', '基层门急诊人次和住院人次占比分别较试点前提升不少于5个百分点'),
    ('fund_in_county_rate', 'county_medical_community', 'hainan_2024_1', '逐步提高县域内医保基金在乡村医疗卫生机构使用的比例'),
    ('fund_primary_share', 'county_medical_community', 'hainan_2024_1', '逐步提高县域内医保基金在乡村医疗卫生机构使用的比例'),
    ('township_staff_coverage', 'county_medical_community', 'hainan_2024_1', '实现人员下沉乡镇全覆盖'),
    ('shared_centre_use_share', 'county_medical_community', 'hainan_2021_73', '建立开放共享的检验、影像、心电、病理、消毒供应、远程诊疗等六大中心')
) AS v(i, k, d, t)
UNION ALL
SELECT i, k, d, t, true
FROM unnest(ARRAY['family_doctor_contract_rate', 'key_group_contract_rate', 'chronic_primary_management_rate',
                  'chronic_package_management_rate']) i
CROSS JOIN (VALUES
    ('county_medical_community', 'nantong_2017_118', '市区医联体和县级医联体要以高血压、糖尿病等慢性病为重点，加快推进家庭医生签约服务'),
    ('city_medical_group', 'nantong_2017_118', '市区医联体和县级医联体要以高血压、糖尿病等慢性病为重点，加快推进家庭医生签约服务')
) AS v(k, d, t)
UNION ALL
SELECT i, k, d, t, true
FROM unnest(ARRAY['township_radiology_coverage', 'station_ecg_coverage', 'station_remote_point_coverage',
                  'centre_tcm_coverage', 'village_clinic_tcm_coverage', 'township_capability_standard_rate',
                  'village_clinic_standard_rate']) i
CROSS JOIN (VALUES
    ('county_medical_community', 'hainan_2021_73', '组建以县级医院(含中医)为龙头、专业公共卫生机构、乡镇卫生院和社区卫生服务中心为成员单位的紧密型县域医共体'),
    ('city_medical_group', 'hainan_2024_1', '加快建设海口市和三亚市国家紧密型城市医疗集团试点')
) AS v(k, d, t);

-- applies_to_alliance(indicator, alliance): whether the indicator is meant for the alliance's kind.
CREATE FUNCTION medalliance.indicator_applies_to_alliance(indicator_code text, alliance_id integer) RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, medalliance, pg_temp
AS $$
    SELECT NOT EXISTS (SELECT FROM medalliance.indicator_applicability ap
                       WHERE ap.indicator_code = indicator_applies_to_alliance.indicator_code)
        OR EXISTS (SELECT FROM medalliance.indicator_applicability ap
                   JOIN medalliance.alliance a ON a.alliance_kind = ap.alliance_kind
                   WHERE ap.indicator_code = indicator_applies_to_alliance.indicator_code
                     AND a.alliance_id = indicator_applies_to_alliance.alliance_id)
$$;
COMMENT ON FUNCTION medalliance.indicator_applies_to_alliance(text, integer) IS
    '指标适用 True when the indicator applies to the alliance''s kind (medalliance.indicator_applicability; an indicator without rows applies to every kind).';

SELECT pg_catalog.pg_extension_config_dump('medalliance.indicator', 'WHERE NOT is_preset');

GRANT SELECT ON medalliance.indicator TO medalliance_reader;
GRANT INSERT, UPDATE, DELETE ON medalliance.indicator TO medalliance_admin;
SELECT pg_catalog.pg_extension_config_dump('medalliance.indicator_applicability', 'WHERE NOT is_preset');
GRANT SELECT ON medalliance.indicator_applicability TO medalliance_reader;
GRANT INSERT, UPDATE, DELETE ON medalliance.indicator_applicability TO medalliance_admin;
