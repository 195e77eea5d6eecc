#!/usr/bin/env bash
# Builds every release artifact into artifacts/, from the version in Directory.Build.props
# (the one `docker-credential-ibmtp version` prints), for linux-x64 and linux-arm64 (cross-compiled):
#   docker-credential-ibmtp_<version>_linux-<x64|arm64>.tar.gz  the static binary, LICENSE and README (see tarball.sh);
#                                                        RELEASE_TARBALLS names a folder with other platforms' ones
#   docker-credential-ibmtp_<version>_<amd64|arm64>.deb  /usr/bin, man page, README and a sample config (deb/deb.sh)
#   docker-credential-ibmtp-<version>-1.<x86_64|aarch64>.rpm  the same files (rpm/rpm.sh)
#   docker-credential-ibmtp_<version>_image.oci.tar      the image to copy the binary from, for both (image/image.sh)
#   docker-credential-ibmtp*.<version>.nupkg             the dotnet tool: the static binary for linux-x64 and
#                                                        linux-arm64, framework-dependent elsewhere
#   docker-credential-ibmtp_<version>.cdx.json           CycloneDX SBOM of the shipped binary's dependencies
#   docker-credential-ibmtp.rb                           Homebrew formula for the tarballs present in artifacts/
#   docker-credential-ibmtp_<version>_kubernetes.tar.gz  packaging/kubernetes/ with a kustomization.yaml that pins this
#                                                        release's version, download address and linux tarballs' sha256
#   *.sha256 for each artifact, and SHA256SUMS
# Each package and the image carry the binary of the tarball of their architecture; the dotnet tool's
# is built by the same commands (packaging/dotnet-rid.sh), and check-release.sh holds it to the same bytes.
# RELEASE_BASE_URL is the address the release's files are downloaded from (the GitHub release's
# https://github.com/<owner>/<repository>/releases/download/v<version>): the formula's URLs and the
# Kubernetes installer's. It must be set; packaging/check-release.sh checks the installer against it.
# Installs the Debian packages it needs when they are missing (see require-packages.sh).
#   RELEASE_BASE_URL=... packaging/release.sh
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
out="$repo/artifacts"
name=docker-credential-ibmtp
project="$repo/src/Ibmtp.Helper/Ibmtp.Helper.csproj"

# The build tools each script installs itself; help2man writes the man page.
"$repo/packaging/require-packages.sh" help2man
# shellcheck source=packaging/release-facts.sh
. "$repo/packaging/release-facts.sh"
# Refused before anything is built when RELEASE_BASE_URL is missing or names another release.
"$repo/packaging/kubernetes/release-address.sh" "$version" >/dev/null
work="$(mktemp -d -t ibmtp-release.XXXXXX)"
trap 'rm -rf "$work"' EXIT
# Only the previous release goes: artifacts/ also holds the builds of install.sh and the tests.
mkdir -p "$out" && rm -f "$out/$name"[._-]* "$out/SHA256SUMS"

rids=(linux-x64 linux-arm64)
declare -A binary
for rid in "${rids[@]}"; do
  echo "building $name $version (NativeAOT, $rid)..."
  tarball="$("$repo/packaging/tarball.sh" "$rid" "$out")"
  tar -C "$work" -xzf "$tarball"
  binary[$rid]="$work/${name}_${version}_$rid/$name"
done
# Tarballs of other platforms, built on their own runners by the release workflow, join the checksums and the formula.
[ -z "${RELEASE_TARBALLS:-}" ] || cp "$RELEASE_TARBALLS"/"${name}_${version}"_*.tar.gz "$out/"

echo "writing the Kubernetes installer..."
kubernetes="${name}_${version}_kubernetes"
"$repo/packaging/kubernetes/pin-release.sh" "$version" "$out" "$work/$kubernetes"
tar -C "$work" --sort=name --mtime="@$SOURCE_DATE_EPOCH" --owner=0 --group=0 --numeric-owner -cf - "$kubernetes" | gzip -n -9 > "$out/$kubernetes.tar.gz"

echo "building the Debian and RPM packages..."
# One man page for every package: the same binary's --help, whatever its architecture.
help2man --no-info --version-string="$version" --name="Docker credential helper for IBM Cloud Container Registry" "${binary[linux-x64]}" \
  | gzip -n -9 > "$work/$name.1.gz"
for rid in "${rids[@]}"; do
  "$repo/packaging/deb/deb.sh" "$rid" "${binary[$rid]}" "$work/$name.1.gz" "$out" >/dev/null
  "$repo/packaging/rpm/rpm.sh" "$rid" "${binary[$rid]}" "$work/$name.1.gz" "$out" >/dev/null
done

echo "building the image..."
"$repo/packaging/image/image.sh" "${binary[linux-x64]}" "${binary[linux-arm64]}" "$out" >/dev/null

echo "building the dotnet tool packages..."
dotnet pack "$project" -c Release -o "$out" -nologo -v quiet
for rid in "${rids[@]}"; do
  "$repo/packaging/dotnet-rid.sh" "$rid" pack -o "$out"
done
dotnet pack "$project" -c Release -r any -o "$out" -nologo -v quiet -p:PublishAot=false

echo "writing the SBOM..."
dotnet tool update --tool-path "$work/tools" CycloneDX --version 6.3.1 >/dev/null
"$work/tools/dotnet-CycloneDX" "$project" --output "$out" --filename "${name}_${version}.cdx.json" --output-format Json \
  --exclude-test-projects --exclude-dev >/dev/null

(cd "$out" && for artifact in *.tar.gz *.deb *.rpm *.oci.tar *.nupkg *.cdx.json; do sha256sum "$artifact" > "$artifact.sha256"; done)
"$repo/packaging/homebrew/formula.sh" "$version" "$out" > "$out/$name.rb"
(cd "$out" && sha256sum -- *.tar.gz *.deb *.rpm *.oci.tar *.nupkg *.cdx.json "$name.rb" > SHA256SUMS)
echo "artifacts in $out:"
ls -1 "$out"
