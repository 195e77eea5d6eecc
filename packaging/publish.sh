#!/usr/bin/env bash
# Builds the NativeAOT helper for RID (see dotnet-rid.sh: linux-x64 natively, linux-arm64 natively or
# cross-compiled on x64, osx-* on macOS) into OUT/docker-credential-ibmtp, and prints that path.
# Refuses a binary that does not print this version or, on Linux, that is not one static executable
# of RID's architecture. A linux-arm64 binary built on x64 prints its version under qemu-user;
# packaging/check-arm64.sh runs the rest of its calls there.
#   packaging/publish.sh RID OUT        e.g. packaging/publish.sh linux-arm64 artifacts/linux-arm64
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
[ $# -eq 2 ] || { echo "usage: $0 RID OUT" >&2; exit 2; }
rid="$1" out="$(mkdir -p "$2" && cd "$2" && pwd)"
name=docker-credential-ibmtp
work="$(mktemp -d -t ibmtp-publish.XXXXXX)"
trap 'rm -rf "$work"' EXIT

# dotnet-rid.sh installs the build's packages before it runs dotnet.
"$repo/packaging/dotnet-rid.sh" "$rid" publish -o "$work/publish"
version="$(dotnet msbuild "$repo/src/Ibmtp.Helper/Ibmtp.Helper.csproj" -getProperty:Version -nologo)"
binary="$work/publish/$name"

run=("$binary")
case "$rid" in
  linux-*)
    case "$rid" in
      linux-x64) machine='Advanced Micro Devices X86-64' readelf=readelf ;;
      linux-arm64) machine=AArch64 readelf=readelf
        if [ "$(uname -m)" != aarch64 ]; then
          readelf=aarch64-linux-gnu-readelf # installed by dotnet-rid.sh's cross build
          "$repo/packaging/require-packages.sh" qemu-user-static
          run=(qemu-aarch64-static "$binary")
        fi ;;
    esac
    "$readelf" -h "$binary" | grep -q "Machine: *$machine\$" || { echo "$binary is not a $rid executable" >&2; exit 1; }
    ! "$readelf" -lW "$binary" | grep -q INTERP || { echo "$binary names a dynamic loader: it is not static" >&2; exit 1; }
    "$readelf" -d "$binary" | grep -q 'no dynamic section' || { echo "$binary has a dynamic section: it is not static" >&2; exit 1; }
    ;;
esac
[ "$("${run[@]}" version)" = "$name (ibmtp) $version" ] || { echo "the $rid binary does not say version $version" >&2; exit 1; }
install -m 0755 "$binary" "$out/$name"
echo "$out/$name"
