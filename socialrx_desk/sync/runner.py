"""One full sync cycle for a profile: check the hub, push, pull, re-send what a restored hub lacks, purge.

Usable headless (``socialrx-desk sync``) and from a worker thread (the desk's timer); it never touches Qt and
reports only plain data. A profile lock keeps it to one runner at a time.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

import httpx
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from socialrx_desk.core.needs import NeedsVocabulary
from socialrx_desk.core.referrals import ReferralState
from socialrx_desk.paths import Profile
from socialrx_desk.secrets import SecretStoreError, get_secret
from socialrx_desk.services.referrals import Referrals, utcnow
from socialrx_desk.settings import Settings
from socialrx_desk.store.directory import get_meta, set_meta
from socialrx_desk.store.models import ReferralRow
from socialrx_desk.sync.client import HubClient, HubStatusError, Uncertain, Unreachable, epoch_of
from socialrx_desk.sync.lock import ProfileLock
from socialrx_desk.sync.pull import Puller, PullReport, forget_for_new_epoch
from socialrx_desk.sync.push import HubOffline, Pusher, PushReport, ReenrolNeeded
from socialrx_desk.sync.state import EPOCH, SyncStatus, read_status, record_attempt, set_needs_reenrol

log = logging.getLogger(__name__)
TOKEN_SECRET = "site-token"


class NotEnrolled(Exception):
    """This profile has no hub or no token yet."""


@dataclass(slots=True)
class SyncReport:
    reached: bool = False
    error: str | None = None
    needs_reenrol: bool = False
    epoch_changed: bool = False
    pushed: PushReport = field(default_factory=PushReport)
    pulled: PullReport = field(default_factory=PullReport)
    resent: int = 0
    purged: int = 0


class SyncRunner:
    def __init__(
        self,
        profile: Profile,
        engine: Engine,
        vocabulary: NeedsVocabulary,
        settings: Settings,
        *,
        token: Callable[[], str | None] | None = None,
        transport: httpx.BaseTransport | None = None,
        timeout: float | httpx.Timeout | None = None,
        now: Callable[[], datetime] = utcnow,
    ) -> None:
        self.profile = profile
        self._engine = engine
        self._vocabulary = vocabulary
        self._settings = settings
        self._token = token or (lambda: get_secret(profile.name, TOKEN_SECRET))
        self._transport = transport
        self._timeout = timeout
        self._now = now
        self.referrals = Referrals(engine, vocabulary, settings.site_name)

    @property
    def kiosk(self) -> bool:
        return self._settings.mode == "kiosk"

    def status(self) -> SyncStatus:
        try:
            enrolled = bool(self._settings.hub_url) and self._token() is not None
        except SecretStoreError:
            enrolled = False
        return read_status(self._engine, self._settings.hub_url, enrolled)

    def run_once(self) -> SyncReport:
        """One cycle. Never raises for network trouble: the report says whether the hub was reached."""
        if not self._settings.hub_url:
            raise NotEnrolled("this profile is not enrolled with a hub: run 'socialrx-desk enroll --server URL'")
        with ProfileLock(self.profile.sync_lock):
            try:
                token = self._token()
            except SecretStoreError as error:
                report = SyncReport(error=str(error))
                record_attempt(self._engine, online=False, error=report.error, success=False)
                return report
            if not token:
                raise NotEnrolled("no site token is stored for this profile: run 'socialrx-desk enroll' again")
            kwargs = {"timeout": self._timeout} if self._timeout is not None else {}
            with HubClient(self._settings.hub_url, token, transport=self._transport, **kwargs) as client:
                report = self._cycle(client)
        record_attempt(
            self._engine,
            online=report.reached,
            error=report.error,
            success=report.reached and report.error is None,
        )
        return report

    def _cycle(self, client: HubClient) -> SyncReport:
        report = SyncReport()
        try:
            metadata = client.metadata()
        except (Unreachable, Uncertain) as error:
            report.error = str(error)
            return report
        if not metadata.ok:
            report.error = f"the hub's capability statement could not be read: {metadata.reason}"
            return report
        report.reached = True
        report.epoch_changed = self._check_epoch(epoch_of(metadata))
        pusher = Pusher(self._engine, client, self.referrals, now=self._now)
        try:
            report.pushed = pusher.push()
            report.pulled = Puller(
                self._engine, client, self._vocabulary, personal=not self.kiosk, now=self._now
            ).pull()
            if report.epoch_changed:
                report.resent = self._resend_missing(client)
                extra = pusher.push()
                report.pushed.committed += extra.committed
                report.pushed.conflicts += extra.conflicts
                report.pushed.rejected += extra.rejected
            set_needs_reenrol(self._engine, False)
        except ReenrolNeeded as error:
            report.needs_reenrol = True
            report.error = f"the hub no longer accepts this site's token ({error}); enrol again"
            set_needs_reenrol(self._engine, True)
        except HubStatusError as error:
            if error.response.status in (401, 403):
                report.needs_reenrol = True
                set_needs_reenrol(self._engine, True)
            report.error = f"the hub refused a download: {error}"
        except (HubOffline, Unreachable, Uncertain) as error:
            report.error = f"the connection to the hub failed part way: {error}"
        retention = 0 if self.kiosk else self._settings.retention_days
        report.purged = self.referrals.purge(retention, now=self._now())
        return report

    def _check_epoch(self, epoch: str | None) -> bool:
        if epoch is None:
            return False
        with self._engine.begin() as connection:
            known = get_meta(connection, EPOCH)
            set_meta(connection, EPOCH, epoch)
        if known is not None and known != epoch:
            log.warning("the hub's epoch changed (%s -> %s): re-downloading everything", known, epoch)
            forget_for_new_epoch(self._engine)
            return True
        return False

    def _resend_missing(self, client: HubClient) -> int:
        """After a restore from backup: re-send every synced, still-live referral the hub no longer has."""
        with Session(self._engine) as session:
            candidates = list(
                session.scalars(
                    select(ReferralRow.id).where(
                        ReferralRow.synced_at.is_not(None),
                        ReferralRow.state.not_in([ReferralState.CANCELLED.value, ReferralState.COMPLETED.value]),
                    )
                )
            )
        resent = 0
        for referral_id in candidates:
            response = client.read("ServiceRequest", referral_id)
            if response.status in (404, 410) and self.referrals.resend(referral_id, now=self._now()) is not None:
                resent += 1
        return resent
