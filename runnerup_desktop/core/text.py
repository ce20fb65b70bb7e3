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


# --- right-to-left names in left-to-right sentences ---------------------------------------
#: FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE (Unicode's bidi isolates).
FSI, PDI = "\u2068", "\u2069"
_RIGHT_TO_LEFT = frozenset({"R", "AL", "RLE", "RLO", "RLI"})


def has_rtl(text: str) -> bool:
    """Whether ``text`` holds right-to-left letters (Hebrew, Arabic...)."""
    return any(unicodedata.bidirectional(ch) in _RIGHT_TO_LEFT for ch in text)


def isolate(text: str) -> str:
    """A person's text (a name, a title) ready to go inside a sentence shown by RunnerUp.

    A Hebrew or Arabic name reorders the words around it ("Contacts at דנה כהן (2)" shows
    its "(2)" inside the name); wrapped in Unicode's bidi isolates it keeps its own
    direction and leaves the sentence's alone. Text without right-to-left letters is
    returned as it is. Only for what RunnerUp shows (windows, the PDF), never for what
    leaves it (mail, copies, exports): there the isolates would be stray characters.
    """
    return f"{FSI}{text}{PDI}" if text and has_rtl(text) else text


def without_isolates(text: str) -> str:
    return text.replace(FSI, "").replace(PDI, "")


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
