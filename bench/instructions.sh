#!/usr/bin/env bash
# Instructions of every `get` scenario of bench/world.sh under callgrind, for one or more builds: a count
# that, unlike a time, repeats to a few hundred instructions whatever else the machine is doing
# (bench/startup-statics.md). Each scenario runs twice and the second run is counted, so the token cache,
# keystore and log file are as a warm `get` finds them. Each binary is copied alone into a folder, so
# Valgrind does not read its `.dbg`.
#   bench/instructions.sh NAME=HELPER [NAME=HELPER...]
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
[ $# -gt 0 ] || { echo "usage: bench/instructions.sh NAME=HELPER [NAME=HELPER...]" >&2; exit 2; }
for tool in valgrind curl python3 dotnet; do
  command -v "$tool" >/dev/null || { echo "missing $tool: apt-get install -y valgrind curl python3" >&2; exit 1; }
done
work="$(mktemp -d)"
trap 'stop_world; rm -rf "$work"' EXIT
# shellcheck source=bench/world.sh
. "$repo/bench/world.sh"
start_world >&2
for build in "$@"; do
  name="${build%%=*}" program="$(realpath "${build#*=}")"
  [ -x "$program" ] || { echo "not an executable: ${build#*=}" >&2; exit 1; }
  mkdir -p "$work/bin-$name"
  cp "$program" "$work/bin-$name/docker-credential-ibmtp"
  add_build "$name" "$work/bin-$name/docker-credential-ibmtp"
done
python3 - "$work/scenarios.jsonl" <<'PY'
import json, re, subprocess, sys
print("| Scenario | Instructions |\n|:---|---:|")
for line in open(sys.argv[1]):
    scenario = json.loads(line)
    for _ in range(2):
        run = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"] + scenario["argv"],
                             input=scenario["stdin"].encode(), env=scenario["env"], capture_output=True)
        if run.returncode != scenario["expect_exit"]:
            sys.exit(f'{scenario["label"]}: exit {run.returncode}, expected {scenario["expect_exit"]}')
    collected = int(re.search(rb"Collected : (\d+)", run.stderr).group(1))
    print(f'| `{scenario["label"]}` | {collected:,} |')
PY
