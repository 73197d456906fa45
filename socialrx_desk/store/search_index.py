"""Queries over the full-text index and the service summaries that search results show.

The MATCH expression is built by the search service from words that contain only ``[a-z0-9]`` and is bound as a
parameter; nothing a person types reaches FTS5 or SQL text directly.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import Connection, text

from socialrx_desk.core.needs import NEED_TOKEN_PREFIX, need_token

# bm25 column weights: name, organization, taxonomy, needs, description.
BM25_WEIGHTS = (8.0, 1.5, 5.0, 4.0, 1.0)
LISTED_STATUSES = ("active", "temporarily closed")


@dataclass(frozen=True, slots=True)
class Filters:
    need: str | None = None
    age: int | None = None
    open_weekday: int | None = None  # 0 = Monday
    access: str | None = None
    include_inactive: bool = False


@dataclass(frozen=True, slots=True)
class Summary:
    pk: int
    id: str
    name: str
    organization: str | None
    status: str
    access: str
    min_age: int | None
    max_age: int | None
    open_days: int
    needs: str


def _filter_sql(filters: Filters, params: dict[str, object]) -> str:
    clauses = []
    if not filters.include_inactive:
        clauses.append("s.status IN ('active', 'temporarily closed')")
    if filters.age is not None:
        clauses.append("(s.min_age IS NULL OR s.min_age <= :age) AND (s.max_age IS NULL OR s.max_age >= :age)")
        params["age"] = filters.age
    if filters.open_weekday is not None:
        clauses.append("(s.open_days & :daybit) != 0")
        params["daybit"] = 1 << filters.open_weekday
    if filters.access is not None:
        clauses.append("instr(' ' || s.access || ' ', :access) > 0")
        params["access"] = f" {filters.access} "
    return "".join(f" AND {c}" for c in clauses)


def match_services(connection: Connection, match: str, filters: Filters, limit: int) -> list[tuple[int, float]]:
    """(pk, relevance) for the best ``limit`` services matching an FTS5 expression, relevance > 0."""
    params: dict[str, object] = {"match": match, "limit": limit}
    if filters.need:
        params["match"] = f"({match}) AND needs : {need_token(filters.need)}"
    weights = ", ".join(str(w) for w in BM25_WEIGHTS)
    sql = (
        f"SELECT s.pk, -bm25(service_fts, {weights}) AS relevance "
        "FROM service_fts JOIN services AS s ON s.pk = service_fts.rowid "
        f"WHERE service_fts MATCH :match{_filter_sql(filters, params)} "
        "ORDER BY bm25(service_fts, " + weights + ") LIMIT :limit"
    )
    return [(int(pk), float(rel)) for pk, rel in connection.execute(text(sql), params)]


def match_unranked(connection: Connection, match: str, filters: Filters, limit: int) -> list[int]:
    """Services matching an FTS5 expression in index order: stops after ``limit`` matches, whatever the total."""
    params: dict[str, object] = {"match": match, "limit": limit}
    if filters.need:
        params["match"] = f"({match}) AND needs : {need_token(filters.need)}"
    sql = (
        "SELECT s.pk FROM service_fts JOIN services AS s ON s.pk = service_fts.rowid "
        f"WHERE service_fts MATCH :match{_filter_sql(filters, params)} LIMIT :limit"
    )
    return [int(pk) for (pk,) in connection.execute(text(sql), params)]


def browse_needs(
    connection: Connection, needs: dict[str, float], filters: Filters, limit: int
) -> list[tuple[int, float]]:
    """Services tagged with any of ``needs`` (need -> query weight), best fit first, fit in 0..1."""
    best: dict[int, float] = {}
    for need, query_weight in needs.items():
        params: dict[str, object] = {"need": need, "limit": limit}
        if filters.need and filters.need != need:
            continue
        sql = (
            "SELECT s.pk, n.weight FROM service_needs AS n JOIN services AS s ON s.pk = n.service_pk "
            f"WHERE n.need = :need{_filter_sql(filters, params)} ORDER BY n.weight DESC LIMIT :limit"
        )
        for pk, weight in connection.execute(text(sql), params):
            fit = query_weight * float(weight)
            if fit > best.get(int(pk), -1.0):
                best[int(pk)] = fit
    return sorted(best.items(), key=lambda item: -item[1])[:limit]


def need_counts(connection: Connection) -> dict[str, int]:
    rows = connection.execute(text("SELECT need, count(*) FROM service_needs GROUP BY need"))
    return {str(need): int(count) for need, count in rows}


def need_weights(connection: Connection, pks: Sequence[int]) -> dict[int, dict[str, float]]:
    result: dict[int, dict[str, float]] = {pk: {} for pk in pks}
    if not pks:
        return result
    placeholders = ",".join(str(int(pk)) for pk in pks)
    rows = connection.execute(
        text(f"SELECT service_pk, need, weight FROM service_needs WHERE service_pk IN ({placeholders})")
    )
    for pk, need, weight in rows:
        result[int(pk)][str(need)] = float(weight)
    return result


def summaries(connection: Connection, pks: Iterable[int]) -> dict[int, Summary]:
    keys = [int(pk) for pk in pks]
    if not keys:
        return {}
    placeholders = ",".join(str(pk) for pk in keys)
    rows = connection.execute(
        text(
            "SELECT s.pk, s.id, s.name, o.name, s.status, s.access, s.min_age, s.max_age, s.open_days, s.needs "
            "FROM services AS s LEFT JOIN organizations AS o ON o.id = s.organization_id "
            f"WHERE s.pk IN ({placeholders})"
        )
    )
    return {int(row[0]): Summary(*row) for row in rows}


def vocabulary(connection: Connection) -> dict[str, int]:
    """Every indexed (stemmed) term with the number of services that contain it."""
    rows = connection.execute(text("SELECT term, doc FROM service_fts_vocab"))
    return {str(term): int(doc) for term, doc in rows if not str(term).startswith(NEED_TOKEN_PREFIX)}


def like_scan(connection: Connection, words: Sequence[str], limit: int) -> list[int]:
    """The naive baseline the benchmark compares against: LIKE '%word%' over name and description."""
    if not words:
        return []
    params: dict[str, object] = {"limit": limit}
    scores = []
    for index, word in enumerate(words):
        params[f"w{index}"] = f"%{word}%"
        scores.append(
            f"(CASE WHEN s.name LIKE :w{index} THEN 2 ELSE 0 END"
            f" + CASE WHEN s.description LIKE :w{index} THEN 1 ELSE 0 END)"
        )
    score = " + ".join(scores)
    sql = f"SELECT s.pk, {score} AS score FROM services AS s WHERE score > 0 ORDER BY score DESC LIMIT :limit"
    return [int(pk) for pk, _ in connection.execute(text(sql), params)]
