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
        CHECK (cardinality(alliance_kinds) > 0
               AND alliance_kinds <@ ARRAY['county_medical_community', 'city_medical_group',
                                           'specialty_alliance', 'remote_network']),
    member_levels     text[] NOT NULL
        CONSTRAINT qc_setting_levels_check
        CHECK (cardinality(member_levels) > 0
               AND member_levels <@ ARRAY['provincial_hospital', 'city_hospital', 'county_hospital',
                                          'county_tcm_hospital', 'maternal_child_centre',
                                          'township_health_centre', 'community_health_centre',
                                          'village_clinic', 'community_station',
                                          'public_health_body', 'private']),
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

-- Stored states -----------------------------------------------------------------

CREATE TABLE medalliance.qc_member_month (
    scheme_code    text NOT NULL
        CONSTRAINT qc_member_month_scheme_fkey REFERENCES medalliance.qc_setting (scheme_code) ON DELETE CASCADE,
    alliance_id    integer NOT NULL,
    institution_id integer NOT NULL,
    period_start   date NOT NULL
        CONSTRAINT qc_member_month_period_check CHECK (extract(day FROM period_start) = 1),
    is_lead        boolean NOT NULL,
    member_volume  bigint NOT NULL
        CONSTRAINT qc_member_month_volume_check CHECK (member_volume >= 0),
    refresh_id     bigint NOT NULL
        CONSTRAINT qc_member_month_refresh_fkey REFERENCES medalliance.refresh_log (refresh_id),
    CONSTRAINT qc_member_month_pkey PRIMARY KEY (scheme_code, alliance_id, institution_id, period_start)
);
CREATE INDEX qc_member_month_period_idx ON medalliance.qc_member_month (period_start);
COMMENT ON TABLE medalliance.qc_member_month IS
    '质控成员月 who is scored: per QC scheme, alliance, member and month, the members of the alliance kinds and levels the scheme applies to, and their volume. Written only by refresh_qc().';
COMMENT ON COLUMN medalliance.qc_member_month.scheme_code IS '方案 the QC scheme.';
COMMENT ON COLUMN medalliance.qc_member_month.alliance_id IS '医联体 the alliance.';
COMMENT ON COLUMN medalliance.qc_member_month.institution_id IS '成员机构 the member.';
COMMENT ON COLUMN medalliance.qc_member_month.period_start IS '月份 the month (first day).';
COMMENT ON COLUMN medalliance.qc_member_month.is_lead IS '牵头单位 true for the alliance''s lead institution.';
COMMENT ON COLUMN medalliance.qc_member_month.member_volume IS '诊疗量 encounters at the member that month (its weight under volume weighting).';
COMMENT ON COLUMN medalliance.qc_member_month.refresh_id IS '刷新编号 the refresh that wrote the row.';

CREATE TABLE medalliance.qc_item_state (
    scheme_code     text NOT NULL
        CONSTRAINT qc_item_state_scheme_fkey REFERENCES medalliance.qc_setting (scheme_code) ON DELETE CASCADE,
    institution_id  integer NOT NULL,
    period_start    date NOT NULL
        CONSTRAINT qc_item_state_period_check CHECK (extract(day FROM period_start) = 1),
    item_code       text NOT NULL,
    inspections     integer NOT NULL
        CONSTRAINT qc_item_state_inspections_check CHECK (inspections > 0),
    full_points     double precision NOT NULL
        CONSTRAINT qc_item_state_full_check CHECK (full_points > 0),
    points_kept     double precision NOT NULL
        CONSTRAINT qc_item_state_kept_check CHECK (points_kept >= 0 AND points_kept <= full_points),
    refresh_id      bigint NOT NULL
        CONSTRAINT qc_item_state_refresh_fkey REFERENCES medalliance.refresh_log (refresh_id),
    CONSTRAINT qc_item_state_pkey PRIMARY KEY (scheme_code, institution_id, period_start, item_code)
);
CREATE INDEX qc_item_state_period_idx ON medalliance.qc_item_state (period_start);
COMMENT ON TABLE medalliance.qc_item_state IS
    '检查项目状态 stored inspection states: per QC scheme, institution, month and item, the inspections, the full points (Σ over inspections) and the points kept, deduction_score(full, rescaled deduction, cap). Sums: quarters and years add them. Written only by refresh_qc().';
COMMENT ON COLUMN medalliance.qc_item_state.scheme_code IS '方案 the QC scheme (its points and caps).';
COMMENT ON COLUMN medalliance.qc_item_state.institution_id IS '机构 the inspected institution.';
COMMENT ON COLUMN medalliance.qc_item_state.period_start IS '月份 the month of the inspections (first day).';
COMMENT ON COLUMN medalliance.qc_item_state.item_code IS '检查项目 the item.';
COMMENT ON COLUMN medalliance.qc_item_state.inspections IS '检查次数 inspections of the item in the month.';
COMMENT ON COLUMN medalliance.qc_item_state.full_points IS '标准分合计 the item''s full points times the inspections.';
COMMENT ON COLUMN medalliance.qc_item_state.points_kept IS '得分合计 points kept: full points minus the capped, rescaled deductions.';
COMMENT ON COLUMN medalliance.qc_item_state.refresh_id IS '刷新编号 the refresh that wrote the row.';

CREATE TABLE medalliance.qc_measure_state (
    institution_id integer NOT NULL,
    period_start   date NOT NULL
        CONSTRAINT qc_measure_state_period_check CHECK (extract(day FROM period_start) = 1),
    measure_code   text NOT NULL
        CONSTRAINT qc_measure_state_measure_fkey REFERENCES medalliance.qc_measure (measure_code) ON DELETE CASCADE,
    state          medalliance.rate NOT NULL,
    refresh_id     bigint NOT NULL
        CONSTRAINT qc_measure_state_refresh_fkey REFERENCES medalliance.refresh_log (refresh_id),
    CONSTRAINT qc_measure_state_pkey PRIMARY KEY (institution_id, period_start, measure_code)
);
CREATE INDEX qc_measure_state_period_idx ON medalliance.qc_measure_state (period_start, measure_code);
COMMENT ON TABLE medalliance.qc_measure_state IS
    '质量指标状态 stored measure states: per institution, month and catalogued measure, the rate (numerator/denominator) of quality_measure. Quarters and years merge them with rate_agg(rate). Written only by refresh_qc().';
COMMENT ON COLUMN medalliance.qc_measure_state.institution_id IS '机构 the institution.';
COMMENT ON COLUMN medalliance.qc_measure_state.period_start IS '月份 the month (first day).';
COMMENT ON COLUMN medalliance.qc_measure_state.measure_code IS '质量指标 the measure.';
COMMENT ON COLUMN medalliance.qc_measure_state.state IS '比率状态 numerator/denominator of the month.';
COMMENT ON COLUMN medalliance.qc_measure_state.refresh_id IS '刷新编号 the refresh that wrote the row.';

-- Summary rows per grain, merged from the month states by the refresh ------------

