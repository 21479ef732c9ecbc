-- Six-unifications scoring (六统一评分): item results and compliance states per
-- member and month, and their roll-ups into quarters, years and alliances, all
-- written by refresh_unification(); the BI views (53_*) read these stored rows.
--
-- Who is scored.  Every institution that is a member (lead included) of an
-- alliance of a kind the scheme's unification_setting lists, in each month
-- its membership is valid.  An item is on a member's checklist when its
-- applies_to_levels includes the member's level (or is NULL); the rules
-- hosts_lead_staff, uses_shared_centres and qc_inspected_by_lead do not apply
-- to the lead itself.
--
-- Evidence of an attested item, for a member and month: the member's own
-- unification_evidence row in force (the latest whose month lies in the
-- valid_months months ending with this one); when it has none, the alliance-
-- level row (institution_id NULL) in force.  An alliance-level row is thus an
-- attestation for every member that has no row of its own: what the alliance
-- has (a management committee, one formulary) every member has.  Alliance
-- scores are means over members, so an alliance-level item weighs in them as
-- it weighs in each member's score.
--
-- Not assessed.  An item with no evidence in force (attested) or no facts to
-- judge (derived: e.g. nothing ordered that month) scores NULL: it counts in
-- items not assessed and lowers coverage, not the score.
-- The two are told apart in the stored summaries: an attested item without
-- an evidence row is evidence to collect (unification_missing_period); a
-- derived item with nothing to judge is not assessable, with the rule's
-- reason, and nothing to collect (unification_unassessable_period).

-- Stored results -------------------------------------------------------------
--
-- What is stored, and why so (issue 11: BI views answer from stored results).
--   unification_state               the monthly compliance state per member: the mergeable
--                                   truth from which every period is built.
--   unification_item_trail          the audit trail: one row per member and month holding
--                                   the month's item results as parallel arrays (integer
--                                   item keys, real scores and measures, one letter per
--                                   evidence source, the age of the evidence in months);
--                                   the view unification_item_result unnests it.
--   unification_item_year           per member, checklist item and year, three bit masks of
--                                   the months (on the checklist, not assessed, derived by
--                                   rule): what the items-not-assessed summaries below read,
--                                   so that a month's refresh reads a row per member-item
--                                   instead of unnesting the trail of the whole year.
--   unification_member_period       per member, period (month, quarter, year) and dimension:
--                                   the score and item counts, merged from the states.
--   unification_alliance_period_dimension
--                                   per alliance, period and dimension: the roll-up of
--                                   its members (both member weightings stored).
--   unification_alliance_period     per alliance and period: members, members fully
--                                   compliant in every dimension, items never evidenced.
--   unification_missing_period      per alliance, period and attested item with some
--                                   member-month without an evidence row in force: the
--                                   counts of what to collect.
--   unification_unassessable_period per alliance, period and derived item with some
--                                   member-month whose facts gave nothing to judge (no
--                                   order that month): nothing to collect, not assessable.
-- refresh_unification() rewrites the months asked for and then the roll-ups of
-- every period containing one of them (its quarter and year are merged again
-- from the stored monthly states and trail), so each stored period is always
-- the merge of its stored months.  The trail and roll-up tables carry no
-- foreign keys (a per-row check would cost more than writing the row); only
-- the refresh writes them, and it deletes and rewrites whole periods.

CREATE TABLE medalliance.unification_state (
    scheme_code    text NOT NULL
        CONSTRAINT unification_state_scheme_fkey REFERENCES medalliance.scheme (scheme_code),
    alliance_id    integer NOT NULL,
    institution_id integer NOT NULL,
    period_start   date NOT NULL
        CONSTRAINT unification_state_period_check CHECK (extract(day FROM period_start) = 1),
    state          medalliance.compliance NOT NULL,
    member_volume  bigint NOT NULL
        CONSTRAINT unification_state_volume_check CHECK (member_volume >= 0),
    refresh_id     bigint NOT NULL
        CONSTRAINT unification_state_refresh_fkey REFERENCES medalliance.refresh_log (refresh_id),
    CONSTRAINT unification_state_pkey PRIMARY KEY (scheme_code, alliance_id, institution_id, period_start)
);
CREATE INDEX unification_state_period_idx ON medalliance.unification_state (period_start);
CREATE INDEX unification_state_refresh_idx ON medalliance.unification_state (refresh_id);
COMMENT ON TABLE medalliance.unification_state IS
    '六统一合规状态 stored compliance states: per scheme, alliance, member and month, compliance_agg(dimension_no, score, weight) over the member''s checklist items, and the member''s volume. Written only by refresh_unification(), which merges them into the stored quarters and years.';
COMMENT ON COLUMN medalliance.unification_state.scheme_code IS '方案 the checklist scheme.';
COMMENT ON COLUMN medalliance.unification_state.alliance_id IS '医联体 the alliance.';
COMMENT ON COLUMN medalliance.unification_state.institution_id IS '成员机构 the member.';
COMMENT ON COLUMN medalliance.unification_state.period_start IS '月份 the month (first day).';
COMMENT ON COLUMN medalliance.unification_state.state IS '合规状态 the compliance state of the member''s items that month.';
COMMENT ON COLUMN medalliance.unification_state.member_volume IS '成员诊疗量 encounters at the member that month (count): its weight when members weigh by volume.';
COMMENT ON COLUMN medalliance.unification_state.refresh_id IS '刷新编号 the refresh that wrote the row.';

CREATE TABLE medalliance.unification_item_key (
    item_key    smallint NOT NULL
        CONSTRAINT unification_item_key_pkey PRIMARY KEY
        CONSTRAINT unification_item_key_check CHECK (item_key > 0),
    scheme_code text NOT NULL,
    item_code   text NOT NULL,
    CONSTRAINT unification_item_key_item_key UNIQUE (scheme_code, item_code),
    CONSTRAINT unification_item_key_item_fkey FOREIGN KEY (scheme_code, item_code)
        REFERENCES medalliance.unification_item (scheme_code, item_code) ON DELETE CASCADE ON UPDATE CASCADE
);
COMMENT ON TABLE medalliance.unification_item_key IS
    '清单项目编号 the small integer key by which the audit trail names a checklist item; given by refresh_unification() to each item the first time it is scored, never reused.';
COMMENT ON COLUMN medalliance.unification_item_key.item_key IS '项目键 the key (1, 2, …).';
COMMENT ON COLUMN medalliance.unification_item_key.scheme_code IS '方案 the checklist scheme.';
COMMENT ON COLUMN medalliance.unification_item_key.item_code IS '清单项目 the item.';

CREATE TABLE medalliance.unification_item_trail (
    institution_id integer NOT NULL,
    alliance_id    integer NOT NULL,
    scheme_code    text NOT NULL,
    period_start   date NOT NULL
        CONSTRAINT unification_item_trail_period_check CHECK (extract(day FROM period_start) = 1),
    item_keys      smallint[] NOT NULL,
    scores         real[] NOT NULL,
    measures       real[],
    sources        text NOT NULL,
    evidence_ages  smallint[],
    refresh_id     bigint NOT NULL,
    CONSTRAINT unification_item_trail_pkey PRIMARY KEY (institution_id, alliance_id, scheme_code, period_start),
    CONSTRAINT unification_item_trail_shape_check CHECK (
        array_ndims(item_keys) = 1 AND cardinality(item_keys) > 0
        AND cardinality(scores) = cardinality(item_keys) AND length(sources) = cardinality(item_keys)
        AND (measures IS NULL OR cardinality(measures) = cardinality(item_keys))
        AND (evidence_ages IS NULL OR cardinality(evidence_ages) = cardinality(item_keys))
        AND sources ~ '^[marn]+$')
);
CREATE INDEX unification_item_trail_period_idx ON medalliance.unification_item_trail (period_start);

