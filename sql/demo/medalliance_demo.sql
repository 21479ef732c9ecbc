/*
 * medalliance_demo — the synthetic province of medalliance's demo, tests and
 * benchmarks.  A companion extension (requires medalliance), kept out of the
 * product so that production databases get no demo tables, functions, grants
 * or pg_dump registrations.  Installed into its own schema medalliance_demo:
 *
 *     CREATE EXTENSION medalliance_demo;
 *     SELECT * FROM medalliance_demo.generate_demo_province(0.01, 1);
 *
 * The install script sql/medalliance_demo--<version>.sql is copied from this
 * file by the Makefile.  Edit this, not that.
 */

\echo Use "CREATE EXTENSION medalliance_demo" to load this file. \quit

COMMENT ON SCHEMA medalliance_demo IS
    '合成省份 medalliance_demo: the SYNTHETIC Hainan-like province that medalliance''s demo, tests and benchmarks load (invented names throughout).';
GRANT USAGE ON SCHEMA medalliance_demo TO medalliance_analyst;

-- A synthetic province (合成省份): generate_demo_province(scale, seed) fills the
-- warehouse with a deterministic, Hainan-like province so that every score can
-- be computed end to end, demonstrated, tested and benchmarked.
--
-- ALL DATA IT WRITES IS SYNTHETIC.  Every place, alliance and institution has an
-- invented name ("Haidao Province (synthetic)", "Lanshan County", ...); a
-- ranking drawn from it ranks nothing real.
--
-- Real figures that shape it (sources; the rest are labelled assumptions):
--   * Residents: Hainan had 10,081,232 residents at the 2020 census (海南省第七次
--     全国人口普查公报, 2021).  The province here has 10.13 million at scale 1, in
--     18 county-level units: three districts of a capital city (2.9 million,
--     like Haikou's 2.87 million), two of a second city (1.0 million, like Sanya's
--     1.03 million) and 13 province-administered counties of 0.16–1.0 million
--     (Hainan's 15 province-administered units range from about 0.17 million
--     to about 0.95 million at the 2020 census).
--   * Alliances: one county medical community per county under 300,000
--     residents, one or two above (琼府办〔2021〕73号); here the four largest
--     units have two, so 22 county medical communities (DESIGN.md: ~20).
--   * Institutions: ~200 township health centres, ~80 community health centres
--     and ~2,700 village clinics, the order of Hainan's (DESIGN.md "Scale";
--     exact counts are an assumption).
--   * Volume: ~60 million encounters a year at scale 1 (DESIGN.md "Scale"):
--     5.4 outpatient and 0.35 emergency visits and 0.13 discharges per resident
--     and year — an assumption close to China's national 6 visits per capita
--     (China Health Statistics Yearbook).
--   * Shares of care by level: primary-care share of visits 48–62% (national
--     about 50%, China Health Statistics Yearbook 2022; assumption for a
--     Hainan-like province); county visit rate 84–93% around the 90% target of
--     the seeds.
--   * Key groups: elderly 65+ 10.4% (Hainan 2020 census: 10.43%); children 0–6
--     9%, pregnant women 1%, chronic-disease patients 10%, disabled 5%, poor
--     households 6% — assumptions.  In the synthetic province a resident
--     belongs to at most one key group.
--   * Costs and fund shares per encounter: assumptions.
--
-- The deliberate heterogeneity (which alliances meet which target, which are
-- weak in which six-unification dimension, members' quality and satisfaction)
-- is written to demo_alliance_profile and demo_institution_profile, so that
-- tests of later scores can assert that the alliances made weak come out low.

CREATE TABLE medalliance_demo.demo_alliance_profile (
    alliance_id                 integer
        CONSTRAINT demo_alliance_profile_pkey PRIMARY KEY
        CONSTRAINT demo_alliance_profile_alliance_fkey REFERENCES medalliance.alliance (alliance_id),
    profile_no                  integer NOT NULL,
    weak_unification_dimension  text
        CONSTRAINT demo_alliance_profile_dimension_check
        CHECK (weak_unification_dimension IN ('administration', 'personnel', 'finance', 'quality',
                                              'drugs_devices', 'information')),
    county_visit_rate           numeric NOT NULL,
    meets_county_visit_target   boolean NOT NULL,
    primary_share_2023          numeric NOT NULL,
    primary_share_2024          numeric NOT NULL,
    contract_rate_all           numeric NOT NULL,
    contract_rate_key           numeric NOT NULL,
    meets_contract_targets      boolean NOT NULL,
    standardised_rate           numeric NOT NULL,
    downward_referral_growth    numeric NOT NULL,
    booked_referral_share       numeric NOT NULL,
    staff_covers_every_township boolean NOT NULL,
    shared_centre_full_coverage boolean NOT NULL,
    unified_platform_share      numeric NOT NULL,
    quality_level               text NOT NULL
        CONSTRAINT demo_alliance_profile_quality_check CHECK (quality_level IN ('high', 'medium', 'low')),
    quality_even                boolean NOT NULL,
    satisfaction_level          text NOT NULL
        CONSTRAINT demo_alliance_profile_satisfaction_check CHECK (satisfaction_level IN ('high', 'medium', 'low')),
    hospital_booked_referral_share numeric NOT NULL
        CONSTRAINT demo_alliance_profile_hospital_booked_check CHECK (hospital_booked_referral_share BETWEEN 0 AND 1),
    all_six_shared_centres      boolean NOT NULL
);
COMMENT ON TABLE medalliance_demo.demo_alliance_profile IS
    '合成省份医联体设定 synthetic province, alliance profile: the heterogeneity generate_demo_province built into each county medical community on purpose (SYNTHETIC data). Rates are the generator''s planned probabilities; observed values differ by sampling noise.';
COMMENT ON COLUMN medalliance_demo.demo_alliance_profile.alliance_id IS '医联体 the county medical community.';
COMMENT ON COLUMN medalliance_demo.demo_alliance_profile.profile_no IS '设定序号 k = 1..22 in alliance_id order; the assignments below are functions of k (see README).';
COMMENT ON COLUMN medalliance_demo.demo_alliance_profile.weak_unification_dimension IS
    '薄弱维度 the six-unification dimension made weak (evidence missing for half of its items, the rest absent or partial); NULL when none.';
COMMENT ON COLUMN medalliance_demo.demo_alliance_profile.county_visit_rate IS '县域就诊率 planned share of the outpatient and emergency visits of the residents of the alliance''s service area (its members'' catchments) made in their county; the two alliances of a county plan different rates, on either side of 90%.';
COMMENT ON COLUMN medalliance_demo.demo_alliance_profile.meets_county_visit_target IS '县域就诊率达标 planned county visit rate >= 90%.';
COMMENT ON COLUMN medalliance_demo.demo_alliance_profile.primary_share_2023 IS '基层诊疗占比(基线) planned primary-care share of in-county outpatient visits in 2023.';
COMMENT ON COLUMN medalliance_demo.demo_alliance_profile.primary_share_2024 IS '基层诊疗占比 planned primary-care share of in-county outpatient visits in 2024 (improvers gain 5 points).';
COMMENT ON COLUMN medalliance_demo.demo_alliance_profile.contract_rate_all IS '全人群签约率 planned contract rate of all residents of the alliance''s service area (its members'' catchments).';
COMMENT ON COLUMN medalliance_demo.demo_alliance_profile.contract_rate_key IS '重点人群签约率 planned contract rate of the key groups of the alliance''s service area.';
COMMENT ON COLUMN medalliance_demo.demo_alliance_profile.meets_contract_targets IS '签约率达标 planned rates meet 45% (all) and 78% (key groups) of 琼健爱卫〔2024〕1号.';
COMMENT ON COLUMN medalliance_demo.demo_alliance_profile.standardised_rate IS '规范管理率 planned share of the chronic-care patients of the alliance''s service area managed to standard (6 points higher for the second alliance of a county, on the same side of 0.78).';
COMMENT ON COLUMN medalliance_demo.demo_alliance_profile.downward_referral_growth IS '下转增长 planned growth of downward referrals from 2023 to 2024 (0.15 = +15%).';
COMMENT ON COLUMN medalliance_demo.demo_alliance_profile.booked_referral_share IS '预约转诊占比 planned share of referrals booked by appointment.';
COMMENT ON COLUMN medalliance_demo.demo_alliance_profile.staff_covers_every_township IS '下沉全覆盖 every township / community health centre receives stationed staff each year.';
COMMENT ON COLUMN medalliance_demo.demo_alliance_profile.shared_centre_full_coverage IS '共享中心全覆盖 every primary member uses the shared centres (otherwise about half do).';
COMMENT ON COLUMN medalliance_demo.demo_alliance_profile.unified_platform_share IS '统一平台采购占比 planned share of order lines through the unified platform.';
COMMENT ON COLUMN medalliance_demo.demo_alliance_profile.quality_level IS '质量水平 high, medium or low QC deductions and quality measures.';
COMMENT ON COLUMN medalliance_demo.demo_alliance_profile.quality_even IS '同质化 true when members'' quality is even, false when spread wide.';
COMMENT ON COLUMN medalliance_demo.demo_alliance_profile.satisfaction_level IS '满意度水平 high, medium or low mean answers.';
COMMENT ON COLUMN medalliance_demo.demo_alliance_profile.all_six_shared_centres IS '六大中心 the alliance runs all six shared centres of 琼府办〔2021〕73号 in its county (its lead also reads sterile-supply and telemedicine services), so that its county meets the six-centre target; otherwise four (lab, imaging, ECG, pathology), telemedicine going to the provincial hospital.';
COMMENT ON COLUMN medalliance_demo.demo_alliance_profile.hospital_booked_referral_share IS '县级医院预约转诊占比 planned share (a fraction 0–1) of the outpatient visits at the alliance''s county-level hospitals that its township and community centres booked by referral (预约转诊): 30–50%, invented figures at and above the 30% the project proposes.';

CREATE TABLE medalliance_demo.demo_institution_profile (
    institution_id    integer
        CONSTRAINT demo_institution_profile_pkey PRIMARY KEY
        CONSTRAINT demo_institution_profile_institution_fkey REFERENCES medalliance.institution (institution_id),
    quality_deficit   numeric NOT NULL,
    satisfaction_mean numeric NOT NULL,
    reporting_gap     text,
    booked_referral_share numeric
        CONSTRAINT demo_institution_profile_booked_check CHECK (booked_referral_share BETWEEN 0 AND 1)
);
COMMENT ON TABLE medalliance_demo.demo_institution_profile IS
    '合成省份机构设定 synthetic province, institution profile: each institution''s planned quality deficit and mean satisfaction, and the reporting gaps built in on purpose (SYNTHETIC data).';
COMMENT ON COLUMN medalliance_demo.demo_institution_profile.institution_id IS '机构 the institution.';
COMMENT ON COLUMN medalliance_demo.demo_institution_profile.quality_deficit IS '质量缺陷 planned share of QC points deducted and of quality failures (0 perfect).';
COMMENT ON COLUMN medalliance_demo.demo_institution_profile.satisfaction_mean IS '满意度均值 planned mean answer on the 1–5 scale before rounding.';
COMMENT ON COLUMN medalliance_demo.demo_institution_profile.booked_referral_share IS '预约转诊占门诊比例 for the city and provincial hospitals, the planned share (a fraction 0–1) of their outpatient visits that come by booked referral (预约转诊), spread around the 30% target of 舟山 2018 (invented figures); NULL for other institutions.';
COMMENT ON COLUMN medalliance_demo.demo_institution_profile.reporting_gap IS '上报缺失 the months built without encounter data on purpose, or the opening / closing that limits its months; NULL when none.';

SELECT pg_catalog.pg_extension_config_dump('medalliance_demo.demo_alliance_profile', '');
SELECT pg_catalog.pg_extension_config_dump('medalliance_demo.demo_institution_profile', '');
GRANT SELECT ON medalliance_demo.demo_alliance_profile, medalliance_demo.demo_institution_profile TO medalliance_analyst;
GRANT INSERT, UPDATE, DELETE, TRUNCATE
    ON medalliance_demo.demo_alliance_profile, medalliance_demo.demo_institution_profile TO medalliance_admin;

-- The schema of a table the generator fills: the profiles are the demo's own.
CREATE FUNCTION medalliance_demo.demo_table_schema(table_name text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$ SELECT CASE WHEN table_name LIKE 'demo\_%' THEN 'medalliance_demo' ELSE 'medalliance' END $$;
COMMENT ON FUNCTION medalliance_demo.demo_table_schema(text) IS
    '表所在模式 The schema of a table the generator fills: medalliance_demo for its profiles, medalliance for the warehouse.';

-- The bulk path of the fact tables (批量装载).  The generator fills an empty
-- warehouse, so a fact table's foreign keys, keys and secondary indexes can
-- be dropped before it is filled and made again once it is full: each
-- foreign key is then checked by one join and each key and index built by
-- one sort, instead of a lookup and an index insertion per row.  At scale
-- 0.04 the inserts of referrals, contracts, procurement and fund spending
-- took 37 s of the 94 s, mostly in foreign-key checks (three per referral);
-- at scale 0.1 the primary and unique keys of the booked referrals and the
-- contracts (2.1 and 1 million rows, their ids in no order) took most of
-- what was left of those inserts.  A duplicate key is then found when the
-- key is made again, at the end, and stops the generator as it would have
-- row by row.
-- demo_defer_checks(tables) drops them and returns the statements that make
-- them again (keys first, then indexes, then foreign keys), for
-- demo_restore_checks; a key that a foreign key references, and the check
-- constraints, stay.  Only the owner of a table may alter
-- it: for any other caller it drops nothing and returns an empty list, and
-- the checks run per row as before.  Both run inside the generator's one
-- transaction, so a failure leaves every table as it was.
CREATE FUNCTION medalliance_demo.demo_defer_checks(tables regclass[]) RETURNS text[]
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    remake text[];
    keys   oid[];
    d      record;
BEGIN
    IF NOT (SELECT bool_and(pg_has_role(c.relowner, 'USAGE')) FROM pg_class c WHERE c.oid = ANY (tables)) THEN
        RETURN '{}';
    END IF;
    -- the keys (primary and unique) that no foreign key references
    SELECT coalesce(array_agg(k.oid), '{}') INTO keys
    FROM pg_constraint k
    WHERE k.conrelid = ANY (tables) AND k.contype IN ('p', 'u')
      AND NOT EXISTS (SELECT FROM pg_constraint f WHERE f.contype = 'f' AND f.conindid = k.conindid);
    SELECT coalesce(array_agg(x.stmt ORDER BY x.ord, x.stmt), '{}') INTO remake
    FROM (SELECT 0 AS ord, format('ALTER TABLE %s ADD CONSTRAINT %I %s', k.conrelid::regclass, k.conname,
                                  pg_get_constraintdef(k.oid)) AS stmt
          FROM pg_constraint k
          WHERE k.oid = ANY (keys)
          UNION ALL
          SELECT 1, pg_get_indexdef(i.indexrelid)
          FROM pg_index i
          WHERE i.indrelid = ANY (tables)
            AND NOT EXISTS (SELECT FROM pg_constraint k WHERE k.conindid = i.indexrelid)
          UNION ALL
          SELECT 2, format('ALTER TABLE %s ADD CONSTRAINT %I %s', k.conrelid::regclass, k.conname,
                           pg_get_constraintdef(k.oid))
          FROM pg_constraint k
          WHERE k.conrelid = ANY (tables) AND k.contype = 'f') x;
    FOR d IN SELECT format('ALTER TABLE %s DROP CONSTRAINT %I', k.conrelid::regclass, k.conname) AS stmt
             FROM pg_constraint k WHERE k.conrelid = ANY (tables) AND k.contype = 'f'
             UNION ALL
             SELECT format('DROP INDEX %s', i.indexrelid::regclass)
             FROM pg_index i
             WHERE i.indrelid = ANY (tables)
               AND NOT EXISTS (SELECT FROM pg_constraint k WHERE k.conindid = i.indexrelid)
             UNION ALL
             SELECT format('ALTER TABLE %s DROP CONSTRAINT %I', k.conrelid::regclass, k.conname)
             FROM pg_constraint k WHERE k.oid = ANY (keys)
    LOOP
        EXECUTE d.stmt;
    END LOOP;
    RETURN remake;
END
$$;
COMMENT ON FUNCTION medalliance_demo.demo_defer_checks(regclass[]) IS
    '推迟约束检查 For the generator''s bulk path: drops the foreign keys, the primary and unique keys no foreign key references, and the secondary indexes of the tables (when the caller owns them all; otherwise nothing) and returns the statements that make them again, keys first, for demo_restore_checks.';

CREATE FUNCTION medalliance_demo.demo_restore_checks(remake text[]) RETURNS void
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    stmt text;
BEGIN
    FOREACH stmt IN ARRAY coalesce(remake, '{}') LOOP
        IF stmt !~ '^(CREATE INDEX |ALTER TABLE [^ ]+ ADD CONSTRAINT )' THEN
            RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
                MESSAGE = 'demo_restore_checks runs only the statements demo_defer_checks returned',
                DETAIL = format('Refused: %s', left(stmt, 200));
        END IF;
        EXECUTE stmt;
    END LOOP;
END
$$;
COMMENT ON FUNCTION medalliance_demo.demo_restore_checks(text[]) IS
    '恢复约束检查 Runs the statements demo_defer_checks returned: adds the keys, builds the indexes, then adds the foreign keys, each checked by one join (22023 for any other statement).';

-- The encounters of a month (诊疗记录), written in C (src/demo/encounter_writer.c,
-- the library medalliance_demo): the rows the SQL generator once computed
-- with an INSERT … SELECT per month — five hashes and some forty expressions
-- a row, about half of its time at scale 0.1 — computed the same way, bit for
-- bit, and written in batches as COPY writes them, each row checked against
-- the table's NOT NULL and CHECK constraints.  Its result is the month's fund
-- spending, added up from the same rows as they are written, which the
-- generator used to read back from the month's table by a GROUP BY.
CREATE FUNCTION medalliance_demo.demo_write_encounters(target regclass, month date, salt bigint, plan anyarray)
RETURNS TABLE (institution_id integer, insured_region_id integer, fund_kind text, encounter_kind text,
               settlements bigint, total_cost numeric, fund_payment numeric)
LANGUAGE c VOLATILE STRICT PARALLEL UNSAFE
AS 'MODULE_PATHNAME', 'demo_write_encounters';
COMMENT ON FUNCTION medalliance_demo.demo_write_encounters(regclass, date, bigint, anyarray) IS
    '写入诊疗记录 For generate_demo_province: writes the encounters of one month (month: its first day; plan: the rows of demo_plan for it; salt: the seed''s) into target, a new plain table LIKE medalliance.encounter without indexes or triggers (INSERT privilege needed), and returns their fund spending (医保基金支出) per institution, insured region, fund and kind, as medalliance.fund_spending holds it.';

-- The month writers (src/demo/month_writers.c): background workers that
-- write the months' encounters while the generator writes the other facts.
CREATE FUNCTION medalliance_demo.demo_start_month_writers(months date[], tables text[], salt bigint, plan anyarray,
                                                          workers integer)
RETURNS integer
LANGUAGE c VOLATILE STRICT PARALLEL UNSAFE
AS 'MODULE_PATHNAME', 'demo_start_month_writers';
COMMENT ON FUNCTION medalliance_demo.demo_start_month_writers(date[], text[], bigint, anyarray, integer) IS
    '启动月份写入进程 For generate_demo_province: starts up to workers (0–8) background workers that write the encounters of the months (first days) from the plan rows (demo_plan''s, with their month), each month into a new table medalliance_demo.<tables[i]>, indexed, committed by the worker; returns how many started (0 where none may: the current user must be the session user). demo_take_month takes the months; the end of the transaction stops the workers.';

CREATE FUNCTION medalliance_demo.demo_take_month(month date)
RETURNS TABLE (institution_id integer, insured_region_id integer, fund_kind text, encounter_kind text,
               settlements bigint, total_cost numeric, fund_payment numeric)
LANGUAGE c VOLATILE STRICT PARALLEL UNSAFE
AS 'MODULE_PATHNAME', 'demo_take_month';
COMMENT ON FUNCTION medalliance_demo.demo_take_month(date) IS
    '取回月份 For generate_demo_province: waits until the month writers have written the month (raising a writer''s error with its SQLSTATE) and returns its fund spending (医保基金支出), as demo_write_encounters does.';

-- The booked referrals of a month (预约转诊), read off its encounters in C
-- (src/demo/booked_referrals.c): one scan of the month instead of two joins
-- of it with the dimensions.  The generator computes the bookings (which
-- hospital, which patients' region, what share, from which centres).
CREATE FUNCTION medalliance_demo.demo_booked_referrals(source regclass, month date, salt bigint, bookings anyarray)
RETURNS TABLE (referral_id bigint, referral_date date, from_institution_id integer, to_institution_id integer,
               patient_id bigint, residence_region_id integer, reserved_slot boolean)
LANGUAGE c STABLE STRICT PARALLEL UNSAFE
AS 'MODULE_PATHNAME', 'demo_booked_referrals';
COMMENT ON FUNCTION medalliance_demo.demo_booked_referrals(regclass, date, bigint, anyarray) IS
    '预约转诊 For generate_demo_province: the referrals booked for the outpatient visits of source (a table of encounters; SELECT privilege needed) in the month starting on month. bookings: rows (institution_id, residence_region_id or NULL for any, id_base, salt_offset, share, from_ids); a visit is booked when hashint8extended(encounter_id, salt + salt_offset) falls under the share.';

CREATE FUNCTION medalliance_demo.generate_demo_province(scale double precision DEFAULT 0.01, seed integer DEFAULT 1)
RETURNS TABLE (table_name text, row_count bigint)
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, medalliance, medalliance_demo, pg_temp
SET client_min_messages = warning
SET jit = off
AS $function$
#variable_conflict error
DECLARE
    v_salt   bigint;
    v_month  date;
    -- the generated months, 2023 (baseline) and 2024, by their first days
    v_months date[] := ARRAY(SELECT g::date FROM generate_series(date '2023-01-01', date '2024-12-01', interval '1 month') g);
    v_part   text;
    v_table  text;
    v_rows   bigint;
    v_filled boolean;
    v_remake text[];
    v_remake_late text[];
    v_month_writers integer;
    v_writers integer := 0;
    -- whether this transaction had written nothing before the generator
    -- (the month writers see only what is committed: see below)
    v_fresh  boolean := pg_current_xact_id_if_assigned() IS NULL;
BEGIN
    IF scale IS NULL OR seed IS NULL THEN
        RAISE EXCEPTION 'scale and seed must not be NULL'
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Call generate_demo_province(0.01, 1) for a small province.';
    END IF;
    -- Below 0.001 (about 10,000 residents) the smallest counties have no one
    -- left to be a patient: the province would be empty, not small.
    IF scale = 'NaN'::float8 OR scale < 0.001 OR scale > 5 THEN
        RAISE EXCEPTION 'invalid scale %', scale
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Give a scale from 0.001 to 5: 1 is a province of 10 million residents and about 60 million encounters a year.';
    END IF;
    -- The size it would write, checked before anything is written.  The
    -- server cannot see the free disk space from SQL, so the estimate is held
    -- against a ceiling the caller can raise where the disk has room:
    -- medalliance_demo.max_size (a size as pg_size_bytes reads it, default
    -- 25GB).  Estimate: about 119 million encounters per unit of scale over
    -- the two years, 164 bytes each with their indexes (108 MB of tables and
    -- 56 MB of indexes per million, bench/generate_province.sh), plus 30% for
    -- the other facts (the booked referrals alone take about 18% of the
    -- encounters' bytes: 33 MB against 184 MB at scale 0.01): 25.4e9 bytes
    -- (24 GB) per unit of scale.
    DECLARE
        v_estimate bigint := ceil(scale * 119e6 * 164 * 1.3)::bigint;
        v_setting  text := coalesce(nullif(current_setting('medalliance_demo.max_size', true), ''), '25GB');
        v_max      bigint;
    BEGIN
        BEGIN
            v_max := pg_size_bytes(v_setting);
        EXCEPTION WHEN invalid_parameter_value THEN
            RAISE EXCEPTION 'invalid medalliance_demo.max_size "%"', v_setting
                USING ERRCODE = 'invalid_parameter_value',
                      HINT = 'Write a size such as 25GB or 500MB.';
        END;
        IF v_estimate > v_max THEN
            RAISE EXCEPTION 'scale % would write about %, more than medalliance_demo.max_size (%)',
                            scale, pg_size_pretty(v_estimate), pg_size_pretty(v_max)
                USING ERRCODE = 'invalid_parameter_value',
                      DETAIL = 'The estimate is about 24 GB of tables and indexes per unit of scale; the free disk space itself is not checked.',
                      HINT = 'Choose a smaller scale, or SET medalliance_demo.max_size to what the disk can hold.';
        END IF;
    END;
    -- How many month writers to start (medalliance_demo.month_writers, default 2; 0: none).
    DECLARE
        v_setting text := coalesce(nullif(current_setting('medalliance_demo.month_writers', true), ''), '2');
    BEGIN
        IF v_setting !~ '^\s*[0-8]\s*$' THEN
            RAISE EXCEPTION 'invalid medalliance_demo.month_writers "%"', v_setting
                USING ERRCODE = 'invalid_parameter_value',
                      HINT = 'Give a number of background workers from 0 (the session writes every month itself) to 8.';
        END IF;
        v_month_writers := v_setting::integer;
    END;
    FOREACH v_table IN ARRAY ARRAY['region', 'population', 'catchment_population', 'institution', 'alliance',
                             'membership', 'encounter', 'referral', 'deployment', 'contract', 'chronic_care', 'qc_inspection',
                             'quality_measure', 'survey_response', 'unification_evidence', 'procurement',
                             'capability', 'shared_centre_service', 'fund_spending',
                             'demo_alliance_profile', 'demo_institution_profile'] LOOP
        EXECUTE format('SELECT EXISTS (SELECT FROM %I.%I)', medalliance_demo.demo_table_schema(v_table), v_table) INTO STRICT v_filled;
        IF v_filled THEN
            RAISE EXCEPTION 'the warehouse is not empty: table medalliance.% has rows', v_table
                USING ERRCODE = 'object_not_in_prerequisite_state',
                      HINT = 'Generate into an empty warehouse, e.g. after TRUNCATE medalliance.region, medalliance.institution CASCADE.';
        END IF;
    END LOOP;
    v_salt := seed::bigint * 1000003;
    -- The tables a failed generation's month writers left in medalliance_demo
    -- (src/demo/month_writers.c): dropped.
    FOR v_table IN SELECT c.relname FROM pg_class c
                   WHERE c.relnamespace = 'medalliance_demo'::regnamespace AND c.relkind = 'r'
                     AND c.relname ~ '^encounter_p[0-9]{6}$' LOOP
        EXECUTE format('DROP TABLE medalliance_demo.%I', v_table);
        v_fresh := false;   -- the writers' tables would wait on the dropped names
    END LOOP;

    ---------------------------------------------------------------- structure
    DROP TABLE IF EXISTS demo_county, demo_inst, demo_all, demo_catch, demo_month, demo_person;
    -- County-level units: residents in thousands at scale 1 (see the header).
    CREATE TEMP TABLE demo_county (c int, region_id int, name text, city int, pop_k int, n_alliances int, urban boolean);
    INSERT INTO demo_county VALUES
        (1, 990101, 'Beigang District', 1, 980, 2, true), (2, 990102, 'Nanhu District', 1, 920, 2, true),
        (3, 990103, 'Xishan District', 1, 1150, 2, true), (4, 990201, 'Dongpo District', 2, 550, 1, true),
        (5, 990202, 'Yuncheng District', 2, 480, 1, true), (6, 999001, 'Lanshan County', 0, 1000, 2, false),
        (7, 999002, 'Qingshui County', 0, 800, 1, false), (8, 999003, 'Songlin County', 0, 700, 1, false),
        (9, 999004, 'Baishi County', 0, 620, 1, false), (10, 999005, 'Jinhe County', 0, 520, 1, false),
        (11, 999006, 'Yuntai County', 0, 480, 1, false), (12, 999007, 'Mingxi County', 0, 450, 1, false),
        (13, 999008, 'Heping County', 0, 350, 1, false), (14, 999009, 'Shuiyuan County', 0, 300, 1, false),
        (15, 999010, 'Fengling County', 0, 260, 1, false), (16, 999011, 'Luoyun County', 0, 230, 1, false),
        (17, 999012, 'Taoping County', 0, 180, 1, false), (18, 999013, 'Changle County', 0, 160, 1, false);

    INSERT INTO medalliance.region (region_id, region_code, region_name, region_level, parent_region_id) VALUES
        (990000, 'SYN990000', 'Haidao Province (synthetic)', 'province', NULL),
        (990100, 'SYN990100', 'Haiyang City', 'city', 990000),
        (990200, 'SYN990200', 'Lanwan City', 'city', 990000);
    INSERT INTO medalliance.region (region_id, region_code, region_name, region_level, parent_region_id)
    SELECT region_id, 'SYN' || region_id, name, 'county',
           CASE city WHEN 1 THEN 990100 WHEN 2 THEN 990200 ELSE 990000 END
    FROM demo_county ORDER BY c;

    -- Institutions.  Ids: 1-2 provincial, 3-4 city hospitals; county c uses
    -- c*10000 + 1..4 (county hospital, TCM, maternal-child, CDC), +100+t
    -- township centres, +300+j community centres, +500.. stations, +1000.. villages.
    CREATE TEMP TABLE demo_inst (institution_id int, level text, name text, c int, region_id int,
                                 parent int, grp int, alliance_slot int);
    INSERT INTO demo_inst VALUES
        (1, 'provincial_hospital', 'Haidao Provincial People''s Hospital', 3, 990103, NULL, 0, 0),
        (2, 'provincial_hospital', 'Haidao Provincial Second Hospital', 3, 990103, NULL, 0, 0),
        (3, 'city_hospital', 'Haiyang City Central Hospital', 1, 990101, NULL, 0, 0),
        (4, 'city_hospital', 'Lanwan City Central Hospital', 4, 990201, NULL, 0, 0);
    INSERT INTO demo_inst
    SELECT c * 10000 + k, lv, replace(name, ' District', '') || nm, c, region_id, NULL, 0,
           CASE WHEN k = 2 AND n_alliances = 2 THEN 2 ELSE 1 END
    FROM demo_county,
         (VALUES (1, 'county_hospital', ' People''s Hospital'), (2, 'county_tcm_hospital', ' Hospital of TCM'),
                 (3, 'maternal_child_centre', ' Maternal and Child Health Centre'),
                 (4, 'public_health_body', ' Centre for Disease Control')) v(k, lv, nm);
    -- Township health centres (rural: one per 35,000 residents; urban districts: one per 150,000).
    INSERT INTO demo_inst
    SELECT c * 10000 + 100 + t, 'township_health_centre',
           initcap(s1.s || s2.s) || ' Township Health Centre', c, region_id, NULL, t,
           CASE WHEN n_alliances = 2 AND t % 2 = 0 THEN 2 ELSE 1 END
    FROM demo_county,
         generate_series(1, round(pop_k / CASE WHEN urban THEN 150.0 ELSE 35.0 END)::int) t,
         LATERAL (SELECT (ARRAY['an','bai','chang','da','dong','feng','gang','he','hong','hua','jin','jiang',
                                'lan','li','lin','long','ma','nan','ning','ping','qiao','qing','sha','shan',
                                'shi','shui','tai','tang','tian','wan','wen','xi','xin','yang','yun','zhen'])
                         [1 + (c * 7 + t * 5) % 36] AS s) s1,
         LATERAL (SELECT (ARRAY['bei','cheng','dian','fu','gou','hai','kou','ling','men','pu','qiao','ru',
                                'tou','wei','ya','zhou','po','he','tan','yuan'])[1 + (c * 3 + t * 11) % 20] AS s) s2;
    -- Community health centres (urban: one per 60,000 residents; rural counties: one in the county seat).
    INSERT INTO demo_inst
    SELECT c * 10000 + 300 + j, 'community_health_centre',
           replace(name, ' District', '') || ' ' || (ARRAY['East','West','South','North','Central','Riverside',
               'Harbour','Garden','Lake','Hill','Bridge','Market','Station','College','Park','Bay','Old Town',
               'New Town','Airport','Port'])[j] || ' Community Health Centre',
           c, region_id, NULL, 100 + j,
           CASE WHEN n_alliances = 2 AND j % 2 = 0 THEN 2 ELSE 1 END
    FROM demo_county, generate_series(1, CASE WHEN urban THEN round(pop_k / 60.0)::int ELSE 1 END) j;
    -- Community stations: three per urban community centre, two per rural one.
    INSERT INTO demo_inst
    SELECT d.c * 10000 + 500 + (d.grp - 101) * 4 + s, 'community_station',
           replace(d.name, ' Community Health Centre', '') || ' Station ' || s, d.c, d.region_id,
           d.institution_id, d.grp, d.alliance_slot
    FROM demo_inst d JOIN demo_county k ON k.c = d.c,
         generate_series(1, CASE WHEN k.urban THEN 3 ELSE 2 END) s
    WHERE d.level = 'community_health_centre';
    -- Village clinics: 8 per urban township, 10-18 per rural one.
    INSERT INTO demo_inst
    SELECT d.c * 10000 + 1000 + (d.grp - 1) * 30 + v, 'village_clinic',
           replace(d.name, ' Township Health Centre', '') || ' ' ||
           initcap((ARRAY['bei','cheng','dian','fu','gou','hai','kou','ling','men','pu','qiao','ru',
                          'tou','wei','ya','zhou','po','tan'])[v]) || ' Village Clinic',
           d.c, d.region_id, d.institution_id, d.grp, d.alliance_slot
    FROM demo_inst d JOIN demo_county k ON k.c = d.c,
         generate_series(1, CASE WHEN k.urban THEN 8 ELSE 10 + (d.c * 13 + d.grp * 7) % 9 END) v
    WHERE d.level = 'township_health_centre';

    -- Alliances: county medical communities c*10+1 (lead: county hospital) and
    -- c*10+2 (lead: TCM hospital) where the county has two; a remote network and
    -- two specialty alliances led by the provincial hospitals.
    CREATE TEMP TABLE demo_all AS
    SELECT c * 10 + slot AS alliance_id, c, slot,
           row_number() OVER (ORDER BY c * 10 + slot)::int AS k,
           c * 10000 + slot AS lead_id
    FROM demo_county, generate_series(1, n_alliances) slot;

    -- Profiles: deterministic functions of k (the same for every seed).
    INSERT INTO medalliance.institution (institution_id, institution_code, institution_name, institution_level,
                                         region_id, parent_institution_id, legal_representative,
                                         opened_on, closed_on)
    SELECT i.institution_id, 'SYN-' || i.institution_id, i.name, i.level, i.region_id, i.parent,
           'LR-' || CASE WHEN a.k % 7 <> 1 AND i.level NOT IN ('provincial_hospital', 'city_hospital')
                         THEN a.lead_id ELSE i.institution_id END,
           CASE WHEN i.institution_id = 61001 THEN date '2023-04-01' END,
           CASE WHEN i.institution_id = 71002 THEN date '2024-07-01' END
    FROM demo_inst i LEFT JOIN demo_all a ON a.c = i.c AND a.slot = i.alliance_slot
    ORDER BY i.institution_id;

    INSERT INTO medalliance.alliance (alliance_id, alliance_name, alliance_kind, region_id, lead_institution_id,
                                      specialty, formed_on)
    SELECT a.alliance_id,
           replace(k.name, ' District', '') || CASE WHEN k.n_alliances = 2
               THEN (ARRAY[' First', ' Second'])[a.slot] ELSE '' END || ' Medical Community',
           'county_medical_community', k.region_id, a.lead_id, NULL, date '2021-07-01'
    FROM demo_all a JOIN demo_county k ON k.c = a.c ORDER BY a.alliance_id;
    INSERT INTO medalliance.alliance VALUES
        (901, 'Haidao Remote Care Network', 'remote_network', 990000, 1, NULL, date '2021-07-01', NULL),
        (902, 'Haidao Cardiology Alliance', 'specialty_alliance', 990000, 1, 'cardiology', date '2021-07-01', NULL),
        (903, 'Haidao Paediatrics Alliance', 'specialty_alliance', 990000, 2, 'paediatrics', date '2021-07-01', NULL);

    INSERT INTO medalliance_demo.demo_alliance_profile
    SELECT a.alliance_id, a.k,
           (ARRAY['administration', 'personnel', 'finance', 'quality', 'drugs_devices', 'information'])[NULLIF(a.k % 7, 0)],
           cvr, cvr >= 0.90,
           ps, ps + CASE WHEN a.k % 3 = 1 THEN 0.05 ELSE 0.01 END,
           -- contract rates 7–13 points from the Hainan targets (45%, 78%), so that
           -- sampling cannot flip a status even in the smallest service area; the
           -- second alliance of a county plans its own figures
           CASE WHEN a.k % 4 = 2 THEN 0.36 ELSE 0.52 + 0.03 * (a.slot - 1) END,
           CASE WHEN a.k % 4 = 2 THEN 0.65 ELSE 0.88 + 0.02 * (a.slot - 1) END,
           a.k % 4 <> 2,
           CASE WHEN a.k % 7 = 4 OR a.k % 5 = 3 THEN 0.58 ELSE 0.78 END + 0.06 * (a.slot - 1),
           CASE WHEN a.k % 3 = 1 THEN 0.15 ELSE 0.02 END,
           CASE WHEN a.k % 7 = 6 THEN 0.15 ELSE 0.35 END,
           a.k % 7 <> 2,
           a.k % 7 <> 6,
           CASE WHEN a.k % 7 = 5 THEN 0.60 ELSE 0.97 END,
           (ARRAY['high', 'medium', 'low'])[1 + a.k % 3],
           NOT (a.k % 7 = 4 OR a.k % 5 = 0),
           (ARRAY['high', 'medium', 'medium', 'low'])[1 + a.k % 4],
           0.30 + 0.05 * ((a.k * 3) % 5),
           a.k % 3 = 0 AND a.k % 7 <> 6
    FROM demo_all a,
         -- county visit rate: the county's figure for its first alliance; the second alliance of
         -- a county plans the other side of the 90% target (0.86 below a county that meets it,
         -- 0.92 above one that does not), so that the two alliances' statuses differ
         LATERAL (SELECT CASE WHEN a.c % 3 = 0 THEN 0.84 + 0.01 * (a.c % 4) ELSE 0.91 + 0.01 * (a.c % 3) END AS county_cvr) cv,
         LATERAL (SELECT CASE WHEN a.slot = 1 THEN cv.county_cvr WHEN cv.county_cvr >= 0.90 THEN 0.86 ELSE 0.92 END AS cvr,
                         0.48 + 0.02 * ((a.k * 7) % 8) AS ps) v
    ORDER BY a.alliance_id;

    INSERT INTO medalliance.membership (alliance_id, institution_id, member_role, valid_from, valid_to)
    SELECT a.alliance_id, i.institution_id,
           CASE WHEN i.institution_id = a.lead_id THEN 'lead' ELSE 'member' END,
           coalesce(ins.opened_on, date '2021-07-01'), ins.closed_on
    FROM demo_inst i
    JOIN demo_all a ON a.c = i.c AND a.slot = i.alliance_slot
    JOIN medalliance.institution ins ON ins.institution_id = i.institution_id
    WHERE i.institution_id > 4;
    INSERT INTO medalliance.membership (alliance_id, institution_id, member_role, valid_from)
    SELECT 901, institution_id, CASE WHEN institution_id = 1 THEN 'lead' ELSE 'member' END, date '2021-07-01'
    FROM demo_inst WHERE level IN ('provincial_hospital', 'city_hospital', 'county_hospital')
    UNION ALL
    SELECT 902, institution_id, CASE WHEN institution_id = 1 THEN 'lead' ELSE 'member' END, date '2021-07-01'
    FROM demo_inst WHERE institution_id IN (1, 3) OR (level = 'county_hospital' AND c % 2 = 1)
    UNION ALL
    SELECT 903, institution_id, CASE WHEN institution_id = 2 THEN 'lead' ELSE 'member' END, date '2021-07-01'
    FROM demo_inst WHERE institution_id IN (2, 4) OR (level = 'county_hospital' AND c % 2 = 0);

    -- Members' quality and satisfaction: the alliance's level, spread evenly or
    -- widely; hospitals outside the county alliances are high-quality, medium-satisfaction.
    INSERT INTO medalliance_demo.demo_institution_profile
    SELECT i.institution_id,
           round(greatest(0, least(0.6,
               CASE coalesce(p.quality_level, 'high') WHEN 'high' THEN 0.05 WHEN 'medium' THEN 0.10 ELSE 0.18 END
               + CASE WHEN coalesce(p.quality_even, true) THEN 0.04 ELSE 0.24 END
                 * (((hashint8extended(i.institution_id, 11) & 1023) / 1023.0) - 0.5))), 4),
           round(CASE coalesce(p.satisfaction_level, 'medium') WHEN 'high' THEN 4.4 WHEN 'medium' THEN 4.0 ELSE 3.5 END
                 + CASE WHEN coalesce(p.quality_even, true) THEN 0.2 ELSE 0.8 END
                   * (((hashint8extended(i.institution_id, 12) & 1023) / 1023.0) - 0.5), 4),
           CASE i.institution_id
               WHEN 61001 THEN 'opened 2023-04-01'
               WHEN 71002 THEN 'closed 2024-07-01'
               WHEN 80102 THEN 'no data 2024-03 to 2024-05'
           END,
           -- booked referrals (see "referrals" below): invented shares around 30%
           CASE i.institution_id WHEN 1 THEN 0.34 WHEN 2 THEN 0.32 WHEN 3 THEN 0.38 WHEN 4 THEN 0.20 END
    FROM demo_inst i
    LEFT JOIN demo_all a ON a.c = i.c AND a.slot = i.alliance_slot AND i.institution_id > 4
    LEFT JOIN medalliance_demo.demo_alliance_profile p ON p.alliance_id = a.alliance_id
    ORDER BY i.institution_id;

    -- Service areas: each alliance serves the share of its county's residents in
    -- proportion to its township and community centres, each of which has a
    -- catchment (服务范围) of its own: the alliance's residents, numbered 1..n,
    -- fall into its centres' catchments in consecutive equal blocks (catch_ids).
    -- Village clinics and community stations serve within their centre's catchment.
    CREATE TEMP TABLE demo_catch AS
    SELECT a.alliance_id, a.k, a.c, k.region_id, k.urban, a.lead_id,
           (k.pop_k * 1000.0 * scale * cnt.mine / cnt.total) AS residents,
           (SELECT array_agg(i.institution_id ORDER BY i.institution_id) FROM demo_inst i
            WHERE i.c = a.c AND i.alliance_slot = a.slot
              AND i.level IN ('township_health_centre', 'community_health_centre')) AS catch_ids,
           p.weak_unification_dimension, p.county_visit_rate, p.meets_county_visit_target,
           p.primary_share_2023, p.primary_share_2024, p.contract_rate_all, p.contract_rate_key,
           p.meets_contract_targets, p.standardised_rate, p.downward_referral_growth, p.booked_referral_share,
           p.staff_covers_every_township, p.shared_centre_full_coverage, p.unified_platform_share,
           p.quality_level, p.quality_even, p.satisfaction_level
    FROM demo_all a JOIN demo_county k ON k.c = a.c
    JOIN medalliance_demo.demo_alliance_profile p USING (alliance_id)
    CROSS JOIN LATERAL (
        SELECT count(*) FILTER (WHERE i.alliance_slot = a.slot) AS mine, count(*) AS total
        FROM demo_inst i WHERE i.c = a.c AND i.level IN ('township_health_centre', 'community_health_centre')) cnt;

    -- Per alliance and month: the institutions open and reporting, by tier.
    CREATE TEMP TABLE demo_month AS
    SELECT a.alliance_id, m::date AS month,
           array_agg(i.institution_id ORDER BY i.institution_id)
               FILTER (WHERE i.level IN ('village_clinic', 'community_station')) AS tier0,
           array_agg(i.institution_id ORDER BY i.institution_id)
               FILTER (WHERE i.level IN ('township_health_centre', 'community_health_centre')) AS tier1
    FROM demo_catch a
    JOIN demo_all da USING (alliance_id)
    JOIN demo_inst i ON i.c = da.c AND i.alliance_slot = da.slot
    JOIN medalliance.institution ins ON ins.institution_id = i.institution_id
    CROSS JOIN generate_series(date '2023-01-01', date '2024-12-01', interval '1 month') m
    WHERE (ins.opened_on IS NULL OR ins.opened_on <= m) AND (ins.closed_on IS NULL OR ins.closed_on > m)
      AND NOT (i.institution_id = 80102 AND m BETWEEN date '2024-03-01' AND date '2024-05-01')
    GROUP BY a.alliance_id, m;

    ---------------------------------------------------------------- population
    -- Residents, numbered per county; each belongs to at most one key group.
    CREATE TEMP TABLE demo_person AS
    SELECT a.alliance_id, a.region_id, a.c, p AS person_id,
           a.catch_ids[1 + ((p - a.region_id::bigint * 1000000000 - a.alliance_id % 10 * 100000000 - 1)
                            * cardinality(a.catch_ids) / round(a.residents)::bigint)::int] AS catchment_id,
           CASE WHEN g < 0.104 THEN 'elderly' WHEN g < 0.194 THEN 'children' WHEN g < 0.204 THEN 'pregnant'
                WHEN g < 0.304 THEN 'chronic' WHEN g < 0.354 THEN 'disabled' WHEN g < 0.414 THEN 'poor'
                ELSE 'general' END AS grp
    FROM demo_catch a
    CROSS JOIN LATERAL generate_series(a.region_id::bigint * 1000000000 + a.alliance_id % 10 * 100000000 + 1,
                                       a.region_id::bigint * 1000000000 + a.alliance_id % 10 * 100000000
                                       + round(a.residents)::bigint) p
    CROSS JOIN LATERAL (SELECT (hashint8extended(p, v_salt + 1) & 2147483647)::float8 / 2147483648 AS g) u;

    -- The residents per group, counted once per region (and catchment) and
    -- group of the persons, then spread over the years and the groups the
    -- tables list (at scale 0.1: 8.5 s when every person met every year and group).
    DROP TABLE IF EXISTS demo_person_count;
    CREATE TEMP TABLE demo_person_count AS
    SELECT region_id, catchment_id, grp, count(*) AS n FROM demo_person GROUP BY 1, 2, 3;
    INSERT INTO medalliance.population (region_id, year, population_group, residents)
    SELECT region_id, y, g,
           coalesce(sum(n) FILTER (WHERE g = 'all' OR grp = g OR (g = 'key_any' AND grp <> 'general')), 0)::bigint
    FROM demo_person_count
    CROSS JOIN generate_series(2023, 2024) y
    CROSS JOIN unnest(ARRAY['all', 'key_any', 'elderly', 'children', 'pregnant', 'chronic', 'disabled', 'poor']) g
    GROUP BY region_id, y, g;
    INSERT INTO medalliance.catchment_population (institution_id, year, population_group, residents)
    SELECT catchment_id, y, g,
           coalesce(sum(n) FILTER (WHERE g = 'all' OR grp = g OR (g = 'key_any' AND grp <> 'general')), 0)::bigint
    FROM demo_person_count
    CROSS JOIN generate_series(2023, 2024) y
    CROSS JOIN unnest(ARRAY['all', 'key_any', 'elderly', 'children', 'pregnant', 'chronic', 'disabled', 'poor']) g
    GROUP BY catchment_id, y, g;

    ---------------------------------------------------------------- encounters
    -- One plan row per alliance catchment, month and kind: how many encounters,
    -- and where residents may go.  Out of the county: the provincial hospitals
    -- (65%) or a city hospital, whichever is not in the patient's own county.
    -- demo_write_encounters (src/demo/encounter_writer.c) reads these columns by
    -- name and computes each encounter from them.
    DROP TABLE IF EXISTS demo_plan;
    CREATE TEMP TABLE demo_plan AS
    SELECT q.*, (round(q.cum) - round(q.cum - q.x))::bigint AS n
    FROM (
    SELECT a.alliance_id, a.region_id, a.c, a.lead_id, m.month, kd.kind, kd.kind_no,
           x, sum(x) OVER (PARTITION BY a.alliance_id, kd.kind ORDER BY m.month) AS cum,
           ((a.alliance_id::bigint * 100 + (extract(year FROM m.month)::int - 2023) * 12
             + extract(month FROM m.month)::int) * 4 + kd.kind_no) * 100000000 AS key_base,
           (a.region_id::bigint * 1000000000 + a.alliance_id % 10 * 100000000) AS person_base,
           round(a.residents)::bigint AS persons, a.catch_ids,
           CASE WHEN kd.kind = 'inpatient' THEN a.county_visit_rate - 0.06
                WHEN m.month >= date '2024-01-01' THEN a.county_visit_rate + 0.005
                ELSE a.county_visit_rate END::float8 AS cvr,
           (CASE WHEN m.month >= date '2024-01-01' THEN a.primary_share_2024 ELSE a.primary_share_2023 END
            * CASE kd.kind WHEN 'outpatient' THEN 1 WHEN 'emergency' THEN 0.4 ELSE 0.35 END)::float8 AS prim,
           m.tier0, m.tier1,
           ARRAY[a.c * 10000 + 1, a.c * 10000 + 2, a.c * 10000 + 3] AS sec,
           CASE WHEN a.c = 3 THEN '{}'::int[] ELSE ARRAY[1, 2] END AS out_prov,
           CASE WHEN a.c IN (1, 5) THEN ARRAY[4] WHEN a.c IN (2, 3, 4) THEN ARRAY[3]
                WHEN a.c % 2 = 1 THEN ARRAY[3] ELSE ARRAY[4] END AS out_city
    FROM demo_catch a
    JOIN demo_month m USING (alliance_id)
    CROSS JOIN (VALUES ('outpatient', 1, 5.4), ('emergency', 2, 0.35), ('inpatient', 3, 0.13)) kd(kind, kind_no, per_year)
    CROSS JOIN LATERAL (SELECT (a.residents * kd.per_year / 12
                                * (1 + 0.08 * cos(2 * pi() * (extract(month FROM m.month) - 1) / 12)))::numeric AS x) xx
    ) q;

    -- Monthly volumes of the other event feeds.  Each count is the rounded
    -- running total minus the previous one, so that rows grow linearly with
    -- the scale even where a month's expected count is below one.
    DROP TABLE IF EXISTS demo_volume;
    CREATE TEMP TABLE demo_volume AS
    SELECT v.alliance_id, v.month,
           (round(sum(x_up) OVER w) - round(sum(x_up) OVER w - x_up))::bigint AS n_up,
           (round(sum(x_down) OVER w) - round(sum(x_down) OVER w - x_down))::bigint AS n_down,
           (round(sum(x_out) OVER w) - round(sum(x_out) OVER w - x_out))::bigint AS n_out,
           (round(sum(x_survey) OVER w) - round(sum(x_survey) OVER w - x_survey))::bigint AS n_survey,
           (round(sum(x_proc) OVER w) - round(sum(x_proc) OVER w - x_proc))::bigint AS n_proc,
           (round(sum(x_shared) OVER w) - round(sum(x_shared) OVER w - x_shared))::bigint AS n_shared
    FROM (
        SELECT a.alliance_id, m.month,
               (a.residents * 0.03 / 12)::numeric AS x_up,
               (a.residents * 0.03 / 12 * 0.35
                * CASE WHEN m.month >= date '2024-01-01' THEN 1 + a.downward_referral_growth ELSE 1 END)::numeric AS x_down,
               (a.residents * 0.03 / 12 * CASE WHEN a.county_visit_rate < 0.90 THEN 0.30 ELSE 0.12 END)::numeric AS x_out,
               (a.residents * 0.0012)::numeric AS x_survey,
               (a.residents * 0.06 / 12)::numeric AS x_proc,
               (a.residents * 0.03 / 12)::numeric AS x_shared
        FROM demo_catch a JOIN demo_month m USING (alliance_id)
        UNION ALL
        -- alliance 0: the provincial and city hospitals' own surveys
        SELECT 0, g::date, 0, 0, 0, (1000000 * scale * 0.0012)::numeric, 0, 0
        FROM generate_series(date '2023-01-01', date '2024-12-01', interval '1 month') g
    ) v
    WINDOW w AS (PARTITION BY v.alliance_id ORDER BY v.month);

    -- the fact tables filled from here on take their foreign keys, keys and indexes once
    -- full (survey_response: its foreign key, checked by a trigger per answer before, 2.5 s
    -- of the 4 s of its INSERT at scale 0.1; its monthly partitions keep their own keys):
    -- those the encounter loop fills too (referrals, fund spending) after it, the others
    -- before it, while the month writers may still be writing
    v_remake_late := medalliance_demo.demo_defer_checks(ARRAY[
        'medalliance.fund_spending', 'medalliance.referral']::regclass[]);
    v_remake := medalliance_demo.demo_defer_checks(ARRAY[
        'medalliance.deployment', 'medalliance.contract',
        'medalliance.chronic_care', 'medalliance.qc_inspection', 'medalliance.quality_measure',
        'medalliance.unification_evidence', 'medalliance.procurement', 'medalliance.capability',
        'medalliance.shared_centre_service', 'medalliance.survey_response']::regclass[]);

    -- The encounters of the months, written by month writers (background
    -- workers, src/demo/month_writers.c) while this session writes the
    -- other facts.  Each writes a month into medalliance_demo.<its
    -- partition's name>, indexes it and commits; the loop after the other
    -- facts takes them.  Two unless medalliance_demo.month_writers says
    -- otherwise (0: none), and only where they can work: the encounter
    -- table has no partition yet, the current user is the session user and
    -- may create tables in both schemas, and the generator is the first
    -- thing its transaction writes — a worker sees only what is committed,
    -- and would wait for ever on what this transaction locks or changes.
    IF v_fresh AND NOT EXISTS (SELECT FROM pg_inherits i WHERE i.inhparent = 'medalliance.encounter'::regclass)
       AND has_schema_privilege('medalliance_demo', 'CREATE') AND has_schema_privilege('medalliance', 'CREATE') THEN
        v_writers := medalliance_demo.demo_start_month_writers(
            v_months,
            ARRAY(SELECT (medalliance.month_partition('medalliance.encounter', m.month)).partition_name
                  FROM unnest(v_months) WITH ORDINALITY m (month, n) ORDER BY m.n),
            v_salt, ARRAY(SELECT p FROM demo_plan p), v_month_writers);
    END IF;

    ---------------------------------------------------------------- referrals
    -- Upward from primary members to the county hospitals, downward back, and
    -- from the county hospital out of the county; downward referrals grow by the
    -- profile's rate in 2024.
    INSERT INTO medalliance.referral (referral_id, referral_date, from_institution_id, to_institution_id, patient_id,
                                      residence_region_id, referral_kind, by_appointment, reserved_slot)
    SELECT key, d,
           CASE flow WHEN 'up' THEN CASE WHEN u3 < 0.4 AND cardinality(tier0) > 0
                                         THEN tier0[1 + floor(u4 * cardinality(tier0))::int]
                                         ELSE tier1[1 + floor(u4 * cardinality(tier1))::int] END
                     ELSE sec[1] END,
           CASE flow WHEN 'up' THEN sec[CASE WHEN u5 < 0.8 THEN 1 ELSE 2 END]
                     WHEN 'down' THEN tier1[1 + floor(u4 * cardinality(tier1))::int]
                     ELSE CASE WHEN u5 < 0.65 AND cardinality(out_prov) > 0
                               THEN out_prov[1 + floor(u4 * cardinality(out_prov))::int]
                               ELSE out_city[1 + floor(u4 * cardinality(out_city))::int] END END,
           person_base + 1 + floor(u6 * persons)::bigint, region_id,
           CASE WHEN u7 < 0.3 THEN 'inpatient' ELSE 'outpatient' END,
           u1 < booked, u1 < booked * 0.6
    FROM (
        SELECT r.*, k.key,
               r.month + floor(((h1 >> 32) & 1023)::float8 / 1024
                               * extract(day FROM (r.month + interval '1 month' - interval '1 day')))::int AS d,
               CASE WHEN i <= r.n_up THEN 'up' WHEN i <= r.n_up + r.n_down THEN 'down' ELSE 'out' END AS flow,
               (h1 & 2147483647)::float8 / 2147483648 AS u1,
               (h2 & 2147483647)::float8 / 2147483648 AS u3,
               ((h2 >> 32) & 2147483647)::float8 / 2147483648 AS u4,
               (h3 & 2147483647)::float8 / 2147483648 AS u5,
               ((h3 >> 32) & 2147483647)::float8 / 2147483648 AS u6,
               ((h1 >> 44) & 1023)::float8 / 1024 AS u7
        FROM (
            SELECT p.*, vo.n_up, vo.n_down, vo.n_out,
                   a.booked_referral_share::float8 AS booked,
                   ((a.alliance_id::bigint * 100 + (extract(year FROM p.month)::int - 2023) * 12
                     + extract(month FROM p.month)::int) * 10 + 5) * 10000000 AS ref_base
            FROM demo_plan p
            JOIN demo_catch a USING (alliance_id)
            JOIN demo_volume vo ON vo.alliance_id = p.alliance_id AND vo.month = p.month
            WHERE p.kind = 'outpatient'
        ) r
        CROSS JOIN LATERAL generate_series(1, r.n_up + r.n_down + r.n_out) i
        CROSS JOIN LATERAL (SELECT r.ref_base + i AS key) k
        CROSS JOIN LATERAL (SELECT hashint8extended(k.key, v_salt + 8) AS h1,
                                   hashint8extended(k.key, v_salt + 9) AS h2,
                                   hashint8extended(k.key, v_salt + 10) AS h3) h
    ) q;

    -- (The booked referrals are written month by month in the encounter loop
    -- below, from each month's encounters as they are written.)

    ---------------------------------------------------------------- deployments
    -- Every township and community centre receives one or two stationed doctors
    -- a year from its lead (six to twelve months) and two circuit-clinic visits,
    -- except 40% of them in the alliances weak in personnel.
    INSERT INTO medalliance.deployment (deployment_id, staff_id, from_institution_id, to_institution_id,
                                        started_on, ended_on, deployment_kind, profession, title_level)
    SELECT m.inst::bigint * 10000 + (y - 2000) * 100 + j,
           a.lead_id::bigint * 1000 + (hashint8extended(m.inst * 100 + j, v_salt + 11) & 511),
           a.lead_id, m.inst, s, CASE WHEN j <= 2 THEN s + 180 + (h & 127)::int ELSE s + (h & 3)::int END,
           CASE WHEN j <= 2 THEN 'stationed' ELSE 'circuit_clinic' END,
           CASE WHEN j = 4 THEN 'nurse' ELSE 'doctor' END,
           CASE WHEN j > 2 THEN 'junior' WHEN (h >> 8) & 15 < 9 THEN 'intermediate'
                WHEN (h >> 8) & 15 < 14 THEN 'associate_senior' ELSE 'senior' END
    FROM demo_catch a
    JOIN demo_month dm ON dm.alliance_id = a.alliance_id AND extract(month FROM dm.month) = 1
    CROSS JOIN LATERAL unnest(dm.tier1) m(inst)
    CROSS JOIN LATERAL (SELECT extract(year FROM dm.month)::int AS y) yy
    CROSS JOIN LATERAL generate_series(1, 4) j
    CROSS JOIN LATERAL (SELECT hashint8extended(m.inst::bigint * 10000 + y * 10 + j, v_salt + 12) AS h) hh
    CROSS JOIN LATERAL (SELECT make_date(y, 1, 1) + (h >> 16 & 63)::int AS s) ss
    WHERE (j <> 2 OR (h >> 24) & 1 = 1)
      AND (a.staff_covers_every_township
           OR (hashint8extended(m.inst::bigint * 10 + y, v_salt + 13) & 1023) >= 410);

    ---------------------------------------------------------------- contracts
    INSERT INTO medalliance.contract (contract_id, person_id, residence_region_id, institution_id, population_group,
                                      signed_on, valid_to, catchment_institution_id)
    SELECT p.person_id * 10 + (y - 2023), p.person_id, p.region_id,
           dm.tier1[1 + floor(((h >> 32) & 1048575)::float8 / 1048576 * cardinality(dm.tier1))::int],
           p.grp, make_date(y, 1, 1) + ((h >> 52) & 63)::int + ((h >> 58) & 15)::int,
           make_date(y, 1, 1) + ((h >> 52) & 63)::int + ((h >> 58) & 15)::int + 365, p.catchment_id
    FROM demo_person p
    -- each alliance's two thresholds once, as the float8 the comparison casts them to
    -- (computed per candidate, the numeric arithmetic took about 2 s of 3 at scale 0.1)
    JOIN (SELECT a.alliance_id, a.contract_rate_key::float8 AS key_groups,
                 ((a.contract_rate_all - 0.414 * a.contract_rate_key) / 0.586)::float8 AS general
          FROM demo_catch a
          OFFSET 0) a USING (alliance_id)
    CROSS JOIN generate_series(2023, 2024) y
    JOIN demo_month dm ON dm.alliance_id = p.alliance_id AND dm.month = make_date(y, 1, 1)
    CROSS JOIN LATERAL (SELECT hashint8extended(p.person_id * 10 + (y - 2023), v_salt + 14) AS h) hh
    WHERE (h & 2147483647)::float8 / 2147483648
          < CASE WHEN p.grp <> 'general' THEN a.key_groups ELSE a.general END;

    ---------------------------------------------------------------- chronic care
    INSERT INTO medalliance.chronic_care (person_id, condition, assessed_year, residence_region_id,
                                          managed_at_institution_id, registered_on, is_standardised, is_controlled,
                                          catchment_institution_id)
    SELECT person_id, condition, y, region_id,
           CASE WHEN (h & 15) < 14 THEN dm.tier1[1 + floor(((h >> 8) & 1048575)::float8 / 1048576 * cardinality(dm.tier1))::int]
                ELSE c * 10000 + 1 END,
           date '2019-01-01' + ((hashint8extended(person_id, v_salt + 15) >> 8) & 1023)::int,
           std, CASE WHEN std THEN ((h >> 40) & 1023) < 717 ELSE ((h >> 40) & 1023) < 460 END, catchment_id
    FROM (
        SELECT p.*, y, a.standardised_rate,
               CASE WHEN p.grp = 'chronic' THEN CASE WHEN g < 0.72 THEN 'hypertension' ELSE 'diabetes' END
                    WHEN g < 0.004 THEN 'hepatitis' WHEN g < 0.0046 THEN 'tuberculosis'
                    WHEN g < 0.0086 THEN 'severe_mental_disorder' END AS condition,
               hashint8extended(p.person_id * 10 + y, v_salt + 16) AS h
        FROM demo_person p
        JOIN demo_catch a USING (alliance_id)
        CROSS JOIN generate_series(2023, 2024) y
        CROSS JOIN LATERAL (SELECT (hashint8extended(p.person_id, v_salt + 17) & 2147483647)::float8 / 2147483648 AS g) gg
    ) q
    JOIN demo_month dm ON dm.alliance_id = q.alliance_id AND dm.month = make_date(q.y, 1, 1)
    CROSS JOIN LATERAL (SELECT ((q.h >> 20) & 1023) < 1024 * (q.standardised_rate + CASE WHEN q.y = 2024 THEN 0.03 ELSE 0 END) AS std) s
    WHERE condition IS NOT NULL;

    ---------------------------------------------------------------- QC and quality measures
    DROP TABLE IF EXISTS demo_assessed;
    CREATE TEMP TABLE demo_assessed AS
    SELECT i.institution_id, i.level, ip.quality_deficit::float8 AS deficit, ip.satisfaction_mean::float8 AS sat,
           CASE WHEN a.lead_id IS NOT NULL AND a.lead_id <> i.institution_id THEN a.lead_id END AS inspector,
           a.alliance_id
    FROM demo_inst i
    JOIN medalliance_demo.demo_institution_profile ip USING (institution_id)
    LEFT JOIN demo_all a ON a.c = i.c AND a.slot = i.alliance_slot AND i.institution_id > 4
    WHERE i.level NOT IN ('village_clinic', 'community_station', 'public_health_body');

    INSERT INTO medalliance.qc_inspection (qc_inspection_id, institution_id, inspected_on, item_code, max_points,
                                           deducted_points, inspected_by_institution_id)
    SELECT d.institution_id::bigint * 1000 + qn * 10 + it.no, d.institution_id,
           (date '2023-01-01' + (qn - 1) * interval '3 months')::date + 40 + (h & 15)::int,
           it.code, it.pts,
           least(it.pts, round((it.pts * d.deficit * (0.5 + ((h >> 8) & 1023)::float8 / 1023))::numeric, 1)),
           d.inspector
    FROM demo_assessed d
    CROSS JOIN generate_series(1, 8) qn
    CROSS JOIN (VALUES (1, 'core_systems', 20), (2, 'medical_records', 20), (3, 'prescriptions', 15),
                       (4, 'infection_control', 15), (5, 'nursing', 15), (6, 'drug_safety', 15)) it(no, code, pts)
    CROSS JOIN LATERAL (SELECT hashint8extended(d.institution_id::bigint * 1000 + qn * 10 + it.no, v_salt + 18) AS h) hh;

    INSERT INTO medalliance.quality_measure (institution_id, period_start, measure_code, numerator, denominator)
    SELECT institution_id, m, code, least(den, greatest(0, round(den * (p + 0.04 * (u - 0.5))))), den
    FROM (
        SELECT d.institution_id, m::date AS m, ms.code,
               CASE ms.code WHEN 'prescription_qualified' THEN 1 - 0.8 * d.deficit
                            WHEN 'record_complete' THEN 1 - d.deficit
                            ELSE 0.12 + 0.4 * d.deficit END AS p,
               greatest(1, round(scale * CASE WHEN d.level IN ('township_health_centre', 'community_health_centre')
                                              THEN 3000 ELSE 20000 END
                                 * (0.8 + 0.4 * ((h & 1023)::float8 / 1023)))) AS den,
               ((h >> 16) & 1023)::float8 / 1023 AS u
        FROM demo_assessed d
        CROSS JOIN generate_series(date '2023-01-01', date '2024-12-01', interval '1 month') m
        CROSS JOIN (VALUES ('prescription_qualified'), ('record_complete'), ('antibiotic_prescription')) ms(code)
        CROSS JOIN LATERAL (SELECT hashint8extended(d.institution_id::bigint * 100000
                                                    + extract(epoch FROM m)::bigint / 86400 * 4
                                                    + length(ms.code), v_salt + 19) AS h) hh
        WHERE d.institution_id <> 80102 OR m NOT BETWEEN date '2024-03-01' AND date '2024-05-01'
    ) q;

    ---------------------------------------------------------------- surveys
    PERFORM medalliance.add_month_partitions('medalliance.survey_response', date '2023-01-01', date '2024-12-01');
    DROP TABLE IF EXISTS demo_survey_plan;
    CREATE TEMP TABLE demo_survey_plan AS
    SELECT dm.alliance_id, dm.month,
           vo.n_survey AS n,
           dm.tier1 || ARRAY(SELECT d.institution_id FROM demo_assessed d
                             WHERE d.alliance_id = dm.alliance_id
                               AND d.level NOT IN ('township_health_centre', 'community_health_centre')
                             ORDER BY 1) AS surveyed
    FROM demo_month dm JOIN demo_volume vo USING (alliance_id, month)
    UNION ALL
    SELECT 0, month, n_survey, ARRAY[1, 2, 3, 4] FROM demo_volume WHERE alliance_id = 0;

    INSERT INTO medalliance.survey_response (survey_response_id, responded_on, survey_kind, institution_id,
                                             respondent_id, item_code, answer, scale_max)
    SELECT r.key * 16 + it.no, r.d, r.kind, r.inst, r.key, it.code,
           CASE WHEN (hi & 63) = 0 THEN NULL
                ELSE greatest(1, least(5, round(ip.satisfaction_mean - CASE WHEN r.kind = 'staff' THEN 0.3 ELSE 0 END
                     + 1.3 * (((hi >> 8) & 1023)::float8 / 1023 + ((hi >> 20) & 1023)::float8 / 1023
                              + ((hi >> 32) & 1023)::float8 / 1023 - 1.5)::numeric))) END::smallint,
           5
    FROM (
        SELECT s.*, k.key,
               s.surveyed[1 + floor(((h >> 32) & 1048575)::float8 / 1048576 * cardinality(s.surveyed))::int] AS inst,
               CASE WHEN (h & 1023) < 614 THEN 'outpatient' WHEN (h & 1023) < 870 THEN 'inpatient' ELSE 'staff' END AS kind,
               s.month + floor(((h >> 12) & 1023)::float8 / 1024
                               * extract(day FROM (s.month + interval '1 month' - interval '1 day')))::int AS d
        FROM demo_survey_plan s
        CROSS JOIN LATERAL generate_series(1, s.n) i
        CROSS JOIN LATERAL (SELECT ((s.alliance_id::bigint * 100 + (extract(year FROM s.month)::int - 2023) * 12
                                     + extract(month FROM s.month)::int) * 1000000 + i) AS key) k
        CROSS JOIN LATERAL (SELECT hashint8extended(k.key, v_salt + 20) AS h) hh
        OFFSET 0   -- each respondent's institution, kind and day once, not once per answer (2.8 s at scale 0.1)
    ) r
    JOIN medalliance_demo.demo_institution_profile ip ON ip.institution_id = r.inst
    JOIN (VALUES ('outpatient', 1, 'waiting_time'), ('outpatient', 2, 'doctor_communication'),
                 ('outpatient', 3, 'explanation'), ('outpatient', 4, 'privacy'), ('outpatient', 5, 'environment'),
                 ('outpatient', 6, 'cost'), ('outpatient', 7, 'convenience'), ('outpatient', 8, 'overall'),
                 ('inpatient', 1, 'admission'), ('inpatient', 2, 'doctor_communication'), ('inpatient', 3, 'nursing'),
                 ('inpatient', 4, 'explanation'), ('inpatient', 5, 'privacy'), ('inpatient', 6, 'environment'),
                 ('inpatient', 7, 'meals'), ('inpatient', 8, 'cost'), ('inpatient', 9, 'discharge_guidance'),
                 ('inpatient', 10, 'overall'),
                 ('staff', 1, 'workload'), ('staff', 2, 'pay'), ('staff', 3, 'training'), ('staff', 4, 'management'),
                 ('staff', 5, 'development'), ('staff', 6, 'overall')) it(kind, no, code) ON it.kind = r.kind
    CROSS JOIN LATERAL (SELECT hashint8extended(r.key * 16 + it.no, v_salt + 21) AS hi) hh;

    ---------------------------------------------------------------- six-unification evidence
    -- Quarterly.  In the alliance's weak dimension, odd-numbered items have no
    -- evidence and the others are absent or partial; elsewhere items are in
    -- place (90%) or partial.  Members: adm_4 (legal representative held by
    -- the lead's) and qc_1 (a QC organisation in the member).
    INSERT INTO medalliance.unification_evidence (evidence_id, alliance_id, institution_id, period_start, item_code,
                                                  evidence_value, verified_by, verified_on)
    SELECT row_number() OVER (ORDER BY alliance_id, period_start, item_code, institution_id NULLS FIRST),
           alliance_id, institution_id, period_start, item_code, val,
           CASE WHEN verified THEN 'Haidao Provincial Health Commission (synthetic)' END,
           CASE WHEN verified THEN period_start + 20 END
    FROM (
        SELECT a.alliance_id, NULL::int AS institution_id, q::date AS period_start, d.prefix || '_' || n AS item_code,
               CASE WHEN d.dim = a.weak_unification_dimension
                    THEN CASE WHEN (h & 1) = 0 THEN 0 ELSE 0.5 END
                    ELSE CASE WHEN (h & 1023) < 922 THEN 1 ELSE 0.5 END END AS val,
               ((h >> 12) & 1023) < CASE WHEN d.dim = a.weak_unification_dimension THEN 512 ELSE 960 END AS verified
        FROM demo_catch a
        CROSS JOIN generate_series(date '2023-01-01', date '2024-10-01', interval '3 months') q
        CROSS JOIN (VALUES ('administration', 'adm', 8), ('personnel', 'hr', 7), ('finance', 'fin', 8),
                           ('quality', 'qc', 7), ('drugs_devices', 'drug', 7), ('information', 'info', 7)) d(dim, prefix, items)
        CROSS JOIN LATERAL generate_series(1, d.items) n
        CROSS JOIN LATERAL (SELECT hashint8extended(a.alliance_id * 1000 + n * 10 + length(d.prefix)
                                                    + extract(epoch FROM q)::bigint, v_salt + 22) AS h) hh
        WHERE d.dim IS DISTINCT FROM a.weak_unification_dimension OR n % 2 = 0
        UNION ALL
        SELECT a.alliance_id, i.institution_id, q::date, it.code,
               CASE WHEN it.code = 'adm_4' THEN CASE WHEN ins.legal_representative = 'LR-' || a.lead_id THEN 1 ELSE 0 END
                    ELSE CASE WHEN a.weak_unification_dimension = 'quality'
                                   AND (hashint8extended(i.institution_id, v_salt + 23) & 1) = 0 THEN 0 ELSE 1 END END,
               true
        FROM demo_catch a
        JOIN demo_all da USING (alliance_id)
        JOIN demo_inst i ON i.c = da.c AND i.alliance_slot = da.slot AND i.institution_id <> a.lead_id
        JOIN medalliance.institution ins ON ins.institution_id = i.institution_id
        CROSS JOIN generate_series(date '2023-01-01', date '2024-10-01', interval '3 months') q
        CROSS JOIN (VALUES ('adm_4'), ('qc_1')) it(code)
        WHERE i.level IN ('township_health_centre', 'community_health_centre', 'county_hospital',
                          'county_tcm_hospital', 'maternal_child_centre')
          AND (ins.closed_on IS NULL OR ins.closed_on > q)
    ) e;

    ---------------------------------------------------------------- procurement
    INSERT INTO medalliance.procurement (procurement_id, institution_id, ordered_on, item_kind, item_code, quantity,
                                         unit_price, via_unified_platform, buyer_account, is_volume_based)
    SELECT key, inst, d,
           CASE WHEN item % 20 < 14 THEN 'drug' WHEN item % 20 < 19 THEN 'consumable' ELSE 'device' END,
           'SYN-' || lpad(item::text, 4, '0'),
           1 + ((h >> 40) & 255), round((base_price * CASE WHEN via THEN 1 ELSE 1.05 + 0.2 * u END)::numeric, 4),
           via, CASE WHEN via AND platform_share > 0.9 THEN 'UNI-' || alliance_id ELSE 'OWN-' || inst END,
           item % 5 = 0
    FROM (
        SELECT p.*, k.key, h,
               p.buyers[1 + floor(((h >> 32) & 255)::float8 / 256 * cardinality(p.buyers))::int] AS inst,
               p.month + floor(((h >> 12) & 1023)::float8 / 1024 * 28)::int AS d,
               ((h >> 24) & 255) + 1 AS item,
               1 + (hashint8extended(((h >> 24) & 255) + 1, 77) & 1023)::float8 / 10 AS base_price,
               (h & 1023)::float8 / 1024 < p.platform_share AS via,
               ((h >> 48) & 1023)::float8 / 1024 AS u
        FROM (
            SELECT dm.alliance_id, dm.month, a.unified_platform_share::float8 AS platform_share,
                   vo.n_proc AS n,
                   dm.tier1 || ARRAY(SELECT d.institution_id FROM demo_assessed d
                                     WHERE d.alliance_id = dm.alliance_id
                                       AND d.level NOT IN ('township_health_centre', 'community_health_centre')
                                     ORDER BY 1) AS buyers
            FROM demo_month dm JOIN demo_catch a USING (alliance_id)
            JOIN demo_volume vo ON vo.alliance_id = dm.alliance_id AND vo.month = dm.month
            OFFSET 0   -- the buyers once per alliance and month, not once per order (4.8 s at scale 0.04)
        ) p
        CROSS JOIN LATERAL generate_series(1, p.n) i
        CROSS JOIN LATERAL (SELECT ((p.alliance_id::bigint * 100 + (extract(year FROM p.month)::int - 2023) * 12
                                     + extract(month FROM p.month)::int) * 1000000 + i) AS key) k
        CROSS JOIN LATERAL (SELECT hashint8extended(k.key, v_salt + 24) AS h) hh
    ) q;

    ---------------------------------------------------------------- capabilities
    INSERT INTO medalliance.capability (institution_id, period_start, has_radiology, has_ecg, has_remote_point,
                                        offers_tcm, meets_capability_standard, meets_village_clinic_standard)
    SELECT inst, dm.month,
           tier = 1 AND u1 < CASE WHEN a.weak_unification_dimension = 'information' THEN 0.60 ELSE 0.85 END + y2 * 0.10,
           CASE tier WHEN 1 THEN true ELSE u2 < CASE lv WHEN 'community_station' THEN 0.75 ELSE 0.30 END + y2 * 0.10 END,
           u3 < CASE WHEN lv = 'village_clinic' THEN 0.20
                     WHEN a.weak_unification_dimension = 'information' THEN 0.50 ELSE 0.80 END
                + y2 * CASE WHEN lv = 'village_clinic' THEN 0.10 ELSE 0.15 END,
           u4 < CASE WHEN tier = 1 THEN CASE WHEN a.weak_unification_dimension = 'quality' THEN 0.85 ELSE 0.95 END
                     ELSE 0.65 END + y2 * CASE WHEN tier = 1 THEN 0.05 ELSE 0.13 END,
           CASE WHEN tier = 1 THEN u5 < CASE WHEN a.quality_level = 'low' THEN 0.60 ELSE 0.85 END + y2 * 0.08 END,
           CASE WHEN lv = 'village_clinic'
                THEN u6 < CASE WHEN a.weak_unification_dimension = 'personnel' THEN 0.80 ELSE 0.90 END + y2 * 0.06 END
    FROM demo_month dm
    JOIN demo_catch a USING (alliance_id)
    CROSS JOIN LATERAL (SELECT t.inst, 1 FROM unnest(dm.tier1) t(inst)
                        UNION ALL
                        SELECT t.inst, 0 FROM unnest(dm.tier0) t(inst)) m(inst, tier)
    JOIN demo_inst di ON di.institution_id = m.inst
    CROSS JOIN LATERAL (SELECT di.level AS lv,
                               CASE WHEN dm.month >= date '2024-01-01' THEN 1 ELSE 0 END AS y2,
                               hashint8extended(m.inst, v_salt + 25) AS h1,
                               hashint8extended(m.inst, v_salt + 26) AS h2,
                               hashint8extended(m.inst, v_salt + 27) AS h3) hh
    CROSS JOIN LATERAL (SELECT (h1 & 1048575)::float8 / 1048576 AS u1, ((h1 >> 32) & 1048575)::float8 / 1048576 AS u2,
                               (h2 & 1048575)::float8 / 1048576 AS u3, ((h2 >> 32) & 1048575)::float8 / 1048576 AS u4,
                               (h3 & 1048575)::float8 / 1048576 AS u5, ((h3 >> 32) & 1048575)::float8 / 1048576 AS u6) uu;

    ---------------------------------------------------------------- shared centres
    -- Hainan 2021 (琼府办〔2021〕73号) asks each county for six shared centres
    -- (检验、影像、心电、病理、消毒供应、远程诊疗).  The alliances planned with all six
    -- (demo_alliance_profile.all_six_shared_centres, k divisible by 3 and not
    -- weak in information) also run a sterile-supply centre (about 8% of their
    -- services, INVENTED) and read their telemedicine at the lead; the others
    -- have four centres in the county and send telemedicine to the provincial
    -- hospital through the remote network.
    INSERT INTO medalliance.shared_centre_service (service_id, centre_kind, ordering_institution_id,
                                                   reading_institution_id, alliance_id, patient_id, ordered_on, reported_on)
    SELECT key, kind, inst, CASE WHEN kind = 'telemedicine' AND NOT six THEN 1 ELSE lead_id END,
           CASE WHEN kind = 'telemedicine' AND NOT six THEN 901 ELSE alliance_id END,
           patient, d, d + ((h >> 50) & 3)::int
    FROM (
        SELECT p.*, k.key, h,
               p.users[1 + floor(((h >> 32) & 1048575)::float8 / 1048576 * cardinality(p.users))::int] AS inst,
               CASE WHEN (h & 1023) < 410 THEN CASE WHEN p.six AND (h & 1023) >= 328 THEN 'sterile_supply' ELSE 'lab' END
                    WHEN (h & 1023) < 666 THEN 'imaging'
                    WHEN (h & 1023) < 870 THEN 'ecg' WHEN (h & 1023) < 922 THEN 'pathology'
                    ELSE 'telemedicine' END AS kind,
               p.month + floor(((h >> 12) & 1023)::float8 / 1024 * 28)::int AS d,
               p.person_base + 1 + floor(((h >> 22) & 1048575)::float8 / 1048576 * p.persons)::bigint AS patient
        FROM (
            SELECT dm.alliance_id, dm.month, a.lead_id, vo.n_shared AS n,
                   (a.region_id::bigint * 1000000000 + a.alliance_id % 10 * 100000000) AS person_base,
                   round(a.residents)::bigint AS persons,
                   CASE WHEN a.shared_centre_full_coverage THEN dm.tier1
                        ELSE ARRAY(SELECT t FROM unnest(dm.tier1) WITH ORDINALITY u(t, o) WHERE o % 2 = 1 ORDER BY o)
                   END AS users,
                   pr.all_six_shared_centres AS six
            FROM demo_month dm JOIN demo_catch a USING (alliance_id)
            JOIN medalliance_demo.demo_alliance_profile pr ON pr.alliance_id = dm.alliance_id
            JOIN demo_volume vo ON vo.alliance_id = dm.alliance_id AND vo.month = dm.month
        ) p
        CROSS JOIN LATERAL generate_series(1, p.n) i
        CROSS JOIN LATERAL (SELECT ((p.alliance_id::bigint * 100 + (extract(year FROM p.month)::int - 2023) * 12
                                     + extract(month FROM p.month)::int) * 1000000 + i) AS key) k
        CROSS JOIN LATERAL (SELECT hashint8extended(k.key, v_salt + 28) AS h) hh
    ) q;

    PERFORM medalliance_demo.demo_restore_checks(v_remake);

    ---------------------------------------------------------------- encounters, written
    -- The months written by the month writers are taken one by one, moved
    -- into medalliance and attached; without writers each month is written
    -- here.
    FOREACH v_month IN ARRAY v_months LOOP
        v_part := (medalliance.month_partition('medalliance.encounter', v_month)).partition_name;
        IF v_writers > 0 THEN
            -- written, indexed and committed by a month writer into
            -- medalliance_demo under the partition's name
            INSERT INTO medalliance.fund_spending (institution_id, period_start, insured_region_id, fund_kind,
                                                   encounter_kind, settlements, total_cost, fund_payment)
            SELECT f.institution_id, v_month, f.insured_region_id, f.fund_kind, f.encounter_kind, f.settlements,
                   f.total_cost, f.fund_payment
            FROM medalliance_demo.demo_take_month(v_month) f;
            EXECUTE format('ALTER TABLE medalliance_demo.%I SET SCHEMA medalliance', v_part);
            v_table := v_part;
        ELSE
            -- Bulk path: fill a new table, then attach it with the product's
            -- attach_month_partition (the foreign keys are then checked by one
            -- join instead of one lookup per row).
            IF to_regclass(format('medalliance.%I', v_part)) IS NULL THEN
                EXECUTE format('CREATE TABLE medalliance.%I (LIKE medalliance.encounter INCLUDING DEFAULTS INCLUDING CONSTRAINTS)', v_part);
                -- the month's bounds as a CHECK, checked row by row as they are
                -- written: ATTACH PARTITION then finds its partition constraint
                -- implied and does not scan the month again (dropped once attached)
                EXECUTE format('ALTER TABLE medalliance.%I ADD CONSTRAINT %I CHECK (encounter_date >= %L AND encounter_date < %L)',
                               v_part, v_part || '_month_check', v_month, (v_month + interval '1 month')::date);
                v_table := v_part;
            ELSE
                -- the month's partition existed before: through a staging table
                v_table := NULL;
                CREATE TEMP TABLE demo_encounter_rows (LIKE medalliance.encounter INCLUDING DEFAULTS INCLUDING CONSTRAINTS);
            END IF;
            -- The month's encounters, computed in C from its plan rows and written
            -- as COPY writes (demo_write_encounters, src/demo/encounter_writer.c:
            -- the rows the INSERT … SELECT it replaces computed), and their fund
            -- spending, added up as they are written (a GROUP BY over the month's
            -- table read them all again).  It writes only into a table of its own.
            INSERT INTO medalliance.fund_spending (institution_id, period_start, insured_region_id, fund_kind,
                                                   encounter_kind, settlements, total_cost, fund_payment)
            SELECT f.institution_id, v_month, f.insured_region_id, f.fund_kind, f.encounter_kind, f.settlements,
                   f.total_cost, f.fund_payment
            FROM medalliance_demo.demo_write_encounters(
                     CASE WHEN v_table IS NULL THEN 'demo_encounter_rows' ELSE format('medalliance.%I', v_table) END::regclass,
                     v_month, v_salt,
                     ARRAY(SELECT p FROM demo_plan p WHERE p.month = v_month)) f;
            IF v_table IS NULL THEN
                INSERT INTO medalliance.encounter SELECT * FROM demo_encounter_rows;
                DROP TABLE demo_encounter_rows;
            END IF;
        END IF;
        -- Booked referrals to the city and provincial hospitals (预约转诊; 舟山 2018:
        -- 预约转诊占城市公立医院门诊比例达到30%以上).  INVENTED FIGURES, no document
        -- or statistic gives them: each of these hospitals fills a planned share of
        -- its outpatient visits through referrals booked by a family doctor
        -- (demo_institution_profile.booked_referral_share: provincial hospitals 34%
        -- and 32%, Haiyang's city hospital 38%, Lanwan's 20%), spread around the 30%
        -- target so that some hospitals, cities and alliances meet it and others
        -- do not (Haiyang City ≈ 35%, Lanwan City 20%, the province ≈ 32%).  Each
        -- outpatient visit at such a hospital is booked with that probability; its
        -- referral comes from a township or community health centre of the
        -- patient's county, dated up to a week before the visit within its month.
        -- The referrals of the other flows (before this loop) stay as they were
        -- (the few out of the county that were booked add about 0.3 percentage points).  Patients of
        -- a county directly under the province who are booked into the capital's
        -- hospitals leave their city-level unit, so these referrals raise their
        -- alliances' out-of-city referral rates; the booked referrals within the
        -- county (next) are the bulk of an alliance's referrals, as in a county
        -- medical community whose members book their patients into its hospitals,
        -- and bring those rates back to a spread around Nantong's 10%.
        -- Booked referrals within the alliance (预约转诊 to its county hospital, TCM
        -- hospital and maternal-child centre).  INVENTED FIGURES: a planned share
        -- of those hospitals' outpatient visits, 30–50% by alliance
        -- (demo_alliance_profile.hospital_booked_referral_share), comes booked by a
        -- township or community health centre of the same alliance, dated up to a
        -- week before the visit within its month.
        -- Both kinds of booking are computed from the dimensions here, a row
        -- per hospital (and patient's county for the first kind), and the
        -- month's visits are read once, in C (demo_booked_referrals,
        -- src/demo/booked_referrals.c): a visit is booked when
        -- hashint8extended(encounter_id, salt + salt_offset) falls under the
        -- share; the referral's id, date, referring centre and reserved slot
        -- come from the same hash (see the C), the rows two joins of the
        -- month's encounters gave before (and an ANALYZE of the month, for
        -- their plans).
        INSERT INTO medalliance.referral (referral_id, referral_date, from_institution_id, to_institution_id, patient_id,
                                          residence_region_id, referral_kind, by_appointment, reserved_slot)
        SELECT b.referral_id, b.referral_date, b.from_institution_id, b.to_institution_id, b.patient_id,
               b.residence_region_id, 'outpatient', true, b.reserved_slot
        FROM medalliance_demo.demo_booked_referrals(format('medalliance.%I', v_part)::regclass, v_month, v_salt, ARRAY(
                 SELECT bk FROM (
                     -- to the city and provincial hospitals, from a centre of the patient's county
                     SELECT ip.institution_id, ra.region_id AS residence_region_id, 1000000000000000::bigint AS id_base,
                            29 AS salt_offset, ip.booked_referral_share::float8 AS share, c.tier1 AS from_ids
                     FROM medalliance_demo.demo_institution_profile ip
                     CROSS JOIN medalliance.region_ancestry ra
                     JOIN (SELECT ca.region_id, array_agg(t ORDER BY t) AS tier1
                           FROM demo_catch ca JOIN demo_month dm USING (alliance_id) CROSS JOIN LATERAL unnest(dm.tier1) t
                           WHERE dm.month = v_month
                           GROUP BY 1) c ON c.region_id = ra.county_id
                     WHERE ip.booked_referral_share IS NOT NULL
                     UNION ALL
                     -- to the county hospital, TCM hospital and maternal-child centre, from a centre of the alliance
                     SELECT i.institution_id, NULL, 2000000000000000, 30, a.hospital_booked_referral_share::float8, dm.tier1
                     FROM medalliance.institution i
                     JOIN medalliance.membership m ON m.institution_id = i.institution_id AND m.alliance_id < 900
                     JOIN medalliance_demo.demo_alliance_profile a ON a.alliance_id = m.alliance_id
                     JOIN demo_month dm ON dm.alliance_id = m.alliance_id AND dm.month = v_month
                     WHERE i.institution_level IN ('county_hospital', 'county_tcm_hospital', 'maternal_child_centre')
                       AND cardinality(dm.tier1) > 0) bk)) b;

        IF v_table IS NOT NULL THEN
            PERFORM medalliance.attach_month_partition('medalliance.encounter', v_month,
                                                       format('medalliance.%I', v_table)::regclass);
            EXECUTE format('ALTER TABLE medalliance.%I DROP CONSTRAINT %I', v_table, v_table || '_month_check');
            IF v_writers > 0 THEN
                EXECUTE format('ALTER TABLE medalliance.%I RESET (autovacuum_enabled, toast.autovacuum_enabled)', v_table);
            END IF;
        END IF;
    END LOOP;

    ---------------------------------------------------------------- finish
    PERFORM medalliance_demo.demo_restore_checks(v_remake_late);
    -- Identity sequences continue after the generated ids.
    PERFORM setval(pg_get_serial_sequence('medalliance.' || s.t, s.c), coalesce(s.mx, 0) + 1, false)
    FROM (VALUES ('referral', 'referral_id', (SELECT max(referral_id) FROM medalliance.referral)),
                 ('deployment', 'deployment_id', (SELECT max(deployment_id) FROM medalliance.deployment)),
                 ('contract', 'contract_id', (SELECT max(contract_id) FROM medalliance.contract)),
                 ('qc_inspection', 'qc_inspection_id', (SELECT max(qc_inspection_id) FROM medalliance.qc_inspection)),
                 ('unification_evidence', 'evidence_id', (SELECT max(evidence_id) FROM medalliance.unification_evidence)),
                 ('procurement', 'procurement_id', (SELECT max(procurement_id) FROM medalliance.procurement)),
                 ('shared_centre_service', 'service_id', (SELECT max(service_id) FROM medalliance.shared_centre_service))
         ) s(t, c, mx);
    DROP TABLE IF EXISTS demo_county, demo_inst, demo_all, demo_catch, demo_month, demo_person, demo_person_count,
                         demo_plan, demo_volume, demo_assessed, demo_survey_plan;

    FOREACH v_table IN ARRAY ARRAY['region', 'population', 'catchment_population', 'institution', 'alliance',
                                   'membership', 'encounter', 'referral', 'deployment', 'contract', 'chronic_care', 'qc_inspection',
                                   'quality_measure', 'survey_response', 'unification_evidence', 'procurement',
                                   'capability', 'shared_centre_service', 'fund_spending',
                                   'demo_alliance_profile', 'demo_institution_profile'] LOOP
        EXECUTE format('ANALYZE %I.%I', medalliance_demo.demo_table_schema(v_table), v_table);
        EXECUTE format('SELECT count(*) FROM %I.%I', medalliance_demo.demo_table_schema(v_table), v_table) INTO STRICT v_rows;
        table_name := v_table;
        row_count := v_rows;
        RETURN NEXT;
    END LOOP;
END
$function$;
COMMENT ON FUNCTION medalliance_demo.generate_demo_province(double precision, integer) IS
    '生成合成省份 generate_demo_province(scale, seed): fills an empty warehouse with a SYNTHETIC Hainan-like province (invented names) — 18 county-level units, 22 county medical communities, ~3,500 institutions, two years (2023–2024); at scale 1 about 10 million residents and 60 million encounters a year. Deterministic for a given seed; fact rows grow linearly with scale. Returns the rows written per table.';
