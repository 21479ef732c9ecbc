-- The annual assessment (综合考核): configuration.  An assessment scheme
-- (scheme_kind 'assessment') combines what the other layers store — indicator
-- values and target attainment, six-unification scores, QC scores and
-- satisfaction scores — into one total per alliance and year:
--
--   assessment_setting      one row per scheme: which alliance kinds it
--                           assesses, the bonus cap, what a measure that cannot
--                           be assessed does, and the scheme's version;
--   assessment_domain       the domains (考核维度) and their points;
--   assessment_measure      the measures (考核指标) of each domain, each with the
--                           stored result it reads, its scoring rule (the QC
--                           kernel's: linear, threshold, improvement, band; or
--                           attainment of a target; or monitor only) and its
--                           points; bonus (加分) and veto (一票否决) measures;
--   assessment_grade        the grades (等次) by total;
--   assessment_consequence  what the results lead to (结果运用), shown beside
--                           the grade.
--
-- Points inside a domain are weights: a measure's share of its domain is its
-- points over the domain's measure points (all of them, or only those that
-- could be assessed: missing_policy).  So "weights" (domain points summing to
-- 100) and "points" (积分) are the same configuration.
--
-- Versions: a scheme's configuration is published the first time
-- refresh_assessment() scores with it (a snapshot in assessment_version).
-- Editing a published scheme afterwards makes a new version; stored results
-- name the version they were scored with.

-- Closed lists -------------------------------------------------------------

CREATE FUNCTION medalliance.assessment_rules() RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$ SELECT ARRAY['linear', 'threshold', 'improvement', 'band', 'attainment', 'monitor'] $$;
COMMENT ON FUNCTION medalliance.assessment_rules() IS
    '考核评分规则 The one list of assessment scoring rules: linear (线性插值, score_linear), threshold (达标, score_threshold), improvement (改善, score_improvement over the previous year), band (区间, score_band), attainment (目标达成: full points when target_attainment says met), monitor (仅监测: shown, no points).';

-- The stored results a measure can read: one row per layer, naming the
-- function that reads the layer's yearly results for a scheme's measures and
-- the function that checks a measure's source.  The rows come with the
-- readers (81_assessment_sources.sql).
CREATE TABLE medalliance.assessment_source (
    source_kind        text
        CONSTRAINT assessment_source_pkey PRIMARY KEY
        CONSTRAINT assessment_source_layer_fkey REFERENCES medalliance.refresh_layer (layer),
    source_scheme_kind text NOT NULL,
    scheme_optional    boolean NOT NULL,
    read_by            regprocedure NOT NULL,
    checked_by         regprocedure NOT NULL,
    keys               text NOT NULL
);
COMMENT ON TABLE medalliance.assessment_source IS
    '考核数据来源 the layers whose stored results an assessment measure can read (a closed list: each needs code), with the function that reads a scheme''s measures of the layer for a year and the one that checks a measure''s source.';
COMMENT ON COLUMN medalliance.assessment_source.source_kind IS '来源 the layer (refresh_layer.layer).';
COMMENT ON COLUMN medalliance.assessment_source.source_scheme_kind IS '来源方案类别 the scheme_kind a measure''s source_scheme must have.';
COMMENT ON COLUMN medalliance.assessment_source.scheme_optional IS '方案可缺省 whether a measure may read the layer without a source_scheme (indicator values: yes; attainment needs its targets scheme).';
COMMENT ON COLUMN medalliance.assessment_source.read_by IS '读取函数 read_by(scheme_code, year): the raw values of the scheme''s measures of this layer for each alliance.';
COMMENT ON COLUMN medalliance.assessment_source.checked_by IS '检查函数 checked_by(source_scheme, source_key, rule): why a measure''s source is wrong, or NULL.';
COMMENT ON COLUMN medalliance.assessment_source.keys IS '来源键 what source_key names for the layer.';
SELECT pg_catalog.pg_extension_config_dump('medalliance.assessment_source', 'WHERE false');
GRANT SELECT ON medalliance.assessment_source TO medalliance_reader;

-- Settings ----------------------------------------------------------------

