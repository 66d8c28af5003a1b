# Shared by .ci/test and .ci/main: install what a fresh Debian 12 machine lacks, time stages.
set -euo pipefail

root_do() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# need_packages PKG...: installs the Debian packages that are not installed yet.
need_packages() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "installing: ${missing[*]}"
    root_do apt-get update -qq
    DEBIAN_FRONTEND=noninteractive root_do apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

# stage NAME COMMAND...: runs a stage, prints its time, stops everything if it fails.
stage() {
  local name=$1
  shift
  local start=$SECONDS
  echo
  echo "=== ${name}"
  if "$@"; then
    echo "=== ${name}: ok in $((SECONDS - start)) s"
  else
    local rc=$?
    echo "=== ${name}: FAILED (exit ${rc}) after $((SECONDS - start)) s" >&2
    exit "$rc"
  fi
}

jobs() { nproc 2>/dev/null || echo 2; }

# The peers' runtimes: Go with rs/cors and Python with flask-cors from Debian; Node and npm from
# Debian unless a node is installed already (NodeSource's includes npm and conflicts with Debian's).
need_peer_packages() {
  need_packages golang-go golang-github-rs-cors-dev python3-flask-cors
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then need_packages nodejs npm; fi
}
