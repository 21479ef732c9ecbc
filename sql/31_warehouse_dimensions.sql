-- The warehouse contract, dimensions (维度): regions and their population,
-- institutions, alliances and their memberships.  A commission loads these
-- tables with COPY (README, "The warehouse") or maps its own tables onto them.
--
-- Keys are the loader's own: region_id, institution_id and alliance_id come
-- from the commission's registers (e.g. 行政区划代码, 机构代码), so that facts
-- can be loaded in any order and reloaded without renumbering.
--
-- Every table is registered with pg_extension_config_dump: its rows are the
-- commission's data, and pg_dump must keep them.

-- Closed lists (封闭代码表) ------------------------------------------------------
-- Each list of codes is written once, here, and every constraint, trigger and
-- generated column that needs it calls these functions.

-- The institution levels (机构层级) and the tier of care of each (0 village
-- and station, 1 township and community centre, 2 county, 3 city, 4
-- provincial; none for public-health bodies and private institutions).
CREATE FUNCTION medalliance.institution_level_tiers() RETURNS jsonb
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT '{"provincial_hospital": 4, "city_hospital": 3, "county_hospital": 2, "county_tcm_hospital": 2,
             "maternal_child_centre": 2, "township_health_centre": 1, "community_health_centre": 1,
             "village_clinic": 0, "community_station": 0, "public_health_body": null, "private": null}'::jsonb
$$;
COMMENT ON FUNCTION medalliance.institution_level_tiers() IS
    '机构层级 The one list of institution levels, each with its tier of care (0 村卫生室/社区卫生服务站, 1 乡镇卫生院/社区卫生服务中心, 2 县级, 3 市级, 4 省级; null for 专业公共卫生机构 and 民营).';

CREATE FUNCTION medalliance.institution_levels() RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$ SELECT ARRAY(SELECT jsonb_object_keys(medalliance.institution_level_tiers())) $$;
COMMENT ON FUNCTION medalliance.institution_levels() IS '机构层级列表 The institution levels, from institution_level_tiers().';

CREATE FUNCTION medalliance.care_tier(institution_level text) RETURNS smallint
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$ SELECT (medalliance.institution_level_tiers() ->> institution_level)::smallint $$;
COMMENT ON FUNCTION medalliance.care_tier(text) IS
    '服务层级 The tier of care of an institution level (0 village … 4 provincial); NULL for public-health bodies, private institutions and unknown levels.';

-- The alliance kinds (医联体类型).
CREATE FUNCTION medalliance.alliance_kinds() RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$ SELECT ARRAY['county_medical_community', 'city_medical_group', 'specialty_alliance', 'remote_network'] $$;
COMMENT ON FUNCTION medalliance.alliance_kinds() IS
    '医联体类型 The one list of alliance kinds: county_medical_community (县域医共体), city_medical_group (城市医疗集团), specialty_alliance (专科联盟), remote_network (远程医疗协作网).';


-- The population groups (人群) of population and catchment_population.
CREATE FUNCTION medalliance.population_groups() RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$ SELECT ARRAY['all', 'key_any', 'elderly', 'children', 'pregnant', 'chronic', 'disabled', 'poor'] $$;
COMMENT ON FUNCTION medalliance.population_groups() IS
    '人群列表 The one list of population groups of population and catchment_population: all (全部常住人口), key_any (重点人群合计，去重), elderly, children, pregnant, chronic, disabled, poor.';

-- Region ----------------------------------------------------------------------

CREATE TABLE medalliance.region (
    region_id        integer
        CONSTRAINT region_pkey PRIMARY KEY,
    region_code      text
        CONSTRAINT region_code_key UNIQUE,
    region_name      text NOT NULL,
    region_level     text NOT NULL
        CONSTRAINT region_level_check CHECK (region_level IN ('province', 'city', 'county')),
    parent_region_id integer,   -- region_parent_fkey, a constraint trigger (self_reference_check)
    CONSTRAINT region_parent_check
        CHECK ((region_level = 'province') = (parent_region_id IS NULL)),
    CONSTRAINT region_not_own_parent_check CHECK (parent_region_id <> region_id)
);
CREATE INDEX region_parent_idx ON medalliance.region (parent_region_id);
CREATE CONSTRAINT TRIGGER region_parent_fkey AFTER INSERT OR UPDATE OR DELETE ON medalliance.region
    FOR EACH ROW EXECUTE FUNCTION medalliance.self_reference_check('parent_region_id', 'region_id');
COMMENT ON TABLE medalliance.region IS
    '行政区域 region: the province → city → county hierarchy (a county is any county-level unit: 县、县级市、区). A county may hang directly under the province (省直辖县, as in Hainan).';
