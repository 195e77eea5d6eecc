#!/usr/bin/env bash
# Builds the NativeAOT helper for one platform (packaging/publish.sh) and packs it, with LICENSE and
# README, into OUT/docker-credential-ibmtp_<version>_<RID>.tar.gz, reproducibly (file times of the last
# commit, no owner names, sorted), with GNU tar or with the BSD tar of macOS.
# Runs on the operating system it builds for: NativeAOT does not cross-compile between operating
# systems (linux-arm64 cross-compiles on linux-x64, see dotnet-rid.sh).
#   packaging/tarball.sh RID OUT        e.g. packaging/tarball.sh osx-arm64 artifacts
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
rid="$1" out="$(mkdir -p "$2" && cd "$2" && pwd)"
name=docker-credential-ibmtp
# shellcheck source=packaging/release-facts.sh
. "$repo/packaging/release-facts.sh"
work="$(mktemp -d -t ibmtp-tarball.XXXXXX)"
trap 'rm -rf "$work"' EXIT

folder="${name}_${version}_$rid"
mkdir -p "$work/$folder"
"$repo/packaging/publish.sh" "$rid" "$work/$folder" >/dev/null
install -m 0644 "$repo/LICENSE" "$repo/README.md" "$work/$folder/"
# GNU tar where there is one (Linux, or gtar from Homebrew), else the BSD tar of macOS.
if tar --version 2>/dev/null | grep -q GNU; then
  tar -C "$work" --sort=name --mtime="@$SOURCE_DATE_EPOCH" --owner=0 --group=0 --numeric-owner -cf - "$folder"
else
  # BSD tar has no --mtime or --sort: the times are set on the files, and the entries listed in order.
  stamp="$(date -u -r "$SOURCE_DATE_EPOCH" +%Y%m%d%H%M.%S)"
  find "$work/$folder" -exec touch -h -t "$stamp" {} +
  (cd "$work" && find "$folder" | LC_ALL=C sort) > "$work/entries"
  COPYFILE_DISABLE=1 tar -C "$work" --no-mac-metadata --uid 0 --gid 0 --uname "" --gname "" -n -cf - -T "$work/entries"
fi | gzip -n -9 > "$out/$folder.tar.gz"
echo "$out/$folder.tar.gz"
