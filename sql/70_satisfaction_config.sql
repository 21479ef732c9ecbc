-- Satisfaction survey schemes (满意度问卷方案): for each survey scheme its
-- survey kind (medalliance.survey_kinds()), items (weight, scale, the answer code meaning "not
-- applicable"), the minimum share of items a respondent must answer, the
-- minimum sample of a member, how members weigh in an alliance, and which
-- alliances and institution levels it applies to.  Presets ship with the
-- extension (is_preset); rows a DBA adds are kept by pg_dump.  Scoring is in
-- the next file.
--
-- No seed document fixes survey items, scales, weights or a satisfaction
-- target (shared/domain/indicators.md D2, F5): the schemes cite the seed that
-- requires the survey (verbatim, source_text), and the items, weights, scales
-- and settings are this project's proposal (project_default).

-- Schemes ----------------------------------------------------------------------

CREATE TABLE medalliance.satisfaction_scheme (
    scheme_code             text
        CONSTRAINT satisfaction_scheme_pkey PRIMARY KEY
        CONSTRAINT satisfaction_scheme_scheme_fkey REFERENCES medalliance.scheme (scheme_code),
    survey_kind             text NOT NULL
        CONSTRAINT satisfaction_scheme_kind_check CHECK (survey_kind = ANY (medalliance.survey_kinds())),
    min_answered_share      double precision NOT NULL DEFAULT 0.8
        CONSTRAINT satisfaction_scheme_share_check CHECK (min_answered_share > 0 AND min_answered_share <= 1),
    min_sample              integer NOT NULL DEFAULT 30
        CONSTRAINT satisfaction_scheme_sample_check CHECK (min_sample >= 2),
    alliance_weighting      text NOT NULL DEFAULT 'pooled'
        CONSTRAINT satisfaction_scheme_weighting_check CHECK (alliance_weighting IN ('pooled', 'equal')),
    top_boxes               integer NOT NULL DEFAULT 2
        CONSTRAINT satisfaction_scheme_top_boxes_check CHECK (top_boxes >= 1),
    confidence_level        double precision NOT NULL DEFAULT 0.95
        CONSTRAINT satisfaction_scheme_level_check CHECK (confidence_level > 0 AND confidence_level < 1),
    alliance_kinds          text[] NOT NULL
        CONSTRAINT satisfaction_scheme_kinds_check
        CHECK (cardinality(alliance_kinds) > 0 AND alliance_kinds <@ medalliance.alliance_kinds()),
    applies_to_levels       text[],
    document_code           text NOT NULL
        CONSTRAINT satisfaction_scheme_document_fkey REFERENCES medalliance.source_document (document_code),
    source_text             text,
    settings_document_code  text NOT NULL DEFAULT 'project_default'
        CONSTRAINT satisfaction_scheme_settings_document_fkey REFERENCES medalliance.source_document (document_code),
    is_preset               boolean NOT NULL DEFAULT false
);
COMMENT ON TABLE medalliance.satisfaction_scheme IS
    '满意度问卷方案 satisfaction survey schemes: per scheme (scheme_kind survey) the survey kind, the validity rule of a respondent, the minimum sample of a member, how members weigh in an alliance, the top boxes of the satisfaction rate and where the scheme applies. A survey scheme needs a row here to be refreshed.';
COMMENT ON COLUMN medalliance.satisfaction_scheme.scheme_code IS '方案 the survey scheme (medalliance.scheme, scheme_kind survey).';
COMMENT ON COLUMN medalliance.satisfaction_scheme.survey_kind IS '问卷类型 which survey_response rows the scheme reads: outpatient, inpatient, resident or staff.';
COMMENT ON COLUMN medalliance.satisfaction_scheme.min_answered_share IS
    '最低作答比例 a respondent is valid when the items answered are at least this share (0–1] of the scheme''s items that apply to them (items answered "not applicable" do not count against them); default 0.8.';
COMMENT ON COLUMN medalliance.satisfaction_scheme.min_sample IS
    '最小样本量 a member (or alliance) with fewer valid respondents in the period is flagged small_sample and left out of rankings (never hidden); default 30. A change applies at the next refresh.';
COMMENT ON COLUMN medalliance.satisfaction_scheme.alliance_weighting IS
    '医联体汇总方式 pooled (合并: every valid respondent of every member weighs the same) or equal (等权: the mean of the member scores, small-sample members left out). A change applies at the next refresh.';
COMMENT ON COLUMN medalliance.satisfaction_scheme.top_boxes IS
    '满意选项数 the satisfaction rate (满意率) counts answers in the top this-many boxes of each item''s scale (2: 4 and 5 of 1..5); below the number of points of every item.';
COMMENT ON COLUMN medalliance.satisfaction_scheme.confidence_level IS '置信水平 the level of the intervals the refresh stores and the views show, in (0, 1); default 0.95. A change applies at the next refresh.';
COMMENT ON COLUMN medalliance.satisfaction_scheme.alliance_kinds IS '适用医联体类型 the alliance kinds whose members are scored.';
COMMENT ON COLUMN medalliance.satisfaction_scheme.applies_to_levels IS
    '适用机构层级 the institution levels scored; NULL for every level. Members outside get no row (not judged).';
COMMENT ON COLUMN medalliance.satisfaction_scheme.document_code IS '依据文件 the document that requires this satisfaction assessment.';
COMMENT ON COLUMN medalliance.satisfaction_scheme.source_text IS '原文 the words of that document, verbatim; NULL for project_default.';
COMMENT ON COLUMN medalliance.satisfaction_scheme.settings_document_code IS
    '设置依据 the document the settings (share, sample, weighting, top boxes) come from: project_default, since no document sets them.';
COMMENT ON COLUMN medalliance.satisfaction_scheme.is_preset IS '预置 true for rows shipped with the extension; pg_dump keeps only the rows where it is false.';

-- Items -------------------------------------------------------------------------

CREATE TABLE medalliance.satisfaction_item (
    scheme_code          text NOT NULL
        CONSTRAINT satisfaction_item_scheme_fkey REFERENCES medalliance.satisfaction_scheme (scheme_code),
    item_code            text NOT NULL
        CONSTRAINT satisfaction_item_code_check CHECK (item_code ~ '^[a-z][a-z0-9_]*$'),
    item_no              smallint NOT NULL
        CONSTRAINT satisfaction_item_no_check CHECK (item_no >= 1),
    text_zh              text NOT NULL,
    text_en              text NOT NULL,
    weight               double precision NOT NULL DEFAULT 1
        CONSTRAINT satisfaction_item_weight_check CHECK (weight >= 0 AND weight < 'Infinity'::double precision),
    scale_lowest         smallint NOT NULL DEFAULT 1
        CONSTRAINT satisfaction_item_lowest_check CHECK (scale_lowest IN (0, 1)),
    scale_highest        smallint NOT NULL DEFAULT 5,
    na_answer            smallint,
    document_code        text NOT NULL DEFAULT 'project_default'
        CONSTRAINT satisfaction_item_document_fkey REFERENCES medalliance.source_document (document_code),
    weight_document_code text NOT NULL DEFAULT 'project_default'
        CONSTRAINT satisfaction_item_weight_document_fkey REFERENCES medalliance.source_document (document_code),
    is_preset            boolean NOT NULL DEFAULT false,
    CONSTRAINT satisfaction_item_pkey PRIMARY KEY (scheme_code, item_code),
    CONSTRAINT satisfaction_item_no_key UNIQUE (scheme_code, item_no),
    CONSTRAINT satisfaction_item_scale_check
        CHECK (scale_highest - scale_lowest + 1 BETWEEN 2 AND 11),
    CONSTRAINT satisfaction_item_na_check
        CHECK (na_answer IS NULL OR na_answer NOT BETWEEN scale_lowest AND scale_highest)
);
COMMENT ON TABLE medalliance.satisfaction_item IS
    '满意度问卷题目 items of a survey scheme: code (the survey_response.item_code it reads), text, weight in the respondent''s score, scale, and the answer code meaning not applicable. An item''s score is 100·(answer − lowest)/(highest − lowest).';
COMMENT ON COLUMN medalliance.satisfaction_item.scheme_code IS '方案 the survey scheme.';
COMMENT ON COLUMN medalliance.satisfaction_item.item_code IS '题目代码 item code, as in survey_response.item_code.';
COMMENT ON COLUMN medalliance.satisfaction_item.item_no IS '题号 the item''s number in the questionnaire.';
COMMENT ON COLUMN medalliance.satisfaction_item.text_zh IS '题目内容 the question, in Chinese.';
COMMENT ON COLUMN medalliance.satisfaction_item.text_en IS '英文内容 the question, in English.';
COMMENT ON COLUMN medalliance.satisfaction_item.weight IS
    '题目权重 weight a_i in the respondent''s score Σ a_i·u_i / Σ a_i over the items answered; finite, >= 0.';
COMMENT ON COLUMN medalliance.satisfaction_item.scale_lowest IS '量表最低值 the lowest answer: 1 for a 1..K Likert item, 0 for a 0–10 question.';
COMMENT ON COLUMN medalliance.satisfaction_item.scale_highest IS '量表最高值 the highest (most satisfied) answer; 2 to 11 points in all.';
COMMENT ON COLUMN medalliance.satisfaction_item.na_answer IS
    '不适用代码 the answer code meaning "not applicable" (不适用), outside the scale (e.g. 99); such answers are excluded, never scored as a middle value. NULL answers are always "not answered".';
COMMENT ON COLUMN medalliance.satisfaction_item.document_code IS '依据文件 the document the item comes from (project_default: no document lists survey items).';
COMMENT ON COLUMN medalliance.satisfaction_item.weight_document_code IS '权重依据 the document the weight comes from (project_default: equal weights).';
COMMENT ON COLUMN medalliance.satisfaction_item.is_preset IS '预置 true for rows shipped with the extension; pg_dump keeps only the rows where it is false.';

-- Validation: bad configuration is refused with 22023 naming the value ---------

CREATE FUNCTION medalliance.satisfaction_scheme_check()
RETURNS trigger
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SECURITY INVOKER
SET search_path = pg_catalog, medalliance, pg_temp
AS $$
DECLARE
    bad text;
BEGIN
    IF NOT EXISTS (SELECT FROM medalliance.scheme s
                   WHERE s.scheme_code = NEW.scheme_code AND s.scheme_kind = 'survey') THEN
        RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
            MESSAGE = format('unknown survey scheme "%s"', NEW.scheme_code),
            HINT = 'Add the scheme to medalliance.scheme with scheme_kind ''survey'' first.';
    END IF;
    IF NEW.min_answered_share IS NULL OR NEW.min_answered_share = 'NaN'::double precision
       OR NEW.min_answered_share <= 0 OR NEW.min_answered_share > 1 THEN
        RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
            MESSAGE = format('invalid min_answered_share %s of survey scheme "%s"',
                             coalesce(NEW.min_answered_share::text, 'NULL'), NEW.scheme_code),
            HINT = 'The minimum share of items answered lies in (0, 1], e.g. 0.8.';
    END IF;
    IF NEW.min_sample IS NULL OR NEW.min_sample < 2 THEN
        RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
            MESSAGE = format('invalid min_sample %s of survey scheme "%s"', coalesce(NEW.min_sample::text, 'NULL'), NEW.scheme_code),
            HINT = 'The minimum sample is a whole number of respondents >= 2, e.g. 30.';
    END IF;
    IF NEW.confidence_level IS NULL OR NEW.confidence_level = 'NaN'::double precision
       OR NEW.confidence_level <= 0 OR NEW.confidence_level >= 1 THEN
        RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
            MESSAGE = format('invalid confidence_level %s of survey scheme "%s"',
                             coalesce(NEW.confidence_level::text, 'NULL'), NEW.scheme_code),
            HINT = 'Use for example 0.95 for 95% intervals.';
    END IF;
    IF NEW.alliance_weighting IS NULL OR NEW.alliance_weighting NOT IN ('pooled', 'equal') THEN
        RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
            MESSAGE = format('invalid alliance weighting "%s" of survey scheme "%s"',
                             coalesce(NEW.alliance_weighting, 'NULL'), NEW.scheme_code),
            HINT = 'Alliance scores are pooled over respondents or equal over members.';
    END IF;
    SELECT string_agg(i.item_code, ', ') INTO bad FROM medalliance.satisfaction_item i
    WHERE i.scheme_code = NEW.scheme_code AND NEW.top_boxes >= i.scale_highest - i.scale_lowest + 1;
    IF NEW.top_boxes IS NULL OR NEW.top_boxes < 1 OR bad IS NOT NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
            MESSAGE = format('invalid top_boxes %s of survey scheme "%s"%s', coalesce(NEW.top_boxes::text, 'NULL'),
                             NEW.scheme_code, coalesce(' for item(s) ' || bad, '')),
            HINT = 'The satisfaction rate counts 1 or more top boxes, fewer than the points of every item (2 for a 5-point scale).';
    END IF;
    IF NEW.survey_kind IS NULL OR NOT NEW.survey_kind = ANY (medalliance.survey_kinds()) THEN
        RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
            MESSAGE = format('invalid survey kind "%s" of survey scheme "%s"', coalesce(NEW.survey_kind, 'NULL'), NEW.scheme_code),
            HINT = format('Use one of %s.', array_to_string(medalliance.survey_kinds(), ', '));
    END IF;
    SELECT string_agg(coalesce(k, 'NULL'), ', ') INTO bad FROM unnest(NEW.alliance_kinds) k
    WHERE k IS NULL OR NOT k = ANY (medalliance.alliance_kinds());
    IF bad IS NOT NULL OR coalesce(cardinality(NEW.alliance_kinds), 0) = 0 THEN
        RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
            MESSAGE = format('invalid alliance kind(s) %s of survey scheme "%s"', coalesce(bad, '(none)'), NEW.scheme_code),
            HINT = format('Use one of %s.', array_to_string(medalliance.alliance_kinds(), ', '));
    END IF;
    SELECT string_agg(coalesce(l, 'NULL'), ', ') INTO bad FROM unnest(NEW.applies_to_levels) l
    WHERE l IS NULL OR NOT l = ANY (medalliance.institution_levels());
    IF bad IS NOT NULL OR cardinality(NEW.applies_to_levels) = 0 THEN
        RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
            MESSAGE = format('invalid institution level(s) %s in applies_to_levels of survey scheme "%s"',
                             coalesce(bad, '(none)'), NEW.scheme_code),
            HINT = 'Use the levels of medalliance.institution.institution_level, or NULL for every level.';
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION medalliance.satisfaction_scheme_check() IS
    '问卷方案校验 Trigger on satisfaction_scheme: refuses a scheme that is not a survey scheme, a share, sample, level, weighting, top_boxes, alliance kind or institution level out of range, with SQLSTATE 22023 and a message naming the value.';

CREATE TRIGGER satisfaction_scheme_check BEFORE INSERT OR UPDATE ON medalliance.satisfaction_scheme
    FOR EACH ROW EXECUTE FUNCTION medalliance.satisfaction_scheme_check();

CREATE FUNCTION medalliance.satisfaction_item_check()
RETURNS trigger
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SECURITY INVOKER
SET search_path = pg_catalog, medalliance, pg_temp
AS $$
DECLARE
    boxes integer;
BEGIN
    IF NEW.weight IS NULL OR NEW.weight = 'NaN'::double precision OR NEW.weight < 0
       OR NEW.weight = 'Infinity'::double precision THEN
        RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
            MESSAGE = format('invalid weight %s of survey item "%s" in scheme "%s"',
                             coalesce(NEW.weight::text, 'NULL'), NEW.item_code, NEW.scheme_code),
            HINT = 'An item weight is a finite number >= 0.';
    END IF;
    IF NEW.scale_lowest IS NULL OR NEW.scale_highest IS NULL OR NEW.scale_lowest NOT IN (0, 1)
       OR NEW.scale_highest - NEW.scale_lowest + 1 NOT BETWEEN 2 AND 11 THEN
        RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
            MESSAGE = format('invalid scale %s..%s of survey item "%s"', coalesce(NEW.scale_lowest::text, 'NULL'),
                             coalesce(NEW.scale_highest::text, 'NULL'), NEW.item_code),
            HINT = 'A scale has 2 to 11 points: 1..K for a K-point item, or 0..10 for a recommendation question.';
    END IF;
    IF NEW.na_answer BETWEEN NEW.scale_lowest AND NEW.scale_highest THEN
        RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
            MESSAGE = format('not-applicable code %s of survey item "%s" lies on its scale %s..%s',
                             NEW.na_answer, NEW.item_code, NEW.scale_lowest, NEW.scale_highest),
            HINT = '"Not applicable" must never be scored as a value of the scale: use a code outside it, e.g. 99.';
    END IF;
    SELECT s.top_boxes INTO boxes FROM medalliance.satisfaction_scheme s WHERE s.scheme_code = NEW.scheme_code;
    IF boxes >= NEW.scale_highest - NEW.scale_lowest + 1 THEN
        RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
            MESSAGE = format('survey item "%s" has %s points, not more than the %s top boxes of scheme "%s"',
                             NEW.item_code, NEW.scale_highest - NEW.scale_lowest + 1, boxes, NEW.scheme_code),
            HINT = 'Give the item more points or lower satisfaction_scheme.top_boxes.';
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION medalliance.satisfaction_item_check() IS
    '问卷题目校验 Trigger on satisfaction_item: refuses a negative, NaN or infinite weight, a scale outside 2–11 points, a not-applicable code on the scale and a scale with no more points than the scheme''s top boxes, with SQLSTATE 22023 and a message naming the value.';

CREATE TRIGGER satisfaction_item_check BEFORE INSERT OR UPDATE ON medalliance.satisfaction_item
    FOR EACH ROW EXECUTE FUNCTION medalliance.satisfaction_item_check();

-- Presets ------------------------------------------------------------------------

INSERT INTO medalliance.scheme (scheme_code, scheme_kind, title, document_code, is_preset) VALUES
    ('satisfaction_outpatient', 'survey', '门诊患者满意度 outpatient satisfaction (items: project proposal)',
     'nantong_2017_118', true),
    ('satisfaction_inpatient', 'survey', '住院患者满意度 inpatient satisfaction (items: project proposal)',
     'hainan_2021_73', true),
    ('satisfaction_resident', 'survey', '群众满意度 resident satisfaction with primary care (items: project proposal)',
     'miyi_2019_draft', true),
    ('satisfaction_staff', 'survey', '医务人员满意度 staff satisfaction (items: project proposal)',
     'project_default', true);

INSERT INTO medalliance.satisfaction_scheme
    (scheme_code, survey_kind, alliance_kinds, applies_to_levels, document_code, source_text, is_preset)
VALUES
    ('satisfaction_outpatient', 'outpatient',
     '{county_medical_community,city_medical_group,specialty_alliance,remote_network}', NULL,
     'nantong_2017_118', '患者对基层服务满意度', true),
    ('satisfaction_inpatient', 'inpatient',
     '{county_medical_community,city_medical_group,specialty_alliance,remote_network}', NULL,
     'hainan_2021_73', '提升服务质量和患者满意度', true),
    ('satisfaction_resident', 'resident',
     '{county_medical_community,city_medical_group}',
     '{township_health_centre,community_health_centre,village_clinic,community_station}',
     'miyi_2019_draft', '群众满意度', true),
    ('satisfaction_staff', 'staff',
     '{county_medical_community,city_medical_group,specialty_alliance,remote_network}', NULL,
     'project_default', NULL, true);

INSERT INTO medalliance.satisfaction_item
    (scheme_code, item_code, item_no, text_zh, text_en, na_answer, is_preset)
VALUES
    ('satisfaction_outpatient', 'waiting_time', 1, '挂号、候诊等候时间', 'waiting time to register and to be seen', 99, true),
    ('satisfaction_outpatient', 'doctor_communication', 2, '医生沟通与态度', 'the doctor''s communication and manner', 99, true),
    ('satisfaction_outpatient', 'explanation', 3, '病情和治疗解释', 'explanation of the condition and treatment', 99, true),
    ('satisfaction_outpatient', 'privacy', 4, '隐私保护', 'privacy', 99, true),
    ('satisfaction_outpatient', 'environment', 5, '就诊环境', 'environment and cleanliness', 99, true),
    ('satisfaction_outpatient', 'cost', 6, '费用合理', 'reasonable costs', 99, true),
    ('satisfaction_outpatient', 'convenience', 7, '就诊便捷（预约、缴费、检查）', 'convenience (booking, payment, tests)', 99, true),
    ('satisfaction_outpatient', 'overall', 8, '总体满意程度', 'overall satisfaction', NULL, true),
    ('satisfaction_inpatient', 'admission', 1, '入院手续', 'admission', 99, true),
    ('satisfaction_inpatient', 'doctor_communication', 2, '医生沟通与态度', 'the doctors'' communication and manner', 99, true),
    ('satisfaction_inpatient', 'nursing', 3, '护理服务', 'nursing care', 99, true),
    ('satisfaction_inpatient', 'explanation', 4, '病情和治疗解释', 'explanation of the condition and treatment', 99, true),
    ('satisfaction_inpatient', 'privacy', 5, '隐私保护', 'privacy', 99, true),
    ('satisfaction_inpatient', 'environment', 6, '病房环境', 'ward environment', 99, true),
    ('satisfaction_inpatient', 'meals', 7, '膳食', 'meals', 99, true),
    ('satisfaction_inpatient', 'cost', 8, '费用合理', 'reasonable costs', 99, true),
    ('satisfaction_inpatient', 'discharge_guidance', 9, '出院指导', 'discharge guidance', 99, true),
    ('satisfaction_inpatient', 'overall', 10, '总体满意程度', 'overall satisfaction', NULL, true),
    ('satisfaction_resident', 'accessibility', 1, '就近就医方便程度', 'care close to home', 99, true),
    ('satisfaction_resident', 'family_doctor', 2, '家庭医生签约服务', 'family-doctor contract services', 99, true),
    ('satisfaction_resident', 'attitude', 3, '服务态度', 'manner of the staff', 99, true),
    ('satisfaction_resident', 'medicines', 4, '基本药物供应', 'availability of essential medicines', 99, true),
    ('satisfaction_resident', 'referral', 5, '转诊便利', 'ease of referral', 99, true),
    ('satisfaction_resident', 'cost', 6, '费用合理', 'reasonable costs', 99, true),
    ('satisfaction_resident', 'overall', 7, '总体满意程度', 'overall satisfaction', NULL, true),
    ('satisfaction_staff', 'workload', 1, '工作负荷', 'workload', 99, true),
    ('satisfaction_staff', 'pay', 2, '薪酬待遇', 'pay', 99, true),
    ('satisfaction_staff', 'training', 3, '培训进修', 'training', 99, true),
    ('satisfaction_staff', 'management', 4, '医院管理', 'management', 99, true),
    ('satisfaction_staff', 'development', 5, '职业发展', 'career development', 99, true),
    ('satisfaction_staff', 'overall', 6, '总体满意程度', 'overall satisfaction', NULL, true);

SELECT pg_catalog.pg_extension_config_dump('medalliance.satisfaction_scheme', 'WHERE NOT is_preset');
SELECT pg_catalog.pg_extension_config_dump('medalliance.satisfaction_item', 'WHERE NOT is_preset');

GRANT SELECT ON medalliance.satisfaction_scheme, medalliance.satisfaction_item TO medalliance_reader;
GRANT INSERT, UPDATE, DELETE ON medalliance.satisfaction_scheme, medalliance.satisfaction_item TO medalliance_admin;
