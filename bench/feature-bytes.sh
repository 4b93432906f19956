#!/usr/bin/env bash
# `make bench`: the bytes a cargo feature of the widget adds to the shipped wasm, built as Trunk
# builds it (wasm-bindgen, then wasm-opt -O2 -Oz, as index.html asks), raw and gzip -9. Usage: feature-bytes.sh FEATURE
set -euo pipefail
cd "$(dirname "$0")/.."
feature=$1
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
shipped() {
  cargo build --quiet --release --target wasm32-unknown-unknown --bin case-widget-app "$@"
  wasm-bindgen --target web --out-dir "$out" target/wasm32-unknown-unknown/release/case-widget-app.wasm
  wasm-opt -O2 -Oz "$out/case-widget-app_bg.wasm" -o "$out/shipped.wasm"
  echo "$(stat -c %s "$out/shipped.wasm") $(gzip -9c "$out/shipped.wasm" | wc -c)"
}
# Without first, so the build left in target/ is the shipped one.
read -r raw_without gzip_without < <(shipped --no-default-features)
read -r raw_with gzip_with < <(shipped)
cat > "bench/feature-$feature.json" <<JSON
{ "feature": "$feature", "without": { "raw": $raw_without, "gzip": $gzip_without }, "with": { "raw": $raw_with, "gzip": $gzip_with }, "adds": { "raw": $((raw_with - raw_without)), "gzip": $((gzip_with - gzip_without)) } }
JSON
echo "| the \`$feature\` feature's bytes in the wasm | +$((raw_with - raw_without)) raw, +$((gzip_with - gzip_without)) gzip ($gzip_without → $gzip_with) | ≤ 15,360 gzip: $( [ $((gzip_with - gzip_without)) -le 15360 ] && echo met || echo 'NOT met') |"
