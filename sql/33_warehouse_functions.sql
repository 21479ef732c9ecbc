-- The warehouse contract, continued: monthly partitions, where each region
-- and unit lies (region_ancestry, unit_directory) and the referral view.

-- Monthly partitions (月分区) ------------------------------------------------

-- month_partition(parent, month): the name and bounds of a month's partition,
-- after checking that parent is one of the tables partitioned by month.
CREATE FUNCTION medalliance.month_partition(parent regclass, month date,
                                            OUT partition_name text, OUT month_start date, OUT month_end date)
RETURNS record
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, medalliance, pg_temp
AS $function$
BEGIN
    IF parent NOT IN ('medalliance.encounter'::regclass, 'medalliance.survey_response'::regclass) THEN
        RAISE EXCEPTION 'table % is not partitioned by month', parent
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Monthly partitions exist for medalliance.encounter and medalliance.survey_response.';
    END IF;
    month_start := pg_catalog.date_trunc('month', month::timestamp)::date;
    month_end := (month_start + interval '1 month')::date;
    SELECT pg_catalog.format('%s_p%s', c.relname, pg_catalog.to_char(month_start, 'YYYYMM'))
    INTO partition_name FROM pg_catalog.pg_class c WHERE c.oid = parent;
END
$function$;
COMMENT ON FUNCTION medalliance.month_partition(regclass, date) IS
    '月分区名称 The name (<table>_pYYYYMM) and bounds of the monthly partition of medalliance.encounter or medalliance.survey_response that holds a month; 22023 for any other table.';

-- comment_month_partition(partition, parent, month): the comment every monthly partition carries.
CREATE FUNCTION medalliance.comment_month_partition(part regclass, parent regclass, month date)
RETURNS void
LANGUAGE plpgsql VOLATILE STRICT PARALLEL UNSAFE
SET search_path = pg_catalog, medalliance, pg_temp
AS $function$
BEGIN
    EXECUTE pg_catalog.format('COMMENT ON TABLE %s IS %L', part,
                              pg_catalog.format('%s 月分区 monthly partition of %s for %s.',
                                                pg_catalog.to_char(month, 'YYYY-MM'), parent,
                                                pg_catalog.to_char(month, 'YYYY-MM')));
END
$function$;
COMMENT ON FUNCTION medalliance.comment_month_partition(regclass, regclass, date) IS
    '月分区注释 Writes the comment of a monthly partition (used by add_month_partitions and attach_month_partition).';

-- index_month_partition(partition, parent): the primary key and indexes every
-- monthly partition carries.  They are declared here, per partition, and not
-- on the partitioned tables (see sql/32_warehouse_facts.sql): a partition is
-- user data that pg_dump dumps with its own indexes, while the partitioned
-- table belongs to the extension.  Names are those PostgreSQL would derive.
CREATE FUNCTION medalliance.index_month_partition(part regclass, parent regclass)
RETURNS void
LANGUAGE plpgsql VOLATILE STRICT PARALLEL UNSAFE
SET search_path = pg_catalog, medalliance, pg_temp
AS $function$
DECLARE
    name    text;
    key     text[];
    indexes text[][];
    i       integer;
BEGIN
    SELECT c.relname INTO name FROM pg_catalog.pg_class c WHERE c.oid = part;
    IF parent = 'medalliance.encounter'::regclass THEN
        key := ARRAY['encounter_id', 'encounter_date'];
        indexes := ARRAY[ARRAY['institution_id', 'encounter_date'], ARRAY['residence_region_id', 'encounter_date']];
    ELSIF parent = 'medalliance.survey_response'::regclass THEN
        key := ARRAY['survey_response_id', 'responded_on'];
        indexes := ARRAY[ARRAY['institution_id', 'responded_on']];
    ELSE
        PERFORM medalliance.month_partition(parent, current_date);   -- raises 22023
    END IF;
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_constraint c WHERE c.conrelid = part AND c.contype = 'p') THEN
        EXECUTE pg_catalog.format('ALTER TABLE %s ADD CONSTRAINT %I PRIMARY KEY (%I, %I)',
                                  part, name || '_pkey', key[1], key[2]);
    END IF;
    FOR i IN 1 .. pg_catalog.array_length(indexes, 1) LOOP
        EXECUTE pg_catalog.format('CREATE INDEX IF NOT EXISTS %I ON %s (%I, %I)',
                                  pg_catalog.format('%s_%s_%s_idx', name, indexes[i][1], indexes[i][2]),
                                  part, indexes[i][1], indexes[i][2]);
    END LOOP;
