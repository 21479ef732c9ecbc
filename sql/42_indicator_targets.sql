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
        CONSTRAINT indicator_target_comparator_check CHECK (comparator IN ('>=', '<=', '>', '<')),
    target_kind           text NOT NULL
        CONSTRAINT indicator_target_kind_check
        CHECK (target_kind IN ('absolute', 'change_pp', 'relative_growth', 'direction')),
    target_value          numeric NOT NULL
        CONSTRAINT indicator_target_value_check CHECK (target_value = target_value AND abs(target_value) < 1e12),
    baseline_offset_years smallint
        CONSTRAINT indicator_target_baseline_check CHECK (baseline_offset_years BETWEEN 1 AND 50),
    baseline_year         smallint
        CONSTRAINT indicator_target_baseline_year_check CHECK (baseline_year BETWEEN 1949 AND 2200),
    carries_forward       boolean NOT NULL DEFAULT true,
    tolerance             numeric
        CONSTRAINT indicator_target_tolerance_check CHECK (tolerance >= 0 AND tolerance < 1e12),
    tolerance_document_code text
        CONSTRAINT indicator_target_tolerance_document_fkey REFERENCES medalliance.source_document (document_code),
    unit_levels           text[]
        CONSTRAINT indicator_target_unit_levels_check
        CHECK (cardinality(unit_levels) > 0
               AND unit_levels <@ ARRAY['institution', 'alliance', 'county', 'city', 'province']),
    alliance_kinds        text[]
        CONSTRAINT indicator_target_alliance_kinds_check
        CHECK (cardinality(alliance_kinds) > 0 AND alliance_kinds <@ medalliance.alliance_kinds()),
    min_denominator       bigint
        CONSTRAINT indicator_target_min_denominator_check CHECK (min_denominator >= 0),
    document_code         text NOT NULL
        CONSTRAINT indicator_target_document_fkey REFERENCES medalliance.source_document (document_code),
    source_text           text,
    definition_note       text,
    is_preset             boolean NOT NULL DEFAULT false,
    CONSTRAINT indicator_target_key UNIQUE NULLS NOT DISTINCT (scheme_code, indicator_code, region_id, target_year),
    CONSTRAINT indicator_target_baseline_kind_check
        CHECK ((target_kind = 'absolute') = (baseline_offset_years IS NULL AND baseline_year IS NULL)),
    CONSTRAINT indicator_target_one_baseline_check
        CHECK (baseline_offset_years IS NULL OR baseline_year IS NULL),
    CONSTRAINT indicator_target_baseline_before_check CHECK (baseline_year < target_year),
    CONSTRAINT indicator_target_direction_check
        CHECK (target_kind <> 'direction' OR (target_value = 0 AND comparator IN ('>', '<'))),
    CONSTRAINT indicator_target_tolerance_document_check
        CHECK ((tolerance IS NULL) = (tolerance_document_code IS NULL))
);
COMMENT ON TABLE medalliance.indicator_target IS
    '目标值 targets: what a scheme (one document) requires of an indicator by a year — an absolute value, a change in percentage points over a baseline, a relative growth, or a direction (逐年提高: above the previous year). A scheme can be applied to any region''s data. For an assessed year the target of the latest target_year not after it applies, counting a past target only if it carries forward (a target for its year only applies in that year); with none, the earliest later target applies.';
COMMENT ON COLUMN medalliance.indicator_target.scheme_code IS '方案 the targets scheme (scheme_kind targets).';
COMMENT ON COLUMN medalliance.indicator_target.indicator_code IS '指标 the indicator.';
COMMENT ON COLUMN medalliance.indicator_target.region_id IS
    '适用地区 the region whose units the target applies to; NULL for any region. A regional target overrides the general one for units inside the region.';
COMMENT ON COLUMN medalliance.indicator_target.target_year IS '目标年度 the year by which (or, when carries_forward is false, in which) the document sets the target.';
COMMENT ON COLUMN medalliance.indicator_target.comparator IS
    '比较 >= (at least, 以上/不少于), <= (at most, 以内), > (above, 提高), < (below).';
COMMENT ON COLUMN medalliance.indicator_target.target_kind IS
    '目标类型 absolute (绝对值, in the indicator''s unit), change_pp (较基线提升 N 个百分点), relative_growth (较基线增长 N%), direction (逐年提高 / 明显提高: the change over the baseline, in the indicator''s unit, compared with 0 by > or <).';
COMMENT ON COLUMN medalliance.indicator_target.target_value IS
    '目标值 the value: percent or count for absolute targets, percentage points for change_pp, percent for relative_growth, 0 for direction.';
