"""Statistics of a merged report: counts per section and per unit, 报送及时率, the 通报's sentences. Pure.

Per task the counts use the task's status (the worst of its lead units that reported); per
unit they use the unit's own status on the tasks it leads (its 未报送 included), so a task
with two lead units counts once in a section and once for each of its units.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable

from govtasks.report.rules import DONE, GREEN, LAGGING, MISSING, NOT_STARTED, ON_TRACK, RED, YELLOW

if TYPE_CHECKING:
    import pandas as pd

    from govtasks.report.assess import Assessment
    from govtasks.report.model import Report

COUNTED = (DONE, ON_TRACK, LAGGING, NOT_STARTED, MISSING)
"""The statuses counted, in the order of every table."""
COLORS = (GREEN, YELLOW, RED)
TOTAL, SECTION, UNIT = "合计", "一级标题", "牵头单位"
NO_SECTION = "（无标题）"


@dataclass(frozen=True, slots=True, kw_only=True)
class Counts:
    """Counts of statuses and lights for the whole report, a section or a unit."""

    kind: str
    """合计, 一级标题 or 牵头单位."""
    name: str
    statuses: tuple[int, ...] = (0, 0, 0, 0, 0)
    """Counts in the order of :data:`COUNTED`."""
    lights: tuple[int, ...] = (0, 0, 0)
    """绿, 黄, 红."""
    returned: str = ""
    """Units: 已报送 / 未报送."""
    on_time: str = ""
    """Units: 按时 / 逾期, or ``""`` without a due date."""

    @property
    def tasks(self) -> int:
        """Tasks counted."""
        return sum(self.statuses)

    def count(self, status: str) -> int:
        """Tasks of one status (or one light)."""
        if status in COLORS:
            return self.lights[COLORS.index(status)]
        return self.statuses[COUNTED.index(status)]

    def share(self, status: str) -> float:
        """The share (0–1) of the tasks with that status; 0 when there are none."""
        return self.count(status) / self.tasks if self.tasks else 0.0


@dataclass(frozen=True, slots=True, kw_only=True)
class Timeliness:
    """Who returned, and by the due date (报送及时率)."""

    due: dt.date | None
    units: int
    returned: int
    on_time: int
    late: tuple[str, ...] = ()
    """Units whose file was saved after the due date."""
    missing: tuple[str, ...] = ()
    """Units with tasks that sent nothing usable."""

    @property
    def rate(self) -> float | None:
        """报送及时率: units on time ÷ units that must report; None without a due date."""
        return self.on_time / self.units if self.due is not None and self.units else None

    @property
    def returned_rate(self) -> float:
        """报送率: units that returned ÷ units that must report."""
        return self.returned / self.units if self.units else 0.0


@dataclass(frozen=True, slots=True, kw_only=True)
class Stats:
    """Everything the 统计 sheet, ``stats_frame()`` and the 通报 count."""

    total: Counts
    sections: tuple[Counts, ...]
    units: tuple[Counts, ...]
    timeliness: Timeliness


def _assessment(report: Report) -> Assessment:
    if report.assessment is None:
        raise ValueError("该汇总结果没有完成状态（请用 govtasks.merge 生成）")
    return report.assessment


def compute_stats(report: Report) -> Stats:
    """Count the report's statuses and lights per section and per lead unit, and who returned when."""
    statuses = _assessment(report).by_task()
    total: list[tuple[str, str]] = []
    sections: dict[str, list[tuple[str, str]]] = {}
    units: dict[str, list[tuple[str, str]]] = {}
    for row in report.tasks:
        st = statuses.get(row.task_id)
        if st is None:
            continue
        total.append((st.status, st.light))
        sections.setdefault(row.path[0] if row.path else NO_SECTION, []).append((st.status, st.light))
        for u in st.units:
            units.setdefault(u.unit, []).append((u.status, u.light))
    returns = {u.unit: u for u in report.units}
    unit_rows = []
    for name, found in units.items():
        ur = returns.get(name)
        returned = "" if ur is None else "已报送" if ur.returned else "未报送"
        on_time = "" if ur is None or ur.on_time is None else "按时" if ur.on_time else "逾期"
        unit_rows.append(_counts(UNIT, name, found, returned, on_time))
    return Stats(total=_counts(TOTAL, TOTAL, total), units=tuple(unit_rows),
                 sections=tuple(_counts(SECTION, k, v) for k, v in sections.items()), timeliness=_timeliness(report))


