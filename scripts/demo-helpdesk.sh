#!/usr/bin/env bash
# `make demo BACKEND=rt|redmine`: the widget filing into Request Tracker 5 or Redmine 5. The
# helpdesk runs from data/BACKEND on 127.0.0.1:HELPDESK_PORT; the reference server serves the page
# and passes the requests the backend's profile makes on to it with the portal's credential, as a
# portal's reverse proxy would: only for a browser that holds the portal's signed session cookie,
# which /demo/sign-in hands out here in place of a portal's own sign-in. Ctrl-C stops both.
# Usage: demo-helpdesk.sh rt|redmine PORT HELPDESK_PORT
set -euo pipefail
backend="$1" port="$2" helpdesk_port="$3"
here="$(cd "$(dirname "$0")/.." && pwd)"
cd "$here"
dir="data/$backend"
helpdesk="http://127.0.0.1:$helpdesk_port"
case "$backend" in
  rt)
    credential() { printf 'token %s' "$(cat "$dir/token")"; }
    name=RT page=/demo/sign-in
    sign_in="user root, password password"
    proxy=(--proxy "/REST/2.0/=$helpdesk/REST/2.0/" --proxy-allow "POST /REST/2.0/ticket")
    ;;
  redmine)
    # Redmine takes its API key as the user name of HTTP Basic.
    credential() { printf 'Basic %s' "$(printf '%s:x' "$(cat "$dir/api-key")" | base64 -w0)"; }
    name=Redmine page="/demo/sign-in?page=redmine"
    sign_in="user admin, password admin; Redmine asks for a new one"
    proxy=(--proxy "/redmine/=$helpdesk/" --proxy-allow "POST /redmine/uploads.json?filename" --proxy-allow "POST /redmine/issues.json")
    ;;
  *) echo "demo-helpdesk.sh: no helpdesk named '$backend' (rt or redmine)" >&2; exit 2 ;;
esac
scripts/"$backend".sh start "$dir" "$helpdesk_port"
trap 'scripts/"$backend".sh stop "$dir"' EXIT
# The helpdesk writes its credential when it first starts.
credential >"$dir/authorization"
# The secret the portal and the proxy share, made once.
[ -s "$dir/session-secret" ] || head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$dir/session-secret"
chmod 600 "$dir/authorization" "$dir/session-secret"
echo "Demo: open http://127.0.0.1:$port$page (signs you in as the portal would, then opens the page)"
echo "Cases land in $name: $helpdesk/ ($sign_in)"
target/release/case-server --addr "127.0.0.1:$port" --data data "${proxy[@]}" \
  --proxy-session-secret-file "$dir/session-secret" --proxy-session-cookie portal_session \
  --proxy-authorization-file "$dir/authorization" --demo-sign-in