COMMENT ON COLUMN medalliance.indicator_target.baseline_offset_years IS
    '基线(相对) for change and direction targets, how many years before the assessed year the baseline lies (1: the year before, as 逐年提高 means); NULL when baseline_year fixes it.';
COMMENT ON COLUMN medalliance.indicator_target.baseline_year IS
    '基线年度 for change and direction targets, the calendar year of a fixed baseline (较试点前, 与2017年相比); NULL when baseline_offset_years sets it relative to the assessed year.';
COMMENT ON COLUMN medalliance.indicator_target.carries_forward IS
    '延续适用 true when the target stays in force after its year ("到2020年" targets); false for a target of its year only (an annual increment such as 南通 "2017年…增长10%以上"), which later years do not inherit.';
COMMENT ON COLUMN medalliance.indicator_target.tolerance IS
    '容差 for a target the document qualifies with 左右 or 力争: how far short of it (in the target''s unit) a value is still shown as within_tolerance beside the status. The status itself stays exact.';
COMMENT ON COLUMN medalliance.indicator_target.tolerance_document_code IS
    '容差依据 where the tolerance comes from: project_default, since the documents give the word (左右, 力争) and no amount.';
COMMENT ON COLUMN medalliance.indicator_target.unit_levels IS
    '评价层级 the unit levels the target is judged at (e.g. {county} for 每个县(区)… targets); NULL for every level the indicator is reported at. Units of other levels get no row.';
COMMENT ON COLUMN medalliance.indicator_target.alliance_kinds IS
    '适用医联体类型 the alliance kinds the target is meant for; NULL for the kinds the indicator applies to (medalliance.indicator_applicability). An alliance of another kind gets not_assessable with the reason.';
COMMENT ON COLUMN medalliance.indicator_target.min_denominator IS
    '最小样本 overrides the indicator''s minimum denominator for this target; NULL keeps it.';
COMMENT ON COLUMN medalliance.indicator_target.document_code IS '依据文件 the document that sets the target.';
COMMENT ON COLUMN medalliance.indicator_target.source_text IS
    '原文 the document''s own words, verbatim: a substring of the seed file of document_code (a test checks every preset row).';
COMMENT ON COLUMN medalliance.indicator_target.definition_note IS
    '口径说明 where the indicator''s definition and the document''s words differ (e.g. 人数 counted as referrals), what this project does and why.';
COMMENT ON COLUMN medalliance.indicator_target.is_preset IS '预置 true for targets shipped with the extension; pg_dump keeps only the rows where it is false.';

-- The quantitative targets of the five documents that the warehouse can
-- carry.  source_text is the document's words, verbatim (a test reads the seed
-- files).  Tolerances of 左右 / 力争 are this project's (2 percentage points).
-- Not carried, for want of facts in the warehouse: 舟山 责任医生规范签约服务率
-- 50% (no 规范签约 flag: Hainan's all-population contract rate is another
-- measure), remote-care points on outlying islands, 20 remote specialist
-- services, online booking of every slot and the share of slots reserved for
-- primary care; 海南 2021 the five emergency centres and the 30万-population rule
-- (README, "Targets").
INSERT INTO medalliance.indicator_target
    (scheme_code, indicator_code, target_year, comparator, target_kind, target_value,
     baseline_offset_years, baseline_year, carries_forward, tolerance, tolerance_document_code, unit_levels,
     document_code, source_text, definition_note, is_preset)
VALUES
('hainan_2021_targets', 'shared_centre_kinds_count', 2021, '>=', 'absolute', 6, NULL, NULL, true, NULL, NULL, '{county}',
 'hainan_2021_73', '建立开放共享的检验、影像、心电、病理、消毒供应、远程诊疗等六大中心',
 'A centre counts as established in a county when an institution of the county read at least one service of its kind during the year.', true),
