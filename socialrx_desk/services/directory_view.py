"""Use case: everything the desk, the kiosk and printed slips show about one service."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from socialrx_desk.core.directory import Service
from socialrx_desk.core.needs import NeedsVocabulary
from socialrx_desk.core.schedule import Session as OpeningSession
from socialrx_desk.core.schedule import describe, sessions
from socialrx_desk.store.directory import load_service, service_count


@dataclass(frozen=True, slots=True)
class ServiceDetail:
    service: Service
    needs: tuple[str, ...]  # need ids, strongest first
    need_labels: tuple[str, ...]
    opening_lines: tuple[str, ...]  # "Mon-Fri 09:00-16:30"
    next_openings: tuple[OpeningSession, ...]  # concrete sessions in the coming fortnight

    @property
    def who_for(self) -> str:
        """Eligibility in one plain line: ages and the directory's own words."""
        service = self.service
        parts = list(service.eligibility)
        if service.min_age is not None and service.max_age is not None:
            parts.insert(0, f"ages {service.min_age} to {service.max_age}")
        elif service.min_age is not None:
            parts.insert(0, f"aged {service.min_age} or over")
        elif service.max_age is not None:
            parts.insert(0, f"aged {service.max_age} or under")
        return "; ".join(parts) if parts else "Anyone"


def service_detail(
    engine: Engine, vocabulary: NeedsVocabulary, service_id: str, today: date | None = None
) -> ServiceDetail | None:
    with Session(engine) as session:
        found = load_service(session, service_id)
    if found is None:
        return None
    service, needs = found
    start = today or date.today()
    return ServiceDetail(
        service=service,
        needs=tuple(needs),
        need_labels=tuple(vocabulary.needs[n].label for n in needs if n in vocabulary.needs),
        opening_lines=tuple(describe(service.opening_hours)),
        next_openings=tuple(sessions(service.opening_hours, start, start + timedelta(days=14), service.closures)),
    )


def directory_size(engine: Engine) -> int:
    with Session(engine) as session:
        return service_count(session)
