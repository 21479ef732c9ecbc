-- Quality control (质控): inspection deductions and quality measures scored per
-- member and month against a QC scheme, stored as mergeable states; quarters
-- and years merged from the months by refresh_qc(); homogeneity (同质化) of
-- the members of each alliance; funnel plots of the quality measures.
--
-- Documents.  南通 (nantong_2017_118): 由牵头医院指导各成员单位统一质量控制标准 …
-- 加强室间质控、临床质控工作，开展医疗质量检查、安全风险排查、病历处方评审.
-- 米易 (miyi_2019_draft): 建立医疗质控管理体系，组建质控机构，承担成员单位医疗质控 …
-- 落实医疗质量安全核心制度.  海南 (hainan_2021_73): 建立健全三级医疗质量管理控制体系
-- 和组织，推动医疗联合体内医疗质量同质化管理.  None of them fixes points, targets,
-- weights or grades: every number below cites project_default
-- (shared/domain/indicators.md D1 is the method).
--
-- Scores (0–100).  Inspection part of a member in a period: each inspection
-- row deducts deducted × full/max_points points of the item's full points
-- in the scheme, at most the item's cap (deduction_score per item and
-- month); the part is 100·Σ points kept / Σ full points over the items
-- inspected.  Measure part: per measure the rate merged from the months
-- (Σ numerators / Σ denominators, never a mean of rates) in percent, scored
-- by the measure's rule (linear between floor and target, or threshold) to
-- 0–100; a measure whose merged denominator is below the scheme's
-- min_denominator, or without data, is not assessed; the part is
-- Σ w·points / Σ w over the assessed measures.  Total: inspection_weight and
-- 1 − inspection_weight over the parts assessed, renormalised (the weights
-- used are columns).  A part without data is not assessed, never 0.

-- Catalogue: inspection items and quality measures ----------------------------

CREATE TABLE medalliance.qc_item (
    item_code     text
        CONSTRAINT qc_item_pkey PRIMARY KEY
        CONSTRAINT qc_item_code_check CHECK (item_code ~ '^[a-z][a-z0-9_]*$'),
    name_zh       text NOT NULL,
    name_en       text NOT NULL,
    document_code text NOT NULL
        CONSTRAINT qc_item_document_fkey REFERENCES medalliance.source_document (document_code),
    source_text   text,
    is_preset     boolean NOT NULL DEFAULT false
);
COMMENT ON TABLE medalliance.qc_item IS
    '质控检查项目 the QC inspection items (检查项目) that schemes may use; qc_inspection.item_code names one of them.';
COMMENT ON COLUMN medalliance.qc_item.item_code IS '项目代码 item code, as in qc_inspection.item_code.';
COMMENT ON COLUMN medalliance.qc_item.name_zh IS '项目名称 the item, in Chinese.';
COMMENT ON COLUMN medalliance.qc_item.name_en IS '英文名称 the item, in English.';
COMMENT ON COLUMN medalliance.qc_item.document_code IS '依据文件 the document that names the inspection area.';
COMMENT ON COLUMN medalliance.qc_item.source_text IS '原文 the words of the document, verbatim.';
COMMENT ON COLUMN medalliance.qc_item.is_preset IS '预置 true for rows shipped with the extension; pg_dump keeps only the rows where it is false.';

INSERT INTO medalliance.qc_item (item_code, name_zh, name_en, document_code, source_text, is_preset) VALUES
    ('medical_records', '病历评审', 'medical records review', 'nantong_2017_118', '病历处方评审', true),
    ('prescriptions', '处方评审', 'prescriptions review', 'nantong_2017_118', '病历处方评审', true),
    ('safety_risk', '安全风险排查', 'safety-risk checks', 'nantong_2017_118', '安全风险排查', true),
    ('interlab_qc', '室间质控', 'inter-laboratory QC', 'nantong_2017_118', '加强室间质控、临床质控工作', true),
    ('clinical_qc', '临床质控', 'clinical QC', 'nantong_2017_118', '加强室间质控、临床质控工作', true),
    ('core_systems', '医疗质量安全核心制度', 'core medical quality and safety systems', 'miyi_2019_draft',
     '落实医疗质量安全核心制度', true),
    ('infection_control', '院感防控', 'infection control', 'project_default', NULL, true),
    ('nursing', '护理质量', 'nursing quality', 'project_default', NULL, true),
    ('drug_safety', '药事安全', 'drug safety', 'project_default', NULL, true);

