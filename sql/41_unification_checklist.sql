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
    rule_code   text
        CONSTRAINT unification_rule_pkey PRIMARY KEY
        CONSTRAINT unification_rule_code_check
        CHECK (rule_code IN ('procurement_platform_share', 'uniform_unit_price', 'hosts_lead_staff',
                             'uses_shared_centres', 'qc_inspected_by_lead')),
    name_zh     text NOT NULL,
    name_en     text NOT NULL,
    measure     text NOT NULL,
    parameters  text NOT NULL,
    is_preset   boolean NOT NULL DEFAULT false
);
COMMENT ON TABLE medalliance.unification_rule IS
    '派生规则 rules that derive a checklist item from warehouse facts (implemented in refresh_unification; the set is closed). Each gives, per member and month, a measure m in [0, 1] or NULL (nothing to judge: not assessed); the item scores 1 when m >= threshold, 0.5 when m >= parameters.partial_threshold, else 0.';
COMMENT ON COLUMN medalliance.unification_rule.rule_code IS '规则代码 rule code.';
COMMENT ON COLUMN medalliance.unification_rule.name_zh IS '规则名称 the Chinese name.';
COMMENT ON COLUMN medalliance.unification_rule.name_en IS '英文名称 the English name.';
COMMENT ON COLUMN medalliance.unification_rule.measure IS '度量 what the measure m is, and when it is NULL.';
COMMENT ON COLUMN medalliance.unification_rule.parameters IS '参数 the keys the rule reads from an item''s parameters, besides partial_threshold.';
COMMENT ON COLUMN medalliance.unification_rule.is_preset IS '预置 true for the rules shipped with the extension (all of them: a rule needs code in refresh_unification).';

INSERT INTO medalliance.unification_rule (rule_code, name_zh, name_en, measure, parameters, is_preset) VALUES
('procurement_platform_share', '统一平台采购金额占比', 'share of procurement value bought through the unified platform',
 'Σ quantity·unit_price of the member''s order lines in the month placed via the unified platform / Σ quantity·unit_price of all its order lines in the month; NULL when it ordered nothing (or only at price 0).',
 'item_kinds: array of drug, consumable, device (default all three).', true),
('uniform_unit_price', '统一采购价格', 'one unit price per item across the members',
 'share of the member''s order lines in the month whose unit price equals the lowest unit price any member of the same alliance paid for the same item code in the month; NULL when it ordered nothing.',
 'item_kinds: array of drug, consumable, device (default all three).', true),
('hosts_lead_staff', '接收牵头医院下沉人员', 'member hosts staff deployed from the lead hospital',
 '1 when a deployment from the alliance''s lead institution to the member overlaps the month, else 0. The lead itself is not assessed on this item (no row).',
 'deployment_kinds: array of stationed, rotation, circuit_clinic, mentoring (default stationed and rotation).', true),
('uses_shared_centres', '使用共享中心', 'member uses the alliance''s shared centres',
 '1 when the member ordered at least min_services shared-centre services in the month that an institution of the same alliance (a member that month, or the centre of shared_centre_service.alliance_id) read, else 0. The lead is not assessed on this item.',
 'min_services: integer >= 1 (default 1).', true),
('qc_inspected_by_lead', '牵头医院质控检查', 'member inspected by the lead hospital''s QC centre',
 '1 when the lead institution inspected the member (qc_inspection.inspected_by_institution_id) in the window of window_months months ending with the month, else 0. The lead is not assessed on this item.',
 'window_months: integer 1–24 (default 3, a quarterly cadence).', true);

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
    document_code        text NOT NULL
        CONSTRAINT unification_item_document_fkey REFERENCES medalliance.source_document (document_code),
    also_cited_in        text[] NOT NULL DEFAULT '{}',
    evidence_note        text NOT NULL,
    weight_document_code text NOT NULL DEFAULT 'project_default'
        CONSTRAINT unification_item_weight_document_fkey REFERENCES medalliance.source_document (document_code),
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
COMMENT ON COLUMN medalliance.unification_item.document_code IS '依据文件 the document the item rests on (project_default for this project''s proposals).';
COMMENT ON COLUMN medalliance.unification_item.also_cited_in IS '其他依据 other documents that support the item.';
COMMENT ON COLUMN medalliance.unification_item.evidence_note IS '佐证说明 what evidence shows the item, in words.';
COMMENT ON COLUMN medalliance.unification_item.weight_document_code IS '权重依据 the document the weight comes from (project_default: equal weights).';
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
        CHECK (cardinality(alliance_kinds) > 0
               AND alliance_kinds <@ ARRAY['county_medical_community', 'city_medical_group',
                                           'specialty_alliance', 'remote_network']),
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

