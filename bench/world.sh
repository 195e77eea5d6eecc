# Sourced by bench/startup.sh and bench/startup-order.sh: the IAM emulator, a throwaway HOME per program,
# and the `get` scenarios of one helper build, each checked before anything is measured.
# The caller sets $repo and $work (a temporary directory it removes) and calls stop_world on exit.

start_world() {
  mkdir -p "$work/tmp"  # TMPDIR of the dotnet builds, which leave empty directories in it
  echo "building the IAM emulator..."
  TMPDIR="$work/tmp" dotnet build "$repo/tests/Ibmtp.IamEmulator/Ibmtp.IamEmulator.csproj" -c Release -o "$work/emulator" -nologo -v quiet
  "$work/emulator/Ibmtp.IamEmulator" > "$work/emulator.out" 2>/dev/null &
  emulator_pid=$!
  for _ in $(seq 100); do grep -q '^listening ' "$work/emulator.out" && break; sleep 0.1; done
  iam="$(sed -n 's/^listening //p' "$work/emulator.out")"
  [ -n "$iam" ] || { echo "the IAM emulator did not start" >&2; exit 1; }

  api_key="bench-$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 40)"
  cr_token="cr-$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 40)"
  profile="Profile-00000000-0000-4000-8000-000000000001"
  post service-ids "{\"apiKey\":\"$api_key\",\"serviceIdName\":\"bench-builder\"}"
  post compute-resource-tokens "{\"token\":\"$cr_token\",\"subject\":\"bench-builder\"}"
  post trusted-profiles "{\"id\":\"$profile\",\"crn\":\"crn:v1:bluemix:public:iam-identity::a/bench::profile:$profile\",\"name\":\"bench\",\"accountId\":\"bench\",\"trusts\":[\"bench-builder\",\"vpc\"]}"
  # A person the profile trusts, who signs in with `login` for the sign-in session's scenario.
  person="IBMid-0000BENCH"
  post people "{\"iamId\":\"$person\",\"name\":\"Bench Person\",\"email\":\"bench@example.test\",\"accountId\":\"bench\",\"password\":\"unused\"}"
  post "trusted-profiles/$profile/people" "{\"iamIds\":[\"$person\"]}"
  session_env=("IBMTP_IAM_URL=$iam" "IBMTP_PROFILE_ID=$profile")

  apikey_env=("IBMTP_API_KEY=$api_key" "IBMTP_PROFILE_ID=$profile")
  token_env=(IBMTP_MODE=token "IBMTP_IAM_URL=$iam" "${apikey_env[@]}")
  cr_token_env=(IBMTP_MODE=cr-token "IBMTP_IAM_URL=$iam" "IBMTP_CR_TOKEN=$cr_token" "IBMTP_PROFILE_ID=$profile")
  vpc_env=(IBMTP_MODE=vpc "IBMTP_VPC_METADATA_URL=$iam" "IBMTP_PROFILE_ID=$profile")
  kubelet_request='{"apiVersion":"credentialprovider.kubelet.k8s.io/v1","kind":"CredentialProviderRequest","image":"us.icr.io/bench/app:1"}'
  : > "$work/scenarios.jsonl"
}

stop_world() {
  if [ -n "${emulator_pid:-}" ]; then kill "$emulator_pid" 2>/dev/null || true; wait "$emulator_pid" 2>/dev/null || true; fi
}

post() { curl -fsS -X POST -H 'Content-Type: application/json' -d "$2" "$iam/_emulator/$1" >/dev/null; }
# Every call the emulator counted since the last reset, by kind.
calls() {
  curl -fsS "$iam/_emulator/counts" | python3 -c 'import json, sys
c = json.load(sys.stdin)
kinds = [("apiKeyGrants", "apikey grant"), ("assumeGrants", "assume grant"), ("crTokenGrants", "cr-token grant"),
         ("instanceIdentityTokenRequests", "instance identity token"), ("instanceIamTokenRequests", "instance IAM token")]
print(", ".join(f"{c[k]} {name}" for k, name in kinds if c[k]) or "none")'
}

# The whole environment of every process: a private HOME per program (so two builds share no cache or
# keystore, and nothing touches the user's), the XDG directories inside it, and a plain PATH.
base_env() {
  local home="$work/home-$1"
  mkdir -p "$home"
  printf '%s\n' "HOME=$home" "XDG_CONFIG_HOME=$home/.config" "XDG_DATA_HOME=$home/.local/share" \
    "XDG_STATE_HOME=$home/.local/state" "XDG_CACHE_HOME=$home/.cache" "PATH=/usr/bin:/bin"
}