('hainan_2024_targets', 'family_doctor_contract_rate', 2024, '>=', 'absolute', 45, NULL, NULL, true, NULL, NULL, NULL, 'hainan_2024_1', '全人群签约率达45%以上', NULL, true),
('hainan_2024_targets', 'key_group_contract_rate', 2024, '>=', 'absolute', 78, NULL, NULL, true, NULL, NULL, NULL, 'hainan_2024_1', '重点人群签约率达78%以上', NULL, true),
('hainan_2024_targets', 'township_capability_standard_rate', 2024, '>=', 'absolute', 90, NULL, NULL, true, 2, 'project_default', NULL, 'hainan_2024_1', '力争90%以上乡镇卫生院达到“优质服务基层行”能力基本标准', NULL, true),
('hainan_2024_targets', 'village_clinic_standard_rate', 2024, '>=', 'absolute', 95, NULL, NULL, true, NULL, NULL, NULL, 'hainan_2024_1', '全省95%以上的村卫生室达到建设标准', NULL, true),
('hainan_2024_targets', 'centre_tcm_coverage', 2024, '>=', 'absolute', 100, NULL, NULL, true, NULL, NULL, NULL, 'hainan_2024_1', '所有乡镇卫生院、社区卫生服务机构和 75%以上村卫生室能够提供中医药服务', NULL, true),
('hainan_2024_targets', 'village_clinic_tcm_coverage', 2024, '>=', 'absolute', 75, NULL, NULL, true, NULL, NULL, NULL, 'hainan_2024_1', '所有乡镇卫生院、社区卫生服务机构和 75%以上村卫生室能够提供中医药服务', NULL, true),
('hainan_2024_targets', 'township_staff_coverage', 2024, '>=', 'absolute', 100, NULL, NULL, true, NULL, NULL, NULL, 'hainan_2024_1', '实现人员下沉乡镇全覆盖', NULL, true),
('hainan_2024_targets', 'fund_primary_share', 2024, '>', 'direction', 0, 1, NULL, true, NULL, NULL, NULL, 'hainan_2024_1', '逐步提高县域内医保基金在乡村医疗卫生机构使用的比例',
 'Primary institutions (township and community centres, village clinics, community stations) stand for 乡村医疗卫生机构.', true),
('miyi_2019_targets', 'county_visit_rate', 2020, '>=', 'absolute', 90, NULL, NULL, true, 2, 'project_default', NULL, 'miyi_2019_draft', '县域就诊率力争达90%', NULL, true),
('miyi_2019_targets', 'primary_outpatient_share', 2020, '>=', 'change_pp', 5, NULL, 2019, true, NULL, NULL, NULL, 'miyi_2019_draft', '基层门急诊人次和住院人次占比分别较试点前提升不少于5个百分点',
 'The pilot starts in November 2019 (the plan is dated 2019-11-29): 试点前 is 2019.', true),
('miyi_2019_targets', 'primary_inpatient_share', 2020, '>=', 'change_pp', 5, NULL, 2019, true, NULL, NULL, NULL, 'miyi_2019_draft', '基层门急诊人次和住院人次占比分别较试点前提升不少于5个百分点',
 'The pilot starts in November 2019 (the plan is dated 2019-11-29): 试点前 is 2019.', true),
('nantong_2017_targets', 'downward_referral_count', 2017, '>=', 'relative_growth', 10, 1, NULL, false, NULL, NULL, NULL, 'nantong_2017_118', '县级以上公立医院向下转诊人数增长10%以上',
 'The document counts people (人数); the indicator counts referrals, so a patient referred down twice counts twice (the warehouse''s patient_id is optional and distinct counts do not merge).', true),
('nantong_2017_targets', 'primary_outpatient_share', 2017, '>=', 'change_pp', 3, 1, NULL, false, NULL, NULL, NULL, 'nantong_2017_118', E'基层诊疗量占比\n\n提高3个百分点以上',
 '诊疗量 counts outpatient-type visits (门急诊), not discharges. A 2017 target only.', true),
('nantong_2017_targets', 'primary_outpatient_share', 2020, '>=', 'absolute', 70, NULL, NULL, true, 2, 'project_default', NULL, 'nantong_2017_118', '基层诊疗量占比力争达70%左右',
 '诊疗量 counts outpatient-type visits (门急诊), not discharges.', true),
('nantong_2017_targets', 'county_visit_rate', 2020, '>=', 'absolute', 90, NULL, NULL, true, 2, 'project_default', NULL, 'nantong_2017_118', '县域内就诊率达90%左右', NULL, true),
('nantong_2017_targets', 'out_of_city_referral_rate', 2020, '<=', 'absolute', 10, NULL, NULL, true, NULL, NULL, NULL, 'nantong_2017_118', '市外转诊率控制在10%以内',
 'No document defines the denominator: all referrals sent by the unit''s institutions is this project''s definition (project_default).', true),
('nantong_2017_targets', 'specialty_alliance_count', 2017, '>=', 'absolute', 5, NULL, NULL, true, NULL, NULL, '{city}', 'nantong_2017_118', '力争建成5个市级专科联盟', NULL, true),
('nantong_2017_targets', 'county_medical_community_count', 2017, '>=', 'absolute', 14, NULL, NULL, true, NULL, NULL, '{city}', 'nantong_2017_118', '14个县级医联体', NULL, true),
('zhoushan_2018_targets', 'alliance_count', 2018, '>=', 'absolute', 1, NULL, NULL, true, NULL, NULL, '{county}', 'zhoushan_2018_21', '每个县(区)至少建成1个有明显成效的高水平医联体',
 'Counts alliances of every kind whose region is the county; 有明显成效 is not judged here.', true),