CREATE TABLE medalliance.assessment_setting (
    scheme_code     text
        CONSTRAINT assessment_setting_pkey PRIMARY KEY
        CONSTRAINT assessment_setting_scheme_fkey REFERENCES medalliance.scheme (scheme_code),
    version         integer NOT NULL DEFAULT 1
        CONSTRAINT assessment_setting_version_check CHECK (version >= 1),
    alliance_kinds  text[] NOT NULL
        CONSTRAINT assessment_setting_kinds_check
        CHECK (cardinality(alliance_kinds) > 0 AND alliance_kinds <@ medalliance.alliance_kinds()),
    bonus_cap       double precision NOT NULL DEFAULT 0
        CONSTRAINT assessment_setting_bonus_cap_check CHECK (bonus_cap >= 0 AND bonus_cap < 'Infinity'),
    missing_policy  text NOT NULL DEFAULT 'rescale'
        CONSTRAINT assessment_setting_missing_policy_check CHECK (missing_policy IN ('rescale', 'zero')),
    document_code   text NOT NULL
        CONSTRAINT assessment_setting_document_fkey REFERENCES medalliance.source_document (document_code),
    source_text     text NOT NULL,
    is_preset       boolean NOT NULL DEFAULT false
);
COMMENT ON TABLE medalliance.assessment_setting IS
    '考核方案设置 one row per assessment scheme: the alliance kinds it assesses (others get no row), the bonus cap, the missing-value policy and the current version.';
COMMENT ON COLUMN medalliance.assessment_setting.scheme_code IS '方案 the assessment scheme (medalliance.scheme, scheme_kind assessment).';
COMMENT ON COLUMN medalliance.assessment_setting.version IS '版本 the current version: raised by the first edit after the version was published (scored with).';
COMMENT ON COLUMN medalliance.assessment_setting.alliance_kinds IS '适用医联体类型 the alliance kinds the scheme assesses, from its document.';
COMMENT ON COLUMN medalliance.assessment_setting.bonus_cap IS '加分上限 the most bonus points an alliance can add, in points (0: no bonus).';
COMMENT ON COLUMN medalliance.assessment_setting.missing_policy IS
    '缺失处理 a measure that cannot be assessed: rescale (未采集的不进分母: the domain''s points are shared among the measures that could be assessed, and the domains that could be among the total) or zero (counts 0 points).';
COMMENT ON COLUMN medalliance.assessment_setting.document_code IS '依据文件 the document the scheme follows.';
COMMENT ON COLUMN medalliance.assessment_setting.source_text IS '原文 the document''s words for the assessment, verbatim.';
COMMENT ON COLUMN medalliance.assessment_setting.is_preset IS '预置 true for rows shipped with the extension; pg_dump keeps only the rows where it is false.';

-- Domains -----------------------------------------------------------------

CREATE TABLE medalliance.assessment_domain (
    scheme_code          text NOT NULL
        CONSTRAINT assessment_domain_setting_fkey REFERENCES medalliance.assessment_setting (scheme_code)
        ON DELETE CASCADE,
    domain_code          text NOT NULL
        CONSTRAINT assessment_domain_code_check CHECK (domain_code ~ '^[a-z][a-z0-9_]*$'),
    domain_no            smallint NOT NULL,
    name_zh              text NOT NULL,
    name_en              text NOT NULL,
    points               double precision NOT NULL
        CONSTRAINT assessment_domain_points_check CHECK (points > 0 AND points < 'Infinity'),
    points_document_code text NOT NULL DEFAULT 'project_default'
        CONSTRAINT assessment_domain_points_document_fkey REFERENCES medalliance.source_document (document_code),
    document_code        text NOT NULL
        CONSTRAINT assessment_domain_document_fkey REFERENCES medalliance.source_document (document_code),
    source_text          text NOT NULL,
    is_preset            boolean NOT NULL DEFAULT false,
    CONSTRAINT assessment_domain_pkey PRIMARY KEY (scheme_code, domain_code),
    CONSTRAINT assessment_domain_no_key UNIQUE (scheme_code, domain_no)
);
COMMENT ON TABLE medalliance.assessment_domain IS
    '考核维度 the domains of an assessment scheme and their points; the total is the sum of the domains'' points plus the bonus.';