CREATE TABLE medalliance.qc_measure (
    measure_code     text
        CONSTRAINT qc_measure_pkey PRIMARY KEY
        CONSTRAINT qc_measure_code_check CHECK (measure_code ~ '^[a-z][a-z0-9_]*$'),
    name_zh          text NOT NULL,
    name_en          text NOT NULL,
    higher_is_better boolean NOT NULL,
    document_code    text NOT NULL
        CONSTRAINT qc_measure_document_fkey REFERENCES medalliance.source_document (document_code),
    source_text      text,
    is_preset        boolean NOT NULL DEFAULT false
);
COMMENT ON TABLE medalliance.qc_measure IS
    '质量指标目录 the quality measures (proportions in quality_measure) that schemes may score; quality_measure.measure_code names one of them.';
COMMENT ON COLUMN medalliance.qc_measure.measure_code IS '指标代码 measure code, as in quality_measure.measure_code.';
COMMENT ON COLUMN medalliance.qc_measure.name_zh IS '指标名称 the measure, in Chinese.';
COMMENT ON COLUMN medalliance.qc_measure.name_en IS '英文名称 the measure, in English.';
COMMENT ON COLUMN medalliance.qc_measure.higher_is_better IS '方向 true when a higher rate is better (合格率), false when lower is better (使用率).';
COMMENT ON COLUMN medalliance.qc_measure.document_code IS '依据文件 the document behind the measure.';
COMMENT ON COLUMN medalliance.qc_measure.source_text IS '原文 the words of the document, verbatim.';
COMMENT ON COLUMN medalliance.qc_measure.is_preset IS '预置 true for rows shipped with the extension; pg_dump keeps only the rows where it is false.';

INSERT INTO medalliance.qc_measure (measure_code, name_zh, name_en, higher_is_better, document_code, source_text, is_preset) VALUES
    ('prescription_qualified', '处方合格率', 'qualified prescriptions (%)', true, 'nantong_2017_118', '病历处方评审', true),
    ('record_complete', '病历书写完整率', 'complete medical records (%)', true, 'nantong_2017_118', '病历处方评审', true),
    ('antibiotic_prescription', '抗菌药物处方比例', 'prescriptions with antibiotics (%)', false, 'project_default', NULL, true);

CREATE TABLE medalliance.qc_rule (
    rule_code   text
        CONSTRAINT qc_rule_pkey PRIMARY KEY
        CONSTRAINT qc_rule_code_check CHECK (rule_code IN ('linear', 'threshold')),
    description text NOT NULL,
    is_preset   boolean NOT NULL DEFAULT false
);
COMMENT ON TABLE medalliance.qc_rule IS '评分规则 the rules a quality measure can be scored by: a closed list, each implemented by refresh_qc() with the C scoring functions.';
COMMENT ON COLUMN medalliance.qc_rule.rule_code IS '规则 linear or threshold.';
COMMENT ON COLUMN medalliance.qc_rule.description IS '说明 what the rule does (a DBA may reword it).';
COMMENT ON COLUMN medalliance.qc_rule.is_preset IS '预置 true for rows shipped with the extension; pg_dump keeps only the rows where it is false.';
INSERT INTO medalliance.qc_rule VALUES
    ('linear', 'score_linear(rate %, floor %, target %): 0 at the floor, 100 at the target, linear between; direction from their order', true),
    ('threshold', 'score_threshold(rate %, target %): 100 when the target is met (>= for higher-is-better measures, <= otherwise), else 0', true);

-- Schemes: settings, items, measures, grades --------------------------------------

