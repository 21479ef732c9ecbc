-- The demo's C (src/demo, the library medalliance_demo) against the SQL it
-- replaced.  demo_write_encounters must write the rows the generator's
-- INSERT ... SELECT computed from the same plan rows (that SQL, as it stood
-- until the C took over, is the reference below), add their fund spending up
-- as the generator's GROUP BY did, and demo_booked_referrals must book the
-- visits the generator's two joins booked.  A small hand-made plan (every
-- kind of encounter, a leap February, a county without villages and without
-- provincial hospitals), so that the file also runs under valgrind
-- (scripts/valgrind.sh).  And the writer's refusals: nothing is written.
BEGIN;
SET search_path = medalliance, public;
SELECT plan(13);

CREATE EXTENSION medalliance_demo;

-- demo_plan's columns (sql/demo/medalliance_demo.sql), by hand
CREATE TEMP TABLE w_plan (
    month date, kind text, region_id integer, cvr float8, prim float8,
    tier0 integer[], tier1 integer[], sec integer[], out_prov integer[], out_city integer[],
    person_base bigint, persons bigint, catch_ids integer[], key_base bigint, n bigint
);
INSERT INTO w_plan VALUES
    ('2024-02-01', 'outpatient', 101, 0.86, 0.55, '{11,12}', '{21,22,23}', '{31,32,33}', '{41,42}', '{51}',
     101000000000, 5000, '{61,62,63}', 1100000000, 900),
    ('2024-02-01', 'emergency', 101, 0.865, 0.22, '{11,12}', '{21,22,23}', '{31,32,33}', '{41,42}', '{51}',
     101000000000, 5000, '{61,62,63}', 1200000000, 300),
    ('2024-02-01', 'inpatient', 101, 0.80, 0.19, '{11,12}', '{21,22,23}', '{31,32,33}', '{41,42}', '{51}',
     101000000000, 5000, '{61,62,63}', 1300000000, 400),
    -- a county without village clinics, with no provincial hospital to go to, one catchment
    ('2024-02-01', 'outpatient', 102, 0.91, 0.60, '{}', '{24}', '{34,35,36}', '{}', '{52,53}',
     102000000000, 2000, '{64}', 2100000000, 500);

CREATE TABLE public.w_enc (LIKE medalliance.encounter INCLUDING DEFAULTS INCLUDING CONSTRAINTS);
CREATE TEMP TABLE w_fund AS
SELECT * FROM medalliance_demo.demo_write_encounters('public.w_enc', '2024-02-01', 12345,
                                                     ARRAY(SELECT p FROM w_plan p));

-- The generator's SQL until the C took over (month $1 = 2024-02-01, salt $2 = 12345).
CREATE TEMP TABLE w_reference AS
SELECT key AS encounter_id, d AS encounter_date, kind AS encounter_kind, inst AS institution_id, patient AS patient_id,
       region_id AS residence_region_id, CASE WHEN insured THEN region_id END AS insured_region_id,
       CASE WHEN kind = 'inpatient' THEN d - los END AS admitted_on,
       tcm AS is_tcm, surgery AS surgery_level, cost AS total_cost,
       CASE WHEN insured THEN round(cost * ratio, 2) ELSE 0 END AS fund_payment,
       catch_ids[1 + ((patient - person_base - 1) * cardinality(catch_ids) / persons)::int] AS catchment_institution_id
