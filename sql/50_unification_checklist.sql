-- Six-unifications checklist (六统一清单): the dimensions and items of each
-- checklist scheme, how each item is evidenced, the grade thresholds and the
-- scoring settings.  Presets ship with the extension (is_preset); rows a DBA
-- adds are kept by pg_dump.  Scoring itself is in 42_unification_scoring.sql.
--
-- An item is evidenced in one of two ways:
--   attested — a value in [0, 1] (1 met, 0.5 partial, 0 absent) in the fact
--              unification_evidence, under the evidence code the item names;
--              it stays in force for valid_months months from the month it covers;
--   derived  — computed from other facts by one of a closed set of rules
--              (unification_rule), with parameters and a threshold.
-- Seeds set no item-level checklist: the items are distilled from them
-- (shared/domain/indicators.md section C), each citing the seed it rests on.
-- Weights and grade thresholds are this project's proposal (project_default).

-- Dimensions -----------------------------------------------------------------

CREATE TABLE medalliance.unification_dimension (
    scheme_code           text NOT NULL
        CONSTRAINT unification_dimension_scheme_fkey REFERENCES medalliance.scheme (scheme_code),
    dimension_code        text NOT NULL
        CONSTRAINT unification_dimension_code_check CHECK (dimension_code ~ '^[a-z][a-z0-9_]*$'),
    dimension_no          smallint NOT NULL
        CONSTRAINT unification_dimension_no_check CHECK (dimension_no BETWEEN 1 AND 16),
    name_zh               text NOT NULL,
    name_en               text NOT NULL,
    weight                double precision NOT NULL DEFAULT 1
        CONSTRAINT unification_dimension_weight_check
        CHECK (weight >= 0 AND weight < 'Infinity'::double precision),
    document_code         text NOT NULL
        CONSTRAINT unification_dimension_document_fkey REFERENCES medalliance.source_document (document_code),
    weight_document_code  text NOT NULL DEFAULT 'project_default'
        CONSTRAINT unification_dimension_weight_document_fkey
        REFERENCES medalliance.source_document (document_code),
    is_preset             boolean NOT NULL DEFAULT false,
    CONSTRAINT unification_dimension_pkey PRIMARY KEY (scheme_code, dimension_code),
    CONSTRAINT unification_dimension_no_key UNIQUE (scheme_code, dimension_no)
);
COMMENT ON TABLE medalliance.unification_dimension IS
    '清单维度 checklist dimensions of a checklist scheme (六统一: 行政、人员、财务、质量、药械、信息), numbered 1–16 as compliance_agg numbers them, with the weight of each in the overall score.';
COMMENT ON COLUMN medalliance.unification_dimension.scheme_code IS '方案 the checklist scheme (scheme_kind checklist).';
COMMENT ON COLUMN medalliance.unification_dimension.dimension_code IS '维度代码 dimension code, e.g. administration.';
COMMENT ON COLUMN medalliance.unification_dimension.dimension_no IS '维度序号 dimension number 1–16: the dimension argument of compliance_agg.';
COMMENT ON COLUMN medalliance.unification_dimension.name_zh IS '维度名称 the Chinese name, e.g. 行政.';
COMMENT ON COLUMN medalliance.unification_dimension.name_en IS '英文名称 the English name.';
COMMENT ON COLUMN medalliance.unification_dimension.weight IS
    '维度权重 weight W_d in the overall score Σ W_d·S_d / Σ W_d (renormalised over the dimensions that have a score); finite, >= 0.';
COMMENT ON COLUMN medalliance.unification_dimension.document_code IS '依据文件 the document that names the dimension.';
COMMENT ON COLUMN medalliance.unification_dimension.weight_document_code IS
    '权重依据 the document the weight comes from (project_default: equal weights, since no document sets any).';
COMMENT ON COLUMN medalliance.unification_dimension.is_preset IS '预置 true for rows shipped with the extension; pg_dump keeps only the rows where it is false.';

-- Rules of derived evidence -------------------------------------------------

