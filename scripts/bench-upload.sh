#!/usr/bin/env bash
# Peak server memory while streaming one large upload (issue 3).
#
# Starts the server (release build by default; PROFILE=debug to use the dev build) on a fresh
# SQLite database and file storage in a temporary directory, creates an organization and a client,
# uploads a SIZE_MIB file (default 1024 = 1 GiB) with `curl -F file=@big.bin`, and prints the
# server's idle RSS, its peak RSS (VmHWM from /proc/<pid>/status) and their ratio.
#
#   scripts/bench-upload.sh            # 1 GiB, release build
#   SIZE_MIB=256 PROFILE=debug scripts/bench-upload.sh
set -euo pipefail
cd "$(dirname "$0")/.."

SIZE_MIB=${SIZE_MIB:-1024}
PROFILE=${PROFILE:-release}
PORT=${PORT:-18089}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$HOME/.cache/atrium/target}

if [ "$PROFILE" = release ]; then
    cargo build --release -p atrium-api --bin atrium >&2
else
    cargo build -p atrium-api --bin atrium >&2
fi
BIN="$CARGO_TARGET_DIR/$PROFILE/atrium"

WORK=$(mktemp -d)
SERVER_PID=
cleanup() {
    if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT

export ATRIUM_DATABASE_URL="sqlite://$WORK/atrium.db"
export ATRIUM_DATA_DIR="$WORK"
export ATRIUM_STORAGE_URL="file://$WORK/files"
export ATRIUM_MAIL_URL="file://$WORK/outbox"
export ATRIUM_SECRET_KEY="bench-secret-0123456789abcdefghijklmnopqrstuvwxyz"
export ATRIUM_BIND="127.0.0.1:$PORT"
export ATRIUM_PUBLIC_URL="http://127.0.0.1:$PORT"
export ATRIUM_COOKIE_SECURE=false
export ATRIUM_LOG_FORMAT=text
export RUST_LOG=warn
PASSWORD="violet tractor harbor 42"

"$BIN" create-org --name Bench --slug bench --owner-email owner@bench.example \
    --owner-name Owner --owner-password "$PASSWORD" >&2
"$BIN" serve >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 100); do
    curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break
    sleep 0.1
done

TOKEN=$(curl -fsS -H 'Content-Type: application/json' \
    -d "{\"email\":\"owner@bench.example\",\"password\":\"$PASSWORD\"}" \
    "http://127.0.0.1:$PORT/api/v1/auth/login" | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
CLIENT=$(curl -fsS -H 'Content-Type: application/json' -H "Authorization: Bearer $TOKEN" \
    -d '{"name":"Bench Client"}' \
    "http://127.0.0.1:$PORT/api/v1/clients" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')

head -c $((SIZE_MIB * 1024 * 1024)) /dev/urandom >"$WORK/big.bin"
kib() { awk -v k="$1" '$1 == k":" {print $2}' "/proc/$SERVER_PID/status"; }
# Sign-in (argon2) raised the high-water mark; reset it so VmHWM covers the upload alone.
echo 5 >"/proc/$SERVER_PID/clear_refs" 2>/dev/null || echo "note: could not reset VmHWM" >&2
IDLE=$(kib VmRSS)
START=$(date +%s.%N)
STATUS=$(curl -sS -o "$WORK/upload.json" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" \
    -F "file=@$WORK/big.bin" "http://127.0.0.1:$PORT/api/v1/clients/$CLIENT/files")
END=$(date +%s.%N)
PEAK=$(kib VmHWM)
[ "$STATUS" = 201 ] || { echo "upload failed: HTTP $STATUS $(cat "$WORK/upload.json")" >&2; exit 1; }
EXPECTED=$(sha256sum "$WORK/big.bin" | cut -d' ' -f1)
GOT=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["sha256"])' "$WORK/upload.json")
[ "$EXPECTED" = "$GOT" ] || { echo "sha256 mismatch: $EXPECTED vs $GOT" >&2; exit 1; }

awk -v size="$SIZE_MIB" -v profile="$PROFILE" -v idle="$IDLE" -v peak="$PEAK" -v s="$START" -v e="$END" 'BEGIN {
    printf "upload: %d MiB (%s build) in %.1f s; sha256 verified\n", size, profile, e - s
    printf "idle RSS: %.1f MiB; peak RSS (VmHWM): %.1f MiB; peak/idle: %.2f; peak/file size: %.4f\n",
        idle / 1024, peak / 1024, peak / idle, peak / 1024 / size
}'
