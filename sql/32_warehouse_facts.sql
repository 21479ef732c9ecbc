-- The warehouse contract, facts (事实表), at the grain that the source systems
-- hold: encounters (HIS / insurance settlement), referrals (referral platform),
-- staff deployments (HR), family-doctor contracts and chronic-disease
-- management (public-health system), QC inspections and quality measures
-- (QC centres), survey responses, six-unification evidence, procurement
-- (procurement platform), capabilities, shared-centre services and
-- insurance-fund spending.
--
-- The two largest facts, encounter and survey_response, are range-partitioned
-- by month.  No partition exists after CREATE EXTENSION: create the months you
-- load with medalliance.add_month_partitions(...) (sql/33_warehouse_functions.sql).
-- Their primary keys and indexes are created on each partition by
-- add_month_partitions / attach_month_partition, not declared on the
-- partitioned table: an index of an extension's partitioned table is created
-- again by CREATE EXTENSION on restore, before pg_restore attaches the
-- partitions, and every partition's own index would then fail as a duplicate.
--
-- Constraints are named <table>_<what>_check / _fkey / _pkey / _key so that a
-- refused row names the rule it broke.  Rules that span rows or tables
-- (memberships, leads, referrals to oneself, ...) are checked by
-- medalliance.validate_warehouse() instead.

-- Encounter (门急诊、出院), partitioned by month ------------------------------

CREATE TABLE medalliance.encounter (
    encounter_id        bigint NOT NULL,
    encounter_date      date NOT NULL,
    encounter_kind      text NOT NULL
        CONSTRAINT encounter_kind_check CHECK (encounter_kind IN ('outpatient', 'emergency', 'inpatient')),
    institution_id      integer NOT NULL
        CONSTRAINT encounter_institution_fkey REFERENCES medalliance.institution (institution_id),
    patient_id          bigint,
    residence_region_id integer NOT NULL
        CONSTRAINT encounter_residence_fkey REFERENCES medalliance.region (region_id),
    insured_region_id   integer
        CONSTRAINT encounter_insured_fkey REFERENCES medalliance.region (region_id),
    admitted_on         date,
    is_tcm              boolean NOT NULL DEFAULT false,
    surgery_level       smallint
        CONSTRAINT encounter_surgery_level_check CHECK (surgery_level BETWEEN 1 AND 4),
    total_cost          numeric(12,2) NOT NULL,
    fund_payment        numeric(12,2) NOT NULL DEFAULT 0,
    catchment_institution_id integer
        CONSTRAINT encounter_catchment_fkey REFERENCES medalliance.institution (institution_id),
    -- The key (encounter_id, encounter_date) and the indexes live on each monthly
    -- partition, not here (see month_partition_indexes in the next file).
    -- (total_cost >= 0 follows: 0 <= fund_payment <= total_cost)
    CONSTRAINT encounter_fund_payment_check CHECK (fund_payment >= 0 AND fund_payment <= total_cost),
    CONSTRAINT encounter_fund_insured_check CHECK (fund_payment = 0 OR insured_region_id IS NOT NULL),
    CONSTRAINT encounter_admission_check
        CHECK (admitted_on IS NULL OR (encounter_kind = 'inpatient' AND admitted_on <= encounter_date))
) PARTITION BY RANGE (encounter_date);
COMMENT ON TABLE medalliance.encounter IS
    '诊疗记录 encounter: one outpatient or emergency visit (门急诊人次) or one inpatient discharge (出院人次), with the patient''s residence and insured region. Partitioned by month of encounter_date; the facts behind the county visit rate, primary-care share, TCM and surgery indicators and fund shares.';
COMMENT ON COLUMN medalliance.encounter.encounter_id IS
    '就诊流水号 encounter id from the source system; unique together with encounter_date.';
COMMENT ON COLUMN medalliance.encounter.encounter_date IS
    '就诊日期 date of the visit, or of discharge for an inpatient stay (出院日期); the partition key.';
COMMENT ON COLUMN medalliance.encounter.encounter_kind IS
    '就诊类型 kind: outpatient (门诊), emergency (急诊), inpatient (住院, counted at discharge).';
COMMENT ON COLUMN medalliance.encounter.institution_id IS
    '就诊机构 the institution where the encounter took place.';
COMMENT ON COLUMN medalliance.encounter.patient_id IS
    '患者标识 pseudonymised patient id (EMPI), when the source holds one.';
COMMENT ON COLUMN medalliance.encounter.residence_region_id IS
    '常住地 the patient''s county of residence; a visit is in-county when it equals the county of the institution (县域就诊率).';
COMMENT ON COLUMN medalliance.encounter.insured_region_id IS
    '参保地 the region where the patient is insured; NULL for the uninsured (自费).';
COMMENT ON COLUMN medalliance.encounter.admitted_on IS
    '入院日期 admission date of an inpatient stay; NULL for other kinds.';
COMMENT ON COLUMN medalliance.encounter.is_tcm IS
    '中医诊疗 true when the encounter was a traditional Chinese medicine service.';
COMMENT ON COLUMN medalliance.encounter.surgery_level IS
    '手术级别 highest surgery level of the encounter, 1–4 (四级手术 the most complex); NULL without surgery.';
COMMENT ON COLUMN medalliance.encounter.total_cost IS
    '总费用 total cost in yuan.';
