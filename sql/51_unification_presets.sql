-- Six-unifications presets (六统一预置清单): the dimensions, items, grades and
-- settings of the checklist schemes the documents describe, each citing its seed.

-- Presets: dimensions --------------------------------------------------------

INSERT INTO medalliance.unification_dimension
    (scheme_code, dimension_code, dimension_no, name_zh, name_en, weight, document_code, is_preset)
VALUES
    -- 琼府办〔2021〕73号: 行政、人员、财务、质量、药械、信息等"六统一"管理
    ('six_unifications', 'administration', 1, '行政', 'administration', 1, 'hainan_2021_73', true),
    ('six_unifications', 'personnel', 2, '人员', 'personnel', 1, 'hainan_2021_73', true),
    ('six_unifications', 'finance', 3, '财务', 'finance', 1, 'hainan_2021_73', true),
    ('six_unifications', 'quality', 4, '质量', 'quality', 1, 'hainan_2021_73', true),
    ('six_unifications', 'drugs_devices', 5, '药械', 'drugs and devices', 1, 'hainan_2021_73', true),
    ('six_unifications', 'information', 6, '信息', 'information', 1, 'hainan_2021_73', true),
    -- 通政办发〔2017〕118号: 发展规划、人事调配、资产财务、资源利用、绩效考核"五统一"
    ('nantong_five_unifications', 'planning', 1, '发展规划', 'development planning', 1, 'nantong_2017_118', true),
    ('nantong_five_unifications', 'staffing', 2, '人事调配', 'staff deployment', 1, 'nantong_2017_118', true),
    ('nantong_five_unifications', 'assets_finance', 3, '资产财务', 'assets and finance', 1, 'nantong_2017_118', true),
    ('nantong_five_unifications', 'resources', 4, '资源利用', 'use of resources', 1, 'nantong_2017_118', true),
    ('nantong_five_unifications', 'assessment', 5, '绩效考核', 'performance assessment', 1, 'nantong_2017_118', true),
    -- 米易: 乡镇卫生院对村卫生室实行行政、人员、业务、药品、财务、绩效一体化管理
    ('miyi_township_village', 'administration', 1, '行政', 'administration', 1, 'miyi_2019_draft', true),
    ('miyi_township_village', 'personnel', 2, '人员', 'personnel', 1, 'miyi_2019_draft', true),
    ('miyi_township_village', 'business', 3, '业务', 'clinical work', 1, 'miyi_2019_draft', true),
    ('miyi_township_village', 'drugs', 4, '药品', 'drugs', 1, 'miyi_2019_draft', true),
    ('miyi_township_village', 'finance', 5, '财务', 'finance', 1, 'miyi_2019_draft', true),
    ('miyi_township_village', 'performance', 6, '绩效', 'performance', 1, 'miyi_2019_draft', true),
    -- 米易: 统一采购账户、统一用药目录、统一采购配送、统一采购价格、统一支付货款
    ('miyi_unified_procurement', 'procurement', 1, '统一采购', 'unified procurement', 1, 'miyi_2019_draft', true);

-- Presets: items -------------------------------------------------------------
-- Six unifications: shared/domain/indicators.md C1–C6.  Items with a warehouse
-- fact behind them are derived; the others are attested.  Members covered by
-- applies_to_levels: the primary-care members for the staff and QC rules.

INSERT INTO medalliance.unification_item
    (scheme_code, item_code, dimension_code, text_zh, text_en, evidence_kind, evidence_code, valid_months,
     rule_code, parameters, threshold, applies_to_levels, document_code, also_cited_in, evidence_note, is_preset)
VALUES
-- C1 行政
('six_unifications', 'adm_1', 'administration', '成立政府主导的医共体管理委员会（管委会）',
 'a government-led alliance management committee exists', 'attested', 'adm_1', 3, NULL, '{}', NULL, NULL,
 'hainan_2021_73', '{miyi_2019_draft}', 'governance body 管委会 chaired by a government leader, with its date', true),
('six_unifications', 'adm_2', 'administration', '建立办医、管医、行医三张清单',
 'the three lists of rights and duties (办医、管医、行医) exist', 'attested', 'adm_2', 3, NULL, '{}', NULL, NULL,
 'hainan_2021_73', '{miyi_2019_draft}', 'the three list documents and their effective date', true),
('six_unifications', 'adm_3', 'administration', '实行理事会或党委领导下的院长负责制，设理事会、管理层、监事会',
 'council governance or president accountable under the Party committee', 'attested', 'adm_3', 3, NULL, '{}', NULL, NULL,
 'hainan_2021_73', '{nantong_2017_118,miyi_2019_draft}', 'governance bodies (理事会, 监事会) on record', true),
('six_unifications', 'adm_4', 'administration', '成员单位法定代表人由牵头医院法定代表人担任或兼任',
 'each member''s legal representative is, or is held concurrently by, the lead hospital''s', 'attested', 'adm_4', 3,
 NULL, '{}', NULL, NULL, 'hainan_2021_73', '{}', 'member''s legal representative equals the lead''s (member-level rows)', true),
