-- BI views (BI视图): what BI tools read, in a schema of its own.
--
-- Schema medalliance_bi holds views only, one per result view of schema
-- medalliance that a reader may read, each a thin view over it:
--   * every fractional figure (double precision, numeric) rounded for display
--     to a stated number of decimals, as numeric (41.1, not
--     41.099999999999994); exact figures stay beside them (numerator,
--     denominator) and unrounded in schema medalliance for analysts;
--   * every code column followed by its Chinese label, <column>_zh, from the
--     one label table code_label (the extension's closed lists: a list of up
--     to four codes written into the view as a CASE, a longer one joined) or, for codes
--     a user configures (schemes, documents, checklist dimensions, assessment
--     domains, refresh layers), from the catalogue row that names them;
--   * plain types only (numeric, text, integer, bigint, smallint, date,
--     boolean, timestamp): a list becomes comma-separated text, and a column
--     of a type of the extension (likert) or jsonb is left out;
--   * every column commented in Chinese and English with its unit.
-- They are made here from the catalogue (the views granted to readers, their
-- columns and comments) and a list of units, not written out one by one, so
-- that a view granted to readers, or a column added to one, reaches schema
-- medalliance_bi when the extension is installed.
--
-- Readers (medalliance_reader, and the scoped medalliance_viewer) are given
-- USAGE on medalliance_bi and lose it on schema medalliance: a BI tool
-- connected as a reader lists only what it can open.  Analysts and admins
-- keep schema medalliance.  The BI views, like the views they wrap, belong to
-- medalliance_view_owner (apply_scopes, run again at the end of this file),
-- so a viewer sees through them only the units of its scopes.

CREATE SCHEMA medalliance_bi;
COMMENT ON SCHEMA medalliance_bi IS
    '医联体绩效评价BI视图 medalliance BI views: the results of medalliance for BI tools (Superset, FineBI, SQLAlchemy), read-only views with display rounding and Chinese labels beside codes. Point BI tools here, connected as a member of medalliance_reader (or medalliance_viewer).';
REVOKE ALL ON SCHEMA medalliance_bi FROM PUBLIC;
GRANT USAGE ON SCHEMA medalliance_bi TO medalliance_reader, medalliance_viewer;

REVOKE USAGE ON SCHEMA medalliance FROM medalliance_reader, medalliance_viewer;
GRANT USAGE ON SCHEMA medalliance TO medalliance_analyst;

-- Display rounding ----------------------------------------------------------------

-- display_round(x, decimals): a double as the numeric a BI view shows, of
-- that scale: scaled by 10^decimals and rounded half away from zero in double
-- precision, then made the numeric integer / 10^decimals without decimal text
-- (src/display.c).  The same figures as round(x::numeric, decimals) but for
-- ties within an ulp of the double (2.675 is shown 2.68).  In SQL the same
-- rounding (CASE, trunc, a cast to bigint and a numeric product) made 215 ms
-- of a 490 ms whole read of unification_member at scale 0.1.
CREATE FUNCTION medalliance.display_round(x double precision, decimals integer)
RETURNS numeric
AS 'MODULE_PATHNAME', 'display_round' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION medalliance.display_round(double precision, integer) IS
    '显示取整 display_round(x, decimals): x shown to that many decimals (0–15) as a numeric of that scale, rounded half away from zero after scaling in double precision (2.675 → 2.68); NaN and ±Infinity stay as they are; scaled magnitudes from 2^53 up are rounded as round(x::numeric, decimals). 22023 for decimals outside 0–15. Used by the BI views.';

-- The label table -----------------------------------------------------------------

