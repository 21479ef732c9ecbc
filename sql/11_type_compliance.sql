-- The compliance type (六统一合规): per checklist dimension, the weighted item
-- scores, the weights and the item counts, so that any roll-up (member →
-- alliance; month → quarter → year) is an exact merge of states.
--
-- Scoring: an item scores c in [0, 1] (0 absent, 0.5 partial, 1 met); a
-- dimension scores S_d = 100·Σ w_k c_k / Σ w_k over its assessed items; the
-- overall score is the mean of the dimension scores, equal or weighted.
-- An item with a NULL score was not assessed: it lowers coverage, not the score.

CREATE TYPE compliance;

CREATE FUNCTION compliance_in(cstring) RETURNS compliance
    AS 'MODULE_PATHNAME', 'compliance_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION compliance_in(cstring) IS
    'Text input of compliance: ''{dimension:(weighted_score,weight,assessed,met,not_assessed),...}'', validated.';

CREATE FUNCTION compliance_out(compliance) RETURNS cstring
    AS 'MODULE_PATHNAME', 'compliance_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION compliance_out(compliance) IS
    'Text output of compliance; the sums are written with the shortest digits that read back exactly.';

CREATE FUNCTION compliance_recv(internal) RETURNS compliance
    AS 'MODULE_PATHNAME', 'compliance_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION compliance_recv(internal) IS
    'Binary input of compliance: version byte, uint16 dimension mask, then per dimension two float8 and three int64, big-endian; validated.';

CREATE FUNCTION compliance_send(compliance) RETURNS bytea
    AS 'MODULE_PATHNAME', 'compliance_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION compliance_send(compliance) IS
    'Binary output of compliance: version byte, uint16 dimension mask, then per dimension two float8 and three int64, big-endian.';

CREATE TYPE compliance (
    INPUT = compliance_in,
    OUTPUT = compliance_out,
    RECEIVE = compliance_recv,
    SEND = compliance_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = double,
    STORAGE = main
);
COMMENT ON TYPE compliance IS
    '六统一合规 compliance: per dimension (1–16) the weighted item scores, the weights, and the items assessed, met and not assessed; written ''{1:(1.5,2,2,1,0)}''. States merge exactly with + and compliance_agg(compliance).';

-- Merging and aggregates ---------------------------------------------------

CREATE FUNCTION compliance_add(compliance, compliance) RETURNS compliance
    AS 'MODULE_PATHNAME', 'compliance_combine' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION compliance_add(compliance, compliance) IS
    '合并 Merges two compliance states, dimension by dimension (operator +).';

CREATE OPERATOR + (
    LEFTARG = compliance, RIGHTARG = compliance, FUNCTION = compliance_add, COMMUTATOR = +
);
COMMENT ON OPERATOR + (compliance, compliance) IS
    '合并 Merge: per dimension, the weighted scores, weights and item counts are added.';

CREATE FUNCTION compliance_combine(compliance, compliance) RETURNS compliance
    AS 'MODULE_PATHNAME', 'compliance_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION compliance_combine(compliance, compliance) IS
    'Combine function of the compliance aggregates and transition of compliance_agg(compliance): the merge, with a NULL side skipped.';

CREATE FUNCTION compliance_accum(compliance, integer, double precision, double precision)
    RETURNS compliance
    AS 'MODULE_PATHNAME', 'compliance_accum' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION compliance_accum(compliance, integer, double precision, double precision) IS
    'Transition function of compliance_agg(dimension, score, weight): validates and adds one item; skips a row with a NULL dimension or weight; a NULL score counts the item as not assessed.';