('six_unifications', 'adm_5', 'administration', '成员单位中层干部由医共体党委任命（报卫健局备案）',
 'members'' middle managers appointed by the alliance''s Party committee', 'attested', 'adm_5', 3, NULL, '{}', NULL, NULL,
 'miyi_2019_draft', '{hainan_2021_73}', 'appointment records with the alliance as appointing body', true),
('six_unifications', 'adm_6', 'administration', '签订医联体章程和成员协议',
 'charter and member agreements signed', 'attested', 'adm_6', 3, NULL, '{}', NULL, NULL,
 'nantong_2017_118', '{}', 'charter document and one agreement per member', true),
('six_unifications', 'adm_7', 'administration', '统一设置行政、业务、后勤管理部门',
 'unified administrative, clinical-management and logistics departments', 'attested', 'adm_7', 3, NULL, '{}', NULL, NULL,
 'miyi_2019_draft', '{}', 'one shared administrative department serving the members', true),
('six_unifications', 'adm_8', 'administration', '建立重大事项报备制度',
 'major-matters reporting system', 'attested', 'adm_8', 3, NULL, '{}', NULL, NULL,
 'miyi_2019_draft', '{}', 'event log with reporting flag', true),
-- C2 人员
('six_unifications', 'hr_1', 'personnel', '编制由卫生健康部门统筹管理，人员由医共体统一招聘',
 'staff quotas managed by the health authority; recruitment by the alliance', 'attested', 'hr_1', 3, NULL, '{}', NULL, NULL,
 'hainan_2021_73', '{zhoushan_2018_21}', 'recruitment batches with the alliance as recruiter, covering the members (no warehouse fact: attested)', true),
('six_unifications', 'hr_2', 'personnel', '全员岗位管理，打破单位、科室、身份限制统筹使用',
 'post management of all staff; rotation across members', 'attested', 'hr_2', 3, NULL, '{}', NULL, NULL,
 'hainan_2021_73', '{miyi_2019_draft}', 'posting history with moves across members', true),
('six_unifications', 'hr_3', 'personnel', '乡村医生县招乡管村用',
 'village doctors recruited by the county, managed by the township, working in the village', 'attested', 'hr_3', 3,
 NULL, '{}', NULL, NULL, 'miyi_2019_draft', '{hainan_2021_73}', 'employment records: employer county or township, work site village', true),
('six_unifications', 'hr_4', 'personnel', '统一培训计划和考核',
 'one training plan and examination across the members', 'attested', 'hr_4', 3, NULL, '{}', NULL, NULL,
 'nantong_2017_118', '{zhoushan_2018_21,miyi_2019_draft}', 'training events whose audience spans the members', true),
('six_unifications', 'hr_5', 'personnel', '牵头医院人员下沉，乡镇全覆盖',
 'lead-hospital staff deployed to every township health centre', 'derived', NULL, NULL,
 'hosts_lead_staff', '{"deployment_kinds": ["stationed", "rotation"]}', 1,
 '{township_health_centre,community_health_centre}',
 'hainan_2024_1', '{miyi_2019_draft,nantong_2017_118}', 'deployment rows from the lead overlapping the month', true),
('six_unifications', 'hr_6', 'personnel', '医共体内部自主分配绩效工资，薪酬不与药品、检查收入挂钩',
 'the alliance decides performance pay; pay not linked to drug or test revenue', 'attested', 'hr_6', 3, NULL, '{}', NULL, NULL,
 'hainan_2021_73', '{hainan_2024_1,miyi_2019_draft}', 'payroll policy document', true),
('six_unifications', 'hr_7', 'personnel', '医共体统一职称评聘，提高基层高级岗位比例',
 'alliance-led title evaluation; more senior posts at primary level', 'attested', 'hr_7', 3, NULL, '{}', NULL, NULL,
 'hainan_2021_73', '{hainan_2024_1,miyi_2019_draft}', 'title-appointment records, post structure by member', true),
-- C3 财务
('six_unifications', 'fin_1', 'finance', '财务统一管理、集中核算（会计核算中心），成员单位独立设账',
 'centralised accounting with one ledger per member', 'attested', 'fin_1', 3, NULL, '{}', NULL, NULL,
 'miyi_2019_draft', '{zhoushan_2018_21,nantong_2017_118}', 'one general-ledger instance with an entity per member', true),
('six_unifications', 'fin_2', 'finance', '牵头医院设总会计师',
 'chief accountant in post at the lead hospital', 'attested', 'fin_2', 3, NULL, '{}', NULL, NULL,
 'miyi_2019_draft', '{hainan_2024_1}', 'position record', true),
('six_unifications', 'fin_3', 'finance', '实行全面预算管理和全成本核算',
 'comprehensive budget and full-cost accounting', 'attested', 'fin_3', 3, NULL, '{}', NULL, NULL,
 'hainan_2021_73', '{hainan_2024_1}', 'alliance budget; cost-allocation runs per member', true),
('six_unifications', 'fin_4', 'finance', '开展内部审计并接受外部审计',
 'internal audit and external audit', 'attested', 'fin_4', 3, NULL, '{}', NULL, NULL,
 'miyi_2019_draft', '{}', 'audit records per member and year', true),
('six_unifications', 'fin_5', 'finance', '成员单位按医疗业务收入1%提取发展专项资金',
 'special fund of 1% of each member''s clinical revenue', 'attested', 'fin_5', 3, NULL, '{}', NULL, NULL,
 'miyi_2019_draft', '{}', 'fund ledger: contribution / revenue = 0.01', true),