CREATE TABLE medalliance.code_label (
    code_list text NOT NULL
        CONSTRAINT code_label_list_check CHECK (code_list ~ '^[a-z][a-z0-9_]*$'),
    code      text NOT NULL,
    label_zh  text NOT NULL,
    label_en  text NOT NULL,
    CONSTRAINT code_label_pkey PRIMARY KEY (code_list, code)
);
COMMENT ON TABLE medalliance.code_label IS
    '代码标签 labels of codes: the Chinese and English label of each code of the extension''s closed lists (unit levels, grains, institution levels, alliance kinds, statuses, verdicts, …), shown beside the codes in the BI views (schema medalliance_bi). Codes a user configures take their label from the row that defines them (scheme, source_document, unification_dimension, assessment_domain, refresh_layer).';
COMMENT ON COLUMN medalliance.code_label.code_list IS '代码表 the list the code belongs to, e.g. unit_level, status.';
COMMENT ON COLUMN medalliance.code_label.code IS '代码 the code as the views show it.';
COMMENT ON COLUMN medalliance.code_label.label_zh IS '中文标签 the Chinese label.';
COMMENT ON COLUMN medalliance.code_label.label_en IS '英文标签 the English label.';

INSERT INTO medalliance.code_label (code_list, code, label_zh, label_en) VALUES
    ('unit_level', 'institution', '医疗卫生机构', 'institution'),
    ('unit_level', 'alliance', '医联体', 'alliance'),
    ('unit_level', 'county', '县（市、区）', 'county'),
    ('unit_level', 'city', '市', 'city'),
    ('unit_level', 'province', '省', 'province'),
    ('grain', 'month', '月', 'month'),
    ('grain', 'quarter', '季度', 'quarter'),
    ('grain', 'year', '年', 'year'),
    ('institution_level', 'provincial_hospital', '省级医院', 'provincial hospital'),
    ('institution_level', 'city_hospital', '市级医院', 'city hospital'),
    ('institution_level', 'county_hospital', '县级医院', 'county hospital'),
    ('institution_level', 'county_tcm_hospital', '县级中医院', 'county hospital of traditional Chinese medicine'),
    ('institution_level', 'maternal_child_centre', '妇幼保健院', 'maternal and child health centre'),
    ('institution_level', 'township_health_centre', '乡镇卫生院', 'township health centre'),
    ('institution_level', 'community_health_centre', '社区卫生服务中心', 'community health centre'),
    ('institution_level', 'village_clinic', '村卫生室', 'village clinic'),
    ('institution_level', 'community_station', '社区卫生服务站', 'community health station'),
    ('institution_level', 'public_health_body', '专业公共卫生机构', 'public-health body'),
    ('institution_level', 'private', '民营医疗机构', 'private institution'),
    ('alliance_kind', 'county_medical_community', '县域医共体', 'county medical community'),
    ('alliance_kind', 'city_medical_group', '城市医疗集团', 'city medical group'),
    ('alliance_kind', 'specialty_alliance', '专科联盟', 'specialty alliance'),
    ('alliance_kind', 'remote_network', '远程医疗协作网', 'remote medical network'),
    ('status', 'met', '达标', 'met'),
    ('status', 'not_met', '未达标', 'not met'),
    ('status', 'not_assessable', '无法评价', 'not assessable'),
    ('status', 'assessed', '已评价', 'assessed'),
    ('verdict', 'clearly_above', '明显高于目标', 'clearly above the target'),
    ('verdict', 'clearly_below', '明显低于目标', 'clearly below the target'),
    ('verdict', 'within_noise', '差异不明显', 'within noise'),
    ('direction', 'higher_better', '越高越好', 'higher is better'),
    ('direction', 'lower_better', '越低越好', 'lower is better'),
    ('direction', 'target_band', '区间适宜', 'within a band'),
    ('direction', 'monitor_only', '仅监测', 'monitored only'),
    ('value_unit', 'percent', '百分比', 'percent'),
    ('value_unit', 'count', '计数', 'count'),
    ('target_kind', 'absolute', '绝对值', 'absolute value'),
    ('target_kind', 'change_pp', '较基线提高（百分点）', 'change over the baseline in percentage points'),
    ('target_kind', 'relative_growth', '较基线增长（%）', 'relative growth over the baseline'),
    ('target_kind', 'direction', '逐年提高', 'above the baseline'),
    ('comparator', '>=', '不低于', 'at least'),
    ('comparator', '<=', '不高于', 'at most'),
    ('comparator', '>', '高于', 'above'),
    ('comparator', '<', '低于', 'below'),
    ('qc_zone', 'within', '控制限内', 'within the limits'),
    ('qc_zone', 'above_inner', '高于95%控制限', 'above the 95% limit'),
    ('qc_zone', 'above_outer', '高于99.8%控制限', 'above the 99.8% limit'),
    ('qc_zone', 'below_inner', '低于95%控制限', 'below the 95% limit'),
    ('qc_zone', 'below_outer', '低于99.8%控制限', 'below the 99.8% limit'),
    ('weighting', 'equal', '等权', 'equal weights'),
    ('weighting', 'volume', '按业务量加权', 'weighted by volume'),
    ('weighting', 'pooled', '合并计算', 'pooled'),
    ('survey_kind', 'outpatient', '门诊患者', 'outpatients'),
    ('survey_kind', 'inpatient', '住院患者', 'inpatients'),
    ('survey_kind', 'resident', '居民', 'residents'),
    ('survey_kind', 'staff', '医务人员', 'staff'),
    ('peer_group', 'hospital', '医院', 'hospitals'),
    ('peer_group', 'primary_care', '基层医疗卫生机构', 'primary care'),
    ('evidence_kind', 'attested', '需佐证材料', 'attested by evidence'),
    ('evidence_kind', 'derived', '由数据判定', 'derived from the data'),
    ('assessment_role', 'scored', '计分', 'scored'),
    ('assessment_role', 'bonus', '加分', 'bonus'),
    ('assessment_role', 'veto', '一票否决', 'veto'),
    ('assessment_rule', 'linear', '线性计分', 'linear'),
    ('assessment_rule', 'threshold', '达到阈值得分', 'threshold'),
    ('assessment_rule', 'improvement', '较上年改善', 'improvement'),
    ('assessment_rule', 'band', '区间计分', 'band'),
    ('assessment_rule', 'attainment', '目标达成', 'attainment'),
    ('assessment_rule', 'monitor', '仅监测', 'monitored only');

