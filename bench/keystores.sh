#!/usr/bin/env bash
# A keystore `get` from each store, against Debian's Go helpers for the same stores
# (golang-docker-credential-helpers: docker-credential-secretservice, docker-credential-pass), spawned
# directly and interleaved by bench/startup.py; the figures go to bench/keystores.md.
# It runs in its own D-Bus session with a GNOME Keyring unlocked for it, and a throwaway GnuPG key and
# password store; nothing of the user's keyring or store is read or written.
#   bench/keystores.sh [HELPER] [BEFORE_HELPER]
# HELPER defaults to a fresh NativeAOT publish of src/; BEFORE_HELPER, if given, is a second build timed
# alongside it from the same stores (labels "before get, ..."), e.g. the helper built before a change.
# RUNS (default 200), WARMUP (default 20) and RSS_RUNS (default 20) as in bench/startup.sh.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
if [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ] || [ -z "${IBMTP_BENCH_SESSION:-}" ]; then
  command -v dbus-run-session >/dev/null || { echo "missing dbus-run-session: apt-get install -y dbus-daemon" >&2; exit 1; }
  exec dbus-run-session -- env IBMTP_BENCH_SESSION=1 "$0" "$@"
fi
runs="${RUNS:-200}" warmup="${WARMUP:-20}" rss_runs="${RSS_RUNS:-20}"
for tool in docker-credential-secretservice docker-credential-pass gnome-keyring-daemon pass gpg python3 /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "missing $tool: apt-get install -y golang-docker-credential-helpers gnome-keyring pass gnupg python3 time" >&2; exit 1; }
done
work="$(mktemp -d /tmp/ibmtp-keystores.XXXXXX)"
cleanup() { GNUPGHOME="$work/gnupg" gpgconf --kill gpg-agent 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
# shellcheck source=bench/world.sh
. "$repo/bench/world.sh"

helper="${1:-}"
if [ -z "$helper" ]; then
  echo "publishing the helper..." >&2
  dotnet publish "$repo/src/Ibmtp.Helper" -c Release -r linux-x64 -o "$work/publish" -nologo -v quiet >&2
  helper="$work/publish/docker-credential-ibmtp"
fi
helper="$(realpath "$helper")"

# The keyring: a login keyring created and unlocked with a throwaway password, in a HOME of its own.
mkdir -p "$work/keyring" "$work/run" && chmod 700 "$work/run"
printf %s bench | HOME="$work/keyring" XDG_DATA_HOME="$work/keyring" XDG_RUNTIME_DIR="$work/run" \
  gnome-keyring-daemon --unlock --components=secrets >/dev/null
# pass: a key without a passphrase, and a store initialised for it. docker-credential-pass also wants its marker entry.
export GNUPGHOME="$work/gnupg" PASSWORD_STORE_DIR="$work/password-store"
mkdir -p "$GNUPGHOME" && chmod 700 "$GNUPGHOME"
gpg --batch --quiet --passphrase '' --quick-gen-key bench@example.invalid future-default default never 2>/dev/null
pass init bench@example.invalid >/dev/null
printf 'pass is initialized\n' | pass insert --multiline docker-credential-helpers/docker-pass-initialized-check >/dev/null

secret="bench-$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 40)"
login="{\"ServerURL\":\"us.icr.io\",\"Username\":\"Profile-bench\",\"Secret\":\"$secret\"}"
shared=("DBUS_SESSION_BUS_ADDRESS=$DBUS_SESSION_BUS_ADDRESS" "GNUPGHOME=$GNUPGHOME" "PASSWORD_STORE_DIR=$PASSWORD_STORE_DIR")
: > "$work/scenarios.jsonl"
# Stores the login with each program, checks that get returns it, and adds the get as a scenario.
measure() {
  local label="$1" program="$2" out; shift 2
  printf '%s' "$login" | in_home "$label" env "${shared[@]}" "$@" "$program" store
  out="$(printf 'us.icr.io' | in_home "$label" env "${shared[@]}" "$@" "$program" get)"
  [[ "$out" == *"\"Secret\":\"$secret\""* ]] || { echo "$label: get did not return the stored secret: $out" >&2; exit 1; }
  scenario "$label" get 0 us.icr.io "$label" "$program" "${shared[@]}" "$@"
}
measure "ibmtp get, file" "$helper"
measure "ibmtp get, secretservice" "$helper" IBMTP_KEYSTORE=secretservice
measure "docker-credential-secretservice get" "$(command -v docker-credential-secretservice)"
measure "ibmtp get, pass" "$helper" IBMTP_KEYSTORE=pass
measure "docker-credential-pass get" "$(command -v docker-credential-pass)"
if [ -n "${2:-}" ]; then
  before="$(realpath "$2")"
  measure "before get, file" "$before"
  measure "before get, secretservice" "$before" IBMTP_KEYSTORE=secretservice
  measure "before get, pass" "$before" IBMTP_KEYSTORE=pass
fi
scenarios_json > "$work/scenarios.json"

echo "timing $runs interleaved rounds (+$warmup warm-up)..." >&2
python3 "$repo/bench/startup.py" "$work/scenarios.json" --rounds "$runs" --warmup "$warmup" \
  --rss-rounds "$rss_runs" --json "$work/results.json" > "$work/table.md"
python3 - "$work/results.json" "$work/table.md" "$repo/bench/keystores.md" "$runs" <<'PY'
import json, statistics, sys
results, table, out, runs = sys.argv[1:]
median = {s["label"]: statistics.median(s["wall_ns"]) / 1e6 for s in json.load(open(results))["scenarios"]}
pairs = [("ibmtp get, secretservice", "docker-credential-secretservice get"), ("ibmtp get, pass", "docker-credential-pass get")]
lines = ["# A keystore get from each store", "",
         "Written by `bench/keystores.sh`: each program stores one login in its own store, then its `get` is",
         f"spawned directly, {runs} interleaved rounds. The Go helpers are Debian 12's golang-docker-credential-helpers.",
         "", open(table).read().rstrip(), "", "| ibmtp | Go helper | median ratio |", "|:---|:---|---:|"]
lines += [f"| `{ours}` | `{theirs}` | {median[ours] / median[theirs]:.2f} |" for ours, theirs in pairs]
open(out, "w").write("\n".join(lines) + "\n")
print("\n".join(lines))
PY
