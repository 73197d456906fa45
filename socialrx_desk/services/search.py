"""Use case: search the directory in the patient's own words.

A query goes through three steps:

1. *Words*: folded, stemmed, typo-corrected against the words the index and the needs vocabulary know
   (one edit away: "bioler" -> "boiler"); the word being typed is also matched as a prefix.
2. *Needs*: the needs vocabulary recognises lay phrases ("skint", "boiler's packed in", "keeps falling").
3. *Ranking*: FTS5 bm25 over the words and the recognised needs' index tokens picks candidates; they are then
   re-ranked by a blend of text relevance and how strongly each service meets the recognised needs.

User input only ever reaches FTS5 as words of ``[a-z0-9]`` inside double quotes, so no input can be FTS5
syntax; everything is bound as a parameter.
"""

from __future__ import annotations

import bisect
import string
import threading
from dataclasses import dataclass, field

from sqlalchemy import Engine

from socialrx_desk.core.needs import FUNCTION_WORDS, NeedsVocabulary, need_token
from socialrx_desk.core.text import search_words, stem
from socialrx_desk.store.search_index import (
    Filters,
    Summary,
    browse_need,
    match_services,
    need_weights,
    summaries,
    vocabulary,
)

MAX_WORDS = 16
MAX_QUERY_CHARS = 500
MIN_CORRECTABLE = 5
# How much the recognised needs weigh against the words in the final score, when the query names a need.
NEED_WEIGHT = 0.6
# Words that say nothing about which service fits; they still count for recognising needs ("can't pay").
NOISE = frozenset(
    stem(w)
    for w in [
        "help",
        "helps",
        "helping",
        "need",
        "needs",
        "needed",
        "want",
        "wants",
        "wanted",
        "support",
        "service",
        "services",
        "problem",
        "problems",
        "issue",
        "issues",
        "please",
        "get",
        "gets",
        "got",
        "getting",
        "can",
        "cant",
        "cannot",
        "could",
        "would",
        "should",
        "will",
        "wont",
        "dont",
        "doesnt",
        "didnt",
        "isnt",
        "not",
        "no",
        "keep",
        "keeps",
        "kept",
        "like",
        "feel",
        "feels",
        "felt",
        "feeling",
        "thing",
        "things",
        "something",
        "someone",
        "anyone",
        "people",
        "person",
        "patient",
        "patients",
        "mum",
        "dad",
        "wife",
        "husband",
        "son",
        "daughter",
        "mother",
        "father",
        "gran",
        "nan",
        "grandad",
        "old",
        "older",
        "lady",
        "man",
        "woman",
        "since",
        "now",
        "still",
        "always",
        "never",
        "again",
        "going",
        "go",
        "goes",
        "went",
        "say",
        "says",
        "said",
        "tell",
        "told",
        "think",
        "know",
        "looking",
        "look",
        "find",
        "any",
        "some",
        "more",
        "much",
        "many",
    ]
)
_LETTERS = string.ascii_lowercase


@dataclass(frozen=True, slots=True)
class SearchQuery:
    text: str = ""
    need: str | None = None
    age: int | None = None
    open_weekday: int | None = None
    access: str | None = None
    include_inactive: bool = False
    limit: int = 20


@dataclass(frozen=True, slots=True)
class SearchHit:
    id: str
    name: str
    organization: str | None
    needs: tuple[str, ...]
    score: float
    status: str
    access: tuple[str, ...]
    min_age: int | None
    max_age: int | None
    open_days: int


@dataclass(frozen=True, slots=True)
class Interpretation:
    """How a query was understood; the desk shows the needs as chips and the corrections as 'Did you mean'."""

    groups: tuple[tuple[str, ...], ...] = ()  # FTS alternatives per word: exact stems, or "prefix*" entries
    needs: dict[str, float] = field(default_factory=dict)
    corrections: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class SearchResult:
    hits: list[SearchHit]
    interpretation: Interpretation


def _edits1(word: str) -> set[str]:
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = [a + b[1:] for a, b in splits if b]
    transposes = [a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1]
    replaces = [a + c + b[1:] for a, b in splits if b for c in _LETTERS]
    inserts = [a + c + b for a, b in splits for c in _LETTERS]
    return set(deletes + transposes + replaces + inserts)


