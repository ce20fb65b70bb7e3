"""Every colour RunnerUp sets, in one place, for a light and for a dark palette.

Qt's palette gives the window, the text and the selection; the app adds its own colours on
top (the agenda's section headers, the calendar's marks, notices and banners, the styles of
a contact's history, validation text). Each is named here once, with a light and a dark
value, and read through :func:`tone` or :func:`ink`, which pick by the application's
palette at the moment they are asked. A widget that keeps a colour (a style sheet, a
palette of its own) re-applies it when the application's palette changes
(:func:`follow_palette`), so switching to dark mode repaints everything at once.

Every pair a person reads (a text on its background) is at least 4.5:1 (WCAG AA) in both
sets; tests/ui/common/test_colors.py computes it for each.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QWidget


@dataclass(frozen=True)
class Tone:
    """A box or a mark: its background, its border and its text."""

    background: str
    border: str
    text: str


#: Boxes and marks, by name: (light, dark).
TONES: dict[str, tuple[Tone, Tone]] = {
    # A notice: the reminder banner, a likely duplicate, the keyring note, a cadence warning.
    "notice": (Tone("#fff4ce", "#d9b44a", "#3d2c00"), Tone("#3d3212", "#8a7330", "#fbe7a6")),
    # Context to read first (why companies come back).
    "info": (Tone("#e8f0fe", "#aecbfa", "#174ea6"), Tone("#1c2b45", "#3b5a8c", "#c6dafc")),
    # The styles of a contact's recent history.
    "stalking": (Tone("#fde4e1", "#c0392b", "#5c0f0a"), Tone("#4a1d19", "#a8423a", "#ffd7d2")),
    "value": (Tone("#e2f3e6", "#3f8f55", "#0f3a1c"), Tone("#183824", "#3f8f55", "#c9f0d4")),
    "quiet": (Tone("#eef0f2", "#b8bec5", "#2b2f33"), Tone("#33383d", "#5c636b", "#e3e6e9")),
    # The calendar's marks: a day with follow-ups planned, a day with overdue ones.
    "planned_day": (Tone("#d4e4fc", "", "#0b2e6b"), Tone("#1f3b66", "", "#e0ebff")),
    "overdue_day": (Tone("#ffd8a8", "", "#6b2f00"), Tone("#5c3300", "", "#ffe2c2")),
    # The agenda's section headers ("Overdue (2)").
    "section": (Tone("#e3e7ec", "", "#1f2328"), Tone("#3a4149", "", "#f0f2f4")),
}

#: Text on the window's or a table's background, by name: (light, dark).
INKS: dict[str, tuple[str, str]] = {
    "error": ("#b3261e", "#ff8a80"),
    "warning": ("#8a5300", "#f2b660"),
    "note": ("#5f6368", "#b4b9bf"),
    "overdue": ("#b3261e", "#ff8a80"),
    # A step left out of the plan, a done or skipped follow-up.
    "muted": ("#5c6166", "#a3a9b0"),
    # Weekends on the calendar (Qt's own red is unreadable on a dark table).
    "weekend": ("#b3261e", "#ff8a80"),
}

#: The tray's badge: white on red, whatever the palette.
BADGE = ("#c62828", "#ffffff")


def is_dark(palette: QPalette | None = None) -> bool:
    """Whether ``palette`` (by default the application's) is a dark one."""
    palette = palette or QGuiApplication.palette()
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def tone(name: str, dark: bool | None = None) -> Tone:
    """The box or mark ``name`` for the current palette (or for ``dark`` as given)."""
    light_tone, dark_tone = TONES[name]
    return dark_tone if (is_dark() if dark is None else dark) else light_tone


def ink(name: str, dark: bool | None = None) -> QColor:
    """The text colour ``name`` for the current palette (or for ``dark`` as given)."""
    light_ink, dark_ink = INKS[name]
    return QColor(dark_ink if (is_dark() if dark is None else dark) else light_ink)


def box_style(object_name: str, name: str, padding: str = "") -> str:
    """A style sheet for a framed box (a ``QFrame`` or a label) named ``object_name``."""
    found = tone(name)
    pad = f" padding: {padding};" if padding else ""
    return (
        f"#{object_name} {{ background: {found.background}; color: {found.text};"
        f" border: 1px solid {found.border}; border-radius: 4px;{pad} }}"
        f" #{object_name} QLabel {{ color: {found.text}; background: transparent; }}"
    )


class _PaletteWatch(QObject):
    """Re-applies one widget's colours; lives (and goes) with the widget."""

    def __init__(self, widget: QWidget, apply: Callable[[], None]) -> None:
        super().__init__(widget)
        self.apply = apply
        apply()


class _Watchers(QObject):
    """Every palette watch, told once when the application's palette turns dark or
    light. A new application palette reaches the application object (and each window) as
    ``ApplicationPaletteChange``; widgets with a style sheet of their own hear nothing, so
    this one filter on the application tells them all."""

    def __init__(self, app: QCoreApplication) -> None:
        super().__init__(app)
        self._watches: list[weakref.ref[_PaletteWatch]] = []
        self._dark = is_dark()
        app.installEventFilter(self)

    def add(self, watch: _PaletteWatch) -> None:
        self._watches = [ref for ref in self._watches if _alive(ref)]
        self._watches.append(weakref.ref(watch))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ApplicationPaletteChange and watched is self.parent():
            dark = is_dark()
            if dark != self._dark:
                self._dark = dark
                for ref in list(self._watches):
                    watch = ref()
                    if watch is not None and shiboken6.isValid(watch):
                        watch.apply()
        return False


def _alive(ref: weakref.ref[_PaletteWatch]) -> bool:
    watch = ref()
    return watch is not None and shiboken6.isValid(watch)


_WATCHERS: list[_Watchers] = []


def _watchers() -> _Watchers:
    app = QCoreApplication.instance()
    assert app is not None, "colours follow the palette of a running application"
    if not _WATCHERS or not shiboken6.isValid(_WATCHERS[0]) or _WATCHERS[0].parent() is not app:
        _WATCHERS[:] = [_Watchers(app)]
    return _WATCHERS[0]


def follow_palette(widget: QWidget, apply: Callable[[], None]) -> None:
    """Run ``apply`` now and whenever the application's palette changes (dark mode on or
    off), for as long as ``widget`` lives."""
    _watchers().add(_PaletteWatch(widget, apply))


def tint_box(widget: QWidget, name: str, padding: str = "") -> None:
    """Give ``widget`` (which must have an object name) the box ``name``, kept in step
    with the palette."""
    object_name = widget.objectName()
    if not object_name:
        raise ValueError("tint_box needs a widget with an object name")
    follow_palette(widget, lambda: widget.setStyleSheet(box_style(object_name, name, padding)))


def tint_text(widget: QWidget, name: str) -> None:
    """Give ``widget``'s text the ink ``name``, kept in step with the palette."""

    def apply() -> None:
        palette = widget.palette()
        palette.setColor(QPalette.ColorRole.WindowText, ink(name))
        palette.setColor(QPalette.ColorRole.Text, ink(name))
        widget.setPalette(palette)

    follow_palette(widget, apply)


def html_color(name: str) -> str:
    """``ink(name)`` as ``#rrggbb``, for rich text."""
    return ink(name).name()
