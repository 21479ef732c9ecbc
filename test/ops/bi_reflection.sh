#!/usr/bin/env bash
# Operations test, run inside a cluster (PGHOST, PGPORT, PGUSER set), printing TAP:
# what a BI tool sees.  A small synthetic province (scale 0.005, seed 1, the
# first quarter of 2024 refreshed) is read by a LOGIN role granted nothing but
# medalliance_reader, through SQLAlchemy (Debian's python3-sqlalchemy and
# python3-psycopg2), as Superset and other Python BI tools reflect a database:
# test/ops/bi_reflection.py reflects schema medalliance_bi and checks that it
# lists only what the role can open, that every column has a Chinese and
# English comment, and that every code column has its Chinese label beside it.
set -uo pipefail
cd "$(dirname "$0")/../.."
db=medalliance_bi_reflection
role=medalliance_bi_reflection_login
password="bi-$(date +%s%N)"
cleanup() {
    dropdb --if-exists "$db" >/dev/null 2>&1
    psql -X -q -d postgres -c "DROP ROLE IF EXISTS $role" >/dev/null 2>&1
}
trap cleanup EXIT
cleanup
createdb "$db" || { echo "1..1"; echo "not ok 1 - createdb $db"; exit 0; }
if ! psql -X -q -v ON_ERROR_STOP=1 -d "$db" >/tmp/bi_reflection_setup.$$ 2>&1 <<SQL
SET client_min_messages = warning;
CREATE EXTENSION medalliance;
CREATE EXTENSION medalliance_demo;
SELECT count(*) FROM medalliance_demo.generate_demo_province(0.005, 1);
SELECT count(*) FROM medalliance.refresh('2024-01-01', '2024-03-31');
CREATE ROLE $role LOGIN PASSWORD '$password' IN ROLE medalliance_reader;
SQL
then
    echo "1..1"; echo "not ok 1 - a database with a refreshed synthetic province"
    sed 's/^/# /' /tmp/bi_reflection_setup.$$; rm -f /tmp/bi_reflection_setup.$$
    exit 0
fi
rm -f /tmp/bi_reflection_setup.$$
BI_DB="$db" BI_USER="$role" BI_PASSWORD="$password" /usr/bin/python3 test/ops/bi_reflection.py
