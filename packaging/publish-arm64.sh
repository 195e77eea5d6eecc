#!/usr/bin/env bash
# Cross-compiles the helper for linux-arm64 on an x64 Debian or Ubuntu machine, as one static executable
# (glibc and OpenSSL linked in: no interpreter, no shared library), into OUT/docker-credential-ibmtp,
# and prints that path. packaging/check-arm64.sh runs it under qemu.
# Installs the packages it needs when they are missing (see require-packages.sh). The arm64 ones come
# through dpkg's multiarch; apt keeps each at the version of its amd64 twin, so installing them may
# upgrade the host's libc6-dev, libssl-dev or libgcc to the same point release.
#   packaging/publish-arm64.sh OUT
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
[ $# -eq 1 ] || { echo "usage: $0 OUT" >&2; exit 2; }
out="$(mkdir -p "$1" && cd "$1" && pwd)"
name=docker-credential-ibmtp
project="$repo/src/Ibmtp.Helper/Ibmtp.Helper.csproj"
rid=linux-arm64 triple=aarch64-linux-gnu

# clang compiles .NET's OpenSSL shim and drives the link; cmake and make build that shim, which the SDK
# compiles from source when OpenSSL is linked in.
"$repo/packaging/require-packages.sh" clang cmake make
# clang takes the crt files and libgcc of an arm64 GCC: the version of the host's, which this
# distribution ships for arm64 too.
gcc="$(clang -v 2>&1 | sed -n 's|^Selected GCC installation: .*/||p')"
[ -n "$gcc" ] || { echo "clang found no GCC installation; install gcc" >&2; exit 1; }
packages=(
  binutils-$triple     # the arm64 linker clang calls ($triple-ld.bfd), and objcopy and readelf for arm64 (the host's objcopy reads x86 only)
  libc6-dev:arm64      # glibc's static archives (libc.a, libm.a, libpthread.a...) and crt1.o
  "libgcc-$gcc-dev:arm64" # crtbeginT.o, libgcc.a and libgcc_eh.a; without it the link fails on the crt files
  libssl-dev:arm64     # libssl.a, libcrypto.a and the arm64 opensslconf.h the shim is compiled with
)
"$repo/packaging/require-packages.sh" "${packages[@]}"

work="$(mktemp -d -t ibmtp-arm64.XXXXXX)"
trap 'rm -rf "$work"' EXIT
# The SDK builds the OpenSSL shim with cmake, with neither a target nor a place to say one: CFLAGS
# gives the target to the compiler and to cmake's probes, and pkg-config must name the arm64 OpenSSL,
# or cmake's probes link the x64 one, fail, and compile the shim without ALPN, ChaCha20 or SHA-3.
# cmake keeps the first configuration it made, so a shim configured by a plain `dotnet publish -r
# linux-arm64` (x64 objects) would be linked as is: it is configured anew each time.
# (MSBuild spells the path with a backslash after obj.)
intermediate="$(dotnet msbuild "$project" -getProperty:IntermediateOutputPath -p:Configuration=Release -p:RuntimeIdentifier=$rid -nologo | tr '\\' /)"
shim="$(dirname "$project")/${intermediate}libs/System.Security.Cryptography.Native"
rm -rf "$shim"
CFLAGS="--target=$triple" PKG_CONFIG_LIBDIR="/usr/lib/$triple/pkgconfig:/usr/share/pkgconfig" \
  dotnet publish "$project" -c Release -r $rid -o "$work/publish" -nologo -v quiet \
  -p:StaticExecutable=true -p:StaticOpenSslLinking=true -p:ObjCopyName=$triple-objcopy \
  -p:CopyOutputSymbolsToPublishDirectory=false

binary="$work/publish/$name"
grep -q 'HAVE_OPENSSL_ALPN 1' "$shim/build/pal_crypto_config.h" ||
  { echo "the OpenSSL shim was configured without the arm64 OpenSSL (see $shim/build/CMakeCache.txt)" >&2; exit 1; }
$triple-readelf -h "$binary" | grep -q 'Machine: *AArch64' || { echo "$binary is not an arm64 executable" >&2; exit 1; }
! $triple-readelf -lW "$binary" | grep -q INTERP || { echo "$binary names a dynamic loader: it is not static" >&2; exit 1; }
$triple-readelf -d "$binary" | grep -q 'no dynamic section' || { echo "$binary has a dynamic section: it is not static" >&2; exit 1; }
install -m 0755 "$binary" "$out/$name"
echo "$out/$name"