CREATE TABLE medalliance.unification_item_year (
    alliance_id     integer NOT NULL,
    scheme_code     text NOT NULL,
    item_key        smallint NOT NULL,
    year            date NOT NULL
        CONSTRAINT unification_item_year_year_check CHECK (year = date_trunc('year', year)::date),
    institution_id  integer NOT NULL,
    months_listed   integer NOT NULL,
    months_missing  integer NOT NULL,
    months_derived  integer NOT NULL,
    refresh_id      bigint NOT NULL,
    -- No primary key: the rows of a year come from one GROUP BY over its key
    -- (unique by construction; unification_storage.sql checks it after a
    -- year's and a month's refresh), are read whole per year, and are
    -- rewritten whole by every refresh of a month of the year.  Its index
    -- cost 0.27 s of the 0.34 s that writing a year's 80,000 rows takes at
    -- scale 1 (each new key checked against the rows just deleted).
    CONSTRAINT unification_item_year_masks_check CHECK (
        months_listed > 0 AND months_listed < 4096
        AND months_missing & ~months_listed = 0 AND months_derived & ~months_listed = 0)
);
COMMENT ON TABLE medalliance.unification_item_year IS
    '清单项目年度月份掩码 per alliance, member, checklist item and year, the months as bit masks (bit 0 = January): on the member''s checklist, not assessed, derived by rule. Kept by refresh_unification() beside the audit trail (the same months, read without unnesting it) for the summaries of items not assessed.';
COMMENT ON COLUMN medalliance.unification_item_year.alliance_id IS '医联体 the alliance.';
COMMENT ON COLUMN medalliance.unification_item_year.scheme_code IS '方案 the checklist scheme.';
COMMENT ON COLUMN medalliance.unification_item_year.item_key IS '项目键 the item (unification_item_key).';
COMMENT ON COLUMN medalliance.unification_item_year.year IS '年度 the year (1 January).';
COMMENT ON COLUMN medalliance.unification_item_year.institution_id IS '成员机构 the member.';
COMMENT ON COLUMN medalliance.unification_item_year.months_listed IS '在清单月份 bit mask of the months the item was on the member''s checklist.';
COMMENT ON COLUMN medalliance.unification_item_year.months_missing IS '未评估月份 bit mask of those months in which it was not assessed (score NULL).';
COMMENT ON COLUMN medalliance.unification_item_year.months_derived IS '规则派生月份 bit mask of those months in which it was derived by rule (source r).';
COMMENT ON COLUMN medalliance.unification_item_year.refresh_id IS '刷新编号 the refresh that wrote the row.';
COMMENT ON TABLE medalliance.unification_item_trail IS
    '清单项目审计 the audit trail of item results, one row per member and month: the i-th element of each array is the i-th item scored (ascending item_key). Read through the view unification_item_result. Written only by refresh_unification().';
COMMENT ON COLUMN medalliance.unification_item_trail.institution_id IS '成员机构 the member.';
COMMENT ON COLUMN medalliance.unification_item_trail.alliance_id IS '医联体 the alliance.';
COMMENT ON COLUMN medalliance.unification_item_trail.scheme_code IS '方案 the checklist scheme.';
COMMENT ON COLUMN medalliance.unification_item_trail.period_start IS '月份 the month (first day).';
COMMENT ON COLUMN medalliance.unification_item_trail.item_keys IS '项目键 the items on the member''s checklist that month (unification_item_key), ascending.';
COMMENT ON COLUMN medalliance.unification_item_trail.scores IS '项目得分 each item''s score as a fraction 0–1 (real: about 7 significant digits); NULL when not assessed.';
COMMENT ON COLUMN medalliance.unification_item_trail.measures IS '派生度量 each derived item''s measure, a fraction 0–1 (NULL for attested items); the column is NULL when no item has one.';
COMMENT ON COLUMN medalliance.unification_item_trail.sources IS '佐证来源 one letter per item: m member''s own evidence, a alliance-level evidence, r derived by rule, n none in force.';
COMMENT ON COLUMN medalliance.unification_item_trail.evidence_ages IS '佐证月龄 for attested items with evidence, the months between the evidence row''s month and this month (0 = this month); the column is NULL when no item has one.';
COMMENT ON COLUMN medalliance.unification_item_trail.refresh_id IS '刷新编号 the refresh that wrote the row.';

CREATE TABLE medalliance.unification_member_key (
    member_key     integer NOT NULL
        CONSTRAINT unification_member_key_pkey PRIMARY KEY
        CONSTRAINT unification_member_key_check CHECK (member_key > 0),
    alliance_id    integer NOT NULL,
    scheme_code    text NOT NULL,
    institution_id integer NOT NULL,
    dimension_no   smallint NOT NULL,
    CONSTRAINT unification_member_key_member_key UNIQUE (alliance_id, scheme_code, institution_id, dimension_no)
);
COMMENT ON TABLE medalliance.unification_member_key IS
    '成员维度编号 the integer key by which unification_member_period names an alliance, scheme, member and dimension; given by refresh_unification() the first time the four are scored together, never reused. The view unification_member joins the names to these rows (tens of thousands), then joins them to the period rows by one integer.';
COMMENT ON COLUMN medalliance.unification_member_key.member_key IS '成员维度键 the key (1, 2, …).';
COMMENT ON COLUMN medalliance.unification_member_key.alliance_id IS '医联体 the alliance.';
COMMENT ON COLUMN medalliance.unification_member_key.scheme_code IS '方案 the checklist scheme.';
COMMENT ON COLUMN medalliance.unification_member_key.institution_id IS '成员机构 the member.';
COMMENT ON COLUMN medalliance.unification_member_key.dimension_no IS '维度序号 the dimension number 1–16.';

CREATE TABLE medalliance.unification_member_period (
    alliance_id        integer NOT NULL,
    member_key         integer NOT NULL,
    grain              text NOT NULL
        CONSTRAINT unification_member_period_grain_check CHECK (grain IN ('month', 'quarter', 'year')),
    period_start       date NOT NULL,
    score              double precision,
    items_assessed     integer NOT NULL,
    items_met          integer NOT NULL,
    items_not_assessed integer NOT NULL,
    months_with_data   smallint NOT NULL,
    member_volume      bigint NOT NULL,
    refresh_id         bigint NOT NULL
);
-- Scheme, member and dimension are one integer (unification_member_key): a
-- whole read of unification_member (640,000 rows a year) then joins the
-- names to the keys, tens of thousands of rows, and the keys to the rows by
-- one integer, instead of three joins per row (at scale 0.1, quiet machine:
-- 440 -> 275 ms, its BI view 950 -> 730 ms).  The alliance stays beside the
-- key: rows are read, and scoped, by alliance.
-- No primary key: the refresh deletes whole periods and writes them from rows
-- grouped by (alliance, scheme, grain, period, member, dimension), so the key
-- is unique by construction (test/pgtap/unification_storage.sql checks it),
-- and a unique index cost the year's refresh 2.7 s of its 26 s at scale
-- 0.005 (its checks visit the rows just deleted).  Dashboards read by
-- alliance and period.  No index by period: the refresh deletes its periods
-- through one hash join over the table, as fast without it, and an index
-- by period cost a year's refresh 0.9 s of 21 s at scale 0.005 (a month's
-- refresh the same 3.2 s with or without).
CREATE INDEX unification_member_period_alliance_idx ON medalliance.unification_member_period (alliance_id, period_start);
COMMENT ON TABLE medalliance.unification_member_period IS
    '成员期间得分 per member, period (month, quarter, year) and dimension, the merge of the stored monthly states: what unification_member shows. Written only by refresh_unification().';
