#!/usr/bin/env bash
# Checks that the installer pin-release.sh wrote into DIR names release VERSION as built in FOLDER: the
# version, the download address of the RELEASE_BASE_URL it was built for (see release-address.sh), and
# for each linux tarball in FOLDER its real sha256 (a platform without a tarball must have no sha256
# pinned); and that its manifests are this folder's.
#   RELEASE_BASE_URL=... packaging/kubernetes/check-pins.sh VERSION FOLDER DIR
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
version="$1" folder="$2" dir="$3"
name=docker-credential-ibmtp
fail() { echo "$dir/kustomization.yaml: $*" >&2; exit 1; }
literal() { sed -n "s|^      - $1=||p" "$dir/kustomization.yaml"; }

[ "$(sed -n 's|^      - \([a-z0-9-]*\)=.*|\1|p' "$dir/kustomization.yaml" | sort | tr '\n' ' ')" = "releases sha256-linux-arm64 sha256-linux-x64 version " ] \
  || fail "its literals are not exactly version, releases, sha256-linux-x64 and sha256-linux-arm64"
[ "$(literal version)" = "$version" ] || fail "version is '$(literal version)', not $version"
releases="$("$here/release-address.sh" "$version")"
[ "$(literal releases)" = "$releases" ] || fail "releases is '$(literal releases)', not $releases, the address of RELEASE_BASE_URL the release was built for"
[ -f "$folder/${name}_${version}_linux-x64.tar.gz" ] || { echo "no ${name}_${version}_linux-x64.tar.gz in $folder" >&2; exit 1; }
for rid in linux-x64 linux-arm64; do
  tarball="$folder/${name}_${version}_$rid.tar.gz" pin="$(literal "sha256-$rid")"
  if [ -f "$tarball" ]; then
    [ "$pin" = "$(sha256sum "$tarball" | cut -d' ' -f1)" ] || fail "sha256-$rid is '$pin', not the sha256 of $tarball"
  else
    ! printf '%s' "$pin" | grep -Eqx '[0-9a-f]{64}' || fail "sha256-$rid pins $pin, but the release has no $rid tarball"
  fi
done
for manifest in rbac.yaml installer.yaml credential-provider-config.yaml; do
  cmp -s "$here/$manifest" "$dir/$manifest" || { echo "$dir/$manifest differs from packaging/kubernetes/$manifest" >&2; exit 1; }
done
