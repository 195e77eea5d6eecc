#!/usr/bin/env bash
# Writes the Kubernetes installer of release VERSION into OUT: this folder's manifests, with a
# kustomization.yaml that names the release itself (its version, the download address and the sha256
# of each linux tarball found in FOLDER), ready for `kubectl apply -k OUT`. A platform whose tarball is
# not in FOLDER keeps a pin that is no sha256, which the installer refuses on such a node with a message.
# The nodes download the tarballs from RELEASE_BASE_URL, the release's own download folder that the
# Homebrew formula names too (https://github.com/<owner>/<repository>/releases/download/v<version>); the
# installer adds /v<version> itself, so the address pinned is RELEASE_BASE_URL without it. There is no
# default: a guessed address would send every node to a download that is not this release.
#   RELEASE_BASE_URL=... packaging/kubernetes/pin-release.sh VERSION FOLDER OUT
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
version="$1" folder="$(cd "$2" && pwd)" out="$3"
name=docker-credential-ibmtp
releases="$("$here/release-address.sh" "$version")"

mkdir -p "$out"
install -m 0644 "$here/rbac.yaml" "$here/installer.yaml" "$here/credential-provider-config.yaml" "$out/"
script=(-e "s|^\(      - version=\).*|\1$version|" -e "s|^\(      - releases=\).*|\1$releases|"
  # The source's opening comment, which asks for these values, gives way to one that says where they came from.
  -e "1,/^apiVersion:/{/^#/d}")
for rid in linux-x64 linux-arm64; do
  tarball="$folder/${name}_${version}_$rid.tar.gz"
  if [ -f "$tarball" ]; then
    pin="$(sha256sum "$tarball" | cut -d' ' -f1)"
  else
    pin="<release $version has no $rid tarball>"
  fi
  script+=(-e "s|^\(      - sha256-$rid=\).*|\1$pin|")
done
{
  printf '# docker-credential-ibmtp %s for every Linux node: kubectl apply -k <this folder>\n' "$version"
  printf '# Written by packaging/release.sh with the version, download address and tarballs'"'"' sha256 of the release.\n'
  printf '# Set the node identity in credential-provider-config.yaml and the hostPath folders in installer.yaml\n'
  printf '# first; the kubelet'"'"'s flags are the operator'"'"'s to set (see installer.yaml and README.md).\n'
  sed "${script[@]}" "$here/kustomization.yaml"
} > "$out/kustomization.yaml"
chmod 0644 "$out/kustomization.yaml"