COMMENT ON COLUMN medalliance.region.region_id IS
    '区域编号 region id, the loader''s key (for instance the 6-digit 行政区划代码 as an integer).';
COMMENT ON COLUMN medalliance.region.region_code IS
    '行政区划代码 administrative division code, when it differs from region_id.';
COMMENT ON COLUMN medalliance.region.region_name IS
    '区域名称 region name.';
COMMENT ON COLUMN medalliance.region.region_level IS
    '区域层级 level: province (省), city (市), county (县级: 县、县级市、区).';
COMMENT ON COLUMN medalliance.region.parent_region_id IS
    '上级区域 the region this one belongs to; NULL for a province only. Its level must be higher (validate_warehouse checks).';

CREATE TABLE medalliance.population (
    region_id        integer NOT NULL
        CONSTRAINT population_region_fkey REFERENCES medalliance.region (region_id),
    year             smallint NOT NULL
        CONSTRAINT population_year_check CHECK (year BETWEEN 1949 AND 2200),
    population_group text NOT NULL
        CONSTRAINT population_group_check CHECK (population_group = ANY (medalliance.population_groups())),
    residents        bigint NOT NULL
        CONSTRAINT population_residents_check CHECK (residents >= 0),
    CONSTRAINT population_pkey PRIMARY KEY (region_id, year, population_group)
);
COMMENT ON TABLE medalliance.population IS
    '常住人口 population: residents of a region in a year, all residents and the key groups of family-doctor contracting (重点人群). Denominators of contract rates. Usually loaded per county; cities and the province are the sums.';
COMMENT ON COLUMN medalliance.population.region_id IS
    '区域 the region.';
COMMENT ON COLUMN medalliance.population.year IS
    '年度 the year (year-end or annual average resident population, as the statistics bureau publishes it).';
COMMENT ON COLUMN medalliance.population.population_group IS
    '人群 group: all (全部常住人口), key_any (重点人群合计，去重 — any key group, each person once), elderly (65岁及以上老年人), children (0–6岁儿童), pregnant (孕产妇), chronic (慢性病患者: 高血压、糖尿病等), disabled (残疾人), poor (脱贫/低收入家庭人口).';
COMMENT ON COLUMN medalliance.population.residents IS
    '人数 number of residents in the group.';

-- Institution -----------------------------------------------------------------

CREATE TABLE medalliance.institution (
    institution_id        integer
        CONSTRAINT institution_pkey PRIMARY KEY,
    institution_code      text
        CONSTRAINT institution_code_key UNIQUE,
    institution_name      text NOT NULL,
    institution_level     text NOT NULL
        CONSTRAINT institution_level_check CHECK (institution_level = ANY (medalliance.institution_levels())),
    is_primary            boolean NOT NULL GENERATED ALWAYS AS (
        coalesce(medalliance.care_tier(institution_level) <= 1, false)) STORED,
    care_tier             smallint GENERATED ALWAYS AS (medalliance.care_tier(institution_level)) STORED,
    region_id             integer NOT NULL
        CONSTRAINT institution_region_fkey REFERENCES medalliance.region (region_id),
    parent_institution_id integer,   -- institution_parent_fkey, a constraint trigger (self_reference_check)
    legal_representative  text,
    opened_on             date,
    closed_on             date,
    CONSTRAINT institution_not_own_parent_check CHECK (parent_institution_id <> institution_id),
    CONSTRAINT institution_open_dates_check CHECK (closed_on > opened_on)
);
CREATE INDEX institution_region_idx ON medalliance.institution (region_id);
CREATE INDEX institution_parent_idx ON medalliance.institution (parent_institution_id);
CREATE CONSTRAINT TRIGGER institution_parent_fkey AFTER INSERT OR UPDATE OR DELETE ON medalliance.institution
    FOR EACH ROW EXECUTE FUNCTION medalliance.self_reference_check('parent_institution_id', 'institution_id');
COMMENT ON TABLE medalliance.institution IS
    '医疗卫生机构 institution: a hospital, primary-care institution, public-health body or private institution, with its level and the region where it sits.';
COMMENT ON COLUMN medalliance.institution.institution_id IS
    '机构编号 institution id, the loader''s key.';
COMMENT ON COLUMN medalliance.institution.institution_code IS
    '机构代码 registration code (统一社会信用代码 or 医疗机构登记号), when known.';
COMMENT ON COLUMN medalliance.institution.institution_name IS
    '机构名称 institution name.';
