"""The model of the consolidated report: frozen dataclasses, no I/O.

:func:`govtasks.merge` turns a Breakdown plus Returns into a :class:`Report`:
:class:`ReportRow` lines (sections and tasks) in the layout of a published
进展和完成情况 table, the lead and cooperating units' feedback, and the return
status of every unit (:class:`UnitReturn`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from govtasks.issues import CellRef, IssueList
from govtasks.returns.model import OtherVersion, Progress, ReturnFile, UnitReturn

if TYPE_CHECKING:
    import pandas as pd

    from govtasks.report.assess import Assessment


@dataclass(frozen=True, slots=True, kw_only=True)
class ReportRow:
    """One line of the consolidated table: a section heading or a task."""

    kind: str
    """``"section"`` or ``"task"``."""
    text: str
    """The section heading, or the task text (目标与任务)."""
    level: int = 0
    """Section depth, 1 = outermost; 0 for tasks."""
    task_id: str = ""
    number: str = ""
    path: tuple[str, ...] = ()
    """The task's section headings (as in the breakdown)."""
    lead: tuple[str, ...] = ()
    coop: tuple[str, ...] = ()
    progress: str = ""
    """进展情况: the lead units' text (each prefixed 【单位】 when several leads wrote different texts)."""
    status: str = ""
    """完成状态 of the lead units (prefixed per unit when they differ)."""
    sources: tuple[CellRef, ...] = ()
    """Where every merged text came from."""
    missing: tuple[str, ...] = ()
    """Lead units that gave no answer for this task."""
    coop_sources: tuple[CellRef, ...] = ()
    """Where the cooperating units' answers for this task came from (sheet 配合单位反馈). In two
    rounds these are the round-one cells the lead unit's form was pre-filled with: the answers
    that fed the lead unit's combined answer."""

    @property
    def sources_text(self) -> str:
        """The provenance as text: one ``file!sheet!cell`` per line."""
        return "\n".join(str(s) for s in self.sources)

    @property
    def coop_sources_text(self) -> str:
        """The cooperating answers' cells as text, one per line."""
        return "\n".join(str(s) for s in self.coop_sources)


@dataclass(frozen=True, slots=True, kw_only=True)
class Report:
    """The consolidated report, ready for :func:`govtasks.write_report`."""

    title: str
    period: str = ""
    """Period code."""
    rows: tuple[ReportRow, ...] = ()
    coop: tuple[Progress, ...] = ()
    """Cooperating units' answers (sheet 配合单位反馈), in task order."""
    lead: tuple[Progress, ...] = ()
    """Lead units' answers in full (sheet 牵头单位反馈), in task order."""
    unmatched: tuple[Progress, ...] = ()
    """Rows of returns that match no task (also listed in 问题清单)."""
    units: tuple[UnitReturn, ...] = ()
    files: tuple[ReturnFile, ...] = ()
    issues: IssueList = field(default_factory=IssueList, compare=False)
    due: dt.date | None = None
    """The due date the returns were read with (填报情况 marks 按时 / 逾期)."""
    append_coop: bool = False
    """Whether the cooperating units' text was appended to 进展情况."""
    versions: tuple[OtherVersion, ...] = ()
    """Texts of other versions of units' returns that the answers in use do not hold (sheet 其他版本)."""
    assessment: Assessment | None = field(default=None, compare=False)
    """Statuses, lights and the change since the previous period (:func:`govtasks.merge` sets it)."""

    @property
    def tasks(self) -> tuple[ReportRow, ...]:
        """The task rows (no section rows)."""
        return tuple(r for r in self.rows if r.kind == "task")

    @property
    def missing_units(self) -> tuple[str, ...]:
        """Units that have not returned."""
        return tuple(u.unit for u in self.units if not u.returned)

    def to_frame(self) -> pd.DataFrame:
        """One row per task: 任务编号, 序号, 一级标题…, 目标与任务, 牵头责任单位, 责任单位, 进展情况, 完成状态,
        未报牵头单位, 来源, 配合单位反馈来源."""
        import pandas as pd

        tasks = self.tasks
        depth = max((len(r.path) for r in tasks), default=0)
        levels = [("一级标题", "二级标题", "三级标题")[i] if i < 3 else f"{i + 1}级标题" for i in range(depth)]
        columns = ["任务编号", "序号", *levels, "目标与任务", "牵头责任单位", "责任单位", "进展情况", "完成状态",
                   "未报牵头单位", "来源", "配合单位反馈来源"]
        rows = [(r.task_id, r.number, *(list(r.path) + [""] * depth)[:depth], r.text, "、".join(r.lead),
                 "、".join(r.coop), r.progress, r.status, "、".join(r.missing), r.sources_text, r.coop_sources_text)
                for r in tasks]
        return pd.DataFrame(rows, columns=columns)

    def versions_frame(self) -> pd.DataFrame:
        """One row per text kept from another version (其他版本): 单位, 任务编号, 栏目, 内容, 位置, 时间."""
        import pandas as pd

        rows = [(v.unit, v.task_id, v.label, v.text, str(v.source or ""), v.time) for v in self.versions]
        return pd.DataFrame(rows, columns=["单位", "任务编号", "栏目", "内容", "位置", "时间"])

    def stats_frame(self) -> pd.DataFrame:
        """The 统计 table: 合计, then per 一级标题, then per lead unit — 任务数, counts and shares of
        已完成 / 序时推进 / 滞后 / 未启动 / 未报送, 绿 / 黄 / 红, and per unit 报送情况 and 是否按时."""
        from govtasks.report.stats import compute_stats, stats_frame

        return stats_frame(compute_stats(self))

    def status_frame(self) -> pd.DataFrame:
        """One row per task (亮灯情况): 任务编号, 序号, 目标与任务, 牵头单位, 综合状态, 亮灯, 亮灯原因, 各牵头单位状态 …"""
        from govtasks.report.stats import status_frame

        return status_frame(self)

    def units_frame(self) -> pd.DataFrame:
        """One row per unit (填报情况): returned or not, file, time, tasks answered / total."""
        import pandas as pd

        columns = ["单位", "牵头任务数", "配合任务数", "是否报送", "报送文件", "报送时间", "已填报任务数", "应填报任务数",
                   "其他文件", "第一轮报表"]
        rows = [(u.unit, u.lead_tasks, u.coop_tasks, "已报送" if u.returned else "未报送", u.file, u.time, u.answered,
                 u.total, "、".join(u.other_files), "、".join(u.feedback_files)) for u in self.units]
        return pd.DataFrame(rows, columns=columns)
