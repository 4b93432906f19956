#!/usr/bin/env bash
# `make demo BACKEND=redmine`: the widget filing into Redmine 5. Redmine runs from data/redmine
# on 127.0.0.1:REDMINE_PORT; the reference server serves the page and passes the two requests
# the widget makes (`POST /redmine/uploads.json`, `POST /redmine/issues.json`) on to Redmine
# with the portal's API key, as a portal's reverse proxy would: only for a browser that holds
# the portal's signed session cookie, which /demo/sign-in hands out here in place of a portal's
# own sign-in. Ctrl-C stops both.
set -euo pipefail
port="$1" redmine_port="$2"
here="$(cd "$(dirname "$0")/.." && pwd)"
cd "$here"
scripts/redmine.sh start data/redmine "$redmine_port"
trap 'scripts/redmine.sh stop data/redmine' EXIT
# Redmine takes its API key as the user name of HTTP Basic, the header the proxy adds.
printf 'Basic %s' "$(printf '%s:x' "$(cat data/redmine/api-key)" | base64 -w0)" >data/redmine/authorization
# The secret the portal and the proxy share, made once.
[ -s data/redmine/session-secret ] || head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' >data/redmine/session-secret
chmod 600 data/redmine/authorization data/redmine/session-secret
echo "Demo: open http://127.0.0.1:$port/demo/sign-in?page=redmine (signs you in as the portal would, then opens the page)"
echo "Cases land in Redmine: http://127.0.0.1:$redmine_port/ (user admin, password admin; Redmine asks for a new one)"
target/release/case-server --addr "127.0.0.1:$port" --data data \
  --proxy "/redmine/=http://127.0.0.1:$redmine_port/" \
  --proxy-allow "POST /redmine/uploads.json" --proxy-allow "POST /redmine/issues.json" \
  --proxy-session-secret-file data/redmine/session-secret --proxy-session-cookie portal_session \
  --proxy-authorization-file data/redmine/authorization --demo-sign-in
