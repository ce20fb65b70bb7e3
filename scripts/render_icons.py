"""Render runnerup_desktop/resources/icons/runnerup.svg to the PNG sizes the app and the
installers use."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def main() -> int:
    icons = Path(__file__).resolve().parent.parent / "runnerup_desktop" / "resources" / "icons"
    _app = QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(icons / "runnerup.svg"))
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        image.save(str(icons / f"runnerup-{size}.png"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
