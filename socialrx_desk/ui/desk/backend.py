"""The desk's calls into the service layer, and the conversion of their answers into plain view rows.

Every method of :class:`DeskBackend` runs on the database lane of :class:`socialrx_desk.ui.tasks.TaskRunner`,
never on the GUI thread: the workspace (and its SQLite connections) is created there and used only there.

The service layer (and with it SQLAlchemy, about a quarter of a second to import) is imported inside the methods,
so that importing this module costs nothing and the first window can be on screen before the store is opened.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from socialrx_desk.paths import Profile
from socialrx_desk.ui.models.rows import (
    ACCESS_SENTENCES,
    ContactRow,
    DirectoryState,
    ResultRow,
    ServiceView,
)
from socialrx_desk.ui.tasks import TaskContext

if TYPE_CHECKING:
    from socialrx_desk.core.schedule import Session as OpeningSession
    from socialrx_desk.services.directory_view import ServiceDetail
    from socialrx_desk.services.referrals import PatientView, Referrals, ReferralView, SlotView
    from socialrx_desk.services.search import SearchHit
    from socialrx_desk.services.workspace import Workspace

RESULT_LIMIT = 100
NEXT_OPENINGS = 6
NEXT_FREE_DAYS = 3  # days with free slots listed in the detail pane
TIMES_PER_DAY = 6
# How far ahead the detail pane looks for free slots (the booking dialog pages week by week beyond it).
FREE_SLOT_DAYS = 28


@dataclass(frozen=True, slots=True)
class SearchRequest:
    text: str = ""
    need: str | None = None
    age: int | None = None
    open_weekday: int | None = None  # 0 = Monday
    access: str | None = None
    include_inactive: bool = False
    limit: int = RESULT_LIMIT

    @property
    def is_blank(self) -> bool:
        """Nothing to search for: no words and no need chosen."""
        return not self.text.strip() and self.need is None


@dataclass(frozen=True, slots=True)
class SearchAnswer:
    request: SearchRequest
    rows: tuple[ResultRow, ...]
    understood: dict[str, float] = field(default_factory=dict)  # need id -> weight, strongest first
    corrections: dict[str, str] = field(default_factory=dict)  # typed word -> corrected stem


@dataclass(frozen=True, slots=True)
class ImportOutcome:
    source: str
    read: int
    added: int
    updated: int
    skipped: tuple[str, ...]  # "item 12 (id x): reason", the first few
    skipped_count: int
    services: int  # in the directory after the import

    @property
    def summary(self) -> str:
        parts = [f"{self.added:,} new", f"{self.updated:,} updated"]
        if self.skipped_count:
            parts.append(f"{self.skipped_count:,} skipped")
        return f"Imported {Path(self.source).name}: " + ", ".join(parts) + "."


@dataclass(frozen=True, slots=True)
class BookingRequest:
    """Everything the booking dialog collected. ``slot_id`` None means a referral without a slot."""

    service_id: str
    slot_id: str | None
    name: str
    birth_date: date | None
    nhs_number: str = ""
    phone: str = ""
    postcode: str = ""
    consent: bool = False
    reason: str = ""
    needs: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ReferralLists:
    """The referrals view's two lists, read together so the counts agree."""

    all: tuple[ReferralView, ...]
    attention: tuple[ReferralView, ...]


