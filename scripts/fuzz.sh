#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/, Clang, -fsanitize=fuzzer,address,undefined) into
# build-fuzz/ and runs each for a fixed time on a corpus of the regression files
# (tests/fuzz-regressions/<target>/) plus, when present, the real files in ../shared.
#   scripts/fuzz.sh [SECONDS_PER_TARGET=60] [TARGET...]     e.g. scripts/fuzz.sh 3 tiff dm
# FUZZ_RUNS=N: at most N inputs per target with a fixed seed (-seed=1), so that a run is the same
# every time (scripts/test.sh uses it; SECONDS then only caps the time).
# Exit 0: no target found anything; 1: a crash, leak, hang (> 10 s) or out-of-memory (2 GB) —
# the input is left in build-fuzz/findings/ (add it to tests/fuzz-regressions/<target>/ once
# fixed); 77: cannot fuzz here (no Clang or no libFuzzer; the reason is printed).
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="$REPO/build-fuzz"
SECONDS_PER_TARGET="${1:-60}"
shift || true
TARGETS=("$@")
((${#TARGETS[@]})) || TARGETS=(tiff dm mrc ser emd imagej_roi ec_log project recipe)

if ! command -v clang++ >/dev/null || ! command -v clang >/dev/null; then
    echo "scripts/fuzz.sh: skipped: clang is not installed (scripts/setup.sh installs it)"
    exit 77
fi
probe="$(mktemp -d)"
trap 'rm -rf "$probe"' EXIT
echo 'extern "C" int LLVMFuzzerTestOneInput(const unsigned char*, unsigned long) { return 0; }' \
    >"$probe/probe.cpp"
if ! clang++ -fsanitize=fuzzer,address,undefined "$probe/probe.cpp" -o "$probe/probe" 2>"$probe/log"; then
    echo "scripts/fuzz.sh: skipped: clang++ cannot link libFuzzer ($(head -n 1 "$probe/log"));" \
         "install libclang-rt-dev"
    exit 77
fi

launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
mkdir -p "$BUILD"
cmake -S "$REPO" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_C_COMPILER=clang \
      -DCMAKE_CXX_COMPILER=clang++ "${launcher[@]}" -DINSITU_FUZZ=ON -DINSITU_BUILD_GUI=OFF \
      -DINSITU_BUILD_TESTS=OFF >"$BUILD/configure.log" 2>&1 || { cat "$BUILD/configure.log"; exit 1; }
cmake --build "$BUILD" --target fuzz_all --parallel "$(nproc)"

# Real files of each target's format in ../shared (≤ 1 MB each), added to the corpus.
SHARED="$REPO/../shared/data/external"
shared_pattern() {
    case "$1" in
        tiff) echo '*.tif *.tiff' ;; dm) echo '*.dm3 *.dm4' ;; mrc) echo '*.mrc' ;;
        ser) echo '*.ser' ;; emd) echo '*.emd *.h5' ;; imagej_roi) echo '*.roi *.zip' ;;
        ec_log) echo '*.mpt *.dta *.csv *.log' ;; *) echo '' ;;
    esac
}

FINDINGS="$BUILD/findings"
mkdir -p "$FINDINGS"
failed=0
for target in "${TARGETS[@]}"; do
    corpus="$(mktemp -d)"
    cp "$REPO/tests/fuzz-regressions/$target"/* "$corpus"/ 2>/dev/null || true
    rm -f "$corpus/README.md"
    if [[ -d "$SHARED" ]]; then
        for pattern in $(shared_pattern "$target"); do
            find "$SHARED" -type f -name "$pattern" -size -1024k -exec cp {} "$corpus"/ \; 2>/dev/null || true
        done
    fi
    log="$BUILD/fuzz_$target.log"
    status=0
    repeatable=()
    [[ -n "${FUZZ_RUNS:-}" ]] && repeatable=(-runs="$FUZZ_RUNS" -seed=1)
    LSAN_OPTIONS="suppressions=$REPO/fuzz/lsan_suppressions.txt" INSITU_MEMORY_BUDGET_MB=256 \
        "$BUILD/bin/fuzz_$target" "$corpus" -max_total_time="$SECONDS_PER_TARGET" \
        -timeout="${FUZZ_TIMEOUT_S:-10}" -timeout_exitcode=70 -rss_limit_mb=2048 -max_len=1048576 -print_final_stats=1 \
        -artifact_prefix="$FINDINGS/$target-" "${repeatable[@]}" >"$log" 2>&1 || status=$?
    runs="$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')"
    if ((status == 0)); then
        echo "fuzz $target: $runs runs (at most ${SECONDS_PER_TARGET} s), nothing found"
    elif ((status == 70)) && [[ "${FUZZ_SLOW_IS_NOTE:-0}" == 1 ]]; then
        # scripts/test.sh: a slow input (a hang) is reported and kept, not a failure, while the
        # known slow project-file case (tests/fuzz-open/) is open; crashes still fail.
        echo "fuzz $target: NOTE: an input ran over ${FUZZ_TIMEOUT_S:-10} s after $runs runs" \
             "(kept in $FINDINGS; see tests/fuzz-open/README.md)"
    else
        echo "fuzz $target: FOUND a problem after $runs runs (exit $status; log $log):"
        grep -m 3 -E 'ERROR: |runtime error|SUMMARY' "$log" || tail -n 5 "$log"
        failed=1
    fi
    rm -rf "$corpus"
done
exit "$failed"
