#!/usr/bin/env bash
# Packs the PyInstaller bundle into a Debian package:
#
#   installers/linux/build-deb.sh [BUNDLE] [OUT_DIR]     (make package runs it)
#
# BUNDLE is dist/runnerup/ from packaging.spec, OUT_DIR dist/. Writes
# OUT_DIR/runnerup_<version>_<arch>.deb, which installs:
#   /opt/runnerup/                     the bundle (a self-contained add-on: /opt, as the FHS says)
#   /usr/bin/runnerup                  a symbolic link to /opt/runnerup/runnerup
#   /usr/share/applications/           the menu entry
#   /usr/share/icons/hicolor/          the icons, every size and the SVG
#   /usr/share/metainfo/               the AppStream data for software centres
#   /usr/share/man/man1/runnerup.1.gz  the manual page
#   /usr/share/doc/runnerup/           copyright and changelog.gz (from the metainfo's releases)
# The menu entry, the metainfo and the icons are the package's own copies
# (runnerup_desktop/resources/, which the app reads too).
# The version is the bundle's own (runnerup --version, i.e. runnerup_desktop.__version__).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
resources=$root/runnerup_desktop/resources
bundle=$(cd "${1:-$root/dist/runnerup}" && pwd)
out=$(mkdir -p "${2:-$root/dist}" && cd "${2:-$root/dist}" && pwd)
app_id=org.runnerup.RunnerUp
maintainer="RunnerUp developers <dev@runnerup.org>"

# Debian's libraries the bundle links to (PyInstaller copies Python, PySide6 and Qt, not
# these): scripts/package-test.sh checks with ldd that every library the bundle loads from
# the system belongs to one of them. fonts-dejavu-core: Qt draws no text without a font;
# ca-certificates: mail checks the SMTP server's certificate against them. libexpat1: Debian's
# python3 links pyexpat to the system's expat (a pyenv Python carries its own copy).
# Debian 13's 64-bit-time libraries (libglib2.0-0t64, libssl3t64...) provide these names.
depends="libc6 (>= 2.35), libgcc-s1, libstdc++6 (>= 11), zlib1g, libbz2-1.0, liblzma5,
 libzstd1, libffi8, libsqlite3-0, libssl3, libuuid1, libbrotli1, libgssapi-krb5-2, libexpat1,
 libglib2.0-0, libdbus-1-3, libfontconfig1, libfreetype6, libgl1, libegl1, libx11-6,
 libx11-xcb1, libxcb1, libxcb-cursor0, libxcb-glx0, libxcb-icccm4, libxcb-image0,
 libxcb-keysyms1, libxcb-randr0, libxcb-render0, libxcb-render-util0, libxcb-shape0,
 libxcb-shm0, libxcb-sync1, libxcb-util1, libxcb-xfixes0, libxcb-xkb1, libxkbcommon0,
 libxkbcommon-x11-0, libcups2, fonts-dejavu-core, ca-certificates"
# A Secret Service to keep the mail password in (keyring), xdg-open for links, and a
# colour emoji font: people write emoji in names and notes, and DejaVu has few of them.
recommends="gnome-keyring | libkf5wallet-bin | keepassxc, xdg-utils, fonts-noto-color-emoji"

depends=$(echo $depends)  # one line: a binary package's fields are not folded
version=$("$bundle/runnerup" --version | awk '{print $2}')
[ -n "$version" ] || { echo "build-deb.sh: $bundle/runnerup --version printed nothing" >&2; exit 1; }
arch=$(dpkg --print-architecture)
deb="$out/runnerup_${version}_${arch}.deb"
# Reproducible: every file dated from the last commit (or SOURCE_DATE_EPOCH), not the build.
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git -C "$root" log -1 --format=%ct 2>/dev/null || date +%s)}

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
pkg="$stage/pkg"
doc="$pkg/usr/share/doc/runnerup"
install -d "$pkg/DEBIAN" "$pkg/opt" "$pkg/usr/bin" "$pkg/usr/share/applications" \
  "$pkg/usr/share/metainfo" "$pkg/usr/share/man/man1" "$doc" "$pkg/usr/share/lintian/overrides"

