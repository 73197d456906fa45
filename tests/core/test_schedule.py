from datetime import date, time

from socialrx_desk.core.directory import Closure, Frequency, OpeningHours
from socialrx_desk.core.schedule import describe, open_weekdays, sessions

WEEKDAYS = OpeningHours(weekdays=("MO", "TU", "WE", "TH", "FR"), opens=time(9), closes=time(16, 30))


def test_weekly_sessions_skip_weekends_and_closures() -> None:
    found = sessions(
        [WEEKDAYS], date(2026, 12, 21), date(2026, 12, 27), [Closure(date(2026, 12, 25), date(2026, 12, 26))]
    )
    assert [s.day.day for s in found] == [21, 22, 23, 24]
    assert found[0].opens == time(9) and found[0].closes == time(16, 30)


def test_fortnightly_rule_uses_its_start_date() -> None:
    rule = OpeningHours(weekdays=("WE",), interval=2, dtstart=date(2026, 1, 7), opens=time(10), closes=time(12))
    days = [s.day for s in sessions([rule], date(2026, 1, 1), date(2026, 2, 5))]
    assert days == [date(2026, 1, 7), date(2026, 1, 21), date(2026, 2, 4)]


def test_monthly_ordinal_weekday() -> None:
    rule = OpeningHours(weekdays=("1MO",), freq=Frequency.MONTHLY, opens=time(10), closes=time(12))
    days = [s.day for s in sessions([rule], date(2026, 1, 1), date(2026, 3, 31))]
    assert days == [date(2026, 1, 5), date(2026, 2, 2), date(2026, 3, 2)]
    assert describe([rule]) == ["1st Mon of the month 10:00-12:00"]


def test_validity_window_limits_sessions() -> None:
    rule = OpeningHours(weekdays=("MO",), valid_from=date(2026, 1, 10), valid_to=date(2026, 1, 20))
    assert [s.day for s in sessions([rule], date(2026, 1, 1), date(2026, 1, 31))] == [
        date(2026, 1, 12),
        date(2026, 1, 19),
    ]


def test_describe_and_weekdays() -> None:
    assert describe([WEEKDAYS]) == ["Mon-Fri 09:00-16:30"]
    assert describe([OpeningHours(weekdays=("TU", "TH"), opens=time(10), closes=time(12))]) == ["Tue, Thu 10:00-12:00"]
    assert open_weekdays([WEEKDAYS]) == {0, 1, 2, 3, 4}
