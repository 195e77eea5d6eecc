#!/usr/bin/env bash
# Prints the Homebrew formula for VERSION, with the checksum of each platform's tarball found in
# FOLDER; a platform without a tarball there is left out. The tarballs are fetched from
# RELEASE_BASE_URL (the release workflow sets it to the GitHub release), else from FOLDER itself.
#   packaging/homebrew/formula.sh VERSION FOLDER
set -euo pipefail
version="$1" folder="$(cd "$2" && pwd)"
template="$(dirname "$0")/docker-credential-ibmtp.rb.in"
base="${RELEASE_BASE_URL:-file://$folder}"
homepage="${RELEASE_HOMEPAGE:-https://github.com/${GITHUB_REPOSITORY:-docker-credential-ibmtp/docker-credential-ibmtp}}"

script=(-e "s|@VERSION@|$version|g" -e "s|@BASE_URL@|$base|g" -e "s|@HOMEPAGE@|$homepage|g")
found=0
for rid in osx-arm64 osx-x64 linux-arm64 linux-x64; do
  tarball="$folder/docker-credential-ibmtp_${version}_$rid.tar.gz"
  if [ -f "$tarball" ]; then
    script+=(-e "s|@SHA256_$rid@|$(sha256sum "$tarball" | cut -d' ' -f1)|" -e "/# begin $rid/d" -e "/# end $rid/d")
    found=$((found + 1))
  else
    script+=(-e "/# begin $rid/,/# end $rid/d")
  fi
done
[ "$found" -gt 0 ] || { echo "no docker-credential-ibmtp_${version}_*.tar.gz in $folder" >&2; exit 1; }
# Then the platform blocks a missing tarball left empty are dropped, inner ones first.
sed "${script[@]}" "$template" | sed -e '/^ *on_\(arm\|intel\) do$/{N;/\n *end$/d}' | sed -e '/^ *on_\(macos\|linux\) do$/{N;/\n *end$/d}'
