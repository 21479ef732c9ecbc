#!/usr/bin/env bash
# The demo: installs what is missing, builds, installs, starts a throwaway
# PostgreSQL 15 cluster, creates the extension and prints every result it computes.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

ensure_packages
build_and_install
log "starting a throwaway cluster"
with_throwaway_cluster bash scripts/demo-in-cluster.sh
