"""Enrolment: check a site token against a hub and keep it in the OS keyring (never on disk in clear)."""

from __future__ import annotations

from dataclasses import dataclass

import httpx
from sqlalchemy import Engine

from socialrx_desk.paths import Profile
from socialrx_desk.secrets import set_secret
from socialrx_desk.settings import Settings, save_settings
from socialrx_desk.sync.client import HubClient, Uncertain, Unreachable, epoch_of
from socialrx_desk.sync.runner import TOKEN_SECRET
from socialrx_desk.sync.state import set_needs_reenrol


class EnrolError(Exception):
    """The hub or the token could not be used; the message says why."""


@dataclass(frozen=True, slots=True)
class Enrolment:
    hub_url: str
    epoch: str | None


def enrol(
    profile: Profile,
    engine: Engine,
    settings: Settings,
    hub_url: str,
    token: str,
    *,
    kiosk: bool = False,
    transport: httpx.BaseTransport | None = None,
) -> Enrolment:
    url = hub_url.strip().rstrip("/")
    if not url.startswith(("http://", "https://")):
        raise EnrolError("the hub address must start with http:// or https://")
    token = token.strip()
    if not token:
        raise EnrolError("no token was given")
    with HubClient(url, token, transport=transport) as client:
        try:
            metadata = client.metadata()
            if not metadata.ok or (metadata.body or {}).get("resourceType") != "CapabilityStatement":
                raise EnrolError(f"{url} does not look like a FHIR server ({metadata.reason})")
            probe = client.search("HealthcareService", {"_count": "1"})
        except (Unreachable, Uncertain) as error:
            raise EnrolError(f"cannot reach the hub: {error}") from None
    if probe.status in (401, 403):
        raise EnrolError("the hub refused this token; check it was copied whole and has not been revoked")
    if not probe.ok:
        raise EnrolError(f"the hub could not be used with this token: {probe.reason}")
    set_secret(profile.name, TOKEN_SECRET, token)
    settings.hub_url = url
    settings.mode = "kiosk" if kiosk else "desk"
    save_settings(profile.settings_file, settings)
    set_needs_reenrol(engine, False)
    return Enrolment(url, epoch_of(metadata))
