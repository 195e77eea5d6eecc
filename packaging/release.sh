#!/usr/bin/env bash
# Builds every release artifact into artifacts/, from the version in Directory.Build.props
# (the one `docker-credential-ibmtp version` prints):
#   docker-credential-ibmtp_<version>_linux-x64.tar.gz   the NativeAOT binary, LICENSE and README (see tarball.sh);
#                                                        RELEASE_TARBALLS names a folder with other platforms' ones
#   docker-credential-ibmtp_<version>_amd64.deb          /usr/bin, man page, README and a sample config
#   docker-credential-ibmtp*.<version>.nupkg             the dotnet tool: NativeAOT for linux-x64, framework-dependent elsewhere
#   docker-credential-ibmtp_<version>.cdx.json           CycloneDX SBOM of the shipped binary's dependencies
#   docker-credential-ibmtp.rb                           Homebrew formula for the tarballs present in artifacts/
#   docker-credential-ibmtp_<version>_kubernetes.tar.gz  packaging/kubernetes/ with a kustomization.yaml that pins this
#                                                        release's version, download address and linux tarballs' sha256
#   *.sha256 for each artifact, and SHA256SUMS
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

"$repo/packaging/require-packages.sh" clang cmake make zlib1g-dev libssl-dev lintian help2man
version="$(dotnet msbuild "$project" -getProperty:Version -nologo)"
# Refused before anything is built when RELEASE_BASE_URL is missing or names another release.
"$repo/packaging/kubernetes/release-address.sh" "$version" >/dev/null
# Reproducible archives: every timestamp is the last commit's.
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-$(git -C "$repo" log -1 --format=%ct 2>/dev/null || date +%s)}"
work="$(mktemp -d -t ibmtp-release.XXXXXX)"
trap 'rm -rf "$work"' EXIT
# Only the previous release goes: artifacts/ also holds the builds of install.sh and the tests.
mkdir -p "$out" && rm -f "$out/$name"[._]* "$out/SHA256SUMS"

echo "building $name $version (NativeAOT, linux-x64)..."
tarball="$("$repo/packaging/tarball.sh" linux-x64 "$out")"
tar -C "$work" -xzf "$tarball"
binary="$work/${name}_${version}_linux-x64/$name"
# Tarballs of other platforms, built on their own runners by the release workflow, join the checksums and the formula.
[ -z "${RELEASE_TARBALLS:-}" ] || cp "$RELEASE_TARBALLS"/"${name}_${version}"_*.tar.gz "$out/"

echo "writing the Kubernetes installer..."
kubernetes="${name}_${version}_kubernetes"
"$repo/packaging/kubernetes/pin-release.sh" "$version" "$out" "$work/$kubernetes"
tar -C "$work" --sort=name --mtime="@$SOURCE_DATE_EPOCH" --owner=0 --group=0 --numeric-owner -cf - "$kubernetes" | gzip -n -9 > "$out/$kubernetes.tar.gz"

echo "building the Debian package..."
# The package's files, staged as they are installed.
root="$work/deb/debian/$name"
doc="$root/usr/share/doc/$name"
install -D -m 0755 "$binary" "$root/usr/bin/$name"
install -D -m 0644 "$repo/packaging/deb/copyright" "$doc/copyright"
install -D -m 0644 "$repo/README.md" "$doc/README.md"
install -D -m 0644 "$repo/packaging/config.example.json" "$doc/examples/config.json"
install -D -m 0644 "$repo/packaging/deb/lintian-overrides" "$root/usr/share/lintian/overrides/$name"
printf '%s (%s) stable; urgency=medium\n\n  * Release %s.\n\n -- %s  %s\n' "$name" "$version" "$version" \
  "$(sed -n 's/^Maintainer: //p' "$repo/packaging/deb/control.in")" "$(date -u -R -d "@$SOURCE_DATE_EPOCH")" \
  | gzip -n -9 > "$work/changelog.gz"
install -m 0644 "$work/changelog.gz" "$doc/changelog.gz"
mkdir -p "$root/usr/share/man/man1"
help2man --no-info --version-string="$version" --name="Docker credential helper for IBM Cloud Container Registry" "$root/usr/bin/$name" \
  | gzip -n -9 > "$root/usr/share/man/man1/$name.1.gz"
chmod 0644 "$root/usr/share/man/man1/$name.1.gz"
mkdir -p "$root/DEBIAN"
sed -e "s/@VERSION@/$version/" -e "s/@INSTALLED_SIZE@/$(du -sk --exclude=DEBIAN "$root" | cut -f1)/" \
  "$repo/packaging/deb/control.in" > "$root/DEBIAN/control"
find "$root" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
dpkg-deb --root-owner-group -Zxz --build "$root" "$out/${name}_${version}_amd64.deb" >/dev/null
lintian --fail-on error,warning "$out/${name}_${version}_amd64.deb" 2> >(grep -v 'running with root privileges' >&2)

echo "building the dotnet tool packages..."
dotnet pack "$project" -c Release -o "$out" -nologo -v quiet
dotnet pack "$project" -c Release -r linux-x64 -o "$out" -nologo -v quiet -p:CopyOutputSymbolsToPublishDirectory=false
dotnet pack "$project" -c Release -r any -o "$out" -nologo -v quiet -p:PublishAot=false

echo "writing the SBOM..."
dotnet tool update --tool-path "$work/tools" CycloneDX --version 6.3.1 >/dev/null
"$work/tools/dotnet-CycloneDX" "$project" --output "$out" --filename "${name}_${version}.cdx.json" --output-format Json \
  --exclude-test-projects --exclude-dev >/dev/null

(cd "$out" && for artifact in *.tar.gz *.deb *.nupkg *.cdx.json; do sha256sum "$artifact" > "$artifact.sha256"; done)
"$repo/packaging/homebrew/formula.sh" "$version" "$out" > "$out/$name.rb"
(cd "$out" && sha256sum -- *.tar.gz *.deb *.nupkg *.cdx.json "$name.rb" > SHA256SUMS)
echo "artifacts in $out:"
ls -1 "$out"
