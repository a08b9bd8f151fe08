"""The model of returned forms and of the consolidated report: frozen dataclasses, no I/O.

A unit's answer for one task is a :class:`Progress`; the files read are
:class:`ReturnFile` records; :class:`Returns` holds both with the issues found
while reading. :func:`govtasks.merge` turns a Breakdown plus Returns into a
:class:`Report`: :class:`ReportRow` lines (sections and tasks) in the layout of
a published 进展和完成情况 table, the cooperating units' feedback, and the
return status of every unit (:class:`UnitReturn`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from govtasks.model import CellRef

if TYPE_CHECKING:
    import pandas as pd

    from govtasks.issues import IssueList

ROLE_LEAD = "牵头"
ROLE_COOP = "配合"
STATUSES: tuple[str, ...] = ("已完成", "序时推进", "滞后", "未启动")
"""The 完成状态 vocabulary of the forms (docs/form-contract.md)."""


def _empty_issues() -> IssueList:
    from govtasks.issues import IssueList

    return IssueList()


@dataclass(frozen=True, slots=True, kw_only=True)
class Progress:
    """One unit's answer for one task, as written in its returned form."""

    task_id: str
    """The matched task; ``""`` for a row that matches no task (kept, never dropped)."""
    unit: str
    role: str = ""
    """``"牵头"`` or ``"配合"`` (from the breakdown; ``""`` when the unit has no part in the task)."""
    status: str = ""
    """完成状态 as written (may be outside :data:`STATUSES`; an issue says so)."""
    progress: str = ""
    """进展情况."""
    problems: str = ""
    """存在问题."""
    next_steps: str = ""
    """下步计划."""
    note: str = ""
    """备注."""
    extra: tuple[tuple[str, str], ...] = ()
    """Text the unit wrote elsewhere in the row (another column, a column without header), as (label, text)."""
    number: str = ""
    """序号 as written in the return."""
    task_text: str = ""
    """任务内容 as written in the return (what an unmatched row is about)."""
    source: CellRef | None = field(default=None, compare=False)
    """The 进展情况 cell (or the row) the answer came from."""

    @property
    def is_empty(self) -> bool:
        """True when the unit wrote nothing in any answer column."""
        return not (self.status or self.progress or self.problems or self.next_steps or self.note or self.extra)

    def texts(self) -> list[tuple[str, str]]:
        """Every non-empty text the unit wrote, as (Chinese label, text)."""
        pairs = [("完成状态", self.status), ("进展情况", self.progress), ("存在问题", self.problems),
                 ("下步计划", self.next_steps), ("备注", self.note), *self.extra]
        return [(label, text) for label, text in pairs if text]


_PROGRESS_FIELDS = ("task_id", "unit", "role", "status", "progress", "problems", "next_steps", "note", "extra", "number",
                    "task_text", "source")
_SET_PROGRESS = tuple(Progress.__dict__[name].__set__ for name in _PROGRESS_FIELDS)  # slot setters


def make_progress(task_id: str, unit: str, role: str, status: str, progress: str, problems: str, next_steps: str,
                  note: str, extra: tuple[tuple[str, str], ...], number: str, task_text: str,
                  source: CellRef | None) -> Progress:
    """``Progress(...)`` with every field given in declaration order, for bulk use.

    A frozen dataclass's ``__init__`` sets each of the twelve fields through
    ``object.__setattr__``; filling the slots directly takes a third of the time. The
    reader makes one for most rows of every return.
    """
    entry = _new(Progress)
    (s_task_id, s_unit, s_role, s_status, s_progress, s_problems, s_next_steps, s_note, s_extra, s_number, s_task_text,
     s_source) = _SET_PROGRESS
    s_task_id(entry, task_id)
    s_unit(entry, unit)
    s_role(entry, role)
    s_status(entry, status)
    s_progress(entry, progress)
    s_problems(entry, problems)
    s_next_steps(entry, next_steps)
    s_note(entry, note)
    s_extra(entry, extra)
    s_number(entry, number)
    s_task_text(entry, task_text)
    s_source(entry, source)
    return entry


_new = object.__new__


