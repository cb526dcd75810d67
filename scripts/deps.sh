# Sourced by the scripts: installs the Debian packages invplan needs, if missing.
# Quick when everything is there (one dpkg-query).
INVPLAN_DEPS="cmake g++ make pkg-config libeigen3-dev libcli11-dev nlohmann-json3-dev libspdlog-dev libgtest-dev coinor-libcbc-dev clang-format python3"
# Optional, for the tests only: headless Chromium renders the HTML report (the browser
# test says it was skipped where chromium cannot be installed).
INVPLAN_TEST_OPTIONAL="chromium"
# For the test that runs scripts/cluster/night.sbatch on a one-node Slurm cluster
# (tests/cluster): skipped where they cannot be installed, except in CI (CI=true).
INVPLAN_TEST_OPTIONAL="$INVPLAN_TEST_OPTIONAL munge slurmctld slurmd slurm-client"

invplan_installed() {
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"
}

invplan_ensure_packages() {
  local missing=()
  local pkg
  for pkg in "$@"; do
    if ! invplan_installed "$pkg"; then
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
  # Another apt (unattended upgrades on a fresh machine) may hold the lock: wait for it,
  # here for `apt-get update`, and through apt's own timeout for the install.
  local apt=(apt-get -o DPkg::Lock::Timeout=600) waited=0
  if ! invplan_apt_ready; then
    echo "waiting (up to 10 minutes) for another apt/dpkg process to release its lock" >&2
    while ! invplan_apt_ready && [ "$waited" -lt 600 ]; do sleep 5; waited=$((waited + 5)); done
  fi
  $sudo "${apt[@]}" update -qq >&2 || true
  if ! $sudo "${apt[@]}" install -y -qq --no-install-recommends "${missing[@]}" >&2; then
    for pkg in "${missing[@]}"; do
      if ! invplan_installed "$pkg"; then
        echo "error: could not install the Debian package '$pkg' (apt-get install $pkg)" >&2
      fi
    done
    return 1
  fi
}

# True when no other process holds dpkg's lock (or when that cannot be told).
invplan_apt_ready() {
  command -v fuser >/dev/null 2>&1 || return 0
  ! fuser /var/lib/dpkg/lock-frontend /var/lib/dpkg/lock /var/lib/apt/lists/lock >/dev/null 2>&1
}

invplan_ensure_deps() {
  # shellcheck disable=SC2086
  invplan_ensure_packages $INVPLAN_DEPS
  invplan_ensure_demo_data
}

# The optional test-time packages, where they can be installed; never fails.
invplan_ensure_test_extras() {
  local pkg
  for pkg in $INVPLAN_TEST_OPTIONAL; do
    invplan_installed "$pkg" && continue
    if ! invplan_ensure_packages "$pkg" 2>/dev/null; then
      echo "note: the optional test package '$pkg' could not be installed; the tests that need it are skipped" >&2
    fi
  done
  return 0
}

# data/sales.csv (6 MB) is not kept in the repository: the deterministic generator
# writes it, byte for byte the same on every machine, in about a second (standard
# library only). It also rewrites the small tracked files of data/ identically.
invplan_ensure_demo_data() {
  [ -f data/sales.csv ] && return 0
  echo "generating the demo data in data/ (scripts/gen_demo_data.py)" >&2
  python3 scripts/gen_demo_data.py --out data
}

invplan_jobs() { nproc 2>/dev/null || echo 2; }

# Configures and builds a build tree: invplan_build DIR [cmake args...] -- [targets...]
# Every configure gets all the arguments, so a changed option reaches an existing tree.
invplan_build() {
  local dir="$1"; shift
  local args=() targets=()
  while [ $# -gt 0 ] && [ "$1" != "--" ]; do args+=("$1"); shift; done
  [ "${1:-}" = "--" ] && shift
  targets=("$@")
  cmake -S . -B "$dir" "${args[@]}" >/dev/null
  if [ ${#targets[@]} -gt 0 ]; then
    cmake --build "$dir" -j "$(invplan_jobs)" --target "${targets[@]}"
  else
    cmake --build "$dir" -j "$(invplan_jobs)"
  fi
}
