"""Use case: search the directory in the patient's own words.

A query goes through three steps:

1. *Words*: folded, stemmed, typo-corrected against the words the index and the needs vocabulary know
   (one edit away: "bioler" -> "boiler"); the word being typed is also matched as a prefix.
2. *Needs*: the needs vocabulary recognises lay phrases ("skint", "boiler's packed in", "keeps falling").
3. *Ranking* in tiers, most specific first (services meeting a recognised need and containing all the words,
   then any of the words, then the need alone, then all words, then any word). Within a tier, services are
   ordered by FTS5 bm25 blended with how strongly each meets the needs. Tiers stop once the page is full, and a
   tier too big to rank cheaply is read in index order, so the cost of a query stays bounded on 100,000
   services (document counts from the FTS5 vocabulary say how big a tier is before it is run).

User input only ever reaches FTS5 as words of ``[a-z0-9]`` inside double quotes, so no input can be FTS5
syntax; everything is bound as a parameter.
"""

from __future__ import annotations

import bisect
import string
import threading
from dataclasses import dataclass, field

from sqlalchemy import Connection, Engine

from socialrx_desk.core.needs import FUNCTION_WORDS, NeedsVocabulary, need_token
from socialrx_desk.core.text import search_words, stem
from socialrx_desk.store.search_index import (
    Filters,
    Summary,
    browse_needs,
    match_services,
    match_unranked,
    need_counts,
    need_weights,
    summaries,
    vocabulary,
)

