"""Referrals and bookings as FHIR R4: Patient, ServiceRequest, Appointment, Task, and the transaction Bundles
the desk and kiosk send.

Every id is client-assigned and every entry is a ``PUT``: sending the same Bundle twice changes nothing the second
time. A booking Bundle also ``PUT``s the Slot as busy with ``ifMatch`` on the version the desk saw, so two desks
that booked the same slot offline cannot both win.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from socialrx_desk.fhir.common import (
    NEEDS_SYSTEM,
    NHS_NUMBER_SYSTEM,
    REFERRAL_REFERENCE_SYSTEM,
    STRUCTURE_DEFINITION_BASE,
    find_identifier,
    format_instant,
    identifier,
    put_entry,
    reference,
    referenced,
    transaction,
)

EXT_CONSENT = f"{STRUCTURE_DEFINITION_BASE}/consent-to-share"
EXT_REFERRAL_KIND = f"{STRUCTURE_DEFINITION_BASE}/referral-kind"
SOCIAL_PRESCRIBING_CATEGORY = {"text": "Social prescribing"}


@dataclass(frozen=True, slots=True)
class PatientData:
    id: str
    name: str
    birth_date: date
    nhs_number: str | None = None
    phone: str | None = None
    postcode: str | None = None


@dataclass(frozen=True, slots=True)
class ReferralData:
    """What a ServiceRequest (and its Task) says: the referral as the hub and the agency see it."""

    id: str
    reference: str
    kind: str  # core ReferralKind value
    patient_id: str
    service_id: str  # the hub's HealthcareService id
    task_id: str
    authored: datetime
    requester: str  # who sent it: the desk's site name, or "" for the patient themself
    reason: str | None = None
    needs: tuple[tuple[str, str], ...] = ()  # (need id, label)
    consent_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class SlotBooking:
    appointment_id: str
    slot: Mapping[str, Any]  # the Slot as last read from the hub
    slot_version: str | None


def patient_resource(patient: PatientData) -> dict[str, Any]:
    given, _, family = patient.name.rpartition(" ")
    name: dict[str, Any] = {"text": patient.name}
    if family:
        name["family"] = family
    if given:
        name["given"] = given.split()
    resource: dict[str, Any] = {
        "resourceType": "Patient",
        "id": patient.id,
        "name": [name],
        "birthDate": patient.birth_date.isoformat(),
    }
    if patient.nhs_number:
        resource["identifier"] = [identifier(NHS_NUMBER_SYSTEM, patient.nhs_number)]
    if patient.phone:
        resource["telecom"] = [{"system": "phone", "value": patient.phone, "use": "mobile"}]
    if patient.postcode:
        resource["address"] = [{"postalCode": patient.postcode, "country": "GB"}]
    return resource


def service_request_resource(referral: ReferralData, *, status: str = "active") -> dict[str, Any]:
    """ServiceRequest: subject the patient, performer the service, requester the desk (or the patient)."""
    ask_desk = referral.kind == "ask-desk"
    requester: dict[str, Any] = (
        {"reference": reference("Patient", referral.patient_id)}
        if not referral.requester
        else {"display": referral.requester}
    )
    resource: dict[str, Any] = {
        "resourceType": "ServiceRequest",
        "id": referral.id,
        "identifier": [identifier(REFERRAL_REFERENCE_SYSTEM, referral.reference)],
        # A kiosk "please book this for me" is a draft proposal the desk completes; everything else is an order.
        "status": "draft" if ask_desk else status,
        "intent": "proposal" if ask_desk else "order",
        "category": [SOCIAL_PRESCRIBING_CATEGORY],
        "code": {"text": "Referral to community service"},
        "subject": {"reference": reference("Patient", referral.patient_id)},
        "authoredOn": format_instant(referral.authored),
        "requester": requester,
        "performer": [{"reference": reference("HealthcareService", referral.service_id)}],
        "extension": [{"url": EXT_REFERRAL_KIND, "valueCode": referral.kind}],
    }
    if referral.needs:
        resource["reasonCode"] = [
            {"coding": [{"system": NEEDS_SYSTEM, "code": code, "display": label}], "text": label}
            for code, label in referral.needs
        ]
    if referral.reason:
        resource["note"] = [{"text": referral.reason}]
    if referral.consent_at is not None:
        resource["extension"].append({"url": EXT_CONSENT, "valueDateTime": format_instant(referral.consent_at)})
    return resource


def task_resource(referral: ReferralData, *, status: str = "requested") -> dict[str, Any]:
    """The agency's to-do: it moves the Task to accepted / rejected / completed."""
    return {
        "resourceType": "Task",
        "id": referral.task_id,
        "status": status,
        "intent": "order",
        "focus": {"reference": reference("ServiceRequest", referral.id)},
        "for": {"reference": reference("Patient", referral.patient_id)},
        "authoredOn": format_instant(referral.authored),
        "owner": {"reference": reference("HealthcareService", referral.service_id)},
        "description": "Please contact the patient about this referral",
    }


