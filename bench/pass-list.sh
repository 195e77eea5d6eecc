#!/bin/bash
# What `list` costs with IBMTP_KEYSTORE=pass: it decrypts every entry, one gpg run each.
# Usage: bench/pass-list.sh <path to docker-credential-ibmtp> [entries, default 20]
# Builds a throwaway GnuPG home and password store, stores the entries, then times five lists and a get.
set -euo pipefail
helper=$1
entries=${2:-20}
scratch=$(mktemp -d /tmp/pass-list.XXXXXX)
trap 'gpgconf --kill gpg-agent; rm -rf "$scratch"' EXIT
export HOME=$scratch GNUPGHOME=$scratch/gnupg PASSWORD_STORE_DIR=$scratch/store IBMTP_KEYSTORE=pass
mkdir -m 700 "$GNUPGHOME"
gpg --batch --passphrase '' --quick-gen-key bench@example.com future-default default never 2>/dev/null
pass init bench@example.com >/dev/null
for i in $(seq 1 "$entries"); do
    printf '{"ServerURL":"r%d.icr.io","Username":"user-%d","Secret":"secret-%d"}\n' "$i" "$i" "$i" | "$helper" store
done
"$helper" list >/dev/null
milliseconds() { local start end; start=$(date +%s%N); "$@" >/dev/null; end=$(date +%s%N); echo $(((end - start) / 1000000)); }
for _ in 1 2 3 4 5; do echo "list of $entries entries: $(milliseconds "$helper" list) ms"; done
echo "get: $(milliseconds sh -c "printf r1.icr.io | '$helper' get") ms"
