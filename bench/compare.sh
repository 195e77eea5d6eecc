#!/usr/bin/env bash
# Every `get` path of several builds of the helper, timed in one run against
# `docker-credential-ecr-login get` on a host it does not serve: how the findings in
# bench/startup-layout.md were measured. Same driver and scenarios as bench/startup.sh: each scenario of
# every build timed one to one with ecr-login (A B A B), the pairs in a new order each round, so the
# builds are compared within the same rounds and each is held to the ecr-login runs of its own pairs
# (with N builds, ecr-login runs N times for each run of one build, which flatters none of them).
#   bench/compare.sh NAME=HELPER [NAME=HELPER...]
# RUNS (default 300), WARMUP (default 20) and RSS_RUNS (default 30) as in bench/startup.sh.
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
echo "timing $runs rounds of each scenario paired with ecr-login (+$warmup warm-up)..." >&2
python3 "$repo/bench/startup.py" "$work/scenarios.json" --rounds "$runs" --warmup "$warmup" \
  --rss-rounds "$rss_runs" --baseline ecr-login