COMMENT ON COLUMN medalliance.assessment_domain.scheme_code IS '方案 the assessment scheme.';
COMMENT ON COLUMN medalliance.assessment_domain.domain_code IS '维度代码 domain code.';
COMMENT ON COLUMN medalliance.assessment_domain.domain_no IS '序号 display order.';
COMMENT ON COLUMN medalliance.assessment_domain.name_zh IS '维度名称 the Chinese name, as the document says it.';
COMMENT ON COLUMN medalliance.assessment_domain.name_en IS '英文名称 the English name.';
COMMENT ON COLUMN medalliance.assessment_domain.points IS '分值 the domain''s full points (its weight, in points of the total).';
COMMENT ON COLUMN medalliance.assessment_domain.points_document_code IS '分值依据 the document that fixes the points: project_default where the document names the domain but gives no points.';
COMMENT ON COLUMN medalliance.assessment_domain.document_code IS '依据文件 the document that names the domain.';
COMMENT ON COLUMN medalliance.assessment_domain.source_text IS '原文 the document''s words for the domain, verbatim.';
COMMENT ON COLUMN medalliance.assessment_domain.is_preset IS '预置 true for rows shipped with the extension.';

-- Measures ----------------------------------------------------------------

CREATE TABLE medalliance.assessment_measure (
    scheme_code          text NOT NULL
        CONSTRAINT assessment_measure_setting_fkey REFERENCES medalliance.assessment_setting (scheme_code)
        ON DELETE CASCADE,
    measure_code         text NOT NULL
        CONSTRAINT assessment_measure_code_check CHECK (measure_code ~ '^[a-z][a-z0-9_]*$'),
    measure_no           smallint NOT NULL,
    domain_code          text,
    role                 text NOT NULL DEFAULT 'scored'
        CONSTRAINT assessment_measure_role_check CHECK (role IN ('scored', 'bonus', 'veto')),
    name_zh              text NOT NULL,
    name_en              text NOT NULL,
    source_kind          text NOT NULL
        CONSTRAINT assessment_measure_source_kind_fkey REFERENCES medalliance.assessment_source (source_kind),
    source_scheme        text
        CONSTRAINT assessment_measure_source_scheme_fkey REFERENCES medalliance.scheme (scheme_code),
    source_key           text,
    rule                 text NOT NULL
        CONSTRAINT assessment_measure_rule_check CHECK (rule = ANY (medalliance.assessment_rules())),
    points               double precision NOT NULL DEFAULT 0
        CONSTRAINT assessment_measure_points_check CHECK (points >= 0 AND points < 'Infinity'),
    floor_value          double precision,
    target_value         double precision,
    low_value            double precision,
    high_value           double precision,
    falloff              double precision,
    target_gain          double precision,
    relative_gain        boolean NOT NULL DEFAULT false,
    higher_is_better     boolean NOT NULL DEFAULT true,
    veto_effect          text
        CONSTRAINT assessment_measure_veto_effect_check CHECK (veto_effect IN ('zero_total', 'cap_grade')),
    veto_grade           text,
    points_document_code text NOT NULL DEFAULT 'project_default'
        CONSTRAINT assessment_measure_points_document_fkey REFERENCES medalliance.source_document (document_code),
    document_code        text NOT NULL
        CONSTRAINT assessment_measure_document_fkey REFERENCES medalliance.source_document (document_code),
    source_text          text NOT NULL,
    is_preset            boolean NOT NULL DEFAULT false,
    CONSTRAINT assessment_measure_pkey PRIMARY KEY (scheme_code, measure_code),
    CONSTRAINT assessment_measure_no_key UNIQUE (scheme_code, measure_no),
    CONSTRAINT assessment_measure_domain_fkey FOREIGN KEY (scheme_code, domain_code)
        REFERENCES medalliance.assessment_domain (scheme_code, domain_code) ON DELETE CASCADE,
    -- a scored measure belongs to a domain; bonus and veto measures stand beside them
    CONSTRAINT assessment_measure_domain_check CHECK ((role = 'scored') = (domain_code IS NOT NULL)),
    CONSTRAINT assessment_measure_veto_check
        CHECK ((role = 'veto') = (veto_effect IS NOT NULL)
               AND (veto_effect IS DISTINCT FROM 'cap_grade') = (veto_grade IS NULL)),
    CONSTRAINT assessment_measure_monitor_check CHECK (rule <> 'monitor' OR (role = 'scored' AND points = 0)),
    CONSTRAINT assessment_measure_scored_points_check CHECK (role <> 'scored' OR rule = 'monitor' OR points > 0)
);
COMMENT ON TABLE medalliance.assessment_measure IS
    '考核指标 the measures of an assessment scheme: the stored result each reads (source_kind, source_scheme, source_key), its scoring rule and parameters, and its points. role scored: part of its domain; bonus (加分): added up to the bonus cap; veto (一票否决): when its rule does not give full points the total is zeroed or the grade capped.';
