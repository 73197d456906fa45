"""Weekday names and compact day lists ("Mon-Fri", "Tue, Thu"), shared by schedules and result rows.

Kept apart from ``schedule`` so that showing days needs no dateutil import.
"""

from __future__ import annotations

from collections.abc import Iterable

WEEKDAY_CODES: tuple[str, ...] = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
WEEKDAY_NAMES: tuple[str, ...] = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def day_ranges(days: Iterable[int]) -> str:
    """'Mon-Fri', 'Tue, Thu', 'Every day' for weekdays 0 (Monday) to 6; '' for none."""
    ordered = sorted(set(days))
    if len(ordered) == 7:
        return "Every day"
    runs: list[list[int]] = []
    for day in ordered:
        if runs and day == runs[-1][-1] + 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    parts = []
    for run in runs:
        if len(run) >= 3:
            parts.append(f"{WEEKDAY_NAMES[run[0]]}-{WEEKDAY_NAMES[run[-1]]}")
        else:
            parts.extend(WEEKDAY_NAMES[d] for d in run)
    return ", ".join(parts)


def days_of_mask(mask: int) -> list[int]:
    return [day for day in range(7) if mask & (1 << day)]
