#!/usr/bin/env bash
# Start-up time and peak RSS of every `get` path of docker-credential-ibmtp, against the Go helpers
# Debian ships: `docker-credential-ecr-login get` on a host it does not serve (the baseline of every
# ratio), and `docker-credential-secretservice` and `docker-credential-pass` answering `get` and `store`
# from their own stores. The floor is a hello world compiled exactly as the helper is (bench/floor).
# Every process is spawned directly by bench/startup.py (no shell, an explicit environment, a pipe for each
# standard stream, the request on stdin, the answer drained as it runs), each scenario timed one to one with
# ecr-login (A B A B) and held to the ecr-login runs of its own pairs, and token modes are served by the IAM
# emulator. A round of every scenario with a single ecr-login run would run the helper seven times for each
# ecr-login run and keep it warmer in the caches, which flatters it (0.66 of ecr-login's time, where one
# to one read 0.78). Also:
# binary sizes, and the wall time of 32 parallel cold `get`s with the IAM calls they make
# (bench/parallel_cold.py). Writes bench/results.md and, for a run without BEFORE_HELPER, the README's
# figures.
#   bench/startup.sh [HELPER] [BEFORE_HELPER]
# HELPER defaults to a fresh NativeAOT publish of src/Ibmtp.Helper; BEFORE_HELPER, if given, is a second
# build timed alongside it (labels "before: ..."), e.g. the helper built before a change: each of its
# scenarios is paired with ecr-login too, in the same rounds, so ecr-login then runs twice for each run of
# either build, alike for both; the README's figures come from a run of one build.
# RUNS (default 300) and WARMUP (default 20) set the timed and warm-up rounds (one pair per scenario each),
# RSS_RUNS (default 30) the untimed rounds under GNU time that measure peak RSS, paired the same way (see
# bench/startup.py for why), PARALLEL_RUNS (default 20) the rounds of 32 parallel cold `get`s.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
runs="${RUNS:-300}" warmup="${WARMUP:-20}" rss_runs="${RSS_RUNS:-30}" parallel_runs="${PARALLEL_RUNS:-20}"
packages="amazon-ecr-credential-helper golang-docker-credential-helpers pass gnupg dbus gnome-keyring curl python3 time"
for tool in docker-credential-ecr-login docker-credential-secretservice docker-credential-pass pass gpg gpgconf \
            dbus-daemon gnome-keyring-daemon curl python3 dotnet /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "missing $tool: apt-get install -y $packages (and the .NET 10 SDK)" >&2; exit 1; }
done

