"""What the frozen program runs: the same `main` as the `runnerup` command of a pip install.

PyInstaller needs a script, not a package's ``__main__``; this one only hands over. The Linux
bundle carries Qt's xcb platform and not Wayland's (packaging.spec), so on a Wayland
session with XWayland it says xcb up front instead of letting Qt look for Wayland first.
"""

import os
import sys

from runnerup_desktop.cli.main import main

if __name__ == "__main__":
    if sys.platform.startswith("linux") and os.environ.get("DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "xcb")
    sys.exit(main())