('six_unifications', 'fin_6', 'finance', '医保基金总额付费，结余留用、合理超支分担',
 'global insurance budget with surplus retained and overspend shared', 'attested', 'fin_6', 3, NULL, '{}', NULL, NULL,
 'hainan_2021_73', '{miyi_2019_draft,hainan_2024_1}', 'settlement at alliance level with surplus-retention entries', true),
('six_unifications', 'fin_7', 'finance', '基本公共卫生经费由医共体统筹使用',
 'basic public-health funds pooled and run by the alliance', 'attested', 'fin_7', 3, NULL, '{}', NULL, NULL,
 'hainan_2021_73', '{miyi_2019_draft}', 'public-health budget owned by the alliance', true),
('six_unifications', 'fin_8', 'finance', '医共体统筹调配设备资产，统筹使用发展资金',
 'alliance redeploys equipment and assets; development funds pooled', 'attested', 'fin_8', 3, NULL, '{}', NULL, NULL,
 'miyi_2019_draft', '{}', 'asset-transfer records between members', true),
-- C4 质量
('six_unifications', 'qc_1', 'quality', '设立医共体质控中心，成员单位设质控组织',
 'alliance QC centre and a QC organisation in each member', 'attested', 'qc_1', 3, NULL, '{}', NULL, NULL,
 'nantong_2017_118', '{miyi_2019_draft,hainan_2021_73}', 'QC centre at the lead; QC unit at each member (member-level rows)', true),
('six_unifications', 'qc_2', 'quality', '统一质控标准、制度、技术规范和培训',
 'one set of QC standards, rules, norms and training', 'attested', 'qc_2', 3, NULL, '{}', NULL, NULL,
 'miyi_2019_draft', '{nantong_2017_118}', 'same QC template across the members', true),
('six_unifications', 'qc_3', 'quality', '落实医疗质量安全核心制度',
 'the core medical-quality-safety systems implemented', 'attested', 'qc_3', 3, NULL, '{}', NULL, NULL,
 'miyi_2019_draft', '{hainan_2024_1}', 'checklist results per member', true),
('six_unifications', 'qc_4', 'quality', '定期开展医疗质量检查、安全风险排查、病历处方评审',
 'regular QC inspections of the members by the alliance''s QC centre', 'derived', NULL, NULL,
 'qc_inspected_by_lead', '{"window_months": 3}', 1,
 '{township_health_centre,community_health_centre,county_hospital,county_tcm_hospital,maternal_child_centre}',
 'nantong_2017_118', '{}', 'qc_inspection rows of the member by the lead in the quarter ending with the month', true),
('six_unifications', 'qc_5', 'quality', '定期开展质控考核，分析反馈',
 'periodic QC appraisal with analysis and feedback', 'attested', 'qc_5', 3, NULL, '{}', NULL, NULL,
 'miyi_2019_draft', '{}', 'appraisal results and feedback documents, at least quarterly', true),
('six_unifications', 'qc_6', 'quality', '建立三级质控体系，成员单位医疗质量同质化',
 'three-level QC system; even quality across the members', 'attested', 'qc_6', 3, NULL, '{}', NULL, NULL,
 'hainan_2021_73', '{}', 'QC score dispersion across the members', true),
('six_unifications', 'qc_7', 'quality', '检查检验结果互认',
 'mutual recognition of test and examination results', 'attested', 'qc_7', 3, NULL, '{}', NULL, NULL,
 'hainan_2021_73', '{miyi_2019_draft,nantong_2017_118}', 'recognition flag on results', true),
-- C5 药械
('six_unifications', 'drug_1', 'drugs_devices', '统一用药目录',
 'one drug formulary', 'attested', 'drug_1', 3, NULL, '{}', NULL, NULL,
 'miyi_2019_draft', '{}', 'each member''s formulary within the alliance''s', true),
('six_unifications', 'drug_2', 'drugs_devices', '统一采购价格：同一品目成员单位同价',
 'one unit price per item across the members', 'derived', NULL, NULL,
 'uniform_unit_price', '{}', 0.95, NULL,
 'miyi_2019_draft', '{}', 'procurement lines at the lowest price paid in the alliance for the item that month', true),
('six_unifications', 'drug_3', 'drugs_devices', '药品耗材经统一平台集中采购',
 'drugs and consumables bought centrally through the unified platform', 'derived', NULL, NULL,
 'procurement_platform_share', '{"partial_threshold": 0.7}', 0.9, NULL,
 'zhoushan_2018_21', '{hainan_2024_1}', 'share of procurement value via the unified platform', true),
('six_unifications', 'drug_4', 'drugs_devices', '建设共享中药房',
 'shared TCM pharmacy', 'attested', 'drug_4', 3, NULL, '{}', NULL, NULL,
 'hainan_2021_73', '{}', 'dispensing rows from a shared pharmacy for several members', true),
('six_unifications', 'drug_5', 'drugs_devices', '设备统筹共享，建设消毒供应中心',
 'equipment shared or redeployed; sterile-supply centre', 'attested', 'drug_5', 3, NULL, '{}', NULL, NULL,
 'miyi_2019_draft', '{hainan_2021_73,nantong_2017_118,zhoushan_2018_21}', 'device transfers; sterile-supply batches serving several members', true),