FROM (
    SELECT w.*,
           CASE WHEN kind = 'inpatient' AND u6 < psurg THEN
               CASE WHEN cat <= 1 THEN 1
                    WHEN cat = 2 THEN CASE WHEN u6 / psurg < 0.30 THEN 1 WHEN u6 / psurg < 0.65 THEN 2
                                           WHEN u6 / psurg < 0.90 THEN 3 ELSE 4 END
                    ELSE CASE WHEN u6 / psurg < 0.15 THEN 1 WHEN u6 / psurg < 0.40 THEN 2
                              WHEN u6 / psurg < 0.75 THEN 3 ELSE 4 END END END::smallint AS surgery,
           round((CASE kind WHEN 'inpatient' THEN (ARRAY[1200, 2400, 6800, 9800, 15600])[cat + 1]
                            WHEN 'emergency' THEN 1.6 * (ARRAY[45, 90, 230, 320, 420])[cat + 1]
                            ELSE (ARRAY[45, 90, 230, 320, 420])[cat + 1] END
                  * (0.4 + 1.2 * u8))::numeric, 2) AS cost,
           CASE kind WHEN 'inpatient' THEN (ARRAY[0.75, 0.75, 0.65, 0.55, 0.50])[cat + 1]
                     ELSE (ARRAY[0.55, 0.50, 0.35, 0.30, 0.30])[cat + 1] END AS ratio
    FROM (
        SELECT v.*,
               CASE cat
                   WHEN 4 THEN out_prov[1 + floor(u4 * cardinality(out_prov))::int]
                   WHEN 3 THEN out_city[1 + floor(u4 * cardinality(out_city))::int]
                   WHEN 0 THEN tier0[1 + floor(u4 * cardinality(tier0))::int]
                   WHEN 1 THEN tier1[1 + floor(u4 * cardinality(tier1))::int]
                   ELSE sec[CASE WHEN u4 < 0.55 THEN 1 WHEN u4 < 0.80 THEN 2 ELSE 3 END]
               END AS inst,
               u5 < CASE WHEN cat = 2 AND u4 >= 0.55 AND u4 < 0.80 THEN 0.60
                         WHEN cat = 1 THEN 0.10 WHEN cat = 0 THEN 0.05 ELSE 0.03 END AS tcm,
               (ARRAY[0.0, 0.08, 0.35, 0.42, 0.50])[cat + 1] AS psurg,
               date '2024-02-01' + floor(u7 * (extract(day FROM (date '2024-02-01' + interval '1 month' - interval '1 day')))::int)::int AS d,
               person_base + 1 + floor(u9 * persons)::bigint AS patient,
               u10 < 0.96 AS insured,
               (1 + ((h5 >> 40) & 7) + ((h5 >> 44) & 3))::int AS los
        FROM (
            SELECT x.*,
                   CASE WHEN u1 >= cvr THEN CASE WHEN u2 < 0.65 AND cardinality(out_prov) > 0 THEN 4 ELSE 3 END
                        WHEN u2 < prim THEN CASE WHEN kind <> 'inpatient' AND u3 < 0.35
                                                      AND cardinality(tier0) > 0 THEN 0 ELSE 1 END
                        ELSE 2 END AS cat
            FROM (
                SELECT p.kind, p.region_id, p.cvr, p.prim, p.tier0, p.tier1, p.sec, p.out_prov, p.out_city,
                       p.person_base, p.persons, p.catch_ids, k.key,
                       (h1 & 2147483647)::float8 / 2147483648 AS u1,
                       ((h1 >> 32) & 2147483647)::float8 / 2147483648 AS u2,
                       (h2 & 2147483647)::float8 / 2147483648 AS u3,
                       ((h2 >> 32) & 2147483647)::float8 / 2147483648 AS u4,
                       (h3 & 2147483647)::float8 / 2147483648 AS u5,
                       ((h3 >> 32) & 2147483647)::float8 / 2147483648 AS u6,
                       (h4 & 2147483647)::float8 / 2147483648 AS u7,
                       ((h4 >> 32) & 2147483647)::float8 / 2147483648 AS u8,
                       (h5 & 2147483647)::float8 / 2147483648 AS u9,
                       ((h5 >> 20) & 1048575)::float8 / 1048576 AS u10,
                       h5
                FROM w_plan p
                CROSS JOIN LATERAL generate_series(1, p.n) i
                CROSS JOIN LATERAL (SELECT p.key_base + i AS key) k
                CROSS JOIN LATERAL (SELECT hashint8extended(k.key, 12345 + 2) AS h1,
                                           hashint8extended(k.key, 12345 + 3) AS h2,
                                           hashint8extended(k.key, 12345 + 4) AS h3,
                                           hashint8extended(k.key, 12345 + 5) AS h4,
                                           hashint8extended(k.key, 12345 + 6) AS h5) h
                WHERE p.month = date '2024-02-01'
            ) x
        ) v
    ) w
) z;

SELECT is((SELECT count(*) FROM public.w_enc), 2100::bigint, 'demo_write_encounters writes one row per planned encounter');
SELECT bag_eq(
    $$SELECT encounter_id, encounter_date, encounter_kind, institution_id, patient_id, residence_region_id,
             insured_region_id, admitted_on, is_tcm, surgery_level, total_cost, fund_payment, catchment_institution_id
      FROM public.w_enc$$,
    $$SELECT * FROM w_reference$$,
    'demo_write_encounters: every column of every row as the generator''s SQL computed it');
SELECT ok((SELECT count(DISTINCT encounter_kind) = 3 AND count(DISTINCT institution_id) >= 12
                  AND bool_or(surgery_level IS NOT NULL) AND bool_or(is_tcm) AND bool_or(insured_region_id IS NULL)
           FROM w_reference),
          'and the plan reaches every kind, many institutions, surgeries, TCM and uninsured visits');
SELECT set_eq(
    $$SELECT institution_id, insured_region_id, fund_kind, encounter_kind, settlements, total_cost, fund_payment
      FROM w_fund$$,
    $$SELECT institution_id, insured_region_id,
             CASE WHEN (hashint8extended(encounter_id, 12345 + 7) & 3) = 0 THEN 'employee' ELSE 'resident' END,
             encounter_kind, count(*), sum(total_cost) AS total_cost, sum(fund_payment) AS fund_payment
      FROM w_reference WHERE insured_region_id IS NOT NULL
      GROUP BY 1, 2, 3, 4$$,
    'demo_write_encounters returns the month''s fund spending as the generator''s GROUP BY added it up');

