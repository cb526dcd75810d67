#!/usr/bin/env bash
# Checks that every tracked C++ file (*.cc, *.h under src/ include/ tests/ scripts/bench/)
# is formatted as .clang-format says, with Debian's clang-format. Prints the files that
# differ and exits non-zero if there are any. Changes nothing; to reformat a file:
#   clang-format -i FILE
set -euo pipefail
cd "$(dirname "$0")/.."
command -v clang-format >/dev/null || { echo "error: clang-format is missing" \
  "(Debian package clang-format)" >&2; exit 2; }
dirs=(src include tests scripts/bench)
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  mapfile -t files < <(git ls-files -- "${dirs[@]/%//*.cc}" "${dirs[@]/%//*.h}")
else
  mapfile -t files < <(find "${dirs[@]}" -name '*.cc' -o -name '*.h' | sort)
fi
mapfile -t differ < <(printf '%s\0' "${files[@]}" | xargs -0 -r -n 16 -P "$(nproc)" sh -c \
  'for f; do clang-format --dry-run --Werror "$f" >/dev/null 2>&1 || echo "$f"; done' sh | sort)
if [ ${#differ[@]} -gt 0 ]; then
  echo "clang-format $(clang-format --version | grep -o '[0-9][0-9.]*' | head -1):" \
    "${#differ[@]} of ${#files[@]} files differ from .clang-format (clang-format -i FILE):"
  printf '  %s\n' "${differ[@]}"
  exit 1
fi
echo "clang-format: all ${#files[@]} files formatted"
