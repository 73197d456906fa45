"""Open Referral UK records (v1 and HSDS 3 / ORUK v3) into core directory types.

Both shapes are read by one tolerant parser: the field names differ (``service_taxonomys`` vs
``attributes[].taxonomy_term``, ``regular_schedules`` vs ``schedules``, ``physical_addresses`` vs ``addresses``)
but rarely clash, so each field is looked up under all its known names. Real feeds are messy: HTML in text,
numbers as strings, ``null`` where a list belongs, times with seconds, unknown fields. Whatever can be
understood is kept; a record without an id or a name cannot be used and raises :class:`RecordError`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from socialrx_desk.core.directory import (
    Access,
    Address,
    Closure,
    Contact,
    Frequency,
    Location,
    OpeningHours,
    Organization,
    Service,
    ServiceStatus,
    TaxonomyTerm,
)
from socialrx_desk.core.text import clean_text, fold
from socialrx_desk.core.weekdays import WEEKDAY_CODES

MAX_ID_LENGTH = 200
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class RecordError(ValueError):
    """A record that cannot be used at all; the message says why."""


@dataclass(frozen=True, slots=True)
class Page:
    """What a page envelope says about paging; all None for a bare array or a single record."""

    number: int | None = None
    total_pages: int | None = None
    last: bool | None = None
    # ORUK v1 counts pages from 0 ("number"), v3 from 1 ("page_number").
    zero_based: bool = False

    def has_next(self, records_on_page: int) -> bool:
        if records_on_page == 0:
            return False
        if self.last is not None:
            return not self.last
        if self.number is not None and self.total_pages is not None:
            current = self.number + 1 if self.zero_based else self.number
            return current < self.total_pages
        return False


def split_envelope(data: Any) -> tuple[list[Any], Page]:
    """Accept one service, an array of services, or a page envelope (``content[]`` v1, ``contents[]`` v3)."""
    if isinstance(data, list):
        return data, Page()
    if isinstance(data, Mapping):
        for key in ("contents", "content", "items", "services"):
            if isinstance(data.get(key), list):
                zero_based = "page_number" not in data and "number" in data
                number = _int(data.get("page_number", data.get("number")))
                total = _int(data.get("total_pages", data.get("totalPages")))
                last = data.get("last_page", data.get("last"))
                page = Page(number, total, last if isinstance(last, bool) else None, zero_based)
                return list(data[key]), page
        if "id" in data or "name" in data:
            return [data], Page()
    raise RecordError("the JSON is neither a service, a list of services nor an Open Referral UK page")


def parse_service(record: Any) -> Service:
    if not isinstance(record, Mapping):
        raise RecordError(f"expected a JSON object, got {type(record).__name__}")
    service_id = _id(record.get("id"))
    if service_id is None:
        raise RecordError("no id")
    name = clean_text(record.get("name"))
    if not name:
        raise RecordError("no name")
    description = clean_text(record.get("description"))
    min_age, max_age, eligibility = _eligibility(record)
    service = Service(
        id=service_id,
        name=_single_line(name),
        description=description,
        organization=_organization(record.get("organization")),
        status=ServiceStatus.parse(_str(record.get("status"))),
        url=_str(record.get("url")),
        email=_str(record.get("email")),
        fees=clean_text(record.get("fees") or record.get("fees_description")),
        attending_type=_str(record.get("attending_type")) or _first_schedule_value(record, "attending_type"),
        min_age=min_age,
        max_age=max_age,
        eligibility=eligibility,
        locations=_locations(record),
        contacts=_contacts(record),
        opening_hours=_opening_hours(record),
        closures=_closures(record),
        taxonomy=_taxonomy(record),
        languages=_languages(record),
        service_areas=_service_areas(record),
        alert=clean_text(record.get("alert")),
        last_modified=_datetime(record.get("last_modified")),
    )
    service.access = _access(record, service)
    return service


# --- field readers ----------------------------------------------------------------------------------------


def _id(value: Any) -> str | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        value = str(int(value)) if float(value).is_integer() else str(value)
    if not isinstance(value, str):
        return None
    value = value.strip()
    if not value or len(value) > MAX_ID_LENGTH or _CONTROL.search(value):
        return None
    return value


def _str(value: Any) -> str | None:
    if value is None or isinstance(value, Mapping | list):
        return None
    text = str(value).strip()
    return text or None


def _single_line(text: str) -> str:
    return " ".join(text.split())


def _int(value: Any) -> int | None:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    match = re.fullmatch(r"\s*(-?\d+)(?:\.0+)?\s*", str(value))
    return int(match.group(1)) if match else None


def _float(value: Any) -> float | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _list(value: Any) -> list[Any]:
    """A list field that may arrive as null, a single object or a list."""
    if value is None:
        return []
    if isinstance(value, list):
        return value
    if isinstance(value, Mapping):
        return [value]
    return []


def _dicts(*values: Any) -> Iterator[Mapping[str, Any]]:
    for value in values:
        for item in _list(value):
            if isinstance(item, Mapping):
                yield item


_TIME = re.compile(r"^\s*(\d{1,2})(?::?(\d{2}))?(?::(\d{2})(?:\.\d+)?)?\s*(am|pm)?\s*(?:z|[+-]\d{2}:?\d{2})?\s*$")


def _time(value: Any) -> time | None:
    text = _str(value)
    if text is None:
        return None
    if "T" in text:  # an ISO datetime where a time belongs
        text = text.split("T", 1)[1]
    match = _TIME.match(text.lower())
    if not match:
        return None
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    suffix = match.group(4)
    if suffix == "pm" and hour < 12:
        hour += 12
    elif suffix == "am" and hour == 12:
        hour = 0
    if hour == 24 and minute == 0:
        return time(23, 59)
    if not (0 <= hour < 24 and 0 <= minute < 60):
        return None
    return time(hour, minute)


def _date(value: Any) -> date | None:
    text = _str(value)
    if text is None:
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def _datetime(value: Any) -> datetime | None:
    text = _str(value)
    if text is None:
        return None
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        day = _date(text)
        return datetime.combine(day, time.min) if day else None


def _codes(value: Any) -> list[str]:
    """'MO,TU', 'MO TU', ['MO', 'TU'], 'Monday' -> ['MO', 'TU'] (ordinals like '1MO' kept)."""
    if value is None:
        return []
    items = value if isinstance(value, list) else re.split(r"[,;\s]+", str(value))
    codes = []
    for item in items:
        text = str(item).strip().upper()
        if not text:
            continue
        match = re.fullmatch(r"([+-]?\d{0,2})([A-Z]+)", text)
        if not match:
            continue
        ordinal, day = match.groups()
        day = day[:2]
        if day in WEEKDAY_CODES:
            codes.append(f"{ordinal.lstrip('+')}{day}")
    return codes


def _month_days(value: Any) -> tuple[int, ...]:
    if value is None:
        return ()
    items = value if isinstance(value, list) else re.split(r"[,;\s]+", str(value))
    days = []
    for item in items:
        number = _int(item)
        if number is not None and 1 <= abs(number) <= 31:
            days.append(number)
    return tuple(days)


def _frequency(value: Any) -> Frequency:
    text = (_str(value) or "weekly").lower()
    if text.startswith("month"):
        return Frequency.MONTHLY
    if text.startswith("da"):
        return Frequency.DAILY
    return Frequency.WEEKLY


def _organization(value: Any) -> Organization | None:
    if not isinstance(value, Mapping):
        return None
    org_id = _id(value.get("id"))
    name = clean_text(value.get("name"))
    if org_id is None or not name:
        return None
    return Organization(
        id=org_id,
        name=_single_line(name),
        description=clean_text(value.get("description")),
        email=_str(value.get("email")),
        url=_str(value.get("url") or value.get("website")),
    )


def _address(value: Mapping[str, Any]) -> Address | None:
    line1 = ", ".join(p for p in (_str(value.get("address_1")), _str(value.get("address_2"))) if p) or None
    address = Address(
        line1=line1,
        city=_str(value.get("city")),
        region=_str(value.get("state_province")),
        postcode=_str(value.get("postal_code")),
        country=_str(value.get("country")),
    )
    return address if any((address.line1, address.city, address.postcode)) else None


def _locations(record: Mapping[str, Any]) -> list[Location]:
    locations = []
    for link in _dicts(record.get("service_at_locations")):
        value = link.get("location") if isinstance(link.get("location"), Mapping) else None
        if value is None:
            continue
        loc_id = _id(value.get("id")) or _id(link.get("id"))
        if loc_id is None:
            continue
        addresses = [
            a
            for a in (_address(v) for v in _dicts(value.get("physical_addresses"), value.get("addresses")))
            if a is not None
        ]
        accessibility = [
            text
            for text in (
                clean_text(a.get("accessibility") or a.get("description"))
                for a in _dicts(value.get("accessibility_for_disabilities"), value.get("accessibility"))
            )
            if text
        ]
        locations.append(
            Location(
                id=loc_id,
                name=clean_text(value.get("name")),
                description=clean_text(value.get("description")),
                latitude=_float(value.get("latitude")),
                longitude=_float(value.get("longitude")),
                addresses=addresses,
                accessibility=accessibility,
            )
        )
    return locations


def _contacts(record: Mapping[str, Any]) -> list[Contact]:
    contacts = []
    for value in _dicts(record.get("contacts")):
        phones = [n for n in (_str(p.get("number")) for p in _dicts(value.get("phones"))) if n]
        contact = Contact(
            id=_id(value.get("id")),
            name=clean_text(value.get("name")),
            title=clean_text(value.get("title")),
            email=_str(value.get("email")),
            phones=phones,
        )
        if contact.name or contact.phones or contact.email:
            contacts.append(contact)
    # Service-level phones (v3 allows them directly on the service).
    loose = [n for n in (_str(p.get("number")) for p in _dicts(record.get("phones"))) if n]
    if loose:
        contacts.append(Contact(phones=loose))
    return contacts


def _opening_hours(record: Mapping[str, Any]) -> list[OpeningHours]:
    rules = []
    for value in _dicts(record.get("regular_schedules"), record.get("schedules")):
        rule = OpeningHours(
            weekdays=tuple(_codes(value.get("byday"))),
            opens=_time(value.get("opens_at")),
            closes=_time(value.get("closes_at")),
            freq=_frequency(value.get("freq")),
            interval=max(1, _int(value.get("interval")) or 1),
            month_days=_month_days(value.get("bymonthday")),
            valid_from=_date(value.get("valid_from")),
            valid_to=_date(value.get("valid_to")),
            dtstart=_date(value.get("dtstart")),
            description=clean_text(value.get("description")),
        )
        # A weekly rule can carry a stray bymonthday (the ORUK example does); rrule would intersect them and
        # open on almost no days, so a weekly rule with weekdays ignores month days.
        if rule.freq is Frequency.WEEKLY and rule.weekdays:
            rule.month_days = ()
        if rule.weekdays or rule.month_days or rule.freq is Frequency.DAILY or rule.description:
            rules.append(rule)
    return rules


def _closures(record: Mapping[str, Any]) -> list[Closure]:
    closures = []
    for value in _dicts(record.get("holiday_schedules")):
        start = _date(value.get("start_date"))
        end = _date(value.get("end_date")) or start
        if start is None or end is None:
            continue
        closed = value.get("closed")
        closures.append(
            Closure(
                start=min(start, end),
                end=max(start, end),
                closed=closed if isinstance(closed, bool) else str(closed).lower() in {"true", "1", "yes"},
                opens=_time(value.get("opens_at")),
                closes=_time(value.get("closes_at")),
            )
        )
    return closures


def _eligibility(record: Mapping[str, Any]) -> tuple[int | None, int | None, list[str]]:
    min_ages = [_int(record.get("minimum_age"))]
    max_ages = [_int(record.get("maximum_age"))]
    texts = [clean_text(record.get("eligibility_description"))]
    for value in _dicts(record.get("eligibilitys"), record.get("eligibilities")):
        min_ages.append(_int(value.get("minimum_age")))
        max_ages.append(_int(value.get("maximum_age")))
        texts.append(clean_text(value.get("eligibility")))
    mins = [a for a in min_ages if a is not None and 0 <= a <= 130]
    maxes = [a for a in max_ages if a is not None and 0 <= a <= 130]
    unique = list(dict.fromkeys(t for t in texts if t))
    return (min(mins) if mins else None, max(maxes) if maxes else None, unique)


def _taxonomy(record: Mapping[str, Any]) -> list[TaxonomyTerm]:
    terms: dict[str, TaxonomyTerm] = {}
    candidates: list[Mapping[str, Any]] = []
    for link in _dicts(record.get("service_taxonomys")):
        if isinstance(link.get("taxonomy"), Mapping):
            candidates.append(link["taxonomy"])
    for link in _dicts(record.get("attributes")):
        if isinstance(link.get("taxonomy_term"), Mapping):
            candidates.append(link["taxonomy_term"])
    for value in candidates:
        term_id = _id(value.get("id"))
        name = clean_text(value.get("name") or value.get("term"))
        if term_id is None or not name:
            continue
        terms[term_id] = TaxonomyTerm(
            id=term_id,
            name=_single_line(name),
            vocabulary=_str(value.get("vocabulary")),
            code=_str(value.get("code")),
            parent_id=_id(value.get("parent") if not isinstance(value.get("parent"), Mapping) else None)
            or _id(value.get("parent_id")),
        )
    return list(terms.values())


def _languages(record: Mapping[str, Any]) -> list[str]:
    found = [_str(v.get("code") or v.get("language") or v.get("name")) for v in _dicts(record.get("languages"))]
    return list(dict.fromkeys(f for f in found if f))


def _service_areas(record: Mapping[str, Any]) -> list[str]:
    found = [clean_text(v.get("service_area") or v.get("name")) for v in _dicts(record.get("service_areas"))]
    return list(dict.fromkeys(f for f in found if f))


def _first_schedule_value(record: Mapping[str, Any], key: str) -> str | None:
    for value in _dicts(record.get("regular_schedules"), record.get("schedules")):
        text = _str(value.get(key))
        if text:
            return text
    return None


_ACCESS_HINTS: tuple[tuple[Access, re.Pattern[str]], ...] = (
    (Access.DROP_IN, re.compile(r"\b(drop[ -]?in|walk[ -]?in|just turn up|no appointment needed)\b")),
    (Access.SELF_REFERRAL, re.compile(r"\bself[ -]?refer")),
    (Access.REFERRAL, re.compile(r"\b(referral from|refer(red)? by|gp referral|needs a referral)\b")),
    (Access.APPOINTMENT, re.compile(r"\b(by appointment|book an appointment|appointments? (only|needed))\b")),
)


def _access(record: Mapping[str, Any], service: Service) -> list[Access]:
    """Explicit ``attending_access`` when the feed has it (v1); otherwise what the text plainly says."""
    explicit = [Access.parse(_str(v)) for v in _list(record.get("attending_access"))] or [
        Access.parse(_str(record.get("attending_access")))
    ]
    found = [a for a in explicit if a is not None]
    if found:
        return list(dict.fromkeys(found))
    text = fold(" ".join(t for t in (service.description, service.fees, *service.eligibility) if t))
    return [access for access, pattern in _ACCESS_HINTS if pattern.search(text)]


def parse_services(records: Iterable[Any]) -> Iterator[tuple[int, Service | RecordError]]:
    """Each record with its position, parsed or with the reason it was skipped."""
    for position, record in enumerate(records):
        try:
            yield position, parse_service(record)
        except RecordError as error:
            yield position, error
