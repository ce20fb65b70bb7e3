"""Qt's own messages (warnings from widgets, plugins...) routed into the app's log.

A fatal one (no platform plugin could start: no display, or a library Qt's xcb plugin needs
is missing) also goes to stderr with what would help, and the program exits 1 instead of
Qt's bare abort.
"""

from __future__ import annotations

import logging
import os
import sys

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

qt_log = logging.getLogger("qt")
_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


# Debian's packages for Qt's xcb platform plugin (scripts/system-deps.sh installs them).
XCB_PACKAGES = "libxcb-cursor0 libxkbcommon-x11-0 libxcb-icccm4 libxcb-keysyms1 libegl1"


def fatal_advice(message: str, earlier: list[str], environ: dict[str, str]) -> str:
    """What to print on stderr when Qt gives up."""
    lines = ["runnerup: cannot open a window: " + message.strip().splitlines()[0]]
    lines += [f"  {line}" for line in earlier]
    if sys.platform.startswith("linux") and not (
        environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY")
    ):
        lines.append(
            "There is no display (DISPLAY and WAYLAND_DISPLAY are unset): start RunnerUp in a "
            "desktop session, or set QT_QPA_PLATFORM=offscreen to run it without a screen."
        )
    elif sys.platform.startswith("linux"):
        lines.append(
            "Qt could not use the display. On Debian and Ubuntu its xcb platform needs "
            f"{XCB_PACKAGES} (`make run` installs them); QT_QPA_PLATFORM=offscreen runs "
            "RunnerUp without a screen."
        )
    return "\n".join(lines) + "\n"


def route_qt_messages() -> None:
    platform_messages: list[str] = []

    def handler(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
        category = context.category or "qt"
        qt_log.log(_LEVELS.get(kind, logging.WARNING), "%s: %s", category, message)
        if category.startswith("qt.qpa") and kind != QtMsgType.QtDebugMsg:
            platform_messages.append(f"{category}: {message}")
        if kind == QtMsgType.QtFatalMsg:
            sys.stderr.write(fatal_advice(message, platform_messages, dict(os.environ)))
            sys.stderr.flush()
            logging.shutdown()
            os._exit(1)  # Qt would abort() right after this handler

    qInstallMessageHandler(handler)