COMMENT ON COLUMN medalliance.encounter.fund_payment IS
    '医保基金支付 amount paid by the insurance fund, in yuan (0 <= fund_payment <= total_cost).';
COMMENT ON COLUMN medalliance.encounter.catchment_institution_id IS
    '服务范围机构 the institution in whose catchment (服务范围, 网格) the patient lives, within the county of residence (catchment_population); NULL when unknown. Gives an alliance its own county visit rate: the encounters of the residents of its members'' catchments.';

-- Referral (双向转诊) --------------------------------------------------------

CREATE TABLE medalliance.referral (
    referral_id         bigint GENERATED BY DEFAULT AS IDENTITY
        CONSTRAINT referral_pkey PRIMARY KEY,
    referral_date       date NOT NULL,
    from_institution_id integer NOT NULL
        CONSTRAINT referral_from_fkey REFERENCES medalliance.institution (institution_id),
    to_institution_id   integer NOT NULL
        CONSTRAINT referral_to_fkey REFERENCES medalliance.institution (institution_id),
    patient_id          bigint,
    residence_region_id integer
        CONSTRAINT referral_residence_fkey REFERENCES medalliance.region (region_id),
    referral_kind       text NOT NULL DEFAULT 'outpatient'
        CONSTRAINT referral_kind_check CHECK (referral_kind IN ('outpatient', 'inpatient')),
    by_appointment      boolean NOT NULL DEFAULT false,
    reserved_slot       boolean NOT NULL DEFAULT false,
    CONSTRAINT referral_reserved_slot_check CHECK (by_appointment OR NOT reserved_slot)
);
CREATE INDEX referral_from_idx ON medalliance.referral (from_institution_id, referral_date);
CREATE INDEX referral_to_idx ON medalliance.referral (to_institution_id, referral_date);
-- the monthly summary (fact_summary_refresh) counts one month of referrals:
-- without this index a month's refresh read every referral ever loaded
CREATE INDEX referral_date_idx ON medalliance.referral (referral_date);
COMMENT ON TABLE medalliance.referral IS
    '转诊记录 referral of a patient from one institution to another. Upward / downward (上转 / 下转) follows from the institutions'' care_tier, within-alliance from their memberships on referral_date (view referral_detail). A referral to the same institution is not refused (source systems record such transfers) but validate_warehouse reports it.';
COMMENT ON COLUMN medalliance.referral.referral_id IS
    '转诊编号 referral id.';
COMMENT ON COLUMN medalliance.referral.referral_date IS
    '转诊日期 date of the referral.';
COMMENT ON COLUMN medalliance.referral.from_institution_id IS
    '转出机构 the referring institution.';
COMMENT ON COLUMN medalliance.referral.to_institution_id IS
    '转入机构 the receiving institution.';
COMMENT ON COLUMN medalliance.referral.patient_id IS
    '患者标识 pseudonymised patient id, when known.';
COMMENT ON COLUMN medalliance.referral.residence_region_id IS
    '常住地 the patient''s county of residence, when known.';
COMMENT ON COLUMN medalliance.referral.referral_kind IS
    '转诊类型 outpatient (门诊转诊) or inpatient (住院转诊).';
COMMENT ON COLUMN medalliance.referral.by_appointment IS
    '预约转诊 true when the referral was booked through the appointment platform.';
COMMENT ON COLUMN medalliance.referral.reserved_slot IS
    '预留号源 true when it used a specialist slot reserved for primary care and contracted doctors (implies by_appointment).';

-- Staff deployment (人员下沉 / 派驻) ------------------------------------------

CREATE TABLE medalliance.deployment (
    deployment_id       bigint GENERATED BY DEFAULT AS IDENTITY
        CONSTRAINT deployment_pkey PRIMARY KEY,
    staff_id            bigint NOT NULL,
    from_institution_id integer NOT NULL
        CONSTRAINT deployment_from_fkey REFERENCES medalliance.institution (institution_id),
    to_institution_id   integer NOT NULL
        CONSTRAINT deployment_to_fkey REFERENCES medalliance.institution (institution_id),
    started_on          date NOT NULL,
    ended_on            date,
    deployment_kind     text NOT NULL
        CONSTRAINT deployment_kind_check
        CHECK (deployment_kind IN ('stationed', 'rotation', 'circuit_clinic', 'mentoring')),
    profession          text NOT NULL
        CONSTRAINT deployment_profession_check
        CHECK (profession IN ('doctor', 'nurse', 'pharmacist', 'technician', 'manager', 'other')),
    title_level         text NOT NULL
        CONSTRAINT deployment_title_level_check
        CHECK (title_level IN ('junior', 'intermediate', 'associate_senior', 'senior')),
    CONSTRAINT deployment_dates_check CHECK (ended_on >= started_on),
    CONSTRAINT deployment_not_to_itself_check CHECK (from_institution_id <> to_institution_id)
);
CREATE INDEX deployment_to_idx ON medalliance.deployment (to_institution_id, started_on);
CREATE INDEX deployment_from_idx ON medalliance.deployment (from_institution_id, started_on);
COMMENT ON TABLE medalliance.deployment IS
    '人员下沉 staff deployment: a staff member sent from one institution (usually the lead hospital) to another (usually a township health centre) for a period.';
