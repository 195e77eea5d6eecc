#!/usr/bin/env bash
# Packs a built Linux binary and its man page into OUT/docker-credential-ibmtp_<version>_<arch>.deb:
# /usr/bin, the man page, README, copyright, changelog and a sample config; then holds it to lintian
# with lintian-overrides' waivers. Reproducible: every file time is SOURCE_DATE_EPOCH (the last commit's).
#   packaging/deb/deb.sh RID BINARY MANPAGE OUT
#   e.g. packaging/deb/deb.sh linux-arm64 publish/docker-credential-ibmtp docker-credential-ibmtp.1.gz artifacts
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)" repo="$(cd "$(dirname "$0")/../.." && pwd)"
[ $# -eq 4 ] || { echo "usage: $0 RID BINARY MANPAGE OUT" >&2; exit 2; }
rid="$1" binary="$2" manpage="$3" out="$(mkdir -p "$4" && cd "$4" && pwd)"
name=docker-credential-ibmtp
case "$rid" in linux-x64) arch=amd64 ;; linux-arm64) arch=arm64 ;; *) echo "no .deb for $rid" >&2; exit 2 ;; esac
"$repo/packaging/require-packages.sh" lintian
# shellcheck source=packaging/release-facts.sh
. "$repo/packaging/release-facts.sh"
work="$(mktemp -d -t ibmtp-deb.XXXXXX)"
trap 'rm -rf "$work"' EXIT

# The package's files, staged as they are installed.
root="$work/$name"
doc="$root/usr/share/doc/$name"
install -D -m 0755 "$binary" "$root/usr/bin/$name"
install -D -m 0644 "$manpage" "$root/usr/share/man/man1/$name.1.gz"
install -D -m 0644 "$here/copyright" "$doc/copyright"
install -D -m 0644 "$repo/README.md" "$doc/README.md"
install -D -m 0644 "$repo/packaging/config.example.json" "$doc/examples/config.json"
install -D -m 0644 "$here/lintian-overrides" "$root/usr/share/lintian/overrides/$name"
printf '%s (%s) stable; urgency=medium\n\n  * Release %s.\n\n -- %s  %s\n' "$name" "$version" "$version" \
  "$(sed -n 's/^Maintainer: //p' "$here/control.in")" "$(date -u -R -d "@$SOURCE_DATE_EPOCH")" \
  | gzip -n -9 > "$work/changelog.gz"
install -m 0644 "$work/changelog.gz" "$doc/changelog.gz"
mkdir -p "$root/DEBIAN"
sed -e "s/@VERSION@/$version/" -e "s/@ARCHITECTURE@/$arch/" -e "s/@INSTALLED_SIZE@/$(du -sk --exclude=DEBIAN "$root" | cut -f1)/" \
  "$here/control.in" > "$root/DEBIAN/control"
find "$root" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
deb="$out/${name}_${version}_$arch.deb"
dpkg-deb --root-owner-group -Zxz --build "$root" "$deb" >/dev/null
lintian --fail-on error,warning "$deb" 2> >(grep -v 'running with root privileges' >&2) >&2
echo "$deb"
