#!/usr/bin/env bash
# Makes the npm package portals install (`make package`): package/ gets the built widget from
# dist/ (without the demo's own pages), the prerender tool as its bin, the changelog and the
# README, and `npm pack` packs it with the types. Prints the tarball's path last.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! [ -f dist/case-widget.js ]; then
  echo "package: no built widget in dist/ (run make build)" >&2
  exit 1
fi
version=$(node -p "require('./package/package.json').version")
crate=$(awk -F '"' '/^version = / { print $2; exit }' Cargo.toml)
if [ "$version" != "$crate" ]; then
  echo "package: package/package.json says $version, Cargo.toml says $crate" >&2
  exit 1
fi

rm -rf package/dist package/bin package/*.tgz
mkdir -p package/bin
# The demo's pages, their styles and the demo's prerendered step are not the widget's.
cp -r dist package/dist
rm -rf package/dist/prerendered
rm -f package/dist/{index,demo-rt,demo-redmine,playground}.html* package/dist/{demo,playground}.css* package/dist/playground.js*
cp scripts/prerender.mjs package/bin/prerender.mjs
chmod +x package/bin/prerender.mjs
cp CHANGELOG.md README.md package/

tarball=$(cd package && npm pack --silent --loglevel=error | tail -n 1)
echo "$PWD/package/$tarball"
