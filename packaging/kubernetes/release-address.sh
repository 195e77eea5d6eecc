#!/usr/bin/env bash
# Prints the address the Kubernetes installer downloads release VERSION from, which it completes with
# /v<version>: RELEASE_BASE_URL (the release's own download folder, as the Homebrew formula names it)
# without its /v<version>. Refuses, with how to fix it, an address that is missing, not https, or not
# the folder of VERSION, so that pin-release.sh never pins a guess and check-pins.sh checks against it.
#   RELEASE_BASE_URL=https://github.com/<owner>/<repository>/releases/download/v<version> release-address.sh VERSION
set -euo pipefail
version="$1"
example="https://github.com/<owner>/<repository>/releases/download/v$version"
base="${RELEASE_BASE_URL:-}"
[ -n "$base" ] || { echo "RELEASE_BASE_URL is not set: set it to the address the release's files are downloaded from, e.g. $example" >&2; exit 1; }
[[ "$base" == */v"$version" ]] || { echo "RELEASE_BASE_URL is '$base', not the folder of release v$version: set it to e.g. $example" >&2; exit 1; }
releases="${base%/v"$version"}"
printf '%s' "$releases" | grep -Eqx 'https://[^<> ]+[^/]' || { echo "RELEASE_BASE_URL is '$base', not an https address: set it to e.g. $example" >&2; exit 1; }
printf '%s\n' "$releases"