COMMENT ON COLUMN medalliance.unification_member_period.alliance_id IS '医联体 the alliance.';
COMMENT ON COLUMN medalliance.unification_member_period.member_key IS '成员维度键 the scheme, member and dimension (unification_member_key).';
COMMENT ON COLUMN medalliance.unification_member_period.grain IS '期间粒度 month, quarter or year.';
COMMENT ON COLUMN medalliance.unification_member_period.period_start IS '期间起始 first day of the period.';
COMMENT ON COLUMN medalliance.unification_member_period.score IS '维度得分 score 0–100 over the assessed item-months; NULL when none was assessed.';
COMMENT ON COLUMN medalliance.unification_member_period.items_assessed IS '评估项数 item-months with evidence (count).';
COMMENT ON COLUMN medalliance.unification_member_period.items_met IS '达标项数 item-months fully met (count).';
COMMENT ON COLUMN medalliance.unification_member_period.items_not_assessed IS '未评估项数 item-months without evidence (count).';
COMMENT ON COLUMN medalliance.unification_member_period.months_with_data IS '有数据月数 months of the period with a stored state (count).';
COMMENT ON COLUMN medalliance.unification_member_period.member_volume IS '成员诊疗量 encounters at the member in the period (count).';
COMMENT ON COLUMN medalliance.unification_member_period.refresh_id IS '刷新编号 the refresh that wrote the row.';

CREATE TABLE medalliance.unification_alliance_period_dimension (
    alliance_id             integer NOT NULL,
    scheme_code             text NOT NULL,
    grain                   text NOT NULL
        CONSTRAINT unification_alliance_period_dimension_grain_check CHECK (grain IN ('month', 'quarter', 'year')),
    period_start            date NOT NULL,
    dimension_no            smallint NOT NULL,
    score_equal             double precision,
    score_volume            double precision,
    members                 integer NOT NULL,
    members_scored          integer NOT NULL,
    members_fully_compliant integer NOT NULL,
    items_assessed          bigint NOT NULL,
    items_met               bigint NOT NULL,
    items_not_assessed      bigint NOT NULL,
    min_member_score        double precision,
    max_member_score        double precision,
    months_with_data        smallint NOT NULL,
    refresh_id              bigint NOT NULL,
    CONSTRAINT unification_alliance_period_dimension_pkey
        PRIMARY KEY (alliance_id, scheme_code, grain, period_start, dimension_no)
);
CREATE INDEX unification_alliance_period_dimension_period_idx
    ON medalliance.unification_alliance_period_dimension (period_start, grain);
COMMENT ON TABLE medalliance.unification_alliance_period_dimension IS
    '医联体期间维度 per alliance, period and dimension, the roll-up of its members'' rows of unification_member_period, under both member weightings. Written only by refresh_unification().';
COMMENT ON COLUMN medalliance.unification_alliance_period_dimension.alliance_id IS '医联体 the alliance.';
COMMENT ON COLUMN medalliance.unification_alliance_period_dimension.scheme_code IS '方案 the checklist scheme.';
COMMENT ON COLUMN medalliance.unification_alliance_period_dimension.grain IS '期间粒度 month, quarter or year.';
COMMENT ON COLUMN medalliance.unification_alliance_period_dimension.period_start IS '期间起始 first day of the period.';
COMMENT ON COLUMN medalliance.unification_alliance_period_dimension.dimension_no IS '维度序号 the dimension number 1–16.';
COMMENT ON COLUMN medalliance.unification_alliance_period_dimension.score_equal IS '等权得分 score 0–100: the mean of the members'' scores (members without one left out).';
COMMENT ON COLUMN medalliance.unification_alliance_period_dimension.score_volume IS '诊疗量加权得分 score 0–100: Σ volume·score / Σ volume over the members with a score.';
COMMENT ON COLUMN medalliance.unification_alliance_period_dimension.members IS '成员数 members with the dimension on their checklist (count).';
COMMENT ON COLUMN medalliance.unification_alliance_period_dimension.members_scored IS '有得分成员数 members with a score (count).';
COMMENT ON COLUMN medalliance.unification_alliance_period_dimension.members_fully_compliant IS '完全达标成员数 members whose every item-month of the dimension was assessed and met (count).';
COMMENT ON COLUMN medalliance.unification_alliance_period_dimension.items_assessed IS '评估项数 member-item-months with evidence (count).';
COMMENT ON COLUMN medalliance.unification_alliance_period_dimension.items_met IS '达标项数 member-item-months fully met (count).';
COMMENT ON COLUMN medalliance.unification_alliance_period_dimension.items_not_assessed IS '未评估项数 member-item-months without evidence (count).';
COMMENT ON COLUMN medalliance.unification_alliance_period_dimension.min_member_score IS '成员最低分 the lowest member score, 0–100.';
COMMENT ON COLUMN medalliance.unification_alliance_period_dimension.max_member_score IS '成员最高分 the highest member score, 0–100.';
COMMENT ON COLUMN medalliance.unification_alliance_period_dimension.months_with_data IS '有数据月数 the most months with a stored state of any member (count).';
COMMENT ON COLUMN medalliance.unification_alliance_period_dimension.refresh_id IS '刷新编号 the refresh that wrote the row.';

CREATE TABLE medalliance.unification_alliance_period (
    alliance_id             integer NOT NULL,
    scheme_code             text NOT NULL,
    grain                   text NOT NULL
        CONSTRAINT unification_alliance_period_grain_check CHECK (grain IN ('month', 'quarter', 'year')),
    period_start            date NOT NULL,
    members                 integer NOT NULL,
    members_fully_compliant integer NOT NULL,
    items_without_evidence  text,
    refresh_id              bigint NOT NULL,
    CONSTRAINT unification_alliance_period_pkey PRIMARY KEY (alliance_id, scheme_code, grain, period_start)
);
CREATE INDEX unification_alliance_period_period_idx ON medalliance.unification_alliance_period (period_start, grain);
COMMENT ON TABLE medalliance.unification_alliance_period IS
    '医联体期间汇总 per alliance and period: its members, those fully compliant in every dimension and the attested items no member had evidence for. Written only by refresh_unification().';
COMMENT ON COLUMN medalliance.unification_alliance_period.alliance_id IS '医联体 the alliance.';
COMMENT ON COLUMN medalliance.unification_alliance_period.scheme_code IS '方案 the checklist scheme.';
COMMENT ON COLUMN medalliance.unification_alliance_period.grain IS '期间粒度 month, quarter or year.';
COMMENT ON COLUMN medalliance.unification_alliance_period.period_start IS '期间起始 first day of the period.';
COMMENT ON COLUMN medalliance.unification_alliance_period.members IS '成员数 members assessed in the period (count).';
COMMENT ON COLUMN medalliance.unification_alliance_period.members_fully_compliant IS '完全达标成员数 members met in every dimension on their checklist (count).';
COMMENT ON COLUMN medalliance.unification_alliance_period.items_without_evidence IS '无佐证项目 attested items with no evidence row in force for any member in any month of the period, comma-separated (by dimension, then item); derived items with nothing to judge are not listed (unification_unassessable_period).';
COMMENT ON COLUMN medalliance.unification_alliance_period.refresh_id IS '刷新编号 the refresh that wrote the row.';

CREATE TABLE medalliance.unification_missing_period (
    alliance_id                    integer NOT NULL,
    scheme_code                    text NOT NULL,
    grain                          text NOT NULL
        CONSTRAINT unification_missing_period_grain_check CHECK (grain IN ('month', 'quarter', 'year')),
    period_start                   date NOT NULL,
    item_code                      text NOT NULL,
    members_without_evidence       integer NOT NULL,
    members                        integer NOT NULL,
    member_months_without_evidence integer NOT NULL
        CONSTRAINT unification_missing_period_missing_check CHECK (member_months_without_evidence > 0),
    member_months                  integer NOT NULL,
    never_assessed                 boolean NOT NULL,
    refresh_id                     bigint NOT NULL,
    CONSTRAINT unification_missing_period_pkey PRIMARY KEY (alliance_id, scheme_code, grain, period_start, item_code)
);
CREATE INDEX unification_missing_period_period_idx ON medalliance.unification_missing_period (period_start, grain);
COMMENT ON TABLE medalliance.unification_missing_period IS
    '缺少佐证汇总 per alliance, period and attested checklist item with at least one member-month without an evidence row in force (evidence a loader can collect), the counts unification_missing_evidence shows. Derived items with nothing to judge are in unification_unassessable_period. Written only by refresh_unification().';
