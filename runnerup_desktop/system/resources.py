"""The data files shipped inside the package, in ``runnerup_desktop/resources/``: the icons,
the desktop entry and the AppStream metainfo, one copy for every way RunnerUp is installed.

They are read through :mod:`importlib.resources`, so they are found wherever the package is:
a source checkout, a wheel installed by pip or pipx, or the PyInstaller bundle (which
collects the folder as data, ``packaging.spec``). The Linux installers copy the same files to
the places the desktop looks for them (``installers/linux/build-deb.sh``).
"""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from runnerup_desktop import APP_ID

PACKAGE = "runnerup_desktop"
# The PNG sizes scripts/render_icons.py makes from runnerup.svg.
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
# The sizes the window and tray icon is made of (Qt picks the nearest).
WINDOW_ICON_SIZES = (16, 32, 48, 64, 128, 256)


def folder() -> Traversable:
    """``runnerup_desktop/resources/``, wherever the package is installed."""
    return resources.files(PACKAGE) / "resources"


def icon_png(size: int) -> Traversable:
    return folder() / "icons" / f"runnerup-{size}.png"


def icon_svg() -> Traversable:
    return folder() / "icons" / "runnerup.svg"


def desktop_entry() -> Traversable:
    return folder() / f"{APP_ID}.desktop"


def metainfo() -> Traversable:
    return folder() / f"{APP_ID}.metainfo.xml"


def icon_file(size: int = 64) -> Path | None:
    """The PNG as a file on disk, for programs that want a path (desktop notifications);
    None if the package is not installed as files (a zip) or the icon is missing."""
    png = icon_png(size)
    return png if isinstance(png, Path) and png.is_file() else None


def icon_bytes(size: int) -> bytes | None:
    """The PNG's contents, from any kind of installation; None if it is missing."""
    png = icon_png(size)
    return png.read_bytes() if png.is_file() else None