CREATE TABLE medalliance.unification_rule (
    rule_code           text
        CONSTRAINT unification_rule_pkey PRIMARY KEY,
    name_zh             text NOT NULL,
    name_en             text NOT NULL,
    measure             text NOT NULL,
    parameters          text NOT NULL,
    parameter_keys      text[] NOT NULL DEFAULT '{}',
    applies_to_lead     boolean NOT NULL DEFAULT true,
    not_assessed_reason text NOT NULL DEFAULT 'no facts in the month',
    is_preset           boolean NOT NULL DEFAULT false
);
COMMENT ON TABLE medalliance.unification_rule IS
    '派生规则 rules that derive a checklist item from warehouse facts (implemented in refresh_unification; the set is closed). Each gives, per member and month, a measure m in [0, 1] or NULL (nothing to judge: not assessed); the item scores 1 when m >= threshold, 0.5 when m >= parameters.partial_threshold, else 0.';
COMMENT ON COLUMN medalliance.unification_rule.rule_code IS '规则代码 rule code.';
COMMENT ON COLUMN medalliance.unification_rule.name_zh IS '规则名称 the Chinese name.';
COMMENT ON COLUMN medalliance.unification_rule.name_en IS '英文名称 the English name.';
COMMENT ON COLUMN medalliance.unification_rule.measure IS '度量 what the measure m is, and when it is NULL.';
COMMENT ON COLUMN medalliance.unification_rule.parameters IS '参数 the keys the rule reads from an item''s parameters, besides partial_threshold.';
COMMENT ON COLUMN medalliance.unification_rule.parameter_keys IS '参数键 the keys of an item''s parameters the rule reads (partial_threshold is read for every rule).';
COMMENT ON COLUMN medalliance.unification_rule.applies_to_lead IS '适用牵头单位 false when the rule measures what the lead gives its members, so the lead itself is not assessed on it.';
COMMENT ON COLUMN medalliance.unification_rule.not_assessed_reason IS '未评原因 the reason an item result gives when the measure is NULL (nothing to judge).';
COMMENT ON COLUMN medalliance.unification_rule.is_preset IS '预置 true for the rules shipped with the extension (all of them: a rule needs code in refresh_unification).';

INSERT INTO medalliance.unification_rule
    (rule_code, name_zh, name_en, measure, parameters, parameter_keys, applies_to_lead, not_assessed_reason, is_preset)
VALUES
('procurement_platform_share', '统一平台采购金额占比', 'share of procurement value bought through the unified platform',
 'Σ quantity·unit_price of the member''s order lines in the month placed via the unified platform / Σ quantity·unit_price of all its order lines in the month; NULL when it ordered nothing (or only at price 0).',
 'item_kinds: array of drug, consumable, device (default all three).', '{item_kinds}', true,
 'no procurement in the month', true),
('uniform_unit_price', '统一采购价格', 'one unit price per item across the members',
 'share of the member''s order lines in the month whose unit price equals the lowest unit price any member of the same alliance paid for the same item code in the month; NULL when it ordered nothing.',
 'item_kinds: array of drug, consumable, device (default all three).', '{item_kinds}', true,
 'no procurement in the month', true),
('hosts_lead_staff', '接收牵头医院下沉人员', 'member hosts staff deployed from the lead hospital',
 '1 when a deployment from the alliance''s lead institution to the member overlaps the month, else 0. The lead itself is not assessed on this item (no row).',
 'deployment_kinds: array of stationed, rotation, circuit_clinic, mentoring (default stationed and rotation).',
 '{deployment_kinds}', false, 'no facts in the month', true),
('uses_shared_centres', '使用共享中心', 'member uses the alliance''s shared centres',
 '1 when the member ordered at least min_services shared-centre services in the month that an institution of the same alliance (a member that month, or the centre of shared_centre_service.alliance_id) read, else 0. The lead is not assessed on this item.',
 'min_services: integer >= 1 (default 1).', '{min_services}', false, 'no facts in the month', true),
('qc_inspected_by_lead', '牵头医院质控检查', 'member inspected by the lead hospital''s QC centre',
 '1 when the lead institution inspected the member (qc_inspection.inspected_by_institution_id) in the window of window_months months ending with the month, else 0. The lead is not assessed on this item.',
 'window_months: integer 1–24 (default 3, a quarterly cadence).', '{window_months}', false,
 'no facts in the month', true);

-- Items ----------------------------------------------------------------------