class DeskBackend:
    def __init__(self, profile: Profile) -> None:
        self.profile = profile
        self._workspace: Workspace | None = None
        self._referrals: Referrals | None = None

    @property
    def workspace(self) -> Workspace:
        if self._workspace is None:
            raise RuntimeError("the directory is not open yet")
        return self._workspace

    @property
    def is_open(self) -> bool:
        return self._workspace is not None

    # --- opening and closing -------------------------------------------------------------------------------

    def open(self, context: TaskContext | None = None) -> DirectoryState:
        from socialrx_desk.services.workspace import Workspace

        if self._workspace is None:
            self._workspace = Workspace.open(self.profile)
        return self.state()

    def state(self) -> DirectoryState:
        from socialrx_desk.services.directory_view import directory_size

        workspace = self.workspace
        needs = tuple((need.id, need.label) for need in workspace.vocabulary.needs.values())
        return DirectoryState(services=directory_size(workspace.engine), needs=needs)

    def close(self, context: TaskContext | None = None) -> None:
        if self._workspace is not None:
            self._workspace.close()
            self._workspace = None
            self._referrals = None

    def directory_changed(self, context: TaskContext | None = None) -> DirectoryState:
        """A sync brought new or changed services: the search's word list is rebuilt before the next query."""
        self.workspace.directory_changed()
        return self.state()

    # --- search and detail ---------------------------------------------------------------------------------

    def warm_up(self, context: TaskContext | None = None) -> None:
        """Load the search's word list now, so the first keystroke does not pay for it."""
        if self._workspace is not None:
            self._workspace.search.interpret("")

    def search(self, request: SearchRequest, context: TaskContext | None = None) -> SearchAnswer:
        from socialrx_desk.services.search import SearchQuery

        workspace = self.workspace
        if context is not None:
            context.check()  # superseded while queued behind other work: skip the query
        result = workspace.search.search(
            SearchQuery(
                text=request.text,
                need=request.need,
                age=request.age,
                open_weekday=request.open_weekday,
                access=request.access,
                include_inactive=request.include_inactive,
                limit=request.limit,
            )
        )
        labels = {need.id: need.label for need in workspace.vocabulary.needs.values()}
        rows = tuple(result_row(hit, labels) for hit in result.hits)
        interpretation = result.interpretation
        return SearchAnswer(request, rows, dict(interpretation.needs), dict(interpretation.corrections))

    def detail(self, service_id: str, context: TaskContext | None = None) -> ServiceView | None:
        from socialrx_desk.services.directory_view import service_detail

        if context is not None:
            context.check()
        workspace = self.workspace
        found = service_detail(workspace.engine, workspace.vocabulary, service_id)
        if found is None:
            return None
        now = _utcnow()
        free = self.referrals.free_slots(service_id, now, now + timedelta(days=FREE_SLOT_DAYS), limit=200)
        return service_view(found, free_slots=free)

    # --- referrals and bookings ----------------------------------------------------------------------------

    @property
    def referrals(self) -> Referrals:
        if self._referrals is None:
            from socialrx_desk.services.referrals import Referrals

            workspace = self.workspace
            self._referrals = Referrals(workspace.engine, workspace.vocabulary, workspace.settings.site_name)
        return self._referrals

    def free_slots(
        self, service_id: str, start: datetime, end: datetime, context: TaskContext | None = None
    ) -> tuple[SlotView, ...]:
        """Free slots between two naive UTC times, never any that have already begun."""
        if context is not None:
            context.check()
        start = max(start, _utcnow())
        if end <= start:
            return ()
        return tuple(self.referrals.free_slots(service_id, start, end, limit=500))

    def recent_patients(self, text: str, context: TaskContext | None = None) -> tuple[PatientView, ...]:
        if context is not None:
            context.check()
        return tuple(self.referrals.recent_patients(text))

    def book(self, request: BookingRequest, context: TaskContext | None = None) -> ReferralView:
        """Book (or refer, without a slot). Raises PatientValidationError or ReferralError with plain reasons."""
        from socialrx_desk.core.patients import PatientDetails

        patient = PatientDetails(
            name=request.name,
            birth_date=request.birth_date,
            nhs_number=request.nhs_number.strip() or None,
            phone=request.phone.strip() or None,
            postcode=request.postcode.strip() or None,
        )
        common = {
            "service_id": request.service_id,
            "patient": patient,
            "consent": request.consent,
            "reason": request.reason,
            "needs": request.needs,
        }
        if request.slot_id is None:
            return self.referrals.refer(**common)  # type: ignore[arg-type]
        return self.referrals.book(slot_id=request.slot_id, **common)  # type: ignore[arg-type]

    def referral(self, referral_id: str, context: TaskContext | None = None) -> ReferralView | None:
        return self.referrals.get(referral_id)

    def referral_lists(self, context: TaskContext | None = None) -> ReferralLists:
        referrals = self.referrals
        return ReferralLists(
            all=tuple(referrals.list_referrals()),
            attention=tuple(referrals.list_referrals(attention_only=True)),
        )

    def rebook(self, referral_id: str, slot_id: str, context: TaskContext | None = None) -> ReferralView:
        return self.referrals.rebook(referral_id, slot_id)

    def send_without_slot(self, referral_id: str, context: TaskContext | None = None) -> ReferralView:
        return self.referrals.send_without_slot(referral_id)

    def complete_request(
        self, referral_id: str, slot_id: str | None, context: TaskContext | None = None
    ) -> ReferralView:
        return self.referrals.complete_request(referral_id, slot_id)

    def cancel(self, referral_id: str, context: TaskContext | None = None) -> ReferralView:
        return self.referrals.cancel(referral_id)

    # --- import --------------------------------------------------------------------------------------------

    def import_directory(self, source: str, context: TaskContext) -> ImportOutcome:
        from socialrx_desk.services.directory_import import import_directory

        workspace = self.workspace
        report = import_directory(
            workspace.engine,
            source,
            workspace.vocabulary,
            progress=lambda read: context.progress(read),
            cancelled=context.cancelled,
        )
        workspace.directory_changed()
        return ImportOutcome(
            source=source,
            read=report.read,
            added=report.imported,
            updated=report.updated,
            skipped=tuple(str(s) for s in report.skipped[:5]),
            skipped_count=len(report.skipped),
            services=self.state().services,
        )

    def import_demo_if_empty(self, context: TaskContext | None = None) -> DirectoryState:
        """The sample directory, for ``--demo``: imported once into the (throwaway) profile."""
        from socialrx_desk.services.directory_import import import_directory
        from socialrx_desk.services.workspace import demo_directory_path

        state = self.state()
        if state.services == 0:
            workspace = self.workspace
            import_directory(workspace.engine, str(demo_directory_path()), workspace.vocabulary)
            workspace.directory_changed()
            state = self.state()
        return state


