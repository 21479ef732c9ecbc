-- The likert type (满意度量表分布): the counts of the answers to a survey item
-- on one scale, so that any roll-up (respondents → member → alliance; month →
-- quarter → year) is an exact merge, and every statistic of the merged
-- distribution equals the one of the raw answers.
--
-- A scale has 2 to 11 points: 1..K for a K-point Likert item, declared
-- likert_agg(answer, K); or lowest..highest with lowest 0 or 1, declared
-- likert_agg(answer, lowest, highest), e.g. likert_agg(answer, 0, 10) for a
-- 0–10 recommendation question.  The value stores the lowest answer, the
-- number of points and one count per answer; it is written '1..5:{0,1,3,10,6}'.
-- NULL answers are skipped: "not applicable" is never a value of the scale.

CREATE TYPE medalliance.likert;

CREATE FUNCTION medalliance.likert_in(cstring) RETURNS medalliance.likert
    AS 'MODULE_PATHNAME', 'likert_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION medalliance.likert_in(cstring) IS
    '量表分布文本输入 Text input of likert: ''lowest..highest:{count,...}'', one count per answer, validated (22P02 when malformed).';

CREATE FUNCTION medalliance.likert_out(medalliance.likert) RETURNS cstring
    AS 'MODULE_PATHNAME', 'likert_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION medalliance.likert_out(medalliance.likert) IS
    '量表分布文本输出 Text output of likert: ''lowest..highest:{count,...}''.';

CREATE FUNCTION medalliance.likert_recv(internal) RETURNS medalliance.likert
    AS 'MODULE_PATHNAME', 'likert_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION medalliance.likert_recv(internal) IS
    '量表分布二进制输入 Binary input of likert: version byte, lowest answer byte, points byte, then one int64 count per answer, big-endian; validated.';

CREATE FUNCTION medalliance.likert_send(medalliance.likert) RETURNS bytea
    AS 'MODULE_PATHNAME', 'likert_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION medalliance.likert_send(medalliance.likert) IS
    '量表分布二进制输出 Binary output of likert: version byte, lowest answer byte, points byte, then one int64 count per answer, big-endian.';

CREATE TYPE medalliance.likert (
    INPUT = medalliance.likert_in,
    OUTPUT = medalliance.likert_out,
    RECEIVE = medalliance.likert_recv,
    SEND = medalliance.likert_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = double,
    STORAGE = main
);
COMMENT ON TYPE medalliance.likert IS
    '满意度量表分布 likert: the answers to a survey item as counts per answer on one scale of 2–11 points (1..K, or 0..10); written ''1..5:{0,1,3,10,6}''. States merge exactly with + and likert_agg(likert).';

-- Merging and aggregates ---------------------------------------------------

CREATE FUNCTION medalliance.likert_add(medalliance.likert, medalliance.likert) RETURNS medalliance.likert
    AS 'MODULE_PATHNAME', 'likert_combine' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION medalliance.likert_add(medalliance.likert, medalliance.likert) IS
    '合并 Merges two likert distributions of the same scale by adding their counts (operator +); 22023 for different scales.';

CREATE OPERATOR medalliance.+ (
    LEFTARG = medalliance.likert, RIGHTARG = medalliance.likert,
    FUNCTION = medalliance.likert_add, COMMUTATOR = OPERATOR(medalliance.+)
);
COMMENT ON OPERATOR medalliance.+ (medalliance.likert, medalliance.likert) IS
    '合并 Merge: the counts of each answer are added; both sides must have the same scale.';

CREATE FUNCTION medalliance.likert_combine(medalliance.likert, medalliance.likert) RETURNS medalliance.likert
    AS 'MODULE_PATHNAME', 'likert_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION medalliance.likert_combine(medalliance.likert, medalliance.likert) IS
    '合并 Combine function of the likert aggregates and transition of likert_agg(likert): the merge, with a NULL side skipped; 22023 for different scales.';

CREATE FUNCTION medalliance.likert_accum(medalliance.likert, integer, integer) RETURNS medalliance.likert
    AS 'MODULE_PATHNAME', 'likert_accum' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION medalliance.likert_accum(medalliance.likert, integer, integer) IS
    '累加 Transition function of likert_agg(answer, scale): counts one answer 1..scale (2 <= scale <= 11); skips a row with a NULL answer or scale; 22023 for an answer outside the scale.';

CREATE FUNCTION medalliance.likert_accum_range(medalliance.likert, integer, integer, integer)
    RETURNS medalliance.likert
    AS 'MODULE_PATHNAME', 'likert_accum_range' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION medalliance.likert_accum_range(medalliance.likert, integer, integer, integer) IS
    '累加 Transition function of likert_agg(answer, lowest, highest): counts one answer lowest..highest (lowest 0 or 1, 2–11 points); skips a row with a NULL argument; 22023 for an answer outside the scale.';