COMMENT ON COLUMN medalliance.assessment_measure.scheme_code IS '方案 the assessment scheme.';
COMMENT ON COLUMN medalliance.assessment_measure.measure_code IS '指标代码 measure code.';
COMMENT ON COLUMN medalliance.assessment_measure.measure_no IS '序号 display order.';
COMMENT ON COLUMN medalliance.assessment_measure.domain_code IS '维度 the domain of a scored measure; NULL for bonus and veto measures.';
COMMENT ON COLUMN medalliance.assessment_measure.role IS '角色 scored (计分), bonus (加分) or veto (一票否决).';
COMMENT ON COLUMN medalliance.assessment_measure.name_zh IS '指标名称 the Chinese name.';
COMMENT ON COLUMN medalliance.assessment_measure.name_en IS '英文名称 the English name.';
COMMENT ON COLUMN medalliance.assessment_measure.source_kind IS
    '数据来源 the layer read (assessment_source): indicators (the alliance''s yearly indicator_value; with rule attainment, target_attainment), unification (unification_alliance_dimension score, or the overall score), qc (qc_alliance score), satisfaction (satisfaction_alliance score or rate).';
COMMENT ON COLUMN medalliance.assessment_measure.source_scheme IS
    '来源方案 the scheme of the stored result: the targets scheme (attainment), the checklist, the QC scheme or the survey scheme; NULL for an indicator value read without a target.';
COMMENT ON COLUMN medalliance.assessment_measure.source_key IS
    '来源键 the indicator_code (indicator); the dimension_code or overall (unification); score or satisfaction_rate (satisfaction); NULL for qc (the total score).';
COMMENT ON COLUMN medalliance.assessment_measure.rule IS '评分规则 linear, threshold, improvement, band, attainment or monitor (medalliance.assessment_rules()).';
COMMENT ON COLUMN medalliance.assessment_measure.points IS '分值 full points (within its domain, a weight: the measure''s share of the domain is points / Σ points); 0 for monitor-only.';
COMMENT ON COLUMN medalliance.assessment_measure.floor_value IS '底线值 linear: the value that scores 0, in the value''s unit.';
COMMENT ON COLUMN medalliance.assessment_measure.target_value IS '目标值 linear: the value that scores full points; threshold: the threshold, in the value''s unit.';
COMMENT ON COLUMN medalliance.assessment_measure.low_value IS '区间下限 band: lower end of the full-points band.';
COMMENT ON COLUMN medalliance.assessment_measure.high_value IS '区间上限 band: upper end of the full-points band.';
COMMENT ON COLUMN medalliance.assessment_measure.falloff IS '衰减宽度 band: distance outside the band at which points reach 0.';
COMMENT ON COLUMN medalliance.assessment_measure.target_gain IS '目标增幅 improvement: the gain over the previous year that scores full points (percentage points, or percent with relative_gain; negative asks for a decrease).';
COMMENT ON COLUMN medalliance.assessment_measure.relative_gain IS '相对增幅 improvement: the gain is relative ((value − baseline) / baseline, in percent).';
COMMENT ON COLUMN medalliance.assessment_measure.higher_is_better IS '越高越好 threshold: met at or above the threshold (false: at or below).';
COMMENT ON COLUMN medalliance.assessment_measure.veto_effect IS '否决效果 veto: zero_total (总分为零) or cap_grade (等次封顶).';
COMMENT ON COLUMN medalliance.assessment_measure.veto_grade IS '封顶等次 veto cap_grade: the best grade a vetoed alliance can get.';
COMMENT ON COLUMN medalliance.assessment_measure.points_document_code IS '分值依据 the document that fixes the points and parameters: project_default where the document gives none.';
COMMENT ON COLUMN medalliance.assessment_measure.document_code IS '依据文件 the document that asks for the measure.';
COMMENT ON COLUMN medalliance.assessment_measure.source_text IS '原文 the document''s words for the measure, verbatim.';
COMMENT ON COLUMN medalliance.assessment_measure.is_preset IS '预置 true for rows shipped with the extension.';

