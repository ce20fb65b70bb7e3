"""Opening a file to import: its size, whether it is text at all, and its encoding.

Each problem is refused before anything is parsed, with one sentence: a file too large,
empty, binary (a NUL byte; a zip, PDF, image, spreadsheet or database by its first bytes),
or text in an encoding that cannot be told. UTF-8 is read with or without its byte-order
mark; UTF-16 (with a BOM, or ASCII-heavy text without one: Excel's "Unicode text") and
UTF-32 with a BOM are read as such; anything else that is not UTF-8 is read as
Windows-1252 (Western European, a superset of Latin-1), with a notice asking the person
to check the accents in the preview.

The whole file is checked once, in chunks, before it is parsed (a 15 MB file decodes in a
few milliseconds), so that a bad byte at the end refuses the file before the first
contact is planned. Then the readers stream it again as text.
"""

from __future__ import annotations

import codecs
import io
import os
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TextIO, cast

from runnerup_desktop.store.imports.records import ImportRefused

#: The largest file an import reads: about 400,000 LinkedIn connections.
MAX_BYTES = 64 * 1024 * 1024
CHUNK = 1 << 20

#: What a file is by its first bytes, when it is not text.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"PK\x03\x04", "a zip archive"),
    (b"PK\x05\x06", "an empty zip archive"),
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"SQLite format 3\x00", "a SQLite database"),
    (b"\x7fELF", "a program"),
    (b"MZ", "a Windows program"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document (.xls or .doc)"),
)
_BOMS: tuple[tuple[bytes, str, str | None], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8-sig", None),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)


@dataclass(frozen=True)
class Source:
    """A file to import, or a member of a zip archive, opened as often as needed."""

    #: How sentences name it: ``Connections.csv``, ``Basic_LinkedIn.zip ▸ Connections.csv``.
    label: str
    size: int
    opener: Callable[[], IO[bytes]]

    @classmethod
    def file(cls, path: Path) -> Source:
        path = Path(path)
        try:
            info = path.stat()
        except FileNotFoundError:
            raise ImportRefused(f"There is no file {path}.") from None
        except OSError as exc:
            raise ImportRefused(f"RunnerUp cannot read {path}: {exc.strerror}.") from exc
        if not path.is_file():
            raise ImportRefused(f"{path} is a folder, not a file to import.")
        if not os.access(path, os.R_OK):
            raise ImportRefused(f"RunnerUp may not read {path}: check its permissions.")
        return cls(path.name, info.st_size, lambda: path.open("rb"))

    @classmethod
    def member(cls, archive: Path, info: zipfile.ZipInfo) -> Source:
        def opener() -> IO[bytes]:
            zipped = zipfile.ZipFile(archive)
            return cast(IO[bytes], _Closing(zipped.open(info), zipped))

        return cls(f"{archive.name} ▸ {info.filename}", info.file_size, opener)


class _Closing(io.RawIOBase):
    """A zip member that closes its archive when it is closed."""

    def __init__(self, member: IO[bytes], archive: zipfile.ZipFile) -> None:
        super().__init__()
        self._member, self._archive = member, archive

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview | bytearray) -> int:  # type: ignore[override]
        data = self._member.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        if not self.closed:
            self._member.close()
            self._archive.close()
        super().close()


@dataclass(frozen=True)
class Encoding:
    codec: str
    #: A sentence for the preview when the encoding was not plain UTF-8.
    notice: str | None = None
    #: Its name in sentences ("UTF-16").
    name: str = "UTF-8"


def megabytes(size: int) -> str:
    return f"{size / 1_000_000:,.0f} MB" if size >= 1_000_000 else f"{size / 1000:,.0f} kB"


def check_size(source: Source) -> None:
    if source.size > MAX_BYTES:
        raise ImportRefused(
            f"{source.label} is {megabytes(source.size)}; RunnerUp imports files of up to "
            f"{megabytes(MAX_BYTES)} (about 400,000 contacts). Split it into parts and "
            "import each."
        )
    if source.size == 0:
        raise ImportRefused(f"{source.label} is empty: there is nothing in it to import.")


def what_binary(head: bytes) -> str | None:
    """What a file is by its first bytes, when that is not text (``None``: may be text)."""
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    return None


