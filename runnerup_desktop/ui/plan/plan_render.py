"""The interview plan on exactly one printed page, with Qt's own printing (QtGui only).

:func:`render_plan` lays the plan out with a :class:`QTextDocument` on the very device it
paints on (a printer, a print preview or a :class:`QPdfWriter`), so what is measured is what
is printed: :func:`~runnerup_desktop.core.interview_plan.fit_plan` picks the font size and
the cuts, each candidate measured by how many pages the document takes (a line that would
cross the bottom edge moves to the next page, so one page means nothing is cut through). Long words
(links) wrap anywhere rather than run off the right edge.

:func:`plan_pdf` renders into memory for the headless ``runnerup plan`` command and tests.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QLocale, QMarginsF, QRectF, QSizeF
from PySide6.QtGui import (
    QFont,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
    QTextOption,
)

from runnerup_desktop.core.interview_plan import (
    Entry,
    Fit,
    Paper,
    PlanContent,
    PlanLayout,
    Section,
    fit_plan,
    paper_for_locale,
    plan_layout,
)
from runnerup_desktop.core.text import isolate

#: The sheet's fonts, first found wins; DejaVu Sans covers accented Latin, Greek,
#: Cyrillic, Hebrew and Arabic, and Qt falls back per glyph beyond these.
FONT_FAMILIES = ["DejaVu Sans", "Noto Sans", "Liberation Sans", "Segoe UI", "Arial"]
MARGIN_MM = 12.0
#: Pixels of rich text are 1/96 inch; the layout scales them to the device.
_PX_PER_PT = 96 / 72
_INK = "#1b1b1b"
_HEADING = "#1f3a5f"
_MUTED = "#555555"
_BAND = "#eaf0f7"


def default_paper() -> Paper:
    """Letter in the US, Canada and the other Letter countries; A4 elsewhere."""
    return paper_for_locale(QLocale().name())


def page_layout(paper: Paper) -> QPageLayout:
    size = QPageSize.PageSizeId.Letter if paper is Paper.LETTER else QPageSize.PageSizeId.A4
    margins = QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM)
    return QPageLayout(
        QPageSize(size), QPageLayout.Orientation.Portrait, margins, QPageLayout.Unit.Millimeter
    )


# --- the page as rich text ----------------------------------------------------------------
def _px(points: float) -> int:
    return round(points * _PX_PER_PT)


def plan_html(layout: PlanLayout, font_pt: float, shown: Sequence[int]) -> str:
    """The sheet at ``font_pt``, each section cut to ``shown[i]`` entries."""
    e = html.escape
    head = (
        f'<table width="100%" cellspacing="0" cellpadding="{_px(font_pt * 0.6)}" '
        f'bgcolor="{_BAND}"><tr><td>'
        f'<p style="font-size:{font_pt * 1.6:.2f}pt; font-weight:700; color:{_HEADING}; '
        f'margin:0px" dir="ltr">Interview plan · {e(isolate(layout.title))}</p>'
        f'<p style="font-size:{font_pt * 1.15:.2f}pt; font-weight:600; margin-top:0px; '
        f'margin-bottom:{_px(font_pt * 0.4)}px">{e(layout.role)}</p>'
        f'<p style="margin:0px"><b>When:</b> {e(layout.when)}</p>'
        f'<p style="margin:0px" dir="ltr"><b>Where:</b> {e(isolate(layout.where))}</p>'
        "</td></tr></table>"
    )
    body = "".join(
        _section(section, font_pt, count)
        for section, count in zip(layout.sections, shown, strict=True)
    )
    return f'<body style="color:{_INK}">{head}{body}</body>'


def _section(section: Section, font_pt: float, shown: int) -> str:
    e = html.escape
    parts = [
        f'<p style="font-size:{font_pt * 1.2:.2f}pt; font-weight:700; color:{_HEADING}; '
        f'margin-top:{_px(font_pt * 0.9)}px; margin-bottom:{_px(font_pt * 0.25)}px">'
        f"{e(section.heading)}</p>"
    ]
    indent = _px(font_pt * 0.8)
    if not section.entries and section.empty:
        parts.append(_line(f"<i>{e(section.empty)}</i>", indent, _MUTED))
    for entry in section.entries[:shown]:
        parts.append(_entry(entry, section.marker, font_pt, indent))
    more = section.more_line(shown)
    if more is not None:
        parts.append(_line(f"<i>{e(more)}</i>", indent, _MUTED))
    return "".join(parts)


def _entry(entry: Entry, marker: str, font_pt: float, indent: int) -> str:
    e = html.escape
    first = f"{e(marker)}&nbsp;" if marker else ""
    if entry.lead:
        first += f"<b>{e(isolate(entry.lead))}</b>"
    if entry.text:
        first += (" — " if entry.lead else "") + e(entry.text)
    # A line RunnerUp composes reads left to right whatever name it starts with; a line
    # that is the person's own text alone (a story, a question) keeps its direction.
    ltr = bool(entry.lead)
    lines = [_line(first, indent, _INK, top=_px(font_pt * 0.2), ltr=ltr)]
    small = f"font-size:{font_pt * 0.92:.2f}pt; "
    for detail in entry.details:
        lines.append(_line(e(detail), indent + _px(font_pt * 1.1), _MUTED, style=small, ltr=ltr))
    return "".join(lines)


def _line(
    inner: str, indent: int, color: str, *, top: int = 0, style: str = "", ltr: bool = True
) -> str:
    direction = ' dir="ltr"' if ltr else ""
    return (
        f'<p{direction} style="{style}margin-left:{indent}px; margin-top:{top}px; '
        f'margin-bottom:0px; color:{color}">{inner}</p>'
    )


# --- one page of a device ----------------------------------------------------------------
class PlanPage:
    """A plan laid out for one page of ``device`` (measured in the device's own pixels)."""

    def __init__(self, device: QPagedPaintDevice) -> None:
        self.device = device
        self.document = QTextDocument()
        self.document.documentLayout().setPaintDevice(device)
        self.document.setDocumentMargin(0)
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.document.setDefaultTextOption(option)
        self.size = QSizeF(device.width(), device.height())
        self.document.setPageSize(self.size)

    def set_plan(self, layout: PlanLayout, font_pt: float, shown: Sequence[int]) -> None:
        font = QFont()
        font.setFamilies(FONT_FAMILIES)
        font.setPointSizeF(font_pt)
        self.document.setDefaultFont(font)
        self.document.setHtml(plan_html(layout, font_pt, shown))

    def pages(self, layout: PlanLayout, font_pt: float, shown: Sequence[int]) -> int:
        """How many pages the plan takes like this (a line never straddles two)."""
        self.set_plan(layout, font_pt, shown)
        return self.document.pageCount()

    def fit(self, layout: PlanLayout) -> Fit:
        """The font size and cuts at which the plan fills at most this one page."""
        found = fit_plan(layout.totals, lambda size, shown: self.pages(layout, size, shown))
        self.set_plan(layout, found.font_pt, found.shown)
        return found

    def draw(self, painter: QPainter) -> None:
        self.document.drawContents(painter, QRectF(0, 0, self.size.width(), self.size.height()))


def render_plan(content: PlanContent, device: QPagedPaintDevice) -> Fit:
    """Paint the plan on one page of ``device`` (a printer, a preview, a PDF writer).

    Raises :class:`OSError` when the device cannot be painted on (a file not writable...).
    """
    page = PlanPage(device)
    found = page.fit(plan_layout(content))
    painter = QPainter()
    if not painter.begin(device):
        raise OSError("The printer or file could not be opened for printing.")
    try:
        page.draw(painter)
    finally:
        painter.end()
    return found


def plan_pdf(content: PlanContent, paper: Paper) -> tuple[bytes, Fit]:
    """The plan as the bytes of a one-page PDF, and how it was fitted."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setPageLayout(page_layout(paper))
    writer.setTitle(f"Interview plan: {content.company} — {content.role}")
    writer.setCreator("RunnerUp")
    found = render_plan(content, writer)
    del writer  # finishes the file
    buffer.close()
    return bytes(data.data()), found


def fit_summary(found: Fit, layout: PlanLayout) -> str:
    """One sentence on how the plan fitted, for the dialog and the command line."""
    size = f"{found.font_pt:g} pt"
    if not found.cut:
        return f"Everything fits on one page at {size}."
    cuts = [
        f"{shown} of {len(section.entries)} {section.noun[1]}"
        for section, shown in zip(layout.sections, found.shown, strict=True)
        if shown < len(section.entries)
    ]
    return f"Cut to fit one page at {size}: shows " + ", ".join(cuts) + "."
