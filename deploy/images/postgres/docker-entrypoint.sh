#!/usr/bin/env bash
# Entrypoint of ddp-local/postgres:15, with the contract of the official postgres image:
#
#   POSTGRES_PASSWORD          superuser password (required unless
#                              POSTGRES_HOST_AUTH_METHOD=trust)
#   POSTGRES_USER              superuser name              (default postgres)
#   POSTGRES_DB                database created at init    (default $POSTGRES_USER)
#   POSTGRES_INITDB_ARGS       extra initdb arguments
#   POSTGRES_INITDB_WALDIR     separate WAL directory
#   POSTGRES_HOST_AUTH_METHOD  pg_hba method for remote hosts
#                              (default: password_encryption, i.e. scram-sha-256)
#   PGDATA                     data directory              (default /var/lib/postgresql/data)
#   VAR_FILE                   for the variables above: read the value from that file
#   /docker-entrypoint-initdb.d/*.sh, *.sql, *.sql.gz, *.sql.xz, *.sql.zst
#                              run once, in name order, on a new data directory
#
# The server listens on '*' port 5432 and runs as the postgres user; the final
# server is exec'ed (PID 1), so it receives the container's signals (SIGINT by
# `docker stop`, SIGTERM also handled).
#
# Log lines: on the FIRST start (empty data directory) the temporary init server
# (unix socket only) and then the final server each log
# "database system is ready to accept connections", so the line appears TWICE, with
# "PostgreSQL init process complete; ready for start up." between them -- as in the
# official image. On a restart with an existing data directory it appears ONCE.
set -Eeuo pipefail

# file_env VAR [DEFAULT]: VAR from $VAR, or from the file named by $VAR_FILE.
file_env() {
    local var=$1 file_var="${1}_FILE" def=${2:-} val
    if [ -n "${!var:-}" ] && [ -n "${!file_var:-}" ]; then
        printf >&2 'error: both %s and %s are set (but are exclusive)\n' "$var" "$file_var"
        exit 1
    fi
    val=$def
    if [ -n "${!var:-}" ]; then
        val=${!var}
    elif [ -n "${!file_var:-}" ]; then
        val=$(<"${!file_var}")
    fi
    export "$var"="$val"
    unset "$file_var"
}

# True when the arguments only ask for help or version (no init needed).
want_help() {
    local arg
    for arg; do
        case $arg in
            -'?'|--help|--describe-config|-V|--version) return 0 ;;
        esac
    done
    return 1
}

setup_env() {
    file_env POSTGRES_PASSWORD
    file_env POSTGRES_USER postgres
    file_env POSTGRES_DB "$POSTGRES_USER"
    file_env POSTGRES_INITDB_ARGS
    : "${POSTGRES_HOST_AUTH_METHOD:=}"
    DATABASE_ALREADY_EXISTS=
    if [ -s "$PGDATA/PG_VERSION" ]; then
        DATABASE_ALREADY_EXISTS=true
    fi
}

create_db_directories() {
    mkdir -p "$PGDATA"
    chmod 00700 "$PGDATA" 2>/dev/null || :
    mkdir -p /var/run/postgresql
    chmod 03775 /var/run/postgresql 2>/dev/null || :
    if [ -n "${POSTGRES_INITDB_WALDIR:-}" ]; then
        mkdir -p "$POSTGRES_INITDB_WALDIR"
        if [ "$(id -u)" = 0 ]; then
            find "$POSTGRES_INITDB_WALDIR" \! -user postgres -exec chown postgres '{}' +
        fi
        chmod 700 "$POSTGRES_INITDB_WALDIR"
    fi
    if [ "$(id -u)" = 0 ]; then
        find "$PGDATA" \! -user postgres -exec chown postgres '{}' +
        find /var/run/postgresql \! -user postgres -exec chown postgres '{}' +
    fi
}

verify_minimum_env() {
    if [ -z "$POSTGRES_PASSWORD" ] && [ "$POSTGRES_HOST_AUTH_METHOD" != trust ]; then
        cat >&2 <<'MSG'
Error: Database is uninitialized and superuser password is not specified.
       You must specify POSTGRES_PASSWORD to a non-empty value for the
       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".

       You may also use "POSTGRES_HOST_AUTH_METHOD=trust" to allow all
       connections without a password. This is *not* recommended.
MSG
        exit 1
    fi
    if [ "$POSTGRES_HOST_AUTH_METHOD" = trust ]; then
        echo 'WARNING: POSTGRES_HOST_AUTH_METHOD has been set to "trust": every host may connect without a password.' >&2
    fi
}

