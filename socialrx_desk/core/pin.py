"""The kiosk's staff PIN: a salted, deliberately slow hash (scrypt) and its check. No Qt, no keyring here.

The stored form carries its own parameters (``scrypt$n$r$p$salt$hash``, base64), so the cost can be raised later
without breaking PINs that are already set: a stored hash is always checked with the parameters it was made with.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass

# The name of the keyring entry (per kiosk profile) that holds the hash.
PIN_SECRET = "kiosk-pin"
SCHEME = "scrypt"
# About 50 ms and 16 MiB per check on a small PC: cheap for staff, costly for anyone trying every 4-8 digit PIN
# from a stolen keyring entry.
DEFAULT_N = 2**14
DEFAULT_R = 8
DEFAULT_P = 1
SALT_BYTES = 16
HASH_BYTES = 32
MIN_DIGITS = 4
MAX_DIGITS = 12
# Refuse stored parameters that would make a check take minutes or exhaust memory (a tampered entry).
MAX_N = 2**20
MAX_R = 32
MAX_P = 16
# scrypt needs 128 * n * r bytes; leave headroom above that.
_MAXMEM_HEADROOM = 2 * 1024 * 1024


class PinFormatError(ValueError):
    """The stored value is not a PIN hash this module made."""


@dataclass(frozen=True, slots=True)
class PinHash:
    n: int
    r: int
    p: int
    salt: bytes
    digest: bytes

    def encode(self) -> str:
        return "$".join(
            (SCHEME, str(self.n), str(self.r), str(self.p), _b64(self.salt), _b64(self.digest)),
        )

    @classmethod
    def decode(cls, stored: str) -> PinHash:
        parts = stored.strip().split("$")
        if len(parts) != 6 or parts[0] != SCHEME:
            raise PinFormatError("not a socialrx-desk PIN hash")
        try:
            n, r, p = int(parts[1]), int(parts[2]), int(parts[3])
            salt, digest = _unb64(parts[4]), _unb64(parts[5])
        except ValueError:
            raise PinFormatError("the PIN hash is damaged") from None
        if not (2 <= n <= MAX_N and n & (n - 1) == 0 and 1 <= r <= MAX_R and 1 <= p <= MAX_P):
            raise PinFormatError("the PIN hash has parameters out of range")
        if len(salt) < 8 or not digest:
            raise PinFormatError("the PIN hash is damaged")
        return cls(n, r, p, salt, digest)


def pin_problem(pin: str) -> str | None:
    """Why ``pin`` cannot be a staff PIN, or None. Digits only: it is typed on the kiosk's own keypad."""
    if not pin.isascii() or not pin.isdigit():
        return "the PIN must be digits only"
    if not MIN_DIGITS <= len(pin) <= MAX_DIGITS:
        return f"the PIN must have {MIN_DIGITS} to {MAX_DIGITS} digits"
    if len(set(pin)) == 1:
        return "the PIN must not be one digit repeated"
    return None


def hash_pin(pin: str, *, n: int = DEFAULT_N, r: int = DEFAULT_R, p: int = DEFAULT_P) -> str:
    problem = pin_problem(pin)
    if problem is not None:
        raise ValueError(problem)
    salt = secrets.token_bytes(SALT_BYTES)
    return PinHash(n, r, p, salt, _derive(pin, salt, n, r, p, HASH_BYTES)).encode()


def verify_pin(pin: str, stored: str) -> bool:
    """True when ``pin`` matches ``stored``. A damaged stored value raises PinFormatError, never matches."""
    parsed = PinHash.decode(stored)
    if not pin.isascii() or not pin.isdigit() or len(pin) > MAX_DIGITS:
        return False
    candidate = _derive(pin, parsed.salt, parsed.n, parsed.r, parsed.p, len(parsed.digest))
    return hmac.compare_digest(candidate, parsed.digest)


def _derive(pin: str, salt: bytes, n: int, r: int, p: int, length: int) -> bytes:
    return hashlib.scrypt(
        pin.encode("ascii"), salt=salt, n=n, r=r, p=p, dklen=length, maxmem=128 * n * r * p + _MAXMEM_HEADROOM
    )


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)
