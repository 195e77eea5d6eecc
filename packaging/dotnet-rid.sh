#!/usr/bin/env bash
# Runs `dotnet publish` or `dotnet pack` on the helper, Release, for RID, with the settings its native
# build needs, so that the tarball, the .deb, the .rpm, the image and the dotnet tool of a platform all
# come from one build:
#   linux-x64, or linux-arm64 on an arm64 machine   built natively: one static executable (src/NativeAot.props)
#   linux-arm64 on an x64 machine                   cross-compiled to the same static executable (see below)
#   osx-x64, osx-arm64                              on macOS, as they are
# Installs the Debian packages the Linux builds need when they are missing (see require-packages.sh).
# The arm64 ones come through dpkg's multiarch; apt keeps each at the version of its amd64 twin, so
# installing them may upgrade the host's libc6-dev, libssl-dev or libgcc to the same point release.
# Prints dotnet's messages on stderr.
#   packaging/dotnet-rid.sh RID publish|pack [DOTNET-ARGUMENTS...]
#   e.g. packaging/dotnet-rid.sh linux-arm64 pack -o artifacts
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
[ $# -ge 2 ] || { echo "usage: $0 RID publish|pack [DOTNET-ARGUMENTS...]" >&2; exit 2; }
rid="$1" verb="$2"; shift 2
project="$repo/src/Ibmtp.Helper/Ibmtp.Helper.csproj"
case "$(uname -m)" in x86_64|amd64) host=x64 ;; aarch64|arm64) host=arm64 ;; *) host="$(uname -m)" ;; esac
# dotnet's messages go to stderr: callers print or capture the path of what was built.
run() { dotnet "$verb" "$project" -c Release -r "$rid" -nologo -v quiet -p:CopyOutputSymbolsToPublishDirectory=false "$@" >&2; }

case "$rid" in
  osx-*) run "$@"; exit ;;
  "linux-$host")
    # clang compiles and links; cmake and make build .NET's OpenSSL shim, which the SDK compiles from
    # source when OpenSSL is linked in, against libssl-dev; zlib1g-dev is linked in too.
    "$repo/packaging/require-packages.sh" clang cmake make zlib1g-dev libssl-dev
    run "$@"; exit ;;
  linux-arm64) [ "$host" = x64 ] || { echo "$rid cross-compiles on an x64 machine only, not on $host" >&2; exit 2; } ;;
  *) echo "no build for $rid on this $(uname -m) machine" >&2; exit 2 ;;
esac

triple=aarch64-linux-gnu
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

# The SDK builds the OpenSSL shim with cmake, with neither a target nor a place to say one: CFLAGS
# gives the target to the compiler and to cmake's probes, and pkg-config must name the arm64 OpenSSL,
# or cmake's probes link the x64 one, fail, and compile the shim without ALPN, ChaCha20 or SHA-3.
# cmake keeps the first configuration it made, so a shim configured by a plain `dotnet publish -r
# linux-arm64` (x64 objects) would be linked as is: one configured otherwise than here is removed.
# (MSBuild spells the path with a backslash after obj.)
intermediate="$(dotnet msbuild "$project" -getProperty:IntermediateOutputPath -p:Configuration=Release -p:RuntimeIdentifier=$rid -nologo | tr '\\' /)"
shim="$(dirname "$project")/${intermediate}libs/System.Security.Cryptography.Native"
cache="$shim/build/CMakeCache.txt"
grep -qx "CMAKE_C_FLAGS:STRING=--target=$triple" "$cache" 2>/dev/null &&
  grep -q "^OPENSSL_SSL_LIBRARY:FILEPATH=/usr/lib/$triple/" "$cache" || rm -rf "$shim"
CFLAGS="--target=$triple" PKG_CONFIG_LIBDIR="/usr/lib/$triple/pkgconfig:/usr/share/pkgconfig" \
  run -p:ObjCopyName=$triple-objcopy "$@"
grep -q 'HAVE_OPENSSL_ALPN 1' "$shim/build/pal_crypto_config.h" ||
  { echo "the OpenSSL shim was configured without the arm64 OpenSSL (see $shim/build/CMakeCache.txt)" >&2; exit 1; }
