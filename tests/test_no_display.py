"""Without a display, the window says why on stderr instead of Qt's bare abort."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11/Wayland")
def test_no_display_says_why_on_stderr(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")} | {
        "QT_QPA_PLATFORM": "xcb",
        "RUNNERUP_HOME": str(tmp_path / "home"),
    }
    done = subprocess.run(
        [sys.executable, "-m", "runnerup_desktop", "--demo"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1, (done.returncode, done.stderr)
    assert done.stderr.startswith("runnerup: cannot open a window: "), done.stderr
    assert "no display" in done.stderr
    assert "QT_QPA_PLATFORM=offscreen" in done.stderr
