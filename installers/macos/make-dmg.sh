#!/usr/bin/env bash
# Packs dist/RunnerUp.app (from packaging.spec) into dist/RunnerUp-<version>.dmg, on macOS:
#
#   python3 -m venv .venv && .venv/bin/pip install -e '.[dev]' pillow
#   .venv/bin/pyinstaller --noconfirm packaging.spec
#   installers/macos/make-dmg.sh
#
# The version is the app's own (CFBundleShortVersionString, which packaging.spec fills from
# runnerup_desktop.__version__). With CODESIGN_IDENTITY set ("Developer ID Application: ...")
# the app is signed with the hardened runtime first; notarize the .dmg afterwards with
# `xcrun notarytool submit --wait` and `xcrun stapler staple` (README.md, "Installers").
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
app="$root/dist/RunnerUp.app"
[ -d "$app" ] || { echo "make-dmg.sh: build $app first (pyinstaller packaging.spec)" >&2; exit 1; }
version=$(/usr/libexec/PlistBuddy -c 'Print :CFBundleShortVersionString' "$app/Contents/Info.plist")
dmg="$root/dist/RunnerUp-$version.dmg"

if [ -n "${CODESIGN_IDENTITY:-}" ]; then
  codesign --force --deep --options runtime --timestamp --sign "$CODESIGN_IDENTITY" "$app"
  codesign --verify --strict --verbose=2 "$app"
fi

# The disk image shows the app beside a link to /Applications: drag one onto the other.
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
cp -R "$app" "$stage/"
ln -s /Applications "$stage/Applications"
hdiutil create -volname "RunnerUp $version" -srcfolder "$stage" -fs HFS+ -format UDZO -ov "$dmg"
echo "$dmg"