@dataclass(frozen=True, slots=True, kw_only=True)
class ReturnFile:
    """One file found among the returns, whether or not it was used."""

    file: str
    """File name as the user knows it (relative to the returns folder)."""
    unit: str = ""
    """The unit whose form it is (canonical name); ``""`` when it could not be told."""
    period: str = ""
    """Period code the file carries (``2024Q2``); ``""`` when it carries none."""
    fingerprint: str = ""
    """分解表指纹 from the meta sheet."""
    generated: str = ""
    """生成时间 from the meta sheet (ISO text)."""
    saved: dt.datetime | None = None
    """When the workbook was last saved, from its document properties."""
    mtime: dt.datetime | None = None
    """The file's modification time."""
    sheet: str = ""
    """The sheet the table was read from."""
    identified_by: str = ""
    """How the unit was told: 表单信息 (meta sheet), 标题, 文件名 or 任务内容."""
    state: str = "ok"
    """``ok``, ``superseded``, ``not-used`` (wrong period or unit), ``unreadable`` or ``not-a-form``."""
    superseded_by: str = ""
    """For an older second version: the file that replaced it."""
    converted: bool = False
    """Read through a LibreOffice conversion (.et and files calamine cannot open)."""
    answered: int = 0
    """Tasks of the unit with an answer in this file."""
    total: int = 0
    """Tasks of the unit (lead + cooperating)."""
    contact: tuple[tuple[str, str], ...] = ()
    """填报人 / 联系电话 / 审核领导 as written below the table."""
    message: str = ""
    """Why a file was not used (unreadable, not a form), in Chinese."""

    @property
    def time(self) -> dt.datetime | None:
        """The time a newer version is told by: saved time, else the file time."""
        return self.saved or self.mtime


@dataclass(frozen=True, slots=True)
class Returns:
    """Everything read from a folder of returned forms."""

    entries: tuple[Progress, ...] = ()
    """Answers from the files in use (state ``ok``), unmatched rows included (task_id ``""``)."""
    files: tuple[ReturnFile, ...] = ()
    """Every file looked at, in file-name order."""
    issues: IssueList = field(default_factory=_empty_issues, compare=False)
    period: str = ""
    """The period being collected (code)."""

    @property
    def not_forms(self) -> tuple[str, ...]:
        """Files that are not forms (a Word letter, a scan) or could not be read."""
        return tuple(f.file for f in self.files if f.state in ("not-a-form", "unreadable"))

    @property
    def units(self) -> tuple[str, ...]:
        """Units with a file in use, in file order."""
        return tuple(dict.fromkeys(f.unit for f in self.files if f.state == "ok" and f.unit))

    def for_unit(self, unit: str) -> tuple[Progress, ...]:
        """The unit's answers (from its file in use)."""
        return tuple(p for p in self.entries if p.unit == unit)

    def to_frame(self) -> pd.DataFrame:
        """One row per answer: 任务编号, 单位, 职责, 完成状态, 进展情况 … 来源."""
        from govtasks.frames import progress_frame

        return progress_frame(self.entries)


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

    @property
    def sources_text(self) -> str:
        """The provenance as text: one ``file!sheet!cell`` per line."""
        return "\n".join(str(s) for s in self.sources)


@dataclass(frozen=True, slots=True, kw_only=True)
class UnitReturn:
    """The return status of one unit (填报情况)."""

    unit: str
    lead_tasks: int = 0
    coop_tasks: int = 0
    file: str = ""
    """The file in use; ``""`` when the unit has not returned."""
    time: dt.datetime | None = None
    answered: int = 0
    other_files: tuple[str, ...] = ()
    """Files of this unit not used (older versions, wrong period)."""

    @property
    def returned(self) -> bool:
        """Whether a file of this unit is in use."""
        return bool(self.file)

    @property
    def total(self) -> int:
        """Tasks the unit has to answer."""
        return self.lead_tasks + self.coop_tasks


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
    issues: IssueList = field(default_factory=_empty_issues, compare=False)
    append_coop: bool = False
    """Whether the cooperating units' text was appended to 进展情况."""

    @property
    def tasks(self) -> tuple[ReportRow, ...]:
        """The task rows (no section rows)."""
        return tuple(r for r in self.rows if r.kind == "task")

    @property
    def missing_units(self) -> tuple[str, ...]:
        """Units that have not returned."""
        return tuple(u.unit for u in self.units if not u.returned)

    def to_frame(self) -> pd.DataFrame:
        """One row per task: 任务编号, 序号, 一级标题…, 目标与任务, 牵头责任单位, 责任单位, 进展情况, 完成状态, 来源."""
        from govtasks.frames import report_frame

        return report_frame(self)

    def units_frame(self) -> pd.DataFrame:
        """One row per unit (填报情况): returned or not, file, time, tasks answered / total."""
        from govtasks.frames import unit_returns_frame

        return unit_returns_frame(self.units)