COMMENT ON COLUMN medalliance.deployment.deployment_id IS
    '派驻编号 deployment id.';
COMMENT ON COLUMN medalliance.deployment.staff_id IS
    '人员标识 pseudonymised staff id.';
COMMENT ON COLUMN medalliance.deployment.from_institution_id IS
    '派出机构 the institution that sends the staff member.';
COMMENT ON COLUMN medalliance.deployment.to_institution_id IS
    '派驻机构 the institution that receives the staff member.';
COMMENT ON COLUMN medalliance.deployment.started_on IS
    '开始日期 first day of the deployment.';
COMMENT ON COLUMN medalliance.deployment.ended_on IS
    '结束日期 last day of the deployment (inclusive); NULL while it lasts.';
COMMENT ON COLUMN medalliance.deployment.deployment_kind IS
    '派驻方式 kind: stationed (派驻, full time), rotation (轮岗), circuit_clinic (巡诊, visiting days — not counted as stationed), mentoring (带教).';
COMMENT ON COLUMN medalliance.deployment.profession IS
    '专业类别 profession: doctor (医师), nurse (护士), pharmacist (药师), technician (技师), manager (管理人员), other (其他).';
COMMENT ON COLUMN medalliance.deployment.title_level IS
    '职称 professional title: junior (初级), intermediate (中级), associate_senior (副高级), senior (正高级).';

-- Family-doctor contract (家庭医生签约) --------------------------------------

CREATE TABLE medalliance.contract (
    contract_id         bigint GENERATED BY DEFAULT AS IDENTITY
        CONSTRAINT contract_pkey PRIMARY KEY,
    person_id           bigint NOT NULL,
    residence_region_id integer NOT NULL
        CONSTRAINT contract_residence_fkey REFERENCES medalliance.region (region_id),
    institution_id      integer NOT NULL
        CONSTRAINT contract_institution_fkey REFERENCES medalliance.institution (institution_id),
    population_group    text NOT NULL
        CONSTRAINT contract_group_check
        CHECK (population_group IN ('general', 'elderly', 'children', 'pregnant', 'chronic',
                                    'disabled', 'poor')),
    signed_on           date NOT NULL,
    valid_to            date NOT NULL,
    catchment_institution_id integer
        CONSTRAINT contract_catchment_fkey REFERENCES medalliance.institution (institution_id),
    CONSTRAINT contract_dates_check CHECK (valid_to > signed_on),
    CONSTRAINT contract_person_signed_key UNIQUE (person_id, signed_on)
);
CREATE INDEX contract_residence_idx ON medalliance.contract (residence_region_id, signed_on);
CREATE INDEX contract_institution_idx ON medalliance.contract (institution_id, signed_on);
CREATE INDEX contract_catchment_idx ON medalliance.contract (catchment_institution_id, signed_on);
COMMENT ON TABLE medalliance.contract IS
    '家庭医生签约 family-doctor contract of one resident with a family-doctor team, valid over [signed_on, valid_to). Contract rates divide the residents under contract on a date by population (all, key_any or a key group).';
COMMENT ON COLUMN medalliance.contract.contract_id IS
    '签约编号 contract id.';
COMMENT ON COLUMN medalliance.contract.person_id IS
    '居民标识 pseudonymised resident id.';
COMMENT ON COLUMN medalliance.contract.residence_region_id IS
    '常住地 the resident''s county.';
COMMENT ON COLUMN medalliance.contract.institution_id IS
    '签约机构 the institution of the family-doctor team (usually a township or community health centre).';
COMMENT ON COLUMN medalliance.contract.population_group IS
    '签约人群 the service package the contract was signed for: general (普通人群) or one key group (elderly 老年人, children 儿童, pregnant 孕产妇, chronic 慢病患者, disabled 残疾人, poor 脱贫人口). A resident in several key groups has one contract, under its package.';
COMMENT ON COLUMN medalliance.contract.signed_on IS
    '签约日期 first day of the contract.';
COMMENT ON COLUMN medalliance.contract.valid_to IS
    '到期日期 first day after the contract (exclusive); contracts usually run one year.';
COMMENT ON COLUMN medalliance.contract.catchment_institution_id IS
    '服务范围机构 the institution in whose catchment (服务范围, 网格) the resident lives, within the county of residence (catchment_population); NULL when unknown. It may differ from the signing institution (a resident may sign elsewhere); an alliance''s contract rate counts the residents of its members'' catchments.';

-- Chronic-disease management, the "2+3" packages (慢病管理) ----------------

