"""A wheel (what `pip install .` and pipx install) carries the icons, the desktop entry and
the metainfo, and the RunnerUp installed from it has its window and tray icon.

Built with `pip wheel .` and installed into a new venv; the check runs there, away from the
source tree, so it sees only what the wheel installed. The new venv borrows the test venv's
PySide6 and other dependencies (a .pth file) instead of downloading them again.
"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

from runnerup_desktop import APP_ID

ROOT = Path(__file__).resolve().parent.parent

CHECK = """
import sys
from pathlib import Path
from PySide6.QtWidgets import QApplication, QSystemTrayIcon
import runnerup_desktop
from runnerup_desktop.ui.shell.startup import app_icon, icon_file
from runnerup_desktop.system import resources

where = Path(runnerup_desktop.__file__).resolve()
assert where.is_relative_to(Path(sys.prefix).resolve()), f"imported from {where}"
app = QApplication(sys.argv[:1])
app.setWindowIcon(app_icon())
tray = QSystemTrayIcon(app.windowIcon())
assert not app.windowIcon().isNull(), "no window icon"
assert not tray.icon().isNull(), "no tray icon"
assert icon_file() is not None and icon_file().is_relative_to(where.parent), icon_file()
assert resources.desktop_entry().is_file() and resources.metainfo().is_file()
assert resources.icon_svg().is_file(), "no SVG icon"
# Drawn from the SVG: whole at any size asked, the largest a desktop shows included.
print(",".join(str(app.windowIcon().pixmap(size).width()) for size in (16, 48, 256)))
"""


@pytest.mark.slow
def test_the_installed_wheel_has_its_icons(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", tmp_path, ROOT],
        check=True,
        cwd=tmp_path,
    )
    (wheel,) = tmp_path.glob("runnerup_desktop-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "runnerup_desktop/resources/icons/runnerup-256.png" in names
    assert "runnerup_desktop/resources/icons/runnerup.svg" in names
    assert f"runnerup_desktop/resources/{APP_ID}.desktop" in names
    assert not [name for name in names if "__pycache__" in name]

    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=False)
    python = env_dir / "bin" / "python"
    site = Path(
        subprocess.run(
            [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    )
    # The dependencies from the test venv; a folder named in a .pth file does not run its
    # own .pth files, so the editable install of the source tree stays out.
    (site / "borrowed.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", python, "install", "--quiet", "--no-deps", wheel],
        check=True,
        cwd=tmp_path,
    )
    done = subprocess.run(
        [python, "-c", CHECK],
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split()[-1] == "16,48,256"  # the window icon, whole at each size
