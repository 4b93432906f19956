#!/usr/bin/env bash
# Redmine 5 for the tests, from Debian's packages. Redmine runs on 127.0.0.1 from a folder of its
# own (database.yml, SQLite database, secret, files, logs), never the system's instance, and
# without Apache or Passenger: WEBrick under rackup.
#
#   scripts/redmine.sh install          install the packages where missing
#   scripts/redmine.sh start DIR PORT   set up DIR (once; again when redmine/setup.rb changes)
#                                       and serve Redmine on 127.0.0.1:PORT
#   scripts/redmine.sh stop DIR         stop the Redmine started in DIR
#   scripts/redmine.sh setting DIR NAME VALUE
#                                       set one of Redmine's settings in DIR's database, e.g. a
#                                       test's own attachment limit (the running Redmine reads it
#                                       at its next request)
#
# After `start`, DIR/api-key holds the portal user's API key (`X-Redmine-API-Key: …`, or HTTP
# Basic with the key as user name), DIR/ids.json the ids redmine/setup.rb made, DIR/setup.log the
# set-up's output and DIR/timings.txt how long each phase took.
set -euo pipefail

REDMINE_HOME=/usr/share/redmine
here="$(cd "$(dirname "$0")/.." && pwd)"
. "$here/scripts/apt.sh"

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

install() {
  if [ -x "$REDMINE_HOME/bin/rake" ] && dpkg -s redmine-sqlite >/dev/null 2>&1; then
    return
  fi
  echo "==> installing Redmine (Debian packages; under a minute once)"
  # Without recommends: they would bring Apache and Passenger.
  apt_install redmine redmine-sqlite
}

# Debian's Redmine reads an instance's config, log, tmp and files from
# /var/lib/redmine/$REDMINE_INSTANCE (lib/redmine/multi_tenancy.rb), so DIR is linked there.
instance_of() { echo "case-widget-$(printf %s "$1" | sha256sum | cut -c1-12)"; }

