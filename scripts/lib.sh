# Shared set-up for the demo and the test suite: Debian packages, build, install.
# Sourced by scripts/demo.sh and scripts/test.sh; not meant to be run on its own.

PG_MAJOR=15
# What the build, the demo and the tests need, as Debian 12 packages.
REQUIRED_PACKAGES=(
    make gcc
    "postgresql-$PG_MAJOR" "postgresql-server-dev-$PG_MAJOR" postgresql-common
    "postgresql-$PG_MAJOR-pgtap" libtap-parser-sourcehandler-pgtap-perl
    r-mathlib
    python3-scipy python3-statsmodels python3-numpy python3-mpmath
    python3-sqlalchemy python3-psycopg2
)

log() { printf '==> %s\n' "$*" >&2; }

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# Install whatever of REQUIRED_PACKAGES is missing (apt-get update only when needed).
ensure_packages() {
    local missing=() p
    for p in "${REQUIRED_PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
    done
    if [ "${#missing[@]}" -gt 0 ]; then
        log "installing Debian packages: ${missing[*]}"
        as_root apt-get update -qq
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    fi
}

# Build without warnings and install into the PostgreSQL $PG_MAJOR tree.
# MEDALLIANCE_PG_CFLAGS (CI sets it) adds compiler flags, e.g. -Werror and
# -DUSE_ASSERT_CHECKING; the objects are then rebuilt with them.
build_and_install() {
    export PG_CONFIG="/usr/lib/postgresql/$PG_MAJOR/bin/pg_config"
    log "building medalliance${MEDALLIANCE_PG_CFLAGS:+ with $MEDALLIANCE_PG_CFLAGS}"
    if [ -n "${MEDALLIANCE_PG_CFLAGS:-}" ]; then
        make -s PG_CONFIG="$PG_CONFIG" clean >/dev/null
        make -s PG_CONFIG="$PG_CONFIG" PG_CFLAGS="$MEDALLIANCE_PG_CFLAGS" >/dev/null
    else
        make -s PG_CONFIG="$PG_CONFIG" >/dev/null
    fi
    as_root make -s PG_CONFIG="$PG_CONFIG" install >/dev/null
}

# Run a command inside a throwaway PostgreSQL $PG_MAJOR cluster (pg_virtualenv
# exports PGHOST, PGPORT, PGUSER and PGPASSWORD for it, and removes it afterwards).
with_throwaway_cluster() {
    pg_virtualenv -t -v "$PG_MAJOR" \
        -o "max_worker_processes=8" -o "max_parallel_workers=4" \
        "$@"
}