class DirectorySearch:
    """Searches one store. Thread-safe for reads; call :meth:`refresh` after the directory changes."""

    def __init__(self, engine: Engine, needs: NeedsVocabulary) -> None:
        self._engine = engine
        self.vocabulary = needs
        self._lock = threading.Lock()
        self._terms: dict[str, int] = {}
        self._sorted: list[str] = []
        self._loaded = False

    def refresh(self) -> None:
        with self._engine.connect() as connection:
            terms = vocabulary(connection)
        with self._lock:
            self._terms = terms
            self._sorted = sorted(terms)
            self._loaded = True

    def _ensure_loaded(self) -> None:
        if not self._loaded:
            self.refresh()

    # --- understanding the query -------------------------------------------------------------------------

    def _has_prefix(self, prefix: str) -> bool:
        index = bisect.bisect_left(self._sorted, prefix)
        return index < len(self._sorted) and self._sorted[index].startswith(prefix)

    def _known(self, term: str) -> bool:
        return term in self._terms or term in self.vocabulary.stems

    def _correct(self, word: str) -> str | None:
        """The most likely known stem one edit away from a misspelt word, preferring needs vocabulary words."""
        best: tuple[float, str] | None = None
        for candidate in _edits1(word):
            term = stem(candidate)
            if not self._known(term):
                continue
            weight = self._terms.get(term, 0) + (1_000_000 if term in self.vocabulary.stems else 0)
            if best is None or weight > best[0]:
                best = (weight, term)
        return best[1] if best else None

    def interpret(self, text: str) -> Interpretation:
        self._ensure_loaded()
        text = text[:MAX_QUERY_CHARS]
        words = search_words(text)[:MAX_WORDS]
        typing = bool(words) and not text[-1:].isspace()
        stems: list[str] = []
        groups: list[tuple[str, ...]] = []
        corrections: dict[str, str] = {}
        for position, word in enumerate(words):
            is_last = typing and position == len(words) - 1
            term = stem(word)
            alternatives: list[str] = []
            if not self._known(term) and not (is_last and self._has_prefix(word)):
                corrected = self._correct(word) if len(word) >= MIN_CORRECTABLE else None
                if corrected is not None:
                    corrections[word] = corrected
                    term = corrected
            stems.append(term)
            if term in FUNCTION_WORDS or term in NOISE:
                continue
            if term in self._terms:
                alternatives.append(term)
            if is_last and len(word) >= 2 and self._has_prefix(word):
                alternatives.append(word + "*")
            if alternatives:
                groups.append(tuple(dict.fromkeys(alternatives)))
        needs = self.vocabulary.match_query(stems)
        return Interpretation(tuple(groups), needs, corrections)

    # --- searching ---------------------------------------------------------------------------------------

    def search(self, query: SearchQuery) -> SearchResult:
        interpretation = self.interpret(query.text)
        filters = Filters(
            need=query.need if query.need in self.vocabulary else None,
            age=query.age,
            open_weekday=query.open_weekday,
            access=query.access,
            include_inactive=query.include_inactive,
        )
        if query.need is not None and filters.need is None:
            return SearchResult([], interpretation)  # an unknown need matches nothing, never everything
        limit = max(1, min(query.limit, 500))
        with self._engine.connect() as connection:
            match = _match_expression(interpretation)
            if match is None:
                if filters.need is None:
                    return SearchResult([], interpretation)
                ranked = browse_need(connection, filters.need, filters, limit)
                rows = summaries(connection, [pk for pk, _ in ranked])
                hits = [_hit(rows[pk], score) for pk, score in ranked if pk in rows]
                return SearchResult(hits, interpretation)
            candidates = match_services(connection, match, filters, max(limit * 4, 60))
            pks = [pk for pk, _ in candidates]
            service_needs = need_weights(connection, pks) if interpretation.needs else {}
            ranked = _rerank(candidates, interpretation.needs, service_needs)[:limit]
            rows = summaries(connection, [pk for pk, _ in ranked])
        return SearchResult([_hit(rows[pk], score) for pk, score in ranked if pk in rows], interpretation)


def _quote(term: str) -> str:
    if term.endswith("*"):
        return f'"{term[:-1]}"*'
    return f'"{term}"'


def _match_expression(interpretation: Interpretation) -> str | None:
    parts = [
        "(" + " OR ".join(_quote(t) for t in group) + ")" if len(group) > 1 else _quote(group[0])
        for group in interpretation.groups
    ]
    strong = [need for need, weight in interpretation.needs.items() if weight >= 0.5]
    if strong:
        parts.append("needs : (" + " OR ".join(need_token(n) for n in strong) + ")")
    return " OR ".join(parts) if parts else None


def _rerank(
    candidates: list[tuple[int, float]],
    query_needs: dict[str, float],
    service_needs: dict[int, dict[str, float]],
) -> list[tuple[int, float]]:
    if not candidates:
        return []
    top = max(relevance for _, relevance in candidates) or 1.0
    need_share = NEED_WEIGHT if query_needs else 0.0
    scored = []
    for pk, relevance in candidates:
        fit = max(
            (query_needs.get(need, 0.0) * weight for need, weight in service_needs.get(pk, {}).items()),
            default=0.0,
        )
        scored.append((pk, (1 - need_share) * relevance / top + need_share * fit))
    scored.sort(key=lambda item: -item[1])
    return scored


def _hit(row: Summary, score: float) -> SearchHit:
    return SearchHit(
        id=row.id,
        name=row.name,
        organization=row.organization,
        needs=tuple(row.needs.split()),
        score=round(score, 4),
        status=row.status,
        access=tuple(row.access.split()),
        min_age=row.min_age,
        max_age=row.max_age,
        open_days=row.open_days,
    )
