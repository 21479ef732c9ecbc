-- Preset assessment schemes (预置考核方案), one per document that asks for an
-- assessment.  Every row cites its document in the document's own words
-- (source_text, verbatim).  The documents name the domains and what the
-- results lead to but give no points, floors or grade thresholds: those are
-- this project's proposals, marked project_default in points_document_code
-- (domains, measures) and document_code (grades).  Measures read what the
-- warehouse carries; what a document names that the warehouse cannot measure
-- (Miyi's 费用控制 and 医德医风, Zhoushan's 责任医生规范签约服务率) is left out
-- and listed in the README.

INSERT INTO medalliance.scheme (scheme_code, scheme_kind, title, document_code, is_preset) VALUES
    ('hainan_2024_assessment', 'assessment',
     '海南 2024 医联体绩效考核: 六统一管理、优质资源下沉、2024 年重点任务目标', 'hainan_2024_1', true),
    ('miyi_points_2019', 'assessment',
     '米易 医疗集团积分制考核: 职责履行、医疗质量、集团内转诊、人才培养、群众满意度与公益性指标', 'miyi_2019_draft', true),
    ('nantong_2017_assessment', 'assessment',
     '南通 医联体考核重点: 基层能力、服务量占比、专家下基层、分级诊疗、患者满意度', 'nantong_2017_118', true),
    ('zhoushan_2020_assessment', 'assessment',
     '舟山 高水平医联体 2020 年目标考核', 'zhoushan_2018_21', true);

INSERT INTO medalliance.assessment_setting
    (scheme_code, alliance_kinds, bonus_cap, missing_policy, document_code, source_text, is_preset)
VALUES
    ('hainan_2024_assessment', '{county_medical_community,city_medical_group}', 0, 'rescale', 'hainan_2024_1',
     '进一步完善城市医疗集团和县域医共体（以下简称医联体）“六统一”管理', true),
    ('miyi_points_2019', '{county_medical_community}', 0, 'rescale', 'miyi_2019_draft',
     '健全积分制考核评价机制', true),
    ('nantong_2017_assessment', '{county_medical_community,city_medical_group}', 0, 'rescale', 'nantong_2017_118',
     '建立完善考核评价机制，明确绩效考核评价办法及标准', true),
    ('zhoushan_2020_assessment', '{county_medical_community,city_medical_group}', 0, 'rescale', 'zhoushan_2018_21',
     '到2020年,高水平医联体政策体系更加完善', true);

INSERT INTO medalliance.assessment_grade
    (scheme_code, grade, grade_no, name_en, min_total, document_code, source_text, is_preset)
SELECT s.scheme_code, g.grade, g.grade_no, g.name_en, g.min_total, 'project_default', NULL, true
FROM (VALUES ('hainan_2024_assessment'), ('miyi_points_2019'), ('nantong_2017_assessment'),
             ('zhoushan_2020_assessment')) s(scheme_code)
CROSS JOIN (VALUES ('优秀', 1, 'excellent', 90), ('良好', 2, 'good', 75),
                   ('合格', 3, 'pass', 60), ('不合格', 4, 'fail', 0)) g(grade, grade_no, name_en, min_total);

INSERT INTO medalliance.assessment_consequence
    (scheme_code, consequence_code, area, name_zh, name_en, document_code, source_text, is_preset)
