#!/usr/bin/env bash
# Packs a built Linux binary and its man page into OUT/docker-credential-ibmtp-<version>-1.<arch>.rpm with rpmbuild (no
# compiling: the spec installs the binary as given), then holds it to rpmlint with rpmlintrc's waivers.
# The homepage is RELEASE_HOMEPAGE, as in the Homebrew formula.
#   packaging/rpm/rpm.sh RID BINARY MANPAGE OUT
#   e.g. packaging/rpm/rpm.sh linux-arm64 publish/docker-credential-ibmtp docker-credential-ibmtp.1.gz artifacts
set -euo pipefail
[ $# -eq 4 ] || { echo "usage: $0 RID BINARY MANPAGE OUT" >&2; exit 2; }
here="$(cd "$(dirname "$0")" && pwd)" repo="$(cd "$(dirname "$0")/../.." && pwd)"
rid="$1" binary="$2" manpage="$3" out="$(mkdir -p "$4" && cd "$4" && pwd)"
name=docker-credential-ibmtp
case "$rid" in linux-x64) arch=x86_64 ;; linux-arm64) arch=aarch64 ;; *) echo "no rpm for $rid" >&2; exit 2 ;; esac
"$repo/packaging/require-packages.sh" rpm rpmlint
# shellcheck source=packaging/release-facts.sh
. "$repo/packaging/release-facts.sh"
work="$(mktemp -d -t ibmtp-rpm.XXXXXX)"
trap 'rm -rf "$work"' EXIT

mkdir -p "$work/SOURCES" "$work/SPECS"
install -m 0755 "$binary" "$work/SOURCES/$name"
install -m 0644 "$repo/LICENSE" "$repo/README.md" "$repo/packaging/config.example.json" "$work/SOURCES/"
install -m 0644 "$manpage" "$work/SOURCES/$name.1.gz"
sed -e "s|@VERSION@|$version|g" -e "s|@URL@|$homepage|g" -e "s|@DATE@|$(LC_ALL=C date -u -d "@$SOURCE_DATE_EPOCH" '+%a %b %d %Y')|g" \
  "$here/$name.spec.in" > "$work/SPECS/$name.spec"
# Reproducible: build times, file times and the build host come from the last commit, not this run.
rpmbuild -bb --quiet --target "$arch-linux" --define "_topdir $work" --define "_buildhost reproducible" \
  --define "use_source_date_epoch_as_buildtime 1" --define "clamp_mtime_to_source_date_epoch 1" \
  "$work/SPECS/$name.spec" >&2
rpm="$out/$name-$version-1.$arch.rpm"
cp "$work/RPMS/$arch/$name-$version-1.$arch.rpm" "$rpm"
rpmlint --strict -c "$here/rpmlint.toml" -r "$here/rpmlintrc" "$rpm" >&2
echo "$rpm"
