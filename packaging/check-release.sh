#!/usr/bin/env bash
# Installs the artifacts of packaging/release.sh for real and checks that each one works, for linux-x64
# natively and for linux-arm64 under qemu-user:
# - the checksums, and the Homebrew formula's tarballs and sha256 for both;
# - each tarball's binary: one static executable of its architecture; the arm64 one through every
#   call of packaging/check-arm64.sh, in a root that holds nothing else;
# - the Kubernetes installer pins the RELEASE_BASE_URL release.sh was given;
# - the .deb of each architecture: its Architecture field and its binary, the tarball's; the amd64 one
#   installed through apt-get, the arm64 one unpacked with dpkg-deb;
# - the .rpm of each architecture, installed into an empty root of its own with rpm and verified
#   (rpm -V); its binary, the tarball's, run in that root; the x86_64 one also installed with dnf and
#   with zypper, each into an empty root, and removed with dnf;
# - the image: pushed to a local docker-registry, then copied from with `COPY --from` by a build for
#   linux/amd64 and one for linux/arm64, each of which must get the tarball's binary of its
#   architecture; the image holds nothing else, carries its labels, and is reproducible;
# - the dotnet tool: installed in a scratch tool path and run with dnx (linux-x64), its linux-arm64
#   package's binary under qemu, each the tarball's; the framework-dependent package.
# Needs root (apt-get, chroot, mknod, rpm --root, buildah).
#   RELEASE_BASE_URL=... packaging/check-release.sh
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
out="$repo/artifacts"
name=docker-credential-ibmtp
version="$(dotnet msbuild "$repo/src/Ibmtp.Helper/Ibmtp.Helper.csproj" -getProperty:Version -nologo)"
[ "$(id -u)" -eq 0 ] || { echo "$0 needs root, to install the packages and run their binaries in roots of their own (chroot, mknod)" >&2; exit 1; }
: "${RELEASE_BASE_URL:?set RELEASE_BASE_URL to the address release.sh was given}"
work="$(mktemp -d -t ibmtp-check.XXXXXX)"
registry_pid=
cleanup() {
  [ -z "$registry_pid" ] || { kill "$registry_pid" 2>/dev/null; wait "$registry_pid" 2>/dev/null || true; }
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL $*" >&2; exit 1; }
# A package cache of its own, so that a tool of the same version cached earlier cannot stand in for this build.
export NUGET_PACKAGES="$work/nuget-packages"
"$repo/packaging/require-packages.sh" unzip binutils rpm dnf zypper qemu-user-static buildah skopeo docker-registry curl
qemu="$(command -v qemu-aarch64-static)"
rids=(linux-x64 linux-arm64)
# Each architecture's name for Debian and OCI, for rpm, and in the ELF header.
declare -A arch=([linux-x64]=amd64 [linux-arm64]=arm64) rpm_arch=([linux-x64]=x86_64 [linux-arm64]=aarch64)
declare -A machine=([linux-x64]='Advanced Micro Devices X86-64' [linux-arm64]=AArch64)
# How a binary of each architecture is started here: the arm64 one under qemu-user.
declare -A runner=([linux-x64]= [linux-arm64]="$qemu")
chroot="$(command -v chroot)"

# shellcheck source=packaging/with-only.sh
. "$repo/packaging/with-only.sh"
# A get answered from the environment, as every install channel must give it.
check() { # COMMAND...
  local got
  [ "$("$@" version)" = "$name (ibmtp) $version" ] || fail "$*: wrong version line"
  got="$(printf us.icr.io | with_only HOME="$work/home" DOTNET_NOLOGO=1 IBMTP_API_KEY=release-check-key IBMTP_PROFILE_ID=Profile-release -- "$@" get)"
  [ "$got" = '{"ServerURL":"us.icr.io","Username":"Profile-release","Secret":"release-check-key"}' ] || fail "$*: get answered: $got"
  echo "ok: $*"
}
# same_binary RID FILE LABEL: FILE is the binary of RID's tarball, byte for byte.
same_binary() {
  cmp -s "$2" "${binary[$1]}" || fail "$3 is not the binary of the $1 tarball"
  echo "ok: $3 is the binary of the $1 tarball"
}

(cd "$out" && sha256sum --quiet -c SHA256SUMS && for sum in *.sha256; do sha256sum --quiet -c "$sum"; done)
echo "ok: checksums"

declare -A binary
for rid in "${rids[@]}"; do
  tarball="${name}_${version}_$rid.tar.gz"
  tar -C "$work" -xzf "$out/$tarball"
  binary[$rid]="$work/${name}_${version}_$rid/$name"
  # One static executable of its architecture: no interpreter and no shared library, so it starts on any Linux.
  readelf -h "${binary[$rid]}" | grep -q "Machine: *${machine[$rid]}\$" || fail "the $rid tarball's binary is not an executable for ${machine[$rid]}"
  if readelf -lW "${binary[$rid]}" | grep -q INTERP || readelf -dW "${binary[$rid]}" | grep -q NEEDED; then
    readelf -dW "${binary[$rid]}" | grep NEEDED >&2; fail "the $rid binary is not static"
  fi
  echo "ok: the $rid binary is static"
  check ${runner[$rid]} "${binary[$rid]}"
  grep -A1 -F "url \"$RELEASE_BASE_URL/$tarball\"" "$out/$name.rb" | grep -qF "sha256 \"$(sha256sum < "$out/$tarball" | cut -d' ' -f1)\"" \
    || fail "the Homebrew formula does not name $RELEASE_BASE_URL/$tarball with its sha256"
  echo "ok: the Homebrew formula names the $rid tarball"
done
"$repo/packaging/check-arm64.sh" "${binary[linux-arm64]}"

# The Kubernetes installer names this release: its version, and the real sha256 of the tarballs it pins.
tar -C "$work" -xzf "$out/${name}_${version}_kubernetes.tar.gz"
"$repo/packaging/kubernetes/check-pins.sh" "$version" "$out" "$work/${name}_${version}_kubernetes"
echo "ok: the Kubernetes installer pins this release"

for rid in "${rids[@]}"; do
  deb="$out/${name}_${version}_${arch[$rid]}.deb"
  [ "$(dpkg-deb -f "$deb" Architecture)" = "${arch[$rid]}" ] || fail "$deb says Architecture: $(dpkg-deb -f "$deb" Architecture)"
  dpkg-deb -x "$deb" "$work/deb-$rid"
  same_binary "$rid" "$work/deb-$rid/usr/bin/$name" "the ${arch[$rid]} .deb's binary"
done
env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$out/${name}_${version}_amd64.deb" >/dev/null
check /usr/bin/$name
check "$qemu" "$work/deb-linux-arm64/usr/bin/$name"

# Each rpm in a root of its own, with its own rpm database (Debian's rpm keeps it in ~/.rpmdb: root/.rpmdb).
# rpm installs only its machine's architecture: the aarch64 rpm goes in with --ignorearch, and its
# header's architecture and its binary's are checked instead.
for rid in "${rids[@]}"; do
  rpm="$out/$name-$version-1.${rpm_arch[$rid]}.rpm" root="$work/rpm-$rid"
  [ "$(rpm -qp --qf '%{ARCH}' "$rpm" 2>/dev/null)" = "${rpm_arch[$rid]}" ] || fail "$rpm is for $(rpm -qp --qf '%{ARCH}' "$rpm" 2>/dev/null)"
  # The root starts empty but for /dev/null and /dev/urandom (the binary does without the latter: packaging/check-arm64.sh).
  mkdir -p "$root/dev"
  mknod -m 0666 "$root/dev/null" c 1 3
  mknod -m 0666 "$root/dev/urandom" c 1 9
  rpm --root "$root" --initdb
  ignore_arch=(); [ -z "${runner[$rid]}" ] || ignore_arch=(--ignorearch)
  rpm --root "$root" --force-debian -i "${ignore_arch[@]}" "$rpm"
  rpm --root "$root" -V "$name" || fail "rpm -V: the files of $rpm are not as it installed them"
  same_binary "$rid" "$root/usr/bin/$name" "the ${rpm_arch[$rid]} .rpm's binary"
  in_root=("$chroot" "$root")
  [ -z "${runner[$rid]}" ] || { install -m 0755 "${runner[$rid]}" "$root/qemu"; in_root+=(/qemu); }
  check "${in_root[@]}" "/usr/bin/$name"
done

# The x86_64 rpm as Fedora, RHEL and Amazon Linux install it (dnf) and as SUSE does (zypper), each into an
# empty root with no repository: the package needs nothing but itself. dnf then removes it again.
rpm="$out/$name-$version-1.x86_64.rpm"
for manager in dnf zypper; do
  root="$work/$manager-root"
  mkdir -p "$root/dev"
  mknod -m 0666 "$root/dev/null" c 1 3
  mknod -m 0666 "$root/dev/urandom" c 1 9
  case "$manager" in
    dnf) dnf -y -q --installroot="$root" --setopt=reposdir=/dev/null --releasever=9 --nogpgcheck install "$rpm" >/dev/null ;;
    zypper) zypper -q --root "$root" --non-interactive --no-gpg-checks install --allow-unsigned-rpm "$rpm" >/dev/null ;;
  esac
  same_binary linux-x64 "$root/usr/bin/$name" "the x86_64 .rpm's binary, installed by $manager"
  check "$chroot" "$root" "/usr/bin/$name"
