#!/usr/bin/env bash
# `make demo BACKEND=rt`: the widget filing into Request Tracker 5. RT runs from data/rt on
# 127.0.0.1:RT_PORT; the reference server serves the page and passes /REST/2.0/ on to RT with
# the portal user's token, as a portal's reverse proxy would. Ctrl-C stops both.
set -euo pipefail
port="$1" rt_port="$2"
here="$(cd "$(dirname "$0")/.." && pwd)"
cd "$here"
scripts/rt.sh start data/rt "$rt_port"
trap 'scripts/rt.sh stop data/rt' EXIT
printf 'token %s' "$(cat data/rt/token)" >data/rt/authorization
echo "Demo: open http://127.0.0.1:$port/case-widget/demo-rt.html"
echo "Cases land in RT: http://127.0.0.1:$rt_port/ (user root, password password)"
target/release/case-server --addr "127.0.0.1:$port" --data data \
  --proxy "/REST/2.0/=http://127.0.0.1:$rt_port/REST/2.0/" \
  --proxy-authorization-file data/rt/authorization