-- Grades and what they lead to ----------------------------------------------

CREATE TABLE medalliance.assessment_grade (
    scheme_code   text NOT NULL
        CONSTRAINT assessment_grade_setting_fkey REFERENCES medalliance.assessment_setting (scheme_code)
        ON DELETE CASCADE,
    grade         text NOT NULL,
    grade_no      smallint NOT NULL
        CONSTRAINT assessment_grade_no_check CHECK (grade_no >= 1),
    name_en       text NOT NULL,
    min_total     double precision NOT NULL
        CONSTRAINT assessment_grade_min_total_check CHECK (min_total >= 0 AND min_total < 'Infinity'),
    document_code text NOT NULL
        CONSTRAINT assessment_grade_document_fkey REFERENCES medalliance.source_document (document_code),
    source_text   text,
    is_preset     boolean NOT NULL DEFAULT false,
    CONSTRAINT assessment_grade_pkey PRIMARY KEY (scheme_code, grade),
    CONSTRAINT assessment_grade_no_key UNIQUE (scheme_code, grade_no),
    CONSTRAINT assessment_grade_min_total_key UNIQUE (scheme_code, min_total)
);
COMMENT ON TABLE medalliance.assessment_grade IS
    '考核等次 the grades of an assessment scheme: an alliance gets the grade whose min_total is the highest not above its total (grade_no 1 is the best); a scheme needs a grade with min_total 0.';
COMMENT ON COLUMN medalliance.assessment_grade.scheme_code IS '方案 the assessment scheme.';
COMMENT ON COLUMN medalliance.assessment_grade.grade IS '等次 the grade as published (优秀, 良好, ...).';
COMMENT ON COLUMN medalliance.assessment_grade.grade_no IS '等次序号 1 for the best grade.';
COMMENT ON COLUMN medalliance.assessment_grade.name_en IS '英文名称 the English name.';
COMMENT ON COLUMN medalliance.assessment_grade.min_total IS '最低总分 the lowest total of the grade, in points.';
COMMENT ON COLUMN medalliance.assessment_grade.document_code IS '依据文件 the document that fixes the thresholds (project_default when none does).';
COMMENT ON COLUMN medalliance.assessment_grade.source_text IS '原文 the document''s words, verbatim, where it names the grade.';
COMMENT ON COLUMN medalliance.assessment_grade.is_preset IS '预置 true for rows shipped with the extension.';

CREATE TABLE medalliance.assessment_consequence (
    scheme_code      text NOT NULL
        CONSTRAINT assessment_consequence_setting_fkey REFERENCES medalliance.assessment_setting (scheme_code)
        ON DELETE CASCADE,
    consequence_code text NOT NULL
        CONSTRAINT assessment_consequence_code_check CHECK (consequence_code ~ '^[a-z][a-z0-9_]*$'),
    area             text NOT NULL
        CONSTRAINT assessment_consequence_area_check
        CHECK (area IN ('funding', 'insurance_payment', 'performance_pay', 'leaders', 'appraisal')),
    name_zh          text NOT NULL,
    name_en          text NOT NULL,
    grades           text[],
    document_code    text NOT NULL
        CONSTRAINT assessment_consequence_document_fkey REFERENCES medalliance.source_document (document_code),
    source_text      text NOT NULL,
    is_preset        boolean NOT NULL DEFAULT false,
    CONSTRAINT assessment_consequence_pkey PRIMARY KEY (scheme_code, consequence_code)
);
COMMENT ON TABLE medalliance.assessment_consequence IS
    '结果运用 what the assessment''s results lead to — funding, insurance payment, the performance-pay total, leaders'' appointment and rewards — as the document ties them; shown beside the grade, never computed.';
