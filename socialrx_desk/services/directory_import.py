"""Use case: import an Open Referral UK directory (file or API URL) into the local store.

One transaction for the whole import: either every usable record is stored, or (on a crash or cancel) nothing
changes. Records that cannot be used are reported by position and id with the reason, and skipped.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx
from sqlalchemy import Connection, Engine, select, text
from sqlalchemy.orm import Session

from socialrx_desk.core.directory import Service
from socialrx_desk.core.needs import NeedsVocabulary, need_token
from socialrx_desk.core.text import index_text
from socialrx_desk.directory.oruk import RecordError, parse_service
from socialrx_desk.directory.source import RawRecord, SourceError, read_records
from socialrx_desk.store.directory import (
    IndexDocument,
    get_meta,
    service_from_row,
    set_meta,
    upsert_services,
)
from socialrx_desk.store.models import ServiceRow

log = logging.getLogger(__name__)
BATCH = 2000
VOCABULARY_META_KEY = "needs_vocabulary_version"


class ImportCancelled(Exception):
    """The person cancelled the import; nothing was changed."""


@dataclass(frozen=True, slots=True)
class Skipped:
    where: str
    id: str | None
    reason: str

    def __str__(self) -> str:
        ident = f" (id {self.id})" if self.id else ""
        return f"{self.where}{ident}: {self.reason}"


@dataclass(slots=True)
class ImportReport:
    read: int = 0
    imported: int = 0
    updated: int = 0
    skipped: list[Skipped] = field(default_factory=list)

    @property
    def usable(self) -> int:
        return self.imported + self.updated


Progress = Callable[[int], None]
Cancelled = Callable[[], bool]


def index_document(service: Service, needs: dict[str, float]) -> IndexDocument:
    """The stemmed text of a service for the full-text index.

    Need tokens are repeated by strength (1-3 times) so that bm25 ranks a service whose taxonomy says "Debt
    advice" above one that mentions debt in passing.
    """
    description_parts = [service.description, *service.eligibility, service.fees, *service.service_areas]
    return IndexDocument(
        name=index_text(service.name),
        organization=index_text(service.organization.name if service.organization else None),
        taxonomy=index_text(" ".join(term.name for term in service.taxonomy)),
        needs=" ".join(" ".join([need_token(need)] * max(1, round(weight * 3))) for need, weight in needs.items()),
        description=index_text(" ".join(p for p in description_parts if p)),
    )


# A taxonomy term on more than this share of a batch of services is a broad heading rather than a service type.
BROAD_TERM_SHARE = 0.12
MIN_BATCH_FOR_SHARES = 20


def term_specificity(batch: list[Service]) -> dict[str, float]:
    """How much each taxonomy term of a batch says about a service: 1 for specific terms, less for headings
    that cover a large share of the directory (shares are only judged on batches big enough to tell)."""
    if len(batch) < MIN_BATCH_FOR_SHARES:
        return {}
    counts = Counter(term.name for service in batch for term in {t.name: t for t in service.taxonomy}.values())
    return {name: min(1.0, BROAD_TERM_SHARE * len(batch) / count) for name, count in counts.items()}


def store_services(connection: Connection, vocabulary: NeedsVocabulary, batch: list[Service]) -> tuple[int, int]:
    """Tag, index and upsert services (from an import or from the hub) in the caller's transaction."""
    specificity = term_specificity(batch)
    needs = {
        s.id: vocabulary.tag_service([t.name for t in s.taxonomy], s.name, s.description, specificity) for s in batch
    }
    documents = {s.id: index_document(s, needs[s.id]) for s in batch}
    counts = upsert_services(connection, batch, needs, documents)
    return counts.inserted, counts.updated


def _record_id(data: Any) -> str | None:
    if isinstance(data, dict) and isinstance(data.get("id"), str | int) and not isinstance(data.get("id"), bool):
        return str(data["id"])[:80]
    return None


def import_records(
    engine: Engine,
    records: Iterable[RawRecord],
    vocabulary: NeedsVocabulary,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> ImportReport:
    report = ImportReport()
    seen: set[str] = set()
    with engine.begin() as connection:
        batch: list[Service] = []
        for raw in records:
            if cancelled is not None and cancelled():
                raise ImportCancelled("import cancelled; nothing was changed")
            report.read += 1
            try:
                service = parse_service(raw.data)
            except RecordError as error:
                report.skipped.append(Skipped(raw.where, _record_id(raw.data), str(error)))
                continue
            if service.id in seen:
                # Later copies win (a feed may repeat a record across pages); count it once.
                report.skipped.append(Skipped(raw.where, service.id, "repeated id; the last copy was kept"))
            seen.add(service.id)
            batch.append(service)
            if len(batch) >= BATCH:
                _add_counts(report, store_services(connection, vocabulary, batch))
                batch = []
                if progress:
                    progress(report.read)
        if batch:
            _add_counts(report, store_services(connection, vocabulary, batch))
        set_meta(connection, VOCABULARY_META_KEY, vocabulary.version)
    if progress:
        progress(report.read)
    log.info(
        "directory import: %d read, %d new, %d updated, %d skipped",
        report.read,
        report.imported,
        report.updated,
        len(report.skipped),
    )
    return report


def _add_counts(report: ImportReport, counts: tuple[int, int]) -> None:
    inserted, updated = counts
    report.imported += inserted
    report.updated += updated


def import_directory(
    engine: Engine,
    source: str,
    vocabulary: NeedsVocabulary,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    client: httpx.Client | None = None,
) -> ImportReport:
    """Import from a file path or an ORUK API URL. Raises SourceError when nothing could be read at all."""
    report = import_records(engine, read_records(source, client), vocabulary, progress, cancelled)
    if report.usable == 0:
        reason = "; ".join(str(s) for s in report.skipped[:3]) or "it holds no services"
        raise SourceError(f"nothing usable in {source}: {reason}")
    return report


def retag_if_vocabulary_changed(engine: Engine, vocabulary: NeedsVocabulary) -> bool:
    """Re-tag every stored service when the needs vocabulary changed since the services were indexed."""
    with engine.connect() as connection:
        stored = get_meta(connection, VOCABULARY_META_KEY)
        if stored == vocabulary.version or (stored is None and not _has_services(connection)):
            return False
    with engine.begin() as connection:
        session = Session(bind=connection)
        pks = list(session.scalars(select(ServiceRow.pk).order_by(ServiceRow.pk)))
        for start in range(0, len(pks), BATCH):
            rows = session.scalars(select(ServiceRow).where(ServiceRow.pk.in_(pks[start : start + BATCH])))
            store_services(connection, vocabulary, [service_from_row(row) for row in rows])
            session.expunge_all()
        set_meta(connection, VOCABULARY_META_KEY, vocabulary.version)
    return True


def _has_services(connection: Connection) -> bool:
    return connection.execute(text("SELECT 1 FROM services LIMIT 1")).first() is not None


def records_from(items: Iterable[Any], label: str = "item") -> Iterator[RawRecord]:
    for index, item in enumerate(items):
        yield RawRecord(f"{label} {index + 1}", item)
