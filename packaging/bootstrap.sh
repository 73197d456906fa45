#!/usr/bin/env bash
# Set up a clean clone on a fresh Debian/Ubuntu machine, then run what was asked:
#   packaging/bootstrap.sh demo   the desk on a throwaway profile with the sample directory
#   packaging/bootstrap.sh test   the whole test suite (pytest, Qt offscreen, a real PostgreSQL)
# System packages are installed only when missing (needs root or sudo); the Python side lives in ./.venv.
set -euo pipefail
cd "$(dirname "$0")/.."

what="${1:-}"
shift || true

# Qt's xcb platform (a real window or Xvfb), the virtual keyboard / text-to-speech (libpulse0), fonts with Urdu and
# Arabic glyphs (Noto UI), PostgreSQL for
# the hub tests, Xvfb for screenshots and the virtual keyboard test.
RUNTIME_PACKAGES=(libegl1 libgl1 libopengl0 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3
  libglib2.0-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-shape0
  libxcb-xinerama0 libxcb-randr0 libpulse0 fonts-dejavu-core fonts-noto-ui-core)
TEST_PACKAGES=(postgresql xvfb xauth)

install_system_packages() {
  command -v dpkg-query >/dev/null 2>&1 || return 0
  local missing=()
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  [ "${#missing[@]}" -eq 0 ] && return 0
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "installing system packages: ${missing[*]}" >&2
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

python_env() {
  [ -x .venv/bin/python ] || python3 -m venv .venv
  .venv/bin/python -m pip install -q --upgrade pip >/dev/null
  .venv/bin/python -m pip install -q -e ".[$1]"
  .venv/bin/python packaging/build_translations.py >/dev/null
}

case "$what" in
  demo)
    install_system_packages "${RUNTIME_PACKAGES[@]}"
    python_env server
    if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ "$(uname)" = Linux ]; then
      echo "no display here: rendering the demo desk to demo-desk.png instead of opening a window" >&2
      QT_QPA_PLATFORM=offscreen exec .venv/bin/socialrx-desk --demo --screenshot demo-desk.png "$@"
    fi
    exec .venv/bin/socialrx-desk --demo "$@"
    ;;
  test)
    install_system_packages "${RUNTIME_PACKAGES[@]}" "${TEST_PACKAGES[@]}"
    python_env "test,server"
    QT_QPA_PLATFORM=offscreen exec .venv/bin/python -m pytest "$@"
    ;;
  *)
    echo "usage: packaging/bootstrap.sh demo|test [arguments]" >&2
    exit 2
    ;;
esac
