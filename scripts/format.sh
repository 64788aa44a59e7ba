#!/usr/bin/env bash
# clang-format -i with the repo's .clang-format. `format.sh FILE…` formats those files and drops
# them from .clang-format-pending; `format.sh --all` formats every tracked *.cpp/*.h once and
# empties the list (the ctest case "format: tracked sources are clang-format clean" checks the rest).
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PENDING="$REPO/.clang-format-pending"
cd "$REPO"
if [[ "${1:-}" == "--all" ]]; then
    git ls-files '*.cpp' '*.h' | xargs clang-format -i
    grep '^#' "$PENDING" > "$PENDING.new" || true
    mv "$PENDING.new" "$PENDING"
    exit 0
fi
(($#)) || { echo "usage: scripts/format.sh FILE… | --all" >&2; exit 2; }
clang-format -i "$@"
for f in "$@"; do
    rel="$(realpath --relative-to="$REPO" "$f")"
    grep -vxF "$rel" "$PENDING" > "$PENDING.new" || true
    mv "$PENDING.new" "$PENDING"
done
