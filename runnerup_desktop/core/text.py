"""Text normalisation shared by searching, sorting and duplicate detection."""

from __future__ import annotations

import unicodedata


def fold(text: str | None) -> str:
    """Case- and accent-insensitive key: ``fold("Zoë Müller") == "zoe muller"``.

    Letters that do not decompose (``ł``, ``ø``, ``ß``) are mapped by hand so that
    a person typing plain ASCII still finds them.
    """
    if not text:
        return ""
    text = text.translate(_SPECIAL).casefold()
    decomposed = unicodedata.normalize("NFKD", text)
    if decomposed.isascii():  # nothing to strip: most keys (an email, a title)
        return " ".join(decomposed.split())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.split())


_SPECIAL = str.maketrans(
    {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss", "æ": "ae", "Æ": "AE"}
)


def search_words(text: str) -> list[str]:
    """The words of a search, folded. Characters no stored text can hold (control
    characters such as NUL, halves of surrogate pairs) separate words, as spaces do: any
    text typed or pasted is a search, never an error."""
    cleaned = "".join(" " if unicodedata.category(ch) in ("Cc", "Cs") else ch for ch in text)
    return fold(cleaned).split()


def like_pattern(word: str) -> str:
    """``LIKE`` pattern for ``word`` anywhere, escaped with ``/``."""
    escaped = word.replace("/", "//").replace("%", "/%").replace("_", "/_")
    return f"%{escaped}%"
