#!/usr/bin/env bash
# Makes sure the Debian packages this project needs are installed.
#   system-deps.sh run    what the app needs to start (Qt's libraries, python3-venv)
#   system-deps.sh test   that, plus what the test suite drives (Xvfb, poppler, ...)
# As root it installs what is missing; otherwise it prints the exact apt command and fails.
set -euo pipefail

run_pkgs="python3-venv libgl1 libegl1 libxkbcommon0 libfontconfig1 libdbus-1-3 libglib2.0-0
 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xkb1
 libxcb-randr0 libxcb-render-util0 libxcb-image0 fonts-dejavu-core"
# Tests drive real peers: a virtual screen with a tray host and a notification daemon on a
# D-Bus session bus, an unlocked Secret Service, poppler for PDFs, the desktop-file checker.
test_pkgs="xvfb xauth poppler-utils dbus dbus-x11 trayer dunst gnome-keyring libsecret-tools
 desktop-file-utils xdotool x11-utils lintian appstream dpkg-dev zstd binutils patchelf"
test_pkgs="$test_pkgs gcc libc6-dev"  # builds the failing-disk shim of tests/faults.py

want="$run_pkgs"
[ "${1:-run}" = "test" ] && want="$run_pkgs $test_pkgs"

command -v dpkg-query >/dev/null 2>&1 || exit 0   # not Debian: nothing to check here

missing=""
for pkg in $want; do
  if [ "$pkg" = python3-venv ]; then
    # pyenv or other Pythons bring their own venv; only Debian's python3 needs the package.
    python3 -c 'import ensurepip' >/dev/null 2>&1 && continue
  fi
  status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
  case "$status" in *"ok installed"*) ;; *) missing="$missing $pkg" ;; esac
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" = 0 ]; then
  echo "Installing Debian packages:$missing"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends $missing
else
  echo "RunnerUp needs these Debian packages:$missing" >&2
  echo "Install them with:" >&2
  echo "  sudo apt-get install -y$missing" >&2
  exit 1
fi
