-- The rate type (比率): a proportion kept as its (numerator, denominator) pair,
-- so that every roll-up is an exact merge, never an average of averages.

CREATE TYPE rate;

CREATE FUNCTION rate_in(cstring) RETURNS rate
    AS 'MODULE_PATHNAME', 'rate_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION rate_in(cstring) IS
    'Text input of rate: ''numerator/denominator'', e.g. ''45/100''.';

CREATE FUNCTION rate_out(rate) RETURNS cstring
    AS 'MODULE_PATHNAME', 'rate_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION rate_out(rate) IS
    'Text output of rate: ''numerator/denominator''.';

CREATE FUNCTION rate_recv(internal) RETURNS rate
    AS 'MODULE_PATHNAME', 'rate_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION rate_recv(internal) IS
    'Binary input of rate: two big-endian int64, validated.';

CREATE FUNCTION rate_send(rate) RETURNS bytea
    AS 'MODULE_PATHNAME', 'rate_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION rate_send(rate) IS
    'Binary output of rate: numerator then denominator, big-endian int64.';

CREATE TYPE rate (
    INPUT = rate_in,
    OUTPUT = rate_out,
    RECEIVE = rate_recv,
    SEND = rate_send,
    INTERNALLENGTH = 16,
    ALIGNMENT = double,
    STORAGE = plain
);
COMMENT ON TYPE rate IS
    '比率 rate: a proportion stored as (numerator, denominator) bigints with 0 <= numerator <= denominator, written ''45/100''. Rates merge exactly with + and rate_agg(rate).';

-- Constructor and accessors ------------------------------------------------

CREATE FUNCTION rate(numerator bigint, denominator bigint) RETURNS rate
    AS 'MODULE_PATHNAME', 'rate_make' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION rate(bigint, bigint) IS
    '比率 Builds a rate from its numerator (分子) and denominator (分母); 0 <= numerator <= denominator.';

CREATE FUNCTION numerator(rate) RETURNS bigint
    AS 'MODULE_PATHNAME', 'rate_numerator' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION numerator(rate) IS '分子 The numerator of a rate.';

CREATE FUNCTION denominator(rate) RETURNS bigint
    AS 'MODULE_PATHNAME', 'rate_denominator' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION denominator(rate) IS '分母 The denominator of a rate.';

CREATE FUNCTION value(rate) RETURNS double precision
    AS 'MODULE_PATHNAME', 'rate_value' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION value(rate) IS
    '比率值 numerator / denominator as a fraction in [0, 1]; NULL for 0/0.';

-- Confidence intervals -----------------------------------------------------

CREATE FUNCTION ci_lower(rate, level double precision DEFAULT 0.95,
                         method text DEFAULT 'wilson') RETURNS double precision
    AS 'MODULE_PATHNAME', 'rate_ci_lower' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ci_lower(rate, double precision, text) IS
    '置信区间下限 Lower bound of the two-sided confidence interval of a rate, as a fraction; method ''wilson'' (score), ''clopper_pearson'' (exact) or ''jeffreys''; NULL for 0/0.';

CREATE FUNCTION ci_upper(rate, level double precision DEFAULT 0.95,
                         method text DEFAULT 'wilson') RETURNS double precision
    AS 'MODULE_PATHNAME', 'rate_ci_upper' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ci_upper(rate, double precision, text) IS
    '置信区间上限 Upper bound of the two-sided confidence interval of a rate, as a fraction; method ''wilson'' (score), ''clopper_pearson'' (exact) or ''jeffreys''; NULL for 0/0.';

CREATE FUNCTION rate_diff(a rate, b rate, level double precision DEFAULT 0.95,
                          OUT difference_pp double precision,
                          OUT ci_lower_pp double precision,
                          OUT ci_upper_pp double precision)
    AS 'MODULE_PATHNAME', 'rate_diff' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION rate_diff(rate, rate, double precision) IS
    '率差 Difference a - b in percentage points (百分点) with Newcombe''s hybrid score interval; NULL when either denominator is 0.';