# Runs PROGRAM ARGS... once, unmeasured, with exactly the environment a scenario in HOME gets.
in_home() { local home="$1" env; shift; mapfile -t env < <(base_env "$home"); env -i "${env[@]}" "$@"; }

# Appends one scenario to $work/scenarios.jsonl, as bench/startup.py reads it:
#   scenario LABEL ACTION EXPECTED_EXIT STDIN HOME PROGRAM [VARIABLE=VALUE...]
scenario() {
  local label="$1" action="$2" expect="$3" stdin="$4" home="$5" program="$6" env; shift 6
  mapfile -t env < <(base_env "$home")
  python3 -c 'import json, sys
label, action, expect, stdin, program, *env = sys.argv[1:]
print(json.dumps({"label": label, "argv": [program, action], "stdin": stdin, "expect_exit": int(expect),
                  "env": dict(kv.split("=", 1) for kv in env)}))' "$label" "$action" "$expect" "$stdin" "$program" "${env[@]}" "$@" \
    >> "$work/scenarios.jsonl"
}

# Per build: store a keystore entry and fill the token cache of every token mode, each checked, then
# add the build's `get` scenarios. Sets cold_iam_calls to what each mode's cold `get` asked of IAM and
# of the metadata service.
add_build() {
  local name="$1" program="$2" out mode
  printf '{"ServerURL":"us.icr.io","Username":"%s","Secret":"%s"}' "$profile" "$api_key" |
    in_home "$name" "$program" store || { echo "$name: store failed" >&2; exit 1; }
  out="$(printf 'us.icr.io' | in_home "$name" "$program" get)" || true
  [[ "$out" == *"\"Secret\":\"$api_key\""* ]] || { echo "$name: get did not return the stored key: $out" >&2; exit 1; }

  cold_iam_calls=()
  for mode in token cr_token vpc; do
    local -n mode_env="${mode}_env"
    post reset '{}'
    out="$(printf 'us.icr.io' | in_home "$name" env "${mode_env[@]}" "$program" get)" || true
    [[ "$out" == *'"Secret":"'* ]] || { echo "$name: the ${mode/_/-} get failed: $out" >&2; exit 1; }
    cold_iam_calls+=("${mode/_/-} mode: $(calls)")
    unset -n mode_env
  done
  out="$(printf '%s' "$kubelet_request" | in_home "$name" env "${token_env[@]}" "$program" kubelet)" || true
  [[ "$out" == *'"password":"'* ]] || { echo "$name: the kubelet provider gave no login: $out" >&2; exit 1; }

  scenario "$name: get, API key from the environment" get 0 us.icr.io "$name" "$program" "${apikey_env[@]}"
  scenario "$name: get, host not served" get 1 docker.io "$name" "$program"
  scenario "$name: get, keystore entry" get 0 us.icr.io "$name" "$program"
  scenario "$name: get, token mode served from the cache" get 0 us.icr.io "$name" "$program" "${token_env[@]}"
  scenario "$name: get, cr-token mode served from the cache" get 0 us.icr.io "$name" "$program" "${cr_token_env[@]}"
  scenario "$name: get, vpc mode served from the cache" get 0 us.icr.io "$name" "$program" "${vpc_env[@]}"
  scenario "$name: kubelet, token mode served from the cache" kubelet 0 "$kubelet_request" "$name" "$program" "${token_env[@]}"
  add_session_scenario "$name" "$program"
}

# A person signs in with `login` in a HOME of its own (a session is asked before the keystore's
# logins), then `get` is served the profile's token from the cache. A build from before `login` has
# no such path.
add_session_scenario() {
  local name="$1" program="$2" passcode out
  passcode="$(curl -fsS -X POST -H 'Content-Type: application/json' -d "{\"iamId\":\"$person\"}" "$iam/_emulator/passcodes" |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["passcode"])')"
  if ! printf '%s\n' "$passcode" | in_home "$name-session" env "${session_env[@]}" "$program" login --passcode-stdin >/dev/null 2>&1; then
    echo "$name: no login command, so no sign-in session scenario" >&2
    return 0
  fi
  out="$(printf 'us.icr.io' | in_home "$name-session" env "${session_env[@]}" "$program" get)" || true
  [[ "$out" == *'"Username":"iambearer"'* ]] || { echo "$name: get after login failed: $out" >&2; exit 1; }
  scenario "$name: get, sign-in session served from the cache" get 0 us.icr.io "$name-session" "$program" "${session_env[@]}"
}

scenarios_json() {
  python3 -c 'import json, sys; print(json.dumps([json.loads(l) for l in open(sys.argv[1])]))' "$work/scenarios.jsonl"
}
