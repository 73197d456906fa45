"""Times as the receptionist reads them: slots and sync times are stored as naive UTC, shown in UK local time.

A slot at 09:30 in July is stored as 08:30 UTC; showing the stored time would send patients an hour early all
summer. Every time on screen or paper goes through :func:`local`.
"""

from __future__ import annotations

import functools
from datetime import UTC, date, datetime, timedelta, tzinfo

LOCAL_ZONE = "Europe/London"


@functools.cache
def local_zone() -> tzinfo:
    try:
        from zoneinfo import ZoneInfo

        return ZoneInfo(LOCAL_ZONE)
    except (ImportError, LookupError, OSError, ValueError):
        # A Windows machine without the tzdata package: the computer's own zone is the UK one at a UK surgery.
        zone = datetime.now().astimezone().tzinfo
        return zone if zone is not None else UTC


def local(moment: datetime) -> datetime:
    """A naive UTC time (as stored) in UK local time, still naive for easy formatting."""
    aware = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment
    return aware.astimezone(local_zone()).replace(tzinfo=None)


def utc_naive(moment: datetime) -> datetime:
    """A naive UK local time as naive UTC, for queries on stored times."""
    aware = moment.replace(tzinfo=local_zone()) if moment.tzinfo is None else moment
    return aware.astimezone(UTC).replace(tzinfo=None)


def local_today() -> date:
    return local(datetime.now(UTC)).date()


def day_text(day: date, today: date | None = None) -> str:
    """'Today', 'Tomorrow' or 'Tue 8 Dec'."""
    today = today or local_today()
    if day == today:
        return "Today"
    if day == today + timedelta(days=1):
        return "Tomorrow"
    return f"{day:%a} {day.day} {day:%b}"


def long_day_text(day: date) -> str:
    """'Tuesday 8 December 2026': on paper, where there is room and no 'today'."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def clock(moment: datetime) -> str:
    return f"{moment:%H:%M}"


def slot_text(start: datetime, end: datetime | None = None, today: date | None = None) -> str:
    """A stored (UTC) slot as 'Tue 8 Dec, 10:30 to 11:00' in local time."""
    begin = local(start)
    text = f"{day_text(begin.date(), today)}, {clock(begin)}"
    if end is not None:
        text += f" to {clock(local(end))}"
    return text


def week_start(day: date) -> date:
    """The Monday of ``day``'s week."""
    return day - timedelta(days=day.weekday())


def ago_text(moment: datetime | None, now: datetime | None = None) -> str:
    """A stored (UTC) time as '14:05' today or 'Tue 8 Dec 14:05' on another day."""
    if moment is None:
        return ""
    shown = local(moment)
    today = local(now).date() if now else local_today()
    return clock(shown) if shown.date() == today else f"{day_text(shown.date(), today)} {clock(shown)}"
