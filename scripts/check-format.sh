#!/usr/bin/env bash
# Checks that every tracked C++ file (*.cc, *.h under src/ include/ tests/ scripts/bench/)
# is formatted as .clang-format says, with Debian's clang-format. Prints the files that
# differ and exits non-zero if there are any. Changes nothing; to reformat a file:
#   clang-format -i FILE
set -euo pipefail
cd "$(dirname "$0")/.."
command -v clang-format >/dev/null || { echo "error: clang-format is missing" \
  "(Debian package clang-format)" >&2; exit 2; }
mapfile -t files < <(git ls-files -- 'src/*.cc' 'src/*.h' 'include/*.cc' 'include/*.h' \
  'tests/*.cc' 'tests/*.h' 'scripts/bench/*.cc' 'scripts/bench/*.h')
differ=()
for f in "${files[@]}"; do
  clang-format --dry-run --Werror "$f" >/dev/null 2>&1 || differ+=("$f")
done
if [ ${#differ[@]} -gt 0 ]; then
  echo "clang-format $(clang-format --version | grep -o '[0-9][0-9.]*' | head -1):" \
    "${#differ[@]} of ${#files[@]} files differ from .clang-format (clang-format -i FILE):"
  printf '  %s\n' "${differ[@]}"
  exit 1
fi
echo "clang-format: all ${#files[@]} files formatted"