CREATE AGGREGATE medalliance.likert_agg(answer integer, scale integer) (
    SFUNC = medalliance.likert_accum,
    STYPE = medalliance.likert,
    COMBINEFUNC = medalliance.likert_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE medalliance.likert_agg(integer, integer) IS
    '量表分布聚合 Counts answers 1..scale (a 2- to 11-point Likert item) into a likert distribution; NULL answers skipped; NULL for no input.';

CREATE AGGREGATE medalliance.likert_agg(answer integer, lowest integer, highest integer) (
    SFUNC = medalliance.likert_accum_range,
    STYPE = medalliance.likert,
    COMBINEFUNC = medalliance.likert_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE medalliance.likert_agg(integer, integer, integer) IS
    '量表分布聚合 Counts answers lowest..highest (lowest 0 or 1, 2–11 points; 0..10 for a recommendation question) into a likert distribution; NULL answers skipped; NULL for no input.';

CREATE AGGREGATE medalliance.likert_agg(medalliance.likert) (
    SFUNC = medalliance.likert_combine,
    STYPE = medalliance.likert,
    COMBINEFUNC = medalliance.likert_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE medalliance.likert_agg(medalliance.likert) IS
    '汇总 Roll-up: merges stored likert distributions of one scale (items → member, months → quarter); 22023 for different scales; NULL for no input.';

-- Readers ------------------------------------------------------------------

CREATE FUNCTION medalliance.n(medalliance.likert) RETURNS bigint
    AS 'MODULE_PATHNAME', 'likert_n_answers' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION medalliance.n(medalliance.likert) IS '回答数 The number of answers counted.';

CREATE FUNCTION medalliance.lowest(medalliance.likert) RETURNS integer
    AS 'MODULE_PATHNAME', 'likert_lowest' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION medalliance.lowest(medalliance.likert) IS '最低答案 The lowest answer of the scale (0 or 1).';

CREATE FUNCTION medalliance.highest(medalliance.likert) RETURNS integer
    AS 'MODULE_PATHNAME', 'likert_highest' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION medalliance.highest(medalliance.likert) IS '最高答案 The highest answer of the scale.';

CREATE FUNCTION medalliance.counts(medalliance.likert) RETURNS bigint[]
    AS 'MODULE_PATHNAME', 'likert_counts' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION medalliance.counts(medalliance.likert) IS
    '各答案计数 The counts per answer as an array: element i counts answer lowest + i - 1.';

CREATE FUNCTION medalliance.mean(medalliance.likert) RETURNS double precision
    AS 'MODULE_PATHNAME', 'likert_mean_answer' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION medalliance.mean(medalliance.likert) IS
    '平均答案 The mean answer, on the scale''s own units; NULL when there is no answer.';

CREATE FUNCTION medalliance.answer_variance(medalliance.likert) RETURNS double precision
    AS 'MODULE_PATHNAME', 'likert_answer_variance' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION medalliance.answer_variance(medalliance.likert) IS
    '答案方差 The sample variance of the answers (divisor n - 1); NULL below 2 answers.';

CREATE FUNCTION medalliance.score_100(medalliance.likert) RETURNS double precision
    AS 'MODULE_PATHNAME', 'likert_score' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION medalliance.score_100(medalliance.likert) IS
    '满意度得分 Score 0–100: 100·(mean − lowest)/(highest − lowest); NULL when there is no answer.';

CREATE FUNCTION medalliance.top_box(medalliance.likert, boxes integer DEFAULT 2) RETURNS medalliance.rate
    AS 'MODULE_PATHNAME', 'likert_top_box' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION medalliance.top_box(medalliance.likert, integer) IS
    '满意率 Top-box share as a rate: answers in the top boxes (default 2: 4 and 5 of a 5-point item) / all answers; value(), ci_lower() and ci_upper() of rate read it. 22023 unless 1 <= boxes <= points.';

CREATE FUNCTION medalliance.nps(medalliance.likert) RETURNS double precision
    AS 'MODULE_PATHNAME', 'likert_net_promoter' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION medalliance.nps(medalliance.likert) IS
    '净推荐值 Net promoter score in points (−100 to 100) of a 0..10 question: 100·(#answers 9–10 − #answers 0–6)/n; NULL when there is no answer; 22023 for another scale.';

CREATE FUNCTION medalliance.mean_ci_lower(medalliance.likert, level double precision DEFAULT 0.95)
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'likert_mean_ci_lower' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION medalliance.mean_ci_lower(medalliance.likert, double precision) IS
    '均值置信下限 Lower bound of the two-sided t interval of the mean answer: mean − t(1 − α/2, n − 1)·s/√n, s the sample standard deviation; not clipped to the scale; NULL below 2 answers.';

CREATE FUNCTION medalliance.mean_ci_upper(medalliance.likert, level double precision DEFAULT 0.95)
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'likert_mean_ci_upper' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION medalliance.mean_ci_upper(medalliance.likert, double precision) IS
    '均值置信上限 Upper bound of the two-sided t interval of the mean answer: mean + t(1 − α/2, n − 1)·s/√n; not clipped to the scale; NULL below 2 answers.';

CREATE FUNCTION medalliance.score_100_ci_lower(medalliance.likert, level double precision DEFAULT 0.95)
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'likert_score_ci_lower' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION medalliance.score_100_ci_lower(medalliance.likert, double precision) IS
    '得分置信下限 Lower bound of the t interval of score_100: the mean''s t interval mapped by 100·(x − lowest)/(highest − lowest); NULL below 2 answers.';

CREATE FUNCTION medalliance.score_100_ci_upper(medalliance.likert, level double precision DEFAULT 0.95)
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'likert_score_ci_upper' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION medalliance.score_100_ci_upper(medalliance.likert, double precision) IS
    '得分置信上限 Upper bound of the t interval of score_100; NULL below 2 answers.';

CREATE FUNCTION medalliance.student_t_quantile(p double precision, df double precision)
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'likert_t_quantile' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION medalliance.student_t_quantile(double precision, double precision) IS
    't分位数 The p-quantile of Student''s t distribution with df degrees of freedom (Infinity: the normal); 22023 unless 0 < p < 1 and df > 0. Used for the intervals of satisfaction scores.';
