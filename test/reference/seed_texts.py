#!/usr/bin/python3
"""Copies the five source documents (the seed files) into the output directory
as seed_<file>, so that test/pgtap/source_texts.sql can read them with
pg_read_file and check that every preset's source_text occurs in them verbatim.
The seeds are the repository's copy in test/fixtures/seeds (the five texts as
published, with their index), or $MEDALLIANCE_SEEDS when set.  Missing seeds are
an error: the check must not pass unread.
"""
import os
import shutil
import sys


def main(outdir):
    here = os.path.dirname(os.path.abspath(__file__))
    seeds = os.environ.get("MEDALLIANCE_SEEDS") or os.path.join(here, "..", "fixtures", "seeds")
    names = sorted(n for n in os.listdir(seeds) if n.endswith(".txt")) if os.path.isdir(seeds) else []
    if len(names) < 5:
        sys.exit(f"seed_texts.py: the five seed files are not in {seeds} (set MEDALLIANCE_SEEDS)")
    for n in names:
        shutil.copyfile(os.path.join(seeds, n), os.path.join(outdir, "seed_" + n))


if __name__ == "__main__":
    main(sys.argv[1])
