#!/usr/bin/env bash
# Every `get` path of several builds of the helper, timed in one interleaved run against
# `docker-credential-ecr-login get` on a host it does not serve: how the findings in
# bench/startup-layout.md were measured. Same driver and scenarios as bench/startup.sh.
#   bench/compare.sh NAME=HELPER [NAME=HELPER...]
# RUNS (default 300), WARMUP (default 20) and RSS_RUNS (default 30) as in bench/startup.sh. PAIRS=1
# times each scenario alone against ecr-login, one to one (A B A B), for ratios no round order can flatter.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
runs="${RUNS:-300}" warmup="${WARMUP:-20}" rss_runs="${RSS_RUNS:-30}"
[ $# -gt 0 ] || { echo "usage: bench/compare.sh NAME=HELPER [NAME=HELPER...]" >&2; exit 2; }
for tool in docker-credential-ecr-login curl python3 dotnet /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "missing $tool: apt-get install -y amazon-ecr-credential-helper curl python3 time" >&2; exit 1; }
done
work="$(mktemp -d)"
trap 'stop_world; rm -rf "$work"' EXIT
# shellcheck source=bench/world.sh
. "$repo/bench/world.sh"
start_world
for build in "$@"; do
  name="${build%%=*}" program="$(realpath "${build#*=}")"
  [ -x "$program" ] || { echo "not an executable: ${build#*=}" >&2; exit 1; }
  add_build "$name" "$program"
done
scenario ecr-login get 1 us.icr.io ecr-login "$(command -v docker-credential-ecr-login)"
scenarios_json > "$work/scenarios.json"
echo "timing $runs interleaved rounds (+$warmup warm-up)..." >&2
python3 "$repo/bench/startup.py" "$work/scenarios.json" --rounds "$runs" --warmup "$warmup" ${PAIRS:+--pairs} \
  --rss-rounds "$rss_runs" --baseline ecr-login
