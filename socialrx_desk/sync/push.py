"""Push: send queued operations to the hub, one transaction Bundle each, and settle what happened.

Order is kept per aggregate (a patient, a slot, a referral), not globally: an operation waits only for earlier
operations that share one of its keys, so one poisoned item never blocks the rest. Each answer is classified:

- 2xx committed;
- 409 / 412 reconcile (read back: ours after all, rebase on a changed-but-free slot, or a booking conflict);
- 400 / 404 / 410 / 422 rejected (kept, with the hub's reason, for a person to act on);
- 401 / 403 re-enrol (the outbox is kept as it is);
- 408 / 429 / 5xx and network failures retried with exponential backoff and jitter.

After a timeout, a dropped connection or a crash mid-send, the operation is *uncertain* and is read back before it
is sent again: a lost response never turns into a second booking.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from socialrx_desk.core.referrals import ReferralState, move
from socialrx_desk.fhir.common import entry_responses, format_instant
from socialrx_desk.services.referrals import (
    OpKind,
    OutboxState,
    Referrals,
    SlotView,
    alternative_item,
    hub_service_id,
    utcnow,
)
from socialrx_desk.store.models import AuditRow, OutboxRow, ReferralRow, SlotRow
from socialrx_desk.sync.client import HubClient, HubResponse, Uncertain, Unreachable
from socialrx_desk.sync.slots import slot_row_values

log = logging.getLogger(__name__)

BACKOFF_BASE_SECONDS = 2.0
BACKOFF_CAP_SECONDS = 600.0
REJECT_STATUSES = frozenset({400, 404, 405, 410, 422})
REENROL_STATUSES = frozenset({401, 403})
RECONCILE_STATUSES = frozenset({409, 412})
MAX_REBASES = 3
ALTERNATIVES = 5


class ReenrolNeeded(Exception):
    """The hub refused the site token (401/403); the outbox is kept for after re-enrolment."""


class HubOffline(Exception):
    """The hub went out of reach during a push; what was not sent stays queued."""


@dataclass(slots=True)
class PushReport:
    committed: int = 0
    rejected: int = 0
    conflicts: int = 0
    retrying: int = 0
    errors: list[str] = field(default_factory=list)


def backoff_seconds(attempts: int, rng: random.Random | None = None) -> float:
    """Exponential backoff with full jitter: up to base * 2^(attempts-1), capped, never less than 1 s."""
    ceiling = min(BACKOFF_CAP_SECONDS, BACKOFF_BASE_SECONDS * (2 ** max(0, attempts - 1)))
    return max(1.0, (rng or random).uniform(ceiling / 2, ceiling))


def eligible_operations(session: Session, now: datetime) -> list[OutboxRow]:
    """Pending (or crashed in-flight) operations due now whose aggregates have no earlier open operation."""
    open_ops = list(
        session.scalars(
            select(OutboxRow)
            .where(OutboxRow.state.in_((OutboxState.PENDING, OutboxState.IN_FLIGHT)))
            .order_by(OutboxRow.seq)
        )
    )
    blocked: set[str] = set()
    ready = []
    for op in open_ops:
        keys = set(op.aggregates.split())
        if not keys & blocked and op.next_attempt_at <= now:
            ready.append(op)
        blocked |= keys
    return ready


class Pusher:
    def __init__(
        self,
        engine: Engine,
        client: HubClient,
        referrals: Referrals,
        *,
        now: Callable[[], datetime] = utcnow,
        rng: random.Random | None = None,
    ) -> None:
        self._engine = engine
        self._client = client
        self._referrals = referrals
        self._now = now
        self._rng = rng or random.Random()

    def push(self, limit: int | None = None) -> PushReport:
        """Send what is due. Raises HubOffline when the hub cannot be reached, ReenrolNeeded on 401/403."""
        report = PushReport()
        sent = 0
        while limit is None or sent < limit:
            with Session(self._engine) as session:
                ready = [op.seq for op in eligible_operations(session, self._now())]
            if not ready:
                break
            progressed = False
            for seq in ready:
                if limit is not None and sent >= limit:
                    break
                if self._process(seq, report):
                    progressed = True
                sent += 1
            if not progressed:
                break
        return report

    # --- one operation ----------------------------------------------------------------------------------------

    def _process(self, seq: int, report: PushReport) -> bool:
        """Send one operation; True when it reached a settled state (so the next in its queues may go)."""
        with Session(self._engine) as session, session.begin():
            op = session.get(OutboxRow, seq)
            if op is None or op.state not in (OutboxState.PENDING, OutboxState.IN_FLIGHT):
                return True
            crashed = op.state == OutboxState.IN_FLIGHT
            uncertain = op.uncertain or crashed
            kind, referral_id = op.kind, op.referral_id
        if uncertain:
            settled = self._reconcile(seq, report, after_failure=True)
            if settled:
                return True
        for _ in range(MAX_REBASES):
            bundle = self._prepare(seq)
            if bundle is None:
                return True
            try:
                response = self._client.transaction(bundle)
            except Unreachable as error:
                self._retry_later(seq, uncertain=False, note=str(error))
                raise HubOffline(str(error)) from None
            except Uncertain as error:
                self._retry_later(seq, uncertain=True, note=str(error))
                report.retrying += 1
                raise HubOffline(str(error)) from None
            if response.ok:
                self._committed(seq, response, report)
                return True
            if response.status in RECONCILE_STATUSES:
                if self._reconcile(seq, report, after_failure=False):
                    return True
                continue  # rebased on a slot that is still free: send again with the new version
            if response.status in REENROL_STATUSES:
                self._retry_later(seq, uncertain=False, note=response.reason, count_attempt=False)
                raise ReenrolNeeded(response.reason)
            if response.status in REJECT_STATUSES:
                self._rejected(seq, response, report)
                return True
            delay = response.retry_after if response.status == 429 else None
            self._retry_later(
                seq, uncertain=response.status >= 500 or response.status == 408, note=response.reason, delay=delay
            )
            report.retrying += 1
            return False
        log.warning("operation %s (%s, referral %s) kept changing under us; retrying later", seq, kind, referral_id)
        self._retry_later(seq, uncertain=False, note="the slot kept changing; will try again")
        report.retrying += 1
        return False

    def _prepare(self, seq: int) -> dict[str, Any] | None:
        """Mark the operation in flight (committed before sending, so a crash leaves it uncertain) and return
        the Bundle to send, or None when there is nothing to send any more."""
        with Session(self._engine) as session, session.begin():
            op = session.get(OutboxRow, seq)
            if op is None:
                return None
            referral = session.get(ReferralRow, op.referral_id) if op.referral_id else None
            if op.kind == OpKind.CANCEL:
                if referral is None or not self._reached_hub(session, referral):
                    self._settle(session, op, OutboxState.COMMITTED, None, "nothing on the hub to cancel")
                    return None
                op.bundle = self._referrals.cancel_bundle(session, referral)
            if op.bundle is None:
                self._settle(session, op, OutboxState.REJECTED, None, "the details were purged before sending")
                return None
            op.state = OutboxState.IN_FLIGHT
            op.attempts += 1
            op.updated_at = self._now()
            return dict(op.bundle)

    def _reached_hub(self, session: Session, referral: ReferralRow) -> bool:
        return (
            session.scalars(
                select(OutboxRow.seq).where(
                    OutboxRow.referral_id == referral.id,
                    OutboxRow.kind != OpKind.CANCEL,
                    (OutboxRow.state == OutboxState.COMMITTED) | (OutboxRow.attempts > 0),
                )
            ).first()
            is not None
        )

    # --- outcomes ---------------------------------------------------------------------------------------------

    def _settle(self, session: Session, op: OutboxRow, state: str, status: int | None, outcome: str | None) -> None:
        op.state = state
        op.uncertain = False
        op.last_status = status
        op.outcome = outcome
        op.updated_at = self._now()

    def _retry_later(
        self,
        seq: int,
        *,
        uncertain: bool,
        note: str,
        delay: float | None = None,
        count_attempt: bool = True,
    ) -> None:
        with Session(self._engine) as session, session.begin():
            op = session.get(OutboxRow, seq)
            if op is None:
                return
            if not count_attempt:
                op.attempts = max(0, op.attempts - 1)
            op.state = OutboxState.PENDING
            op.uncertain = op.uncertain or uncertain
            op.outcome = note
            wait = delay if delay is not None else backoff_seconds(op.attempts, self._rng)
            op.next_attempt_at = self._now() + timedelta(seconds=wait)
            op.updated_at = self._now()

    def _committed(self, seq: int, response: HubResponse | None, report: PushReport, note: str | None = None) -> None:
        with Session(self._engine) as session, session.begin():
            op = session.get(OutboxRow, seq)
            if op is None:
                return
            now = self._now()
            self._settle(session, op, OutboxState.COMMITTED, response.status if response else None, note)
            referral = session.get(ReferralRow, op.referral_id) if op.referral_id else None
            versions = _versions_from(response) if response is not None else {}
            if referral is not None:
                merged = dict(referral.versions or {})
                merged.update({k: v for k, v in versions.items() if k != "Slot" or op.kind != OpKind.CANCEL})
                if op.kind == OpKind.CANCEL and "Slot" in versions:
                    merged["Slot"] = versions["Slot"]
                referral.versions = merged
                referral.synced_at = now
                referral.updated_at = now
                target = {
                    OpKind.BOOK: ReferralState.BOOKED,
                    OpKind.REFER: ReferralState.SENT,
                    OpKind.CANCEL: ReferralState.CANCELLED,
                }[op.kind]
                current = ReferralState(referral.state)
                if current.waiting_for_hub or current == target:
                    referral.state = move(current, target).value
                    referral.state_reason = None
                if referral.slot_id:
                    slot = session.get(SlotRow, referral.slot_id)
                    if slot is not None:
                        booked = op.kind == OpKind.BOOK
                        slot.status = "busy" if booked else "free"
                        slot.resource = {**slot.resource, "status": slot.status}
                        if "Slot" in versions:
                            slot.version = versions["Slot"]
                        if not booked:
                            slot.held_by = None
                session.add(
                    AuditRow(at=now, actor="sync", action="sync-committed", referral_id=referral.id, detail=op.kind)
                )
            report.committed += 1

    def _rejected(self, seq: int, response: HubResponse, report: PushReport) -> None:
        with Session(self._engine) as session, session.begin():
            op = session.get(OutboxRow, seq)
            if op is None:
                return
            self._settle(session, op, OutboxState.REJECTED, response.status, response.reason)
            referral = session.get(ReferralRow, op.referral_id) if op.referral_id else None
            if referral is not None and op.kind != OpKind.CANCEL:
                referral.state = move(ReferralState(referral.state), ReferralState.REJECTED).value
                referral.state_reason = f"The hub refused this: {response.reason}"
                referral.updated_at = self._now()
                self._release(session, referral)
                session.add(
                    AuditRow(
                        at=self._now(),
                        actor="sync",
                        action="sync-rejected",
                        referral_id=referral.id,
                        detail=str(response.status),
                    )
                )
            report.rejected += 1

    def _release(self, session: Session, referral: ReferralRow) -> None:
        if referral.slot_id:
            slot = session.get(SlotRow, referral.slot_id)
            if slot is not None and slot.held_by == referral.id:
                slot.held_by = None

    # --- reconcile --------------------------------------------------------------------------------------------

    def _reconcile(self, seq: int, report: PushReport, *, after_failure: bool) -> bool:
        """Read back what the hub has. True when the operation is settled; False when it should be sent again
        (its Bundle rebased on the slot's current version where that changed)."""
        with Session(self._engine) as session:
            op = session.get(OutboxRow, seq)
            if op is None:
                return True
            referral = session.get(ReferralRow, op.referral_id) if op.referral_id else None
            kind = op.kind
            appointment_id = referral.appointment_id if referral else None
            slot_id = referral.slot_id if referral else None
        if referral is None:
            return False
        try:
            if kind == OpKind.BOOK and appointment_id and slot_id:
                return self._reconcile_booking(seq, referral.id, appointment_id, slot_id, report)
            if kind == OpKind.REFER:
                found = self._client.read("ServiceRequest", referral.id)
                if found.ok:
                    self._committed(seq, None, report, note="already on the hub")
                    self._store_versions(referral.id, {"ServiceRequest": _version_of(found.body)})
                    return True
                return False
            if kind == OpKind.CANCEL:
                found = self._client.read("ServiceRequest", referral.id)
                if found.ok and (found.body or {}).get("status") == "revoked":
                    self._committed(seq, None, report, note="already cancelled on the hub")
                    return True
                if slot_id:
                    self._refresh_slot(slot_id)
                return False
        except Unreachable as error:
            self._retry_later(seq, uncertain=after_failure, note=str(error))
            raise HubOffline(str(error)) from None
        except Uncertain as error:
            self._retry_later(seq, uncertain=True, note=str(error))
            raise HubOffline(str(error)) from None
        return False

    def _reconcile_booking(
        self, seq: int, referral_id: str, appointment_id: str, slot_id: str, report: PushReport
    ) -> bool:
        found = self._client.read("Appointment", appointment_id)
        if found.ok and (found.body or {}).get("status") != "cancelled":
            # Our earlier attempt committed; only its answer was lost.
            slot = self._client.read("Slot", slot_id)
            versions = {"Appointment": _version_of(found.body)}
            if slot.ok and slot.body is not None:
                versions["Slot"] = _version_of(slot.body)
                self._store_slot(slot.body)
            self._committed(seq, None, report, note="already on the hub (the earlier answer was lost)")
            self._store_versions(referral_id, versions)
            return True
        slot = self._client.read("Slot", slot_id)
        if slot.ok and slot.body is not None and slot.body.get("status") == "free":
            self._rebase(seq, slot.body)
            return False
        reason = "the slot was taken by another booking" if slot.ok else "the slot no longer exists"
        self._conflict(seq, referral_id, reason, report)
        return True

    def _rebase(self, seq: int, slot: dict[str, Any]) -> None:
        """The slot is still free but changed (or our version was stale): resend against its current version."""
        self._store_slot(slot, keep_hold=True)
        version = _version_of(slot)
        with Session(self._engine) as session, session.begin():
            op = session.get(OutboxRow, seq)
            if op is None or op.bundle is None:
                return
            bundle = dict(op.bundle)
            entries = [dict(e) for e in bundle.get("entry", [])]
            for entry in entries:
                resource = entry.get("resource") or {}
                if resource.get("resourceType") == "Slot" and resource.get("id") == slot.get("id"):
                    entry["resource"] = {**{k: v for k, v in slot.items() if k != "meta"}, "status": "busy"}
                    entry["request"] = {**entry["request"], "ifMatch": f'W/"{version}"'}
            bundle["entry"] = entries
            op.bundle = bundle
            op.base_versions = {**(op.base_versions or {}), "Slot": version}
            op.uncertain = False

    def _conflict(self, seq: int, referral_id: str, reason: str, report: PushReport) -> None:
        with Session(self._engine) as session:
            referral = session.get(ReferralRow, referral_id)
            service_id = referral.service_id if referral else ""
        alternatives = self._alternatives(service_id)
        with Session(self._engine) as session, session.begin():
            op = session.get(OutboxRow, seq)
            referral = session.get(ReferralRow, referral_id)
            if op is None or referral is None:
                return
            self._settle(session, op, OutboxState.CONFLICT, None, reason)
            referral.state = move(ReferralState(referral.state), ReferralState.CONFLICT).value
            referral.state_reason = (
                f"Slot taken: {reason}. Choose another slot, or send it as a referral without a slot."
            )
            referral.alternatives = [alternative_item(a) for a in alternatives]
            referral.updated_at = self._now()
            slot = session.get(SlotRow, referral.slot_id) if referral.slot_id else None
            if slot is not None and slot.held_by == referral.id:
                slot.held_by = None
                slot.status = "busy"
            session.add(
                AuditRow(at=self._now(), actor="sync", action="conflict", referral_id=referral.id, detail="slot taken")
            )
        report.conflicts += 1

    def _alternatives(self, service_id: str) -> list[SlotView]:
        """Free slots of the same service from the hub now (and remembered locally for the desk to offer)."""
        params = {
            "service": f"HealthcareService/{hub_service_id(service_id)}",
            "status": "free",
            "start": f"ge{format_instant(self._now())}",
            "_count": str(ALTERNATIVES * 4),
        }
        try:
            response = self._client.search("Slot", params)
        except (Unreachable, Uncertain):
            response = None
        if response is not None and response.ok and response.body is not None:
            for entry in response.body.get("entry") or ():
                resource = entry.get("resource")
                if isinstance(resource, dict) and resource.get("resourceType") == "Slot":
                    self._store_slot(resource, service_id=service_id)
        return self._referrals.free_slots(service_id, start=self._now())[:ALTERNATIVES]

    def _refresh_slot(self, slot_id: str) -> None:
        slot = self._client.read("Slot", slot_id)
        if slot.ok and slot.body is not None:
            self._store_slot(slot.body, keep_hold=True)

    def _store_slot(self, resource: dict[str, Any], *, keep_hold: bool = True, service_id: str | None = None) -> None:
        with Session(self._engine) as session, session.begin():
            row = session.get(SlotRow, str(resource["id"]))
            values = slot_row_values(resource, service_id or (row.service_id if row else None), self._now())
            if values is None:
                return
            if row is None:
                session.add(SlotRow(**values, held_by=None))
            else:
                held = row.held_by if keep_hold else None
                for key, value in values.items():
                    setattr(row, key, value)
                row.held_by = held

    def _store_versions(self, referral_id: str, versions: dict[str, str]) -> None:
        with Session(self._engine) as session, session.begin():
            referral = session.get(ReferralRow, referral_id)
            if referral is not None:
                referral.versions = {**(referral.versions or {}), **{k: v for k, v in versions.items() if v}}
                if "Slot" in versions and referral.slot_id:
                    slot = session.get(SlotRow, referral.slot_id)
                    if slot is not None:
                        slot.version = versions["Slot"]


def _version_of(resource: dict[str, Any] | None) -> str:
    meta = (resource or {}).get("meta") or {}
    return str(meta.get("versionId") or "")


def _versions_from(response: HubResponse) -> dict[str, str]:
    """Resource type -> new versionId from a transaction-response Bundle."""
    versions: dict[str, str] = {}
    if response.body is None:
        return versions
    for entry in entry_responses(response.body):
        if entry.resource_type and entry.version is not None:
            versions[entry.resource_type] = str(entry.version)
    return versions
