#!/usr/bin/env bash
# Times `docker-credential-ibmtp get` against `docker-credential-ecr-login get` (Debian's
# amazon-ecr-credential-helper) side by side with hyperfine, and counts the IAM calls of a cold
# token-mode get against the IAM emulator. Writes bench/results.md and the README's figures.
#   bench/run.sh            (needs: hyperfine, amazon-ecr-credential-helper, curl, python3, clang, zlib1g-dev)
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'kill "${emulator_pid:-}" 2>/dev/null || true; rm -rf "$work"' EXIT

for tool in hyperfine docker-credential-ecr-login curl python3; do
  command -v "$tool" >/dev/null || { echo "missing $tool: apt-get install -y hyperfine amazon-ecr-credential-helper curl python3" >&2; exit 1; }
done

echo "building the helper (NativeAOT) and the IAM emulator..."
dotnet publish "$repo/src/Ibmtp.Helper/Ibmtp.Helper.csproj" -c Release -r linux-x64 -o "$work/bin" -nologo -v quiet
dotnet build "$repo/tests/Ibmtp.IamEmulator/Ibmtp.IamEmulator.csproj" -c Release -o "$work/emulator" -nologo -v quiet
helper="$work/bin/docker-credential-ibmtp"

"$work/emulator/Ibmtp.IamEmulator" > "$work/emulator.out" 2>/dev/null &
emulator_pid=$!
for _ in $(seq 100); do grep -q '^listening ' "$work/emulator.out" && break; sleep 0.1; done
iam="$(sed -n 's/^listening //p' "$work/emulator.out")"
[ -n "$iam" ] || { echo "the IAM emulator did not start" >&2; exit 1; }

api_key="bench-$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 40)"
profile="Profile-00000000-0000-4000-8000-000000000001"
post() { curl -fsS -X POST -H 'Content-Type: application/json' -d "$2" "$iam/_emulator/$1" >/dev/null; }
post service-ids "{\"apiKey\":\"$api_key\",\"serviceIdName\":\"bench-builder\"}"
post trusted-profiles "{\"id\":\"$profile\",\"crn\":\"crn:v1:bluemix:public:iam-identity::a/bench::profile:$profile\",\"name\":\"bench\",\"accountId\":\"bench\",\"trusts\":[\"bench-builder\"]}"

# Both helpers get a private HOME, so logs and caches land there and runs do not disturb the user.
export HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" XDG_DATA_HOME="$work/home/.local/share" \
       XDG_STATE_HOME="$work/home/.local/state" XDG_CACHE_HOME="$work/home/.cache"
mkdir -p "$HOME"
printf 'us.icr.io' > "$work/icr-host"
printf 'docker.io' > "$work/other-host"

# The cold get: exactly the calls token mode needs (apikey grant + assume grant).
post reset '{}'
printf 'us.icr.io' | IBMTP_MODE=token IBMTP_IAM_URL="$iam" IBMTP_API_KEY="$api_key" IBMTP_PROFILE_ID="$profile" \
  "$helper" get > /dev/null
count() { curl -fsS "$iam/_emulator/counts" | python3 -c "import json,sys; print(json.load(sys.stdin)['$1'])"; }
cold_total="$(count tokenRequests)" cold_apikey="$(count apiKeyGrants)" cold_assume="$(count assumeGrants)"

post reset '{}'
hyperfine --warmup 20 --runs "${RUNS:-300}" --ignore-failure --export-markdown "$work/table.md" \
  --command-name 'ibmtp get, API key from the environment (apikey mode)' \
  "IBMTP_API_KEY=$api_key IBMTP_PROFILE_ID=$profile $helper get < $work/icr-host" \
  --command-name 'ibmtp get, token mode served from the cache' \
  "IBMTP_MODE=token IBMTP_IAM_URL=$iam IBMTP_API_KEY=$api_key IBMTP_PROFILE_ID=$profile $helper get < $work/icr-host" \
  --command-name 'ibmtp get, host not served' \
  "$helper get < $work/other-host" \
  --command-name 'ecr-login get, non-ECR host' \
  "docker-credential-ecr-login get < $work/icr-host"
warm_total="$(count tokenRequests)"

{
  echo "# Benchmark: \`get\` wall time"
  echo
  echo "Measured $(date -u +%Y-%m-%d) on $(nproc) cores ($(uname -m)), hyperfine $(hyperfine --version | cut -d' ' -f2), runs in one session, side by side."
  echo "Each command includes starting a shell (hyperfine subtracts it) and reading the host from a file on stdin."
  echo
  cat "$work/table.md"
  echo
  echo "IAM calls of a cold token-mode \`get\`: $cold_total ($cold_apikey apikey grant + $cold_assume assume grant)."
  echo "IAM calls during the $((${RUNS:-300} + 20)) cached token-mode runs above: $warm_total."
} > "$repo/bench/results.md"

python3 - "$repo/README.md" "$repo/bench/results.md" <<'PY'
import re, sys
readme, results = sys.argv[1], open(sys.argv[2]).read()
body = results.split("\n", 2)[2].strip()
text = open(readme).read()
text = re.sub(r"<!-- bench:start -->.*<!-- bench:end -->", "<!-- bench:start -->\n" + body + "\n<!-- bench:end -->", text, flags=re.S)
open(readme, "w").write(text)
PY
cat "$repo/bench/results.md"
