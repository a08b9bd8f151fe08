"""The model of returned forms: frozen dataclasses, no I/O.

A unit's answer for one task is a :class:`Progress`; the files read are
:class:`ReturnFile` records; :class:`Returns` holds both with the issues found
while reading, and the texts of older versions that lost to a newer answer
(:class:`OtherVersion`). :class:`UnitReturn` is one unit's return status (填报情况).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterable

from govtasks.issues import CellRef, IssueList

if TYPE_CHECKING:
    import pandas as pd

ROLE_LEAD = "牵头"
ROLE_COOP = "配合"
STATUSES: tuple[str, ...] = ("已完成", "序时推进", "滞后", "未启动")
"""The 完成状态 vocabulary of the forms (docs/form-contract.md)."""


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
    via: CellRef | None = field(default=None, compare=False)
    """For a cooperating unit's answer relayed in a lead unit's round-two form (its sheet
    配合单位反馈): the row of that sheet; ``source`` is then the round-one cell it came from."""

    @property
    def is_empty(self) -> bool:
        """True when the unit wrote nothing in any answer column."""
        return not (self.status or self.progress or self.problems or self.next_steps or self.note or self.extra)

    def texts(self) -> list[tuple[str, str]]:
        """Every non-empty text the unit wrote, as (Chinese label, text)."""
        pairs = [("完成状态", self.status), ("进展情况", self.progress), ("存在问题", self.problems),
                 ("下步计划", self.next_steps), ("备注", self.note), *self.extra]
        return [(label, text) for label, text in pairs if text]


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
    round: str = ""
    """The form's round of collection: ``"coop"`` (配合单位报牵头单位), ``"lead"`` (牵头单位综合报送) or ``""``."""

    @property
    def time(self) -> dt.datetime | None:
        """The time a newer version is told by: saved time, else the file time."""
        return self.saved or self.mtime


@dataclass(frozen=True, slots=True, kw_only=True)
class OtherVersion:
    """A text a unit wrote in one version of its return that the answer in use does not hold (sheet 其他版本).

    When a unit sends several versions, each task's answer comes from the newest version that
    answers it; every other text it wrote for the task (in any version) is kept here, so that
    nothing a unit wrote is lost. Texts equal to the answer in use are not repeated.
    """

    unit: str
    task_id: str
    """The task; ``""`` for a row that matches no task."""
    label: str
    """The column: 完成状态, 进展情况, 存在问题, 下步计划, 备注, or another column's label."""
    text: str
    source: CellRef | None = field(default=None, compare=False)
    """The cell the text is in (file!sheet!cell)."""
    time: dt.datetime | None = None
    """The version's time (saved time, else file time)."""
    task_text: str = ""
    """任务内容 as written in the row (what an unmatched row is about)."""


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
    on_time: bool | None = None
    """Whether the file in use was saved by the due date (its saved time, else the file's);
    None without a due date, a file, or a time."""
    feedback_files: tuple[str, ...] = ()
    """Round two: the unit's round-one forms sent to the office, merged as cooperating feedback only."""

    @property
    def returned(self) -> bool:
        """Whether a file of this unit is in use."""
        return bool(self.file)

    @property
    def total(self) -> int:
        """Tasks the unit has to answer."""
        return self.lead_tasks + self.coop_tasks


@dataclass(frozen=True, slots=True)
class Returns:
    """Everything read from a folder of returned forms."""

    entries: tuple[Progress, ...] = ()
    """Answers from the files in use (state ``ok``), unmatched rows included (task_id ``""``)."""
    files: tuple[ReturnFile, ...] = ()
    """Every file looked at, in file-name order."""
    issues: IssueList = field(default_factory=IssueList, compare=False)
    period: str = ""
    """The period being collected (code)."""
    due: dt.date | None = None
    """The due date for returns (``read_returns(due=…)``); files saved after it are 逾期."""
    versions: tuple[OtherVersion, ...] = ()
    """Texts of older (or not used) versions that the answers in use do not hold, per unit and task."""
    round: str = ""
    """The round being collected: ``"coop"``, ``"lead"`` or ``""`` (one round)."""

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
        return progress_frame(self.entries)


PROGRESS_COLUMNS = ("任务编号", "单位", "职责", "完成状态", "进展情况", "存在问题", "下步计划", "备注", "其他内容",
                    "序号（表内）", "任务内容（表内）", "来源")


def progress_frame(entries: Iterable[Progress]) -> pd.DataFrame:
    """One row per answer of a unit (``Returns.to_frame``; the report's feedback lists)."""
    import pandas as pd

    rows = [(p.task_id, p.unit, p.role, p.status, p.progress, p.problems, p.next_steps, p.note,
             "\n".join(f"{label}：{text}" for label, text in p.extra), p.number, p.task_text, str(p.source or ""))
            for p in entries]
    return pd.DataFrame(rows, columns=list(PROGRESS_COLUMNS))
