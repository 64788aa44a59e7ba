#!/usr/bin/env bash
# Installs what is missing, builds into build/, and runs the main job on a bundled sample,
# writing results/ and printing a short summary. `scripts/demo.sh --gui` opens the workbench.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
install_missing_packages
configure_and_build >/dev/null
SAMPLE="$REPO/data/samples/nanowire-front.tif"
INSITU="$BUILD/bin/insitu"

if [[ "${1:-}" == "--gui" ]]; then
    exec "$BUILD/bin/insitu-workbench" "$SAMPLE"
fi

RESULTS="$REPO/results"
mkdir -p "$RESULTS"
"$INSITU" info "$SAMPLE" --json > "$RESULTS/info.json"
echo "== InSitu Workbench demo on $(basename "$SAMPLE") =="
"$INSITU" info "$SAMPLE"
echo "Results written to $RESULTS/"
