#!/usr/bin/env bash
# Portal throughput with little and with much foreign data. For each backend and each amount of
# *other* clients' approvals, it seeds the demo agency, adds N approvals (with versions) belonging
# to another organization's client, starts the release server, signs in as the demo contact and
# measures requests/second with wrk (-t1 -c16) for /healthz and the portal's pages. Results are
# ratios to /healthz measured in the same run (absolute figures depend on the machine's load).
#   scripts/bench-portal.sh                        # both backends, N = 10 and 100000
#   BACKENDS=sqlite COUNTS=10 scripts/bench-portal.sh
#   ATRIUM_BIN=/path/to/atrium LABEL=before OUT=/tmp/before.md scripts/bench-portal.sh
source "$(dirname "$0")/lib.sh"
apt_install wrk sqlite3 postgresql-client

BACKENDS="${BACKENDS:-sqlite postgres}"
COUNTS="${COUNTS:-10 100000}"
DURATION="${DURATION:-5s}"
PORT=18400
OUT="${OUT:-crates/api/benches/results/portal-latest.md}"
LABEL="${LABEL:-$(git rev-parse --short HEAD)}"

if [ -z "${ATRIUM_BIN:-}" ]; then
  cargo build --release -p atrium-api --bin atrium
  ATRIUM_BIN="$CARGO_TARGET_DIR/release/atrium"
fi
ATRIUM="$ATRIUM_BIN"
work="$(mktemp -d)"
trap '[ -n "${server:-}" ] && kill "$server" 2>/dev/null; rm -rf "$work"' EXIT

foreign_sql() {
  local n=$1 ts="'2026-01-01 00:00:00'"
  cat <<SQL
INSERT INTO organizations (id, name, slug, display_name, accent_color, created_at)
  VALUES ('bench-org', 'Bench Org', 'bench-org', 'Bench Org', '#3355ff', $ts);
INSERT INTO clients (id, org_id, name, status, portal_enabled, can_view_invoices, can_approve_work,
  can_add_comments, can_submit_requests, show_team_members, created_at, updated_at)
  VALUES ('bench-client', 'bench-org', 'Bench Client', 'active', TRUE, TRUE, TRUE, TRUE, TRUE, FALSE, $ts, $ts);
INSERT INTO projects (id, org_id, client_id, name, description, client_status, created_at, updated_at)
  VALUES ('bench-project', 'bench-org', 'bench-client', 'Bench', '', 'in_progress', $ts, $ts);
INSERT INTO approvals (id, org_id, client_id, project_id, title, description, kind, status,
  current_version, created_by, created_at, updated_at)
  WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $n)
  SELECT 'bench-approval-' || i, 'bench-org', 'bench-client', 'bench-project', 'Bench ' || i, '',
         'image', 'pending', 1, 'bench', $ts, $ts FROM n;
INSERT INTO approval_versions (id, approval_id, client_id, number, notes, submitted_by, created_at)
  WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $n)
  SELECT 'bench-version-' || i, 'bench-approval-' || i, 'bench-client', 1, '', 'bench', $ts FROM n;
SQL
}

rps() { wrk -t1 -c16 -d"$DURATION" -H "Cookie: $cookie" "$1" | awk '/Requests\/sec/ {print $2}'; }
ratio() { python3 -c "print(f'{$1/$2:.3f}')"; }

rows=()
for backend in $BACKENDS; do
  for n in $COUNTS; do
    rm -rf "${work:?}"/*
    if [ "$backend" = sqlite ]; then
      url="sqlite://$work/bench.db"
    else
      psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS atrium_bench" -c "CREATE DATABASE atrium_bench"
      url="postgres://postgres@127.0.0.1:5432/atrium_bench"
    fi
    export ATRIUM_DATABASE_URL="$url" ATRIUM_DATA_DIR="$work" ATRIUM_BIND="127.0.0.1:$PORT" \
      ATRIUM_PUBLIC_URL="http://127.0.0.1:$PORT" ATRIUM_COOKIE_SECURE=false RUST_LOG=warn ATRIUM_DEFAULT_ORG=northwind \
      ATRIUM_MAIL_URL="file://$work/outbox" ATRIUM_STORAGE_URL="file://$work/files"
    "$ATRIUM" seed-demo >/dev/null
    if [ "$backend" = sqlite ]; then
      foreign_sql "$n" | sqlite3 "$work/bench.db"
    else
      foreign_sql "$n" | psql -q -h 127.0.0.1 -U postgres atrium_bench
    fi
    "$ATRIUM" serve & server=$!
    until curl -sf "http://127.0.0.1:$PORT/readyz" >/dev/null; do sleep 0.2; done
    base="http://127.0.0.1:$PORT"
    cookie=$(curl -s -D - -o /dev/null -H "Origin: $base" -H 'Content-Type: application/json' \
      -d '{"email":"ana@bluepeak.example","password":"harbor-violet-92"}' \
      "$base/portal/api/auth/login" | awk -F'[ ;]' 'tolower($1)=="set-cookie:" {print $2}')
    listing=$(curl -s -H "Cookie: $cookie" "$base/portal/api/approvals")
    approval=$(echo "$listing" | python3 -c "import json,sys; d=json.load(sys.stdin); print(d[\"items\"][0][\"id\"])" || { echo "unexpected: $listing" >&2; exit 1; })
    # The first view of a version is recorded (a write); the benchmark measures repeat views.
    curl -sf -o /dev/null -H "Cookie: $cookie" "$base/portal/api/approvals/$approval"
    health=$(rps "$base/healthz")
    me=$(rps "$base/portal/api/me")
    projects=$(rps "$base/portal/api/projects")
    list=$(rps "$base/portal/api/approvals")
    detail=$(rps "$base/portal/api/approvals/$approval")
    gallery=$(rps "$base/portal/api/gallery")
    dashboard=$(rps "$base/portal/api/dashboard")
    request=$(curl -s -H "Cookie: $cookie" "$base/portal/api/requests" |
      python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
    reqs=$(rps "$base/portal/api/requests")
    req_detail=$(rps "$base/portal/api/requests/$request")
    kill "$server"; wait "$server" 2>/dev/null || true; server=
    row="| $LABEL | $backend | $n | $health | $(ratio "$me" "$health") | $(ratio "$projects" "$health") | $(ratio "$list" "$health") | $(ratio "$detail" "$health") | $(ratio "$gallery" "$health") | $(ratio "$dashboard" "$health") | $(ratio "$reqs" "$health") | $(ratio "$req_detail" "$health") |"
    echo "$row"
    rows+=("$row")
  done
done

mkdir -p "$(dirname "$OUT")"
{
  echo "Produced by \`scripts/bench-portal.sh\` on $(date -u +%Y-%m-%d) ($(nproc) cores; wrk -t1 -c16 and the release"
  echo "server share the machine). Each figure is requests/second of the endpoint divided by"
  echo "requests/second of \`/healthz\` in the same run, signed in as the demo contact; N is the number of"
  echo "approvals (each with a version) belonging to another organization's client."
  echo
  echo "| Build | Backend | N foreign | /healthz req/s | /me | /projects | /approvals | /approvals/{id} | /gallery | /dashboard | /requests | /requests/{id} |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
} > "$OUT"
echo "wrote $OUT"
