#!/usr/bin/env bash
# Makes sure the Debian packages this project needs are installed.
#   system-deps.sh run    what the app needs to start (Qt's libraries, python3-venv)
#   system-deps.sh test   that, plus what the test suite drives (Xvfb, poppler, ...) and what
#                         PyInstaller needs (the shared libpython of Debian's own python3)
# As root it installs what is missing; otherwise it prints the command to run as root (and
# the same with sudo, where there is sudo) and fails.
# $PYTHON (default python3) is the Python that `make` builds the venv with.
# tests/test_system_deps.py runs it against fake dpkg-query/apt-cache/apt-get programs.
set -euo pipefail

run_pkgs="python3-venv libgl1 libegl1 libxkbcommon0 libfontconfig1 libdbus-1-3 libglib2.0-0
 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xkb1
 libxcb-randr0 libxcb-render-util0 libxcb-image0 fonts-dejavu-core"
# Tests drive real peers: a virtual screen with a tray host and a notification daemon on a
# D-Bus session bus, an unlocked Secret Service, poppler for PDFs, the desktop-file checker,
# and a C compiler for the failing-disk shim of tests/faults.py.
test_pkgs="xvfb xauth poppler-utils dbus dbus-x11 trayer dunst gnome-keyring libsecret-tools
 desktop-file-utils xdotool x11-utils lintian appstream dpkg-dev zstd binutils patchelf
 gcc libc6-dev"

command -v dpkg-query >/dev/null 2>&1 || exit 0   # not Debian: nothing to check here

py=${PYTHON:-python3}
want="$run_pkgs"
if [ "${1:-run}" = test ]; then
  want="$want $test_pkgs"
  # PyInstaller bundles the shared libpython. Debian's python3 is linked statically and
  # ships that library in a package of its own; a pyenv or other self-built Python (not
  # under /usr) brings its own.
  read -r version prefix < <("$py" -c 'import sys; print("%d.%d" % sys.version_info[:2], sys.base_prefix)')
  [ "$prefix" = /usr ] && want="$want libpython$version"
fi

# Every name the installed packages answer to: their own and what they provide. Debian 13
# and Ubuntu 24.04 renamed libraries for 64-bit time (libglib2.0-0 is libglib2.0-0t64
# there, which provides the old name).
installed=$(dpkg-query -W -f='${db:Status-Abbrev} ${Package}, ${Provides}\n' 2>/dev/null \
  | awk '$1 == "ii" { $1 = ""; gsub(/\([^)]*\)/, ""); gsub(/:[a-z0-9]+/, ""); gsub(/[ ,]+/, "\n"); print }' \
  | sort -u)

missing=""
for pkg in $want; do
  if [ "$pkg" = python3-venv ]; then
    # pyenv or other Pythons bring their own venv; only Debian's python3 needs the package.
    "$py" -c 'import ensurepip' >/dev/null 2>&1 && continue
  fi
  grep -qxF -e "$pkg" -e "${pkg}t64" <<<"$installed" || missing="$missing $pkg"
done
[ -z "$missing" ] && exit 0

# The name this system's archive has: the t64 one where the library was renamed (apt would
# pick it for the old name too, but the message should name what gets installed).
archive_names() {
  local pkg out="" known
  known=$(apt-cache pkgnames 2>/dev/null || true)  # one look: each apt-cache call takes a second
  for pkg in "$@"; do
    if grep -qxF "${pkg}t64" <<<"$known"; then
      out="$out ${pkg}t64"
    else
      out="$out $pkg"
    fi
  done
  echo "$out"
}

if [ "$(id -u)" = 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  missing=$(archive_names $missing)
  echo "Installing Debian packages:$missing"
  apt-get install -y -qq --no-install-recommends $missing
else
  missing=$(archive_names $missing)
  install="apt-get update && apt-get install -y --no-install-recommends$missing"
  {
    echo "RunnerUp needs these Debian packages:$missing"
    echo "Install them as root, then run make again:"
    echo "  as root: su -c '$install'"
    command -v sudo >/dev/null 2>&1 && echo "  with sudo: sudo sh -c '$install'"
  } >&2
  exit 1
fi
