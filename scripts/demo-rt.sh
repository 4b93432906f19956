#!/usr/bin/env bash
# `make demo BACKEND=rt`: the widget filing into Request Tracker 5. RT runs from data/rt on
# 127.0.0.1:RT_PORT; the reference server serves the page and passes `POST /REST/2.0/ticket` on
# to RT with the portal user's token, as a portal's reverse proxy would: only for a browser that
# holds the portal's signed session cookie, which /demo/sign-in hands out here in place of a
# portal's own sign-in. Ctrl-C stops both.
set -euo pipefail
port="$1" rt_port="$2"
here="$(cd "$(dirname "$0")/.." && pwd)"
cd "$here"
scripts/rt.sh start data/rt "$rt_port"
trap 'scripts/rt.sh stop data/rt' EXIT
printf 'token %s' "$(cat data/rt/token)" >data/rt/authorization
# The secret the portal and the proxy share, made once.
[ -s data/rt/session-secret ] || head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' >data/rt/session-secret
chmod 600 data/rt/authorization data/rt/session-secret
echo "Demo: open http://127.0.0.1:$port/demo/sign-in (signs you in as the portal would, then opens the page)"
echo "Cases land in RT: http://127.0.0.1:$rt_port/ (user root, password password)"
target/release/case-server --addr "127.0.0.1:$port" --data data \
  --proxy "/REST/2.0/=http://127.0.0.1:$rt_port/REST/2.0/" \
  --proxy-allow "POST /REST/2.0/ticket" \
  --proxy-session-secret-file data/rt/session-secret --proxy-session-cookie portal_session \
  --proxy-authorization-file data/rt/authorization --demo-sign-in
