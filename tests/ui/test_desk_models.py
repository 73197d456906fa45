"""The booking and referrals models through the model tester, and their words and times."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester

from socialrx_desk.services.referrals import PatientView, ReferralView, SlotView
from socialrx_desk.ui.desk.booking import outcome_message, parse_birth_date
from socialrx_desk.ui.models.patients import NeedChoiceModel, RecentPatientsModel, nhs_number_text
from socialrx_desk.ui.models.referrals import Column, ReferralRole, ReferralsModel, state_words
from socialrx_desk.ui.models.slots import SlotListModel, SlotRole, SlotWeekModel
from socialrx_desk.ui.when import local, slot_text, utc_naive

ANN = PatientView("p1", "Ann Smith", date(1948, 5, 17), "9434765919", "07700900123", "L1 1AA")
MONDAY = date(2026, 7, 6)  # summer: UK time is UTC+1


def slot(number: int, day: int = 0, hour: int = 9, minutes: int = 0) -> SlotView:
    """A slot at ``hour`` UK time, stored (as the hub's are) in UTC."""
    start = utc_naive(datetime.combine(MONDAY + timedelta(days=day), datetime.min.time()).replace(hour=hour))
    start += timedelta(minutes=minutes)
    return SlotView(f"slot-{number}", "svc", start, start + timedelta(minutes=30), "free")


def referral(number: int, **changes: object) -> ReferralView:
    values: dict[str, object] = {
        "id": f"r{number}",
        "reference": f"SRX-AAAA-{number:04d}",
        "kind": "booking",
        "state": "provisional",
        "state_reason": None,
        "service_id": "svc",
        "service_name": "Grab rails",
        "slot_id": "slot-1",
        "slot_start": datetime(2026, 7, 7, 8, 30),
        "slot_end": datetime(2026, 7, 7, 9, 0),
        "patient": ANN,
        "reason": "keeps falling",
        "needs": ("falls",),
        "consent_at": datetime(2026, 7, 1, 10, 0),
        "alternatives": (),
        "created_at": datetime(2026, 7, 1, 10, 0),
        "updated_at": datetime(2026, 7, 1, 10, 0),
        "synced": False,
    }
    values.update(changes)
    return ReferralView(**values)  # type: ignore[arg-type]


def test_referrals_model_passes_the_model_tester(qtmodeltester: ModelTester) -> None:
    model = ReferralsModel()
    model.set_referrals([referral(1), referral(2, state="conflict", state_reason="the slot was taken"), referral(3)])
    qtmodeltester.check(model, force_py=True)
    assert model.columnCount() == len(Column)
    assert model.headerData(Column.STATE, Qt.Orientation.Horizontal) == "Status"
    conflict = model.index(1, Column.STATE)
    assert model.data(conflict) == "Slot taken"
    assert "choose another" in model.data(conflict, Qt.ItemDataRole.ToolTipRole)
    assert model.data(conflict, ReferralRole.ATTENTION) is True
    assert "The slot was taken." in model.data(conflict, Qt.ItemDataRole.ToolTipRole)
    assert model.data(model.index(0, Column.WHEN)) == slot_text(datetime(2026, 7, 7, 8, 30))
    assert "09:30" in model.data(model.index(0, Column.WHEN))  # 08:30 UTC is 09:30 in a UK summer
    assert model.data(model.index(0, Column.PATIENT)) == "Ann Smith"
    model.set_referrals([])
    qtmodeltester.check(model, force_py=True)


def test_state_words_for_kiosk_requests_and_purged_patients() -> None:
    assert state_words(referral(1, kind="ask-desk", state="sent")).startswith("Kiosk request")
    model = ReferralsModel()
    model.set_referrals([referral(1, patient=None, slot_start=None, slot_end=None)])
    assert model.data(model.index(0, Column.PATIENT)) == "(details removed)"
    assert model.data(model.index(0, Column.WHEN)) == "No slot"


def test_slot_week_model_lays_out_a_diary(qtmodeltester: ModelTester) -> None:
    model = SlotWeekModel()
    slots = [slot(1, 0, 9), slot(2, 0, 9, 30), slot(3, 2, 9), slot(4, 4, 14), slot(5, 8, 9)]  # the last: next week
    model.set_week(MONDAY, slots, today=MONDAY)
    qtmodeltester.check(model, force_py=True)
    assert model.columnCount() == 7
    assert model.rowCount() == 3  # 09:00, 09:30 and 14:00
    assert model.total() == 4
    assert model.first_free() == (0, 0)
    assert model.data(model.index(0, 0)) == "09:00"  # shown in UK time (stored as 08:00 UTC)
    assert model.data(model.index(0, 0), SlotRole.SLOT).start.hour == 8
    assert model.data(model.index(0, 1)) is None
    assert not model.flags(model.index(0, 1)) & Qt.ItemFlag.ItemIsSelectable
    assert model.data(model.index(0, 2), SlotRole.ID) == "slot-3"
    assert model.position_of("slot-4") == (2, 4)
    header = model.headerData(0, Qt.Orientation.Horizontal)
    assert header.startswith("Today") and "2 free" in header
    assert model.headerData(1, Qt.Orientation.Horizontal).endswith("—")
    model.clear()
    qtmodeltester.check(model, force_py=True)


def test_slot_list_and_patient_and_need_models(qtmodeltester: ModelTester) -> None:
    slots = SlotListModel()
    slots.set_slots([slot(2, 1), slot(1, 0)])
    qtmodeltester.check(slots, force_py=True)
    assert slots.slot_at(0) is not None and slots.slot_at(0).id == "slot-1"  # type: ignore[union-attr]

    patients = RecentPatientsModel()
    patients.set_patients([ANN])
    qtmodeltester.check(patients, force_py=True)
    line = patients.data(patients.index(0))
    assert "Ann Smith" in line and "born 17/05/1948" in line and "NHS 943 476 5919" in line

    needs = NeedChoiceModel()
    needs.set_needs([("money", "Money worries"), ("falls", "Falls"), ("lonely", "Loneliness")], ticked=["falls"])
    qtmodeltester.check(needs, force_py=True)
    assert needs.data(needs.index(0)) == "Falls"  # ticked first
    assert needs.ticked() == ("falls",)
    assert needs.setData(needs.index(2), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    assert set(needs.ticked()) == {"falls", "money"}
    assert needs.flags(needs.index(0)) & Qt.ItemFlag.ItemIsUserCheckable


def test_birth_dates_and_nhs_numbers_as_people_write_them() -> None:
    assert parse_birth_date("17/05/1948") == date(1948, 5, 17)
    assert parse_birth_date("17-5-1948") == date(1948, 5, 17)
    assert parse_birth_date("17051948") == date(1948, 5, 17)
    assert parse_birth_date("1948-05-17") == date(1948, 5, 17)
    assert parse_birth_date("17/05/48") is None  # which century? never guessed
    assert parse_birth_date("31/02/1948") is None
    assert nhs_number_text("9434765919") == "943 476 5919"


def test_outcome_messages_never_claim_more_than_is_known() -> None:
    provisional = referral(1)
    assert outcome_message(provisional, enrolled=False, syncing=False, reached=None).title.endswith("provisional")
    assert "not connected" in outcome_message(provisional, enrolled=False, syncing=False, reached=None).text
    assert "Sending" in outcome_message(provisional, enrolled=True, syncing=True, reached=None).text
    offline = outcome_message(provisional, enrolled=True, syncing=False, reached=False)
    assert "(offline)" in offline.title and "not confirmed" in offline.text
    assert outcome_message(referral(1, state="booked"), enrolled=True, syncing=False, reached=True).kind == "success"
    assert outcome_message(referral(1, state="conflict"), enrolled=True, syncing=False, reached=True).kind == "error"
    referred = referral(1, state="queued", slot_start=None, slot_end=None, slot_id=None, kind="referral")
    assert outcome_message(referred, enrolled=True, syncing=False, reached=False).title == "Referral saved (offline)"


def test_local_time_follows_british_summer_time() -> None:
    assert local(datetime(2026, 1, 15, 9, 0)).hour == 9
    assert local(datetime(2026, 7, 15, 9, 0)).hour == 10
    assert utc_naive(datetime(2026, 7, 15, 10, 0)) == datetime(2026, 7, 15, 9, 0)
