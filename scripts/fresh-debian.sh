#!/usr/bin/env bash
# The README's two commands on a bare Debian, as a new user meets them:
#
#   sudo scripts/fresh-debian.sh bookworm       (Debian 12; trixie for Debian 13)
#
# Builds a minimal Debian with debootstrap (minbase plus python3, git, make and
# ca-certificates, nothing else) and, in chroots of it, with this repository's HEAD cloned in:
#   root   `make run ARGS=--exit-after-startup` (offscreen) and `make test`, as root, which
#          install the Debian packages they need themselves; then the .deb that `make test`
#          built is installed with apt and purged: the file tree must be as it was before;
#   user   as a normal user (in a second, untouched copy of the bare system): `make run`
#          must fail with a command to run as root; that command, run as root, must make
#          `make run ARGS=--exit-after-startup` pass; without a display `make run` must say
#          why on stderr.
# Every step is timed; the times go to $FRESH_DIR/SUITE/times.txt and are printed at the end.
# It takes long (make test twice the CI's time, and downloads): not part of `make test`.
#
# Needs root (debootstrap, chroot, mounts) and network access to deb.debian.org and PyPI.
# Environment: FRESH_DIR (default /var/tmp/runnerup-fresh) keeps the systems; KEEP=1 leaves
# them there afterwards; MIRROR (default http://deb.debian.org/debian).
# Certificates the host adds in /usr/local/share/ca-certificates (a TLS-inspecting proxy's)
# are copied into the chroots, and pip there is told to use the system's store, so that a
# host that reaches the network only through such a proxy can run this too.
set -euo pipefail

suite=${1:-}
case "$suite" in
  bookworm | trixie) ;;
  *) echo "usage: $0 bookworm|trixie" >&2; exit 2 ;;
esac
[ "$(id -u)" = 0 ] || { echo "$0: needs root (debootstrap, chroot, mounts)" >&2; exit 2; }

# Own mount namespace with private propagation: no mount made here can leak to the host's
# /dev or /run, and all of them go away with this process even if the clean-up below fails.
if [ -z "${FRESH_IN_NAMESPACE:-}" ]; then
  export FRESH_IN_NAMESPACE=1
  exec unshare --mount --propagation private "$0" "$@"
fi

