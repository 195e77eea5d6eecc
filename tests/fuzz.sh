#!/usr/bin/env bash
# Coverage-guided fuzzing of every parser of outside input, with afl-fuzz and SharpFuzz: builds
# tests/Ibmtp.Fuzz, instruments Ibmtp.Core (and the JSON config provider) for coverage, then fuzzes
# each target for the given seconds, starting from its committed seeds in tests/Ibmtp.Fuzz/Corpus.
# Exits 1, naming each input, if any target crashed or hung. Findings stay under
# artifacts/fuzz/findings; see docs/fuzzing.md for turning one into a regression test.
#   tests/fuzz.sh [target|all] [seconds-per-target]      (defaults: all, 60)
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
which_targets="${1:-all}"
seconds="${2:-60}"
sharpfuzz_version=2.3.0
# One input that takes this long is a hang, not a slow run: the helper answers in milliseconds.
hang_ms=5000

# Each target has a seed folder (FuzzInputTests holds every target to it), so the folders list them.
corpus="$repo/tests/Ibmtp.Fuzz/Corpus"
mapfile -t targets < <(find "$corpus" -mindepth 1 -maxdepth 1 -type d -printf '%f\n' | sort)
if [ "$which_targets" != all ]; then
  [[ " ${targets[*]} " == *" $which_targets "* ]] || { echo "unknown target $which_targets; targets: all ${targets[*]}" >&2; exit 2; }
  targets=("$which_targets")
fi

"$repo/packaging/require-packages.sh" afl++

tools="$repo/artifacts/tools"
if [ ! -d "$tools/.store/sharpfuzz.commandline/$sharpfuzz_version" ]; then
  dotnet tool update SharpFuzz.CommandLine --version "$sharpfuzz_version" --tool-path "$tools" >/dev/null
fi

dotnet build "$repo/tests/Ibmtp.Fuzz" -c Release -nodeReuse:false -v quiet -nologo
# Instrumented in a copy, so that the build the unit tests use is never changed in place.
work="$repo/artifacts/fuzz"
bin="$work/bin"
rm -rf "$bin"
mkdir -p "$work"
cp -r "$repo/tests/Ibmtp.Fuzz/bin/Release/net10.0" "$bin"
"$tools/sharpfuzz" "$bin/Ibmtp.Core.dll"
"$tools/sharpfuzz" "$bin/Microsoft.Extensions.Configuration.Json.dll"

export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_AFFINITY=1 AFL_FAST_CAL=1 AFL_NO_CRASH_README=1
found=()
for target in "${targets[@]}"; do
  findings="$work/findings/$target"
  log="$work/logs/$target.log"
  # afl-fuzz ends the target with SIGKILL, so the throwaway homes it made are removed here.
  scratch="$work/tmp/$target"
  rm -rf "$findings" "$scratch"
  mkdir -p "$findings" "$scratch" "$(dirname "$log")"
  echo "fuzzing $target for ${seconds}s..."
  if ! TMPDIR="$scratch" afl-fuzz -i "$corpus/$target" -o "$findings" -D -x "$repo/tests/Ibmtp.Fuzz/fuzz.dict" \
      -t "$hang_ms" -V "$seconds" -- dotnet "$bin/Ibmtp.Fuzz.dll" "$target" >"$log" 2>&1; then
    tail -n 30 "$log" >&2
    echo "afl-fuzz failed on $target; full log: $log" >&2
    exit 1
  fi
  rm -rf "$scratch"
  stats="$findings/default/fuzzer_stats"
  awk -v target="$target" -F ' *: ' '
    { value[$1] = $2 }
    END { printf "  %s: %s execs (%s/s), %s paths, coverage %s, %s crashes, %s hangs\n", target, value["execs_done"], value["execs_per_sec"], value["corpus_count"], value["bitmap_cvg"], value["saved_crashes"], value["saved_hangs"] }
  ' "$stats"
  while IFS= read -r input; do
    found+=("$target $input")
  done < <(find "$findings/default/crashes" "$findings/default/hangs" -type f -name 'id:*' 2>/dev/null | sort)
done

if [ ${#found[@]} -gt 0 ]; then
  echo "fuzzing found ${#found[@]} failing inputs; replay one with: dotnet $bin/Ibmtp.Fuzz.dll <target> < <input>" >&2
  printf '  %s\n' "${found[@]}" >&2
  exit 1
fi
echo "fuzzing found nothing in ${#targets[@]} targets"
