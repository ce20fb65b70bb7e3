"""Reading a large JSON document a piece at a time, in bounded memory (no Qt).

An export holds one object whose ``tables`` member maps each table's name to an array of
row objects; at 100,000 contacts it is hundreds of megabytes. :class:`JsonStream` walks
the document's outer structure itself and hands each value inside it (a header field, a
row) to the standard library's C decoder (``JSONDecoder.raw_decode``), reading the file in
chunks. Only the value being decoded is held whole, so memory stays bounded by the largest
row, which is capped (:data:`MAX_VALUE`).

(ijson parses a document as a stream too, but a single pass over several arrays means
handling each of its 18 million events of a full-size export in Python: 12 s just to
iterate them, before building a row. Decoding each row in C is several times faster.)
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, TextIO

#: What is read from the file at a time.
CHUNK = 1 << 20
#: The largest single value (a row) accepted; a longer one is refused, not loaded.
MAX_VALUE = 64 << 20

_SPACE = " \t\n\r"


class JsonError(ValueError):
    """The text is not the JSON the reader expects; ``str(exc)`` says where, in words."""


class JsonStream:
    """A cursor over a JSON text, which :meth:`value` and :meth:`expect` move along."""

    def __init__(self, source: TextIO) -> None:
        self._source = source
        self._buffer = ""
        self._pos = 0
        self._eof = False
        self._consumed = 0  # characters dropped from the front of the buffer
        self._decode = json.JSONDecoder().raw_decode

    @property
    def position(self) -> int:
        """Characters read so far (for progress)."""
        return self._consumed + self._pos

    def _fill(self) -> bool:
        """Read another chunk; ``False`` at the end of the file."""
        if self._eof:
            return False
        if self._pos:
            self._consumed += self._pos
            self._buffer = self._buffer[self._pos :]
            self._pos = 0
        chunk = self._source.read(CHUNK)
        if not chunk:
            self._eof = True
            return False
        self._buffer += chunk
        return True

    def peek(self) -> str:
        """The next character that is not white space ('' at the end)."""
        while True:
            buffer, pos = self._buffer, self._pos
            length = len(buffer)
            while pos < length and buffer[pos] in _SPACE:
                pos += 1
            self._pos = pos
            if pos < length:
                return buffer[pos]
            if not self._fill():
                return ""

    def expect(self, char: str) -> None:
        found = self.peek()
        if found != char:
            raise JsonError(
                f"expected “{char}” but found {_what(found)} at character {self.position}"
            )
        self._pos += 1

    def accept(self, char: str) -> bool:
        """Step over ``char`` if it is next."""
        if self.peek() == char:
            self._pos += 1
            return True
        return False

    def value(self) -> Any:
        """The next JSON value, whole."""
        if not self.peek():
            raise JsonError(f"the text ends early, at character {self.position}")
        while True:
            try:
                found, end = self._decode(self._buffer, self._pos)
            except json.JSONDecodeError as error:
                where = self._consumed + error.pos  # before _fill moves the buffer
                if len(self._buffer) - self._pos > MAX_VALUE:
                    raise JsonError(
                        f"a value at character {self.position} is longer than {MAX_VALUE >> 20} MB"
                    ) from None
                if self._fill():
                    continue
                what = error.msg.lower().removesuffix(" at")
                raise JsonError(f"{what} at character {where}") from None
            # A number cut by the end of a chunk ("12" of "123", "0.5" of "0.5e3")
            # decodes too early: read on until something else follows it.
            if _may_go_on(found) and self._number_runs_out(end) and self._fill():
                continue
            self._pos = end
            return found

    def _number_runs_out(self, end: int) -> bool:
        """Whether only a number's characters follow ``end`` up to the buffer's end."""
        buffer = self._buffer
        while end < len(buffer):
            if buffer[end] not in _NUMBER:
                return False
            end += 1
        return True

    def key(self) -> str:
        found = self.value()
        if not isinstance(found, str):
            raise JsonError(f"expected a name in quotes at character {self.position}")
        self.expect(":")
        return found

    def members(self) -> Iterator[str]:
        """The names of an object's members, leaving the cursor on each one's value
        (which the caller must read) and stepping over the closing brace."""
        self.expect("{")
        if self.accept("}"):
            return
        while True:
            yield self.key()
            if self.accept(","):
                continue
            self.expect("}")
            return

    def items(self) -> Iterator[Any]:
        """The values of an array, one at a time, stepping over its closing bracket."""
        self.expect("[")
        if self.accept("]"):
            return
        while True:
            yield self.value()
            if self.accept(","):
                continue
            self.expect("]")
            return

    def end(self) -> None:
        """Nothing but white space may follow the document."""
        found = self.peek()
        if found:
            raise JsonError(
                f"unexpected {_what(found)} after the end, at character {self.position}"
            )


_NUMBER = frozenset("0123456789+-.eE")


def _may_go_on(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _what(char: str) -> str:
    return "the end of the text" if not char else f"“{char}”"
