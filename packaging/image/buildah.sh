#!/usr/bin/env bash
# Runs buildah as root with its storage (vfs), run root and temporary files in STATE, a folder of the
# caller's, so that the machine's containers storage (/var/lib/containers) is neither used nor changed.
# Only COPY steps run: chroot isolation, no namespaces or network are set up, so it runs in a CI container too.
#   packaging/image/buildah.sh STATE BUILDAH-ARGUMENTS...
set -euo pipefail
[ $# -ge 2 ] || { echo "usage: $0 STATE BUILDAH-ARGUMENTS..." >&2; exit 2; }
state="$(mkdir -p "$1" && cd "$1" && pwd)"; shift
printf '[storage]\ndriver = "vfs"\ngraphroot = "%s/graphroot"\nrunroot = "%s/runroot"\n' "$state" "$state" > "$state/storage.conf"
printf '[engine]\ntmp_dir = "%s/tmp"\n' "$state" > "$state/containers.conf"
CONTAINERS_STORAGE_CONF="$state/storage.conf" CONTAINERS_CONF="$state/containers.conf" BUILDAH_ISOLATION=chroot exec buildah "$@"