MAX_WORDS = 16
MAX_QUERY_CHARS = 500
MIN_CORRECTABLE = 5
# How much the recognised needs weigh against the words in the final score, when the query names a need.
NEED_WEIGHT = 0.6
# A need counts for retrieval when its weight is at least this share of the best-supported need's.
STRONG_NEED = 0.5
# Tiers of up to this many matches are ranked exactly with bm25; bigger ones are read in index order.
RANK_BUDGET = 600
# Endings the English stemmer removes (longest first is not needed: every match is tried). Snowball may also
# change a stem's last letter ("therapy" -> "therapi"), so roots are checked against stems less their last letter.
_ENDINGS = (
    "",
    "s",
    "es",
    "ed",
    "ing",
    "ings",
    "ly",
    "e",
    "y",
    "er",
    "ers",
    "est",
    "ment",
    "ments",
    "ness",
    "ation",
    "ations",
    "ion",
    "ions",
    "al",
    "ally",
    "ity",
    "ities",
    "ive",
    "ise",
    "ised",
    "ize",
    "ized",
    "ful",
    "ous",
    "ence",
    "ance",
    "able",
    "ible",
    "ant",
    "ent",
    "ism",
    "ist",
    "ists",
    "iti",
    "li",
    "ies",
    "ied",
)
PREFIX_SCAN = 2000
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
        self._need_docs: dict[str, int] = {}
        self._stem_heads: frozenset[str] = frozenset()
        self._loaded = False

    def refresh(self) -> None:
        with self._engine.connect() as connection:
            terms = vocabulary(connection)
            needs = need_counts(connection)
        with self._lock:
            self._terms = terms
            self._sorted = sorted(terms)
            self._need_docs = needs
            known = set(terms) | self.vocabulary.stems
            self._stem_heads = frozenset(known | {t[:-1] for t in known if len(t) > 3} | {t + "e" for t in known})
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
            # Stemming costs ~25 microseconds and a long word has ~700 edits: only stem candidates that begin
            # with a known stem (a stem is the word less a few letters of ending).
            if not self._could_be_known(candidate):
                continue
            term = stem(candidate)
            if not self._known(term):
                continue
            weight = self._terms.get(term, 0) + (1_000_000 if term in self.vocabulary.stems else 0)
            if best is None or weight > best[0]:
                best = (weight, term)
        return best[1] if best else None

    def _could_be_known(self, candidate: str) -> bool:
        """A cheap test before stemming: does the word, less an ending the stemmer removes, begin a known stem?"""
        heads = self._stem_heads
        for ending in _ENDINGS:
            if candidate.endswith(ending) and len(candidate) - len(ending) >= 3:
                root = candidate[: len(candidate) - len(ending)]
                if root in heads:
                    return True
        return False

    def interpret(self, text: str) -> Interpretation:
        self._ensure_loaded()
        text = text[:MAX_QUERY_CHARS]
        words = search_words(text)[:MAX_WORDS]
        typing = bool(words) and not text[-1:].isspace()
        tokens: list[tuple[str, bool]] = []  # (word, still being typed)
        need_stems: list[str] = []
        for position, word in enumerate(words):
            meaning = self.vocabulary.synonyms.get(word)
            if meaning:
                # Dialect and sound-alike words are read as their plain meaning, and kept for phrase matching.
                need_stems.append(stem(word))
                tokens.extend((plain, False) for plain in meaning)
            else:
                tokens.append((word, typing and position == len(words) - 1))
        groups: list[tuple[str, ...]] = []
        corrections: dict[str, str] = {}
        for word, is_last in tokens:
            term = stem(word)
            alternatives: list[str] = []
            if not self._known(term) and not (is_last and self._has_prefix(word)):
                corrected = self._correct(word) if len(word) >= MIN_CORRECTABLE else None
                if corrected is not None:
                    corrections[word] = corrected
                    term = corrected
            need_stems.append(term)
            if term in FUNCTION_WORDS or term in NOISE:
                continue
            if term in self._terms:
                alternatives.append(term)
            if is_last and len(word) >= 2 and self._has_prefix(word):
                alternatives.append(word + "*")
            if alternatives:
                groups.append(tuple(dict.fromkeys(alternatives)))
        needs = self.vocabulary.match_query(need_stems)
        return Interpretation(tuple(dict.fromkeys(groups)), needs, corrections)

    # --- searching ---------------------------------------------------------------------------------------

    def _term_docs(self, term: str) -> int:
        """How many services contain a term (or, for "prefix*", any term with that prefix)."""
        if not term.endswith("*"):
            return self._terms.get(term, 0)
        prefix = term[:-1]
        index = bisect.bisect_left(self._sorted, prefix)
        total = 0
        for candidate in self._sorted[index : index + PREFIX_SCAN]:
            if not candidate.startswith(prefix):
                break
            total += self._terms[candidate]
        else:
            if index + PREFIX_SCAN < len(self._sorted):
                return len(self._sorted)  # a very short prefix: assume it matches a great many services
        return total

    def _levels(self, interpretation: Interpretation, need_filter: str | None) -> list[_Level]:
        """The query as tiers, most specific first: needs and all words, needs and any word, needs alone,
        all words, any word. Each tier carries an upper bound of its size from document counts."""
        groups = [(_group_expression(g), sum(self._term_docs(t) for t in g)) for g in interpretation.groups]
        strong = [n for n, w in interpretation.needs.items() if w >= STRONG_NEED]
        levels: list[_Level] = []
        all_words = _Level(" AND ".join(e for e, _ in groups), min((d for _, d in groups), default=0))
        any_word = _Level(" OR ".join(e for e, _ in groups), sum(d for _, d in groups))
        if strong:
            need_expr = "needs : (" + " OR ".join(need_token(n) for n in strong) + ")"
            need_docs = sum(self._need_docs.get(n, 0) for n in strong)
            if groups:
                levels.append(_Level(f"{need_expr} AND ({all_words.match})", min(need_docs, all_words.docs)))
                if len(groups) > 1:
                    levels.append(_Level(f"{need_expr} AND ({any_word.match})", min(need_docs, any_word.docs)))
            levels.append(_Level(None, need_docs, needs=tuple(strong)))
        if groups:
            levels.append(all_words)
            if len(groups) > 1:
                levels.append(any_word)
        if need_filter is not None:
            token = need_token(need_filter)
            levels = [
                _Level(f"({lv.match}) AND needs : {token}", lv.docs, lv.needs) if lv.match else lv for lv in levels
            ]
        return levels

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
        levels = self._levels(interpretation, filters.need)
        if not levels and filters.need is not None:
            levels = [_Level(None, self._need_docs.get(filters.need, 0), needs=(filters.need,))]
        found: dict[int, float] = {}
        with self._engine.connect() as connection:
            for position, level in enumerate(levels):
                if len(found) >= limit:
                    break
                base = float(len(levels) - position)
                for pk, within in self._run_level(connection, level, interpretation, filters, limit + len(found)):
                    if pk not in found and len(found) < limit:
                        found[pk] = base + 0.99 * within
            rows = summaries(connection, list(found))
        ranked = sorted(found.items(), key=lambda item: -item[1])
        return SearchResult([_hit(rows[pk], score) for pk, score in ranked if pk in rows], interpretation)

    def _run_level(
        self, connection: Connection, level: _Level, interpretation: Interpretation, filters: Filters, want: int
    ) -> list[tuple[int, float]]:
        """One tier's best services with a 0..1 score within the tier.

        A tier small enough is ranked exactly (bm25 blended with need fit). A big tier would cost a bm25 score for
        every match (about 2 microseconds each: 100 ms for 50,000), so it is read in index order up to a few
        times what is wanted, and ordered by need fit; the earlier, more specific tiers usually fill the page.
        """
        if level.match is None:
            weights = {need: interpretation.needs.get(need, 1.0) for need in level.needs}
            rows = browse_needs(connection, weights, filters, want)
            return [(pk, fit) for pk, fit in rows]
        if level.docs <= RANK_BUDGET:
            candidates = match_services(connection, level.match, filters, max(want * 2, 40))
        else:
            candidates = [(pk, 0.0) for pk in match_unranked(connection, level.match, filters, want * 3)]
        service_needs = need_weights(connection, [pk for pk, _ in candidates]) if interpretation.needs else {}
        return _blend(candidates, interpretation.needs, service_needs)


@dataclass(frozen=True, slots=True)
class _Level:
    match: str | None  # FTS5 expression; None = services tagged with ``needs``, strongest first
    docs: int  # upper bound of how many services it matches
    needs: tuple[str, ...] = ()


def _quote(term: str) -> str:
    if term.endswith("*"):
        return f'"{term[:-1]}"*'
    return f'"{term}"'


def _group_expression(group: tuple[str, ...]) -> str:
    if len(group) == 1:
        return _quote(group[0])
    return "(" + " OR ".join(_quote(t) for t in group) + ")"


def _blend(
    candidates: list[tuple[int, float]],
    query_needs: dict[str, float],
    service_needs: dict[int, dict[str, float]],
) -> list[tuple[int, float]]:
    """Order candidates by text relevance blended with how well each meets the query's needs (0..1)."""
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
