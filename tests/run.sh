#!/usr/bin/env bash
# Runs every test: the unit tests, the published NativeAOT helper against the real clients
# (docker, podman, buildah, skopeo) and Debian's docker-registry, then a short fuzzing run
# (tests/fuzz.sh). Installs what is missing first (see packaging/require-packages.sh), so no
# integration test is skipped for want of a peer: with IBMTP_REQUIRE_PEERS=1 a missing peer fails
# its test instead.
#   tests/run.sh [dotnet test options...]
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"

# Build tools for the static NativeAOT helper (clang, cmake and make for .NET's OpenSSL shim, zlib's
# and OpenSSL's static libraries), then the peers; curl drives the IAM emulator's admin endpoints,
# GNU time measures peak memory in the hostile-IAM tests, util-linux's unshare and nsenter with mount
# make the read-only and full-disk mounts, Debian's ECR helper is the baseline of the start-up memory
# test, the secretservice keystore is tested against GNOME Keyring in a private D-Bus session
# (secret-tool looks at its items), and the pass keystore against pass with a throwaway GnuPG key.
# The static binary is run in roots of other C libraries: musl's loader and C library make a musl-only
# root laid out as Alpine's docker:cli, and mmdebstrap builds a Debian 11 root (older glibc and
# OpenSSL) from deb.debian.org. Nothing moves the helper's clock (the static binary ignores
# LD_PRELOAD, so libfaketime cannot): the token-lifetime tests age the cached tokens instead
# (docs/architecture.md, Tests).
packages=(clang cmake make zlib1g-dev libssl-dev skopeo podman buildah docker-registry apache2-utils curl time util-linux mount amazon-ecr-credential-helper
  libsecret-tools gnome-keyring dbus-daemon dbus-bin pass gnupg musl mmdebstrap)
command -v docker >/dev/null || packages+=(docker.io)
"$repo/packaging/require-packages.sh" "${packages[@]}"

# The keychain tests need macOS: elsewhere they are filtered out, not counted as skipped. Every
# --filter given here is kept, all of them joined into one (dotnet test takes only one).
args=() filter=""
[ "$(uname -s)" = Darwin ] || filter="TestCategory!=macOS"
while [ $# -gt 0 ]; do
  if [ "$1" = --filter ] && [ $# -gt 1 ]; then
    filter="${filter:+($filter)&}($2)"
    shift 2
  else
    args+=("$1")
    shift
  fi
done
[ -z "$filter" ] || args+=(--filter "$filter")

export IBMTP_REQUIRE_PEERS=1
dotnet test "$repo/CredentialHelper.sln" -c Release "${args[@]}"

# A short fuzzing run of every parser of outside input (docs/fuzzing.md): fuzz.sh installs afl++
# if it is missing, and fails on any crash or hang.
"$repo/tests/fuzz.sh" all 15

# The start-up benchmark's driver: how it spawns, pairs and drains the processes it times.
python3 "$repo/bench/test_startup.py"

# No dependency with a known vulnerability.
"$repo/packaging/check-vulnerable-packages.sh"
