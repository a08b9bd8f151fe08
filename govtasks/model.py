"""The data model: frozen dataclasses, no I/O.

A :class:`Breakdown` (重点工作任务分解) is a title plus numbered :class:`Task`
rows, each under a section path of up to three levels, with its deadline, lead
and cooperating units, leaders and persons. Model objects never fail to build
because of user data: readers report bad data as issues instead.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

    from govtasks.issues import IssueList


@dataclass(frozen=True, slots=True, kw_only=True)
class CellRef:
    """Where something came from: ``file!sheet!A1`` as a clerk would look it up."""

    file: str
    """File name as the user knows it (not a temporary path)."""
    sheet: str = ""
    row: int = 0
    """1-based row as Excel shows it; 0 when unknown (whole file or sheet)."""
    column: str = ""
    """Column letter, e.g. ``"F"``; empty for a whole row."""

    def __str__(self) -> str:
        if self.sheet and self.row:  # the common case: file!sheet!A1
            return f"{self.file}!{self.sheet}!{self.column}{self.row}"
        parts = [self.file]
        if self.sheet:
            parts.append(self.sheet)
        if self.row and not self.sheet and not self.column:
            parts.append(f"第{self.row}行")  # a line of a text document
        elif self.row:
            parts.append(f"{self.column}{self.row}")
        return "!".join(parts)


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


# A bulk builder for the importers and readers. A frozen dataclass's __init__ sets each field
# through object.__setattr__ (0.7 µs for a CellRef); this fills the slots directly (0.3 µs).
# Callers pass every field. (Task has no slots: the importer fills its instance dict directly,
# see importers._draft._tasks. CellRef keeps them: it is the most numerous object, one per
# task, answer and issue, and slots save ≈ 150 bytes each.)
_new = object.__new__


_SET_REF = tuple(CellRef.__dict__[name].__set__ for name in ("file", "sheet", "row", "column"))  # slot setters


def make_cell_ref(file: str, sheet: str, row: int, column: str) -> CellRef:
    """``CellRef(file=…, sheet=…, row=…, column=…)`` for bulk use (fills the slots directly)."""
    ref = _new(CellRef)
    set_file, set_sheet, set_row, set_column = _SET_REF
    set_file(ref, file)
    set_sheet(ref, sheet)
    set_row(ref, row)
    set_column(ref, column)
    return ref


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
    issues: IssueList = field(default=None, compare=False)  # type: ignore[assignment]
    """Problems found while reading; not part of equality."""
    layout: str = field(default="", compare=False)
    """Which importer read it: standard, table, text, plan (set by import_breakdown)."""

    def __post_init__(self) -> None:
        if self.issues is None:
            from govtasks.issues import IssueList

            object.__setattr__(self, "issues", IssueList())

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
        """One row per task, with the standard workbook's Chinese column labels."""
        from govtasks.frames import breakdown_frame

        return breakdown_frame(self)

    def replace(self, **changes: Any) -> Breakdown:
        """A copy with some fields changed (the model is immutable)."""
        from dataclasses import replace

        return replace(self, **changes)
