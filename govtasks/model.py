"""The data model of a task breakdown: frozen dataclasses, no I/O. Part of the core.

A :class:`Breakdown` (重点工作任务分解) is a title plus numbered :class:`Task`
rows, each under a section path of up to three levels, with its deadline, lead
and cooperating units, leaders and persons. Model objects never fail to build
because of user data: readers report bad data as issues instead.
:data:`STANDARD_COLUMNS` are the Chinese labels of the standard workbook's
columns (docs/format.md), also used by :meth:`Breakdown.to_frame`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING, Any, Iterable

from govtasks.issues import CellRef, IssueList

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["STANDARD_COLUMNS", "PROGRESS_LABEL", "CellRef", "Deadline", "DeadlineKind", "Task", "Layout", "RosterUnit",
           "Breakdown", "unit_tasks"]

# The standard workbook (docs/format.md): field → label, in column order.
STANDARD_COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", "任务编号"), ("number", "序号"), ("section1", "一级标题"), ("section2", "二级标题"),
    ("section3", "三级标题"), ("text", "任务内容"), ("deadline", "完成时限"), ("lead", "牵头单位"),
    ("coop", "责任单位"), ("leaders", "牵头领导"), ("persons", "责任人"), ("note", "备注"),
)
PROGRESS_LABEL = "进展情况"


class DeadlineKind(str, Enum):
    """What a 完成时限 text means."""

    DATE = "date"          # a due date: 2023年12月底前, 6月底前, 年底, 第三季度 ...
    ONGOING = "ongoing"    # 持续推进, 长期坚持: no single due date
    NONE = "none"          # the cell is empty
    UNPARSED = "unparsed"  # kept as written; meaning unknown (an issue says so)


@dataclass(frozen=True, slots=True, kw_only=True)
class Deadline:
    """A 完成时限: the text as written, plus its parsed meaning."""

    text: str = ""
    kind: DeadlineKind = DeadlineKind.NONE
    due: dt.date | None = None
    """Last day the task is due, when the text gives one."""

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True, kw_only=True)
class Task:
    """One numbered task of a breakdown."""

    id: str
    """Stable task ID (任务编号), e.g. ``"T042"``; written into every form."""
    number: str = ""
    """序号 as written in the source."""
    path: tuple[str, ...] = ()
    """Section headings in force, outermost first (一级/二级/三级标题), at most 3."""
    text: str = ""
    """任务内容."""
    deadline: Deadline = Deadline()
    lead: tuple[str, ...] = ()
    """牵头单位, canonical names."""
    coop: tuple[str, ...] = ()
    """责任单位 / 配合单位 (cooperating units), canonical names."""
    leaders: tuple[str, ...] = ()
    """牵头领导 / 责任领导."""
    persons: tuple[str, ...] = ()
    """责任人."""
    note: str = ""
    """备注."""
    progress: str = ""
    """进展情况, when the source has it."""
    extra: tuple[tuple[str, str], ...] = ()
    """Other columns of the source, as (header, value) pairs, kept by header."""
    source: CellRef | None = field(default=None, compare=False)
    """The source row of this task."""

    @property
    def units(self) -> tuple[str, ...]:
        """Lead units then cooperating units, without repeats."""
        return tuple(dict.fromkeys(self.lead + self.coop))

    def role_of(self, unit: str) -> str | None:
        """``"牵头"``, ``"配合"`` or None for the given unit."""
        if unit in self.lead:
            return "牵头"
        if unit in self.coop:
            return "配合"
        return None


class Layout(str):
    """How a breakdown was read: the importer's name (a str: ``"table"``, ``"text"`` …) and,
    in :attr:`decisions`, what it decided about the document's columns, in Chinese."""

    decisions: tuple[str, ...]

    def __new__(cls, kind: str = "", decisions: Iterable[str] = ()) -> Layout:
        layout = super().__new__(cls, kind)
        layout.decisions = tuple(decisions)
        return layout


