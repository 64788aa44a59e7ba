#!/usr/bin/env bash
# Installs what is missing, builds into build/, and runs the main job on the bundled nanowire
# sample: drift correction, front tracking with kinetics fits, a project file, CSV tables and plots
# in results/, and a short summary. `scripts/demo.sh --gui` opens the workbench on the sample.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
install_missing_packages
configure_and_build >/dev/null
SAMPLE="$REPO/data/samples/nanowire-front.tif"
TRUTH="$REPO/data/samples/nanowire-front.truth.json"
INSITU="$BUILD/bin/insitu"

if [[ "${1:-}" == "--gui" ]]; then
    exec "$BUILD/bin/insitu-workbench" "$SAMPLE"
fi

RESULTS="$REPO/results"
rm -rf "$RESULTS"
mkdir -p "$RESULTS"
# The path along the wire: the line the generator drew the wire on (frame-0 px).
LINE="$(sed -n 's/.*"arg": *"\([0-9.,-]*\)".*/\1/p' "$TRUTH" | head -1)"

echo "== InSitu Workbench demo: $(basename "$SAMPLE") =="
"$INSITU" info "$SAMPLE"
"$INSITU" info "$SAMPLE" --json > "$RESULTS/info.json"
echo
echo "-- drift (running-mean reference) --"
"$INSITU" drift "$SAMPLE" -o "$RESULTS/drift.csv" --json > "$RESULTS/drift.json"
echo "drift of $(($(wc -l < "$RESULTS/drift.csv") - 1)) frames → results/drift.csv"
echo
echo "-- reaction fronts along the wire ($LINE, band 22 px) --"
"$INSITU" front "$SAMPLE" --line "$LINE" --width 22 --fronts 2 --drift mean --model auto \
    -o "$RESULTS/fronts.csv" --kymograph "$RESULTS/kymograph.tif" \
    --plot "$RESULTS/fronts.png" --project "$RESULTS/demo-project.h5" >/dev/null
echo "fronts → results/fronts.csv, fronts.png, kymograph.tif, demo-project.h5"
"$INSITU" front "$SAMPLE" --line "$LINE" --width 22 --fronts 2 --drift mean --model auto \
    --json > "$RESULTS/fronts.json"
echo
echo "-- project and exports --"
"$INSITU" project show "$RESULTS/demo-project.h5"
echo "  (the sample's known truth: front velocities $(grep -o '"velocity_nm_per_s": *[0-9.]*' "$TRUTH" \
    | sed 's/.*: *//' | paste -sd' ' | sed 's/ / and /') nm/s)"
"$INSITU" export "$RESULTS/demo-project.h5" --out "$RESULTS/export" --csv --plots png,svg,pdf >/dev/null
echo
echo "Results written to $RESULTS/:"
(cd "$RESULTS" && find . -type f | sort | sed 's/^\.\//  /')