INSERT INTO medalliance.scheme (scheme_code, scheme_kind, title, document_code, is_preset) VALUES
    ('nantong_qc', 'qc_rules',
     '南通 医联体质控: 室间质控、临床质控、安全风险排查、病历处方评审 (one standard for every member)',
     'nantong_2017_118', true),
    ('hainan_alliance_qc', 'qc_rules',
     '海南 医联体内医疗质量同质化管理: one QC standard for every member of a county medical community',
     'hainan_2021_73', true),
    ('county_hospital_qc', 'qc_rules', '县级医院质控 basic QC scheme of a county-level hospital', 'project_default', true),
    ('primary_care_qc', 'qc_rules', '基层医疗卫生机构质控 basic QC scheme of a township or community health centre',
     'project_default', true);

CREATE TABLE medalliance.qc_setting (
    scheme_code       text
        CONSTRAINT qc_setting_pkey PRIMARY KEY
        CONSTRAINT qc_setting_scheme_fkey REFERENCES medalliance.scheme (scheme_code),
    inspection_weight double precision NOT NULL
        CONSTRAINT qc_setting_inspection_weight_check CHECK (inspection_weight >= 0 AND inspection_weight <= 1),
    min_denominator   bigint NOT NULL DEFAULT 30
        CONSTRAINT qc_setting_min_denominator_check CHECK (min_denominator >= 1),
    member_weighting  text NOT NULL DEFAULT 'volume'
        CONSTRAINT qc_setting_weighting_check CHECK (member_weighting IN ('equal', 'volume')),
    alliance_kinds    text[] NOT NULL
        CONSTRAINT qc_setting_kinds_check
        CHECK (cardinality(alliance_kinds) > 0 AND alliance_kinds <@ medalliance.alliance_kinds()),
    member_levels     text[] NOT NULL
        CONSTRAINT qc_setting_levels_check
        CHECK (cardinality(member_levels) > 0 AND member_levels <@ medalliance.institution_levels()),
    document_code     text NOT NULL
        CONSTRAINT qc_setting_document_fkey REFERENCES medalliance.source_document (document_code),
    source_text       text,
    numbers_document_code text NOT NULL DEFAULT 'project_default'
        CONSTRAINT qc_setting_numbers_document_fkey REFERENCES medalliance.source_document (document_code),
    is_preset         boolean NOT NULL DEFAULT false
);
COMMENT ON TABLE medalliance.qc_setting IS
    '质控方案设置 settings of a QC scheme: the split between inspection and measures, the minimum denominator, how members weigh in the alliance score, and which alliances and member levels it applies to. A QC scheme needs a row here to be refreshed.';
COMMENT ON COLUMN medalliance.qc_setting.scheme_code IS '方案 the QC scheme (scheme_kind qc_rules).';
COMMENT ON COLUMN medalliance.qc_setting.inspection_weight IS '检查权重 share 0–1 of the inspection part in the total; the measure part weighs 1 − inspection_weight.';
COMMENT ON COLUMN medalliance.qc_setting.min_denominator IS '最小分母 a measure whose merged denominator is below this is not assessed (样本不足).';
COMMENT ON COLUMN medalliance.qc_setting.member_weighting IS '成员权重 volume (encounters at the member in the period) or equal: which alliance score is graded.';
COMMENT ON COLUMN medalliance.qc_setting.alliance_kinds IS '适用医联体类型 the alliance kinds whose members are scored.';
COMMENT ON COLUMN medalliance.qc_setting.member_levels IS '适用机构层级 the institution levels scored; members of other levels get no row.';
COMMENT ON COLUMN medalliance.qc_setting.document_code IS '依据文件 the document that asks for the QC system.';
COMMENT ON COLUMN medalliance.qc_setting.source_text IS '原文 the words of the document, verbatim.';
COMMENT ON COLUMN medalliance.qc_setting.numbers_document_code IS '数值依据 the document that fixes the numbers (project_default: no document does).';
COMMENT ON COLUMN medalliance.qc_setting.is_preset IS '预置 true for rows shipped with the extension; pg_dump keeps only the rows where it is false.';

