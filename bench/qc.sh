#!/usr/bin/env bash
# The quality-control benchmarks in one run: homogeneity and funnel against the
# built-in SQL (bench/qc_agg.sql), then the QC refresh of a province-year at
# scale 0.1 and its views' warm times (bench/qc_refresh.sql).
# Hold the install lock: flock /tmp/medalliance-install.lock bash bench/qc.sh
set -euo pipefail
cd "$(dirname "$0")/.."
bash bench/run.sh qc_agg
bash bench/run.sh qc_refresh
