#!/usr/bin/env bash
# Builds everything and runs Atrium on the embedded SQLite database with demo data.
source "$(dirname "$0")/lib.sh"

"$ROOT/scripts/setup.sh"
"$ROOT/scripts/build-web.sh"
step "cargo build --release (server)"
cargo build --release -p atrium-api --bin atrium
ATRIUM="$CARGO_TARGET_DIR/release/atrium"

mkdir -p data
"$ATRIUM" seed-demo

public="${ATRIUM_PUBLIC_URL:-http://localhost:8080}"
cat <<INFO

  Atrium is starting (ready in $(elapsed)).

  Client portal:    $public/portal/
  Staff dashboard:  $public/staff/

  Demo staff login:    maya@northwind.example / orchard-lantern-47
  Demo client login:   ana@bluepeak.example / harbor-violet-92
  Sign-in emails:      written to data/outbox/*.eml (set ATRIUM_MAIL_URL for SMTP)

  Stop with Ctrl-C.

INFO
exec "$ATRIUM" serve