INSERT INTO medalliance.qc_setting (scheme_code, inspection_weight, min_denominator, member_weighting, alliance_kinds,
                                    member_levels, document_code, source_text, is_preset) VALUES
    ('nantong_qc', 0.6, 30, 'volume', ARRAY['city_medical_group', 'county_medical_community'],
     ARRAY['provincial_hospital', 'city_hospital', 'county_hospital', 'county_tcm_hospital', 'maternal_child_centre',
           'township_health_centre', 'community_health_centre'],
     'nantong_2017_118', '由牵头医院指导各成员单位统一质量控制标准', true),
    ('hainan_alliance_qc', 0.5, 30, 'equal', ARRAY['county_medical_community'],
     ARRAY['county_hospital', 'county_tcm_hospital', 'maternal_child_centre',
           'township_health_centre', 'community_health_centre'],
     'hainan_2021_73', '推动医疗联合体内医疗质量同质化管理', true),
    ('county_hospital_qc', 0.5, 30, 'volume', ARRAY['county_medical_community'],
     ARRAY['county_hospital', 'county_tcm_hospital', 'maternal_child_centre'], 'project_default', NULL, true),
    ('primary_care_qc', 0.6, 30, 'equal', ARRAY['county_medical_community', 'city_medical_group'],
     ARRAY['township_health_centre', 'community_health_centre'], 'project_default', NULL, true);

CREATE TABLE medalliance.qc_scheme_item (
    scheme_code   text NOT NULL
        CONSTRAINT qc_scheme_item_scheme_fkey REFERENCES medalliance.qc_setting (scheme_code) ON DELETE CASCADE,
    item_code     text NOT NULL
        CONSTRAINT qc_scheme_item_item_fkey REFERENCES medalliance.qc_item (item_code),
    full_points   double precision NOT NULL,
    cap_points    double precision NOT NULL,
    document_code text NOT NULL DEFAULT 'project_default'
        CONSTRAINT qc_scheme_item_document_fkey REFERENCES medalliance.source_document (document_code),
    is_preset     boolean NOT NULL DEFAULT false,
    CONSTRAINT qc_scheme_item_pkey PRIMARY KEY (scheme_code, item_code)
);
COMMENT ON TABLE medalliance.qc_scheme_item IS
    '方案检查项目 the inspection items of a QC scheme with their full points (标准分) and the cap (单项扣分上限) on what one inspection may deduct from the item.';
COMMENT ON COLUMN medalliance.qc_scheme_item.scheme_code IS '方案 the QC scheme.';
COMMENT ON COLUMN medalliance.qc_scheme_item.item_code IS '检查项目 the item (qc_item).';
COMMENT ON COLUMN medalliance.qc_scheme_item.full_points IS '标准分 the item''s full points in this scheme (> 0); an inspection row''s deduction is rescaled from its own max_points to these.';
COMMENT ON COLUMN medalliance.qc_scheme_item.cap_points IS '扣分上限 the most one inspection may deduct from the item (>= 0).';
COMMENT ON COLUMN medalliance.qc_scheme_item.document_code IS '数值依据 the document that fixes the points (project_default for the presets).';
COMMENT ON COLUMN medalliance.qc_scheme_item.is_preset IS '预置 true for rows shipped with the extension; pg_dump keeps only the rows where it is false.';

CREATE TABLE medalliance.qc_scheme_measure (
    scheme_code   text NOT NULL
        CONSTRAINT qc_scheme_measure_scheme_fkey REFERENCES medalliance.qc_setting (scheme_code) ON DELETE CASCADE,
    measure_code  text NOT NULL
        CONSTRAINT qc_scheme_measure_measure_fkey REFERENCES medalliance.qc_measure (measure_code),
    rule_code     text NOT NULL
        CONSTRAINT qc_scheme_measure_rule_fkey REFERENCES medalliance.qc_rule (rule_code),
    floor_pct     double precision,
    target_pct    double precision NOT NULL,
    weight        double precision NOT NULL,
    document_code text NOT NULL DEFAULT 'project_default'
        CONSTRAINT qc_scheme_measure_document_fkey REFERENCES medalliance.source_document (document_code),
    is_preset     boolean NOT NULL DEFAULT false,
    CONSTRAINT qc_scheme_measure_pkey PRIMARY KEY (scheme_code, measure_code)
);
COMMENT ON TABLE medalliance.qc_scheme_measure IS
    '方案质量指标 the quality measures of a QC scheme with their rule, floor, target (percent 0–100) and weight.';