CREATE TABLE medalliance.chronic_care (
    person_id                 bigint NOT NULL,
    condition                 text NOT NULL
        CONSTRAINT chronic_care_condition_check
        CHECK (condition IN ('hypertension', 'diabetes', 'hepatitis', 'tuberculosis',
                             'severe_mental_disorder')),
    assessed_year             smallint NOT NULL
        CONSTRAINT chronic_care_year_check CHECK (assessed_year BETWEEN 1949 AND 2200),
    residence_region_id       integer NOT NULL
        CONSTRAINT chronic_care_residence_fkey REFERENCES medalliance.region (region_id),
    managed_at_institution_id integer NOT NULL
        CONSTRAINT chronic_care_institution_fkey REFERENCES medalliance.institution (institution_id),
    registered_on             date,
    is_standardised           boolean NOT NULL,
    is_controlled             boolean,
    catchment_institution_id  integer
        CONSTRAINT chronic_care_catchment_fkey REFERENCES medalliance.institution (institution_id),
    CONSTRAINT chronic_care_pkey PRIMARY KEY (person_id, condition, assessed_year)
);
CREATE INDEX chronic_care_institution_idx ON medalliance.chronic_care (managed_at_institution_id, assessed_year);
CREATE INDEX chronic_care_residence_idx ON medalliance.chronic_care (residence_region_id, assessed_year);
COMMENT ON TABLE medalliance.chronic_care IS
    '慢病管理 chronic-disease management: one registered patient, one "2+3" condition (高血压、糖尿病 + 肝炎、肺结核、严重精神障碍), one year, where managed and whether managed to standard and controlled.';
COMMENT ON COLUMN medalliance.chronic_care.person_id IS
    '患者标识 pseudonymised patient id.';
COMMENT ON COLUMN medalliance.chronic_care.condition IS
    '病种 condition: hypertension (高血压), diabetes (糖尿病), hepatitis (肝炎), tuberculosis (肺结核), severe_mental_disorder (严重精神障碍).';
COMMENT ON COLUMN medalliance.chronic_care.assessed_year IS
    '年度 the year the management is assessed for.';
COMMENT ON COLUMN medalliance.chronic_care.residence_region_id IS
    '常住地 the patient''s county.';
COMMENT ON COLUMN medalliance.chronic_care.managed_at_institution_id IS
    '管理机构 the institution that manages the patient (基层管理 when it is primary).';
COMMENT ON COLUMN medalliance.chronic_care.registered_on IS
    '建档日期 date the patient was registered for management, when known.';
COMMENT ON COLUMN medalliance.chronic_care.is_standardised IS
    '规范管理 managed to the national standard in the year (e.g. four follow-ups for hypertension and diabetes).';
COMMENT ON COLUMN medalliance.chronic_care.is_controlled IS
    '控制/稳定 controlled (blood pressure, blood glucose) or stable at the last follow-up of the year; NULL when not assessed.';
COMMENT ON COLUMN medalliance.chronic_care.catchment_institution_id IS
    '服务范围机构 the institution in whose catchment (服务范围, 网格) the patient lives, within the county of residence (catchment_population); NULL when unknown. An alliance''s management rates count the patients of its members'' catchments.';

-- QC inspection (质控检查) ---------------------------------------------------

CREATE TABLE medalliance.qc_inspection (
    qc_inspection_id            bigint GENERATED BY DEFAULT AS IDENTITY
        CONSTRAINT qc_inspection_pkey PRIMARY KEY,
    institution_id              integer NOT NULL
        CONSTRAINT qc_inspection_institution_fkey REFERENCES medalliance.institution (institution_id),
    inspected_on                date NOT NULL,
    item_code                   text NOT NULL,
    max_points                  numeric(7,2) NOT NULL
        CONSTRAINT qc_inspection_max_points_check CHECK (max_points > 0),
    deducted_points             numeric(7,2) NOT NULL,
    inspected_by_institution_id integer
        CONSTRAINT qc_inspection_inspector_fkey REFERENCES medalliance.institution (institution_id),
    CONSTRAINT qc_inspection_deducted_check CHECK (deducted_points >= 0 AND deducted_points <= max_points),
    CONSTRAINT qc_inspection_item_key UNIQUE (institution_id, inspected_on, item_code)
);
CREATE INDEX qc_inspection_date_idx ON medalliance.qc_inspection (inspected_on);
COMMENT ON TABLE medalliance.qc_inspection IS
    '质控检查 QC inspection: the points deducted (扣分) on one checklist item at one institution on one inspection day.';
COMMENT ON COLUMN medalliance.qc_inspection.qc_inspection_id IS
    '检查记录编号 inspection row id.';
COMMENT ON COLUMN medalliance.qc_inspection.institution_id IS
    '受检机构 the inspected institution.';
COMMENT ON COLUMN medalliance.qc_inspection.inspected_on IS
    '检查日期 inspection date.';
COMMENT ON COLUMN medalliance.qc_inspection.item_code IS
    '检查项目 code of the checklist item (e.g. medical_records, prescriptions, core_systems).';
COMMENT ON COLUMN medalliance.qc_inspection.max_points IS
    '标准分 full points of the item.';
COMMENT ON COLUMN medalliance.qc_inspection.deducted_points IS
    '扣分 points deducted, between 0 and max_points.';
COMMENT ON COLUMN medalliance.qc_inspection.inspected_by_institution_id IS
    '检查单位 the institution whose QC centre inspected (the lead hospital''s 质控中心); NULL for the health commission.';

-- Quality measure (质量指标) -------------------------------------------------

