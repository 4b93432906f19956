#!/usr/bin/env bash
# `make wasm-size`: where the release wasm's bytes come from, by crate and by function, with
# twiggy on a copy built like the shipped one but keeping function names.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v twiggy >/dev/null || cargo install --locked twiggy@0.8.0
out=$(mktemp -d)
cargo build --release --target wasm32-unknown-unknown --bin case-widget-app
wasm-bindgen --target web --out-dir "$out" target/wasm32-unknown-unknown/release/case-widget-app.wasm
wasm-opt -O2 -Oz --debuginfo "$out/case-widget-app_bg.wasm" -o "$out/named.wasm"
twiggy top -n 100000 -f csv "$out/named.wasm" > "$out/top.csv"
python3 bench/wasm-by-crate.py "$out/top.csv" 15
echo
twiggy top -n 15 "$out/named.wasm" | grep -v "subsection"
rm -rf "$out"