COMMENT ON COLUMN medalliance.qc_scheme_measure.scheme_code IS '方案 the QC scheme.';
COMMENT ON COLUMN medalliance.qc_scheme_measure.measure_code IS '质量指标 the measure (qc_measure).';
COMMENT ON COLUMN medalliance.qc_scheme_measure.rule_code IS '评分规则 linear or threshold (qc_rule).';
COMMENT ON COLUMN medalliance.qc_scheme_measure.floor_pct IS '底线值 the rate (percent) scoring 0 under the linear rule; NULL for threshold.';
COMMENT ON COLUMN medalliance.qc_scheme_measure.target_pct IS '目标值 the rate (percent) scoring 100.';
COMMENT ON COLUMN medalliance.qc_scheme_measure.weight IS '权重 the measure''s weight within the measure part (>= 0).';
COMMENT ON COLUMN medalliance.qc_scheme_measure.document_code IS '数值依据 the document that fixes the numbers (project_default for the presets).';
COMMENT ON COLUMN medalliance.qc_scheme_measure.is_preset IS '预置 true for rows shipped with the extension; pg_dump keeps only the rows where it is false.';

CREATE TABLE medalliance.qc_grade (
    scheme_code   text NOT NULL
        CONSTRAINT qc_grade_scheme_fkey REFERENCES medalliance.qc_setting (scheme_code) ON DELETE CASCADE,
    grade         text NOT NULL
        CONSTRAINT qc_grade_grade_check CHECK (length(grade) BETWEEN 1 AND 16),
    min_score     double precision NOT NULL
        CONSTRAINT qc_grade_min_score_check CHECK (min_score >= 0 AND min_score <= 100),
    document_code text NOT NULL DEFAULT 'project_default'
        CONSTRAINT qc_grade_document_fkey REFERENCES medalliance.source_document (document_code),
    is_preset     boolean NOT NULL DEFAULT false,
    CONSTRAINT qc_grade_pkey PRIMARY KEY (scheme_code, grade),
    CONSTRAINT qc_grade_min_score_key UNIQUE (scheme_code, min_score)
);
COMMENT ON TABLE medalliance.qc_grade IS
    '质控等级 grade thresholds of a QC scheme: a member or alliance takes the grade with the highest min_score not above its total. No document sets them: the presets (甲 >= 90, 乙 >= 75, 丙 below) are project_default.';
COMMENT ON COLUMN medalliance.qc_grade.scheme_code IS '方案 the QC scheme.';
COMMENT ON COLUMN medalliance.qc_grade.grade IS '等级 the grade label (甲, 乙, 丙).';
COMMENT ON COLUMN medalliance.qc_grade.min_score IS '最低分 the lowest total (0–100) that earns the grade.';
COMMENT ON COLUMN medalliance.qc_grade.document_code IS '依据文件 the document that sets the threshold.';
COMMENT ON COLUMN medalliance.qc_grade.is_preset IS '预置 true for rows shipped with the extension; pg_dump keeps only the rows where it is false.';

-- Validation: bad configuration is refused with 22023 naming the value ----------

CREATE FUNCTION medalliance.qc_scheme_item_check()
RETURNS trigger
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SECURITY INVOKER
SET search_path = pg_catalog, medalliance, pg_temp
AS $$
BEGIN
    IF NOT EXISTS (SELECT FROM medalliance.qc_item i WHERE i.item_code = NEW.item_code) THEN
        RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
            MESSAGE = format('unknown QC inspection item "%s" in scheme %s', NEW.item_code, NEW.scheme_code),
            HINT = 'The items are the rows of medalliance.qc_item; add the item there first.';
    END IF;
    IF NEW.full_points IS NULL OR NOT (NEW.full_points > 0 AND NEW.full_points < 'Infinity') THEN
        RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
            MESSAGE = format('full_points %s of item %s in scheme %s is not a positive finite number',
                             NEW.full_points, NEW.item_code, NEW.scheme_code),
            HINT = 'Give the item''s full points, e.g. 20.';
    END IF;
    IF NEW.cap_points IS NULL OR NOT (NEW.cap_points >= 0 AND NEW.cap_points < 'Infinity') THEN
        RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
            MESSAGE = format('cap_points %s of item %s in scheme %s is negative or not finite',
                             NEW.cap_points, NEW.item_code, NEW.scheme_code),
            HINT = 'Give the most one inspection may deduct from the item, e.g. its full points.';
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION medalliance.qc_scheme_item_check() IS
    '检查项目校验 Trigger: refuses (22023, naming the value) an unknown item code, full points not positive and finite, a negative or infinite cap.';