COMMENT ON COLUMN medalliance.institution.institution_level IS
    '机构类别 level: provincial_hospital (省级医院), city_hospital (市级医院), county_hospital (县级医院), county_tcm_hospital (县中医院), maternal_child_centre (妇幼保健院), township_health_centre (乡镇卫生院), community_health_centre (社区卫生服务中心), village_clinic (村卫生室), community_station (社区卫生服务站), public_health_body (专业公共卫生机构), private (社会办医疗机构).';
COMMENT ON COLUMN medalliance.institution.is_primary IS
    '基层医疗卫生机构 primary-care institution: township and community health centres, village clinics and community stations (derived from the level).';
COMMENT ON COLUMN medalliance.institution.care_tier IS
    '服务层级 tier of care used to tell upward from downward referrals (derived from the level): 0 village clinic / community station, 1 township / community health centre, 2 county-level hospital (incl. TCM and maternal–child), 3 city, 4 provincial; NULL for public-health bodies and private institutions.';
COMMENT ON COLUMN medalliance.institution.region_id IS
    '所在区域 the region where the institution sits (a county for county-level and primary institutions).';
COMMENT ON COLUMN medalliance.institution.parent_institution_id IS
    '上级管理机构 the institution that runs this one: the township health centre of a village clinic (乡村一体化), the community health centre of a community station.';
COMMENT ON COLUMN medalliance.institution.legal_representative IS
    '法定代表人 the legal representative (an identifier of the person); six-unification item adm_4 compares members'' with the lead''s.';
COMMENT ON COLUMN medalliance.institution.opened_on IS
    '开业日期 first day open; NULL when open since before the warehouse begins.';
COMMENT ON COLUMN medalliance.institution.closed_on IS
    '停业日期 first day closed; NULL while open. Months after it expect no data (reporting_completeness).';

-- Alliance and membership -----------------------------------------------------

CREATE TABLE medalliance.alliance (
    alliance_id          integer
        CONSTRAINT alliance_pkey PRIMARY KEY,
    alliance_name        text NOT NULL,
    alliance_kind        text NOT NULL
        CONSTRAINT alliance_kind_check CHECK (alliance_kind = ANY (medalliance.alliance_kinds())),
    region_id            integer NOT NULL
        CONSTRAINT alliance_region_fkey REFERENCES medalliance.region (region_id),
    lead_institution_id  integer NOT NULL
        CONSTRAINT alliance_lead_fkey REFERENCES medalliance.institution (institution_id),
    specialty            text,
    formed_on            date,
    dissolved_on         date,
    CONSTRAINT alliance_dates_check CHECK (dissolved_on > formed_on),
    CONSTRAINT alliance_specialty_check
        CHECK ((alliance_kind = 'specialty_alliance') = (specialty IS NOT NULL))
);
CREATE INDEX alliance_region_idx ON medalliance.alliance (region_id);
CREATE INDEX alliance_lead_idx ON medalliance.alliance (lead_institution_id);
COMMENT ON TABLE medalliance.alliance IS
    '医联体 medical alliance: a county medical community (县域医共体), city medical group (城市医疗集团), specialty alliance (专科联盟) or remote network (远程医疗协作网), with its region and lead institution.';
COMMENT ON COLUMN medalliance.alliance.alliance_id IS
    '医联体编号 alliance id, the loader''s key.';
COMMENT ON COLUMN medalliance.alliance.alliance_name IS
    '医联体名称 alliance name.';
COMMENT ON COLUMN medalliance.alliance.alliance_kind IS
    '医联体类型 kind: county_medical_community (紧密型县域医共体), city_medical_group (城市医疗集团), specialty_alliance (专科联盟), remote_network (远程医疗协作网).';
COMMENT ON COLUMN medalliance.alliance.region_id IS
    '所在区域 the region the alliance serves: a county for a county medical community, a city or the province otherwise.';
COMMENT ON COLUMN medalliance.alliance.lead_institution_id IS
    '牵头医院 lead institution; it must also hold a lead membership (validate_warehouse checks).';
COMMENT ON COLUMN medalliance.alliance.specialty IS
    '专科 the specialty of a specialty alliance (e.g. cardiology); NULL for every other kind.';
COMMENT ON COLUMN medalliance.alliance.formed_on IS
    '成立日期 date the alliance was formed.';
COMMENT ON COLUMN medalliance.alliance.dissolved_on IS
    '撤销日期 first day the alliance no longer exists; NULL while it does.';