('six_unifications', 'drug_6', 'drugs_devices', '医院信息系统应用药品追溯码',
 'drug traceability codes in the hospital information system', 'attested', 'drug_6', 3, NULL, '{}', NULL, NULL,
 'hainan_2024_1', '{}', 'share of dispensed items with a trace code', true),
('six_unifications', 'drug_7', 'drugs_devices', '转诊患者延伸处方、集中配送',
 'extended prescriptions and central delivery for referred patients', 'attested', 'drug_7', 3, NULL, '{}', NULL, NULL,
 'nantong_2017_118', '{}', 'prescriptions flagged 延伸处方 and delivered', true),
-- C6 信息
('six_unifications', 'info_1', 'information', '成员单位信息系统一体化或统一信息平台',
 'one information system, or a unified platform fed by every member', 'attested', 'info_1', 3, NULL, '{}', NULL, NULL,
 'miyi_2019_draft', '{nantong_2017_118}', 'same HIS/EMR instance or a platform feed from each member', true),
('six_unifications', 'info_2', 'information', '健康档案上推、电子病历核心内容下传',
 'health records pushed up and EMR content pushed down', 'attested', 'info_2', 3, NULL, '{}', NULL, NULL,
 'nantong_2017_118', '{}', 'cross-institution record access logs', true),
('six_unifications', 'info_3', 'information', '使用检验、影像、心电、病理等资源共享中心',
 'member uses the shared centres (lab, imaging, ECG, pathology, …)', 'derived', NULL, NULL,
 'uses_shared_centres', '{"min_services": 1}', 1, NULL,
 'hainan_2021_73', '{miyi_2019_draft,zhoushan_2018_21}', 'shared-centre services ordered by the member and read in the alliance that month', true),
('six_unifications', 'info_4', 'information', '平台上开展预约、双向转诊、远程医疗、慢病管理',
 'booking, two-way referral, telemedicine and chronic care on the platform', 'attested', 'info_4', 3, NULL, '{}', NULL, NULL,
 'nantong_2017_118', '{zhoushan_2018_21}', 'referral and booking rows on the platform', true),
('six_unifications', 'info_5', 'information', '医共体内医保统一结算',
 'unified insurance settlement in the alliance', 'attested', 'info_5', 3, NULL, '{}', NULL, NULL,
 'miyi_2019_draft', '{}', 'settlement rows with the alliance as payer', true),
('six_unifications', 'info_6', 'information', '统一患者主索引和数据字典',
 'one master patient index and one set of dictionaries', 'attested', 'info_6', 3, NULL, '{}', NULL, NULL,
 'project_default', '{miyi_2019_draft}', 'one patient id per person across members (this project''s proposal, implied by 信息互联互通)', true),
('six_unifications', 'info_7', 'information', '开展互联网诊疗、结果推送、在线支付',
 'internet diagnosis and treatment, result push, online payment', 'attested', 'info_7', 3, NULL, '{}', NULL, NULL,
 'miyi_2019_draft', '{hainan_2021_73}', 'tele-visit rows', true),

-- Nantong 五统一 (003).  The seed names the five unifications only; the
-- evidence each item reads is this project's mapping onto the C-list evidence.
('nantong_five_unifications', 'nt_planning_charter', 'planning', '统一发展规划：签订章程，明确功能定位',
 'one development plan: charter signed, roles of the members set', 'attested', 'adm_6', 3, NULL, '{}', NULL, NULL,
 'nantong_2017_118', '{}', 'evidence row adm_6 (charter and member agreements)', true),
('nantong_five_unifications', 'nt_planning_council', 'planning', '理事会统一决策发展规划',
 'the council decides the development plan', 'attested', 'adm_3', 3, NULL, '{}', NULL, NULL,
 'nantong_2017_118', '{}', 'evidence row adm_3 (council governance)', true),
('nantong_five_unifications', 'nt_staff_rotation', 'staffing', '统一人事调配，人员统筹使用',
 'staff deployed across the members by the alliance', 'attested', 'hr_2', 3, NULL, '{}', NULL, NULL,
 'nantong_2017_118', '{}', 'evidence row hr_2 (rotation across members)', true),
('nantong_five_unifications', 'nt_staff_sent_down', 'staffing', '上级医院人员下沉基层',
 'staff of the lead sent down to the primary members', 'derived', NULL, NULL,
 'hosts_lead_staff', '{}', 1, '{township_health_centre,community_health_centre}',
 'nantong_2017_118', '{}', 'deployment rows from the lead overlapping the month', true),
('nantong_five_unifications', 'nt_finance_centre', 'assets_finance', '统一资产财务管理，设会计核算中心',
 'one asset and finance management with an accounting centre', 'attested', 'fin_1', 3, NULL, '{}', NULL, NULL,
 'nantong_2017_118', '{}', 'evidence row fin_1 (centralised accounting)', true),
('nantong_five_unifications', 'nt_assets_redeployed', 'assets_finance', '设备资产统筹调配',
 'equipment and assets redeployed across the members', 'attested', 'fin_8', 3, NULL, '{}', NULL, NULL,
 'nantong_2017_118', '{}', 'evidence row fin_8 (asset transfers)', true),
