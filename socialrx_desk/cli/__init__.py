"""Headless commands of ``socialrx-desk``: directory import and search (and, as they land, sync and booking).

Each command returns a process exit code; errors are one clear line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import Any

from socialrx_desk.cli import hub as sync_commands
from socialrx_desk.cli import kiosk as kiosk_commands
from socialrx_desk.core.weekdays import WEEKDAY_CODES
from socialrx_desk.directory.source import SourceError
from socialrx_desk.paths import Profile
from socialrx_desk.services.directory_import import import_directory
from socialrx_desk.services.search import SearchQuery
from socialrx_desk.services.workspace import Workspace, load_vocabulary

Handler = Callable[[argparse.Namespace, Profile], int]
ACCESS_CHOICES = ("drop-in", "referral", "appointment", "self-referral", "membership")


def add_commands(parser: argparse.ArgumentParser) -> None:
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    directory = commands.add_parser("directory", help="import and search the service directory")
    directory_commands = directory.add_subparsers(dest="directory_command", metavar="ACTION", required=True)

    importer = directory_commands.add_parser("import", help="import Open Referral UK JSON from a file or URL")
    importer.add_argument("source", metavar="PATH_OR_URL")
    importer.set_defaults(handler=_directory_import)

    search = directory_commands.add_parser("search", help="search services in the patient's words")
    search.add_argument("query", nargs="*", help="what the patient says, e.g. keeps falling on the stairs")
    search.add_argument("--limit", type=_positive, default=10)
    search.add_argument("--need", help="only services meeting this need (see 'directory needs')")
    search.add_argument("--age", type=_age, help="only services open to a patient of this age")
    search.add_argument("--open-on", choices=[c.lower() for c in WEEKDAY_CODES], help="open on this weekday")
    search.add_argument("--access", choices=ACCESS_CHOICES, help="how the patient gets in")
    search.add_argument("--include-inactive", action="store_true", help="also list inactive/defunct services")
    search.add_argument("--json", action="store_true", help="print a JSON array, best first")
    search.set_defaults(handler=_directory_search)

    needs = directory_commands.add_parser("needs", help="list the needs the search understands")
    needs.add_argument("--json", action="store_true")
    needs.set_defaults(handler=_directory_needs)

    enroll = commands.add_parser("enroll", help="connect this profile to a hub (the site token is read from stdin)")
    enroll.add_argument("--server", required=True, metavar="URL", help="the hub's FHIR base URL")
    enroll.set_defaults(handler=sync_commands.enroll)

    sync = commands.add_parser("sync", help="one full sync with the hub now")
    sync.set_defaults(handler=sync_commands.sync)

    status = commands.add_parser("status", help="sync status: online, queued, last success, needing attention")
    status.add_argument("--json", action="store_true")
    status.set_defaults(handler=sync_commands.status)

    slots = commands.add_parser("slots", help="free slots of a service (as last synced)")
    slots.add_argument("--service", required=True, metavar="ID")
    slots.add_argument("--json", action="store_true")
    slots.set_defaults(handler=sync_commands.slots)

    for name, help_text in (
        ("book", "book a patient into a slot (works offline; confirmed when synced)"),
        ("refer", "refer a patient without a slot (works offline)"),
    ):
        command = commands.add_parser(name, help=help_text)
        command.add_argument("--service", required=True, metavar="ID")
        if name == "book":
            command.add_argument("--slot", required=True, metavar="ID")
        command.add_argument("--nhs-number", metavar="N")
        command.add_argument("--name", required=True)
        command.add_argument("--dob", required=True, metavar="YYYY-MM-DD")
        command.add_argument("--phone")
        command.add_argument("--postcode")
        command.add_argument("--consent", action="store_true", help="the patient agreed to share their details")
        command.add_argument("--reason", help="a short reason, in the patient's words")
        command.add_argument("--need", action="append", default=[], help="a need id (repeatable)")
        command.set_defaults(handler=sync_commands.book if name == "book" else sync_commands.refer)

    referrals = commands.add_parser("referrals", help="list and manage referrals")
    referral_commands = referrals.add_subparsers(dest="referrals_command", metavar="ACTION", required=True)
    listing = referral_commands.add_parser("list", help="every referral of this profile, newest first")
    listing.add_argument("--json", action="store_true")
    listing.add_argument("--attention", action="store_true", help="only those needing attention")
    listing.set_defaults(handler=sync_commands.list_referrals)
    cancel = referral_commands.add_parser("cancel", help="cancel a referral or booking")
    cancel.add_argument("id")
    cancel.set_defaults(handler=sync_commands.cancel)
    rebook = referral_commands.add_parser("rebook", help="resolve a conflict with another slot")
    rebook.add_argument("id")
    rebook.add_argument("--slot", required=True, metavar="ID")
    rebook.set_defaults(handler=sync_commands.rebook)
    without = referral_commands.add_parser("send-without-slot", help="resolve a conflict: send as a referral")
    without.add_argument("id")
    without.set_defaults(handler=sync_commands.send_without_slot)

    kiosk_commands.add_commands(commands)


def _positive(value: str) -> int:
    number = int(value)
    if number < 1 or number > 500:
        raise argparse.ArgumentTypeError("must be between 1 and 500")
    return number


def _age(value: str) -> int:
    number = int(value)
    if number < 0 or number > 130:
        raise argparse.ArgumentTypeError("must be between 0 and 130")
    return number


def run(args: argparse.Namespace, profile: Profile) -> int:
    handler: Handler = args.handler
    return handler(args, profile)


def _err(message: str) -> None:
    print(f"socialrx-desk: {message}", file=sys.stderr)


def _directory_import(args: argparse.Namespace, profile: Profile) -> int:
    with Workspace.open(profile) as workspace:
        try:
            report = import_directory(workspace.engine, args.source, workspace.vocabulary)
        except SourceError as error:
            _err(str(error))
            return 2
    for skipped in report.skipped:
        print(f"skipped {skipped}", file=sys.stderr)
    print(f"imported {report.imported}, updated {report.updated}, skipped {len(report.skipped)}")
    return 0


def _directory_search(args: argparse.Namespace, profile: Profile) -> int:
    with Workspace.open(profile) as workspace:
        if args.need and args.need not in workspace.vocabulary:
            _err(f"unknown need {args.need!r}; 'socialrx-desk directory needs' lists them")
            return 2
        query = SearchQuery(
            text=" ".join(args.query),
            need=args.need,
            age=args.age,
            open_weekday=WEEKDAY_CODES.index(args.open_on.upper()) if args.open_on else None,
            access=args.access,
            include_inactive=args.include_inactive,
            limit=args.limit,
        )
        result = workspace.search.search(query)
    if args.json:
        rows: list[dict[str, Any]] = [
            {
                "id": hit.id,
                "name": hit.name,
                "organization": hit.organization,
                "needs": list(hit.needs),
                "score": hit.score,
                "status": hit.status,
                "access": list(hit.access),
            }
            for hit in result.hits
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    understood = result.interpretation
    if understood.corrections:
        print("searched for " + ", ".join(f"{a} -> {b}" for a, b in understood.corrections.items()))
    if understood.needs:
        labels = [workspace.vocabulary.needs[n].label for n in understood.needs]
        print("needs: " + "; ".join(labels))
    if not result.hits:
        print("no services found")
    for position, hit in enumerate(result.hits, start=1):
        organization = f" ({hit.organization})" if hit.organization else ""
        print(f"{position:>2}. {hit.name}{organization}  [{hit.id}]")
    return 0


def _directory_needs(args: argparse.Namespace, profile: Profile) -> int:
    vocabulary = load_vocabulary()
    if args.json:
        print(json.dumps([{"id": n.id, "label": n.label} for n in vocabulary.needs.values()], indent=2))
    else:
        for need in vocabulary.needs.values():
            print(f"{need.id:<22} {need.label}")
    return 0