END
$function$;
COMMENT ON FUNCTION medalliance.index_month_partition(regclass, regclass) IS
    '月分区索引 Creates, when missing, the primary key (id, date) and the (institution, date) and (residence, date) indexes of a monthly partition of medalliance.encounter or medalliance.survey_response (used by add_month_partitions and attach_month_partition; run it on a partition created by hand).';

-- add_month_partitions runs as the owner of the tables (SECURITY DEFINER):
-- a partition can only be created by the owner of its parent, and handing
-- admins the ownership of the warehouse tables would let them alter or drop
-- them.  It creates nothing but the partitions of the two tables
-- month_partition() accepts, under names it makes itself.
CREATE FUNCTION medalliance.add_month_partitions(parent regclass, first_month date, last_month date)
RETURNS SETOF regclass
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SECURITY DEFINER
SET search_path = pg_catalog, medalliance, pg_temp
AS $function$
DECLARE
    month date;
    part  record;
BEGIN
    -- not STRICT: a NULL argument would silently create nothing
    IF parent IS NULL OR first_month IS NULL OR last_month IS NULL THEN
        RAISE EXCEPTION 'add_month_partitions needs a table, a first month and a last month'
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'For example add_month_partitions(''medalliance.encounter'', ''2025-01-01'', ''2025-12-01'').';
    END IF;
    PERFORM medalliance.month_partition(parent, first_month);
    IF first_month > last_month THEN
        RAISE EXCEPTION 'first month % is after last month %', first_month, last_month
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Give the first and the last month to create, in that order.';
    END IF;
    IF first_month < date '1949-01-01' OR last_month >= date '2200-01-01'
       OR (extract(year FROM last_month) - extract(year FROM first_month)) > 50 THEN
        RAISE EXCEPTION 'months % to % are outside 1949–2199 or span more than 50 years', first_month, last_month
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Create the partitions of the years you load.';
    END IF;
    FOR month IN
        SELECT g::date FROM pg_catalog.generate_series(pg_catalog.date_trunc('month', first_month::timestamp),
                                                       pg_catalog.date_trunc('month', last_month::timestamp),
                                                       interval '1 month') AS g
    LOOP
        part := medalliance.month_partition(parent, month);
        IF pg_catalog.to_regclass(pg_catalog.format('medalliance.%I', part.partition_name)) IS NULL THEN
            EXECUTE pg_catalog.format('CREATE TABLE medalliance.%I PARTITION OF %s FOR VALUES FROM (%L) TO (%L)',
                                      part.partition_name, parent, part.month_start, part.month_end);
            PERFORM medalliance.index_month_partition(
                pg_catalog.format('medalliance.%I', part.partition_name)::regclass, parent);
            PERFORM medalliance.comment_month_partition(
                pg_catalog.format('medalliance.%I', part.partition_name)::regclass, parent, month);
            RETURN NEXT pg_catalog.format('medalliance.%I', part.partition_name)::regclass;
        END IF;
    END LOOP;
END
$function$;
COMMENT ON FUNCTION medalliance.add_month_partitions(regclass, date, date) IS
    '创建月分区 add_month_partitions(parent, first_month, last_month): creates the missing monthly partitions <table>_pYYYYMM of medalliance.encounter or medalliance.survey_response for every month from first_month to last_month, each with its primary key and indexes (index_month_partition), and returns those it created. Run it (as a member of medalliance_admin) before loading a new month; SECURITY DEFINER, as only the owner of a table can add partitions to it.';