CREATE TABLE medalliance.qc_member_measure (
    scheme_code    text NOT NULL
        CONSTRAINT qc_member_measure_scheme_fkey REFERENCES medalliance.qc_setting (scheme_code) ON DELETE CASCADE,
    alliance_id    integer NOT NULL,
    institution_id integer NOT NULL,
    period_start   date NOT NULL,
    grain          text NOT NULL
        CONSTRAINT qc_member_measure_grain_check CHECK (grain IN ('month', 'quarter', 'year')),
    measure_code   text NOT NULL,
    state          medalliance.rate,
    points         double precision,
    weight         double precision NOT NULL,
    reason         text,
    refresh_id     bigint NOT NULL
        CONSTRAINT qc_member_measure_refresh_fkey REFERENCES medalliance.refresh_log (refresh_id),
    CONSTRAINT qc_member_measure_pkey PRIMARY KEY (scheme_code, alliance_id, institution_id, grain, period_start, measure_code),
    CONSTRAINT qc_member_measure_reason_check CHECK ((points IS NULL) = (reason IS NOT NULL))
);
CREATE INDEX qc_member_measure_period_idx ON medalliance.qc_member_measure (grain, period_start);
COMMENT ON TABLE medalliance.qc_member_measure IS
    '成员指标得分 per scheme, alliance, member, period and measure of the scheme: the rate merged from the months (rate_agg) and its points 0–100, or not assessed with the reason. Written only by refresh_qc().';
COMMENT ON COLUMN medalliance.qc_member_measure.scheme_code IS '方案 the QC scheme.';
COMMENT ON COLUMN medalliance.qc_member_measure.alliance_id IS '医联体 the alliance.';
COMMENT ON COLUMN medalliance.qc_member_measure.institution_id IS '成员机构 the member.';
COMMENT ON COLUMN medalliance.qc_member_measure.period_start IS '期间起始 first day of the period.';
COMMENT ON COLUMN medalliance.qc_member_measure.grain IS '期间粒度 month, quarter or year.';
COMMENT ON COLUMN medalliance.qc_member_measure.measure_code IS '质量指标 the measure.';
COMMENT ON COLUMN medalliance.qc_member_measure.state IS '比率状态 Σ numerators / Σ denominators over the months the member was scored; NULL without data.';
COMMENT ON COLUMN medalliance.qc_member_measure.points IS '得分 0–100 by the measure''s rule; NULL when not assessed.';
COMMENT ON COLUMN medalliance.qc_member_measure.weight IS '权重 the measure''s weight in the scheme.';
COMMENT ON COLUMN medalliance.qc_member_measure.reason IS '未评估原因 no data, or a denominator below the scheme''s minimum.';
COMMENT ON COLUMN medalliance.qc_member_measure.refresh_id IS '刷新编号 the refresh that wrote the row.';

CREATE TABLE medalliance.qc_member_score (
    scheme_code             text NOT NULL
        CONSTRAINT qc_member_score_scheme_fkey REFERENCES medalliance.qc_setting (scheme_code) ON DELETE CASCADE,
    alliance_id             integer NOT NULL,
    institution_id          integer NOT NULL,
    period_start            date NOT NULL,
    grain                   text NOT NULL
        CONSTRAINT qc_member_score_grain_check CHECK (grain IN ('month', 'quarter', 'year')),
    months                  integer NOT NULL,
    is_lead                 boolean NOT NULL,
    member_volume           bigint NOT NULL,
    inspection_score        double precision,
    items_inspected         integer NOT NULL,
    items_total             integer NOT NULL,
    measure_score           double precision,
    measures_assessed       integer NOT NULL,
    measures_total          integer NOT NULL,
    inspection_weight_used  double precision,
    measure_weight_used     double precision,
    total_score             double precision,
    coverage                double precision NOT NULL,
    grade                   text,
    refresh_id              bigint NOT NULL
        CONSTRAINT qc_member_score_refresh_fkey REFERENCES medalliance.refresh_log (refresh_id),
    CONSTRAINT qc_member_score_pkey PRIMARY KEY (scheme_code, alliance_id, institution_id, grain, period_start)
);
CREATE INDEX qc_member_score_period_idx ON medalliance.qc_member_score (grain, period_start);
COMMENT ON TABLE medalliance.qc_member_score IS
    '成员质控得分 per scheme, alliance, member and period (month, quarter, year): the inspection, measure and total scores merged from the month states. Written only by refresh_qc(); read by qc_member and qc_alliance.';
COMMENT ON COLUMN medalliance.qc_member_score.scheme_code IS '方案 the QC scheme.';
COMMENT ON COLUMN medalliance.qc_member_score.alliance_id IS '医联体 the alliance.';
COMMENT ON COLUMN medalliance.qc_member_score.institution_id IS '成员机构 the member.';
COMMENT ON COLUMN medalliance.qc_member_score.period_start IS '期间起始 first day of the period.';
COMMENT ON COLUMN medalliance.qc_member_score.grain IS '期间粒度 month, quarter or year.';
COMMENT ON COLUMN medalliance.qc_member_score.months IS '月数 months of the period in which the member was scored.';
COMMENT ON COLUMN medalliance.qc_member_score.is_lead IS '牵头单位 true for the lead institution.';
COMMENT ON COLUMN medalliance.qc_member_score.member_volume IS '诊疗量 encounters in the period.';
COMMENT ON COLUMN medalliance.qc_member_score.inspection_score IS '检查得分 0–100; NULL when no item was inspected.';
COMMENT ON COLUMN medalliance.qc_member_score.items_inspected IS '受检项目数 items of the scheme inspected in the period.';
COMMENT ON COLUMN medalliance.qc_member_score.items_total IS '检查项目数 items in the scheme.';
COMMENT ON COLUMN medalliance.qc_member_score.measure_score IS '指标得分 0–100; NULL when no measure was assessed.';
COMMENT ON COLUMN medalliance.qc_member_score.measures_assessed IS '评估指标数 measures assessed.';
COMMENT ON COLUMN medalliance.qc_member_score.measures_total IS '指标数 measures in the scheme.';
COMMENT ON COLUMN medalliance.qc_member_score.inspection_weight_used IS '检查权重(实际) the inspection part''s weight after renormalisation; NULL when not assessed.';
COMMENT ON COLUMN medalliance.qc_member_score.measure_weight_used IS '指标权重(实际) the measure part''s weight after renormalisation; NULL when not assessed.';
COMMENT ON COLUMN medalliance.qc_member_score.total_score IS '质控总分 0–100; NULL when neither part was assessed.';
COMMENT ON COLUMN medalliance.qc_member_score.coverage IS '覆盖率 fraction 0–1 of the scheme''s weight assessed.';
COMMENT ON COLUMN medalliance.qc_member_score.grade IS '等级 from qc_grade by the total.';
COMMENT ON COLUMN medalliance.qc_member_score.refresh_id IS '刷新编号 the refresh that wrote the row.';

CREATE TABLE medalliance.qc_funnel_point (
    measure_code   text NOT NULL,
    peer_group     text NOT NULL
        CONSTRAINT qc_funnel_point_peer_check CHECK (peer_group IN ('hospital', 'primary_care')),
    institution_id integer NOT NULL,
    period_start   date NOT NULL,
    grain          text NOT NULL
        CONSTRAINT qc_funnel_point_grain_check CHECK (grain IN ('month', 'quarter', 'year')),
    numerator      bigint NOT NULL,
    denominator    bigint NOT NULL,
    point          medalliance.funnel_point NOT NULL,
    point_adjusted medalliance.funnel_point NOT NULL,
    refresh_id     bigint NOT NULL
        CONSTRAINT qc_funnel_point_refresh_fkey REFERENCES medalliance.refresh_log (refresh_id),
    CONSTRAINT qc_funnel_point_pkey PRIMARY KEY (measure_code, grain, period_start, institution_id)
);
CREATE INDEX qc_funnel_point_period_idx ON medalliance.qc_funnel_point (grain, period_start);
COMMENT ON TABLE medalliance.qc_funnel_point IS
    '漏斗图点 per measure, period and institution with data: the merged counts and the funnel() result against its peer group (hospitals or primary care), with exact limits (point) and with the over-dispersion adjustment (point_adjusted). Written only by refresh_qc().';