# --- conversions to plain rows -----------------------------------------------------------------------------


def result_row(hit: SearchHit, labels: dict[str, str]) -> ResultRow:
    return ResultRow(
        id=hit.id,
        name=hit.name,
        organization=hit.organization or "",
        need_labels=tuple(labels[n] for n in hit.needs if n in labels),
        access=tuple(hit.access),
        min_age=hit.min_age,
        max_age=hit.max_age,
        open_days=hit.open_days,
        status=hit.status,
        score=hit.score,
    )


def _utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def service_view(
    detail: ServiceDetail, today: date | None = None, free_slots: list[SlotView] | tuple[SlotView, ...] = ()
) -> ServiceView:
    service = detail.service
    organization = service.organization
    addresses: list[str] = []
    accessibility: list[str] = []
    for location in service.locations:
        lines = [address.one_line() for address in location.addresses if address.one_line()]
        # The location's name only helps when it is not just the organisation and street again.
        if location.name and (not lines or len(service.locations) > 1):
            addresses.append(location.name + (":" if lines else ""))
        addresses.extend(lines)
        accessibility.extend(a for a in location.accessibility if a not in accessibility)
    contacts = tuple(
        ContactRow(
            name=", ".join(part for part in (contact.name, contact.title) if part),
            phones=tuple(contact.phones),
            email=contact.email or "",
        )
        for contact in service.contacts
        if contact.name or contact.phones or contact.email
    )
    return ServiceView(
        id=service.id,
        name=service.name,
        organization=organization.name if organization else "",
        status=service.status.value,
        alert=service.alert or "",
        description=service.description or "",
        who_for=_capitalised(detail.who_for),
        access=tuple(ACCESS_SENTENCES.get(a.value, a.value) for a in service.access),
        attending=service.attending_type or "",
        fees=service.fees or "",
        opening_lines=detail.opening_lines,
        next_openings=tuple(opening_text(s, today or date.today()) for s in detail.next_openings[:NEXT_OPENINGS]),
        addresses=tuple(dict.fromkeys(addresses)),
        accessibility=tuple(accessibility),
        contacts=contacts,
        website=service.url or (organization.url if organization and organization.url else ""),
        email=service.email or (organization.email if organization and organization.email else ""),
        languages=tuple(service.languages),
        need_labels=detail.need_labels,
        need_ids=tuple(n for n in detail.needs),
        free_slots=free_slot_lines(free_slots),
        free_slot_count=len(free_slots),
        phones=tuple(dict.fromkeys(phone for contact in contacts for phone in contact.phones)),
    )


def free_slot_lines(slots: list[SlotView] | tuple[SlotView, ...]) -> tuple[str, ...]:
    """'Mon 7 Dec: 09:00, 09:30, 10:00 and 12 more' for the first few days with free slots, in UK time."""
    from socialrx_desk.ui.when import clock, day_text, local

    days: dict[date, list[str]] = {}
    for slot in slots:
        start = local(slot.start)
        if start.date() not in days and len(days) == NEXT_FREE_DAYS:
            break
        days.setdefault(start.date(), []).append(clock(start))
    lines = []
    for day, times in days.items():
        shown = ", ".join(times[:TIMES_PER_DAY])
        more = len(times) - TIMES_PER_DAY
        lines.append(f"{day_text(day)}: {shown}" + (f" and {more} more" if more > 0 else ""))
    return tuple(lines)


def opening_text(session: OpeningSession, today: date) -> str:
    if session.day == today:
        day = "Today"
    elif session.day == today + timedelta(days=1):
        day = "Tomorrow"
    else:
        day = f"{session.day:%a} {session.day.day} {session.day:%b}"
    if session.opens and session.closes:
        return f"{day}, {session.opens:%H:%M} to {session.closes:%H:%M}"
    if session.opens:
        return f"{day}, from {session.opens:%H:%M}"
    return day


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]