CREATE TABLE medalliance.unification_item (
    scheme_code          text NOT NULL,
    item_code            text NOT NULL
        CONSTRAINT unification_item_code_check CHECK (item_code ~ '^[a-z][a-z0-9_]*$'),
    dimension_code       text NOT NULL,
    text_zh              text NOT NULL,
    text_en              text NOT NULL,
    weight               double precision NOT NULL DEFAULT 1
        CONSTRAINT unification_item_weight_check CHECK (weight >= 0 AND weight < 'Infinity'::double precision),
    evidence_kind        text NOT NULL
        CONSTRAINT unification_item_evidence_kind_check CHECK (evidence_kind IN ('attested', 'derived')),
    evidence_code        text
        CONSTRAINT unification_item_evidence_code_check
        CHECK (evidence_code ~ '^(adm|hr|fin|qc|drug|info)_[1-9][0-9]*$'),
    valid_months         smallint
        CONSTRAINT unification_item_valid_months_check CHECK (valid_months BETWEEN 1 AND 120),
    rule_code            text
        CONSTRAINT unification_item_rule_fkey REFERENCES medalliance.unification_rule (rule_code),
    parameters           jsonb NOT NULL DEFAULT '{}'
        CONSTRAINT unification_item_parameters_check CHECK (jsonb_typeof(parameters) = 'object'),
    threshold            numeric
        CONSTRAINT unification_item_threshold_check CHECK (threshold > 0 AND threshold <= 1),
    applies_to_levels    text[],
    applies_to_lead      boolean NOT NULL DEFAULT true,
    document_code        text NOT NULL
        CONSTRAINT unification_item_document_fkey REFERENCES medalliance.source_document (document_code),
    also_cited_in        text[] NOT NULL DEFAULT '{}',
    evidence_note        text NOT NULL,
    weight_document_code text NOT NULL DEFAULT 'project_default'
        CONSTRAINT unification_item_weight_document_fkey REFERENCES medalliance.source_document (document_code),
    threshold_document_code text NOT NULL DEFAULT 'project_default'
        CONSTRAINT unification_item_threshold_document_fkey REFERENCES medalliance.source_document (document_code),
    source_text          text,
    is_encouraged        boolean NOT NULL DEFAULT false,
    is_preset            boolean NOT NULL DEFAULT false,
    CONSTRAINT unification_item_pkey PRIMARY KEY (scheme_code, item_code),
    CONSTRAINT unification_item_dimension_fkey FOREIGN KEY (scheme_code, dimension_code)
        REFERENCES medalliance.unification_dimension (scheme_code, dimension_code),
    CONSTRAINT unification_item_evidence_check CHECK (
        CASE evidence_kind
            WHEN 'attested' THEN evidence_code IS NOT NULL AND valid_months IS NOT NULL
                                 AND rule_code IS NULL AND threshold IS NULL
            ELSE rule_code IS NOT NULL AND threshold IS NOT NULL
                 AND evidence_code IS NULL AND valid_months IS NULL
        END)
);
COMMENT ON TABLE medalliance.unification_item IS
    '清单项目 checklist items of a checklist scheme: dimension, text, weight, source document, and how the item is evidenced — attested (a verified value in unification_evidence) or derived (a rule over other facts, with a threshold).';
COMMENT ON COLUMN medalliance.unification_item.scheme_code IS '方案 the checklist scheme.';
COMMENT ON COLUMN medalliance.unification_item.item_code IS '项目代码 item code, unique in the scheme (adm_1 …, info_7 in six_unifications).';
COMMENT ON COLUMN medalliance.unification_item.dimension_code IS '维度 the dimension the item belongs to.';
COMMENT ON COLUMN medalliance.unification_item.text_zh IS '项目内容 what the item requires, in Chinese, close to the words of the source.';
COMMENT ON COLUMN medalliance.unification_item.text_en IS '英文内容 what the item requires, in English.';
COMMENT ON COLUMN medalliance.unification_item.weight IS '项目权重 weight w_k in the dimension score 100·Σ w·c / Σ w; finite, >= 0.';
COMMENT ON COLUMN medalliance.unification_item.evidence_kind IS
    '佐证方式 attested (核验佐证: a value in unification_evidence) or derived (数据派生: computed by rule_code from other facts).';
COMMENT ON COLUMN medalliance.unification_item.evidence_code IS
    '佐证代码 for attested items: the item_code of the unification_evidence rows that evidence it (several schemes may read the same evidence).';
COMMENT ON COLUMN medalliance.unification_item.valid_months IS
    '有效月数 for attested items: months an evidence row stays in force, counting the month it covers (3: a quarterly attestation covers its quarter).';
COMMENT ON COLUMN medalliance.unification_item.rule_code IS '派生规则 for derived items: the rule (unification_rule).';
COMMENT ON COLUMN medalliance.unification_item.parameters IS
    '规则参数 parameters of the rule (see unification_rule.parameters), and partial_threshold: the measure from which the item scores 0.5.';