CREATE TABLE medalliance.quality_measure (
    institution_id integer NOT NULL
        CONSTRAINT quality_measure_institution_fkey REFERENCES medalliance.institution (institution_id),
    period_start   date NOT NULL
        CONSTRAINT quality_measure_period_check CHECK (extract(day FROM period_start) = 1),
    measure_code   text NOT NULL,
    numerator      numeric(18,4) NOT NULL
        CONSTRAINT quality_measure_numerator_check CHECK (numerator >= 0),
    denominator    numeric(18,4) NOT NULL
        CONSTRAINT quality_measure_denominator_check CHECK (denominator >= 0),
    is_proportion  boolean NOT NULL DEFAULT true,
    CONSTRAINT quality_measure_pkey PRIMARY KEY (institution_id, period_start, measure_code),
    CONSTRAINT quality_measure_proportion_check
        CHECK (NOT is_proportion OR (numerator <= denominator AND numerator = trunc(numerator)
                                     AND denominator = trunc(denominator)))
);
CREATE INDEX quality_measure_period_idx ON medalliance.quality_measure (period_start, measure_code);
COMMENT ON TABLE medalliance.quality_measure IS
    '质量指标 quality measure of an institution in a month, as numerator and denominator (e.g. surgical complication rate, prescription review pass rate).';
COMMENT ON COLUMN medalliance.quality_measure.institution_id IS
    '机构 the institution.';
COMMENT ON COLUMN medalliance.quality_measure.period_start IS
    '统计月份 the month (first day).';
COMMENT ON COLUMN medalliance.quality_measure.measure_code IS
    '指标代码 code of the measure.';
COMMENT ON COLUMN medalliance.quality_measure.numerator IS
    '分子 numerator.';
COMMENT ON COLUMN medalliance.quality_measure.denominator IS
    '分母 denominator.';
COMMENT ON COLUMN medalliance.quality_measure.is_proportion IS
    '是否比例 true when the measure is a proportion of counts (whole numbers, numerator <= denominator); false for ratios such as antibiotic use intensity (DDD per 100 bed-days).';

-- Survey response (满意度调查), partitioned by month -------------------------

-- The survey kinds (问卷类型): the one list, used by survey_response and the
-- survey schemes of the satisfaction layer.
CREATE FUNCTION medalliance.survey_kinds() RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$ SELECT ARRAY['outpatient', 'inpatient', 'resident', 'staff'] $$;
COMMENT ON FUNCTION medalliance.survey_kinds() IS
    '问卷类型 The one list of survey kinds: outpatient (门诊患者), inpatient (住院患者), resident (居民, of primary care), staff (医务人员).';

CREATE TABLE medalliance.survey_response (
    survey_response_id bigint NOT NULL,
    responded_on       date NOT NULL,
    survey_kind        text NOT NULL
        CONSTRAINT survey_response_kind_check CHECK (survey_kind = ANY (medalliance.survey_kinds())),
    institution_id     integer NOT NULL
        CONSTRAINT survey_response_institution_fkey REFERENCES medalliance.institution (institution_id),
    respondent_id      bigint NOT NULL,
    item_code          text NOT NULL,
    answer             smallint,
    scale_max          smallint NOT NULL DEFAULT 5
        CONSTRAINT survey_response_scale_check CHECK (scale_max BETWEEN 2 AND 11),
    -- key and index on each monthly partition, as for encounter
    CONSTRAINT survey_response_answer_check CHECK (answer BETWEEN 0 AND scale_max OR answer BETWEEN 90 AND 99)
) PARTITION BY RANGE (responded_on);
COMMENT ON TABLE medalliance.survey_response IS
    '满意度调查答卷 survey response: one respondent''s answer to one item of an outpatient, inpatient, resident or staff satisfaction survey, on a 1..scale_max Likert scale (5 = most satisfied) or a 0..scale_max scale (0–10 recommendation questions). Partitioned by month of responded_on.';
COMMENT ON COLUMN medalliance.survey_response.survey_response_id IS
    '答题编号 answer id; unique together with responded_on.';
COMMENT ON COLUMN medalliance.survey_response.responded_on IS
    '调查日期 date of the response; the partition key.';
COMMENT ON COLUMN medalliance.survey_response.survey_kind IS
    '问卷类型 survey: outpatient (门诊患者), inpatient (住院患者), resident (居民, of primary care), staff (医务人员).';
COMMENT ON COLUMN medalliance.survey_response.institution_id IS
    '被调查机构 the institution the survey is about.';
COMMENT ON COLUMN medalliance.survey_response.respondent_id IS
    '答卷人 pseudonymised respondent id; the answers of one questionnaire share it.';
COMMENT ON COLUMN medalliance.survey_response.item_code IS
    '题目代码 code of the survey item.';
COMMENT ON COLUMN medalliance.survey_response.answer IS
    '答案 the answer, 1..scale_max (0..scale_max for a 0–10 question; higher is more satisfied); NULL when not answered; 90–99 are special codes (e.g. 99 不适用 not applicable) whose meaning the survey scheme (satisfaction_item.na_answer) gives.';
COMMENT ON COLUMN medalliance.survey_response.scale_max IS
    '量表级数 the top of the answer scale (5 for a 5-point Likert scale).';

-- Six-unification evidence (六统一佐证) --------------------------------------