('nantong_five_unifications', 'nt_shared_centres', 'resources', '统一资源利用：共享检查检验等中心',
 'resources used jointly: shared examination and test centres', 'derived', NULL, NULL,
 'uses_shared_centres', '{}', 1, NULL,
 'nantong_2017_118', '{}', 'shared-centre services ordered by the member and read in the alliance', true),
('nantong_five_unifications', 'nt_results_recognised', 'resources', '检查检验结果互认',
 'test and examination results recognised across the members', 'attested', 'qc_7', 3, NULL, '{}', NULL, NULL,
 'nantong_2017_118', '{}', 'evidence row qc_7 (mutual recognition)', true),
('nantong_five_unifications', 'nt_appraisal', 'assessment', '统一绩效考核',
 'one performance assessment of the members', 'attested', 'qc_5', 3, NULL, '{}', NULL, NULL,
 'nantong_2017_118', '{}', 'evidence row qc_5 (periodic appraisal with feedback); the mapping is this project''s', true),
('nantong_five_unifications', 'nt_pay', 'assessment', '考核结果与绩效工资挂钩',
 'assessment results tied to performance pay', 'attested', 'hr_6', 3, NULL, '{}', NULL, NULL,
 'project_default', '{nantong_2017_118}', 'evidence row hr_6 (internal performance pay); this project''s proposal', true),

-- Miyi 乡村一体化 (002): the township centre manages its village clinics; the
-- items apply to village-clinic members.
('miyi_township_village', 'tv_administration', 'administration', '乡镇卫生院对村卫生室实行行政一体化管理',
 'administration of the village clinic integrated with the township centre', 'attested', 'adm_7', 3, NULL, '{}', NULL,
 '{village_clinic}', 'miyi_2019_draft', '{}', 'evidence row adm_7 (unified administrative units)', true),
('miyi_township_village', 'tv_personnel', 'personnel', '人员一体化管理',
 'personnel of the village clinic managed with the township centre''s', 'attested', 'hr_2', 3, NULL, '{}', NULL,
 '{village_clinic}', 'miyi_2019_draft', '{}', 'evidence row hr_2 (staff rotation across members)', true),
('miyi_township_village', 'tv_village_doctors', 'personnel', '乡村医生县招、乡管、村用',
 'village doctors recruited by the county, managed by the township, working in the village', 'attested', 'hr_3', 3,
 NULL, '{}', NULL, '{village_clinic}', 'miyi_2019_draft', '{}', 'evidence row hr_3', true),
('miyi_township_village', 'tv_business', 'business', '业务一体化管理',
 'clinical work under the township centre''s standards and QC', 'attested', 'qc_2', 3, NULL, '{}', NULL,
 '{village_clinic}', 'miyi_2019_draft', '{}', 'evidence row qc_2 (unified QC standards)', true),
('miyi_township_village', 'tv_drugs', 'drugs', '药品一体化管理',
 'drugs of the village clinic from the township centre''s formulary and purchasing', 'attested', 'drug_1', 3, NULL,
 '{}', NULL, '{village_clinic}', 'miyi_2019_draft', '{}', 'evidence row drug_1 (unified formulary)', true),
('miyi_township_village', 'tv_finance', 'finance', '财务一体化管理',
 'finance of the village clinic managed by the township centre', 'attested', 'fin_1', 3, NULL, '{}', NULL,
 '{village_clinic}', 'miyi_2019_draft', '{}', 'evidence row fin_1 (centralised accounting)', true),
('miyi_township_village', 'tv_performance', 'performance', '绩效一体化管理',
 'performance of the village clinic assessed by the township centre', 'attested', 'hr_6', 3, NULL, '{}', NULL,
 '{village_clinic}', 'miyi_2019_draft', '{}', 'evidence row hr_6 (internal performance pay)', true),

-- Miyi 统一采购 (002): the five unifications of procurement.
('miyi_unified_procurement', 'up_account', 'procurement', '统一采购账户',
 'one procurement account', 'attested', 'drug_2', 3, NULL, '{}', NULL, NULL,
 'miyi_2019_draft', '{}', 'evidence row drug_2 (unified procurement account, delivery, price and payment)', true),
('miyi_unified_procurement', 'up_formulary', 'procurement', '统一用药目录',
 'one drug formulary', 'attested', 'drug_1', 3, NULL, '{}', NULL, NULL,
 'miyi_2019_draft', '{}', 'evidence row drug_1', true),
('miyi_unified_procurement', 'up_distribution', 'procurement', '统一采购配送',
 'one purchasing and distribution channel: orders through the unified platform', 'derived', NULL, NULL,
 'procurement_platform_share', '{"partial_threshold": 0.7}', 0.9, NULL,
 'miyi_2019_draft', '{}', 'share of procurement value via the unified platform (threshold 0.9 is this project''s)', true),
('miyi_unified_procurement', 'up_price', 'procurement', '统一采购价格',
 'one purchase price per item', 'derived', NULL, NULL,
 'uniform_unit_price', '{}', 0.95, NULL,
 'miyi_2019_draft', '{}', 'order lines at the lowest price paid in the alliance (threshold 0.95 is this project''s)', true),