repo=$(cd "$(dirname "$0")/.." && pwd)
mirror=${MIRROR:-http://deb.debian.org/debian}
work=${FRESH_DIR:-/var/tmp/runnerup-fresh}/$suite
base=$work/base
times=$work/times.txt
path=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
mounted=()

command -v debootstrap >/dev/null || {
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap
}

# Programs the tests left running in a chroot (a D-Bus daemon, a keyring) would keep its
# mounts busy: end them, by process id, before unmounting.
stop_leftovers() {
  local r=$1 proc pids=()
  for proc in /proc/[0-9]*; do
    [ "$(readlink "$proc/root" 2>/dev/null)" = "$r" ] && pids+=("${proc#/proc/}")
  done
  [ ${#pids[@]} = 0 ] || { kill "${pids[@]}" 2>/dev/null; sleep 1; kill -9 "${pids[@]}" 2>/dev/null; } || true
}

unmount_all() {
  local i
  for r in "$work/root" "$work/user"; do stop_leftovers "$r"; done
  for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do
    umount "${mounted[i]}" 2>/dev/null || umount -l "${mounted[i]}" || true
  done
  mounted=()
}
finish() {
  local code=$?
  unmount_all
  if [ -f "$times" ]; then
    echo
    echo "== times ($suite)"
    cat "$times"
  fi
  [ "${KEEP:-}" = 1 ] || rm -rf "$work/root" "$work/user" "$base"
  [ "$code" = 0 ] && echo "fresh-debian $suite: passed" || echo "fresh-debian $suite: FAILED (exit $code)"
  exit "$code"
}
trap finish EXIT

# step NAME COMMAND...: runs it, records how long it took (and whether it failed).
step() {
  local name=$1 began code=0
  shift
  printf '\n== %s\n' "$name"
  began=$(date +%s)
  "$@" || code=$?
  printf '%-64s %5d s%s\n' "$name" $(($(date +%s) - began)) "$([ $code = 0 ] || echo "  FAILED ($code)")" \
    | tee -a "$times"
  return $code
}

mount_system() {  # the kernel file systems a desktop program and its tests use
  local r=$1
  mount -t proc proc "$r/proc" && mounted+=("$r/proc")
  mount -t sysfs sys "$r/sys" && mounted+=("$r/sys")
  mount --bind /dev "$r/dev" && mounted+=("$r/dev")
  mount -t devpts -o newinstance,ptmxmode=0666 devpts "$r/dev/pts" && mounted+=("$r/dev/pts")
  mount -t tmpfs -o mode=1777 shm "$r/dev/shm" && mounted+=("$r/dev/shm")
  mount -t tmpfs -o mode=0755 run "$r/run" && mounted+=("$r/run")
  mkdir -p "$r/run/lock" && chmod 1777 "$r/run/lock"
}

# in ROOTFS USER COMMAND: a login-like shell in the chroot, with an empty environment.
inside() {
  local r=$1 user=$2 home
  shift 2
  home=$([ "$user" = root ] && echo /root || echo "/home/$user")
  chroot --userspec="$user:$user" "$r" env -i HOME="$home" USER="$user" LOGNAME="$user" \
    PATH="$path" TERM=dumb SHELL=/bin/bash bash -c "cd ~ && $*"
}

make_base() {
  rm -rf "$base"
  mkdir -p "$work"
  debootstrap --variant=minbase --include=python3,git,make,ca-certificates "$suite" "$base" "$mirror"
  if compgen -G '/usr/local/share/ca-certificates/*.crt' >/dev/null; then
    cp /usr/local/share/ca-certificates/*.crt "$base/usr/local/share/ca-certificates/"
    chroot "$base" update-ca-certificates >/dev/null
    printf '[global]\ncert = /etc/ssl/certs/ca-certificates.crt\n' > "$base/etc/pip.conf"
  fi
  cp /etc/resolv.conf "$base/etc/resolv.conf"
  git -C "$repo" bundle create "$base/tmp/runnerup.bundle" HEAD
  chmod 0644 "$base/tmp/runnerup.bundle"
  echo "$suite: $(chroot "$base" dpkg-query -W -f='${binary:Package}\n' | wc -l) packages," \
    "$(chroot "$base" python3 --version)"
}

clone() {  # clone ROOTFS USER
  inside "$1" "$2" "git clone -q -c advice.detachedHead=false /tmp/runnerup.bundle runnerup" \
    "&& git -C runnerup log -1 --format='cloned %h %s'"
}

# The file tree outside the home folders and the volatile parts, with modes and owners.
tree() {
  (cd "$1" && find . -xdev \( -path ./proc -o -path ./sys -o -path ./dev -o -path ./run \
    -o -path ./tmp -o -path ./root -o -path ./home -o -path ./var/cache -o -path ./var/log \
    -o -path ./var/lib/apt -o -path ./var/lib/dpkg \) -prune -o -printf '%M %u %g %p\n' | sort)
}

deb_install_purge() {
  local r=$1 deb before after
  deb=$(cd "$r/root/runnerup" && ls dist/runnerup_*.deb | head -1)
  tree "$r" > "$work/tree-before.txt"
  inside "$r" root "apt-get install -y -qq --no-install-recommends ./runnerup/$deb >/dev/null"
  inside "$r" root "runnerup --version && test -x /opt/runnerup/runnerup"
  inside "$r" root "apt-get purge -y -qq runnerup >/dev/null && apt-get autoremove --purge -y -qq >/dev/null"
  tree "$r" > "$work/tree-after.txt"
  if ! diff -u "$work/tree-before.txt" "$work/tree-after.txt"; then
    echo "the tree after installing and purging the .deb differs from the tree before" >&2
    return 1
  fi
  echo "ok: install then purge leaves the tree as it was ($(wc -l < "$work/tree-before.txt") entries)"
}

# As a normal user: make run stops with a command for root (and one with sudo only where
# there is sudo); that command, run as root, makes make run pass.
user_make_run_fails() {
  local r=$1 out code=0
  out=$(inside "$r" runner "cd runnerup && make run ARGS=--exit-after-startup" 2>&1) || code=$?
  printf '%s\n' "$out"
  [ "$code" != 0 ] || { echo "make run passed without the Debian packages" >&2; return 1; }
  root_command=$(printf '%s\n' "$out" | sed -n 's/^ *as root: *//p')
  [ -n "$root_command" ] || { echo "make run printed no command for root" >&2; return 1; }
  if [ -x "$r/usr/bin/sudo" ]; then
    printf '%s\n' "$out" | grep -q '^ *with sudo: *sudo ' || { echo "no sudo command" >&2; return 1; }
  elif printf '%s\n' "$out" | grep -q sudo; then
    echo "make run names sudo, which this system does not have" >&2
    return 1
  fi
}

user_no_display() {  # stderr says why, and the exit code is not a bare abort (134)
  local r=$1 err code=0
  err=$(inside "$r" runner "cd runnerup && make --no-print-directory run 2>&1 >/dev/null") || code=$?
  printf '%s\n' "$err"
  [ "$code" != 0 ] && grep -qi 'display' <<<"$err" && grep -q QT_QPA_PLATFORM <<<"$err" \
    || { echo "without a display make run must say why on stderr (exit $code)" >&2; return 1; }
}

: > "$times" 2>/dev/null || { mkdir -p "$work" && : > "$times"; }
echo "RunnerUp fresh-machine check: Debian $suite, $(git -C "$repo" log -1 --format='%h %s')" \
  | tee -a "$times"

step "debootstrap $suite minbase + python3 git make ca-certificates" make_base

# root: the two commands on the bare system.
rm -rf "$work/root" "$work/user"
cp -a "$base" "$work/root"
cp -a "$base" "$work/user"
mount_system "$work/root"
step "root: git clone" clone "$work/root" root
step "root: make run ARGS=--exit-after-startup (offscreen)" \
  inside "$work/root" root "cd runnerup && QT_QPA_PLATFORM=offscreen make run ARGS=--exit-after-startup"
step "root: make test" inside "$work/root" root "cd runnerup && make test"
step "root: apt-get install the .deb, then purge it" deb_install_purge "$work/root"
unmount_all

# user: the same bare system, as a normal user.
mount_system "$work/user"
chroot "$work/user" useradd --create-home --shell /bin/bash runner
step "user: git clone" clone "$work/user" runner
step "user: make run fails and prints a command" user_make_run_fails "$work/user"
echo "running as root: $root_command"
step "root: the printed command" inside "$work/user" root "$root_command"
step "user: make run ARGS=--exit-after-startup (offscreen)" \
  inside "$work/user" runner "cd runnerup && QT_QPA_PLATFORM=offscreen make run ARGS=--exit-after-startup"
step "user: make run without a display says why" user_no_display "$work/user"
