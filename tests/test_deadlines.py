"""完成时限 parsing: text always kept, common forms given a due date."""

from __future__ import annotations

import datetime as dt

import pytest

from govtasks.breakdown.deadlines import parse_deadline
from govtasks.model import DeadlineKind


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("2023年12月底前", dt.date(2023, 12, 31)),
        ("6月底前", dt.date(2024, 6, 30)),
        ("年底", dt.date(2024, 12, 31)),
        ("年内", dt.date(2024, 12, 31)),
        ("2024年底", dt.date(2024, 12, 31)),
        ("2024年6月30日前", dt.date(2024, 6, 30)),
        ("2025.6.30", dt.date(2025, 6, 30)),
        ("第三季度", dt.date(2024, 9, 30)),
        ("三季度末", dt.date(2024, 9, 30)),
        ("上半年", dt.date(2024, 6, 30)),
        ("2023年3月底前", dt.date(2023, 3, 31)),
        ("2月底前", dt.date(2024, 2, 29)),
    ],
)
def test_dates(text: str, due: dt.date) -> None:
    d = parse_deadline(text, 2024)
    assert (d.text, d.kind, d.due) == (text, DeadlineKind.DATE, due)


@pytest.mark.parametrize("text", ["持续推进", "长期坚持", "常态化推进"])
def test_ongoing(text: str) -> None:
    d = parse_deadline(text, 2024)
    assert (d.text, d.kind, d.due) == (text, DeadlineKind.ONGOING, None)


def test_unparsed_kept_as_written() -> None:
    d = parse_deadline(" 视情况而定 ", 2024)
    assert (d.text, d.kind, d.due) == ("视情况而定", DeadlineKind.UNPARSED, None)


def test_empty_and_no_year() -> None:
    assert parse_deadline("", 2024).kind is DeadlineKind.NONE
    assert parse_deadline("6月底前", None).kind is DeadlineKind.UNPARSED
