"""Entry point of ``socialrx-desk``: global options, logging, profile, then the desk, the kiosk or a command."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from socialrx_desk import __version__
from socialrx_desk.errors import FriendlyError
from socialrx_desk.logs import configure_logging
from socialrx_desk.paths import resolve_profile

log = logging.getLogger(__name__)


def _global_options(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
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
    return parser


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="socialrx-desk",
        description="Social prescribing front desk and kiosk. With no COMMAND it opens the desk window.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    _global_options(parser)
    from socialrx_desk import cli

    cli.add_commands(parser)
    return parser


def parse(argv: Sequence[str] | None) -> argparse.Namespace:
    """Only the global options when no command is given: opening a window must not wait for the command-line
    tools (and the store, network and settings code they import) to load."""
    words = list(sys.argv[1:] if argv is None else argv)
    known, rest = _global_options(argparse.ArgumentParser(add_help=False)).parse_known_args(words)
    if rest or {"-h", "--help", "--version"} & set(words):
        return build_parser().parse_args(words)
    known.command = None
    return known


def main(argv: Sequence[str] | None = None) -> int:
    args = parse(argv)
    profile = resolve_profile(args.profile, kiosk=args.kiosk)
    try:
        profile.ensure()
        configure_logging(profile, verbose=args.verbose)
        if args.command is None:
            from socialrx_desk.ui.launch import launch

            return launch(args, profile)
        from socialrx_desk import cli

        return cli.run(args, profile)
    except FriendlyError as error:
        print(f"socialrx-desk: {error}", file=sys.stderr)
        return 2
    except OSError as error:
        print(f"socialrx-desk: {error.strerror or error}: {error.filename or ''}".rstrip(": "), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
