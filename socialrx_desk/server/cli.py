"""``socialrx-server``: run and administer the reference hub.

    socialrx-server [--database URL | --data-dir DIR] COMMAND ...

    init [--new-epoch]                      create (or upgrade) the hub database and its epoch
    import-directory PATH_OR_URL            Open Referral UK -> Organization, Location, HealthcareService
    make-slots --service ID --from DATE --to DATE --length 30m [--days MO,TU --hours 09:00-12:00]
    add-site NAME --kind desk|kiosk|agency|admin [--practice P] [--service ID ...] [--expires-days N]
    revoke-site NAME | list-sites
    serve [--host 127.0.0.1] [--port 8080]

Without ``--database`` the hub is a SQLite file in ``--data-dir``, by default the platform's data folder for
``socialrx-hub`` (``SOCIALRX_HUB_DATABASE`` may also name a URL). Exit status: 0 done, 1 refused or failed,
2 bad arguments.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from datetime import date, timedelta
from pathlib import Path

from socialrx_desk.paths import hub_data_dir
from socialrx_desk.server.db import DatabaseError, sqlite_url

DATABASE_ENV = "SOCIALRX_HUB_DATABASE"
DATABASE_FILE = "hub.sqlite3"
LOOPBACK = ("127.0.0.1", "::1", "localhost")


def default_data_dir() -> Path:
    return hub_data_dir()


def resolve_database(database: str | None, data_dir: str | None) -> str:
    if database:
        return database
    if data_dir:
        return sqlite_url(Path(data_dir).expanduser().absolute() / DATABASE_FILE)
    if os.environ.get(DATABASE_ENV):
        return os.environ[DATABASE_ENV]
    return sqlite_url(default_data_dir() / DATABASE_FILE)


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="socialrx-server", description="The socialrx_desk reference FHIR R4 hub.")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--database", metavar="URL", help="SQLAlchemy URL: sqlite:///path or postgresql+psycopg://...")
    where.add_argument("--data-dir", metavar="DIR", help=f"folder of the SQLite hub ({DATABASE_FILE})")
    parser.add_argument("-v", "--verbose", action="store_true", help="log more")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    init = commands.add_parser("init", help="create or upgrade the hub database")
    init.add_argument(
        "--new-epoch",
        action="store_true",
        help="give the hub a new epoch (after restoring a backup), so every client downloads everything again",
    )

    directory = commands.add_parser("import-directory", help="import Open Referral UK services")
    directory.add_argument("source", metavar="PATH_OR_URL")

    slots = commands.add_parser("make-slots", help="make free slots from opening hours")
    slots.add_argument("--service", required=True, metavar="ID", help="HealthcareService id")
    slots.add_argument("--from", dest="start", required=True, type=_date, metavar="DATE")
    slots.add_argument("--to", dest="end", required=True, type=_date, metavar="DATE", help="inclusive")
    slots.add_argument("--length", default="30m", help="slot length, for example 30m or 1h (default 30m)")
    slots.add_argument("--days", help="weekdays instead of the service's opening hours, for example MO,WE,FR")
    slots.add_argument("--hours", help="hours instead of the service's opening hours, for example 09:00-12:00")
    slots.add_argument("--timezone", default="Europe/London", help="zone of the opening hours (default Europe/London)")

    site = commands.add_parser("add-site", help="add a site and print its token (shown once)")
    site.add_argument("name")
    site.add_argument("--kind", required=True, choices=["desk", "kiosk", "agency", "admin"])
    site.add_argument("--practice", help="the surgery a desk or kiosk belongs to (they share referrals)")
    site.add_argument(
        "--service", dest="services", action="append", default=[], metavar="ID", help="a service an agency runs"
    )
    site.add_argument("--expires-days", type=int, metavar="N", help="the token stops working after N days")

    revoke = commands.add_parser("revoke-site", help="stop a site's token working")
    revoke.add_argument("name")
    commands.add_parser("list-sites", help="list the sites")

    serve = commands.add_parser("serve", help="serve the FHIR API")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1, loopback only)")
    serve.add_argument("--port", type=int, default=8080)
    serve.add_argument("--public-url", help="the FHIR base URL clients use, when behind a reverse proxy")
    serve.add_argument("--max-body-bytes", type=int, default=None, help="largest request body accepted")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, format="%(levelname)s %(message)s")
    database_url = resolve_database(args.database, args.data_dir)
    from socialrx_desk.server import admin

    try:
        return _run(args, database_url)
    except (admin.AdminError, DatabaseError) as error:
        print(f"socialrx-server: {error}", file=sys.stderr)
        return 1


def _run(args: argparse.Namespace, database_url: str) -> int:
    from socialrx_desk.server import admin

    if args.command == "init":
        epoch = admin.init_hub(database_url, new_epoch=args.new_epoch)
        print(f"hub ready at {_display(database_url)}; epoch {epoch}")
        return 0
    if args.command == "import-directory":
        report = admin.import_directory(database_url, args.source)
        print(report.summary())
        for where, reason in report.skipped:
            print(f"  skipped {where}: {reason}", file=sys.stderr)
        return 0
    if args.command == "make-slots":
        count = admin.make_slots(
            database_url,
            args.service,
            args.start,
            args.end,
            admin.parse_length(args.length),
            days=admin.parse_days(args.days) if args.days else None,
            hours=admin.parse_hours(args.hours) if args.hours else None,
            timezone=args.timezone,
        )
        print(f"{count} new slots for HealthcareService/{args.service}")
        return 0
    if args.command == "add-site":
        from socialrx_desk.server.storage import utcnow

        expires = utcnow() + timedelta(days=args.expires_days) if args.expires_days else None
        token = admin.add_site(database_url, args.name, args.kind, args.practice, args.services, expires)
        print(
            f"Site {args.name!r} ({args.kind}) added. Its token follows; it is shown only this once, so store it now.",
            file=sys.stderr,
        )
        print(token)
        return 0
    if args.command == "revoke-site":
        admin.revoke_site(database_url, args.name)
        print(f"the token of {args.name!r} no longer works")
        return 0
    if args.command == "list-sites":
        for site in admin.list_sites(database_url):
            details = [site.kind]
            if site.practice:
                details.append(f"practice {site.practice}")
            if site.services:
                details.append("services " + ", ".join(site.services))
            if site.expires_at:
                details.append(f"expires {site.expires_at:%Y-%m-%d}")
            if site.revoked:
                details.append("REVOKED")
            print(f"{site.name}: {'; '.join(details)}")
        return 0
    if args.command == "serve":
        return _serve(args, database_url)
    raise AssertionError(args.command)


def _serve(args: argparse.Namespace, database_url: str) -> int:
    import uvicorn

    from socialrx_desk.server.app import DEFAULT_MAX_BODY_BYTES, create_app

    if args.host not in LOOPBACK:
        print(
            f"socialrx-server: listening on {args.host}, beyond this machine; put it behind a TLS reverse proxy",
            file=sys.stderr,
        )
    app = create_app(
        database_url, max_body_bytes=args.max_body_bytes or DEFAULT_MAX_BODY_BYTES, public_base_url=args.public_url
    )
    print(f"serving FHIR R4 at http://{args.host}:{args.port}/fhir (hub {_display(database_url)})", file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_config=None, access_log=False)
    return 0


def _display(database_url: str) -> str:
    from socialrx_desk.server.db import parse_database_url

    return parse_database_url(database_url).render_as_string(hide_password=True)


if __name__ == "__main__":
    sys.exit(main())
