-- Worked example: the rate type.
-- Family-doctor contracts (家庭医生签约) of the key groups in three townships of
-- an invented county, stored per township and month as rates, then rolled up
-- exactly and compared with the 78% target of 琼健爱卫〔2024〕1号.
-- The figures are invented for the demonstration.
SET search_path = medalliance, medalliance_demo, public;
\echo
\echo '== rate: mergeable proportions (worked example, invented figures) =='

CREATE TEMP TABLE contracts_monthly (township text, month date, contracted rate);
INSERT INTO contracts_monthly VALUES
    ('Township A', '2024-01-01', '610/800'), ('Township A', '2024-02-01', '640/800'),
    ('Township B', '2024-01-01', '2950/3600'), ('Township B', '2024-02-01', '3010/3600'),
    ('Township C', '2024-01-01', '95/150'), ('Township C', '2024-02-01', '101/150');

\echo 'Per township, both months merged (numerators and denominators add):'
SELECT township, rate_agg(contracted) AS contracted,
       round(100 * value(rate_agg(contracted))::numeric, 2) AS percent,
       round(100 * ci_lower(rate_agg(contracted))::numeric, 2) AS wilson_lower,
       round(100 * ci_upper(rate_agg(contracted))::numeric, 2) AS wilson_upper,
       value(rate_agg(contracted)) >= 0.78 AS meets_78_percent
FROM contracts_monthly GROUP BY township ORDER BY township;

\echo 'The county: an exact merge, not the mean of the three percentages:'
SELECT rate_agg(contracted) AS county,
       round(100 * value(rate_agg(contracted))::numeric, 2) AS percent,
       round(100 * avg(value(contracted))::numeric, 2) AS naive_mean_of_percents
FROM contracts_monthly;

\echo 'Exact (Clopper-Pearson) and Jeffreys intervals for the smallest township:'
SELECT method, round(100 * ci_lower(r, 0.95, method)::numeric, 2) AS lower,
       round(100 * ci_upper(r, 0.95, method)::numeric, 2) AS upper
FROM (SELECT rate_agg(contracted) AS r FROM contracts_monthly WHERE township = 'Township C') s,
     unnest(ARRAY['wilson', 'clopper_pearson', 'jeffreys']) AS method;

\echo 'February against January, in percentage points (Newcombe interval):'
SELECT round(d.difference_pp::numeric, 2) AS change_pp,
       round(d.ci_lower_pp::numeric, 2) AS lower_pp, round(d.ci_upper_pp::numeric, 2) AS upper_pp
FROM (SELECT rate_agg(contracted) FILTER (WHERE month = '2024-02-01') AS feb,
             rate_agg(contracted) FILTER (WHERE month = '2024-01-01') AS jan
      FROM contracts_monthly) s,
     rate_diff(feb, jan) d;