COMMENT ON COLUMN medalliance.unification_item.threshold IS '达标阈值 for derived items: the measure, in (0, 1], from which the item is met (scores 1).';
COMMENT ON COLUMN medalliance.unification_item.applies_to_levels IS
    '适用机构层级 the institution levels of the members the item applies to; NULL for every member. Members outside get no row (the item is not on their checklist).';
COMMENT ON COLUMN medalliance.unification_item.applies_to_lead IS
    '适用牵头单位 false when the item says what members take from the lead (e.g. the lead''s legal representative), so the lead itself is not assessed on it. Derived items follow their rule (unification_rule.applies_to_lead).';
COMMENT ON COLUMN medalliance.unification_item.document_code IS '依据文件 the document the item rests on (project_default for this project''s proposals).';
COMMENT ON COLUMN medalliance.unification_item.also_cited_in IS '其他依据 other documents that support the item.';
COMMENT ON COLUMN medalliance.unification_item.evidence_note IS '佐证说明 what evidence shows the item, in words.';
COMMENT ON COLUMN medalliance.unification_item.weight_document_code IS '权重依据 the document the weight comes from (project_default: equal weights).';
COMMENT ON COLUMN medalliance.unification_item.threshold_document_code IS
    '阈值依据 the document the threshold, partial_threshold, window and valid_months come from (project_default: no document sets them).';
COMMENT ON COLUMN medalliance.unification_item.source_text IS
    '原文 the words of document_code the item rests on, verbatim (a substring of its seed file; a test checks every preset); NULL for project_default items.';
COMMENT ON COLUMN medalliance.unification_item.is_encouraged IS
    '鼓励探索 true when the document encourages or invites the measure (探索, 鼓励) rather than requiring it: the preset weighs such an item half (weight 0.5, project_default), so that it is not scored as heavily as an obligation.';
COMMENT ON COLUMN medalliance.unification_item.is_preset IS '预置 true for rows shipped with the extension; pg_dump keeps only the rows where it is false.';

-- Grade thresholds and scoring settings -------------------------------------

CREATE TABLE medalliance.unification_grade (
    scheme_code   text NOT NULL
        CONSTRAINT unification_grade_scheme_fkey REFERENCES medalliance.scheme (scheme_code),
    grade         text NOT NULL
        CONSTRAINT unification_grade_grade_check CHECK (grade ~ '^[A-Za-z0-9_+-]{1,16}$'),
    min_score     double precision NOT NULL
        CONSTRAINT unification_grade_min_score_check CHECK (min_score >= 0 AND min_score <= 100),
    document_code text NOT NULL DEFAULT 'project_default'
        CONSTRAINT unification_grade_document_fkey REFERENCES medalliance.source_document (document_code),
    is_preset     boolean NOT NULL DEFAULT false,
    CONSTRAINT unification_grade_pkey PRIMARY KEY (scheme_code, grade),
    CONSTRAINT unification_grade_min_score_key UNIQUE (scheme_code, min_score)
);
COMMENT ON TABLE medalliance.unification_grade IS
    '等级阈值 grade thresholds of a checklist scheme: an alliance takes the grade with the highest min_score not above its overall score. The documents set none: the presets (A >= 90, B >= 75, C >= 60, D below) are project_default.';
COMMENT ON COLUMN medalliance.unification_grade.scheme_code IS '方案 the checklist scheme.';
COMMENT ON COLUMN medalliance.unification_grade.grade IS '等级 the grade label, e.g. A.';
COMMENT ON COLUMN medalliance.unification_grade.min_score IS '最低分 the lowest overall score (0–100) that earns the grade.';
COMMENT ON COLUMN medalliance.unification_grade.document_code IS '依据文件 the document that sets the threshold (project_default for the presets).';
COMMENT ON COLUMN medalliance.unification_grade.is_preset IS '预置 true for rows shipped with the extension; pg_dump keeps only the rows where it is false.';