('miyi_unified_procurement', 'up_payment', 'procurement', '统一支付货款',
 'one payer of the suppliers', 'attested', 'drug_2', 3, NULL, '{}', NULL, NULL,
 'miyi_2019_draft', '{}', 'evidence row drug_2', true);

-- The documents' words (原文), verbatim, for every item; corrections of the
-- sources and evidence the items had read against the documents; the items a
-- document only encourages (探索, 鼓励) weigh half.
UPDATE medalliance.unification_item it
SET source_text = v.source_text,
    document_code = coalesce(v.document_code, it.document_code),
    also_cited_in = coalesce(v.also_cited_in, it.also_cited_in),
    is_encouraged = v.is_encouraged,
    weight = CASE WHEN v.is_encouraged THEN 0.5 ELSE it.weight END
FROM (VALUES
    ('six_unifications', 'adm_1', '各市县建立由政府主要负责同志牵头，相关部门参与的医疗集团或医共体管理委员会', NULL, NULL::text[], false),
    ('six_unifications', 'adm_2', '制定办医、管医和行医三个权责清单', NULL, NULL, false),
    ('six_unifications', 'adm_3', '医疗联合体实行理事会治理结构或牵头医院党委领导下的院长负责制', NULL, NULL, false),
    ('six_unifications', 'adm_4', '其法定代表人原则上由牵头医院法人代表担(兼)任', NULL, NULL, false),
    ('six_unifications', 'adm_5', '中层干部由医疗集团党委研究任免，并报县卫健局党委备案', NULL, NULL, false),
    ('six_unifications', 'adm_6', '不同形式的医联体都要制定各自管理章程，明确各成员的责权利关系', NULL, NULL, false),
    ('six_unifications', 'adm_7', '实行医疗集团内行政管理、业务管理、后勤服务、信息系统等统一设置、运行和管理', NULL, NULL, false),
    ('six_unifications', 'adm_8', '建立重大事项报备制度', NULL, NULL, false),
    ('six_unifications', 'hr_1', '各市县医疗卫生机构的人员编制由卫生健康行政部门统一管理，人员由医疗联合体统一招聘和使用', NULL, NULL, false),
    ('six_unifications', 'hr_2', '实行全员岗位管理，打破单位、科室、身份限制，实现合理轮岗、有序流动', NULL, NULL, false),
    ('six_unifications', 'hr_3', '建立乡村医生“县招、乡管、村用”制度', NULL, NULL, false),
    ('six_unifications', 'hr_4', '统一制订医联体内人员培训计划，统一组织业务培训与考试考核', NULL, NULL, false),
    ('six_unifications', 'hr_5', '实现人员下沉乡镇全覆盖', NULL, NULL, false),
    ('six_unifications', 'hr_6', '允许医疗联合体自主进行绩效工资分配', NULL, NULL, false),
    ('six_unifications', 'hr_7', '创新职称评聘制度，支持医疗联合体探索开展职称自主评审', NULL, NULL, true),
    ('six_unifications', 'fin_1', '医疗集团内部财务实行统一管理、统一考核、独立设账', NULL, NULL, false),
    ('six_unifications', 'fin_2', '医疗集团县人民医院要落实总会计师制度', NULL, NULL, false),
    ('six_unifications', 'fin_3', '强化精细化管理、全面预算管理和全成本核算', NULL, NULL, false),
    ('six_unifications', 'fin_4', '加强医疗集团内审建设，自觉接受审计监督', NULL, NULL, false),
    ('six_unifications', 'fin_5', '医疗集团内各医疗机构每年按照医疗业务收入的提取1%资金的方式', NULL, NULL, false),
    ('six_unifications', 'fin_6', '结余留用、合理超支分担', NULL, NULL, false),
    ('six_unifications', 'fin_7', '探索将基本公共卫生服务项目资金打包交由医疗联合体统筹管理和使用', NULL, NULL, true),
    ('six_unifications', 'fin_8', '允许医疗集团统筹调配医疗设备设施', NULL, NULL, false),
    ('six_unifications', 'qc_1', '建立质量控制团队，完善质量控制制度', NULL, NULL, false),
    ('six_unifications', 'qc_2', '在规章制度、技术规范、人员培训等方面执行统一标准', NULL, NULL, false),
    ('six_unifications', 'qc_3', '落实医疗质量安全核心制度', NULL, NULL, false),
    ('six_unifications', 'qc_4', '开展医疗质量检查、安全风险排查、病历处方评审', NULL, NULL, false),
    ('six_unifications', 'qc_5', '坚持定期对各项工作绩效与工作量、工作效率进行质量考核，对考核结果进行分析，反馈', NULL, NULL, false),
    ('six_unifications', 'qc_6', '建立健全三级医疗质量管理控制体系和组织，推动医疗联合体内医疗质量同质化管理', NULL, NULL, false),
    ('six_unifications', 'qc_7', '实现医疗机构间信息共享互通、检查结果互认', NULL,
     '{miyi_2019_draft,nantong_2017_118,zhoushan_2018_21,hainan_2024_1}', false),
    ('six_unifications', 'drug_1', '医疗集团实行药品耗材统一管理，统一用药目录、统一采购配送', NULL, NULL, false),
    ('six_unifications', 'drug_2', '探索建立医共体内统一采购账户、统一用药目录、统一采购配送、统一采购价格、统一支付货款的采购方式', NULL, NULL, true),
    ('six_unifications', 'drug_3', '医疗集团实行药品耗材统一管理，统一用药目录、统一采购配送', 'miyi_2019_draft', '{zhoushan_2018_21}', false),
    ('six_unifications', 'drug_4', '设立共享中药房', NULL, NULL, false),
    ('six_unifications', 'drug_5', '加强医疗集团内部床位、号源、设备、消毒供应的统筹使用', NULL, NULL, false),
    ('six_unifications', 'drug_6', '推动医疗机构信息系统融合药品追溯码改造和全面应用', NULL, NULL, false),
    ('six_unifications', 'drug_7', '可通过延伸处方、集中配送等形式加强基层和上级医院用药衔接', NULL, NULL, false),
    ('six_unifications', 'info_1', '推进医疗集团内县级医疗机构和基层医疗卫生机构信息系统融合', NULL, NULL, false),
    ('six_unifications', 'info_2', '实现居民电子健康档案“上推”和电子病历核心内容“下传”', NULL, NULL, false),
    ('six_unifications', 'info_3', '建立开放共享的检验、影像、心电、病理、消毒供应、远程诊疗等六大中心', NULL, NULL, false),
    ('six_unifications', 'info_4', '有效支持医联体内的预约诊疗、双向转诊、远程医疗、慢病管理等业务协同', NULL, NULL, false),
    ('six_unifications', 'info_5', '实现数据共享及医保结算一体化', NULL, NULL, false),
    ('six_unifications', 'info_6', NULL, NULL, NULL, false),
    ('six_unifications', 'info_7', '鼓励医疗集团开展互联网诊疗，提供分时段预约、远程会诊、在线支付、检验结果推送等服务', NULL, NULL, true),
    ('nantong_five_unifications', 'nt_planning_charter', '制订并通过章程，牵头医院与成员单位签订协议', NULL, NULL, true),
    ('nantong_five_unifications', 'nt_planning_council', '县级医联体、市区医联体要积极探索成员单位“发展规划、人事调配、资产财务、资源利用、绩效考核”五统一管理', NULL, NULL, true),
    ('nantong_five_unifications', 'nt_staff_rotation', '县级医联体、市区医联体要积极探索成员单位“发展规划、人事调配、资产财务、资源利用、绩效考核”五统一管理', NULL, NULL, true),
    ('nantong_five_unifications', 'nt_staff_sent_down', '对上级医院医生下派到基层服务的按规定给予一定报酬', NULL, NULL, true),
    ('nantong_five_unifications', 'nt_finance_centre', '探索组建消毒供应、会计核算等资源集约中心', NULL, NULL, true),
    ('nantong_five_unifications', 'nt_assets_redeployed', '县级医联体、市区医联体要积极探索成员单位“发展规划、人事调配、资产财务、资源利用、绩效考核”五统一管理', NULL, NULL, true),
    ('nantong_five_unifications', 'nt_shared_centres', '实现医联体内部技术资源共享互助和检查检验结果互认', NULL, NULL, true),
    ('nantong_five_unifications', 'nt_results_recognised', '实现医联体内部技术资源共享互助和检查检验结果互认', NULL, NULL, true),
    ('nantong_five_unifications', 'nt_appraisal', '县级医联体、市区医联体要积极探索成员单位“发展规划、人事调配、资产财务、资源利用、绩效考核”五统一管理', NULL, NULL, true),
    ('nantong_five_unifications', 'nt_pay', '对运行质量好、患者满意度高的医联体，可适当增加成员单位的绩效工资总量', 'nantong_2017_118', '{}', true),
    ('miyi_township_village', 'tv_administration', '各乡镇卫生院对村卫生室实行行政、人员、业务、药品、财务、绩效为主要内容的一体化管理', NULL, NULL, false),
    ('miyi_township_village', 'tv_personnel', '各乡镇卫生院对村卫生室实行行政、人员、业务、药品、财务、绩效为主要内容的一体化管理', NULL, NULL, false),
    ('miyi_township_village', 'tv_village_doctors', '建立乡村医生“县招、乡管、村用”制度', NULL, NULL, false),
    ('miyi_township_village', 'tv_business', '各乡镇卫生院对村卫生室实行行政、人员、业务、药品、财务、绩效为主要内容的一体化管理', NULL, NULL, false),
    ('miyi_township_village', 'tv_drugs', '各乡镇卫生院对村卫生室实行行政、人员、业务、药品、财务、绩效为主要内容的一体化管理', NULL, NULL, false),
    ('miyi_township_village', 'tv_finance', '各乡镇卫生院对村卫生室实行行政、人员、业务、药品、财务、绩效为主要内容的一体化管理', NULL, NULL, false),
    ('miyi_township_village', 'tv_performance', '各乡镇卫生院对村卫生室实行行政、人员、业务、药品、财务、绩效为主要内容的一体化管理', NULL, NULL, false),
    ('miyi_unified_procurement', 'up_account', '探索建立医共体内统一采购账户、统一用药目录、统一采购配送、统一采购价格、统一支付货款的采购方式', NULL, NULL, true),
    ('miyi_unified_procurement', 'up_formulary', '探索建立医共体内统一采购账户、统一用药目录、统一采购配送、统一采购价格、统一支付货款的采购方式', NULL, NULL, true),
    ('miyi_unified_procurement', 'up_distribution', '探索建立医共体内统一采购账户、统一用药目录、统一采购配送、统一采购价格、统一支付货款的采购方式', NULL, NULL, true),
    ('miyi_unified_procurement', 'up_price', '探索建立医共体内统一采购账户、统一用药目录、统一采购配送、统一采购价格、统一支付货款的采购方式', NULL, NULL, true),
    ('miyi_unified_procurement', 'up_payment', '探索建立医共体内统一采购账户、统一用药目录、统一采购配送、统一采购价格、统一支付货款的采购方式', NULL, NULL, true)
) AS v(scheme_code, item_code, source_text, document_code, also_cited_in, is_encouraged)
WHERE it.scheme_code = v.scheme_code AND it.item_code = v.item_code;