def appointment_resource(referral: ReferralData, booking: SlotBooking, *, status: str = "booked") -> dict[str, Any]:
    slot = booking.slot
    return {
        "resourceType": "Appointment",
        "id": booking.appointment_id,
        "status": status,
        "start": slot["start"],
        "end": slot["end"],
        "slot": [{"reference": reference("Slot", str(slot["id"]))}],
        "basedOn": [{"reference": reference("ServiceRequest", referral.id)}],
        "created": format_instant(referral.authored),
        "participant": [
            {"actor": {"reference": reference("Patient", referral.patient_id)}, "status": "accepted"},
            {"actor": {"reference": reference("HealthcareService", referral.service_id)}, "status": "accepted"},
        ],
    }


def slot_with_status(slot: Mapping[str, Any], status: str) -> dict[str, Any]:
    """The Slot as the hub had it, with only the status changed (meta is the server's to set)."""
    updated = {key: value for key, value in slot.items() if key != "meta"}
    updated["status"] = status
    return updated


def booking_bundle(patient: PatientData, referral: ReferralData, booking: SlotBooking) -> dict[str, Any]:
    """Slot busy (if still at the version seen), Patient, ServiceRequest, Appointment, Task: all or nothing."""
    return transaction(
        [
            put_entry(slot_with_status(booking.slot, "busy"), if_match=booking.slot_version),
            put_entry(patient_resource(patient)),
            put_entry(service_request_resource(referral)),
            put_entry(appointment_resource(referral, booking)),
            put_entry(task_resource(referral)),
        ]
    )


def referral_bundle(patient: PatientData, referral: ReferralData) -> dict[str, Any]:
    """A referral without a slot (or a kiosk request): Patient, ServiceRequest and, unless a draft, its Task."""
    entries = [put_entry(patient_resource(patient)), put_entry(service_request_resource(referral))]
    if referral.kind != "ask-desk":
        entries.append(put_entry(task_resource(referral)))
    return transaction(entries)


def cancel_bundle(referral: ReferralData, booking: SlotBooking | None) -> dict[str, Any]:
    """Withdraw a referral: the ServiceRequest revoked, the Task cancelled, the appointment cancelled and its
    Slot free again."""
    entries = [
        put_entry(service_request_resource(referral, status="revoked")),
        put_entry(task_resource(referral, status="cancelled")),
    ]
    if booking is not None:
        entries.insert(0, put_entry(slot_with_status(booking.slot, "free"), if_match=booking.slot_version))
        entries.append(put_entry(appointment_resource(referral, booking, status="cancelled")))
    return transaction(entries)


# --- reading what the hub sends back ---------------------------------------------------------------------------


def referral_reference_of(resource: Mapping[str, Any]) -> str | None:
    return find_identifier(resource, REFERRAL_REFERENCE_SYSTEM)


def patient_data_from(resource: Mapping[str, Any]) -> PatientData | None:
    """A Patient resource as desk data (for kiosk requests arriving in the desk's inbox)."""
    try:
        birth = date.fromisoformat(str(resource["birthDate"]))
    except (KeyError, ValueError):
        return None
    names = resource.get("name") or [{}]
    first = names[0] if isinstance(names[0], Mapping) else {}
    text = first.get("text") or " ".join([*first.get("given", []), first.get("family", "")]).strip()
    phone = next(
        (
            t.get("value")
            for t in resource.get("telecom") or ()
            if isinstance(t, Mapping) and t.get("system") == "phone"
        ),
        None,
    )
    postcode = next((a.get("postalCode") for a in resource.get("address") or () if isinstance(a, Mapping)), None)
    return PatientData(
        id=str(resource["id"]),
        name=str(text or "Unknown"),
        birth_date=birth,
        nhs_number=find_identifier(resource, NHS_NUMBER_SYSTEM),
        phone=phone,
        postcode=postcode,
    )


def kind_of(resource: Mapping[str, Any]) -> str | None:
    for extension in resource.get("extension") or ():
        if isinstance(extension, Mapping) and extension.get("url") == EXT_REFERRAL_KIND:
            return str(extension.get("valueCode"))
    return None


def note_text(resource: Mapping[str, Any]) -> str | None:
    notes = [n.get("text") for n in resource.get("note") or () if isinstance(n, Mapping) and n.get("text")]
    return "\n".join(str(n) for n in notes) or None


def need_codes(resource: Mapping[str, Any]) -> list[str]:
    return [
        str(coding["code"])
        for concept in resource.get("reasonCode") or ()
        if isinstance(concept, Mapping)
        for coding in concept.get("coding") or ()
        if isinstance(coding, Mapping) and coding.get("system") == NEEDS_SYSTEM and coding.get("code")
    ]


def focus_id(task: Mapping[str, Any]) -> str | None:
    ids = referenced(task.get("focus"), "ServiceRequest")
    return ids[0] if ids else None


def based_on_id(appointment: Mapping[str, Any]) -> str | None:
    ids = referenced(appointment.get("basedOn"), "ServiceRequest")
    return ids[0] if ids else None


def slot_ids(appointment: Mapping[str, Any]) -> list[str]:
    return referenced(appointment.get("slot"), "Slot")