CREATE TABLE medalliance.unification_setting (
    scheme_code      text
        CONSTRAINT unification_setting_pkey PRIMARY KEY
        CONSTRAINT unification_setting_scheme_fkey REFERENCES medalliance.scheme (scheme_code),
    member_weighting text NOT NULL DEFAULT 'equal'
        CONSTRAINT unification_setting_weighting_check CHECK (member_weighting IN ('equal', 'volume')),
    alliance_kinds   text[] NOT NULL
        CONSTRAINT unification_setting_kinds_check
        CHECK (cardinality(alliance_kinds) > 0 AND alliance_kinds <@ medalliance.alliance_kinds()),
    document_code    text NOT NULL DEFAULT 'project_default'
        CONSTRAINT unification_setting_document_fkey REFERENCES medalliance.source_document (document_code),
    is_preset        boolean NOT NULL DEFAULT false
);
COMMENT ON TABLE medalliance.unification_setting IS
    '评分设置 scoring settings of a checklist scheme: how members weigh in the alliance''s scores and which kinds of alliance the checklist applies to. A checklist scheme needs a row here to be refreshed.';
COMMENT ON COLUMN medalliance.unification_setting.scheme_code IS '方案 the checklist scheme.';
COMMENT ON COLUMN medalliance.unification_setting.member_weighting IS
    '成员权重 equal (每个成员同权) or volume (按成员诊疗人次加权: encounters at the member in the period).';
COMMENT ON COLUMN medalliance.unification_setting.alliance_kinds IS
    '适用医联体类型 the alliance kinds assessed with this checklist (六统一 applies to county medical communities and, step by step, city medical groups).';
COMMENT ON COLUMN medalliance.unification_setting.document_code IS '依据文件 the document the settings follow (project_default for the presets, except where a document names the alliances concerned).';
COMMENT ON COLUMN medalliance.unification_setting.is_preset IS '预置 true for rows shipped with the extension; pg_dump keeps only the rows where it is false.';

-- Validation: bad configuration is refused with 22023 naming the value -------

-- The scheme of a checklist row must be a checklist scheme.
CREATE FUNCTION medalliance.check_checklist_scheme(scheme_code text)
RETURNS void
LANGUAGE plpgsql STABLE PARALLEL SAFE SECURITY INVOKER
SET search_path = pg_catalog, medalliance, pg_temp
AS $$
BEGIN
    IF NOT EXISTS (SELECT FROM medalliance.scheme s
                   WHERE s.scheme_code = check_checklist_scheme.scheme_code AND s.scheme_kind = 'checklist') THEN
        RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
            MESSAGE = format('unknown checklist scheme "%s"', scheme_code),
            HINT = 'Add the scheme to medalliance.scheme with scheme_kind ''checklist'' first.';
    END IF;
END
$$;
COMMENT ON FUNCTION medalliance.check_checklist_scheme(text) IS
    '清单方案校验 Raises 22023 unless the scheme exists with scheme_kind checklist.';

-- The parameters of a derived item, checked against its rule.
CREATE FUNCTION medalliance.check_rule_parameters(item_code text, rule_code text, threshold numeric, parameters jsonb)
RETURNS void
LANGUAGE plpgsql STABLE PARALLEL SAFE SECURITY INVOKER
SET search_path = pg_catalog, medalliance, pg_temp
AS $$
DECLARE
    bad  text;
    p    jsonb;
    keys text[];