CREATE TRIGGER qc_scheme_item_check BEFORE INSERT OR UPDATE ON medalliance.qc_scheme_item
    FOR EACH ROW EXECUTE FUNCTION medalliance.qc_scheme_item_check();

CREATE FUNCTION medalliance.qc_scheme_measure_check()
RETURNS trigger
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SECURITY INVOKER
SET search_path = pg_catalog, medalliance, pg_temp
AS $$
BEGIN
    IF NOT EXISTS (SELECT FROM medalliance.qc_measure m WHERE m.measure_code = NEW.measure_code) THEN
        RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
            MESSAGE = format('unknown quality measure "%s" in scheme %s', NEW.measure_code, NEW.scheme_code),
            HINT = 'The measures are the rows of medalliance.qc_measure; add the measure there first.';
    END IF;
    IF NOT EXISTS (SELECT FROM medalliance.qc_rule r WHERE r.rule_code = NEW.rule_code) THEN
        RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
            MESSAGE = format('unknown rule "%s" for measure %s in scheme %s', NEW.rule_code, NEW.measure_code, NEW.scheme_code),
            HINT = 'The rules are the rows of medalliance.qc_rule: linear or threshold.';
    END IF;
    IF NEW.target_pct IS NULL OR NOT (NEW.target_pct >= 0 AND NEW.target_pct <= 100) THEN
        RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
            MESSAGE = format('target_pct %s of measure %s in scheme %s is outside [0, 100]',
                             NEW.target_pct, NEW.measure_code, NEW.scheme_code),
            HINT = 'Targets are percentages 0–100.';
    END IF;
    IF NEW.rule_code = 'linear' AND (NEW.floor_pct IS NULL OR NOT (NEW.floor_pct >= 0 AND NEW.floor_pct <= 100)) THEN
        RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
            MESSAGE = format('floor_pct %s of measure %s in scheme %s is missing or outside [0, 100]',
                             coalesce(NEW.floor_pct::text, 'NULL'), NEW.measure_code, NEW.scheme_code),
            HINT = 'The linear rule needs the rate (percent) that scores 0.';
    END IF;
    IF NEW.rule_code = 'linear' AND NEW.floor_pct = NEW.target_pct THEN
        RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
            MESSAGE = format('floor_pct and target_pct of measure %s in scheme %s are both %s',
                             NEW.measure_code, NEW.scheme_code, NEW.target_pct),
            HINT = 'Use the threshold rule for an all-or-nothing target.';
    END IF;
    IF NEW.rule_code = 'linear' AND (NEW.floor_pct < NEW.target_pct) IS DISTINCT FROM
       (SELECT m.higher_is_better FROM medalliance.qc_measure m WHERE m.measure_code = NEW.measure_code) THEN
        RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
            MESSAGE = format('floor_pct %s and target_pct %s of measure %s in scheme %s point the wrong way',
                             NEW.floor_pct, NEW.target_pct, NEW.measure_code, NEW.scheme_code),
            HINT = 'For a higher-is-better measure the floor lies below the target; for a lower-is-better one above it.';
    END IF;
    IF NEW.weight IS NULL OR NOT (NEW.weight >= 0 AND NEW.weight < 'Infinity') THEN
        RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
            MESSAGE = format('weight %s of measure %s in scheme %s is negative or not finite',
                             NEW.weight, NEW.measure_code, NEW.scheme_code),
            HINT = 'Weights are 0 or more.';
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION medalliance.qc_scheme_measure_check() IS
    '质量指标校验 Trigger: refuses (22023, naming the value) an unknown measure or rule, a target or floor outside [0, 100], a floor equal to the target or pointing against the measure''s direction, a negative, NaN or infinite weight.';
CREATE TRIGGER qc_scheme_measure_check BEFORE INSERT OR UPDATE ON medalliance.qc_scheme_measure
    FOR EACH ROW EXECUTE FUNCTION medalliance.qc_scheme_measure_check();

