#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for CI: `source scripts/ci-postgres.sh` starts one
# in a temp folder on 127.0.0.1 and a free port, exports LOANDESK_TEST_PG_URL (the
# tests make their own databases in it) and stops and deletes it when the shell exits.
set -euo pipefail
PG_BIN="${LOANDESK_PG_BIN:-/usr/lib/postgresql/15/bin}"
pg_dir="$(mktemp -d /tmp/loandesk-ci-pg.XXXXXX)"
pg_password="$(node -e "process.stdout.write(require('crypto').randomBytes(12).toString('hex'))")"
pg_port="$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})")"
printf '%s' "$pg_password" > "$pg_dir/pw"
as_pg=()
if [ "$(id -u)" -eq 0 ]; then chown -R postgres:postgres "$pg_dir"; as_pg=(runuser -u postgres --); fi
"${as_pg[@]}" "$PG_BIN/initdb" -D "$pg_dir/data" -U loandesk --pwfile "$pg_dir/pw" -A scram-sha-256 -E UTF8 --no-sync >/dev/null
"${as_pg[@]}" "$PG_BIN/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/log" -w \
  -o "-h 127.0.0.1 -p $pg_port -k $pg_dir -c fsync=off -c synchronous_commit=off -c max_connections=200" start >/dev/null
stop_ci_postgres() {
  "${as_pg[@]}" "$PG_BIN/pg_ctl" -D "$pg_dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$pg_dir"
}
trap stop_ci_postgres EXIT
export LOANDESK_TEST_PG_URL="postgres://loandesk:$pg_password@127.0.0.1:$pg_port/postgres"
echo "PostgreSQL 15 for the tests on 127.0.0.1:$pg_port ($pg_dir)"