BEGIN
    p := coalesce(check_rule_parameters.parameters, '{}');
    SELECT r.parameter_keys INTO keys FROM medalliance.unification_rule r
    WHERE r.rule_code = check_rule_parameters.rule_code;
    SELECT string_agg(k, ', ') INTO bad FROM jsonb_object_keys(p) k
    WHERE k <> 'partial_threshold' AND k <> ALL (coalesce(keys, '{}'));
    IF bad IS NOT NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
            MESSAGE = format('unknown parameter(s) %s of item "%s" (rule %s)', bad, check_rule_parameters.item_code, check_rule_parameters.rule_code),
            HINT = 'The parameters each rule reads are listed in medalliance.unification_rule.';
    END IF;
    IF p ? 'partial_threshold' AND (jsonb_typeof(p -> 'partial_threshold') <> 'number'
           OR (p ->> 'partial_threshold')::numeric <= 0
           OR (p ->> 'partial_threshold')::numeric >= check_rule_parameters.threshold) THEN
        RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
            MESSAGE = format('invalid partial_threshold %s of item "%s"', p -> 'partial_threshold', check_rule_parameters.item_code),
            HINT = 'partial_threshold is a number above 0 and below the threshold.';
    END IF;
    IF p ? 'item_kinds' AND (jsonb_typeof(p -> 'item_kinds') <> 'array' OR jsonb_array_length(p -> 'item_kinds') = 0
           OR EXISTS (SELECT FROM jsonb_array_elements(p -> 'item_kinds') e
                      WHERE e NOT IN ('"drug"', '"consumable"', '"device"'))) THEN
        RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
            MESSAGE = format('invalid item_kinds %s of item "%s"', p -> 'item_kinds', check_rule_parameters.item_code),
            HINT = 'item_kinds is a non-empty array of drug, consumable, device.';
    END IF;
    IF p ? 'deployment_kinds' AND (jsonb_typeof(p -> 'deployment_kinds') <> 'array'
           OR jsonb_array_length(p -> 'deployment_kinds') = 0
           OR EXISTS (SELECT FROM jsonb_array_elements(p -> 'deployment_kinds') e
                      WHERE e NOT IN ('"stationed"', '"rotation"', '"circuit_clinic"', '"mentoring"'))) THEN
        RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
            MESSAGE = format('invalid deployment_kinds %s of item "%s"', p -> 'deployment_kinds', check_rule_parameters.item_code),
            HINT = 'deployment_kinds is a non-empty array of stationed, rotation, circuit_clinic, mentoring.';
    END IF;
    IF p ? 'min_services' AND (jsonb_typeof(p -> 'min_services') <> 'number'
           OR (p ->> 'min_services')::numeric < 1 OR (p ->> 'min_services')::numeric > 1000000
           OR (p ->> 'min_services')::numeric <> trunc((p ->> 'min_services')::numeric)) THEN
        RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
            MESSAGE = format('invalid min_services %s of item "%s"', p -> 'min_services', check_rule_parameters.item_code),
            HINT = 'min_services is a whole number >= 1.';
    END IF;
    IF p ? 'window_months' AND (jsonb_typeof(p -> 'window_months') <> 'number'
           OR (p ->> 'window_months')::numeric NOT BETWEEN 1 AND 24
           OR (p ->> 'window_months')::numeric <> trunc((p ->> 'window_months')::numeric)) THEN
        RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
            MESSAGE = format('invalid window_months %s of item "%s"', p -> 'window_months', check_rule_parameters.item_code),
            HINT = 'window_months is a whole number from 1 to 24.';
    END IF;
END
$$;
COMMENT ON FUNCTION medalliance.check_rule_parameters(text, text, numeric, jsonb) IS
    '规则参数校验 Raises 22023 for a parameter the rule does not read (medalliance.unification_rule.parameter_keys) or a value outside its range.';

CREATE FUNCTION medalliance.unification_dimension_check()
RETURNS trigger
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SECURITY INVOKER
SET search_path = pg_catalog, medalliance, pg_temp
AS $$
BEGIN
    PERFORM medalliance.check_checklist_scheme(NEW.scheme_code);
    IF NEW.weight IS NULL OR NEW.weight = 'NaN'::double precision OR NEW.weight < 0 OR NEW.weight = 'Infinity' THEN
        RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
            MESSAGE = format('invalid weight %s of dimension "%s" in scheme "%s"',
                             coalesce(NEW.weight::text, 'NULL'), NEW.dimension_code, NEW.scheme_code),
            HINT = 'A dimension weight is a finite number >= 0.';
    END IF;
    IF NEW.dimension_no IS NULL OR NEW.dimension_no NOT BETWEEN 1 AND 16 THEN
        RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
            MESSAGE = format('invalid dimension number %s of dimension "%s"',
                             coalesce(NEW.dimension_no::text, 'NULL'), NEW.dimension_code),
            HINT = 'Number the dimensions of a scheme from 1 to 16.';
    END IF;

    RETURN NEW;
END
$$;
COMMENT ON FUNCTION medalliance.unification_dimension_check() IS
    '维度校验 Trigger on unification_dimension: refuses an unknown scheme, a negative, NaN or infinite weight, a number outside 1–16 (22023).';

CREATE FUNCTION medalliance.unification_item_check()
RETURNS trigger
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SECURITY INVOKER
SET search_path = pg_catalog, medalliance, pg_temp
AS $$
DECLARE
    bad text;
