"""Offline-first sync against a real hub on loopback, through a fault proxy where the network misbehaves."""

from __future__ import annotations

from datetime import date
from typing import Any

import httpx
import pytest
from sqlalchemy import text

from socialrx_desk.core.patients import PatientDetails, PatientValidationError
from socialrx_desk.services.referrals import ReferralError
from socialrx_desk.sync.lock import ProfileLock, SyncBusy
from tests.sync.conftest import OTHER_SERVICE, SERVICE, Desk, DeskFactory, Hub
from tests.sync.fault_proxy import Fault, FaultProxy

ANN = PatientDetails("Ann Smith", date(1948, 5, 17), "943 476 5919", "07700 900123", "l1 1aa")
BOB = PatientDetails("Bob Jones", date(1960, 2, 1), None, "0151 496 0000", None)


def hub_search(hub: Hub, resource_type: str, **params: str) -> list[dict[str, Any]]:
    token = hub.token(f"admin-{resource_type}-{len(params)}-{id(params)}", "admin", practice=None)
    response = httpx.get(
        f"{hub.url}/{resource_type}", params={"_count": "200", **params}, headers={"Authorization": f"Bearer {token}"}
    )
    assert response.status_code == 200, response.text
    return [entry["resource"] for entry in response.json().get("entry", [])]


def book_first_free(desk: Desk, patient: PatientDetails = ANN, service: str = SERVICE, index: int = 0) -> Any:
    free = desk.referrals.free_slots(service)
    assert len(free) > index, "the desk should know free slots after a sync"
    return desk.referrals.book(
        service_id=service, slot_id=free[index].id, patient=patient, consent=True, reason="keeps falling"
    )


def outbox(desk: Desk) -> list[tuple[str, str, int]]:
    with desk.workspace.engine.connect() as connection:
        rows = connection.execute(text("SELECT kind, state, attempts FROM outbox ORDER BY seq"))
        return [(r[0], r[1], r[2]) for r in rows]


# --- the happy path ----------------------------------------------------------------------------------------------


def test_book_offline_then_sync_confirms(hub: Hub, make_desk: DeskFactory) -> None:
    desk = make_desk("desk1", hub.url, hub.token("desk1"))
    first = desk.sync()
    assert first.reached and first.error is None and first.pulled.slots > 0
    booked = book_first_free(desk)
    assert booked.state == "provisional" and not booked.synced
    assert desk.runner.status().queued == 1
    report = desk.sync()
    assert report.pushed.committed == 1
    after = desk.referrals.get(booked.id)
    assert after is not None and after.state == "booked" and after.synced
    appointments = hub_search(hub, "Appointment", slot=f"Slot/{booked.slot_id}")
    assert [a["status"] for a in appointments] == ["booked"]
    assert hub_search(hub, "Slot", _id=booked.slot_id)[0]["status"] == "busy"
    assert desk.runner.status().queued == 0


def test_validation_and_consent_store_nothing(hub: Hub, make_desk: DeskFactory) -> None:
    desk = make_desk("desk1", hub.url, hub.token("desk1"))
    desk.sync()
    slot = desk.referrals.free_slots(SERVICE)[0]
    bad = PatientDetails("Ann", date(2100, 1, 1), "1234567890", "12", "nowhere")
    with pytest.raises(PatientValidationError) as problems:
        desk.referrals.book(service_id=SERVICE, slot_id=slot.id, patient=bad, consent=True)
    assert set(problems.value.problems) == {"birth_date", "nhs_number", "phone", "postcode"}
    with pytest.raises(ReferralError, match="consent"):
        desk.referrals.book(service_id=SERVICE, slot_id=slot.id, patient=ANN, consent=False)
    assert outbox(desk) == [] and desk.referrals.list_referrals() == []
    assert desk.referrals.free_slots(SERVICE)[0].id == slot.id  # not held


def test_refer_without_slot_and_agency_accepts(hub: Hub, make_desk: DeskFactory) -> None:
    desk = make_desk("desk1", hub.url, hub.token("desk1"))
    desk.sync()
    referral = desk.referrals.refer(service_id=OTHER_SERVICE, patient=BOB, consent=True, reason="loose carpet")
    assert referral.state == "queued"
    desk.sync()
    assert desk.referrals.get(referral.id).state == "sent"  # type: ignore[union-attr]
    agency_token = hub.token("Handy agency", "agency", practice=None, services=(OTHER_SERVICE,))
    tasks = httpx.get(f"{hub.url}/Task", headers={"Authorization": f"Bearer {agency_token}"}).json()["entry"]
    task = tasks[0]["resource"]
    task["status"] = "accepted"
    updated = httpx.put(
        f"{hub.url}/Task/{task['id']}",
        json=task,
        headers={"Authorization": f"Bearer {agency_token}", "Content-Type": "application/fhir+json"},
    )
    assert updated.status_code == 200, updated.text
    desk.sync()
    assert desk.referrals.get(referral.id).state == "accepted"  # type: ignore[union-attr]