-- Presets.  The inspection items follow the documents (Nantong's areas; Miyi's
-- core systems); the demo warehouse inspects core_systems, medical_records,
-- prescriptions, infection_control, nursing and drug_safety.  All points,
-- caps, floors, targets and weights are project_default.
INSERT INTO medalliance.qc_scheme_item (scheme_code, item_code, full_points, cap_points, is_preset)
SELECT s, i, p, c, true FROM (VALUES
    ('nantong_qc', 'medical_records', 20, 20), ('nantong_qc', 'prescriptions', 20, 20),
    ('nantong_qc', 'safety_risk', 20, 20), ('nantong_qc', 'interlab_qc', 20, 20), ('nantong_qc', 'clinical_qc', 20, 20),
    ('hainan_alliance_qc', 'core_systems', 20, 20), ('hainan_alliance_qc', 'medical_records', 20, 20),
    ('hainan_alliance_qc', 'prescriptions', 15, 15), ('hainan_alliance_qc', 'infection_control', 15, 15),
    ('hainan_alliance_qc', 'nursing', 15, 15), ('hainan_alliance_qc', 'drug_safety', 15, 15),
    ('county_hospital_qc', 'core_systems', 20, 20), ('county_hospital_qc', 'medical_records', 20, 20),
    ('county_hospital_qc', 'prescriptions', 15, 15), ('county_hospital_qc', 'infection_control', 15, 15),
    ('county_hospital_qc', 'nursing', 15, 15), ('county_hospital_qc', 'drug_safety', 15, 15),
    ('primary_care_qc', 'core_systems', 25, 25), ('primary_care_qc', 'medical_records', 25, 25),
    ('primary_care_qc', 'prescriptions', 25, 25), ('primary_care_qc', 'infection_control', 25, 25)
) v(s, i, p, c);

INSERT INTO medalliance.qc_scheme_measure (scheme_code, measure_code, rule_code, floor_pct, target_pct, weight, is_preset)
SELECT s, m, r, f, t, w, true FROM (VALUES
    ('nantong_qc', 'prescription_qualified', 'linear', 80, 100, 1), ('nantong_qc', 'record_complete', 'linear', 80, 100, 1),
    ('hainan_alliance_qc', 'prescription_qualified', 'linear', 80, 100, 1),
    ('hainan_alliance_qc', 'record_complete', 'linear', 80, 100, 1),
    ('hainan_alliance_qc', 'antibiotic_prescription', 'linear', 30, 10, 1),
    ('county_hospital_qc', 'prescription_qualified', 'linear', 80, 100, 2),
    ('county_hospital_qc', 'record_complete', 'linear', 80, 100, 2),
    ('county_hospital_qc', 'antibiotic_prescription', 'linear', 30, 10, 1),
    ('primary_care_qc', 'prescription_qualified', 'linear', 80, 100, 1),
    ('primary_care_qc', 'antibiotic_prescription', 'threshold', NULL, 20, 1)
) v(s, m, r, f, t, w);

INSERT INTO medalliance.qc_grade (scheme_code, grade, min_score, is_preset)
SELECT s.scheme_code, g, m, true
FROM medalliance.qc_setting s CROSS JOIN (VALUES ('甲', 90), ('乙', 75), ('丙', 0)) v(g, m);

SELECT pg_catalog.pg_extension_config_dump('medalliance.qc_item', 'WHERE NOT is_preset');
SELECT pg_catalog.pg_extension_config_dump('medalliance.qc_measure', 'WHERE NOT is_preset');
SELECT pg_catalog.pg_extension_config_dump('medalliance.qc_rule', 'WHERE NOT is_preset');
SELECT pg_catalog.pg_extension_config_dump('medalliance.qc_setting', 'WHERE NOT is_preset');
SELECT pg_catalog.pg_extension_config_dump('medalliance.qc_scheme_item', 'WHERE NOT is_preset');
SELECT pg_catalog.pg_extension_config_dump('medalliance.qc_scheme_measure', 'WHERE NOT is_preset');
SELECT pg_catalog.pg_extension_config_dump('medalliance.qc_grade', 'WHERE NOT is_preset');