-- Which columns carry codes, and of which list.  The lists not in code_label
-- are labelled by their catalogue rows (the BI views below).
CREATE TABLE medalliance.code_column (
    column_name name
        CONSTRAINT code_column_pkey PRIMARY KEY,
    code_list   text NOT NULL
        CONSTRAINT code_column_list_check CHECK (code_list ~ '^[a-z][a-z0-9_]*$')
);
COMMENT ON TABLE medalliance.code_column IS
    '代码列 the columns of the result views that carry codes, by name, with the list their codes belong to: a list of code_label, or scheme, source_document, unification_dimension, assessment_domain, refresh_layer or unification_rule (labelled by their own catalogue rows). A BI view shows each beside its Chinese label, <column>_zh.';
COMMENT ON COLUMN medalliance.code_column.column_name IS '列名 the column''s name in the views.';
COMMENT ON COLUMN medalliance.code_column.code_list IS '代码表 the list of its codes.';

INSERT INTO medalliance.code_column (column_name, code_list) VALUES
    ('unit_level', 'unit_level'), ('grain', 'grain'), ('institution_level', 'institution_level'),
    ('alliance_kind', 'alliance_kind'), ('status', 'status'), ('verdict', 'verdict'),
    ('direction', 'direction'), ('value_unit', 'value_unit'), ('target_kind', 'target_kind'),
    ('comparator', 'comparator'), ('zone', 'qc_zone'), ('adjusted_zone', 'qc_zone'),
    ('member_weighting', 'weighting'), ('alliance_weighting', 'weighting'), ('survey_kind', 'survey_kind'),
    ('peer_group', 'peer_group'), ('evidence_kind', 'evidence_kind'), ('role', 'assessment_role'),
    ('rule', 'assessment_rule'),
    ('scheme_code', 'scheme'), ('document_code', 'source_document'),
    ('dimension_code', 'unification_dimension'), ('weakest_dimension', 'unification_dimension'),
    ('domain_code', 'assessment_domain'), ('layer', 'refresh_layer'), ('rule_code', 'unification_rule');

