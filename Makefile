# medalliance — PGXS build.
#
# The install script sql/medalliance--$(EXTVERSION).sql is generated: it is the
# concatenation, in name order, of the capability files sql/NN_*.sql.  Upgrade
# scripts sql/medalliance--A--B.sql are written by hand and installed as they are.
# The companion extension medalliance_demo (the synthetic province of the demo,
# the tests and the benchmarks; not for production) is copied from
# sql/demo/medalliance_demo.sql.

EXTENSION  = medalliance medalliance_demo
EXTVERSION  = $(shell sed -n "s/^default_version[[:space:]]*=[[:space:]]*'\([^']*\)'.*/\1/p" medalliance.control)
DEMOVERSION = $(shell sed -n "s/^default_version[[:space:]]*=[[:space:]]*'\([^']*\)'.*/\1/p" medalliance_demo.control)

MODULE_big = medalliance
OBJS       = $(patsubst %.c,%.o,$(sort $(wildcard src/*.c)))
PGFILEDESC = "medalliance - performance assessment of medical alliances"

SQL_SOURCES = $(sort $(wildcard sql/[0-9][0-9]_*.sql))
DATA_built  = sql/medalliance--$(EXTVERSION).sql sql/medalliance_demo--$(DEMOVERSION).sql
DATA        = $(wildcard sql/medalliance--*--*.sql sql/medalliance_demo--*--*.sql)

# pg_regress: behaviour with exact expected output (test/sql, test/expected).
REGRESS      = $(sort $(basename $(notdir $(wildcard test/sql/*.sql))))
# where pg_regress writes results/ and regression.diffs (a run beside another
# one in the same tree names its own directory)
REGRESS_OUTPUTDIR ?= test
REGRESS_OPTS = --inputdir=test --outputdir=$(REGRESS_OUTPUTDIR) --load-extension=medalliance

# The beta quantile behind the exact and Jeffreys intervals comes from R's
# standalone mathematics library (Debian package r-mathlib).
PG_CPPFLAGS = -I$(srcdir)/src
SHLIB_LINK  = -lRmath -lm

EXTRA_CLEAN = test/results test/regression.diffs test/regression.out test/generated

PG_CONFIG ?= pg_config
PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

sql/medalliance--$(EXTVERSION).sql: $(SQL_SOURCES) medalliance.control
	cat $(SQL_SOURCES) > $@

sql/medalliance_demo--$(DEMOVERSION).sql: sql/demo/medalliance_demo.sql medalliance_demo.control
	cp sql/demo/medalliance_demo.sql $@

# The demo's C (src/demo) is a library of its own, medalliance_demo, built by
# src/demo/Makefile: none of it goes into the product's library.
.PHONY: demo-lib install-demo-lib uninstall-demo-lib clean-demo-lib
all: demo-lib
install: install-demo-lib
uninstall: uninstall-demo-lib
clean: clean-demo-lib
demo-lib:
	$(MAKE) -C src/demo PG_CONFIG='$(PG_CONFIG)'
install-demo-lib uninstall-demo-lib clean-demo-lib:
	$(MAKE) -C src/demo PG_CONFIG='$(PG_CONFIG)' $(@:%-demo-lib=%)

.PHONY: prove_installcheck
# pgTAP tests: schema, privileges, error codes and invariants (needs pgtap and pg_prove).
prove_installcheck:
	pg_prove --ext .sql -r test/pgtap
