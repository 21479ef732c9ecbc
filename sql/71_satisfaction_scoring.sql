-- Satisfaction scoring (满意度评分): respondent scores, stored mergeable states
-- per member, survey scheme and period, written by refresh_satisfaction(), and
-- the BI views over them.
--
-- Scoring (shared/domain/indicators.md D2; the formulas are this project's
-- proposal, no document fixes them):
--   item score     u_i  = 100·(answer − lowest)/(highest − lowest)
--   respondent     U_j  = Σ a_i·u_ij / Σ a_i over the items j answered; an answer
--                         "not applicable" (na_answer) or NULL is left out, never
--                         scored as a middle value.  j is valid when the items
--                         answered are >= min_answered_share of the scheme's
--                         items minus those answered "not applicable" (and the
--                         items answered weigh > 0); invalid respondents are
--                         counted, not scored.
--   member score   满意度得分 = mean of U_j over valid respondents, with the t
--                         interval mean ± t(1 − α/2, n − 1)·s/√n (s: the sample
--                         standard deviation of the U_j; not clipped to 0–100).
--   satisfaction rate 满意率 = answers in the top boxes (default 4–5 of 1..5) /
--                         answers, over the items answered by valid respondents,
--                         a rate with its Wilson interval (answers are counted
--                         as independent: the interval ignores that one
--                         respondent gives several).  Not interchangeable with
--                         the score; both are published, named apart.
--   alliance       pooled: every valid respondent of every member weighs the
--                         same (states merged exactly); equal: the mean of the
--                         member scores over members with >= min_sample valid
--                         respondents, interval with the Welch–Satterthwaite
--                         degrees of freedom; its rate is the mean of the member
--                         rates with a normal interval.
-- Who is scored: every member (lead included) of an alliance of a kind the
-- scheme lists, of a level it applies to, in each month its membership is
-- valid; a respondent counts in the month of its first answer.  A member with
-- fewer than min_sample valid respondents is flagged small_sample and left out
-- of rankings, never hidden.
--
-- Stored states: per member and month the respondent counts, Σ U_j, the sum
-- of squared deviations M2 = Σ (U_j − mean)² and the top-box rate; per item a
-- likert distribution.  The refresh also writes the quarter and year rows,
-- merged exactly from the months (M2 by Chan's formula), and beside each
-- state what the views show of it — the score and the rate with their
-- intervals, the small-sample flag and the ranks in the alliance and the
-- province — and the alliance rows (satisfaction_alliance_period), so that
-- every view reads stored rows: a rank needs every unit of its period, and
-- the refresh is the one place that has them all.

-- Stored results -------------------------------------------------------------

CREATE TABLE medalliance.satisfaction_state (
    scheme_code          text NOT NULL
        CONSTRAINT satisfaction_state_scheme_fkey REFERENCES medalliance.satisfaction_scheme (scheme_code),
    alliance_id          integer NOT NULL,
    institution_id       integer NOT NULL,
    grain                text NOT NULL
        CONSTRAINT satisfaction_state_grain_check CHECK (grain IN ('month', 'quarter', 'year')),
    period_start         date NOT NULL,
    respondents          bigint NOT NULL
        CONSTRAINT satisfaction_state_respondents_check CHECK (respondents > 0),
    valid_respondents    bigint NOT NULL,
    invalid_respondents  bigint NOT NULL,
    score_sum            double precision NOT NULL,
    score_m2             double precision NOT NULL
        CONSTRAINT satisfaction_state_m2_check CHECK (score_m2 >= 0),
    top_box              medalliance.rate NOT NULL,
    months               integer NOT NULL,
    confidence_level     double precision NOT NULL,
    score                double precision,
    score_ci_lower       double precision,
    score_ci_upper       double precision,
    satisfaction_rate            double precision,
    satisfaction_rate_ci_lower   double precision,
    satisfaction_rate_ci_upper   double precision,
    small_sample         boolean NOT NULL,
    rank_in_alliance     bigint,
    rank_in_province     bigint,
    refresh_id           bigint NOT NULL
        CONSTRAINT satisfaction_state_refresh_fkey REFERENCES medalliance.refresh_log (refresh_id),
    CONSTRAINT satisfaction_state_pkey PRIMARY KEY (scheme_code, alliance_id, institution_id, grain, period_start),
    CONSTRAINT satisfaction_state_counts_check
        CHECK (valid_respondents >= 0 AND invalid_respondents >= 0
               AND valid_respondents + invalid_respondents = respondents),
    CONSTRAINT satisfaction_state_period_check
        CHECK (period_start = date_trunc(grain, period_start)::date)
);
CREATE INDEX satisfaction_state_period_idx ON medalliance.satisfaction_state (grain, period_start);
CREATE INDEX satisfaction_state_refresh_idx ON medalliance.satisfaction_state (refresh_id);
COMMENT ON TABLE medalliance.satisfaction_state IS
    '满意度状态 stored satisfaction states: per survey scheme, alliance, member and period (month, and the quarters and years merged from the months), the respondent counts, the sum and the sum of squared deviations of the valid respondents'' scores, and the top-box rate of their answers; beside them the summaries satisfaction_member shows (score and rate with their intervals, small-sample flag, ranks in the alliance and the province), computed by the refresh, which sees every member of the period. Written only by refresh_satisfaction().';
COMMENT ON COLUMN medalliance.satisfaction_state.scheme_code IS '方案 the survey scheme.';
COMMENT ON COLUMN medalliance.satisfaction_state.alliance_id IS '医联体 the alliance.';
COMMENT ON COLUMN medalliance.satisfaction_state.institution_id IS '成员机构 the member surveyed.';
COMMENT ON COLUMN medalliance.satisfaction_state.grain IS '期间粒度 month, quarter or year.';
COMMENT ON COLUMN medalliance.satisfaction_state.period_start IS '期间起始 first day of the period.';
COMMENT ON COLUMN medalliance.satisfaction_state.respondents IS '答卷数 respondents (questionnaires) about the member in the period.';
COMMENT ON COLUMN medalliance.satisfaction_state.valid_respondents IS '有效答卷数 respondents who answered enough items (min_answered_share).';
COMMENT ON COLUMN medalliance.satisfaction_state.invalid_respondents IS '无效答卷数 respondents who did not: counted, not scored.';
COMMENT ON COLUMN medalliance.satisfaction_state.score_sum IS '得分合计 Σ U_j, the valid respondents'' scores (each 0–100).';
COMMENT ON COLUMN medalliance.satisfaction_state.score_m2 IS '离差平方和 Σ (U_j − mean)², merged across months by Chan''s formula.';
COMMENT ON COLUMN medalliance.satisfaction_state.top_box IS '满意答案率状态 answers in the top boxes / answers, over the items the valid respondents answered (a rate).';
COMMENT ON COLUMN medalliance.satisfaction_state.months IS '月数 months of the period with respondents.';
COMMENT ON COLUMN medalliance.satisfaction_state.confidence_level IS '置信水平 the level of the intervals below: satisfaction_scheme.confidence_level when the refresh ran, probability (0–1).';
COMMENT ON COLUMN medalliance.satisfaction_state.score IS '满意度得分 summary written by the refresh: score_sum / valid_respondents, 0–100; NULL without a valid respondent.';
COMMENT ON COLUMN medalliance.satisfaction_state.score_ci_lower IS '得分置信下限 summary: score − t(1 − α/2, n − 1)·√(score_m2/(n − 1)/n), 0–100 scale, not clipped; NULL below 2 valid respondents.';
COMMENT ON COLUMN medalliance.satisfaction_state.score_ci_upper IS '得分置信上限 summary: the upper bound of that t interval, 0–100 scale.';
COMMENT ON COLUMN medalliance.satisfaction_state.satisfaction_rate IS '满意率 summary: 100·value(top_box), percent (0–100).';
COMMENT ON COLUMN medalliance.satisfaction_state.satisfaction_rate_ci_lower IS '满意率置信下限 summary: the Wilson lower bound of top_box, percent (0–100).';
COMMENT ON COLUMN medalliance.satisfaction_state.satisfaction_rate_ci_upper IS '满意率置信上限 summary: the Wilson upper bound of top_box, percent (0–100).';
COMMENT ON COLUMN medalliance.satisfaction_state.small_sample IS '样本不足 summary: valid_respondents < satisfaction_scheme.min_sample when the refresh ran.';
COMMENT ON COLUMN medalliance.satisfaction_state.rank_in_alliance IS '联盟内排名 summary: rank by score among the alliance''s members of the scheme and period without small_sample (1 = highest); NULL for small samples.';
COMMENT ON COLUMN medalliance.satisfaction_state.rank_in_province IS '全省排名 summary: dense rank by score among all members of the scheme and period without small_sample; NULL for small samples.';
COMMENT ON COLUMN medalliance.satisfaction_state.refresh_id IS '刷新编号 the refresh that wrote the row.';

CREATE TABLE medalliance.satisfaction_item_state (
    scheme_code     text NOT NULL,
    alliance_id     integer NOT NULL,
    unit_level      text NOT NULL
        CONSTRAINT satisfaction_item_state_level_check CHECK (unit_level IN ('institution', 'alliance')),
    unit_id         integer NOT NULL,
    grain           text NOT NULL
        CONSTRAINT satisfaction_item_state_grain_check CHECK (grain IN ('month', 'quarter', 'year')),
    period_start    date NOT NULL,
    item_code       text NOT NULL,
    answers         medalliance.likert,
    not_applicable  bigint NOT NULL
        CONSTRAINT satisfaction_item_state_na_check CHECK (not_applicable >= 0),
    unanswered      bigint NOT NULL
        CONSTRAINT satisfaction_item_state_unanswered_check CHECK (unanswered >= 0),
    mean_answer                 double precision,
    item_score                  double precision,
    item_score_ci_lower         double precision,
    item_score_ci_upper         double precision,
    satisfaction_rate           double precision,
    satisfaction_rate_ci_lower  double precision,
    satisfaction_rate_ci_upper  double precision,
    gap_to_unit_mean            double precision,
    rank_from_lowest            integer,
    -- (no foreign key to refresh_log: only the refresh writes this table, and
    -- a check per row cost a seventh of a year's refresh at scale 0.1)
    refresh_id      bigint NOT NULL,
    -- (no primary key: the rows of a period come from one GROUP BY over
    -- scheme, alliance, unit, period and item, so the key is unique by
    -- construction (satisfaction_province tests it); a unique index over its
    -- seven columns, four of them text compared by collation, cost a fifth of
    -- a year's refresh at scale 0.1: 7.6 s -> 6.2 s without it)
    CONSTRAINT satisfaction_item_state_item_fkey FOREIGN KEY (scheme_code, item_code)
        REFERENCES medalliance.satisfaction_item (scheme_code, item_code) ON DELETE CASCADE
);
CREATE INDEX satisfaction_item_state_period_idx ON medalliance.satisfaction_item_state (grain, period_start);
CREATE INDEX satisfaction_item_state_refresh_idx ON medalliance.satisfaction_item_state (refresh_id);
-- a dashboard asks for one alliance's items, or one unit's, without naming the
-- scheme the key begins with (one alliance's year at scale 0.1: 37 ms through
-- the BI view without the index, 21 ms with it)
CREATE INDEX satisfaction_item_state_alliance_idx ON medalliance.satisfaction_item_state (alliance_id, period_start);
CREATE INDEX satisfaction_item_state_unit_idx ON medalliance.satisfaction_item_state (unit_level, unit_id, period_start);
COMMENT ON TABLE medalliance.satisfaction_item_state IS
    '题目满意度状态 stored item states: per survey scheme, alliance, unit (the member, or the alliance pooled over its members), period and item, the likert distribution of the valid respondents'' answers and the answers not applicable or missing, and the summaries the item view shows (computed from the distribution by the refresh, so that the view reads them). Written only by refresh_satisfaction().';
COMMENT ON COLUMN medalliance.satisfaction_item_state.scheme_code IS '方案 the survey scheme.';
COMMENT ON COLUMN medalliance.satisfaction_item_state.alliance_id IS '医联体 the alliance.';
COMMENT ON COLUMN medalliance.satisfaction_item_state.unit_level IS '单位层级 institution (the member) or alliance (its members pooled).';
COMMENT ON COLUMN medalliance.satisfaction_item_state.unit_id IS '单位 institution_id or alliance_id, by unit_level.';
COMMENT ON COLUMN medalliance.satisfaction_item_state.grain IS '期间粒度 month, quarter or year.';
COMMENT ON COLUMN medalliance.satisfaction_item_state.period_start IS '期间起始 first day of the period.';
COMMENT ON COLUMN medalliance.satisfaction_item_state.item_code IS '题目 the item.';
COMMENT ON COLUMN medalliance.satisfaction_item_state.answers IS '答案分布 the likert distribution of the answers on the item''s scale; NULL when no valid respondent answered it.';
COMMENT ON COLUMN medalliance.satisfaction_item_state.not_applicable IS '不适用数 valid respondents who answered "not applicable".';
COMMENT ON COLUMN medalliance.satisfaction_item_state.unanswered IS '未作答数 valid respondents who left the item blank.';
COMMENT ON COLUMN medalliance.satisfaction_item_state.mean_answer IS '平均答案 summary written by the refresh: mean(answers).';
COMMENT ON COLUMN medalliance.satisfaction_item_state.item_score IS '题目得分 summary written by the refresh: score_100(answers), 0–100.';
COMMENT ON COLUMN medalliance.satisfaction_item_state.item_score_ci_lower IS '题目得分置信下限 summary: score_100_ci_lower(answers, confidence_level).';
COMMENT ON COLUMN medalliance.satisfaction_item_state.item_score_ci_upper IS '题目得分置信上限 summary: score_100_ci_upper(answers, confidence_level).';
COMMENT ON COLUMN medalliance.satisfaction_item_state.satisfaction_rate IS '题目满意率 summary: 100·value(top_box(answers, top_boxes)), %.';
COMMENT ON COLUMN medalliance.satisfaction_item_state.satisfaction_rate_ci_lower IS '满意率置信下限 summary: the Wilson lower bound, %.';
COMMENT ON COLUMN medalliance.satisfaction_item_state.satisfaction_rate_ci_upper IS '满意率置信上限 summary: the Wilson upper bound, %.';
COMMENT ON COLUMN medalliance.satisfaction_item_state.gap_to_unit_mean IS '与均值差距 summary: item_score minus the mean item_score of the unit''s items in the period, in points.';
COMMENT ON COLUMN medalliance.satisfaction_item_state.rank_from_lowest IS '由低到高排名 summary: 1 for the unit''s lowest-scoring item in the period.';
COMMENT ON COLUMN medalliance.satisfaction_item_state.refresh_id IS '刷新编号 the refresh that wrote the row.';

CREATE TABLE medalliance.satisfaction_alliance_period (
    scheme_code                 text NOT NULL
        CONSTRAINT satisfaction_alliance_period_scheme_fkey
        REFERENCES medalliance.satisfaction_scheme (scheme_code),
    alliance_id                 integer NOT NULL,
    grain                       text NOT NULL
        CONSTRAINT satisfaction_alliance_period_grain_check CHECK (grain IN ('month', 'quarter', 'year')),
    period_start                date NOT NULL,
    months                      integer NOT NULL,
    alliance_weighting          text NOT NULL
        CONSTRAINT satisfaction_alliance_period_weighting_check CHECK (alliance_weighting IN ('pooled', 'equal')),
    members                     integer NOT NULL,
    members_scored              integer NOT NULL,
    members_small_sample        integer NOT NULL,
    respondents                 bigint NOT NULL,
    valid_respondents           bigint NOT NULL,
    invalid_respondents         bigint NOT NULL,
    score                       double precision,
    score_ci_lower              double precision,
    score_ci_upper              double precision,
    satisfaction_rate           double precision,
    satisfaction_rate_ci_lower  double precision,
    satisfaction_rate_ci_upper  double precision,
    answers                     bigint NOT NULL,
    small_sample                boolean NOT NULL,
    reason                      text,
    rank                        bigint,
    confidence_level            double precision NOT NULL,
    refresh_id                  bigint NOT NULL
        CONSTRAINT satisfaction_alliance_period_refresh_fkey REFERENCES medalliance.refresh_log (refresh_id),
    CONSTRAINT satisfaction_alliance_period_pkey PRIMARY KEY (scheme_code, alliance_id, grain, period_start)
);
CREATE INDEX satisfaction_alliance_period_period_idx ON medalliance.satisfaction_alliance_period (grain, period_start);
CREATE INDEX satisfaction_alliance_period_refresh_idx ON medalliance.satisfaction_alliance_period (refresh_id);
COMMENT ON TABLE medalliance.satisfaction_alliance_period IS
    '医联体满意度结果 stored alliance results: per survey scheme, alliance and period, what satisfaction_alliance shows — merged by the refresh from the member states of the period (pooled or equal-weighted, satisfaction_scheme.alliance_weighting), with the intervals and the rank among the alliances, so that the view reads one row and computes nothing. Written only by refresh_satisfaction().';
COMMENT ON COLUMN medalliance.satisfaction_alliance_period.scheme_code IS '方案 the survey scheme.';
COMMENT ON COLUMN medalliance.satisfaction_alliance_period.alliance_id IS '医联体 the alliance.';
COMMENT ON COLUMN medalliance.satisfaction_alliance_period.grain IS '期间粒度 month, quarter or year.';
COMMENT ON COLUMN medalliance.satisfaction_alliance_period.period_start IS '期间起始 first day of the period.';
COMMENT ON COLUMN medalliance.satisfaction_alliance_period.months IS '月数 the most months with respondents of any member.';
COMMENT ON COLUMN medalliance.satisfaction_alliance_period.alliance_weighting IS '汇总方式 pooled or equal: satisfaction_scheme.alliance_weighting when the refresh ran.';
COMMENT ON COLUMN medalliance.satisfaction_alliance_period.members IS '被调查成员数 members with respondents in the period.';
COMMENT ON COLUMN medalliance.satisfaction_alliance_period.members_scored IS '达样本成员数 members with at least min_sample valid respondents.';
COMMENT ON COLUMN medalliance.satisfaction_alliance_period.members_small_sample IS '样本不足成员数 members below min_sample.';
COMMENT ON COLUMN medalliance.satisfaction_alliance_period.respondents IS '答卷数 respondents about the members.';
COMMENT ON COLUMN medalliance.satisfaction_alliance_period.valid_respondents IS '有效答卷数 valid respondents.';
COMMENT ON COLUMN medalliance.satisfaction_alliance_period.invalid_respondents IS '无效答卷数 invalid respondents.';
COMMENT ON COLUMN medalliance.satisfaction_alliance_period.score IS '满意度得分 score, 0–100 (see satisfaction_alliance.score).';
COMMENT ON COLUMN medalliance.satisfaction_alliance_period.score_ci_lower IS '得分置信下限 lower bound of the t interval, 0–100 scale, not clipped.';
COMMENT ON COLUMN medalliance.satisfaction_alliance_period.score_ci_upper IS '得分置信上限 upper bound of the t interval, 0–100 scale.';
COMMENT ON COLUMN medalliance.satisfaction_alliance_period.satisfaction_rate IS '满意率 percent (0–100) of answers in the top boxes.';
COMMENT ON COLUMN medalliance.satisfaction_alliance_period.satisfaction_rate_ci_lower IS '满意率置信下限 lower bound, percent (0–100).';
COMMENT ON COLUMN medalliance.satisfaction_alliance_period.satisfaction_rate_ci_upper IS '满意率置信上限 upper bound, percent (0–100).';
COMMENT ON COLUMN medalliance.satisfaction_alliance_period.answers IS '有效答案数 answers of the valid respondents, all members.';
COMMENT ON COLUMN medalliance.satisfaction_alliance_period.small_sample IS '样本不足 valid_respondents < min_sample when the refresh ran.';
COMMENT ON COLUMN medalliance.satisfaction_alliance_period.reason IS '无得分原因 why score is NULL.';
COMMENT ON COLUMN medalliance.satisfaction_alliance_period.rank IS '排名 rank by score among the alliances of the scheme and period with a score and no small sample (1 = highest).';
COMMENT ON COLUMN medalliance.satisfaction_alliance_period.confidence_level IS '置信水平 the level of the intervals, probability (0–1).';
COMMENT ON COLUMN medalliance.satisfaction_alliance_period.refresh_id IS '刷新编号 the refresh that wrote the row.';

SELECT pg_catalog.pg_extension_config_dump('medalliance.satisfaction_state', '');
SELECT pg_catalog.pg_extension_config_dump('medalliance.satisfaction_alliance_period', '');
SELECT pg_catalog.pg_extension_config_dump('medalliance.satisfaction_item_state', '');

-- Refresh --------------------------------------------------------------------

-- refresh_satisfaction(period_from, period_to[, scheme_codes]): recompute the
-- states of the months from period_from to period_to (inclusive, any day of
-- the month) for every survey scheme with a satisfaction_scheme row, or the
-- ones named, and the quarters and years that contain them.
CREATE FUNCTION medalliance.refresh_satisfaction(period_from date, period_to date,
                                                 scheme_codes text[] DEFAULT NULL)
RETURNS bigint
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SECURITY INVOKER
SET search_path = pg_catalog, medalliance, pg_temp
SET jit = off
SET parallel_setup_cost = 10000
AS $$
DECLARE
    began       record;
    log_id      bigint;
    month_from  date;
    month_to    date;
    range_end   date;
    schemes     text[];
    unknown     text;
    bad         record;
    n_states    bigint;
    n_items     bigint;
    n_grains    bigint;
    per_scheme  jsonb;
    outside     jsonb;
    unread      jsonb;
BEGIN
    SELECT string_agg(coalesce(c, 'NULL'), ', ') INTO unknown
    FROM unnest(scheme_codes) c
    WHERE c IS NULL OR NOT EXISTS (SELECT FROM medalliance.satisfaction_scheme s WHERE s.scheme_code = c);
    IF unknown IS NOT NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
            MESSAGE = format('unknown survey scheme(s): %s', unknown),
            HINT = 'The survey schemes are the rows of medalliance.satisfaction_scheme.';
    END IF;
    schemes := coalesce(scheme_codes, ARRAY(SELECT s.scheme_code FROM medalliance.satisfaction_scheme s
                                            ORDER BY s.scheme_code));

    SELECT * INTO began FROM medalliance.refresh_begin('satisfaction', period_from, period_to);
    log_id := began.refresh_id;
    month_from := began.month_from;
    month_to := began.month_to;
    range_end := (month_to + interval '1 month')::date;

    DELETE FROM medalliance.satisfaction_state s
    WHERE s.scheme_code = ANY (schemes)
      AND s.period_start >= date_trunc(s.grain, month_from)::date AND s.period_start <= month_to;
    DELETE FROM medalliance.satisfaction_item_state s
    WHERE s.scheme_code = ANY (schemes)
      AND s.period_start >= date_trunc(s.grain, month_from)::date AND s.period_start <= month_to;
    DELETE FROM medalliance.satisfaction_alliance_period s
    WHERE s.scheme_code = ANY (schemes)
      AND s.period_start >= date_trunc(s.grain, month_from)::date AND s.period_start <= month_to;

    -- the work tables of an earlier call in this transaction
    PERFORM medalliance.drop_work_tables(ARRAY['satisfaction_refresh_answer',
                                                'satisfaction_refresh_respondent',
                                                'satisfaction_refresh_member',
                                                'satisfaction_refresh_state',
                                                'satisfaction_refresh_period',
                                                'satisfaction_refresh_item_answer',
                                                'satisfaction_refresh_item_raw',
                                                'satisfaction_refresh_item']);

    -- the answers of the months to the items of the schemes
    CREATE TEMP TABLE satisfaction_refresh_answer ON COMMIT DROP AS
    SELECT ss.scheme_code, sr.institution_id, sr.respondent_id, sr.responded_on, it.item_code, it.weight,
           it.scale_lowest, it.scale_highest,
           CASE WHEN sr.answer IS DISTINCT FROM it.na_answer THEN sr.answer END AS answer,
           sr.answer IS NOT NULL AND sr.answer = it.na_answer AS not_applicable,
           sr.answer > it.scale_highest - ss.top_boxes AND sr.answer IS DISTINCT FROM it.na_answer AS top,
           sr.answer IS DISTINCT FROM it.na_answer AND sr.answer NOT BETWEEN it.scale_lowest AND it.scale_highest
               AS off_scale
    FROM medalliance.survey_response sr
    JOIN medalliance.satisfaction_scheme ss ON ss.survey_kind = sr.survey_kind AND ss.scheme_code = ANY (schemes)
    JOIN medalliance.satisfaction_item it ON it.scheme_code = ss.scheme_code AND it.item_code = sr.item_code
    WHERE sr.responded_on >= month_from AND sr.responded_on < range_end;
    -- Every temp table is analyzed before it is joined: without statistics the
    -- planner takes it for a handful of rows and nests loops over it, which
    -- made this refresh grow with the square of the answers.  Sums of
    -- doubles are taken in a fixed order (ORDER BY in the aggregate or the
    -- window), so that the stored values do not depend on the plan the
    -- statistics choose: a refresh of one month writes bit for bit what a
    -- refresh of its year writes.
    PERFORM medalliance.analyze_work_table('pg_temp.satisfaction_refresh_answer');

    -- An answer off its item's scale (and not the not-applicable code) is an
    -- error in the data, not a value to drop: found in the answers just read
    -- (a second pass over the survey answers cost 2.7 s of a year's 20 s at
    -- scale 1), then named from the warehouse.  The error undoes the refresh.
    IF EXISTS (SELECT FROM satisfaction_refresh_answer a WHERE a.off_scale) THEN
        SELECT sr.survey_response_id, sr.answer, sr.item_code, it.scheme_code, it.scale_lowest, it.scale_highest
        INTO bad
        FROM medalliance.survey_response sr
        JOIN medalliance.satisfaction_scheme ss ON ss.survey_kind = sr.survey_kind AND ss.scheme_code = ANY (schemes)
        JOIN medalliance.satisfaction_item it ON it.scheme_code = ss.scheme_code AND it.item_code = sr.item_code
        WHERE sr.responded_on >= month_from AND sr.responded_on < range_end
          AND sr.answer IS NOT NULL AND sr.answer IS DISTINCT FROM it.na_answer
          AND sr.answer NOT BETWEEN it.scale_lowest AND it.scale_highest
        LIMIT 1;
        IF FOUND THEN
            RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
                MESSAGE = format('answer %s to item "%s" (survey_response_id %s) is outside its scale %s..%s in survey scheme "%s"',
                                 bad.answer, bad.item_code, bad.survey_response_id, bad.scale_lowest, bad.scale_highest,
                                 bad.scheme_code),
                HINT = 'Correct the answer, or declare the code in satisfaction_item.na_answer if it means "not applicable".';
        END IF;
    END IF;

    -- respondents: score and validity
    CREATE TEMP TABLE satisfaction_refresh_respondent ON COMMIT DROP AS
    SELECT r.*,
           r.answered > 0 AND r.answered_weight > 0
           AND r.answered::numeric >= ss.min_answered_share::numeric * (n.items - r.not_applicable) AS valid,
           r.weighted / nullif(r.answered_weight, 0) AS score
    FROM (
        SELECT a.scheme_code, a.institution_id, a.respondent_id,
               date_trunc('month', min(a.responded_on))::date AS month,
               count(a.answer) AS answered,
               count(*) FILTER (WHERE a.not_applicable) AS not_applicable,
               count(*) FILTER (WHERE a.top) AS top_answers,
               sum(a.weight * 100.0 * (a.answer - a.scale_lowest) / (a.scale_highest - a.scale_lowest)
                   ORDER BY a.item_code, a.answer) FILTER (WHERE a.answer IS NOT NULL) AS weighted,
               sum(a.weight ORDER BY a.item_code, a.answer) FILTER (WHERE a.answer IS NOT NULL) AS answered_weight
        FROM satisfaction_refresh_answer a
        GROUP BY 1, 2, 3
    ) r
    JOIN medalliance.satisfaction_scheme ss ON ss.scheme_code = r.scheme_code
    JOIN (SELECT i.scheme_code, count(*) AS items FROM medalliance.satisfaction_item i GROUP BY 1) n
      ON n.scheme_code = r.scheme_code;
    CREATE INDEX ON satisfaction_refresh_respondent (scheme_code, institution_id, month);
    PERFORM medalliance.analyze_work_table('pg_temp.satisfaction_refresh_respondent');

    -- the members to score: scheme × month × alliance × member
    CREATE TEMP TABLE satisfaction_refresh_member ON COMMIT DROP AS
    SELECT DISTINCT ss.scheme_code, m.month, a.alliance_id, ms.institution_id
    FROM medalliance.satisfaction_scheme ss
    CROSS JOIN (SELECT g::date AS month FROM generate_series(month_from, month_to, interval '1 month') g) m
    JOIN medalliance.alliance a
      ON a.alliance_kind = ANY (ss.alliance_kinds)
     AND (a.formed_on IS NULL OR a.formed_on < (m.month + interval '1 month')::date)
     AND (a.dissolved_on IS NULL OR a.dissolved_on > m.month)
    JOIN medalliance.membership ms
      ON ms.alliance_id = a.alliance_id
     AND ms.valid_from < (m.month + interval '1 month')::date
     AND (ms.valid_to IS NULL OR ms.valid_to > m.month)
    JOIN medalliance.institution i ON i.institution_id = ms.institution_id
    WHERE ss.scheme_code = ANY (schemes)
      AND (ss.applies_to_levels IS NULL OR i.institution_level = ANY (ss.applies_to_levels));
    PERFORM medalliance.analyze_work_table('pg_temp.satisfaction_refresh_member');

    -- member × month states, kept in a temp table (with statistics) for the
    -- item states below rather than read back from satisfaction_state, whose
    -- statistics predate this refresh
    CREATE TEMP TABLE satisfaction_refresh_state ON COMMIT DROP AS
    SELECT m.scheme_code, m.alliance_id, m.institution_id, 'month'::text AS grain, m.month AS period_start,
           count(*) AS respondents, count(*) FILTER (WHERE r.valid) AS valid_respondents,
           count(*) FILTER (WHERE NOT r.valid) AS invalid_respondents,
           coalesce(sum(r.score ORDER BY r.respondent_id) FILTER (WHERE r.valid), 0) AS score_sum,
           coalesce(var_samp(r.score ORDER BY r.respondent_id) FILTER (WHERE r.valid)
                    * (count(*) FILTER (WHERE r.valid) - 1), 0) AS score_m2,
           medalliance.rate(coalesce(sum(r.top_answers) FILTER (WHERE r.valid), 0)::bigint,
                            coalesce(sum(r.answered) FILTER (WHERE r.valid), 0)::bigint) AS top_box,
           1 AS months
    FROM satisfaction_refresh_member m
    JOIN satisfaction_refresh_respondent r
      ON r.scheme_code = m.scheme_code AND r.institution_id = m.institution_id AND r.month = m.month
    GROUP BY m.scheme_code, m.alliance_id, m.institution_id, m.month;
    PERFORM medalliance.analyze_work_table('pg_temp.satisfaction_refresh_state');

    -- the answers of the valid respondents per institution, month and item
    CREATE TEMP TABLE satisfaction_refresh_item_answer ON COMMIT DROP AS
    SELECT a.scheme_code, a.institution_id, r.month, a.item_code,
           medalliance.likert_agg(a.answer, a.scale_lowest, a.scale_highest) AS answers,
           count(*) FILTER (WHERE a.not_applicable) AS not_applicable
    FROM satisfaction_refresh_answer a
    JOIN satisfaction_refresh_respondent r
      ON r.scheme_code = a.scheme_code AND r.institution_id = a.institution_id
     AND r.respondent_id = a.respondent_id AND r.valid
    GROUP BY 1, 2, 3, 4;
    PERFORM medalliance.analyze_work_table('pg_temp.satisfaction_refresh_item_answer');

    -- The item states are gathered in a temp table, their summaries added,
    -- and then written once (not written, deleted and written again).
    CREATE TEMP TABLE satisfaction_refresh_item_raw (LIKE medalliance.satisfaction_item_state) ON COMMIT DROP;

    -- member × month × item states, over the valid respondents
    INSERT INTO satisfaction_refresh_item_raw
        (scheme_code, alliance_id, unit_level, unit_id, grain, period_start, item_code, answers,
         not_applicable, unanswered, refresh_id)
    SELECT m.scheme_code, m.alliance_id, 'institution', m.institution_id, 'month', m.month, it.item_code,
           x.answers, coalesce(x.not_applicable, 0),
           s.valid_respondents - coalesce(medalliance.n(x.answers), 0) - coalesce(x.not_applicable, 0),
           log_id
    FROM satisfaction_refresh_member m
    JOIN satisfaction_refresh_state s
      ON s.scheme_code = m.scheme_code AND s.alliance_id = m.alliance_id AND s.institution_id = m.institution_id
     AND s.period_start = m.month AND s.valid_respondents > 0
    JOIN medalliance.satisfaction_item it ON it.scheme_code = m.scheme_code
    LEFT JOIN satisfaction_refresh_item_answer x
       ON x.scheme_code = m.scheme_code AND x.institution_id = m.institution_id AND x.month = m.month
       AND x.item_code = it.item_code;
    GET DIAGNOSTICS n_items = ROW_COUNT;

    -- alliance × month × item: the members pooled
    INSERT INTO satisfaction_refresh_item_raw
        (scheme_code, alliance_id, unit_level, unit_id, grain, period_start, item_code, answers,
         not_applicable, unanswered, refresh_id)
    SELECT s.scheme_code, s.alliance_id, 'alliance', s.alliance_id, 'month', s.period_start, s.item_code,
           medalliance.likert_agg(s.answers), sum(s.not_applicable), sum(s.unanswered), log_id
    FROM satisfaction_refresh_item_raw s
    WHERE s.unit_level = 'institution'
    GROUP BY s.scheme_code, s.alliance_id, s.period_start, s.item_code;
    PERFORM medalliance.analyze_work_table('pg_temp.satisfaction_refresh_item_raw');

    -- Every member state of the periods refreshed, gathered before it is
    -- written, so that the summaries and ranks see the whole period: the
    -- months just computed, and the quarters and years containing them,
    -- merged from those months and the stored months outside the range.
    CREATE TEMP TABLE satisfaction_refresh_period ON COMMIT DROP AS
    SELECT s.scheme_code, s.alliance_id, s.institution_id, s.grain, s.period_start, s.respondents,
           s.valid_respondents, s.invalid_respondents, s.score_sum, s.score_m2, s.top_box, s.months
    FROM satisfaction_refresh_state s;
    INSERT INTO satisfaction_refresh_period
        (scheme_code, alliance_id, institution_id, grain, period_start, respondents, valid_respondents,
         invalid_respondents, score_sum, score_m2, top_box, months)
    SELECT x.scheme_code, x.alliance_id, x.institution_id, x.coarse, x.start,
           sum(x.respondents), sum(x.valid_respondents), sum(x.invalid_respondents),
           sum(x.score_sum ORDER BY x.period_start),
           sum(x.score_m2 ORDER BY x.period_start)
           + coalesce(sum(x.valid_respondents
                          * (x.score_sum / x.valid_respondents - x.pooled_mean)
                          * (x.score_sum / x.valid_respondents - x.pooled_mean) ORDER BY x.period_start)
                      FILTER (WHERE x.valid_respondents > 0), 0),
           medalliance.rate_agg(x.top_box), count(*)::integer
    FROM (
        SELECT s.*, g.grain AS coarse, date_trunc(g.grain, s.period_start)::date AS start,
               sum(s.score_sum) OVER w / nullif(sum(s.valid_respondents) OVER w, 0) AS pooled_mean
        FROM (SELECT r.scheme_code, r.alliance_id, r.institution_id, r.grain, r.period_start, r.respondents,
                     r.valid_respondents, r.invalid_respondents, r.score_sum, r.score_m2, r.top_box
              FROM satisfaction_refresh_state r
              UNION ALL
              SELECT t.scheme_code, t.alliance_id, t.institution_id, t.grain, t.period_start, t.respondents,
                     t.valid_respondents, t.invalid_respondents, t.score_sum, t.score_m2, t.top_box
              FROM medalliance.satisfaction_state t
              WHERE t.grain = 'month' AND t.scheme_code = ANY (schemes)
                AND t.period_start >= date_trunc('year', month_from)::date
                AND t.period_start < (date_trunc('year', month_to) + interval '1 year')::date
                AND (t.period_start < month_from OR t.period_start > month_to)) s
        CROSS JOIN (VALUES ('quarter', interval '3 months'), ('year', interval '1 year')) g(grain, step)
        WHERE s.grain = 'month' AND s.scheme_code = ANY (schemes)
          AND s.period_start >= date_trunc(g.grain, month_from)::date
          AND s.period_start < (date_trunc(g.grain, month_to) + g.step)::date
        WINDOW w AS (PARTITION BY s.scheme_code, s.alliance_id, s.institution_id, g.grain,
                                  date_trunc(g.grain, s.period_start)
                     ORDER BY s.period_start ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
    ) x
    GROUP BY x.scheme_code, x.alliance_id, x.institution_id, x.coarse, x.start;
    PERFORM medalliance.analyze_work_table('pg_temp.satisfaction_refresh_period');

    -- the member states, with what satisfaction_member shows of them
    INSERT INTO medalliance.satisfaction_state
        (scheme_code, alliance_id, institution_id, grain, period_start, respondents, valid_respondents,
         invalid_respondents, score_sum, score_m2, top_box, months, confidence_level, score, score_ci_lower,
         score_ci_upper, satisfaction_rate, satisfaction_rate_ci_lower, satisfaction_rate_ci_upper, small_sample,
         rank_in_alliance, rank_in_province, refresh_id)
    SELECT c.scheme_code, c.alliance_id, c.institution_id, c.grain, c.period_start, c.respondents,
           c.valid_respondents, c.invalid_respondents, c.score_sum, c.score_m2, c.top_box, c.months,
           c.confidence_level, c.score, c.score - c.half_width, c.score + c.half_width,
           100 * medalliance.value(c.top_box),
           100 * medalliance.ci_lower(c.top_box, c.confidence_level),
           100 * medalliance.ci_upper(c.top_box, c.confidence_level),
           c.small_sample,
           CASE WHEN NOT c.small_sample THEN
               rank() OVER (PARTITION BY c.scheme_code, c.alliance_id, c.grain, c.period_start, c.small_sample
                            ORDER BY c.score DESC) END,
           CASE WHEN NOT c.small_sample THEN
               dense_rank() OVER (PARTITION BY c.scheme_code, c.grain, c.period_start, c.small_sample
                                  ORDER BY c.score DESC) END,
           log_id
    FROM (
        SELECT p.*, ss.confidence_level,
               p.score_sum / nullif(p.valid_respondents, 0) AS score,
               CASE WHEN p.valid_respondents >= 2
                    THEN medalliance.student_t_quantile(1 - (1 - ss.confidence_level) / 2, p.valid_respondents - 1)
                         * sqrt(p.score_m2 / (p.valid_respondents - 1) / p.valid_respondents) END AS half_width,
               p.valid_respondents < ss.min_sample AS small_sample
        FROM satisfaction_refresh_period p
        JOIN medalliance.satisfaction_scheme ss ON ss.scheme_code = p.scheme_code
    ) c
    ORDER BY c.scheme_code, c.alliance_id, c.institution_id, c.grain, c.period_start;
    GET DIAGNOSTICS n_states = ROW_COUNT;

    -- the alliance rows of satisfaction_alliance, from the member states
    INSERT INTO medalliance.satisfaction_alliance_period
        (scheme_code, alliance_id, grain, period_start, months, alliance_weighting, members, members_scored,
         members_small_sample, respondents, valid_respondents, invalid_respondents, score, score_ci_lower,
         score_ci_upper, satisfaction_rate, satisfaction_rate_ci_lower, satisfaction_rate_ci_upper, answers,
         small_sample, reason, rank, confidence_level, refresh_id)
    SELECT c.scheme_code, c.alliance_id, c.grain, c.period_start, c.months, c.alliance_weighting,
           c.members, c.members_scored, c.members_small_sample,
           c.respondents, c.valid_respondents, c.invalid_respondents,
           c.score, c.score - c.half_width, c.score + c.half_width,
           c.satisfaction_rate, c.satisfaction_rate_ci_lower, c.satisfaction_rate_ci_upper,
           medalliance.denominator(c.pooled_top_box),
           c.small_sample,
           CASE WHEN c.score IS NULL THEN
               CASE WHEN c.alliance_weighting = 'equal'
                    THEN format('no member with %s or more valid respondents', c.min_sample)
                    ELSE 'no valid respondent' END END,
           CASE WHEN NOT c.small_sample AND c.score IS NOT NULL THEN
               rank() OVER (PARTITION BY c.scheme_code, c.grain, c.period_start,
                                         (NOT c.small_sample AND c.score IS NOT NULL)
                            ORDER BY c.score DESC) END,
           c.confidence_level, log_id
    FROM (
        SELECT p.*,
               CASE p.alliance_weighting WHEN 'pooled' THEN p.pooled_score ELSE p.equal_score END AS score,
               CASE p.alliance_weighting
                   WHEN 'pooled' THEN
                       CASE WHEN p.valid_respondents >= 2
                            THEN medalliance.student_t_quantile(1 - (1 - p.confidence_level) / 2, p.valid_respondents - 1)
                                 * sqrt(p.pooled_m2 / (p.valid_respondents - 1) / p.valid_respondents) END
                   ELSE
                       CASE WHEN p.equal_var_sum = 0 THEN 0
                            WHEN p.equal_var_sum > 0
                            THEN medalliance.student_t_quantile(1 - (1 - p.confidence_level) / 2,
                                                                p.equal_var_sum * p.equal_var_sum / p.equal_df_denominator)
                                 * sqrt(p.equal_var_sum) / p.members_scored END
               END AS half_width,
               CASE p.alliance_weighting WHEN 'pooled' THEN 100 * medalliance.value(p.pooled_top_box)
                    ELSE 100 * p.equal_rate END AS satisfaction_rate,
               CASE p.alliance_weighting WHEN 'pooled' THEN 100 * medalliance.ci_lower(p.pooled_top_box, p.confidence_level)
                    ELSE 100 * (p.equal_rate - medalliance.student_t_quantile(1 - (1 - p.confidence_level) / 2, 'Infinity')
                                               * sqrt(p.equal_rate_var_sum) / p.members_scored) END AS satisfaction_rate_ci_lower,
               CASE p.alliance_weighting WHEN 'pooled' THEN 100 * medalliance.ci_upper(p.pooled_top_box, p.confidence_level)
                    ELSE 100 * (p.equal_rate + medalliance.student_t_quantile(1 - (1 - p.confidence_level) / 2, 'Infinity')
                                               * sqrt(p.equal_rate_var_sum) / p.members_scored) END AS satisfaction_rate_ci_upper,
               p.valid_respondents < p.min_sample AS small_sample
        FROM (
            SELECT m.scheme_code, m.alliance_id, m.grain, m.period_start, m.min_sample, m.confidence_level,
                   m.alliance_weighting,
                   count(*)::integer AS members,
                   (count(*) FILTER (WHERE m.eligible))::integer AS members_scored,
                   (count(*) FILTER (WHERE NOT m.eligible))::integer AS members_small_sample,
                   sum(m.respondents)::bigint AS respondents,
                   sum(m.valid_respondents)::bigint AS valid_respondents,
                   sum(m.invalid_respondents)::bigint AS invalid_respondents,
                   max(m.months) AS months,
                   sum(m.score_sum ORDER BY m.institution_id) / nullif(sum(m.valid_respondents), 0) AS pooled_score,
                   sum(m.score_m2 ORDER BY m.institution_id)
                   + coalesce(sum(m.valid_respondents * (m.score - m.pooled_mean) * (m.score - m.pooled_mean)
                                  ORDER BY m.institution_id) FILTER (WHERE m.valid_respondents > 0), 0) AS pooled_m2,
                   medalliance.rate_agg(m.top_box) AS pooled_top_box,
                   avg(m.score ORDER BY m.institution_id) FILTER (WHERE m.eligible) AS equal_score,
                   sum(m.score_var_of_mean ORDER BY m.institution_id) FILTER (WHERE m.eligible) AS equal_var_sum,
                   sum(m.score_var_of_mean * m.score_var_of_mean / (m.valid_respondents - 1) ORDER BY m.institution_id)
                       FILTER (WHERE m.eligible) AS equal_df_denominator,
                   avg(m.rate_value ORDER BY m.institution_id) FILTER (WHERE m.eligible) AS equal_rate,
                   sum(m.rate_value * (1 - m.rate_value) / medalliance.denominator(m.top_box) ORDER BY m.institution_id)
                       FILTER (WHERE m.eligible AND medalliance.denominator(m.top_box) > 0) AS equal_rate_var_sum
            FROM (
                SELECT s.*, ss.min_sample, ss.confidence_level, ss.alliance_weighting,
                       s.score_sum / nullif(s.valid_respondents, 0) AS score,
                       medalliance.value(s.top_box) AS rate_value,
                       s.valid_respondents >= ss.min_sample AS eligible,
                       CASE WHEN s.valid_respondents >= 2
                            THEN s.score_m2 / (s.valid_respondents - 1) / s.valid_respondents END AS score_var_of_mean,
                       sum(s.score_sum) OVER w / nullif(sum(s.valid_respondents) OVER w, 0) AS pooled_mean
                FROM satisfaction_refresh_period s
                JOIN medalliance.satisfaction_scheme ss ON ss.scheme_code = s.scheme_code
                WINDOW w AS (PARTITION BY s.scheme_code, s.alliance_id, s.grain, s.period_start
                             ORDER BY s.institution_id ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
            ) m
            GROUP BY m.scheme_code, m.alliance_id, m.grain, m.period_start, m.min_sample, m.confidence_level,
                     m.alliance_weighting
        ) p
    ) c
    ORDER BY c.scheme_code, c.alliance_id, c.grain, c.period_start;

    -- (the months just computed, and the stored months outside the range:
    -- those inside it were deleted above)
    INSERT INTO satisfaction_refresh_item_raw
        (scheme_code, alliance_id, unit_level, unit_id, grain, period_start, item_code, answers,
         not_applicable, unanswered, refresh_id)
    SELECT s.scheme_code, s.alliance_id, s.unit_level, s.unit_id, g.grain,
           date_trunc(g.grain, s.period_start)::date, s.item_code,
           medalliance.likert_agg(s.answers), sum(s.not_applicable), sum(s.unanswered), log_id
    FROM (SELECT r.scheme_code, r.alliance_id, r.unit_level, r.unit_id, r.grain, r.period_start, r.item_code,
                 r.answers, r.not_applicable, r.unanswered
          FROM satisfaction_refresh_item_raw r
          UNION ALL
          SELECT t.scheme_code, t.alliance_id, t.unit_level, t.unit_id, t.grain, t.period_start, t.item_code,
                 t.answers, t.not_applicable, t.unanswered
          FROM medalliance.satisfaction_item_state t
          WHERE t.grain = 'month' AND t.scheme_code = ANY (schemes)
            AND t.period_start >= date_trunc('year', month_from)::date
            AND t.period_start < (date_trunc('year', month_to) + interval '1 year')::date
            AND (t.period_start < month_from OR t.period_start > month_to)) s
    CROSS JOIN (VALUES ('quarter', interval '3 months'), ('year', interval '1 year')) g(grain, step)
    WHERE s.grain = 'month' AND s.scheme_code = ANY (schemes)
      AND s.period_start >= date_trunc(g.grain, month_from)::date
      AND s.period_start < (date_trunc(g.grain, month_to) + g.step)::date
    GROUP BY s.scheme_code, s.alliance_id, s.unit_level, s.unit_id, g.grain,
             date_trunc(g.grain, s.period_start), s.item_code;
    GET DIAGNOSTICS n_grains = ROW_COUNT;
    n_items := n_items + n_grains;

    -- The item summaries, read by satisfaction_item_result: computed from the
    -- rows just gathered (complete units and periods), and written with them.
    CREATE TEMP TABLE satisfaction_refresh_item ON COMMIT DROP AS
    SELECT y.scheme_code, y.alliance_id, y.unit_level, y.unit_id, y.grain, y.period_start, y.item_code, y.answers,
           y.not_applicable, y.unanswered, y.mean_answer, y.item_score, y.item_score_ci_lower, y.item_score_ci_upper,
           y.satisfaction_rate, y.satisfaction_rate_ci_lower, y.satisfaction_rate_ci_upper,
           y.item_score - avg(y.item_score) OVER u AS gap_to_unit_mean,
           CASE WHEN y.item_score IS NOT NULL THEN
               (rank() OVER (PARTITION BY y.scheme_code, y.alliance_id, y.unit_level, y.unit_id, y.grain,
                                          y.period_start, y.item_score IS NULL
                             ORDER BY y.item_score))::integer END AS rank_from_lowest
    FROM (
        SELECT x.scheme_code, x.alliance_id, x.unit_level, x.unit_id, x.grain, x.period_start, x.item_code, x.answers,
               x.not_applicable, x.unanswered,
               medalliance.mean(x.answers) AS mean_answer,
               medalliance.score_100(x.answers) AS item_score,
               medalliance.score_100_ci_lower(x.answers, ss.confidence_level) AS item_score_ci_lower,
               medalliance.score_100_ci_upper(x.answers, ss.confidence_level) AS item_score_ci_upper,
               100 * medalliance.value(medalliance.top_box(x.answers, ss.top_boxes)) AS satisfaction_rate,
               100 * medalliance.ci_lower(medalliance.top_box(x.answers, ss.top_boxes), ss.confidence_level)
                   AS satisfaction_rate_ci_lower,
               100 * medalliance.ci_upper(medalliance.top_box(x.answers, ss.top_boxes), ss.confidence_level)
                   AS satisfaction_rate_ci_upper
        FROM satisfaction_refresh_item_raw x
        JOIN medalliance.satisfaction_scheme ss ON ss.scheme_code = x.scheme_code
    ) y
    WINDOW u AS (PARTITION BY y.scheme_code, y.alliance_id, y.unit_level, y.unit_id, y.grain, y.period_start
                 ORDER BY y.item_code ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING);
    INSERT INTO medalliance.satisfaction_item_state
        (scheme_code, alliance_id, unit_level, unit_id, grain, period_start, item_code, answers, not_applicable,
         unanswered, mean_answer, item_score, item_score_ci_lower, item_score_ci_upper, satisfaction_rate,
         satisfaction_rate_ci_lower, satisfaction_rate_ci_upper, gap_to_unit_mean, rank_from_lowest, refresh_id)
    SELECT i.scheme_code, i.alliance_id, i.unit_level, i.unit_id, i.grain, i.period_start, i.item_code, i.answers,
           i.not_applicable, i.unanswered, i.mean_answer, i.item_score, i.item_score_ci_lower, i.item_score_ci_upper,
           i.satisfaction_rate, i.satisfaction_rate_ci_lower, i.satisfaction_rate_ci_upper, i.gap_to_unit_mean,
           i.rank_from_lowest, log_id
    FROM satisfaction_refresh_item i;

    -- What the refresh did not score: respondents about institutions outside
    -- the assessed alliances, and answers to item codes no scheme lists.
    SELECT coalesce(jsonb_object_agg(x.scheme_code, x.n), '{}') INTO outside
    FROM (SELECT r.scheme_code, count(*) AS n FROM satisfaction_refresh_respondent r
          WHERE NOT EXISTS (SELECT FROM satisfaction_refresh_member m
                            WHERE m.scheme_code = r.scheme_code AND m.institution_id = r.institution_id
                              AND m.month = r.month)
          GROUP BY 1) x;
    SELECT coalesce(jsonb_object_agg(x.key, x.n), '{}') INTO unread
    FROM (SELECT sr.survey_kind || ':' || sr.item_code AS key, count(*) AS n
          FROM medalliance.survey_response sr
          JOIN medalliance.satisfaction_scheme ss ON ss.survey_kind = sr.survey_kind AND ss.scheme_code = ANY (schemes)
          WHERE sr.responded_on >= month_from AND sr.responded_on < range_end
            AND NOT EXISTS (SELECT FROM medalliance.satisfaction_item it
                            WHERE it.scheme_code = ss.scheme_code AND it.item_code = sr.item_code)
          GROUP BY 1) x;
    SELECT coalesce(jsonb_object_agg(x.scheme_code, jsonb_build_object(
               'member_months', x.n, 'valid_respondents', x.valid, 'invalid_respondents', x.invalid)), '{}')
    INTO per_scheme
    FROM (SELECT s.scheme_code, count(*) AS n, sum(s.valid_respondents) AS valid, sum(s.invalid_respondents) AS invalid
          FROM medalliance.satisfaction_state s
          WHERE s.refresh_id = log_id AND s.grain = 'month' GROUP BY 1) x;

    RETURN medalliance.refresh_finish(log_id, n_states,
        jsonb_build_object('schemes', to_jsonb(schemes), 'per_scheme', per_scheme, 'item_states', n_items,
                           'respondents_outside_alliances', outside, 'answers_to_unknown_items', unread));
END
$$;
COMMENT ON FUNCTION medalliance.refresh_satisfaction(date, date, text[]) IS
    '刷新满意度 Recomputes the satisfaction states (member, and member and alliance per item) of the months from period_from to period_to (inclusive) and of the quarters and years containing them, for every survey scheme or the ones named; other periods are untouched. Raises 22023 for an answer off its item''s scale. Logs into refresh_log (layer satisfaction), with the respondents outside the assessed alliances and the answers to unknown items; returns the refresh_id.';

-- Views for BI tools ---------------------------------------------------------

CREATE VIEW medalliance.satisfaction_member
WITH (security_invoker = true) AS
SELECT s.scheme_code, ss.survey_kind, s.alliance_id, a.alliance_name, s.institution_id, i.institution_name,
       i.institution_level, s.period_start, s.grain, s.months,
       s.respondents, s.valid_respondents, s.invalid_respondents,
       s.score, s.score_ci_lower, s.score_ci_upper,
       s.satisfaction_rate, s.satisfaction_rate_ci_lower, s.satisfaction_rate_ci_upper,
       medalliance.denominator(s.top_box) AS answers,
       s.small_sample, s.rank_in_alliance, s.rank_in_province, s.confidence_level
FROM medalliance.satisfaction_state s
JOIN medalliance.satisfaction_scheme ss ON ss.scheme_code = s.scheme_code
JOIN medalliance.alliance a ON a.alliance_id = s.alliance_id
JOIN medalliance.institution i ON i.institution_id = s.institution_id;
COMMENT ON VIEW medalliance.satisfaction_member IS
    '成员满意度 satisfaction of each member per survey scheme and period (month, quarter, year; stored by refresh_satisfaction): respondents valid and invalid, the mean score (满意度得分, 0–100) with its t interval, and the satisfaction rate (满意率, %, answers in the top boxes) with its Wilson interval. The score and the rate are not interchangeable. Small samples are flagged and left out of the ranks, not hidden.';
COMMENT ON COLUMN medalliance.satisfaction_member.scheme_code IS '方案 the survey scheme.';
COMMENT ON COLUMN medalliance.satisfaction_member.survey_kind IS '问卷类型 outpatient, inpatient, resident or staff.';
COMMENT ON COLUMN medalliance.satisfaction_member.alliance_id IS '医联体编号 the alliance.';
COMMENT ON COLUMN medalliance.satisfaction_member.alliance_name IS '医联体名称 the alliance''s name.';
COMMENT ON COLUMN medalliance.satisfaction_member.institution_id IS '成员机构编号 the member.';
COMMENT ON COLUMN medalliance.satisfaction_member.institution_name IS '成员机构名称 the member''s name.';
COMMENT ON COLUMN medalliance.satisfaction_member.institution_level IS '机构层级 the member''s level.';
COMMENT ON COLUMN medalliance.satisfaction_member.period_start IS '期间起始 first day of the period.';
COMMENT ON COLUMN medalliance.satisfaction_member.grain IS '期间粒度 month, quarter or year.';
COMMENT ON COLUMN medalliance.satisfaction_member.months IS '月数 months of the period with respondents.';
COMMENT ON COLUMN medalliance.satisfaction_member.respondents IS '答卷数 respondents (questionnaires).';
COMMENT ON COLUMN medalliance.satisfaction_member.valid_respondents IS '有效答卷数 valid respondents (answered at least min_answered_share of the items that apply).';
COMMENT ON COLUMN medalliance.satisfaction_member.invalid_respondents IS '无效答卷数 invalid respondents: counted, not scored.';
COMMENT ON COLUMN medalliance.satisfaction_member.score IS '满意度得分 mean score 0–100 of the valid respondents (each the weighted mean of their item scores); NULL without a valid respondent.';
COMMENT ON COLUMN medalliance.satisfaction_member.score_ci_lower IS '得分置信下限 lower bound (0–100 scale, not clipped) of the t interval of the score at confidence_level; NULL below 2 valid respondents.';
COMMENT ON COLUMN medalliance.satisfaction_member.score_ci_upper IS '得分置信上限 upper bound of the t interval of the score.';
COMMENT ON COLUMN medalliance.satisfaction_member.satisfaction_rate IS '满意率 percentage 0–100 of the answers in the top boxes (satisfaction_scheme.top_boxes), over the items the valid respondents answered.';
COMMENT ON COLUMN medalliance.satisfaction_member.satisfaction_rate_ci_lower IS '满意率置信下限 lower bound (%) of the Wilson interval of the satisfaction rate.';
COMMENT ON COLUMN medalliance.satisfaction_member.satisfaction_rate_ci_upper IS '满意率置信上限 upper bound (%) of the Wilson interval.';
COMMENT ON COLUMN medalliance.satisfaction_member.answers IS '有效答案数 answers behind the satisfaction rate.';
COMMENT ON COLUMN medalliance.satisfaction_member.small_sample IS '样本不足 true when valid_respondents < min_sample: shown, not ranked.';
COMMENT ON COLUMN medalliance.satisfaction_member.rank_in_alliance IS '联盟内排名 rank by score among the alliance''s members without small_sample (1 = highest); NULL for small samples.';
COMMENT ON COLUMN medalliance.satisfaction_member.rank_in_province IS '全省排名 dense rank by score among all scored members of the scheme and period without small_sample; NULL for small samples.';
COMMENT ON COLUMN medalliance.satisfaction_member.confidence_level IS '置信水平 the level of both intervals (satisfaction_scheme.confidence_level).';

CREATE VIEW medalliance.satisfaction_alliance
WITH (security_invoker = true) AS
SELECT c.scheme_code, ss.survey_kind, c.alliance_id, a.alliance_name, a.alliance_kind, a.region_id, r.region_name,
       c.period_start, c.grain, c.months, c.alliance_weighting,
       c.members, c.members_scored, c.members_small_sample,
       c.respondents, c.valid_respondents, c.invalid_respondents,
       c.score, c.score_ci_lower, c.score_ci_upper,
       c.satisfaction_rate, c.satisfaction_rate_ci_lower, c.satisfaction_rate_ci_upper,
       c.answers, c.small_sample, c.reason, c.rank, c.confidence_level
FROM medalliance.satisfaction_alliance_period c
JOIN medalliance.satisfaction_scheme ss ON ss.scheme_code = c.scheme_code
JOIN medalliance.alliance a ON a.alliance_id = c.alliance_id
JOIN medalliance.region r ON r.region_id = a.region_id;
COMMENT ON VIEW medalliance.satisfaction_alliance IS
    '医联体满意度 satisfaction of each alliance per survey scheme and period: pooled over the members'' valid respondents, or the equal-weighted mean of the members with enough respondents (satisfaction_scheme.alliance_weighting); score (满意度得分, 0–100) and satisfaction rate (满意率, %) with their intervals; small samples flagged, not ranked.';
COMMENT ON COLUMN medalliance.satisfaction_alliance.scheme_code IS '方案 the survey scheme.';
COMMENT ON COLUMN medalliance.satisfaction_alliance.survey_kind IS '问卷类型 outpatient, inpatient, resident or staff.';
COMMENT ON COLUMN medalliance.satisfaction_alliance.alliance_id IS '医联体编号 the alliance.';
COMMENT ON COLUMN medalliance.satisfaction_alliance.alliance_name IS '医联体名称 the alliance''s name.';
COMMENT ON COLUMN medalliance.satisfaction_alliance.alliance_kind IS '医联体类型 county_medical_community, city_medical_group, specialty_alliance or remote_network.';
COMMENT ON COLUMN medalliance.satisfaction_alliance.region_id IS '地区编号 the alliance''s region (for regional roll-ups in BI tools).';
COMMENT ON COLUMN medalliance.satisfaction_alliance.region_name IS '地区名称 the region''s name.';
COMMENT ON COLUMN medalliance.satisfaction_alliance.period_start IS '期间起始 first day of the period.';
COMMENT ON COLUMN medalliance.satisfaction_alliance.grain IS '期间粒度 month, quarter or year.';
COMMENT ON COLUMN medalliance.satisfaction_alliance.months IS '月数 the most months with respondents of any member.';
COMMENT ON COLUMN medalliance.satisfaction_alliance.alliance_weighting IS '汇总方式 pooled (合并) or equal (成员等权).';
COMMENT ON COLUMN medalliance.satisfaction_alliance.members IS '被调查成员数 members with respondents in the period.';
COMMENT ON COLUMN medalliance.satisfaction_alliance.members_scored IS '达样本成员数 members with at least min_sample valid respondents (those that count under equal weighting).';
COMMENT ON COLUMN medalliance.satisfaction_alliance.members_small_sample IS '样本不足成员数 members below min_sample.';
COMMENT ON COLUMN medalliance.satisfaction_alliance.respondents IS '答卷数 respondents about the members.';
COMMENT ON COLUMN medalliance.satisfaction_alliance.valid_respondents IS '有效答卷数 valid respondents.';
COMMENT ON COLUMN medalliance.satisfaction_alliance.invalid_respondents IS '无效答卷数 invalid respondents: counted, not scored.';
COMMENT ON COLUMN medalliance.satisfaction_alliance.score IS
    '满意度得分 score 0–100: pooled, the mean over all valid respondents; equal, the mean of the member scores of members with >= min_sample valid respondents.';
COMMENT ON COLUMN medalliance.satisfaction_alliance.score_ci_lower IS
    '得分置信下限 lower bound (0–100 scale, not clipped) of the t interval: pooled, n − 1 degrees of freedom; equal, √(Σ s_m²/n_m)/M with Welch–Satterthwaite degrees of freedom.';
COMMENT ON COLUMN medalliance.satisfaction_alliance.score_ci_upper IS '得分置信上限 upper bound of that interval.';
COMMENT ON COLUMN medalliance.satisfaction_alliance.satisfaction_rate IS
    '满意率 percentage 0–100 of answers in the top boxes: pooled over all answers, or the mean of the members'' rates (equal).';
COMMENT ON COLUMN medalliance.satisfaction_alliance.satisfaction_rate_ci_lower IS
    '满意率置信下限 lower bound (%): Wilson (pooled) or normal, √(Σ p_m(1 − p_m)/N_m)/M (equal).';
COMMENT ON COLUMN medalliance.satisfaction_alliance.satisfaction_rate_ci_upper IS '满意率置信上限 upper bound (%).';
COMMENT ON COLUMN medalliance.satisfaction_alliance.answers IS '有效答案数 answers of the valid respondents, all members.';
COMMENT ON COLUMN medalliance.satisfaction_alliance.small_sample IS '样本不足 true when valid_respondents < min_sample: shown, not ranked.';
COMMENT ON COLUMN medalliance.satisfaction_alliance.reason IS '无得分原因 why score is NULL.';
COMMENT ON COLUMN medalliance.satisfaction_alliance.rank IS '排名 rank by score among the alliances of the scheme and period with a score and no small sample (1 = highest).';
COMMENT ON COLUMN medalliance.satisfaction_alliance.confidence_level IS '置信水平 the level of the intervals.';

CREATE VIEW medalliance.satisfaction_item_result
WITH (security_invoker = true) AS
SELECT s.scheme_code, ss.survey_kind, s.alliance_id, s.unit_level, s.unit_id,
       coalesce(i.institution_name, a.alliance_name) AS unit_name,
       s.period_start, s.grain, s.item_code, it.item_no, it.text_zh AS item_text_zh, it.text_en AS item_text_en, it.weight,
       coalesce(medalliance.n(s.answers), 0) AS answers, s.not_applicable, s.unanswered,
       s.mean_answer, s.item_score, s.item_score_ci_lower, s.item_score_ci_upper,
       s.satisfaction_rate, s.satisfaction_rate_ci_lower, s.satisfaction_rate_ci_upper,
       s.gap_to_unit_mean, s.rank_from_lowest,
       s.answers AS distribution
FROM medalliance.satisfaction_item_state s
JOIN medalliance.satisfaction_scheme ss ON ss.scheme_code = s.scheme_code
JOIN medalliance.satisfaction_item it ON it.scheme_code = s.scheme_code AND it.item_code = s.item_code
LEFT JOIN medalliance.institution i ON s.unit_level = 'institution' AND i.institution_id = s.unit_id
LEFT JOIN medalliance.alliance a ON s.unit_level = 'alliance' AND a.alliance_id = s.unit_id;
COMMENT ON VIEW medalliance.satisfaction_item_result IS
    '题目满意度 per survey item, unit (member, or alliance pooled) and period: the answers, the item score (0–100) and satisfaction rate (%) with intervals, and how far the item lies below the mean of the unit''s items — to find what drags a score down (rank_from_lowest = 1).';
COMMENT ON COLUMN medalliance.satisfaction_item_result.scheme_code IS '方案 the survey scheme.';
COMMENT ON COLUMN medalliance.satisfaction_item_result.survey_kind IS '问卷类型 outpatient, inpatient, resident or staff.';
COMMENT ON COLUMN medalliance.satisfaction_item_result.alliance_id IS '医联体编号 the alliance.';
COMMENT ON COLUMN medalliance.satisfaction_item_result.unit_level IS '单位层级 institution (a member) or alliance (its members pooled).';
COMMENT ON COLUMN medalliance.satisfaction_item_result.unit_id IS '单位编号 institution_id or alliance_id.';
COMMENT ON COLUMN medalliance.satisfaction_item_result.unit_name IS '单位名称 the member''s or the alliance''s name.';
COMMENT ON COLUMN medalliance.satisfaction_item_result.period_start IS '期间起始 first day of the period.';
COMMENT ON COLUMN medalliance.satisfaction_item_result.grain IS '期间粒度 month, quarter or year.';
COMMENT ON COLUMN medalliance.satisfaction_item_result.item_code IS '题目代码 the item.';
COMMENT ON COLUMN medalliance.satisfaction_item_result.item_no IS '题号 the item''s number.';
COMMENT ON COLUMN medalliance.satisfaction_item_result.item_text_zh IS '题目内容 the question, in Chinese.';
COMMENT ON COLUMN medalliance.satisfaction_item_result.item_text_en IS '英文内容 the question, in English.';
COMMENT ON COLUMN medalliance.satisfaction_item_result.weight IS '题目权重 the item''s weight in the respondent score.';
COMMENT ON COLUMN medalliance.satisfaction_item_result.answers IS '作答数 valid respondents who answered the item on its scale.';
COMMENT ON COLUMN medalliance.satisfaction_item_result.not_applicable IS '不适用数 valid respondents who answered "not applicable".';
COMMENT ON COLUMN medalliance.satisfaction_item_result.unanswered IS '未作答数 valid respondents who left it blank.';
COMMENT ON COLUMN medalliance.satisfaction_item_result.mean_answer IS '平均答案 the mean answer on the item''s scale.';
COMMENT ON COLUMN medalliance.satisfaction_item_result.item_score IS '题目得分 item score 0–100: 100·(mean − lowest)/(highest − lowest).';
COMMENT ON COLUMN medalliance.satisfaction_item_result.item_score_ci_lower IS '题目得分置信下限 lower bound (0–100 scale, not clipped) of its t interval; NULL below 2 answers.';
COMMENT ON COLUMN medalliance.satisfaction_item_result.item_score_ci_upper IS '题目得分置信上限 upper bound of its t interval.';
COMMENT ON COLUMN medalliance.satisfaction_item_result.satisfaction_rate IS '题目满意率 percentage 0–100 of the answers in the top boxes.';
COMMENT ON COLUMN medalliance.satisfaction_item_result.satisfaction_rate_ci_lower IS '满意率置信下限 lower bound (%) of the Wilson interval.';
COMMENT ON COLUMN medalliance.satisfaction_item_result.satisfaction_rate_ci_upper IS '满意率置信上限 upper bound (%) of the Wilson interval.';
COMMENT ON COLUMN medalliance.satisfaction_item_result.gap_to_unit_mean IS '与均值差距 item score minus the mean item score of the unit in the period, in points (negative: drags the score down).';
COMMENT ON COLUMN medalliance.satisfaction_item_result.rank_from_lowest IS '由低到高排名 1 for the unit''s lowest-scoring item in the period (ties share a rank).';
COMMENT ON COLUMN medalliance.satisfaction_item_result.distribution IS '答案分布 the likert distribution of the answers (counts per answer).';

GRANT SELECT ON medalliance.satisfaction_member, medalliance.satisfaction_alliance,
                medalliance.satisfaction_item_result TO medalliance_reader;
GRANT SELECT ON medalliance.satisfaction_state, medalliance.satisfaction_alliance_period,
                medalliance.satisfaction_item_state TO medalliance_analyst;
GRANT INSERT, UPDATE, DELETE ON medalliance.satisfaction_state, medalliance.satisfaction_alliance_period,
                                medalliance.satisfaction_item_state TO medalliance_admin;