cp -a "$bundle" "$pkg/opt/runnerup"
ln -s /opt/runnerup/runnerup "$pkg/usr/bin/runnerup"
install -m 0644 "$resources/$app_id.desktop" "$pkg/usr/share/applications/"
install -m 0644 "$resources/$app_id.metainfo.xml" "$pkg/usr/share/metainfo/"
for png in "$resources"/icons/runnerup-*.png; do
  size=$(basename "$png" .png); size=${size#runnerup-}
  install -D -m 0644 "$png" "$pkg/usr/share/icons/hicolor/${size}x${size}/apps/$app_id.png"
done
install -D -m 0644 "$resources/icons/runnerup.svg" \
  "$pkg/usr/share/icons/hicolor/scalable/apps/$app_id.svg"
install -m 0644 "$here/copyright" "$doc/copyright"
python3 "$here/debmeta.py" overrides "$bundle" > "$pkg/usr/share/lintian/overrides/runnerup"

day=$(date -u -d "@$SOURCE_DATE_EPOCH" +%Y-%m-%d)
sed -e "s/@VERSION@/$version/g" -e "s/@DATE@/$day/g" "$here/runnerup.1" \
  | gzip -9n > "$pkg/usr/share/man/man1/runnerup.1.gz"

# The Debian changelog, one entry per <release> of the metainfo, newest first.
python3 - "$resources/$app_id.metainfo.xml" "$maintainer" "$version" > "$stage/changelog" <<'EOF'
import datetime as dt
import sys
import textwrap
import xml.etree.ElementTree as ET

metainfo, maintainer, version = sys.argv[1:]
releases = ET.parse(metainfo).getroot().findall("releases/release")
if not releases or releases[0].get("version") != version:
    sys.exit(f"build-deb.sh: the newest <release> in {metainfo} must be {version}")
for release in releases:
    when = dt.datetime.fromisoformat(release.get("date")).replace(tzinfo=dt.timezone.utc)
    items = [" ".join("".join(p.itertext()).split()) for p in release.iter() if p.tag in ("p", "li")]
    print(f"runnerup ({release.get('version')}) unstable; urgency=medium\n")
    for item in items or ["New release."]:
        print(textwrap.fill(item, 78, initial_indent="  * ", subsequent_indent="    "))
    print(f"\n -- {maintainer}  {when.strftime('%a, %d %b %Y %H:%M:%S +0000')}\n")
EOF
gzip -9n < "$stage/changelog" > "$doc/changelog.gz"

# Modes as Debian wants them: directories and programs 0755, everything else 0644
# (shared libraries included: the loader needs to read them, not to run them).
find "$pkg" -type d -exec chmod 0755 {} +
find "$pkg" -type f -exec chmod 0644 {} +
chmod 0755 "$pkg/opt/runnerup/runnerup"

installed_size=$(du -sk --exclude=DEBIAN "$pkg" | cut -f1)
cat > "$pkg/DEBIAN/control" <<EOF
Package: runnerup
Version: $version
Architecture: $arch
Maintainer: $maintainer
Installed-Size: $installed_size
Depends: $depends
Recommends: $recommends
Section: misc
Priority: optional
Description: keep the door open after coming in second in a hiring process
 You reached the last round, the offer went to someone else, and you still
 want to work there. RunnerUp tracks the companies and the people you met,
 turns the news into a dated follow-up plan, reminds you from the tray when a
 touch is due, warns before one that would come too soon, and prints a
 one-page plan for the next interview.
 .
 This package installs a self-contained build with its own Python and Qt in
 /opt/runnerup; your data stays in your home folder.
EOF
# Removing the package removes only what it installed. /opt is no package's (base-files'
# postinst makes it), so dpkg counts it as this package's and deletes it with /opt/runnerup
# when nothing else is there: put it back as base-files makes it. DPKG_ROOT: the root dpkg
# installs into (scripts/package-test.sh installs and purges the package in a scratch root).
cat > "$pkg/DEBIAN/postrm" <<'EOF'
#!/bin/sh
set -e
case "$1" in
  remove | purge | abort-install | disappear)
    [ -d "$DPKG_ROOT/opt" ] || install -d -m 0755 "$DPKG_ROOT/opt"
    ;;
esac
EOF
chmod 0755 "$pkg/DEBIAN/postrm"
(cd "$pkg" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | sort -z \
  | xargs -0 md5sum > DEBIAN/md5sums)
chmod 0644 "$pkg/DEBIAN/control" "$pkg/DEBIAN/md5sums"
find "$pkg" -newermt "@$SOURCE_DATE_EPOCH" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +

# zstd -9: 45 MB in about 5 s here; -19 saves 5 MB more but takes minutes on two cores.
dpkg-deb --root-owner-group -Zzstd -z9 --build "$pkg" "$deb" >/dev/null
echo "$deb"
