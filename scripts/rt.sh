#!/usr/bin/env bash
# Request Tracker 5 for the demo and the tests, from Debian's packages. RT runs on 127.0.0.1
# from a folder of its own (site config, SQLite database, outgoing mail), never the system's.
#
#   scripts/rt.sh install          install the packages where missing
#   scripts/rt.sh start DIR PORT   set up DIR (once) and serve RT on 127.0.0.1:PORT
#   scripts/rt.sh stop DIR         stop the RT started in DIR
#
# After `start`, DIR/token holds the portal user's auth token (`Authorization: token …`).
set -euo pipefail

RT_HOME=/usr/share/request-tracker5
here="$(cd "$(dirname "$0")/.." && pwd)"
. "$here/scripts/apt.sh"

install() {
  if [ -x /usr/sbin/rt-setup-database ] && [ -x "$RT_HOME/libexec/rt-server" ] \
    && dpkg -s rt5-db-sqlite >/dev/null 2>&1; then
    return
  fi
  echo "==> installing Request Tracker 5 (Debian packages; a few minutes once)"
  apt_install request-tracker5 rt5-db-sqlite rt5-standalone
}

start() {
  local dir port
  dir="$(mkdir -p "$1" && cd "$1" && pwd)"
  port="$2"
  install
  mkdir -p "$dir/site.d" "$dir/mail"
  cat >"$dir/RT_SiteConfig.pm" <<CONFIG
Set(\$rtname, 'case-widget');
Set(\$Organization, 'case-widget.example');
Set(\$WebDomain, '127.0.0.1');
Set(\$WebPort, $port);
Set(\$DatabaseType, 'SQLite');
Set(\$DatabaseName, '$dir/rt.db');
Set(\$LogToSTDERR, 'error');
Set(\$LogToSyslog, undef);
Set(\$LogToFile, undef);
Set(\$MailCommand, 'testfile');
Set(%GnuPG, Enable => 0);
Set(%SMIME, Enable => 0);
1;
CONFIG
  export RT_SITE_CONFIG="$dir/RT_SiteConfig.pm" RT_SITE_CONFIG_DIR="$dir/site.d" TMPDIR="$dir/mail"
  # A database set up from another version of the queues and fields is set up again.
  if [ ! -s "$dir/token" ] || ! cmp -s "$here/rt/initialdata" "$dir/initialdata"; then
    rm -f "$dir/rt.db" "$dir/token"
    /usr/sbin/rt-setup-database --action init --skip-create >"$dir/setup.log" 2>&1
    CASE_WIDGET_RT_TOKEN_FILE="$dir/token" /usr/sbin/rt-setup-database --action insert \
      --datafile "$here/rt/initialdata" >>"$dir/setup.log" 2>&1
    cp "$here/rt/initialdata" "$dir/initialdata"
  fi
  "$RT_HOME/libexec/rt-server" --host 127.0.0.1 --port "$port" >"$dir/rt.log" 2>&1 &
  echo $! >"$dir/rt.pid"
  for _ in $(seq 1 120); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      return
    fi
    sleep 0.5
  done
  echo "RT did not start; see $dir/rt.log" >&2
  exit 1
}

stop() {
  local pid
  pid="$(cat "$1/rt.pid" 2>/dev/null || true)"
  if [ -n "$pid" ]; then
    pkill -P "$pid" 2>/dev/null || true
    kill "$pid" 2>/dev/null || true
    rm -f "$1/rt.pid"
  fi
}

case "${1:-}" in
  install) install ;;
  start) start "$2" "$3" ;;
  stop) stop "$2" ;;
  *) echo "usage: $0 install | start DIR PORT | stop DIR" >&2; exit 2 ;;
esac