CREATE TABLE medalliance.membership (
    alliance_id     integer NOT NULL
        CONSTRAINT membership_alliance_fkey REFERENCES medalliance.alliance (alliance_id),
    institution_id  integer NOT NULL
        CONSTRAINT membership_institution_fkey REFERENCES medalliance.institution (institution_id),
    member_role     text NOT NULL
        CONSTRAINT membership_role_check CHECK (member_role IN ('lead', 'member')),
    valid_from      date NOT NULL,
    valid_to        date,
    CONSTRAINT membership_pkey PRIMARY KEY (alliance_id, institution_id, valid_from),
    CONSTRAINT membership_dates_check CHECK (valid_to > valid_from)
);
CREATE INDEX membership_institution_idx ON medalliance.membership (institution_id, valid_from);
COMMENT ON TABLE medalliance.membership IS
    '成员关系 membership of an institution in an alliance over [valid_from, valid_to). An institution may sit in one county medical community and in specialty alliances and remote networks at once; overlaps, gaps and leads are checked by validate_warehouse.';
COMMENT ON COLUMN medalliance.membership.alliance_id IS
    '医联体 the alliance.';
COMMENT ON COLUMN medalliance.membership.institution_id IS
    '成员机构 the member institution.';
COMMENT ON COLUMN medalliance.membership.member_role IS
    '角色 role: lead (牵头医院) or member (成员单位).';
COMMENT ON COLUMN medalliance.membership.valid_from IS
    '起始日期 first day of the membership (inclusive).';
COMMENT ON COLUMN medalliance.membership.valid_to IS
    '终止日期 first day after the membership (exclusive); NULL while it lasts.';

-- Catchment (服务范围) ---------------------------------------------------------

-- Residence is known to the county only; within a county, an alliance serves
-- the residents of the catchments of its members (the townships, communities
-- or grid cells (网格) that a primary institution is responsible for:
-- 乡镇/社区服务范围).  Person-level facts say in whose catchment the person
-- lives (catchment_institution_id on encounter, contract and chronic_care);
-- this table gives each catchment's residents, the denominators of contract
-- rates per alliance.  Membership then says which catchments an alliance
-- serves in a month.
CREATE TABLE medalliance.catchment_population (
    institution_id   integer NOT NULL
        CONSTRAINT catchment_population_institution_fkey REFERENCES medalliance.institution (institution_id),
    year             smallint NOT NULL
        CONSTRAINT catchment_population_year_check CHECK (year BETWEEN 1949 AND 2200),
    population_group text NOT NULL
        CONSTRAINT catchment_population_group_check CHECK (population_group = ANY (medalliance.population_groups())),
    residents        bigint NOT NULL
        CONSTRAINT catchment_population_residents_check CHECK (residents >= 0),
    CONSTRAINT catchment_population_pkey PRIMARY KEY (institution_id, year, population_group)
);
COMMENT ON TABLE medalliance.catchment_population IS
    '服务范围人口 catchment population: residents of the area an institution is responsible for (its 服务范围: the township, community or grid cells — 网格 — of a township or community health centre) in a year, all and by key group. An alliance''s service area is the union of its members'' catchments; these are the denominators of its contract rates. The catchments of one county should not overlap and together make up at most the county (validate_warehouse checks the sums). Without rows here an alliance has no contract rate of its own (not assessable), never its county''s.';
COMMENT ON COLUMN medalliance.catchment_population.institution_id IS
    '负责机构 the institution whose catchment it is (usually a township or community health centre, in the county of its residents).';
COMMENT ON COLUMN medalliance.catchment_population.year IS
    '年度 the year (as for population: year-end or annual average resident population).';
COMMENT ON COLUMN medalliance.catchment_population.population_group IS
    '人群 group, as in population: all (全部常住人口), key_any (重点人群合计，去重), elderly, children, pregnant, chronic, disabled, poor.';
COMMENT ON COLUMN medalliance.catchment_population.residents IS
    '人数 number of residents of the catchment in the group.';

SELECT pg_catalog.pg_extension_config_dump('medalliance.region', '');
SELECT pg_catalog.pg_extension_config_dump('medalliance.population', '');
SELECT pg_catalog.pg_extension_config_dump('medalliance.institution', '');
SELECT pg_catalog.pg_extension_config_dump('medalliance.alliance', '');
SELECT pg_catalog.pg_extension_config_dump('medalliance.membership', '');
SELECT pg_catalog.pg_extension_config_dump('medalliance.catchment_population', '');

GRANT SELECT ON medalliance.region, medalliance.population, medalliance.institution,
                medalliance.alliance, medalliance.membership, medalliance.catchment_population TO medalliance_analyst;
GRANT INSERT, UPDATE, DELETE, TRUNCATE
    ON medalliance.region, medalliance.population, medalliance.institution,
       medalliance.alliance, medalliance.membership, medalliance.catchment_population TO medalliance_admin;