-- Both tables belong to the extension, like refresh_layer: rows come from
-- this script, and pg_dump has nothing of theirs to keep.
SELECT pg_catalog.pg_extension_config_dump('medalliance.code_label', 'WHERE false');
SELECT pg_catalog.pg_extension_config_dump('medalliance.code_column', 'WHERE false');

GRANT SELECT ON medalliance.code_label, medalliance.code_column TO medalliance_analyst;

-- The BI views ------------------------------------------------------------------------

DO $bi$
DECLARE
    src       record;
    col       record;
    cols      text[];
    joins     text[];
    notes     text[];
    left_out  text[];
    n         integer;
    shown     text;
    unit_note text;
    sibling   name;
    label     text;
BEGIN
    -- The BI views: one for each view of schema medalliance granted to
    -- medalliance_reader (the result views: indicator_value,
    -- target_attainment, the unification_*, qc_*, satisfaction_* and
    -- assessment_* views, refresh_status), except the two directories of
    -- units (region_ancestry, unit_directory), whose names every result view
    -- already carries.  Views of event rows granted to analysts only
    -- (referral_detail, reporting_completeness, unification_item_result)
    -- have none.
    FOR src IN
        SELECT c.oid::regclass AS rel, c.relname, pg_catalog.obj_description(c.oid, 'pg_class') AS descr
        FROM pg_catalog.pg_class c
        WHERE c.relnamespace = 'medalliance'::regnamespace AND c.relkind = 'v'
          AND pg_catalog.has_table_privilege('medalliance_reader', c.oid, 'SELECT')
          AND c.relname NOT IN ('region_ancestry', 'unit_directory')
        ORDER BY c.relname
    LOOP
        cols := '{}'; joins := '{}'; notes := '{}'; left_out := '{}'; n := 0;
        FOR col IN
            -- The units and display decimals of the fractional columns, by
            -- name: one name, one quantity in every view.  A fractional
            -- column not listed is rounded to 2 decimals and its comment says
            -- to see its description (test/pgtap/bi_views.sql finds none).
            WITH unit (decimals, unit_zh, unit_en, names) AS (VALUES
            (2, '百分比（0–100）', 'percent (0–100)',
             ARRAY['coverage', 'coverage_pct', 'share_fully_compliant', 'rate_pct', 'pooled_rate_pct',
                   'lower_95_pct', 'upper_95_pct', 'lower_998_pct', 'upper_998_pct',
                   'adjusted_lower_95_pct', 'adjusted_upper_95_pct', 'adjusted_lower_998_pct', 'adjusted_upper_998_pct',
                   'points_lost_pct', 'satisfaction_rate', 'satisfaction_rate_ci_lower', 'satisfaction_rate_ci_upper',
                   'growth_percent']),
            (2, '百分点', 'percentage points', ARRAY['change_pp']),
            (2, '分（0–100）', 'score points (0–100)',
             ARRAY['score', 'score_ci_lower', 'score_ci_upper', 'overall_score', 'weakest_score',
                   'administration_score', 'personnel_score', 'finance_score', 'quality_score', 'drugs_devices_score',
                   'information_score', 'min_member_score', 'max_member_score', 'mean_member_score',
                   'median_member_score', 'sd_member_score', 'lead_score', 'lead_member_gap',
                   'equal_weighted_score', 'volume_weighted_score', 'inspection_score', 'measure_score', 'total_score',
                   'item_score', 'item_score_ci_lower', 'item_score_ci_upper', 'gap_to_unit_mean']),
            (2, '分（方案分值）', 'points of the scheme',
             ARRAY['points', 'full_points', 'points_lost', 'total', 'max_total', 'scored_points', 'bonus_points',
                   'contribution']),
            (2, '同指标值单位（百分比或计数，见value_unit；变化目标为百分点，增长目标为%）',
             'the unit of the value: percent (0–100) or count (value_unit); percentage points for change targets, percent growth for growth targets',
             ARRAY['value', 'ci_lower', 'ci_upper', 'target_value', 'gap', 'tolerance', 'baseline_value',
                   'raw_value', 'reference_value']),
            (4, '比值（无单位）', 'ratio (no unit)',
             ARRAY['cv', 'gini', 'homogeneity_index', 'max_min_ratio', 'overdispersion', 'topsis_closeness', 'rsr_wrsr']),
            (2, '标准差倍数', 'standard deviations', ARRAY['z_score']),
            (4, '概率（0–1）', 'probability (0–1)', ARRAY['p_value', 'confidence_level']),
            (4, '相对权重', 'relative weight', ARRAY['weight', 'inspection_weight_used', 'measure_weight_used']),
            (2, '平均答案（李克特量表1–5）', 'mean answer on the Likert scale (1–5)', ARRAY['mean_answer'])
            ), bi_unit AS (
                SELECT c AS column_name, u.decimals, u.unit_zh, u.unit_en
                FROM unit u CROSS JOIN LATERAL pg_catalog.unnest(u.names) AS c
            )
            SELECT a.attname, a.atttypid, a.atttypid::regtype::text AS typ,
                   pg_catalog.col_description(a.attrelid, a.attnum) AS descr,
                   cc.code_list, u.decimals, u.unit_zh, u.unit_en
            FROM pg_catalog.pg_attribute a
            LEFT JOIN medalliance.code_column cc ON cc.column_name = a.attname
            LEFT JOIN bi_unit u ON u.column_name = a.attname
            WHERE a.attrelid = src.rel AND a.attnum > 0 AND NOT a.attisdropped
            ORDER BY a.attnum
        LOOP
            sibling := NULL;
            IF col.descr IS NULL THEN
                RAISE EXCEPTION 'column %.% has no comment', src.rel, col.attname
                    USING ERRCODE = 'object_not_in_prerequisite_state';
            END IF;
            IF col.typ IN ('double precision', 'real', 'numeric') THEN
                IF col.typ = 'numeric' THEN
                    shown := pg_catalog.format('round(v.%1$I, %2$s) AS %1$I', col.attname, coalesce(col.decimals, 2));
                ELSE
                    -- Scaled and rounded half away from zero in double
                    -- precision, then made a numeric of the shown scale
                    -- (display_round): a cast of each double to numeric
                    -- (through its decimal text) made most of a whole-view
                    -- read (satisfaction_item_result at scale 0.1: 714 ms to
                    -- round nine columns so, 103 ms not rounded).
                    shown := pg_catalog.format('medalliance.display_round(v.%1$I::double precision, %2$s) AS %1$I',
                                               col.attname, coalesce(col.decimals, 2));
                END IF;
                unit_note := pg_catalog.format('单位：%s；显示值保留%s位小数。 Unit: %s; rounded for display to %s decimals.',
                                               coalesce(col.unit_zh, '见说明'), coalesce(col.decimals, 2),
                                               coalesce(col.unit_en, 'see the description'), coalesce(col.decimals, 2));
            ELSIF col.typ IN ('text', 'name') THEN
                -- a code the view names already: <stem>_name_zh or <stem>_text_zh beside <stem>_code
                SELECT b.attname INTO sibling FROM pg_catalog.pg_attribute b
                WHERE b.attrelid = src.rel AND b.attnum > 0 AND NOT b.attisdropped
                  AND b.attname IN (col.attname || '_zh',
                                    pg_catalog.regexp_replace(col.attname, '_code$', '') || '_name_zh',
                                    pg_catalog.regexp_replace(col.attname, '_code$', '') || '_text_zh');
                shown := pg_catalog.format(CASE col.typ WHEN 'name' THEN 'v.%1$I::text AS %1$I' ELSE 'v.%1$I' END, col.attname);
                unit_note := CASE
                    WHEN sibling IS NOT NULL
                        THEN pg_catalog.format('代码，中文名称见%1$s。 A code; its Chinese name is %1$s.', sibling)
                    WHEN col.code_list IS NOT NULL
                        THEN pg_catalog.format('代码，中文标签见%1$s_zh。 A code; its Chinese label is %1$s_zh.', col.attname)
                    ELSE '文本。 Text.' END;
            ELSIF col.typ = 'text[]' THEN
                shown := pg_catalog.format('array_to_string(v.%1$I, '', '') AS %1$I', col.attname);
                unit_note := '文本：以逗号分隔的列表。 Text: a comma-separated list.';
            ELSIF col.typ IN ('smallint', 'integer', 'bigint') THEN
                shown := pg_catalog.format('v.%I', col.attname);
                unit_note := CASE
                    WHEN col.attname ~ '_id$' THEN '编号（整数）。 An identifier (integer).'
                    WHEN col.attname ~ 'year$' THEN '单位：年。 Unit: calendar year.'
                    WHEN col.attname ~ '^months' OR col.attname = 'months_with_data' THEN '单位：月数。 Unit: months.'
                    WHEN col.attname ~ '(^|_)rank' OR col.attname ~ 'rsr_grade' THEN '单位：名次（1为最前）。 Unit: rank (1 first).'
                    WHEN col.attname ~ '_no$' OR col.attname = 'scheme_version' THEN '序号。 An ordinal number.'
                    ELSE '单位：个数。 Unit: count.' END;
            ELSIF col.typ IN ('date', 'boolean', 'timestamp with time zone') THEN
                shown := pg_catalog.format('v.%I', col.attname);
                unit_note := CASE col.typ WHEN 'date' THEN '日期。 A date.'
                                          WHEN 'boolean' THEN '是/否。 True or false.'
                                          ELSE '时间（带时区）。 A timestamp with time zone.' END;
            ELSE
                -- a type of the extension, or jsonb: not for BI tools
                left_out := left_out || col.attname::text;
                CONTINUE;
            END IF;
            cols := cols || shown;
            notes := notes || pg_catalog.format('%s|%s %s', col.attname, col.descr, unit_note);
            -- the label beside a code, unless the view names it already
            IF col.code_list IS NOT NULL AND sibling IS NULL THEN
                -- A list of a few codes is written into the view as a CASE: a
                -- join costs a hash probe per row, more than a few comparisons
                -- (unification_member at scale 0.1, 640,000 rows: grain and
                -- status joined 120 ms each).  A longer list is joined: the
                -- planner then joins it to the table the code comes from when
                -- that is a dimension (the institution's level: nothing per row,
                -- against 85 ms for a CASE of its 11 codes).  A closed list
                -- defined by a function of its own (alliance_kinds(),
                -- institution_levels()) is joined whatever its length: its
                -- codes are written in that function only
                -- (test/pgtap/closed_lists.sql).
                SELECT CASE WHEN pg_catalog.count(*) BETWEEN 1 AND 4
                             AND pg_catalog.to_regprocedure(pg_catalog.format('medalliance.%ss()', col.code_list)) IS NULL
                            THEN pg_catalog.format('CASE v.%I %s END', col.attname,
                                                   pg_catalog.string_agg(pg_catalog.format('WHEN %L THEN %L', l.code, l.label_zh),
                                                                         ' ' ORDER BY l.code)) END
                INTO label
                FROM medalliance.code_label l WHERE l.code_list = col.code_list;
                IF label IS NULL THEN
                    n := n + 1;
                    joins := joins || CASE col.code_list
                        WHEN 'scheme' THEN pg_catalog.format('LEFT JOIN medalliance.scheme l%s ON l%1$s.scheme_code = v.%2$I', n, col.attname)
                        WHEN 'source_document' THEN pg_catalog.format('LEFT JOIN medalliance.source_document l%s ON l%1$s.document_code = v.%2$I', n, col.attname)
                        WHEN 'unification_dimension' THEN pg_catalog.format('LEFT JOIN medalliance.unification_dimension l%s ON l%1$s.scheme_code = v.scheme_code AND l%1$s.dimension_code = v.%2$I', n, col.attname)
                        WHEN 'assessment_domain' THEN pg_catalog.format('LEFT JOIN medalliance.assessment_domain l%s ON l%1$s.scheme_code = v.scheme_code AND l%1$s.domain_code = v.%2$I', n, col.attname)
                        WHEN 'refresh_layer' THEN pg_catalog.format('LEFT JOIN medalliance.refresh_layer l%s ON l%1$s.layer = v.%2$I', n, col.attname)
                        WHEN 'unification_rule' THEN pg_catalog.format('LEFT JOIN medalliance.unification_rule l%s ON l%1$s.rule_code = v.%2$I', n, col.attname)
                        -- the extension's closed lists (code_label)
                        ELSE pg_catalog.format('LEFT JOIN medalliance.code_label l%s ON l%1$s.code_list = %3$L AND l%1$s.code = v.%2$I', n, col.attname, col.code_list)
                    END;
                    label := pg_catalog.format('l%s.%s', n,
                                               CASE WHEN col.code_list IN ('scheme', 'source_document') THEN 'title'
                                                    WHEN col.code_list IN ('unification_dimension', 'assessment_domain',
                                                                           'refresh_layer', 'unification_rule') THEN 'name_zh'
                                                    ELSE 'label_zh' END);
                END IF;
                cols := cols || pg_catalog.format('%s AS %I', label, col.attname || '_zh');
                notes := notes || pg_catalog.format('%s|中文标签：%I的中文名称。 Chinese label of %I (text).',
                                                    col.attname || '_zh', col.attname, col.attname);
            END IF;
        END LOOP;

        EXECUTE pg_catalog.format('CREATE VIEW medalliance_bi.%I AS SELECT %s FROM medalliance.%I v %s',
                                  src.relname, pg_catalog.array_to_string(cols, ', '), src.relname,
                                  pg_catalog.array_to_string(joins, ' '));
        EXECUTE pg_catalog.format('COMMENT ON VIEW medalliance_bi.%I IS %L', src.relname,
            src.descr || pg_catalog.format(' BI视图 BI view of medalliance.%s: fractional figures rounded for display (numeric), each code beside its Chinese label (*_zh).', src.relname)
            || CASE WHEN pg_catalog.cardinality(left_out) > 0
                    THEN pg_catalog.format(' 未列出 Left out (analysts read them in schema medalliance): %s.', pg_catalog.array_to_string(left_out, ', '))
                    ELSE '' END);
        FOR shown IN SELECT pg_catalog.unnest(notes) LOOP
            EXECUTE pg_catalog.format('COMMENT ON COLUMN medalliance_bi.%I.%I IS %L', src.relname,
                                      pg_catalog.split_part(shown, '|', 1), pg_catalog.substr(shown, pg_catalog.strpos(shown, '|') + 1));
        END LOOP;
        EXECUTE pg_catalog.format('GRANT SELECT ON medalliance_bi.%I TO medalliance_reader', src.relname);
    END LOOP;
END
$bi$;

-- The BI views are views too: owned by medalliance_view_owner, read by viewers as readers read them.
SELECT pg_catalog.count(*) FROM medalliance.apply_scopes();