VALUES
    ('hainan_2024_assessment', 'funding', 'funding', '财政投入', 'government funding', 'hainan_2021_73',
     '将考核结果与财政投入、医保支付以及领导干部薪酬、任免和奖惩等挂钩', true),
    ('hainan_2024_assessment', 'insurance_payment', 'insurance_payment', '医保支付', 'insurance payment', 'hainan_2021_73',
     '将考核结果与财政投入、医保支付以及领导干部薪酬、任免和奖惩等挂钩', true),
    ('hainan_2024_assessment', 'leaders', 'leaders', '领导干部薪酬、任免和奖惩', 'leaders'' pay, appointment, rewards and sanctions',
     'hainan_2021_73', '将考核结果与财政投入、医保支付以及领导干部薪酬、任免和奖惩等挂钩', true),
    ('miyi_points_2019', 'leaders', 'leaders', '管理团队的任免和奖惩', 'appointment, rewards and sanctions of the management team',
     'miyi_2019_draft', '考核结果与医疗集团内管理团队的任免和奖惩挂钩，与财政补助、医保拨付、绩效总量挂钩', true),
    ('miyi_points_2019', 'funding', 'funding', '财政补助', 'government subsidy',
     'miyi_2019_draft', '考核结果与医疗集团内管理团队的任免和奖惩挂钩，与财政补助、医保拨付、绩效总量挂钩', true),
    ('miyi_points_2019', 'insurance_payment', 'insurance_payment', '医保拨付', 'insurance disbursement',
     'miyi_2019_draft', '考核结果与医疗集团内管理团队的任免和奖惩挂钩，与财政补助、医保拨付、绩效总量挂钩', true),
    ('miyi_points_2019', 'performance_pay', 'performance_pay', '绩效总量', 'performance-pay total',
     'miyi_2019_draft', '考核结果与医疗集团内管理团队的任免和奖惩挂钩，与财政补助、医保拨付、绩效总量挂钩', true),
    ('nantong_2017_assessment', 'appraisal', 'appraisal', '纳入年度卫生计生委和公立医院绩效考核',
     'part of the annual appraisal of the health commissions and public hospitals', 'nantong_2017_118',
     '考评结果纳入年度县（市、区）卫生计生委和公立医院绩效考核内容', true);

INSERT INTO medalliance.assessment_domain
    (scheme_code, domain_code, domain_no, name_zh, name_en, points, document_code, source_text, is_preset)
VALUES
    -- Hainan 2024: the six unifications, resources sent down, the year's targets
    ('hainan_2024_assessment', 'six_unifications', 1, '“六统一”管理', 'six unifications', 40, 'hainan_2024_1',
     '进一步完善城市医疗集团和县域医共体（以下简称医联体）“六统一”管理', true),
    ('hainan_2024_assessment', 'resources_sent_down', 2, '人才、技术、服务、管理等下沉', 'resources sent down', 20, 'hainan_2024_1',
     '重点考核牵头医院的人才、技术、服务、管理等下沉情况', true),
    ('hainan_2024_assessment', 'key_targets', 3, '2024年重点任务目标', 'targets of the 2024 key tasks', 40, 'hainan_2024_1',
     '全人群签约率达45%以上，重点人群签约率达78%以上', true),
    -- Miyi: the areas it names; the public-interest measures weigh more, as it asks
    ('miyi_points_2019', 'duties', 1, '职责履行', 'performance of duties', 10, 'miyi_2019_draft',
     '突出职责履行、医疗质量、集团内转诊、费用控制、人才培养、医德医风和群众满意度等考核指标', true),
    ('miyi_points_2019', 'quality', 2, '医疗质量', 'quality of care', 15, 'miyi_2019_draft',
     '突出职责履行、医疗质量、集团内转诊、费用控制、人才培养、医德医风和群众满意度等考核指标', true),
    ('miyi_points_2019', 'referral', 3, '集团内转诊', 'referral within the group', 10, 'miyi_2019_draft',
     '突出职责履行、医疗质量、集团内转诊、费用控制、人才培养、医德医风和群众满意度等考核指标', true),
    ('miyi_points_2019', 'talent', 4, '人才培养', 'staff development', 10, 'miyi_2019_draft',
     '突出职责履行、医疗质量、集团内转诊、费用控制、人才培养、医德医风和群众满意度等考核指标', true),
    ('miyi_points_2019', 'satisfaction', 5, '群众满意度', 'residents'' satisfaction', 15, 'miyi_2019_draft',
     '突出职责履行、医疗质量、集团内转诊、费用控制、人才培养、医德医风和群众满意度等考核指标', true),
    ('miyi_points_2019', 'public_interest', 6, '体现公益性考核指标', 'public-interest measures', 40, 'miyi_2019_draft',
     '加大基层服务能力、基本公共卫生服务、家庭医生签约、健康促进、健康扶贫等体现公益性考核指标权重', true),
    -- Nantong: its five focus areas, equal points
    ('nantong_2017_assessment', 'primary_capacity', 1, '基层人才结构改善和服务能力提升情况',
     'primary staff structure and capacity', 20, 'nantong_2017_118', '基层人才结构改善和服务能力提升情况', true),
    ('nantong_2017_assessment', 'service_share', 2, '医院与基层医疗卫生机构服务量占比',
     'service volume shares of hospitals and primary care', 20, 'nantong_2017_118', '医院与基层医疗卫生机构服务量占比', true),
    ('nantong_2017_assessment', 'experts_down', 3, '医院专家下基层服务效果',
     'hospital specialists serving at primary level', 20, 'nantong_2017_118', '医院专家下基层服务效果', true),
    ('nantong_2017_assessment', 'tiered_care', 4, '基层首诊和分级诊疗制度落实情况',
     'first contact at primary level and tiered care', 20, 'nantong_2017_118', '基层首诊和分级诊疗制度落实情况', true),
    ('nantong_2017_assessment', 'satisfaction', 5, '患者对基层服务满意度',
     'patients'' satisfaction with primary care', 20, 'nantong_2017_118', '患者对基层服务满意度', true),
    -- Zhoushan: its 2020 targets
    ('zhoushan_2020_assessment', 'targets_2020', 1, '2020年目标', 'the 2020 targets', 100, 'zhoushan_2018_21',
     '区域共享中心覆盖率达到100%、基层就诊率达到60%、县域内就诊率达到90%', true);

