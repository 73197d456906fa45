"""The service directory as plain data: what an Open Referral UK record means to us.

These types are what the importer produces, the store persists, the FHIR mapping publishes and the UI shows.
They carry no knowledge of either ORUK version or of the database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from enum import StrEnum


class ServiceStatus(StrEnum):
    ACTIVE = "active"
    INACTIVE = "inactive"
    DEFUNCT = "defunct"
    TEMPORARILY_CLOSED = "temporarily closed"

    @classmethod
    def parse(cls, value: str | None) -> ServiceStatus:
        """Unknown or missing statuses count as active: a feed that omits status still lists live services."""
        if not value:
            return cls.ACTIVE
        text = value.strip().lower().replace("_", " ").replace("-", " ")
        for status in cls:
            if text == status.value:
                return status
        if text in {"closed", "temporarily closed", "suspended", "paused"}:
            return cls.TEMPORARILY_CLOSED
        if text in {"withdrawn", "ended", "closed permanently", "deleted"}:
            return cls.DEFUNCT
        return cls.ACTIVE

    @property
    def listed_by_default(self) -> bool:
        return self in (ServiceStatus.ACTIVE, ServiceStatus.TEMPORARILY_CLOSED)


class Access(StrEnum):
    """How a patient gets in: the desk filters on these."""

    DROP_IN = "drop-in"
    REFERRAL = "referral"
    APPOINTMENT = "appointment"
    SELF_REFERRAL = "self-referral"
    MEMBERSHIP = "membership"

    @classmethod
    def parse(cls, value: str | None) -> Access | None:
        if not value:
            return None
        text = value.strip().lower().replace("_", "-").replace(" ", "-")
        aliases = {
            "drop-in": cls.DROP_IN,
            "dropin": cls.DROP_IN,
            "walk-in": cls.DROP_IN,
            "referral": cls.REFERRAL,
            "professional-referral": cls.REFERRAL,
            "appointment": cls.APPOINTMENT,
            "booking": cls.APPOINTMENT,
            "self-referral": cls.SELF_REFERRAL,
            "selfreferral": cls.SELF_REFERRAL,
            "membership": cls.MEMBERSHIP,
        }
        return aliases.get(text)


@dataclass(slots=True)
class TaxonomyTerm:
    id: str
    name: str
    vocabulary: str | None = None
    code: str | None = None
    parent_id: str | None = None


@dataclass(slots=True)
class Address:
    line1: str | None = None
    city: str | None = None
    region: str | None = None
    postcode: str | None = None
    country: str | None = None

    def one_line(self) -> str:
        return ", ".join(part for part in (self.line1, self.city, self.postcode) if part)


@dataclass(slots=True)
class Location:
    id: str
    name: str | None = None
    description: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    addresses: list[Address] = field(default_factory=list)
    accessibility: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Organization:
    id: str
    name: str
    description: str | None = None
    email: str | None = None
    url: str | None = None


@dataclass(slots=True)
class Contact:
    id: str | None = None
    name: str | None = None
    title: str | None = None
    email: str | None = None
    phones: list[str] = field(default_factory=list)


class Frequency(StrEnum):
    WEEKLY = "WEEKLY"
    MONTHLY = "MONTHLY"
    DAILY = "DAILY"


@dataclass(slots=True)
class OpeningHours:
    """One recurring opening rule (ORUK regular_schedule / schedule), in rrule terms."""

    weekdays: tuple[str, ...] = ()  # rrule BYDAY values: "MO", "TU", ... or with an ordinal, "1MO", "-1FR"
    opens: time | None = None
    closes: time | None = None
    freq: Frequency = Frequency.WEEKLY
    interval: int = 1
    month_days: tuple[int, ...] = ()
    valid_from: date | None = None
    valid_to: date | None = None
    dtstart: date | None = None
    description: str | None = None


@dataclass(slots=True)
class Closure:
    """A holiday closure or special opening (ORUK holiday_schedule)."""

    start: date
    end: date
    closed: bool = True
    opens: time | None = None
    closes: time | None = None


@dataclass(slots=True)
class Service:
    id: str
    name: str
    description: str | None = None
    organization: Organization | None = None
    status: ServiceStatus = ServiceStatus.ACTIVE
    url: str | None = None
    email: str | None = None
    fees: str | None = None
    access: list[Access] = field(default_factory=list)
    attending_type: str | None = None
    min_age: int | None = None
    max_age: int | None = None
    eligibility: list[str] = field(default_factory=list)
    locations: list[Location] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)
    opening_hours: list[OpeningHours] = field(default_factory=list)
    closures: list[Closure] = field(default_factory=list)
    taxonomy: list[TaxonomyTerm] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    service_areas: list[str] = field(default_factory=list)
    alert: str | None = None
    last_modified: datetime | None = None

    def accepts_age(self, age: int) -> bool:
        if self.min_age is not None and age < self.min_age:
            return False
        return not (self.max_age is not None and age > self.max_age)

    @property
    def phones(self) -> list[str]:
        return [phone for contact in self.contacts for phone in contact.phones]