COMMENT ON COLUMN medalliance.assessment_consequence.scheme_code IS '方案 the assessment scheme.';
COMMENT ON COLUMN medalliance.assessment_consequence.consequence_code IS '代码 consequence code.';
COMMENT ON COLUMN medalliance.assessment_consequence.area IS '领域 funding (财政投入), insurance_payment (医保支付), performance_pay (绩效总量), leaders (任免奖惩), appraisal (纳入绩效考核).';
COMMENT ON COLUMN medalliance.assessment_consequence.name_zh IS '名称 what the document ties to the result, in its words.';
COMMENT ON COLUMN medalliance.assessment_consequence.name_en IS '英文名称 the English name.';
COMMENT ON COLUMN medalliance.assessment_consequence.grades IS '适用等次 the grades it is shown beside; NULL for every grade (the document ties it to the result without naming grades).';
COMMENT ON COLUMN medalliance.assessment_consequence.document_code IS '依据文件 the document.';
COMMENT ON COLUMN medalliance.assessment_consequence.source_text IS '原文 the document''s words, verbatim.';
COMMENT ON COLUMN medalliance.assessment_consequence.is_preset IS '预置 true for rows shipped with the extension.';

-- Versions ----------------------------------------------------------------

CREATE TABLE medalliance.assessment_version (
    scheme_code  text NOT NULL
        CONSTRAINT assessment_version_setting_fkey REFERENCES medalliance.assessment_setting (scheme_code)
        ON DELETE CASCADE,
    version      integer NOT NULL,
    config       jsonb NOT NULL,
    published_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    published_by name NOT NULL DEFAULT current_user,
    CONSTRAINT assessment_version_pkey PRIMARY KEY (scheme_code, version)
);
COMMENT ON TABLE medalliance.assessment_version IS
    '方案版本 the published versions of each assessment scheme: the whole configuration (setting, domains, measures, grades, consequences) as it was when refresh_assessment() first scored with it. A published score is reproduced from its version''s configuration and the layer refreshes its run names.';
COMMENT ON COLUMN medalliance.assessment_version.scheme_code IS '方案 the assessment scheme.';
COMMENT ON COLUMN medalliance.assessment_version.version IS '版本 version number.';
COMMENT ON COLUMN medalliance.assessment_version.config IS '配置快照 the configuration of the version (assessment_config_snapshot()).';
COMMENT ON COLUMN medalliance.assessment_version.published_at IS '发布时间 when it was first scored with.';
COMMENT ON COLUMN medalliance.assessment_version.published_by IS '发布人 the role that scored with it first.';

-- The configuration of a scheme, as one jsonb document.
CREATE FUNCTION medalliance.assessment_config_snapshot(scheme text)
RETURNS jsonb
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, medalliance, pg_temp
AS $$
    SELECT jsonb_build_object(
        'setting', (SELECT to_jsonb(s) - 'version' FROM medalliance.assessment_setting s WHERE s.scheme_code = scheme),
        'domains', (SELECT coalesce(jsonb_agg(to_jsonb(d) ORDER BY d.domain_no), '[]')
                    FROM medalliance.assessment_domain d WHERE d.scheme_code = scheme),
        'measures', (SELECT coalesce(jsonb_agg(to_jsonb(m) ORDER BY m.measure_no), '[]')
                     FROM medalliance.assessment_measure m WHERE m.scheme_code = scheme),
        'grades', (SELECT coalesce(jsonb_agg(to_jsonb(g) ORDER BY g.grade_no), '[]')
                   FROM medalliance.assessment_grade g WHERE g.scheme_code = scheme),
        'consequences', (SELECT coalesce(jsonb_agg(to_jsonb(c) ORDER BY c.consequence_code), '[]')
                         FROM medalliance.assessment_consequence c WHERE c.scheme_code = scheme))
$$;
COMMENT ON FUNCTION medalliance.assessment_config_snapshot(text) IS
    '配置快照 The configuration of an assessment scheme as one jsonb document: setting (without the version number), domains, measures, grades and consequences.';

-- Editing a published version makes a new one: the first change to a scheme
-- whose current version has been scored with raises the version.
CREATE FUNCTION medalliance.assessment_config_changed()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, medalliance, pg_temp
AS $$
DECLARE
    scheme text;
BEGIN
    IF TG_OP = 'DELETE' THEN scheme := OLD.scheme_code; ELSE scheme := NEW.scheme_code; END IF;
    IF TG_TABLE_NAME = 'assessment_setting' THEN
        -- a change of the version number itself is this trigger's own work
        IF TG_OP = 'UPDATE' AND NEW.version IS DISTINCT FROM OLD.version THEN
            RETURN NEW;
        END IF;
        IF TG_OP = 'UPDATE' AND EXISTS (SELECT FROM medalliance.assessment_version v
                                        WHERE v.scheme_code = OLD.scheme_code AND v.version = OLD.version) THEN
            NEW.version := OLD.version + 1;
        END IF;
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
    END IF;
    UPDATE medalliance.assessment_setting s SET version = s.version + 1
    WHERE s.scheme_code = scheme
      AND EXISTS (SELECT FROM medalliance.assessment_version v
                  WHERE v.scheme_code = s.scheme_code AND v.version = s.version);
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION medalliance.assessment_config_changed() IS
    '方案变更 Trigger on the assessment configuration tables: an edit of a scheme whose current version has been published (scored with) raises the scheme''s version, so results already stored keep naming the version they were scored with.';

