"""Sites, bearer tokens and who may see what.

Every desk, kiosk, agency and administrator is a *site* with its own bearer token. The token is 256 random bits,
shown once when the site is added; the hub keeps only its SHA-256. A slow password hash (bcrypt, argon2) protects
low-entropy secrets against guessing; a 256-bit random token cannot be guessed, so a fast hash loses nothing and
lets every request find its site through a unique index in microseconds. A stolen database still yields no usable
token.

Personal resources (Patient, ServiceRequest, Appointment, Task) carry *access keys*; a site reads a resource when
they share one:

- ``practice:P`` for everything written by a desk or kiosk of practice P (a site without ``--practice`` is a
  practice of its own, key ``site:N``), so a kiosk's "please book this for me" reaches the desks of its surgery;
- ``service:S`` for what is addressed to HealthcareService S (a referral's performer, a task's owner, an
  appointment in one of its slots, and the patients of those), which the agency sites running S read.

Directory resources (Organization, Location, HealthcareService, Schedule, Slot) are readable by every site.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy import Connection, select

from socialrx_desk.server.errors import Unauthorized
from socialrx_desk.server.models import Site, SiteService

TOKEN_PREFIX = "srx_"


class SiteKind(StrEnum):
    DESK = "desk"
    KIOSK = "kiosk"
    AGENCY = "agency"
    ADMIN = "admin"


def new_token() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def practice_key(practice: str) -> str:
    return f"practice:{practice}"


def service_key(service_id: str) -> str:
    return f"service:{service_id}"


@dataclass(frozen=True, slots=True)
class Caller:
    """The authenticated site behind a request."""

    site_id: int | None
    name: str
    kind: SiteKind
    practice: str | None = None
    services: frozenset[str] = frozenset()

    @property
    def is_admin(self) -> bool:
        return self.kind is SiteKind.ADMIN

    @property
    def owner_key(self) -> str | None:
        """The practice key stamped on what this site creates (None for agencies and administrators)."""
        if self.kind not in (SiteKind.DESK, SiteKind.KIOSK):
            return None
        if self.practice:
            return practice_key(self.practice)
        return f"site:{self.site_id}"

    @property
    def read_keys(self) -> frozenset[str]:
        """Access keys that let this site read a personal resource (kiosks read none)."""
        if self.kind is SiteKind.DESK and self.owner_key:
            return frozenset({self.owner_key})
        if self.kind is SiteKind.AGENCY:
            return frozenset(service_key(s) for s in self.services)
        return frozenset()


ADMINISTRATOR = Caller(site_id=None, name="hub administrator", kind=SiteKind.ADMIN)


def authenticate(connection: Connection, authorization: str | None, now: datetime) -> Caller:
    """The site whose bearer token is in the Authorization header; 401 for none, unknown, revoked or expired."""
    if not authorization:
        raise Unauthorized("this hub needs a site token: send 'Authorization: Bearer <token>'")
    scheme, _, token = authorization.strip().partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        raise Unauthorized("the Authorization header must be 'Bearer <token>'")
    if len(token) > 200:
        raise Unauthorized("the site token is not valid")
    record = connection.execute(select(Site).where(Site.token_hash == hash_token(token))).first()
    if record is None:
        raise Unauthorized("the site token is not valid")
    if record.revoked_at is not None:
        raise Unauthorized(f"the token of site {record.name!r} has been revoked")
    if record.expires_at is not None and record.expires_at <= now:
        raise Unauthorized(f"the token of site {record.name!r} expired on {record.expires_at:%Y-%m-%d %H:%M} UTC")
    services: frozenset[str] = frozenset()
    if record.kind == SiteKind.AGENCY:
        services = frozenset(
            connection.execute(select(SiteService.service_id).where(SiteService.site_id == record.id)).scalars()
        )
    return Caller(record.id, record.name, SiteKind(record.kind), record.practice, services)
