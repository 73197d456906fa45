"""The needs vocabulary: lay phrases -> needs -> service types.

``resources/needs/vocabulary.json`` is curated by hand. A query is matched against each need's ``phrases`` (what
patients say); a directory service is tagged with needs from each need's ``service_types`` (what directories
call such services) found in its taxonomy, name and description. Matching is on stemmed content words, so
word order, plurals and small function words do not matter.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from socialrx_desk.core.text import search_words, stem, stems
from socialrx_desk.errors import FriendlyError

# Words that carry no meaning for matching a phrase. Negations ("no", "not", "cant") are kept: "no heating".
FUNCTION_WORDS = frozenset(
    stem(w)
    for w in [
        "a",
        "an",
        "the",
        "and",
        "or",
        "of",
        "to",
        "in",
        "on",
        "at",
        "for",
        "with",
        "by",
        "from",
        "into",
        "onto",
        "about",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "am",
        "it",
        "its",
        "it's",
        "this",
        "that",
        "these",
        "those",
        "there",
        "here",
        "i",
        "me",
        "my",
        "mine",
        "we",
        "us",
        "our",
        "you",
        "your",
        "he",
        "him",
        "his",
        "she",
        "her",
        "they",
        "them",
        "their",
        "theirs",
        "has",
        "have",
        "had",
        "do",
        "does",
        "did",
        "so",
        "very",
        "really",
        "just",
        "bit",
        "lot",
        "lots",
        "some",
        "any",
        "all",
        "also",
        "too",
        "then",
        "than",
        "if",
        "when",
        "while",
        "who",
        "whom",
        "which",
        "what",
        "whats",
        "where",
        "how",
        "s",
        "t",
        "d",
        "ll",
        "re",
        "ve",
        "m",
    ]
)


NEED_TOKEN_PREFIX = "zzneed"


@dataclass(frozen=True, slots=True)
class Need:
    id: str
    label: str
    kiosk_tile: str
    service_types: tuple[str, ...]
    phrases: tuple[str, ...]
    search_terms: tuple[str, ...]

    @property
    def token(self) -> str:
        return need_token(self.id)


def need_token(need_id: str) -> str:
    """The word that marks a need in the full-text index (letters only, never a real word)."""
    return NEED_TOKEN_PREFIX + "".join(ch for ch in need_id.lower() if ch.isascii() and ch.isalnum())


class VocabularyError(FriendlyError, ValueError):
    """The needs vocabulary file is missing or malformed."""


def content_stems(text: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(s for s in stems(text) if s not in FUNCTION_WORDS))


@dataclass(frozen=True, slots=True)
class _Pattern:
    need: str
    stems: frozenset[str]
    size: int


class _PatternIndex:
    """Patterns (sets of stems), each filed under one of its stems; a pattern matches when all its stems occur."""

    def __init__(self, patterns: Iterable[_Pattern]) -> None:
        self._by_stem: dict[str, list[_Pattern]] = defaultdict(list)
        for pattern in patterns:
            first = min(pattern.stems)
            self._by_stem[first].append(pattern)

    def matches(self, present: set[str] | frozenset[str]) -> list[_Pattern]:
        found: list[_Pattern] = []
        for word in present:
            for pattern in self._by_stem.get(word, ()):
                if pattern.stems <= present:
                    found.append(pattern)
        return found


def _patterns(need: str, texts: Iterable[str]) -> list[_Pattern]:
    result = []
    for text in texts:
        words = frozenset(content_stems(text))
        if words:
            result.append(_Pattern(need, words, len(words)))
    return result


class NeedsVocabulary:
    def __init__(self, needs: Iterable[Need], version: str = "1", synonyms: Mapping[str, str] | None = None) -> None:
        self.needs: dict[str, Need] = {}
        for need in needs:
            if need.id in self.needs:
                raise VocabularyError(f"need {need.id!r} is defined twice")
            self.needs[need.id] = need
        self.version = version
        # Dialect, slang and sound-alike spellings -> plain words ("nowt" -> "nothing", "fone" -> "phone").
        self.synonyms: dict[str, tuple[str, ...]] = {}
        for word, meaning in (synonyms or {}).items():
            keys = search_words(word)
            if len(keys) != 1:
                raise VocabularyError(f"synonym {word!r} must be a single word")
            self.synonyms[keys[0]] = tuple(search_words(meaning))
        self._phrases = _PatternIndex(p for n in self.needs.values() for p in _patterns(n.id, n.phrases))
        self._types = _PatternIndex(p for n in self.needs.values() for p in _patterns(n.id, n.service_types))
        self.stems: frozenset[str] = frozenset(
            s
            for n in self.needs.values()
            for text in (*n.phrases, *n.service_types, *n.search_terms, n.label)
            for s in content_stems(text)
        ) | frozenset(stem(w) for w in self.synonyms)

    @classmethod
    def load(cls, path: Path) -> NeedsVocabulary:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as error:
            raise VocabularyError(f"cannot read needs vocabulary {path}: {error}") from None
        return cls.from_json(data)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> NeedsVocabulary:
        try:
            needs = [
                Need(
                    id=str(item["id"]),
                    label=str(item["label"]),
                    kiosk_tile=str(item.get("kiosk_tile") or "other"),
                    service_types=tuple(str(s) for s in item.get("service_types", ())),
                    phrases=tuple(str(s) for s in item.get("phrases", ())),
                    search_terms=tuple(str(s) for s in item.get("search_terms", ())),
                )
                for item in data["needs"]
            ]
            synonyms = {str(k): str(v) for k, v in dict(data.get("synonyms") or {}).items()}
        except (KeyError, TypeError, ValueError) as error:
            raise VocabularyError(f"needs vocabulary is malformed: {error}") from None
        # The version tags the index: a changed vocabulary re-tags services on the next start.
        digest = json.dumps(data, sort_keys=True)
        return cls(needs, version=f"{data.get('version', 1)}:{_short_hash(digest)}", synonyms=synonyms)

    def __contains__(self, need_id: object) -> bool:
        return need_id in self.needs

    def match_query(self, query_stems: Iterable[str]) -> dict[str, float]:
        """Needs a query speaks of, weighted 0..1 (1 = the best supported need).

        Every phrase whose content words all occur in the query counts, longer phrases more: "fell on the stairs"
        is stronger evidence than "stairs". Service-type names count too ("debt advice").
        """
        present = frozenset(query_stems)
        scores: dict[str, float] = defaultdict(float)
        for pattern in self._phrases.matches(present):
            scores[pattern.need] += pattern.size
        for pattern in self._types.matches(present):
            scores[pattern.need] += pattern.size * 0.75
        if not scores:
            return {}
        best = max(scores.values())
        return {need: score / best for need, score in sorted(scores.items(), key=lambda kv: -kv[1])}

    def tag_service(
        self,
        taxonomy: Iterable[str],
        name: str,
        description: str | None,
        term_specificity: Mapping[str, float] | None = None,
    ) -> dict[str, float]:
        """Needs a directory service meets, weighted 0..1, from its taxonomy, name and description.

        Taxonomy terms are the directory's own classification and count most; the name next; the description
        last, and lay phrases in the description only weakly (descriptions mention many things in passing).
        ``term_specificity`` scales a taxonomy term down when the directory puts it on a large share of its
        services: a broad heading such as "Adult social care" says little about what one service does.

        The strongest need gets a weight from how much evidence there is; the others are scaled to it, so a
        service's main need stands above what it merely mentions.
        """
        evidence: dict[str, float] = defaultdict(float)
        for term in taxonomy:
            scale = term_specificity.get(term, 1.0) if term_specificity else 1.0
            self._add(evidence, term, types=3.0 * scale, phrases=1.5 * scale)
        self._add(evidence, name, types=2.0, phrases=1.0)
        if description:
            self._add(evidence, description, types=0.75, phrases=0.5)
        kept = {need: score for need, score in evidence.items() if score >= 0.5}
        if not kept:
            return {}
        best = max(kept.values())
        confidence = min(best, 4.0) / 4.0
        return {need: confidence * score / best for need, score in sorted(kept.items(), key=lambda kv: -kv[1])}

    def _add(self, evidence: dict[str, float], text: str, types: float, phrases: float) -> None:
        present = frozenset(stems(text))
        for need in {p.need for p in self._types.matches(present)}:
            evidence[need] += types
        for need in {p.need for p in self._phrases.matches(present)}:
            evidence[need] += phrases


def _short_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