def sniff_encoding(source: Source, wanted: str) -> Encoding:
    """The file's encoding, after checking every byte of it; ``wanted`` ("a vCard file")
    ends the sentence of a refusal."""
    check_size(source)
    with source.opener() as raw:
        head = raw.read(4096)
        kind = what_binary(head)
        if kind is not None:
            raise ImportRefused(f"{source.label} is {kind}, not {wanted}.")
        encoding = _by_bom(head) or _utf16_without_bom(head)
        if encoding is None and b"\x00" in head:
            raise _binary(source, head.index(b"\x00"), wanted)
        chosen = encoding or Encoding("utf-8")
        if _decodes(raw, head, chosen.codec, source, wanted):
            return chosen
    if chosen.codec != "utf-8":
        raise ImportRefused(
            f"{source.label} starts as {chosen.name} text but is not "
            "valid in it further on; save it again as UTF-8 and import that."
        )
    with source.opener() as raw:
        cp1252 = _decodes(raw, b"", "cp1252", source, wanted)
    codec = "cp1252" if cp1252 else "latin-1"
    return Encoding(
        codec,
        name="Windows-1252",
        notice=f"{source.label} is not UTF-8: RunnerUp read it as Windows-1252 (Western European). "
        "Check the accents of the names in the preview; if they look wrong, save the file "
        "as UTF-8 and import it again.",
    )


def head_text(head: bytes) -> str:
    """The first bytes of a file as text, for telling its format (never raises)."""
    encoding = _by_bom(head) or _utf16_without_bom(head) or Encoding("utf-8")
    return head.decode(encoding.codec, errors="replace")


def _by_bom(head: bytes) -> Encoding | None:
    for bom, codec, name in _BOMS:
        if head.startswith(bom):
            if name is None:
                return Encoding(codec)
            return Encoding(codec, f"It is in {name}; RunnerUp read it as such.", name)
    return None


def _utf16_without_bom(head: bytes) -> Encoding | None:
    """UTF-16 text without a BOM, told by the NUL byte of every ASCII character."""
    pairs = len(head) // 2
    if pairs < 2:
        return None
    even, odd = head[0 : pairs * 2 : 2].count(0), head[1 : pairs * 2 : 2].count(0)
    if odd > pairs * 0.3 and even == 0:
        return Encoding("utf-16-le", "It is in UTF-16; RunnerUp read it as such.", "UTF-16")
    if even > pairs * 0.3 and odd == 0:
        return Encoding("utf-16-be", "It is in UTF-16; RunnerUp read it as such.", "UTF-16")
    return None


def _binary(source: Source, offset: int, wanted: str) -> ImportRefused:
    return ImportRefused(
        f"{source.label} holds binary data (a NUL byte at byte {offset + 1:,}), so it is "
        f"not {wanted}."
    )


def _decodes(raw: IO[bytes], head: bytes, codec: str, source: Source, wanted: str) -> bool:
    """Whether the rest of ``raw`` (after ``head``) decodes; a NUL refuses the file."""
    decoder = codecs.getincrementaldecoder(codec)()
    offset = 0
    chunk = head
    while True:
        if not chunk:
            chunk = raw.read(CHUNK)
            if not chunk:
                break
        try:
            text = decoder.decode(chunk)
        except UnicodeDecodeError:
            return False
        if "\x00" in text:
            raise _binary(source, offset + chunk.find(b"\x00"), wanted)
        offset += len(chunk)
        chunk = b""
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


class _Counting(io.RawIOBase):
    """Counts the bytes read through it (the import's progress)."""

    def __init__(self, raw: IO[bytes]) -> None:
        super().__init__()
        self._raw = raw
        self.count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview | bytearray) -> int:  # type: ignore[override]
        data = self._raw.read(len(buffer))
        buffer[: len(data)] = data
        self.count += len(data)
        return len(data)

    def close(self) -> None:
        if not self.closed:
            self._raw.close()
        super().close()


@contextmanager
def open_text(source: Source, encoding: Encoding) -> Iterator[tuple[TextIO, Callable[[], int]]]:
    """The file as text with its newlines kept (as :mod:`csv` wants), and a function that
    tells how many of its bytes have been read."""
    counting = _Counting(source.opener())
    text = io.TextIOWrapper(io.BufferedReader(counting, CHUNK), encoding=encoding.codec, newline="")
    try:
        yield text, lambda: counting.count
    finally:
        text.close()