work="$(mktemp -d)"
cleanup() {
  stop_world
  [ -z "${dbus_pid:-}" ] || kill "$dbus_pid" 2>/dev/null || true
  [ ! -d "$work/home-pass" ] || env GNUPGHOME="$work/home-pass/.gnupg" gpgconf --kill gpg-agent 2>/dev/null || true
  # The keyring daemon of this run is the one whose environment names this run's runtime folder.
  for pid in $(pgrep -x gnome-keyring-d || true); do
    ! grep -qz "XDG_RUNTIME_DIR=$work/runtime" "/proc/$pid/environ" 2>/dev/null || kill "$pid" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT
# shellcheck source=bench/world.sh
. "$repo/bench/world.sh"
mkdir -p "$work/tmp"

# posix_spawn needs absolute paths.
absolute() { [ -x "$1" ] || { echo "not an executable: $1" >&2; exit 1; }; realpath "$1"; }
if [ -n "${1:-}" ]; then
  helper="$(absolute "$1")"
else
  echo "building the helper (NativeAOT)..."
  TMPDIR="$work/tmp" dotnet publish "$repo/src/Ibmtp.Helper/Ibmtp.Helper.csproj" -c Release -r linux-x64 -o "$work/bin" -nologo -v quiet
  helper="$work/bin/docker-credential-ibmtp"
fi
before="${2:+$(absolute "$2")}"
echo "building the floor (NativeAOT hello world)..."
TMPDIR="$work/tmp" dotnet publish "$repo/bench/floor/Floor.csproj" -c Release -r linux-x64 -o "$work/floor" -nologo -v quiet
floor="$work/floor/floor"
start_world

store_request="$(printf '{"ServerURL":"us.icr.io","Username":"%s","Secret":"%s"}' "$profile" "$api_key")"
iam_lines=()
add_helper() {
  add_build "$1" "$2"
  scenario "$1: store" store 0 "$store_request" "$1" "$2"
  iam_lines+=("Calls of each mode's cold \`get\` that filled the \`$1\` cache: $(IFS=';'; echo "${cold_iam_calls[*]}" | sed 's/;/; /g').")
}
add_helper ibmtp "$helper"
[ -z "$before" ] || add_helper before "$before"
scenario "floor: NativeAOT hello world" run 0 us.icr.io floor "$floor"

# docker-credential-secretservice: a session bus and a GNOME keyring unlocked for the run.
mkdir -m 700 "$work/runtime"
mapfile -t bus < <(dbus-daemon --session --fork --print-address=1 --print-pid=1)
dbus_pid="${bus[1]}"
secretservice_env=("DBUS_SESSION_BUS_ADDRESS=${bus[0]}" "XDG_RUNTIME_DIR=$work/runtime")
printf 'bench' | in_home secretservice env "${secretservice_env[@]}" gnome-keyring-daemon --unlock --components=secrets >/dev/null
# docker-credential-pass: a password store under a throwaway GnuPG key without a passphrase.
mkdir -m 700 -p "$work/home-pass/.gnupg"
pass_env=("GNUPGHOME=$work/home-pass/.gnupg")
in_home pass env "${pass_env[@]}" gpg --batch --quiet --pinentry-mode loopback --passphrase '' \
  --quick-gen-key bench@example.invalid default default never 2>/dev/null
in_home pass env "${pass_env[@]}" pass init bench@example.invalid >/dev/null
for peer in secretservice pass; do
  program="$(command -v "docker-credential-$peer")"
  declare -n peer_env="${peer}_env"
  printf '%s' "$store_request" | in_home "$peer" env "${peer_env[@]}" "$program" store
  out="$(printf us.icr.io | in_home "$peer" env "${peer_env[@]}" "$program" get)"
  [[ "$out" == *"\"Secret\":\"$api_key\""* ]] || { echo "$peer: get did not return the stored key" >&2; exit 1; }
  scenario "$peer: get" get 0 us.icr.io "$peer" "$program" "${peer_env[@]}"
  scenario "$peer: store" store 0 "$store_request" "$peer" "$program" "${peer_env[@]}"
  unset -n peer_env
done
# ecr-login answers a host that is not ECR with "credentials not found in native keychain", exit 1
# (and logs "can only be used with Amazon Elastic Container Registry" under $HOME/.ecr/log).
ecr_login="$(command -v docker-credential-ecr-login)"
scenario ecr-login get 1 us.icr.io ecr-login "$ecr_login"
scenarios_json > "$work/scenarios.json"
# Two runs, each against ecr-login: the reads first, then the writes and the peers. Writes and the
# peers' daemons (gpg-agent, the keyring, the session bus) go on working after their process exits,
# and would slow whichever process came next: in the second run, that is ecr-login every time.
python3 - "$work" <<'PY'
import json, sys
work = sys.argv[1]
scenarios = json.load(open(f"{work}/scenarios.json"))
def writes_or_peer(s):
    return s["argv"][1] == "store" or s["label"].split(":")[0] in ("secretservice", "pass")
for name, keep in (("reads", lambda s: not writes_or_peer(s)), ("writes", lambda s: writes_or_peer(s) or s["label"] == "ecr-login")):
    json.dump([s for s in scenarios if keep(s)], open(f"{work}/{name}.json", "w"))
PY

post reset '{}'
for group in reads writes; do
  echo "timing the $group: $runs rounds of each scenario paired with ecr-login (+$warmup warm-up)..."
  python3 "$repo/bench/startup.py" "$work/$group.json" --rounds "$runs" --warmup "$warmup" \
    --rss-rounds "$rss_runs" --baseline ecr-login --markdown "$work/$group.md" > /dev/null
done
warm_calls="$(calls)"
[ "$warm_calls" = none ] || echo "warning: the runs served from the cache made calls: $warm_calls" >&2

echo "timing $parallel_runs rounds of 32 parallel cold gets..."
parallel() {
  local labels=()
  for build in "$@"; do labels+=("$build: get, token mode served from the cache"); done
  python3 "$repo/bench/parallel_cold.py" "$work/scenarios.json" "$iam" "${labels[@]}" \
    --processes 32 --rounds "$parallel_runs"
}
size() { printf '| `%s` | %s |\n' "$1" "$(stat -c %s "$2" | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta')"; }

{
  echo "# Benchmark: start-up of \`get\`, the kubelet provider and \`store\`"
  echo
  echo "Measured $(date -u +%Y-%m-%d) on $(nproc) cores ($(uname -m)) with \`bench/startup.sh\`: $runs timed rounds after"
  echo "$warmup warm-up rounds. Each scenario is timed one to one with the baseline, \`docker-credential-ecr-login get\` on"
  echo "a host it does not serve (A B A B): every run of a scenario is followed by an ecr-login run, the pairs in a new"
  echo "order each round, and a scenario's ratios are to the ecr-login runs of its own pairs. Each process is spawned"
  echo "directly with posix_spawn (no shell, an explicit environment, a pipe for each of stdin, stdout and stderr, drained"
  echo "while it runs, as clients connect a helper); time runs from just before the spawn to just after wait4. Each program"
  echo "has its own throwaway HOME. \`floor\` is a hello world compiled with the helper's settings (bench/floor), which"
  echo "reads stdin and writes a line."
  echo
  echo "Every \`get\` path, the kubelet provider, the floor and ecr-login, in one run:"
  echo
  cat "$work/reads.md"
  echo
  echo "Then, in a run of their own against ecr-login (writes and the peers' daemons would slow whatever ran"
  echo "next, here the ecr-login run of their pair), \`store\` and Debian's \`docker-credential-secretservice\` and"
  echo "\`docker-credential-pass\`, each with a login stored in its own store:"
  echo
  cat "$work/writes.md"
  echo
  printf '%s\n' "${iam_lines[@]}"
  echo "IAM and metadata-service calls during all rounds of both runs above (warm-up, timed, RSS), every token-mode run served from the cache: $warm_calls."
  echo
  echo "32 token-mode \`get\`s started at once on a cold, shared cache, $parallel_runs rounds: wall time from the first"
  echo "spawn to the last exit, the builds' rounds alternating, and the IAM token requests of each round (one exchange is"
  echo "2: apikey + assume)."
  echo
  echo "| Build | Rounds | Median [ms] | P10 [ms] | P90 [ms] | IAM token requests per round |"
  echo "|:---|---:|---:|---:|---:|:---|"
  if [ -z "$before" ]; then parallel ibmtp; else parallel ibmtp before; fi
  echo
  echo "| Binary | Bytes |"
  echo "|:---|---:|"
  size docker-credential-ibmtp "$helper"
  [ -z "$before" ] || size "before: docker-credential-ibmtp" "$before"
  size "floor (hello world)" "$floor"
  for peer in ecr-login secretservice pass; do size "docker-credential-$peer" "$(command -v "docker-credential-$peer")"; done
} > "$work/results.md"
cp "$work/results.md" "$repo/bench/results.md"
cat "$repo/bench/results.md"
[ -n "$before" ] || python3 - "$repo/README.md" "$repo/bench/results.md" <<'PY'
import re, sys
readme, results = sys.argv[1], open(sys.argv[2]).read()
body = results.split("\n", 2)[2].strip()
text = open(readme).read()
text = re.sub(r"<!-- startup:start -->.*<!-- startup:end -->", lambda _: "<!-- startup:start -->\n" + body + "\n<!-- startup:end -->", text, flags=re.S)
open(readme, "w").write(text)
PY
