"""What a BI tool sees, through SQLAlchemy, as a LOGIN role granted only
medalliance_reader (run by test/ops/bi_reflection.sh; prints TAP).

  1. schema medalliance_bi lists views only, and the role opens every one of
     them (SELECT * succeeds);
  2. every listed view and column has a comment with Chinese and Latin text;
  3. every code column has its Chinese label beside it, non-null wherever the
     code is.

A code column is found here from the data, not from the extension's list: a
text column whose values (at least one) are all codes, lower-case ASCII
snake_case words like `not_assessable`.  Its label is `<column>_zh`, or for
`<stem>_code` the view's `<stem>_name_zh` / `<stem>_text_zh`.  Left out:
`*_en` columns (English labels themselves) and `last_performed_by` (the name
of a database role, not a code).
"""
import os
import re
import sys

from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import URL

SCHEMA = "medalliance_bi"
CODE = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")
CJK = re.compile(r"[\u4e00-\u9fff]")
LATIN = re.compile(r"[A-Za-z]{3}")
NOT_CODES = {"last_performed_by"}

results = []


def ok(cond, name, diag=()):
    results.append((bool(cond), name, list(diag)))


def main():
    host = os.environ.get("PGHOST", "/var/run/postgresql")
    url = URL.create("postgresql+psycopg2", username=os.environ["BI_USER"], password=os.environ["BI_PASSWORD"],
                     database=os.environ["BI_DB"],
                     query={"host": host, "port": os.environ.get("PGPORT", "5432")})
    engine = create_engine(url)
    insp = inspect(engine)

    ok(SCHEMA in insp.get_schema_names(), "the schema medalliance_bi is listed")
    tables = insp.get_table_names(schema=SCHEMA)
    views = sorted(insp.get_view_names(schema=SCHEMA))
    ok(tables == [], "schema medalliance_bi lists no table", tables)
    ok(len(views) >= 17, "it lists the BI views (%d, 17 or more)" % len(views), views)

    rows = {}
    failed = []
    with engine.connect() as conn:
        user = conn.execute(text("SELECT current_user")).scalar()
        member_of = conn.execute(text(
            "SELECT string_agg(b.rolname, ',' ORDER BY b.rolname) FROM pg_auth_members m "
            "JOIN pg_roles b ON b.oid = m.roleid WHERE m.member = (SELECT oid FROM pg_roles WHERE rolname = current_user)"
        )).scalar()
        ok(user == os.environ["BI_USER"] and member_of == "medalliance_reader",
           "connected as a login role granted only medalliance_reader", [user, member_of])
        for v in views:
            try:
                result = conn.execute(text('SELECT * FROM %s."%s"' % (SCHEMA, v)))
                rows[v] = (list(result.keys()), result.fetchall())
            except Exception as e:  # noqa: BLE001 — any failure to open is the finding
                failed.append("%s: %s" % (v, str(e).splitlines()[0]))
                conn.rollback()
    ok(not failed, "the role opens every listed view", failed)
    ok(sum(1 for v in rows if rows[v][1]) >= 12,
       "the views have rows after the refresh (%d of %d)" % (sum(1 for v in rows if rows[v][1]), len(rows)))

    bad_comments = []
    columns = {}
    for v in views:
        c = (insp.get_table_comment(v, schema=SCHEMA) or {}).get("text") or ""
        if not (CJK.search(c) and LATIN.search(c)):
            bad_comments.append("%s: %r" % (v, c[:60]))
        columns[v] = insp.get_columns(v, schema=SCHEMA)
        for col in columns[v]:
            c = col.get("comment") or ""
            if not (CJK.search(c) and LATIN.search(c)):
                bad_comments.append("%s.%s: %r" % (v, col["name"], c[:60]))
    n_columns = sum(len(c) for c in columns.values())
    ok(n_columns >= 300, "the columns are reflected (%d)" % n_columns)
    ok(not bad_comments, "every view and column has a comment in Chinese and English", bad_comments)

    unlabelled = []
    null_labels = []
    codes_found = 0
    for v, (names, data) in rows.items():
        for i, name in enumerate(names):
            if name.endswith("_en") or name.endswith("_zh") or name in NOT_CODES:
                continue
            values = [r[i] for r in data if r[i] is not None]
            if not values or not all(isinstance(x, str) and CODE.match(x) for x in values):
                continue
            codes_found += 1
            stem = name[:-5] if name.endswith("_code") else name
            siblings = [s for s in (name + "_zh", stem + "_name_zh", stem + "_text_zh") if s in names]
            if not siblings:
                unlabelled.append("%s.%s" % (v, name))
                continue
            j = names.index(siblings[0])
            missing = sum(1 for r in data if r[i] is not None and r[j] is None)
            if missing:
                null_labels.append("%s.%s: %d rows without %s" % (v, name, missing, siblings[0]))
    ok(codes_found >= 40, "code columns are found in the data (%d)" % codes_found)
    ok(not unlabelled, "every code column has a Chinese label column beside it", unlabelled)
    ok(not null_labels, "every code shown has its label", null_labels)

    print("1..%d" % len(results))
    for n, (passed, name, diag) in enumerate(results, 1):
        print("%s %d - %s" % ("ok" if passed else "not ok", n, name))
        for d in diag[:40] if not passed else []:
            print("#   %s" % d)
    print("# %d views, %d columns, %d rows read" % (len(views), n_columns, sum(len(r[1]) for r in rows.values())))
    # PostgreSQL's catalogue is readable by every role: the names in schema
    # medalliance stay listed, though the role may open none of them (README,
    # "BI tools": point the tool at medalliance_bi).
    with engine.connect() as conn:
        usage = conn.execute(text("SELECT has_schema_privilege('medalliance', 'USAGE')")).scalar()
    print("# schema medalliance: %d tables and %d views named in the catalogue; USAGE for this role: %s"
          % (len(insp.get_table_names(schema="medalliance")), len(insp.get_view_names(schema="medalliance")), usage))


if __name__ == "__main__":
    try:
        main()
    except Exception as e:  # noqa: BLE001 — report, do not hide, a failure to connect or reflect
        print("1..1")
        print("not ok 1 - reflection as medalliance_reader")
        print("# %s" % e)
    sys.exit(0)