INSERT INTO medalliance.assessment_measure
    (scheme_code, measure_code, measure_no, domain_code, name_zh, name_en, source_kind, source_scheme, source_key,
     rule, points, floor_value, target_value, target_gain, document_code, source_text, is_preset)
VALUES
    -- Hainan 2024.  Six unifications: each dimension score 0–100 scored linearly, equal weights.
    ('hainan_2024_assessment', 'administration', 1, 'six_unifications', '行政统一', 'administration',
     'unification', 'six_unifications', 'administration', 'linear', 1, 0, 100, NULL, 'hainan_2021_73',
     '行政、人员、财务、质量、药械、信息等“六统一”管理', true),
    ('hainan_2024_assessment', 'personnel', 2, 'six_unifications', '人员统一', 'personnel',
     'unification', 'six_unifications', 'personnel', 'linear', 1, 0, 100, NULL, 'hainan_2021_73',
     '行政、人员、财务、质量、药械、信息等“六统一”管理', true),
    ('hainan_2024_assessment', 'finance', 3, 'six_unifications', '财务统一', 'finance',
     'unification', 'six_unifications', 'finance', 'linear', 1, 0, 100, NULL, 'hainan_2021_73',
     '行政、人员、财务、质量、药械、信息等“六统一”管理', true),
    ('hainan_2024_assessment', 'quality', 4, 'six_unifications', '质量统一', 'quality',
     'unification', 'six_unifications', 'quality', 'linear', 1, 0, 100, NULL, 'hainan_2021_73',
     '行政、人员、财务、质量、药械、信息等“六统一”管理', true),
    ('hainan_2024_assessment', 'drugs_devices', 5, 'six_unifications', '药械统一', 'drugs and devices',
     'unification', 'six_unifications', 'drugs_devices', 'linear', 1, 0, 100, NULL, 'hainan_2021_73',
     '行政、人员、财务、质量、药械、信息等“六统一”管理', true),
    ('hainan_2024_assessment', 'information', 6, 'six_unifications', '信息统一', 'information',
     'unification', 'six_unifications', 'information', 'linear', 1, 0, 100, NULL, 'hainan_2021_73',
     '行政、人员、财务、质量、药械、信息等“六统一”管理', true),
    -- Resources sent down: staff in every township (the 2024 target); secondments shown
    ('hainan_2024_assessment', 'township_staff_coverage', 7, 'resources_sent_down', '人员下沉乡镇全覆盖',
     'staff sent down to every township', 'indicators', 'hainan_2024_targets', 'township_staff_coverage',
     'attainment', 1, NULL, NULL, NULL, 'hainan_2024_1', '实现人员下沉乡镇全覆盖', true),
    ('hainan_2024_assessment', 'senior_secondment_count', 8, 'resources_sent_down', '人才下沉（派驻人数）',
     'senior staff seconded (monitor only)', 'indicators', NULL, 'senior_secondment_count',
     'monitor', 0, NULL, NULL, NULL, 'hainan_2024_1', '重点考核牵头医院的人才、技术、服务、管理等下沉情况', true),
    -- The 2024 key-task targets: attained or not
    ('hainan_2024_assessment', 'family_doctor_contract_rate', 9, 'key_targets', '全人群签约率',
     'contract rate, all residents', 'indicators', 'hainan_2024_targets', 'family_doctor_contract_rate',
     'attainment', 1, NULL, NULL, NULL, 'hainan_2024_1', '全人群签约率达45%以上', true),
    ('hainan_2024_assessment', 'key_group_contract_rate', 10, 'key_targets', '重点人群签约率',
     'contract rate, key groups', 'indicators', 'hainan_2024_targets', 'key_group_contract_rate',
     'attainment', 1, NULL, NULL, NULL, 'hainan_2024_1', '重点人群签约率达78%以上', true),
    ('hainan_2024_assessment', 'township_capability_standard_rate', 11, 'key_targets', '乡镇卫生院达到能力基本标准',
     'township centres at the capability standard', 'indicators', 'hainan_2024_targets', 'township_capability_standard_rate',
     'attainment', 1, NULL, NULL, NULL, 'hainan_2024_1', '力争90%以上乡镇卫生院达到“优质服务基层行”能力基本标准', true),
    ('hainan_2024_assessment', 'village_clinic_standard_rate', 12, 'key_targets', '村卫生室达到建设标准',
     'village clinics at the construction standard', 'indicators', 'hainan_2024_targets', 'village_clinic_standard_rate',
     'attainment', 1, NULL, NULL, NULL, 'hainan_2024_1', '全省95%以上的村卫生室达到建设标准', true),
    ('hainan_2024_assessment', 'centre_tcm_coverage', 13, 'key_targets', '乡镇卫生院、社区卫生服务机构提供中医药服务',
     'township and community centres offering TCM', 'indicators', 'hainan_2024_targets', 'centre_tcm_coverage',
     'attainment', 1, NULL, NULL, NULL, 'hainan_2024_1', '所有乡镇卫生院、社区卫生服务机构和 75%以上村卫生室能够提供中医药服务', true),
    ('hainan_2024_assessment', 'village_clinic_tcm_coverage', 14, 'key_targets', '村卫生室提供中医药服务',
     'village clinics offering TCM', 'indicators', 'hainan_2024_targets', 'village_clinic_tcm_coverage',
     'attainment', 1, NULL, NULL, NULL, 'hainan_2024_1', '所有乡镇卫生院、社区卫生服务机构和 75%以上村卫生室能够提供中医药服务', true),
    ('hainan_2024_assessment', 'inpatient_satisfaction', 15, 'key_targets', '患者满意度（仅监测）',
     'inpatient satisfaction (monitor only)', 'satisfaction', 'satisfaction_inpatient', 'score',
     'monitor', 0, NULL, NULL, NULL, 'hainan_2021_73', '提升服务质量和患者满意度', true),

    -- Miyi points.  Duties: its two integration checklists.
    ('miyi_points_2019', 'township_village_integration', 1, 'duties', '乡村一体化', 'township–village integration',
     'unification', 'miyi_township_village', 'overall', 'linear', 1, 0, 100, NULL, 'miyi_2019_draft',
     '突出职责履行、医疗质量、集团内转诊、费用控制、人才培养、医德医风和群众满意度等考核指标', true),
    ('miyi_points_2019', 'unified_procurement', 2, 'duties', '统一采购配送', 'unified procurement',
     'unification', 'miyi_unified_procurement', 'overall', 'linear', 1, 0, 100, NULL, 'miyi_2019_draft',
     '突出职责履行、医疗质量、集团内转诊、费用控制、人才培养、医德医风和群众满意度等考核指标', true),
    ('miyi_points_2019', 'quality_control', 3, 'quality', '医疗质量（质控得分）', 'quality of care (QC score)',
     'qc', 'hainan_alliance_qc', NULL, 'linear', 1, 60, 100, NULL, 'miyi_2019_draft',
     '突出职责履行、医疗质量、集团内转诊、费用控制、人才培养、医德医风和群众满意度等考核指标', true),
    ('miyi_points_2019', 'downward_referral_share', 4, 'referral', '下转患者占比', 'downward referral share',
     'indicators', NULL, 'downward_referral_share', 'linear', 1, 40, 80, NULL, 'miyi_2019_draft',
     '突出职责履行、医疗质量、集团内转诊、费用控制、人才培养、医德医风和群众满意度等考核指标', true),
    ('miyi_points_2019', 'township_staff_coverage', 5, 'talent', '人员下沉乡镇覆盖', 'staff sent down to townships',
     'indicators', NULL, 'township_staff_coverage', 'linear', 1, 0, 100, NULL, 'miyi_2019_draft',
     '突出职责履行、医疗质量、集团内转诊、费用控制、人才培养、医德医风和群众满意度等考核指标', true),
    ('miyi_points_2019', 'resident_satisfaction', 6, 'satisfaction', '群众满意度', 'residents'' satisfaction',
     'satisfaction', 'satisfaction_resident', 'score', 'linear', 1, 60, 90, NULL, 'miyi_2019_draft',
     '突出职责履行、医疗质量、集团内转诊、费用控制、人才培养、医德医风和群众满意度等考核指标', true),
    ('miyi_points_2019', 'county_visit_rate', 7, 'public_interest', '县域就诊率（基层服务能力）', 'county visit rate',
     'indicators', 'miyi_2019_targets', 'county_visit_rate', 'attainment', 1, NULL, NULL, NULL, 'miyi_2019_draft',
     '县域就诊率力争达90%', true),
    ('miyi_points_2019', 'primary_outpatient_share', 8, 'public_interest', '基层门急诊人次占比提升', 'primary outpatient share gain over the pre-pilot year',
     'indicators', 'miyi_2019_targets', 'primary_outpatient_share', 'attainment', 1, NULL, NULL, NULL, 'miyi_2019_draft',
     '基层门急诊人次和住院人次占比分别较试点前提升不少于5个百分点', true),
    ('miyi_points_2019', 'chronic_primary_management_rate', 9, 'public_interest', '慢病患者基层规范管理率（基本公共卫生服务）',
     'chronic patients managed to standard in primary care', 'indicators', NULL, 'chronic_primary_management_rate',
     'linear', 1, 0, 100, NULL, 'miyi_2019_draft',
     '加大基层服务能力、基本公共卫生服务、家庭医生签约、健康促进、健康扶贫等体现公益性考核指标权重', true),
    ('miyi_points_2019', 'family_doctor_contract_rate', 10, 'public_interest', '家庭医生签约率', 'contract rate',
     'indicators', NULL, 'family_doctor_contract_rate', 'linear', 1, 0, 100, NULL, 'miyi_2019_draft',
     '加大基层服务能力、基本公共卫生服务、家庭医生签约、健康促进、健康扶贫等体现公益性考核指标权重', true),

    -- Nantong: a measure per focus area the warehouse carries.
    ('nantong_2017_assessment', 'township_capability_standard_rate', 1, 'primary_capacity', '乡镇卫生院达到能力基本标准比例',
     'township centres at the capability standard', 'indicators', NULL, 'township_capability_standard_rate',
     'linear', 1, 0, 100, NULL, 'nantong_2017_118', '基层人才结构改善和服务能力提升情况', true),
    ('nantong_2017_assessment', 'primary_outpatient_share', 2, 'service_share', '基层诊疗量占比', 'primary share of outpatient-type visits',
     'indicators', 'nantong_2017_targets', 'primary_outpatient_share', 'attainment', 1, NULL, NULL, NULL, 'nantong_2017_118',
     '医院与基层医疗卫生机构服务量占比', true),
    ('nantong_2017_assessment', 'township_staff_coverage', 3, 'experts_down', '人员下沉乡镇覆盖率', 'staff sent down to townships',
     'indicators', NULL, 'township_staff_coverage', 'linear', 1, 0, 100, NULL, 'nantong_2017_118',
     '医院专家下基层服务效果', true),
    ('nantong_2017_assessment', 'county_visit_rate', 4, 'tiered_care', '县域内就诊率', 'county visit rate',
     'indicators', 'nantong_2017_targets', 'county_visit_rate', 'attainment', 1, NULL, NULL, NULL, 'nantong_2017_118',
     '基层首诊和分级诊疗制度落实情况', true),
    ('nantong_2017_assessment', 'out_of_city_referral_rate', 5, 'tiered_care', '市外转诊率', 'out-of-city referral rate',
     'indicators', 'nantong_2017_targets', 'out_of_city_referral_rate', 'attainment', 1, NULL, NULL, NULL, 'nantong_2017_118',
     '基层首诊和分级诊疗制度落实情况', true),
    ('nantong_2017_assessment', 'outpatient_satisfaction', 6, 'satisfaction', '门诊患者满意度', 'outpatient satisfaction',
     'satisfaction', 'satisfaction_outpatient', 'score', 'linear', 1, 60, 90, NULL, 'nantong_2017_118',
     '患者对基层服务满意度', true),

    -- Zhoushan: its targets, attained or not, equal points.
    ('zhoushan_2020_assessment', 'shared_centre_use_share', 2, 'targets_2020', '区域共享中心覆盖率',
     'shared-centre coverage', 'indicators', 'zhoushan_2018_targets', 'shared_centre_use_share',
     'attainment', 1, NULL, NULL, NULL, 'zhoushan_2018_21', '区域共享中心覆盖率达到100%', true),
    ('zhoushan_2020_assessment', 'primary_outpatient_share', 3, 'targets_2020', '基层就诊率',
     'primary visit rate', 'indicators', 'zhoushan_2018_targets', 'primary_outpatient_share',
     'attainment', 1, NULL, NULL, NULL, 'zhoushan_2018_21', '基层就诊率达到60%', true),
    ('zhoushan_2020_assessment', 'county_visit_rate', 4, 'targets_2020', '县域内就诊率',
     'county visit rate', 'indicators', 'zhoushan_2018_targets', 'county_visit_rate',
     'attainment', 1, NULL, NULL, NULL, 'zhoushan_2018_21', '县域内就诊率达到90%', true),
    ('zhoushan_2020_assessment', 'city_booked_referral_share', 5, 'targets_2020', '预约转诊占门诊比例',
     'booked referrals in city public hospitals'' outpatient visits', 'indicators', 'zhoushan_2018_targets', 'city_booked_referral_share',
     'attainment', 1, NULL, NULL, NULL, 'zhoushan_2018_21', '预约转诊占城市公立医院门诊比例达到30%以上', true),
    ('zhoushan_2020_assessment', 'station_remote_point_coverage', 6, 'targets_2020', '社区卫生服务站远程医疗服务点覆盖',
     'remote-care points at community stations', 'indicators', 'zhoushan_2018_targets', 'station_remote_point_coverage',
     'attainment', 1, NULL, NULL, NULL, 'zhoushan_2018_21', '社区卫生服务站远程医疗服务点实现全覆盖', true),
    ('zhoushan_2020_assessment', 'township_radiology_coverage', 7, 'targets_2020', '乡镇卫生院具备放射诊断能力',
     'township centres with radiology', 'indicators', 'zhoushan_2018_targets', 'township_radiology_coverage',
     'attainment', 1, NULL, NULL, NULL, 'zhoushan_2018_21', '所有乡镇卫生院(社区卫生服务中心)具备提供放射诊断服务能力', true),
    ('zhoushan_2020_assessment', 'station_ecg_coverage', 8, 'targets_2020', '社区卫生服务站具备心电检查能力',
     'community stations with ECG', 'indicators', 'zhoushan_2018_targets', 'station_ecg_coverage',
     'attainment', 1, NULL, NULL, NULL, 'zhoushan_2018_21', '社区卫生服务站具备心电检查能力达到80%以上', true),
    ('zhoushan_2020_assessment', 'township_staff_coverage', 9, 'targets_2020', '规范化下沉全覆盖',
     'staff sent down to every township', 'indicators', 'zhoushan_2018_targets', 'township_staff_coverage',
     'attainment', 1, NULL, NULL, NULL, 'zhoushan_2018_21', '到2020年,规范化下沉实现全覆盖', true);
