# Shared settings for Atrium's scripts. Sourced, not run.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

# Build caches live outside the clone so a fresh clone (and CI) reuses them on the same machine.
CACHE="${ATRIUM_CACHE_DIR:-$HOME/.cache/atrium}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$CACHE/target}"
# The SPAs build in their own target dir, so a server build and a WASM build never wait on each other's lock.
WASM_TARGET_DIR="$CACHE/target-wasm"
# wasm-opt comes from npm's binaryen: Debian's wasm-opt 108 corrupts wasm-bindgen 0.2.130 output
# (the app dies at start-up with "WebAssembly.Table.set(): Argument 1 is invalid"). The SPAs'
# Trunk.toml pins this version, so a wrong wasm-opt fails the build instead of shipping a broken app.
BINARYEN_VERSION="132"
TOOLS_DIR="$CACHE/tools"
export PATH="$TOOLS_DIR/node_modules/.bin:$HOME/.cargo/bin:$PATH"

TRUNK_VERSION="0.21.14"

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }
elapsed() { local s=$SECONDS; printf '%dm%02ds' $((s / 60)) $((s % 60)); }

# The wasm-bindgen version the lock file resolved; the CLI must match it exactly.
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}

apt_install() {
  # Installs the Debian packages that are missing; refreshes the index once if needed.
  local missing=()
  for pkg in "$@"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  step "apt-get install ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get install -y --no-install-recommends "${missing[@]}" \
    || { $sudo apt-get update -q && $sudo apt-get install -y --no-install-recommends "${missing[@]}"; }
}