def _counts(kind: str, name: str, found: Iterable[tuple[str, str]], returned: str = "", on_time: str = "") -> Counts:
    statuses = [0] * len(COUNTED)
    lights = [0] * len(COLORS)
    for status, light in found:
        statuses[COUNTED.index(status)] += 1
        if light:
            lights[COLORS.index(light)] += 1
    return Counts(kind=kind, name=name, statuses=tuple(statuses), lights=tuple(lights), returned=returned,
                  on_time=on_time)


def _timeliness(report: Report) -> Timeliness:
    units = [u for u in report.units if u.total]
    return Timeliness(due=report.due, units=len(units), returned=sum(u.returned for u in units),
                      on_time=sum(u.on_time is True for u in units),
                      late=tuple(u.unit for u in units if u.on_time is False),
                      missing=tuple(u.unit for u in units if not u.returned))


def scope_word(title: str) -> str:
    """全市 / 全区 / 全县 … from the place a title starts with (``""`` when it names none)."""
    head = title.split("20", 1)[0].strip()
    return f"全{head[-1]}" if head and head[-1] in "省市区县镇乡州盟旗" else ""


def overall_sentence(stats: Stats, scope: str = "") -> str:
    """“全区126项重点工作中，已完成12项、序时推进110项、滞后3项、未启动1项、未报送0项。”"""
    t = stats.total
    parts = "、".join(f"{s}{t.count(s)}项" for s in COUNTED)
    return f"{scope}{t.tasks}项重点工作中，{parts}。"


def lights_sentence(stats: Stats) -> str:
    """“亮绿灯110项、黄灯12项、红灯4项。”"""
    t = stats.total
    return f"亮绿灯{t.count(GREEN)}项、黄灯{t.count(YELLOW)}项、红灯{t.count(RED)}项。"


def percent(share: float) -> str:
    """A share as the 通报 writes it: 8.7%."""
    return f"{share * 100:.1f}%"


STATS_COLUMNS = ("类别", "名称", "任务数", *COUNTED, *(f"{s}占比" for s in COUNTED), "绿灯", "黄灯", "红灯",
                 "报送情况", "是否按时")


def stats_rows(stats: Stats) -> list[tuple[object, ...]]:
    """The rows of ``stats_frame()`` and of the 统计 sheet's tables (shares as 0–1 floats)."""
    rows = []
    for c in (stats.total, *stats.sections, *stats.units):
        rows.append((c.kind, c.name, c.tasks, *c.statuses, *(round(c.share(s), 4) for s in COUNTED), *c.lights,
                     c.returned, c.on_time))
    return rows


def stats_frame(stats: Stats) -> pd.DataFrame:
    """``Report.stats_frame()``."""
    import pandas as pd

    return pd.DataFrame(stats_rows(stats), columns=list(STATS_COLUMNS))


STATUS_FRAME_COLUMNS = ("任务编号", "序号", "一级标题", "目标与任务", "牵头单位", "完成时限", "序时进度", "各牵头单位状态",
                        "综合状态", "亮灯", "亮灯原因", "上期状态", "上期亮灯", "变化", "标记")


def status_rows(report: Report) -> list[tuple[str, ...]]:
    """One row per task of ``status_frame()`` and of the 亮灯情况 sheet (all text)."""
    found = _assessment(report)
    statuses, changes = found.by_task(), found.changes_by_task()
    out: list[tuple[str, ...]] = []
    for row in report.tasks:
        st = statuses[row.task_id]
        ch = changes.get(row.task_id)
        expected = "" if st.expected is None else f"{st.expected * 100:.1f}%"
        out.append((row.task_id, row.number, row.path[0] if row.path else "", row.text, "、".join(row.lead),
                    st.deadline, expected, st.printed if len(st.units) > 1 else "", st.status, st.light or MISSING,
                    st.reason, ch.previous_status if ch else "", ch.previous_light if ch else "",
                    ch.change if ch else "", "、".join(ch.flags) if ch else ""))
    return out


def status_frame(report: Report) -> pd.DataFrame:
    """``Report.status_frame()``."""
    import pandas as pd

    return pd.DataFrame(status_rows(report), columns=list(STATUS_FRAME_COLUMNS))
