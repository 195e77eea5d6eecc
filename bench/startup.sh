#!/usr/bin/env bash
# Start-up time and peak RSS of `docker-credential-ibmtp get`, against `docker-credential-ecr-login get`
# (Debian's amazon-ecr-credential-helper) as the baseline. Every process is spawned directly by
# bench/startup.py (no shell, an explicit environment, the host on a stdin pipe), the scenarios run
# interleaved, and token mode is served by the IAM emulator. Writes bench/startup-results.md and, for a
# run without BEFORE_HELPER, the figures in the README.
#   bench/startup.sh [HELPER] [BEFORE_HELPER]
# HELPER defaults to a fresh NativeAOT publish of src/Ibmtp.Helper; BEFORE_HELPER, if given, is a second
# build timed alongside it (labels "before: ..."), e.g. the helper built before a refactor.
# RUNS (default 300) and WARMUP (default 20) set the timed and warm-up rounds, RSS_RUNS (default 30) the
# untimed rounds under GNU time that measure peak RSS (see bench/startup.py for why).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
runs="${RUNS:-300}" warmup="${WARMUP:-20}" rss_runs="${RSS_RUNS:-30}"
work="$(mktemp -d)"
mkdir "$work/tmp"  # TMPDIR of the dotnet builds, which leave empty directories in it
cleanup() {
  if [ -n "${emulator_pid:-}" ]; then kill "$emulator_pid" 2>/dev/null || true; wait "$emulator_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

for tool in docker-credential-ecr-login curl python3 dotnet /usr/bin/time; do
  command -v "$tool" >/dev/null || {
    echo "missing $tool: apt-get install -y amazon-ecr-credential-helper curl python3 time (and the .NET 10 SDK)" >&2; exit 1; }
done
ecr_login="$(command -v docker-credential-ecr-login)"

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

# The IAM emulator, as in bench/run.sh.
echo "building the IAM emulator..."
TMPDIR="$work/tmp" dotnet build "$repo/tests/Ibmtp.IamEmulator/Ibmtp.IamEmulator.csproj" -c Release -o "$work/emulator" -nologo -v quiet
"$work/emulator/Ibmtp.IamEmulator" > "$work/emulator.out" 2>/dev/null &
emulator_pid=$!
for _ in $(seq 100); do grep -q '^listening ' "$work/emulator.out" && break; sleep 0.1; done
iam="$(sed -n 's/^listening //p' "$work/emulator.out")"
[ -n "$iam" ] || { echo "the IAM emulator did not start" >&2; exit 1; }

api_key="bench-$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 40)"
profile="Profile-00000000-0000-4000-8000-000000000001"
post() { curl -fsS -X POST -H 'Content-Type: application/json' -d "$2" "$iam/_emulator/$1" >/dev/null; }
count() { curl -fsS "$iam/_emulator/counts" | python3 -c "import json,sys; print(json.load(sys.stdin)['$1'])"; }
post service-ids "{\"apiKey\":\"$api_key\",\"serviceIdName\":\"bench-builder\"}"
post trusted-profiles "{\"id\":\"$profile\",\"crn\":\"crn:v1:bluemix:public:iam-identity::a/bench::profile:$profile\",\"name\":\"bench\",\"accountId\":\"bench\",\"trusts\":[\"bench-builder\"]}"

# The whole environment of every process: a private HOME per program (so two builds share no cache or
# keystore, and nothing touches the user's), the XDG directories inside it, and a plain PATH.
base_env() {
  local home="$work/home-$1"
  mkdir -p "$home"
  printf '%s\n' "HOME=$home" "XDG_CONFIG_HOME=$home/.config" "XDG_DATA_HOME=$home/.local/share" \
    "XDG_STATE_HOME=$home/.local/state" "XDG_CACHE_HOME=$home/.cache" "PATH=/usr/bin:/bin"
}
apikey_env=("IBMTP_API_KEY=$api_key" "IBMTP_PROFILE_ID=$profile")
token_env=(IBMTP_MODE=token "IBMTP_IAM_URL=$iam" "${apikey_env[@]}")

# One scenario as a JSON line: scenario LABEL EXPECT_EXIT STDIN HOME_NAME PROGRAM [VAR=VALUE...]
# scenario LABEL ACTION EXPECTED_EXIT STDIN HOME PROGRAM [VARIABLE=VALUE...]
scenario() {
  local label="$1" action="$2" expect="$3" stdin="$4" home="$5" program="$6" env; shift 6
  mapfile -t env < <(base_env "$home")
  python3 -c 'import json, sys
label, action, expect, stdin, program, *env = sys.argv[1:]
print(json.dumps({"label": label, "argv": [program, action], "stdin": stdin, "expect_exit": int(expect),
                  "env": dict(kv.split("=", 1) for kv in env)}))' "$label" "$action" "$expect" "$stdin" "$program" "${env[@]}" "$@"
}
kubelet_request='{"apiVersion":"credentialprovider.kubelet.k8s.io/v1","kind":"CredentialProviderRequest","image":"us.icr.io/bench/app:1"}'
# Runs PROGRAM ARGS... once, untimed, with exactly the environment a scenario in HOME_NAME gets.
in_home() { local home="$1" env; shift; mapfile -t env < <(base_env "$home"); env -i "${env[@]}" "$@"; }

# Per build: store a keystore entry and fill the token cache, both checked before anything is timed.
: > "$work/scenarios.jsonl"
iam_lines=()
setup_build() {
  local name="$1" program="$2" out
  printf '{"ServerURL":"us.icr.io","Username":"%s","Secret":"%s"}' "$profile" "$api_key" |
    in_home "$name" "$program" store || { echo "$name: store failed" >&2; exit 1; }
  out="$(printf 'us.icr.io' | in_home "$name" "$program" get)" || true
  [[ "$out" == *"\"Secret\":\"$api_key\""* ]] || { echo "$name: get did not return the stored key: $out" >&2; exit 1; }

  post reset '{}'
  out="$(printf 'us.icr.io' | in_home "$name" env "${token_env[@]}" "$program" get)" || true
  [[ "$out" == *'"Secret":"'* ]] || { echo "$name: the token-mode get failed: $out" >&2; exit 1; }
  out="$(printf '%s' "$kubelet_request" | in_home "$name" env "${token_env[@]}" "$program" kubelet)" || true
  [[ "$out" == *'"password":"'* ]] || { echo "$name: the kubelet provider gave no login: $out" >&2; exit 1; }
  iam_lines+=("IAM calls of the cold token-mode \`get\` that filled the \`$name\` cache: $(count tokenRequests) ($(count apiKeyGrants) apikey grant + $(count assumeGrants) assume grant).")

  {
    scenario "$name: get, API key from the environment" get 0 us.icr.io "$name" "$program" "${apikey_env[@]}"
    scenario "$name: get, host not served" get 1 docker.io "$name" "$program"
    scenario "$name: get, keystore entry" get 0 us.icr.io "$name" "$program"
    scenario "$name: get, token mode served from the cache" get 0 us.icr.io "$name" "$program" "${token_env[@]}"
    scenario "$name: kubelet, token mode served from the cache" kubelet 0 "$kubelet_request" "$name" "$program" "${token_env[@]}"
  } >> "$work/scenarios.jsonl"
}
setup_build ibmtp "$helper"
[ -z "$before" ] || setup_build before "$before"
# ecr-login answers a host that is not ECR with "credentials not found in native keychain", exit 1
# (and logs "can only be used with Amazon Elastic Container Registry" under $HOME/.ecr/log).
scenario ecr-login get 1 us.icr.io ecr-login "$ecr_login" >> "$work/scenarios.jsonl"
python3 -c 'import json, sys; print(json.dumps([json.loads(l) for l in open(sys.argv[1])]))' \
  "$work/scenarios.jsonl" > "$work/scenarios.json"

echo "timing $runs interleaved rounds (+$warmup warm-up)..."
post reset '{}'
python3 "$repo/bench/startup.py" "$work/scenarios.json" --rounds "$runs" --warmup "$warmup" \
  --rss-rounds "$rss_runs" --baseline ecr-login --markdown "$work/table.md" > /dev/null
warm_total="$(count tokenRequests)"
[ "$warm_total" = 0 ] || echo "warning: the cached token-mode runs made $warm_total IAM token requests" >&2

{
  echo "# Benchmark: start-up of \`get\` and of the kubelet provider"
  echo
  echo "Measured $(date -u +%Y-%m-%d) on $(nproc) cores ($(uname -m)): $runs timed rounds after $warmup warm-up rounds,"
  echo "the scenarios interleaved in each round. Each process is spawned directly with posix_spawn (no shell,"
  echo "an explicit environment, the host on a stdin pipe, output to /dev/null); time runs from just before the"
  echo "spawn to just after wait4. Each program has its own throwaway HOME."
  echo
  cat "$work/table.md"
  echo
  printf '%s\n' "${iam_lines[@]}"
  echo "IAM token requests during all $((warmup + runs + rss_runs)) rounds above (warm-up, timed, RSS), every token-mode run served from the cache: $warm_total."
} > "$repo/bench/startup-results.md"
cat "$repo/bench/startup-results.md"
[ -n "$before" ] || python3 - "$repo/README.md" "$repo/bench/startup-results.md" <<'PY'
import re, sys
readme, results = sys.argv[1], open(sys.argv[2]).read()
body = results.split("\n", 2)[2].strip()
text = open(readme).read()
text = re.sub(r"<!-- startup:start -->.*<!-- startup:end -->", lambda _: "<!-- startup:start -->\n" + body + "\n<!-- startup:end -->", text, flags=re.S)
open(readme, "w").write(text)
PY