done
dnf -y -q --installroot="$work/dnf-root" --setopt=reposdir=/dev/null --releasever=9 remove "$name" >/dev/null
[ ! -e "$work/dnf-root/usr/bin/$name" ] || fail "dnf remove left /usr/bin/$name behind"
echo "ok: the x86_64 .rpm installs with dnf and zypper, and dnf removes it"

# The image is reproducible: built again from the tarballs' binaries, at the time their files carry
# (SOURCE_DATE_EPOCH), it is the same file.
image_tar="${name}_${version}_image.oci.tar"
SOURCE_DATE_EPOCH="$(stat -c %Y "${binary[linux-x64]}")" \
  "$repo/packaging/image/image.sh" "${binary[linux-x64]}" "${binary[linux-arm64]}" "$work/image-again" >/dev/null
cmp -s "$out/$image_tar" "$work/image-again/$image_tar" || fail "the image is not reproducible: built again from the tarballs' binaries, it differs"
echo "ok: the image is reproducible"

# The image, pushed to a registry of its own on loopback (plain http), as a release pushes it.
mkdir -p "$work/registry" "$work/build"
port="$(for _ in $(seq 50); do p=$((20000 + RANDOM % 40000)); (: < "/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; break; }; done)"
printf 'version: 0.1\nlog:\n  level: error\n  accesslog:\n    disabled: true\nstorage:\n  filesystem:\n    rootdirectory: %s\nhttp:\n  addr: 127.0.0.1:%s\n' \
  "$work/registry/storage" "$port" > "$work/registry/config.yml"
