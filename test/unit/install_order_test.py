#!/usr/bin/python3
"""The install script's sources sql/NN_*.sql, in name order: no file uses an
object that a later file creates.  Objects are what a file creates (tables,
views, functions, types, domains, aggregates); a use is a schema-qualified
medalliance.<name> outside string literals (the words of COMMENTs, lock keys
and dynamic SQL are not uses).  Prints TAP, one test per file, plus one that
the files were found.
"""
import glob
import os
import re
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
CREATE = re.compile(
    r"CREATE\s+(?:OR\s+REPLACE\s+)?(?:TABLE|VIEW|FUNCTION|TYPE|DOMAIN|AGGREGATE)\s+"
    r"(?:medalliance\.)?([a-z_][a-z0-9_]*)", re.I)
USE = re.compile(r"\bmedalliance\.([a-z_][a-z0-9_]*)")
COMMENT = re.compile(r"--[^\n]*")
STRING = re.compile(r"'(?:[^']|'')*'")  # literals: comments' words, lock keys, dynamic SQL


def main():
    files = sorted(glob.glob(os.path.join(ROOT, "sql", "[0-9][0-9]_*.sql")))
    created = {}                      # name -> index of the file that creates it first
    texts = []
    for i, path in enumerate(files):
        text = STRING.sub("''", COMMENT.sub("", open(path, encoding="utf-8").read()))
        texts.append(text)
        for name in CREATE.findall(text):
            created.setdefault(name.lower(), i)
    n = 0
    failed = 0
    for i, path in enumerate(files):
        later = sorted({u for u in USE.findall(texts[i]) if created.get(u, -1) > i})
        n += 1
        ok = not later
        failed += not ok
        detail = "" if ok else " (uses " + ", ".join(
            "%s of %s" % (u, os.path.basename(files[created[u]])) for u in later) + ")"
        print("%sok %d - %s uses no object of a later file%s"
              % ("" if ok else "not ", n, os.path.basename(path), detail))
    n += 1
    print("%sok %d - %d install files read" % ("" if len(files) > 10 else "not ", n, len(files)))
    print("1..%d" % n)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