-- Comparison ---------------------------------------------------------------
-- Rates order by value, then by denominator; 0/0 sorts first.  Equality is
-- equality of both parts: 1/2 and 2/4 are different rates.

CREATE FUNCTION rate_eq(rate, rate) RETURNS boolean
    AS 'MODULE_PATHNAME', 'rate_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION rate_eq(rate, rate) IS 'Support of operator = (same numerator and denominator).';
CREATE FUNCTION rate_ne(rate, rate) RETURNS boolean
    AS 'MODULE_PATHNAME', 'rate_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION rate_ne(rate, rate) IS 'Support of operator <>.';
CREATE FUNCTION rate_lt(rate, rate) RETURNS boolean
    AS 'MODULE_PATHNAME', 'rate_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION rate_lt(rate, rate) IS 'Support of operator < (by value, then denominator).';
CREATE FUNCTION rate_le(rate, rate) RETURNS boolean
    AS 'MODULE_PATHNAME', 'rate_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION rate_le(rate, rate) IS 'Support of operator <=.';
CREATE FUNCTION rate_gt(rate, rate) RETURNS boolean
    AS 'MODULE_PATHNAME', 'rate_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION rate_gt(rate, rate) IS 'Support of operator >.';
CREATE FUNCTION rate_ge(rate, rate) RETURNS boolean
    AS 'MODULE_PATHNAME', 'rate_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION rate_ge(rate, rate) IS 'Support of operator >=.';
CREATE FUNCTION rate_cmp(rate, rate) RETURNS integer
    AS 'MODULE_PATHNAME', 'rate_cmp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION rate_cmp(rate, rate) IS 'B-tree support: -1, 0 or 1.';
CREATE FUNCTION rate_hash(rate) RETURNS integer
    AS 'MODULE_PATHNAME', 'rate_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION rate_hash(rate) IS 'Hash support.';
CREATE FUNCTION rate_hash_extended(rate, bigint) RETURNS bigint
    AS 'MODULE_PATHNAME', 'rate_hash_extended' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION rate_hash_extended(rate, bigint) IS 'Seeded hash support.';

CREATE OPERATOR = (
    LEFTARG = rate, RIGHTARG = rate, FUNCTION = rate_eq,
    COMMUTATOR = =, NEGATOR = <>, RESTRICT = eqsel, JOIN = eqjoinsel,
    HASHES, MERGES
);
CREATE OPERATOR <> (
    LEFTARG = rate, RIGHTARG = rate, FUNCTION = rate_ne,
    COMMUTATOR = <>, NEGATOR = =, RESTRICT = neqsel, JOIN = neqjoinsel
);
CREATE OPERATOR < (
    LEFTARG = rate, RIGHTARG = rate, FUNCTION = rate_lt,
    COMMUTATOR = >, NEGATOR = >=, RESTRICT = scalarltsel, JOIN = scalarltjoinsel
);
CREATE OPERATOR <= (
    LEFTARG = rate, RIGHTARG = rate, FUNCTION = rate_le,
    COMMUTATOR = >=, NEGATOR = >, RESTRICT = scalarlesel, JOIN = scalarlejoinsel
);
CREATE OPERATOR > (
    LEFTARG = rate, RIGHTARG = rate, FUNCTION = rate_gt,
    COMMUTATOR = <, NEGATOR = <=, RESTRICT = scalargtsel, JOIN = scalargtjoinsel
);
CREATE OPERATOR >= (
    LEFTARG = rate, RIGHTARG = rate, FUNCTION = rate_ge,
    COMMUTATOR = <=, NEGATOR = <, RESTRICT = scalargesel, JOIN = scalargejoinsel
);
COMMENT ON OPERATOR = (rate, rate) IS 'Same numerator and same denominator.';
COMMENT ON OPERATOR <> (rate, rate) IS 'Different numerator or denominator.';
COMMENT ON OPERATOR < (rate, rate) IS 'Lower value (then smaller denominator); 0/0 first.';
COMMENT ON OPERATOR <= (rate, rate) IS 'Lower value or equal.';
COMMENT ON OPERATOR > (rate, rate) IS 'Higher value (then larger denominator).';
COMMENT ON OPERATOR >= (rate, rate) IS 'Higher value or equal.';

