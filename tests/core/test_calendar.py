import datetime

from core.calendar import add_working_days, is_working_day, working_days_between
from core.money import format_gbp, to_money

D = datetime.date


def test_bank_holidays_and_weekends_are_not_working_days():
    assert not is_working_day(D(2026, 12, 25))  # Christmas Day, Friday
    assert not is_working_day(D(2026, 12, 28))  # Boxing Day substitute, Monday
    assert not is_working_day(D(2026, 11, 28))  # Saturday
    assert is_working_day(D(2026, 11, 23))


def test_one_working_day_after_christmas_eve_is_the_29th():
    assert add_working_days(D(2026, 12, 24), 1) == D(2026, 12, 29)


def test_scotland_keeps_st_andrews_day_england_does_not():
    assert is_working_day(D(2026, 11, 30))
    assert not is_working_day(D(2026, 11, 30), subdivision="SCT")


def test_ten_working_days_over_easter_2027():
    # Good Friday 26 March and Easter Monday 29 March 2027.
    assert add_working_days(D(2027, 3, 22), 10) == D(2027, 4, 7)
    assert working_days_between(D(2027, 3, 22), D(2027, 4, 7)) == 10


def test_money_is_shown_the_uk_way():
    assert format_gbp(to_money("1234.5")) == "£1,234.50"
    assert format_gbp("-3") == "-£3.00"
