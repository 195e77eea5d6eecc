#!/usr/bin/env bash
# Runs every test against the linux-arm64 binary on an x64 machine: the binary is cross-compiled
# (packaging/publish.sh linux-arm64) and the integration tests run it through a wrapper that starts it under
# qemu-user (IBMTP_TEST_BINARY). Left out are the tests that need the binary natively (category
# NativeBinary: its peak memory would be qemu's, and its root would need qemu and a shell);
# packaging/check-arm64.sh runs the same calls as those in a root, under qemu. Each call takes 0.4-2.5 s
# under qemu instead of milliseconds, so the integration tests take about seven times as long, and a
# test that bounds how long a failure may take can fail on time alone. Needs root, as tests/run.sh does.
#   tests/run-arm64.sh [dotnet test options...]
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
"$repo/packaging/require-packages.sh" qemu-user-static
out="$repo/artifacts/test-publish-arm64"
binary="$("$repo/packaging/publish.sh" linux-arm64 "$out")"
wrapper="$out/under-qemu/docker-credential-ibmtp"
mkdir -p "$(dirname "$wrapper")"
printf '#!/bin/sh\nexec %q %q "$@"\n' "$(command -v qemu-aarch64-static)" "$binary" > "$wrapper"
chmod 0755 "$wrapper"
IBMTP_TEST_BINARY="$wrapper" "$repo/tests/run.sh" --filter "TestCategory!=NativeBinary" "$@"