CREATE FUNCTION medalliance.unification_config_check()
RETURNS trigger
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SECURITY INVOKER
SET search_path = medalliance, pg_catalog, pg_temp
AS $$
DECLARE
    bad    text;
    p      jsonb;
    kinds  text[];
BEGIN
    IF NOT EXISTS (SELECT FROM medalliance.scheme s
                   WHERE s.scheme_code = NEW.scheme_code AND s.scheme_kind = 'checklist') THEN
        RAISE EXCEPTION USING ERRCODE = '22023',
            MESSAGE = format('unknown checklist scheme "%s"', NEW.scheme_code),
            HINT = 'Add the scheme to medalliance.scheme with scheme_kind ''checklist'' first.';
    END IF;

    IF TG_TABLE_NAME = 'unification_dimension' THEN
        IF NEW.weight IS NULL OR NEW.weight = 'NaN'::double precision OR NEW.weight < 0 OR NEW.weight = 'Infinity' THEN
            RAISE EXCEPTION USING ERRCODE = '22023',
                MESSAGE = format('invalid weight %s of dimension "%s" in scheme "%s"',
                                 coalesce(NEW.weight::text, 'NULL'), NEW.dimension_code, NEW.scheme_code),
                HINT = 'A dimension weight is a finite number >= 0.';
        END IF;
        IF NEW.dimension_no IS NULL OR NEW.dimension_no NOT BETWEEN 1 AND 16 THEN
            RAISE EXCEPTION USING ERRCODE = '22023',
                MESSAGE = format('invalid dimension number %s of dimension "%s"',
                                 coalesce(NEW.dimension_no::text, 'NULL'), NEW.dimension_code),
                HINT = 'Number the dimensions of a scheme from 1 to 16.';
        END IF;

    ELSIF TG_TABLE_NAME = 'unification_item' THEN
        IF NOT EXISTS (SELECT FROM medalliance.unification_dimension d
                       WHERE d.scheme_code = NEW.scheme_code AND d.dimension_code = NEW.dimension_code) THEN
            RAISE EXCEPTION USING ERRCODE = '22023',
                MESSAGE = format('unknown dimension "%s" of scheme "%s" for item "%s"',
                                 NEW.dimension_code, NEW.scheme_code, NEW.item_code),
                HINT = 'The dimensions are listed in medalliance.unification_dimension.';
        END IF;
        IF NEW.weight IS NULL OR NEW.weight = 'NaN'::double precision OR NEW.weight < 0 OR NEW.weight = 'Infinity' THEN
            RAISE EXCEPTION USING ERRCODE = '22023',
                MESSAGE = format('invalid weight %s of item "%s"', coalesce(NEW.weight::text, 'NULL'), NEW.item_code),
                HINT = 'An item weight is a finite number >= 0.';
        END IF;
        IF NEW.evidence_kind = 'attested' THEN
            IF NEW.evidence_code IS NULL OR NEW.evidence_code !~ '^(adm|hr|fin|qc|drug|info)_[1-9][0-9]*$' THEN
                RAISE EXCEPTION USING ERRCODE = '22023',
                    MESSAGE = format('invalid evidence code "%s" of attested item "%s"',
                                     coalesce(NEW.evidence_code, 'NULL'), NEW.item_code),
                    HINT = 'An attested item names the item_code of its unification_evidence rows: adm_N, hr_N, fin_N, qc_N, drug_N or info_N.';
            END IF;
            NEW.valid_months := coalesce(NEW.valid_months, 3);
            IF NEW.valid_months NOT BETWEEN 1 AND 120 THEN
                RAISE EXCEPTION USING ERRCODE = '22023',
                    MESSAGE = format('invalid valid_months %s of item "%s"', NEW.valid_months, NEW.item_code),
                    HINT = 'Evidence stays in force for 1 to 120 months.';
            END IF;
            IF NEW.rule_code IS NOT NULL OR NEW.threshold IS NOT NULL THEN
                RAISE EXCEPTION USING ERRCODE = '22023',
                    MESSAGE = format('attested item "%s" has a rule or a threshold', NEW.item_code),
                    HINT = 'Only derived items have rule_code and threshold.';
            END IF;
        ELSIF NEW.evidence_kind = 'derived' THEN
            IF NOT EXISTS (SELECT FROM medalliance.unification_rule r WHERE r.rule_code = NEW.rule_code) THEN
                RAISE EXCEPTION USING ERRCODE = '22023',
                    MESSAGE = format('unknown rule "%s" of derived item "%s"', coalesce(NEW.rule_code, 'NULL'), NEW.item_code),
                    HINT = 'The rules are listed in medalliance.unification_rule.';
            END IF;
            IF NEW.threshold IS NULL OR NEW.threshold = 'NaN' OR NEW.threshold <= 0 OR NEW.threshold > 1 THEN
                RAISE EXCEPTION USING ERRCODE = '22023',
                    MESSAGE = format('invalid threshold %s of item "%s"', coalesce(NEW.threshold::text, 'NULL'), NEW.item_code),
                    HINT = 'A threshold is a measure in (0, 1].';
            END IF;
            IF NEW.evidence_code IS NOT NULL OR NEW.valid_months IS NOT NULL THEN
                RAISE EXCEPTION USING ERRCODE = '22023',
                    MESSAGE = format('derived item "%s" has an evidence code or valid_months', NEW.item_code),
                    HINT = 'Only attested items read unification_evidence.';
            END IF;
            p := coalesce(NEW.parameters, '{}');
            SELECT string_agg(k, ', ') INTO bad FROM jsonb_object_keys(p) k
            WHERE k <> 'partial_threshold' AND k <> ALL (CASE NEW.rule_code
                WHEN 'procurement_platform_share' THEN ARRAY['item_kinds']
                WHEN 'uniform_unit_price' THEN ARRAY['item_kinds']
                WHEN 'hosts_lead_staff' THEN ARRAY['deployment_kinds']
                WHEN 'uses_shared_centres' THEN ARRAY['min_services']
                WHEN 'qc_inspected_by_lead' THEN ARRAY['window_months'] END);
            IF bad IS NOT NULL THEN
                RAISE EXCEPTION USING ERRCODE = '22023',
                    MESSAGE = format('unknown parameter(s) %s of item "%s" (rule %s)', bad, NEW.item_code, NEW.rule_code),
                    HINT = 'The parameters each rule reads are listed in medalliance.unification_rule.';
            END IF;
            IF p ? 'partial_threshold' AND (jsonb_typeof(p -> 'partial_threshold') <> 'number'
                   OR (p ->> 'partial_threshold')::numeric <= 0
                   OR (p ->> 'partial_threshold')::numeric >= NEW.threshold) THEN
                RAISE EXCEPTION USING ERRCODE = '22023',
                    MESSAGE = format('invalid partial_threshold %s of item "%s"', p -> 'partial_threshold', NEW.item_code),
                    HINT = 'partial_threshold is a number above 0 and below the threshold.';
            END IF;
            IF p ? 'item_kinds' AND (jsonb_typeof(p -> 'item_kinds') <> 'array' OR jsonb_array_length(p -> 'item_kinds') = 0
                   OR EXISTS (SELECT FROM jsonb_array_elements(p -> 'item_kinds') e
                              WHERE e NOT IN ('"drug"', '"consumable"', '"device"'))) THEN
                RAISE EXCEPTION USING ERRCODE = '22023',
                    MESSAGE = format('invalid item_kinds %s of item "%s"', p -> 'item_kinds', NEW.item_code),
                    HINT = 'item_kinds is a non-empty array of drug, consumable, device.';
            END IF;
            IF p ? 'deployment_kinds' AND (jsonb_typeof(p -> 'deployment_kinds') <> 'array'
                   OR jsonb_array_length(p -> 'deployment_kinds') = 0
                   OR EXISTS (SELECT FROM jsonb_array_elements(p -> 'deployment_kinds') e
                              WHERE e NOT IN ('"stationed"', '"rotation"', '"circuit_clinic"', '"mentoring"'))) THEN
                RAISE EXCEPTION USING ERRCODE = '22023',
                    MESSAGE = format('invalid deployment_kinds %s of item "%s"', p -> 'deployment_kinds', NEW.item_code),
                    HINT = 'deployment_kinds is a non-empty array of stationed, rotation, circuit_clinic, mentoring.';
            END IF;
            IF p ? 'min_services' AND (jsonb_typeof(p -> 'min_services') <> 'number'
                   OR (p ->> 'min_services')::numeric < 1 OR (p ->> 'min_services')::numeric > 1000000
                   OR (p ->> 'min_services')::numeric <> trunc((p ->> 'min_services')::numeric)) THEN
                RAISE EXCEPTION USING ERRCODE = '22023',
                    MESSAGE = format('invalid min_services %s of item "%s"', p -> 'min_services', NEW.item_code),
                    HINT = 'min_services is a whole number >= 1.';
            END IF;
            IF p ? 'window_months' AND (jsonb_typeof(p -> 'window_months') <> 'number'
                   OR (p ->> 'window_months')::numeric NOT BETWEEN 1 AND 24
                   OR (p ->> 'window_months')::numeric <> trunc((p ->> 'window_months')::numeric)) THEN
                RAISE EXCEPTION USING ERRCODE = '22023',
                    MESSAGE = format('invalid window_months %s of item "%s"', p -> 'window_months', NEW.item_code),
                    HINT = 'window_months is a whole number from 1 to 24.';
            END IF;
        ELSE
            RAISE EXCEPTION USING ERRCODE = '22023',
                MESSAGE = format('invalid evidence kind "%s" of item "%s"', coalesce(NEW.evidence_kind, 'NULL'), NEW.item_code),
                HINT = 'An item is attested or derived.';
        END IF;
        SELECT string_agg(l, ', ') INTO bad FROM unnest(NEW.applies_to_levels) l
        WHERE l IS NULL OR l NOT IN ('provincial_hospital', 'city_hospital', 'county_hospital', 'county_tcm_hospital',
                                     'maternal_child_centre', 'township_health_centre', 'community_health_centre',
                                     'village_clinic', 'community_station', 'public_health_body', 'private');
        IF bad IS NOT NULL OR cardinality(NEW.applies_to_levels) = 0 THEN
            RAISE EXCEPTION USING ERRCODE = '22023',
                MESSAGE = format('invalid institution level(s) %s in applies_to_levels of item "%s"',
                                 coalesce(bad, '(none)'), NEW.item_code),
                HINT = 'Use the levels of medalliance.institution.institution_level, or NULL for every member.';
        END IF;
        SELECT string_agg(c, ', ') INTO bad FROM unnest(NEW.also_cited_in) c
        WHERE c IS NULL OR NOT EXISTS (SELECT FROM medalliance.source_document s WHERE s.document_code = c);
        IF bad IS NOT NULL THEN
            RAISE EXCEPTION USING ERRCODE = '22023',
                MESSAGE = format('unknown document(s) %s in also_cited_in of item "%s"', bad, NEW.item_code),
                HINT = 'The documents are listed in medalliance.source_document.';
        END IF;

    ELSIF TG_TABLE_NAME = 'unification_grade' THEN
        IF NEW.min_score IS NULL OR NEW.min_score = 'NaN'::double precision OR NEW.min_score < 0 OR NEW.min_score > 100 THEN
            RAISE EXCEPTION USING ERRCODE = '22023',
                MESSAGE = format('invalid threshold %s of grade "%s" in scheme "%s"',
                                 coalesce(NEW.min_score::text, 'NULL'), NEW.grade, NEW.scheme_code),
                HINT = 'A grade threshold is a score from 0 to 100.';
        END IF;

    ELSIF TG_TABLE_NAME = 'unification_setting' THEN
        IF NEW.member_weighting IS NULL OR NEW.member_weighting NOT IN ('equal', 'volume') THEN
            RAISE EXCEPTION USING ERRCODE = '22023',
                MESSAGE = format('invalid member weighting "%s" of scheme "%s"',
                                 coalesce(NEW.member_weighting, 'NULL'), NEW.scheme_code),
                HINT = 'Members weigh equal or by volume.';
        END IF;
        kinds := NEW.alliance_kinds;
        SELECT string_agg(coalesce(k, 'NULL'), ', ') INTO bad FROM unnest(kinds) k
        WHERE k IS NULL OR k NOT IN ('county_medical_community', 'city_medical_group', 'specialty_alliance', 'remote_network');
        IF bad IS NOT NULL OR coalesce(cardinality(kinds), 0) = 0 THEN
            RAISE EXCEPTION USING ERRCODE = '22023',
                MESSAGE = format('invalid alliance kind(s) %s of scheme "%s"', coalesce(bad, '(none)'), NEW.scheme_code),
                HINT = 'Use county_medical_community, city_medical_group, specialty_alliance or remote_network.';
        END IF;
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION medalliance.unification_config_check() IS
    '清单配置校验 Trigger on the checklist configuration tables: refuses an unknown scheme, dimension, rule or document, a negative, NaN or infinite weight, a threshold outside its range, an unknown rule parameter, with SQLSTATE 22023 and a message naming the value.';

