#!/usr/bin/env bash
# Shared by demo.sh and test.sh: install the missing Debian packages, then configure and build
# (Release, Ninja) into build/ at the repository root. Source it; it defines REPO and BUILD.
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="$REPO/build"

PACKAGES=(cmake ninja-build g++ pkg-config ccache
          qt6-base-dev qt6-svg-dev libqt6svg6 libqcustomplot-dev libgl-dev
          libopencv-dev libminizip-dev libgif-dev ffmpeg
          libavcodec-dev libavformat-dev libavutil-dev libswscale-dev libfftw3-dev libeigen3-dev libhdf5-dev libtiff-dev
          nlohmann-json3-dev libcli11-dev catch2 libmuparser-dev libssl-dev
          clang-format clang libclang-rt-dev
          xvfb xauth imagemagick)

install_missing_packages() {
    local missing=()
    for p in "${PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    if ((${#missing[@]})); then
        echo "Installing Debian packages: ${missing[*]}"
        local sudo=""
        [[ $(id -u) -ne 0 ]] && sudo="sudo"
        $sudo apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
    fi
}

configure_and_build() {
    local extra=()
    command -v ccache >/dev/null && extra+=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
    [[ "${CI:-}" == "true" ]] && extra+=(-DINSITU_WERROR=ON)
    cmake -S "$REPO" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release "${extra[@]}" "$@"
    cmake --build "$BUILD" --parallel "$(nproc)"
}