COMMENT ON COLUMN medalliance.unification_missing_period.alliance_id IS '医联体 the alliance.';
COMMENT ON COLUMN medalliance.unification_missing_period.scheme_code IS '方案 the checklist scheme.';
COMMENT ON COLUMN medalliance.unification_missing_period.grain IS '期间粒度 month, quarter or year.';
COMMENT ON COLUMN medalliance.unification_missing_period.period_start IS '期间起始 first day of the period.';
COMMENT ON COLUMN medalliance.unification_missing_period.item_code IS '清单项目 the item.';
COMMENT ON COLUMN medalliance.unification_missing_period.members_without_evidence IS '缺佐证成员数 members with at least one month without an evidence row in force (count).';
COMMENT ON COLUMN medalliance.unification_missing_period.members IS '成员数 members with the item on their checklist (count).';
COMMENT ON COLUMN medalliance.unification_missing_period.member_months_without_evidence IS '缺佐证成员月数 member-months without an evidence row in force (count).';
COMMENT ON COLUMN medalliance.unification_missing_period.member_months IS '成员月数 member-months with the item on the checklist (count).';
COMMENT ON COLUMN medalliance.unification_missing_period.never_assessed IS '全无佐证 true when no member had an evidence row in force in any month of the period.';
COMMENT ON COLUMN medalliance.unification_missing_period.refresh_id IS '刷新编号 the refresh that wrote the row.';

CREATE TABLE medalliance.unification_unassessable_period (
    alliance_id                   integer NOT NULL,
    scheme_code                   text NOT NULL,
    grain                         text NOT NULL
        CONSTRAINT unification_unassessable_period_grain_check CHECK (grain IN ('month', 'quarter', 'year')),
    period_start                  date NOT NULL,
    item_code                     text NOT NULL,
    members_not_assessable        integer NOT NULL,
    members                       integer NOT NULL,
    member_months_not_assessable  integer NOT NULL
        CONSTRAINT unification_unassessable_period_months_check CHECK (member_months_not_assessable > 0),
    member_months                 integer NOT NULL,
    never_assessable              boolean NOT NULL,
    refresh_id                    bigint NOT NULL,
    CONSTRAINT unification_unassessable_period_pkey
        PRIMARY KEY (alliance_id, scheme_code, grain, period_start, item_code)
);
CREATE INDEX unification_unassessable_period_period_idx
    ON medalliance.unification_unassessable_period (period_start, grain);
COMMENT ON TABLE medalliance.unification_unassessable_period IS
    '无从评估汇总 per alliance, period and derived checklist item with at least one member-month whose warehouse facts gave its rule nothing to judge (e.g. a village clinic that ordered nothing that month): not assessable, and nothing a loader could collect. The counts unification_not_assessable shows. Written only by refresh_unification().';
COMMENT ON COLUMN medalliance.unification_unassessable_period.alliance_id IS '医联体 the alliance.';
COMMENT ON COLUMN medalliance.unification_unassessable_period.scheme_code IS '方案 the checklist scheme.';
COMMENT ON COLUMN medalliance.unification_unassessable_period.grain IS '期间粒度 month, quarter or year.';
COMMENT ON COLUMN medalliance.unification_unassessable_period.period_start IS '期间起始 first day of the period.';
COMMENT ON COLUMN medalliance.unification_unassessable_period.item_code IS '清单项目 the derived item.';
COMMENT ON COLUMN medalliance.unification_unassessable_period.members_not_assessable IS '无从评估成员数 members with at least one month in which the rule had nothing to judge (count).';
COMMENT ON COLUMN medalliance.unification_unassessable_period.members IS '成员数 members with the item on their checklist (count).';
COMMENT ON COLUMN medalliance.unification_unassessable_period.member_months_not_assessable IS '无从评估成员月数 member-months in which the rule had nothing to judge (count).';
COMMENT ON COLUMN medalliance.unification_unassessable_period.member_months IS '成员月数 member-months with the item on the checklist (count).';
COMMENT ON COLUMN medalliance.unification_unassessable_period.never_assessable IS '全无可评 true when the rule had nothing to judge for any member in any month of the period.';
COMMENT ON COLUMN medalliance.unification_unassessable_period.refresh_id IS '刷新编号 the refresh that wrote the row.';

SELECT pg_catalog.pg_extension_config_dump('medalliance.unification_state', '');
SELECT pg_catalog.pg_extension_config_dump('medalliance.unification_item_key', '');
SELECT pg_catalog.pg_extension_config_dump('medalliance.unification_item_trail', '');
SELECT pg_catalog.pg_extension_config_dump('medalliance.unification_item_year', '');
SELECT pg_catalog.pg_extension_config_dump('medalliance.unification_member_key', '');
SELECT pg_catalog.pg_extension_config_dump('medalliance.unification_member_period', '');
SELECT pg_catalog.pg_extension_config_dump('medalliance.unification_alliance_period_dimension', '');
SELECT pg_catalog.pg_extension_config_dump('medalliance.unification_alliance_period', '');
SELECT pg_catalog.pg_extension_config_dump('medalliance.unification_missing_period', '');
SELECT pg_catalog.pg_extension_config_dump('medalliance.unification_unassessable_period', '');

-- Refresh --------------------------------------------------------------------

-- refresh_unification(period_from, period_to[, scheme_codes]): recompute the
-- item results and states of the months from period_from to period_to
-- (inclusive, any day of the month) for every checklist scheme that has a
-- unification_setting row, or the ones named, then the stored roll-ups of
-- every month, quarter and year containing one of them; other months are
-- not touched.
CREATE FUNCTION medalliance.refresh_unification(period_from date, period_to date,
                                                scheme_codes text[] DEFAULT NULL)
RETURNS bigint
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SECURITY INVOKER
SET search_path = pg_catalog, medalliance, pg_temp
SET jit = off
SET parallel_setup_cost = 10000
AS $$
DECLARE
    month_from date;
    month_to   date;
    months     date[];
    log_id     bigint;
    unknown    text;
    schemes    text[];
    n_results  bigint;
    n_states   bigint;
    unread     jsonb;
    per_scheme jsonb;
    new_keys   bigint;