init_database_dir() {
    if [ -n "${POSTGRES_INITDB_WALDIR:-}" ]; then
        set -- --waldir "$POSTGRES_INITDB_WALDIR" "$@"
    fi
    # shellcheck disable=SC2086  # POSTGRES_INITDB_ARGS is a list of options
    initdb --username="$POSTGRES_USER" --pwfile=<(printf '%s\n' "$POSTGRES_PASSWORD") \
        $POSTGRES_INITDB_ARGS "$@"
}

setup_hba_conf() {
    local auth=$POSTGRES_HOST_AUTH_METHOD
    if [ "${1:-}" = postgres ]; then
        shift
    fi
    if [ -z "$auth" ]; then
        auth=$(postgres -C password_encryption "$@")
    fi
    {
        printf '\n'
        if [ "$auth" = trust ]; then
            printf '# warning trust is enabled for all connections\n'
        fi
        printf 'host all all all %s\n' "$auth"
    } >>"$PGDATA/pg_hba.conf"
}

temp_server_start() {
    if [ "${1:-}" = postgres ]; then
        shift
    fi
    # Local connections only while the init scripts run.
    set -- "$@" -c listen_addresses='' -p "${PGPORT:-5432}"
    PGUSER="${PGUSER:-$POSTGRES_USER}" pg_ctl -D "$PGDATA" -o "$(printf '%q ' "$@")" -w start
}

temp_server_stop() {
    PGUSER="${PGUSER:-postgres}" pg_ctl -D "$PGDATA" -m fast -w stop
}

run_psql() {
    PGHOST='' PGHOSTADDR='' psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --no-password --no-psqlrc "$@"
}

setup_db() {
    local exists
    exists=$(run_psql --dbname postgres --set db="$POSTGRES_DB" --tuples-only \
        <<<"SELECT 1 FROM pg_database WHERE datname = :'db' ;")
    if [ -z "${exists//[[:space:]]/}" ]; then
        run_psql --dbname postgres --set db="$POSTGRES_DB" <<<'CREATE DATABASE :"db" ;'
        printf '\n'
    fi
}

process_init_files() {
    local f
    printf '\n'
    for f; do
        case $f in
            *.sh)
                if [ -x "$f" ]; then
                    printf '%s: running %s\n' "$0" "$f"
                    "$f"
                else
                    printf '%s: sourcing %s\n' "$0" "$f"
                    # shellcheck disable=SC1090
                    . "$f"
                fi ;;
            *.sql)     printf '%s: running %s\n' "$0" "$f"; run_psql --dbname "$POSTGRES_DB" -f "$f"; printf '\n' ;;
            *.sql.gz)  printf '%s: running %s\n' "$0" "$f"; gunzip -c "$f" | run_psql --dbname "$POSTGRES_DB"; printf '\n' ;;
            *.sql.xz)  printf '%s: running %s\n' "$0" "$f"; xzcat "$f" | run_psql --dbname "$POSTGRES_DB"; printf '\n' ;;
            *.sql.zst) printf '%s: running %s\n' "$0" "$f"; zstd -dc "$f" | run_psql --dbname "$POSTGRES_DB"; printf '\n' ;;
            *)         printf '%s: ignoring %s\n' "$0" "$f" ;;
        esac
        printf '\n'
    done
}

main() {
    if [ $# -eq 0 ] || [ "${1:0:1}" = '-' ]; then
        set -- postgres "$@"
    fi

    if [ "$1" = postgres ] && ! want_help "$@"; then
        setup_env
        create_db_directories
        if [ "$(id -u)" = 0 ]; then
            # Re-run this script as the postgres user (setpriv execs: no extra process).
            export HOME=/var/lib/postgresql
            exec setpriv --reuid=postgres --regid=postgres --init-groups "${BASH_SOURCE[0]}" "$@"
        fi

        if [ -z "$DATABASE_ALREADY_EXISTS" ]; then
            verify_minimum_env
            # Fail early on an unreadable init directory.
            ls /docker-entrypoint-initdb.d/ >/dev/null
            init_database_dir
            setup_hba_conf "$@"

            # The temporary server allows local connections without a password.
            export PGPASSWORD="${PGPASSWORD:-$POSTGRES_PASSWORD}"
            temp_server_start "$@"
            setup_db
            process_init_files /docker-entrypoint-initdb.d/*
            temp_server_stop
            unset PGPASSWORD

            printf '\nPostgreSQL init process complete; ready for start up.\n\n'
        else
            printf '\nPostgreSQL Database directory appears to contain a database; Skipping initialization\n\n'
        fi
    fi

    exec "$@"
}

main "$@"
