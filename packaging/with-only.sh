# Sourced by the scripts that run the helper with test keys (check-arm64.sh, check-release.sh).
# with_only VARIABLE=VALUE... -- COMMAND...: runs COMMAND with HOME=/home and the variables given as its
# whole environment, as `env -i` would, but with no value on a command line, where every user's ps reads
# it: the values are keys. unset and export are the shell's own, so they start no process; COMMAND is
# looked up on the caller's PATH first, as it is gone once the environment is.
with_only() {
  local -a assignments=()
  while [ $# -gt 0 ] && [ "$1" != -- ]; do assignments+=("$1"); shift; done
  [ $# -gt 1 ] || { echo "with_only: VARIABLE=VALUE... -- COMMAND..." >&2; return 2; }
  shift
  local program
  program="$(command -v "$1")" || { echo "with_only: no command $1" >&2; return 127; }
  shift
  (
    while IFS= read -r variable; do unset "$variable"; done < <(compgen -e)
    export HOME=/home
    for assignment in "${assignments[@]}"; do export "${assignment?}"; done
    exec "$program" "$@"
  )
}
