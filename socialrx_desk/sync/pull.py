"""Pull: the directory, schedules and slots, and the status of this site's referrals, from the hub.

Changes are read with ``_lastUpdated=ge<high-water mark - overlap>&_sort=_lastUpdated``, following ``next``
links. The high-water mark is the hub's own ``meta.lastUpdated`` (never this machine's clock); the overlap catches
writes that committed late with an earlier timestamp, and (id, versionId) de-duplication makes the overlap free.
A row with local changes still waiting to be sent is never overwritten.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine, delete, select
from sqlalchemy.orm import Session

from socialrx_desk.core.directory import Service
from socialrx_desk.core.needs import NeedsVocabulary
from socialrx_desk.core.referrals import TASK_STATES, ReferralKind, ReferralState, can_move, new_id, new_reference
from socialrx_desk.fhir.common import format_instant, parse_instant, referenced
from socialrx_desk.fhir.directory import fhir_id, schedule_service_ids, service_from_resource, slot_schedule_id
from socialrx_desk.fhir.referrals import (
    based_on_id,
    focus_id,
    kind_of,
    need_codes,
    note_text,
    patient_data_from,
    referral_reference_of,
    slot_ids,
)
from socialrx_desk.services.directory_import import store_services
from socialrx_desk.services.referrals import OutboxState, utcnow
from socialrx_desk.store.directory import get_meta, set_meta
from socialrx_desk.store.models import OutboxRow, PatientRow, ReferralRow, ServiceRow, SlotRow
from socialrx_desk.sync.client import HubClient
from socialrx_desk.sync.slots import slot_row_values
from socialrx_desk.sync.state import SCHEDULES, cursor, reset_cursors, set_cursor

log = logging.getLogger(__name__)
OVERLAP = timedelta(seconds=60)
PAGE_SIZE = 200
SLOT_HORIZON = timedelta(days=1)  # slots that ended longer ago than this are not kept


@dataclass(slots=True)
class PullReport:
    services: int = 0
    slots: int = 0
    referrals: int = 0

    @property
    def directory_changed(self) -> bool:
        return self.services > 0


class Puller:
    def __init__(
        self,
        engine: Engine,
        client: HubClient,
        vocabulary: NeedsVocabulary,
        *,
        personal: bool = True,
        now: Callable[[], datetime] = utcnow,
    ) -> None:
        self._engine = engine
        self._client = client
        self._vocabulary = vocabulary
        self._personal = personal
        self._now = now
        self._resources: dict[str, dict[str, dict[str, Any]]] = {"Organization": {}, "Location": {}}

    def pull(self) -> PullReport:
        report = PullReport()
        for resource_type in ("Organization", "Location"):
            for page in self._changes(resource_type):
                self._resources[resource_type].update({str(r["id"]): r for r in page})
                self._advance(resource_type, page)
        for page in self._changes("HealthcareService"):
            report.services += self._store_services(page)
        for page in self._changes("Schedule"):
            self._store_schedules(page)
        for page in self._changes("Slot"):
            report.slots += self._store_slots(page)
        if self._personal:
            for resource_type, handler in (
                ("ServiceRequest", self._store_service_requests),
                ("Appointment", self._store_appointments),
                ("Task", self._store_tasks),
            ):
                for page in self._changes(resource_type):
                    report.referrals += handler(page)
        return report

    # --- paging -----------------------------------------------------------------------------------------------

    def _changes(self, resource_type: str) -> Iterator[list[dict[str, Any]]]:
        """Pages of resources changed since the cursor, de-duplicated on (id, versionId)."""
        with self._engine.connect() as connection:
            high_water = cursor(connection, resource_type)
        params = {"_sort": "_lastUpdated", "_count": str(PAGE_SIZE)}
        if high_water:
            since = parse_instant(high_water) - OVERLAP
            params["_lastUpdated"] = "ge" + format_instant(since)
        seen: set[tuple[str, str]] = set()
        for bundle in self._client.pages(resource_type, params):
            page = []
            for entry in bundle.get("entry") or ():
                resource = entry.get("resource") if isinstance(entry, dict) else None
                if not isinstance(resource, dict) or resource.get("resourceType") != resource_type:
                    continue
                key = (str(resource.get("id")), str((resource.get("meta") or {}).get("versionId")))
                if key in seen:
                    continue
                seen.add(key)
                page.append(resource)
            if page:
                yield page
                # Handlers advance the cursor with the data they store; types without a handler advance here.

    def _advance(self, resource_type: str, page: list[dict[str, Any]], session: Session | None = None) -> None:
        marks = [str((r.get("meta") or {}).get("lastUpdated") or "") for r in page]
        marks = [m for m in marks if m]
        if not marks:
            return
        if session is not None:
            set_cursor(session.connection(), resource_type, max(marks))
        else:
            with self._engine.begin() as connection:
                set_cursor(connection, resource_type, max(marks))

    # --- directory ----------------------------------------------------------------------------------------------

    def _referenced(self, resource_type: str, resource_id: str) -> dict[str, Any] | None:
        cache = self._resources[resource_type]
        if resource_id not in cache:
            response = self._client.read(resource_type, resource_id)
            if response.ok and response.body is not None:
                cache[resource_id] = response.body
        return cache.get(resource_id)

    def _store_services(self, page: list[dict[str, Any]]) -> int:
        services: list[Service] = []
        for resource in page:
            org_ids = referenced(resource.get("providedBy"), "Organization")
            organization = self._referenced("Organization", org_ids[0]) if org_ids else None
            locations = [
                loc
                for loc in (self._referenced("Location", i) for i in referenced(resource.get("location"), "Location"))
                if loc is not None
            ]
            try:
                service = service_from_resource(resource, organization, locations)
            except (KeyError, TypeError, ValueError) as error:
                log.warning("skipped HealthcareService %s from the hub: %s", resource.get("id"), error)
                continue
            if service.name:
                services.append(service)
        with Session(self._engine) as session, session.begin():
            if services:
                store_services(session.connection(), self._vocabulary, services)
            self._advance("HealthcareService", page, session)
        return len(services)

    def _service_ids(self, session: Session, hub_ids: list[str]) -> dict[str, str]:
        """Hub HealthcareService id -> our (ORUK) service id."""
        found = {}
        for hub_id in hub_ids:
            if session.scalars(select(ServiceRow.id).where(ServiceRow.id == hub_id)).first() is not None:
                found[hub_id] = hub_id
        missing = [h for h in hub_ids if h not in found]
        if missing:
            wanted = set(missing)
            for service_id in session.scalars(select(ServiceRow.id)):
                if fhir_id(service_id, "service") in wanted:
                    found[fhir_id(service_id, "service")] = service_id
        return found

    def _schedules(self, session: Session) -> dict[str, str]:
        raw = get_meta(session.connection(), SCHEDULES)
        return dict(json.loads(raw)) if raw else {}

    def _store_schedules(self, page: list[dict[str, Any]]) -> None:
        with Session(self._engine) as session, session.begin():
            schedules = self._schedules(session)
            hub_ids = sorted({h for r in page for h in schedule_service_ids(r)})
            ids = self._service_ids(session, hub_ids)
            for resource in page:
                services = [ids[h] for h in schedule_service_ids(resource) if h in ids]
                if services:
                    schedules[str(resource["id"])] = services[0]
            set_meta(session.connection(), SCHEDULES, json.dumps(schedules, sort_keys=True))
            self._advance("Schedule", page, session)

    def _store_slots(self, page: list[dict[str, Any]]) -> int:
        now = self._now()
        stored = 0
        with Session(self._engine) as session, session.begin():
            schedules = self._schedules(session)
            for resource in page:
                schedule_id = slot_schedule_id(resource)
                values = slot_row_values(resource, schedules.get(schedule_id or ""), now)
                if values is None or values["end"] < now - SLOT_HORIZON:
                    continue
                row = session.get(SlotRow, values["id"])
                if row is None:
                    session.add(SlotRow(**values, held_by=None))
                    stored += 1
                elif row.held_by is not None and self._has_open_ops(session, row.held_by):
                    continue  # a booking of ours is on its way: the local hold stands until the hub answers
                elif row.version != values["version"]:
                    for key, value in values.items():
                        setattr(row, key, value)
                    row.held_by = None
                    stored += 1
            self._advance("Slot", page, session)
        return stored

    # --- this site's referrals ----------------------------------------------------------------------------------

    def _has_open_ops(self, session: Session, referral_id: str) -> bool:
        return (
            session.scalars(
                select(OutboxRow.seq).where(OutboxRow.referral_id == referral_id, OutboxRow.state.in_(OutboxState.OPEN))
            ).first()
            is not None
        )

    def _store_service_requests(self, page: list[dict[str, Any]]) -> int:
        changed = 0
        with Session(self._engine) as session, session.begin():
            for resource in page:
                referral = session.get(ReferralRow, str(resource["id"]))
                version = str((resource.get("meta") or {}).get("versionId") or "")
                if referral is None:
                    if self._adopt(session, resource):
                        changed += 1
                    continue
                if self._has_open_ops(session, referral.id) or referral.versions.get("ServiceRequest") == version:
                    continue
                referral.versions = {**referral.versions, "ServiceRequest": version}
                if resource.get("status") == "revoked" and can_move(
                    ReferralState(referral.state), ReferralState.CANCELLED
                ):
                    referral.state = ReferralState.CANCELLED.value
                    referral.updated_at = self._now()
                    changed += 1
            self._advance("ServiceRequest", page, session)
        return changed

    def _adopt(self, session: Session, resource: dict[str, Any]) -> bool:
        """A referral made elsewhere in this practice (the kiosk, another desk): show it here too."""
        performer = referenced(resource.get("performer"), "HealthcareService")
        subject = referenced(resource.get("subject"), "Patient")
        if not performer or not subject:
            return False
        service_ids = self._service_ids(session, performer[:1])
        service_id = service_ids.get(performer[0], performer[0])
        service = session.scalars(select(ServiceRow).where(ServiceRow.id == service_id)).first()
        patient = session.get(PatientRow, subject[0])
        if patient is None:
            response = self._client.read("Patient", subject[0])
            data = patient_data_from(response.body) if response.ok and response.body else None
            now = self._now()
            patient = PatientRow(
                id=subject[0],
                name=data.name if data else None,
                birth_date=data.birth_date if data else None,
                nhs_number=data.nhs_number if data else None,
                phone=data.phone if data else None,
                postcode=data.postcode if data else None,
                created_at=now,
                updated_at=now,
            )
            session.add(patient)
        kind = kind_of(resource) or ReferralKind.REFERRAL.value
        authored = resource.get("authoredOn")
        created = parse_instant(str(authored)).replace(tzinfo=None) if authored else self._now()
        revoked = resource.get("status") == "revoked"
        session.add(
            ReferralRow(
                id=str(resource["id"]),
                reference=referral_reference_of(resource) or new_reference(),
                kind=kind,
                state=(ReferralState.CANCELLED if revoked else ReferralState.SENT).value,
                patient_id=patient.id,
                service_id=service_id,
                service_name=service.name if service else "Unknown service",
                task_id=new_id(),
                reason=note_text(resource),
                needs=" ".join(n for n in need_codes(resource) if n in self._vocabulary),
                consent_at=created,
                alternatives=[],
                versions={"ServiceRequest": str((resource.get("meta") or {}).get("versionId") or "")},
                created_by=(resource.get("requester") or {}).get("display") or "kiosk",
                created_at=created,
                updated_at=self._now(),
                synced_at=self._now(),
            )
        )
        session.flush()
        return True

    def _store_tasks(self, page: list[dict[str, Any]]) -> int:
        changed = 0
        with Session(self._engine) as session, session.begin():
            for resource in page:
                referral_id = focus_id(resource)
                referral = session.get(ReferralRow, referral_id) if referral_id else None
                if referral is None or self._has_open_ops(session, referral.id):
                    continue
                version = str((resource.get("meta") or {}).get("versionId") or "")
                if referral.versions.get("Task") == version:
                    continue
                referral.task_id = str(resource["id"])
                referral.versions = {**referral.versions, "Task": version}
                target = TASK_STATES.get(str(resource.get("status")))
                current = ReferralState(referral.state)
                if target is not None and target != current and can_move(current, target):
                    referral.state = target.value
                    reason = resource.get("statusReason")
                    referral.state_reason = (
                        str(reason.get("text")) if isinstance(reason, dict) and reason.get("text") else None
                    )
                    referral.updated_at = self._now()
                    changed += 1
            self._advance("Task", page, session)
        return changed

    def _store_appointments(self, page: list[dict[str, Any]]) -> int:
        changed = 0
        with Session(self._engine) as session, session.begin():
            for resource in page:
                referral_id = based_on_id(resource)
                referral = session.get(ReferralRow, referral_id) if referral_id else None
                if referral is None or self._has_open_ops(session, referral.id):
                    continue
                version = str((resource.get("meta") or {}).get("versionId") or "")
                if referral.versions.get("Appointment") == version:
                    continue
                referral.versions = {**referral.versions, "Appointment": version}
                status = resource.get("status")
                slots = slot_ids(resource)
                current = ReferralState(referral.state)
                if status == "cancelled" and current in (ReferralState.BOOKED, ReferralState.ACCEPTED):
                    referral.state = ReferralState.DECLINED.value
                    referral.state_reason = "The service cancelled the appointment."
                    changed += 1
                elif status == "booked" and slots and referral.slot_id is None:
                    # Booked elsewhere in the practice (e.g. another desk completed a kiosk request).
                    referral.appointment_id = str(resource["id"])
                    referral.slot_id = slots[0]
                    referral.slot_start = _naive(resource.get("start"))
                    referral.slot_end = _naive(resource.get("end"))
                    if can_move(current, ReferralState.BOOKED):
                        referral.state = ReferralState.BOOKED.value
                    changed += 1
                referral.updated_at = self._now()
            self._advance("Appointment", page, session)
        return changed


def _naive(value: object) -> datetime | None:
    try:
        return parse_instant(str(value)).replace(tzinfo=None) if value else None
    except ValueError:
        return None


def forget_for_new_epoch(engine: Engine) -> None:
    """A hub restored from backup: download everything again. Slots not held by a booking of ours go (the hub
    will send the ones it has); the outbox, referrals and patients stay."""
    with Session(engine) as session, session.begin():
        reset_cursors(session.connection())
        session.execute(delete(SlotRow).where(SlotRow.held_by.is_(None)))
