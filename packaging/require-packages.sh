#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages named as arguments that are not installed yet: with apt-get when
# running as root, with `sudo -n` when that works without a password, and otherwise prints the exact
# command to run and exits 1. A package for another architecture (PACKAGE:ARCH, as libssl-dev:arm64)
# first adds that architecture to dpkg.
#   packaging/require-packages.sh PACKAGE...
set -euo pipefail

missing=()
for package in "$@"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

command -v apt-get >/dev/null || {
  echo "missing packages: ${missing[*]}; this is not a Debian or Ubuntu machine, so install their equivalents" >&2
  exit 1
}

# The architectures dpkg does not know yet, each once.
foreign=()
for package in "${missing[@]}"; do
  [[ "$package" == *:* ]] || continue
  architecture="${package##*:}"
  { [ "$architecture" = "$(dpkg --print-architecture)" ] || dpkg --print-foreign-architectures | grep -qx "$architecture" \
    || [[ " ${foreign[*]} " == *" $architecture "* ]]; } || foreign+=("$architecture")
done

if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  as_root=(sudo -n)
else
  echo "missing packages: ${missing[*]}. Install them, then run this again:" >&2
  for architecture in "${foreign[@]}"; do echo "  sudo dpkg --add-architecture $architecture" >&2; done
  echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
  exit 1
fi

echo "installing ${missing[*]}..."
export DEBIAN_FRONTEND=noninteractive
for architecture in "${foreign[@]}"; do
  "${as_root[@]}" dpkg --add-architecture "$architecture"
done
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=900 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
