#!/usr/bin/env bash
# Builds both SPAs with Trunk in release mode, skipping a SPA whose inputs have not changed.
source "$(dirname "$0")/lib.sh"

inputs_hash() {
  # Everything a SPA's build reads: its crate, the shared crates, the lock file, the workspace manifest.
  find "crates/$1" crates/web-ui crates/shared-types -type f \
      -not -path '*/dist/*' -not -path '*/target/*' -print0 2>/dev/null \
    | sort -z | xargs -0 sha256sum | cat - Cargo.lock Cargo.toml | sha256sum | cut -d' ' -f1
}

# Finished builds are kept outside the clone, keyed by the inputs' hash, so a fresh clone (CI after
# `make run`, another worktree) copies a build of the same sources instead of building it again.
DIST_CACHE="$CACHE/dist"

for app in portal-web staff-web; do
  stamp="crates/$app/dist/.inputs-hash"
  hash="$(inputs_hash "$app")"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$hash" ]; then
    echo "$app: up to date"
    continue
  fi
  cached="$DIST_CACHE/$app-$hash"
  if [ -f "$cached/.inputs-hash" ]; then
    echo "$app: same sources built before; copying that build"
    rm -rf "crates/$app/dist"
    cp -r "$cached" "crates/$app/dist"
    continue
  fi
  step "trunk build --release ($app)"
  (cd "crates/$app" && CARGO_TARGET_DIR="$WASM_TARGET_DIR" trunk build --release --offline)
  echo "$hash" > "$stamp"
  # Keep this build and the newest few others.
  mkdir -p "$DIST_CACHE"
  rm -rf "$cached.tmp" && cp -r "crates/$app/dist" "$cached.tmp" && rm -rf "$cached" && mv "$cached.tmp" "$cached"
  ls -dt "$DIST_CACHE/$app"-* | tail -n +5 | xargs -r rm -rf
done
