-- Composite evaluation methods (综合评价方法) as window functions over a
-- partition of units (domain/indicators.md, section E).  Each row is one unit:
--   vals     float8[]  one value per indicator (NULL array, or a NULL element:
--                      the unit is left out and gets NULL — listwise deletion);
--   kinds    text[]    one kind per indicator: higher_better (极大型),
--                      lower_better (极小型), target_value=A (中间型: best at A),
--                      target_band=A..B (区间型: best anywhere in [A, B]);
--   weights  float8[]  a priori weights, scaled to sum 1 (NULL: equal weights).
-- Kinds, weights and grades must be the same on every row of a partition.
-- The window frame is ignored: like rank(), each function sees the whole
-- partition.  Every value must be finite (NaN and ±Infinity are refused).
-- Forward transform (正向化): lower_better x' = max − x; band: distance d from
-- the band, x' = 1 − d / max d (1 for all when every unit is in the band).

CREATE FUNCTION medalliance.entropy_weights(vals double precision[], kinds text[])
RETURNS double precision[]
    AS 'MODULE_PATHNAME', 'composite_entropy_weights_window'
    LANGUAGE C WINDOW IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION medalliance.entropy_weights(double precision[], text[]) IS
    '熵权法权重 entropy weights of the partition (the same array on every row): min–max normalisation of the forward-transformed values, p = y/Σy, e = −Σ p ln p / ln n, w = (1 − e)/Σ(1 − e). An indicator without variance gets weight 0; when no indicator varies (also for a single unit) every indicator gets 1/m.';

CREATE FUNCTION medalliance.entropy_score(vals double precision[], kinds text[])
RETURNS double precision
    AS 'MODULE_PATHNAME', 'composite_entropy_score_window'
    LANGUAGE C WINDOW IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION medalliance.entropy_score(double precision[], text[]) IS
    '熵权综合得分 entropy-weighted score 0–100: 100·Σ w_j y_ij with the entropy weights and the min–max normalised values (0 for an indicator without variance).';

CREATE FUNCTION medalliance.topsis_closeness(vals double precision[], kinds text[],
                                             weights double precision[] DEFAULT NULL)
RETURNS double precision
    AS 'MODULE_PATHNAME', 'composite_topsis_window'
    LANGUAGE C WINDOW IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION medalliance.topsis_closeness(double precision[], text[], double precision[]) IS
    'TOPSIS 相对接近度 closeness C = D⁻/(D⁺ + D⁻) in [0, 1], 1 best: vector normalisation z = x''/√Σx''², weighted matrix v = w·z (weights on the matrix, so squared in the distances), ideal points max/min of v per indicator, Euclidean distances. A column of zeros adds nothing; when D⁺ + D⁻ = 0 (a single unit, all units identical) C = 0.5. Rank with rank() OVER (ORDER BY closeness DESC): ties share the lower rank.';

CREATE FUNCTION medalliance.rsr(vals double precision[], kinds text[],
                                weights double precision[] DEFAULT NULL)
RETURNS double precision
    AS 'MODULE_PATHNAME', 'composite_rsr_window'
    LANGUAGE C WINDOW IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION medalliance.rsr(double precision[], text[], double precision[]) IS
    '加权秩和比 weighted rank-sum ratio WRSR = (1/n)·Σ w_j R_ij in [1/n, 1], 1 best: R is the rank of the forward-transformed value in its indicator, 1 for the worst, ties get the average rank (整次秩和比). A single unit gets 1; an indicator without variance gives every unit (n + 1)/2.';

CREATE FUNCTION medalliance.rsr_probit(vals double precision[], kinds text[],
                                       weights double precision[] DEFAULT NULL)
RETURNS double precision
    AS 'MODULE_PATHNAME', 'composite_rsr_probit_window'
    LANGUAGE C WINDOW IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION medalliance.rsr_probit(double precision[], text[], double precision[]) IS
    '概率单位 probit of the unit''s WRSR: distinct WRSR values (closer than 1e-12 count as one) sorted ascending, average rank R̄ = cf − (f − 1)/2, p = R̄/n (1 − 1/(4n) for the highest), probit = 5 + Φ⁻¹(p).';

CREATE FUNCTION medalliance.rsr_grade(vals double precision[], kinds text[],
                                      weights double precision[] DEFAULT NULL,
                                      grades integer DEFAULT 3)
RETURNS integer
    AS 'MODULE_PATHNAME', 'composite_rsr_grade_window'
    LANGUAGE C WINDOW IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION medalliance.rsr_grade(double precision[], text[], double precision[], integer) IS
    'RSR 分档 grade 1 (worst) .. grades (best; 3, 4 or 5 grades): the least-squares line WRSR = a + b·probit through the distinct WRSR values, the conventional probit cut points (3: 4, 6; 4: 3.72, 5, 6.28; 5: 3.52, 4.48, 5.52, 6.48; textbook convention, not from a source document) turned into WRSR cut points, grade = 1 + cut points at or below the unit''s WRSR (within 1e-12, the tie tolerance). NULL when fewer than 3 units or fewer than 2 distinct WRSR values (the regression is not defined).';