-- Who the six unifications score: Hainan 2021 names the members of a county
-- medical community as "专业公共卫生机构、乡镇卫生院和社区卫生服务中心" (those of
-- a city medical group as hospitals, public-health bodies and primary
-- institutions), and reaches the villages through the township ("以乡带村").
-- Village clinics and community stations are therefore not scored on the
-- items that did not already name their levels (else a clinic that places no
-- orders and reads no shared centre would weigh on every alliance's score).
UPDATE medalliance.unification_item
SET applies_to_levels = '{provincial_hospital,city_hospital,county_hospital,county_tcm_hospital,maternal_child_centre,township_health_centre,community_health_centre,public_health_body}'
WHERE scheme_code = 'six_unifications' AND applies_to_levels IS NULL;

-- qc_6 is the province–city–county QC system (三级医疗质量管理控制体系), not
-- three levels inside the alliance.
UPDATE medalliance.unification_item
SET text_zh = '建立健全三级医疗质量管理控制体系和组织，医疗联合体内医疗质量同质化',
    text_en = 'the three-level (province, city, county) QC system and organisation in place; even quality across the members',
    evidence_note = 'the alliance''s place in the province–city–county QC system on record; QC score dispersion across the members'
WHERE scheme_code = 'six_unifications' AND item_code = 'qc_6';

-- Each claim its own evidence: up_account and up_payment read drug_2, which
-- six_unifications derives (nothing collects it), and one row would prove both.
-- nt_appraisal is the alliance's performance assessment of its members, not
-- the QC appraisal (qc_5); nt_pay ties the members' pay pool to the alliance's
-- results, not to pay autonomy (hr_6).
UPDATE medalliance.unification_item it
SET evidence_code = v.evidence_code, evidence_note = v.evidence_note
FROM (VALUES
    ('miyi_unified_procurement', 'up_account', 'drug_8', 'evidence row drug_8: the one procurement account of the alliance (统一采购账户)'),
    ('miyi_unified_procurement', 'up_payment', 'drug_9', 'evidence row drug_9: suppliers paid by the alliance for every member (统一支付货款)'),
    ('nantong_five_unifications', 'nt_appraisal', 'adm_9', 'evidence row adm_9: the alliance''s performance assessment of its members (统一绩效考核), with results per member'),
    ('nantong_five_unifications', 'nt_pay', 'hr_8', 'evidence row hr_8: the members'' performance-pay pool set by the alliance''s assessment results (绩效工资总量)')
) AS v(scheme_code, item_code, evidence_code, evidence_note)
WHERE it.scheme_code = v.scheme_code AND it.item_code = v.item_code;

-- Presets: grades and settings ----------------------------------------------

INSERT INTO medalliance.unification_grade (scheme_code, grade, min_score, document_code, is_preset)
SELECT s.scheme_code, g.grade, g.min_score, 'project_default', true
FROM (VALUES ('six_unifications'), ('nantong_five_unifications'), ('miyi_township_village'),
             ('miyi_unified_procurement')) s(scheme_code)
CROSS JOIN (VALUES ('A', 90), ('B', 75), ('C', 60), ('D', 0)) g(grade, min_score);

INSERT INTO medalliance.unification_setting
    (scheme_code, member_weighting, alliance_kinds, document_code, is_preset)
VALUES
    -- 县域医共体…率先…"六统一"管理，城市医疗集团逐步实施
    ('six_unifications', 'equal', '{county_medical_community,city_medical_group}', 'hainan_2021_73', true),
    -- 县级医联体、市区医联体要积极探索成员单位…五统一管理
    ('nantong_five_unifications', 'equal', '{county_medical_community,city_medical_group}', 'nantong_2017_118', true),
    ('miyi_township_village', 'equal', '{county_medical_community}', 'miyi_2019_draft', true),
    ('miyi_unified_procurement', 'equal', '{county_medical_community}', 'miyi_2019_draft', true);

-- adm_4 (the member's legal representative is the lead's) says what members
-- take from the lead: the lead itself is not assessed on it.
UPDATE medalliance.unification_item SET applies_to_lead = false
WHERE scheme_code = 'six_unifications' AND item_code = 'adm_4';
