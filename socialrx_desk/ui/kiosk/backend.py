"""The kiosk's calls into the service layer, answered as plain rows the screens can show.

Methods run on the database lane of :class:`socialrx_desk.ui.tasks.TaskRunner` (``sync`` on the network pool);
the service layer is imported inside them so opening the window never waits for SQLAlchemy.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, time
from typing import TYPE_CHECKING

from socialrx_desk.paths import Profile
from socialrx_desk.ui.tasks import TaskContext

if TYPE_CHECKING:
    from socialrx_desk.services.workspace import Workspace
    from socialrx_desk.settings import Settings
    from socialrx_desk.sync.runner import SyncRunner

log = logging.getLogger(__name__)

# The tiles on the home screen, in the order shown; each gathers the needs whose ``kiosk_tile`` names it.
TILE_ORDER = (
    "money",
    "help_at_home",
    "lonely",
    "getting_out",
    "cold_damp",
    "mood",
    "carers",
    "health",
    "housing",
    "other",
)
PER_NEED = 40
MAX_CARDS = 40
NEXT_OPENINGS = 4
# Services reached only through a professional's referral cannot take a patient's own request; everything else
# (drop-in, appointment, self-referral, membership, or nothing stated) can be asked for directly.
PROFESSIONAL_ONLY = "referral"
ACTOR = "kiosk"


@dataclass(frozen=True, slots=True)
class KioskStart:
    services: int
    tiles: tuple[tuple[str, tuple[str, ...]], ...]  # tile id -> need ids
    settings: Settings


@dataclass(frozen=True, slots=True)
class ServiceCard:
    id: str
    name: str
    organization: str | None
    summary: str
    access: tuple[str, ...]
    can_self_refer: bool
    closed: bool


@dataclass(frozen=True, slots=True)
class Opening:
    day: date
    opens: time | None
    closes: time | None


@dataclass(frozen=True, slots=True)
class ServicePage:
    id: str
    name: str
    organization: str | None
    description: str
    min_age: int | None
    max_age: int | None
    eligibility: tuple[str, ...]  # the directory's own words
    access: tuple[str, ...]
    can_self_refer: bool
    closed: bool
    alert: str | None
    fees: str | None
    address: str | None
    phone: str | None
    openings: tuple[Opening, ...]
    opening_lines: tuple[str, ...]  # the directory's rules in short English, when no concrete times are known


@dataclass(frozen=True, slots=True)
class PatientEntry:
    """What the person typed. Lives only on the GUI side until it is handed to ``submit``."""

    name: str
    birth_date: date | None
    phone: str


@dataclass(frozen=True, slots=True)
class Submitted:
    referral_id: str
    reference: str
    service_name: str
    ask_desk: bool
    synced: bool


@dataclass(frozen=True, slots=True)
class SyncOutcome:
    reached: bool
    enrolled: bool
    directory_changed: bool
    error: str | None


def can_self_refer(access: tuple[str, ...], status: str) -> bool:
    if status not in ("active", ""):
        return False
    return not access or any(item != PROFESSIONAL_ONLY for item in access)


def first_sentences(text: str | None, limit: int = 160) -> str:
    """The opening of a description, cut at a sentence end where possible: a card is not the place for all of it."""
    if not text:
        return ""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text.rfind(". ", 0, limit)
    if cut > limit // 3:
        return text[: cut + 1]
    space = text.rfind(" ", 0, limit)
    return text[: space if space > 0 else limit].rstrip(",;:") + "…"


class KioskBackend:
    def __init__(self, profile: Profile) -> None:
        self.profile = profile
        self._workspace: Workspace | None = None
        self._runner: SyncRunner | None = None

    @property
    def workspace(self) -> Workspace:
        if self._workspace is None:
            raise RuntimeError("the directory is not open yet")
        return self._workspace

    # --- opening and closing (database lane) ----------------------------------------------------------------

    def open(self, context: TaskContext | None = None) -> KioskStart:
        from socialrx_desk.services.directory_view import directory_size
        from socialrx_desk.services.workspace import Workspace

        if self._workspace is None:
            self._workspace = Workspace.open(self.profile)
            self._workspace.search.interpret("")  # load the word list now, not on the first tile touched
        workspace = self._workspace
        tiles: dict[str, list[str]] = {tile: [] for tile in TILE_ORDER}
        for need in workspace.vocabulary.needs.values():
            tiles.setdefault(need.kiosk_tile, []).append(need.id)
        return KioskStart(
            services=directory_size(workspace.engine),
            tiles=tuple((tile, tuple(needs)) for tile, needs in tiles.items() if needs),
            settings=workspace.settings.model_copy(),
        )

    def import_demo(self, context: TaskContext | None = None) -> None:
        """Fill an empty (throwaway) profile with the sample directory, for ``--demo``."""
        from socialrx_desk.services.directory_import import import_directory
        from socialrx_desk.services.workspace import Workspace, demo_directory_path

        if self._workspace is None:
            self._workspace = Workspace.open(self.profile)
        import_directory(self._workspace.engine, str(demo_directory_path()), self._workspace.vocabulary)
        self._workspace.directory_changed()

    def close(self, context: TaskContext | None = None) -> None:
        if self._workspace is not None:
            self._workspace.close()
            self._workspace = None

    def directory_changed(self, context: TaskContext | None = None) -> None:
        if self._workspace is not None:
            self._workspace.directory_changed()

    # --- browsing (database lane) ---------------------------------------------------------------------------

    def services_for(self, need_ids: tuple[str, ...], context: TaskContext | None = None) -> tuple[ServiceCard, ...]:
        """Every active service meeting any of the tile's needs, strongest first, no duplicates."""
        from socialrx_desk.services.search import SearchQuery

        workspace = self.workspace
        best: dict[str, tuple[float, ServiceCard]] = {}
        descriptions = self._descriptions
        for need in need_ids:
            if context is not None:
                context.check()
            if need not in workspace.vocabulary:
                continue
            for hit in workspace.search.search(SearchQuery(need=need, limit=PER_NEED)).hits:
                score = hit.score
                if hit.id in best and best[hit.id][0] >= score:
                    continue
                card = ServiceCard(
                    id=hit.id,
                    name=hit.name,
                    organization=hit.organization,
                    summary="",
                    access=tuple(hit.access),
                    can_self_refer=can_self_refer(tuple(hit.access), hit.status),
                    closed=hit.status != "active",
                )
                best[hit.id] = (score, card)
        ranked = [card for _score, card in sorted(best.values(), key=lambda item: -item[0])][:MAX_CARDS]
        summaries = descriptions([card.id for card in ranked])
        return tuple(
            ServiceCard(
                c.id, c.name, c.organization, first_sentences(summaries.get(c.id)), c.access, c.can_self_refer, c.closed
            )
            for c in ranked
        )

    def _descriptions(self, ids: list[str]) -> dict[str, str]:
        from sqlalchemy import select
        from sqlalchemy.orm import Session

        from socialrx_desk.store.models import ServiceRow

        if not ids:
            return {}
        with Session(self.workspace.engine) as session:
            rows = session.execute(select(ServiceRow.id, ServiceRow.description).where(ServiceRow.id.in_(ids)))
            return {row.id: row.description or "" for row in rows}

    def service_page(self, service_id: str, context: TaskContext | None = None) -> ServicePage | None:
        from socialrx_desk.services.directory_view import service_detail

        workspace = self.workspace
        found = service_detail(workspace.engine, workspace.vocabulary, service_id)
        if found is None:
            return None
        service = found.service
        access = tuple(str(item) for item in service.access)
        address = next((a.one_line() for loc in service.locations for a in loc.addresses if a.one_line()), None)
        return ServicePage(
            id=service.id,
            name=service.name,
            organization=service.organization.name if service.organization else None,
            description=" ".join((service.description or "").split()),
            min_age=service.min_age,
            max_age=service.max_age,
            eligibility=tuple(e for e in service.eligibility if e and e.strip()),
            access=access,
            can_self_refer=can_self_refer(access, str(service.status)),
            closed=str(service.status) != "active",
            alert=service.alert,
            fees=service.fees,
            address=address,
            phone=next(iter(service.phones), None),
            openings=tuple(Opening(s.day, s.opens, s.closes) for s in found.next_openings[:NEXT_OPENINGS]),
            opening_lines=found.opening_lines,
        )

    # --- the request (database lane) ------------------------------------------------------------------------

    def submit(
        self,
        service_id: str,
        entry: PatientEntry,
        reason: str,
        *,
        ask_desk: bool,
        context: TaskContext | None = None,
    ) -> Submitted:
        """Save the request and its outbox entry in one transaction. Raises PatientValidationError/ReferralError."""
        from socialrx_desk.core.patients import PatientDetails
        from socialrx_desk.services.referrals import Referrals

        workspace = self.workspace
        view = Referrals(workspace.engine, workspace.vocabulary, ACTOR).self_refer(
            service_id=service_id,
            patient=PatientDetails(name=entry.name, birth_date=entry.birth_date, phone=entry.phone or None),
            consent=True,
            reason=reason or None,
            ask_desk=ask_desk,
        )
        return Submitted(view.id, view.reference, view.service_name, ask_desk, view.synced)

    def is_synced(self, referral_id: str, context: TaskContext | None = None) -> bool:
        from socialrx_desk.services.referrals import Referrals

        workspace = self.workspace
        view = Referrals(workspace.engine, workspace.vocabulary, ACTOR).get(referral_id)
        return view is not None and view.synced

    # --- sync (network pool) --------------------------------------------------------------------------------

    def sync(self, context: TaskContext | None = None) -> SyncOutcome:
        """One sync cycle. In kiosk mode it pulls only the directory and purges patient details once sent."""
        from socialrx_desk.sync.lock import SyncBusy
        from socialrx_desk.sync.runner import NotEnrolled, SyncRunner

        workspace = self.workspace
        if not workspace.settings.hub_url:
            return SyncOutcome(reached=False, enrolled=False, directory_changed=False, error=None)
        if self._runner is None:
            self._runner = SyncRunner(workspace.profile, workspace.engine, workspace.vocabulary, workspace.settings)
        try:
            report = self._runner.run_once()
        except SyncBusy:
            # Another sync of this profile (a staff member's CLI) is running; the next tick tries again.
            return SyncOutcome(reached=False, enrolled=True, directory_changed=False, error="busy")
        except NotEnrolled as error:
            return SyncOutcome(reached=False, enrolled=False, directory_changed=False, error=str(error))
        return SyncOutcome(
            reached=report.reached,
            enrolled=True,
            directory_changed=report.pulled.directory_changed,
            error=report.error,
        )
