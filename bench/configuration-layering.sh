#!/usr/bin/env bash
# Every `get` path of two builds of the helper, with no config file, with a config file of top-level
# values, and with one that also has a hosts entry for the host asked for: the instructions each runs
# (Valgrind's callgrind, which counts the same on a loaded machine) and, interleaved one to one in one
# run against `docker-credential-ecr-login get`, their start-up time. How bench/configuration-layering.md
# was measured.
#   bench/configuration-layering.sh NAME=HELPER NAME=HELPER
# RUNS (default 300), WARMUP (default 20) and RSS_RUNS (default 30) as in bench/startup.sh; CALLGRIND_RUNS
# (default 5) runs of each scenario under callgrind and FAULT_RUNS (default 10) under GNU time, of which
# the medians are shown.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
runs="${RUNS:-300}" warmup="${WARMUP:-20}" rss_runs="${RSS_RUNS:-30}" callgrind_runs="${CALLGRIND_RUNS:-5}" fault_runs="${FAULT_RUNS:-10}"
[ $# -eq 2 ] || { echo "usage: bench/configuration-layering.sh NAME=HELPER NAME=HELPER" >&2; exit 2; }
for tool in docker-credential-ecr-login valgrind curl python3 dotnet /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "missing $tool: apt-get install -y amazon-ecr-credential-helper valgrind curl python3 time" >&2; exit 1; }
done
work="$(mktemp -d)"
trap 'stop_world; rm -rf "$work"' EXIT
# shellcheck source=bench/world.sh
. "$repo/bench/world.sh"
start_world
names=()
for build in "$@"; do
  [ -x "${build#*=}" ] || { echo "not an executable: ${build#*=}" >&2; exit 1; }
  names+=("${build%%=*}")
  # Copied without the .dbg file beside it, whose DWARF 5 Valgrind 3.19 cannot read, to paths of one length.
  program="$work/bin${#names[@]}/docker-credential-ibmtp"
  mkdir -p "${program%/*}" && cp "${build#*=}" "$program"
  # Homes of one length, so that neither build reads a longer environment.
  add_build "b${#names[@]}" "$program"
done
scenario ecr-login get 1 us.icr.io ecr-login "$(command -v docker-credential-ecr-login)"

# Each build's home, copied with its keystore and filled caches, once per config file.
top_level='{"logLevel":"information","timeout":20}'
with_host='{"logLevel":"information","timeout":20,"hosts":[{"host":"us.icr.io","mode":"auto"}]}'
for home in b1 b2; do
  for variant in f h; do
    cp -a "$work/home-$home" "$work/home-$home$variant"
    mkdir -p "$work/home-$home$variant/.config/ibmtp"
  done
  printf '%s' "$top_level" > "$work/home-${home}f/.config/ibmtp/config.json"
  printf '%s' "$with_host" > "$work/home-${home}h/.config/ibmtp/config.json"
done
python3 - "$work" "${names[@]}" <<'PY'
import json, sys
work, names = sys.argv[1], sys.argv[2:]
variants = [("", "no config file"), ("f", "config file"), ("h", "config file with a hosts entry for us.icr.io")]
out = []
for line in open(f"{work}/scenarios.jsonl"):
    s = json.loads(line)
    build, _, what = s["label"].partition(": ")
    if build == "ecr-login":
        out.append(s)
        continue
    for suffix, config in variants:
        home = f"{work}/home-{build}"
        t = json.loads(json.dumps(s).replace(home, home + suffix))
        t["label"] = f"{names[int(build[1:]) - 1]}: {what} ({config})"
        out.append(t)
json.dump(out, open(f"{work}/scenarios.json", "w"))
PY

