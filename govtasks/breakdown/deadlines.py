"""完成时限: parse the common written forms into a due date. Pure; no I/O.

The text as written is always kept. Recognised forms (year from the text, else
the breakdown's year): ``2023年12月底前``, ``6月底前``, ``2024年6月30日前``,
``2024.6.30``, ``年底`` / ``年内`` / ``全年`` / ``2024年底``, ``上半年`` /
``下半年``, ``第三季度`` / ``三季度末``, ``持续推进`` / ``长期坚持`` / ``常态化``
(ongoing). Anything else is UNPARSED and the reader reports it.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from govtasks._perf import memo
from govtasks.model import Deadline, DeadlineKind

_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
              "九": 9, "十": 10, "十一": 11, "十二": 12}
_ONGOING = re.compile(r"持续|长期|常态|长效|每年|逐年|每季度|每月|按期|动态")
_DATE = re.compile(r"(?:(\d{4})\s*[年.\-/])?\s*(\d{1,2})\s*[月.\-/]\s*(\d{1,2})\s*[日号]?")
_MONTH = re.compile(r"(?:(\d{4})\s*年)?\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*月(?:份)?\s*(?:底|末|前|内|中|上旬|中旬|下旬)?")
_QUARTER = re.compile(r"(?:(\d{4})\s*年)?\s*第?([一二三四1-4])\s*季度")
_HALF = re.compile(r"(?:(\d{4})\s*年)?\s*(上|下)半年")
_YEAR_END = re.compile(r"(?:(\d{4})\s*年)?\s*(年底|年末|年内|全年|底前|年度)|(\d{4})\s*年\s*$|(\d{4})\s*年\s*(?:前|内|完成)")


def _month(token: str) -> int:
    return int(token) if token.isdecimal() else _CN_DIGITS.get(token, 0)


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _year_of(group: str | None, default: int | None) -> int | None:
    return int(group) if group else default


def _due(text: str, year: int | None) -> dt.date | None:
    """The last due date a deadline text gives, or None."""
    candidates: list[dt.date] = []
    for m in _DATE.finditer(text):
        y = _year_of(m.group(1), year)
        if y and 1 <= int(m.group(2)) <= 12:
            day = min(int(m.group(3)), calendar.monthrange(y, int(m.group(2)))[1])
            candidates.append(dt.date(y, int(m.group(2)), day))
    if not candidates:
        for m in _MONTH.finditer(text):
            y, month = _year_of(m.group(1), year), _month(m.group(2))
            if y and 1 <= month <= 12:
                candidates.append(_month_end(y, month))
    if not candidates:
        candidates.extend(_coarse(text, year))
    return max(candidates) if candidates else None


def _coarse(text: str, year: int | None) -> list[dt.date]:
    """Quarters, half-years and year ends."""
    out: list[dt.date] = []
    for m in _QUARTER.finditer(text):
        y = _year_of(m.group(1), year)
        if y:
            out.append(_month_end(y, 3 * _month(m.group(2))))
    for m in _HALF.finditer(text):
        y = _year_of(m.group(1), year)
        if y:
            out.append(_month_end(y, 6 if m.group(2) == "上" else 12))
    end = _YEAR_END.search(text) if not out else None
    if end:
        y = _year_of(end.group(1) or end.group(3) or end.group(4), year)
        if y:
            out.append(dt.date(y, 12, 31))
    return out


@memo(16384)
def parse_deadline(text: str, year: int | None = None) -> Deadline:
    """Parse a 完成时限 cell; ``year`` fills in forms without a year.

    Example:
        >>> parse_deadline("6月底前", 2024).due
        datetime.date(2024, 6, 30)
    """
    raw = (text or "").strip()
    if not raw:
        return Deadline()
    due = _due(raw, year)
    if due is not None:
        return Deadline(text=raw, kind=DeadlineKind.DATE, due=due)
    if _ONGOING.search(raw):
        return Deadline(text=raw, kind=DeadlineKind.ONGOING)
    return Deadline(text=raw, kind=DeadlineKind.UNPARSED)