# --- the network misbehaves --------------------------------------------------------------------------------------


def test_lost_response_after_commit_makes_exactly_one_booking(
    hub: Hub, proxy: FaultProxy, make_desk: DeskFactory
) -> None:
    desk = make_desk("desk1", proxy.url(), hub.token("desk1"))
    desk.sync()
    booked = book_first_free(desk)
    proxy.add(Fault("drop", method="POST"))
    report = desk.sync()
    assert report.error is not None and report.pushed.committed == 0
    assert outbox(desk)[0][1] == "pending"
    with desk.workspace.engine.connect() as connection:
        assert connection.execute(text("SELECT uncertain FROM outbox")).scalar() == 1
        connection.execute(text("UPDATE outbox SET next_attempt_at = '2000-01-01'"))
        connection.commit()
    report = desk.sync()
    assert report.error is None and report.pushed.committed == 1
    assert desk.referrals.get(booked.id).state == "booked"  # type: ignore[union-attr]
    assert len(hub_search(hub, "Appointment", slot=f"Slot/{booked.slot_id}")) == 1
    assert len(hub_search(hub, "ServiceRequest", _id=booked.id)) == 1
    patient_id = hub_search(hub, "ServiceRequest", _id=booked.id)[0]["subject"]["reference"].split("/")[1]
    assert len(hub_search(hub, "Patient", _id=patient_id)) == 1
    # The read-back did the work: only one transaction was ever posted.
    assert sum(1 for method, path in proxy.requests if method == "POST") == 1


def test_reset_mid_response_is_reconciled(hub: Hub, proxy: FaultProxy, make_desk: DeskFactory) -> None:
    desk = make_desk("desk1", proxy.url(), hub.token("desk1"))
    desk.sync()
    booked = book_first_free(desk)
    proxy.add(Fault("reset", method="POST"))
    desk.sync()
    _due_now(desk)
    desk.sync()
    assert desk.referrals.get(booked.id).state == "booked"  # type: ignore[union-attr]
    assert len(hub_search(hub, "Appointment", slot=f"Slot/{booked.slot_id}")) == 1


@pytest.mark.parametrize("code", [500, 503, 429])
def test_server_errors_are_retried_with_backoff(hub: Hub, proxy: FaultProxy, make_desk: DeskFactory, code: int) -> None:
    desk = make_desk("desk1", proxy.url(), hub.token("desk1"))
    desk.sync()
    booked = book_first_free(desk)
    proxy.add(Fault("status", method="POST", code=code, headers={"Retry-After": "30"} if code == 429 else {}))
    report = desk.sync()
    assert report.pushed.retrying == 1 and report.pushed.committed == 0
    with desk.workspace.engine.connect() as connection:
        attempts, next_at, created = connection.execute(
            text("SELECT attempts, next_attempt_at, created_at FROM outbox")
        ).one()
    assert attempts == 1 and next_at > created  # waits before the next try
    assert desk.sync().pushed.committed == 0  # not yet due: nothing is sent
    _due_now(desk)
    assert desk.sync().pushed.committed == 1
    assert len(hub_search(hub, "Appointment", slot=f"Slot/{booked.slot_id}")) == 1


def test_delay_past_the_timeout_is_reconciled(hub: Hub, proxy: FaultProxy, make_desk: DeskFactory) -> None:
    desk = make_desk("desk1", proxy.url(), hub.token("desk1"), timeout=0.5)
    desk.sync()
    booked = book_first_free(desk)
    proxy.add(Fault("delay", method="POST", seconds=1.5))
    assert desk.sync().pushed.committed == 0
    _due_now(desk)
    desk.sync()
    assert desk.referrals.get(booked.id).state == "booked"  # type: ignore[union-attr]
    assert len(hub_search(hub, "Appointment", slot=f"Slot/{booked.slot_id}")) == 1


def test_hub_unreachable_keeps_everything_queued(hub: Hub, make_desk: DeskFactory) -> None:
    desk = make_desk("desk1", hub.url, hub.token("desk1"))
    desk.sync()
    booked = book_first_free(desk)
    hub.running.stop()
    report = desk.sync()
    assert not report.reached and report.error
    status = desk.runner.status()
    assert status.online is False and status.queued == 1
    assert desk.referrals.get(booked.id).state == "provisional"  # type: ignore[union-attr]


# --- conflicts and poisoned items --------------------------------------------------------------------------------