REVOKE ALL ON FUNCTION medalliance.add_month_partitions(regclass, date, date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION medalliance.add_month_partitions(regclass, date, date) TO medalliance_admin;

-- attach_month_partition(parent, month, loaded): the bulk path for a large
-- month.  A table created LIKE the parent and loaded on its own is attached as
-- the month's partition: its foreign keys are then checked by one join
-- instead of one lookup per row.
CREATE FUNCTION medalliance.attach_month_partition(parent regclass, month date, loaded regclass)
RETURNS regclass
LANGUAGE plpgsql VOLATILE STRICT PARALLEL UNSAFE
SET search_path = pg_catalog, medalliance, pg_temp
AS $function$
DECLARE
    part record;
BEGIN
    part := medalliance.month_partition(parent, month);
    IF loaded <> pg_catalog.to_regclass(pg_catalog.format('medalliance.%I', part.partition_name)) THEN
        RAISE EXCEPTION 'table % is not named as the partition of % for %', loaded, parent,
                        pg_catalog.to_char(part.month_start, 'YYYY-MM')
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = pg_catalog.format('Create it as medalliance.%I (LIKE %s INCLUDING DEFAULTS INCLUDING CONSTRAINTS).',
                                           part.partition_name, parent);
    END IF;
    EXECUTE pg_catalog.format('ALTER TABLE %s ATTACH PARTITION %s FOR VALUES FROM (%L) TO (%L)',
                              parent, loaded, part.month_start, part.month_end);
    PERFORM medalliance.index_month_partition(loaded, parent);
    PERFORM medalliance.comment_month_partition(loaded, parent, part.month_start);
    RETURN loaded;
END
$function$;
COMMENT ON FUNCTION medalliance.attach_month_partition(regclass, date, regclass) IS
    '挂载月分区 attach_month_partition(parent, month, loaded): attaches medalliance.<table>_pYYYYMM, created LIKE the parent and loaded on its own, as the partition of that month (its foreign keys are checked by one join), and comments it; 22023 for a table of another name.';

-- Geography (区域归属) ---------------------------------------------------------

CREATE VIEW medalliance.region_ancestry AS
SELECT r.region_id,
       r.region_level,
       CASE WHEN r.region_level = 'county' THEN r.region_id END AS county_id,
       CASE WHEN r.region_level = 'city' THEN r.region_id
            WHEN p.region_level = 'city' THEN p.region_id END AS city_id,
       CASE WHEN r.region_level = 'province' THEN r.region_id
            WHEN p.region_level = 'province' THEN p.region_id
            WHEN g.region_level = 'province' THEN g.region_id END AS province_id
FROM medalliance.region r
LEFT JOIN medalliance.region p ON p.region_id = r.parent_region_id
LEFT JOIN medalliance.region g ON g.region_id = p.parent_region_id;
COMMENT ON VIEW medalliance.region_ancestry IS
    '区域归属 region ancestry: the county, city and province each region lies in (a county directly under the province, 省直管县, has no city).';
COMMENT ON COLUMN medalliance.region_ancestry.region_id IS '区域 the region.';
COMMENT ON COLUMN medalliance.region_ancestry.region_level IS '区域层级 its level: province, city or county.';
COMMENT ON COLUMN medalliance.region_ancestry.county_id IS '所属县 the county it lies in (itself for a county); NULL above county level.';
COMMENT ON COLUMN medalliance.region_ancestry.city_id IS '所属市 the city it lies in (itself for a city); NULL for a province or a county directly under it.';
COMMENT ON COLUMN medalliance.region_ancestry.province_id IS '所属省 the province it lies in (itself for a province).';

CREATE VIEW medalliance.unit_directory AS
SELECT 'institution'::text AS unit_level, i.institution_id AS unit_id, i.institution_name AS unit_name,
       g.county_id, g.city_id, g.province_id
FROM medalliance.institution i JOIN medalliance.region_ancestry g ON g.region_id = i.region_id
UNION ALL
SELECT 'alliance', a.alliance_id, a.alliance_name, g.county_id, g.city_id, g.province_id
FROM medalliance.alliance a JOIN medalliance.region_ancestry g ON g.region_id = a.region_id
UNION ALL
SELECT r.region_level, r.region_id, r.region_name, g.county_id, g.city_id, g.province_id
FROM medalliance.region r JOIN medalliance.region_ancestry g ON g.region_id = r.region_id;
COMMENT ON VIEW medalliance.unit_directory IS
    '评价单位 every unit a result can name — institution, alliance, county, city, province — with its name and the regions it lies in.';
COMMENT ON COLUMN medalliance.unit_directory.unit_level IS '单位层级 institution, alliance, county, city or province.';
COMMENT ON COLUMN medalliance.unit_directory.unit_id IS '单位编号 institution_id, alliance_id or region_id.';
COMMENT ON COLUMN medalliance.unit_directory.unit_name IS '单位名称 the name.';
COMMENT ON COLUMN medalliance.unit_directory.county_id IS '所属县 the county it lies in, if any.';
COMMENT ON COLUMN medalliance.unit_directory.city_id IS '所属市 the city it lies in, if any.';
COMMENT ON COLUMN medalliance.unit_directory.province_id IS '所属省 the province it lies in.';

-- Referrals with their direction (转诊方向) ----------------------------------

CREATE VIEW medalliance.referral_detail AS
SELECT r.referral_id,
       r.referral_date,
       r.from_institution_id,
       r.to_institution_id,
       f.region_id AS from_region_id,
       t.region_id AS to_region_id,
       r.referral_kind,
       r.by_appointment,
       r.reserved_slot,
       CASE
           WHEN f.care_tier IS NULL OR t.care_tier IS NULL THEN NULL
           WHEN t.care_tier > f.care_tier THEN 'upward'
           WHEN t.care_tier < f.care_tier THEN 'downward'
           ELSE 'lateral'
       END AS direction,
       EXISTS (
           SELECT FROM medalliance.membership mf
           JOIN medalliance.membership mt ON mt.alliance_id = mf.alliance_id
           WHERE mf.institution_id = r.from_institution_id
             AND mt.institution_id = r.to_institution_id
             AND r.referral_date >= mf.valid_from AND (mf.valid_to IS NULL OR r.referral_date < mf.valid_to)
             AND r.referral_date >= mt.valid_from AND (mt.valid_to IS NULL OR r.referral_date < mt.valid_to)
       ) AS within_alliance
FROM medalliance.referral r
JOIN medalliance.institution f ON f.institution_id = r.from_institution_id
JOIN medalliance.institution t ON t.institution_id = r.to_institution_id;
COMMENT ON VIEW medalliance.referral_detail IS
    '转诊明细 referrals with what follows from the dimensions: the regions of both ends, the direction (上转/下转) from the care tiers, and whether both ends belonged to one alliance on the referral date.';
COMMENT ON COLUMN medalliance.referral_detail.referral_id IS '转诊编号 referral id.';
COMMENT ON COLUMN medalliance.referral_detail.referral_date IS '转诊日期 date of the referral.';
COMMENT ON COLUMN medalliance.referral_detail.from_institution_id IS '转出机构 the referring institution.';
COMMENT ON COLUMN medalliance.referral_detail.to_institution_id IS '转入机构 the receiving institution.';
COMMENT ON COLUMN medalliance.referral_detail.from_region_id IS '转出地区 region of the referring institution.';
COMMENT ON COLUMN medalliance.referral_detail.to_region_id IS '转入地区 region of the receiving institution (a referral out of the county when it differs).';
COMMENT ON COLUMN medalliance.referral_detail.referral_kind IS '转诊类型 outpatient or inpatient.';
COMMENT ON COLUMN medalliance.referral_detail.by_appointment IS '预约转诊 booked through the appointment platform.';
COMMENT ON COLUMN medalliance.referral_detail.reserved_slot IS '预留号源 used a slot reserved for primary care.';
COMMENT ON COLUMN medalliance.referral_detail.direction IS
    '转诊方向 upward (上转: to a higher care tier), downward (下转: to a lower one), lateral (同级); NULL when either end has no tier (public-health body, private).';
COMMENT ON COLUMN medalliance.referral_detail.within_alliance IS
    '医联体内转诊 true when both institutions belonged to one alliance on the referral date.';

GRANT SELECT ON medalliance.region_ancestry, medalliance.unit_directory TO medalliance_reader;
-- referral_detail shows every referral (ids, dates, institutions): event rows,
-- for analysts, not for the BI readers who see aggregates.
GRANT SELECT ON medalliance.referral_detail TO medalliance_analyst;