CREATE TABLE medalliance.unification_evidence (
    evidence_id    bigint GENERATED BY DEFAULT AS IDENTITY
        CONSTRAINT unification_evidence_pkey PRIMARY KEY,
    alliance_id    integer NOT NULL
        CONSTRAINT unification_evidence_alliance_fkey REFERENCES medalliance.alliance (alliance_id),
    institution_id integer
        CONSTRAINT unification_evidence_institution_fkey REFERENCES medalliance.institution (institution_id),
    period_start   date NOT NULL
        CONSTRAINT unification_evidence_period_check CHECK (extract(day FROM period_start) = 1),
    item_code      text NOT NULL
        CONSTRAINT unification_evidence_item_check
        CHECK (item_code ~ '^(adm|hr|fin|qc|drug|info)_[1-9][0-9]*$'),
    evidence_value numeric
        CONSTRAINT unification_evidence_value_check CHECK (evidence_value >= 0 AND evidence_value <= 1),
    verified_by    text,
    verified_on    date,
    not_applicable boolean NOT NULL DEFAULT false,
    CONSTRAINT unification_evidence_applicable_check CHECK ((evidence_value IS NULL) = not_applicable),
    CONSTRAINT unification_evidence_item_key
        UNIQUE NULLS NOT DISTINCT (alliance_id, institution_id, period_start, item_code)
);
CREATE INDEX unification_evidence_period_idx ON medalliance.unification_evidence (period_start, item_code);
COMMENT ON TABLE medalliance.unification_evidence IS
    '六统一佐证 six-unification evidence: what the warehouse shows for one checklist item (adm_1.., hr_1.., fin_1.., qc_1.., drug_1.., info_1..) of an alliance, or of one member, in a month. A missing row means no evidence, not a failed item.';
COMMENT ON COLUMN medalliance.unification_evidence.evidence_id IS
    '佐证编号 evidence row id.';
COMMENT ON COLUMN medalliance.unification_evidence.alliance_id IS
    '医联体 the alliance.';
COMMENT ON COLUMN medalliance.unification_evidence.institution_id IS
    '成员机构 the member the evidence is about; NULL for evidence about the alliance as a whole.';
COMMENT ON COLUMN medalliance.unification_evidence.period_start IS
    '月份 the month the evidence covers (first day).';
COMMENT ON COLUMN medalliance.unification_evidence.item_code IS
    '清单项目 checklist item code: adm_N (行政), hr_N (人员), fin_N (财务), qc_N (质量), drug_N (药械), info_N (信息).';
COMMENT ON COLUMN medalliance.unification_evidence.evidence_value IS
    '佐证值 degree of fulfilment in [0, 1] the evidence shows: 1 in place, 0 absent, 0.5 partial, or a share where the item is measured.';
COMMENT ON COLUMN medalliance.unification_evidence.not_applicable IS
    '不适用 true when the item does not apply to this member (or, at alliance level, to the alliance''s members without a row of their own) in the months the row covers: evidence_value is then NULL, and the item is left off the member''s checklist — it neither scores nor lowers coverage.';
COMMENT ON COLUMN medalliance.unification_evidence.verified_by IS
    '核验人 who verified the evidence (a body or an inspector id); NULL when self-reported and unverified.';
COMMENT ON COLUMN medalliance.unification_evidence.verified_on IS
    '核验日期 date of verification.';

-- Procurement (药械采购) -----------------------------------------------------

CREATE TABLE medalliance.procurement (
    procurement_id       bigint GENERATED BY DEFAULT AS IDENTITY
        CONSTRAINT procurement_pkey PRIMARY KEY,
    institution_id       integer NOT NULL
        CONSTRAINT procurement_institution_fkey REFERENCES medalliance.institution (institution_id),
    ordered_on           date NOT NULL,
    item_kind            text NOT NULL
        CONSTRAINT procurement_item_kind_check CHECK (item_kind IN ('drug', 'consumable', 'device')),
    item_code            text NOT NULL,
    quantity             numeric(14,3) NOT NULL
        CONSTRAINT procurement_quantity_check CHECK (quantity > 0),
    unit_price           numeric(14,4) NOT NULL
        CONSTRAINT procurement_unit_price_check CHECK (unit_price >= 0),
    via_unified_platform boolean NOT NULL,
    buyer_account        text,
    is_volume_based      boolean NOT NULL DEFAULT false
);
CREATE INDEX procurement_institution_idx ON medalliance.procurement (institution_id, ordered_on);
COMMENT ON TABLE medalliance.procurement IS
    '药械采购 procurement: one order line of a drug, consumable or device by an institution, and whether it went through the unified procurement platform.';
COMMENT ON COLUMN medalliance.procurement.procurement_id IS
    '采购记录编号 order line id.';
COMMENT ON COLUMN medalliance.procurement.institution_id IS
    '采购机构 the buying institution.';
COMMENT ON COLUMN medalliance.procurement.ordered_on IS
    '采购日期 order date.';
COMMENT ON COLUMN medalliance.procurement.item_kind IS
    '品类 drug (药品), consumable (耗材) or device (设备).';
COMMENT ON COLUMN medalliance.procurement.item_code IS
    '品目代码 item code (e.g. the national medical-insurance drug code).';
COMMENT ON COLUMN medalliance.procurement.quantity IS
    '数量 quantity ordered (> 0).';
COMMENT ON COLUMN medalliance.procurement.unit_price IS
    '单价 unit price in yuan.';
COMMENT ON COLUMN medalliance.procurement.via_unified_platform IS
    '统一平台采购 ordered through the unified (provincial or alliance) procurement platform.';
