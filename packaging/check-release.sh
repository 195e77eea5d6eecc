#!/usr/bin/env bash
# Installs the artifacts of packaging/release.sh for real and checks that each one works: the
# checksums, the .deb through apt-get, the dotnet tool in a scratch tool path (NativeAOT on
# linux-x64), the framework-dependent tool package, and the tarball; and that the Kubernetes installer
# pins the RELEASE_BASE_URL release.sh was given. Needs root or `sudo -n` for apt-get.
#   RELEASE_BASE_URL=... packaging/check-release.sh
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
out="$repo/artifacts"
name=docker-credential-ibmtp
version="$(dotnet msbuild "$repo/src/Ibmtp.Helper/Ibmtp.Helper.csproj" -getProperty:Version -nologo)"
work="$(mktemp -d -t ibmtp-check.XXXXXX)"
trap 'rm -rf "$work"' EXIT
# A package cache of its own, so that a tool of the same version cached earlier cannot stand in for this build.
export NUGET_PACKAGES="$work/nuget-packages"
as_root=(); [ "$(id -u)" -eq 0 ] || as_root=(sudo -n)
"$repo/packaging/require-packages.sh" unzip file binutils

# A get answered from the environment, as every install channel must give it.
check() { # LABEL COMMAND...
  local got
  [ "$("$@" version)" = "$name (ibmtp) $version" ] || { echo "$1: wrong version line" >&2; exit 1; }
  got="$(printf us.icr.io | env -i HOME="$work/home" DOTNET_NOLOGO=1 IBMTP_API_KEY=release-check-key IBMTP_PROFILE_ID=Profile-release "$@" get)"
  [ "$got" = '{"ServerURL":"us.icr.io","Username":"Profile-release","Secret":"release-check-key"}' ] || { echo "$*: get answered: $got" >&2; exit 1; }
  echo "ok: $*"
}

(cd "$out" && sha256sum --quiet -c SHA256SUMS && for sum in *.sha256; do sha256sum --quiet -c "$sum"; done)
echo "ok: checksums"

# One static executable: no interpreter and no shared library, so it starts on any Linux of its architecture.
tar -xzOf "$out/${name}_${version}_linux-x64.tar.gz" "${name}_${version}_linux-x64/$name" > "$work/binary"
if readelf -lW "$work/binary" | grep -q INTERP || readelf -dW "$work/binary" | grep -q NEEDED; then
  echo "the linux-x64 binary is not static:" >&2; readelf -dW "$work/binary" | grep NEEDED >&2; exit 1
fi
echo "ok: the linux-x64 binary is static"

# The Kubernetes installer names this release: its version, and the real sha256 of the tarballs it pins.
tar -C "$work" -xzf "$out/${name}_${version}_kubernetes.tar.gz"
"$repo/packaging/kubernetes/check-pins.sh" "$version" "$out" "$work/${name}_${version}_kubernetes"
echo "ok: the Kubernetes installer pins this release"

"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$out/${name}_${version}_amd64.deb" >/dev/null
check /usr/bin/$name

tar -C "$work" -xzf "$out/${name}_${version}_linux-x64.tar.gz"
check "$work/${name}_${version}_linux-x64/$name"

dotnet tool install --tool-path "$work/tools" --add-source "$out" "$name" --version "$version" >/dev/null
check "$work/tools/$name"
file -L "$work/tools/$name" | grep -q ELF || { echo "the dotnet tool on linux-x64 is not the NativeAOT binary" >&2; exit 1; }

# dnx runs the tool without installing it.
check dotnet dnx "$name@$version" --add-source "$out" --yes

# The framework-dependent package, which every platform without a native package gets.
mkdir "$work/any" && (cd "$work/any" && unzip -q "$out/$name.any.$version.nupkg")
check dotnet "$work/any/tools/net10.0/any/$name.dll"