CREATE TRIGGER assessment_setting_version BEFORE UPDATE ON medalliance.assessment_setting
    FOR EACH ROW EXECUTE FUNCTION medalliance.assessment_config_changed();
CREATE TRIGGER assessment_domain_version BEFORE INSERT OR UPDATE OR DELETE ON medalliance.assessment_domain
    FOR EACH ROW EXECUTE FUNCTION medalliance.assessment_config_changed();
CREATE TRIGGER assessment_measure_version BEFORE INSERT OR UPDATE OR DELETE ON medalliance.assessment_measure
    FOR EACH ROW EXECUTE FUNCTION medalliance.assessment_config_changed();
CREATE TRIGGER assessment_grade_version BEFORE INSERT OR UPDATE OR DELETE ON medalliance.assessment_grade
    FOR EACH ROW EXECUTE FUNCTION medalliance.assessment_config_changed();
CREATE TRIGGER assessment_consequence_version BEFORE INSERT OR UPDATE OR DELETE ON medalliance.assessment_consequence
    FOR EACH ROW EXECUTE FUNCTION medalliance.assessment_config_changed();

-- A function's schema-qualified name, quoted, for dynamic calls.
CREATE FUNCTION medalliance.qualified_function_name(fn regprocedure)
RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT format('%I.%I', n.nspname, p.proname)
    FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
    WHERE p.oid = fn
$$;
COMMENT ON FUNCTION medalliance.qualified_function_name(regprocedure) IS
    '函数全名 The schema-qualified, quoted name of a function, for a dynamic call through format(''%s'').';

-- Checks a measure against what it reads and how it scores.
CREATE FUNCTION medalliance.check_assessment_measure()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, medalliance, pg_temp
AS $$
DECLARE
    m       medalliance.assessment_measure := NEW;
    src     medalliance.assessment_source;
    kind    text;
    problem text;
