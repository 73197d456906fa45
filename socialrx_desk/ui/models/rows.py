"""Plain, immutable rows the Qt models and views show.

They are built on the database worker from service-layer results and handed to the GUI thread whole, so a view
never touches the database, an ORM object or anything another thread may change.
"""

from __future__ import annotations

from dataclasses import dataclass

from socialrx_desk.core.weekdays import day_ranges, days_of_mask

ACCESS_LABELS = {
    "drop-in": "Drop in",
    "referral": "Referral",
    "appointment": "Appointment",
    "self-referral": "Self-referral",
    "membership": "Membership",
}
# How a patient gets in, said the way a receptionist would say it to them.
ACCESS_SENTENCES = {
    "drop-in": "Drop in: no appointment needed.",
    "referral": "Needs a referral from a professional (GP, social prescriber, social worker).",
    "appointment": "By appointment: book a time first.",
    "self-referral": "Patients can refer themselves.",
    "membership": "Membership: the patient joins the group or club.",
}


@dataclass(frozen=True, slots=True)
class ResultRow:
    """One search hit, as the results list shows it."""

    id: str
    name: str
    organization: str
    need_labels: tuple[str, ...]
    access: tuple[str, ...]  # access route codes: "drop-in", "referral", ...
    min_age: int | None
    max_age: int | None
    open_days: int  # bit 0 = Monday
    status: str
    score: float

    @property
    def ages(self) -> str:
        if self.min_age is not None and self.max_age is not None:
            return f"Ages {self.min_age}-{self.max_age}"
        if self.min_age is not None:
            return f"Ages {self.min_age}+"
        if self.max_age is not None:
            return f"Up to age {self.max_age}"
        return ""

    @property
    def days(self) -> str:
        return days_text(self.open_days)

    @property
    def inactive(self) -> bool:
        return self.status not in ("active", "")

    @property
    def facts(self) -> str:
        """The second line of a result: who runs it, how to get in, ages, days."""
        access = ", ".join(ACCESS_LABELS.get(a, a) for a in self.access)
        parts = [self.organization, access, self.ages, self.days]
        if self.inactive:
            parts.insert(0, self.status.capitalize())
        return "  ·  ".join(p for p in parts if p)


def days_text(mask: int) -> str:
    """'Mon-Fri', 'Tue, Thu', 'Every day' from a weekday bit mask; '' when unknown."""
    return day_ranges(days_of_mask(mask))


@dataclass(frozen=True, slots=True)
class NeedChip:
    """A need shown above the results: one the query was understood as, or the active need filter."""

    need_id: str
    label: str
    weight: float  # 0..1 from the query understanding; 0 for a filter the query did not mention
    active: bool  # the results are filtered to this need


@dataclass(frozen=True, slots=True)
class ContactRow:
    name: str
    phones: tuple[str, ...]
    email: str


@dataclass(frozen=True, slots=True)
class ServiceView:
    """Everything the detail pane shows about one service, already in words."""

    id: str
    name: str
    organization: str
    status: str
    alert: str
    description: str
    who_for: str
    access: tuple[str, ...]  # sentences
    attending: str
    fees: str
    opening_lines: tuple[str, ...]
    next_openings: tuple[str, ...]
    addresses: tuple[str, ...]
    accessibility: tuple[str, ...]
    contacts: tuple[ContactRow, ...]
    website: str
    email: str
    languages: tuple[str, ...]
    need_labels: tuple[str, ...]
    need_ids: tuple[str, ...] = ()
    free_slots: tuple[str, ...] = ()  # the next few free slots, in words and local time
    free_slot_count: int = 0  # free slots in the next four weeks
    phones: tuple[str, ...] = ()  # every contact's phone numbers, in order

    @property
    def inactive(self) -> bool:
        return self.status not in ("active", "")

    @property
    def bookable(self) -> bool:
        """The hub publishes free slots for it: the desk books a time rather than sending a referral."""
        return self.free_slot_count > 0


@dataclass(frozen=True, slots=True)
class DirectoryState:
    """What the desk knows about its profile once the store is open."""

    services: int
    needs: tuple[tuple[str, str], ...]  # (need id, label), in vocabulary order
