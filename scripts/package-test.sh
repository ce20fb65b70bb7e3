#!/usr/bin/env bash
# Smoke test of the native Linux package (make package-test; make test runs it last).
#
#   scripts/package-test.sh              build with `make package`, then check
#   scripts/package-test.sh --no-build   check the dist/ that is there
#
# 1. the frozen program starts (--exit-after-startup, offscreen, a temporary database), says
#    the package's version, and starts within 1.5x the time of `python -m runnerup_desktop`
#    (median of 5 runs each, alternated);
# 2. the frozen `runnerup plan OUT.pdf --demo` writes a one-page PDF, and the frozen
#    `runnerup watch` reads a job board over HTTPS on loopback whose certificate comes from a
#    test CA given as the system store (SSL_CERT_FILE), and refuses it without
#    (scripts/package_https_check.py); the frozen `runnerup sync --demo` sends the demo
#    story to a Radicale over TLS on loopback with that CA, and refuses it without
#    (scripts/package_sync_check.py);
# 3. the .deb, unpacked into a scratch root (dpkg -x): the program starts from there, the
#    /usr/bin link, the menu entry and every icon are in place, every system library the
#    bundle loads belongs to a package in Depends (ldd, dpkg -S);
# 4. on a real X11 desktop (Xvfb, D-Bus, dunst, trayer): the window shows with its icon,
#    the tray icon embeds and the reminders reach the notification service;
# 5. desktop-file-validate, appstreamcli validate, and lintian (fails on an error; warnings
#    are listed; installers/linux/lintian-overrides says why each override is there).
# Sizes and times go to dist/package-report.txt.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
py=${PYTHON:-$root/.venv/bin/python}
app_id=org.runnerup.RunnerUp
report=dist/package-report.txt

for tool in dpkg-deb lintian desktop-file-validate appstreamcli pdfinfo ldd Xvfb \
  dbus-run-session dunst trayer xwininfo xprop; do
  command -v "$tool" >/dev/null || { echo "package-test: $tool is missing (make system-deps-test)" >&2; exit 1; }
done

if [ "${1:-}" != --no-build ]; then
  start=$(date +%s)
  make --no-print-directory package
  build_seconds=$(( $(date +%s) - start ))
fi
bundle=dist/runnerup
version=$("$py" -c 'import runnerup_desktop; print(runnerup_desktop.__version__)')
deb=$(ls -t dist/runnerup_"$version"_*.deb | head -1)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
steps=0
step() { steps=$((steps + 1)); printf '\n== %s\n' "$*"; }

step "frozen program: start, version"
frozen_version=$("$bundle/runnerup" --version)
[ "$frozen_version" = "RunnerUp $version" ] || { echo "says '$frozen_version', not $version" >&2; exit 1; }
RUNNERUP_HOME="$work/home" QT_QPA_PLATFORM=offscreen "$bundle/runnerup" --exit-after-startup
echo "ok: $frozen_version, --exit-after-startup exits 0"

step "no bytecode caches among the bundle's files"
caches=$(find "$bundle" \( -name __pycache__ -o -name '*.pyc' \) -printf '%P\n')
[ -z "$caches" ] || { echo "the bundle carries bytecode caches (packaging.spec datas):" >&2; echo "$caches" >&2; exit 1; }
echo "ok: no __pycache__ or .pyc file in $bundle"

