"""Commands that work with the hub and with referrals: enroll, sync, status, slots, book, refer, referrals."""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from datetime import date
from typing import Any

from socialrx_desk.core.patients import PatientDetails, PatientValidationError
from socialrx_desk.paths import Profile
from socialrx_desk.secrets import SecretStoreError
from socialrx_desk.services.referrals import ReferralError, Referrals, ReferralView
from socialrx_desk.services.workspace import Workspace
from socialrx_desk.sync.enroll import EnrolError, enrol
from socialrx_desk.sync.lock import SyncBusy
from socialrx_desk.sync.runner import NotEnrolled, SyncRunner


def _err(message: str) -> int:
    print(f"socialrx-desk: {message}", file=sys.stderr)
    return 2


def _read_token() -> str:
    if sys.stdin.isatty():
        return getpass.getpass("Site token (input hidden): ")
    return sys.stdin.readline()


def enroll(args: argparse.Namespace, profile: Profile) -> int:
    token = _read_token()
    with Workspace.open(profile) as workspace:
        try:
            result = enrol(profile, workspace.engine, workspace.settings, args.server, token, kiosk=args.kiosk)
        except (EnrolError, SecretStoreError) as error:
            return _err(str(error))
    print(f"enrolled with {result.hub_url}; the token is in the OS keyring")
    return 0


def _runner(workspace: Workspace) -> SyncRunner:
    return SyncRunner(workspace.profile, workspace.engine, workspace.vocabulary, workspace.settings)


def sync(args: argparse.Namespace, profile: Profile) -> int:
    with Workspace.open(profile) as workspace:
        try:
            report = _runner(workspace).run_once()
        except (NotEnrolled, SyncBusy) as error:
            return _err(str(error))
    pushed = report.pushed
    if not report.reached:
        return _err(f"the hub could not be reached: {report.error}")
    print(
        f"sent {pushed.committed}, rejected {pushed.rejected}, conflicts {pushed.conflicts}, "
        f"retrying {pushed.retrying}; received {report.pulled.services} services, {report.pulled.slots} slots, "
        f"{report.pulled.referrals} referral updates"
        + (f"; re-sent {report.resent} after the hub was restored" if report.epoch_changed else "")
    )
    if report.error:
        return _err(report.error)
    return 0


def status(args: argparse.Namespace, profile: Profile) -> int:
    with Workspace.open(profile) as workspace:
        state = _runner(workspace).status()
    if args.json:
        print(json.dumps(state.as_json(), indent=2))
        return 0
    online = {True: "online", False: "offline", None: "never synced"}[state.online]
    print(f"hub: {state.hub_url or 'not enrolled'} ({online})")
    print(f"queued: {state.queued}; needing attention: {state.attention}")
    print(f"last successful sync: {state.last_success.isoformat() + 'Z' if state.last_success else 'never'}")
    if state.needs_reenrol:
        print("the hub refused this site's token: enrol again")
    if state.last_error:
        print(f"last error: {state.last_error}")
    return 0


def slots(args: argparse.Namespace, profile: Profile) -> int:
    with Workspace.open(profile) as workspace:
        free = _referrals(workspace).free_slots(args.service)
    if args.json:
        print(
            json.dumps([{"id": s.id, "start": s.start.isoformat() + "Z", "end": s.end.isoformat() + "Z"} for s in free])
        )
    else:
        for slot in free:
            print(f"{slot.id}  {slot.start:%a %d %b %H:%M}-{slot.end:%H:%M} UTC")
        if not free:
            print("no free slots known for this service (sync to refresh)")
    return 0


def _referrals(workspace: Workspace) -> Referrals:
    return Referrals(workspace.engine, workspace.vocabulary, workspace.settings.site_name)


def _patient(args: argparse.Namespace) -> PatientDetails:
    try:
        birth = date.fromisoformat(args.dob)
    except ValueError:
        raise PatientValidationError({"dob": "date of birth must be YYYY-MM-DD"}) from None
    return PatientDetails(args.name, birth, args.nhs_number, args.phone, args.postcode)


def _create(args: argparse.Namespace, profile: Profile, booking: bool) -> int:
    with Workspace.open(profile) as workspace:
        try:
            patient = _patient(args)
            referrals = _referrals(workspace)
            common: dict[str, Any] = {
                "service_id": args.service,
                "patient": patient,
                "consent": args.consent,
                "reason": args.reason,
                "needs": args.need,
            }
            view = referrals.book(slot_id=args.slot, **common) if booking else referrals.refer(**common)
        except PatientValidationError as error:
            return _err("; ".join(f"{field.replace('_', ' ')}: {text}" for field, text in error.problems.items()))
        except ReferralError as error:
            return _err(str(error))
    print(view.id)
    return 0


def book(args: argparse.Namespace, profile: Profile) -> int:
    return _create(args, profile, booking=True)


def refer(args: argparse.Namespace, profile: Profile) -> int:
    return _create(args, profile, booking=False)


def referral_json(view: ReferralView) -> dict[str, Any]:
    return {
        "id": view.id,
        "reference": view.reference,
        "service": view.service_id,
        "service_name": view.service_name,
        "slot": view.slot_id,
        "slot_start": view.slot_start.isoformat() + "Z" if view.slot_start else None,
        "state": view.state,
        "reason": view.state_reason,
        "kind": view.kind,
        "alternatives": [{"slot": a.id, "start": a.start.isoformat() + "Z"} for a in view.alternatives],
    }


def list_referrals(args: argparse.Namespace, profile: Profile) -> int:
    with Workspace.open(profile) as workspace:
        views = _referrals(workspace).list_referrals(attention_only=args.attention)
    if args.json:
        print(json.dumps([referral_json(v) for v in views], indent=2))
        return 0
    for view in views:
        when = f" {view.slot_start:%a %d %b %H:%M}" if view.slot_start else ""
        print(f"{view.reference}  {view.state:<11} {view.service_name}{when}  [{view.id}]")
        if view.state_reason:
            print(f"    {view.state_reason}")
    if not views:
        print("no referrals")
    return 0


def _change(args: argparse.Namespace, profile: Profile, action: str) -> int:
    with Workspace.open(profile) as workspace:
        referrals = _referrals(workspace)
        try:
            if action == "cancel":
                view = referrals.cancel(args.id)
            elif action == "rebook":
                view = referrals.rebook(args.id, args.slot)
            else:
                view = referrals.send_without_slot(args.id)
        except ReferralError as error:
            return _err(str(error))
    print(f"{view.id} {view.state}")
    return 0


def cancel(args: argparse.Namespace, profile: Profile) -> int:
    return _change(args, profile, "cancel")


def rebook(args: argparse.Namespace, profile: Profile) -> int:
    return _change(args, profile, "rebook")


def send_without_slot(args: argparse.Namespace, profile: Profile) -> int:
    return _change(args, profile, "send-without-slot")