def test_two_desks_book_the_same_slot_offline(hub: Hub, make_desk: DeskFactory) -> None:
    one = make_desk("desk1", hub.url, hub.token("desk1", practice="P1"))
    two = make_desk("desk2", hub.url, hub.token("desk2", practice="P2"))
    one.sync()
    two.sync()
    slot = one.referrals.free_slots(SERVICE)[0]
    first = one.referrals.book(service_id=SERVICE, slot_id=slot.id, patient=ANN, consent=True)
    second = two.referrals.book(service_id=SERVICE, slot_id=slot.id, patient=BOB, consent=True)
    one.sync()
    report = two.sync()
    assert report.pushed.conflicts == 1
    assert one.referrals.get(first.id).state == "booked"  # type: ignore[union-attr]
    lost = two.referrals.get(second.id)
    assert lost is not None and lost.state == "conflict" and lost.needs_attention
    assert lost.state_reason and "taken" in lost.state_reason
    assert lost.alternatives and all(a.id != slot.id for a in lost.alternatives)
    assert [a["status"] for a in hub_search(hub, "Appointment", slot=f"Slot/{slot.id}")] == ["booked"]
    assert two.referrals.list_referrals(attention_only=True)[0].id == second.id

    rebooked = two.referrals.rebook(second.id, lost.alternatives[0].id)
    assert rebooked.state == "provisional"
    two.sync()
    final = two.referrals.get(second.id)
    assert final is not None and final.state == "booked" and final.slot_id == lost.alternatives[0].id
    assert len(hub_search(hub, "Appointment", slot=f"Slot/{final.slot_id}")) == 1


def test_conflict_resolved_by_sending_without_a_slot(hub: Hub, make_desk: DeskFactory) -> None:
    one = make_desk("desk1", hub.url, hub.token("desk1", practice="P1"))
    two = make_desk("desk2", hub.url, hub.token("desk2", practice="P2"))
    one.sync()
    two.sync()
    slot = one.referrals.free_slots(SERVICE)[0]
    one.referrals.book(service_id=SERVICE, slot_id=slot.id, patient=ANN, consent=True)
    second = two.referrals.book(service_id=SERVICE, slot_id=slot.id, patient=BOB, consent=True)
    one.sync()
    two.sync()
    sent = two.referrals.send_without_slot(second.id)
    assert sent.state == "queued" and sent.slot_id is None
    two.sync()
    assert two.referrals.get(second.id).state == "sent"  # type: ignore[union-attr]
    request = hub_search(hub, "ServiceRequest", _id=second.id)[0]
    assert request["status"] == "active"
    assert not [a for a in hub_search(hub, "Appointment") if a["basedOn"][0]["reference"].endswith(second.id)]


def test_one_rejected_operation_does_not_block_the_others(hub: Hub, make_desk: DeskFactory) -> None:
    desk = make_desk("desk1", hub.url, hub.token("desk1"))
    desk.sync()
    poisoned = book_first_free(desk, ANN, index=0)
    fine = [book_first_free(desk, BOB, service=OTHER_SERVICE, index=i) for i in range(2)]
    # Corrupt the first operation so the hub refuses it as invalid (422/400).
    with desk.workspace.engine.begin() as connection:
        seq = connection.execute(text("SELECT seq FROM outbox ORDER BY seq LIMIT 1")).scalar_one()
        corrupt = "UPDATE outbox SET bundle = json_set(bundle, '$.entry[1].resource.birthDate', 'yesterday')"
        connection.execute(text(corrupt + " WHERE seq = :s"), {"s": seq})
    report = desk.sync()
    assert report.pushed.rejected == 1 and report.pushed.committed == 2
    rejected = desk.referrals.get(poisoned.id)
    assert rejected is not None and rejected.state == "rejected" and rejected.state_reason
    assert all(desk.referrals.get(f.id).state == "booked" for f in fine)  # type: ignore[union-attr]
    assert desk.referrals.free_slots(SERVICE)[0].id == poisoned.slot_id  # its slot is free again here


# --- cancellations, tokens, backups ------------------------------------------------------------------------------


def test_cancel_before_sync_sends_nothing_and_after_sync_frees_the_slot(hub: Hub, make_desk: DeskFactory) -> None:
    desk = make_desk("desk1", hub.url, hub.token("desk1"))
    desk.sync()
    never_sent = book_first_free(desk, ANN, index=0)
    desk.referrals.cancel(never_sent.id)
    assert outbox(desk) == []
    booked = book_first_free(desk, ANN, index=0)
    desk.sync()
    desk.referrals.cancel(booked.id)
    desk.sync()
    assert desk.referrals.get(booked.id).state == "cancelled"  # type: ignore[union-attr]
    assert hub_search(hub, "Slot", _id=booked.slot_id)[0]["status"] == "free"
    assert hub_search(hub, "Appointment", slot=f"Slot/{booked.slot_id}")[0]["status"] == "cancelled"
    assert hub_search(hub, "ServiceRequest", _id=booked.id)[0]["status"] == "revoked"