CREATE TRIGGER unification_dimension_check BEFORE INSERT OR UPDATE ON medalliance.unification_dimension
    FOR EACH ROW EXECUTE FUNCTION medalliance.unification_config_check();
CREATE TRIGGER unification_item_check BEFORE INSERT OR UPDATE ON medalliance.unification_item
    FOR EACH ROW EXECUTE FUNCTION medalliance.unification_config_check();
CREATE TRIGGER unification_grade_check BEFORE INSERT OR UPDATE ON medalliance.unification_grade
    FOR EACH ROW EXECUTE FUNCTION medalliance.unification_config_check();
CREATE TRIGGER unification_setting_check BEFORE INSERT OR UPDATE ON medalliance.unification_setting
    FOR EACH ROW EXECUTE FUNCTION medalliance.unification_config_check();

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
    ('nantong_five_unifications', 'equal', '{county_medical_community,city_medical_group}', 'project_default', true),
    ('miyi_township_village', 'equal', '{county_medical_community}', 'miyi_2019_draft', true),
    ('miyi_unified_procurement', 'equal', '{county_medical_community}', 'miyi_2019_draft', true);

SELECT pg_catalog.pg_extension_config_dump('medalliance.unification_dimension', 'WHERE NOT is_preset');
SELECT pg_catalog.pg_extension_config_dump('medalliance.unification_rule', 'WHERE NOT is_preset');
SELECT pg_catalog.pg_extension_config_dump('medalliance.unification_item', 'WHERE NOT is_preset');
SELECT pg_catalog.pg_extension_config_dump('medalliance.unification_grade', 'WHERE NOT is_preset');
SELECT pg_catalog.pg_extension_config_dump('medalliance.unification_setting', 'WHERE NOT is_preset');

GRANT SELECT ON medalliance.unification_dimension, medalliance.unification_rule, medalliance.unification_item,
                medalliance.unification_grade, medalliance.unification_setting TO medalliance_reader;
GRANT INSERT, UPDATE, DELETE ON medalliance.unification_dimension, medalliance.unification_item,
                                medalliance.unification_grade, medalliance.unification_setting TO medalliance_admin;
