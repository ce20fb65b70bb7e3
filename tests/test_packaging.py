"""The installer files agree with the package, without building anything (fast).

The build itself, the .deb and the frozen program are smoke-tested by
scripts/package-test.sh (make package-test, the end of make test).
"""

from __future__ import annotations

import configparser
import plistlib
import shutil
import struct
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from runnerup_desktop import APP_ID, APP_NAME, __version__
from runnerup_desktop.system import autostart

ROOT = Path(__file__).resolve().parent.parent
RESOURCES = ROOT / "runnerup_desktop" / "resources"
DESKTOP = RESOURCES / f"{APP_ID}.desktop"
METAINFO = RESOURCES / f"{APP_ID}.metainfo.xml"


def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


def test_desktop_entry_names_the_command_the_icon_and_the_window_class() -> None:
    entry = desktop_entry()
    assert entry["Exec"] == "runnerup"
    assert entry["Icon"] == APP_ID
    assert entry["Name"] == APP_NAME
    # Qt's X11 window class is ("runnerup", APP_NAME): the menu entry matches its windows.
    assert entry["StartupWMClass"] == APP_NAME


def test_metainfo_describes_this_version() -> None:
    component = ET.parse(METAINFO).getroot()
    assert component.findtext("id") == APP_ID
    assert component.findtext("launchable") == DESKTOP.name
    releases = component.findall("releases/release")
    assert releases, "the metainfo lists no release"
    newest = releases[0].get("version")
    assert newest == __version__, (
        f"add a <release version={__version__!r}> (with its notes) at the top of {METAINFO.name}"
    )


def test_metainfo_uses_what_appstream_1_asks_for() -> None:
    """AppStream 1.0 (Debian 13's appstreamcli) rejects <developer_name> and wants a homepage;
    the <developer> element that replaces it is only an unknown tag to Debian 12's 0.16."""
    component = ET.parse(METAINFO).getroot()
    assert component.find("developer_name") is None
    assert component.findtext("developer/name")
    assert component.findtext("url[@type='homepage']", "").startswith("https://")


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="desktop-file-utils")
def test_desktop_file_validates() -> None:
    done = subprocess.run(
        ["desktop-file-validate", str(DESKTOP)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout


@pytest.mark.skipif(shutil.which("appstreamcli") is None, reason="appstream")
def test_metainfo_validates() -> None:
    done = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(METAINFO)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_every_icon_size_is_what_its_name_says() -> None:
    pngs = sorted((RESOURCES / "icons").glob("runnerup-*.png"))
    assert {p.stem.removeprefix("runnerup-") for p in pngs} >= {"16", "32", "48", "128", "256"}
    for png in pngs:
        width, height = struct.unpack(">II", png.read_bytes()[16:24])
        size = int(png.stem.removeprefix("runnerup-"))
        assert (width, height) == (size, size), png.name


def test_macos_info_plist_template_fills_to_a_plist() -> None:
    template = (ROOT / "installers" / "macos" / "Info.plist").read_text(encoding="utf-8")
    for key, value in (
        ("@VERSION@", __version__),
        ("@APP_ID@", APP_ID),
        ("@APP_NAME@", APP_NAME),
        ("@MACOS_MIN@", "13.0"),
    ):
        template = template.replace(key, value)
    assert "@" not in template.replace("&#64;", "")
    info = plistlib.loads(template.encode("utf-8"))
    assert info["CFBundleIdentifier"] == APP_ID
    assert info["CFBundleShortVersionString"] == __version__
    assert info["LSUIElement"] is False


def test_windows_installer_writes_the_apps_own_start_at_login_entry() -> None:
    from runnerup_desktop.ui.common.settings import START_AT_LOGIN

    script = (ROOT / "installers" / "windows" / "runnerup.iss").read_text(encoding="utf-8")
    assert "AppVersion={#AppVersion}" in script
    assert __version__ not in script  # read back from runnerup.exe, never written here
    assert f'#define AppName "{APP_NAME}"' in script
    # The Run value the app's own preference writes, and the preference saying so.
    assert f'Subkey: "{autostart.RUN_KEY}"' in script
    assert f'ValueData: """{{app}}\\{{#AppExe}}"" {autostart.BACKGROUND}"' in script
    section, key = START_AT_LOGIN.key.split("/")
    assert f'Section: "{section}"; Key: "{key}"; String: "true"' in script