COMMENT ON COLUMN medalliance.qc_funnel_point.measure_code IS '质量指标 the measure.';
COMMENT ON COLUMN medalliance.qc_funnel_point.peer_group IS '比较组 hospital or primary_care: units are compared with their peers.';
COMMENT ON COLUMN medalliance.qc_funnel_point.institution_id IS '机构 the institution.';
COMMENT ON COLUMN medalliance.qc_funnel_point.period_start IS '期间起始 first day of the period.';
COMMENT ON COLUMN medalliance.qc_funnel_point.grain IS '期间粒度 month, quarter or year.';
COMMENT ON COLUMN medalliance.qc_funnel_point.numerator IS '分子 merged numerator.';
COMMENT ON COLUMN medalliance.qc_funnel_point.denominator IS '分母 merged denominator.';
COMMENT ON COLUMN medalliance.qc_funnel_point.point IS '漏斗图点位 funnel() with exact binomial limits (95%, 99.8%).';
COMMENT ON COLUMN medalliance.qc_funnel_point.point_adjusted IS '校正点位 funnel() with the multiplicative over-dispersion adjustment.';
COMMENT ON COLUMN medalliance.qc_funnel_point.refresh_id IS '刷新编号 the refresh that wrote the row.';

SELECT pg_catalog.pg_extension_config_dump('medalliance.qc_member_month', '');
SELECT pg_catalog.pg_extension_config_dump('medalliance.qc_item_state', '');
SELECT pg_catalog.pg_extension_config_dump('medalliance.qc_measure_state', '');
SELECT pg_catalog.pg_extension_config_dump('medalliance.qc_member_measure', '');
SELECT pg_catalog.pg_extension_config_dump('medalliance.qc_member_score', '');
SELECT pg_catalog.pg_extension_config_dump('medalliance.qc_funnel_point', '');

-- Refresh -------------------------------------------------------------------------

-- Stand-in for the shared refresh machinery of main (sql/20_refresh_machinery.sql):
-- same signatures; to be deleted when main is merged.
CREATE FUNCTION medalliance.refresh_begin(layer text, period_from date, period_to date,
                                          OUT refresh_id bigint, OUT month_from date, OUT month_to date)
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SECURITY INVOKER
SET search_path = pg_catalog, medalliance, pg_temp
AS $$
BEGIN
    PERFORM medalliance.check_refresh_period(format('refresh of layer %s', layer), period_from, period_to);
    PERFORM pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtext('medalliance.refresh'));
    month_from := date_trunc('month', period_from)::date;
    month_to := date_trunc('month', period_to)::date;
    INSERT INTO medalliance.refresh_log (layer, period_from, period_to)
    VALUES (layer, month_from, month_to) RETURNING refresh_log.refresh_id INTO refresh_begin.refresh_id;
END
$$;
COMMENT ON FUNCTION medalliance.refresh_begin(text, date, date) IS
    '刷新开始 Checks the period (22004 missing bound, 22023 empty or unbounded), takes the refresh lock, truncates both ends to the first of the month and inserts the refresh_log row of the layer.';

CREATE FUNCTION medalliance.refresh_finish(refresh_id bigint, rows_written bigint, details jsonb DEFAULT NULL)
RETURNS bigint
LANGUAGE sql VOLATILE PARALLEL UNSAFE SECURITY INVOKER
SET search_path = pg_catalog, medalliance, pg_temp
AS $$
    UPDATE medalliance.refresh_log l
    SET finished_at = pg_catalog.clock_timestamp(), rows_written = refresh_finish.rows_written,
        details = refresh_finish.details
    WHERE l.refresh_id = refresh_finish.refresh_id
    RETURNING l.refresh_id
$$;
COMMENT ON FUNCTION medalliance.refresh_finish(bigint, bigint, jsonb) IS
    '刷新结束 Stamps finished_at, rows_written and details on a refresh_log row; returns its refresh_id.';

-- refresh_qc(period_from, period_to[, scheme_codes]): recompute the month
-- states of the months from period_from to period_to (inclusive, any day of
-- the month) for every QC scheme with settings, or the ones named; then the
-- summary rows (member measures, member scores, funnel points) of every
-- month, quarter and year that overlaps those months, merged from the
-- stored month states.  Other months are not touched.
CREATE FUNCTION medalliance.refresh_qc(period_from date, period_to date, scheme_codes text[] DEFAULT NULL)
RETURNS bigint
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SECURITY INVOKER
SET search_path = pg_catalog, medalliance, pg_temp
AS $$
DECLARE
    begun      record;
    log_id     bigint;
    month_from date;
    month_to   date;
    range_end  date;
    schemes    text[];
    unknown    text;
    n_members  bigint;
    n_items    bigint;
    n_measures bigint;
    n_scores   bigint;
    n_funnel   bigint;
    unread     jsonb;