BEGIN
    PERFORM medalliance.check_checklist_scheme(NEW.scheme_code);
    IF NOT EXISTS (SELECT FROM medalliance.unification_dimension d
                   WHERE d.scheme_code = NEW.scheme_code AND d.dimension_code = NEW.dimension_code) THEN
        RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
            MESSAGE = format('unknown dimension "%s" of scheme "%s" for item "%s"',
                             NEW.dimension_code, NEW.scheme_code, NEW.item_code),
            HINT = 'The dimensions are listed in medalliance.unification_dimension.';
    END IF;
    IF NEW.weight IS NULL OR NEW.weight = 'NaN'::double precision OR NEW.weight < 0 OR NEW.weight = 'Infinity' THEN
        RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
            MESSAGE = format('invalid weight %s of item "%s"', coalesce(NEW.weight::text, 'NULL'), NEW.item_code),
            HINT = 'An item weight is a finite number >= 0.';
    END IF;
    IF NEW.evidence_kind = 'attested' THEN
        IF NEW.evidence_code IS NULL OR NEW.evidence_code !~ '^(adm|hr|fin|qc|drug|info)_[1-9][0-9]*$' THEN
            RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
                MESSAGE = format('invalid evidence code "%s" of attested item "%s"',
                                 coalesce(NEW.evidence_code, 'NULL'), NEW.item_code),
                HINT = 'An attested item names the item_code of its unification_evidence rows: adm_N, hr_N, fin_N, qc_N, drug_N or info_N.';
        END IF;
        NEW.valid_months := coalesce(NEW.valid_months, 3);
        IF NEW.valid_months NOT BETWEEN 1 AND 120 THEN
            RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
                MESSAGE = format('invalid valid_months %s of item "%s"', NEW.valid_months, NEW.item_code),
                HINT = 'Evidence stays in force for 1 to 120 months.';
        END IF;
        IF NEW.rule_code IS NOT NULL OR NEW.threshold IS NOT NULL THEN
            RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
                MESSAGE = format('attested item "%s" has a rule or a threshold', NEW.item_code),
                HINT = 'Only derived items have rule_code and threshold.';
        END IF;
    ELSIF NEW.evidence_kind = 'derived' THEN
        IF NOT EXISTS (SELECT FROM medalliance.unification_rule r WHERE r.rule_code = NEW.rule_code) THEN
            RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
                MESSAGE = format('unknown rule "%s" of derived item "%s"', coalesce(NEW.rule_code, 'NULL'), NEW.item_code),
                HINT = 'The rules are listed in medalliance.unification_rule.';
        END IF;
        IF NEW.threshold IS NULL OR NEW.threshold = 'NaN' OR NEW.threshold <= 0 OR NEW.threshold > 1 THEN
            RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
                MESSAGE = format('invalid threshold %s of item "%s"', coalesce(NEW.threshold::text, 'NULL'), NEW.item_code),
                HINT = 'A threshold is a measure in (0, 1].';
        END IF;
        IF NEW.evidence_code IS NOT NULL OR NEW.valid_months IS NOT NULL THEN
            RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
                MESSAGE = format('derived item "%s" has an evidence code or valid_months', NEW.item_code),
                HINT = 'Only attested items read unification_evidence.';
        END IF;
        PERFORM medalliance.check_rule_parameters(NEW.item_code, NEW.rule_code, NEW.threshold, NEW.parameters);
    ELSE
        RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
            MESSAGE = format('invalid evidence kind "%s" of item "%s"', coalesce(NEW.evidence_kind, 'NULL'), NEW.item_code),
            HINT = 'An item is attested or derived.';
    END IF;
    SELECT string_agg(l, ', ') INTO bad FROM unnest(NEW.applies_to_levels) l
    WHERE l IS NULL OR l <> ALL (medalliance.institution_levels());
    IF bad IS NOT NULL OR cardinality(NEW.applies_to_levels) = 0 THEN
        RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
            MESSAGE = format('invalid institution level(s) %s in applies_to_levels of item "%s"',
                             coalesce(bad, '(none)'), NEW.item_code),
            HINT = 'Use the levels of medalliance.institution.institution_level, or NULL for every member.';
    END IF;
    SELECT string_agg(c, ', ') INTO bad FROM unnest(NEW.also_cited_in) c
    WHERE c IS NULL OR NOT EXISTS (SELECT FROM medalliance.source_document s WHERE s.document_code = c);
    IF bad IS NOT NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
            MESSAGE = format('unknown document(s) %s in also_cited_in of item "%s"', bad, NEW.item_code),
            HINT = 'The documents are listed in medalliance.source_document.';
    END IF;

    RETURN NEW;