CREATE AGGREGATE compliance_agg(dimension integer, score double precision,
                                weight double precision) (
    SFUNC = compliance_accum,
    STYPE = compliance,
    COMBINEFUNC = compliance_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE compliance_agg(integer, double precision, double precision) IS
    '六统一合规聚合 Builds a compliance state from checklist items (dimension 1–16, score in [0, 1] or NULL for not assessed, weight >= 0); NULL for no input.';

CREATE AGGREGATE compliance_agg(compliance) (
    SFUNC = compliance_combine,
    STYPE = compliance,
    COMBINEFUNC = compliance_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE compliance_agg(compliance) IS
    '汇总 Roll-up: merges stored compliance states (members → alliance, months → quarter); NULL for no input.';

-- Readers ------------------------------------------------------------------

CREATE FUNCTION dimension_score(compliance, dimension integer) RETURNS double precision
    AS 'MODULE_PATHNAME', 'compliance_dimension_score' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION dimension_score(compliance, integer) IS
    '维度得分 Score 0–100 of one dimension, 100·Σ w·c / Σ w over its assessed items; NULL when no item was assessed or every assessed item weighs 0.';

CREATE FUNCTION dimension_scores(compliance) RETURNS double precision[]
    AS 'MODULE_PATHNAME', 'compliance_dimension_scores' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION dimension_scores(compliance) IS
    '各维度得分 The dimension scores 0–100 as an array, element d for dimension d, up to the highest dimension stored; NULL where there is no score.';

CREATE FUNCTION overall_score(compliance) RETURNS double precision
    AS 'MODULE_PATHNAME', 'compliance_overall_score' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION overall_score(compliance) IS
    '综合得分 Overall score 0–100: the mean of the dimension scores there are (equal weights); NULL when no dimension has a score.';

CREATE FUNCTION overall_score(compliance, dimension_weights double precision[])
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'compliance_overall_score_weighted' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION overall_score(compliance, double precision[]) IS
    '加权综合得分 Overall score 0–100: Σ W_d·S_d / Σ W_d over the dimensions that have a score (weights renormalised over them); element d of dimension_weights weighs dimension d.';

CREATE FUNCTION items_assessed(compliance) RETURNS bigint
    AS 'MODULE_PATHNAME', 'compliance_items_assessed' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION items_assessed(compliance) IS
    '评估项数 Items assessed (with a score), over all dimensions.';

CREATE FUNCTION items_assessed(compliance, dimension integer) RETURNS bigint
    AS 'MODULE_PATHNAME', 'compliance_items_assessed_dimension' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION items_assessed(compliance, integer) IS
    '评估项数 Items assessed (with a score) in one dimension.';

CREATE FUNCTION items_met(compliance) RETURNS bigint
    AS 'MODULE_PATHNAME', 'compliance_items_met' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION items_met(compliance) IS
    '达标项数 Items fully met (score 1), over all dimensions.';

CREATE FUNCTION items_met(compliance, dimension integer) RETURNS bigint
    AS 'MODULE_PATHNAME', 'compliance_items_met_dimension' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION items_met(compliance, integer) IS
    '达标项数 Items fully met (score 1) in one dimension.';

CREATE FUNCTION items_not_assessed(compliance) RETURNS bigint
    AS 'MODULE_PATHNAME', 'compliance_items_not_assessed' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION items_not_assessed(compliance) IS
    '未评估项数 Items seen with a NULL score (no evidence in the period), over all dimensions.';

CREATE FUNCTION items_not_assessed(compliance, dimension integer) RETURNS bigint
    AS 'MODULE_PATHNAME', 'compliance_items_not_assessed_dimension' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION items_not_assessed(compliance, integer) IS
    '未评估项数 Items seen with a NULL score (no evidence in the period) in one dimension.';

CREATE FUNCTION coverage(compliance) RETURNS double precision
    AS 'MODULE_PATHNAME', 'compliance_coverage' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION coverage(compliance) IS
    '评估覆盖率 Coverage: items assessed / (items assessed + items not assessed), as a fraction; NULL when no item was seen.';

CREATE FUNCTION coverage(compliance, items_total integer[]) RETURNS double precision
    AS 'MODULE_PATHNAME', 'compliance_coverage_total' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION coverage(compliance, integer[]) IS
    '评估覆盖率 Coverage against the checklist: Σ items assessed / Σ items_total, where items_total[d] counts the items expected in dimension d; NULL when items_total sums to 0.';