env -i PATH=/usr/bin:/bin docker-registry serve "$work/registry/config.yml" > "$work/registry/log" 2>&1 &
registry_pid=$!
for _ in $(seq 100); do curl -fsS "http://127.0.0.1:$port/v2/" >/dev/null 2>&1 && break; sleep 0.1; done
curl -fsS "http://127.0.0.1:$port/v2/" >/dev/null || { cat "$work/registry/log" >&2; fail "docker-registry did not start on 127.0.0.1:$port"; }
image="127.0.0.1:$port/$name:$version"
skopeo copy --quiet --all --dest-tls-verify=false "oci-archive:$out/$image_tar:$version" "docker://$image"
buildah() { "$repo/packaging/image/buildah.sh" "$work/buildah" "$@"; }
printf 'FROM scratch\nCOPY --from=%s /%s /usr/local/bin/\n' "$image" "$name" > "$work/build/Dockerfile.copy"
printf 'FROM %s\n' "$image" > "$work/build/Dockerfile.whole"
for rid in "${rids[@]}"; do
  platform="linux/${arch[$rid]}"
  buildah build --quiet --tls-verify=false --platform "$platform" -o "type=local,dest=$work/copied-$rid" -f "$work/build/Dockerfile.copy" "$work/build" >/dev/null
  same_binary "$rid" "$work/copied-$rid/usr/local/bin/$name" "the image's binary that COPY --from copies for $platform"
  buildah build --quiet --tls-verify=false --platform "$platform" -o "type=local,dest=$work/image-$rid" -f "$work/build/Dockerfile.whole" "$work/build" >/dev/null
  [ "$(cd "$work/image-$rid" && find . -mindepth 1)" = "./$name" ] || fail "the $platform image holds more than /$name: $(cd "$work/image-$rid" && find . -mindepth 1)"
  labels="$(skopeo inspect --tls-verify=false --override-os linux --override-arch "${arch[$rid]}" "docker://$image")"
  for label in "title\": \"$name" "version\": \"$version" "licenses\": \"MIT" "source\": \"http"; do
    grep -qF "\"org.opencontainers.image.$label" <<< "$labels" || fail "the $platform image has no label org.opencontainers.image.${label%%\"*} as expected: $labels"
  done
  echo "ok: the $platform image holds /$name and nothing else, with its labels"
done

dotnet tool install --tool-path "$work/tools" --add-source "$out" "$name" --version "$version" >/dev/null
check "$work/tools/$name"
same_binary linux-x64 "$(readlink -f "$work/tools/$name")" "the dotnet tool installed on linux-x64"

# dnx runs the tool without installing it.
check dotnet dnx "$name@$version" --add-source "$out" --yes

# The linux-arm64 package, unpacked as dotnet tool install does on arm64: zip keeps no file mode, the installer makes it executable.
mkdir "$work/tool-arm64" && (cd "$work/tool-arm64" && unzip -q "$out/$name.linux-arm64.$version.nupkg")
tool_arm64="$work/tool-arm64/tools/any/linux-arm64/$name"
same_binary linux-arm64 "$tool_arm64" "the linux-arm64 dotnet tool package's binary"
chmod 0755 "$tool_arm64"
check "$qemu" "$tool_arm64"

# The framework-dependent package, which every platform without a native package gets.
mkdir "$work/any" && (cd "$work/any" && unzip -q "$out/$name.any.$version.nupkg")
check dotnet "$work/any/tools/net10.0/any/$name.dll"