start() {
  local dir port instance sudo="" t0 t
  dir="$(mkdir -p "$1" && cd "$1" && pwd)"
  port="$2"
  instance="$(instance_of "$dir")"
  [ "$(id -u)" -eq 0 ] || sudo="sudo"

  t0="$(now)"
  local installed="already installed"
  if ! { [ -x "$REDMINE_HOME/bin/rake" ] && dpkg -s redmine-sqlite >/dev/null 2>&1; }; then
    install
    installed="installed"
  fi
  local install_s
  install_s="$(since "$t0")"

  if [ -s "$dir/redmine.pid" ] && kill -0 "$(cat "$dir/redmine.pid")" 2>/dev/null; then
    echo "Redmine already runs from $dir (pid $(cat "$dir/redmine.pid")); stop it first" >&2
    exit 1
  fi

  # Something else answering on PORT would pass for this Redmine below.
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "port $port on 127.0.0.1 is already in use" >&2
    exit 1
  fi

  mkdir -p "$dir/config" "$dir/files" "$dir/log" "$dir/tmp" "$dir/public/plugin_assets"
  cat >"$dir/config/database.yml" <<YAML
production:
  adapter: sqlite3
  database: $dir/redmine.db
  timeout: 10000
  encoding: utf8
YAML
  [ -s "$dir/config/secret_key.txt" ] \
    || ruby -rsecurerandom -e 'puts SecureRandom.hex(64)' >"$dir/config/secret_key.txt"
  # Debian's Gemfile names no web server ("Could not find server"); WEBrick is packaged.
  cat >"$dir/Gemfile" <<RUBY
eval_gemfile '$REDMINE_HOME/Gemfile'
gem 'webrick'
RUBY
  # Resolved again from the installed gems each time, as Debian's postinst does after upgrades.
  rm -f "$dir/Gemfile.lock"
  # Rack::Lock: one request at a time. WEBrick serves each in a thread, and parallel writes on
  # SQLite can fail with "database is locked" (the busy timeout above makes it rarer, not gone).
  cat >"$dir/config.ru" <<RUBY
require '$REDMINE_HOME/config/environment'
use Rack::Lock
run Rails.application
RUBY
  if [ "$(readlink "/var/lib/redmine/$instance" 2>/dev/null || true)" != "$dir" ]; then
    $sudo ln -sfn "$dir" "/var/lib/redmine/$instance"
  fi
  export REDMINE_INSTANCE="$instance" RAILS_ENV=production BUNDLE_GEMFILE="$dir/Gemfile"
  # The schema dump goes here rather than into the package's folder.
  export SCHEMA="$dir/schema.rb" CASE_WIDGET_REDMINE_DIR="$dir"

  # A database set up from another version of setup.rb is set up again.
  local how="reused set-up"
  if [ ! -s "$dir/api-key" ] || ! cmp -s "$here/redmine/setup.rb" "$dir/setup.rb"; then
    how="fresh set-up"
    rm -rf "$dir/redmine.db" "$dir/api-key" "$dir/ids.json" "$dir/setup.rb" "$dir/files" \
      "$dir/schema.rb"
    mkdir -p "$dir/files"
    echo "install_s $install_s ($installed)" >"$dir/timings.txt"
    : >"$dir/setup.log"
    cd "$REDMINE_HOME"
    t="$(now)"
    if ! bin/rake db:migrate </dev/null >>"$dir/setup.log" 2>&1; then
      echo "Redmine set-up failed (db:migrate); see $dir/setup.log" >&2
      exit 1
    fi
    echo "migrate_s $(since "$t")" >>"$dir/timings.txt"
    t="$(now)"
    # This task reports its own failure as "Error: …" and still exits 0.
    local out
    out="$(bin/rake redmine:load_default_data REDMINE_LANG=en </dev/null 2>&1)" || true
    printf '%s\n' "$out" >>"$dir/setup.log"
    if ! grep -q '^Default configuration data loaded\.$' <<<"$out"; then
      echo "Redmine set-up failed (default data); see $dir/setup.log" >&2
      exit 1
    fi
    echo "default_data_s $(since "$t")" >>"$dir/timings.txt"
    t="$(now)"
    if ! bin/rails runner "$here/redmine/setup.rb" </dev/null >>"$dir/setup.log" 2>&1 \
      || [ ! -s "$dir/api-key" ]; then
      echo "Redmine set-up failed (redmine/setup.rb); see $dir/setup.log" >&2
      exit 1
    fi
    echo "runner_s $(since "$t")" >>"$dir/timings.txt"
    cp "$here/redmine/setup.rb" "$dir/setup.rb"
    cd - >/dev/null
  fi

  t="$(now)"
  (cd "$dir" && exec rackup -s webrick -E deployment -o 127.0.0.1 -p "$port" config.ru) \
    </dev/null >"$dir/redmine.log" 2>&1 &
  echo $! >"$dir/redmine.pid"
  for _ in $(seq 1 180); do
    if ! kill -0 "$(cat "$dir/redmine.pid")" 2>/dev/null; then
      break
    fi
    if [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/projects.json")" = 200 ]
    then
      local rss
      rss="$(ps -o rss= -p "$(cat "$dir/redmine.pid")" | tr -d ' ')"
      echo "first_200_s $(since "$t") ($how; port $port; rss_kb $rss)" >>"$dir/timings.txt"
      return
    fi
    sleep 0.5
  done
  echo "Redmine did not start; see $dir/redmine.log and $dir/log/production.log" >&2
  stop "$dir"
  exit 1
}

stop() {
  local dir pid link sudo=""
  dir="$(cd "$1" 2>/dev/null && pwd)" || return 0
  pid="$(cat "$dir/redmine.pid" 2>/dev/null || true)"
  if [ -n "$pid" ]; then
    pkill -P "$pid" 2>/dev/null || true
    kill "$pid" 2>/dev/null || true
    # Wait, so that a `start` right after finds the port free.
    for _ in $(seq 1 40); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.25
    done
    rm -f "$dir/redmine.pid"
  fi
  # Test folders come and go; their links in /var/lib/redmine should not pile up.
  link="/var/lib/redmine/$(instance_of "$dir")"
  if [ "$(readlink "$link" 2>/dev/null || true)" = "$dir" ]; then
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo rm -f "$link"
  fi
}

setting() {
  local dir
  dir="$(cd "$1" && pwd)"
  [[ "$2" =~ ^[a-z_]+$ ]] || { echo "not a setting name: $2" >&2; exit 2; }
  cd "$REDMINE_HOME"
  REDMINE_INSTANCE="$(instance_of "$dir")" RAILS_ENV=production BUNDLE_GEMFILE="$dir/Gemfile" \
    CASE_WIDGET_VALUE="$3" bin/rails runner "Setting.$2 = ENV.fetch('CASE_WIDGET_VALUE')" </dev/null
}

case "${1:-}" in
  install) install ;;
  start) start "$2" "$3" ;;
  stop) stop "$2" ;;
  setting) setting "$2" "$3" "$4" ;;
  *) echo "usage: $0 install | start DIR PORT | stop DIR | setting DIR NAME VALUE" >&2; exit 2 ;;
esac
