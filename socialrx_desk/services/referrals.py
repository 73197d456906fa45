"""Use cases: book a patient into a slot, refer without a slot, self-refer at the kiosk, cancel, resolve a
conflict, list what needs attention, purge old patient details.

Each use case validates its input first (nothing is stored when anything is wrong), then commits the local change
*and* its outbox operation in one SQLite transaction: a crash at any moment either keeps both or neither, so
nothing confirmed to the user is lost and nothing half-done is sent.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import Engine, and_, delete, or_, select
from sqlalchemy.orm import Session

from socialrx_desk.core.needs import NeedsVocabulary
from socialrx_desk.core.patients import PatientDetails, validate_patient
from socialrx_desk.core.referrals import (
    ReferralKind,
    ReferralState,
    move,
    new_id,
    new_reference,
)
from socialrx_desk.fhir.common import parse_instant
from socialrx_desk.fhir.directory import fhir_id
from socialrx_desk.fhir.referrals import (
    PatientData,
    ReferralData,
    SlotBooking,
    booking_bundle,
    cancel_bundle,
    referral_bundle,
)
from socialrx_desk.store.models import (
    AuditRow,
    OutboxRow,
    PatientRow,
    ReferralRow,
    ServiceRow,
    SlotRow,
)

log = logging.getLogger(__name__)
MAX_REASON = 1000


class ReferralError(Exception):
    """A request that cannot be done as asked; the message is for the person at the screen."""


class OutboxState:
    PENDING = "pending"
    IN_FLIGHT = "in_flight"
    COMMITTED = "committed"
    REJECTED = "rejected"
    CONFLICT = "conflict"

    OPEN = (PENDING, IN_FLIGHT, CONFLICT)


class OpKind:
    BOOK = "book"
    REFER = "refer"
    CANCEL = "cancel"


@dataclass(frozen=True, slots=True)
class SlotView:
    id: str
    service_id: str
    start: datetime  # UTC, naive
    end: datetime
    status: str


@dataclass(frozen=True, slots=True)
class PatientView:
    id: str
    name: str
    birth_date: date | None
    nhs_number: str | None
    phone: str | None
    postcode: str | None


@dataclass(frozen=True, slots=True)
class ReferralView:
    id: str
    reference: str
    kind: str
    state: str
    state_reason: str | None
    service_id: str
    service_name: str
    slot_id: str | None
    slot_start: datetime | None
    slot_end: datetime | None
    patient: PatientView | None  # None once purged
    reason: str | None
    needs: tuple[str, ...]
    consent_at: datetime | None
    alternatives: tuple[SlotView, ...]
    created_at: datetime
    updated_at: datetime
    synced: bool

    @property
    def needs_attention(self) -> bool:
        return ReferralState(self.state).needs_attention or self.kind == ReferralKind.ASK_DESK.value


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def to_utc_naive(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(tzinfo=None) if moment.tzinfo else moment


def hub_service_id(service_id: str) -> str:
    return fhir_id(service_id, "service")


class Referrals:
    """The referral use cases of one profile. ``actor`` names the site (and person) in the audit log."""

    def __init__(self, engine: Engine, vocabulary: NeedsVocabulary, actor: str) -> None:
        self._engine = engine
        self._vocabulary = vocabulary
        self.actor = actor

    # --- creating ---------------------------------------------------------------------------------------------

    def book(
        self,
        *,
        service_id: str,
        slot_id: str,
        patient: PatientDetails,
        consent: bool,
        reason: str | None = None,
        needs: Sequence[str] = (),
        now: datetime | None = None,
    ) -> ReferralView:
        """Book a patient into a free slot. Works offline: the booking is provisional until the hub confirms."""
        return self._create(ReferralKind.BOOKING, service_id, slot_id, patient, consent, reason, needs, now)

    def refer(
        self,
        *,
        service_id: str,
        patient: PatientDetails,
        consent: bool,
        reason: str | None = None,
        needs: Sequence[str] = (),
        now: datetime | None = None,
    ) -> ReferralView:
        """Refer without a slot: the agency contacts the patient."""
        return self._create(ReferralKind.REFERRAL, service_id, None, patient, consent, reason, needs, now)

    def self_refer(
        self,
        *,
        service_id: str,
        patient: PatientDetails,
        consent: bool,
        reason: str | None = None,
        ask_desk: bool = False,
        now: datetime | None = None,
    ) -> ReferralView:
        """A patient at the kiosk refers themselves, or asks the desk to book for them."""
        kind = ReferralKind.ASK_DESK if ask_desk else ReferralKind.SELF_REFERRAL
        return self._create(kind, service_id, None, patient, consent, reason, (), now)

    def _create(
        self,
        kind: ReferralKind,
        service_id: str,
        slot_id: str | None,
        patient: PatientDetails,
        consent: bool,
        reason: str | None,
        needs: Sequence[str],
        now: datetime | None,
    ) -> ReferralView:
        moment = now or utcnow()
        details = validate_patient(
            patient,
            moment.date(),
            require_phone=kind in (ReferralKind.SELF_REFERRAL, ReferralKind.ASK_DESK),
        )
        if not consent:
            raise ReferralError("the patient's consent to share their details with the service is needed")
        reason = _clean_reason(reason)
        unknown = [n for n in needs if n not in self._vocabulary]
        if unknown:
            raise ReferralError(f"unknown need: {', '.join(unknown)}")
        with Session(self._engine) as session, session.begin():
            service = session.scalars(select(ServiceRow).where(ServiceRow.id == service_id)).one_or_none()
            if service is None:
                raise ReferralError("that service is not in the directory")
            if not service.status.startswith("active") and service.status != "temporarily closed":
                raise ReferralError(f"{service.name} is {service.status} and takes no referrals")
            slot: SlotRow | None = None
            if slot_id is not None:
                slot = session.get(SlotRow, slot_id)
                if slot is None or slot.service_id != service_id:
                    raise ReferralError("that slot is not one of this service's; sync to see current slots")
                if slot.status != "free" or slot.held_by is not None:
                    raise ReferralError("that slot has just been taken; please choose another")
                if slot.start <= moment:
                    raise ReferralError("that slot is in the past; please choose another")
            patient_row = _find_or_add_patient(session, details, moment)
            referral = ReferralRow(
                id=new_id(),
                reference=new_reference(),
                kind=kind.value,
                state=(ReferralState.PROVISIONAL if slot else ReferralState.QUEUED).value,
                patient_id=patient_row.id,
                service_id=service.id,
                service_name=service.name,
                slot_id=slot.id if slot else None,
                slot_start=slot.start if slot else None,
                slot_end=slot.end if slot else None,
                appointment_id=new_id() if slot else None,
                task_id=new_id(),
                reason=reason,
                needs=" ".join(dict.fromkeys(needs)),
                consent_at=moment,
                alternatives=[],
                versions={},
                created_by=self.actor,
                created_at=moment,
                updated_at=moment,
            )
            session.add(referral)
            if slot is not None:
                slot.held_by = referral.id
            session.flush()
            self._enqueue(session, referral, patient_row, OpKind.BOOK if slot else OpKind.REFER, moment)
            self._audit(session, kind.value, referral.id, moment, referral.state)
            view = self._view(session, referral)
        log.info("referral %s created (%s, %s)", view.id, view.kind, view.state)
        return view

    # --- changing ---------------------------------------------------------------------------------------------

    def cancel(self, referral_id: str, now: datetime | None = None) -> ReferralView:
        moment = now or utcnow()
        with Session(self._engine) as session, session.begin():
            referral = self._get_row(session, referral_id)
            state = ReferralState(referral.state)
            move(state, ReferralState.CANCELLED)
            unsent = self._open_ops(session, referral.id)
            if unsent and all(op.state == OutboxState.PENDING and op.attempts == 0 for op in unsent):
                # Never left this machine: withdraw it here, nothing to tell the hub.
                session.execute(delete(OutboxRow).where(OutboxRow.seq.in_([op.seq for op in unsent])))
                sent_before = self._ever_sent(session, referral.id)
            else:
                sent_before = True
            self._release_slot(session, referral)
            if sent_before:
                patient = session.get(PatientRow, referral.patient_id) if referral.patient_id else None
                self._enqueue(session, referral, patient, OpKind.CANCEL, moment)
            referral.state = ReferralState.CANCELLED.value
            referral.state_reason = None
            referral.updated_at = moment
            self._audit(session, "cancel", referral.id, moment, referral.state)
            return self._view(session, referral)

    def rebook(self, referral_id: str, slot_id: str, now: datetime | None = None) -> ReferralView:
        """Resolve a conflict (or a referral that is still waiting) by taking another free slot."""
        moment = now or utcnow()
        with Session(self._engine) as session, session.begin():
            referral = self._get_row(session, referral_id)
            state = self._resolvable(referral)
            slot = session.get(SlotRow, slot_id)
            if slot is None or slot.service_id != referral.service_id:
                raise ReferralError("that slot is not one of this service's; sync to see current slots")
            if slot.status != "free" or slot.held_by not in (None, referral.id):
                raise ReferralError("that slot has just been taken; please choose another")
            patient = self._patient_for_resend(session, referral)
            self._settle_open_ops(session, referral.id)
            self._release_slot(session, referral)
            slot.held_by = referral.id
            referral.slot_id, referral.slot_start, referral.slot_end = slot.id, slot.start, slot.end
            referral.appointment_id = new_id()  # the lost booking never created its Appointment
            referral.kind = ReferralKind.BOOKING.value
            referral.state = move(state, ReferralState.PROVISIONAL).value
            referral.state_reason = None
            referral.alternatives = []
            referral.updated_at = moment
            self._enqueue(session, referral, patient, OpKind.BOOK, moment)
            self._audit(session, "rebook", referral.id, moment, referral.state)
            return self._view(session, referral)

    def send_without_slot(self, referral_id: str, now: datetime | None = None) -> ReferralView:
        """Resolve a conflict by sending the referral without a slot: the agency contacts the patient."""
        moment = now or utcnow()
        with Session(self._engine) as session, session.begin():
            referral = self._get_row(session, referral_id)
            state = self._resolvable(referral)
            patient = self._patient_for_resend(session, referral)
            self._settle_open_ops(session, referral.id)
            self._release_slot(session, referral)
            referral.slot_id = referral.slot_start = referral.slot_end = referral.appointment_id = None
            if referral.kind == ReferralKind.BOOKING.value or referral.kind == ReferralKind.ASK_DESK.value:
                referral.kind = ReferralKind.REFERRAL.value
            referral.state = move(state, ReferralState.QUEUED).value
            referral.state_reason = None
            referral.alternatives = []
            referral.updated_at = moment
            self._enqueue(session, referral, patient, OpKind.REFER, moment)
            self._audit(session, "send-without-slot", referral.id, moment, referral.state)
            return self._view(session, referral)

    def complete_request(
        self, referral_id: str, slot_id: str | None = None, now: datetime | None = None
    ) -> ReferralView:
        """The desk acts on a kiosk "please book this for me": book a slot, or send it as a referral."""
        with Session(self._engine) as session:
            referral = self._get_row(session, referral_id)
            if referral.kind != ReferralKind.ASK_DESK.value:
                raise ReferralError("this is not a request from the kiosk")
        if slot_id is None:
            return self.send_without_slot(referral_id, now)
        return self.rebook(referral_id, slot_id, now)

    def resend(self, referral_id: str, now: datetime | None = None) -> ReferralView | None:
        """Queue a synced referral again because the hub no longer has it (restored from an older backup).

        A booking asks for its slot again (a normal booking: it may now meet a conflict). Returns None when
        there is nothing to resend (settled, cancelled, or the patient's details already purged).
        """
        moment = now or utcnow()
        with Session(self._engine) as session, session.begin():
            referral = session.get(ReferralRow, referral_id)
            if (
                referral is None
                or referral.state == ReferralState.CANCELLED.value
                or self._open_ops(session, referral.id)
            ):
                return None
            patient = session.get(PatientRow, referral.patient_id) if referral.patient_id else None
            if patient is None or patient.purged_at is not None:
                return None
            slot = session.get(SlotRow, referral.slot_id) if referral.slot_id else None
            if slot is not None and slot.status == "free" and slot.held_by in (None, referral.id):
                slot.held_by = referral.id
                referral.state = ReferralState.PROVISIONAL.value
                kind = OpKind.BOOK
            else:
                if referral.slot_id:
                    referral.slot_id = referral.slot_start = referral.slot_end = referral.appointment_id = None
                    referral.state_reason = "The hub lost this booking and its slot is gone; sent as a referral."
                referral.state = ReferralState.QUEUED.value
                kind = OpKind.REFER
            referral.versions = {}
            referral.synced_at = None
            referral.updated_at = moment
            self._enqueue(session, referral, patient, kind, moment)
            self._audit(session, "resend", referral.id, moment, referral.state)
            return self._view(session, referral)

    # --- reading ----------------------------------------------------------------------------------------------

    def get(self, referral_id: str) -> ReferralView | None:
        with Session(self._engine) as session:
            row = session.get(ReferralRow, referral_id)
            return self._view(session, row) if row else None

    def list_referrals(self, *, attention_only: bool = False, limit: int = 500) -> list[ReferralView]:
        with Session(self._engine) as session:
            statement = select(ReferralRow).order_by(ReferralRow.updated_at.desc()).limit(limit)
            if attention_only:
                statement = statement.where(
                    or_(
                        ReferralRow.state.in_([s.value for s in ReferralState if s.needs_attention]),
                        and_(
                            ReferralRow.kind == ReferralKind.ASK_DESK.value,
                            ReferralRow.state.in_([ReferralState.QUEUED.value, ReferralState.SENT.value]),
                        ),
                    )
                )
            return [self._view(session, row) for row in session.scalars(statement)]

    def free_slots(
        self, service_id: str, start: datetime | None = None, end: datetime | None = None, limit: int = 200
    ) -> list[SlotView]:
        begin = start or utcnow()
        finish = end or begin + timedelta(days=28)
        with Session(self._engine) as session:
            rows = session.scalars(
                select(SlotRow)
                .where(
                    SlotRow.service_id == service_id,
                    SlotRow.status == "free",
                    SlotRow.held_by.is_(None),
                    SlotRow.start >= begin,
                    SlotRow.start < finish,
                )
                .order_by(SlotRow.start)
                .limit(limit)
            )
            return [_slot_view(row) for row in rows]

    def recent_patients(self, text: str = "", limit: int = 20) -> list[PatientView]:
        """Patients this desk saw recently (details not yet purged), matching a name, NHS number or phone."""
        with Session(self._engine) as session:
            statement = (
                select(PatientRow)
                .where(PatientRow.purged_at.is_(None))
                .order_by(PatientRow.updated_at.desc())
                .limit(limit)
            )
            needle = text.strip()
            if needle:
                compact = needle.replace(" ", "")
                statement = statement.where(
                    or_(
                        PatientRow.name.ilike(f"%{_escape_like(needle)}%", escape="\\"),
                        PatientRow.nhs_number == compact,
                        PatientRow.phone == compact,
                    )
                )
            return [_patient_view(row) for row in session.scalars(statement)]

    def services_with_slots(self) -> set[str]:
        with Session(self._engine) as session:
            return set(session.scalars(select(SlotRow.service_id).distinct()))

    # --- housekeeping -----------------------------------------------------------------------------------------

    def purge(self, retention_days: int, now: datetime | None = None) -> int:
        """Forget the personal details of patients whose referrals all synced more than ``retention_days`` ago.

        Referral rows stay (service, state, dates) so the desk's history and the audit log keep working; the
        outbox copies of their Bundles, which hold the same details, are dropped too.
        """
        moment = now or utcnow()
        cutoff = moment - timedelta(days=retention_days)
        purged = 0
        with Session(self._engine) as session, session.begin():
            candidates = session.scalars(
                select(PatientRow).where(PatientRow.purged_at.is_(None), PatientRow.updated_at <= cutoff)
            ).all()
            for patient in candidates:
                referrals = session.scalars(select(ReferralRow).where(ReferralRow.patient_id == patient.id)).all()
                settled = all(
                    r.synced_at is not None
                    and r.synced_at <= cutoff
                    and not ReferralState(r.state).waiting_for_hub
                    and not self._open_ops(session, r.id)
                    for r in referrals
                )
                if not settled:
                    continue
                patient.name = patient.birth_date = patient.nhs_number = patient.phone = patient.postcode = None
                patient.purged_at = moment
                for referral in referrals:
                    referral.reason = None
                    for op in session.scalars(select(OutboxRow).where(OutboxRow.referral_id == referral.id)):
                        op.bundle = None
                purged += 1
            if purged:
                self._audit(session, "purge", None, moment, f"{purged} patients")
        return purged

    # --- internals --------------------------------------------------------------------------------------------

    def _resolvable(self, referral: ReferralRow) -> ReferralState:
        """The state of a referral the desk may give a new slot or re-send: one in conflict, refused, still
        queued, or a kiosk request waiting for the desk."""
        state = ReferralState(referral.state)
        waiting_request = referral.kind == ReferralKind.ASK_DESK.value and state == ReferralState.SENT
        if state not in (ReferralState.CONFLICT, ReferralState.REJECTED, ReferralState.QUEUED) and not waiting_request:
            raise ReferralError(f"a referral that is {state.value} cannot be changed this way")
        return state

    def _get_row(self, session: Session, referral_id: str) -> ReferralRow:
        row = session.get(ReferralRow, referral_id)
        if row is None:
            raise ReferralError("no such referral")
        return row

    def _open_ops(self, session: Session, referral_id: str) -> list[OutboxRow]:
        return list(
            session.scalars(
                select(OutboxRow)
                .where(OutboxRow.referral_id == referral_id, OutboxRow.state.in_(OutboxState.OPEN))
                .order_by(OutboxRow.seq)
            )
        )

    def _ever_sent(self, session: Session, referral_id: str) -> bool:
        return (
            session.scalars(
                select(OutboxRow.seq).where(OutboxRow.referral_id == referral_id, OutboxRow.attempts > 0).limit(1)
            ).first()
            is not None
        )

    def _settle_open_ops(self, session: Session, referral_id: str) -> None:
        """Before re-sending: nothing still open for this referral may be sent as well."""
        for op in self._open_ops(session, referral_id):
            if op.state == OutboxState.IN_FLIGHT or (op.attempts > 0 and op.state == OutboxState.PENDING):
                # An attempt may have reached the hub; the next sync finds out. Re-sending now could double it.
                raise ReferralError("this referral is still being sent; sync, then try again")
            if op.state == OutboxState.PENDING:
                session.delete(op)  # never left this machine
            else:
                op.state = OutboxState.REJECTED
                op.outcome = (op.outcome or "the slot was taken") + "; replaced by a new request"

    def _patient_for_resend(self, session: Session, referral: ReferralRow) -> PatientRow:
        patient = session.get(PatientRow, referral.patient_id) if referral.patient_id else None
        if patient is None or patient.purged_at is not None:
            raise ReferralError("the patient's details have been purged; start a new referral")
        return patient

    def _release_slot(self, session: Session, referral: ReferralRow) -> None:
        if referral.slot_id:
            slot = session.get(SlotRow, referral.slot_id)
            if slot is not None and slot.held_by == referral.id:
                slot.held_by = None

    def _enqueue(
        self, session: Session, referral: ReferralRow, patient: PatientRow | None, kind: str, moment: datetime
    ) -> OutboxRow:
        referral_data = self._referral_data(referral)
        slot = session.get(SlotRow, referral.slot_id) if referral.slot_id else None
        base_versions: dict[str, str] = {}
        aggregates = [f"referral:{referral.id}"]
        if kind == OpKind.CANCEL:
            # Built when sent, not now: the hub versions of the booking may only be known by then.
            bundle = None
            if referral.slot_id:
                aggregates.append(f"slot:{referral.slot_id}")
        else:
            if patient is None:
                raise ReferralError("the patient's details have been purged; start a new referral")
            patient_data = _patient_data(patient)
            aggregates.append(f"patient:{patient.id}")
            if kind == OpKind.BOOK:
                assert slot is not None and referral.appointment_id is not None
                booking = SlotBooking(referral.appointment_id, slot.resource, slot.version)
                if slot.version:
                    base_versions["Slot"] = slot.version
                aggregates.append(f"slot:{slot.id}")
                bundle = booking_bundle(patient_data, referral_data, booking)
            else:
                bundle = referral_bundle(patient_data, referral_data)
        op = OutboxRow(
            op_id=new_id(),
            kind=kind,
            referral_id=referral.id,
            aggregates=" ".join(aggregates),
            bundle=bundle,
            base_versions=base_versions,
            state=OutboxState.PENDING,
            attempts=0,
            next_attempt_at=moment,
            created_at=moment,
            updated_at=moment,
        )
        session.add(op)
        return op

    def cancel_bundle(self, session: Session, referral: ReferralRow) -> dict[str, Any]:
        """The cancellation as the hub should see it now: revoke, cancel the Task, and free the slot if the
        booking reached the hub."""
        booking = None
        slot = session.get(SlotRow, referral.slot_id) if referral.slot_id else None
        if slot is not None and referral.appointment_id and "Appointment" in referral.versions:
            booking = SlotBooking(referral.appointment_id, slot.resource, referral.versions.get("Slot") or slot.version)
        return cancel_bundle(self._referral_data(referral), booking)

    def _referral_data(self, referral: ReferralRow) -> ReferralData:
        labels = {n: self._vocabulary.needs[n].label for n in referral.needs.split() if n in self._vocabulary}
        return ReferralData(
            id=referral.id,
            reference=referral.reference,
            kind=referral.kind,
            patient_id=referral.patient_id or "",
            service_id=hub_service_id(referral.service_id),
            task_id=referral.task_id,
            authored=referral.created_at,
            requester=""
            if referral.kind in (ReferralKind.SELF_REFERRAL.value, ReferralKind.ASK_DESK.value)
            else referral.created_by,
            reason=referral.reason,
            needs=tuple(labels.items()),
            consent_at=referral.consent_at,
        )

    def _audit(self, session: Session, action: str, referral_id: str | None, moment: datetime, detail: str) -> None:
        session.add(AuditRow(at=moment, actor=self.actor, action=action, referral_id=referral_id, detail=detail))

    def _view(self, session: Session, row: ReferralRow) -> ReferralView:
        patient = session.get(PatientRow, row.patient_id) if row.patient_id else None
        return referral_view(row, patient)


def referral_view(row: ReferralRow, patient: PatientRow | None) -> ReferralView:
    return ReferralView(
        id=row.id,
        reference=row.reference,
        kind=row.kind,
        state=row.state,
        state_reason=row.state_reason,
        service_id=row.service_id,
        service_name=row.service_name,
        slot_id=row.slot_id,
        slot_start=row.slot_start,
        slot_end=row.slot_end,
        patient=_patient_view(patient) if patient is not None and patient.purged_at is None else None,
        reason=row.reason,
        needs=tuple(row.needs.split()),
        consent_at=row.consent_at,
        alternatives=tuple(_alternative(a) for a in row.alternatives or ()),
        created_at=row.created_at,
        updated_at=row.updated_at,
        synced=row.synced_at is not None,
    )


def _alternative(item: dict[str, str]) -> SlotView:
    return SlotView(
        id=item["id"],
        service_id=item["service_id"],
        start=datetime.fromisoformat(item["start"]),
        end=datetime.fromisoformat(item["end"]),
        status="free",
    )


def alternative_item(slot: SlotView) -> dict[str, str]:
    return {
        "id": slot.id,
        "service_id": slot.service_id,
        "start": slot.start.isoformat(),
        "end": slot.end.isoformat(),
    }


def _slot_view(row: SlotRow) -> SlotView:
    return SlotView(row.id, row.service_id, row.start, row.end, row.status)


def _patient_view(row: PatientRow) -> PatientView:
    return PatientView(row.id, row.name or "", row.birth_date, row.nhs_number, row.phone, row.postcode)


def _patient_data(row: PatientRow) -> PatientData:
    if row.birth_date is None or row.name is None:
        raise ReferralError("the patient's details have been purged; start a new referral")
    return PatientData(row.id, row.name, row.birth_date, row.nhs_number, row.phone, row.postcode)


def _find_or_add_patient(session: Session, details: PatientDetails, moment: datetime) -> PatientRow:
    """The same person (NHS number, or name + date of birth) is one Patient, updated with the latest details."""
    existing: PatientRow | None = None
    if details.nhs_number:
        existing = session.scalars(
            select(PatientRow).where(PatientRow.nhs_number == details.nhs_number, PatientRow.purged_at.is_(None))
        ).first()
    if existing is None:
        existing = session.scalars(
            select(PatientRow).where(
                PatientRow.name == details.name,
                PatientRow.birth_date == details.birth_date,
                PatientRow.purged_at.is_(None),
            )
        ).first()
    if existing is None:
        existing = PatientRow(id=new_id(), created_at=moment)
        session.add(existing)
    existing.name = details.name
    existing.birth_date = details.birth_date
    existing.nhs_number = details.nhs_number or existing.nhs_number
    existing.phone = details.phone or existing.phone
    existing.postcode = details.postcode or existing.postcode
    existing.updated_at = moment
    return existing


def _clean_reason(reason: str | None) -> str | None:
    if reason is None:
        return None
    text = " ".join(reason.split())
    if len(text) > MAX_REASON:
        raise ReferralError(f"the reason is too long (at most {MAX_REASON} characters)")
    return text or None


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


# --- slots from the hub -------------------------------------------------------------------------------------------


def slot_times(resource: dict[str, Any]) -> tuple[datetime, datetime]:
    start = parse_instant(str(resource["start"])).replace(tzinfo=None)
    end = parse_instant(str(resource["end"])).replace(tzinfo=None)
    return start, end
