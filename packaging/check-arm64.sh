#!/usr/bin/env bash
# Runs a linux-arm64 build of the helper (packaging/publish.sh linux-arm64) under qemu-user, in a root that
# holds only the binary, qemu, the IAM emulator's CA certificate, /home, /tmp and /dev/null: no library,
# no /etc, no /proc, not even /dev/urandom, which a chroot made by hand lacks. A binary that needs
# anything else from the system fails here. Checks, each call timed: version; get for a host not served; an API key from the environment;
# store, get, list and erase on the file keystore, with its random key and with a passphrase; token
# mode against the IAM emulator over http on loopback, then over https with its CA in SSL_CERT_FILE,
# then from the token cache; the kubelet provider; doctor.
# Needs root (chroot, mknod); installs qemu and curl when they are missing (see require-packages.sh).
#   packaging/check-arm64.sh BINARY
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
[ $# -eq 1 ] || { echo "usage: $0 BINARY" >&2; exit 2; }
binary="$(realpath "$1")"
name=docker-credential-ibmtp
[ "$(id -u)" -eq 0 ] || { echo "$0 needs root, to build the root it runs the binary in (chroot, mknod)" >&2; exit 1; }
# qemu-user-static: a static qemu runs inside the root, which has no libraries for it either.
"$repo/packaging/require-packages.sh" qemu-user-static curl

work="$(mktemp -d -t ibmtp-arm64-check.XXXXXX)"
emulator_pids=()
cleanup() {
  for pid in "${emulator_pids[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL $*" >&2; exit 1; }

root="$work/root"
mkdir -p "$root/dev"
mkdir -m 0700 "$root/home"
mkdir -m 1777 "$root/tmp"
mknod -m 0666 "$root/dev/null" c 1 3
install -m 0755 "$binary" "$root/$name"
install -m 0755 "$(command -v qemu-aarch64-static)" "$root/qemu-aarch64-static"

echo "building the IAM emulator..."
mkdir -p "$work/build-tmp"
TMPDIR="$work/build-tmp" dotnet build "$repo/tests/Ibmtp.IamEmulator/Ibmtp.IamEmulator.csproj" -c Release -o "$work/emulator" -nologo -v quiet \
  > "$work/build.log" || { cat "$work/build.log"; fail "the IAM emulator did not build"; }
# start_emulator VARIABLE [--https]: starts an emulator and sets VARIABLE to its address.
start_emulator() {
  local -n address="$1"
  local log="$work/emulator-$1.out"
  "$work/emulator/Ibmtp.IamEmulator" "${@:2}" > "$log" 2>/dev/null &
  emulator_pids+=($!)
  for _ in $(seq 100); do grep -q '^listening ' "$log" && break; sleep 0.1; done
  address="$(sed -n 's/^listening //p' "$log")"
  [ -n "$address" ] || fail "the IAM emulator did not start"
}
start_emulator http_iam
start_emulator https_iam --https
ca="$(curl -fsS -k "$https_iam/_emulator/tls" | sed -n 's/.*"certificatePemPath":"\([^"]*\)".*/\1/p')"
install -m 0644 "$ca" "$root/ca.pem"
emulator() { curl -fsS --cacert "$ca" "$@"; }

random() { head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 32; }
api_key="smoke-$(random)" stored_secret="stored-$(random)" passphrase="passphrase-$(random)"
profile="Profile-00000000-0000-4000-8000-000000000001"
for iam in "$http_iam" "$https_iam"; do
  # The key goes to curl on stdin (printf is the shell's own): a command line is there for every user's ps to read.
  printf '{"apiKey":"%s","serviceIdName":"smoke"}' "$api_key" \
    | emulator -X POST -H 'Content-Type: application/json' --data-binary @- "$iam/_emulator/service-ids" >/dev/null
  emulator -X POST -H 'Content-Type: application/json' \
    -d "{\"id\":\"$profile\",\"crn\":\"crn:v1:bluemix:public:iam-identity::a/smoke::profile:$profile\",\"name\":\"smoke\",\"accountId\":\"smoke\",\"trusts\":[\"smoke\"]}" \
    "$iam/_emulator/trusted-profiles" >/dev/null
done
grants() { emulator "$1/_emulator/counts" | sed -n 's/.*"assumeGrants":\([0-9]*\).*/\1/p'; }

# shellcheck source=packaging/with-only.sh
. "$repo/packaging/with-only.sh"

# call LABEL EXPECTED_EXIT STDIN ACTION [VARIABLE=VALUE...]: runs ACTION in the root, with only HOME and
# the variables given in its environment; leaves its standard output in $output.
call() {
  local label="$1" expect="$2" stdin="$3" action="$4" status=0 start end chroot; shift 4
  chroot="$(command -v chroot)"
  start="${EPOCHREALTIME/./}"
  output="$(printf '%s' "$stdin" | with_only "$@" -- "$chroot" "$root" /qemu-aarch64-static "/$name" "$action" 2>"$work/stderr")" || status=$?
  end="${EPOCHREALTIME/./}"
  [ "$status" -eq "$expect" ] || fail "$label: exit $status, not $expect: $(cat "$work/stderr" - <<< "$output")"
  printf '%5d ms  %s\n' $(((end - start) / 1000)) "$label"
}
expect() { [[ "$output" == $1 ]] || fail "$2: $output"; }

echo "calls under $(qemu-aarch64-static --version | head -n 1), in a root of $(find "$root" -mindepth 1 | wc -l) entries:"
call "version" 0 "" version
expect "$name (ibmtp) [0-9]*" "version printed"

call "get, host not served" 1 docker.io get
expect "credentials not found in native keychain" "the docker client's miss message"

call "get, API key from the environment" 0 us.icr.io get IBMTP_API_KEY="$api_key" IBMTP_PROFILE_ID="$profile"
expect "{\"ServerURL\":\"us.icr.io\",\"Username\":\"$profile\",\"Secret\":\"$api_key\"}" "the login of the key and profile"

keystore="$root/home/.local/share/ibmtp/keystore.json"
login="{\"ServerURL\":\"de.icr.io\",\"Username\":\"$profile\",\"Secret\":\"$stored_secret\"}"
call "store, file keystore" 0 "$login" store IBMTP_KEYSTORE=file
[ "$(stat -c %a "$keystore")" = 600 ] || fail "the keystore is not 0600"
! grep -qF -f - "$keystore" <<< "$stored_secret" || fail "the keystore holds the secret in clear"
call "get, file keystore" 0 de.icr.io get IBMTP_KEYSTORE=file
expect "$login" "the stored login"
call "list, file keystore" 0 "" list IBMTP_KEYSTORE=file
expect "{\"de.icr.io\":\"$profile\"}" "the stored host"
call "erase, file keystore" 0 de.icr.io erase IBMTP_KEYSTORE=file
call "list after erase" 0 "" list IBMTP_KEYSTORE=file
expect "{}" "no host left"
call "get after erase" 1 de.icr.io get IBMTP_KEYSTORE=file
expect "credentials not found in native keychain" "the erased login is gone"

# PBKDF2 (600,000 rounds) in emulated arm64 code: several seconds a call, so two calls only.
rm -rf "$root/home/.local/share/ibmtp"
call "store, file keystore with a passphrase" 0 "$login" store IBMTP_KEYSTORE=file IBMTP_KEYSTORE_PASSPHRASE="$passphrase"
[ ! -e "$root/home/.local/share/ibmtp/keystore.key" ] || fail "a passphrase keystore wrote a key file"
call "get, file keystore with a passphrase" 0 de.icr.io get IBMTP_KEYSTORE=file IBMTP_KEYSTORE_PASSPHRASE="$passphrase"
expect "$login" "the login stored under a passphrase"

token_login="{\"ServerURL\":\"us.icr.io\",\"Username\":\"iambearer\",\"Secret\":\"ey*\"}"
call "get, token mode, IAM over http on loopback" 0 us.icr.io get IBMTP_MODE=token IBMTP_NO_CACHE=1 \
  IBMTP_IAM_URL="$http_iam" IBMTP_API_KEY="$api_key" IBMTP_PROFILE_ID="$profile"
expect "$token_login" "a token from the http emulator"
[ "$(grants "$http_iam")" = 1 ] || fail "the http emulator was not asked for the profile's token"

token_env=(IBMTP_MODE=token IBMTP_IAM_URL="$https_iam" SSL_CERT_FILE=/ca.pem IBMTP_API_KEY="$api_key" IBMTP_PROFILE_ID="$profile")
call "get, token mode, IAM over https" 0 us.icr.io get "${token_env[@]}"
expect "$token_login" "a token from the https emulator"
[ "$(grants "$https_iam")" = 1 ] || fail "the https emulator was not asked for the profile's token"
call "get, token mode, from the cache" 0 us.icr.io get "${token_env[@]}"
expect "$token_login" "the cached token"
[ "$(grants "$https_iam")" = 1 ] || fail "the cached token was asked of IAM again"
call "kubelet, token mode, from the cache" 0 \
  '{"apiVersion":"credentialprovider.kubelet.k8s.io/v1","kind":"CredentialProviderRequest","image":"us.icr.io/smoke/app:1"}' \
  kubelet "${token_env[@]}"
expect '*"auth":{"us.icr.io":{"username":"iambearer","password":"ey*' "the kubelet's login"
call "doctor, token mode" 0 "" doctor "${token_env[@]}"
expect "*IAM exchange:      ok*" "doctor's IAM exchange"
echo "all calls passed"
