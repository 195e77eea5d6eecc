#!/usr/bin/env bash
# Regenerates src/Ibmtp.Helper/startup-order.txt, the order in which the `get` paths first run each
# managed method, from a fresh build: bench/world.sh sets up each path (keystore entry, token caches
# filled through the IAM emulator) and bench/startup_order.py traces it under Valgrind. Run it after a
# change to what `get` runs; a stale file still builds and works, only with more pages touched per start.
#   bench/startup-order.sh
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
for tool in valgrind curl python3 dotnet nm readelf; do
  command -v "$tool" >/dev/null || { echo "missing $tool: apt-get install -y valgrind curl python3 binutils (and the .NET 10 SDK)" >&2; exit 1; }
done
work="$(mktemp -d)"
trap 'stop_world; rm -rf "$work"' EXIT
# shellcheck source=bench/world.sh
. "$repo/bench/world.sh"

echo "building the helper (NativeAOT)..."
mkdir -p "$work/tmp"
TMPDIR="$work/tmp" dotnet publish "$repo/src/Ibmtp.Helper/Ibmtp.Helper.csproj" -c Release -r linux-x64 -o "$work/bin" -nologo -v quiet
helper="$work/bin/docker-credential-ibmtp"
start_world
add_build ibmtp "$helper"
# `store` last: it is timed too, but a `get` is what every pull and push pays for.
printf '{"ServerURL":"de.icr.io","Username":"%s","Secret":"%s"}' "$profile" "$api_key" > "$work/store.json"
scenario "ibmtp: store" store 0 "$(cat "$work/store.json")" ibmtp "$helper"
scenarios_json > "$work/scenarios.json"
python3 "$repo/bench/startup_order.py" "$work/scenarios.json" "$helper" "$helper.dbg" "$repo/src/Ibmtp.Helper/startup-order.txt"
echo "wrote src/Ibmtp.Helper/startup-order.txt ($(wc -l < "$repo/src/Ibmtp.Helper/startup-order.txt") methods)"