BEGIN
    SELECT * INTO src FROM medalliance.assessment_source s WHERE s.source_kind = m.source_kind;
    SELECT s.scheme_kind INTO kind FROM medalliance.scheme s WHERE s.scheme_code = m.source_scheme;
    problem := CASE
        WHEN src.source_kind IS NULL
            THEN format('unknown source_kind "%s" (the layers of assessment_source)', m.source_kind)
        WHEN NOT EXISTS (SELECT FROM medalliance.scheme s WHERE s.scheme_code = m.scheme_code AND s.scheme_kind = 'assessment')
            THEN format('scheme "%s" is not an assessment scheme', m.scheme_code)
        WHEN m.source_scheme IS NOT NULL AND kind IS DISTINCT FROM src.source_scheme_kind
            THEN format('source_scheme "%s" is a %s scheme; a measure of %s reads a %s scheme',
                        m.source_scheme, kind, m.source_kind, src.source_scheme_kind)
        WHEN m.source_scheme IS NULL AND (NOT src.scheme_optional OR m.rule = 'attainment')
            THEN format('a measure of %s%s needs a source_scheme (a %s scheme)', m.source_kind,
                        CASE WHEN m.rule = 'attainment' THEN ' with rule attainment' ELSE '' END, src.source_scheme_kind)
        WHEN m.rule = 'linear' AND (m.floor_value IS NULL OR m.target_value IS NULL)
            THEN 'rule linear needs floor_value and target_value'
        WHEN m.rule = 'threshold' AND m.target_value IS NULL
            THEN 'rule threshold needs target_value'
        WHEN m.rule = 'improvement' AND m.target_gain IS NULL
            THEN 'rule improvement needs target_gain'
        WHEN m.rule = 'band' AND (m.low_value IS NULL OR m.high_value IS NULL OR m.falloff IS NULL)
            THEN 'rule band needs low_value, high_value and falloff'
        WHEN m.role = 'veto' AND m.rule IN ('monitor', 'improvement')
            THEN format('a veto measure needs a rule that is met or not, not %s', m.rule)
        WHEN m.veto_grade IS NOT NULL AND NOT EXISTS (SELECT FROM medalliance.assessment_grade g
                                                      WHERE g.scheme_code = m.scheme_code AND g.grade = m.veto_grade)
            THEN format('veto_grade "%s" is not a grade of scheme "%s"', m.veto_grade, m.scheme_code)
    END;
    IF problem IS NULL THEN
        -- the layer checks what the measure reads
        EXECUTE format('SELECT %s($1, $2, $3)', medalliance.qualified_function_name(src.checked_by))
            INTO problem USING m.source_scheme, m.source_key, m.rule;
    END IF;
    IF problem IS NULL THEN
        -- the kernel checks the rule's own parameters (floor = target, low > high, ...)
        BEGIN
            PERFORM CASE m.rule
                WHEN 'linear' THEN medalliance.score_linear(m.target_value, m.floor_value, m.target_value, 1)
                WHEN 'band' THEN medalliance.score_band(m.low_value, m.low_value, m.high_value, m.falloff, 1)
                WHEN 'improvement' THEN medalliance.score_improvement(1, 1, m.target_gain, 1, m.relative_gain)
            END;
        EXCEPTION WHEN invalid_parameter_value THEN
            GET STACKED DIAGNOSTICS problem = MESSAGE_TEXT;
        END;
    END IF;
    IF problem IS NOT NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
            MESSAGE = format('assessment measure "%s" of scheme "%s": %s', m.measure_code, m.scheme_code, problem);
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION medalliance.check_assessment_measure() IS
    '指标检查 Trigger on assessment_measure: the scheme is an assessment scheme, the source scheme is of the kind its layer reads (assessment_source), the layer''s checked_by accepts the source key, the rule has its parameters and the kernel accepts them; 22023 otherwise.';

CREATE TRIGGER assessment_measure_check BEFORE INSERT OR UPDATE ON medalliance.assessment_measure
    FOR EACH ROW EXECUTE FUNCTION medalliance.check_assessment_measure();

-- An assessment setting belongs to an assessment scheme.
CREATE FUNCTION medalliance.check_assessment_setting()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, medalliance, pg_temp
AS $$
BEGIN
    IF NOT EXISTS (SELECT FROM medalliance.scheme s WHERE s.scheme_code = NEW.scheme_code AND s.scheme_kind = 'assessment') THEN
        RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
            MESSAGE = format('scheme "%s" is not an assessment scheme', NEW.scheme_code),
            HINT = 'Create it in medalliance.scheme with scheme_kind assessment first.';
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION medalliance.check_assessment_setting() IS
    '方案检查 Trigger on assessment_setting: the scheme must be of kind assessment (22023).';
CREATE TRIGGER assessment_setting_check BEFORE INSERT OR UPDATE ON medalliance.assessment_setting
    FOR EACH ROW EXECUTE FUNCTION medalliance.check_assessment_setting();

SELECT pg_catalog.pg_extension_config_dump('medalliance.assessment_setting', 'WHERE NOT is_preset');
SELECT pg_catalog.pg_extension_config_dump('medalliance.assessment_domain', 'WHERE NOT is_preset');
SELECT pg_catalog.pg_extension_config_dump('medalliance.assessment_measure', 'WHERE NOT is_preset');
SELECT pg_catalog.pg_extension_config_dump('medalliance.assessment_grade', 'WHERE NOT is_preset');
SELECT pg_catalog.pg_extension_config_dump('medalliance.assessment_consequence', 'WHERE NOT is_preset');
SELECT pg_catalog.pg_extension_config_dump('medalliance.assessment_version', '');

GRANT SELECT ON medalliance.assessment_setting, medalliance.assessment_domain, medalliance.assessment_measure,
                medalliance.assessment_grade, medalliance.assessment_consequence, medalliance.assessment_version
    TO medalliance_reader;
GRANT INSERT, UPDATE, DELETE ON medalliance.assessment_setting, medalliance.assessment_domain,
                                medalliance.assessment_measure, medalliance.assessment_grade,
                                medalliance.assessment_consequence
    TO medalliance_admin;
