# Sourced by bin/test and bin/bench: a throwaway PostgreSQL for the registry's integration tests,
# ScaleOutIT and the scale-out benchmark.
#   throwaway_postgres DIR [--install]   makes a cluster in DIR, listening on 127.0.0.1 only (port
#                                        25432, or the next free one), with a random password that is
#                                        never printed, and exports MYNACARD_TEST_POSTGRES_URL, _USER,
#                                        _PASSWORD. Returns 1, saying why, when PostgreSQL is not
#                                        installed (--install: as root, apt-get installs it first).
#   stop_throwaway_postgres              stops it and removes DIR (the caller's EXIT trap calls it).
pg_dir=
pg_ctl_bin=
as_pg_owner() {
  # PostgreSQL refuses to run as root: as root, run it as the postgres user
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
stop_throwaway_postgres() {
  if [ -n "$pg_dir" ]; then
    as_pg_owner "$pg_ctl_bin" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$pg_dir"
    pg_dir=
  fi
}
throwaway_postgres() {
  local dir=$1 install=${2:-}
  pg_bindir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
  if [ -z "$(pg_bindir)" ]; then
    if [ "$install" = --install ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      echo "installing postgresql" >&2
      apt-get update -q >/dev/null
      DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >/dev/null
    else
      echo "PostgreSQL is not installed: run as root, or 'sudo apt-get install postgresql'," \
        "or set MYNACARD_TEST_POSTGRES_URL, _USER and _PASSWORD to a database to use" >&2
      return 1
    fi
  fi
  local pg_bin
  pg_bin=$(pg_bindir)
  pg_ctl_bin=$pg_bin/pg_ctl
  as_pg_owner "$pg_ctl_bin" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true  # a leftover of a killed run
  rm -rf "$dir"
  mkdir -p "$dir"
  pg_dir=$dir
  if [ "$(id -u)" = 0 ]; then chown postgres: "$pg_dir"; fi
  # any socket on the port counts, not only a listening one: a client's connection (or its TIME_WAIT)
  # on that local port also makes PostgreSQL's bind fail. Below Linux's ephemeral range (32768-60999),
  # where the benchmarks' and tests' thousands of client connections take their ports.
  port_in_use() { awk -v port="$(printf ':%04X' "$1")" '$2 ~ port"$" {found=1} END {exit !found}' /proc/net/tcp /proc/net/tcp6; }
  local port=25432
  while port_in_use "$port"; do port=$((port + 1)); done
  local password
  password=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
  as_pg_owner "$pg_bin/initdb" -D "$pg_dir/data" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
    >"$pg_dir/initdb.log" 2>&1 || { cat "$pg_dir/initdb.log" >&2; echo "initdb failed" >&2; return 1; }
  as_pg_owner "$pg_ctl_bin" -D "$pg_dir/data" -l "$pg_dir/postgres.log" -w \
    -o "-p $port -k /tmp -c listen_addresses=127.0.0.1" start >/dev/null \
    || { cat "$pg_dir/postgres.log" >&2; echo "PostgreSQL did not start" >&2; return 1; }
  # the password goes to psql on stdin, not on a command line that ps would show
  as_pg_owner "$pg_bin/psql" -q -v ON_ERROR_STOP=1 -h /tmp -p "$port" -U postgres -d postgres >/dev/null <<SQL
CREATE ROLE mynacard LOGIN PASSWORD '$password';
CREATE DATABASE mynacard OWNER mynacard;
SQL
  export MYNACARD_TEST_POSTGRES_URL="jdbc:postgresql://127.0.0.1:$port/mynacard"
  export MYNACARD_TEST_POSTGRES_USER=mynacard
  export MYNACARD_TEST_POSTGRES_PASSWORD=$password
}