echo "counting instructions: $callgrind_runs runs of each scenario under callgrind..." >&2
python3 - "$work/scenarios.json" "$callgrind_runs" "${names[@]}" <<'PY'
import json, re, statistics, subprocess, sys, tempfile
scenarios, runs, names = json.load(open(sys.argv[1])), int(sys.argv[2]), sys.argv[3:]
counts = {}
with tempfile.TemporaryDirectory() as out:
    for s in scenarios:
        if s["label"] == "ecr-login":
            continue
        irs = []
        for _ in range(runs):
            r = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}/cg"] + s["argv"],
                               env=s["env"], input=s["stdin"].encode(), capture_output=True)
            if r.returncode != s["expect_exit"]:
                sys.exit(f"{s['label']}: exited {r.returncode} under callgrind:\n{r.stderr.decode(errors='replace')}")
            irs.append(int(re.search(rb"Collected : (\d+)", r.stderr).group(1)))
        counts[s["label"]] = statistics.median(irs)
first, second = names
print(f"| Scenario | `{first}` [instructions] | `{second}` [instructions] | difference | difference / `{first}` |")
print("|:---|---:|---:|---:|---:|")
for label, ir in counts.items():
    if label.startswith(first + ": "):
        what = label[len(first) + 2:]
        other = counts[f"{second}: {what}"]
        print(f"| {what} | {ir:,.0f} | {other:,.0f} | {other - ir:+,.0f} | {(other - ir) / ir:+.2%} |")
print(f"\nMedian of {runs} runs of each under `valgrind --tool=callgrind` (all instructions of the process, the dynamic loader's included).")
PY

echo "counting page faults: $fault_runs runs of each scenario under GNU time..." >&2
# Callgrind counts no work of the kernel's; the pages a build touches first are faulted in by it.
python3 - "$work/scenarios.json" "$fault_runs" "${names[@]}" <<'PY'
import json, statistics, subprocess, sys, tempfile
scenarios, runs, names = json.load(open(sys.argv[1])), int(sys.argv[2]), sys.argv[3:]
faults = {}
with tempfile.NamedTemporaryFile() as out:
    for s in scenarios:
        if s["label"] == "ecr-login":
            continue
        counts = []
        for _ in range(runs):
            r = subprocess.run(["/usr/bin/time", "-o", out.name, "-f", "%R"] + s["argv"],
                               env=s["env"], input=s["stdin"].encode(), capture_output=True)
            if r.returncode != s["expect_exit"]:
                sys.exit(f"{s['label']}: exited {r.returncode} under GNU time")
            counts.append(int(open(out.name).read().split()[-1]))
        faults[s["label"]] = statistics.median(counts)
first, second = names
print(f"\n| Scenario | `{first}` [minor faults] | `{second}` [minor faults] | difference |")
print("|:---|---:|---:|---:|")
for label, n in faults.items():
    if label.startswith(first + ": "):
        what = label[len(first) + 2:]
        other = faults[f"{second}: {what}"]
        print(f"| {what} | {n:,.0f} | {other:,.0f} | {other - n:+,.0f} |")
print(f"\nMedian of {runs} runs of each under GNU time (`%R`, page faults served without reading the disk).")
PY

echo "timing $runs interleaved rounds (+$warmup warm-up)..." >&2
python3 "$repo/bench/startup.py" "$work/scenarios.json" --rounds "$runs" --warmup "$warmup" \
  --rss-rounds "$rss_runs" --baseline ecr-login --json "$work/times.json" > "$work/times.md"
cat "$work/times.md"
# The start-up cost of the second build, as a share of the first's, per scenario.
python3 - "$work/times.json" "${names[@]}" <<'PY'
import json, statistics, sys
data, (first, second) = json.load(open(sys.argv[1])), sys.argv[2:]
ms = {s["label"]: [ns / 1e6 for ns in s["wall_ns"]] for s in data["scenarios"]}
print(f"\n| Scenario | `{first}` median [ms] | `{second}` median [ms] | `{second}` / `{first}` |")
print("|:---|---:|---:|---:|")
for label, times in ms.items():
    if label.startswith(first + ": "):
        what = label[len(first) + 2:]
        a, b = statistics.median(times), statistics.median(ms[f"{second}: {what}"])
        print(f"| {what} | {a:.3f} | {b:.3f} | {b / a:.3f} |")
PY