COMMENT ON COLUMN medalliance.procurement.buyer_account IS
    '采购账户 the buying account; one account for all members is the unified procurement account (统一采购账户).';
COMMENT ON COLUMN medalliance.procurement.is_volume_based IS
    '集采 a volume-based (national or inter-provincial) tendered item.';

-- Capability (服务能力) ------------------------------------------------------

CREATE TABLE medalliance.capability (
    institution_id                integer NOT NULL
        CONSTRAINT capability_institution_fkey REFERENCES medalliance.institution (institution_id),
    period_start                  date NOT NULL
        CONSTRAINT capability_period_check CHECK (extract(day FROM period_start) = 1),
    has_radiology                 boolean NOT NULL,
    has_ecg                       boolean NOT NULL,
    has_remote_point              boolean NOT NULL,
    offers_tcm                    boolean NOT NULL,
    meets_capability_standard     boolean,
    meets_village_clinic_standard boolean,
    CONSTRAINT capability_pkey PRIMARY KEY (institution_id, period_start)
);
COMMENT ON TABLE medalliance.capability IS
    '服务能力 capability of an institution in a month: radiology, ECG, remote-care point, TCM service and the standards met.';
COMMENT ON COLUMN medalliance.capability.institution_id IS
    '机构 the institution.';
COMMENT ON COLUMN medalliance.capability.period_start IS
    '月份 the month (first day).';
COMMENT ON COLUMN medalliance.capability.has_radiology IS
    '放射诊断能力 can perform radiological diagnosis (DR).';
COMMENT ON COLUMN medalliance.capability.has_ecg IS
    '心电检查能力 can perform ECG examinations.';
COMMENT ON COLUMN medalliance.capability.has_remote_point IS
    '远程医疗服务点 hosts a remote-care (telemedicine) point.';
COMMENT ON COLUMN medalliance.capability.offers_tcm IS
    '中医药服务 offers traditional Chinese medicine services.';
COMMENT ON COLUMN medalliance.capability.meets_capability_standard IS
    '达到服务能力标准 meets the basic capability standard of 优质服务基层行 (township and community health centres); NULL when not applicable.';
COMMENT ON COLUMN medalliance.capability.meets_village_clinic_standard IS
    '村卫生室达标 meets the village-clinic build standard (village clinics only; NULL otherwise).';

-- Shared-centre service (共享中心服务) ---------------------------------------

CREATE TABLE medalliance.shared_centre_service (
    service_id              bigint GENERATED BY DEFAULT AS IDENTITY
        CONSTRAINT shared_centre_service_pkey PRIMARY KEY,
    centre_kind             text NOT NULL
        CONSTRAINT shared_centre_service_kind_check
        CHECK (centre_kind IN ('lab', 'imaging', 'ecg', 'pathology', 'sterile_supply', 'telemedicine')),
    ordering_institution_id integer NOT NULL
        CONSTRAINT shared_centre_service_ordering_fkey REFERENCES medalliance.institution (institution_id),
    reading_institution_id  integer NOT NULL
        CONSTRAINT shared_centre_service_reading_fkey REFERENCES medalliance.institution (institution_id),
    alliance_id             integer
        CONSTRAINT shared_centre_service_alliance_fkey REFERENCES medalliance.alliance (alliance_id),
    patient_id              bigint,
    ordered_on              date NOT NULL,
    reported_on             date,
    CONSTRAINT shared_centre_service_dates_check CHECK (reported_on >= ordered_on),
    CONSTRAINT shared_centre_service_remote_check CHECK (ordering_institution_id <> reading_institution_id)
);
CREATE INDEX shared_centre_service_ordering_idx ON medalliance.shared_centre_service (ordering_institution_id, ordered_on);
CREATE INDEX shared_centre_service_reading_idx ON medalliance.shared_centre_service (reading_institution_id, ordered_on);
COMMENT ON TABLE medalliance.shared_centre_service IS
    '共享中心服务 shared-centre service: one remote read (lab 检验, imaging 影像, ECG 心电, pathology 病理) or service (sterile supply 消毒供应, telemedicine 远程诊疗) ordered by one member and done by the centre at another.';
COMMENT ON COLUMN medalliance.shared_centre_service.service_id IS
    '服务编号 service id.';
COMMENT ON COLUMN medalliance.shared_centre_service.centre_kind IS
    '中心类型 the shared centre: lab, imaging, ecg, pathology, sterile_supply, telemedicine.';
COMMENT ON COLUMN medalliance.shared_centre_service.ordering_institution_id IS
    '申请机构 the member that ordered the service.';
COMMENT ON COLUMN medalliance.shared_centre_service.reading_institution_id IS
    '诊断机构 the institution hosting the centre that read the result.';
COMMENT ON COLUMN medalliance.shared_centre_service.alliance_id IS
    '医联体 the alliance whose shared centre it is, when known.';
COMMENT ON COLUMN medalliance.shared_centre_service.patient_id IS
    '患者标识 pseudonymised patient id, when known.';
COMMENT ON COLUMN medalliance.shared_centre_service.ordered_on IS
    '申请日期 date the service was ordered.';
COMMENT ON COLUMN medalliance.shared_centre_service.reported_on IS
    '报告日期 date the report came back; NULL while pending.';

-- Insurance-fund spending (医保基金支出) -------------------------------------

