#!/usr/bin/env bash
# Installs what is missing, builds into build/, and runs every test through ctest.
# GUI tests run with QT_QPA_PLATFORM=offscreen. Exits non-zero on any failure.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
install_missing_packages
configure_and_build
export QT_QPA_PLATFORM=offscreen
cd "$BUILD"
ctest --output-on-failure --parallel "$(nproc)" --timeout 900
