"""``socialrx-desk kiosk ...``: staff commands for the patient kiosk.

``kiosk set-pin`` stores the staff PIN that unlocks the kiosk's exit. Only a salted scrypt hash is kept, and only
in the OS keyring of the kiosk's profile: never a file, never the command line.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import Any, TextIO

from socialrx_desk.core.pin import PIN_SECRET, hash_pin, pin_problem
from socialrx_desk.paths import Profile, resolve_profile
from socialrx_desk.secrets import SecretStoreError, set_secret

__all__ = ["PIN_SECRET", "add_commands", "set_pin_command"]


def add_commands(commands: Any) -> None:
    """Register under the top-level subparsers (``commands`` is argparse's private _SubParsersAction)."""
    kiosk = commands.add_parser("kiosk", help="patient kiosk: staff settings")
    actions = kiosk.add_subparsers(dest="kiosk_command", metavar="ACTION", required=True)
    set_pin = actions.add_parser(
        "set-pin",
        help="set the staff PIN that lets staff leave the kiosk (asked twice; read from stdin when not a terminal)",
    )
    set_pin.set_defaults(handler=set_pin_command)


def set_pin_command(args: argparse.Namespace, profile: Profile) -> int:
    # The PIN belongs to the kiosk's profile even when --kiosk was not given: 'kiosk set-pin' says which one.
    if not getattr(args, "profile", None) and not getattr(args, "kiosk", False):
        profile = resolve_profile(None, kiosk=True)
    try:
        first, second = _read_twice(sys.stdin)
    except EOFError:
        _err("no PIN was given")
        return 2
    if first != second:
        _err("the two PINs are different; nothing was changed")
        return 2
    problem = pin_problem(first)
    if problem is not None:
        _err(f"{problem}; nothing was changed")
        return 2
    try:
        set_secret(profile.name, PIN_SECRET, hash_pin(first))
    except SecretStoreError as error:
        _err(str(error))
        return 2
    print(f"staff PIN set for the kiosk profile {profile.root}")
    return 0


def _read_twice(stream: TextIO) -> tuple[str, str]:
    if stream.isatty():
        return getpass.getpass("New staff PIN (digits): ").strip(), getpass.getpass("The same PIN again: ").strip()
    first = stream.readline()
    second = stream.readline()
    if not first:
        raise EOFError
    return first.strip(), second.strip()


def _err(message: str) -> None:
    print(f"socialrx-desk: {message}", file=sys.stderr)
