#!/usr/bin/env bash
# Load on one HOME: LoadTests in tests/Ibmtp.IntegrationTests launches about 300 helper processes in
# 10 s (20 bursts, 500 ms apart, of 7 stores, up to 3 erases, 3 gets and 2 lists), checks that no
# update was lost, and prints the p50 and p99 of each action. Each time runs from just before the
# process is started (System.Diagnostics.Process, as the other integration tests start it) to just
# after its exit and output were collected. This prints those lines only.
#   bench/load.sh [HELPER]
# HELPER defaults to a NativeAOT publish of src/Ibmtp.Helper made by the test run itself.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
if [ $# -gt 0 ]; then
  IBMTP_TEST_BINARY="$(realpath "$1")"
  export IBMTP_TEST_BINARY
fi

output="$(mktemp)"
trap 'rm -f "$output"' EXIT
status=0
dotnet test "$repo/tests/Ibmtp.IntegrationTests" -c Release -nodeReuse:false -p:UseSharedCompilation=false \
  --filter "FullyQualifiedName~Ibmtp.IntegrationTests.LoadTests" --logger "console;verbosity=normal" >"$output" 2>&1 || status=$?
grep -E '^(load:|\|)' "$output" || true
if [ "$status" -ne 0 ]; then
  echo "the load test failed:" >&2
  grep -E 'Failed|Error Message' -A 8 "$output" >&2 || tail -n 40 "$output" >&2
fi
exit "$status"
