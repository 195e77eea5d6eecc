#!/usr/bin/env bash
# Builds the NativeAOT helper, installs it on PATH and shows a `get` answering from the environment.
# Installs the build tools it needs first when they are missing (see packaging/require-packages.sh).
#   PREFIX=/usr/local packaging/install.sh   installs to /usr/local/bin (default: ~/.local)
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
prefix="${PREFIX:-$HOME/.local}"

# The release's build (packaging/publish.sh): NativeAOT compiles and links with clang; cmake and make
# build .NET's OpenSSL shim, which is linked in with OpenSSL, zlib and glibc (libssl-dev, zlib1g-dev).
# Installed first, when missing: on a machine that has only the .NET SDK, they also bring the ICU
# library that the SDK's own commands need.
"$repo/packaging/require-packages.sh" clang cmake make zlib1g-dev libssl-dev
case "$(uname -m)" in aarch64|arm64) rid=linux-arm64 ;; *) rid=linux-x64 ;; esac
binary="$("$repo/packaging/publish.sh" "$rid" "$repo/artifacts/publish")"
install -d "$prefix/bin"
install -m 0755 "$binary" "$prefix/bin/docker-credential-ibmtp"
echo "installed $prefix/bin/docker-credential-ibmtp"
case ":$PATH:" in *":$prefix/bin:"*) ;; *) echo "note: add $prefix/bin to PATH" ;; esac

"$prefix/bin/docker-credential-ibmtp" version
echo "demo: get for us.icr.io with a (fake) API key and profile from the environment:"
printf 'us.icr.io' | IBMTP_API_KEY=demo-not-a-real-key IBMTP_PROFILE_ID=Profile-00000000-0000-0000-0000-000000000000 \
  IBMTP_LOG_LEVEL=off "$prefix/bin/docker-credential-ibmtp" get
echo "demo: get for a host this helper does not serve:"
printf 'docker.io' | IBMTP_LOG_LEVEL=off "$prefix/bin/docker-credential-ibmtp" get || true
