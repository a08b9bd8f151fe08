"""Periods as values."""

from __future__ import annotations

import datetime as dt

import pytest

from govtasks.periods import Period


@pytest.mark.parametrize(("text", "code", "label", "start", "end"), [
    ("2024Q2", "2024Q2", "2024年第二季度", dt.date(2024, 4, 1), dt.date(2024, 6, 30)),
    ("2024h1", "2024H1", "2024年上半年", dt.date(2024, 1, 1), dt.date(2024, 6, 30)),
    ("2024M06", "2024M06", "2024年6月", dt.date(2024, 6, 1), dt.date(2024, 6, 30)),
    ("2024M2", "2024M02", "2024年2月", dt.date(2024, 2, 1), dt.date(2024, 2, 29)),
    ("2024", "2024", "2024年度", dt.date(2024, 1, 1), dt.date(2024, 12, 31)),
    ("2023年第四季度", "2023Q4", "2023年第四季度", dt.date(2023, 10, 1), dt.date(2023, 12, 31)),
    ("2024年下半年", "2024H2", "2024年下半年", dt.date(2024, 7, 1), dt.date(2024, 12, 31)),
    ("2024年11月", "2024M11", "2024年11月", dt.date(2024, 11, 1), dt.date(2024, 11, 30)),
    ("2024年度", "2024", "2024年度", dt.date(2024, 1, 1), dt.date(2024, 12, 31)),
])
def test_parse(text: str, code: str, label: str, start: dt.date, end: dt.date) -> None:
    p = Period.parse(text)
    assert (p.code, p.label, p.start, p.end, str(p)) == (code, label, start, end, code)
    assert Period.parse(p.label) == p == Period.parse(p.code)


def test_previous_and_elapsed() -> None:
    assert Period.parse("2024Q1").previous() == Period.parse("2023Q4")
    assert Period.parse("2024H2").previous() == Period.parse("2024H1")
    assert Period.parse("2024M01").previous().code == "2023M12"
    assert Period.parse("2024").previous().code == "2023"
    assert Period.parse("2024M11").elapsed_share() == 0.917


@pytest.mark.parametrize("bad", ["2024Q5", "2024M13", "二季度", "", "2024H3"])
def test_bad(bad: str) -> None:
    with pytest.raises(ValueError, match="期间"):
        Period.parse(bad)
