#!/usr/bin/env bash
# Installs whatever the build and the tests need and is missing; safe to run again.
#   scripts/setup.sh          build tools: wasm32 target, Trunk, wasm-bindgen CLI, wasm-opt
#   scripts/setup.sh browser  also the browsers the tests drive: Chromium, Firefox ESR, WebKitGTK
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PWD/node_modules/.bin:$PATH"

say() { printf '==> %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

apt_install() {
  say "installing Debian packages: $*"
  # Waits for another apt or dpkg that holds the lock instead of failing.
  as_root apt-get -o DPkg::Lock::Timeout=600 update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get -o DPkg::Lock::Timeout=600 install -y -qq "$@" >/dev/null
}

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if ! trunk --version 2>/dev/null | grep -qF "$TRUNK_VERSION"; then
  say "building Trunk $TRUNK_VERSION (takes 10-15 minutes once)"
  cargo install --locked "trunk@$TRUNK_VERSION"
fi

# The CLI must equal the wasm-bindgen crate in Cargo.lock exactly.
bindgen_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3 }' Cargo.lock)
if ! grep -qF "wasm_bindgen = \"$bindgen_version\"" Trunk.toml; then
  echo "Trunk.toml [tools] wasm_bindgen must be $bindgen_version, as in Cargo.lock" >&2
  exit 1
fi
if ! wasm-bindgen --version 2>/dev/null | grep -qF "$bindgen_version"; then
  say "building wasm-bindgen-cli $bindgen_version"
  cargo install --locked "wasm-bindgen-cli@$bindgen_version" || cargo install --force "wasm-bindgen-cli@$bindgen_version"
fi

if ! command -v npm >/dev/null; then
  apt_install nodejs npm
fi
if ! [ -x node_modules/.bin/wasm-opt ] || ! [ -d node_modules/playwright-core ] || ! [ -d node_modules/@axe-core/playwright ] \
  || ! [ -d node_modules/puppeteer-core ] || ! [ -d node_modules/selenium-webdriver ]; then
  say "installing npm packages (wasm-opt, the browser drivers)"
  npm ci --no-audit --no-fund --loglevel=error
fi

if [ "${1:-}" = browser ]; then
  # CJK fonts, so the browser renders Japanese, Korean and Chinese as customers see them.
  if ! [ -x /usr/bin/chromium ] || ! [ -x /usr/bin/chromedriver ] || ! [ -d /usr/share/fonts/opentype/noto ]; then
    apt_install chromium chromium-driver fonts-noto-cjk
  fi
  # Firefox ESR, and WebKitGTK's WebDriver with its MiniBrowser on a virtual display: the
  # whole-case journeys run in those engines too.
  if ! [ -x /usr/bin/firefox-esr ] || ! [ -x /usr/bin/WebKitWebDriver ] || ! [ -x /usr/bin/Xvfb ] \
    || ! compgen -G '/usr/lib/*/webkit2gtk-4.1/MiniBrowser' >/dev/null; then
    apt_install firefox-esr webkit2gtk-driver libwebkit2gtk-4.1-0 xvfb
  fi
  # The portal apps the package is tested in (React 19 and Vue 3, built by Vite), from their
  # lockfiles; the tests install the packed widget into copies of them.
  for app in tests/fixtures/react tests/fixtures/vue; do
    if ! [ -x "$app/node_modules/.bin/vite" ]; then
      say "installing npm packages of $app"
      (cd "$app" && npm ci --no-audit --no-fund --loglevel=error)
    fi
  done
  # Request Tracker 5 and Redmine 5, the real helpdesks the browser tests file cases into.
  scripts/rt.sh install
  scripts/redmine.sh install
fi
