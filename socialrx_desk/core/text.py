"""Text clean-up shared by import, indexing and query parsing.

Real directory feeds carry HTML fragments, entities and odd whitespace; queries carry anything a person can
type. Everything that is searched goes through the same folding so that the index and the query agree.
"""

from __future__ import annotations

import functools
import html
import re
import unicodedata

import snowballstemmer

_TAG = re.compile(r"<[^>]{0,500}>")
_BLOCK_TAG = re.compile(r"<\s*(br|/p|/div|/li|p|li)\b[^>]{0,200}>", re.IGNORECASE)
_SPACE = re.compile(r"[ \t\r\f\v]+")
_NEWLINES = re.compile(r"\n\s*\n+")
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


def clean_text(value: object) -> str | None:
    """Plain readable text from a feed value: tags removed, entities decoded, whitespace tidied."""
    if value is None:
        return None
    text = value if isinstance(value, str) else str(value)
    if "<" in text:
        text = _BLOCK_TAG.sub("\n", text)
        text = _TAG.sub("", text)
    # Entities can be double-encoded in the wild ("&amp;amp;"): decode until stable, a few rounds at most.
    for _ in range(3):
        if "&" not in text:
            break
        decoded = html.unescape(text)
        if decoded == text:
            break
        text = decoded
    text = text.replace("\u00a0", " ")
    if "\n" in text:
        lines = [_SPACE.sub(" ", line).strip() for line in text.split("\n")]
        text = _NEWLINES.sub("\n\n", "\n".join(lines)).strip()
    else:
        text = _SPACE.sub(" ", text).strip()
    return text or None


def fold(text: str) -> str:
    """Lower case with accents removed and typographic quotes made plain, for matching only."""
    if text.isascii():  # almost all directory text: skip the Unicode decomposition
        return text.lower().replace("`", "'")
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("`", "'")
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def words(text: str) -> list[str]:
    """The searchable words of a text: folded, alphanumeric, apostrophes kept inside words ("can't")."""
    return _WORD.findall(fold(text))


# --- search text ------------------------------------------------------------------------------------------
# The index and every query pass through the same stemming, so "falling", "falls" and "fall" meet. Apostrophes
# are dropped inside words ("can't" -> "cant", "boiler's" -> "boilers") because people type both forms.

_STEMMER = snowballstemmer.stemmer("english")
_MAX_WORD = 40


@functools.lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    return str(_STEMMER.stemWord(word))


def search_words(text: str) -> list[str]:
    """Folded words without apostrophes, overlong words cut (so no input can blow up the index or a query)."""
    return [w.replace("'", "")[:_MAX_WORD] for w in words(text)]


def stems(text: str) -> list[str]:
    return [stem(w) for w in search_words(text)]


def index_text(text: str | None) -> str:
    """The stemmed form of a text as it is written into the full-text index."""
    return " ".join(stems(text)) if text else ""
