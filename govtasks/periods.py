"""Reporting periods as values: 2024Q2, 2024H1, 2024M06, 2024 (annual). Pure.

    >>> p = Period.parse("2024Q2")
    >>> p.label, p.start.isoformat(), p.end.isoformat()
    ('2024年第二季度', '2024-04-01', '2024-06-30')
    >>> p.previous().code
    '2024Q1'
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

_CN = "一二三四五六七八九十"
_CODE = re.compile(r"^\s*(\d{4})\s*(?:([QqHh])\s*([1-4])|[Mm]\s*(\d{1,2}))?\s*$")
_LABEL = re.compile(r"^\s*(\d{4})\s*年\s*(?:第?([一二三四1-4])季度|([上下])半年|(\d{1,2})\s*月(?:份)?|度|)\s*$")


@dataclass(frozen=True, slots=True, order=True)
class Period:
    """A reporting period: a year, a half, a quarter or a month."""

    year: int
    kind: str
    """``"Y"`` (annual), ``"H"`` (half-year), ``"Q"`` (quarter) or ``"M"`` (month)."""
    index: int = 1
    """1 for annual; 1–2 halves; 1–4 quarters; 1–12 months."""

    @classmethod
    def parse(cls, text: str) -> Period:
        """Parse ``2024Q2``, ``2024H1``, ``2024M06``, ``2024`` or a Chinese label (``2024年第二季度``).

        Raises:
            ValueError: with a Chinese message naming the accepted forms.
        """
        m = _CODE.match(text or "")
        if m:
            year, kind, idx, month = int(m.group(1)), (m.group(2) or "").upper(), m.group(3), m.group(4)
            period = cls(year, "M", int(month)) if month else cls(year, kind, int(idx)) if kind else cls(year, "Y")
        else:
            period = cls._parse_label(text or "")
        period._check(text)
        return period

    @classmethod
    def _parse_label(cls, text: str) -> Period:
        m = _LABEL.match(text)
        if not m:
            raise ValueError(f"无法识别的期间“{text}”；请写成 2024Q2、2024H1、2024M06、2024 或“2024年第二季度”")
        year = int(m.group(1))
        if m.group(2):
            q = m.group(2)
            return cls(year, "Q", int(q) if q.isdecimal() else _CN.index(q) + 1)
        if m.group(3):
            return cls(year, "H", 1 if m.group(3) == "上" else 2)
        if m.group(4):
            return cls(year, "M", int(m.group(4)))
        return cls(year, "Y")

    def _check(self, text: str) -> None:
        limit = {"Y": 1, "H": 2, "Q": 4, "M": 12}.get(self.kind, 0)
        if not 1 <= self.index <= limit:
            raise ValueError(f"无法识别的期间“{text}”；季度为 1–4，半年为 1–2，月份为 1–12")

    @property
    def code(self) -> str:
        """``2024Q2``, ``2024H1``, ``2024M06`` or ``2024``."""
        if self.kind == "Y":
            return str(self.year)
        return f"{self.year}M{self.index:02d}" if self.kind == "M" else f"{self.year}{self.kind}{self.index}"

    @property
    def label(self) -> str:
        """Chinese label: 2024年第二季度, 2024年上半年, 2024年6月, 2024年度."""
        if self.kind == "Q":
            return f"{self.year}年第{_CN[self.index - 1]}季度"
        if self.kind == "H":
            return f"{self.year}年{'上' if self.index == 1 else '下'}半年"
        if self.kind == "M":
            return f"{self.year}年{self.index}月"
        return f"{self.year}年度"

    @property
    def months(self) -> tuple[int, int]:
        """First and last month of the period."""
        size = {"Y": 12, "H": 6, "Q": 3, "M": 1}[self.kind]
        first = (self.index - 1) * size + 1
        return first, first + size - 1

    @property
    def start(self) -> dt.date:
        """First day."""
        return dt.date(self.year, self.months[0], 1)

    @property
    def end(self) -> dt.date:
        """Last day."""
        last = self.months[1]
        return dt.date(self.year, last, calendar.monthrange(self.year, last)[1])

    def previous(self) -> Period:
        """The period of the same kind just before this one."""
        if self.kind == "Y" or self.index == 1:
            count = {"Y": 1, "H": 2, "Q": 4, "M": 12}[self.kind]
            return Period(self.year - 1, self.kind, count)
        return Period(self.year, self.kind, self.index - 1)

    def elapsed_share(self) -> float:
        """序时进度: the share of the year elapsed at the period's end (11 months → 0.917)."""
        return round(self.months[1] / 12, 3)

    def __str__(self) -> str:
        return self.code
