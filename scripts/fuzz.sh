#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/, Clang, -fsanitize=fuzzer,address,undefined) into
# build-fuzz/, replays every regression file (tests/fuzz-regressions/<target>/) through its
# sanitized target, then fuzzes each target for a fixed time on a corpus of those files plus,
# when present, the real files in ../shared (those over 1 MiB as sparse seeds: their head, tail
# and real size; a finding among them expands with `build-fuzz/bin/fuzz_sparse_seed --expand`).
#   scripts/fuzz.sh [SECONDS_PER_TARGET=60] [TARGET...]     e.g. scripts/fuzz.sh 3 tiff dm
# FUZZ_RUNS=N: exactly N inputs per target (seeds included) with a fixed seed (-seed=1) and no
# time cap, so that a run is the same every time and on any machine load (scripts/test.sh).
# FUZZ_TIMEOUT_S (10): one input running longer is a hang. FUZZ_RSS_MB (2048): the memory cap.
# FUZZ_BUILD_DIR (build-fuzz/): the Clang build folder; an existing one keeps its settings.
# Exit 0: no target found anything; 1: a crash, leak, hang or out-of-memory — the input is left
# in build-fuzz/findings/ (add it to tests/fuzz-regressions/<target>/ once fixed); 77: cannot
# fuzz here (no Clang or no libFuzzer; the reason is printed).
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${FUZZ_BUILD_DIR:-$REPO/build-fuzz}"
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

settings=()
if [[ ! -f "$BUILD/CMakeCache.txt" ]]; then
    settings=(-G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_C_COMPILER=clang
              -DCMAKE_CXX_COMPILER=clang++ -DINSITU_FUZZ=ON -DINSITU_BUILD_GUI=OFF
              -DINSITU_BUILD_TESTS=OFF)
    command -v ccache >/dev/null && settings+=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
fi
mkdir -p "$BUILD"
cmake -S "$REPO" -B "$BUILD" "${settings[@]}" >"$BUILD/configure.log" 2>&1 ||
    { cat "$BUILD/configure.log"; exit 1; }
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
timeout_s="${FUZZ_TIMEOUT_S:-10}"
rss_mb="${FUZZ_RSS_MB:-2048}"
export LSAN_OPTIONS="suppressions=$REPO/fuzz/lsan_suppressions.txt"
export INSITU_MEMORY_BUDGET_MB=256
# malloc of an impossible size returns NULL, as glibc's does (libhdf5 then reports an error);
# operator new still fails loudly, and malloc_limit_mb still catches large allocations.
export ASAN_OPTIONS="allocator_may_return_null=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
limits=(-timeout="$timeout_s" -rss_limit_mb="$rss_mb" -malloc_limit_mb="$rss_mb")
failed=0
for target in "${TARGETS[@]}"; do
    # Every regression input once through the sanitized build (ctest replays them unsanitized).
    regressions=()
    for file in "$REPO/tests/fuzz-regressions/$target"/*; do
        [[ -f "$file" && "$(basename "$file")" != README.md ]] && regressions+=("$file")
    done
    if ((${#regressions[@]})); then
        log="$BUILD/replay_$target.log"
        if "$BUILD/bin/fuzz_$target" "${limits[@]}" "${regressions[@]}" >"$log" 2>&1; then
            echo "fuzz $target: ${#regressions[@]} regression inputs replayed under sanitizers"
        else
            echo "fuzz $target: a regression input FAILED under sanitizers (log $log):"
            grep -m 3 -E 'ERROR: |runtime error|SUMMARY|Running: ' "$log" || tail -n 5 "$log"
            failed=1
        fi
    fi

    corpus="$(mktemp -d)"
    cp "${regressions[@]}" "$corpus"/ 2>/dev/null || true
    if [[ -d "$SHARED" ]]; then
        for pattern in $(shared_pattern "$target"); do
            find "$SHARED" -type f -name "$pattern" -size -1024k -exec cp {} "$corpus"/ \; 2>/dev/null || true
            # Larger files as sparse seeds (head 512 KiB + tail 256 KiB + the real size): their
            # headers are mutated while the declared sizes still match (fuzz/sparse_input.h).
            while IFS= read -r -d '' big; do
                "$BUILD/bin/fuzz_sparse_seed" "$big" "$corpus/sparse-$(basename "$big")" || true
            done < <(find "$SHARED" -type f -name "$pattern" -size +1023k -print0 2>/dev/null)
        done
    fi
    log="$BUILD/fuzz_$target.log"
    status=0
    budget=(-max_total_time="$SECONDS_PER_TARGET")
    [[ -n "${FUZZ_RUNS:-}" ]] && budget=(-runs="$FUZZ_RUNS" -seed=1)
    "$BUILD/bin/fuzz_$target" "$corpus" "${budget[@]}" "${limits[@]}" -max_len=1048576 \
        -print_final_stats=1 -artifact_prefix="$FINDINGS/$target-" >"$log" 2>&1 || status=$?
    runs="$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')"
    if ((status == 0)); then
        echo "fuzz $target: $runs runs, nothing found"
    else
        echo "fuzz $target: FOUND a problem after $runs runs (exit $status; log $log):"
        grep -m 3 -E 'ERROR: |runtime error|SUMMARY|timeout' "$log" || tail -n 5 "$log"
        failed=1
    fi
    rm -rf "$corpus"
done
exit "$failed"
