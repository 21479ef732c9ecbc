-- Indicator targets (目标值): per scheme, what each document asks of an indicator.

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

GRANT SELECT ON medalliance.indicator_target TO medalliance_reader;
GRANT INSERT, UPDATE, DELETE ON medalliance.indicator_target TO medalliance_admin;