@dataclass(frozen=True, slots=True, kw_only=True)
class RosterUnit:
    """One unit of the roster (sheet 单位): its name, aliases and groups."""

    name: str
    aliases: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    """Group names this unit belongs to, e.g. ``("各镇政府",)``."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Breakdown:
    """A task breakdown (重点工作任务分解)."""

    title: str = ""
    year: int | None = None
    issuer: str = ""
    """发文机关, e.g. 芜湖市人民政府."""
    doc_number: str = ""
    """文号."""
    source: str = ""
    """Where the data came from (free text)."""
    tasks: tuple[Task, ...] = ()
    roster: tuple[RosterUnit, ...] = ()
    issues: IssueList = field(default_factory=IssueList, compare=False)
    """Problems found while reading; not part of equality."""
    layout: str = field(default="", compare=False)
    """Which importer read it: standard, table, text, plan (set by import_breakdown); a
    :class:`Layout` whose ``decisions`` say how the columns were read."""

    @property
    def units(self) -> tuple[str, ...]:
        """Every unit named by a task (lead or cooperating), in first-seen order."""
        seen: dict[str, None] = {}
        for task in self.tasks:
            seen.update(dict.fromkeys(task.units))
        return tuple(seen)

    def task(self, task_id: str) -> Task:
        """The task with the given ID; KeyError when there is none."""
        for task in self.tasks:
            if task.id == task_id:
                return task
        raise KeyError(task_id)

    def for_unit(self, name: str) -> tuple[Task, ...]:
        """The unit's tasks: those it leads first, then those it cooperates on."""
        led = tuple(t for t in self.tasks if name in t.lead)
        coop = tuple(t for t in self.tasks if name in t.coop and name not in t.lead)
        return led + coop

    def to_frame(self) -> pd.DataFrame:
        """One row per task, with the standard workbook's Chinese column labels; 截止日期 is the parsed
        due date (datetime64), units are joined with 、, other source columns follow."""
        import pandas as pd

        labels = dict(STANDARD_COLUMNS)
        rows = []
        for t in self.tasks:
            path = list(t.path) + ["", "", ""]
            row = {
                labels["id"]: t.id, labels["number"]: t.number, labels["section1"]: path[0],
                labels["section2"]: path[1], labels["section3"]: path[2], labels["text"]: t.text,
                labels["deadline"]: t.deadline.text, "截止日期": t.deadline.due, labels["lead"]: "、".join(t.lead),
                labels["coop"]: "、".join(t.coop), labels["leaders"]: "、".join(t.leaders),
                labels["persons"]: "、".join(t.persons), labels["note"]: t.note, PROGRESS_LABEL: t.progress,
            }
            row.update(t.extra)
            rows.append(row)
        columns = [labels[f] for f, _ in STANDARD_COLUMNS[:7]] + ["截止日期"] + [labels[f] for f, _ in STANDARD_COLUMNS[7:]]
        columns.append(PROGRESS_LABEL)
        extras = dict.fromkeys(k for t in self.tasks for k, _ in t.extra if k not in columns)
        frame = pd.DataFrame(rows, columns=columns + list(extras))
        frame["截止日期"] = pd.to_datetime(frame["截止日期"])
        return frame

    def replace(self, **changes: Any) -> Breakdown:
        """A copy with some fields changed (the model is immutable)."""
        from dataclasses import replace

        return replace(self, **changes)


_LAST_UNIT_TASKS: list[tuple[Breakdown, dict[str, tuple[tuple[Task, ...], tuple[Task, ...]]]]] = []


def unit_tasks(breakdown: Breakdown) -> dict[str, tuple[tuple[Task, ...], tuple[Task, ...]]]:
    """Every unit (first-seen order) → (tasks it leads, tasks it only cooperates on), in task order.

    Writing forms, reading returns, checking who is missing and merging each need it for the
    same breakdown; a Breakdown is immutable, so the last one's answer is kept (by identity).
    Callers must not change the returned dict.
    """
    last = _LAST_UNIT_TASKS[0] if _LAST_UNIT_TASKS else None
    if last is not None and last[0] is breakdown:
        return last[1]
    lead: dict[str, list[Task]] = {}
    coop: dict[str, list[Task]] = {}
    for task in breakdown.tasks:
        for unit in task.lead:
            lead.setdefault(unit, [])
            coop.setdefault(unit, [])
            lead[unit].append(task)
        for unit in task.coop:
            lead.setdefault(unit, [])
            coop.setdefault(unit, [])
            if unit not in task.lead:
                coop[unit].append(task)
    found = {u: (tuple(lead[u]), tuple(coop[u])) for u in lead}
    _LAST_UNIT_TASKS[:] = [(breakdown, found)]
    return found