CREATE OPERATOR CLASS rate_ops DEFAULT FOR TYPE rate USING btree AS
    OPERATOR 1 <,
    OPERATOR 2 <=,
    OPERATOR 3 =,
    OPERATOR 4 >=,
    OPERATOR 5 >,
    FUNCTION 1 rate_cmp(rate, rate);

CREATE OPERATOR CLASS rate_hash_ops DEFAULT FOR TYPE rate USING hash AS
    OPERATOR 1 =,
    FUNCTION 1 rate_hash(rate),
    FUNCTION 2 rate_hash_extended(rate, bigint);

-- Merging and aggregates ---------------------------------------------------

CREATE FUNCTION rate_add(rate, rate) RETURNS rate
    AS 'MODULE_PATHNAME', 'rate_add' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION rate_add(rate, rate) IS
    '合并 Merges two rates by adding numerators and denominators (operator +); the combine function of every rate aggregate.';

CREATE OPERATOR + (
    LEFTARG = rate, RIGHTARG = rate, FUNCTION = rate_add, COMMUTATOR = +
);
COMMENT ON OPERATOR + (rate, rate) IS '合并 Merge: numerators and denominators are added.';

CREATE FUNCTION rate_accum_boolean(rate, boolean) RETURNS rate
    AS 'MODULE_PATHNAME', 'rate_accum_boolean' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION rate_accum_boolean(rate, boolean) IS
    'Transition function of rate_agg(boolean): counts non-NULL inputs, TRUE ones in the numerator.';

CREATE FUNCTION rate_accum_counts(rate, bigint, bigint) RETURNS rate
    AS 'MODULE_PATHNAME', 'rate_accum_counts' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION rate_accum_counts(rate, bigint, bigint) IS
    'Transition function of rate_agg(bigint, bigint): adds a validated (numerator, denominator) pair; skips a row with a NULL part.';

CREATE AGGREGATE rate_agg(boolean) (
    SFUNC = rate_accum_boolean,
    STYPE = rate,
    COMBINEFUNC = rate_add,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE rate_agg(boolean) IS
    '比率聚合 The share of TRUE among non-NULL inputs, as a rate; NULL for no input.';

CREATE AGGREGATE rate_agg(numerator bigint, denominator bigint) (
    SFUNC = rate_accum_counts,
    STYPE = rate,
    COMBINEFUNC = rate_add,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE rate_agg(bigint, bigint) IS
    '比率聚合 Sums (numerator, denominator) pairs into one rate, validating each row; NULL for no input.';

CREATE AGGREGATE rate_agg(rate) (
    SFUNC = rate_add,
    STYPE = rate,
    COMBINEFUNC = rate_add,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE rate_agg(rate) IS
    '汇总 Roll-up: merges stored rates exactly (sums numerators and denominators); NULL for no input.';

-- A rate against a fixed target (目标值检验).
CREATE FUNCTION medalliance.rate_test(r medalliance.rate, target_percent double precision,
                                      alternative text DEFAULT 'two-sided',
                                      OUT estimate double precision, OUT z double precision,
                                      OUT score_p_value double precision, OUT exact_p_value double precision)
RETURNS record
    AS 'MODULE_PATHNAME', 'rate_test' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION medalliance.rate_test(medalliance.rate, double precision, text) IS
    '目标值检验 Tests a rate against a fixed target proportion (in percent): estimate in percent; the score statistic z = (x/n − p0)/√(p0(1 − p0)/n) and its normal p-value (NULL for a target of 0 or 100); the exact binomial p-value (two-sided: the probability of every outcome no more likely than the one observed, as scipy.stats.binomtest; NULL beyond 2^53 trials). alternative: two-sided, less (the rate is below the target) or greater. NULL for 0/0; a target outside 0–100 or an unknown alternative: 22023.';