-- Booked referrals: per hospital (and patient's county, or any), the id base, the hash salt offset,
-- the share booked and the centres that book.
CREATE TEMP TABLE w_booking (institution_id integer, residence_region_id integer, id_base bigint,
                             salt_offset integer, share float8, from_ids integer[]);
INSERT INTO w_booking VALUES (31, NULL, 2000000000000000, 30, 0.45, '{21,22,23}'),
                             (41, 101, 1000000000000000, 29, 0.35, '{21,22}'),
                             (51, 999, 1000000000000000, 29, 0.90, '{21}');
SELECT bag_eq(
    $$SELECT * FROM medalliance_demo.demo_booked_referrals('public.w_enc', '2024-02-01', 12345,
                                                            ARRAY(SELECT b FROM w_booking b))$$,
    $$SELECT b.id_base + e.encounter_id AS referral_id,
             greatest(date '2024-02-01', e.encounter_date - ((h >> 40) & 7)::int) AS referral_date,
             b.from_ids[1 + floor(((h >> 44) & 1048575)::float8 / 1048576 * cardinality(b.from_ids))::int]
                 AS from_institution_id,
             e.institution_id, e.patient_id, e.residence_region_id, ((h >> 32) & 255) < 154 AS reserved_slot
      FROM public.w_enc e
      JOIN w_booking b ON b.institution_id = e.institution_id
                      AND (b.residence_region_id IS NULL OR b.residence_region_id = e.residence_region_id)
      CROSS JOIN LATERAL (SELECT hashint8extended(e.encounter_id, 12345 + b.salt_offset) AS h) hh
      WHERE e.encounter_kind = 'outpatient' AND (h & 2147483647)::float8 / 2147483648 < b.share$$,
    'demo_booked_referrals books the visits the generator''s joins booked, with the same ids, dates and centres');
SELECT ok((SELECT count(*) FILTER (WHERE to_institution_id = 31) > 0 AND count(*) FILTER (WHERE to_institution_id = 41) > 0
                  AND count(*) FILTER (WHERE to_institution_id = 51) = 0
           FROM medalliance_demo.demo_booked_referrals('public.w_enc', '2024-02-01', 12345,
                                                       ARRAY(SELECT b FROM w_booking b))),
          'both hospitals book some visits, and none for patients of another county');

-- Refusals, each leaving its target empty.
CREATE TABLE public.w_indexed (LIKE medalliance.encounter INCLUDING DEFAULTS INCLUDING CONSTRAINTS);
CREATE INDEX ON public.w_indexed (institution_id);
SELECT throws_ok($$SELECT * FROM medalliance_demo.demo_write_encounters('public.w_indexed', '2024-02-01', 12345,
                                                                        ARRAY(SELECT p FROM w_plan p))$$,
                 '0A000', NULL, 'a target with an index is refused (the writer does not maintain indexes)');
SELECT throws_ok($$SELECT * FROM medalliance_demo.demo_write_encounters('medalliance.encounter', '2024-02-01', 12345,
                                                                        ARRAY(SELECT p FROM w_plan p))$$,
                 '42809', NULL, 'a partitioned table is refused');
CREATE TABLE public.w_checked (LIKE medalliance.encounter INCLUDING DEFAULTS INCLUDING CONSTRAINTS,
                               CHECK (institution_id < 50));
SELECT throws_ok($$SELECT * FROM medalliance_demo.demo_write_encounters('public.w_checked', '2024-02-01', 12345,
                                                                        ARRAY(SELECT p FROM w_plan p))$$,
                 '23514', NULL, 'a row against the target''s CHECK constraint is refused (ExecConstraints, as COPY)');
SELECT throws_ok($$SELECT * FROM medalliance_demo.demo_write_encounters('public.w_checked', '2024-02-01', 12345,
                                                                        ARRAY(SELECT (p.month, p.kind) FROM w_plan p))$$,
                 '42703', NULL, 'a plan without demo_plan''s columns is refused');
SELECT throws_ok($$SELECT * FROM medalliance_demo.demo_write_encounters(
                       'public.w_checked', '2024-02-01', 12345,
                       ARRAY(SELECT p FROM (SELECT month, kind, region_id::bigint AS region_id, cvr, prim, tier0, tier1,
                                                   sec, out_prov, out_city, person_base, persons, catch_ids, key_base, n
                                            FROM w_plan) p))$$,
                 '42804', NULL, 'a plan column of another type is refused');
SELECT is((SELECT count(*) FROM public.w_indexed) + (SELECT count(*) FROM public.w_checked), 0::bigint,
          'nothing was written by the refused calls');
SELECT is_empty($$SELECT * FROM medalliance_demo.demo_write_encounters('public.w_checked', '2024-02-01', 12345,
                                                                       NULL::w_plan[])$$,
                'a NULL plan writes nothing (STRICT)');

SELECT * FROM finish();
ROLLBACK;
