#!/usr/bin/env bash
# Server memory with many open live streams (issue 9's figure). Seeds the demo agency on SQLite,
# starts the server, signs in as the demo contact and opens STREAMS Server-Sent Events streams
# (`GET /portal/api/events`, one session; the per-session bound is raised for the measurement).
# It reads the server's resident memory (VmRSS) before, with the streams open and idle, and after
# one event reached every stream (each must receive it), then closes them.
#   scripts/bench-live.sh                       # release build, 1000 streams
#   STREAMS=200 ATRIUM_BIN=/path/to/atrium scripts/bench-live.sh
source "$(dirname "$0")/lib.sh"
apt_install curl

STREAMS="${STREAMS:-1000}"
PORT=18410
OUT="${OUT:-crates/api/benches/results/live-latest.md}"
LABEL="${LABEL:-$(git rev-parse --short HEAD)}"

if [ -z "${ATRIUM_BIN:-}" ]; then
  cargo build --release -p atrium-api --bin atrium
  ATRIUM_BIN="$CARGO_TARGET_DIR/release/atrium"
fi
work="$(mktemp -d)"
trap '[ -n "${server:-}" ] && kill "$server" 2>/dev/null; rm -rf "$work"' EXIT

base="http://127.0.0.1:$PORT"
export ATRIUM_DATABASE_URL="sqlite://$work/bench.db" ATRIUM_DATA_DIR="$work" ATRIUM_BIND="127.0.0.1:$PORT" \
  ATRIUM_PUBLIC_URL="$base" ATRIUM_COOKIE_SECURE=false RUST_LOG=warn ATRIUM_DEFAULT_ORG=northwind \
  ATRIUM_MAIL_URL="file://$work/outbox" ATRIUM_STORAGE_URL="file://$work/files" \
  ATRIUM_LIVE_STREAMS_PER_SESSION="$STREAMS"
"$ATRIUM_BIN" seed-demo >/dev/null
"$ATRIUM_BIN" serve & server=$!
until curl -sf "$base/readyz" >/dev/null; do sleep 0.2; done
cookie=$(curl -s -D - -o /dev/null -H "Origin: $base" -H 'Content-Type: application/json' \
  -d '{"email":"ana@bluepeak.example","password":"harbor-violet-92"}' \
  "$base/portal/api/auth/login" | awk -F'[ ;]' 'tolower($1)=="set-cookie:" {print $2}')
approval=$(curl -s -H "Cookie: $cookie" "$base/portal/api/approvals" |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
# Warm the server's pools and caches before the first reading.
for _ in 1 2 3; do curl -sf -o /dev/null -H "Cookie: $cookie" "$base/portal/api/dashboard"; done

result=$(python3 - "$server" "$PORT" "$cookie" "$STREAMS" "$approval" "$base" <<'PY'
import json, selectors, socket, sys, time, urllib.request

pid, port, cookie, count, approval, base = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), sys.argv[5], sys.argv[6]

def rss_kib():
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])

def read_until(sock, needle, deadline):
    data = b""
    while needle not in data:
        if time.time() > deadline:
            raise SystemExit(f"timed out waiting for {needle!r}: {data[:200]!r}")
        chunk = sock.recv(65536)
        if not chunk:
            raise SystemExit(f"stream closed: {data[:300]!r}")
        data += chunk
    return data

before = rss_kib()
streams = []
request = (f"GET /portal/api/events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nCookie: {cookie}\r\n"
           "Accept: text/event-stream\r\n\r\n").encode()
for _ in range(count):
    s = socket.create_connection(("127.0.0.1", port))
    s.settimeout(10)
    s.sendall(request)
    head = read_until(s, b"\r\n\r\n", time.time() + 10)
    if not head.startswith(b"HTTP/1.1 200"):
        raise SystemExit(f"stream refused: {head[:200]!r}")
    streams.append(s)
time.sleep(2)
idle = rss_kib()

# One event every stream must hear: the contact comments on an approval's current version.
opened = json.load(urllib.request.urlopen(
    urllib.request.Request(f"{base}/portal/api/approvals/{approval}", headers={"Cookie": cookie})))
body = json.dumps({"body": "Bench: one event for every stream.", "version": opened["current_version"]}).encode()
req = urllib.request.Request(f"{base}/portal/api/approvals/{approval}/comments", data=body, method="POST",
    headers={"Cookie": cookie, "Origin": base, "Content-Type": "application/json"})
start = time.time()
urllib.request.urlopen(req).read()
sel = selectors.DefaultSelector()
for s in streams:
    s.setblocking(False)
    sel.register(s, selectors.EVENT_READ, bytearray())
pending = set(streams)
while pending:
    if time.time() - start > 30:
        raise SystemExit(f"{len(pending)} streams never got the event")
    for key, _ in sel.select(timeout=1):
        buf = key.data
        try:
            chunk = key.fileobj.recv(65536)
        except BlockingIOError:
            continue
        buf += chunk
        if b"event: activity" in buf and key.fileobj in pending:
            pending.discard(key.fileobj)
all_heard = time.time() - start
after = rss_kib()
for s in streams:
    s.close()
print(f"{before} {idle} {after} {all_heard:.3f}")
PY
)
read -r before idle after heard <<<"$result"
kill "$server"; wait "$server" 2>/dev/null || true; server=
per_stream=$(python3 -c "print(f'{($idle - $before) / $STREAMS:.1f}')")
row="| $LABEL | $STREAMS | $((before / 1024)) MiB | $((idle / 1024)) MiB | $((after / 1024)) MiB | $per_stream KiB | ${heard} s |"
echo "$row"
mkdir -p "$(dirname "$OUT")"
{
  echo "Produced by \`scripts/bench-live.sh\` on $(date -u +%Y-%m-%d) ($(nproc) cores, SQLite, demo data)."
  echo "Server resident memory (VmRSS) before any stream, with the streams open and idle, and after"
  echo "one comment reached every stream as an \`activity\` event; per stream = (idle − before) ÷ streams."
  echo
  echo "| Build | Streams | RSS before | RSS open, idle | RSS after one event to all | Per stream | Event reached all in |"
  echo "|---|---|---|---|---|---|---|"
  echo "$row"
} > "$OUT"
echo "wrote $OUT"
