"""The OS keyring: the only place site tokens and other secrets are read or written.

Secrets never touch the database, the settings file, logs or the command line. Each profile keeps its own
entries, keyed by the profile's directory, so a desk and a kiosk on one machine never share a token.
"""

from __future__ import annotations

import keyring
from keyring.errors import KeyringError, NoKeyringError, PasswordDeleteError

from socialrx_desk.errors import FriendlyError

SERVICE = "socialrx-desk"


class SecretStoreError(FriendlyError):
    """No usable keyring, or the keyring refused; the message says what to do."""


NO_BACKEND_HELP = (
    "no usable OS keyring was found, so the site token cannot be stored safely. "
    "On a Linux desktop, run inside a desktop session with a Secret Service (GNOME Keyring or KWallet; "
    "for example 'apt install gnome-keyring'); Windows uses Credential Manager and macOS the Keychain "
    "automatically. The token is never stored in a plain file."
)


def _key(profile_name: str, name: str) -> str:
    return f"{profile_name}:{name}"


def set_secret(profile_name: str, name: str, value: str) -> None:
    try:
        keyring.set_password(SERVICE, _key(profile_name, name), value)
    except NoKeyringError:
        raise SecretStoreError(NO_BACKEND_HELP) from None
    except KeyringError as error:
        raise SecretStoreError(f"the OS keyring refused to store the secret: {error}") from None


def get_secret(profile_name: str, name: str) -> str | None:
    try:
        return keyring.get_password(SERVICE, _key(profile_name, name))
    except NoKeyringError:
        raise SecretStoreError(NO_BACKEND_HELP) from None
    except KeyringError as error:
        raise SecretStoreError(f"the OS keyring could not be read: {error}") from None


def clear_secret(profile_name: str, name: str) -> None:
    try:
        keyring.delete_password(SERVICE, _key(profile_name, name))
    except PasswordDeleteError:
        pass
    except NoKeyringError:
        raise SecretStoreError(NO_BACKEND_HELP) from None
    except KeyringError as error:
        raise SecretStoreError(f"the OS keyring could not delete the secret: {error}") from None