BEGIN
    SELECT string_agg(coalesce(c, 'NULL'), ', ') INTO unknown
    FROM unnest(scheme_codes) c
    WHERE c IS NULL OR NOT EXISTS (SELECT FROM medalliance.qc_setting s WHERE s.scheme_code = c);
    IF unknown IS NOT NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
            MESSAGE = format('unknown QC scheme(s) or scheme(s) without settings: %s', unknown),
            HINT = 'The QC schemes are the rows of medalliance.qc_setting.';
    END IF;
    SELECT * INTO begun FROM medalliance.refresh_begin('qc', period_from, period_to);
    log_id := begun.refresh_id;
    month_from := begun.month_from;
    month_to := begun.month_to;
    range_end := (month_to + interval '1 month')::date;
    schemes := coalesce(scheme_codes, ARRAY(SELECT s.scheme_code FROM medalliance.qc_setting s ORDER BY 1));

    DELETE FROM medalliance.qc_member_month s
    WHERE s.period_start BETWEEN month_from AND month_to AND s.scheme_code = ANY (schemes);
    DELETE FROM medalliance.qc_item_state s
    WHERE s.period_start BETWEEN month_from AND month_to AND s.scheme_code = ANY (schemes);
    DELETE FROM medalliance.qc_measure_state s WHERE s.period_start BETWEEN month_from AND month_to;

    IF to_regclass('pg_temp.qc_refresh_period') IS NOT NULL THEN
        DROP TABLE pg_temp.qc_refresh_period;
    END IF;
    IF to_regclass('pg_temp.qc_refresh_mp') IS NOT NULL THEN
        DROP TABLE pg_temp.qc_refresh_mp;
    END IF;

    -- who is scored, each month
    INSERT INTO medalliance.qc_member_month
        (scheme_code, alliance_id, institution_id, period_start, is_lead, member_volume, refresh_id)
    SELECT DISTINCT ON (st.scheme_code, a.alliance_id, ms.institution_id, m.month)
           st.scheme_code, a.alliance_id, ms.institution_id, m.month,
           a.lead_institution_id = ms.institution_id, coalesce(v.encounters, 0), log_id
    FROM medalliance.qc_setting st
    CROSS JOIN (SELECT g::date AS month FROM generate_series(month_from, month_to, interval '1 month') g) m
    JOIN medalliance.alliance a
      ON a.alliance_kind = ANY (st.alliance_kinds)
     AND (a.formed_on IS NULL OR a.formed_on < (m.month + interval '1 month')::date)
     AND (a.dissolved_on IS NULL OR a.dissolved_on > m.month)
    JOIN medalliance.membership ms
      ON ms.alliance_id = a.alliance_id
     AND ms.valid_from < (m.month + interval '1 month')::date
     AND (ms.valid_to IS NULL OR ms.valid_to > m.month)
    JOIN medalliance.institution i
      ON i.institution_id = ms.institution_id AND i.institution_level = ANY (st.member_levels)
    LEFT JOIN (
        SELECT e.institution_id, date_trunc('month', e.encounter_date)::date AS month, count(*) AS encounters
        FROM medalliance.encounter e
        WHERE e.encounter_date >= month_from AND e.encounter_date < range_end
        GROUP BY 1, 2
    ) v ON v.institution_id = ms.institution_id AND v.month = m.month
    WHERE st.scheme_code = ANY (schemes);
    GET DIAGNOSTICS n_members = ROW_COUNT;

    -- inspection states: per scheme item and month, the capped, rescaled deductions
    INSERT INTO medalliance.qc_item_state
        (scheme_code, institution_id, period_start, item_code, inspections, full_points, points_kept, refresh_id)
    SELECT si.scheme_code, q.institution_id, date_trunc('month', q.inspected_on)::date, q.item_code,
           count(*), sum(si.full_points),
           medalliance.deduction_score(si.full_points,
                                       q.deducted_points::double precision * si.full_points / q.max_points::double precision,
                                       si.cap_points),
           log_id
    FROM medalliance.qc_inspection q
    JOIN medalliance.qc_scheme_item si ON si.item_code = q.item_code AND si.scheme_code = ANY (schemes)
    WHERE q.inspected_on >= month_from AND q.inspected_on < range_end
      AND EXISTS (SELECT FROM medalliance.qc_member_month mm
                  WHERE mm.scheme_code = si.scheme_code AND mm.institution_id = q.institution_id
                    AND mm.period_start = date_trunc('month', q.inspected_on)::date)
    GROUP BY 1, 2, 3, 4;
    GET DIAGNOSTICS n_items = ROW_COUNT;
    ANALYZE medalliance.qc_item_state;

    -- measure states: the catalogued proportions, per institution and month
    INSERT INTO medalliance.qc_measure_state (institution_id, period_start, measure_code, state, refresh_id)
    SELECT qm.institution_id, qm.period_start, qm.measure_code,
           medalliance.rate(qm.numerator::bigint, qm.denominator::bigint), log_id
    FROM medalliance.quality_measure qm
    JOIN medalliance.qc_measure c ON c.measure_code = qm.measure_code
    WHERE qm.is_proportion AND qm.period_start BETWEEN month_from AND month_to;
    GET DIAGNOSTICS n_measures = ROW_COUNT;
    ANALYZE medalliance.qc_measure_state;

    -- the periods whose summaries change: the months, and the quarters and years they touch
    CREATE TEMP TABLE qc_refresh_period ON COMMIT DROP AS
    SELECT DISTINCT g.grain, date_trunc(g.grain, m.month)::date AS period_start,
           (date_trunc(g.grain, m.month) + g.length)::date AS period_end
    FROM (SELECT gs::date AS month FROM generate_series(month_from, month_to, interval '1 month') gs) m
    CROSS JOIN (VALUES ('month', interval '1 month'), ('quarter', interval '3 months'), ('year', interval '1 year'))
        AS g(grain, length);

    DELETE FROM medalliance.qc_member_measure x USING qc_refresh_period p
    WHERE x.grain = p.grain AND x.period_start = p.period_start AND x.scheme_code = ANY (schemes);
    DELETE FROM medalliance.qc_member_score x USING qc_refresh_period p
    WHERE x.grain = p.grain AND x.period_start = p.period_start AND x.scheme_code = ANY (schemes);
    DELETE FROM medalliance.qc_funnel_point x USING qc_refresh_period p
    WHERE x.grain = p.grain AND x.period_start = p.period_start;

    -- members per period: the months in which they were scored
    CREATE TEMP TABLE qc_refresh_mp ON COMMIT DROP AS
    SELECT mm.scheme_code, mm.alliance_id, mm.institution_id, p.grain, p.period_start, p.period_end,
           count(*)::integer AS months, bool_or(mm.is_lead) AS is_lead, sum(mm.member_volume)::bigint AS member_volume
    FROM medalliance.qc_member_month mm
    JOIN qc_refresh_period p ON mm.period_start >= p.period_start AND mm.period_start < p.period_end
    WHERE mm.scheme_code = ANY (schemes)
    GROUP BY 1, 2, 3, 4, 5, 6;
    ANALYZE qc_refresh_mp;

    ANALYZE medalliance.qc_member_month;

    INSERT INTO medalliance.qc_member_measure
        (scheme_code, alliance_id, institution_id, period_start, grain, measure_code, state, points, weight, reason, refresh_id)
    WITH merged AS (
        -- the measure states of the months the member was scored, merged (never a mean of rates)
        SELECT mp.scheme_code, mp.alliance_id, mp.institution_id, mp.grain, mp.period_start, s.measure_code,
               medalliance.rate_agg(s.state) AS state
        FROM qc_refresh_mp mp
        JOIN medalliance.qc_member_month mm
          ON mm.scheme_code = mp.scheme_code AND mm.alliance_id = mp.alliance_id AND mm.institution_id = mp.institution_id
         AND mm.period_start >= mp.period_start AND mm.period_start < mp.period_end
        JOIN medalliance.qc_measure_state s ON s.institution_id = mm.institution_id AND s.period_start = mm.period_start
        GROUP BY 1, 2, 3, 4, 5, 6
    )
    SELECT mp.scheme_code, mp.alliance_id, mp.institution_id, mp.period_start, mp.grain, sm.measure_code, ms.state,
           CASE WHEN ms.state IS NULL OR medalliance.denominator(ms.state) < st.min_denominator THEN NULL
                WHEN sm.rule_code = 'linear'
                THEN medalliance.score_linear(100 * medalliance.value(ms.state), sm.floor_pct, sm.target_pct, 100)
                WHEN sm.rule_code = 'threshold'
                THEN medalliance.score_threshold(100 * medalliance.value(ms.state), sm.target_pct, 100, m.higher_is_better)
           END,
           sm.weight,
           CASE WHEN ms.state IS NULL OR medalliance.denominator(ms.state) = 0 THEN 'no data'
                WHEN medalliance.denominator(ms.state) < st.min_denominator
                THEN format('denominator %s below the minimum %s', medalliance.denominator(ms.state), st.min_denominator)
           END,
           log_id
    FROM qc_refresh_mp mp
    JOIN medalliance.qc_setting st ON st.scheme_code = mp.scheme_code
    JOIN medalliance.qc_scheme_measure sm ON sm.scheme_code = mp.scheme_code
    JOIN medalliance.qc_measure m ON m.measure_code = sm.measure_code
    LEFT JOIN merged ms
      ON ms.scheme_code = mp.scheme_code AND ms.alliance_id = mp.alliance_id AND ms.institution_id = mp.institution_id
     AND ms.grain = mp.grain AND ms.period_start = mp.period_start AND ms.measure_code = sm.measure_code;
    ANALYZE medalliance.qc_member_measure;

    INSERT INTO medalliance.qc_member_score
        (scheme_code, alliance_id, institution_id, period_start, grain, months, is_lead, member_volume,
         inspection_score, items_inspected, items_total, measure_score, measures_assessed, measures_total,
         inspection_weight_used, measure_weight_used, total_score, coverage, grade, refresh_id)
    WITH insp AS (
        SELECT mp.scheme_code, mp.alliance_id, mp.institution_id, mp.grain, mp.period_start,
               100 * sum(i.points_kept) / sum(i.full_points) AS inspection_score,
               count(DISTINCT i.item_code)::integer AS items_inspected
        FROM qc_refresh_mp mp
        JOIN medalliance.qc_member_month mm
          ON mm.scheme_code = mp.scheme_code AND mm.alliance_id = mp.alliance_id AND mm.institution_id = mp.institution_id
         AND mm.period_start >= mp.period_start AND mm.period_start < mp.period_end
        JOIN medalliance.qc_item_state i
          ON i.scheme_code = mm.scheme_code AND i.institution_id = mm.institution_id AND i.period_start = mm.period_start
        GROUP BY 1, 2, 3, 4, 5
    ), meas AS (
        SELECT x.scheme_code, x.alliance_id, x.institution_id, x.grain, x.period_start,
               sum(x.weight * x.points) FILTER (WHERE x.points IS NOT NULL)
                 / nullif(sum(x.weight) FILTER (WHERE x.points IS NOT NULL), 0) AS measure_score,
               count(x.points)::integer AS measures_assessed, count(*)::integer AS measures_total,
               coalesce(sum(x.weight) FILTER (WHERE x.points IS NOT NULL), 0) AS measure_weight_assessed,
               sum(x.weight) AS measure_weight_total
        FROM medalliance.qc_member_measure x
        WHERE x.refresh_id = log_id
        GROUP BY 1, 2, 3, 4, 5
    ), items AS (
        SELECT si.scheme_code, count(*)::integer AS items_total FROM medalliance.qc_scheme_item si GROUP BY 1
    ), y AS (
        SELECT mp.scheme_code, mp.alliance_id, mp.institution_id, mp.grain, mp.period_start, mp.months, mp.is_lead,
               mp.member_volume, st.inspection_weight,
               insp.inspection_score, coalesce(insp.items_inspected, 0) AS items_inspected,
               coalesce(items.items_total, 0) AS items_total,
               meas.measure_score, coalesce(meas.measures_assessed, 0) AS measures_assessed,
               coalesce(meas.measures_total, 0) AS measures_total,
               meas.measure_weight_assessed, meas.measure_weight_total,
               CASE WHEN insp.inspection_score IS NOT NULL THEN st.inspection_weight ELSE 0 END AS w_i,
               CASE WHEN meas.measure_score IS NOT NULL THEN 1 - st.inspection_weight ELSE 0 END AS w_m
        FROM qc_refresh_mp mp
        JOIN medalliance.qc_setting st ON st.scheme_code = mp.scheme_code
        LEFT JOIN items ON items.scheme_code = mp.scheme_code
        LEFT JOIN insp
          ON insp.scheme_code = mp.scheme_code AND insp.alliance_id = mp.alliance_id
         AND insp.institution_id = mp.institution_id AND insp.grain = mp.grain AND insp.period_start = mp.period_start
        LEFT JOIN meas
          ON meas.scheme_code = mp.scheme_code AND meas.alliance_id = mp.alliance_id
         AND meas.institution_id = mp.institution_id AND meas.grain = mp.grain AND meas.period_start = mp.period_start
    ), x AS (
        SELECT y.*,
               (y.w_i * coalesce(y.inspection_score, 0) + y.w_m * coalesce(y.measure_score, 0)) / nullif(y.w_i + y.w_m, 0) AS total
        FROM y
    )
    SELECT x.scheme_code, x.alliance_id, x.institution_id, x.period_start, x.grain, x.months, x.is_lead, x.member_volume,
           x.inspection_score, x.items_inspected, x.items_total, x.measure_score, x.measures_assessed, x.measures_total,
           CASE WHEN x.inspection_score IS NOT NULL THEN x.w_i / nullif(x.w_i + x.w_m, 0) END,
           CASE WHEN x.measure_score IS NOT NULL THEN x.w_m / nullif(x.w_i + x.w_m, 0) END,
           x.total,
           x.inspection_weight * (x.inspection_score IS NOT NULL)::integer
             + (1 - x.inspection_weight) * coalesce(x.measure_weight_assessed / nullif(x.measure_weight_total, 0), 0),
           (SELECT g.grade FROM medalliance.qc_grade g
            WHERE g.scheme_code = x.scheme_code AND g.min_score <= x.total ORDER BY g.min_score DESC LIMIT 1),
           log_id
    FROM x;
    GET DIAGNOSTICS n_scores = ROW_COUNT;

    -- funnel points: every institution with data, against its peers
    INSERT INTO medalliance.qc_funnel_point
        (measure_code, peer_group, institution_id, period_start, grain, numerator, denominator, point, point_adjusted, refresh_id)
    SELECT f.measure_code, f.peer_group, f.institution_id, f.period_start, f.grain, f.num, f.den,
           medalliance.funnel(f.num, f.den) OVER w,
           medalliance.funnel(f.num, f.den, 0.95, 0.998, true) OVER w,
           log_id
    FROM (
        SELECT s.measure_code, CASE WHEN i.is_primary THEN 'primary_care' ELSE 'hospital' END AS peer_group,
               s.institution_id, p.grain, p.period_start,
               sum(medalliance.numerator(s.state))::bigint AS num, sum(medalliance.denominator(s.state))::bigint AS den
        FROM medalliance.qc_measure_state s
        JOIN qc_refresh_period p ON s.period_start >= p.period_start AND s.period_start < p.period_end
        JOIN medalliance.institution i ON i.institution_id = s.institution_id
        GROUP BY 1, 2, 3, 4, 5
    ) f
    WHERE f.den > 0
    WINDOW w AS (PARTITION BY f.measure_code, f.peer_group, f.grain, f.period_start);
    GET DIAGNOSTICS n_funnel = ROW_COUNT;

    -- what the refresh did not read: inspection items and measures outside the catalogue
    SELECT jsonb_build_object(
               'inspection_items', coalesce((SELECT jsonb_object_agg(x.item_code, x.n) FROM (
                   SELECT q.item_code, count(*) AS n FROM medalliance.qc_inspection q
                   WHERE q.inspected_on >= month_from AND q.inspected_on < range_end
                     AND NOT EXISTS (SELECT FROM medalliance.qc_scheme_item si
                                     WHERE si.item_code = q.item_code AND si.scheme_code = ANY (schemes))
                   GROUP BY 1) x), '{}'),
               'measures', coalesce((SELECT jsonb_object_agg(x.measure_code, x.n) FROM (
                   SELECT qm.measure_code, count(*) AS n FROM medalliance.quality_measure qm
                   WHERE qm.period_start BETWEEN month_from AND month_to
                     AND (NOT qm.is_proportion OR NOT EXISTS (SELECT FROM medalliance.qc_measure c
                                                                WHERE c.measure_code = qm.measure_code))
                   GROUP BY 1) x), '{}'))
    INTO unread;

    RETURN medalliance.refresh_finish(log_id, n_members + n_items + n_measures,
        jsonb_build_object('schemes', to_jsonb(schemes), 'member_months', n_members, 'item_states', n_items,
                           'measure_states', n_measures, 'member_scores', n_scores, 'funnel_points', n_funnel,
                           'rows_not_read', unread));