CREATE TABLE medalliance.fund_spending (
    institution_id    integer NOT NULL
        CONSTRAINT fund_spending_institution_fkey REFERENCES medalliance.institution (institution_id),
    period_start      date NOT NULL
        CONSTRAINT fund_spending_period_check CHECK (extract(day FROM period_start) = 1),
    insured_region_id integer NOT NULL
        CONSTRAINT fund_spending_insured_fkey REFERENCES medalliance.region (region_id),
    fund_kind         text NOT NULL
        CONSTRAINT fund_spending_fund_kind_check CHECK (fund_kind IN ('employee', 'resident')),
    encounter_kind    text NOT NULL
        CONSTRAINT fund_spending_encounter_kind_check
        CHECK (encounter_kind IN ('outpatient', 'emergency', 'inpatient', 'other')),
    settlements       bigint NOT NULL
        CONSTRAINT fund_spending_settlements_check CHECK (settlements >= 0),
    total_cost        numeric(16,2) NOT NULL,
    fund_payment      numeric(16,2) NOT NULL,
    CONSTRAINT fund_spending_pkey PRIMARY KEY (institution_id, period_start, insured_region_id, fund_kind, encounter_kind),
    CONSTRAINT fund_spending_amounts_check CHECK (fund_payment >= 0 AND fund_payment <= total_cost)
);
CREATE INDEX fund_spending_insured_idx ON medalliance.fund_spending (insured_region_id, period_start);
COMMENT ON TABLE medalliance.fund_spending IS
    '医保基金支出 insurance-fund spending as the fund settles it: per institution, month, insured region, fund and kind of care. Behind the fund in-county share and primary share.';
COMMENT ON COLUMN medalliance.fund_spending.institution_id IS
    '定点机构 the institution paid.';
COMMENT ON COLUMN medalliance.fund_spending.period_start IS
    '结算月份 settlement month (first day).';
COMMENT ON COLUMN medalliance.fund_spending.insured_region_id IS
    '参保地 the region where the patients are insured.';
COMMENT ON COLUMN medalliance.fund_spending.fund_kind IS
    '险种 employee (职工基本医疗保险) or resident (城乡居民基本医疗保险).';
COMMENT ON COLUMN medalliance.fund_spending.encounter_kind IS
    '就诊类型 outpatient (门诊), emergency (急诊), inpatient (住院) or other (其他, e.g. designated pharmacy).';
COMMENT ON COLUMN medalliance.fund_spending.settlements IS
    '结算人次 number of settlements.';
COMMENT ON COLUMN medalliance.fund_spending.total_cost IS
    '医疗总费用 total cost of the settled care, yuan.';
COMMENT ON COLUMN medalliance.fund_spending.fund_payment IS
    '基金支付 amount paid by the fund, yuan.';

-- Registration for pg_dump, and privileges -----------------------------------

-- (one call per statement: the function updates pg_extension in place)
SELECT pg_catalog.pg_extension_config_dump('medalliance.encounter', '');
SELECT pg_catalog.pg_extension_config_dump('medalliance.referral', '');
SELECT pg_catalog.pg_extension_config_dump('medalliance.deployment', '');
SELECT pg_catalog.pg_extension_config_dump('medalliance.contract', '');
SELECT pg_catalog.pg_extension_config_dump('medalliance.chronic_care', '');
SELECT pg_catalog.pg_extension_config_dump('medalliance.qc_inspection', '');
SELECT pg_catalog.pg_extension_config_dump('medalliance.quality_measure', '');
SELECT pg_catalog.pg_extension_config_dump('medalliance.survey_response', '');
SELECT pg_catalog.pg_extension_config_dump('medalliance.unification_evidence', '');
SELECT pg_catalog.pg_extension_config_dump('medalliance.procurement', '');
SELECT pg_catalog.pg_extension_config_dump('medalliance.capability', '');
SELECT pg_catalog.pg_extension_config_dump('medalliance.shared_centre_service', '');
SELECT pg_catalog.pg_extension_config_dump('medalliance.fund_spending', '');

-- The identity sequences too, so that ids continue after a restore.
SELECT pg_catalog.pg_extension_config_dump('medalliance.referral_referral_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('medalliance.deployment_deployment_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('medalliance.contract_contract_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('medalliance.qc_inspection_qc_inspection_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('medalliance.unification_evidence_evidence_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('medalliance.procurement_procurement_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('medalliance.shared_centre_service_service_id_seq', '');

GRANT SELECT ON medalliance.encounter, medalliance.referral, medalliance.deployment,
                medalliance.contract, medalliance.chronic_care, medalliance.qc_inspection,
                medalliance.quality_measure, medalliance.survey_response,
                medalliance.unification_evidence, medalliance.procurement, medalliance.capability,
                medalliance.shared_centre_service, medalliance.fund_spending TO medalliance_analyst;
GRANT INSERT, UPDATE, DELETE, TRUNCATE
    ON medalliance.encounter, medalliance.referral, medalliance.deployment,
       medalliance.contract, medalliance.chronic_care, medalliance.qc_inspection,
       medalliance.quality_measure, medalliance.survey_response,
       medalliance.unification_evidence, medalliance.procurement, medalliance.capability,
       medalliance.shared_centre_service, medalliance.fund_spending TO medalliance_admin;
