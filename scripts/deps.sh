# Sourced by the scripts: installs the Debian packages invplan needs, if missing.
# Quick when everything is there (one dpkg-query).
INVPLAN_DEPS="cmake g++ make pkg-config libeigen3-dev libcli11-dev nlohmann-json3-dev libspdlog-dev libgtest-dev coinor-libcbc-dev"

invplan_ensure_packages() {
  local missing=()
  local pkg
  for pkg in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$pkg")
    fi
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
      echo "error: missing packages (${missing[*]}) and not root; install them with apt-get" >&2
      return 1
    fi
  fi
  echo "installing: ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq >&2 || true
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

invplan_ensure_deps() {
  # shellcheck disable=SC2086
  invplan_ensure_packages $INVPLAN_DEPS
}

invplan_jobs() { nproc 2>/dev/null || echo 2; }

# Configures (once) and builds a build tree: invplan_build DIR [cmake args...] -- [targets...]
invplan_build() {
  local dir="$1"; shift
  local args=() targets=()
  while [ $# -gt 0 ] && [ "$1" != "--" ]; do args+=("$1"); shift; done
  [ "${1:-}" = "--" ] && shift
  targets=("$@")
  if [ ! -f "$dir/CMakeCache.txt" ]; then
    cmake -S . -B "$dir" "${args[@]}" >/dev/null
  else
    cmake "$dir" >/dev/null
  fi
  if [ ${#targets[@]} -gt 0 ]; then
    cmake --build "$dir" -j "$(invplan_jobs)" --target "${targets[@]}"
  else
    cmake --build "$dir" -j "$(invplan_jobs)"
  fi
}