BEGIN
    SELECT b.refresh_id, b.month_from, b.month_to, b.months_with_data INTO log_id, month_from, month_to, months
    FROM medalliance.refresh_begin('unification', period_from, period_to) b;
    SELECT string_agg(coalesce(c, 'NULL'), ', ') INTO unknown
    FROM unnest(scheme_codes) c
    WHERE c IS NULL OR NOT EXISTS (SELECT FROM medalliance.scheme s WHERE s.scheme_code = c AND s.scheme_kind = 'checklist');
    IF unknown IS NOT NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
            MESSAGE = format('unknown checklist scheme(s): %s', unknown),
            HINT = 'The checklist schemes are the rows of medalliance.scheme with scheme_kind ''checklist''.';
    END IF;
    SELECT string_agg(c, ', ') INTO unknown
    FROM unnest(scheme_codes) c
    WHERE NOT EXISTS (SELECT FROM medalliance.unification_setting s WHERE s.scheme_code = c);
    IF unknown IS NOT NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
            MESSAGE = format('checklist scheme(s) without scoring settings: %s', unknown),
            HINT = 'Add a row to medalliance.unification_setting (member weighting, alliance kinds).';
    END IF;
    schemes := coalesce(scheme_codes, ARRAY(SELECT s.scheme_code FROM medalliance.unification_setting s
                                            ORDER BY s.scheme_code));
    -- the members' volumes come from the monthly encounter summary (fact_summary_refresh)
    PERFORM medalliance.fact_summary_refresh(month_from, month_to, log_id);

    DELETE FROM medalliance.unification_state s
    WHERE s.period_start BETWEEN month_from AND month_to AND s.scheme_code = ANY (schemes);
    DELETE FROM medalliance.unification_item_trail r
    WHERE r.period_start BETWEEN month_from AND month_to AND r.scheme_code = ANY (schemes);

    -- the work tables of an earlier call in this transaction
    PERFORM medalliance.drop_work_tables(ARRAY['unification_refresh_member',
                                                'unification_refresh_price',
                                                'unification_refresh_checklist',
                                                'unification_refresh_evidence',
                                                'unification_refresh_item',
                                                'unification_refresh_member_month',
                                                'unification_refresh_period',
                                                'unification_refresh_member_period',
                                                'unification_refresh_gap',
                                                'unification_refresh_item_year']);

    -- the members to score: scheme × month × alliance × member
    CREATE TEMP TABLE unification_refresh_member ON COMMIT DROP AS
    SELECT DISTINCT st.scheme_code, m.month, (m.month + interval '1 month')::date AS next_month,
           a.alliance_id, a.lead_institution_id AS lead_id, ms.institution_id, i.institution_level
    FROM medalliance.unification_setting st
    CROSS JOIN unnest(months) AS m(month)
    JOIN medalliance.alliance a
      ON a.alliance_kind = ANY (st.alliance_kinds)
     AND (a.formed_on IS NULL OR a.formed_on < (m.month + interval '1 month')::date)
     AND (a.dissolved_on IS NULL OR a.dissolved_on > m.month)
    JOIN medalliance.membership ms
      ON ms.alliance_id = a.alliance_id
     AND ms.valid_from < (m.month + interval '1 month')::date
     AND (ms.valid_to IS NULL OR ms.valid_to > m.month)
    JOIN medalliance.institution i ON i.institution_id = ms.institution_id
    WHERE st.scheme_code = ANY (schemes);
    PERFORM medalliance.analyze_work_table('pg_temp.unification_refresh_member');

    -- the lowest unit price each alliance's members paid per item and month
    CREATE TEMP TABLE unification_refresh_price ON COMMIT DROP AS
    SELECT am.alliance_id, am.month, p.item_code, min(p.unit_price) AS min_price
    FROM (SELECT DISTINCT alliance_id, institution_id, month, next_month FROM pg_temp.unification_refresh_member) am
    JOIN medalliance.procurement p
      ON p.institution_id = am.institution_id AND p.ordered_on >= am.month AND p.ordered_on < am.next_month
    GROUP BY 1, 2, 3;
    CREATE INDEX ON pg_temp.unification_refresh_price (alliance_id, month, item_code);
    PERFORM medalliance.analyze_work_table('pg_temp.unification_refresh_price');

    -- the evidence row in force per alliance, member (NULL: the alliance-level
    -- row), evidence code, validity and month: the latest whose month lies in
    -- the valid_months months ending with this one (one pass, not one lookup
    -- per member, item and month)
    CREATE TEMP TABLE unification_refresh_evidence ON COMMIT DROP AS
    SELECT DISTINCT ON (e.alliance_id, e.institution_id, v.evidence_code, v.valid_months, m.month)
           e.alliance_id, e.institution_id, v.evidence_code, v.valid_months, m.month,
           e.evidence_value, e.period_start, e.not_applicable
    FROM (SELECT DISTINCT it.evidence_code, it.valid_months FROM medalliance.unification_item it
          WHERE it.scheme_code = ANY (schemes) AND it.evidence_kind = 'attested') v
    JOIN medalliance.unification_evidence e
      ON e.item_code = v.evidence_code
     AND e.period_start <= month_to
     AND e.period_start > (month_from - make_interval(months => v.valid_months))::date
    JOIN unnest(months) AS m(month)
      ON e.period_start <= m.month AND e.period_start > (m.month - make_interval(months => v.valid_months))::date
    ORDER BY e.alliance_id, e.institution_id, v.evidence_code, v.valid_months, m.month, e.period_start DESC;
    PERFORM medalliance.analyze_work_table('pg_temp.unification_refresh_evidence');

    -- the attested items on each member's checklist, counted for the planner
    CREATE TEMP TABLE unification_refresh_checklist ON COMMIT DROP AS
    SELECT u.scheme_code, u.alliance_id, u.institution_id, u.month, it.item_code, it.evidence_code, it.valid_months
    FROM pg_temp.unification_refresh_member u
    JOIN medalliance.unification_item it
      ON it.scheme_code = u.scheme_code AND it.evidence_kind = 'attested'
     AND (it.applies_to_levels IS NULL OR u.institution_level = ANY (it.applies_to_levels))
     AND (it.applies_to_lead OR u.institution_id <> u.lead_id);
    PERFORM medalliance.analyze_work_table('pg_temp.unification_refresh_checklist');

    -- the item results of the months, full precision (states are built from these)
    CREATE TEMP TABLE unification_refresh_item ON COMMIT DROP AS
    -- attested items: the member's row in force, else the alliance's
    SELECT c.scheme_code, c.alliance_id, c.institution_id, c.month AS period_start, c.item_code,
           CASE WHEN own.period_start IS NOT NULL THEN own.evidence_value ELSE shared.evidence_value END
               AS score_fraction,
           NULL::numeric AS measure,
           CASE WHEN own.period_start IS NOT NULL THEN 'm'
                WHEN shared.period_start IS NOT NULL THEN 'a' ELSE 'n' END AS source,
           coalesce(own.period_start, shared.period_start) AS evidence_period
    FROM pg_temp.unification_refresh_checklist c
    LEFT JOIN pg_temp.unification_refresh_evidence own
      ON own.alliance_id = c.alliance_id AND own.institution_id = c.institution_id
     AND own.evidence_code = c.evidence_code AND own.valid_months = c.valid_months AND own.month = c.month
    LEFT JOIN (SELECT * FROM pg_temp.unification_refresh_evidence e WHERE e.institution_id IS NULL) shared
      ON shared.alliance_id = c.alliance_id
     AND shared.evidence_code = c.evidence_code AND shared.valid_months = c.valid_months AND shared.month = c.month
    -- evidence in force that marks the item not applicable leaves it off the checklist
    WHERE NOT coalesce(CASE WHEN own.period_start IS NOT NULL THEN own.not_applicable ELSE shared.not_applicable END,
                       false)
    UNION ALL
    -- derived items: the rule's measure against the threshold
    SELECT d.scheme_code, d.alliance_id, d.institution_id, d.month, d.item_code,
           CASE WHEN d.measure IS NULL THEN NULL
                WHEN d.measure >= d.threshold THEN 1
                WHEN d.measure >= (d.parameters ->> 'partial_threshold')::numeric THEN 0.5
                ELSE 0 END,
           d.measure, 'r', NULL
    FROM (
        SELECT u.scheme_code, u.alliance_id, u.institution_id, u.month, it.item_code, it.threshold,
               it.parameters, it.rule_code, rl.not_assessed_reason,
               CASE it.rule_code
               WHEN 'procurement_platform_share' THEN (
                   SELECT coalesce(sum(p.quantity * p.unit_price) FILTER (WHERE p.via_unified_platform), 0)
                          / nullif(sum(p.quantity * p.unit_price), 0)
                   FROM medalliance.procurement p
                   WHERE p.institution_id = u.institution_id
                     AND p.ordered_on >= u.month AND p.ordered_on < u.next_month
                     AND (NOT it.parameters ? 'item_kinds'
                          OR p.item_kind IN (SELECT jsonb_array_elements_text(it.parameters -> 'item_kinds'))))
               WHEN 'uniform_unit_price' THEN (
                   SELECT avg(CASE WHEN p.unit_price = mp.min_price THEN 1 ELSE 0 END)
                   FROM medalliance.procurement p
                   JOIN pg_temp.unification_refresh_price mp
                     ON mp.alliance_id = u.alliance_id AND mp.month = u.month AND mp.item_code = p.item_code
                   WHERE p.institution_id = u.institution_id
                     AND p.ordered_on >= u.month AND p.ordered_on < u.next_month
                     AND (NOT it.parameters ? 'item_kinds'
                          OR p.item_kind IN (SELECT jsonb_array_elements_text(it.parameters -> 'item_kinds'))))
               WHEN 'hosts_lead_staff' THEN (
                   SELECT CASE WHEN EXISTS (
                       SELECT FROM medalliance.deployment dp
                       WHERE dp.to_institution_id = u.institution_id AND dp.from_institution_id = u.lead_id
                         AND dp.started_on < u.next_month AND (dp.ended_on IS NULL OR dp.ended_on >= u.month)
                         AND dp.deployment_kind IN (SELECT jsonb_array_elements_text(
                                 coalesce(it.parameters -> 'deployment_kinds', '["stationed", "rotation"]'))))
                   THEN 1 ELSE 0 END::numeric)
               WHEN 'uses_shared_centres' THEN (
                   SELECT CASE WHEN count(*) >= coalesce((it.parameters ->> 'min_services')::numeric, 1)
                               THEN 1 ELSE 0 END::numeric
                   FROM medalliance.shared_centre_service s
                   WHERE s.ordering_institution_id = u.institution_id
                     AND s.ordered_on >= u.month AND s.ordered_on < u.next_month
                     AND (s.alliance_id = u.alliance_id
                          OR EXISTS (SELECT FROM medalliance.membership r
                                     WHERE r.alliance_id = u.alliance_id AND r.institution_id = s.reading_institution_id
                                       AND r.valid_from < u.next_month
                                       AND (r.valid_to IS NULL OR r.valid_to > u.month))))
               WHEN 'qc_inspected_by_lead' THEN (
                   SELECT CASE WHEN EXISTS (
                       SELECT FROM medalliance.qc_inspection q
                       WHERE q.institution_id = u.institution_id AND q.inspected_by_institution_id = u.lead_id
                         AND q.inspected_on < u.next_month
                         AND q.inspected_on >= (u.month - make_interval(
                                 months => coalesce((it.parameters ->> 'window_months')::int, 3) - 1))::date)
                   THEN 1 ELSE 0 END::numeric)
               END AS measure
        FROM pg_temp.unification_refresh_member u
        JOIN medalliance.unification_item it
          ON it.scheme_code = u.scheme_code AND it.evidence_kind = 'derived'
         AND (it.applies_to_levels IS NULL OR u.institution_level = ANY (it.applies_to_levels))
        JOIN medalliance.unification_rule rl
          ON rl.rule_code = it.rule_code AND (rl.applies_to_lead OR u.institution_id <> u.lead_id)
        -- a fence: the outer CASE names the measure four times, and pulled up
        -- it would run the rule's subquery once per mention
        OFFSET 0
    ) d;
    GET DIAGNOSTICS n_results = ROW_COUNT;
    PERFORM medalliance.analyze_work_table('pg_temp.unification_refresh_item');

    -- keys for the items of the schemes that have none yet (refreshes run one at a time)
    INSERT INTO medalliance.unification_item_key (item_key, scheme_code, item_code)
    SELECT (SELECT coalesce(max(k.item_key), 0) FROM medalliance.unification_item_key k)
               + row_number() OVER (ORDER BY it.scheme_code, it.item_code),
           it.scheme_code, it.item_code
    FROM medalliance.unification_item it
    WHERE it.scheme_code = ANY (schemes)
      AND NOT EXISTS (SELECT FROM medalliance.unification_item_key k
                      WHERE k.scheme_code = it.scheme_code AND k.item_code = it.item_code);

    -- One row per member, scheme and month, from one sort of the items: the
    -- audit trail's arrays (items in key order; every array is aggregated over
    -- the same sorted input, so they stay aligned) and the compliance state.
    CREATE TEMP TABLE unification_refresh_member_month ON COMMIT DROP AS
    SELECT g.alliance_id, g.institution_id, g.period_start, sc.scheme_code, g.item_keys, g.scores, g.measures,
           g.sources, g.evidence_ages, g.state
    FROM (SELECT r.alliance_id, r.institution_id, r.period_start, r.scheme_no,
                 array_agg(r.item_key) AS item_keys,
                 array_agg(r.score_fraction::real) AS scores,
                 CASE WHEN bool_or(r.measure IS NOT NULL) THEN array_agg(r.measure::real) END AS measures,
                 string_agg(r.source, '') AS sources,
                 CASE WHEN bool_or(r.evidence_period IS NOT NULL)
                      THEN array_agg(((extract(year FROM r.period_start) - extract(year FROM r.evidence_period)) * 12
                                      + extract(month FROM r.period_start)
                                      - extract(month FROM r.evidence_period))::smallint)
                      END AS evidence_ages,
                 medalliance.compliance_agg(r.dimension_no, r.score_fraction::double precision, r.weight) AS state
          -- sorted by integers (the scheme by its place in schemes): text
          -- sort keys compare by collation, several times slower
          FROM (SELECT r.*, sc.scheme_no, k.item_key, d.dimension_no, it.weight
                FROM pg_temp.unification_refresh_item r
                JOIN unnest(schemes) WITH ORDINALITY AS sc(scheme_code, scheme_no) ON sc.scheme_code = r.scheme_code
                JOIN medalliance.unification_item_key k ON k.scheme_code = r.scheme_code AND k.item_code = r.item_code
                JOIN medalliance.unification_item it ON it.scheme_code = r.scheme_code AND it.item_code = r.item_code
                JOIN medalliance.unification_dimension d
                  ON d.scheme_code = it.scheme_code AND d.dimension_code = it.dimension_code
                ORDER BY r.alliance_id, r.institution_id, r.period_start, sc.scheme_no, k.item_key) r
          GROUP BY r.alliance_id, r.institution_id, r.period_start, r.scheme_no) g
    JOIN unnest(schemes) WITH ORDINALITY AS sc(scheme_code, scheme_no) ON sc.scheme_no = g.scheme_no;

    INSERT INTO medalliance.unification_item_trail
        (institution_id, alliance_id, scheme_code, period_start, item_keys, scores, measures, sources,
         evidence_ages, refresh_id)
    SELECT m.institution_id, m.alliance_id, m.scheme_code, m.period_start, m.item_keys, m.scores, m.measures,
           m.sources, m.evidence_ages, log_id
    FROM pg_temp.unification_refresh_member_month m;

    INSERT INTO medalliance.unification_state
        (scheme_code, alliance_id, institution_id, period_start, state, member_volume, refresh_id)
    SELECT m.scheme_code, m.alliance_id, m.institution_id, m.period_start, m.state, coalesce(v.encounters, 0), log_id
    FROM pg_temp.unification_refresh_member_month m
    LEFT JOIN (
        SELECT e.institution_id, e.period_start AS month, sum(e.encounters)::bigint AS encounters
        FROM medalliance.encounter_month e
        WHERE e.period_start BETWEEN month_from AND month_to
          AND e.institution_id IN (SELECT institution_id FROM pg_temp.unification_refresh_member)
        GROUP BY 1, 2
    ) v ON v.institution_id = m.institution_id AND v.month = m.period_start;
    GET DIAGNOSTICS n_states = ROW_COUNT;

    -- Roll-ups.  The periods whose stored summaries change: every month of the
    -- range (with data or not: its old rows are gone), its quarter and its year.
    CREATE TEMP TABLE unification_refresh_period ON COMMIT DROP AS
    SELECT * FROM medalliance.refresh_periods(month_from, month_to);
    PERFORM medalliance.analyze_work_table('pg_temp.unification_refresh_period');

    DELETE FROM medalliance.unification_member_period x USING pg_temp.unification_refresh_period p
    WHERE x.member_key IN (SELECT k.member_key FROM medalliance.unification_member_key k
                           WHERE k.scheme_code = ANY (schemes))
      AND x.grain = p.grain AND x.period_start = p.period_start;
    DELETE FROM medalliance.unification_alliance_period_dimension x USING pg_temp.unification_refresh_period p
    WHERE x.scheme_code = ANY (schemes) AND x.grain = p.grain AND x.period_start = p.period_start;
    DELETE FROM medalliance.unification_alliance_period x USING pg_temp.unification_refresh_period p
    WHERE x.scheme_code = ANY (schemes) AND x.grain = p.grain AND x.period_start = p.period_start;
    DELETE FROM medalliance.unification_missing_period x USING pg_temp.unification_refresh_period p
    WHERE x.scheme_code = ANY (schemes) AND x.grain = p.grain AND x.period_start = p.period_start;
    DELETE FROM medalliance.unification_unassessable_period x USING pg_temp.unification_refresh_period p
    WHERE x.scheme_code = ANY (schemes) AND x.grain = p.grain AND x.period_start = p.period_start;

    -- members: merge the stored monthly states of each period (quarters and
    -- years are merges of item-months, not means of monthly scores)
    CREATE TEMP TABLE unification_refresh_member_period ON COMMIT DROP AS
    SELECT m.alliance_id, m.scheme_code, m.grain, m.period_start, m.institution_id, d.dimension_no,
           medalliance.dimension_score(m.state, d.dimension_no) AS score,
           medalliance.items_assessed(m.state, d.dimension_no)::integer AS items_assessed,
           medalliance.items_met(m.state, d.dimension_no)::integer AS items_met,
           medalliance.items_not_assessed(m.state, d.dimension_no)::integer AS items_not_assessed,
           m.months_with_data, m.member_volume
    FROM (SELECT s.alliance_id, s.scheme_code, p.grain, p.period_start, s.institution_id,
                 medalliance.compliance_agg(s.state) AS state, sum(s.member_volume)::bigint AS member_volume,
                 count(*)::smallint AS months_with_data
          FROM medalliance.unification_state s
          JOIN pg_temp.unification_refresh_period p ON s.period_start >= p.period_start AND s.period_start < p.period_end
          WHERE s.scheme_code = ANY (schemes)
          GROUP BY 1, 2, 3, 4, 5) m
    JOIN medalliance.unification_dimension d ON d.scheme_code = m.scheme_code
    WHERE medalliance.items_assessed(m.state, d.dimension_no) + medalliance.items_not_assessed(m.state, d.dimension_no) > 0;

    -- keys for the members' dimensions scored for the first time (refreshes run one at a time)
    INSERT INTO medalliance.unification_member_key (member_key, alliance_id, scheme_code, institution_id, dimension_no)
    SELECT (SELECT coalesce(max(k.member_key), 0) FROM medalliance.unification_member_key k)
               + row_number() OVER (ORDER BY n.alliance_id, n.scheme_code, n.institution_id, n.dimension_no),
           n.alliance_id, n.scheme_code, n.institution_id, n.dimension_no
    FROM (SELECT DISTINCT mp.alliance_id, mp.scheme_code, mp.institution_id, mp.dimension_no
          FROM pg_temp.unification_refresh_member_period mp) n
    WHERE NOT EXISTS (SELECT FROM medalliance.unification_member_key k
                      WHERE k.alliance_id = n.alliance_id AND k.scheme_code = n.scheme_code
                        AND k.institution_id = n.institution_id AND k.dimension_no = n.dimension_no);
    GET DIAGNOSTICS new_keys = ROW_COUNT;
    IF new_keys > 0 THEN
        PERFORM medalliance.analyze_stored('medalliance.unification_member_key');
    END IF;
    INSERT INTO medalliance.unification_member_period
        (alliance_id, member_key, grain, period_start, score, items_assessed, items_met, items_not_assessed,
         months_with_data, member_volume, refresh_id)
    SELECT mp.alliance_id, k.member_key, mp.grain, mp.period_start, mp.score, mp.items_assessed, mp.items_met,
           mp.items_not_assessed, mp.months_with_data, mp.member_volume, log_id
    FROM pg_temp.unification_refresh_member_period mp
    JOIN medalliance.unification_member_key k
      ON k.alliance_id = mp.alliance_id AND k.scheme_code = mp.scheme_code
     AND k.institution_id = mp.institution_id AND k.dimension_no = mp.dimension_no
    -- in index order, so that the index by alliance grows at its right edge (a
    -- year at scale 0.04, 640,000 rows: 5.8 s in the temporary table's order, 3.8 s in key order)
    ORDER BY mp.alliance_id, mp.period_start, k.member_key, mp.grain;

    -- alliances × dimensions: the roll-up of their members, both weightings
    INSERT INTO medalliance.unification_alliance_period_dimension
        (alliance_id, scheme_code, grain, period_start, dimension_no, score_equal, score_volume, members,
         members_scored, members_fully_compliant, items_assessed, items_met, items_not_assessed,
         min_member_score, max_member_score, months_with_data, refresh_id)
    SELECT mp.alliance_id, mp.scheme_code, mp.grain, mp.period_start, mp.dimension_no,
           avg(mp.score),
           sum(mp.member_volume * mp.score) FILTER (WHERE mp.score IS NOT NULL)
               / nullif(sum(mp.member_volume) FILTER (WHERE mp.score IS NOT NULL), 0),
           count(*), count(mp.score),
           count(*) FILTER (WHERE mp.items_met >= mp.items_assessed AND mp.items_not_assessed = 0),
           sum(mp.items_assessed), sum(mp.items_met), sum(mp.items_not_assessed),
           min(mp.score), max(mp.score), max(mp.months_with_data), log_id
    FROM pg_temp.unification_refresh_member_period mp
    GROUP BY mp.alliance_id, mp.scheme_code, mp.grain, mp.period_start, mp.dimension_no;

    -- The item-year masks of the years containing the range: the stored
    -- masks with the range's months cleared (those months were deleted from
    -- the trail above), merged with the months just scored.  A month's
    -- refresh so reads one row per member, item and year, not the trail of
    -- the year unnested (at scale 0.1, June: 3.1 s for the step below).
    CREATE TEMP TABLE unification_refresh_item_year ON COMMIT DROP AS
    SELECT x.alliance_id, x.scheme_code, x.item_key, x.year, x.institution_id,
           bit_or(x.listed) AS months_listed, bit_or(x.missing) AS months_missing,
           bit_or(x.derived) AS months_derived
    FROM (SELECT y.alliance_id, y.scheme_code, y.item_key, y.year, y.institution_id,
                 y.months_listed & ~c.mask AS listed, y.months_missing & ~c.mask AS missing,
                 y.months_derived & ~c.mask AS derived
          FROM medalliance.unification_item_year y
          JOIN (SELECT date_trunc('year', g)::date AS year, bit_or(1 << (extract(month FROM g)::integer - 1)) AS mask
                FROM generate_series(month_from, month_to, interval '1 month') g
                GROUP BY 1) c ON c.year = y.year
          WHERE y.scheme_code = ANY (schemes)
          UNION ALL
          SELECT r.alliance_id, r.scheme_code, k.item_key, date_trunc('year', r.period_start)::date,
                 r.institution_id, b.bit, CASE WHEN r.score_fraction IS NULL THEN b.bit ELSE 0 END,
                 CASE WHEN r.source = 'r' THEN b.bit ELSE 0 END
          FROM pg_temp.unification_refresh_item r
          JOIN medalliance.unification_item_key k ON k.scheme_code = r.scheme_code AND k.item_code = r.item_code
          CROSS JOIN LATERAL (SELECT 1 << (extract(month FROM r.period_start)::integer - 1) AS bit) b) x
    GROUP BY 1, 2, 3, 4, 5
    HAVING bit_or(x.listed) <> 0;
    PERFORM medalliance.analyze_work_table('pg_temp.unification_refresh_item_year');
    DELETE FROM medalliance.unification_item_year y
    WHERE y.scheme_code = ANY (schemes)
      AND y.year >= date_trunc('year', month_from)::date AND y.year <= month_to;
    INSERT INTO medalliance.unification_item_year
        (alliance_id, scheme_code, item_key, year, institution_id, months_listed, months_missing, months_derived,
         refresh_id)
    SELECT y.alliance_id, y.scheme_code, y.item_key, y.year, y.institution_id, y.months_listed, y.months_missing,
           y.months_derived, log_id
    FROM pg_temp.unification_refresh_item_year y;

    -- items not assessed, from the item-year masks, kept only where the
    -- alliance has some month not assessed of the item that year; each
    -- period then reads its months' bits.  An attested item not assessed had
    -- no evidence row in force (source n: what to collect); a derived one had
    -- facts that gave its rule nothing to judge (source r: nothing to
    -- collect).  The two go to their own tables.
    CREATE TEMP TABLE unification_refresh_gap ON COMMIT DROP AS
    SELECT y.alliance_id, y.scheme_code, p.grain, p.period_start, k.item_code, bool_or(y.derived) AS derived,
           count(*) FILTER (WHERE y.missing & p.mask <> 0)::integer AS members_missing,
           count(*)::integer AS members,
           sum(bit_count((y.missing & p.mask)::bit(12)))::integer AS member_months_missing,
           sum(bit_count((y.present & p.mask)::bit(12)))::integer AS member_months,
           bool_and(y.missing & p.mask = y.present & p.mask) AS never
    FROM (SELECT m.alliance_id, m.scheme_code, m.institution_id, m.item_key, m.year,
                 m.months_derived <> 0 AS derived, m.months_listed AS present, m.months_missing AS missing,
                 bool_or(m.months_missing <> 0) OVER (PARTITION BY m.alliance_id, m.scheme_code, m.item_key, m.year)
                     AS alliance_missing
          FROM pg_temp.unification_refresh_item_year m) y
    JOIN (SELECT p.grain, p.period_start, date_trunc('year', p.period_start)::date AS year,
                 (SELECT bit_or(1 << (extract(month FROM g)::integer - 1))
                  FROM generate_series(p.period_start::timestamp, (p.period_end - 1)::timestamp, interval '1 month') g)
                     AS mask
          FROM pg_temp.unification_refresh_period p
          -- (a fence: pulled up, the mask's subquery ran once per row and use)
          OFFSET 0) p
      ON p.year = y.year AND y.present & p.mask <> 0
    JOIN medalliance.unification_item_key k ON k.item_key = y.item_key
    WHERE y.alliance_missing
    GROUP BY y.alliance_id, y.scheme_code, p.grain, p.period_start, k.item_code
    HAVING sum(bit_count((y.missing & p.mask)::bit(12))) > 0;

    INSERT INTO medalliance.unification_missing_period
        (alliance_id, scheme_code, grain, period_start, item_code, members_without_evidence, members,
         member_months_without_evidence, member_months, never_assessed, refresh_id)
    SELECT g.alliance_id, g.scheme_code, g.grain, g.period_start, g.item_code, g.members_missing, g.members,
           g.member_months_missing, g.member_months, g.never, log_id
    FROM pg_temp.unification_refresh_gap g
    WHERE NOT g.derived;

    INSERT INTO medalliance.unification_unassessable_period
        (alliance_id, scheme_code, grain, period_start, item_code, members_not_assessable, members,
         member_months_not_assessable, member_months, never_assessable, refresh_id)
    SELECT g.alliance_id, g.scheme_code, g.grain, g.period_start, g.item_code, g.members_missing, g.members,
           g.member_months_missing, g.member_months, g.never, log_id
    FROM pg_temp.unification_refresh_gap g
    WHERE g.derived;

    -- alliances: members fully compliant in every dimension, items never evidenced
    INSERT INTO medalliance.unification_alliance_period
        (alliance_id, scheme_code, grain, period_start, members, members_fully_compliant, items_without_evidence,
         refresh_id)
    SELECT m.alliance_id, m.scheme_code, m.grain, m.period_start, count(*), count(*) FILTER (WHERE m.fully_compliant),
           (SELECT string_agg(e.item_code, ', ' ORDER BY it.dimension_code, e.item_code)
            FROM medalliance.unification_missing_period e
            JOIN medalliance.unification_item it ON it.scheme_code = e.scheme_code AND it.item_code = e.item_code
            WHERE e.alliance_id = m.alliance_id AND e.scheme_code = m.scheme_code AND e.grain = m.grain
              AND e.period_start = m.period_start AND e.never_assessed),
           log_id
    FROM (SELECT mp.alliance_id, mp.scheme_code, mp.grain, mp.period_start, mp.institution_id,
                 bool_and(mp.items_met >= mp.items_assessed AND mp.items_not_assessed = 0) AS fully_compliant
          FROM pg_temp.unification_refresh_member_period mp
          GROUP BY 1, 2, 3, 4, 5) m
    GROUP BY m.alliance_id, m.scheme_code, m.grain, m.period_start;

    -- Say what the refresh did not read: evidence rows of the months whose
    -- code no attested item of the refreshed schemes reads.
    SELECT coalesce(jsonb_object_agg(e.item_code, e.n), '{}') INTO unread
    FROM (SELECT e.item_code, count(*) AS n FROM medalliance.unification_evidence e
          WHERE e.period_start BETWEEN month_from AND month_to
            AND NOT EXISTS (SELECT FROM medalliance.unification_item it
                            WHERE it.scheme_code = ANY (schemes) AND it.evidence_code = e.item_code)
          GROUP BY 1) e;
    SELECT coalesce(jsonb_object_agg(x.scheme_code, x.n), '{}') INTO per_scheme
    FROM (SELECT s.scheme_code, count(*) AS n FROM medalliance.unification_state s
          WHERE s.refresh_id = log_id GROUP BY 1) x;

    RETURN medalliance.refresh_finish(log_id, n_states,
        jsonb_build_object('schemes', to_jsonb(schemes), 'states_per_scheme', per_scheme,
                           'item_results', n_results, 'evidence_rows_not_read', unread));
END
$$;
COMMENT ON FUNCTION medalliance.refresh_unification(date, date, text[]) IS
    '刷新六统一合规 Recomputes the item results (audit trail) and compliance states of every member of the assessed alliances for the months from period_from to period_to (inclusive), for all checklist schemes with settings or the ones named, then the stored member and alliance roll-ups of every month, quarter and year containing one of those months; other months are untouched. Logs into refresh_log (layer unification), including evidence rows no item read; returns the refresh_id.';

GRANT SELECT ON medalliance.unification_state, medalliance.unification_item_key, medalliance.unification_item_trail,
                medalliance.unification_item_year, medalliance.unification_member_key,
                medalliance.unification_member_period, medalliance.unification_alliance_period_dimension,
                medalliance.unification_alliance_period, medalliance.unification_missing_period,
                medalliance.unification_unassessable_period
    TO medalliance_analyst;
GRANT INSERT, UPDATE, DELETE ON medalliance.unification_state, medalliance.unification_item_key,
                medalliance.unification_item_trail, medalliance.unification_item_year,
                medalliance.unification_member_key, medalliance.unification_member_period,
                medalliance.unification_alliance_period_dimension, medalliance.unification_alliance_period,
                medalliance.unification_missing_period, medalliance.unification_unassessable_period
    TO medalliance_admin;
