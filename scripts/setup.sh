#!/usr/bin/env bash
# Installs what Atrium needs to build and (with --test) to test. Idempotent: a second run
# installs nothing and takes a second or two.
source "$(dirname "$0")/lib.sh"
want_test="${1:-}"

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

if [ "$(trunk --version 2>/dev/null || true)" != "trunk $TRUNK_VERSION" ]; then
  step "cargo install trunk $TRUNK_VERSION (about 13 minutes, once)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

wb="$(wasm_bindgen_version)"
if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $wb" ]; then
  step "cargo install wasm-bindgen-cli $wb (a few minutes, once)"
  # Not --locked: its own lock file names a crate version the registry no longer serves.
  cargo install wasm-bindgen-cli --version "$wb" --force
fi

if [ "$(wasm-opt --version 2>/dev/null | grep -o 'version [0-9]*' || true)" != "version $BINARYEN_VERSION" ]; then
  step "npm install binaryen@$BINARYEN_VERSION (wasm-opt for release builds)"
  mkdir -p "$TOOLS_DIR"
  (cd "$TOOLS_DIR" && npm install --no-audit --no-fund --loglevel=error --no-save "binaryen@$BINARYEN_VERSION")
fi

# The fonts invoice and statement PDFs are set in (Latin, Greek, Cyrillic; CJK as fallback).
apt_install fonts-dejavu-core fonts-droid-fallback

if [ "$want_test" = "--test" ]; then
  # poppler-utils: pdftotext and pdftoppm read the PDFs back in the tests.
  apt_install chromium postgresql-client poppler-utils
  if ! python3 -c 'import aiosmtpd' 2>/dev/null; then
    step "pip install aiosmtpd (SMTP sink for the mail tests)"
    python3 -m pip install --quiet aiosmtpd
  fi
  if ! command -v moto_server >/dev/null 2>&1; then
    step "pip install moto[server] (S3-compatible server for the storage tests)"
    python3 -m pip install --quiet 'moto[server]'
  fi
  if [ ! -d e2e/node_modules ] || [ e2e/package-lock.json -nt e2e/node_modules/.package-lock.json ]; then
    step "npm ci (browser tests)"
    (cd e2e && npm ci --no-audit --no-fund --loglevel=error)
  fi
fi
