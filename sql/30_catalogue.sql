-- The catalogue (目录): the source documents every preset comes from, and the
-- schemes (one document's way of assessing) that targets, checklists, QC rules,
-- survey items and weights hang off.  Both are configuration a DBA may extend:
-- preset rows ship with the extension, rows a DBA adds are kept by pg_dump
-- (pg_extension_config_dump with a filter on is_preset).

CREATE TABLE medalliance.source_document (
    document_code   text
        CONSTRAINT source_document_pkey PRIMARY KEY
        CONSTRAINT source_document_code_check CHECK (document_code ~ '^[a-z][a-z0-9_]*$'),
    document_number text,
    title           text NOT NULL,
    issuer          text NOT NULL,
    region_name     text,
    issued_on       date,
    url             text,
    seed_file       text,
    is_preset       boolean NOT NULL DEFAULT false
);
COMMENT ON TABLE medalliance.source_document IS
    '政策文件 source document: a policy text that presets (indicators, targets, checklist items, weights, thresholds) come from; project_default marks this project''s own proposals.';
COMMENT ON COLUMN medalliance.source_document.document_code IS
    '文件代码 document code: short snake_case key, e.g. hainan_2021_73.';
COMMENT ON COLUMN medalliance.source_document.document_number IS
    '文号 document number as issued, e.g. 琼府办〔2021〕73号; NULL for drafts and for project_default.';
COMMENT ON COLUMN medalliance.source_document.title IS
    '标题 title of the document, in the language it was issued in.';
COMMENT ON COLUMN medalliance.source_document.issuer IS
    '发文机关 issuing body.';
COMMENT ON COLUMN medalliance.source_document.region_name IS
    '适用地区 region the document applies to (province, city or county), as named in the document.';
COMMENT ON COLUMN medalliance.source_document.issued_on IS
    '发布日期 date of issue; NULL when the text at hand does not state it.';
COMMENT ON COLUMN medalliance.source_document.url IS
    '网址 where the text was published, when known.';
COMMENT ON COLUMN medalliance.source_document.seed_file IS
    '种子文件 file name of the text in the project''s shared/seeds directory, for the five seed documents.';
COMMENT ON COLUMN medalliance.source_document.is_preset IS
    '预置 true for rows shipped with the extension (never edited in place; copy them); pg_dump keeps only the rows where it is false.';

INSERT INTO medalliance.source_document
    (document_code, document_number, title, issuer, region_name, issued_on, seed_file, is_preset)
VALUES
    ('hainan_2021_73', '琼府办〔2021〕73号',
     '海南省人民政府办公厅关于海南省构建网格化紧密型医疗卫生服务体系的实施意见',
     '海南省人民政府办公厅', '海南省', NULL, '000_fbf5996a44a47a66.txt', true),
    ('hainan_2024_1', '琼健爱卫〔2024〕1号',
     '关于印发《海南省深化医药卫生体制改革2024年重点工作任务》的通知',
     '健康海南建设（爱国卫生运动）委员会', '海南省', '2024-03-25', '001_8c875dd95a7301b4.txt', true),
    ('miyi_2019_draft', NULL,
     '米易县紧密型县域医共体建设实施方案（征求意见稿）',
     '米易县人民政府', '四川省攀枝花市米易县', '2019-11-29', '002_af7d3f1f3312d950.txt', true),
    ('nantong_2017_118', '通政办发〔2017〕118号',
     '市政府办公室关于推进医疗联合体建设的实施意见',
     '南通市人民政府办公室', '江苏省南通市', '2017-08-04', '003_78cc297a048ac301.txt', true),
    ('zhoushan_2018_21', '舟政办发〔2018〕21号',
     '舟山市人民政府办公室关于印发舟山市高水平区域医疗联合体建设方案的通知',
     '舟山市人民政府办公室', '浙江省舟山市', '2018-02-08', '004_c6036fbf96b10052.txt', true),
    ('project_default', NULL,
     'medalliance project default: a preset that no source document states, proposed by this project',
     'medalliance', NULL, NULL, NULL, true);

-- A column that refers to another row of its own table (a parent region, the
-- scheme a copy was made from) is checked by a constraint trigger named like
-- the foreign key it stands for, not by a FOREIGN KEY: pg_dump loads an
-- extension's configuration tables in the order of their foreign keys, and a
-- table referring to itself makes a cycle it warns about.  The trigger runs
-- at the end of the statement, as a foreign key's check does, so a COPY
-- that restores children before their parents is accepted; it raises 23503
-- naming the constraint, as a foreign key would.
CREATE FUNCTION medalliance.self_reference_check()
RETURNS trigger
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, medalliance, pg_temp
AS $function$
DECLARE
    ref_col text := TG_ARGV[0];   -- the referring column
    key_col text := TG_ARGV[1];   -- the key it refers to
    val     text;
    hit     boolean;
BEGIN
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        EXECUTE pg_catalog.format('SELECT ($1).%I::text', ref_col) INTO val USING NEW;
        IF val IS NOT NULL THEN
            -- FOR KEY SHARE, as a foreign key's check: the row cannot go before we commit
            EXECUTE pg_catalog.format('SELECT true FROM %I.%I t WHERE t.%I = ($1).%I FOR KEY SHARE',
                                      TG_TABLE_SCHEMA, TG_TABLE_NAME, key_col, ref_col)
                INTO hit USING NEW;
            IF hit IS NULL THEN
                RAISE EXCEPTION 'insert or update on table "%" violates foreign key constraint "%"',
                                TG_TABLE_NAME, TG_NAME
                    USING ERRCODE = 'foreign_key_violation', CONSTRAINT = TG_NAME,
                          SCHEMA = TG_TABLE_SCHEMA, TABLE = TG_TABLE_NAME,
                          DETAIL = pg_catalog.format('Key (%s)=(%s) is not present in table "%s".',
                                                     ref_col, val, TG_TABLE_NAME);
            END IF;
        END IF;
    END IF;
    IF TG_OP = 'DELETE' OR TG_OP = 'UPDATE' THEN
        EXECUTE pg_catalog.format('SELECT ($1).%I::text', key_col) INTO val USING OLD;
        hit := true;
        IF TG_OP = 'UPDATE' THEN
            EXECUTE pg_catalog.format('SELECT ($1).%1$I IS DISTINCT FROM ($2).%1$I', key_col) INTO hit USING OLD, NEW;
        END IF;
        IF hit THEN
            EXECUTE pg_catalog.format('SELECT EXISTS (SELECT FROM %I.%I t WHERE t.%I = ($1).%I)',
                                      TG_TABLE_SCHEMA, TG_TABLE_NAME, ref_col, key_col)
                INTO hit USING OLD;
            IF hit THEN
                RAISE EXCEPTION 'update or delete on table "%" violates foreign key constraint "%" on table "%"',
                                TG_TABLE_NAME, TG_NAME, TG_TABLE_NAME
                    USING ERRCODE = 'foreign_key_violation', CONSTRAINT = TG_NAME,
                          SCHEMA = TG_TABLE_SCHEMA, TABLE = TG_TABLE_NAME,
                          DETAIL = pg_catalog.format('Key (%s)=(%s) is still referenced from table "%s".',
                                                     key_col, val, TG_TABLE_NAME);
            END IF;
        END IF;
    END IF;
    RETURN NULL;
END
$function$;
COMMENT ON FUNCTION medalliance.self_reference_check() IS
    '自引用检查 Constraint trigger of a column that refers to a row of its own table (arguments: the column, the key): what a foreign key checks (the row referred to exists; a row still referred to is not deleted or re-keyed), 23503 naming the constraint. Used instead of a self-referencing FOREIGN KEY, which pg_dump reports as a cycle among configuration tables.';

CREATE TABLE medalliance.scheme (
    scheme_code      text
        CONSTRAINT scheme_pkey PRIMARY KEY
        CONSTRAINT scheme_code_check CHECK (scheme_code ~ '^[a-z][a-z0-9_]*$'),
    scheme_kind      text NOT NULL
        CONSTRAINT scheme_kind_check
        CHECK (scheme_kind IN ('checklist', 'targets', 'qc_rules', 'survey', 'weights', 'assessment')),
    title            text NOT NULL,
    document_code    text NOT NULL
        CONSTRAINT scheme_document_fkey REFERENCES medalliance.source_document (document_code),
    based_on_scheme  text,   -- scheme_based_on_fkey, a constraint trigger (above)
    is_preset        boolean NOT NULL DEFAULT false,
    CONSTRAINT scheme_not_based_on_itself_check CHECK (based_on_scheme <> scheme_code)
);
CREATE CONSTRAINT TRIGGER scheme_based_on_fkey AFTER INSERT OR UPDATE OR DELETE ON medalliance.scheme
    FOR EACH ROW EXECUTE FUNCTION medalliance.self_reference_check('based_on_scheme', 'scheme_code');
COMMENT ON TABLE medalliance.scheme IS
    '评价方案 scheme: one document''s way of assessing (its checklist, targets, QC rules, survey items or weights). Users copy a preset scheme (based_on_scheme) to make their own and never edit presets in place.';
COMMENT ON COLUMN medalliance.scheme.scheme_code IS
    '方案代码 scheme code, e.g. six_unifications.';
COMMENT ON COLUMN medalliance.scheme.scheme_kind IS
    '方案类别 what the scheme configures: checklist (清单), targets (目标值), qc_rules (质控规则), survey (满意度问卷), weights (权重), assessment (综合考核).';
COMMENT ON COLUMN medalliance.scheme.title IS
    '名称 title of the scheme.';
COMMENT ON COLUMN medalliance.scheme.document_code IS
    '依据文件 the source document the scheme follows (project_default for this project''s proposals).';
COMMENT ON COLUMN medalliance.scheme.based_on_scheme IS
    '源方案 the scheme this one was copied from; NULL for an original.';
COMMENT ON COLUMN medalliance.scheme.is_preset IS
    '预置 true for schemes shipped with the extension; pg_dump keeps only the rows where it is false.';

INSERT INTO medalliance.scheme (scheme_code, scheme_kind, title, document_code, is_preset) VALUES
    ('six_unifications', 'checklist',
     '六统一 six unifications (administration, personnel, finance, quality, drugs & devices, information)',
     'hainan_2021_73', true),
    ('nantong_five_unifications', 'checklist',
     '五统一 five unifications of Nantong (planning, staffing, assets & finance, resources, assessment)',
     'nantong_2017_118', true),
    ('miyi_township_village', 'checklist',
     '乡村一体化 township–village integration of Miyi (six items)', 'miyi_2019_draft', true),
    ('miyi_unified_procurement', 'checklist',
     '统一采购 unified procurement of Miyi (account, catalogue, distribution, price, payment)',
     'miyi_2019_draft', true),
    ('hainan_2021_targets', 'targets', '海南 2021 targets (the six shared centres of every county)',
     'hainan_2021_73', true),
    ('hainan_2024_targets', 'targets', '海南 2024 targets (contract rates, standards, TCM, staff sent down, fund at primary level)',
     'hainan_2024_1', true),
    ('miyi_2019_targets', 'targets', '米易 targets (county visit rate, primary shares)', 'miyi_2019_draft', true),
    ('nantong_2017_targets', 'targets', '南通 targets (downward referrals, primary share, county visit rate, out-of-city referrals, alliances per city)',
     'nantong_2017_118', true),
    ('zhoushan_2018_targets', 'targets', '舟山 targets (alliances per county, participation, primary share, county visit rate, shared centres, staff sent down, remote points, radiology, ECG, booked referrals)',
     'zhoushan_2018_21', true);

SELECT pg_catalog.pg_extension_config_dump('medalliance.source_document', 'WHERE NOT is_preset');
SELECT pg_catalog.pg_extension_config_dump('medalliance.scheme', 'WHERE NOT is_preset');

GRANT SELECT ON medalliance.source_document, medalliance.scheme TO medalliance_reader;
GRANT INSERT, UPDATE, DELETE ON medalliance.source_document, medalliance.scheme TO medalliance_admin;
