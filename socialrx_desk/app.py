"""Entry point of ``socialrx-desk``: global options, logging, profile, then the desk, the kiosk or a command."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from socialrx_desk import __version__
from socialrx_desk.core.needs import VocabularyError
from socialrx_desk.logs import configure_logging
from socialrx_desk.paths import resolve_profile
from socialrx_desk.settings import SettingsError
from socialrx_desk.store.engine import StoreError

log = logging.getLogger(__name__)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="socialrx-desk",
        description="Social prescribing front desk and kiosk. With no COMMAND it opens the desk window.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--profile",
        metavar="DIR",
        help="profile directory holding all state (default: per-user data dir; or SOCIALRX_PROFILE)",
    )
    parser.add_argument("--verbose", "-v", action="store_true", help="log debug detail to stderr")
    parser.add_argument("--kiosk", action="store_true", help="open the patient kiosk instead of the desk")
    parser.add_argument("--demo", action="store_true", help="open on a throwaway profile with sample data")
    parser.add_argument("--screenshot", metavar="PNG", help="render the window after start-up to PNG and exit")
    parser.add_argument("--language", metavar="CODE", help="kiosk start language (en, pl, ar, ur, so)")

    from socialrx_desk import cli

    cli.add_commands(parser)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    profile = resolve_profile(args.profile, kiosk=args.kiosk)
    try:
        profile.ensure()
        configure_logging(profile, verbose=args.verbose)
        if args.command is None:
            from socialrx_desk.ui.launch import launch

            return launch(args, profile)
        from socialrx_desk import cli

        return cli.run(args, profile)
    except (StoreError, SettingsError, VocabularyError) as error:
        print(f"socialrx-desk: {error}", file=sys.stderr)
        return 2
    except OSError as error:
        print(f"socialrx-desk: {error.strerror or error}: {error.filename or ''}".rstrip(": "), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