def test_wrong_token_marks_reenrol_and_keeps_the_outbox(hub: Hub, make_desk: DeskFactory, memory_keyring: Any) -> None:
    desk = make_desk("desk1", hub.url, hub.token("desk1"))
    desk.sync()
    booked = book_first_free(desk)
    for key in list(memory_keyring.entries):
        memory_keyring.entries[key] = "not-a-real-token"
    report = desk.sync()
    assert report.needs_reenrol
    status = desk.runner.status()
    assert status.needs_reenrol and status.queued == 1
    assert outbox(desk) == [("book", "pending", 0)]
    assert desk.referrals.get(booked.id).state == "provisional"  # type: ignore[union-attr]


def test_hub_restored_from_an_empty_backup_gets_our_bookings_again(hub: Hub, make_desk: DeskFactory) -> None:
    from socialrx_desk.server.embedded import start_hub
    from tests.sync.conftest import populate

    token = hub.token("desk1")
    desk = make_desk("desk1", hub.url, token)
    desk.sync()
    booked = book_first_free(desk)
    desk.sync()
    port = hub.running.port
    hub.running.stop()
    # The hub comes back from an older backup: a new database, the same directory and slots, a new epoch.
    restored = f"sqlite:///{hub.folder / 'restored.sqlite3'}"
    hub.running = start_hub(restored, port=port)
    hub.database_url = restored
    populate(restored)
    from socialrx_desk.server.embedded import add_site

    new_token = add_site(restored, "desk1", "desk", practice="P1")
    from socialrx_desk.secrets import set_secret
    from socialrx_desk.sync.runner import TOKEN_SECRET

    set_secret(desk.workspace.profile.name, TOKEN_SECRET, new_token)
    report = desk.sync()
    assert report.epoch_changed and report.resent == 1 and report.pushed.committed == 1
    assert desk.referrals.get(booked.id).state == "booked"  # type: ignore[union-attr]
    assert len(hub_search(hub, "Appointment", slot=f"Slot/{booked.slot_id}")) == 1
    assert len(hub_search(hub, "ServiceRequest", _id=booked.id)) == 1


def test_one_runner_per_profile(hub: Hub, make_desk: DeskFactory) -> None:
    desk = make_desk("desk1", hub.url, hub.token("desk1"))
    with ProfileLock(desk.workspace.profile.sync_lock), pytest.raises(SyncBusy):
        desk.sync()
    assert desk.sync().reached


def test_purge_forgets_patient_details_after_retention(hub: Hub, make_desk: DeskFactory) -> None:
    from datetime import timedelta

    from socialrx_desk.services.referrals import utcnow

    desk = make_desk("desk1", hub.url, hub.token("desk1"))
    desk.sync()
    booked = book_first_free(desk)
    desk.sync()
    assert desk.referrals.purge(30) == 0
    assert desk.referrals.purge(30, now=utcnow() + timedelta(days=31)) == 1
    view = desk.referrals.get(booked.id)
    assert view is not None and view.patient is None and view.reason is None and view.state == "booked"
    assert desk.referrals.recent_patients("Ann") == []
    with desk.workspace.engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM outbox WHERE bundle IS NOT NULL")).scalar() == 0
        dump = " ".join(str(r) for r in connection.execute(text("SELECT * FROM patients")))
        assert "Ann" not in dump and "9434765919" not in dump
        audit = " ".join(str(r) for r in connection.execute(text("SELECT * FROM audit_log")))
        assert "keeps falling" not in audit and "Ann" not in audit


def test_kiosk_request_reaches_the_desk_inbox_and_the_kiosk_keeps_nothing(hub: Hub, make_desk: DeskFactory) -> None:
    desk = make_desk("desk1", hub.url, hub.token("desk1", practice="P1"))
    kiosk = make_desk("kiosk1", hub.url, hub.token("kiosk1", "kiosk", practice="P1"), kiosk=True)
    kiosk.sync()
    request = kiosk.referrals.self_refer(
        service_id=SERVICE, patient=BOB, consent=True, reason="please book me in", ask_desk=True
    )
    kiosk.sync()
    assert kiosk.referrals.get(request.id).patient is None  # type: ignore[union-attr]
    desk.sync()
    inbox = desk.referrals.list_referrals(attention_only=True)
    assert [r.id for r in inbox] == [request.id]
    assert inbox[0].kind == "ask-desk" and inbox[0].patient is not None and inbox[0].patient.name == "Bob Jones"
    slot = desk.referrals.free_slots(SERVICE)[0]
    desk.referrals.complete_request(request.id, slot.id)
    desk.sync()
    done = desk.referrals.get(request.id)
    assert done is not None and done.state == "booked" and not done.needs_attention


def _due_now(desk: Desk) -> None:
    with desk.workspace.engine.begin() as connection:
        connection.execute(text("UPDATE outbox SET next_attempt_at = '2000-01-01 00:00:00'"))