('zhoushan_2018_targets', 'tertiary_hospital_participation', 2018, '>=', 'absolute', 100, NULL, NULL, true, NULL, NULL, '{city,province}', 'zhoushan_2018_21', '全市所有三级公立医院全部参与医联体建设',
 'The warehouse holds levels, not grades: city and provincial hospitals stand for 三级公立医院.', true),
('zhoushan_2018_targets', 'public_institution_participation', 2020, '>=', 'absolute', 100, NULL, NULL, true, NULL, NULL, NULL, 'zhoushan_2018_21', '全市所有二级公立医院和政府办基层医疗卫生机构全部参与医联体建设',
 'County-level hospitals stand for 二级公立医院; every township and community centre, village clinic and community station for 政府办基层医疗卫生机构.', true),
('zhoushan_2018_targets', 'primary_outpatient_share', 2018, '>', 'direction', 0, NULL, 2017, true, NULL, NULL, NULL, 'zhoushan_2018_21', '基层医疗卫生机构诊疗人次占比和县域内就诊率与2017年相比明显提高',
 '明显提高 is read as any rise over 2017; 诊疗人次 counts outpatient-type visits.', true),
('zhoushan_2018_targets', 'county_visit_rate', 2018, '>', 'direction', 0, NULL, 2017, true, NULL, NULL, NULL, 'zhoushan_2018_21', '基层医疗卫生机构诊疗人次占比和县域内就诊率与2017年相比明显提高',
 '明显提高 is read as any rise over 2017.', true),
('zhoushan_2018_targets', 'shared_centre_use_share', 2020, '>=', 'absolute', 100, NULL, NULL, true, NULL, NULL, NULL, 'zhoushan_2018_21', '区域共享中心覆盖率达到100%',
 'Coverage over the year: a centre is covered when it ordered a shared-centre service at any time in the year.', true),
('zhoushan_2018_targets', 'primary_outpatient_share', 2020, '>=', 'absolute', 60, NULL, NULL, true, NULL, NULL, NULL, 'zhoushan_2018_21', '基层就诊率达到60%', NULL, true),
('zhoushan_2018_targets', 'county_visit_rate', 2020, '>=', 'absolute', 90, NULL, NULL, true, NULL, NULL, NULL, 'zhoushan_2018_21', '县域内就诊率达到90%', NULL, true),
('zhoushan_2018_targets', 'township_staff_coverage', 2020, '>=', 'absolute', 100, NULL, NULL, true, NULL, NULL, NULL, 'zhoushan_2018_21', '规范化下沉实现全覆盖', NULL, true),
('zhoushan_2018_targets', 'station_remote_point_coverage', 2018, '>=', 'absolute', 80, NULL, NULL, true, NULL, NULL, NULL, 'zhoushan_2018_21', '社区卫生服务站远程医疗服务点覆盖率达到80%以上', NULL, true),
('zhoushan_2018_targets', 'station_remote_point_coverage', 2020, '>=', 'absolute', 100, NULL, NULL, true, NULL, NULL, NULL, 'zhoushan_2018_21', '社区卫生服务站远程医疗服务点实现全覆盖', NULL, true),
('zhoushan_2018_targets', 'township_radiology_coverage', 2018, '>=', 'absolute', 80, NULL, NULL, true, NULL, NULL, NULL, 'zhoushan_2018_21', '乡镇卫生院(社区卫生服务中心)具备提供放射诊断服务能力比例达到80%以上', NULL, true),
('zhoushan_2018_targets', 'township_radiology_coverage', 2020, '>=', 'absolute', 100, NULL, NULL, true, NULL, NULL, NULL, 'zhoushan_2018_21', '所有乡镇卫生院(社区卫生服务中心)具备提供放射诊断服务能力', NULL, true),
('zhoushan_2018_targets', 'station_ecg_coverage', 2020, '>=', 'absolute', 80, NULL, NULL, true, NULL, NULL, NULL, 'zhoushan_2018_21', '社区卫生服务站具备心电检查能力达到80%以上', NULL, true),
('zhoushan_2018_targets', 'city_booked_referral_share', 2020, '>=', 'absolute', 30, NULL, NULL, true, NULL, NULL, NULL, 'zhoushan_2018_21', '预约转诊占城市公立医院门诊比例达到30%以上',
 '城市公立医院: city and provincial public hospitals; 门诊: outpatient visits, emergency visits excluded.', true);

SELECT pg_catalog.pg_extension_config_dump('medalliance.indicator_target', 'WHERE NOT is_preset');

GRANT SELECT ON medalliance.indicator_target TO medalliance_reader;
GRANT INSERT, UPDATE, DELETE ON medalliance.indicator_target TO medalliance_admin;