END
$$;
COMMENT ON FUNCTION medalliance.unification_item_check() IS
    '项目校验 Trigger on unification_item: refuses an unknown scheme, dimension, rule or document, a bad weight, evidence code, validity or threshold, and rule parameters the rule does not read (22023).';

CREATE FUNCTION medalliance.unification_grade_check()
RETURNS trigger
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SECURITY INVOKER
SET search_path = pg_catalog, medalliance, pg_temp
AS $$
BEGIN
    PERFORM medalliance.check_checklist_scheme(NEW.scheme_code);
    IF NEW.min_score IS NULL OR NEW.min_score = 'NaN'::double precision OR NEW.min_score < 0 OR NEW.min_score > 100 THEN
        RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
            MESSAGE = format('invalid threshold %s of grade "%s" in scheme "%s"',
                             coalesce(NEW.min_score::text, 'NULL'), NEW.grade, NEW.scheme_code),
            HINT = 'A grade threshold is a score from 0 to 100.';
    END IF;

    RETURN NEW;
END
$$;
COMMENT ON FUNCTION medalliance.unification_grade_check() IS
    '等级校验 Trigger on unification_grade: refuses an unknown scheme or a threshold outside 0–100 (22023).';

CREATE FUNCTION medalliance.unification_setting_check()
RETURNS trigger
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SECURITY INVOKER
SET search_path = pg_catalog, medalliance, pg_temp
AS $$
DECLARE
    bad text;
BEGIN
    PERFORM medalliance.check_checklist_scheme(NEW.scheme_code);
    IF NEW.member_weighting IS NULL OR NEW.member_weighting NOT IN ('equal', 'volume') THEN
        RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
            MESSAGE = format('invalid member weighting "%s" of scheme "%s"',
                             coalesce(NEW.member_weighting, 'NULL'), NEW.scheme_code),
            HINT = 'Members weigh equal or by volume.';
    END IF;
    SELECT string_agg(coalesce(k, 'NULL'), ', ') INTO bad FROM unnest(NEW.alliance_kinds) k
    WHERE k IS NULL OR k <> ALL (medalliance.alliance_kinds());
    IF bad IS NOT NULL OR coalesce(cardinality(NEW.alliance_kinds), 0) = 0 THEN
        RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
            MESSAGE = format('invalid alliance kind(s) %s of scheme "%s"', coalesce(bad, '(none)'), NEW.scheme_code),
            HINT = 'Use county_medical_community, city_medical_group, specialty_alliance or remote_network.';
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION medalliance.unification_setting_check() IS
    '设置校验 Trigger on unification_setting: refuses an unknown scheme, member weighting or alliance kind (22023).';

CREATE TRIGGER unification_dimension_check BEFORE INSERT OR UPDATE ON medalliance.unification_dimension
    FOR EACH ROW EXECUTE FUNCTION medalliance.unification_dimension_check();
CREATE TRIGGER unification_item_check BEFORE INSERT OR UPDATE ON medalliance.unification_item
    FOR EACH ROW EXECUTE FUNCTION medalliance.unification_item_check();
CREATE TRIGGER unification_grade_check BEFORE INSERT OR UPDATE ON medalliance.unification_grade
    FOR EACH ROW EXECUTE FUNCTION medalliance.unification_grade_check();
CREATE TRIGGER unification_setting_check BEFORE INSERT OR UPDATE ON medalliance.unification_setting
    FOR EACH ROW EXECUTE FUNCTION medalliance.unification_setting_check();

SELECT pg_catalog.pg_extension_config_dump('medalliance.unification_dimension', 'WHERE NOT is_preset');
SELECT pg_catalog.pg_extension_config_dump('medalliance.unification_rule', 'WHERE NOT is_preset');
SELECT pg_catalog.pg_extension_config_dump('medalliance.unification_item', 'WHERE NOT is_preset');
SELECT pg_catalog.pg_extension_config_dump('medalliance.unification_grade', 'WHERE NOT is_preset');
SELECT pg_catalog.pg_extension_config_dump('medalliance.unification_setting', 'WHERE NOT is_preset');

GRANT SELECT ON medalliance.unification_dimension, medalliance.unification_rule, medalliance.unification_item,
                medalliance.unification_grade, medalliance.unification_setting TO medalliance_reader;
GRANT INSERT, UPDATE, DELETE ON medalliance.unification_dimension, medalliance.unification_item,
                                medalliance.unification_grade, medalliance.unification_setting TO medalliance_admin;
