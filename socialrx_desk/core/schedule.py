"""Opening hours: expansion into concrete sessions (dateutil.rrule) and plain-English summaries."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Literal

from dateutil import rrule

from socialrx_desk.core.directory import Closure, Frequency, OpeningHours
from socialrx_desk.core.weekdays import WEEKDAY_CODES, WEEKDAY_NAMES, day_ranges

_RRULE_FREQ: dict[Frequency, Literal[0, 1, 2, 3, 4, 5, 6]] = {
    Frequency.WEEKLY: rrule.WEEKLY,
    Frequency.MONTHLY: rrule.MONTHLY,
    Frequency.DAILY: rrule.DAILY,
}
_RRULE_DAYS = (rrule.MO, rrule.TU, rrule.WE, rrule.TH, rrule.FR, rrule.SA, rrule.SU)


@dataclass(frozen=True, slots=True)
class Session:
    """One concrete opening: a day and its hours (None when the feed gave no times)."""

    day: date
    opens: time | None
    closes: time | None


def parse_byday(code: str) -> rrule.weekday | None:
    """'MO' -> rrule.MO; '1MO' / '-1FR' (monthly ordinals) -> rrule.MO(+1) / rrule.FR(-1)."""
    code = code.strip().upper()
    if len(code) < 2 or code[-2:] not in WEEKDAY_CODES:
        return None
    day = _RRULE_DAYS[WEEKDAY_CODES.index(code[-2:])]
    ordinal = code[:-2]
    if not ordinal:
        return day
    try:
        n = int(ordinal)
    except ValueError:
        return None
    return day(n) if n else day


def weekdays_of(hours: OpeningHours) -> set[int]:
    """The weekdays (0 = Monday) on which a rule can open at all."""
    if hours.freq is Frequency.DAILY and not hours.weekdays:
        return set(range(7))
    days = {WEEKDAY_CODES.index(code[-2:]) for code in hours.weekdays if code[-2:] in WEEKDAY_CODES}
    if not days and hours.freq is Frequency.MONTHLY and hours.month_days:
        return set(range(7))
    return days


def open_weekdays(rules: Iterable[OpeningHours]) -> set[int]:
    result: set[int] = set()
    for hours in rules:
        result |= weekdays_of(hours)
    return result


def sessions(rules: Iterable[OpeningHours], start: date, end: date, closures: Iterable[Closure] = ()) -> list[Session]:
    """Every opening between start and end inclusive, closures applied, sorted by day and time."""
    closed = list(closures)
    found: list[Session] = []
    for hours in rules:
        for day in _days(hours, start, end):
            closure = next((c for c in closed if c.start <= day <= c.end), None)
            if closure is None:
                found.append(Session(day, hours.opens, hours.closes))
            elif not closure.closed:
                found.append(Session(day, closure.opens or hours.opens, closure.closes or hours.closes))
    found.sort(key=lambda s: (s.day, s.opens or time.min))
    return found


def _days(hours: OpeningHours, start: date, end: date) -> Iterator[date]:
    first = max(start, hours.valid_from or start)
    last = min(end, hours.valid_to or end)
    if first > last:
        return
    byday = [d for d in (parse_byday(code) for code in hours.weekdays) if d is not None]
    if hours.freq is not Frequency.DAILY and not byday and not hours.month_days:
        return
    anchor = hours.dtstart or hours.valid_from or first
    rule = rrule.rrule(
        _RRULE_FREQ[hours.freq],
        dtstart=datetime.combine(anchor, time.min),
        interval=max(1, hours.interval),
        byweekday=byday or None,
        bymonthday=list(hours.month_days) or None,
        until=datetime.combine(last, time.min),
    )
    for moment in rule.between(
        datetime.combine(first, time.min) - timedelta(seconds=1), datetime.combine(last, time.max)
    ):
        yield moment.date()


def describe(rules: Iterable[OpeningHours]) -> list[str]:
    """Short human lines such as 'Mon-Fri 09:00-16:30' for the detail pane and printed slips."""
    lines: list[str] = []
    for hours in rules:
        days = sorted(weekdays_of(hours))
        when = day_ranges(days)
        if hours.freq is Frequency.MONTHLY:
            ordinals = [code for code in hours.weekdays if code[:-2]]
            if ordinals:
                when = ", ".join(_ordinal_day(code) for code in ordinals) + " of the month"
            elif hours.month_days:
                when = "day " + ", ".join(str(d) for d in hours.month_days) + " of the month"
        elif hours.interval > 1:
            when = f"{when} every {hours.interval} weeks"
        times = ""
        if hours.opens and hours.closes:
            times = f"{hours.opens:%H:%M}-{hours.closes:%H:%M}"
        line = " ".join(part for part in (when, times) if part)
        if hours.description and not line:
            line = hours.description
        if line:
            lines.append(line)
    return lines


def _ordinal_day(code: str) -> str:
    n = int(code[:-2])
    names = {1: "1st", 2: "2nd", 3: "3rd", 4: "4th", -1: "last"}
    return f"{names.get(n, str(n))} {WEEKDAY_NAMES[WEEKDAY_CODES.index(code[-2:])]}"
