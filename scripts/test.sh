#!/usr/bin/env bash
# The whole test suite: format, lints, unit and integration tests on SQLite and PostgreSQL,
# and the browser tests. Exits non-zero on the first failure.
source "$(dirname "$0")/lib.sh"

"$ROOT/scripts/setup.sh" --test

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy (native, all targets)"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "cargo clippy (SPAs for wasm32)"
CARGO_TARGET_DIR="$WASM_TARGET_DIR" cargo clippy -p portal-web -p staff-web -p web-ui \
  --target wasm32-unknown-unknown --locked -- -D warnings

# Both database stages and the browser stage use one build: the same `cargo test --workspace`
# command line (another package or target selection makes cargo rebuild dependencies), and the
# `atrium` binary that build already made for the integration tests.
step "cargo test on SQLite"
ATRIUM_TEST_BACKEND=sqlite cargo test --workspace --locked

step "SPAs (release; reused when their inputs are unchanged)"
"$ROOT/scripts/build-web.sh"
# The server binary `cargo test` built for the integration tests (a separate `cargo build` with
# another target selection could rebuild dependencies).
ATRIUM_BIN="$CARGO_TARGET_DIR/debug/atrium"
[ -x "$ATRIUM_BIN" ] || { echo "no server binary at $ATRIUM_BIN" >&2; exit 1; }

pg_up() { pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; }
if ! pg_up && [ "${CI:-}" = "true" ]; then
  # CI requires PostgreSQL; start the machine's cluster if it is installed but stopped.
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start 2>/dev/null || true
  sleep 2
fi

# The PostgreSQL suite and the browser specs run at the same time: both spend most of their time
# waiting (on PostgreSQL, on mail polling and the browser), and neither builds anything. The
# PostgreSQL stage's output is shown when it ends.
pg_log="$(mktemp)"
trap 'rm -f "$pg_log"' EXIT
pg_pid=""
if pg_up; then
  step "cargo test on PostgreSQL (in the background; its output follows the browser tests)"
  # Exactly the SQLite stage's command line: even `--test api` selects differently enough that
  # cargo would rebuild dependencies. The unit tests run again too (seconds).
  ATRIUM_TEST_BACKEND=postgres cargo test --workspace --locked >"$pg_log" 2>&1 &
  pg_pid=$!
elif [ "${CI:-}" = "true" ]; then
  echo "PostgreSQL is required under CI=true but nothing answers on 127.0.0.1:5432" >&2
  exit 1
else
  printf '\n\033[33mSKIPPED: PostgreSQL tests (no server on 127.0.0.1:5432)\033[0m\n'
fi

step "browser tests (Playwright + Chromium)"
e2e_status=0
ATRIUM_BIN="$ATRIUM_BIN" node e2e/run.mjs || e2e_status=$?

pg_status=0
if [ -n "$pg_pid" ]; then
  wait "$pg_pid" || pg_status=$?
  step "cargo test on PostgreSQL: output"
  cat "$pg_log"
fi
[ "$e2e_status" -eq 0 ] || { echo "browser tests failed" >&2; exit "$e2e_status"; }
[ "$pg_status" -eq 0 ] || { echo "PostgreSQL tests failed" >&2; exit "$pg_status"; }

step "all tests passed in $(elapsed)"
