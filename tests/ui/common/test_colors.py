"""Every colour pair the app sets reads at 4.5:1 or better (WCAG AA), in the dark palette
and the light one, computed here from the colours themselves: the app's own colours
(ui/common/colors.py) on their backgrounds and on the palette's, and the palettes RunnerUp
builds. Then the agenda, under the dark palette, as it paints: its section headers are no
longer white on light grey."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QBrush, QColor, QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from runnerup_desktop.store.database import Store
from runnerup_desktop.store.demo import seed_demo
from runnerup_desktop.ui.common.colors import BADGE, INKS, TONES, ink, is_dark, tone
from runnerup_desktop.ui.followups.followup_table import FollowUpTableModel, Section
from runnerup_desktop.ui.shell.appearance import dark_palette, light_palette
from runnerup_desktop.ui.shell.context import AppContext
from runnerup_desktop.ui.shell.main_window import MainWindow

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


def test_turning_dark_while_open_recolours_what_the_app_coloured(
    qtbot: QtBot, store: Store, tmp_path: Path
) -> None:
    """A window open in the light palette; the desktop turns dark: the banner, the
    calendar's weekends and marks follow at once."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    style, palette = app.style().name(), app.palette()
    seed_demo(store.sessions, dt.date(2026, 3, 9))
    settings = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
    window = MainWindow(AppContext.for_store(store, settings, today=lambda: dt.date(2026, 3, 9)))
    qtbot.addWidget(window)
    window.show()
    window.show_page(1)
    window.banner.show_note("A note")
    calendar = window.calendar.calendar
    saturday = Qt.DayOfWeek.Saturday
    try:
        assert calendar.weekdayTextFormat(saturday).foreground().color() == ink("weekend", False)
        assert tone("notice", False).background in window.banner.styleSheet()
        app.setStyle("fusion")
        app.setPalette(dark_palette())
        QApplication.processEvents()
        assert calendar.weekdayTextFormat(saturday).foreground().color() == ink("weekend", True)
        assert tone("notice", True).background in window.banner.styleSheet()
        marks = [f.background().color().name() for f in calendar.dateTextFormat().values()]
        assert marks and all(
            mark in (tone("planned_day", True).background, tone("overdue_day", True).background)
            for mark in marks
        )
    finally:
        app.setStyle(style)
        app.setPalette(palette)
