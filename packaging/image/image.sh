#!/usr/bin/env bash
# Builds the image to copy the helper from (Containerfile: FROM scratch, the binary at
# /docker-credential-ibmtp) for linux/amd64 and linux/arm64, as one multi-platform OCI index, and
# writes it as an OCI layout in a tar: OUT/docker-credential-ibmtp_<version>_image.oci.tar, tagged
# <version>. Reproducible: the images' and files' times are SOURCE_DATE_EPOCH (the last commit's), the
# index lists amd64 then arm64, and the tar is sorted with no owner names. Labelled with the
# org.opencontainers.image version, source (RELEASE_HOMEPAGE, as in the Homebrew formula), licenses
# and title. buildah runs as root with its storage in a temporary folder (see buildah.sh). Publish it with
#   skopeo copy --all oci-archive:docker-credential-ibmtp_<version>_image.oci.tar docker://<registry>/docker-credential-ibmtp:<version>
#   packaging/image/image.sh AMD64_BINARY ARM64_BINARY OUT
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)" repo="$(cd "$(dirname "$0")/../.." && pwd)"
[ $# -eq 3 ] || { echo "usage: $0 AMD64_BINARY ARM64_BINARY OUT" >&2; exit 2; }
amd64="$1" arm64="$2" out="$(mkdir -p "$3" && cd "$3" && pwd)"
name=docker-credential-ibmtp
"$repo/packaging/require-packages.sh" buildah
# shellcheck source=packaging/release-facts.sh
. "$repo/packaging/release-facts.sh"
work="$(mktemp -d -t ibmtp-image.XXXXXX)"
trap 'rm -rf "$work"' EXIT

mkdir -p "$work/context/amd64" "$work/context/arm64"
install -m 0755 "$amd64" "$work/context/amd64/$name"
install -m 0755 "$arm64" "$work/context/arm64/$name"

# One platform at a time: built together, they join the index in the order they finish.
for platform in linux/amd64 linux/arm64; do
  "$here/buildah.sh" "$work/containers" build --quiet --platform "$platform" --manifest "$name" --timestamp "$SOURCE_DATE_EPOCH" --identity-label=false \
    --label org.opencontainers.image.title="$name" --label org.opencontainers.image.version="$version" \
    --label org.opencontainers.image.source="$homepage" --label org.opencontainers.image.licenses=MIT \
    -f "$here/Containerfile" "$work/context" >/dev/null
done
"$here/buildah.sh" "$work/containers" manifest push --quiet --all --format oci "$name" "oci:$work/layout:$version"
image="$out/${name}_${version}_image.oci.tar"
tar -C "$work/layout" --sort=name --mtime="@$SOURCE_DATE_EPOCH" --owner=0 --group=0 --numeric-owner -cf "$image" blobs index.json oci-layout
echo "$image"
