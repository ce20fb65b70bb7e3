"""Every colour pair the app sets reads at 4.5:1 or better (WCAG AA), in the dark palette
and the light one, computed here from the colours themselves: the app's own colours
(ui/common/colors.py) on their backgrounds and on the palette's, and the palettes RunnerUp
builds. Then the agenda, under the dark palette, as it paints: its section headers are no
longer white on light grey."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from runnerup_desktop.ui.common.colors import BADGE, INKS, TONES, ink, is_dark, tone
from runnerup_desktop.ui.followups.followup_table import FollowUpTableModel, Section
from runnerup_desktop.ui.shell.appearance import dark_palette, light_palette

AA = 4.5
Role = QPalette.ColorRole
#: The palette's text pairs RunnerUp relies on: (text, background).
PALETTE_PAIRS = (
    (Role.WindowText, Role.Window),
    (Role.Text, Role.Base),
    (Role.Text, Role.AlternateBase),
    (Role.ButtonText, Role.Button),
    (Role.HighlightedText, Role.Highlight),
    (Role.PlaceholderText, Role.Base),
    (Role.ToolTipText, Role.ToolTipBase),
    (Role.Link, Role.Base),
)


def luminance(color: QColor) -> float:
    """WCAG 2's relative luminance."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(color.red())
        + 0.7152 * channel(color.green())
        + 0.0722 * channel(color.blue())
    )


def contrast(a: QColor | str, b: QColor | str) -> float:
    la, lb = sorted((luminance(QColor(a)), luminance(QColor(b))), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_the_formula_matches_wcags_own_figures() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert contrast("#ffffff", "#cacaca") < 2  # the old agenda header: white on grey


@pytest.mark.parametrize("dark", [True, False], ids=["dark", "light"])
def test_every_app_colour_pair_reads_at_aa(dark: bool) -> None:
    palette = dark_palette() if dark else light_palette()
    found: list[str] = []

    def check(what: str, text: QColor | str, background: QColor | str) -> None:
        ratio = contrast(text, background)
        if ratio < AA:
            found.append(
                f"{what}: {QColor(text).name()} on {QColor(background).name()} {ratio:.2f}"
            )

    for name in TONES:
        box = tone(name, dark)
        check(f"tone {name}", box.text, box.background)
    for name in INKS:
        for role in (Role.Base, Role.Window, Role.AlternateBase):
            check(f"ink {name} on {role.name}", ink(name, dark), palette.color(role))
    for text_role, background_role in PALETTE_PAIRS:
        check(
            f"palette {text_role.name} on {background_role.name}",
            palette.color(text_role),
            palette.color(background_role),
        )
    check("tray badge", BADGE[1], BADGE[0])
    assert found == []


@pytest.fixture
def dark_app() -> Iterator[QApplication]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    style, palette = app.style().name(), app.palette()
    app.setStyle("fusion")
    app.setPalette(dark_palette())
    yield app
    app.setStyle(style)
    app.setPalette(palette)


def test_the_agenda_under_the_dark_palette(qtbot: QtBot, dark_app: QApplication) -> None:
    assert is_dark()
    model = FollowUpTableModel(lambda: dt.date(2026, 3, 9))
    model.set_rows([Section("overdue", "Overdue (2)"), Section("today-empty", "Nothing.", True)])
    base = dark_app.palette().color(Role.Base)

    def color(row: int, role: Qt.ItemDataRole, default: QColor) -> QColor:
        value = model.data(model.index(row, 0), role)
        return value.color() if isinstance(value, QBrush) else default

    header_text = color(0, Qt.ItemDataRole.ForegroundRole, dark_app.palette().color(Role.Text))
    header_back = color(0, Qt.ItemDataRole.BackgroundRole, base)
    assert contrast(header_text, header_back) >= AA
    assert header_back.lightness() < 128  # a dark band, not the old light grey
    empty_text = color(1, Qt.ItemDataRole.ForegroundRole, dark_app.palette().color(Role.Text))
    assert contrast(empty_text, base) >= AA