END
$$;
COMMENT ON FUNCTION medalliance.refresh_qc(date, date, text[]) IS
    '刷新质控 Recomputes the QC month states (members scored, inspection item states, measure states) of the months from period_from to period_to (inclusive), for all QC schemes with settings or the ones named, then the member measure scores, member scores and funnel points of every month, quarter and year overlapping them, merged from the stored months. Logs into refresh_log (layer qc), including warehouse rows no scheme read; returns the refresh_id.';
REVOKE EXECUTE ON FUNCTION medalliance.refresh_qc(date, date, text[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION medalliance.refresh_qc(date, date, text[]) TO medalliance_admin;

-- Views for BI tools (read only stored rows) -------------------------------------

CREATE VIEW medalliance.qc_member AS
SELECT s.scheme_code, s.alliance_id, a.alliance_name, s.institution_id, i.institution_name, i.institution_level,
       s.is_lead, s.period_start, s.grain, s.months,
       s.inspection_score, s.items_inspected, s.items_total,
       s.measure_score, s.measures_assessed, s.measures_total,
       s.inspection_weight_used, s.measure_weight_used,
       s.total_score, 100 * s.coverage AS coverage_pct, s.grade,
       CASE WHEN s.total_score IS NULL THEN 'not_assessable' ELSE 'assessed' END AS status,
       CASE WHEN s.total_score IS NULL THEN 'no inspection and no measure with enough data in the period' END AS reason,
       s.member_volume
FROM medalliance.qc_member_score s
JOIN medalliance.alliance a ON a.alliance_id = s.alliance_id
JOIN medalliance.institution i ON i.institution_id = s.institution_id;
COMMENT ON VIEW medalliance.qc_member IS
    '成员质控得分 QC scores of each member per scheme and period (month, quarter, year), from the stored summaries of refresh_qc(): inspection part, measure part, total (scores 0–100), the weights used after renormalisation, coverage (percent 0–100) and grade.';
COMMENT ON COLUMN medalliance.qc_member.scheme_code IS '方案 the QC scheme.';
COMMENT ON COLUMN medalliance.qc_member.alliance_id IS '医联体编号 the alliance.';
COMMENT ON COLUMN medalliance.qc_member.alliance_name IS '医联体名称 the alliance''s name.';
COMMENT ON COLUMN medalliance.qc_member.institution_id IS '成员机构编号 the member.';
COMMENT ON COLUMN medalliance.qc_member.institution_name IS '成员机构名称 the member''s name.';
COMMENT ON COLUMN medalliance.qc_member.institution_level IS '机构层级 the member''s level.';
COMMENT ON COLUMN medalliance.qc_member.is_lead IS '牵头单位 true for the lead institution.';
COMMENT ON COLUMN medalliance.qc_member.period_start IS '期间起始 first day of the period.';
COMMENT ON COLUMN medalliance.qc_member.grain IS '期间粒度 month, quarter or year.';
COMMENT ON COLUMN medalliance.qc_member.months IS '月数 months of the period in which the member was scored.';
COMMENT ON COLUMN medalliance.qc_member.inspection_score IS '检查得分 score 0–100: 100·Σ points kept / Σ full points over the items inspected; NULL when none was.';
COMMENT ON COLUMN medalliance.qc_member.items_inspected IS '受检项目数 items of the scheme inspected in the period.';
COMMENT ON COLUMN medalliance.qc_member.items_total IS '检查项目数 items in the scheme.';
COMMENT ON COLUMN medalliance.qc_member.measure_score IS '指标得分 score 0–100: Σ w·points / Σ w over the measures assessed; NULL when none was.';
COMMENT ON COLUMN medalliance.qc_member.measures_assessed IS '评估指标数 measures with enough data (denominator >= the minimum).';
COMMENT ON COLUMN medalliance.qc_member.measures_total IS '指标数 measures in the scheme.';
COMMENT ON COLUMN medalliance.qc_member.inspection_weight_used IS '检查权重(实际) weight 0–1 of the inspection part in the total after renormalisation; NULL when not assessed.';
COMMENT ON COLUMN medalliance.qc_member.measure_weight_used IS '指标权重(实际) weight 0–1 of the measure part after renormalisation; NULL when not assessed.';
COMMENT ON COLUMN medalliance.qc_member.total_score IS '质控总分 score 0–100; NULL when not assessable.';
COMMENT ON COLUMN medalliance.qc_member.coverage_pct IS '覆盖率 percent 0–100 of the scheme''s weight assessed (inspection part, and the measures'' weights).';
COMMENT ON COLUMN medalliance.qc_member.grade IS '等级 the grade of the total (qc_grade).';
COMMENT ON COLUMN medalliance.qc_member.status IS '状态 assessed or not_assessable.';
COMMENT ON COLUMN medalliance.qc_member.reason IS '原因 why the member is not_assessable.';
COMMENT ON COLUMN medalliance.qc_member.member_volume IS '诊疗量 encounters at the member in the period (its weight under volume weighting).';

CREATE VIEW medalliance.qc_alliance AS
WITH members AS (
    SELECT s.scheme_code, s.alliance_id, s.period_start, s.grain,
           count(*)::integer AS members,
           count(s.total_score)::integer AS members_scored,
           avg(s.total_score) AS equal_weighted_score,
           sum(s.member_volume * s.total_score) FILTER (WHERE s.total_score IS NOT NULL)
               / nullif(sum(s.member_volume) FILTER (WHERE s.total_score IS NOT NULL), 0) AS volume_weighted_score,
           medalliance.dispersion(s.total_score) AS d,
           medalliance.gini(s.total_score) AS gini,
           max(s.total_score) FILTER (WHERE s.is_lead) AS lead_score,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY s.total_score) FILTER (WHERE NOT s.is_lead) AS median_member_score,
           sum(s.coverage * s.member_volume) / nullif(sum(s.member_volume), 0) AS volume_coverage,
           avg(s.coverage) AS equal_coverage
    FROM medalliance.qc_member_score s
    GROUP BY s.scheme_code, s.alliance_id, s.period_start, s.grain
)
SELECT m.scheme_code, m.alliance_id, a.alliance_name, a.alliance_kind, m.period_start, m.grain,
       st.member_weighting,
       CASE st.member_weighting WHEN 'volume' THEN m.volume_weighted_score ELSE m.equal_weighted_score END AS score,
       m.volume_weighted_score, m.equal_weighted_score,
       (SELECT g.grade FROM medalliance.qc_grade g
        WHERE g.scheme_code = m.scheme_code
          AND g.min_score <= CASE st.member_weighting WHEN 'volume' THEN m.volume_weighted_score ELSE m.equal_weighted_score END
        ORDER BY g.min_score DESC LIMIT 1) AS grade,
       m.members, m.members_scored,
       (m.d).mean AS mean_member_score, (m.d).sd AS sd_member_score, (m.d).cv AS cv,
       100 * (1 - (m.d).cv) AS homogeneity_index,
       m.gini, (m.d).min AS min_member_score, (m.d).max AS max_member_score, (m.d).max_min_ratio,
       m.lead_score, m.median_member_score, m.lead_score - m.median_member_score AS lead_member_gap,
       100 * CASE st.member_weighting WHEN 'volume' THEN coalesce(m.volume_coverage, m.equal_coverage)
                  ELSE m.equal_coverage END AS coverage_pct
FROM members m
JOIN medalliance.qc_setting st ON st.scheme_code = m.scheme_code
JOIN medalliance.alliance a ON a.alliance_id = m.alliance_id;
COMMENT ON VIEW medalliance.qc_alliance IS
    '医联体质控评价 QC of each alliance per scheme and period, from the stored member scores: the volume-weighted and equal-weighted scores (0–100), the grade of the one the scheme weighs by, and the homogeneity (同质化) of the members'' totals: n, mean, sd, CV, 100·(1 − CV), Gini, min, max, max/min, and the gap between the lead and the median member.';
COMMENT ON COLUMN medalliance.qc_alliance.scheme_code IS '方案 the QC scheme.';
COMMENT ON COLUMN medalliance.qc_alliance.alliance_id IS '医联体编号 the alliance.';
COMMENT ON COLUMN medalliance.qc_alliance.alliance_name IS '医联体名称 the alliance''s name.';
COMMENT ON COLUMN medalliance.qc_alliance.alliance_kind IS '医联体类型 the alliance kind.';
COMMENT ON COLUMN medalliance.qc_alliance.period_start IS '期间起始 first day of the period.';
COMMENT ON COLUMN medalliance.qc_alliance.grain IS '期间粒度 month, quarter or year.';
COMMENT ON COLUMN medalliance.qc_alliance.member_weighting IS '成员权重 volume or equal: which score is the alliance''s (qc_setting).';
COMMENT ON COLUMN medalliance.qc_alliance.score IS '质控得分 score 0–100: volume_weighted_score or equal_weighted_score as the scheme says.';
COMMENT ON COLUMN medalliance.qc_alliance.volume_weighted_score IS '按量加权得分 score 0–100: Σ volume·total / Σ volume over members with a total.';
COMMENT ON COLUMN medalliance.qc_alliance.equal_weighted_score IS '等权得分 score 0–100: mean of the members'' totals.';
COMMENT ON COLUMN medalliance.qc_alliance.grade IS '等级 the grade of score (qc_grade).';
COMMENT ON COLUMN medalliance.qc_alliance.members IS '成员数 members scored under the scheme in the period.';
COMMENT ON COLUMN medalliance.qc_alliance.members_scored IS '有得分成员数 members with a total.';
COMMENT ON COLUMN medalliance.qc_alliance.mean_member_score IS '成员均分 score 0–100: mean of the members'' totals (= equal_weighted_score).';
COMMENT ON COLUMN medalliance.qc_alliance.sd_member_score IS '成员标准差 sample standard deviation of the members'' totals (score points); NULL for one member.';
COMMENT ON COLUMN medalliance.qc_alliance.cv IS '变异系数 sd / mean, a fraction.';
COMMENT ON COLUMN medalliance.qc_alliance.homogeneity_index IS '同质化指数 100·(1 − CV) (indicators.md D1).';
COMMENT ON COLUMN medalliance.qc_alliance.gini IS '基尼系数 Gini coefficient of the members'' totals, 0 (even) to 1.';
COMMENT ON COLUMN medalliance.qc_alliance.min_member_score IS '成员最低分 score 0–100.';
COMMENT ON COLUMN medalliance.qc_alliance.max_member_score IS '成员最高分 score 0–100.';
COMMENT ON COLUMN medalliance.qc_alliance.max_min_ratio IS '极值比 max / min of the members'' totals; NULL when the min is 0.';
COMMENT ON COLUMN medalliance.qc_alliance.lead_score IS '牵头单位得分 score 0–100 of the lead institution (NULL when it is not scored under the scheme).';
COMMENT ON COLUMN medalliance.qc_alliance.median_member_score IS '成员中位数 score 0–100: median of the other members'' totals.';
COMMENT ON COLUMN medalliance.qc_alliance.lead_member_gap IS '牵头—成员差距 lead_score − median_member_score, in score points.';
COMMENT ON COLUMN medalliance.qc_alliance.coverage_pct IS '覆盖率 percent 0–100 of the scheme''s weight assessed, over members (weighted as the score).';

CREATE VIEW medalliance.qc_funnel AS
SELECT f.measure_code, m.name_zh AS measure_name_zh, m.name_en AS measure_name_en, m.higher_is_better,
       f.peer_group, f.institution_id, i.institution_name, i.institution_level,
       f.period_start, f.grain, f.numerator, f.denominator,
       100 * f.numerator::double precision / f.denominator AS rate_pct,
       100 * (f.point).pooled_rate AS pooled_rate_pct, (f.point).units, (f.point).z_score,
       100 * (f.point).inner_lower AS lower_95_pct, 100 * (f.point).inner_upper AS upper_95_pct,
       100 * (f.point).outer_lower AS lower_998_pct, 100 * (f.point).outer_upper AS upper_998_pct,
       (f.point).zone,
       (f.point_adjusted).overdispersion,
       100 * (f.point_adjusted).inner_lower AS adjusted_lower_95_pct, 100 * (f.point_adjusted).inner_upper AS adjusted_upper_95_pct,
       100 * (f.point_adjusted).outer_lower AS adjusted_lower_998_pct, 100 * (f.point_adjusted).outer_upper AS adjusted_upper_998_pct,
       (f.point_adjusted).zone AS adjusted_zone
FROM medalliance.qc_funnel_point f
JOIN medalliance.qc_measure m ON m.measure_code = f.measure_code
JOIN medalliance.institution i ON i.institution_id = f.institution_id;
COMMENT ON VIEW medalliance.qc_funnel IS
    '质量指标漏斗图 funnel plot of each quality measure per period (Spiegelhalter 2005): each institution''s rate against the pooled rate of its peer group (hospitals or primary care), with the exact binomial 95% and 99.8% limits at its denominator, and the limits widened for over-dispersion. Rates and limits in percent 0–100.';
COMMENT ON COLUMN medalliance.qc_funnel.measure_code IS '质量指标 the measure.';
COMMENT ON COLUMN medalliance.qc_funnel.measure_name_zh IS '指标名称 the measure, in Chinese.';
COMMENT ON COLUMN medalliance.qc_funnel.measure_name_en IS '英文名称 the measure, in English.';
COMMENT ON COLUMN medalliance.qc_funnel.higher_is_better IS '方向 true when higher is better: then below_* zones are the alarms.';
COMMENT ON COLUMN medalliance.qc_funnel.peer_group IS '比较组 hospital or primary_care.';
COMMENT ON COLUMN medalliance.qc_funnel.institution_id IS '机构编号 the institution.';
COMMENT ON COLUMN medalliance.qc_funnel.institution_name IS '机构名称 the institution''s name.';
COMMENT ON COLUMN medalliance.qc_funnel.institution_level IS '机构层级 the institution''s level.';
COMMENT ON COLUMN medalliance.qc_funnel.period_start IS '期间起始 first day of the period.';
COMMENT ON COLUMN medalliance.qc_funnel.grain IS '期间粒度 month, quarter or year.';
COMMENT ON COLUMN medalliance.qc_funnel.numerator IS '分子 numerator merged over the period.';
COMMENT ON COLUMN medalliance.qc_funnel.denominator IS '分母 denominator merged over the period (the funnel''s x axis).';
COMMENT ON COLUMN medalliance.qc_funnel.rate_pct IS '比率 percent 0–100.';
COMMENT ON COLUMN medalliance.qc_funnel.pooled_rate_pct IS '合并率 percent 0–100: Σ numerators / Σ denominators of the peer group.';
COMMENT ON COLUMN medalliance.qc_funnel.units IS '单位数 institutions in the peer group.';
COMMENT ON COLUMN medalliance.qc_funnel.z_score IS 'Z值 (rate − pooled)/sqrt(pooled(1 − pooled)/denominator).';
COMMENT ON COLUMN medalliance.qc_funnel.lower_95_pct IS '95%下限 percent 0–100, exact binomial.';
COMMENT ON COLUMN medalliance.qc_funnel.upper_95_pct IS '95%上限 percent 0–100, exact binomial.';
COMMENT ON COLUMN medalliance.qc_funnel.lower_998_pct IS '99.8%下限 percent 0–100, exact binomial.';
COMMENT ON COLUMN medalliance.qc_funnel.upper_998_pct IS '99.8%上限 percent 0–100, exact binomial.';
COMMENT ON COLUMN medalliance.qc_funnel.zone IS '区域 above_outer, above_inner, within, below_inner or below_outer (exact limits).';
COMMENT ON COLUMN medalliance.qc_funnel.overdispersion IS '过度离散系数 φ from the winsorised z-scores of the peer group.';
COMMENT ON COLUMN medalliance.qc_funnel.adjusted_lower_95_pct IS '校正95%下限 percent 0–100: normal limit widened by sqrt(max(φ, 1)).';
COMMENT ON COLUMN medalliance.qc_funnel.adjusted_upper_95_pct IS '校正95%上限 percent 0–100.';
COMMENT ON COLUMN medalliance.qc_funnel.adjusted_lower_998_pct IS '校正99.8%下限 percent 0–100.';
COMMENT ON COLUMN medalliance.qc_funnel.adjusted_upper_998_pct IS '校正99.8%上限 percent 0–100.';
COMMENT ON COLUMN medalliance.qc_funnel.adjusted_zone IS '校正区域 the zone against the over-dispersion-adjusted limits.';

CREATE VIEW medalliance.qc_item_loss AS
WITH periods AS (
    SELECT mm.scheme_code, mm.alliance_id, mm.institution_id, s.item_code, s.inspections, s.full_points, s.points_kept,
           g.grain, date_trunc(g.grain, s.period_start)::date AS period_start
    FROM medalliance.qc_item_state s
    JOIN medalliance.qc_member_month mm
      ON mm.scheme_code = s.scheme_code AND mm.institution_id = s.institution_id AND mm.period_start = s.period_start
    CROSS JOIN (VALUES ('month'), ('quarter'), ('year')) AS g(grain)
)
SELECT p.scheme_code, p.alliance_id, p.institution_id, i.institution_name, p.period_start, p.grain,
       p.item_code, it.name_zh AS item_name_zh, it.name_en AS item_name_en,
       sum(p.inspections)::integer AS inspections,
       sum(p.full_points) AS full_points,
       sum(p.full_points) - sum(p.points_kept) AS points_lost,
       100 * (sum(p.full_points) - sum(p.points_kept)) / sum(p.full_points) AS points_lost_pct
FROM periods p
JOIN medalliance.qc_item it ON it.item_code = p.item_code
JOIN medalliance.institution i ON i.institution_id = p.institution_id
GROUP BY p.scheme_code, p.alliance_id, p.institution_id, i.institution_name, p.period_start, p.grain,
         p.item_code, it.name_zh, it.name_en;
COMMENT ON VIEW medalliance.qc_item_loss IS
    '失分项目 where inspection points were lost: per scheme, alliance, member, period and item, the inspections, the full points and the points lost after caps, from the stored item states.';
COMMENT ON COLUMN medalliance.qc_item_loss.scheme_code IS '方案 the QC scheme.';
COMMENT ON COLUMN medalliance.qc_item_loss.alliance_id IS '医联体编号 the alliance.';
COMMENT ON COLUMN medalliance.qc_item_loss.institution_id IS '成员机构编号 the member.';
COMMENT ON COLUMN medalliance.qc_item_loss.institution_name IS '成员机构名称 the member''s name.';
COMMENT ON COLUMN medalliance.qc_item_loss.period_start IS '期间起始 first day of the period.';
COMMENT ON COLUMN medalliance.qc_item_loss.grain IS '期间粒度 month, quarter or year.';
COMMENT ON COLUMN medalliance.qc_item_loss.item_code IS '检查项目 the item.';
COMMENT ON COLUMN medalliance.qc_item_loss.item_name_zh IS '项目名称 the item, in Chinese.';
COMMENT ON COLUMN medalliance.qc_item_loss.item_name_en IS '英文名称 the item, in English.';
COMMENT ON COLUMN medalliance.qc_item_loss.inspections IS '检查次数 inspections of the item in the period.';
COMMENT ON COLUMN medalliance.qc_item_loss.full_points IS '标准分合计 the item''s full points (scheme points) times the inspections.';
COMMENT ON COLUMN medalliance.qc_item_loss.points_lost IS '失分 points deducted after rescaling and caps.';
COMMENT ON COLUMN medalliance.qc_item_loss.points_lost_pct IS '失分率 percent 0–100 of the full points lost.';

GRANT SELECT ON medalliance.qc_member, medalliance.qc_alliance, medalliance.qc_funnel, medalliance.qc_item_loss
    TO medalliance_reader;
GRANT SELECT ON medalliance.qc_item, medalliance.qc_measure, medalliance.qc_rule, medalliance.qc_setting,
                medalliance.qc_scheme_item, medalliance.qc_scheme_measure, medalliance.qc_grade,
                medalliance.qc_member_month, medalliance.qc_item_state, medalliance.qc_measure_state,
                medalliance.qc_member_measure, medalliance.qc_member_score, medalliance.qc_funnel_point
    TO medalliance_analyst;
GRANT INSERT, UPDATE, DELETE ON medalliance.qc_item, medalliance.qc_measure, medalliance.qc_setting,
                medalliance.qc_scheme_item, medalliance.qc_scheme_measure, medalliance.qc_grade,
                medalliance.qc_member_month, medalliance.qc_item_state, medalliance.qc_measure_state,
                medalliance.qc_member_measure, medalliance.qc_member_score, medalliance.qc_funnel_point
    TO medalliance_admin;
