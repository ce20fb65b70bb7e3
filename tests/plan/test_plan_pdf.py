"""The plan as a PDF: always exactly one page, every section started, nothing cut mid-line.

Checked with real readers: pypdf counts the pages, poppler's pdftotext reads the text and
the position of every word, pdffonts lists the embedded fonts.
"""

from __future__ import annotations

import io
import re
import subprocess
import time
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QApplication

from runnerup_desktop.core.interview_plan import (
    MIN_FONT_PT,
    Paper,
    PlanContent,
    PlanLayout,
    plan_layout,
)
from runnerup_desktop.ui.plan.plan_render import MARGIN_MM, plan_pdf
from tests.plan.conftest import ARABIC, HEBREW

MARGIN_PT = MARGIN_MM / 25.4 * 72
PAGE_PT = {Paper.A4: (595.3, 841.9), Paper.LETTER: (612.0, 792.0)}
_BIDI_MARKS = dict.fromkeys(map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e"))


def read_text(pdf: Path) -> str:
    """pdftotext's text, in normal form (Arabic presentation forms back to letters)."""
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], check=True, capture_output=True
    ).stdout.decode()
    return unicodedata.normalize("NFKC", out).translate(_BIDI_MARKS)


def flat(text: str) -> str:
    """Whitespace collapsed, in the same normal form as :func:`read_text` ("…" is "...")."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def words_with_boxes(pdf: Path) -> tuple[float, float, list[tuple[float, float, float, float]]]:
    html = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True
    ).stdout.decode()
    page = re.search(r'<page width="([\d.]+)" height="([\d.]+)"', html)
    assert page is not None
    boxes = [
        tuple(float(v) for v in found)
        for found in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)"', html
        )
    ]
    return float(page[1]), float(page[2]), boxes  # type: ignore[return-value]


def first_line(layout: PlanLayout, index: int) -> str:
    section = layout.sections[index]
    if not section.entries:
        return section.empty
    entry = section.entries[0]
    return " — ".join(part for part in (entry.lead, entry.text) if part)


def write(tmp_path: Path, content: PlanContent, paper: Paper, name: str) -> tuple[Path, object]:
    data, found = plan_pdf(content, paper)
    path = tmp_path / f"{name}-{paper.value}.pdf"
    path.write_bytes(data)
    return path, found


def check_one_page(path: Path, paper: Paper) -> None:
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx(PAGE_PT[paper], abs=0.5)
    width, height, boxes = words_with_boxes(path)
    assert boxes
    for x_min, y_min, x_max, y_max in boxes:  # every word inside the printable area
        assert x_min >= MARGIN_PT - 1 and x_max <= width - MARGIN_PT + 1
        assert y_min >= MARGIN_PT - 1 and y_max <= height - MARGIN_PT + 1


@pytest.mark.parametrize("paper", list(Paper))
@pytest.mark.parametrize("size", ["short_plan", "typical_plan", "absurd_plan"])
def test_each_plan_is_one_page_with_the_header_and_every_section(
    qapp: QApplication, tmp_path: Path, request: pytest.FixtureRequest, size: str, paper: Paper
) -> None:
    content: PlanContent = request.getfixturevalue(size)
    path, _found = write(tmp_path, content, paper, size)
    check_one_page(path, paper)
    text = flat(read_text(path))
    layout = plan_layout(content)
    assert f"Interview plan · {content.company}" in text
    assert content.role in text and "When:" in text and "Where:" in text
    for index, section in enumerate(layout.sections):
        assert section.heading in text
        assert flat(first_line(layout, index))[:40] in text


def test_an_absurd_plan_shrinks_then_cuts_each_section_with_a_count(
    qapp: QApplication, tmp_path: Path, absurd_plan: PlanContent
) -> None:
    started = time.perf_counter()
    path, found = write(tmp_path, absurd_plan, Paper.A4, "absurd")
    elapsed = time.perf_counter() - started
    print(f"absurd plan rendered in {elapsed:.2f} s after {found.measured} layouts")  # type: ignore[attr-defined]
    assert elapsed < 10
    assert found.font_pt == MIN_FONT_PT and found.cut and found.fits  # type: ignore[attr-defined]
    text = flat(read_text(path))
    layout = plan_layout(absurd_plan)
    for section, shown in zip(layout.sections, found.shown, strict=True):  # type: ignore[attr-defined]
        assert shown >= 1, section.heading
        more = section.more_line(shown)
        assert more is not None, f"{section.heading} was not cut"
        assert flat(more) in text
        # The last entry shown is there in full, the one after it is not there at all.
        last = section.entries[shown - 1]
        assert flat(last.lead or last.text)[:60] in text
        after = section.entries[shown]
        assert flat(after.lead or after.text) not in text.replace(flat(last.lead or last.text), "")
    assert re.search(r"\.\.\. and 4\d\d more gaps", text)  # hundreds left out, counted


def test_long_words_and_notes_wrap_inside_the_page(
    qapp: QApplication, tmp_path: Path, absurd_plan: PlanContent
) -> None:
    path, _found = write(tmp_path, absurd_plan, Paper.LETTER, "absurd")
    check_one_page(path, Paper.LETTER)
    text = read_text(path)
    assert "https://example.com/" not in text  # the long note was clipped, with a "…"
    assert max(len(line) for line in text.splitlines()) < 200  # wrapped, not one endless line


def test_fonts_are_embedded_and_names_and_scripts_read_back(
    qapp: QApplication, tmp_path: Path, typical_plan: PlanContent
) -> None:
    path, found = write(tmp_path, typical_plan, Paper.A4, "typical")
    assert not found.cut and found.font_pt == 10.0  # type: ignore[attr-defined]
    fonts = subprocess.run(
        ["pdffonts", str(path)], check=True, capture_output=True, text=True
    ).stdout.splitlines()[2:]
    assert fonts and any("DejaVuSans" in line for line in fonts)
    for line in fonts:
        assert line.split()[-5] == "yes", line  # emb
    text = read_text(path)
    for name in ("Zoë Müller", "Łukasz Wróbel", HEBREW, ARABIC):
        assert name in text, name