step "start-up time: frozen against python -m runnerup_desktop (median of 5)"
startup=$("$py" - "$bundle/runnerup" "$work/timing" <<'EOF'
import os, statistics, subprocess, sys, time
frozen, home = sys.argv[1], sys.argv[2]
env = dict(os.environ, RUNNERUP_HOME=home, QT_QPA_PLATFORM="offscreen")
commands = {"python": [sys.executable, "-m", "runnerup_desktop"], "frozen": [frozen]}
times = {name: [] for name in commands}
for name, command in commands.items():  # both create and migrate the database once first
    subprocess.run([*command, "--exit-after-startup"], env=env, check=True)
for _ in range(5):
    for name, command in commands.items():
        began = time.perf_counter()
        subprocess.run([*command, "--exit-after-startup"], env=env, check=True)
        times[name].append(time.perf_counter() - began)
python, frozen = (statistics.median(times[name]) for name in ("python", "frozen"))
print(f"python -m runnerup_desktop {python:.2f} s, frozen {frozen:.2f} s, ratio {frozen / python:.2f}")
EOF
)
echo "$startup"
ratio=${startup##* }
awk -v r="$ratio" 'BEGIN { exit !(r <= 1.5) }' || { echo "the frozen program starts ${ratio}x slower" >&2; exit 1; }

step "frozen plan command: a one-page PDF"
if "$bundle/runnerup" --help | grep -qE '^ +plan '; then
  env -u DISPLAY -u WAYLAND_DISPLAY RUNNERUP_HOME="$work/home" "$bundle/runnerup" plan "$work/plan.pdf" --demo
  pages=$(pdfinfo "$work/plan.pdf" | awk '/^Pages:/ {print $2}')
  [ "$pages" = 1 ] || { echo "the plan has $pages pages" >&2; exit 1; }
  plan_result="one page ($(pdfinfo "$work/plan.pdf" | awk -F': +' '/^Page size:/ {print $2}'))"
  echo "ok: $plan_result"
else
  plan_result="no plan command in this build"
  echo "skipped: $plan_result"
fi

step "frozen watch command: HTTPS to a loopback job board with a test CA"
"$py" scripts/package_https_check.py "$bundle/runnerup" "$work/https"
https_result="verified against a test CA via the system store; untrusted refused"

step "frozen sync command: CalDAV/CardDAV over TLS to a loopback Radicale with a test CA"
"$py" scripts/package_sync_check.py "$bundle/runnerup" "$work/sync"

step "the .deb in a scratch root (dpkg -x)"
scratch="$work/root"
dpkg-deb -x "$deb" "$scratch"
[ "$(readlink "$scratch/usr/bin/runnerup")" = /opt/runnerup/runnerup ] || { echo "bad /usr/bin/runnerup" >&2; exit 1; }
[ -x "$scratch/opt/runnerup/runnerup" ]
for size in 16 24 32 48 64 128 256 512; do
  [ -f "$scratch/usr/share/icons/hicolor/${size}x${size}/apps/$app_id.png" ] || { echo "no ${size}px icon" >&2; exit 1; }
done
[ -f "$scratch/usr/share/icons/hicolor/scalable/apps/$app_id.svg" ]
RUNNERUP_HOME="$work/home-deb" QT_QPA_PLATFORM=offscreen "$scratch/opt/runnerup/runnerup" --exit-after-startup
echo "ok: installs /opt/runnerup, /usr/bin/runnerup -> /opt/runnerup/runnerup, menu entry, icons; starts"

step "dpkg install, then purge, in a scratch root: the tree is as before"
if [ "$(id -u)" = 0 ]; then
  # A root with /opt as base-files makes it, and an empty dpkg database. The maintainer
  # scripts run outside a chroot, told the root by DPKG_ROOT.
  inst="$work/inst"
  mkdir -p "$inst/opt" "$inst/var/lib/dpkg/info" "$inst/var/lib/dpkg/updates"
  : > "$inst/var/lib/dpkg/status"
  snapshot() { (cd "$inst" && find . -path ./var/lib/dpkg -prune -o -printf '%M %p\n' | sort); }
  snapshot > "$work/tree-before.txt"
  # (--force-depends: the scratch database has none of the Depends; its complaints go to a file.)
  dpkg_scratch() {
    dpkg --root="$inst" --log=/dev/null --force-script-chrootless --force-depends "$@" \
      > "$work/dpkg.txt" 2>&1 || { cat "$work/dpkg.txt" >&2; return 1; }
  }
  dpkg_scratch --install "$deb"
  [ -x "$inst/opt/runnerup/runnerup" ] || { echo "dpkg --install put nothing in /opt/runnerup" >&2; exit 1; }
  dpkg_scratch --purge runnerup
  snapshot > "$work/tree-after.txt"
  diff -u "$work/tree-before.txt" "$work/tree-after.txt" >&2 \
    || { echo "installing and purging the .deb changed the tree above" >&2; exit 1; }
  echo "ok: install then purge leaves the tree as it was (/opt included)"
else
  echo "skipped: dpkg --root needs root here"
fi

step "system libraries the bundle loads, against Depends"
internal="$scratch/opt/runnerup/_internal"
find "$scratch/opt/runnerup" -type f \( -name '*.so' -o -name '*.so.*' -o -name runnerup \) -print0 \
  | xargs -0 env LD_LIBRARY_PATH="$internal" ldd 2>/dev/null > "$work/ldd.txt" || true
if grep -q 'not found' "$work/ldd.txt"; then
  echo "libraries nothing provides:" >&2; grep 'not found' "$work/ldd.txt" | sort -u >&2; exit 1
fi
# Only what the bundle's own files link directly (DT_NEEDED): the rest comes with those
# packages' own Depends.
find "$scratch/opt/runnerup" -type f \( -name '*.so' -o -name '*.so.*' -o -name runnerup \) \
  -exec objdump -p {} + | awk '$1 == "NEEDED" {print $2}' | sort -u > "$work/needed.txt"
find "$scratch/opt/runnerup" -name '*.so*' -printf '%f\n' | sort -u > "$work/bundled.txt"
comm -23 "$work/needed.txt" "$work/bundled.txt" | while read -r name; do
  awk -v n="$name" '$1 == n && $2 == "=>" {print $3; exit}' "$work/ldd.txt"
done > "$work/libs.txt"
# installers/linux/debmeta.py reads dpkg -S (diversion lines too) and lets a package count
# through the names it provides (Debian 13's libglib2.0-0t64 provides libglib2.0-0).
missing=$("$py" installers/linux/debmeta.py missing-depends "$(dpkg-deb -f "$deb" Depends)" \
  $(cat "$work/libs.txt") | tr '\n' ' ')
[ -z "$missing" ] || { echo "add to Depends in installers/linux/build-deb.sh: $missing" >&2; exit 1; }
echo "ok: $(wc -l < "$work/libs.txt") system libraries, all from packages in Depends"

step "a real X11 desktop: window icon, tray, notifications"
"$py" installers/linux/desktop_check.py "$scratch/opt/runnerup/runnerup"

step "desktop-file-validate, appstreamcli validate"
desktop-file-validate "$scratch/usr/share/applications/$app_id.desktop"
appstreamcli validate --no-net "$scratch/usr/share/metainfo/$app_id.metainfo.xml"

step "lintian"
# Errors fail the test. Errors, warnings and pedantic notes are printed in full; the infos
# and the overridden tags (installers/linux/lintian-overrides says why) as counts per tag.
# (--show-overrides would make overridden errors fail it too: read the E: lines instead.)
lintian --display-info --pedantic --show-overrides --fail-on none "$deb" > "$work/lintian.txt" 2>&1
grep -q '^E:' "$work/lintian.txt" && lintian_ok=no || lintian_ok=yes
# An override that matches nothing means its path was not this build's (debmeta.py).
if grep -E 'unused-override|mismatched-override' "$work/lintian.txt" >&2; then
  echo "lintian overrides that match nothing (installers/linux/debmeta.py)" >&2; exit 1
fi
grep -v 'root privileges' "$work/lintian.txt" | grep -E '^[EWPX]:' || true
awk '/^[IO]:/ {print $1, $3}' "$work/lintian.txt" | sort | uniq -c | sort -rn
lintian_summary=$(awk '/^[EWIPOX]:/ {print $1, $3}' "$work/lintian.txt" | sort | uniq -c | sort -rn \
  | awk '{printf "%s%s %s x%s", sep, $2, $3, $1; sep="; "}')
[ "$lintian_ok" = yes ] || { echo "lintian found errors:" >&2; grep '^E:' "$work/lintian.txt" >&2; exit 1; }

mkdir -p dist
{
  echo "RunnerUp $version, $(date -u +%Y-%m-%d), $(nproc) cores"
  [ -n "${build_seconds:-}" ] && echo "build (make package): ${build_seconds} s"
  echo "bundle: $(du -sh "$bundle" | cut -f1) ($bundle)"
  echo "deb: $(du -h "$deb" | cut -f1) ($(stat -c %s "$deb") bytes, $deb)"
  echo "start-up: $startup"
  echo "plan: $plan_result"
  echo "watch over HTTPS: $https_result"
  echo "lintian: ${lintian_summary:-clean}"
} > "$report"
step "report ($report)"
cat "$report"
echo "package-test: $((steps - 1)) passed, 0 failed"  # every check step passed (set -e)
